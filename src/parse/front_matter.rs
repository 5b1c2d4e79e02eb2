//! Front matter: the TOML header between `+++` lines at the top of a version
//! file. Splitting and parsing are pure; every problem is reported with its
//! position in the whole file.

use std::ops::Range;

use jiff::civil::Date;
use serde::Deserialize;
use toml::Spanned;

use crate::base::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::base::today::parse_iso_date;

/// Whether users must be asked to look at a change again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// The first version of a policy.
    Initial,
    /// A change users must be told about (and may need to accept again).
    Material,
    /// Wording, typos, layout: nothing changes for users.
    Editorial,
}

/// A value with the byte range it came from.
#[derive(Debug, Clone)]
pub struct At<T> {
    /// The value as parsed (a date, a clause id, …).
    pub value: T,
    /// Byte range of the value in its source file (the whole file, not the front matter alone).
    pub span: Range<usize>,
}

/// The parsed front matter of one version file.
#[derive(Debug, Clone)]
pub struct FrontMatter {
    /// `effective`: the 施行日, the day the version takes effect; must match the file name.
    pub effective: Option<At<Date>>,
    /// `announced`: the 公表日, the day the version is made public; builds for earlier days leave it out.
    pub announced: Option<At<Date>>,
    /// `change`: material or editorial; `None` when not written (as on a first version) or invalid.
    pub change: Option<At<Change>>,
    /// `summary`: one line on what the version changed, in the file's language (trimmed).
    pub summary: Option<At<String>>,
    /// Clause ids of the previous version renamed in this one: old → new.
    pub renamed: std::collections::BTreeMap<String, At<String>>,
    /// Clause ids of earlier versions deliberately removed in this one.
    pub removed: Vec<At<String>>,
    /// Recorded corrections of obvious errors made after publication.
    pub corrections: Vec<Correction>,
    /// Fields that were written, valid or not (an invalid one is reported
    /// once, not again as missing).
    pub written: Vec<&'static str>,
    /// Where the front matter is, for problems with it as a whole.
    pub span: Range<usize>,
}

/// A correction of a published text: when, and what was corrected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// The day the correction was made; it may not be before the version took effect.
    pub date: Date,
    /// What was corrected, e.g. 「第3条の誤記を訂正」.
    pub note: String,
    /// The `date` value in the file.
    pub span: Range<usize>,
    /// The `note` value in the file.
    pub note_span: Range<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCorrection {
    date: Spanned<toml::Value>,
    note: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    effective: Option<Spanned<toml::Value>>,
    announced: Option<Spanned<toml::Value>>,
    change: Option<Spanned<String>>,
    summary: Option<Spanned<String>>,
    #[serde(default)]
    renamed: std::collections::BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    removed: Vec<Spanned<String>>,
    #[serde(default)]
    corrections: Vec<RawCorrection>,
}

/// Splits a file into its front matter and body. Returns the front matter
/// text with its offset, and the body offset.
pub fn split(source: &SourceFile, diags: &mut Diagnostics) -> Option<(Range<usize>, usize)> {
    let text = &source.text;
    if text.trim().is_empty() {
        diags.push(
            Diagnostic::error("empty-file", "the file is empty")
                .at(source, 0..0)
                .hint("write the front matter between +++ lines, then the policy text; or delete the file"),
        );
        return None;
    }
    let Some(rest) = text.strip_prefix("+++\n") else {
        diags.push(
            Diagnostic::error("front-matter-missing", "the file does not start with front matter")
                .at(source, 0..text.find('\n').unwrap_or(text.len()))
                .hint("start the file with a line `+++`, the version's fields (effective = YYYY-MM-DD, summary = \"…\"), and another `+++`"),
        );
        return None;
    };
    let start = 4;
    let close = if rest.starts_with("+++\n") || rest == "+++" {
        Some(0)
    } else {
        rest.find("\n+++\n").map(|i| i + 1).or_else(|| rest.strip_suffix("\n+++").map(|r| r.len() + 1))
    };
    let Some(close) = close else {
        diags.push(
            Diagnostic::error("front-matter-unclosed", "the front matter is never closed")
                .at(source, 0..3)
                .hint("add a line `+++` after the last front-matter field"),
        );
        return None;
    };
    let body_start = (start + close + 4).min(text.len());
    Some((start..start + close, body_start))
}

/// Parses the front matter text found at `range` in `source`.
pub fn parse(source: &SourceFile, range: Range<usize>, diags: &mut Diagnostics) -> Option<FrontMatter> {
    let text = &source.text[range.clone()];
    let raw: RawFrontMatter = crate::base::toml_util::parse(source, text, range.start, "front-matter-syntax", diags)?;
    let fields = Fields { source, offset: range.start };
    let written = [
        ("effective", raw.effective.is_some()),
        ("announced", raw.announced.is_some()),
        ("change", raw.change.is_some()),
        ("summary", raw.summary.is_some()),
    ]
    .into_iter()
    .filter_map(|(name, present)| present.then_some(name))
    .collect();
    Some(FrontMatter {
        effective: fields.date("effective", raw.effective, diags),
        announced: fields.date("announced", raw.announced, diags),
        change: fields.change(raw.change, diags),
        // 「"""\n制定\n"""」: the line breaks around a summary are not part of it.
        summary: raw.summary.map(|summary| {
            let at = fields.at(summary);
            At { value: at.value.trim().to_string(), span: at.span }
        }),
        renamed: raw.renamed.into_iter().map(|(old, new)| (old, fields.at(new))).collect(),
        removed: raw.removed.into_iter().map(|id| fields.at(id)).collect(),
        corrections: fields.corrections(raw.corrections, diags),
        written,
        span: range,
    })
}

/// Turns raw front-matter values into checked ones, with positions in the file.
struct Fields<'s> {
    source: &'s SourceFile,
    /// Where the front matter starts in the file.
    offset: usize,
}

impl Fields<'_> {
    fn shift(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.offset..span.end + self.offset
    }

    fn at<T>(&self, value: Spanned<T>) -> At<T> {
        At { span: self.shift(value.span()), value: value.into_inner() }
    }

    fn date(&self, field: &str, value: Option<Spanned<toml::Value>>, diags: &mut Diagnostics) -> Option<At<Date>> {
        let value = value?;
        let span = self.shift(value.span());
        let date = date_of(value.get_ref());
        if date.is_none() {
            diags.push(
                Diagnostic::error("invalid-date", format!("`{field}` is not a valid date"))
                    .at(self.source, span.clone())
                    .hint(format!("write a real calendar date: {field} = 2024-04-01")),
            );
        }
        date.map(|value| At { value, span })
    }

    fn change(&self, change: Option<Spanned<String>>, diags: &mut Diagnostics) -> Option<At<Change>> {
        let change = self.at(change?);
        let value = match change.value.as_str() {
            "material" => Change::Material,
            "editorial" => Change::Editorial,
            other => {
                diags.push(
                    Diagnostic::error("invalid-change", format!("`change` is \"{other}\""))
                        .at(self.source, change.span)
                        .hint(
                            "write change = \"material\" (users must be told) or change = \"editorial\" (wording only)",
                        ),
                );
                return None;
            }
        };
        Some(At { value, span: change.span })
    }

    fn corrections(&self, raw: Vec<RawCorrection>, diags: &mut Diagnostics) -> Vec<Correction> {
        let mut corrections = Vec::new();
        for raw in raw {
            match date_of(raw.date.get_ref()) {
                Some(date) => corrections.push(Correction {
                    date,
                    span: self.shift(raw.date.span()),
                    note_span: self.shift(raw.note.span()),
                    note: raw.note.into_inner(),
                }),
                None => diags.push(
                    Diagnostic::error("invalid-date", "the correction's `date` is not a valid date")
                        .at(self.source, self.shift(raw.date.span()))
                        .hint("write the day the correction was made: date = 2024-05-01"),
                ),
            }
        }
        corrections
    }
}

/// A date from a TOML date literal or a `"YYYY-MM-DD"` string.
pub fn date_of(value: &toml::Value) -> Option<Date> {
    match value {
        toml::Value::Datetime(datetime) if datetime.time.is_none() && datetime.offset.is_none() => {
            let date = datetime.date?;
            Date::new(i16::try_from(date.year).ok()?, i8::try_from(date.month).ok()?, i8::try_from(date.day).ok()?).ok()
        }
        toml::Value::String(text) => parse_iso_date(text),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Option<FrontMatter>, Diagnostics) {
        let source = SourceFile::new("x.md", text);
        let mut diags = Diagnostics::default();
        let parsed = split(&source, &mut diags).and_then(|(range, _)| parse(&source, range, &mut diags));
        (parsed, diags)
    }

    #[test]
    fn splits_and_parses() {
        let text = "+++\neffective = 2024-04-01\nannounced = \"2024-03-01\"\nchange = \"material\"\nsummary = \"改定\"\n+++\n\n本文\n";
        let source = SourceFile::new("x.md", text);
        let mut diags = Diagnostics::default();
        let (range, body) = split(&source, &mut diags).unwrap();
        assert_eq!(&text[body..], "\n本文\n");
        let front = parse(&source, range, &mut diags).unwrap();
        assert!(diags.is_empty());
        assert_eq!(front.effective.unwrap().value, Date::constant(2024, 4, 1));
        assert_eq!(front.announced.unwrap().value, Date::constant(2024, 3, 1));
        assert_eq!(front.change.unwrap().value, Change::Material);
        assert_eq!(front.summary.unwrap().value, "改定");
    }

    #[test]
    fn empty_front_matter_is_accepted() {
        let (front, diags) = run("+++\n+++\nbody");
        assert!(front.is_some() && diags.is_empty());
    }

    #[test]
    fn reports_each_problem_with_position() {
        let (_, diags) = run("# title\n");
        assert_eq!(diags.sorted()[0].code, "front-matter-missing");
        let (_, diags) = run("+++\neffective = 2024-04-01\n");
        assert_eq!(diags.sorted()[0].code, "front-matter-unclosed");
        let (_, diags) = run("+++\neffective = 2024-02-30\n+++\n");
        assert!(diags.has_errors());
        assert_eq!(diags.sorted()[0].line, Some(2));
        let (_, diags) = run("+++\neffective = \"2024/04/01\"\n+++\n");
        assert_eq!(diags.sorted()[0].code, "invalid-date");
        let (_, diags) = run("+++\nefective = 2024-04-01\n+++\n");
        let first = diags.sorted()[0].clone();
        assert_eq!(first.code, "front-matter-syntax");
        assert_eq!((first.line, first.column), (Some(2), Some(1)));
        let (_, diags) = run("+++\nchange = \"big\"\n+++\n");
        assert_eq!(diags.sorted()[0].code, "invalid-change");
        let (_, diags) = run("  \n");
        assert_eq!(diags.sorted()[0].code, "empty-file");
    }

    #[test]
    fn iso_dates_are_strict() {
        assert_eq!(parse_iso_date("2022-07-29"), Some(Date::constant(2022, 7, 29)));
        assert_eq!(parse_iso_date("2022-7-29"), None);
        assert_eq!(parse_iso_date("2023-02-29"), None);
        assert_eq!(parse_iso_date("２０２２-07-29"), None);
    }
}
