//! The site's own UI wording in the record. A site's `i18n/LANG.ftl`
//! overrides the words every page shows around the text: clause numbers
//! (第N条), banners, the labels of a desk's address and telephone. Once the
//! site has a published version, each override file's hash is recorded; a
//! change is a warning, recorded with the day, so that the record says when
//! the pages of published versions came to read otherwise. (kiyaku's own
//! wording changes with kiyaku's version, which the changelog records.)

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::base::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::base::layout::LOCK_FILE;

/// The hash of one site override file, as published pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WordingEntry {
    pub lang: String,
    pub sha256: String,
    /// The hashes it had before, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<EarlierWording>,
}

/// A hash the file had until a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EarlierWording {
    pub sha256: String,
    /// The build day on which the new wording was first recorded.
    pub until: String,
}

/// The hash of an override file's messages: comments, blank lines and
/// spaces at line ends do not count.
fn wording_hash(text: &str) -> String {
    let lines: Vec<&str> =
        text.lines().map(str::trim_end).filter(|line| !line.is_empty() && !line.starts_with('#')).collect();
    crate::model::sha256_hex(lines.join("\n").as_bytes())
}

/// The entries to record for the site's override files (`files`: language
/// and file), when anything is published; a warning for each changed one.
pub(super) fn check(
    files: &[(&str, &SourceFile)],
    recorded: &[WordingEntry],
    published: bool,
    day: Date,
    diags: &mut Diagnostics,
) -> Vec<WordingEntry> {
    if !published {
        return Vec::new();
    }
    let mut entries: Vec<WordingEntry> = Vec::new();
    for (lang, file) in files {
        let sha256 = wording_hash(&file.text);
        let entry = match recorded.iter().find(|entry| entry.lang == *lang) {
            Some(old) if old.sha256 == sha256 => old.clone(),
            Some(old) => {
                diags.push(changed(lang, file));
                let mut earlier = old.earlier.clone();
                earlier.push(EarlierWording { sha256: old.sha256.clone(), until: day.to_string() });
                WordingEntry { lang: lang.to_string(), sha256, earlier }
            }
            None => WordingEntry { lang: lang.to_string(), sha256, earlier: Vec::new() },
        };
        entries.push(entry);
    }
    // An override file removed: the pages read kiyaku's own wording again.
    for old in recorded.iter().filter(|old| !files.iter().any(|(lang, _)| *lang == old.lang)) {
        if old.sha256 == wording_hash("") {
            entries.push(old.clone()); // recorded as removed already
            continue;
        }
        diags.push(
            Diagnostic::warning(
                "published-wording-changed",
                format!("the site's i18n/{}.ftl, recorded in {LOCK_FILE} as the wording of published pages, is gone: they now read kiyaku's own wording", old.lang),
            )
            .in_file(std::path::Path::new(LOCK_FILE))
            .hint("if you mean it, build: the record keeps the old file's hash with the day; otherwise restore the file"),
        );
        let mut earlier = old.earlier.clone();
        earlier.push(EarlierWording { sha256: old.sha256.clone(), until: day.to_string() });
        entries.push(WordingEntry { lang: old.lang.clone(), sha256: wording_hash(""), earlier });
    }
    entries.sort_by(|a, b| a.lang.cmp(&b.lang));
    entries
}

fn changed(lang: &str, file: &SourceFile) -> Diagnostic {
    Diagnostic::warning(
        "published-wording-changed",
        format!("the site's i18n/{lang}.ftl changed since published versions were recorded: it words what their pages show around the text (clause numbers, banners, labels)"),
    )
    .in_file(&file.path)
    .hint(format!(
        "if you mean the change, build: {LOCK_FILE} keeps the old wording's hash with the day it changed; otherwise restore the file from version control"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_do_not_change_the_wording() {
        let base = wording_hash("clause-number = 第{ $n }条\n");
        assert_eq!(base, wording_hash("# note\n\nclause-number = 第{ $n }条   \n"));
        assert_ne!(base, wording_hash("clause-number = 第{ $n }項\n"));
    }
}
