//! The revision history as templates see it: a row per version, newest
//! first, with the clauses each revision changed (which the 新旧対照表
//! finds, in render/compare/, and hands over as these views).

use schemars::JsonSchema;
use serde::Serialize;

use super::{DateView, Views};
use crate::model::{Policy, Status};
use crate::parse::Change;

/// What happened to a clause between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// Only in the new version.
    Added,
    /// Only in the old version: the revision removed it.
    Removed,
    /// In both, with another text or title (a new number alone is no change).
    Changed,
    /// In both, but out of order relative to the other clauses (its text may have changed too).
    Moved,
    /// In both, with the same text and title under a new id (declared in `renamed`).
    Renamed,
}

impl ChangeKind {
    /// The kind's name, as the JSON and the UI strings' keys write it (`added`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Removed => "removed",
            Self::Changed => "changed",
            Self::Moved => "moved",
            Self::Renamed => "renamed",
        }
    }
}

/// A changed clause as the history page lists it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ClauseChangeView {
    /// What happened to it; the history links a removed clause to the 新旧対照表 instead.
    pub kind: ChangeKind,
    /// The clause's id in the new version, or in the old one when it was removed.
    pub id: String,
    /// Its title without the number, in the language of the text compared.
    pub title: String,
}

/// What a version's page and its row in the history both say of it
/// (flattened into each, so that templates read `version.effective`).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct VersionHead {
    /// The version's effective date (施行日).
    pub effective: DateView,
    /// When it was announced (改定日), ahead of taking effect; `None` when not given.
    pub announced: Option<DateView>,
    /// Earlier announcements, oldest first, when it was announced again
    /// (its text changed before it took effect); empty otherwise.
    pub earlier_announcements: Vec<DateView>,
    /// `initial`, `material` (users must be told) or `editorial` (wording only).
    pub change: Change,
    /// The one-line summary from the front matter, in the language of the text shown.
    pub summary: String,
    /// `in-force`, `upcoming` or `archived`, as of the build day.
    pub status: Status,
    /// The version's permanent page (`/ja/privacy/2023-06-16/`).
    #[schemars(with = "crate::render::view::forms::RootPath")]
    pub path: String,
}

/// A row of the revision history.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct HistoryEntryView {
    /// Its dates, change, summary, status and page, as its own page has them.
    #[serde(flatten)]
    pub head: VersionHead,
    /// The comparison with the previous version, when there is one.
    pub changes_path: Option<String>,
    /// What changed, clause by clause.
    pub changed: Vec<ClauseChangeView>,
}

impl Views<'_, '_> {
    /// The head of version `index` in `lang`.
    pub fn version_head(&self, lang: &str, policy: &Policy<'_>, index: usize) -> VersionHead {
        let version = &policy.versions[index];
        VersionHead {
            effective: self.date(lang, version.effective),
            announced: version.announced.map(|d| self.date(lang, d)),
            earlier_announcements: version.earlier_announcements.iter().map(|d| self.date(lang, *d)).collect(),
            change: version.change,
            summary: version.text(lang, &self.site.config.governing_language).0.summary.clone(),
            status: policy.status(index, self.today),
            path: version.routes(lang).page.path.clone(),
        }
    }

    /// The history of a policy, newest first; `changed[v]` lists the clauses
    /// version `v` changed.
    pub fn history(
        &self,
        lang: &str,
        policy: &Policy<'_>,
        changed: &mut [Vec<ClauseChangeView>],
    ) -> Vec<HistoryEntryView> {
        policy
            .versions
            .iter()
            .enumerate()
            .rev()
            .map(|(index, version)| HistoryEntryView {
                head: self.version_head(lang, policy, index),
                changes_path: (index > 0).then(|| version.routes(lang).changes.path.clone()),
                changed: changed.get_mut(index).map(std::mem::take).unwrap_or_default(),
            })
            .collect()
    }
}
