//! `kiyaku import FILE --policy SLUG --lang LANG`: an existing policy becomes
//! a source draft in the site (see the `kiyaku-import` crate), with a report of what
//! to check and how much of the input it kept.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::ExitCode;

use jiff::civil::Date;

use crate::base::diag::{Diagnostics, Severity};
use crate::base::layout::CONFIG_FILE;
use crate::base::today;
use crate::cli::ImportArgs;
use crate::error::Error;
use crate::parse::config::Config;
use crate::{load, pipeline, write};
use kiyaku_import::{ImportInput, import};

/// Validated options of `kiyaku import`.
#[derive(Debug, Clone)]
pub(crate) struct ImportOptions {
    pub file: PathBuf,
    pub root: PathBuf,
    pub slug: String,
    pub lang: String,
    pub effective: Option<Date>,
    pub previous_effective: Option<Date>,
    /// Write the draft even where it alters the input's text.
    pub allow_changes: bool,
}

impl ImportOptions {
    pub(crate) fn from_args(args: ImportArgs) -> Result<Self, Error> {
        if crate::parse::markdown::validate_id(&args.policy).is_err() || args.policy.contains('_') {
            return Err(Error::Usage(format!(
                "`{}` is not a policy slug: use lowercase ASCII letters, digits and -",
                args.policy
            )));
        }
        Ok(ImportOptions {
            file: args.file,
            root: args.root,
            slug: args.policy,
            lang: args.lang,
            effective: args.effective,
            previous_effective: args.previous_effective,
            allow_changes: args.allow_changes,
        })
    }
}

pub(crate) fn run(options: &ImportOptions) -> Result<ExitCode, Error> {
    let file = options.file.display();
    let bytes = load::read_input(&options.file).map_err(|err| Error::Usage(format!("cannot read {file}: {err}")))?;
    let decoded = kiyaku_import::decode(&bytes).map_err(|why| Error::Usage(format!("cannot import {file}: {why}")))?;
    if let Some(encoding) = decoded.legacy {
        eprintln!("read {file} as {encoding}");
    }
    let text = load::normalise_text(decoded.text);
    let mut diags = Diagnostics::default();
    let sources = load::load(&options.root, &mut diags);
    let config = sources.config.as_ref().and_then(|c| Config::parse(c, &mut diags)).ok_or_else(|| {
        Error::Usage(format!(
            "no valid {CONFIG_FILE} in {}: create a site with `kiyaku init DIR` first, or pass --root",
            options.root.display()
        ))
    })?;
    if !config.languages.contains(&options.lang) {
        return Err(Error::Usage(format!(
            "the site's languages are {}; `{}` is not one of them",
            config.languages.join(", "),
            options.lang
        )));
    }
    let input = ImportInput {
        text: &text,
        slug: &options.slug,
        lang: &options.lang,
        languages: &config.languages,
        effective: options.effective,
        previous_effective: options.previous_effective,
        policy_exists: sources.policies.iter().any(|p| p.slug == options.slug && p.meta.is_some()),
        existing_blocks: sources
            .blocks
            .iter()
            .filter_map(|b| Some((b.path.file_stem()?.to_string_lossy().into_owned(), b.text.clone())))
            .collect(),
        sibling_ids: sibling_ids(&sources, &options.slug, &options.lang),
        sibling_blocks: sibling_blocks(&sources, &options.slug, &options.lang),
    };
    let draft = import(&input).map_err(|why| Error::Usage(format!("cannot import {file}: {why}")))?;
    refuse_going_back(options, &sources, &draft)?;
    for finding in &draft.altered {
        eprintln!("altered: {finding}");
    }
    refuse_altered(&draft.altered, options.allow_changes, &file.to_string())?;
    write::create_files(&options.root, &draft.files).map_err(not_written)?;
    print_summary(options, &draft);
    for (number, item) in checked(options, &draft).iter().enumerate() {
        eprintln!("to do {}: {item}", number + 1);
    }
    print_next(options);
    Ok(ExitCode::SUCCESS)
}

/// What `kiyaku check` says of the draft: the check itself, run on the
/// site now holding it, so that the report's list of what is left ends
/// with everything check would list of the new files (missing APPI
/// disclosures, the other language's text…). The versions are not yet
/// recorded as published: `build --record-published` does that, as the
/// report's last line says.
fn checked(options: &ImportOptions, draft: &kiyaku_import::Draft) -> Vec<String> {
    let Ok(today) = today::from_env(None) else { return Vec::new() };
    let compiled = pipeline::compile(&options.root, today);
    let folder = std::path::Path::new(crate::base::layout::CONTENT_DIR).join(&options.slug);
    let ours = |file: &std::path::Path| {
        let file = file.strip_prefix(&options.root).unwrap_or(file);
        file.starts_with(&folder) || draft.files.iter().any(|(path, _)| file == path)
    };
    compiled
        .diagnostics
        .sorted()
        .into_iter()
        .filter(|d| d.code != "published-unrecorded" && d.file.as_deref().is_some_and(ours))
        .map(|d| {
            let place = d.file.as_deref().map_or_else(String::new, |f| f.display().to_string());
            let place = d.line.map_or(place.clone(), |line| format!("{place}:{line}"));
            let severity = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "note",
            };
            format!("{severity}[{}]: {} ({place})", d.code, d.message)
        })
        .collect()
}

/// What was written, what was kept, and what is left for a person to do.
fn print_summary(options: &ImportOptions, draft: &kiyaku_import::Draft) {
    for (path, _) in &draft.files {
        eprintln!("created {}", options.root.join(path).display());
    }
    eprintln!("clauses: {}", draft.clause_ids.join(", "));
    if !draft.block_ids.is_empty() {
        eprintln!("blocks: {}", draft.block_ids.join(", "));
    }
    let (kept, total) = draft.kept_sentences;
    let (chars, all) = draft.kept_chars;
    eprintln!("kept {kept} of {total} sentences and {chars} of {all} characters of the input");
    for line in &draft.report {
        eprintln!("check: {line}");
    }
}

fn print_next(options: &ImportOptions) {
    let root = options.root.display();
    eprintln!("next: `kiyaku check --root {root} --record-published` lists what is left to fix;");
    eprintln!(
        "  then `kiyaku build --root {root} --record-published` records the imported versions as published (commit kiyaku.lock)"
    );
}

/// An import that alters a word of a policy is worse than one that fails:
/// with findings, nothing is written unless `--allow-changes` says so.
fn refuse_altered(altered: &[String], allow_changes: bool, file: &str) -> Result<(), Error> {
    if altered.is_empty() || allow_changes {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "the draft does not keep the text of {file} as written ({} finding(s) above): nothing was written; fix the input (a blank line between a caption and its text, say), or import again with --allow-changes and correct the draft by hand",
        altered.len()
    )))
}

/// The clause ids of the policy's versions in the other languages, by date.
fn sibling_ids(sources: &load::Sources, slug: &str, lang: &str) -> BTreeMap<Date, Vec<String>> {
    let policy = sources.policies.iter().find(|p| p.slug == slug);
    let mut ids = BTreeMap::new();
    for file in policy.into_iter().flat_map(|p| &p.versions) {
        let name = file.path.file_name().unwrap_or_default().to_string_lossy();
        let Some((date, file_lang)) = crate::parse::parse_file_name(&name) else { continue };
        if file_lang != lang {
            ids.entry(date).or_insert_with(|| heading_ids(&file.text));
        }
    }
    ids
}

/// The blocks the policy's versions in the other languages refer to.
fn sibling_blocks(sources: &load::Sources, slug: &str, lang: &str) -> BTreeSet<String> {
    let policy = sources.policies.iter().find(|p| p.slug == slug);
    let other = |file: &&crate::base::diag::SourceFile| !file.path.to_string_lossy().ends_with(&format!(".{lang}.md"));
    let mut ids = BTreeSet::new();
    for file in policy.into_iter().flat_map(|p| &p.versions).filter(other) {
        let mut lines = file.text.lines();
        while let Some(line) = lines.next() {
            if crate::parse::markdown::BLOCK_KINDS.iter().any(|kind| line.trim() == format!("```{kind}")) {
                ids.extend(lines.next().map(|id| id.trim().to_string()));
            }
        }
    }
    ids
}

/// The ids of a version file's `##` and `###` headings, in order.
fn heading_ids(text: &str) -> Vec<String> {
    text.lines()
        .filter(|line| line.starts_with("## ") || line.starts_with("### "))
        .filter_map(|line| line.rsplit_once("{#").and_then(|(_, rest)| rest.split([' ', '}']).next()))
        .map(str::to_string)
        .collect()
}

/// Versions are added oldest first: an import dated before a version the
/// policy already has would slip under it (as under the sample version
/// `kiyaku init` writes, dated tomorrow), and leave the later one without
/// the fields a revision needs.
fn refuse_going_back(
    options: &ImportOptions,
    sources: &load::Sources,
    draft: &kiyaku_import::Draft,
) -> Result<(), Error> {
    let date_of = |path: &std::path::Path| {
        crate::parse::parse_file_name(&path.file_name().unwrap_or_default().to_string_lossy()).map(|(date, _)| date)
    };
    let Some(imported) = draft.files.iter().filter_map(|(path, _)| date_of(path)).min() else { return Ok(()) };
    let policy = sources.policies.iter().find(|p| p.slug == options.slug);
    let later =
        policy.into_iter().flat_map(|p| &p.versions).filter_map(|v| date_of(&v.path)).filter(|d| *d > imported).max();
    let Some(later) = later else { return Ok(()) };
    Err(Error::Usage(format!(
        "content/{slug} already has a version of {later}, after the imported one of {imported}: import a policy's versions oldest first; if content/{slug} is the sample `kiyaku init` wrote, remove it first (rm -r content/{slug}), or import under another --policy",
        slug = options.slug
    )))
}

/// Why the draft was not written, said for an import (there is no output
/// folder to choose here, as for a build).
fn not_written(err: write::WriteError) -> Error {
    let why = match err {
        write::WriteError::Exists { path } => {
            format!("{} already exists; remove it, or import under another --policy", path.display())
        }
        write::WriteError::Io { path, source } => format!("cannot write {}: {source}", path.display()),
        other => other.to_string(),
    };
    Error::Usage(format!("the draft was not written: {why}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_altered_draft_is_written_only_when_allowed() {
        let altered = vec!["line 3: 「x」 is joined to 「y」 across the blank line before it".to_string()];
        let refused = refuse_altered(&altered, false, "in.txt").unwrap_err().to_string();
        assert!(refused.contains("nothing was written") && refused.contains("--allow-changes"), "{refused}");
        assert!(refuse_altered(&altered, true, "in.txt").is_ok());
        assert!(refuse_altered(&[], false, "in.txt").is_ok());
    }

    #[test]
    fn a_draft_over_an_existing_file_names_it_and_no_output_folder() {
        let said = not_written(write::WriteError::Exists { path: PathBuf::from("content/x/policy.toml") }).to_string();
        assert!(said.contains("content/x/policy.toml already exists") && said.contains("--policy"), "{said}");
        assert!(!said.contains("output"), "{said}");
    }
}
