//! The lock file, `kiyaku.lock`: the published record is immutable.
//!
//! From the day a version is published (its `announced` day, or the day it
//! takes effect when it has none) what it says is recorded here, once per
//! language of the site: the hash of its text, its `announced` date, its
//! `change` and its `summary`. So is every revision of a typed block that a
//! published version shows, from the day it applies, and the policy's title
//! (a rename is a warning, recorded with its day: [`titles`]) and the hash
//! of the site's own UI wording ([`wording`]). The file is committed
//! with the sources. A later build that finds a recorded item changed stops
//! with an error naming the file; what may change, and how it is recorded,
//! is in [`versions`] (a correction, a translation added, a re-announcement
//! before the version takes effect) and [`blocks`] (a new revision). A
//! recorded item whose source is gone is an error, and so is a published
//! version with no record where the lock shows it once had one: the
//! build does not record it silently (see [`Record::unrecorded`]).

mod blocks;
mod diags;
mod titles;
mod versions;
mod wording;

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::base::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::base::toml_util::toml_error;
use crate::model::Site;

/// One recorded text: a version as its page in one language shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Entry {
    pub policy: String,
    pub effective: String,
    pub lang: String,
    pub sha256: String,
    /// 公表日 as published; absent when the version has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub announced: Option<String>,
    /// `initial`, `material` or `editorial`; absent only in a lock written
    /// before kiyaku recorded it (the next build records it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<String>,
    /// The summary shown, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// How the policy numbered its clauses (`numbering` of policy.toml):
    /// the numbers the page shows, in headings and in links.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numbering: Option<String>,
    /// How many corrections the text had when recorded.
    #[serde(default)]
    pub corrections: usize,
    /// Each recorded correction as `YYYY-MM-DD note`, oldest first: a
    /// correction, once published, is not removed, redated or reworded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrected: Vec<String>,
    /// The hashes of the text before each correction, oldest first: texts
    /// that were published, and that users may have accepted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub superseded: Vec<String>,
    /// The language of the text shown, when the version has no text in
    /// `lang` (its page shows another language's text, whose hash this is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_lang: Option<String>,
    /// The day a translation took the place of that text (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translated: Option<String>,
    /// Earlier announcements of this version, oldest first: what was
    /// announced before a re-announcement replaced it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<Earlier>,
}

/// An announcement that a re-announcement replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Earlier {
    /// The day it was announced.
    pub announced: String,
    /// The hash of the text announced then.
    pub sha256: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LockFile {
    #[serde(default, rename = "version")]
    versions: Vec<Entry>,
    #[serde(default, rename = "block", skip_serializing_if = "Vec::is_empty")]
    blocks: Vec<blocks::BlockEntry>,
    #[serde(default, rename = "title", skip_serializing_if = "Vec::is_empty")]
    titles: Vec<titles::TitleEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    wording: Vec<wording::WordingEntry>,
}

/// A recorded text: (policy, effective date, language).
pub(crate) type Key = (String, String, String);

impl Entry {
    /// The hashes a page showed up to this record, oldest first: what a new
    /// text of the page keeps as superseded.
    fn and_before(&self) -> Vec<String> {
        self.superseded.iter().chain([&self.sha256]).cloned().collect()
    }

    /// The day the version was published: announced, or else effective.
    fn published(&self) -> Option<Date> {
        let effective = self.effective.parse().ok()?;
        let announced = self.announced.as_deref().and_then(|a| a.parse().ok());
        Some(announced.map_or(effective, |a: Date| a.min(effective)))
    }
}

fn key(entry: &Entry) -> Key {
    (entry.policy.clone(), entry.effective.clone(), entry.lang.clone())
}

/// What the lock check found: the lock's new text, when it has to change,
/// and what the record holds beyond the sources, for the model to keep.
#[derive(Debug, Default)]
pub(crate) struct Record {
    pub text: Option<String>,
    /// By (policy, effective date, language of the page): oldest first.
    pub superseded: BTreeMap<Key, Vec<String>>,
    /// By (policy, effective date, language of the page): the day its
    /// translation replaced the text of another language.
    pub translated: BTreeMap<Key, Date>,
    /// By (policy, effective date): the days of earlier announcements.
    pub earlier_announcements: BTreeMap<(String, String), Vec<Date>>,
    /// Published versions with no record where the lock shows they should
    /// have one (its entry was removed, the lock deleted or emptied, or the
    /// version entered after the fact): errors, unless the build is told to
    /// record them (`--record-published`). The new text records them.
    pub unrecorded: Vec<Diagnostic>,
}

/// What the record is checked against: the lock, and the site's own UI
/// wording (its `i18n/LANG.ftl` overrides, by language).
pub(crate) struct Recorded<'s> {
    pub lock: Option<&'s SourceFile>,
    pub wording: Vec<(&'s str, &'s SourceFile)>,
}

/// Checks the site against the lock. `day` is the last day counted as passed.
pub(crate) fn check(
    site: &Site<'_>,
    recorded: &Recorded<'_>,
    (day, real_day): (Date, Date),
    diags: &mut Diagnostics,
) -> Record {
    let lock = recorded.lock;
    let file = match lock.map(|source| toml::from_str::<LockFile>(&source.text)) {
        Some(Ok(file)) => file,
        Some(Err(err)) => {
            diags.push(toml_error(lock.expect("parsed from a lock"), &err, 0, "lock-syntax"));
            return Record::default();
        }
        None => LockFile::default(),
    };
    let entries: BTreeMap<Key, Entry> = file.versions.iter().map(|e| (key(e), e.clone())).collect();
    let context = versions::Context { day, real_day, lock, covered: covered_until(&entries) };
    let mut record = Record::default();
    let mut current = versions::published(site, &entries, &context, diags, &mut record.unrecorded);
    versions::keep_missing(site, &entries, lock, &mut current, diags);
    let blocks = blocks::check(site, &file.blocks, (day, lock), diags);
    for (key, entry) in &current {
        if !entry.superseded.is_empty() {
            record.superseded.insert(key.clone(), entry.superseded.clone());
        }
        if let Some(translated) = entry.translated.as_deref().and_then(|t| t.parse().ok()) {
            record.translated.insert(key.clone(), translated);
        }
        let days: Vec<Date> = entry.earlier.iter().filter_map(|e| e.announced.parse().ok()).collect();
        if !days.is_empty() {
            record.earlier_announcements.insert((key.0.clone(), key.1.clone()), days);
        }
    }
    let published = current.keys().map(|key| key.0.clone()).collect();
    let titles = titles::check(site, &file.titles, &published, day, diags);
    let wording = wording::check(&recorded.wording, &file.wording, !published.is_empty(), day, diags);
    let new = LockFile { versions: current.into_values().collect(), blocks, titles, wording };
    // Nothing new recorded: the file stays as it is (rendering it is not
    // free), and a site with nothing published yet gets no empty record.
    let empty = new.versions.is_empty() && new.blocks.is_empty();
    let same = new.versions == file.versions
        && new.blocks == file.blocks
        && new.titles == file.titles
        && new.wording == file.wording;
    if (lock.is_some() && same) || (lock.is_none() && empty) {
        return record;
    }
    let text = render(&new);
    record.text = (lock.map(|l| l.text.as_str()) != Some(text.as_str())).then_some(text);
    record
}

/// How far the lock vouches for the versions published: every version
/// published before `until` has entries (see [`covered_until`]).
#[derive(Debug, Clone, Copy)]
pub(super) struct Covered {
    pub until: Date,
    /// Only entries of a lock written before kiyaku recorded versions from
    /// their announcement: `until` is then the latest effective date, and
    /// counts versions by theirs.
    pub legacy: bool,
}

/// The day before which every published version is in the lock: the
/// latest day a recorded version was published. A version published
/// earlier with no entry had one removed, or was entered after the fact.
/// (A version published that same day may have been added after the lock
/// was written that day, so the day itself is not counted.)
fn covered_until(recorded: &BTreeMap<Key, Entry>) -> Option<Covered> {
    let current = recorded.values().filter(|e| e.change.is_some()).filter_map(Entry::published).max();
    let legacy = || recorded.values().filter_map(|e| e.effective.parse().ok()).max();
    match current {
        Some(until) => Some(Covered { until, legacy: false }),
        None => legacy().map(|until| Covered { until, legacy: true }),
    }
}

fn render(file: &LockFile) -> String {
    let body = toml::to_string(file).unwrap_or_default();
    format!(
        "# kiyaku.lock: the public record of the policy versions that have been\n# announced or have taken effect, of the block revisions they show and of\n# the policies' titles.\n# Written by `kiyaku build`; commit it with the sources. Do not edit.\n\n{body}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_with_earlier_announcements_and_blocks_reads_back_the_same() {
        let entry = Entry {
            policy: "privacy".into(),
            effective: "2025-04-01".into(),
            lang: "ja".into(),
            sha256: "ab".into(),
            announced: Some("2025-02-01".into()),
            change: Some("material".into()),
            summary: Some("目的を追加".into()),
            numbering: Some("articles".into()),
            corrections: 0,
            corrected: Vec::new(),
            superseded: Vec::new(),
            text_lang: None,
            translated: None,
            earlier: vec![Earlier { announced: "2025-01-10".into(), sha256: "cd".into() }],
        };
        let block = blocks::BlockEntry { id: "desk".into(), since: "2021-04-01".into(), sha256: "ef".into() };
        let title = titles::TitleEntry {
            policy: "privacy".into(),
            lang: "ja".into(),
            title: "プライバシーポリシー".into(),
            earlier: vec![titles::EarlierTitle {
                title: "個人情報保護方針".into(), until: "2025-01-01".into()
            }],
        };
        let wording = wording::WordingEntry { lang: "ja".into(), sha256: "12".into(), earlier: Vec::new() };
        let file = LockFile {
            versions: vec![entry.clone()],
            blocks: vec![block.clone()],
            titles: vec![title.clone()],
            wording: vec![wording.clone()],
        };
        let text = render(&file);
        let back: LockFile = toml::from_str(&text).unwrap();
        assert_eq!(back.versions, vec![entry]);
        assert_eq!(back.blocks, vec![block]);
        assert_eq!(back.titles, vec![title]);
        assert_eq!(back.wording, vec![wording]);
        assert!(text.contains("[[version.earlier]]"), "{text}");
    }

    #[test]
    fn a_version_counts_as_published_on_its_announcement() {
        let entry = |announced: Option<&str>| Entry {
            policy: "p".into(),
            effective: "2025-04-01".into(),
            lang: "ja".into(),
            sha256: String::new(),
            announced: announced.map(str::to_string),
            change: None,
            summary: None,
            numbering: None,
            corrections: 0,
            corrected: Vec::new(),
            superseded: Vec::new(),
            text_lang: None,
            translated: None,
            earlier: Vec::new(),
        };
        assert_eq!(entry(Some("2025-03-01")).published(), Some(jiff::civil::date(2025, 3, 1)));
        assert_eq!(entry(None).published(), Some(jiff::civil::date(2025, 4, 1)));
    }
}
