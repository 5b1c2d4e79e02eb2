//! Emphasis in an imported policy. 免責 and 返金不可 clauses are set in bold
//! for a reason, so emphasis is kept: like links (see [`crate::read::links`]), it
//! is carried through the importer's lines as marks ([`crate::read::marks`]), read as
//! plain text wherever a line is classified or a desk's details are read,
//! and written as Markdown `**…**` / `*…*` at the end, where Markdown will
//! read it as emphasis (else the words are kept without it).

pub(crate) use crate::read::marks::{EM_CLOSE, EM_OPEN, STRONG_CLOSE, STRONG_OPEN};

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
        assert_eq!(
            write(crate::read::html::read(html).unwrap().text.trim()),
            "当社は、**故意又は重過失**がある場合を除き、*一切*責任を負いません。"
        );
        assert_eq!(write(crate::read::html::read("<b>a</b><b>b</b>です").unwrap().text.trim()), "**ab**です");
    }

    #[test]
    fn markdown_emphasis_is_kept_and_footnote_marks_are_not_emphasis() {
        let marked = crate::read::markdown::read(
            "# 規約\n当社は、**当社に故意又は重過失がある場合を除き**、責任を負いません。*重要*な事項です。",
        );
        assert_eq!(
            write(marked.trim()),
            "# 規約\n\n当社は、**当社に故意又は重過失がある場合を除き**、責任を負いません。*重要*な事項です。"
        );
        assert_eq!(
            plain(marked.trim()),
            "# 規約\n\n当社は、当社に故意又は重過失がある場合を除き、責任を負いません。重要な事項です。"
        );
        // Plain text is not read as Markdown: a single * marks notes.
        for note in ["（*）は必須、（*）のない項目は任意です。注*a、注*b", "料金*1と手数料*2"]
        {
            assert!(!crate::read::markdown::is_markdown(note), "{note}");
        }
    }

    #[test]
    fn emphasis_that_markdown_would_not_read_is_left_out() {
        // Opening before a bracket after a letter: not emphasis in CommonMark.
        let marked = format!("利用者は{STRONG_OPEN}「禁止事項」{STRONG_CLOSE}を守ります。");
        assert_eq!(write(&marked), "利用者は「禁止事項」を守ります。");
        assert_eq!(write(&format!("{STRONG_OPEN}続く行")), "続く行");
    }
}
