//! What a line of an existing policy is: a chapter or article heading, a
//! title, a list item (and of which kind), or text. Dated lines are
//! [`crate::structure::dates`]'s business; a clause's id, from what it is
//! about, is [`crate::structure::sections`]'s.

use std::sync::LazyLock;

use regex::Regex;

static ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^第\s*([0-9０-９]+|[一二三四五六七八九十百]+)\s*条(?:の\s*([0-9０-９]+|[一二三四五六七八九十]+))?\s*(.*)$",
    )
    .unwrap()
});
/// 「Article 1 (Scope)」, 「Article 3-2. Minors」 in English translations.
static ENGLISH_ARTICLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:article|art\.)\s*([0-9]+)(?:-([0-9]+))?\s*[.:]?\s*(?:\((.+)\)|(.*))$").unwrap());
static CHAPTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^第\s*([0-9０-９]+|[一二三四五六七八九十]+)\s*章(?:[\s　]+.*|[（(【].*)?$").unwrap());
static NUMBERED_HEADING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([0-9]{1,2})[.．]\s*(.+)$").unwrap());
static PAREN_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[（(]\s*([0-9０-９]+)\s*[)）]\s*(.*)$").unwrap());
static DOT_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([0-9０-９]+)\s*[.．)）]\s*(.+)$").unwrap());
/// 「１　事務の名称」: a full-width number and an ideographic space, as
/// official documents number their sections.
static SPACED_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([０-９]{1,2})　+(\S.*)$").unwrap());
/// 「1 サービスの提供のため」: a number, a space and Japanese text (not a
/// count: 「3 か月」, 「2 名」).
static SPACED_ASCII_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9]{1,2}) +([\p{Han}\p{Hiragana}\p{Katakana}「『（][^\n]*)$").unwrap());
static HALF_PAREN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([0-9０-９]+)\s*\)\s*(.+)$").unwrap());
/// (a), （ａ）, (A), or a. and a) followed by a space.
static ALPHA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[(（]\s*[a-zａ-ｚA-ZＡ-Ｚ]\s*[)）]\s*|[a-z][.)]\s+)(\S.*)$").unwrap());
/// (i), (ii), (IV), or ii. followed by a space: roman numerals up to xii.
/// (i), (v) and (x) could be letters; in policies they are more often
/// items under (a) (b) than the ninth letter.
static ROMAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:[(（]\s*(?:i{1,3}|iv|vi{0,3}|ix|xi{0,2})\s*[)）]\s*|(?:i{1,3}|iv|vi{0,3}|ix|xi{0,2})[.)]\s+)(\S.*)$",
    )
    .unwrap()
});
/// (ア), （イ）: katakana in brackets, a level of its own under イ　or ア　.
static KANA_PAREN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[(（][ア-ン][)）]\s*\S").unwrap());
/// A decimal section number before a caption: `1.1 `, `2.1.3. `.
static SECTION_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[0-9]+(?:\.[0-9]+)+\.?\s+").unwrap());
static BRACKET_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\[([0-9]+)\]\s*(.*)$").unwrap());

/// A clause heading found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Heading {
    /// The article number, when written as 第N条 (with a branch for 第N条のM).
    pub number: Option<(u32, Option<u32>)>,
    pub caption: String,
}

/// The kinds of list marker, for nesting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marker {
    Paren,
    Dot,
    Circled,
    Bracket,
    Bullet,
    /// ◦ and ○, written under ・ items.
    SubBullet,
    Iroha,
    /// 号 of a legal text: 一　…, 二　…, 十一　…
    Kanji,
    /// (a), a., （ａ）
    Alpha,
    /// (ア), （イ）
    KanaParen,
    /// (i), (ii), iii.
    Roman,
    /// An item of an HTML ordered list inside another, at this depth (see
    /// [`LEVEL_MARK`]): numbered by Markdown, as a browser numbers it.
    Level(u8),
}

/// [`LEVEL_MARK`] starts the mark [`crate::read::html_lists`] gives the items
/// of an HTML ordered list inside another (`2.1 text`: depth 2, number 1);
/// [`LIST_BREAK`] starts a Markdown bulleted list that follows a numbered one
/// after a blank line (a list of its own, not items under the last number).
/// Neither is ever written to a draft.
pub(crate) use crate::read::marks::{LEVEL_MARK, LIST_BREAK};

/// 「[`LEVEL_MARK`]2.1 text」 → an item at depth 2, number 1.
fn level_item(line: &str) -> Option<Item> {
    let rest = line.strip_prefix(LEVEL_MARK)?;
    let (mark, text) = rest.split_once(' ')?;
    let (depth, number) = mark.split_once('.')?;
    Some(Item {
        marker: Marker::Level(depth.parse().ok()?),
        number: number.parse().ok(),
        text: text.trim().to_string(),
    })
}

/// A list item: its marker kind, number (for ordered kinds) and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    pub marker: Marker,
    pub number: Option<u32>,
    pub text: String,
}

pub(crate) fn to_ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| if ('０'..='９').contains(&c) { char::from(b'0' + (c as u32 - '０' as u32) as u8) } else { c })
        .collect()
}

pub(crate) fn kanji_number(text: &str) -> Option<u32> {
    let digit = |c: char| "〇一二三四五六七八九".chars().position(|d| d == c).map(|d| d as u32);
    let ascii = to_ascii_digits(text);
    if let Ok(n) = ascii.parse() {
        return Some(n);
    }
    let (mut total, mut current) = (0, 0);
    for c in text.chars() {
        match c {
            '十' => {
                total += current.max(1) * 10;
                current = 0;
            }
            '百' => {
                total += current.max(1) * 100;
                current = 0;
            }
            c => current = digit(c)?,
        }
    }
    Some(total + current)
}

/// Strips caption brackets: （個人情報の取得） → 個人情報の取得.
fn caption(text: &str) -> String {
    let text = text.trim();
    let inner = text
        .strip_prefix(['（', '('])
        .and_then(|t| t.strip_suffix(['）', ')']))
        .or_else(|| text.strip_prefix('【').and_then(|t| t.strip_suffix('】')))
        .or_else(|| text.strip_prefix('「').and_then(|t| t.strip_suffix('」')))
        .unwrap_or(text);
    inner.trim().to_string()
}

/// Whether the line is short and unpunctuated enough to be a caption.
fn caption_like(text: &str) -> bool {
    let count = text.chars().count();
    (1..=40).contains(&count) && !text.ends_with('。') && !text.ends_with("ます")
}

/// A clause heading: 第N条（…）, ■…, 【…】, `#` headings, or `N. …` when the
/// text is short.
pub(crate) fn heading(line: &str) -> Option<Heading> {
    let hashes = line.starts_with('#');
    let text = line.trim_start_matches('#').trim();
    if let Some(caps) = ARTICLE.captures(text) {
        let rest = caps.get(3).map_or("", |m| m.as_str());
        if rest.ends_with('。') && rest.chars().count() > 40 {
            return None; // A sentence that starts with an article reference.
        }
        let number = kanji_number(&caps[1]).map(|n| (n, caps.get(2).and_then(|b| kanji_number(b.as_str()))));
        return Some(Heading { number, caption: caption(rest) });
    }
    if let Some(caps) = ENGLISH_ARTICLE.captures(text) {
        let rest = caps.get(3).or(caps.get(4)).map_or("", |m| m.as_str()).trim();
        if caption_like(rest) || rest.is_empty() {
            let number = caps[1].parse().ok().map(|n| (n, caps.get(2).and_then(|b| b.as_str().parse().ok())));
            return Some(Heading { number, caption: rest.to_string() });
        }
    }
    if let Some(rest) = text.strip_prefix(['■', '◆', '□', '◇', '●']) {
        let rest = rest.trim();
        return caption_like(rest).then(|| Heading { number: None, caption: caption(rest) });
    }
    if text.starts_with('【') && text.ends_with('】') && caption_like(text) {
        let inner = caption(text);
        // 【第1条　目的】: an article heading in brackets.
        return heading(&inner).filter(|h| h.number.is_some()).or(Some(Heading { number: None, caption: inner }));
    }
    if hashes && caption_like(text) {
        // 「## １．利用目的」: a numbered heading, written with any digits.
        return Some(match item(text) {
            Some(found) if found.marker == Marker::Dot && caption_like(&found.text) => {
                Heading { number: found.number.map(|n| (n, None)), caption: caption(&found.text) }
            }
            // 「### （1）お客さまの情報」: a heading all the same; its mark is generated again.
            Some(found) if caption_like(unmarked(&found)) => {
                Heading { number: None, caption: caption(unmarked(&found)) }
            }
            Some(_) => return None,
            // 「### 1.1 Information You Give Us」: the number is generated again.
            None => Heading { number: None, caption: caption(SECTION_NUMBER.replace(text, "").trim()) },
        });
    }
    if let Some(caps) = NUMBERED_HEADING.captures(text) {
        let rest = caps[2].trim();
        if hashes && caption_like(rest) {
            return Some(Heading { number: caps[1].parse().ok().map(|n| (n, None)), caption: caption(rest) });
        }
    }
    None
}

/// Whether a caption line is written as an article (第N条, 【第N条】,
/// Article N): the policy is then numbered by articles, not sections. A
/// line that only cites one (「個人情報保護法第27条」) is not.
pub(crate) fn written_as_article(line: &str) -> bool {
    let text = line.trim_start_matches('#').trim().trim_start_matches('【').trim();
    ARTICLE.is_match(text) || ENGLISH_ARTICLE.is_match(text)
}

/// An article whose caption and first sentence share a line
/// (「第1条（目的）　本ポリシーは…」, "Article 1 (Purpose) This Policy…").
static INLINE_CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^((?:#+\s*)?(?:第\s*(?:[0-9０-９]+|[一二三四五六七八九十百]+)\s*条(?:の\s*(?:[0-9０-９]+|[一二三四五六七八九十]+))?|Article\s+[0-9]+(?:-[0-9]+)?)\s*[（(][^（）()]{1,30}[）)])[\s\u{3000}]*(\S.*)$",
    )
    .expect("a valid pattern")
});

/// Lines holding an article's caption and the start of its text become two
/// lines: the caption, then the text (the text is kept whole; only the
/// line is cut).
pub(crate) fn split_inline_captions(lines: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        match INLINE_CAPTION.captures(&line) {
            Some(caps) => {
                out.push(caps[1].trim_end().to_string());
                out.push(caps[2].to_string());
            }
            None => out.push(line),
        }
    }
    out
}

/// A chapter heading (第1章　総則): its number; the whole line is its caption.
pub(crate) fn chapter(line: &str) -> Option<u32> {
    let text = line.trim_start_matches('#').trim();
    let caps = CHAPTER.captures(text)?;
    (text.chars().count() <= 40).then(|| kanji_number(&caps[1])).flatten()
}

/// 「1 サービスの提供のため」: a number, a space and Japanese text, not a
/// count (「3 か月」, 「2 名」).
fn spaced_item(line: &str) -> Option<Item> {
    const COUNTERS: &[char] = &[
        '年', '月', '日', '時', '分', '秒', '円', '件', '名', '人', '個', '回', '週', 'か', 'ヶ', 'ヵ', '歳', '才',
        '社', '条', '項', '号', '倍', '割',
    ];
    // Words that start with a counter's character: 「1 個人情報の利用目的」 is a caption.
    const WORDS: &[&str] = &[
        "個人",
        "個別",
        "日本",
        "日常",
        "人的",
        "人事",
        "社内",
        "社外",
        "社員",
        "社会",
        "条件",
        "条例",
        "項目",
        "年齢",
        "月額",
        "名称",
        "名簿",
        "回答",
        "回収",
        "分析",
        "分野",
        "割引",
        "件名",
        "円滑",
        "時間外",
    ];
    let caps = SPACED_ASCII_NUMBER.captures(line)?;
    let count = caps[2].starts_with(COUNTERS) && !WORDS.iter().any(|word| caps[2].starts_with(word));
    (!count).then(|| Item { marker: Marker::Dot, number: caps[1].parse().ok(), text: caps[2].trim().to_string() })
}

/// A list item, by its marker.
pub(crate) fn item(line: &str) -> Option<Item> {
    let line = line.trim().trim_start_matches(LIST_BREAK);
    let numbered = |marker, caps: regex::Captures<'_>| Item {
        marker,
        number: to_ascii_digits(&caps[1]).parse().ok(),
        text: caps[2].trim().to_string(),
    };
    if let Some(found) = level_item(line) {
        return Some(found);
    }
    if let Some(caps) = PAREN_NUMBER.captures(line) {
        // The mark stays in the text, as written: other clauses cite it (前条(2)).
        return Some(Item { text: line.to_string(), ..numbered(Marker::Paren, caps) });
    }
    if let Some(caps) = BRACKET_NUMBER.captures(line) {
        return Some(numbered(Marker::Bracket, caps));
    }
    if let Some(caps) =
        HALF_PAREN.captures(line).or_else(|| DOT_NUMBER.captures(line)).or_else(|| SPACED_NUMBER.captures(line))
    {
        let text = caps[2].trim();
        // "2022年…", "1,415円" or "1.1 …" (a numbered paragraph) are not list items.
        if !text.starts_with(['年', ',', '，', '.', '円', '%']) && !text.starts_with(|c: char| c.is_ascii_digit()) {
            return Some(numbered(Marker::Dot, caps));
        }
    }
    if let Some(found) = spaced_item(line) {
        return Some(found);
    }
    let first = line.chars().next()?;
    let rest = line[first.len_utf8()..].trim();
    if ('①'..='⑳').contains(&first) {
        return Some(Item {
            marker: Marker::Circled,
            number: Some(first as u32 - '①' as u32 + 1),
            text: line.to_string(),
        });
    }
    // 「*1 税込」 is a note's mark, 「- x」 and 「* x」 bullets (with their space).
    let spaced = line[first.len_utf8()..].starts_with(char::is_whitespace);
    if (matches!(first, '・' | '•' | '‐' | '－' | '●') || (matches!(first, '-' | '*') && spaced)) && !rest.is_empty()
    {
        return Some(Item { marker: Marker::Bullet, number: None, text: rest.to_string() });
    }
    if matches!(first, '◦' | '○') && !rest.is_empty() {
        return Some(Item { marker: Marker::SubBullet, number: None, text: rest.to_string() });
    }
    let second = line.chars().nth(1);
    if "イロハニホヘトチリヌアウエオカキクケコサシスセソ".contains(first)
        && matches!(second, Some(' ' | '　' | '.' | '．'))
        && !rest.is_empty()
    {
        return Some(Item { marker: Marker::Iroha, number: None, text: line.to_string() });
    }
    if KANA_PAREN.is_match(line) {
        return Some(Item { marker: Marker::KanaParen, number: None, text: line.to_string() });
    }
    if ROMAN.is_match(line) {
        return Some(Item { marker: Marker::Roman, number: None, text: line.to_string() });
    }
    if ALPHA.is_match(line) {
        // The letter stays in the text, as Markdown has no lettered lists.
        return Some(Item { marker: Marker::Alpha, number: None, text: line.to_string() });
    }
    kanji_item(line)
}

/// An item's text without the mark it keeps in its text: 「(1) 利用目的」 →
/// 利用目的, 「① 住所」 → 住所 (for a run of items that are captions).
pub(crate) fn unmarked(found: &Item) -> &str {
    match found.marker {
        Marker::Paren => PAREN_NUMBER.captures(&found.text).and_then(|caps| caps.get(2)).map_or("", |m| m.as_str()),
        Marker::Circled => found.text.get('①'.len_utf8()..).unwrap_or_default().trim(),
        Marker::Kanji => kanji_split(&found.text).map_or(found.text.as_str(), |(_, _, rest)| rest),
        _ => &found.text,
    }
}

/// 「一　人の生命…」: the marker stays in the text, as Markdown has no such
/// list numbers.
fn kanji_item(line: &str) -> Option<Item> {
    let (numeral, _, _) = kanji_split(line)?;
    Some(Item { marker: Marker::Kanji, number: kanji_number(numeral), text: line.to_string() })
}

/// 「十二、本文」 → (十二, 、, 本文): a kanji number of up to three
/// characters, what follows it (a space, 、 or a dot) and the rest.
pub(crate) fn kanji_split(line: &str) -> Option<(&str, char, &str)> {
    let numeral_len: usize = line.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).map(char::len_utf8).sum();
    let (numeral, rest) = line.split_at(numeral_len);
    let delimiter = rest.chars().next().filter(|c| matches!(c, ' ' | '　' | '、' | '．' | '.'))?;
    let after = rest[delimiter.len_utf8()..].trim();
    (!numeral.is_empty() && numeral.chars().count() <= 3 && !after.is_empty()).then_some((numeral, delimiter, after))
}

/// A page's `#` heading (<h1>) as its title, whatever it says: for pages
/// whose title names no kind of document (「コミュニティの約束」).
pub(crate) fn page_title(line: &str) -> Option<String> {
    let text = line.trim_start().strip_prefix("# ")?.trim();
    let inner = caption(text.trim_matches(['『', '』', ' ', '【', '】']));
    (caption_like(&inner) && heading(line).is_none_or(|h| h.number.is_none())).then_some(inner)
}

/// A line that is the policy's title: it names a kind of document.
pub(crate) fn title(line: &str) -> Option<String> {
    let text = line.trim_start_matches('#').trim();
    let inner = caption(text.trim_matches(['『', '』', ' ', '■', '□', '◆', '◇', '●', '【', '】']));
    let words = [
        "ポリシー",
        "規約",
        "約款",
        "規定",
        "規程",
        "取扱い",
        "取り扱い",
        "について",
        "方針",
        "公表事項",
        "外部送信",
        "Policy",
        "Terms",
        "Notice",
        "Statement",
        "Agreement",
        "宣言",
        "ガイドライン",
        "指針",
        "細則",
        "会則",
        "特約",
        "Guideline",
        "Declaration",
        "Conditions",
        "Rules",
    ];
    (caption_like(&inner)
        && words.iter().any(|w| holds_word(&inner, w))
        && heading(line).is_none_or(|h| h.number.is_none()))
    .then_some(inner)
}

/// Whether `text` holds `word`; English words in any case (a title set in
/// capitals, 「PRIVACY NOTICE」, is a title all the same).
pub(crate) fn holds_word(text: &str, word: &str) -> bool {
    if word.is_ascii() { text.to_ascii_lowercase().contains(&word.to_ascii_lowercase()) } else { text.contains(word) }
}

#[cfg(test)]
mod tests;
