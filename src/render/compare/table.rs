//! The 新旧対照表 of a revision as its page shows it (rows of 改定前 |
//! 改定後, unchanged clauses elided), and the per-version list of changed
//! clauses the history page shows, built on the alignment of
//! [`crate::render::compare`]. The page itself is made in `page.rs`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::Policy;
use crate::render::compare::{Entry, compares_by_character, delta, diff_changed_parts};
use crate::render::view::{ChangeKind, ClauseChangeView};
use crate::render::view::{DateView, VersionView, Views};

/// One side of a comparison.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ComparedVersion {
    /// The version's effective date (施行日).
    pub effective: DateView,
    /// The version's permanent page, in the page's language.
    pub path: String,
}

/// A row of the 新旧対照表: 改定箇所 | 改定前 | 改定後.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ChangeRowView {
    /// What happened to the clause; the theme also uses it as a class (`k-change-{kind}`).
    pub kind: ChangeKind,
    /// The clause's id in the new version (the old one for removed clauses).
    pub id: String,
    /// The clause's id in the old version; `None` for an added clause.
    pub old_id: Option<String>,
    /// Its number and title in the old version (`第3条 利用目的`); `None` for an added clause.
    pub old_label: Option<String>,
    /// Its number and title in the new version; `None` for a removed clause.
    pub new_label: Option<String>,
    /// The old text with deletions in `<del>`.
    pub old_html: String,
    /// The new text with insertions in `<ins>`.
    pub new_html: String,
    /// The clause in the new version (or, when removed, in the old one).
    pub path: String,
    /// For a moved clause, where it was: the label of the clause it followed
    /// in the old version, or `""` when it came first. `None` otherwise.
    pub moved_from: Option<String>,
}

/// A clause named in a list.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ClauseRefView {
    /// The clause's id in the new version (`""` for the preamble).
    pub id: String,
    /// Its number and title in the new version (`第4条 利用目的`).
    pub label: String,
    /// The clause on the new version's page (`/ja/privacy/2023-06-16/#purposes`).
    pub path: String,
    /// Its label in the old version, when another clause's coming or going
    /// renumbered it (条ずれ).
    pub was: Option<String>,
}

/// The comparison of a version with the one before it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ComparisonView {
    /// The older version: the one just before `to`.
    pub from: ComparedVersion,
    /// The newer version, whose 新旧対照表 this is.
    pub to: ComparedVersion,
    /// The changed clauses (and the preamble, as 前文), in reading order.
    pub rows: Vec<ChangeRowView>,
    /// The clauses (and preamble) the revision left as they were, in the new version's order.
    pub unchanged: Vec<ClauseRefView>,
    /// Whether text was compared by character (Japanese) or by word.
    pub by_character: bool,
    /// The language of the texts compared: the page's, or the governing
    /// language where either version lacks the page's.
    pub text_lang: String,
}

/// The preamble's key in comparisons: not a valid clause id, so no clash.
const PREAMBLE: &str = "";

fn entries(version: &VersionView, preamble_label: &str) -> Vec<Entry> {
    let mut entries = Vec::new();
    if !version.preamble_text.is_empty() {
        entries.push(Entry {
            id: PREAMBLE.into(),
            label: preamble_label.into(),
            title: preamble_label.into(),
            text: version.preamble_text.clone(),
        });
    }
    for clause in version.clauses.iter().flat_map(|c| std::iter::once(c).chain(&c.children)) {
        let label = match &clause.number {
            Some(number) => format!("{number} {}", clause.title),
            None => clause.title.clone(),
        };
        entries.push(Entry { id: clause.id.clone(), label, title: clause.title.clone(), text: clause.text.clone() });
    }
    entries
}

/// A clause's address on a version's page (the preamble is the page itself).
fn anchor(path: &str, id: &str) -> String {
    if id.is_empty() { path.to_string() } else { format!("{path}#{id}") }
}

/// The clause diffs already made for one policy in one language: across
/// the pairs of versions compared, the same two texts of a clause meet
/// again and again (a clause changed once differs the same way in every
/// pair that spans the change), and a diff is the costly part of a row.
#[derive(Debug, Default)]
pub(crate) struct DiffMemo(rustc_hash::FxHashMap<(String, String, bool), (String, String)>);

impl DiffMemo {
    /// The two sides of a changed row, as [`diff_changed_parts`] makes them
    /// (`elision` is the same for the whole memo: it is the language's).
    fn diff(&mut self, old: &str, new: &str, by_character: bool, elision: &str) -> (String, String) {
        let key = (old.to_string(), new.to_string(), by_character);
        if let Some(made) = self.0.get(&key) {
            return made.clone();
        }
        let made = diff_changed_parts(old, new, by_character, elision);
        self.0.insert(key, made.clone());
        made
    }
}

/// The two versions compared, and their entries.
struct Sides<'s> {
    /// The versions' pages in the page's language (the texts may be in another).
    old_path: &'s str,
    new_path: &'s str,
    old_entries: &'s [Entry],
    new_entries: &'s [Entry],
}

impl Sides<'_> {
    /// The row of one changed clause: `o` and `n` index its old and new entries.
    fn row(
        &self,
        (kind, o, n): (ChangeKind, Option<usize>, Option<usize>),
        (by_character, elision): (bool, &str),
        diffs: &mut DiffMemo,
    ) -> ChangeRowView {
        let old_entry = o.map(|i| &self.old_entries[i]);
        let new_entry = n.map(|j| &self.new_entries[j]);
        let (old_html, new_html) = match (old_entry, new_entry) {
            (Some(a), Some(b)) => diffs.diff(&a.text, &b.text, by_character, elision),
            // Whole clauses added or removed: line by line too, so that a
            // table in one is a table.
            (Some(a), None) => (diffs.diff(&a.text, "", by_character, elision).0, String::new()),
            (None, Some(b)) => (String::new(), diffs.diff("", &b.text, by_character, elision).1),
            (None, None) => (String::new(), String::new()),
        };
        let id = new_entry.or(old_entry).map(|e| e.id.clone()).unwrap_or_default();
        // Under every numbering, the place it left says what moved: a number
        // may not have changed, or there may be none.
        let moved_from = (kind == ChangeKind::Moved).then(|| {
            let before = o.and_then(|i| i.checked_sub(1)).map(|i| &self.old_entries[i]);
            before.filter(|e| e.id != PREAMBLE).map(|e| e.label.clone()).unwrap_or_default()
        });
        ChangeRowView {
            moved_from,
            kind,
            path: match new_entry {
                Some(_) => anchor(self.new_path, &id),
                None => anchor(self.old_path, &id),
            },
            id,
            old_id: old_entry.map(|e| e.id.clone()),
            old_label: old_entry.map(|e| e.label.clone()),
            new_label: new_entry.map(|e| e.label.clone()),
            old_html,
            new_html,
        }
    }
}

/// The clause ids renamed from version `old` to version `new`: each
/// version declares its own renames against the one before it, so across
/// several they are followed from the first to the last (a → b, then b → c,
/// is a → c).
fn renamed_between(policy: &Policy<'_>, old: usize, new: usize) -> BTreeMap<String, String> {
    let mut renamed: BTreeMap<String, String> = BTreeMap::new();
    for version in &policy.versions[old + 1..=new] {
        for (from, to) in &version.renamed {
            match renamed.values_mut().find(|later| *later == from) {
                Some(later) => later.clone_from(to),
                None => {
                    renamed.insert(from.clone(), to.clone());
                }
            }
        }
    }
    renamed
}

impl Views<'_, '_> {
    /// The 新旧対照表 of version `new_index` against the earlier version
    /// `old_index`, and the clauses it changed as the history page lists
    /// them; `diffs` keeps the clause diffs made for this policy and language.
    pub(crate) fn comparison(
        &self,
        (lang, policy): (&str, &Policy<'_>),
        (old_index, index): (usize, usize),
        (old, new): (&VersionView, &VersionView),
        diffs: &mut DiffMemo,
    ) -> (ComparisonView, Vec<ClauseChangeView>) {
        let preamble = self.i18n.text(lang, "preamble-label");
        let (old_entries, new_entries) = (entries(old, &preamble), entries(new, &preamble));
        let renamed = &renamed_between(policy, old_index, index);
        let by_character = compares_by_character(&new.text_lang);
        let elision = self.i18n.text(lang, "changes-elided");
        let delta = delta(&old_entries, &new_entries, renamed);
        let (old_date, new_date) = (policy.versions[old_index].effective, policy.versions[index].effective);
        let old_path = &policy.versions[old_index].routes(lang).page.path;
        let new_path = &policy.versions[index].routes(lang).page.path;
        let sides = Sides { old_path, new_path, old_entries: &old_entries, new_entries: &new_entries };
        let rows = delta.rows.iter().map(|&row| sides.row(row, (by_character, &elision), diffs)).collect();
        let changed = delta
            .rows
            .iter()
            .filter_map(|&(kind, o, n)| {
                let entry = n.map(|j| &new_entries[j]).or(o.map(|i| &old_entries[i]))?;
                (entry.id != PREAMBLE).then(|| ClauseChangeView {
                    kind,
                    id: entry.id.clone(),
                    title: entry.title.clone(),
                })
            })
            .collect();
        let unchanged = delta
            .unchanged
            .iter()
            .map(|&j| {
                let entry = &new_entries[j];
                let old_id = renamed.iter().find(|(_, new)| **new == entry.id).map_or(&entry.id, |(old, _)| old);
                let was = old_entries.iter().find(|e| e.id == *old_id).map(|e| &e.label).filter(|l| **l != entry.label);
                ClauseRefView {
                    id: entry.id.clone(),
                    label: entry.label.clone(),
                    path: anchor(new_path, &entry.id),
                    was: was.cloned(),
                }
            })
            .collect();
        let view = ComparisonView {
            from: ComparedVersion { effective: self.date(lang, old_date), path: old_path.clone() },
            to: ComparedVersion { effective: self.date(lang, new_date), path: new_path.clone() },
            rows,
            unchanged,
            by_character,
            text_lang: new.text_lang.clone(),
        };
        (view, changed)
    }
}
