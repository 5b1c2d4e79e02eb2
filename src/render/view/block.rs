//! A typed block as the templates and the JSON export see it: one
//! revision of a business, contact desk or accredited body, in one
//! language, with its telephone numbers as `tel:` links.

use serde::Serialize;

use crate::parse::blocks::{Block, Revision};
use crate::parse::config::LangText;

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
    #[schemars(with = "crate::render::view::forms::ClauseId")]
    pub id: String,
    /// `business`, `contact` or `complaint-body`.
    #[schemars(with = "crate::render::view::forms::BlockKind")]
    pub kind: String,
    /// The first day of the revision shown.
    #[schemars(with = "crate::render::view::forms::IsoDate")]
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
    #[schemars(with = "Option<crate::render::view::forms::AbsoluteUrl>")]
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
fn tel_uri(number: &str) -> String {
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

    #[test]
    fn tel_uris() {
        assert_eq!(tel_uri("0120-000-123"), "tel:+81-120-000-123");
        assert_eq!(tel_uri("+1 555 0100"), "tel:+15550100");
    }
}
