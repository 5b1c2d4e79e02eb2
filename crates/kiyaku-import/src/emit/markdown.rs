//! How a draft's text is written as Markdown: what would read as markup
//! escaped, heading attributes, nested lists, tables and block references.

use crate::Section;

/// A piece of a clause's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    /// A line of text: a paragraph, or a table row that joins the rows next to it in a Markdown table.
    Text(String),
    /// A list item.
    Item {
        /// Its nesting level: 0 for a top-level item.
        depth: usize,
        /// Numbered by Markdown (`1.`, `[1]`, HTML lists); else a `-` item, marks such as ① or (1) kept in its text.
        ordered: bool,
        /// Its number in the text; an ordered item is written with it (`1.` when `None`).
        number: Option<u32>,
        /// Its text, without a `1.`, `[1]` or bullet marker (marks such as ①, (1) or イ stay).
        text: String,
    },
    /// A reference to a block: a fenced block of its kind holding its id.
    Block {
        /// The block's kind: `business`, `contact` or `complaint-body`.
        kind: &'static str,
        /// The block's id: its file name in `blocks/`.
        id: String,
    },
}

/// Escapes what Markdown would read as markup; the text stays as written,
/// and its links (see [`crate::read::links`]) become Markdown links.
pub(crate) fn escape(text: &str, line_start: bool) -> String {
    crate::read::emphasis::write(&crate::read::links::write_markdown(text, escape_text, line_start))
}

fn escape_text(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len());
    // The importer's own marks never reach a draft.
    let text = &text.replace([crate::structure::classify::LIST_BREAK, crate::structure::classify::LEVEL_MARK], "");
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    if line_start {
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        if (digits > 0 && out[digits..].starts_with(['.', ')'])) || out.starts_with(['-', '+', '=']) {
            let at = if digits > 0 { digits } else { 0 };
            out.insert(at, '\\');
        }
    }
    out
}

/// An article number and its branch (0 for none): 第3条の2 is (3, 2).
type Number = (u32, u32);

/// Where the article numbering stands: the last article as `check` counts
/// it, and how far the text's numbers are off since a slip (第3条 twice):
/// the articles after a slip keep their places relative to each other.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    last: Number,
    shift: i64,
}

impl Numbering {
    /// The number of the last article written.
    pub(crate) fn last(&self) -> Number {
        self.last
    }
}

/// `{#id}`, with `.unnumbered`, `.deleted` (第7条　削除) or an explicit number
/// where the source's numbering does not simply count on. A number `check`
/// would refuse (第3条 twice, 第21条の2 after 第11条) is counted on instead,
/// with a warning, and the numbers after it move with it.
pub(crate) fn heading_attributes(section: &Section, numbering: &mut Numbering) -> (String, Option<String>) {
    let mut attrs = format!("#{}", section.id);
    if section.unnumbered {
        attrs.push_str(" .unnumbered");
        return (attrs, None);
    }
    if section.is_repealed() {
        attrs.push_str(" .deleted");
    }
    let last = numbering.last;
    let counted = (last.0 + 1, 0);
    let mut warning = None;
    let next = match section.heading.as_ref().and_then(|h| h.number) {
        Some((number, branch)) => {
            let shifted = u32::try_from(i64::from(number) + numbering.shift).unwrap_or(number);
            let written = (shifted, branch.unwrap_or(0));
            if written > last && (written.1 == 0 || written.0 == last.0) {
                if written != counted {
                    attrs.push_str(&format!(" number={}", shown_number(written)));
                }
                written
            } else {
                warning = Some(format!(
                    "clause {} is article {} in the text, after article {}: numbered {} in the draft, and the articles after it move with it (numbers go up, and a branch follows its article)",
                    section.id,
                    shown_number((number, branch.unwrap_or(0))),
                    shown_number(last),
                    shown_number(counted),
                ));
                numbering.shift = i64::from(counted.0) - i64::from(number);
                counted
            }
        }
        None => counted,
    };
    numbering.last = next;
    (attrs, warning)
}

/// `3`, or `3-2` for a branch (第3条の2).
fn shown_number((number, branch): Number) -> String {
    if branch == 0 { number.to_string() } else { format!("{number}-{branch}") }
}

/// A clause's pieces as Markdown: paragraphs, nested lists, tables and
/// block references.
pub(crate) fn write_pieces(out: &mut String, pieces: Vec<Piece>) {
    let mut previous_was_item = false;
    let mut rows: Vec<Vec<String>> = Vec::new();
    for piece in pieces {
        if let Piece::Text(line) = &piece
            && let Some(cells) = crate::read::table::cells(line)
        {
            rows.push(cells.into_iter().map(String::from).collect());
            continue;
        }
        if !rows.is_empty() {
            flush_rows(out, &mut rows);
            previous_was_item = false; // A list after a table starts anew.
        }
        let is_item = matches!(piece, Piece::Item { .. });
        match piece {
            Piece::Text(line) => out.push_str(&format!("\n{}\n", escape(&line, true))),
            Piece::Item { depth, ordered, number, text } => {
                if !previous_was_item {
                    out.push('\n');
                }
                let marker = if ordered { format!("{}.", number.unwrap_or(1)) } else { "-".into() };
                out.push_str(&format!("{}{marker} {}\n", "    ".repeat(depth), escape(&text, false)));
            }
            Piece::Block { kind, id } => out.push_str(&format!("\n```{kind}\n{id}\n```\n")),
        }
        previous_was_item = is_item;
    }
    flush_rows(out, &mut rows);
}

/// Writes the table rows gathered so far, if any, as a Markdown table.
pub(crate) fn flush_rows(out: &mut String, rows: &mut Vec<Vec<String>>) {
    if !rows.is_empty() {
        out.push('\n');
        out.push_str(&crate::read::table::markdown(rows, |c| escape(c, false)));
        rows.clear();
    }
}
