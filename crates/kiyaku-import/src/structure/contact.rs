//! Contact desks and accredited bodies in imported text: the lines that
//! carry a 〒 address, TEL / FAX numbers, an e-mail address, a URL or
//! reception hours are gathered, with the organisation named just before
//! them, into a typed block; the text keeps a reference to it.

use std::sync::LazyLock;

use regex::Regex;

use crate::structure::classify::to_ascii_digits;
use kiyaku_format::{is_email, is_phone_number, is_postal_code, is_web_url};

static POSTAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"〒\s*([0-9０-９]{3})\s*[-‐－ー−]\s*([0-9０-９]{4})").unwrap());
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:telephone|phone|tel|ｔｅｌ|電話(?:番号)?(?:から)?|フリーダイヤル|フリーコール)\s*[.:：]?\s*([+0-9０-９][0-9０-９\-‐－ー− ]{7,}[0-9０-９])").unwrap()
});
/// A short note right after a number: 「（無料）」, 「(toll-free)」.
static PHONE_NOTE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*[（(]([^）)\n]{1,12})[）)]").unwrap());
/// Another number after one (「03-…（有料）／0120-…」, 「03-…、0120-…」).
static MORE_PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[（(][^）)\n]{0,12}[）)])?\s*[、,，/／]\s*(?:又は|または|or)?\s*([+0-9０-９][0-9０-９\-‐－ー− ]{7,}[0-9０-９])").unwrap()
});
static FAX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:fax|ｆａｘ)\s*[.:：]?\s*([0-9０-９][0-9０-９\-‐－ー− ]{7,}[0-9０-９])").unwrap()
});
static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+").unwrap());
static URL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"https?://[^\s　)）」\]]+").unwrap());
static HOURS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:受付時間\s*[:：]?\s*|(平日|毎日|月曜))([^\n]*?[0-9０-９]{1,2}\s*(?:[:：]\s*[0-9０-９]{2}|時)[^\n]*)",
    )
    .unwrap()
});
/// Labels in front of contact details: 住所, 窓口, 電話…
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:住所|所在地|窓口|名称|担当|連絡先|お問い?合わ?せ先?|電話番号|電話|メール)\s*[:：]?\s*").unwrap()
});
static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^((?:株式会社|有限会社|合同会社)[^\s　]+|.*?(?:株式会社|有限会社|合同会社|協会|センター|機構|法人[^\s　]*?(?:協会|センター|機構)))[\s　]+(.+)$",
    )
    .unwrap()
});
/// An English company name and what follows it: 「Example Corp. Privacy Office」.
static ENGLISH_ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.*?(?:Co\.,?\s*Ltd\.|K\.K\.|G\.K\.|Inc\.|Corp\.|Corporation|Ltd\.|LLC))[\s,]+(.+)$").unwrap()
});
/// A company's name alone on its line: 「株式会社サンプル」, 「Example K.K.」.
static ENTITY_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:株式会社|有限会社|合同会社)[^\s　]+|[^\s　].*?(?:株式会社|有限会社|合同会社)|.*?(?:Co\.,?\s*Ltd\.?|K\.K\.|G\.K\.|Inc\.?|Corp\.?|Corporation|Ltd\.?|LLC))$",
    )
    .unwrap()
});
/// An address written without 〒 (as in English): a Japanese postal code
/// at its end, 「1-2-3 Marunouchi, Chiyoda-ku, Tokyo 100-0005」.
static TRAILING_POSTAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.{6,}?)[,\s]+(Japan\s+)?([0-9]{3})-([0-9]{4})([,\s]+Japan)?\.?$").unwrap());
/// 9時～17時, 9:00-17:00: a time of day, or a range of them.
static TIME_RANGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9０-９]{1,2}\s*(?:時|[:：][0-9０-９]{2})").unwrap());
static DATA_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)〒|tel|phone|ｔｅｌ|電話|fax|e-?mail|メール|https?://").unwrap());

/// Whether a line carries contact details.
pub(crate) fn is_contact_line(line: &str) -> bool {
    if line.starts_with(crate::read::table::CELL) {
        return false; // A row of a table stays in its table.
    }
    // A sentence that mentions an address (「…宛にご連絡ください。」) is text,
    // not a desk's details.
    if line.trim_end().ends_with('。') {
        return false;
    }
    POSTAL.is_match(line)
        || english_address(line).is_some()
        || PHONE.is_match(line)
        || FAX.is_match(line)
        || EMAIL.is_match(line)
        || line.contains("受付時間")
}

/// An address written in English, ending in its postal code, as (postal
/// code, address): letters and a comma, so that a Japanese line ending in a
/// number like 123-4567 (a reception number) is not taken for one.
fn english_address(line: &str) -> Option<(String, String)> {
    if !line.contains(',') || !line.bytes().any(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let line = LABEL.replace(line.trim(), "");
    let caps = TRAILING_POSTAL.captures(line.trim())?;
    let address = caps[1].trim().trim_end_matches(',');
    // The country stays in the address: the draft keeps every word.
    let country = if caps.get(2).is_some() || caps.get(5).is_some() { ", Japan" } else { "" };
    Some((format!("{}-{}", &caps[3], &caps[4]), format!("{address}{country}")))
}

/// The fields found for one desk or body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Found {
    pub complaint_body: bool,
    pub name: Option<String>,
    pub organization: Option<String>,
    pub department: Option<String>,
    pub postal_code: Option<String>,
    pub address: Option<String>,
    pub phones: Vec<String>,
    /// What a number is for (携帯電話から, 無料), by number.
    pub phone_labels: std::collections::BTreeMap<String, String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
    pub hours: Option<String>,
}

/// What a number is for, when the text says more than "phone": the words
/// before it (携帯電話から) and a short note after it (（無料）), joined.
fn phone_label(before: &str, after: &str) -> Option<String> {
    const GENERIC: &[&str] = &["電話", "電話番号", "tel", "ｔｅｌ", "phone", "telephone", "tel."];
    let before = before.trim();
    let own =
        (!before.is_empty() && before.chars().count() <= 12 && !GENERIC.contains(&before.to_lowercase().as_str()))
            .then(|| before.to_string());
    // 「（平日９時～１７時）」 after a number is the desk's hours, not what the number is for.
    let note = PHONE_NOTE
        .captures(after)
        .map(|caps| caps[1].trim().to_string())
        .filter(|note| !HOURS.is_match(note) && !TIME_RANGE.is_match(note));
    match (own, note) {
        (Some(own), Some(note)) => Some(format!("{own}（{note}）")),
        (own, note) => own.or(note),
    }
}

fn clean_number(text: &str) -> String {
    to_ascii_digits(text).replace(['‐', '－', 'ー', '−'], "-").split_whitespace().collect::<Vec<_>>().join("-")
}

fn balanced(text: &str) -> String {
    let mut text = text.trim().trim_end_matches(['。', '、']).to_string();
    while text.ends_with(['）', ')']) && text.matches(['(', '（']).count() < text.matches([')', '）']).count() {
        text.pop();
        text = text.trim_end().to_string();
    }
    text
}

/// Reads the fields out of a region's lines; `org_line` names the desk.
pub(crate) fn read_fields(region: &str, org_line: Option<&str>) -> Found {
    let mut found = Found::default();
    read_address(region, &mut found);
    read_phones(region, &mut found);
    found.fax = FAX.captures(region).map(|c| clean_number(&c[1])).filter(|n| is_phone_number(n));
    found.email = EMAIL.find(region).map(|m| m.as_str().to_string()).filter(|e| is_email(e));
    found.url = URL.find(region).map(|m| m.as_str().to_string()).filter(|u| is_web_url(u));
    // A line that says 受付時間 says it best; else hours found anywhere (平日9時～).
    let labelled = HOURS.captures_iter(region).find(|c| c.get(0).is_some_and(|m| m.as_str().starts_with("受付時間")));
    found.hours = labelled
        .or_else(|| HOURS.captures(region))
        .map(|c| balanced(&format!("{}{}", c.get(1).map_or("", |m| m.as_str()), &c[2])));
    if let Some(org_line) = org_line {
        read_names(org_line, &mut found);
    }
    found
}

/// The 〒 code and the address after it (on its line, or on the next one),
/// else an English address with its code.
fn read_address(region: &str, found: &mut Found) {
    if let Some(caps) = POSTAL.captures(region) {
        let code = to_ascii_digits(&format!("{}-{}", &caps[1], &caps[2]));
        found.postal_code = is_postal_code(&code).then_some(code);
        let after = &region[caps.get(0).map_or(0, |m| m.end())..];
        // 〒220-0012 alone on a line, as forms and <br> write it.
        let after = match after.split_once('\n') {
            Some((rest, next)) if rest.trim().is_empty() && !DATA_START.is_match(next.lines().next().unwrap_or("")) => {
                next
            }
            _ => after,
        };
        let end =
            DATA_START.find(after).map_or(after.len(), |m| m.start()).min(after.find('\n').unwrap_or(after.len()));
        let address = after[..end].trim().trim_matches(['、', '/', '／']).trim();
        found.address = (!address.is_empty()).then(|| address.to_string());
    }
    if found.postal_code.is_none()
        && let Some((code, address)) = region.lines().find_map(english_address)
    {
        found.postal_code = is_postal_code(&code).then_some(code);
        found.address = Some(address);
    }
}

/// Every telephone number, once, with the label written before or after it.
fn read_phones(region: &str, found: &mut Found) {
    for caps in PHONE.captures_iter(region) {
        let (whole, digits) = (caps.get(0).expect("a match"), caps.get(1).expect("a number"));
        let line_start = region[..whole.start()].rfind('\n').map_or(0, |i| i + 1);
        let before =
            region[line_start..digits.start()].trim_end_matches(|c: char| c.is_whitespace() || ":：".contains(c));
        let mut numbers = vec![(clean_number(digits.as_str()), phone_label(before, &region[whole.end()..]))];
        let mut rest = &region[whole.end()..];
        while let Some(more) = MORE_PHONE.captures(rest) {
            let end = more.get(0).map_or(rest.len(), |m| m.end());
            numbers.push((clean_number(&more[1]), phone_label("", &rest[end..])));
            rest = &rest[end..];
        }
        for (number, label) in numbers {
            if is_phone_number(&number) && !found.phones.contains(&number) {
                if let Some(label) = label {
                    found.phone_labels.insert(number.clone(), label);
                }
                found.phones.push(number);
            }
        }
    }
}

/// The organisation and the desk a desk's name line gives.
fn read_names(org_line: &str, found: &mut Found) {
    let org = DATA_START.find(org_line).map_or(org_line, |m| &org_line[..m.start()]).trim();
    let org = LABEL.replace(org, "").trim().to_string();
    if org.is_empty() {
        return;
    }
    match ENTITY.captures(&org).or_else(|| ENGLISH_ENTITY.captures(&org)) {
        Some(caps) => {
            found.organization = Some(caps[1].trim().to_string());
            found.department = Some(caps[2].trim().to_string());
        }
        None => match desk_after_name(&org) {
            // 「医療法人社団こもれび会　こもれびクリニック　個人情報相談窓口」
            Some((name, desk)) => {
                found.organization = Some(name.to_string());
                found.department = Some(desk.to_string());
            }
            None => found.organization = Some(org.clone()),
        },
    }
}

/// A company named two lines above a desk's first detail: the company's
/// line, when `above`, the line just before the details, names no company
/// itself. That line is the desk (「Privacy Office」) when the details give
/// the address, else the address (a foreign one kiyaku cannot read as one).
fn company_over_address(lines: &[String], first: usize, above: Option<usize>) -> Option<usize> {
    let named = |k: usize| ENTITY.is_match(&lines[k]) || ENGLISH_ENTITY.is_match(&lines[k]);
    let above = above.filter(|line| !named(*line))?;
    let company = |k: usize| named(k) || ENTITY_ALONE.is_match(lines[k].trim());
    above.checked_sub(1).filter(|k| *k + 2 == first && is_org_line(&lines[*k]) && company(*k))
}

/// An address set out as on a letter above a desk's details, in English
/// (「Lumenfield, Inc.」「Attn: Privacy Office」「500 Harbor Street」
/// 「San Francisco, CA 94111」「United States」): the company's line, the
/// desk's, and the address's.
struct LetterAddress {
    company: usize,
    attn: Option<usize>,
    address: Vec<usize>,
}

impl LetterAddress {
    /// The organisation, the desk and the address (its lines joined by
    /// commas), where the details did not give them.
    fn fill(&self, lines: &[String], found: &mut Found) {
        if let Some(attn) = self.attn {
            found.department = Some(desk_name(&lines[attn]));
        }
        if found.address.is_none() && !self.address.is_empty() {
            let parts: Vec<&str> = self.address.iter().map(|k| lines[*k].trim().trim_end_matches(',')).collect();
            found.address = Some(parts.join(", "));
        }
    }
}

/// The lines above `first` (at most six) that set out a letter's address,
/// up to a line naming a company; `None` unless one does and a line of the
/// address holds a number (a street's, a postal code's).
fn letter_address(lines: &[String], first: usize) -> Option<LetterAddress> {
    let mut attn = None;
    let mut address = Vec::new();
    for k in (first.saturating_sub(6)..first).rev() {
        let line = lines[k].trim();
        if ENTITY_ALONE.is_match(line) && is_org_line(line) {
            address.reverse();
            let numbered = address.iter().any(|a: &usize| lines[*a].bytes().any(|b| b.is_ascii_digit()));
            return numbered.then_some(LetterAddress { company: k, attn, address });
        }
        let part = !line.is_empty()
            && line.chars().count() <= 60
            && line.bytes().any(|b| b.is_ascii_alphabetic())
            && !line.ends_with(['.', ':', '。', '：', '?'])
            && !line.chars().any(crate::read::lines::is_cjk);
        if !part {
            return None;
        }
        if desk_name(line) != line {
            attn = Some(k);
        } else {
            address.push(k);
        }
    }
    None
}

/// A region of lines that holds one desk's details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Region {
    /// The lines taken out of the text (the first is replaced by the block).
    pub lines: Vec<usize>,
    pub found: Found,
}

/// Finds desks in a section's lines. `about` is the section's caption and
/// text, to tell a complaint body from the business's own desk.
pub(crate) fn find_regions(lines: &[String], about: &str) -> Vec<Region> {
    let mut regions = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !is_contact_line(&lines[i]) {
            i += 1;
            continue;
        }
        // Contact lines a few lines apart belong to one desk.
        let mut members = vec![i];
        let mut j = i + 1;
        while j < lines.len() && j <= members[members.len() - 1] + 3 && !starts_new_desk(&lines[j]) {
            if is_contact_line(&lines[j]) {
                members.push(j);
            }
            j += 1;
        }
        // A postal code alone on its line has the address on the next.
        let bare_codes: Vec<usize> = members.iter().copied().filter(|m| is_bare_postal_code(&lines[*m])).collect();
        for code in bare_codes {
            if lines.get(code + 1).is_some_and(|next| !next.trim().is_empty() && !is_contact_line(next)) {
                members.push(code + 1);
            }
        }
        members.sort_unstable();
        members.dedup();
        let first = members[0];
        // The organisation is named on the first line, before the details,
        // unless that is only a label (住所, 電話…): then on the line before.
        let inline_org = DATA_START
            .find(&lines[first])
            .is_some_and(|m| !LABEL.replace(lines[first][..m.start()].trim(), "").trim().is_empty());
        let org_index = if inline_org { Some(first) } else { first.checked_sub(1).filter(|p| is_org_line(&lines[*p])) };
        let (org_index, address_line) = match company_over_address(lines, first, org_index.filter(|_| !inline_org)) {
            Some(company) => (Some(company), Some(company + 1)),
            None => (org_index, None),
        };
        // A letter's address over the details: company, Attn:, street, city, country.
        let letter = if inline_org || address_line.is_some() { None } else { letter_address(lines, first) };
        let (org_index, address_line) = match &letter {
            Some(letter) => (Some(letter.company), None),
            None => (org_index, address_line),
        };
        // Else a company named among the details (〒 and address, then the name).
        let org_index = org_index.or_else(|| {
            (first..=members[members.len() - 1])
                .find(|k| !members.contains(k) && is_org_line(&lines[*k]) && ENTITY.is_match(&lines[*k]))
        });
        let letter_lines = letter.as_ref().map(|l| l.attn.into_iter().chain(l.address.iter().copied()).collect());
        let mut region_lines: Vec<usize> = org_index
            .into_iter()
            .chain(address_line)
            .chain(members.iter().copied())
            .chain(letter_lines.unwrap_or_else(Vec::new))
            .collect();
        region_lines.sort_unstable();
        region_lines.dedup();
        let text: Vec<&str> = members.iter().map(|m| lines[*m].as_str()).collect();
        let mut found = read_fields(&text.join("\n"), org_index.map(|o| lines[o].as_str()));
        match address_line {
            Some(line) if found.address.is_none() => found.address = Some(lines[line].trim().to_string()),
            Some(line) if found.department.is_none() => found.department = Some(desk_name(&lines[line])),
            _ => {}
        }
        if let Some(letter) = &letter {
            letter.fill(lines, &mut found);
        }
        // A line the block would not show (a second e-mail: the DPO's) stays text.
        region_lines.retain(|line| !members.contains(line) || represented(&lines[*line], &found));
        // Only what is written just before the details says whose they are.
        let context = lines[first.saturating_sub(3)..=first].join("\n");
        let _ = about;
        found.complaint_body = context.contains("認定個人情報保護団体")
            || found.organization.as_deref().is_some_and(|o| o.contains("協会") || o.contains("推進センター"));
        regions.push(Region { lines: region_lines, found });
        i = members[members.len() - 1] + 1;
    }
    regions
}

/// Whether the block shows what a line of its region says: the line holds
/// one of its values, and no e-mail or web address it lacks.
fn represented(line: &str, found: &Found) -> bool {
    let digits = |text: &str| to_ascii_digits(text).chars().filter(char::is_ascii_digit).collect::<String>();
    let other = |found_value: &Option<String>, m: regex::Match<'_>| found_value.as_deref() != Some(m.as_str());
    if EMAIL.find_iter(line).any(|m| other(&found.email, m)) || URL.find_iter(line).any(|m| other(&found.url, m)) {
        return false;
    }
    let line_digits = digits(line);
    let holds = |value: &Option<String>| value.as_deref().is_some_and(|v| !v.is_empty() && line.contains(v));
    let holds_number = |number: &String| !digits(number).is_empty() && line_digits.contains(&digits(number));
    [&found.email, &found.url, &found.address, &found.hours].into_iter().any(holds)
        || found.phones.iter().chain(&found.fax).chain(&found.postal_code).any(holds_number)
}

/// A name and, after its last space, a desk (窓口, 室, 部, 係…): for
/// organisations whose form the entity patterns do not know (医療法人社団,
/// 学校法人, a shop's name).
fn desk_after_name(line: &str) -> Option<(&str, &str)> {
    let (name, desk) = line.trim().rsplit_once([' ', '　'])?;
    let desk_words = ["窓口", "室", "部", "課", "係", "センター", "管理者", "担当", "デスク", "事務局"];
    // 「個人情報相談窓口（事務長）」: who answers, after the desk's name.
    let bare = match desk.strip_suffix(['）', ')']) {
        Some(inner) => inner.rsplit_once(['（', '(']).map_or(desk, |(before, _)| before),
        None => desk,
    };
    (!name.trim().is_empty() && desk_words.iter().any(|w| bare.ends_with(w))).then(|| (name.trim(), desk))
}

/// A desk's name as its line gives it, without the 「Attn:」 of a letter's address.
fn desk_name(line: &str) -> String {
    let line = line.trim();
    let lower = line.to_ascii_lowercase();
    ["attn:", "attn.", "attention:", "attention of"]
        .iter()
        .find(|prefix| lower.starts_with(*prefix))
        .map_or(line, |prefix| line[prefix.len()..].trim())
        .to_string()
}

/// `〒220-0012` (or `住所 〒220-0012`) with nothing after it.
fn is_bare_postal_code(line: &str) -> bool {
    POSTAL.find(line).is_some_and(|m| line[m.end()..].trim().is_empty())
}

fn is_org_line(line: &str) -> bool {
    let count = line.chars().count();
    // English names run longer: "Example Networks Co., Ltd. Personal Information Protection Manager".
    let longest = if line.chars().any(crate::read::lines::is_cjk) { 60 } else { 90 };
    (2..=longest).contains(&count) && !line.ends_with('。') && crate::structure::classify::item(line).is_none()
}

/// A line naming another organisation starts another desk.
fn starts_new_desk(line: &str) -> bool {
    line.contains("認定個人情報保護団体") || (line.contains("協会") && !is_contact_line(line))
}

#[cfg(test)]
mod tests;
