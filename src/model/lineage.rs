//! Clause lineage: what became of every clause id a policy ever published.
//!
//! Anchors never break: an id from an earlier version either still exists,
//! was renamed (declared in front matter, so the old anchor becomes an alias
//! on the new clause), or was removed (the page keeps a tombstone with that
//! id, saying when, and linking to the last version that had it).

use std::collections::{BTreeMap, BTreeSet};

use crate::model::Policy;

/// A clause that no longer exists in a version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tomb {
    pub id: String,
    /// Earlier names of the same clause, which must keep resolving too.
    pub aliases: Vec<String>,
    pub title: String,
    /// The version in which it was removed, and the last one that had it.
    pub removed_in: usize,
    pub last_had: usize,
}

/// Aliases and tombstones of one version.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lineage {
    /// Current id → the earlier ids that now lead to it.
    pub aliases: BTreeMap<String, Vec<String>>,
    pub tombstones: Vec<Tomb>,
}

/// The lineage of each version, in one pass: every id of the versions
/// before followed to where it is in that version.
pub(crate) fn lineages(policy: &Policy<'_>, lang: &str, governing: &str) -> Vec<Lineage> {
    // Current name → every name it has had (itself included).
    let mut names: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut titles: BTreeMap<String, String> = BTreeMap::new();
    let mut tombstones = Vec::new();
    let mut all = Vec::with_capacity(policy.versions.len());
    for (k, version) in policy.versions.iter().enumerate() {
        let body = &version.text(lang, governing).0.body;
        let ids: BTreeSet<&str> = body.ids().into_iter().collect();
        if k > 0 {
            let mut next: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
            for (current, past) in std::mem::take(&mut names) {
                let renamed = version.renamed.get(&current).cloned().unwrap_or_else(|| current.clone());
                if ids.contains(renamed.as_str()) {
                    next.entry(renamed).or_default().extend(past);
                } else {
                    let title = titles.get(&current).cloned().unwrap_or_default();
                    let aliases = past.into_iter().filter(|p| *p != current).collect();
                    tombstones.push(Tomb { id: current, aliases, title, removed_in: k, last_had: k - 1 });
                }
            }
            names = next;
        }
        for clause in body.clauses.iter().flat_map(|c| std::iter::once(c).chain(&c.children)) {
            names.entry(clause.id.clone()).or_default().insert(clause.id.clone());
            titles.insert(clause.id.clone(), clause.title.clone());
        }
        all.push(snapshot(&names, &tombstones));
    }
    all
}

/// The lineage as it stands after a version.
fn snapshot(names: &BTreeMap<String, BTreeSet<String>>, tombstones: &[Tomb]) -> Lineage {
    let aliases = names
        .iter()
        .filter_map(|(current, past)| {
            let old: Vec<String> = past.iter().filter(|p| *p != current).cloned().collect();
            (!old.is_empty()).then(|| (current.clone(), old))
        })
        .collect();
    // A removed id that a later clause reuses resolves to that clause.
    let tombstones = tombstones.iter().filter(|t| !t.aliases.contains(&t.id)).cloned().collect();
    Lineage { aliases, tombstones }
}
