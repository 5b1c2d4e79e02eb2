//! How a draft's text is written as Markdown: what would read as markup
//! escaped, heading attributes, nested lists, tables and block references.

use super::Section;

/// A piece of a clause's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Item { depth: usize, ordered: bool, number: Option<u32>, text: String },
    Block { kind: &'static str, id: String },
}

/// Escapes what Markdown would read as markup; the text stays as written,
/// and its links (see [`super::links`]) become Markdown links.
pub(super) fn escape(text: &str, line_start: bool) -> String {
    super::links::write_markdown(text, escape_text, line_start)
}

fn escape_text(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len());
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

/// `{#id}`, with `.unnumbered` or an explicit number where the source's
/// numbering does not simply count on from `counter`.
pub(super) fn heading_attributes(section: &Section, counter: &mut u32) -> String {
    let mut attrs = format!("#{}", section.id);
    if section.unnumbered {
        attrs.push_str(" .unnumbered");
    } else if let Some((number, branch)) = section.heading.as_ref().and_then(|h| h.number) {
        if (number, branch) != (*counter + 1, None) {
            attrs.push_str(&match branch {
                Some(branch) => format!(" number={number}-{branch}"),
                None => format!(" number={number}"),
            });
        }
        *counter = number;
    } else {
        *counter += 1;
    }
    attrs
}

/// A clause's pieces as Markdown: paragraphs, nested lists, tables and
/// block references.
pub(super) fn write_pieces(out: &mut String, pieces: Vec<Piece>) {
    let mut previous_was_item = false;
    let mut rows: Vec<Vec<String>> = Vec::new();
    for piece in pieces {
        if let Piece::Text(line) = &piece
            && let Some(cells) = super::table::cells(line)
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
pub(super) fn flush_rows(out: &mut String, rows: &mut Vec<Vec<String>>) {
    if !rows.is_empty() {
        out.push('\n');
        out.push_str(&super::table::markdown(rows, |c| escape(c, false)));
        rows.clear();
    }
}
