//! The versions' part of the record: each published version's page in each
//! language, against its entry in the lock.
//!
//! What a recorded entry accepts, and nothing else: a correction recorded
//! in the front matter (the text, and its summary, change; the text before
//! stays valid as superseded), a translation taking the place of another
//! language's text (the same), and, before the version takes effect, a
//! re-announcement: a later `announced` date, under which the text and the
//! other fields may change, the earlier announcement kept in the record.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use super::diags;
use super::{Earlier, Entry, Key, key};
use crate::base::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::model::{Site, Version, VersionText};
use crate::parse::Change;

/// What every comparison needs to know.
pub(super) struct Context<'c> {
    /// The last day counted as passed.
    pub day: Date,
    /// The day it really is: whatever day a build is for, a version in
    /// force by then cannot be announced again, a re-announcement is dated
    /// then, and a lock missing by then is missing.
    pub real_day: Date,
    pub lock: Option<&'c SourceFile>,
    /// See [`super::covered_until`].
    pub covered: Option<super::Covered>,
}

/// One page of a version, as compared with its record.
pub(super) struct Page<'p> {
    pub version: &'p Version<'p>,
    pub text: &'p VersionText<'p>,
    /// Whether the page shows its own language's text: only then are the
    /// front matter's fields reported (they are another page's otherwise).
    pub own: bool,
    /// Whether its policy has errors of its own (a file that did not
    /// parse): what is missing or unreadable is reported there, once.
    pub broken: bool,
    /// Whether the page's own language has a version file, read or not (a
    /// broken one is reported by its own error, not as gone).
    pub file_there: bool,
    /// The policy's numbering.
    pub numbering: crate::parse::Numbering,
}

/// The day a version is published: its announcement, or else its effective date.
pub(super) fn published_on(version: &Version<'_>) -> Date {
    version.announced.map_or(version.effective, |a| a.min(version.effective))
}

/// The entries of every version published by `day`, one per language of the
/// site (a page in a language the version has no text in shows, and hashes,
/// another language's text); a recorded entry changed in a way it does not
/// accept is an error, and keeps its recorded value.
pub(super) fn published(
    site: &Site<'_>,
    recorded: &BTreeMap<Key, Entry>,
    context: &Context<'_>,
    diags: &mut Diagnostics,
    unrecorded: &mut Vec<Diagnostic>,
) -> BTreeMap<Key, Entry> {
    // A version counts once it was published, or once it was recorded (by
    // a build on a later day than this one's).
    let recorded_versions: BTreeSet<(&str, &str)> =
        recorded.keys().map(|(policy, effective, _)| (policy.as_str(), effective.as_str())).collect();
    let recorded_langs: BTreeSet<&str> = recorded.keys().map(|(_, _, lang)| lang.as_str()).collect();
    let governing = &site.config.governing_language;
    let mut current = BTreeMap::new();
    for policy in &site.policies {
        check_numbering(policy, recorded, diags);
        for version in &policy.versions {
            let effective = version.effective.to_string();
            let is_recorded = recorded_versions.contains(&(policy.slug.as_str(), effective.as_str()));
            // Recorded versions after this one: it would come between them
            // and their predecessor (their 新旧対照表, their links).
            let later_recorded = policy.versions.iter().rev().find(|v| {
                v.effective > version.effective
                    && recorded_versions.contains(&(policy.slug.as_str(), v.effective.to_string().as_str()))
            });
            if !is_recorded && published_on(version) > context.day {
                if let Some(later) = later_recorded {
                    let (text, _) = version.text(governing, governing);
                    diags.push(diags::inserted_draft(version, later.effective, text));
                }
                continue;
            }
            // An entry from before kiyaku recorded the fields (and every
            // language) says nothing of the languages missing beside it.
            let legacy = is_recorded
                && recorded
                    .iter()
                    .any(|((p, e, _), entry)| *p == policy.slug && *e == effective && entry.change.is_none());
            let mut short = !is_recorded && (should_have_record(version, context) || later_recorded.is_some());
            for lang in &site.config.languages {
                let (text, text_lang) = version.text(lang, governing);
                let broken = site.incomplete.contains(&policy.slug);
                let file = (policy.slug.clone(), format!("{effective}.{lang}.md"));
                let file_there = site.version_files.contains(&file);
                let numbering = policy.meta.numbering;
                let page = Page { version, text, own: text_lang == lang, broken, file_there, numbering };
                let entry = entry_of(&policy.slug, lang, &page, text_lang);
                let entry = match recorded.get(&key(&entry)) {
                    Some(old) => compare(old, entry, &page, context, diags),
                    // One language's entry gone from a recorded version (a
                    // language new to the site has no entries anywhere).
                    None => {
                        short |= is_recorded && !legacy && recorded_langs.contains(lang.as_str());
                        entry
                    }
                };
                current.insert(key(&entry), entry);
            }
            if short {
                let (text, _) = version.text(governing, governing);
                unrecorded.push(diags::unrecorded(&policy.slug, version, text, context.lock.is_some()));
            }
        }
    }
    current
}

/// The numbering a published version was recorded with decides the numbers
/// its page shows (第3条, and every `[](#id)`): a policy.toml that numbers
/// otherwise would change them. Reported once per policy.
fn check_numbering(policy: &crate::model::Policy<'_>, recorded: &BTreeMap<Key, Entry>, diags: &mut Diagnostics) {
    let now = policy.meta.numbering.name();
    let mut entries = recorded.iter().filter(|((slug, _, _), _)| *slug == policy.slug);
    let Some((_, entry)) = entries.find(|(_, e)| e.numbering.as_deref().is_some_and(|n| n != now)) else { return };
    let was = entry.numbering.as_deref().unwrap_or_default();
    let diagnostic = Diagnostic::error(
        "published-record-changed",
        format!("`numbering` is `{now}`, but the published version of {} was recorded in kiyaku.lock with `{was}`: the numbers its page shows would change", entry.effective),
    )
    .hint(format!("restore numbering = \"{was}\": published versions keep the numbers they were published with"));
    diags.push(match &policy.meta.numbering_span {
        Some(span) => diagnostic.at(policy.meta_source, span.clone()),
        None => diagnostic.in_file(&policy.meta_source.path),
    });
}

/// Whether an unrecorded published version should have been recorded: it
/// was published before the lock's latest record, or, with no record at
/// all, before today (a site whose first version is published today gets
/// its lock today).
fn should_have_record(version: &Version<'_>, context: &Context<'_>) -> bool {
    match context.covered {
        Some(super::Covered { until, legacy: false }) => published_on(version) < until,
        // A lock of an earlier kiyaku recorded versions once they took effect.
        Some(super::Covered { until, legacy: true }) => version.effective < until,
        None => published_on(version) < context.real_day,
    }
}

fn entry_of(slug: &str, lang: &str, page: &Page<'_>, text_lang: &str) -> Entry {
    let summary = &page.text.summary;
    Entry {
        policy: slug.to_string(),
        effective: page.version.effective.to_string(),
        lang: lang.to_string(),
        sha256: page.text.sha256.clone(),
        announced: page.version.announced.map(|a| a.to_string()),
        change: Some(change_name(page.version.change).to_string()),
        summary: (!summary.is_empty()).then(|| summary.clone()),
        numbering: Some(page.numbering.name().to_string()),
        corrections: page.text.corrections.len(),
        corrected: page.text.corrections.iter().map(|c| format!("{} {}", c.date, c.note)).collect(),
        superseded: Vec::new(),
        text_lang: (text_lang != lang).then(|| text_lang.to_string()),
        translated: None,
        earlier: Vec::new(),
    }
}

fn change_name(change: Change) -> &'static str {
    match change {
        Change::Initial => "initial",
        Change::Material => "material",
        Change::Editorial => "editorial",
    }
}

/// Recorded entries with no page this run: kept, and an error unless their
/// file is there but broken (it has errors of its own).
pub(super) fn keep_missing(
    site: &Site<'_>,
    recorded: &BTreeMap<Key, Entry>,
    lock: Option<&SourceFile>,
    current: &mut BTreeMap<Key, Entry>,
    diags: &mut Diagnostics,
) {
    for (key, entry) in recorded {
        if current.contains_key(key) {
            continue;
        }
        let text_lang = entry.text_lang.as_deref().unwrap_or(&entry.lang);
        let file = (entry.policy.clone(), format!("{}.{text_lang}.md", entry.effective));
        if let Some(lock) = lock.filter(|_| !site.version_files.contains(&file)) {
            diags.push(diags::missing_version(entry, &lock.path));
        }
        current.insert(key.clone(), entry.clone());
    }
}

/// A published page's entry against its record: what is recorded now.
fn compare(old: &Entry, entry: Entry, page: &Page<'_>, context: &Context<'_>, diags: &mut Diagnostics) -> Entry {
    let old = &brought_up_to_date(old, &entry);
    if is_reannounced(old, &entry) && !page.broken {
        return reannounce(old, entry, page, context, diags);
    }
    match (&old.text_lang, &entry.text_lang) {
        // A translation took the place of the other language's text: both
        // were published, and users may have accepted either.
        (Some(_), None) => {
            diags.push(diags::translation_added(&entry, context.day, page.text));
            return Entry { superseded: old.and_before(), translated: Some(context.day.to_string()), ..entry };
        }
        // The translation is gone: its record stays, and says so.
        (None, Some(_)) => {
            if let Some(lock) = context.lock.filter(|_| !page.file_there) {
                diags.push(diags::missing_version(old, &lock.path));
            }
            return old.clone();
        }
        _ => {}
    }
    // A field that did not parse has its own error: it is not "changed".
    let fields_kept = page.broken || compare_fields(old, &entry, (page, context.real_day), diags);
    let corrections_kept = page.broken || compare_corrections(old, &entry, page, diags);
    let carried = Entry { translated: old.translated.clone(), earlier: old.earlier.clone(), ..entry };
    let text = page.text;
    let recorded = match old {
        old if old.sha256 != carried.sha256 && carried.corrections <= old.corrections => {
            diags.push(diags::changed_text(old, text, context.real_day));
            old.clone()
        }
        // An entry for a correction not made: the count stays, so that the
        // fix, when made, is accepted.
        old if old.sha256 == carried.sha256
            && carried.corrections > old.corrections
            && carried.summary == old.summary =>
        {
            diags.push(diags::correction_without_change(text));
            old.clone()
        }
        // A recorded correction: the text it replaced stays on record.
        old if old.sha256 != carried.sha256 => Entry { superseded: old.and_before(), ..carried },
        old => Entry { superseded: old.superseded.clone(), ..carried },
    };
    if fields_kept && corrections_kept { recorded } else { old.clone() }
}

/// An entry of a lock written before kiyaku recorded a field takes that
/// field from the page now: there is nothing to compare it with.
fn brought_up_to_date(old: &Entry, entry: &Entry) -> Entry {
    let old = match old.change {
        None => Entry {
            announced: entry.announced.clone(),
            change: entry.change.clone(),
            summary: entry.summary.clone(),
            ..old.clone()
        },
        Some(_) => old.clone(),
    };
    Entry { numbering: old.numbering.clone().or_else(|| entry.numbering.clone()), ..old }
}

/// A later `announced` date than the recorded one: the version is published
/// again, with whatever changed.
fn is_reannounced(old: &Entry, entry: &Entry) -> bool {
    let day = |d: &Option<String>| d.as_deref().and_then(|d| d.parse::<Date>().ok());
    matches!((day(&old.announced), day(&entry.announced)), (Some(before), Some(now)) if now > before)
}

/// A re-announcement is recorded before the version takes effect, and no
/// later than the day counted as passed; the earlier announcement stays.
fn reannounce(old: &Entry, entry: Entry, page: &Page<'_>, context: &Context<'_>, diags: &mut Diagnostics) -> Entry {
    let announced = page.version.announced.unwrap_or(page.version.effective);
    // A day given with --now does not move what has really happened.
    let problem = if page.version.effective <= context.real_day {
        Some(diags::reannounced_in_force(old, page.text))
    } else if announced > context.day {
        Some(diags::reannounced_ahead(old, context.day, page.text))
    } else if context.real_day.yesterday().is_ok_and(|yesterday| announced < yesterday) {
        Some(diags::reannounced_backdated(announced, context.real_day, page.text))
    } else {
        None
    };
    if let Some(problem) = problem {
        if page.own {
            diags.push(problem);
        }
        return old.clone();
    }
    if page.own {
        diags.push(diags::reannounced(old, &entry, page.text));
    }
    let before = Earlier { announced: old.announced.clone().unwrap_or_default(), sha256: old.sha256.clone() };
    let earlier = old.earlier.iter().cloned().chain([before]).collect();
    // The text announced before was published: an app may hold its hash.
    let mut superseded = if old.sha256 == entry.sha256 { old.superseded.clone() } else { old.and_before() };
    // Announced again with a text it had before: that hash is current again.
    superseded.retain(|hash| *hash != entry.sha256);
    Entry { earlier, superseded, translated: old.translated.clone(), ..entry }
}

/// The corrections recorded are still there, as recorded (a lock of an
/// earlier kiyaku, which counted them only, records them now). False when
/// one was removed or changed.
fn compare_corrections(old: &Entry, entry: &Entry, page: &Page<'_>, diags: &mut Diagnostics) -> bool {
    let removed = entry.corrections < old.corrections;
    let changed = old.corrected.len() == old.corrections
        && entry.corrected.get(..old.corrected.len()).is_some_and(|kept| kept != old.corrected.as_slice());
    if (removed || changed) && page.own {
        diags.push(diags::correction_changed(old, page.text));
    }
    !(removed || changed)
}

/// `announced`, `change` and `summary` as recorded; a summary may change
/// with a recorded correction. False when one changed otherwise.
fn compare_fields(old: &Entry, entry: &Entry, (page, real_day): (&Page<'_>, Date), diags: &mut Diagnostics) -> bool {
    let corrected = entry.corrections > old.corrections;
    let spans = &page.text.spans;
    let changed = [
        ("announced", &old.announced, &entry.announced, &spans.announced),
        ("change", &old.change, &entry.change, &spans.change),
        ("summary", &old.summary, &entry.summary, &spans.summary),
    ];
    let mut kept = true;
    for (field, before, now, span) in changed {
        if before == now || (field == "summary" && corrected) {
            continue;
        }
        kept = false;
        if page.own {
            let values = (before.as_deref(), now.as_deref());
            diags.push(diags::changed_field(old, field, values, (page.text, span.clone()), real_day));
        }
    }
    kept
}
