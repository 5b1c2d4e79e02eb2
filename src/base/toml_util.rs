//! Small helpers shared by everything that parses TOML sources.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue, Deserializer};

use crate::base::diag::{Diagnostic, Diagnostics, SourceFile};

/// How many unknown keys one file reports before giving up on it.
const UNKNOWN_KEYS_REPORTED: usize = 20;

/// Parses the TOML `text`, found at `offset` in `source`, as `T`. An unknown
/// top-level key is reported and left out, and the rest is read again, so
/// that one typo does not hide the file's other problems (nor the checks
/// that need the file's good fields).
pub(crate) fn parse<T: DeserializeOwned>(
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
    report_control_characters(source, table.get_ref(), offset, diags);
    for _ in 0..UNKNOWN_KEYS_REPORTED {
        let err = match T::deserialize(Deserializer::from(table.clone())) {
            Ok(value) => return Some(value),
            Err(err) => err,
        };
        diags.push(toml_error(source, &err, offset, code));
        let unknown =
            err.message().strip_prefix("unknown field `").and_then(|rest| rest.split_once('`')).map(|(k, _)| k);
        let at = err.span().map(|span| span.start)?;
        // An unknown key goes; so does a value of the wrong type or range
        // (`notice_period_days = -3`), whose field then counts as absent.
        let removed = match unknown {
            Some(_) => remove_key(table.get_mut(), at),
            None => remove_value(table.get_mut(), at),
        };
        if !removed {
            return None; // Nothing more to learn.
        }
    }
    None
}

/// Removes the key written at byte `at`, wherever it is in the tree.
fn remove_key(table: &mut DeTable<'_>, at: usize) -> bool {
    let is_it = |key: &toml::Spanned<std::borrow::Cow<'_, str>>| key.span().start == at;
    if table.iter().any(|(key, _)| is_it(key)) {
        let entries = std::mem::replace(table, DeTable::new());
        *table = entries.into_iter().filter(|(key, _)| !is_it(key)).collect();
        return true;
    }
    table.iter_mut().any(|(_, value)| remove_in(value.get_mut(), at))
}

/// Removes the entry whose plain value (not a table) holds byte `at`.
fn remove_value(table: &mut DeTable<'_>, at: usize) -> bool {
    let is_it = |value: &toml::Spanned<DeValue<'_>>| {
        value.span().contains(&at)
            && !matches!(value.get_ref(), DeValue::Table(_))
            && !matches!(value.get_ref(), DeValue::Array(items) if items.iter().any(|i| matches!(i.get_ref(), DeValue::Table(_))))
    };
    if table.iter().any(|(_, value)| is_it(value)) {
        let entries = std::mem::replace(table, DeTable::new());
        *table = entries.into_iter().filter(|(_, value)| !is_it(value)).collect();
        return true;
    }
    table.iter_mut().any(|(_, value)| match value.get_mut() {
        DeValue::Table(inner) => remove_value(inner, at),
        DeValue::Array(items) => items.iter_mut().any(|item| match item.get_mut() {
            DeValue::Table(inner) => remove_value(inner, at),
            _ => false,
        }),
        _ => false,
    })
}

fn remove_in(value: &mut DeValue<'_>, at: usize) -> bool {
    match value {
        DeValue::Table(table) => remove_key(table, at),
        DeValue::Array(items) => items.iter_mut().any(|item| remove_in(item.get_mut(), at)),
        _ => false,
    }
}

/// A control character written as an escape (`"\u001b"`) would reach the
/// pages as it is: each string holding one is an error.
fn report_control_characters(source: &SourceFile, table: &DeTable<'_>, offset: usize, diags: &mut Diagnostics) {
    fn visit(value: &toml::Spanned<DeValue<'_>>, found: &mut Vec<(std::ops::Range<usize>, char)>) {
        match value.get_ref() {
            DeValue::String(text) => {
                if let Some(c) = text.chars().find(|c| c.is_control() && !matches!(c, '\n' | '\t')) {
                    found.push((value.span(), c));
                }
            }
            DeValue::Array(items) => items.iter().for_each(|item| visit(item, found)),
            DeValue::Table(table) => table.iter().for_each(|(_, item)| visit(item, found)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    table.iter().for_each(|(_, value)| visit(value, &mut found));
    for (span, c) in found {
        diags.push(
            Diagnostic::control_character(c)
                .at(source, span.start + offset..span.end + offset)
                .hint("delete the escape (\\u…) of an invisible character from the string"),
        );
    }
}

/// Turns a TOML error into a diagnostic pointing into `source`; `offset` is
/// where the TOML text starts inside the file (front matter starts later).
pub(crate) fn toml_error(source: &SourceFile, err: &toml::de::Error, offset: usize, code: &'static str) -> Diagnostic {
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
pub(crate) fn unknown_text_languages<'a, V>(text: &'a BTreeMap<String, V>, languages: &[String]) -> Vec<&'a str> {
    text.keys().filter(|lang| !languages.contains(lang)).map(String::as_str).collect()
}
