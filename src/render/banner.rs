//! The effective-date banner of a version page, and its schedule.
//!
//! The banner says whether the version is in force, upcoming or archived as
//! of the build day. A page can outlive its build day, so it also carries
//! the banners it will need later (when this version takes effect, when the
//! next one does), each with the day it starts; the theme's script shows
//! the right one for the reader's date in Japan. Without the script, the
//! banner of the build day stays.

use serde::Serialize;

use crate::model::{Policy, Status};
use crate::parse::Change;
use crate::render::view::{DateView, Views};

/// The effective-date banner of a version page.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct BannerView {
    pub status: Status,
    pub effective: DateView,
    pub announced: Option<DateView>,
    pub established: DateView,
    /// For an archived version: the last day it applied.
    pub until: Option<DateView>,
    /// The permanent page of the version in force, for versions not in force.
    pub in_force_path: Option<String>,
    /// The next version, when one is announced.
    pub upcoming: Option<UpcomingView>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct UpcomingView {
    pub effective: DateView,
    pub path: String,
    pub material: bool,
    /// What the upcoming version changes.
    pub changes_path: String,
}

/// A banner that applies from a later day on.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ScheduledBanner {
    /// The first day (YYYY-MM-DD, Japan) this banner is right.
    pub from: String,
    pub banner: BannerView,
}

impl Views<'_, '_> {
    /// The banner of version `index`'s page in `lang` as of `self.today` (the build day, or a
    /// scheduled one: see [`Self::banner_schedule`]).
    pub fn banner(&self, lang: &str, policy: &Policy<'_>, index: usize) -> BannerView {
        let version = &policy.versions[index];
        let status = policy.status(index, self.today);
        let upcoming = policy.next_upcoming(self.today).filter(|&next| next != index && status == Status::InForce);
        let upcoming = upcoming.map(|next| {
            let (next, routes) = (&policy.versions[next], policy.versions[next].routes(lang));
            UpcomingView {
                effective: self.date(lang, next.effective),
                path: routes.page.path.clone(),
                material: next.change == Change::Material,
                changes_path: routes.changes.path.clone(),
            }
        });
        let in_force = policy.in_force(self.today);
        BannerView {
            status,
            effective: self.date(lang, version.effective),
            announced: version.announced.map(|d| self.date(lang, d)),
            established: self.date(lang, policy.established()),
            until: policy
                .versions
                .get(index + 1)
                .filter(|_| status == Status::Archived)
                .map(|next| self.date(lang, next.effective.yesterday().unwrap_or(next.effective))),
            // The permanent URL, not the canonical one: a page read after a
            // scheduled change must not send readers to a stale copy.
            in_force_path: in_force
                .filter(|_| status != Status::InForce)
                .map(|i| policy.versions[i].routes(lang).page.path.clone()),
            upcoming,
        }
    }

    /// The banners version `index` will need after the build day, in order:
    /// on each day a version takes effect, every page's banner changes (its
    /// status, or which version its link to the one in force names).
    pub fn banner_schedule(&self, lang: &str, policy: &Policy<'_>, index: usize) -> Vec<ScheduledBanner> {
        let days = policy.versions.iter().map(|v| v.effective).filter(|day| *day > self.today);
        days.map(|day| {
            let later = Views { today: day, ..*self };
            ScheduledBanner { from: day.to_string(), banner: later.banner(lang, policy, index) }
        })
        .collect()
    }
}
