//! Emphasis in an imported policy. 免責 and 返金不可 clauses are set in bold
//! for a reason, so emphasis is kept: like links (see [`crate::read::links`]), it
//! is carried through the importer's lines as marks ([`crate::read::marks`]), read as
//! plain text wherever a line is classified or a desk's details are read,
//! and written as Markdown `**…**` / `*…*` at the end, where Markdown will
//! read it as emphasis (else the words are kept without it).

use std::sync::LazyLock;

use regex::Regex;

pub(crate) use crate::read::marks::{EM_CLOSE, EM_OPEN, STRONG_CLOSE, STRONG_OPEN};

static HTML_EMPHASIS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<(/?)(strong|b|u|em|i)(?:\s[^>]*)?>").unwrap());
/// `**text**` or `__text__` on one line, not around spaces.
static MARKDOWN_STRONG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\*\*([^*\s](?:[^*\n]*[^*\s])?)\*\*|__([^_\s](?:[^_\n]*[^_\s])?)__").unwrap());
/// `*text*` of two characters or more, not a footnote mark (`*1`).
static MARKDOWN_EM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^*\\])\*([^*\s0-9][^*\n]*[^*\s])\*(?:[^*]|$)").unwrap());

/// A Markdown heading line: the text is written in Markdown.
static MARKDOWN_HEADING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?m)^#{1,6} \S").unwrap());

/// Marks the emphasis of an HTML page: nested and adjacent spans count once.
pub(crate) fn mark_html(html: &str) -> String {
    let (mut strong, mut em) = (0usize, 0usize);
    let marked = HTML_EMPHASIS.replace_all(html, |caps: &regex::Captures<'_>| {
        let closing = !caps[1].is_empty();
        let is_em = matches!(caps[2].to_ascii_lowercase().as_str(), "em" | "i");
        let (depth, open, close) =
            if is_em { (&mut em, EM_OPEN, EM_CLOSE) } else { (&mut strong, STRONG_OPEN, STRONG_CLOSE) };
        match (closing, *depth) {
            (false, 0) => {
                *depth = 1;
                open.to_string()
            }
            (false, _) => {
                *depth += 1;
                String::new()
            }
            (true, 1) => {
                *depth = 0;
                close.to_string()
            }
            (true, _) => {
                *depth = depth.saturating_sub(1);
                String::new()
            }
        }
    });
    // 「<b>a</b><b>b</b>」 is one span.
    marked.replace(&format!("{STRONG_CLOSE}{STRONG_OPEN}"), "").replace(&format!("{EM_CLOSE}{EM_OPEN}"), "")
}

/// Marks the Markdown emphasis of text input. A single `*` is emphasis
/// only in a text written in Markdown (one with `#` headings): in plain
/// text it marks notes (「（*）は必須」, 「注*a」).
pub(crate) fn mark_markdown(text: &str) -> String {
    let strong = MARKDOWN_STRONG.replace_all(text, |caps: &regex::Captures<'_>| {
        let inner = caps.get(1).or(caps.get(2)).map_or("", |m| m.as_str());
        format!("{STRONG_OPEN}{inner}{STRONG_CLOSE}")
    });
    if !MARKDOWN_HEADING.is_match(text) {
        return strong.into_owned();
    }
    MARKDOWN_EM
        .replace_all(&strong, |caps: &regex::Captures<'_>| {
            let whole = &caps[0];
            let (start, end) = (whole.find('*').unwrap_or(0), whole.rfind('*').unwrap_or(whole.len()));
            format!("{}{EM_OPEN}{}{EM_CLOSE}{}", &whole[..start], &caps[1], &whole[end + 1..])
        })
        .into_owned()
}

/// Whether a character is an emphasis mark.
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c, STRONG_OPEN | STRONG_CLOSE | EM_OPEN | EM_CLOSE)
}

/// The text without emphasis marks.
pub(crate) fn plain(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(is_mark) { text.replace(is_mark, "").into() } else { text.into() }
}

/// A line that is emphasis and nothing else (a bold caption): its text.
pub(crate) fn unwrap_whole(line: &str) -> Option<&str> {
    let inner = line.strip_prefix(STRONG_OPEN)?.strip_suffix(STRONG_CLOSE)?;
    (!inner.contains(is_mark)).then_some(inner)
}

/// Escaped Markdown with marks, written with Markdown emphasis where every
/// span opens and closes on the line and Markdown reads it as emphasis
/// (around Japanese brackets it may not: 「は**「当社」**と」); else without.
pub(crate) fn write(escaped: &str) -> String {
    if !escaped.contains(is_mark) {
        return escaped.to_string();
    }
    let written = escaped.replace([STRONG_OPEN, STRONG_CLOSE], "**").replace([EM_OPEN, EM_CLOSE], "*");
    let bare = escaped.replace(is_mark, "");
    if balanced(escaped) && stars_in_text(&written) == stars_in_text(&bare) { written } else { bare }
}

/// Every span opens before it closes, and closes.
fn balanced(text: &str) -> bool {
    let (mut strong, mut em) = (0i32, 0i32);
    for c in text.chars() {
        match c {
            STRONG_OPEN => strong += 1,
            STRONG_CLOSE => strong -= 1,
            EM_OPEN => em += 1,
            EM_CLOSE => em -= 1,
            _ => {}
        }
        if !(0..=1).contains(&strong) || !(0..=1).contains(&em) {
            return false;
        }
    }
    strong == 0 && em == 0
}

/// How many `*` a reader sees in the rendered line.
fn stars_in_text(markdown: &str) -> usize {
    pulldown_cmark::Parser::new(markdown)
        .map(|event| match event {
            pulldown_cmark::Event::Text(text) => text.matches('*').count(),
            _ => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_emphasis_is_written_as_markdown() {
        let html = "当社は、<strong><u>故意又は重過失</u></strong>がある場合を除き、<em>一切</em>責任を負いません。";
        assert_eq!(write(&mark_html(html)), "当社は、**故意又は重過失**がある場合を除き、*一切*責任を負いません。");
        assert_eq!(write(&mark_html("<b>a</b><b>b</b>です")), "**ab**です");
    }

    #[test]
    fn markdown_emphasis_is_kept_and_footnote_marks_are_not_emphasis() {
        let marked = mark_markdown(
            "# 規約\n当社は、**当社に故意又は重過失がある場合を除き**、責任を負いません。*重要*な事項です。",
        );
        assert_eq!(
            write(&marked),
            "# 規約\n当社は、**当社に故意又は重過失がある場合を除き**、責任を負いません。*重要*な事項です。"
        );
        assert_eq!(
            plain(&marked),
            "# 規約\n当社は、当社に故意又は重過失がある場合を除き、責任を負いません。重要な事項です。"
        );
        // In plain text, a single * marks notes.
        assert_eq!(
            mark_markdown("（*）は必須、（*）のない項目は任意です。注*a、注*b"),
            "（*）は必須、（*）のない項目は任意です。注*a、注*b"
        );
        assert_eq!(mark_markdown("料金*1と手数料*2"), "料金*1と手数料*2");
    }

    #[test]
    fn emphasis_that_markdown_would_not_read_is_left_out() {
        // Opening before a bracket after a letter: not emphasis in CommonMark.
        let marked = format!("利用者は{STRONG_OPEN}「禁止事項」{STRONG_CLOSE}を守ります。");
        assert_eq!(write(&marked), "利用者は「禁止事項」を守ります。");
        assert_eq!(write(&format!("{STRONG_OPEN}続く行")), "続く行");
    }
}
