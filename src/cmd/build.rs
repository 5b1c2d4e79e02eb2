//! `kiyaku build`: compile the site and write it, whole or not at all.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use jiff::civil::Date;

use crate::base::diag::Severity;
use crate::cli::BuildArgs;
use crate::error::Error;
use crate::{base::today, pipeline, write};

/// Validated options of `kiyaku build`.
#[derive(Debug, Clone)]
pub(crate) struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    pub today: Date,
    /// Fail, writing nothing, when `kiyaku.lock` would change.
    pub locked: bool,
    /// What to do with published versions the lock has no record of.
    pub unrecorded: super::Unrecorded,
    /// The address to publish at instead of the configured one.
    pub base_url: Option<String>,
    /// Diagnostics for people on standard error, or one JSON report on standard output.
    pub format: crate::cli::Format,
    /// Make PDFs (no `--no-pdf`).
    pub pdf: bool,
    /// Font files or folders for the PDFs (`--font`, else `KIYAKU_FONT_PATH`); empty: the site's or the system's.
    pub fonts: Vec<PathBuf>,
}

impl BuildOptions {
    pub(crate) fn from_args(args: BuildArgs) -> Result<Self, Error> {
        let today = today::from_env(args.site.now)?;
        let output = args.output.unwrap_or_else(|| args.site.root.join(crate::base::layout::DEFAULT_OUTPUT));
        let unrecorded = super::Unrecorded::from_flag(args.record_published);
        if let Some(url) = args.base_url.as_deref()
            && let Some(problem) = crate::parse::config::base_url_problem(url)
        {
            return Err(Error::Usage(format!(
                "--base-url {url} {problem}: give an address like https://preview.example.com/legal/"
            )));
        }
        let base_url = args.base_url;
        let (locked, format, pdf) = (args.locked, args.format, !args.no_pdf);
        let fonts = if args.fonts.is_empty() { fonts_from_env() } else { args.fonts };
        Ok(BuildOptions { root: args.site.root, output, today, locked, unrecorded, base_url, format, pdf, fonts })
    }
}

/// `KIYAKU_FONT_PATH`: font files or folders, apart by the system's path separator.
fn fonts_from_env() -> Vec<PathBuf> {
    // Set but empty (a CI default) is unset: no path "" to fail on.
    let paths = std::env::var_os("KIYAKU_FONT_PATH").unwrap_or_default();
    std::env::split_paths(&paths).filter(|path| !path.as_os_str().is_empty()).collect()
}

pub(crate) fn run(options: &BuildOptions) -> Result<ExitCode, Error> {
    let started = Instant::now();
    // Nothing is created beside a site that is not there.
    let staging = super::require_site_folder(&options.root).and_then(|()| {
        // Files go to disk as they are rendered; the new site replaces the
        // old one only if the whole run succeeds.
        write::Staging::begin(&options.output).map_err(Error::from)
    });
    let staging = match staging {
        Ok(staging) => staging,
        Err(err) => {
            if options.format == crate::cli::Format::Json {
                print_report(&pipeline::Outcome::default(), Err(&err));
            }
            return Err(err);
        }
    };
    let base_url = options.base_url.as_deref();
    let mut font_problems = crate::base::diag::Diagnostics::default();
    let fonts = options.pdf.then(|| crate::load::load_fonts(&options.root, &options.fonts, &mut font_problems));
    let store_and_fonts = (&staging as &dyn crate::render::cache::Store, fonts.as_deref());
    let mut outcome =
        pipeline::stream_reusing(&options.root, options.today, base_url, store_and_fonts, &|file| staging.put(file));
    outcome.diagnostics.extend(font_problems);
    options.unrecorded.report(std::mem::take(&mut outcome.unrecorded), &mut outcome.diagnostics);
    if options.format == crate::cli::Format::Human {
        super::print_diagnostics(&outcome.diagnostics, &mut std::io::stderr().lock());
    }
    let result = commit(options, &outcome, staging, started);
    if options.format == crate::cli::Format::Json {
        print_report(&outcome, result.as_ref());
    }
    result.map(|_| ExitCode::SUCCESS)
}

/// What a successful build made, for the JSON report.
#[derive(serde::Serialize)]
struct Built {
    pages: usize,
    files: usize,
    output: String,
    next_change: Option<String>,
    lock_written: bool,
}

/// The JSON report of a build that could not start (a flag refused).
pub(crate) fn print_failure(err: &Error) {
    print_report(&pipeline::Outcome::default(), Err(err));
}

/// The JSON report on standard output: the problems (as `check --format
/// json` gives them), what was built when the site was written, and else
/// why not (`failure`: the message the command prints last).
fn print_report(outcome: &pipeline::Outcome, result: Result<&Built, &Error>) {
    #[derive(serde::Serialize)]
    struct Report<'a> {
        errors: usize,
        warnings: usize,
        diagnostics: Vec<&'a crate::base::diag::Diagnostic>,
        built: Option<&'a Built>,
        failure: Option<String>,
    }
    let diags = &outcome.diagnostics;
    let report = Report {
        errors: diags.count(Severity::Error),
        warnings: diags.count(Severity::Warning),
        diagnostics: diags.sorted(),
        built: result.ok(),
        failure: result.err().map(crate::error::chain),
    };
    println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
}

/// Writes the record and swaps the staged site in, when the run allows it.
fn commit(
    options: &BuildOptions,
    outcome: &pipeline::Outcome,
    staging: write::Staging,
    started: Instant,
) -> Result<Built, Error> {
    if outcome.diagnostics.has_errors() {
        return Err(Error::Failed { errors: outcome.diagnostics.count(Severity::Error) });
    }
    if options.locked && outcome.lock.is_some() {
        // The staged site is dropped with `staging`: nothing is written.
        return Err(Error::LockChanged);
    }
    let (pages, reused) = (staging.pages(), staging.reused_streams());
    // The record first: a site that shows versions the lock failed to
    // record must not go out (the staged site is dropped on an error).
    if let Some(lock) = &outcome.lock {
        let path = options.root.join(crate::base::layout::LOCK_FILE);
        let created = !path.exists();
        write::write_file(&path, lock.as_bytes())?;
        if created {
            eprintln!("created {}: the record of the published versions", path.display());
        } else {
            eprintln!("recorded the newly published versions in {}", path.display());
        }
    }
    let write::Committed { files, left_behind } = staging.commit()?;
    if let Some(err) = left_behind {
        // The new site is in place: this is no failure of the build.
        eprintln!(
            "warning: the new site is in place, but the previous one could not be removed ({err}); the next build removes it, or delete it by hand"
        );
    }
    let reused = match reused {
        0 => String::new(),
        n => format!("; the pages of {n} unchanged policy/language pairs kept from the last build"),
    };
    eprintln!(
        "built {pages} pages ({files} files{reused}) for {} into {} in {} ms",
        options.today,
        options.output.display(),
        started.elapsed().as_millis()
    );
    match outcome.next_change {
        // The site is right only until then: a scheduled build must run that day.
        Some(day) => eprintln!("the site changes next on {day}: build again on that day (in Japan)"),
        None => eprintln!("nothing is dated after {}: the site stays as built", options.today),
    }
    let next_change = outcome.next_change.map(|day| day.to_string());
    let output = options.output.display().to_string();
    Ok(Built { pages, files, output, next_change, lock_written: outcome.lock.is_some() })
}
