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
    let compiled = pipeline::compile(&options.root, options.today);
    let mut stderr = std::io::stderr().lock();
    super::print_diagnostics(&compiled.diagnostics, &mut stderr);
    if compiled.diagnostics.has_errors() {
        return Err(Error::Failed { errors: compiled.diagnostics.count(Severity::Error) });
    }
    crate::timing::phase("write", || write::write_site(&options.output, &compiled.files))?;
    if let Some(lock) = &compiled.lock {
        let path = options.root.join(crate::lock::LOCK_FILE);
        write::write_file(&path, lock.as_bytes())?;
        eprintln!("recorded the versions in force in {}", path.display());
    }
    let pages = compiled.files.iter().filter(|f| f.path.ends_with(".html")).count();
    eprintln!(
        "built {pages} pages ({} files) for {} into {} in {} ms",
        compiled.files.len(),
        options.today,
        options.output.display(),
        started.elapsed().as_millis()
    );
    Ok(ExitCode::SUCCESS)
}
