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

/// One clause (or the preamble) of one version, as the search index holds it (short keys:
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
    /// The clause's text without markup, its blocks' values included.
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
    let as_of = policy.as_of(index, views.today);
    let text_of = |segments: &[Segment]| segments_text(views, lang, segments, &text.source.text, as_of);
    let entry = |u: String, t: String, x: String| Entry {
        p: policy.title(lang).to_string(),
        v: date.clone(),
        s: status,
        u,
        t,
        x,
    };
    let mut entries = Vec::new();
    let preamble = text_of(&text.body.preamble);
    if !preamble.is_empty() {
        entries.push(entry(page.clone(), views.i18n.text(lang, "preamble-label"), preamble));
    }
    let mut add = |clause: &Clause| {
        let number = numbers.get(&clause.id).map(|n| views.number_label(lang, policy.meta.numbering, n));
        let title = match number {
            Some(number) => format!("{number} {}", clause.title),
            None => clause.title.clone(),
        };
        entries.push(entry(format!("{page}#{}", clause.id), title, text_of(&clause.content)));
    };
    for clause in &text.body.clauses {
        add(clause);
        clause.children.iter().for_each(&mut add);
    }
    entries
}

/// The text of segments: their Markdown without markup, and the values of
/// their blocks as of `day` (a desk's phone, a destination's service).
fn segments_text(
    views: &Views<'_, '_>,
    lang: &str,
    segments: &[Segment],
    source: &str,
    day: jiff::civil::Date,
) -> String {
    let governing = &views.site.config.governing_language;
    let mut out = String::new();
    for segment in segments {
        match segment {
            Segment::Markdown(range) => out.push_str(&plain_text(source.get(range.clone()).unwrap_or_default())),
            Segment::Block(block_ref) => {
                let Some(block) = views.site.blocks.get(&block_ref.id) else { continue };
                if let Some(revision) = block.revision_on(day) {
                    let label = |key: &str| views.i18n.text(lang, key);
                    out.push_str(&revision.view(block, lang, governing).plain_text(lang, &label));
                }
            }
        }
        out.push(' ');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Markdown's text, without markup.
fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(markdown, crate::parse::markdown::options()) {
        match event {
            Event::Text(text) | Event::Code(text) => out.push_str(&text),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) | Event::Start(Tag::Item) => out.push(' '),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    #[test]
    fn clause_text_loses_its_markup_but_not_its_words() {
        let source = "当社は**個人情報**を[適切に](#x)扱います。\n\n1. 氏名\n2. `住所`\n";
        let text = plain_text(source).split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(text, "当社は個人情報を適切に扱います。 氏名 住所");
    }
}
