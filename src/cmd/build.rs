//! `kiyaku build`: compile the site and write it, whole or not at all.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use jiff::civil::Date;

use crate::cli::BuildArgs;
use crate::diag::Severity;
use crate::error::Error;
use crate::{pipeline, today, write};

/// Validated options of `kiyaku build`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    pub today: Date,
}

impl BuildOptions {
    pub fn from_args(args: BuildArgs) -> Result<Self, Error> {
        let today = today::from_env(args.site.now)?;
        let output = args.output.unwrap_or_else(|| args.site.root.join("public"));
        Ok(BuildOptions { root: args.site.root, output, today })
    }
}

pub fn run(options: &BuildOptions) -> Result<ExitCode, Error> {
    let started = Instant::now();
    // Files go to disk as they are rendered; the new site replaces the old
    // one only if the whole run succeeds.
    let staging = write::Staging::begin(&options.output)?;
    let pages = std::sync::atomic::AtomicUsize::new(0);
    let outcome = pipeline::stream(&options.root, options.today, None, &|file| {
        if file.path.ends_with(".html") {
            pages.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        staging.put(file);
    });
    let mut stderr = std::io::stderr().lock();
    super::print_diagnostics(&outcome.diagnostics, &mut stderr);
    if outcome.diagnostics.has_errors() {
        return Err(Error::Failed { errors: outcome.diagnostics.count(Severity::Error) });
    }
    let files = staging.commit()?;
    if let Some(lock) = &outcome.lock {
        let path = options.root.join(crate::lock::LOCK_FILE);
        write::write_file(&path, lock.as_bytes())?;
        eprintln!("recorded the versions in force in {}", path.display());
    }
    eprintln!(
        "built {} pages ({files} files) for {} into {} in {} ms",
        pages.into_inner(),
        options.today,
        options.output.display(),
        started.elapsed().as_millis()
    );
    Ok(ExitCode::SUCCESS)
}
