//! Comparing two versions: the 新旧対照表.
//!
//! Clauses are aligned by id (following declared renames), never by
//! position, so a clause inserted early does not make every later one look
//! changed. Each clause is added, removed, changed, moved or unchanged; a
//! moved clause is one whose order relative to the others changed (outside
//! the longest common subsequence). Inside a changed clause the text is
//! compared by character for Japanese (which has no spaces between words)
//! and by word otherwise, and small equal islands between changes are
//! folded into them so the highlight reads as phrases, not confetti.

mod lines;
pub(crate) mod page;
pub mod table;
mod text;

use std::collections::{BTreeMap, BTreeSet};

use crate::render::view::ChangeKind;
pub use lines::diff_changed_parts;
pub use text::{compares_by_character, diff_html};

/// A clause as compared: its id, how it is labelled (number and title),
/// its title alone, and its text.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The clause's id in its own version; `""` for the preamble.
    pub id: String,
    /// How the table names it: number and title (`第3条 利用目的`), the title alone if unnumbered.
    pub label: String,
    /// Its title without the number: a new title is a change, a new number alone is not.
    pub title: String,
    /// Its plain text, the one compared (sub-clauses excluded, its blocks' values included).
    pub text: String,
}

/// How two versions differ, by clause id (ids are the new ones).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Delta {
    /// Rows in reading order: (kind, old entry index, new entry index).
    pub rows: Vec<(ChangeKind, Option<usize>, Option<usize>)>,
    /// New entry indices that did not change.
    pub unchanged: Vec<usize>,
}

/// Aligns `old` and `new` by id; `renamed` maps old ids to new ones.
pub fn delta(old: &[Entry], new: &[Entry], renamed: &BTreeMap<String, String>) -> Delta {
    // Each old clause under its id in the new version.
    let old_ids: Vec<&str> = old.iter().map(|e| renamed.get(&e.id).map_or(e.id.as_str(), String::as_str)).collect();
    let old_index: BTreeMap<&str, usize> = old_ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let new_ids: BTreeSet<&str> = new.iter().map(|e| e.id.as_str()).collect();
    let kept = |i: usize| new_ids.contains(old_ids[i]);
    let common_old: Vec<&str> = (0..old.len()).filter(|&i| kept(i)).map(|i| old_ids[i]).collect();
    let common_new: Vec<&str> = new.iter().map(|e| e.id.as_str()).filter(|id| old_index.contains_key(id)).collect();
    let in_order = longest_common_order(&common_old, &common_new);
    let mut delta = Delta::default();
    let mut emitted_old = vec![false; old.len()];
    // Removed clauses are listed where they stood: before the next common one.
    let mut removed_upto = 0;
    for (j, entry) in new.iter().enumerate() {
        let Some(&i) = old_index.get(entry.id.as_str()) else {
            delta.rows.push((ChangeKind::Added, None, Some(j)));
            continue;
        };
        for (removed, emitted) in emitted_old.iter_mut().enumerate().take(i).skip(removed_upto) {
            if !kept(removed) && !*emitted {
                *emitted = true;
                delta.rows.push((ChangeKind::Removed, Some(removed), None));
            }
        }
        removed_upto = removed_upto.max(i);
        emitted_old[i] = true;
        let kind = if !in_order.contains(entry.id.as_str()) {
            Some(ChangeKind::Moved)
        } else if old[i].text != entry.text || title_changed(&old[i], entry) {
            Some(ChangeKind::Changed)
        } else if old[i].id != entry.id {
            Some(ChangeKind::Renamed)
        } else {
            None
        };
        match kind {
            Some(kind) => delta.rows.push((kind, Some(i), Some(j))),
            None => delta.unchanged.push(j),
        }
    }
    for removed in (0..old.len()).filter(|&k| !emitted_old[k] && !kept(k)) {
        delta.rows.push((ChangeKind::Removed, Some(removed), None));
    }
    delta
}

/// A caption change counts; a number that moved because of an insertion
/// elsewhere does not.
fn title_changed(old: &Entry, new: &Entry) -> bool {
    old.title != new.title
}

/// The ids that keep their relative order (a longest common subsequence).
fn longest_common_order<'a>(old: &[&'a str], new: &[&'a str]) -> BTreeSet<&'a str> {
    let (n, m) = (old.len(), new.len());
    let mut table = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i][j] = if old[i] == new[j] { table[i + 1][j + 1] + 1 } else { table[i + 1][j].max(table[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut kept) = (0, 0, BTreeSet::new());
    while i < n && j < m {
        if old[i] == new[j] {
            kept.insert(old[i]);
            i += 1;
            j += 1;
        } else if table[i + 1][j] >= table[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, label: &str, text: &str) -> Entry {
        let title = label.split_once(' ').map_or(label, |(_, title)| title);
        Entry { id: id.into(), label: label.into(), title: title.into(), text: text.into() }
    }

    fn kinds(delta: &Delta, old: &[Entry], new: &[Entry]) -> Vec<(ChangeKind, String)> {
        delta
            .rows
            .iter()
            .map(|(kind, o, n)| (*kind, n.map(|j| new[j].id.clone()).or(o.map(|i| old[i].id.clone())).unwrap()))
            .collect()
    }

    #[test]
    fn aligns_by_id_not_position() {
        let old = [entry("a", "第1条 甲", "x"), entry("b", "第2条 乙", "y"), entry("c", "第3条 丙", "z")];
        let new = [
            entry("a", "第1条 甲", "x"),
            entry("n", "第2条 新", "w"),
            entry("b", "第3条 乙", "y"),
            entry("c", "第4条 丙", "z2"),
        ];
        let delta = delta(&old, &new, &BTreeMap::new());
        assert_eq!(kinds(&delta, &old, &new), [(ChangeKind::Added, "n".into()), (ChangeKind::Changed, "c".into())]);
        assert_eq!(delta.unchanged, [0, 2], "renumbering alone is no change");
    }

    #[test]
    fn removed_moved_and_renamed() {
        let old = [entry("a", "1 A", "x"), entry("b", "2 B", "y"), entry("c", "3 C", "z"), entry("d", "4 D", "w")];
        let new = [entry("c", "1 C", "z"), entry("a", "2 A", "x"), entry("d2", "3 D", "w")];
        let renamed = [("d".to_string(), "d2".to_string())].into_iter().collect();
        let delta = delta(&old, &new, &renamed);
        let found = kinds(&delta, &old, &new);
        assert!(found.contains(&(ChangeKind::Removed, "b".into())), "{found:?}");
        assert!(found.contains(&(ChangeKind::Renamed, "d2".into())), "{found:?}");
        let moved = found.iter().filter(|(k, _)| *k == ChangeKind::Moved).count();
        assert_eq!(moved, 1, "one of a and c moved: {found:?}");
    }

    #[test]
    fn a_renumbered_english_clause_is_unchanged() {
        let clause = |number: u32| Entry {
            id: "fees".into(),
            label: format!("Article {number} Fees"),
            title: "Fees".into(),
            text: "x".into(),
        };
        let delta = delta(&[clause(8)], &[clause(9)], &BTreeMap::new());
        assert!(delta.rows.is_empty(), "{:?}", delta.rows);
    }

    #[test]
    fn a_new_first_word_of_an_unnumbered_title_is_a_change() {
        let old =
            [Entry { id: "a".into(), label: "Use of data".into(), title: "Use of data".into(), text: "x".into() }];
        let new = [Entry { title: "Handling of data".into(), label: "Handling of data".into(), ..old[0].clone() }];
        let delta = delta(&old, &new, &BTreeMap::new());
        assert_eq!(kinds(&delta, &old, &new), [(ChangeKind::Changed, "a".into())]);
    }
}
