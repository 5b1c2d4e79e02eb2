//! The blocks' part of the record: every revision of a typed block that a
//! published version shows, from the day it applies.
//!
//! A desk's address or a complaint body's telephone number is part of what
//! a version said on a day, so a revision in effect is recorded (by its
//! canonical text, see [`crate::parse::blocks::Revision::canonical`]) and
//! may not change or disappear afterwards: a change is a new revision
//! dated the day it applies. Blocks no published version shows, and
//! revisions no published page shows yet (dated after the day, and after
//! the effective date of every upcoming version showing the block), stay
//! free.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::base::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::base::layout::LOCK_FILE;
use crate::model::{Site, sha256_hex};

/// One recorded block revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BlockEntry {
    pub id: String,
    pub since: String,
    pub sha256: String,
}

/// The block entries of the record now; a recorded revision that changed
/// or is gone is an error, and keeps its entry.
pub(super) fn check(
    site: &Site<'_>,
    recorded: &[BlockEntry],
    (day, lock): (Date, Option<&SourceFile>),
    diags: &mut Diagnostics,
) -> Vec<BlockEntry> {
    let recorded: BTreeMap<(&str, &str), &BlockEntry> =
        recorded.iter().map(|e| ((e.id.as_str(), e.since.as_str()), e)).collect();
    let shown = shown_blocks(site, day);
    let mut current: BTreeMap<(String, String), BlockEntry> = BTreeMap::new();
    for block in site.blocks.by_id.values() {
        let Some(&until) = shown.get(block.id.as_str()) else { continue };
        for revision in block.revisions.iter().filter(|r| r.since <= until) {
            let since = revision.since.to_string();
            let entry = BlockEntry { id: block.id.clone(), since, sha256: sha256_hex(revision.canonical().as_bytes()) };
            let kept = match recorded.get(&(entry.id.as_str(), entry.since.as_str())) {
                Some(old) if old.sha256 != entry.sha256 => {
                    diags.push(changed(old, &block.source));
                    (*old).clone()
                }
                _ => entry,
            };
            current.insert((kept.id.clone(), kept.since.clone()), kept);
        }
    }
    // Recorded revisions not counted this run (a --now before them, or no
    // version shown yet on that day) are still held to their record.
    for ((id, since), old) in recorded {
        if current.contains_key(&(id.to_string(), since.to_string())) {
            continue;
        }
        let block = site.blocks.by_id.get(id);
        let revision = block.and_then(|b| b.revisions.iter().find(|r| r.since.to_string() == since));
        match (block, revision) {
            (Some(block), Some(revision)) if sha256_hex(revision.canonical().as_bytes()) != old.sha256 => {
                diags.push(changed(old, &block.source));
            }
            (Some(_), Some(_)) => {}
            // A block file with errors has them reported already.
            _ => {
                if let Some(lock) = lock.filter(|_| !site.blocks.broken.contains(id)) {
                    diags.push(missing(old, &lock.path));
                }
            }
        }
        current.insert((id.to_string(), since.to_string()), old.clone());
    }
    current.into_values().collect()
}

/// The blocks that versions published by `day` show, each with the last
/// day whose revision one of them shows: `day`, or the effective date of an
/// upcoming version (its page shows the block as of then).
fn shown_blocks<'s>(site: &'s Site<'_>, day: Date) -> BTreeMap<&'s str, Date> {
    let mut shown: BTreeMap<&str, Date> = BTreeMap::new();
    let versions = site.policies.iter().flat_map(|p| &p.versions);
    for version in versions.filter(|v| super::versions::published_on(v) <= day) {
        let until = version.effective.max(day);
        for block in version.texts.values().flat_map(|t| t.body.block_refs()) {
            let entry = shown.entry(block.id.as_str()).or_insert(until);
            *entry = (*entry).max(until);
        }
    }
    shown
}

fn changed(old: &BlockEntry, source: &std::path::Path) -> Diagnostic {
    Diagnostic::error(
        "published-block-changed",
        format!(
            "the revision of block `{}` since {} is shown by published versions and differs from the one recorded in {LOCK_FILE}",
            old.id, old.since
        ),
    )
    .in_file(source)
    .hint(format!(
        "restore the revision since {} as it was, and add a new [[revisions]] entry dated the day the change applies",
        old.since
    ))
}

fn missing(old: &BlockEntry, lock: &std::path::Path) -> Diagnostic {
    Diagnostic::error(
        "published-block-missing",
        format!(
            "the revision of block `{}` since {} is recorded in {LOCK_FILE} as shown by published versions, but it is gone",
            old.id, old.since
        ),
    )
    .in_file(lock)
    .hint(format!(
        "restore the [[revisions]] entry with since = {} in blocks/{}.toml: the pages of those versions show it",
        old.since, old.id
    ))
}
