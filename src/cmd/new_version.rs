//! `kiyaku new-version SLUG --effective DATE [--announce DATE]`: starts a
//! revision by copying the latest version's text in every language it has
//! to the new date, with front matter ready for the change summary (a
//! language that lags behind is named, not copied).

use std::path::PathBuf;
use std::process::ExitCode;

use jiff::civil::Date;

use crate::base::diag::{Diagnostics, SourceFile};
use crate::error::Error;
use crate::parse::{front_matter, parse_file_name};
use crate::{load, write};

/// Validated options of `kiyaku new-version`.
#[derive(Debug, Clone)]
pub(crate) struct NewVersionOptions {
    pub root: PathBuf,
    pub slug: String,
    pub effective: Date,
    pub announced: Option<Date>,
}

impl NewVersionOptions {
    /// Validated options from the raw flags (clap has checked the dates).
    pub(crate) fn from_args(args: crate::cli::NewVersionArgs) -> Self {
        NewVersionOptions { root: args.root, slug: args.slug, effective: args.effective, announced: args.announce }
    }
}

/// The languages the latest version has no text in, with their last text:
/// nothing is copied for them (an older translation would not match the new
/// text), but the translator is told where to start.
fn lagging_languages(options: &NewVersionOptions, dated: &[(Date, String, &SourceFile)]) -> Vec<String> {
    let mut last: std::collections::BTreeMap<&str, Date> = std::collections::BTreeMap::new();
    for (date, lang, _) in dated {
        let entry = last.entry(lang.as_str()).or_insert(*date);
        *entry = (*entry).max(*date);
    }
    let latest = last.values().copied().max();
    last.iter()
        .filter(|(_, date)| Some(**date) != latest)
        .map(|(lang, date)| {
            format!(
                "no {lang} text was made: the latest {lang} text is {date}'s, a version behind; translate the new version into content/{slug}/{effective}.{lang}.md when ready (content/{slug}/{date}.{lang}.md is the last translation)",
                slug = options.slug,
                effective = options.effective
            )
        })
        .collect()
}

/// A new version: its files, and notes for the writer.
pub(crate) struct NewVersion {
    pub files: Vec<(PathBuf, String)>,
    pub notes: Vec<String>,
}

/// The new version's files: the latest version's bodies under fresh front matter.
pub(crate) fn new_version_files(options: &NewVersionOptions) -> Result<NewVersion, Error> {
    let mut diags = Diagnostics::default();
    let sources = load::load(&options.root, &mut diags);
    let policy = sources.policies.iter().find(|p| p.slug == options.slug).ok_or_else(|| {
        let known: Vec<&str> = sources.policies.iter().map(|p| p.slug.as_str()).collect();
        Error::Usage(format!("there is no policy `{}` under content/ (policies: {})", options.slug, known.join(", ")))
    })?;
    let dated: Vec<(Date, String, &SourceFile)> = policy
        .versions
        .iter()
        .filter_map(|source| {
            let name = source.path.file_name()?.to_string_lossy().into_owned();
            let (date, lang) = parse_file_name(&name)?;
            Some((date, lang, source))
        })
        .collect();
    let latest = dated
        .iter()
        .map(|(date, _, _)| *date)
        .max()
        .ok_or_else(|| Error::Usage(format!("policy `{}` has no version to start from", options.slug)))?;
    if options.effective <= latest {
        return Err(Error::Usage(format!("the new version must take effect after the latest one ({latest})")));
    }
    if options.announced.is_some_and(|a| a > options.effective) {
        return Err(Error::Usage("--announce must be on or before --effective".into()));
    }
    let mut files = Vec::new();
    for (_, lang, source) in dated.iter().filter(|(date, _, _)| *date == latest) {
        let body =
            front_matter::split(source, &mut diags).map_or(source.text.as_str(), |(_, start)| &source.text[start..]);
        let announced = options.announced.map(|a| format!("announced = {a}\n")).unwrap_or_default();
        let text = format!(
            "+++\neffective = {}\n{announced}change = \"material\"   # or \"editorial\" for wording only\nsummary = \"\"   # one line: what changes for readers\n+++\n{body}",
            options.effective
        );
        files.push((PathBuf::from(format!("content/{}/{}.{lang}.md", options.slug, options.effective)), text));
    }
    Ok(NewVersion { files, notes: lagging_languages(options, &dated) })
}

pub(crate) fn run(options: &NewVersionOptions) -> Result<ExitCode, Error> {
    let NewVersion { files, notes } = new_version_files(options)?;
    write::create_files(&options.root, &files)?;
    for (path, _) in &files {
        eprintln!("created {}", options.root.join(path).display());
    }
    for note in notes {
        eprintln!("note: {note}");
    }
    eprintln!("next: write the summary and the changes; `kiyaku check` shows what is left");
    Ok(ExitCode::SUCCESS)
}
