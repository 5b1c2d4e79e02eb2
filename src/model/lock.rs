//! The lock file, `kiyaku.lock`: the published record is immutable.
//!
//! Once a version has taken effect, the hash of its text in each language
//! is recorded here (the file is committed with the sources). A later build
//! that finds different text for a recorded version stops with an error
//! telling the writer to add a new version instead; a deliberate, recorded
//! correction (a `[[corrections]]` entry in the front matter) is accepted
//! and its new hash recorded. A recorded version that disappears from the
//! sources is an error too.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::base::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::base::layout::LOCK_FILE;
use crate::base::toml_util::toml_error;
use crate::model::Site;

/// One recorded text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Entry {
    pub policy: String,
    pub effective: String,
    pub lang: String,
    pub sha256: String,
    /// How many corrections the text had when recorded.
    #[serde(default)]
    pub corrections: usize,
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
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LockFile {
    #[serde(default, rename = "version")]
    versions: Vec<Entry>,
}

/// A recorded text: (policy, effective date, language).
pub(crate) type Key = (String, String, String);

impl Entry {
    /// The hashes a page showed up to this record, oldest first: what a new
    /// text of the page keeps as superseded.
    fn and_before(&self) -> Vec<String> {
        self.superseded.iter().chain([&self.sha256]).cloned().collect()
    }
}

fn key(entry: &Entry) -> Key {
    (entry.policy.clone(), entry.effective.clone(), entry.lang.clone())
}

/// What the lock check found: the lock's new text, when it has to change
/// (new versions took effect, corrections were recorded), and the hashes
/// each recorded text replaced by corrections, for the model to keep.
#[derive(Debug, Default)]
pub(crate) struct Record {
    pub text: Option<String>,
    /// By (policy, effective date, language of the page): oldest first.
    pub superseded: BTreeMap<Key, Vec<String>>,
    /// By (policy, effective date, language of the page): the day its
    /// translation replaced the text of another language.
    pub translated: BTreeMap<Key, Date>,
}

/// Checks the site against the lock. `day` is the last day counted as passed.
pub(crate) fn check(site: &Site<'_>, lock: Option<&SourceFile>, day: Date, diags: &mut Diagnostics) -> Record {
    let recorded: BTreeMap<Key, Entry> = match lock {
        Some(source) => match toml::from_str::<LockFile>(&source.text) {
            Ok(file) => file.versions.into_iter().map(|e| (key(&e), e)).collect(),
            Err(err) => {
                diags.push(toml_error(source, &err, 0, "lock-syntax"));
                return Record::default();
            }
        },
        None => BTreeMap::new(),
    };
    let mut current = published(site, &recorded, (day, lock), diags);
    let superseded =
        current.iter().filter(|(_, e)| !e.superseded.is_empty()).map(|(k, e)| (k.clone(), e.superseded.clone()));
    let superseded = superseded.collect();
    let translated = current.iter().filter_map(|(k, e)| Some((k.clone(), e.translated.as_deref()?.parse().ok()?)));
    let translated = translated.collect();
    // A recorded entry is never dropped: not for a day given with --now
    // that lies before it, nor while its policy has errors of its own.
    for (key, entry) in &recorded {
        if !current.contains_key(key) {
            // A file that is there but broken has errors of its own.
            let text_lang = entry.text_lang.as_deref().unwrap_or(&entry.lang);
            let file = (entry.policy.clone(), format!("{}.{text_lang}.md", entry.effective));
            if let Some(lock) = lock.filter(|_| !site.version_files.contains(&file)) {
                diags.push(missing_version(entry, &lock.path));
            }
            current.insert(key.clone(), entry.clone());
        }
    }
    // Nothing new recorded: the file stays as it is (rendering it is not
    // free), and a site with nothing in effect yet gets no empty record.
    if (lock.is_some() && current == recorded) || (lock.is_none() && current.is_empty()) {
        return Record { text: None, superseded, translated };
    }
    let text = render(&current);
    let text = (lock.map(|l| l.text.as_str()) != Some(text.as_str())).then_some(text);
    Record { text, superseded, translated }
}

/// The entries of every version in effect by `day`, one per language of the
/// site (a page in a language the version has no text in shows, and hashes,
/// another language's text); a text that differs from its record (without
/// a correction or a translation to say why) is an error, and keeps its
/// recorded entry.
fn published(
    site: &Site<'_>,
    recorded: &BTreeMap<Key, Entry>,
    (day, lock): (Date, Option<&SourceFile>),
    diags: &mut Diagnostics,
) -> BTreeMap<Key, Entry> {
    // A version counts once it took effect, or once it was recorded (by a
    // build on a later day than this one's).
    let recorded_versions: std::collections::BTreeSet<(&str, &str)> =
        recorded.keys().map(|(policy, effective, _)| (policy.as_str(), effective.as_str())).collect();
    let counts = |policy: &str, version: &crate::model::Version<'_>| {
        version.effective <= day || recorded_versions.contains(&(policy, version.effective.to_string().as_str()))
    };
    let governing = &site.config.governing_language;
    let mut current = BTreeMap::new();
    for policy in &site.policies {
        for version in policy.versions.iter().filter(|v| counts(&policy.slug, v)) {
            for lang in &site.config.languages {
                let (text, text_lang) = version.text(lang, governing);
                let entry = Entry {
                    policy: policy.slug.clone(),
                    effective: version.effective.to_string(),
                    lang: lang.clone(),
                    sha256: text.sha256.clone(),
                    corrections: text.corrections.len(),
                    superseded: Vec::new(),
                    text_lang: (text_lang != lang).then(|| text_lang.to_string()),
                    translated: None,
                };
                let entry = match recorded.get(&key(&entry)) {
                    Some(old) => compare(old, entry, (text, day, lock), diags),
                    None => entry,
                };
                current.insert(key(&entry), entry);
            }
        }
    }
    current
}

/// A published page's entry against its record: what is recorded now.
fn compare(
    old: &Entry,
    entry: Entry,
    (text, day, lock): (&crate::model::VersionText<'_>, Date, Option<&SourceFile>),
    diags: &mut Diagnostics,
) -> Entry {
    match (&old.text_lang, &entry.text_lang) {
        // A translation took the place of the other language's text: both
        // were published, and users may have accepted either.
        (Some(_), None) => {
            diags.push(translation_added(&entry, day, text));
            return Entry { superseded: old.and_before(), translated: Some(day.to_string()), ..entry };
        }
        // The translation is gone: its record stays, and says so.
        (None, Some(_)) => {
            if let Some(lock) = lock {
                diags.push(missing_version(old, &lock.path));
            }
            return old.clone();
        }
        _ => {}
    }
    let carried = Entry { translated: old.translated.clone(), ..entry };
    match old {
        old if old.sha256 != carried.sha256 && carried.corrections <= old.corrections => {
            diags.push(changed_text(&old.effective, text));
            old.clone()
        }
        // An entry for a correction not made: the count stays, so that the
        // fix, when made, is accepted.
        old if old.sha256 == carried.sha256 && carried.corrections > old.corrections => {
            diags.push(correction_without_change(text));
            old.clone()
        }
        // A recorded correction: the text it replaced stays on record.
        old if old.sha256 != carried.sha256 => Entry { superseded: old.and_before(), ..carried },
        old => Entry { superseded: old.superseded.clone(), ..carried },
    }
}

fn translation_added(entry: &Entry, day: Date, text: &crate::model::VersionText<'_>) -> Diagnostic {
    Diagnostic::note(
        "translation-added",
        format!(
            "the `{}` text of {} {} was added after the version took effect: recorded in {LOCK_FILE} as of {day}",
            entry.lang, entry.policy, entry.effective
        ),
    )
    .in_file(&text.source.path)
    .hint("the hash of the text shown before stays valid (superseded_sha256); the page notes the day the translation was added")
}

fn changed_text(effective: &str, text: &crate::model::VersionText<'_>) -> Diagnostic {
    Diagnostic::error(
        "published-text-changed",
        format!("this version took effect on {effective} and its text differs from the text recorded in {LOCK_FILE}"),
    )
    .in_file(&text.source.path)
    .hint("the published record must not change: restore the text and publish the change as a new version (kiyaku new-version); to correct an obvious error, add a [[corrections]] entry (date, note) to the front matter")
}

fn correction_without_change(text: &crate::model::VersionText<'_>) -> Diagnostic {
    let diagnostic = Diagnostic::error(
        "correction-without-change",
        format!("this [[corrections]] entry is new, but the text is the one recorded in {LOCK_FILE}"),
    )
    .hint("make the correction in the text in the same change as its entry, or remove the entry");
    match text.corrections.last() {
        Some(correction) => diagnostic.at(text.source, correction.span.clone()),
        None => diagnostic.in_file(&text.source.path),
    }
}

fn missing_version(entry: &Entry, lock: &std::path::Path) -> Diagnostic {
    Diagnostic::error(
        "published-version-missing",
        format!(
            "{} {} ({}) took effect and is recorded in {LOCK_FILE}, but its source is gone",
            entry.policy, entry.effective, entry.lang
        ),
    )
    .in_file(lock)
    .hint(format!(
        "restore content/{}/{}.{}.md: a version that took effect stays in the public record",
        entry.policy, entry.effective, entry.lang
    ))
}

fn render(entries: &BTreeMap<Key, Entry>) -> String {
    let file = LockFile { versions: entries.values().cloned().collect() };
    let body = toml::to_string(&file).unwrap_or_default();
    format!(
        "# kiyaku.lock: hashes of the policy versions that have taken effect.\n# Written by `kiyaku build`; commit it with the sources. Do not edit.\n\n{body}"
    )
}
