//! Parsing and validating `blocks/<id>.toml`.
//!
//! A block file names its kind and lists dated revisions; each revision is a
//! complete record. Unknown fields are errors (a typo must not pass
//! silently), and so are fields that do not belong to the kind, missing
//! required fields, missing translations, and malformed postal codes, phone
//! numbers, e-mail addresses and URLs. The rows of an external-transmission
//! block are checked in `destinations`.

use std::collections::BTreeMap;
use std::ops::Range;

use jiff::civil::Date;
use serde::Deserialize;
use toml::Spanned;

use super::destinations::{RawDestination, destinations};
use super::{Block, BlockKind, Phone, Revision};
use crate::base::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::parse::config::{LangText, check_text};
use crate::parse::front_matter::date_of;
use crate::parse::markdown::validate_id;
use kiyaku_format::{is_email, is_phone_number, is_postal_code, is_web_url};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBlock {
    kind: Spanned<String>,
    #[serde(default)]
    revisions: Vec<Spanned<RawRevision>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRevision {
    since: Spanned<toml::Value>,
    name: Option<Spanned<LangText>>,
    representative: Option<Spanned<LangText>>,
    organization: Option<Spanned<LangText>>,
    department: Option<Spanned<LangText>>,
    desk: Option<Spanned<LangText>>,
    address: Option<Spanned<LangText>>,
    hours: Option<Spanned<LangText>>,
    scope: Option<Spanned<LangText>>,
    postal_code: Option<Spanned<String>>,
    fax: Option<Spanned<String>>,
    email: Option<Spanned<String>>,
    url: Option<Spanned<String>>,
    phones: Option<Vec<Spanned<RawPhone>>>,
    notes: Option<Vec<Spanned<LangText>>>,
    destinations: Option<Vec<Spanned<RawDestination>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhone {
    number: Spanned<String>,
    free_dial: Option<bool>,
    label: Option<Spanned<LangText>>,
}

/// The fields each kind allows, and which of them are required.
fn fields_of(kind: BlockKind) -> (&'static [&'static str], &'static [&'static str]) {
    match kind {
        BlockKind::Business => (
            &["name", "representative", "postal_code", "address", "url"],
            &["name", "representative", "postal_code", "address"],
        ),
        BlockKind::Contact => (
            &[
                "organization",
                "department",
                "postal_code",
                "address",
                "phones",
                "fax",
                "email",
                "url",
                "hours",
                "notes",
            ],
            &["organization", "department"],
        ),
        BlockKind::ComplaintBody => (
            &["name", "desk", "postal_code", "address", "phones", "hours", "url", "scope"],
            &["name", "desk", "postal_code", "address", "phones"],
        ),
        BlockKind::ExternalTransmission => (&["destinations"], &["destinations"]),
    }
}

/// Parses one block file; `languages` are the site's.
pub(super) fn parse_block(source: &SourceFile, languages: &[String], diags: &mut Diagnostics) -> Option<Block> {
    let id = source.path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
    if let Err(problem) = validate_id(&id) {
        diags.push(
            Diagnostic::error("block-id", format!("block file name `{id}` {problem}"))
                .in_file(&source.path)
                .hint("name block files by their id in lowercase ASCII: blocks/privacy-desk.toml"),
        );
        return None;
    }
    let raw: RawBlock = crate::base::toml_util::parse(source, &source.text, 0, "block-syntax", diags)?;
    let Some(kind) = BlockKind::from_name(raw.kind.get_ref()) else {
        diags.push(
            Diagnostic::error("block-kind", format!("unknown block kind \"{}\"", raw.kind.get_ref()))
                .at(source, raw.kind.span())
                .hint("kind is \"business\", \"contact\", \"complaint-body\" or \"external-transmission\""),
        );
        return None;
    };
    if raw.revisions.is_empty() {
        diags.push(
            Diagnostic::error("block-revisions", "the block has no [[revisions]]")
                .at(source, raw.kind.span())
                .hint("add at least one [[revisions]] table with since = YYYY-MM-DD and the block's fields"),
        );
        return None;
    }
    let checker = Checker { source, languages, kind };
    let before = diags.count(crate::base::diag::Severity::Error);
    let mut revisions: Vec<Revision> = raw.revisions.into_iter().filter_map(|r| checker.revision(r, diags)).collect();
    revisions.sort_by_key(|r| r.since);
    for pair in revisions.windows(2) {
        if pair[0].since == pair[1].since {
            diags.push(
                Diagnostic::error("block-revisions", format!("two revisions start on {}", pair[1].since))
                    .in_file(&source.path)
                    .hint("each revision starts on its own date; merge them or correct a `since`"),
            );
        }
    }
    (diags.count(crate::base::diag::Severity::Error) == before).then(|| Block {
        id,
        kind,
        revisions,
        source: source.path.clone(),
    })
}

/// A field written in a fixed format, and what to say when it is not.
struct Format {
    valid: fn(&str) -> bool,
    what: &'static str,
    hint: &'static str,
}

const POSTAL_CODE: Format =
    Format { valid: is_postal_code, what: "postal code", hint: "write the postal code as NNN-NNNN, e.g. \"105-0011\"" };
const PHONE: Format = Format {
    valid: is_phone_number,
    what: "phone",
    hint: "write the number with its area code, e.g. \"0120-000-123\" or \"03-1234-5678\"",
};
const EMAIL: Format =
    Format { valid: is_email, what: "email", hint: "write an address such as \"privacy@example.com\"" };
const URL: Format = Format {
    valid: is_web_url,
    what: "url",
    hint: "write an absolute http(s) URL, e.g. \"https://example.com/contact/\"",
};

struct Checker<'a> {
    source: &'a SourceFile,
    languages: &'a [String],
    kind: BlockKind,
}

impl Checker<'_> {
    fn revision(&self, raw: Spanned<RawRevision>, diags: &mut Diagnostics) -> Option<Revision> {
        let span = raw.span();
        let raw = raw.into_inner();
        let since = self.since(&raw, diags);
        self.check_fields(&raw, span.clone(), diags);
        self.check_reachable(&raw, span, diags);
        let text = |field: &Option<Spanned<LangText>>, name: &str, diags: &mut Diagnostics| {
            field.as_ref().map(|value| {
                check_text(self.source, value, self.languages, name, diags);
                value.get_ref().clone()
            })
        };
        Some(Revision {
            since: since?,
            name: text(&raw.name, "name", diags),
            representative: text(&raw.representative, "representative", diags),
            organization: text(&raw.organization, "organization", diags),
            department: text(&raw.department, "department", diags),
            desk: text(&raw.desk, "desk", diags),
            address: text(&raw.address, "address", diags),
            hours: text(&raw.hours, "hours", diags),
            scope: text(&raw.scope, "scope", diags),
            postal_code: self.checked(&raw.postal_code, &POSTAL_CODE, diags),
            fax: self.checked(&raw.fax, &PHONE, diags),
            email: self.checked(&raw.email, &EMAIL, diags),
            url: self.checked(&raw.url, &URL, diags),
            phones: raw
                .phones
                .unwrap_or_default()
                .into_iter()
                .filter_map(|p| self.phone(p.into_inner(), diags))
                .collect(),
            notes: raw
                .notes
                .unwrap_or_default()
                .into_iter()
                .map(|note| {
                    check_text(self.source, &note, self.languages, "notes", diags);
                    note.into_inner()
                })
                .collect(),
            destinations: destinations(raw.destinations.unwrap_or_default(), self.source, self.languages, diags),
        })
    }

    fn since(&self, raw: &RawRevision, diags: &mut Diagnostics) -> Option<Date> {
        let since = date_of(raw.since.get_ref());
        if since.is_none() {
            diags.push(
                Diagnostic::error("invalid-date", "`since` is not a valid date")
                    .at(self.source, raw.since.span())
                    .hint("write the first day this revision applies: since = 2024-04-01"),
            );
        }
        since
    }

    /// A desk nobody can reach is no desk (checked on what was written, so
    /// an invalid number is reported once, as invalid).
    fn check_reachable(&self, raw: &RawRevision, span: Range<usize>, diags: &mut Diagnostics) {
        let reachable = raw.phones.as_ref().is_some_and(|p| !p.is_empty())
            || raw.email.is_some()
            || raw.url.is_some()
            || raw.address.is_some();
        if self.kind == BlockKind::Contact && !reachable {
            diags.push(
                Diagnostic::error("block-field-missing", "a contact block needs at least one way to reach it")
                    .at(self.source, span)
                    .hint("add phones, email, url or address"),
            );
        }
    }

    fn check_fields(&self, raw: &RawRevision, span: Range<usize>, diags: &mut Diagnostics) {
        let present: BTreeMap<&str, Option<Range<usize>>> = [
            ("name", raw.name.as_ref().map(Spanned::span)),
            ("representative", raw.representative.as_ref().map(Spanned::span)),
            ("organization", raw.organization.as_ref().map(Spanned::span)),
            ("department", raw.department.as_ref().map(Spanned::span)),
            ("desk", raw.desk.as_ref().map(Spanned::span)),
            ("address", raw.address.as_ref().map(Spanned::span)),
            ("hours", raw.hours.as_ref().map(Spanned::span)),
            ("scope", raw.scope.as_ref().map(Spanned::span)),
            ("postal_code", raw.postal_code.as_ref().map(Spanned::span)),
            ("fax", raw.fax.as_ref().map(Spanned::span)),
            ("email", raw.email.as_ref().map(Spanned::span)),
            ("url", raw.url.as_ref().map(Spanned::span)),
            ("phones", raw.phones.as_ref().and_then(|p| p.first()).map(Spanned::span)),
            ("notes", raw.notes.as_ref().and_then(|n| n.first()).map(Spanned::span)),
            ("destinations", raw.destinations.as_ref().and_then(|d| d.first()).map(Spanned::span)),
        ]
        .into_iter()
        .filter(|(_, value)| value.is_some())
        .collect();
        let (allowed, required) = fields_of(self.kind);
        for (field, field_span) in &present {
            if !allowed.contains(field) {
                diags.push(
                    Diagnostic::error(
                        "block-field-unknown",
                        format!("`{field}` is not a field of {} block", self.kind.with_article()),
                    )
                    .at(self.source, field_span.clone().unwrap_or(span.clone()))
                    .hint(format!(
                        "{} block has: {}",
                        self.kind.with_article(),
                        allowed.join(", ")
                    )),
                );
            }
        }
        for field in required.iter().filter(|f| !present.contains_key(*f)) {
            diags.push(
                Diagnostic::error(
                    "block-field-missing",
                    format!("this revision has no `{field}`, which {} block requires", self.kind.with_article()),
                )
                .at(self.source, span.start..span.start)
                .hint(format!("add {field} to every revision (each revision is a complete record)")),
            );
        }
    }

    fn checked(&self, value: &Option<Spanned<String>>, format: &Format, diags: &mut Diagnostics) -> Option<String> {
        let value = value.as_ref()?;
        if (format.valid)(value.get_ref()) {
            return Some(value.get_ref().clone());
        }
        diags.push(
            Diagnostic::error("block-field-invalid", format!("`{}` is not a valid {}", value.get_ref(), format.what))
                .at(self.source, value.span())
                .hint(format.hint),
        );
        None
    }

    fn phone(&self, raw: RawPhone, diags: &mut Diagnostics) -> Option<Phone> {
        let number = self.checked(&Some(raw.number.clone()), &PHONE, diags)?;
        if let Some(label) = &raw.label {
            check_text(self.source, label, self.languages, "label", diags);
        }
        let free_dial = raw.free_dial.unwrap_or_else(|| number.starts_with("0120") || number.starts_with("0800"));
        Some(Phone { number, free_dial, label: raw.label.map(Spanned::into_inner) })
    }
}
