//! `kiyaku check`: every validation of a build, nothing written.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use jiff::civil::Date;
use serde::Serialize;

use crate::base::diag::{Diagnostic, Severity};
use crate::cli::{CheckArgs, Format};
use crate::error::Error;
use crate::{base::today, pipeline};

/// Validated options of `kiyaku check`.
#[derive(Debug, Clone)]
pub(crate) struct CheckOptions {
    pub root: PathBuf,
    pub today: Date,
    pub deny_warnings: bool,
    pub format: Format,
    /// What to do with published versions the lock has no record of.
    pub unrecorded: super::Unrecorded,
}

impl CheckOptions {
    pub(crate) fn from_args(args: CheckArgs) -> Result<Self, Error> {
        Ok(CheckOptions {
            today: today::from_env(args.site.now)?,
            root: args.site.root,
            deny_warnings: args.deny_warnings,
            format: args.format,
            unrecorded: super::Unrecorded::from_flag(args.record_published),
        })
    }
}

#[derive(Serialize)]
struct Report<'a> {
    errors: usize,
    warnings: usize,
    diagnostics: Vec<&'a Diagnostic>,
    /// Per site language, how many versions have a text of their own in it.
    translated: std::collections::BTreeMap<&'a str, Coverage>,
    /// The APPI art. 32 checklist of each privacy policy version in force or upcoming.
    appi: &'a [crate::model::appi::Checklist],
}

#[derive(Serialize)]
struct Coverage {
    /// Versions with their own text in the language.
    written: usize,
    /// All the versions the site shows.
    versions: usize,
}

pub(crate) fn run(options: &CheckOptions) -> Result<ExitCode, Error> {
    // Everything a build does but the writing: rendered files are counted
    // and dropped.
    let pages = std::sync::atomic::AtomicUsize::new(0);
    let mut compiled = pipeline::stream(&options.root, options.today, None, &|file| {
        if file.path.ends_with(".html") {
            pages.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
    });
    options.unrecorded.report(std::mem::take(&mut compiled.unrecorded), &mut compiled.diagnostics);
    let diags = &compiled.diagnostics;
    let errors = diags.count(Severity::Error);
    let warnings = diags.count(Severity::Warning);
    match options.format {
        Format::Human => {
            let mut stderr = std::io::stderr().lock();
            super::print_diagnostics(diags, &mut stderr);
            if compiled.lock.is_some() && errors == 0 {
                let _ = writeln!(
                    stderr,
                    "note: the next build will update kiyaku.lock (versions published, corrections, translations or block revisions to record)"
                );
            }
            if errors + warnings == 0 {
                let pages = pages.load(std::sync::atomic::Ordering::Relaxed);
                let _ = writeln!(stderr, "no problems found ({pages} pages checked)");
            }
            if errors == 0 && compiled.translated.len() > 1 {
                let _ = writeln!(stderr, "{}", translation_line(&compiled.translated));
            }
            let _ = write!(stderr, "{}", checklist_lines(&compiled.appi));
        }
        Format::Json => {
            let translated = compiled
                .translated
                .iter()
                .map(|(l, (w, t))| (l.as_str(), Coverage { written: *w, versions: *t }))
                .collect();
            let report = Report { errors, warnings, diagnostics: diags.sorted(), translated, appi: &compiled.appi };
            let json = serde_json::to_string_pretty(&report).unwrap_or_default();
            let _ = writeln!(std::io::stdout().lock(), "{json}");
        }
    }
    let failed = errors > 0 || (options.deny_warnings && warnings > 0);
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Each privacy policy version's APPI art. 32 items, each with where it is
/// disclosed, or what is missing.
fn checklist_lines(lists: &[crate::model::appi::Checklist]) -> String {
    let mut out = String::new();
    for list in lists {
        out.push_str(&format!("APPI art. 32 checklist, {} {}:\n", list.policy, list.effective));
        for item in &list.items {
            let state = match (&item.disclosed_in, &item.lacks, item.optional) {
                (Some(_), None, _) => "ok     ",
                (Some(_), Some(_), _) => "partial",
                (None, _, true) => "n/a    ",
                (None, _, false) => "MISSING",
            };
            let place = item.disclosed_in.as_deref().unwrap_or("not disclosed");
            let lack = item.lacks.as_deref().map(|l| format!(": {l}")).unwrap_or_default();
            out.push_str(&format!("  {state} {:<16} {place}{lack}\n", item.item));
        }
    }
    out
}

/// How much of the site each language has its own text for, in one line:
/// a language shown in another's text is never silent.
fn translation_line(translated: &std::collections::BTreeMap<String, (usize, usize)>) -> String {
    let parts: Vec<String> = translated
        .iter()
        .map(|(lang, (written, versions))| {
            let share = if *versions == 0 { 100 } else { written * 100 / versions };
            format!("{lang} {written} of {versions} ({share}%)")
        })
        .collect();
    format!("versions with their own text, by language: {}", parts.join(", "))
}
