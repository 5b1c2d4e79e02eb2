//! A typed block as the templates and the JSON export see it: one
//! revision of a business, contact desk, accredited body or table of
//! external transmissions, in one language, with its telephone numbers as
//! `tel:` links.

use serde::Serialize;

use crate::parse::blocks::{Block, Destination, Revision};
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

/// One destination of an external transmission (外部送信), in one language.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct DestinationView {
    /// The row's id, the same in every language and revision.
    #[schemars(with = "crate::render::view::forms::ClauseId")]
    pub id: String,
    /// The service or tool by the name readers know.
    pub service: String,
    /// Who receives the information (送信先).
    pub recipient: String,
    /// What is sent, item by item.
    pub data: Vec<String>,
    /// What the recipient uses it for (利用目的).
    pub purpose: String,
    /// How to stop it, or that one cannot; null when only `opt_out_url` is given.
    pub opt_out: Option<String>,
    /// Where to stop it; null when not given.
    #[schemars(with = "Option<crate::render::view::forms::AbsoluteUrl>")]
    pub opt_out_url: Option<String>,
    /// The recipient's privacy policy; null when not given.
    #[schemars(with = "Option<crate::render::view::forms::AbsoluteUrl>")]
    pub privacy_url: Option<String>,
}

/// A block revision in one language, as templates and the JSON export see it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct BlockView {
    /// The block's id (its file name in `blocks/`), the same in every language and version.
    #[schemars(with = "crate::render::view::forms::ClauseId")]
    pub id: String,
    /// `business`, `contact`, `complaint-body` or `external-transmission`.
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
    /// An external-transmission block's destinations, one per tag or SDK; empty for other kinds.
    pub destinations: Vec<DestinationView>,
}

impl BlockView {
    /// What a reader finds in the block, a line a field, without labels:
    /// the text of the clause it is in counts it (comparisons see a desk
    /// that moved). Destinations are a table (cells apart by tabs, under a
    /// row of headings `label` gives), so a 新旧対照表 compares them row by
    /// row and cell by cell.
    pub fn plain_text(&self, lang: &str, label: &dyn Fn(&str) -> String) -> String {
        if !self.destinations.is_empty() {
            return destinations_text(&self.destinations, lang, label);
        }
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

/// The i18n keys of the headings of a table of destinations, in order.
const DESTINATION_HEADINGS: [&str; 5] = [
    "block-destination-service",
    "block-destination-recipient",
    "block-destination-data",
    "block-destination-purpose",
    "block-destination-opt-out",
];

fn destinations_text(destinations: &[DestinationView], lang: &str, label: &dyn Fn(&str) -> String) -> String {
    let list_separator = if lang == "ja" { "、" } else { "; " };
    let clean = |text: &str| text.replace(['\t', '\n'], " ");
    let mut lines = vec![DESTINATION_HEADINGS.map(label).join("\t")];
    for row in destinations {
        let data: Vec<String> = row.data.iter().map(|item| clean(item)).collect();
        let opt_out = [row.opt_out.as_deref().map(clean), row.opt_out_url.clone()];
        let opt_out: Vec<String> = opt_out.into_iter().flatten().collect();
        let recipient = [Some(clean(&row.recipient)), row.privacy_url.clone()];
        let recipient: Vec<String> = recipient.into_iter().flatten().collect();
        let cells = [
            clean(&row.service),
            recipient.join(" "),
            data.join(list_separator),
            clean(&row.purpose),
            opt_out.join(" "),
        ];
        lines.push(cells.join("\t"));
    }
    lines.join("\n")
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
            destinations: self.destinations.iter().map(|d| d.view(lang, fallback)).collect(),
        }
    }
}

impl Destination {
    /// The destination in `lang` (falling back to `fallback`).
    pub fn view(&self, lang: &str, fallback: &str) -> DestinationView {
        let one = |t: &LangText| t.get(lang).or_else(|| t.get(fallback)).cloned().unwrap_or_default();
        DestinationView {
            id: self.id.clone(),
            service: one(&self.service),
            recipient: one(&self.recipient),
            data: self.data.iter().map(one).collect(),
            purpose: one(&self.purpose),
            opt_out: self.opt_out.as_ref().map(one),
            opt_out_url: self.opt_out_url.clone(),
            privacy_url: self.privacy_url.clone(),
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
