//! Markdown read with pulldown-cmark (CommonMark, with tables and
//! footnotes) into the importer's document model, lines of text with marks
//! ([`crate::read::marks`]), as [`crate::read::html`] reads a page:
//! headings become `#` lines, list items start with their number or a
//! bullet, tables become rows of cells, links and emphasis are marks,
//! footnotes are `[1]` marks and lines. Setext headings, reference links,
//! escapes and entities are read as CommonMark reads them.
//!
//! Plain text is not Markdown: a policy copied from a web page holds `*`
//! notes, `&` and indented lines that CommonMark would read as markup. Only
//! a text that uses Markdown's own syntax ([`is_markdown`]) is read here.

use std::sync::LazyLock;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use regex::Regex;

use crate::read::emphasis::{EM_CLOSE, EM_OPEN, STRONG_CLOSE, STRONG_OPEN};
use crate::read::links::OPEN as LINK_OPEN;
use crate::read::marks::{CELL, LEVEL_MARK};

/// Markdown's own syntax: an ATX heading, a table's delimiter row, a
/// footnote, strong emphasis, an inline link, a setext underline.
static MARKDOWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?m)^ {0,3}#{1,6} \S|^\|?\s*:?-{3,}:?\s*\|[-:|\s]*$|\[\^[^\]\s]+\]|\*\*\S[^*\n]*\*\*|\]\((?:https?://|mailto:|/|#)|^\S[^\n]*\n={3,}\s*$",
    )
    .unwrap()
});

/// Whether a text is written in Markdown rather than plain text.
pub(crate) fn is_markdown(text: &str) -> bool {
    MARKDOWN.is_match(text)
}

/// A line of prose this long, ending in a word, was wrapped before
/// whatever word starts the next.
const WRAPPED: usize = 60;

/// One open list: its next number (`None` for bullets).
struct List {
    next: Option<u64>,
}

/// Reads Markdown into lines with marks.
pub(crate) fn read(text: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
    let mut reader = Reader {
        out: String::with_capacity(text.len()),
        lists: Vec::new(),
        links: Vec::new(),
        footnote: false,
        soft_break: false,
    };
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(tag) => reader.start(tag, &text[range]),
            Event::End(tag) => reader.end(tag),
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => reader.text(&t),
            Event::SoftBreak => reader.soft_break = true,
            Event::HardBreak => {
                reader.soft_break = false;
                reader.out.push('\n');
            }
            Event::FootnoteReference(label) => reader.out.push_str(&format!("[{label}]")),
            Event::Rule => reader.paragraph_break(),
            _ => {}
        }
    }
    reader.out
}

struct Reader {
    out: String,
    lists: Vec<List>,
    /// Open links: where the text starts and the address, if it is kept.
    links: Vec<Option<(usize, String)>>,
    /// A footnote's mark was just written: its first paragraph goes on its line.
    footnote: bool,
    /// A line of a paragraph ended without a hard break.
    soft_break: bool,
}

impl Reader {
    /// Text; after a soft break, a line of English prose wrapped in the
    /// middle of a sentence goes on with a space (a line of Japanese, a
    /// caption, a short line such as an address's, stays a line: the line
    /// reader joins Japanese that was wrapped).
    fn text(&mut self, text: &str) {
        if let Some(next) = text.chars().next() {
            self.resolve_soft_break(next);
        }
        self.out.push_str(text);
    }

    /// A pending soft break, before `next` (a link or emphasis counts as a letter).
    fn resolve_soft_break(&mut self, next: char) {
        if !std::mem::take(&mut self.soft_break) {
            return;
        }
        let line = self.out.rsplit('\n').next().unwrap_or_default();
        // Not a caption over its text (「Article 4 (Governing Law)」 ends in a bracket).
        let mid_sentence = line.ends_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == ',')
            && (next.is_ascii_lowercase() || (line.chars().count() >= WRAPPED && next.is_ascii_alphanumeric()));
        // A sentence of a line of prose ended, and the paragraph goes on with
        // the next (not a short line such as a desk's 「Co., Ltd.」).
        let next_sentence = line.chars().count() >= WRAPPED
            && line.ends_with(['.', '!', '?'])
            && !line.ends_with("..")
            && next.is_ascii_alphanumeric();
        let wrapped = mid_sentence || next_sentence;
        self.out.push(if wrapped { ' ' } else { '\n' });
    }

    /// A blank line: the end of a paragraph, where captions stand alone.
    fn paragraph_break(&mut self) {
        let kept = self.out.trim_end_matches([' ', '\n']).len();
        self.out.truncate(kept);
        if !self.out.is_empty() {
            self.out.push_str("\n\n");
        }
    }

    fn line_break(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    fn start(&mut self, tag: Tag<'_>, source: &str) {
        if matches!(tag, Tag::Link { .. } | Tag::Strong | Tag::Emphasis) {
            self.resolve_soft_break('a');
        }
        if std::mem::take(&mut self.footnote) && matches!(tag, Tag::Paragraph) {
            return;
        }
        match tag {
            // A sentence underlined (between two rules) is a notice, not a heading.
            Tag::Heading { level, .. } if source.trim_start().starts_with('#') || !ends_sentence(source) => {
                self.paragraph_break();
                self.out.push_str(&"#".repeat(heading_level(level)));
                self.out.push(' ');
            }
            Tag::Paragraph | Tag::Heading { .. } if self.lists.is_empty() => self.paragraph_break(),
            Tag::Paragraph | Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock => self.line_break(),
            Tag::BlockQuote(_) | Tag::Table(_) => self.paragraph_break(),
            Tag::List(start) => {
                if self.lists.is_empty() {
                    self.paragraph_break();
                }
                self.lists.push(List { next: start });
            }
            Tag::Item => self.item(),
            Tag::TableHead | Tag::TableRow => self.line_break(),
            Tag::TableCell => self.out.push(CELL),
            Tag::FootnoteDefinition(label) => {
                self.paragraph_break();
                self.out.push_str(&format!("[{label}] "));
                self.footnote = true;
            }
            Tag::Strong => self.out.push(STRONG_OPEN),
            Tag::Emphasis => self.out.push(EM_OPEN),
            Tag::Link { dest_url, .. } => {
                let kept = crate::read::links::publishable(&dest_url).then(|| (self.out.len(), dest_url.to_string()));
                if kept.is_some() {
                    self.out.push(LINK_OPEN);
                }
                self.links.push(kept);
            }
            _ => {}
        }
    }

    /// An item's mark: `1.` or the bullet the line reader takes (`- `, so
    /// that a doubled bullet `- ・…` is one), the depth's own mark inside
    /// another list.
    fn item(&mut self) {
        self.line_break();
        let depth = self.lists.len();
        let Some(list) = self.lists.last_mut() else { return };
        match (&mut list.next, depth) {
            (Some(number), 1) => {
                self.out.push_str(&format!("{number}. "));
                *number += 1;
            }
            (Some(number), _) => {
                self.out.push_str(&format!("{LEVEL_MARK}{}.{number} ", depth.min(6)));
                *number += 1;
            }
            (None, 1) => self.out.push_str("- "),
            (None, _) => self.out.push_str("◦ "),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock => self.line_break(),
            TagEnd::List(_) => {
                self.lists.pop();
                if self.lists.is_empty() {
                    self.paragraph_break();
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => self.out.push('\n'),
            TagEnd::Table | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition => self.paragraph_break(),
            TagEnd::Strong => close(&mut self.out, STRONG_OPEN, STRONG_CLOSE),
            TagEnd::Emphasis => close(&mut self.out, EM_OPEN, EM_CLOSE),
            TagEnd::Link => self.close_link(),
            _ => {}
        }
    }

    fn close_link(&mut self) {
        if let Some(Some(opened)) = self.links.pop() {
            crate::read::links::close(&mut self.out, opened);
        }
    }
}

/// Emphasis closed; an empty span is none.
fn close(out: &mut String, open: char, close: char) {
    if out.ends_with(open) {
        out.pop();
    } else {
        out.push(close);
    }
}

fn heading_level(level: HeadingLevel) -> usize {
    level as usize
}

/// Whether a setext heading's text (its source, underline and all) is a sentence.
fn ends_sentence(source: &str) -> bool {
    source.lines().next().is_some_and(|text| text.trim_end().ends_with(['。', '．']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        crate::read::lines::clean_text_lines(&read(text), |_| false)
    }

    #[test]
    fn markdown_is_told_from_plain_text() {
        assert!(is_markdown("# 規約\n本文"));
        assert!(is_markdown("利用目的\n========\n本文"));
        assert!(is_markdown("詳しくは[こちら](https://a.example/)"));
        assert!(!is_markdown("当社は*1の場合を除き、A&Bの情報を利用します。\n    字下げした行\n- 項目"));
    }

    #[test]
    fn headings_lists_and_tables_become_lines() {
        let text = "利用目的\n========\n\n当社は、次の\n目的で利用します。\n\n1. 提供\n1. 請求\n   - 電話\n\n| 情報 | 目的 |\n|---|---|\n| ID | 広告 \\| 分析 |\n";
        let read = lines(text);
        assert_eq!(read[..6], ["# 利用目的", "当社は、次の", "目的で利用します。", "1. 提供", "2. 請求", "◦ 電話"]);
        assert_eq!(crate::read::table::cells(&read[6]).unwrap(), ["情報", "目的"]);
        assert_eq!(crate::read::table::cells(&read[7]).unwrap(), ["ID", "広告 | 分析"]);
    }

    #[test]
    fn references_escapes_and_footnotes_are_read() {
        let text =
            "# 規約\n\n[委員会][ppc]の\\*指針\\*&amp;FAQ[^1]。\n\n[ppc]: https://www.ppc.go.jp/\n\n[^1]: 注記です。\n";
        let read = lines(text);
        use crate::read::links::{END as LINK_END, TO as LINK_TO};
        let link = format!("{LINK_OPEN}委員会{LINK_TO}https://www.ppc.go.jp/{LINK_END}");
        assert_eq!(read[1], format!("{link}の*指針*&FAQ[1]。"));
        assert_eq!(read[2], "[1] 注記です。");
    }

    #[test]
    fn an_english_paragraph_stays_one_and_a_caption_over_its_text_stays_apart() {
        let text = "# Terms\n\nThe Service is provided \"as is\". We do not promise that it will never\nbe lost.\nPlease keep your own backups.\n\nArticle 4 (Governing Law)\nThese Terms are governed by the laws of Japan.\n";
        let read = lines(text);
        assert_eq!(
            read[1],
            "The Service is provided \"as is\". We do not promise that it will never be lost. Please keep your own backups."
        );
        assert_eq!(read[2..], ["Article 4 (Governing Law)", "These Terms are governed by the laws of Japan."]);
    }
}
