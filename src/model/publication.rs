//! Which versions the site shows on a day: a version goes public on the
//! day it is announced (公表日), not before. A build made earlier (a CI job
//! run ahead of time, a `--now` in the past) must not publish a revision
//! the company has not yet announced, so such versions, and any after them,
//! are left out of every page, document and feed until then.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use super::Site;
use crate::base::diag::{Diagnostic, Diagnostics};

impl Site<'_> {
    /// Leaves out the versions announced after `today`, with a note for
    /// each, and the policies left with no version at all.
    pub(crate) fn hold_back_unannounced(&mut self, today: Date, diags: &mut Diagnostics) {
        let mut held_ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for policy in &mut self.policies {
            // Without an `announced` date, a version is public from its
            // effective date: until then it is a draft, and left out.
            let public_on = |v: &super::Version<'_>| v.announced.unwrap_or(v.effective);
            let Some(first) = policy.versions.iter().position(|v| public_on(v) > today) else {
                continue;
            };
            // Later versions wait too: each builds on the one before it.
            let public_from = public_on(&policy.versions[first]);
            for version in policy.versions.drain(first..) {
                let ids = version.texts.values().flat_map(|t| t.body.ids()).map(str::to_string);
                held_ids.entry(policy.slug.clone()).or_default().extend(ids);
                // Named by its governing text, the one the other languages follow.
                let governing = version.texts.get(&self.config.governing_language);
                let Some(text) = governing.or_else(|| version.texts.values().next()) else { continue };
                let from = public_on(&version).max(public_from);
                diags.push(
                    Diagnostic::note(
                        "version-unannounced",
                        format!(
                            "this version is public from {from} (its `announced` date, or its effective date when it has none), after {today}: it is left out of the site until then"
                        ),
                    )
                    .in_file(&text.source.path)
                    .hint(format!("to preview it, build or serve with --now {from}")),
                );
            }
        }
        let (kept, waiting): (Vec<_>, Vec<_>) =
            std::mem::take(&mut self.policies).into_iter().partition(|policy| !policy.versions.is_empty());
        self.policies = kept;
        for policy in &waiting {
            self.warn_links_to(&policy.slug, diags);
        }
        self.warn_links_ahead(today, &held_ids, diags);
    }

    /// A link to a clause of another policy lands on that policy's page as
    /// it is when the link is read: from the day the linking version takes
    /// effect (or today, if later). A clause only a later version has (or
    /// one not yet announced) is not there then. (A clause no version has
    /// is an error of its own, `link-clause`.)
    fn warn_links_ahead(&self, today: Date, held_ids: &BTreeMap<String, BTreeSet<String>>, diags: &mut Diagnostics) {
        let by_slug: BTreeMap<&str, &super::Policy<'_>> = self.policies.iter().map(|p| (p.slug.as_str(), p)).collect();
        for version in self.policies.iter().flat_map(|p| &p.versions) {
            let read_from = today.max(version.effective);
            for (lang, text) in &version.texts {
                for link in &text.body.links {
                    let Some((slug, id)) = link.dest.strip_prefix("policy:").and_then(|t| t.split_once('#')) else {
                        continue;
                    };
                    let Some(target) = by_slug.get(slug) else { continue };
                    let in_force = target.canonical(read_from);
                    let later = &target.versions[in_force + 1..];
                    let ahead =
                        clause_ids(later).contains(id) || held_ids.get(slug).is_some_and(|held| held.contains(id));
                    if !ahead || self.leads_to_a_clause(target, in_force, lang, id) {
                        continue;
                    }
                    diags.push(
                        Diagnostic::warning(
                            "link-clause-upcoming",
                            format!(
                                "link to clause `#{id}` of `{slug}`, which the version in force on {read_from} does not have (yet, or any more): the link lands at the top of that page, or at the note of its removal, until the version with it takes effect"
                            ),
                        )
                        .at(text.source, link.span.clone())
                        .hint("link to a clause the version in force has, or add this link with the version that takes effect with it (or after it)"),
                    );
                }
            }
        }
    }

    /// Whether `#id` leads to a clause on version `index`'s page: a clause's
    /// id, or a former id renamed into one.
    fn leads_to_a_clause(&self, policy: &super::Policy<'_>, index: usize, lang: &str, id: &str) -> bool {
        let (text, _) = policy.versions[index].text(lang, &self.config.governing_language);
        if text.body.ids().contains(&id) {
            return true;
        }
        let lineages = crate::model::lineage::lineages(policy, lang, &self.config.governing_language);
        lineages[index].aliases.values().flatten().any(|alias| alias == id)
    }

    /// A correction dated after the build day: the corrected text is
    /// published already, under a date that has not come.
    pub(crate) fn warn_corrections_ahead(&self, today: Date, diags: &mut Diagnostics) {
        let texts = self.policies.iter().flat_map(|p| p.versions.iter().flat_map(|v| v.texts.values()));
        for text in texts {
            for correction in text.corrections.iter().filter(|c| c.date > today) {
                diags.push(
                    Diagnostic::warning(
                        "correction-date",
                        format!("the correction is dated {}, after {today}", correction.date),
                    )
                    .at(text.source, correction.span.clone())
                    .hint("date a correction the day the corrected text is published"),
                );
            }
        }
    }

    /// A link to a policy that is not public yet would lead nowhere.
    fn warn_links_to(&self, slug: &str, diags: &mut Diagnostics) {
        let (target, clause) = (format!("policy:{slug}"), format!("policy:{slug}#"));
        for text in self.policies.iter().flat_map(|p| p.versions.iter().flat_map(|v| v.texts.values())) {
            let links = text.body.links.iter().filter(|l| l.dest == target || l.dest.starts_with(&clause));
            for link in links {
                diags.push(
                    Diagnostic::warning(
                        "link-unannounced",
                        format!(
                            "link to policy `{slug}`, which is not announced yet: the link leads nowhere until then"
                        ),
                    )
                    .at(text.source, link.span.clone())
                    .hint(
                        "publish this version on or after the day the linked policy is announced, or link to it later",
                    ),
                );
            }
        }
    }
}

/// Every clause id the versions have, in any language.
fn clause_ids<'v>(versions: &'v [super::Version<'_>]) -> BTreeSet<&'v str> {
    versions.iter().flat_map(|v| v.texts.values().flat_map(|t| t.body.ids())).collect()
}
