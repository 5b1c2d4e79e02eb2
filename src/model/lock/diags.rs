//! What the lock check tells the writer: each problem with the record, in
//! words that say what to do.

use std::ops::Range;

use jiff::civil::Date;

use super::Entry;
use crate::base::diag::Diagnostic;
use crate::base::layout::LOCK_FILE;
use crate::model::{Version, VersionText};

pub(super) fn translation_added(entry: &Entry, day: Date, text: &VersionText<'_>) -> Diagnostic {
    Diagnostic::note(
        "translation-added",
        format!(
            "the `{}` text of {} {} was added after the version was published: recorded in {LOCK_FILE} as of {day}",
            entry.lang, entry.policy, entry.effective
        ),
    )
    .in_file(&text.source.path)
    .hint("the hash of the text shown before stays valid (superseded_sha256); the page notes the day the translation was added")
}

/// How the version entered the record, for messages.
fn published(entry: &Entry) -> String {
    match &entry.announced {
        Some(announced) => format!("was announced on {announced}"),
        None => format!("took effect on {}", entry.effective),
    }
}

/// How a published version may still change, said with the dates that do
/// it: announced again while upcoming (not on the day of its announcement:
/// the next day at the earliest), else a new version.
fn upcoming(old: &Entry, real_day: Date) -> bool {
    old.effective.parse::<Date>().is_ok_and(|effective| effective > real_day)
}

fn way_to_change(old: &Entry, real_day: Date) -> String {
    let upcoming = upcoming(old, real_day);
    let announced_today = old.announced.as_deref() == Some(real_day.to_string().as_str());
    match (upcoming, real_day.tomorrow()) {
        (true, Ok(tomorrow)) if announced_today => format!(
            "it was announced today, {real_day}: restore it for today; from tomorrow it can be announced again with the change (announced = {tomorrow} in every language file, then), or publish the change as a new version (kiyaku new-version)"
        ),
        (true, _) => format!(
            "before it takes effect, announce it again with the change: announced = {real_day} in every language file (the notice period counts from then); or publish the change as a new version (kiyaku new-version)"
        ),
        _ => "restore it and publish the change as a new version (kiyaku new-version)".to_string(),
    }
}

pub(super) fn changed_text(old: &Entry, text: &VersionText<'_>, real_day: Date) -> Diagnostic {
    Diagnostic::error(
        "published-text-changed",
        format!("this version {} and its text differs from the text recorded in {LOCK_FILE}", published(old)),
    )
    .in_file(&text.source.path)
    .hint(format!(
        "the published record must not change: {}; to correct an obvious error, add a [[corrections]] entry (date, note) to the front matter",
        way_to_change(old, real_day)
    ))
}

pub(super) fn changed_field(
    old: &Entry,
    field: &str,
    (before, now): (Option<&str>, Option<&str>),
    (text, span): (&VersionText<'_>, Option<Range<usize>>),
    real_day: Date,
) -> Diagnostic {
    let shown = |value: Option<&str>| value.map_or_else(|| "none".to_string(), |v| format!("`{v}`"));
    let diagnostic = Diagnostic::error(
        "published-record-changed",
        format!(
            "this version {} with `{field}` {}, as {LOCK_FILE} records; it is now {}",
            published(old),
            shown(before),
            shown(now)
        ),
    )
    .hint(match field {
        // A correction is for a version in force; an upcoming one is announced again.
        "summary" if upcoming(old, real_day) => format!("restore the summary; {}", way_to_change(old, real_day)),
        "summary" => "restore the summary, or record its change with a [[corrections]] entry (date, note)".to_string(),
        "announced" => format!(
            "restore `announced` as recorded (the notice period counts from it); {}",
            way_to_change(old, real_day)
        ),
        _ => format!(
            "restore `{field}` as recorded: it decides whether users are told or asked again; {}",
            way_to_change(old, real_day)
        ),
    });
    match span {
        Some(span) => diagnostic.at(text.source, span),
        None => diagnostic.in_file(&text.source.path),
    }
}

pub(super) fn correction_changed(old: &Entry, text: &VersionText<'_>) -> Diagnostic {
    let recorded =
        if old.corrected.is_empty() { format!("{} correction(s)", old.corrections) } else { old.corrected.join("; ") };
    Diagnostic::error(
        "correction-changed",
        format!("a [[corrections]] entry of this published version was removed or changed; {LOCK_FILE} records: {recorded}"),
    )
    .in_file(&text.source.path)
    .hint("a published correction stays as it was (date and note): restore it, and add a new [[corrections]] entry for a new correction")
}

pub(super) fn correction_without_change(text: &VersionText<'_>) -> Diagnostic {
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

fn at_announced(diagnostic: Diagnostic, text: &VersionText<'_>) -> Diagnostic {
    match &text.spans.announced {
        Some(span) => diagnostic.at(text.source, span.clone()),
        None => diagnostic.in_file(&text.source.path),
    }
}

pub(super) fn reannounced(old: &Entry, entry: &Entry, text: &VersionText<'_>) -> Diagnostic {
    let note = Diagnostic::note(
        "reannounced",
        format!(
            "announced again on {} (announced before on {}): recorded in {LOCK_FILE}, the earlier announcement kept",
            entry.announced.as_deref().unwrap_or_default(),
            old.announced.as_deref().unwrap_or_default()
        ),
    )
    .hint("the notice period runs from the new announcement; the history lists both");
    at_announced(note, text)
}

pub(super) fn reannounced_in_force(old: &Entry, text: &VersionText<'_>) -> Diagnostic {
    let error = Diagnostic::error(
        "reannounced-in-force",
        format!(
            "`announced` is later than the recorded {}, but the version took effect on {}: a version in force cannot be announced again",
            old.announced.as_deref().unwrap_or_default(),
            old.effective
        ),
    )
    .hint(format!(
        "restore announced = {} and publish the change as a new version (kiyaku new-version)",
        old.announced.as_deref().unwrap_or_default()
    ));
    at_announced(error, text)
}

pub(super) fn reannounced_ahead(old: &Entry, day: Date, text: &VersionText<'_>) -> Diagnostic {
    let error = Diagnostic::error(
        "reannounced-ahead",
        format!(
            "this version was announced on {} and is announced again on a day after {day}: until then the site would show a text that was never announced",
            old.announced.as_deref().unwrap_or_default()
        ),
    )
    .hint(format!("date the re-announcement on the day it is published ({day} or earlier), or keep the text as announced until then"));
    at_announced(error, text)
}

pub(super) fn reannounced_backdated(announced: Date, real_day: Date, text: &VersionText<'_>) -> Diagnostic {
    let error = Diagnostic::error(
        "reannounced-backdated",
        format!("this version is announced again on {announced}, but the re-announcement is published now, on {real_day}: its notice period would count from a day it was not public"),
    )
    .hint(format!("date the re-announcement the day it is published: announced = {real_day}"));
    at_announced(error, text)
}

pub(super) fn inserted_draft(version: &Version<'_>, later: Date, text: &VersionText<'_>) -> Diagnostic {
    Diagnostic::error(
        "version-inserted",
        format!(
            "this version, not yet public, takes effect on {} before the published version of {later}: it would take that version's place as the one before it (its 新旧対照表, its links), and hold it back from the site",
            version.effective
        ),
    )
    .in_file(&text.source.path)
    .hint(format!("date this version after {later}, or announce it (announced = today) if it is really to come first"))
}

pub(super) fn missing_version(entry: &Entry, lock: &std::path::Path) -> Diagnostic {
    Diagnostic::error(
        "published-version-missing",
        format!(
            "{} {} ({}) {} and is recorded in {LOCK_FILE}, but its source is gone",
            entry.policy,
            entry.effective,
            entry.lang,
            published(entry)
        ),
    )
    .in_file(lock)
    .hint(format!(
        "restore content/{}/{}.{}.md: a published version stays in the public record",
        entry.policy, entry.effective, entry.lang
    ))
}

pub(super) fn unrecorded(slug: &str, version: &Version<'_>, text: &VersionText<'_>, lock_exists: bool) -> Diagnostic {
    let published = super::versions::published_on(version);
    let lock =
        if lock_exists { format!("{LOCK_FILE} has no record of it") } else { format!("there is no {LOCK_FILE}") };
    Diagnostic::error(
        "published-unrecorded",
        format!("{slug} {} was published on {published}, but {lock}: its text would be recorded as if it were the one published", version.effective),
    )
    .in_file(&text.source.path)
    .hint(format!("restore {LOCK_FILE} from version control (git checkout {LOCK_FILE}); if the version is new to kiyaku (a site's first build, or history entered now), record it deliberately with `kiyaku build --record-published`"))
}
