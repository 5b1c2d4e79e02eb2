//! Cases that are only data, picked up from their folders (as minijinja's
//! tests are): a new case is a new file or folder, and its expected output
//! is an insta snapshot beside this file (`cargo insta review` accepts a new
//! one).
//!
//! - `tests/fixtures/import/*`: an existing policy, imported through the
//!   importer's front door; the snapshot is the draft's files and report,
//!   or the reason it was refused.
//! - `tests/fixtures/invalid/<case>/`: a site with something wrong; the
//!   snapshot is every problem `kiyaku check` reports, as a person reads it.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use jiff::civil::Date;
use kiyaku_import::{ImportInput, decode, import};

/// The day invalid sites are checked on (after every fixture's dates).
const TODAY: Date = Date::constant(2026, 1, 1);

/// Japanese when the text has kana or kanji, English otherwise.
fn language_of(text: &str) -> &'static str {
    let japanese = text.chars().any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'));
    if japanese { "ja" } else { "en" }
}

/// The draft as a reviewer reads it: every file, then the report.
fn describe_draft(input: &Path) -> String {
    let decoded = match decode(&std::fs::read(input).unwrap()) {
        Ok(decoded) => decoded,
        Err(reason) => return format!("not text: {reason}\n"),
    };
    let lang = language_of(&decoded.text);
    let languages = vec!["ja".to_string(), "en".to_string()];
    let request = ImportInput {
        text: &decoded.text,
        slug: "imported",
        lang,
        languages: &languages,
        effective: None,
        previous_effective: None,
        policy_exists: false,
        existing_blocks: BTreeMap::new(),
        sibling_ids: BTreeMap::new(),
        sibling_blocks: BTreeSet::new(),
    };
    let draft = match import(&request) {
        Ok(draft) => draft,
        Err(reason) => return format!("refused ({lang}): {reason}\n"),
    };
    let mut out = format!("imported as {lang}\n");
    for (path, text) in &draft.files {
        let _ = write!(out, "\n=== {}\n{text}", path.display());
    }
    out.push_str("\n=== report\n");
    for line in &draft.report {
        let _ = writeln!(out, "{line}");
    }
    if !draft.altered.is_empty() {
        out.push_str("=== altered (the import stops unless --allow-changes)\n");
        for line in &draft.altered {
            let _ = writeln!(out, "{line}");
        }
    }
    let ((kept, sentences), (chars, all)) = (draft.kept_sentences, draft.kept_chars);
    let _ = writeln!(out, "kept {kept} of {sentences} sentences, {chars} of {all} characters");
    out
}

#[test]
fn import_inputs() {
    insta::glob!("../fixtures/import", "*.*", |input| {
        insta::assert_snapshot!(describe_draft(input));
    });
}

#[test]
fn invalid_sites() {
    insta::glob!("../fixtures/invalid", "*/kiyaku.toml", |config| {
        let root = config.parent().unwrap();
        let compiled = kiyaku::pipeline::compile(root, TODAY);
        assert!(compiled.diagnostics.has_errors(), "{} is a case of tests/fixtures/invalid but builds", root.display());
        assert!(compiled.files.is_empty(), "a site with errors renders nothing");
        let report = compiled.diagnostics.render_human();
        let root_text = root.display().to_string();
        insta::assert_snapshot!(report.replace(&root_text, "<site>"));
    });
}
