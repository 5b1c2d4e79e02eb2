//! Typed blocks: the business, its contact desks, the accredited
//! complaint body (認定個人情報保護団体) and the table of external
//! transmissions (外部送信, 電気通信事業法第27条の12), defined once in
//! `blocks/<id>.toml` and referenced from any policy text by id.
//!
//! A block carries its history as dated revisions, each a complete record.
//! A version's page shows each block as it stood on the last day that
//! version applied: today for the version in force, the day before the next
//! version for an archived one, the effective date for an upcoming one. So
//! a desk that moves is shown at its new address from the day it moves, and
//! archived pages keep the address they showed.

mod destinations;
mod source;

pub use destinations::Destination;

use std::collections::BTreeMap;
use std::path::PathBuf;

use jiff::civil::Date;

use crate::base::diag::{Diagnostics, SourceFile};
use crate::parse::config::LangText;

/// The kinds of block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// 事業者: name, address, representative (APPI art. 32 item 1).
    Business,
    /// A desk: 個人情報保護管理者, お問合せ窓口, 苦情・相談窓口.
    Contact,
    /// An accredited body (認定個人情報保護団体) and its complaint desk.
    ComplaintBody,
    /// The destinations of external transmissions (外部送信): per tag or
    /// SDK, what is sent, to whom and for what purpose.
    ExternalTransmission,
}

impl BlockKind {
    /// The kind a block file's `kind` names (`business`, `contact`, `complaint-body`), if any.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "business" => Some(Self::Business),
            "contact" => Some(Self::Contact),
            "complaint-body" => Some(Self::ComplaintBody),
            "external-transmission" => Some(Self::ExternalTransmission),
            _ => None,
        }
    }

    /// The kind's name after "a" or "an", for messages (`an external-transmission`).
    pub fn with_article(self) -> String {
        let article = if self == Self::ExternalTransmission { "an" } else { "a" };
        format!("{article} {}", self.name())
    }

    /// The kind's name, as block files and fenced block references write it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Business => "business",
            Self::Contact => "contact",
            Self::ComplaintBody => "complaint-body",
            Self::ExternalTransmission => "external-transmission",
        }
    }
}

/// A block with its revisions, oldest first.
#[derive(Debug, Clone)]
pub struct Block {
    /// The block's id: its file name without `.toml`, as references write it.
    pub id: String,
    /// What the block describes: the business, a contact desk or an accredited complaint body.
    pub kind: BlockKind,
    /// Dated revisions, oldest first, each a complete record.
    pub revisions: Vec<Revision>,
    /// The block file it was parsed from (`blocks/<id>.toml`), for diagnostics.
    pub source: PathBuf,
}

/// A telephone number.
#[derive(Debug, Clone)]
pub struct Phone {
    /// As written: starting with `0` (10 or 11 digits) or `+`, e.g. `03-0000-1234`.
    pub number: String,
    /// A toll-free number (フリーダイヤル); defaults to true for 0120 and 0800 numbers.
    pub free_dial: bool,
    /// What the number is for, per language (携帯電話から), shown before it.
    pub label: Option<LangText>,
}

/// One revision of a block: a complete record from `since` on.
#[derive(Debug, Clone, Default)]
pub struct Revision {
    /// The first day this revision applies; it applies until the next revision's `since`.
    pub since: Date,
    /// The name of the business or of the complaint body (business, complaint-body).
    pub name: Option<LangText>,
    /// The business's representative, 代表者 (business).
    pub representative: Option<LangText>,
    /// The organization the desk belongs to (contact).
    pub organization: Option<LangText>,
    /// The desk's department or role: 個人情報保護管理者, お問合せ窓口 (contact).
    pub department: Option<LangText>,
    /// The complaint body's complaint desk (complaint-body).
    pub desk: Option<LangText>,
    /// The postal address, without the postal code.
    pub address: Option<LangText>,
    /// Opening hours, free text (contact, complaint-body).
    pub hours: Option<LangText>,
    /// Which complaints the body accepts, e.g. only about its members (complaint-body).
    pub scope: Option<LangText>,
    /// The postal code, `NNN-NNNN`.
    pub postal_code: Option<String>,
    /// A fax number, in the format of phone numbers (contact).
    pub fax: Option<String>,
    /// An e-mail address (contact).
    pub email: Option<String>,
    /// A web address: an absolute http(s) URL.
    pub url: Option<String>,
    /// Telephone numbers, in the order shown (contact, complaint-body).
    pub phones: Vec<Phone>,
    /// Further notes shown after the other fields, per language (contact).
    pub notes: Vec<LangText>,
    /// The destinations of external transmissions, in the order shown (external-transmission).
    pub destinations: Vec<Destination>,
}

impl Revision {
    /// The revision as canonical text: one line per value, `field[.lang]`,
    /// a tab, then the value (line ends escaped), in a fixed order; what
    /// the lock hashes. How the TOML is written (order, quoting, comments)
    /// does not show in it, and a field added to kiyaku later, when not
    /// written, does not change it.
    pub fn canonical(&self) -> String {
        let mut out = format!("since\t{}\n", self.since);
        let mut text = |field: &str, value: &Option<LangText>| {
            for (lang, value) in value.iter().flatten() {
                out.push_str(&format!("{field}.{lang}\t{}\n", value.replace('\n', "\\n")));
            }
        };
        text("name", &self.name);
        text("representative", &self.representative);
        text("organization", &self.organization);
        text("department", &self.department);
        text("desk", &self.desk);
        text("address", &self.address);
        text("hours", &self.hours);
        text("scope", &self.scope);
        for (index, phone) in self.phones.iter().enumerate() {
            text(&format!("phone{index}.label"), &phone.label);
        }
        for (index, note) in self.notes.iter().enumerate() {
            text(&format!("note{index}"), &Some(note.clone()));
        }
        let plain =
            [("postal_code", &self.postal_code), ("fax", &self.fax), ("email", &self.email), ("url", &self.url)];
        for (field, value) in plain {
            if let Some(value) = value {
                out.push_str(&format!("{field}\t{}\n", value.replace('\n', "\\n")));
            }
        }
        for (index, phone) in self.phones.iter().enumerate() {
            out.push_str(&format!("phone{index}\t{}\t{}\n", phone.number, phone.free_dial));
        }
        for destination in &self.destinations {
            destination.canonical_into(&mut out);
        }
        out
    }
}

impl Block {
    /// The revision in effect on `date`.
    pub fn revision_on(&self, date: Date) -> Option<&Revision> {
        self.revisions.iter().rev().find(|r| r.since <= date)
    }
}

/// Every block of the site, by id.
#[derive(Debug, Default)]
pub struct Blocks {
    /// The blocks that parsed without errors, by id.
    pub by_id: BTreeMap<String, Block>,
    /// Ids of block files that exist but have errors (already reported).
    pub broken: std::collections::BTreeSet<String>,
}

impl Blocks {
    /// Parses all block files.
    pub fn parse(sources: &[SourceFile], languages: &[String], diags: &mut Diagnostics) -> Blocks {
        let mut blocks = Blocks::default();
        for source in sources {
            match source::parse_block(source, languages, diags) {
                Some(block) => {
                    blocks.by_id.insert(block.id.clone(), block);
                }
                None => {
                    blocks.broken.insert(source.path.file_stem().unwrap_or_default().to_string_lossy().into_owned());
                }
            }
        }
        blocks
    }

    /// The block with this id, if its file exists and has no errors.
    pub fn get(&self, id: &str) -> Option<&Block> {
        self.by_id.get(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<Block>, Diagnostics) {
        let mut diags = Diagnostics::default();
        let source = SourceFile::new("blocks/desk.toml", text);
        let block = source::parse_block(&source, &["ja".into(), "en".into()], &mut diags);
        (block, diags)
    }

    const DESK: &str = r#"kind = "contact"
[[revisions]]
since = 2021-04-01
organization = { ja = "甲社", en = "Kou Inc." }
department = { ja = "窓口", en = "Desk" }
phones = [ { number = "0120-000-123" } ]

[[revisions]]
since = 2023-06-16
organization = { ja = "甲社", en = "Kou Inc." }
department = { ja = "新窓口", en = "New desk" }
email = "desk@example.com"
"#;

    #[test]
    fn revisions_apply_from_their_date() {
        let (block, diags) = parse(DESK);
        assert!(diags.is_empty(), "{diags:?}");
        let block = block.unwrap();
        assert!(block.revision_on(Date::constant(2020, 1, 1)).is_none());
        let old = block.revision_on(Date::constant(2023, 6, 15)).unwrap();
        assert_eq!(old.department.as_ref().and_then(|d| d.get("en")).map(String::as_str), Some("Desk"));
        assert!(old.phones[0].free_dial, "0120 numbers are free dial");
        let new = block.revision_on(Date::constant(2023, 6, 16)).unwrap();
        assert_eq!(new.department.as_ref().and_then(|d| d.get("ja")).map(String::as_str), Some("新窓口"));
    }

    #[test]
    fn each_error_is_reported() {
        let cases = [
            (DESK.replace("email =", "emial ="), "block-syntax"),
            (DESK.replace("\"contact\"", "\"desk\""), "block-kind"),
            (DESK.replace("department = { ja = \"新窓口\", en = \"New desk\" }", ""), "block-field-missing"),
            (DESK.replace("en = \"New desk\"", ""), "missing-translation"),
            (DESK.replace("0120-000-123", "0120-000"), "block-field-invalid"),
            (DESK.replace("desk@example.com", "desk.example.com"), "block-field-invalid"),
            (DESK.replace("email = \"desk@example.com\"", "scope = { ja = \"x\", en = \"x\" }"), "block-field-unknown"),
            (DESK.replace("2023-06-16", "2021-04-01"), "block-revisions"),
            (DESK.replace("2023-06-16", "2023-02-30"), "block-syntax"),
        ];
        for (text, code) in cases {
            let (block, diags) = parse(&text);
            assert!(block.is_none(), "{code}: {text}");
            let codes: Vec<_> = diags.sorted().iter().map(|d| d.code).collect();
            assert!(codes.contains(&code), "expected {code}, got {codes:?}");
            assert!(diags.sorted().iter().all(|d| d.file.is_some()));
        }
    }
}
