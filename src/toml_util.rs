//! Small helpers shared by everything that parses TOML sources.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, SourceFile};

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
