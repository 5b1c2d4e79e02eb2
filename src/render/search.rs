//! Search across every policy in the reader's language, in the browser,
//! with no server: each language's search page, and its index as JSON.
//!
//! An entry is one clause of one version: where it leads (the clause's
//! anchor on the canonical page for the version in force, else on the
//! version's permanent page), the policy, the version's date and status,
//! the clause's number and title, and its text without markup. The
//! versions in force or upcoming are one file; the archived ones another,
//! fetched only when the reader asks for past versions. The browser
//! (`kiyaku-search.js`) indexes the text by character bigrams, so Japanese
//! needs no spaces to be found.

use minijinja::Environment;
use minijinja::value::{Serde, Value};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::model::{Policy, Status};
use crate::parse::{Clause, Segment};
use crate::render::view::{PageView, Views};
use crate::render::{OutputFile, export, html};

/// One clause of one version, as the search index holds it (short keys:
/// the index of a large site is megabytes).
#[derive(Debug, Serialize)]
pub(crate) struct Entry {
    /// The policy's title.
    pub p: String,
    /// The version's effective date, written out.
    pub v: String,
    /// `in-force`, `upcoming` or `archived`.
    pub s: Status,
    /// The clause on its page, with its anchor.
    pub u: String,
    /// The clause's number and title.
    pub t: String,
    /// The clause's text without markup.
    pub x: String,
}

#[derive(Serialize)]
struct SearchPage<'a> {
    lang: &'a str,
    page: PageView,
    index_path: String,
    archive_path: String,
}

/// The search page and both index files of `lang`.
pub(crate) fn render(
    views: &Views<'_, '_>,
    env: &Environment<'static>,
    lang: &str,
) -> Result<Vec<OutputFile>, minijinja::Error> {
    let urls = &views.site.urls;
    let (mut current, mut archived) = (Vec::new(), Vec::new());
    for policy in &views.site.policies {
        for index in 0..policy.versions.len() {
            let status = policy.status(index, views.today);
            let entries = version_entries(views, lang, policy, index, status);
            if status == Status::Archived { archived.extend(entries) } else { current.extend(entries) }
        }
    }
    let title = views.i18n.text(lang, "search-title");
    let page = views.page(lang, "search", title, &|l| urls.search(l));
    let context = SearchPage {
        lang,
        page,
        index_path: urls.search_index(lang).path,
        archive_path: urls.search_archive(lang).path,
    };
    Ok(vec![
        html(env, "search.html", &urls.search(lang).file, Value::from(Serde(context)))?,
        export::json_file(urls.search_index(lang).file, &current),
        export::json_file(urls.search_archive(lang).file, &archived),
    ])
}

fn version_entries(views: &Views<'_, '_>, lang: &str, policy: &Policy<'_>, index: usize, status: Status) -> Vec<Entry> {
    let version = &policy.versions[index];
    let governing = &views.site.config.governing_language;
    let (text, _) = version.text(lang, governing);
    let numbers = crate::model::numbers::numbers(&text.body.clauses, policy.meta.numbering);
    let page = if policy.canonical(views.today) == index {
        policy.routes(lang).canonical.path.clone()
    } else {
        version.routes(lang).page.path.clone()
    };
    let date = views.date(lang, version.effective).text;
    let mut entries = Vec::new();
    let mut add = |clause: &Clause| {
        let number = numbers.get(&clause.id).map(|n| views.number_label(lang, policy.meta.numbering, n));
        let title = match number {
            Some(number) => format!("{number} {}", clause.title),
            None => clause.title.clone(),
        };
        entries.push(Entry {
            p: policy.title(lang).to_string(),
            v: date.clone(),
            s: status,
            u: format!("{page}#{}", clause.id),
            t: title,
            x: plain_text(&clause.content, &text.source.text),
        });
    };
    for clause in &text.body.clauses {
        add(clause);
        clause.children.iter().for_each(&mut add);
    }
    entries
}

/// The text of a clause's Markdown, without markup; blocks left out.
fn plain_text(segments: &[Segment], source: &str) -> String {
    let mut out = String::new();
    for segment in segments {
        let Segment::Markdown(range) = segment else { continue };
        let markdown = source.get(range.clone()).unwrap_or_default();
        for event in Parser::new_ext(markdown, crate::parse::markdown::options()) {
            match event {
                Event::Text(text) | Event::Code(text) => out.push_str(&text),
                Event::SoftBreak | Event::HardBreak => out.push(' '),
                Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) | Event::Start(Tag::Item) => {
                    out.push(' ')
                }
                _ => {}
            }
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::plain_text;
    use crate::parse::Segment;

    #[test]
    fn clause_text_loses_its_markup_but_not_its_words() {
        let source = "当社は**個人情報**を[適切に](#x)扱います。\n\n1. 氏名\n2. `住所`\n";
        let text = plain_text(&[Segment::Markdown(0..source.len())], source);
        assert_eq!(text, "当社は個人情報を適切に扱います。 氏名 住所");
    }
}
