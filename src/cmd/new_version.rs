//! `kiyaku new-version SLUG --effective DATE [--announce DATE]`: starts a
//! revision by copying the latest version's text in every language to the
//! new date, with front matter ready for the change summary.

use std::path::PathBuf;
use std::process::ExitCode;

use jiff::civil::Date;

use crate::diag::Diagnostics;
use crate::error::Error;
use crate::parse::{front_matter, parse_file_name};
use crate::{load, write};

/// Validated options of `kiyaku new-version`.
#[derive(Debug, Clone)]
pub struct NewVersionOptions {
    pub root: PathBuf,
    pub slug: String,
    pub effective: Date,
    pub announced: Option<Date>,
}

/// The new version's files: the latest version's bodies under fresh front matter.
pub fn new_version_files(options: &NewVersionOptions) -> Result<Vec<(PathBuf, String)>, Error> {
    let mut diags = Diagnostics::default();
    let sources = load::load(&options.root, &mut diags);
    let policy = sources.policies.iter().find(|p| p.slug == options.slug).ok_or_else(|| {
        let known: Vec<&str> = sources.policies.iter().map(|p| p.slug.as_str()).collect();
        Error::Usage(format!("there is no policy `{}` under content/ (policies: {})", options.slug, known.join(", ")))
    })?;
    let dated: Vec<(Date, String, &crate::diag::SourceFile)> = policy
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
    Ok(files)
}

pub fn run(options: &NewVersionOptions) -> Result<ExitCode, Error> {
    let files = new_version_files(options)?;
    write::create_files(&options.root, &files)?;
    for (path, _) in &files {
        eprintln!("created {}", options.root.join(path).display());
    }
    eprintln!("next: write the summary and the changes; `kiyaku check` shows what is left");
    Ok(ExitCode::SUCCESS)
}
