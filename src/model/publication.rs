//! Which versions the site shows on a day: a version goes public on the
//! day it is announced (公表日), not before. A build made earlier (a CI job
//! run ahead of time, a `--now` in the past) must not publish a revision
//! the company has not yet announced, so such versions, and any after them,
//! are left out of every page, document and feed until then.

use jiff::civil::Date;

use super::Site;
use crate::diag::{Diagnostic, Diagnostics};

impl Site<'_> {
    /// Leaves out the versions announced after `today`, with a note for
    /// each, and the policies left with no version at all.
    pub fn hold_back_unannounced(&mut self, today: Date, diags: &mut Diagnostics) {
        for policy in &mut self.policies {
            let Some(first) = policy.versions.iter().position(|v| v.announced.is_some_and(|a| a > today)) else {
                continue;
            };
            // Later versions wait too: each builds on the one before it.
            let public_from = policy.versions[first].announced.unwrap_or(today);
            for version in policy.versions.drain(first..) {
                let Some(text) = version.texts.values().next() else { continue };
                let from = version.announced.map_or(public_from, |a| a.max(public_from));
                diags.push(
                    Diagnostic::note(
                        "version-unannounced",
                        format!(
                            "this version is announced on {from}, after {today}: it is left out of the site until then"
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
