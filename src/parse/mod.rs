//! Parsing: source text in, typed values out, with no IO.
//!
//! Each function here takes a [`SourceFile`] already in memory and returns
//! what it could understand, reporting problems into [`Diagnostics`] with
//! their positions. Cross-file rules (ja and en agree, links resolve) are the
//! model stage's.

pub mod blocks;
pub mod config;
pub mod front_matter;
#[cfg(feature = "fuzz")]
pub mod fuzz;
pub mod markdown;

use std::collections::BTreeMap;
use std::ops::Range;

use jiff::civil::Date;
use serde::Deserialize;
use toml::Spanned;

use crate::base::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::parse::config::{Lang, LangText};
pub use front_matter::{At, Change, Correction, FrontMatter};
pub use markdown::{Body, Clause, Segment};

/// What kind of policy a folder holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PolicyKind {
    /// A privacy policy (プライバシーポリシー): checked for the APPI art. 32 disclosures.
    Privacy,
    /// Terms of use (利用規約).
    Terms,
    /// A cookie policy.
    Cookies,
    /// Any other policy or notice (an external-transmission notice, say).
    Other,
}

/// How clauses are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Numbering {
    /// 第1条 / Article 1.
    Articles,
    /// 1. 2. 3. (a 方針 or notice numbers its sections, not articles).
    Sections,
    /// No numbers: headings only.
    None,
}

impl Numbering {
    /// As written in `policy.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Numbering::Articles => "articles",
            Numbering::Sections => "sections",
            Numbering::None => "none",
        }
    }
}

/// `content/<slug>/policy.toml`, parsed.
#[derive(Debug, Clone)]
pub struct PolicyMeta {
    /// `kind`: what sort of policy it is.
    pub kind: PolicyKind,
    /// `numbering`: how its clauses are numbered (default: articles).
    pub numbering: Numbering,
    /// Where `numbering` is written, when it is.
    pub numbering_span: Option<std::ops::Range<usize>>,
    /// `[title]`: the policy's name per language, with its place in the file.
    pub title: Spanned<LangText>,
    /// `established`: the 制定日, when written (else the first version's effective date is used).
    pub established: Option<At<Date>>,
    /// Position on the index pages; lower comes first, then by slug.
    pub order: i64,
    /// APPI art. 32 item to clause id or `block:<id>`.
    pub appi: BTreeMap<String, At<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicyMeta {
    kind: Spanned<String>,
    title: Spanned<LangText>,
    numbering: Option<Spanned<String>>,
    established: Option<Spanned<toml::Value>>,
    order: Option<i64>,
    #[serde(default)]
    appi: BTreeMap<String, Spanned<String>>,
}

/// Parses a policy's metadata file.
pub fn parse_policy_meta(source: &SourceFile, diags: &mut Diagnostics) -> Option<PolicyMeta> {
    let raw: RawPolicyMeta = crate::base::toml_util::parse(source, &source.text, 0, "policy-syntax", diags)?;
    let kind = match raw.kind.get_ref().as_str() {
        "privacy" => PolicyKind::Privacy,
        "terms" => PolicyKind::Terms,
        "cookies" => PolicyKind::Cookies,
        "other" => PolicyKind::Other,
        other => {
            diags.push(
                Diagnostic::error("policy-kind", format!("unknown policy kind \"{other}\""))
                    .at(source, raw.kind.span())
                    .hint("kind is one of \"privacy\", \"terms\", \"cookies\", \"other\""),
            );
            return None;
        }
    };
    let numbering = match raw.numbering.as_ref().map(|n| n.get_ref().as_str()) {
        None | Some("articles") => Numbering::Articles,
        Some("sections") => Numbering::Sections,
        Some("none") => Numbering::None,
        Some(other) => {
            diags.push(
                Diagnostic::error("policy-numbering", format!("unknown numbering \"{other}\""))
                    .at(source, raw.numbering.as_ref().map_or(0..0, Spanned::span))
                    .hint("numbering is \"articles\" (第1条 / Article 1), \"sections\" (1. 2. 3.) or \"none\""),
            );
            return None;
        }
    };
    let established = match raw.established {
        Some(value) => match front_matter::date_of(value.get_ref()) {
            Some(date) => Some(At { value: date, span: value.span() }),
            None => {
                diags.push(
                    Diagnostic::error("invalid-date", "`established` is not a valid date")
                        .at(source, value.span())
                        .hint("write the date the policy was first adopted: established = 2021-04-01"),
                );
                return None;
            }
        },
        None => None,
    };
    let appi =
        raw.appi.into_iter().map(|(key, value)| (key, At { span: value.span(), value: value.into_inner() })).collect();
    let numbering_span = raw.numbering.as_ref().map(Spanned::span);
    Some(PolicyMeta {
        kind,
        numbering,
        numbering_span,
        title: raw.title,
        established,
        order: raw.order.unwrap_or(0),
        appi,
    })
}

/// One version file, parsed.
#[derive(Debug, Clone)]
pub struct VersionFile<'a> {
    /// The file it was parsed from.
    pub source: &'a SourceFile,
    /// The effective date from the file name.
    pub date: Date,
    /// The language from the file name.
    pub lang: Lang,
    /// The `+++` front matter.
    pub front: FrontMatter,
    /// The text after the front matter, cut into clauses.
    pub body: Body,
    /// The Markdown after the front matter, as written.
    pub body_text: &'a str,
}

/// Splits `2022-07-29.ja.md` into its date and language.
pub fn parse_file_name(name: &str) -> Option<(Date, Lang)> {
    let stem = name.strip_suffix(".md")?;
    let (date, lang) = stem.split_once('.')?;
    let date = crate::base::today::parse_iso_date(date)?;
    crate::parse::config::is_language_tag(lang).then(|| (date, lang.to_string()))
}

/// Parses a version file: its name, front matter and body.
pub fn parse_version<'a>(source: &'a SourceFile, diags: &mut Diagnostics) -> Option<VersionFile<'a>> {
    let name = source.path.file_name().unwrap_or_default().to_string_lossy();
    let Some((date, lang)) = parse_file_name(&name) else {
        // 2025-02-30.ja.md has the right shape and a day that does not exist.
        let shaped = name.len() > 10
            && name.is_char_boundary(10)
            && name.as_bytes()[..10]
                .iter()
                .enumerate()
                .all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() });
        let real_date = shaped && crate::base::today::parse_iso_date(&name[..10]).is_some();
        let message = if real_date {
            format!("`{name}`: after the date comes one language, `.ja.md` or `.en.md`")
        } else if shaped {
            format!("`{name}`: {} is not a date", &name[..10])
        } else {
            format!("`{name}` is not named YYYY-MM-DD.LANG.md")
        };
        diags.push(
            Diagnostic::error("file-name", message)
                .in_file(&source.path)
                .hint("name each version by its effective date and language, e.g. 2022-07-29.ja.md"),
        );
        return None;
    };
    let (front_range, body_start) = front_matter::split(source, diags)?;
    let front = front_matter::parse(source, front_range, diags)?;
    let body = markdown::parse_body(source, body_start, diags);
    Some(VersionFile { source, date, lang, front, body, body_text: &source.text[body_start..] })
}

/// The span of the front matter's opening line, for whole-header problems.
pub fn header_span(front: &FrontMatter) -> Range<usize> {
    0..front.span.start.saturating_sub(1).max(3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        assert_eq!(parse_file_name("2022-07-29.ja.md"), Some((Date::constant(2022, 7, 29), "ja".to_string())));
        assert_eq!(parse_file_name("2022-07-29.md"), None);
        assert_eq!(parse_file_name("2022-13-01.ja.md"), None);
        assert_eq!(parse_file_name("2022-07-29.JA.md"), None);
        assert_eq!(parse_file_name("notes.ja.md"), None);
    }

    #[test]
    fn policy_meta() {
        let source = SourceFile::new(
            "policy.toml",
            "kind = \"privacy\"\nestablished = 2021-04-01\n[title]\nja = \"方針\"\nen = \"Policy\"\n",
        );
        let mut diags = Diagnostics::default();
        let meta = parse_policy_meta(&source, &mut diags).unwrap();
        assert_eq!(meta.kind, PolicyKind::Privacy);
        assert_eq!(meta.numbering, Numbering::Articles);
        assert_eq!(meta.established.unwrap().value, Date::constant(2021, 4, 1));
        let bad = SourceFile::new("policy.toml", "kind = \"faq\"\n[title]\nja = \"x\"\n");
        assert!(parse_policy_meta(&bad, &mut diags).is_none());
        assert_eq!(diags.sorted()[0].code, "policy-kind");
    }

    #[test]
    fn parses_a_version_file() {
        let source = SourceFile::new(
            "content/p/2024-04-01.en.md",
            "+++\neffective = 2024-04-01\nsummary = \"New\"\n+++\n\n## Scope {#scope}\n\nText.\n",
        );
        let mut diags = Diagnostics::default();
        let version = parse_version(&source, &mut diags).unwrap();
        assert!(diags.is_empty());
        assert_eq!(version.lang, "en");
        assert_eq!(version.body.ids(), ["scope"]);
    }
}
