//! `sitemap.xml` with hreflang alternates: every page, and for each page the
//! languages it really exists in (a version page is an alternate only in the
//! languages the version was written in).

use serde::Serialize;

use crate::render::view::Views;

#[derive(Debug, Serialize)]
pub struct SitemapLink {
    pub lang: String,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct SitemapEntry {
    pub url: String,
    pub alternates: Vec<SitemapLink>,
}

impl Views<'_, '_> {
    /// Every page of the site with its language alternates, sorted by URL.
    pub fn sitemap(&self) -> Vec<SitemapEntry> {
        let config = &self.site.config;
        let mut entries = Vec::new();
        let mut add = |langs: &[&str], url_in: &dyn Fn(&str) -> String| {
            let alternates: Vec<SitemapLink> =
                langs.iter().map(|l| SitemapLink { lang: (*l).to_string(), url: url_in(l) }).collect();
            for link in &alternates {
                let others = if alternates.len() > 1 {
                    alternates.iter().map(|a| SitemapLink { lang: a.lang.clone(), url: a.url.clone() }).collect()
                } else {
                    Vec::new()
                };
                entries.push(SitemapEntry { url: link.url.clone(), alternates: others });
            }
        };
        let all: Vec<&str> = config.languages.iter().map(String::as_str).collect();
        add(&all, &|l| self.site.urls.home(l).url);
        for policy in &self.site.policies {
            let canonical = &policy.versions[policy.canonical(self.today)];
            let written = |v: &crate::model::Version<'_>| -> Vec<&str> {
                all.iter().copied().filter(|l| v.texts.contains_key(*l)).collect()
            };
            add(&written(canonical), &|l| policy.routes(l).canonical.url.clone());
            add(&all, &|l| policy.routes(l).history.url.clone());
            for (index, version) in policy.versions.iter().enumerate() {
                add(&written(version), &|l| version.routes(l).page.url.clone());
                if index > 0 {
                    add(&written(version), &|l| version.routes(l).changes.url.clone());
                }
            }
        }
        entries.sort_by(|a, b| a.url.cmp(&b.url));
        entries
    }
}
