//! Small helpers shared by everything that parses TOML sources.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use toml::de::{DeTable, Deserializer};

use crate::diag::{Diagnostic, Diagnostics, SourceFile};

/// How many unknown keys one file reports before giving up on it.
const UNKNOWN_KEYS_REPORTED: usize = 20;

/// Parses the TOML `text`, found at `offset` in `source`, as `T`. An unknown
/// top-level key is reported and left out, and the rest is read again, so
/// that one typo does not hide the file's other problems (nor the checks
/// that need the file's good fields).
pub fn parse<T: DeserializeOwned>(
    source: &SourceFile,
    text: &str,
    offset: usize,
    code: &'static str,
    diags: &mut Diagnostics,
) -> Option<T> {
    let mut table = match DeTable::parse(text) {
        Ok(table) => table,
        Err(err) => {
            diags.push(toml_error(source, &err, offset, code));
            return None;
        }
    };
    for _ in 0..UNKNOWN_KEYS_REPORTED {
        let err = match T::deserialize(Deserializer::from(table.clone())) {
            Ok(value) => return Some(value),
            Err(err) => err,
        };
        diags.push(toml_error(source, &err, offset, code));
        let unknown =
            err.message().strip_prefix("unknown field `").and_then(|rest| rest.split_once('`')).map(|(k, _)| k);
        let span = table.span();
        let entries = table.into_inner();
        let before = entries.len();
        let kept: DeTable<'_> =
            entries.into_iter().filter(|(key, _)| Some(key.get_ref().as_ref()) != unknown).collect();
        if kept.len() == before {
            return None; // Not a top-level key, or another problem: nothing more to learn.
        }
        table = toml::Spanned::new(span, kept);
    }
    None
}

/// Turns a TOML error into a diagnostic pointing into `source`; `offset` is
/// where the TOML text starts inside the file (front matter starts later).
pub fn toml_error(source: &SourceFile, err: &toml::de::Error, offset: usize, code: &'static str) -> Diagnostic {
    let message = err.message().trim().to_string();
    let span = err.span().map_or(offset..offset, |span| span.start + offset..span.end + offset);
    let hint = if message.starts_with("unknown field") {
        "check the spelling of the field; docs/format.md lists the fields"
    } else if message.starts_with("missing field") {
        "add the field; docs/format.md lists the required fields"
    } else {
        "fix the TOML syntax (strings in double quotes, one key = value per line)"
    };
    Diagnostic::error(code, message).at(source, span).hint(hint)
}

/// The languages a per-language text names that the site does not list.
pub fn unknown_text_languages<'a, V>(text: &'a BTreeMap<String, V>, languages: &[String]) -> Vec<&'a str> {
    text.keys().filter(|lang| !languages.contains(lang)).map(String::as_str).collect()
}
