//! Rules on one version: its front matter, its clause ids and numbers, how
//! its languages agree, and what became of the previous version's ids.

use std::collections::{BTreeMap, BTreeSet};

use crate::base::diag::{Diagnostic, Diagnostics};
use crate::parse::config::Config;
use crate::parse::{self, Body, Change, VersionFile};

/// A file whose `effective` names the date of another version in the same
/// language would be a second version of that day.
pub(super) fn check_same_date(files: &[VersionFile<'_>], diags: &mut Diagnostics) {
    for file in files {
        let Some(effective) = &file.front.effective else { continue };
        let twin = files
            .iter()
            .find(|other| other.date == effective.value && other.lang == file.lang && other.date != file.date);
        if let Some(twin) = twin {
            diags.push(
                Diagnostic::error("duplicate-version", format!("two versions take effect on {}: this one and {}", effective.value, twin.source.path.display()))
                    .at(file.source, effective.span.clone())
                    .hint("a policy has one version per effective date: merge the two texts, or give this one its own date (and file name)"),
            );
        }
    }
}

/// The front matter's fields, and that the version has a text.
pub(super) fn check_front_matter(config: &Config, first: bool, file: &VersionFile<'_>, diags: &mut Diagnostics) {
    let (front, source) = (&file.front, file.source);
    let header = parse::header_span(front);
    check_effective(file, diags);
    check_summary(file, diags);
    check_corrections(file, diags);
    if file.body_text.trim().is_empty() {
        diags.push(
            Diagnostic::error("version-empty", "the version has no text after its front matter")
                .at(source, header.clone())
                .hint("write the policy's text under the closing `+++`: clauses as `## Title {#id}`"),
        );
    }
    if !first && front.change.is_none() && !front.written.contains(&"change") {
        diags.push(
            Diagnostic::error("missing-field", "the front matter has no `change`")
                .at(source, header.clone())
                .hint("add change = \"material\" (users must be told) or change = \"editorial\" (wording only)"),
        );
    }
    if first && let Some(change) = &front.change {
        diags.push(
            Diagnostic::warning("change-on-first", "`change` is ignored on a policy's first version")
                .at(source, change.span.clone())
                .hint("remove the line: the first version is the policy's establishment"),
        );
    }
    check_announcement(config, first, file, diags);
}

/// `effective` is there and is the date of the file's name.
fn check_effective(file: &VersionFile<'_>, diags: &mut Diagnostics) {
    let (front, source) = (&file.front, file.source);
    let header = parse::header_span(front);
    match &front.effective {
        None if front.written.contains(&"effective") => {}
        None => diags.push(
            Diagnostic::error("missing-field", "the front matter has no `effective` date")
                .at(source, header.clone())
                .hint(format!("add effective = {} (the date in the file name)", file.date)),
        ),
        Some(effective) if effective.value != file.date => diags.push(
            Diagnostic::error(
                "effective-mismatch",
                format!("`effective` is {} but the file name says {}", effective.value, file.date),
            )
            .at(source, effective.span.clone())
            .hint("the file name is the version's effective date: rename the file or fix the date"),
        ),
        Some(_) => {}
    }
}

/// `summary` is there, and one line.
fn check_summary(file: &VersionFile<'_>, diags: &mut Diagnostics) {
    let (front, source) = (&file.front, file.source);
    let header = parse::header_span(front);
    let example = if file.lang == "ja" { "利用目的を追加しました。" } else { "Added the purposes of use." };
    match &front.summary {
        None => diags.push(
            Diagnostic::error("missing-field", "the front matter has no `summary`")
                .at(source, header.clone())
                .hint(format!("add a one-line summary of the change, e.g. summary = \"{example}\"")),
        ),
        Some(summary) if summary.value.trim().is_empty() => diags.push(
            Diagnostic::error("missing-field", "`summary` is empty")
                .at(source, summary.span.clone())
                .hint(format!("say in one line what this version changed, e.g. summary = \"{example}\"")),
        ),
        Some(summary) if summary.value.trim().contains('\n') => diags.push(
            Diagnostic::error("summary-lines", "`summary` runs over several lines")
                .at(source, summary.span.clone())
                .hint(
                    "say it in one line (the history, the feed and the banner show it as one); details go in the text",
                ),
        ),
        Some(_) => {}
    }
}

/// A correction is dated on or after the day its version took effect (it
/// corrects a published text), and says what it corrected.
fn check_corrections(file: &VersionFile<'_>, diags: &mut Diagnostics) {
    for correction in &file.front.corrections {
        if correction.date < file.date {
            diags.push(
                Diagnostic::error(
                    "correction-date",
                    format!(
                        "the correction is dated {}, before the version took effect on {}",
                        correction.date, file.date
                    ),
                )
                .at(file.source, correction.span.clone())
                .hint("date a correction the day it was made: it corrects the text as published"),
            );
        }
        if correction.note.trim().is_empty() {
            diags.push(
                Diagnostic::error("correction-note", "the correction's `note` is empty")
                    .at(file.source, correction.note_span.clone())
                    .hint("say what was corrected: note = \"誤記を訂正しました（第3条）。\""),
            );
        }
    }
}

pub(super) fn check_announcement(config: &Config, first: bool, file: &VersionFile<'_>, diags: &mut Diagnostics) {
    let front = &file.front;
    // `change` means nothing on a first version (it was warned about).
    let material = !first && front.change.as_ref().is_some_and(|c| c.value == Change::Material);
    let Some(announced) = &front.announced else {
        if material {
            diags.push(
                Diagnostic::warning("announcement-missing", "a material change has no `announced` date")
                    .at(file.source, parse::header_span(front))
                    .hint("record when the change was published: announced = YYYY-MM-DD (民法548条の4 requires advance notice)"),
            );
        }
        return;
    };
    let days = (file.date - announced.value).get_days();
    let span = announced.span.clone();
    if announced.value > file.date {
        diags.push(
            Diagnostic::error(
                "announced-after-effective",
                format!("announced {} is after the effective date {}", announced.value, file.date),
            )
            .at(file.source, span)
            .hint("a version is announced on or before the day it takes effect"),
        );
    } else if material && days < i32::try_from(config.notice_period_days).unwrap_or(i32::MAX) {
        diags.push(
            Diagnostic::warning(
                "notice-period",
                format!(
                    "a material change announced {days} days ahead; the site's notice period is {} days",
                    config.notice_period_days
                ),
            )
            .at(file.source, span)
            .hint("move the effective date later (民法548条の4: announce unfavourable changes well before they apply)"),
        );
    }
}

/// A clause id published in the previous version must still lead somewhere:
/// it is in this version, or declared `renamed` or `removed` here.
pub(super) fn check_continuity(
    previous: Option<&[String]>,
    earlier: &BTreeSet<String>,
    file: &VersionFile<'_>,
    diags: &mut Diagnostics,
) {
    let Some(previous) = previous else { return };
    let ids: BTreeSet<&str> = file.body.ids().into_iter().collect();
    if ids.contains("") {
        return; // Clauses without valid ids were reported already.
    }
    let front = &file.front;
    let declared_removed: BTreeSet<&str> = front.removed.iter().map(|r| r.value.as_str()).collect();
    for id in previous.iter().filter(|id| !id.is_empty() && !ids.contains(id.as_str())) {
        if !front.renamed.contains_key(id) && !declared_removed.contains(id.as_str()) {
            diags.push(
                Diagnostic::error("clause-id-vanished", format!("clause `{id}` of the previous version is gone, and its anchor with it"))
                    .at(file.source, parse::header_span(front))
                    .hint(format!("keep the id, or declare in the front matter removed = [\"{id}\"] (a tombstone says it was removed) or renamed = {{ {id} = \"new-id\" }}")),
            );
        }
    }
    let mut targets: BTreeSet<&str> = BTreeSet::new();
    for (old, new) in &front.renamed {
        if !targets.insert(new.value.as_str()) {
            // The 新旧対照表 shows a renamed clause's old text beside its
            // new one: two old clauses cannot both stand beside one.
            diags.push(
                Diagnostic::error("renamed-unknown", format!("`{old}` is renamed to `{}`, which another clause is renamed to as well", new.value))
                    .at(file.source, new.span.clone())
                    .hint("rename one clause to each id; declare the others removed = [...] (their anchors then lead to a note saying so)"),
            );
        } else if !previous.contains(old) {
            diags.push(
                Diagnostic::error(
                    "renamed-unknown",
                    format!("`renamed` names `{old}`, which the previous version does not have"),
                )
                .at(file.source, new.span.clone())
                .hint("renamed maps an id of the previous version to its new id"),
            );
        } else if !ids.contains(new.value.as_str()) {
            diags.push(
                Diagnostic::error(
                    "renamed-unknown",
                    format!("`{old}` is renamed to `{}`, which this version does not have", new.value),
                )
                .at(file.source, new.span.clone())
                .hint("name the id of one of this version's clauses"),
            );
        }
    }
    for removed in &front.removed {
        if ids.contains(removed.value.as_str()) || !earlier.contains(&removed.value) {
            diags.push(
                Diagnostic::error(
                    "removed-unknown",
                    format!("`removed` names `{}`, which is not a clause removed in this version", removed.value),
                )
                .at(file.source, removed.span.clone())
                .hint("list ids that earlier versions had and this one does not"),
            );
        }
    }
}

/// The ids that became aliases of other clauses when they were renamed:
/// they lead to those clauses on every later page, so no later clause may
/// take one (its anchor would be on the page twice, and old links would
/// move to it).
#[derive(Default)]
pub(super) struct FormerNames {
    /// Former id → the id it leads to now.
    leads_to: BTreeMap<String, String>,
}

impl FormerNames {
    /// Reports clauses of `file` that take a former name, then records the
    /// file's renames.
    pub(super) fn check(&mut self, file: &VersionFile<'_>, diags: &mut Diagnostics) {
        for (old, new) in &file.front.renamed {
            for target in self.leads_to.values_mut().filter(|target| *target == old) {
                target.clone_from(&new.value);
            }
            self.leads_to.insert(old.clone(), new.value.clone());
        }
        self.leads_to.retain(|old, new| old != new);
        let clauses = file.body.clauses.iter().flat_map(|c| std::iter::once(c).chain(&c.children));
        for clause in clauses {
            let Some(target) = self.leads_to.get(&clause.id) else { continue };
            diags.push(
                Diagnostic::error(
                    "clause-id-taken",
                    format!("`{}` is the former id of clause `{target}`, and its anchor leads there", clause.id),
                )
                .at(file.source, clause.span.clone())
                .hint(format!("give this clause another id: links to #{} must keep leading to `{target}`", clause.id)),
            );
        }
    }
}

/// Explicit numbers must keep the numbering increasing: `number=5` after
/// article 4 or later, `number=3-2` right after article 3 (or 3-1).
pub(super) fn check_numbers(file: &VersionFile<'_>, diags: &mut Diagnostics) {
    let mut last = (0u32, 0u32);
    for clause in file.body.clauses.iter().filter(|c| c.numbered) {
        let next = match clause.number {
            Some((main, branch)) => (main, branch.unwrap_or(0)),
            None => (last.0 + 1, 0),
        };
        if next <= last || (next.1 > 0 && next.0 != last.0) {
            diags.push(
                Diagnostic::error(
                    "clause-number-order",
                    format!("clause `{}` would be numbered out of order", clause.id),
                )
                .at(file.source, clause.span.clone())
                .hint(format!(
                    "after article {} comes {} (or a branch {}-N)",
                    last.0,
                    last.0 + 1,
                    last.0
                )),
            );
        }
        last = next;
    }
}

pub(super) fn check_duplicate_ids(file: &VersionFile<'_>, diags: &mut Diagnostics) {
    let mut seen = BTreeSet::new();
    let clauses = file.body.clauses.iter().flat_map(|c| std::iter::once(c).chain(c.children.iter()));
    for clause in clauses.filter(|c| !c.id.is_empty()) {
        if !seen.insert(clause.id.as_str()) {
            diags.push(
                Diagnostic::error(
                    "clause-id-duplicate",
                    format!("clause id `{}` is used twice in this version", clause.id),
                )
                .at(file.source, clause.span.clone())
                .hint("every clause needs its own id; anchors must lead to one place"),
            );
        }
    }
}

/// Checks that a translation has the same dates and clause ids as the
/// reference (governing) text.
pub(super) fn check_agreement(reference: &VersionFile<'_>, file: &VersionFile<'_>, diags: &mut Diagnostics) {
    fn value(front: &parse::FrontMatter) -> impl PartialEq + '_ {
        let renamed: Vec<(&String, &String)> = front.renamed.iter().map(|(k, v)| (k, &v.value)).collect();
        let removed: Vec<&String> = front.removed.iter().map(|r| &r.value).collect();
        (renamed, removed)
    }
    // A value written but invalid was reported where it is: it differs from
    // nothing.
    fn differs<T: PartialEq>(
        ours: Option<T>,
        theirs: Option<T>,
        (a, b): (&parse::FrontMatter, &parse::FrontMatter),
        field: &str,
    ) -> bool {
        let invalid = |value: &Option<T>, front: &parse::FrontMatter| value.is_none() && front.written.contains(&field);
        ours != theirs && !invalid(&ours, a) && !invalid(&theirs, b)
    }
    let fronts = (&reference.front, &file.front);
    let announced = |f: &parse::FrontMatter| f.announced.as_ref().map(|a| a.value);
    let change = |f: &parse::FrontMatter| f.change.as_ref().map(|c| c.value);
    if value(&reference.front) != value(&file.front)
        || differs(announced(fronts.0), announced(fronts.1), fronts, "announced")
        || differs(change(fronts.0), change(fronts.1), fronts, "change")
    {
        diags.push(
            Diagnostic::error(
                "translation-mismatch",
                format!(
                    "`announced`, `change`, `renamed` or `removed` differs from {}",
                    reference.source.path.display()
                ),
            )
            .at(file.source, parse::header_span(&file.front))
            .hint("the languages of one version share its dates and kind of change: copy them from the governing text"),
        );
    }
    check_same_ids(reference, file, diags);
}

/// Every place where a translation's clause ids part from the reference's,
/// not only the first.
fn check_same_ids(reference: &VersionFile<'_>, file: &VersionFile<'_>, diags: &mut Diagnostics) {
    let ours = file.body.ids();
    let theirs = reference.body.ids();
    // A clause without a valid id was reported already; comparing would
    // only blame the other language for it.
    if ours == theirs || ours.contains(&"") || theirs.contains(&"") {
        return;
    }
    let reference_path = reference.source.path.display().to_string();
    let clauses: Vec<&parse::Clause> = all_clauses(&file.body).collect();
    let at =
        |index: usize| clauses.get(index).map_or(file.source.text.len()..file.source.text.len(), |c| c.span.clone());
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &theirs, &ours) {
        let (_, expected, found) = op.as_tag_tuple();
        if op.tag() == similar::DiffTag::Equal {
            continue;
        }
        for offset in 0..expected.len().max(found.len()) {
            let (wanted, written) = (theirs.get(expected.start + offset), ours.get(found.start + offset));
            let (wanted, written) =
                (wanted.filter(|_| offset < expected.len()), written.filter(|_| offset < found.len()));
            let what = match (wanted, written) {
                (Some(wanted), Some(written)) => format!("expected `{wanted}`, found `{written}`"),
                (Some(wanted), None) => format!("`{wanted}` is missing here"),
                (None, Some(written)) => format!("`{written}` is not in it"),
                (None, None) => continue,
            };
            diags.push(
                Diagnostic::error("clause-ids-differ", format!("clause ids differ from {reference_path}: {what}"))
                    .at(file.source, at(found.start + offset.min(found.len())))
                    .hint("each language of a version has the same clauses with the same ids, in the same order"),
            );
        }
    }
}

fn all_clauses(body: &Body) -> impl Iterator<Item = &parse::Clause> {
    body.clauses.iter().flat_map(|c| std::iter::once(c).chain(c.children.iter()))
}
