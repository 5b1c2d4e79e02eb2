//! `sitemap.xml` with hreflang alternates: every page, and for each page the
//! languages it really exists in (a version page is an alternate only in the
//! languages the version was written in), with the last day, by the build
//! day, on which it changed (`lastmod`).

use jiff::civil::Date;
use serde::Serialize;

use crate::model::Policy;
use crate::render::view::Views;

#[derive(Debug, Serialize)]
pub struct SitemapLink {
    pub lang: String,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct SitemapEntry {
    pub url: String,
    /// `YYYY-MM-DD`.
    pub lastmod: String,
    pub alternates: Vec<SitemapLink>,
}

/// The last day, by `today`, on which a version's page read otherwise: it
/// was announced (again), took effect, was corrected or translated, or the
/// next version was announced or took effect (its banner says so).
fn version_changed(policy: &Policy<'_>, index: usize, today: Date) -> Date {
    let version = &policy.versions[index];
    let mut days = vec![version.effective];
    days.extend(version.announced);
    days.extend(version.translated.values().copied());
    days.extend(version.texts.values().flat_map(|text| text.corrections.iter().map(|c| c.date)));
    if let Some(next) = policy.versions.get(index + 1) {
        days.push(next.effective);
        days.extend(next.announced);
    }
    let published = version.announced.unwrap_or(version.effective);
    days.into_iter().filter(|day| *day <= today).max().unwrap_or(published)
}

/// The last day, by `today`, on which a comparison read otherwise: the
/// newer version's publication, or a correction or translation of either
/// text (it has no banner: later versions do not change it).
fn comparison_changed(policy: &Policy<'_>, index: usize, today: Date) -> Date {
    let version = &policy.versions[index];
    let published = version.announced.unwrap_or(version.effective);
    let mut days = vec![published];
    for side in [&policy.versions[index - 1], version] {
        days.extend(side.translated.values().copied());
        days.extend(side.texts.values().flat_map(|text| text.corrections.iter().map(|c| c.date)));
    }
    days.into_iter().filter(|day| *day <= today).max().unwrap_or(published)
}

impl Views<'_, '_> {
    /// Every page of the site with its language alternates, sorted by URL.
    pub fn sitemap(&self) -> Vec<SitemapEntry> {
        let config = &self.site.config;
        let mut entries = Vec::new();
        let mut add = |langs: &[&str], url_in: &dyn Fn(&str) -> String, changed: Date| {
            let alternates: Vec<SitemapLink> =
                langs.iter().map(|l| SitemapLink { lang: (*l).to_string(), url: url_in(l) }).collect();
            for link in &alternates {
                let others = if alternates.len() > 1 {
                    alternates.iter().map(|a| SitemapLink { lang: a.lang.clone(), url: a.url.clone() }).collect()
                } else {
                    Vec::new()
                };
                entries.push(SitemapEntry { url: link.url.clone(), lastmod: changed.to_string(), alternates: others });
            }
        };
        let all: Vec<&str> = config.languages.iter().map(String::as_str).collect();
        let today = self.today;
        let policy_changed = |policy: &Policy<'_>| {
            (0..policy.versions.len()).map(|v| version_changed(policy, v, today)).max().unwrap_or(today)
        };
        let site_changed = self.site.policies.iter().map(policy_changed).max().unwrap_or(today);
        add(&all, &|l| self.site.urls.home(l).url, site_changed);
        for policy in &self.site.policies {
            let canonical = policy.canonical(today);
            let written = |v: &crate::model::Version<'_>| -> Vec<&str> {
                all.iter().copied().filter(|l| v.texts.contains_key(*l)).collect()
            };
            let canonical_changed = version_changed(policy, canonical, today);
            add(&written(&policy.versions[canonical]), &|l| policy.routes(l).canonical.url.clone(), canonical_changed);
            add(&all, &|l| policy.routes(l).history.url.clone(), policy_changed(policy));
            for (index, version) in policy.versions.iter().enumerate() {
                let changed = version_changed(policy, index, today);
                add(&written(version), &|l| version.routes(l).page.url.clone(), changed);
                if index > 0 {
                    let compared = comparison_changed(policy, index, today);
                    add(&written(version), &|l| version.routes(l).changes.url.clone(), compared);
                }
            }
        }
        entries.sort_by(|a, b| a.url.cmp(&b.url));
        entries
    }
}
