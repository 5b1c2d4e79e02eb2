//! Search across every policy in the reader's language, in the browser,
//! with no server: each language's search page, and its index as JSON.
//!
//! An entry is one clause text of one policy: the policy, the clause's
//! number and title, its text without markup, and where it is (`w`): each
//! version holding that very text, with the clause's anchor (on the
//! canonical page for the version in force, else on the version's
//! permanent page), the version's date and status. A clause most
//! revisions leave as it was is then one entry, not one per version, which
//! keeps the index of a policy with many versions small. The versions in
//! force or upcoming are one file; the archived ones another, fetched only
//! when the reader asks for past versions. The browser
//! (`kiyaku-search.js`) indexes the text by character bigrams, so Japanese
//! needs no spaces to be found.

use minijinja::Environment;
use minijinja::value::{Serde, Value};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::model::{Policy, Status};
use crate::parse::Segment;
use crate::render::view::{PageView, Views};
use std::sync::Arc;

use rayon::prelude::*;

use crate::render::{OutputFile, html};

/// One clause text (or a preamble) of one policy, as the search index holds
/// it (short keys: the index of a large site is megabytes).
#[derive(Debug, Serialize)]
pub(crate) struct Entry {
    /// The policy's title.
    pub p: String,
    /// The clause's number and title.
    pub t: String,
    /// The clause's text without markup, its blocks' values included.
    pub x: String,
    /// The versions holding this text: the one in force, then the
    /// upcoming, then the archived, newest first.
    pub w: Vec<Place>,
}

/// Where an entry's text is: one version's clause.
#[derive(Debug, Serialize)]
pub(crate) struct Place {
    /// The clause on its page, with its anchor.
    pub u: String,
    /// The version's effective date, written out.
    pub v: String,
    /// `in-force`, `upcoming` or `archived`.
    pub s: Status,
}

/// The entries of one policy in one index file, each text once.
#[derive(Default)]
struct Index {
    entries: Vec<Entry>,
    /// (title, text) → its entry.
    at: rustc_hash::FxHashMap<(String, String), usize>,
}

impl Index {
    fn add(&mut self, (p, t, x): (&str, String, String), place: Place) {
        let key = (t, x);
        if let Some(&i) = self.at.get(&key) {
            self.entries[i].w.push(place);
            return;
        }
        let (t, x) = key.clone();
        self.at.insert(key, self.entries.len());
        self.entries.push(Entry { p: p.to_string(), t, x, w: vec![place] });
    }

    /// The entries as JSON array items, without the brackets.
    fn items(&self) -> Vec<u8> {
        let mut json = serde_json::to_vec(&self.entries).unwrap_or_default();
        json.pop();
        if !json.is_empty() {
            json.remove(0);
        }
        json
    }
}

/// One policy's part of a language's two index files, as JSON array
/// items: the versions in force or upcoming, and the archived.
#[derive(Debug, Clone, Default)]
struct PolicyItems {
    current: Vec<u8>,
    archived: Vec<u8>,
}

/// Each policy's part of the index at the last build, by slug and language:
/// a preview that renders only the policies that changed (`serve`) takes
/// the others' from here instead of reading every version again.
#[derive(Debug, Default)]
pub(crate) struct SearchMemo(std::sync::Mutex<std::collections::HashMap<(String, String), Kept>>);

/// A policy's part, and the day it was made for.
type Kept = (jiff::civil::Date, Arc<PolicyItems>);

#[derive(Serialize)]
struct SearchPage<'a> {
    lang: &'a str,
    page: PageView,
    index_path: String,
    archive_path: String,
}

/// Which policies' parts of the index are made again: all, or with `only`
/// those (the others' are taken from `memo`, where it has them).
#[derive(Clone, Copy)]
pub(crate) struct Scope<'s> {
    pub only: Option<&'s std::collections::BTreeSet<String>>,
    pub memo: Option<&'s SearchMemo>,
}

impl SearchMemo {
    /// A policy's part as made for `day` (a version's status depends on it).
    fn get(&self, (slug, lang): (&str, &str), day: jiff::civil::Date) -> Option<Arc<PolicyItems>> {
        let memo = self.0.lock().unwrap_or_else(|e| e.into_inner());
        memo.get(&(slug.to_string(), lang.to_string()))
            .filter(|(made, _)| *made == day)
            .map(|(_, items)| Arc::clone(items))
    }

    fn keep(&self, (slug, lang): (&str, &str), day: jiff::civil::Date, items: Arc<PolicyItems>) {
        let mut memo = self.0.lock().unwrap_or_else(|e| e.into_inner());
        memo.insert((slug.to_string(), lang.to_string()), (day, items));
    }
}

/// The search page and both index files of `lang`.
pub(crate) fn render(
    views: &Views<'_, '_>,
    env: &Environment<'static>,
    lang: &str,
    scope: &Scope<'_>,
) -> Result<Vec<OutputFile>, minijinja::Error> {
    let urls = &views.site.urls;
    let parts: Vec<Arc<PolicyItems>> = views
        .site
        .policies
        .par_iter()
        .map(|policy| {
            let unchanged = scope.only.is_some_and(|only| !only.contains(&policy.slug));
            let key = (policy.slug.as_str(), lang);
            if let Some(kept) = scope.memo.filter(|_| unchanged).and_then(|memo| memo.get(key, views.today)) {
                return kept;
            }
            let items = Arc::new(policy_items(views, lang, policy));
            if let Some(memo) = scope.memo {
                memo.keep(key, views.today, Arc::clone(&items));
            }
            items
        })
        .collect();
    let file = |path: String, part: fn(&PolicyItems) -> &[u8]| {
        let mut json = b"[".to_vec();
        for items in parts.iter().map(|items| part(items)).filter(|items| !items.is_empty()) {
            if json.len() > 1 {
                json.push(b',');
            }
            json.extend_from_slice(items);
        }
        json.extend_from_slice(b"]\n");
        OutputFile::new(path, json)
    };
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
        file(urls.search_index(lang).file, |items| &items.current),
        file(urls.search_archive(lang).file, |items| &items.archived),
    ])
}

/// One policy's entries in both index files.
fn policy_items(views: &Views<'_, '_>, lang: &str, policy: &Policy<'_>) -> PolicyItems {
    let (mut current, mut archived) = (Index::default(), Index::default());
    // Newest first: a text's first place is its latest version.
    let mut plain = PlainMemo::default();
    for index in (0..policy.versions.len()).rev() {
        let status = policy.status(index, views.today);
        let into = if status == Status::Archived { &mut archived } else { &mut current };
        for (t, x, place) in version_entries(views, lang, (policy, index, status), &mut plain) {
            into.add((policy.title(lang), t, x), place);
        }
    }
    for entry in &mut current.entries {
        // Pushed newest first; the version in force leads all the same.
        entry.w.sort_by_key(|place| place.s != Status::InForce);
    }
    PolicyItems { current: current.items(), archived: archived.items() }
}

/// The plain text of Markdown already seen in this policy: most versions
/// repeat most clauses of the one before word for word.
type PlainMemo<'s> = rustc_hash::FxHashMap<&'s str, String>;

/// Each clause (and the preamble) of one version: its title, its text and
/// where it is.
fn version_entries<'s>(
    views: &Views<'_, '_>,
    lang: &str,
    (policy, index, status): (&'s Policy<'_>, usize, Status),
    plain: &mut PlainMemo<'s>,
) -> Vec<(String, String, Place)> {
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
    let day = policy.as_of(index, views.today);
    let mut text_of = |segments: &[Segment]| segments_text(views, (lang, day), segments, &text.source.text, plain);
    let place = |u: String| Place { u, v: date.clone(), s: status };
    let mut entries = Vec::new();
    let preamble = text_of(&text.body.preamble);
    if !preamble.is_empty() {
        entries.push((views.i18n.text(lang, "preamble-label"), preamble, place(page.clone())));
    }
    let clauses = text.body.clauses.iter().flat_map(|clause| std::iter::once(clause).chain(&clause.children));
    for clause in clauses {
        let number = numbers.get(&clause.id).map(|n| views.number_label(lang, policy.meta.numbering, n));
        let title = match number {
            Some(number) => format!("{number} {}", clause.title),
            None => clause.title.clone(),
        };
        entries.push((title, text_of(&clause.content), place(format!("{page}#{}", clause.id))));
    }
    entries
}

/// The text of segments: their Markdown without markup, and the values of
/// their blocks as of `day` (a desk's phone, a destination's service).
fn segments_text<'s>(
    views: &Views<'_, '_>,
    (lang, day): (&str, jiff::civil::Date),
    segments: &[Segment],
    source: &'s str,
    plain: &mut PlainMemo<'s>,
) -> String {
    let governing = &views.site.config.governing_language;
    let mut out = String::new();
    for segment in segments {
        match segment {
            Segment::Markdown(range) => {
                let markdown = source.get(range.clone()).unwrap_or_default();
                out.push_str(plain.entry(markdown).or_insert_with(|| plain_text(markdown)));
            }
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
