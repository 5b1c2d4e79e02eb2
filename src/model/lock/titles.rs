//! Policy titles in the record. A policy's title is not part of a version's
//! hash (renaming a policy must not make every accepted text unknown), but
//! it is shown on every published version's page: so once a policy has a
//! published version, its title in each language is recorded, and a change
//! is a warning that names the old title and the new, and is recorded with
//! the day it was seen, so that the record says what each page was called
//! and when that changed.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::base::diag::{Diagnostic, Diagnostics};
use crate::base::layout::LOCK_FILE;
use crate::model::Site;

/// A policy's title in one language, as its published versions show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TitleEntry {
    pub policy: String,
    pub lang: String,
    pub title: String,
    /// The titles it had before, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<EarlierTitle>,
}

/// A title the policy had until a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EarlierTitle {
    pub title: String,
    /// The build day on which the new title was first recorded.
    pub until: String,
}

/// The titles to record: those of every policy in `published`, in every
/// site language, with a warning for each that differs from the record.
pub(super) fn check(
    site: &Site<'_>,
    recorded: &[TitleEntry],
    published: &BTreeSet<String>,
    day: Date,
    diags: &mut Diagnostics,
) -> Vec<TitleEntry> {
    let by_key: BTreeMap<(&str, &str), &TitleEntry> =
        recorded.iter().map(|entry| ((entry.policy.as_str(), entry.lang.as_str()), entry)).collect();
    let mut titles = Vec::new();
    for policy in site.policies.iter().filter(|p| published.contains(&p.slug)) {
        for lang in &site.config.languages {
            let title = policy.title(lang);
            if title.is_empty() {
                continue;
            }
            let entry = match by_key.get(&(policy.slug.as_str(), lang.as_str())) {
                Some(old) if old.title == title => (*old).clone(),
                Some(old) => {
                    diags.push(renamed(old, title, policy));
                    let mut earlier = old.earlier.clone();
                    earlier.push(EarlierTitle { title: old.title.clone(), until: day.to_string() });
                    TitleEntry { title: title.to_string(), earlier, ..(*old).clone() }
                }
                None => TitleEntry {
                    policy: policy.slug.clone(),
                    lang: lang.clone(),
                    title: title.to_string(),
                    earlier: Vec::new(),
                },
            };
            titles.push(entry);
        }
    }
    // A policy removed from the sources keeps its record (its versions' do too).
    let kept = |entry: &&TitleEntry| !site.policies.iter().any(|p| p.slug == entry.policy);
    titles.extend(recorded.iter().filter(kept).cloned());
    titles.sort_by(|a, b| (&a.policy, &a.lang).cmp(&(&b.policy, &b.lang)));
    titles
}

fn renamed(old: &TitleEntry, title: &str, policy: &crate::model::Policy<'_>) -> Diagnostic {
    Diagnostic::warning(
        "published-title-changed",
        format!(
            "the `{}` title of {} was 「{}」 when its published versions were recorded; it is now 「{title}」, and every published version's page shows the new one",
            old.lang, old.policy, old.title
        ),
    )
    .at(policy.meta_source, policy.meta.title.span())
    .hint(format!(
        "if this is a rename you mean, build: {LOCK_FILE} keeps the old title with the day it changed; otherwise restore 「{}」",
        old.title
    ))
}
