//! `kiyaku init DIR`: a new site that builds and passes `kiyaku check`:
//! the config, the default theme wired in, the UI strings to adjust, one
//! sample privacy policy in ja and en, and its business and contact blocks.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jiff::civil::Date;

use crate::error::Error;
use crate::write;

const CONFIG: &str = include_str!("init_site/kiyaku.toml");
const POLICY: &str = include_str!("init_site/policy.toml");
const PRIVACY_JA: &str = include_str!("init_site/privacy.ja.md");
const PRIVACY_EN: &str = include_str!("init_site/privacy.en.md");
const COMPANY: &str = include_str!("init_site/company.toml");
const DESK: &str = include_str!("init_site/privacy-desk.toml");
const GITIGNORE: &str = include_str!("init_site/gitignore");
/// A GitHub Actions workflow that builds on every push and every day just
/// after midnight in Japan, commits `kiyaku.lock` back, and deploys.
const PUBLISH_WORKFLOW: &str = include_str!("init_site/publish.yml");
const I18N_JA: &str = include_str!("../../i18n/ja.ftl");
const I18N_EN: &str = include_str!("../../i18n/en.ftl");

/// Validated options of `kiyaku init`.
#[derive(Debug, Clone)]
pub(crate) struct InitOptions {
    pub dir: PathBuf,
    /// The sample policy's effective date.
    pub today: Date,
}

impl InitOptions {
    /// Validated options from the raw flags (the sample version is dated
    /// today, from `SOURCE_DATE_EPOCH` or the clock).
    pub(crate) fn from_args(args: crate::cli::InitArgs) -> Result<Self, Error> {
        Ok(InitOptions { dir: args.dir, today: crate::base::today::from_env(None)? })
    }
}

/// The files of a new site, by path below its folder.
pub(crate) fn site_files(today: Date) -> Vec<(PathBuf, String)> {
    let date = today.to_string();
    let dated = |text: &str| text.replace("{{DATE}}", &date);
    vec![
        (PathBuf::from(crate::base::layout::CONFIG_FILE), CONFIG.to_string()),
        (PathBuf::from(".gitignore"), GITIGNORE.to_string()),
        (PathBuf::from(".github/workflows/publish.yml"), PUBLISH_WORKFLOW.to_string()),
        (PathBuf::from("content/privacy/policy.toml"), POLICY.to_string()),
        (PathBuf::from(format!("content/privacy/{date}.ja.md")), dated(PRIVACY_JA)),
        (PathBuf::from(format!("content/privacy/{date}.en.md")), dated(PRIVACY_EN)),
        (PathBuf::from("blocks/company.toml"), dated(COMPANY)),
        (PathBuf::from("blocks/privacy-desk.toml"), dated(DESK)),
        (PathBuf::from("i18n/ja.ftl"), I18N_JA.to_string()),
        (PathBuf::from("i18n/en.ftl"), I18N_EN.to_string()),
    ]
}

pub(crate) fn run(options: &InitOptions) -> Result<ExitCode, Error> {
    let files = site_files(options.today);
    write::create_files(&options.dir, &files).map_err(|err| match err {
        // Not a site that could not be written: a site that is there already.
        write::WriteError::Exists { path } => Error::Usage(format!(
            "{} already exists: kiyaku init makes a new site and never overwrites a file; give it a new or empty folder",
            path.display()
        )),
        other => Error::from(other),
    })?;
    let shown = options.dir.display();
    eprintln!("created a new site in {shown}");
    eprintln!("next: edit {shown}/kiyaku.toml and the files in {shown}/content and {shown}/blocks, then");
    eprintln!("  kiyaku serve --root {shown}    (preview with live reload)");
    eprintln!(
        "  kiyaku build --root {shown} --record-published    (the first build: records the sample as published; writes {})",
        Path::new(&options.dir).join(crate::base::layout::DEFAULT_OUTPUT).display()
    );
    eprintln!("and to publish: {shown}/.github/workflows/publish.yml builds daily for GitHub Pages (docs/deploy.md)");
    Ok(ExitCode::SUCCESS)
}
