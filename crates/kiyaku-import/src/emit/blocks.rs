//! The blocks an import makes of contact details it finds: the business
//! itself, its desks, and the accredited body; or the block of the site
//! that a translation's original refers to.

use std::path::PathBuf;

use super::{Builder, Fields, toml_string};
use crate::structure::contact::Found;

/// The id of a well-known accredited body, else a generic one.
fn accredited_base(found: &Found) -> &'static str {
    let name = found.organization.as_deref().unwrap_or_default();
    if name.contains("日本情報経済社会推進協会") {
        "jipdec"
    } else if name.contains("日本データ通信協会") {
        "jdta"
    } else {
        "accredited-body"
    }
}

impl Builder<'_> {
    /// Makes (or reuses) a block for found contact details.
    pub(crate) fn block(&mut self, found: &Found, caption: &str) -> Result<(&'static str, String), String> {
        let (kind, base, toml) = if found.complaint_body {
            ("complaint-body", accredited_base(found), self.complaint_body_fields(found)?)
        } else {
            let (base, fields) = self.desk_fields(found, caption)?;
            ("contact", base, fields)
        };
        let body: String = toml.iter().map(|(k, v)| format!("{k} = {v}\n")).collect();
        if let Some((id, _)) = self.blocks.iter().find(|(_, (existing, _))| *existing == body) {
            return Ok((kind, id.clone()));
        }
        if let Some(id) = self.same_block_in_site(kind, found) {
            self.report.push(format!(
                "blocks/{id}.toml has the same {kind} (same phone, e-mail or postal code): the text refers to it; add its `{}` text: {}",
                self.input.lang,
                body.lines().filter_map(text_field).collect::<Vec<_>>().join("; ")
            ));
            self.handed_over.push_str(&body);
            return Ok((kind, id));
        }
        Ok((kind, self.add_block(kind, base, body, found)))
    }

    /// Writes a new block file under a free id (`base`, else `base-2`…).
    fn add_block(&mut self, kind: &str, base: &str, body: String, found: &Found) -> String {
        let mut id = base.to_string();
        let mut n = 2;
        while self.blocks.contains_key(&id) || self.input.existing_blocks.contains_key(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.files.push((
            PathBuf::from(format!("blocks/{id}.toml")),
            format!("kind = \"{kind}\"\n\n[[revisions]]\nsince = {}\n{body}", self.since()),
        ));
        self.blocks.insert(id.clone(), (body, found.clone()));
        id
    }

    /// A block of the site with the same contact details: the one an
    /// earlier import in another language made.
    fn same_block_in_site(&self, kind: &str, found: &Found) -> Option<String> {
        let kind_line = format!("kind = \"{kind}\"");
        let quoted = |value: &String| format!("\"{value}\"");
        let keys: Vec<String> = found.phones.iter().chain(&found.email).chain(&found.postal_code).map(quoted).collect();
        self.input
            .existing_blocks
            .iter()
            .filter(|(id, _)| self.input.sibling_blocks.contains(*id))
            .find(|(_, text)| text.contains(&kind_line) && keys.iter().any(|key| text.contains(key.as_str())))
            .map(|(id, _)| id.clone())
    }

    /// A `business` block: the business's name, representative and address.
    pub(crate) fn business_block(
        &mut self,
        found: &Found,
        representative: &str,
    ) -> Result<(&'static str, String), String> {
        let (Some(name), Some(postal), Some(address)) = (&found.organization, &found.postal_code, &found.address)
        else {
            return Err("a business needs its name, 〒 and address".into());
        };
        let mut fields = vec![("name", self.text(name)), ("representative", self.text(representative.trim()))];
        fields.push(("postal_code", toml_string(postal)));
        fields.push(("address", self.text(address)));
        fields.extend(found.url.iter().map(|u| ("url", toml_string(u))));
        let body: String = fields.iter().map(|(k, v)| format!("{k} = {v}\n")).collect();
        Ok(("business", self.add_block("business", "business", body, found)))
    }

    fn phones(&self, found: &Found) -> String {
        let item = |number: &String| match found.phone_labels.get(number) {
            Some(label) => format!("{{ number = {}, label = {} }}", toml_string(number), self.text(label)),
            None => format!("{{ number = {} }}", toml_string(number)),
        };
        format!("[{}]", found.phones.iter().map(item).collect::<Vec<_>>().join(", "))
    }

    /// The fields of an accredited body (認定個人情報保護団体).
    fn complaint_body_fields(&self, found: &Found) -> Result<Fields, String> {
        let name = found.organization.clone().ok_or("no organisation name")?;
        // Not the caption over it, which names the business's own desks.
        let desk = found
            .department
            .clone()
            .unwrap_or_else(|| if self.input.lang == "ja" { "苦情相談窓口" } else { "Complaints desk" }.to_string());
        let (Some(postal), Some(address)) = (&found.postal_code, &found.address) else {
            return Err("an accredited body needs 〒 and an address".into());
        };
        if found.phones.is_empty() {
            return Err("an accredited body needs a telephone number".into());
        }
        let mut fields = vec![("name", self.text(&name)), ("desk", self.text(&desk))];
        fields.push(("postal_code", toml_string(postal)));
        fields.push(("address", self.text(address)));
        fields.push(("phones", self.phones(found)));
        self.optional(&mut fields, found);
        Ok(fields)
    }

    /// The fields of the business's own desk, and the id to give it.
    fn desk_fields(&self, found: &Found, caption: &str) -> Result<(&'static str, Fields), String> {
        let organization = found.organization.clone().ok_or("no organisation name before the details")?;
        let department = found.department.clone().unwrap_or_else(|| caption.to_string());
        let base = if department.contains("個人情報保護管理者") || caption.contains("個人情報保護管理者")
        {
            "privacy-manager"
        } else {
            "contact-desk"
        };
        let mut fields = vec![("organization", self.text(&organization)), ("department", self.text(&department))];
        // A foreign address has no Japanese postal code: it is kept all the same.
        if let Some(postal) = &found.postal_code {
            fields.push(("postal_code", toml_string(postal)));
        }
        if let Some(address) = &found.address {
            fields.push(("address", self.text(address)));
        }
        if !found.phones.is_empty() {
            fields.push(("phones", self.phones(found)));
        }
        fields.extend(found.fax.iter().map(|fax| ("fax", toml_string(fax))));
        self.optional(&mut fields, found);
        if found.phones.is_empty() && found.email.is_none() && found.url.is_none() && found.address.is_none() {
            return Err("no way to reach the desk was recognised".into());
        }
        Ok((base, fields))
    }

    fn optional(&self, fields: &mut Fields, found: &Found) {
        fields.extend(found.email.iter().filter(|_| !found.complaint_body).map(|e| ("email", toml_string(e))));
        fields.extend(found.url.iter().map(|u| ("url", toml_string(u))));
        fields.extend(found.hours.iter().map(|h| ("hours", self.text(h))));
    }
}

/// `organization = { ja = "…", en = "…" }` (every language holding the
/// imported text) as `organization: …`, for the writer to add in the
/// language imported.
fn text_field(line: &str) -> Option<String> {
    let (key, value) = line.split_once(" = { ")?;
    let text = value.split_once('"')?.1.rsplit_once("\" }").map_or(value, |(inner, _)| inner);
    let first = text.split("\", ").next().unwrap_or(text);
    Some(format!("{key}: {first}"))
}

/// Details with no way to reach a desk (no phone, e-mail or web address),
/// followed by the representative's line: the business itself.
pub(crate) fn is_business(found: &Found, next_line: &str) -> bool {
    const TITLES: &[&str] =
        &["代表取締役", "代表者", "代表理事", "代表社員", "理事長", "Representative Director", "CEO"];
    let reachable = !found.phones.is_empty() || found.email.is_some() || found.url.is_some();
    !found.complaint_body
        && !reachable
        && found.organization.is_some()
        && next_line.chars().count() <= 40
        && TITLES.iter().any(|title| next_line.contains(title))
}
