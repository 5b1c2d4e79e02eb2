//! Typed blocks: the business, its contact desks and the accredited
//! complaint body (認定個人情報保護団体), defined once in `blocks/<id>.toml`
//! and referenced from any policy text by id.
//!
//! A block carries its history as dated revisions, each a complete record.
//! A version's page shows each block as it stood on the last day that
//! version applied: today for the version in force, the day before the next
//! version for an archived one, the effective date for an upcoming one. So
//! a desk that moves is shown at its new address from the day it moves, and
//! archived pages keep the address they showed.

mod source;

use std::collections::BTreeMap;
use std::path::PathBuf;

use jiff::civil::Date;
use serde::Serialize;

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
}

impl BlockKind {
    /// The kind a block file's `kind` names (`business`, `contact`, `complaint-body`), if any.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "business" => Some(Self::Business),
            "contact" => Some(Self::Contact),
            "complaint-body" => Some(Self::ComplaintBody),
            _ => None,
        }
    }

    /// The kind's name, as block files and fenced block references write it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Business => "business",
            Self::Contact => "contact",
            Self::ComplaintBody => "complaint-body",
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

/// A telephone number as templates see it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PhoneView {
    /// The number as written in the block file (`03-0000-1234`).
    pub number: String,
    /// `tel:` URI with the international prefix: `tel:+81-120-000-123`.
    pub tel: String,
    /// A toll-free number (フリーダイヤル): 0120 and 0800 numbers unless the block file says otherwise.
    pub free_dial: bool,
    /// What the number is for, shown before it (携帯電話から); null when it has none.
    pub label: Option<String>,
}

/// A block revision in one language, as templates and the JSON export see it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct BlockView {
    /// The block's id (its file name in `blocks/`), the same in every language and version.
    pub id: String,
    /// `business`, `contact` or `complaint-body`.
    pub kind: String,
    /// The first day of the revision shown.
    pub since: String,
    /// The name of the business or of the complaint body; null for a contact desk.
    pub name: Option<String>,
    /// The business's representative (代表者); null for other kinds.
    pub representative: Option<String>,
    /// The organization a contact desk belongs to; null for other kinds.
    pub organization: Option<String>,
    /// A contact desk's department or role (個人情報保護管理者, お問合せ窓口); null for other kinds.
    pub department: Option<String>,
    /// The complaint body's complaint desk; null for other kinds.
    pub desk: Option<String>,
    /// The postal code, `NNN-NNNN` without 〒; null when none is given.
    pub postal_code: Option<String>,
    /// The postal address, without the postal code; null when none is given.
    pub address: Option<String>,
    /// Telephone numbers, in the order shown; empty when none are given.
    pub phones: Vec<PhoneView>,
    /// A contact desk's fax number as written; null when none is given.
    pub fax: Option<String>,
    /// A contact desk's e-mail address; null when none is given.
    pub email: Option<String>,
    /// A web address (absolute http(s) URL); null when none is given.
    pub url: Option<String>,
    /// Opening hours, free text; null when none are given.
    pub hours: Option<String>,
    /// A contact desk's further notes, shown after the other fields; empty when none are given.
    pub notes: Vec<String>,
    /// Which complaints the complaint body accepts (e.g. only about its members); null when not given.
    pub scope: Option<String>,
}

impl BlockView {
    /// What a reader finds in the block, a line a field, without labels:
    /// the text of the clause it is in counts it (comparisons see a desk
    /// that moved).
    pub fn plain_text(&self, lang: &str) -> String {
        let join = |parts: &[&Option<String>]| parts.iter().filter_map(|p| p.as_deref()).collect::<Vec<_>>().join(" ");
        // As the page writes it: 〒 and code first in Japanese, the code after the address in English.
        let address = if lang == "ja" {
            join(&[&self.postal_code.as_ref().map(|code| format!("〒{code}")), &self.address])
        } else {
            join(&[&self.address, &self.postal_code])
        };
        let mut lines = vec![
            join(&[&self.name, &self.representative]),
            join(&[&self.organization, &self.department, &self.desk]),
            address,
        ];
        lines.extend(self.phones.iter().map(|p| join(&[&p.label, &Some(p.number.clone())])));
        lines.extend([&self.fax, &self.email, &self.url, &self.hours, &self.scope].into_iter().flatten().cloned());
        lines.extend(self.notes.iter().cloned());
        lines.retain(|line| !line.is_empty());
        lines.join("\n")
    }
}

/// `0120-000-123` → `tel:+81-120-000-123`; international numbers are kept.
pub fn tel_uri(number: &str) -> String {
    let compact: String = number.chars().filter(|c| !c.is_whitespace()).collect();
    match compact.strip_prefix('0') {
        Some(rest) if !compact.starts_with('+') => format!("tel:+81-{rest}"),
        _ => format!("tel:{compact}"),
    }
}

impl Revision {
    /// The revision's fields in `lang` (falling back to `fallback`).
    pub fn view(&self, block: &Block, lang: &str, fallback: &str) -> BlockView {
        let text = |t: &Option<LangText>| t.as_ref().and_then(|t| t.get(lang).or_else(|| t.get(fallback)).cloned());
        let one = |t: &LangText| t.get(lang).or_else(|| t.get(fallback)).cloned().unwrap_or_default();
        BlockView {
            id: block.id.clone(),
            kind: block.kind.name().to_string(),
            since: self.since.to_string(),
            name: text(&self.name),
            representative: text(&self.representative),
            organization: text(&self.organization),
            department: text(&self.department),
            desk: text(&self.desk),
            postal_code: self.postal_code.clone(),
            address: text(&self.address),
            phones: self
                .phones
                .iter()
                .map(|p| PhoneView {
                    number: p.number.clone(),
                    tel: tel_uri(&p.number),
                    free_dial: p.free_dial,
                    label: p.label.as_ref().map(one),
                })
                .collect(),
            fax: self.fax.clone(),
            email: self.email.clone(),
            url: self.url.clone(),
            hours: text(&self.hours),
            notes: self.notes.iter().map(one).collect(),
            scope: text(&self.scope),
        }
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
        assert_eq!(old.view(&block, "en", "ja").department.as_deref(), Some("Desk"));
        assert!(old.phones[0].free_dial, "0120 numbers are free dial");
        let new = block.revision_on(Date::constant(2023, 6, 16)).unwrap();
        assert_eq!(new.view(&block, "ja", "ja").department.as_deref(), Some("新窓口"));
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

    #[test]
    fn tel_uris() {
        assert_eq!(tel_uri("0120-000-123"), "tel:+81-120-000-123");
        assert_eq!(tel_uri("+1 555 0100"), "tel:+15550100");
    }
}
