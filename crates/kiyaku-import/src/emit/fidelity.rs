//! How much of the input a draft keeps: every sentence of the input is
//! looked for in the text of the draft (Markdown without markup, and the
//! blocks' fields), ignoring what the draft writes again by itself (article
//! numbers, list markers, spaces). A sentence must be found whole in one
//! block of the draft (a paragraph, a heading, an item, a cell, the blocks'
//! fields): one found only across two has been split.

use crate::structure::classify::item;

/// The text of Markdown, without markup and escapes; a link's address
/// follows its text, and a link with no text reads as its label in
/// `labels` (by address: what kiyaku shows for `[](#id)`).
pub(crate) fn markdown_text(markdown: &str, labels: &std::collections::BTreeMap<String, String>) -> String {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let mut text = String::new();
    let mut addresses = Vec::new();
    let options = pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES | pulldown_cmark::Options::ENABLE_TABLES;
    for event in pulldown_cmark::Parser::new_ext(markdown, options) {
        match event {
            // A block starts (an item's nested list), or one ends: the units a reader sees apart.
            Event::Start(
                Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::List(_) | Tag::TableCell | Tag::CodeBlock(_),
            )
            | Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock,
            ) => text.push(UNIT_END),
            Event::Text(t) | Event::Code(t) => {
                text.push_str(&t);
                text.push('\n');
            }
            Event::Start(Tag::Link { dest_url, .. }) => addresses.push((dest_url, text.len())),
            Event::End(TagEnd::Link) => {
                let Some((address, start)) = addresses.pop() else { continue };
                if start == text.len()
                    && let Some(label) = labels.get(&*address)
                {
                    text.push_str(label);
                    text.push('\n');
                    continue;
                }
                // As spelled out in the input: the address after the text, unless the text is it.
                let shown = text.get(start..).unwrap_or_default().trim();
                let bare = address.trim_start_matches("mailto:").trim_start_matches("tel:");
                // A link within the page (to a clause) shows no address.
                if shown != &*address && shown != bare && !address.starts_with('#') {
                    text.push_str(&address.replace("%20", " "));
                    text.push('\n');
                }
            }
            _ => {}
        }
    }
    text
}

/// Ends a block of the draft's text (see [`markdown_text`]).
pub(crate) const UNIT_END: char = '\u{1e}';

/// Characters that carry no content: spaces, list markers, heading marks.
fn squeeze(text: &str) -> String {
    // Full-width ASCII and dashes count as their plain forms (the draft
    // writes numbers plainly: 〒５３０－０００１ is postal_code = "530-0001").
    let text: String = text
        .chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '‐' | '−' | '–' => '-',
            c => c,
        })
        .collect();
    text.chars()
        .filter(|c| {
            (!c.is_whitespace() || *c == UNIT_END)
                && !"・•■◆□◇●【】#\\-*「」『』|".contains(*c)
                && *c != crate::read::marks::CELL
        })
        .collect()
}

/// What the check found: sentences and characters kept (and how many
/// there were), sentences missing, sentences split across blocks.
#[derive(Debug, Default)]
pub(crate) struct Fidelity {
    pub sentences: (usize, usize),
    pub chars: (usize, usize),
    pub missing: Vec<String>,
    pub split: Vec<String>,
}

/// The pieces of an input line that the draft keeps apart by design: the
/// cells of a table row, the items of a line of several ・ items.
fn pieces(line: &str) -> Vec<String> {
    if line.starts_with(crate::read::marks::CELL) {
        return line.split(crate::read::marks::CELL).map(str::to_string).collect();
    }
    // Also once its first mark is taken off as an item's.
    line.split(" ・").flat_map(|p| p.split("\u{3000}・")).map(str::to_string).collect()
}

/// Sentences (and characters) of the input found in the output, whole in
/// one of its blocks (see [`UNIT_END`]).
pub(crate) fn fidelity(input: &[String], output: &str) -> Fidelity {
    let squeezed = squeeze(&crate::structure::classify::to_ascii_digits(output));
    let units: Vec<&str> = squeezed.split(UNIT_END).filter(|u| !u.is_empty()).collect();
    let haystack: String = units.concat();
    let mut units = Near::new(&units);
    let mut found = Fidelity::default();
    for line in input {
        let line = &crate::read::links::spelled_out(&crate::read::emphasis::plain(line)).into_owned();
        // Article numbers and list markers are generated again; the words count.
        let line = match (crate::structure::classify::heading(line), item(line)) {
            // A kiyaku id written at its end (`{#purposes}`) is markup.
            (Some(heading), _) => crate::structure::sections::written_id(&heading.caption)
                .map_or(heading.caption.clone(), |(caption, _, _)| caption.to_string()),
            (None, Some(found)) => crate::caption_text(&found),
            (None, None) => line.clone(),
        };
        for piece in pieces(&line) {
            for sentence in piece.split_inclusive('。') {
                let needle = squeeze(&crate::structure::classify::to_ascii_digits(sentence));
                if needle.is_empty() {
                    continue;
                }
                let count = needle.chars().count();
                found.sentences.1 += 1;
                found.chars.1 += count;
                let whole = units.find(&needle);
                if whole || haystack.contains(&needle) || parts_kept(sentence, &haystack) {
                    found.sentences.0 += 1;
                    found.chars.0 += count;
                }
                if !whole && haystack.contains(&needle) {
                    found.split.push(sentence.trim().to_string());
                } else if !whole && !parts_kept(sentence, &haystack) {
                    found.missing.push(sentence.trim().to_string());
                }
            }
        }
    }
    found
}

/// A line is kept when each of its parts is in the draft: contact details
/// are split into the fields of a block, without their labels.
fn parts_kept(sentence: &str, haystack: &str) -> bool {
    const LABELS: &[&str] = &[
        "Attention",
        "Attn",
        "Telephone",
        "Phone",
        "phone",
        "Address",
        "E-Mail",
        "TEL",
        "Tel",
        "tel",
        "FAX",
        "Fax",
        "E-mail",
        "e-mail",
        "Email",
        "URL",
        "受付時間",
        "フリーコール",
        "フリーダイヤル",
        "代表",
        "〒",
        "窓口",
        "住所",
        "所在地",
        "電話番号",
        "電話",
        "メール",
        "連絡先",
    ];
    let parts: Vec<String> = sentence
        .split(|c: char| c.is_whitespace() || "()（）/／:：,，、".contains(c))
        .map(|p| squeeze(&crate::structure::classify::to_ascii_digits(p)))
        // A label in front of a value (電話03-…), not a word that holds one (携帯電話から).
        .map(|p| match LABELS.iter().find(|label| p.starts_with(*label)) {
            Some(label) => p[label.len()..].to_string(),
            None => p,
        })
        .filter(|p| p.chars().count() >= 2)
        .collect();
    !parts.is_empty() && parts.iter().all(|p| haystack.contains(p.as_str()))
}

/// The text of each block of Markdown (a paragraph, a heading, an item, a
/// table cell), squeezed: the units a reader sees apart.
pub(crate) fn markdown_blocks(markdown: &str) -> Vec<String> {
    use pulldown_cmark::{Event, TagEnd};
    let mut blocks = Vec::new();
    let mut current = String::new();
    for event in pulldown_cmark::Parser::new_ext(markdown, pulldown_cmark::Options::all()) {
        use pulldown_cmark::Tag;
        match event {
            Event::Text(t) | Event::Code(t) => current.push_str(&t),
            // A block starts (an item's nested list), or one ends: what came before is a unit.
            Event::Start(
                Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::List(_) | Tag::TableCell | Tag::CodeBlock(_),
            )
            | Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock,
            ) => {
                let text = squeeze(&crate::structure::classify::to_ascii_digits(&current));
                if !text.is_empty() {
                    blocks.push(text);
                }
                current.clear();
            }
            _ => {}
        }
    }
    blocks
}

/// The blocks of a draft, searched near where the last search found its
/// text first: the draft keeps the input's order, so each sentence is
/// almost always a block of its own or in the block of the one before or
/// a few after, and a check of every sentence against every block
/// (quadratic: minutes for a page of 100,000 paragraphs) is needed only
/// for those that are neither.
struct Near<'b, T: AsRef<str>> {
    blocks: &'b [T],
    whole: std::collections::HashSet<&'b str>,
    cursor: usize,
}

impl<'b, T: AsRef<str>> Near<'b, T> {
    /// How many blocks after the last one found are searched first.
    const AHEAD: usize = 64;

    fn new(blocks: &'b [T]) -> Self {
        Near { blocks, whole: blocks.iter().map(AsRef::as_ref).collect(), cursor: 0 }
    }

    /// Whether a block holds `needle`: one that is it, one near the last
    /// found, else any.
    fn find(&mut self, needle: &str) -> bool {
        if self.whole.contains(needle) || self.seek(needle) {
            return true;
        }
        let near = self.window();
        let at = (0..self.blocks.len()).find(|i| !near.contains(i) && self.blocks[*i].as_ref().contains(needle));
        if let Some(at) = at {
            self.cursor = at;
        }
        at.is_some()
    }

    /// Whether a block near the last one found holds `needle`, moving there
    /// (forward first: the next of equal lines is the next block).
    fn seek(&mut self, needle: &str) -> bool {
        let near = self.window();
        let (ahead, behind) = (self.cursor.min(near.end)..near.end, near.start..self.cursor.min(near.end));
        let at = ahead.chain(behind).find(|&i| self.blocks[i].as_ref().contains(needle));
        if let Some(at) = at {
            self.cursor = at;
        }
        at.is_some()
    }

    /// Whether a block near the last one found holds `needle` (no search of the rest).
    fn near(&self, needle: &str) -> bool {
        self.window().any(|i| self.blocks[i].as_ref().contains(needle))
    }

    /// The blocks searched first: two before the last one found, and [`Self::AHEAD`] from it.
    fn window(&self) -> std::ops::Range<usize> {
        self.cursor.saturating_sub(2).min(self.blocks.len())..(self.cursor + Self::AHEAD).min(self.blocks.len())
    }
}

/// Lines of the input that the draft joins across a blank line: the end of
/// one paragraph and the start of the next in one block of the draft (a
/// caption glued onto the sentence before it). `text` is the input as read
/// (with its blank lines); returns, for each, its line number and a note.
pub(crate) fn joined(text: &str, blocks: &[String]) -> Vec<(usize, String)> {
    const SIDE: usize = 8;
    let lines: Vec<&str> = text.lines().collect();
    let squeezed = |line: &str| squeeze(&crate::structure::classify::to_ascii_digits(line));
    let mut found = Vec::new();
    let mut last: Option<usize> = None;
    let mut near = Near::new(blocks);
    for (at, line) in lines.iter().enumerate() {
        let start = squeezed(line);
        if start.is_empty() {
            continue;
        }
        // Where the draft is: the block holding this line's start, if near.
        let head: String = start.chars().take(SIDE).collect();
        near.seek(&head);
        // A line after a blank one, and the line before that blank; or a
        // field's label (「利用目的：…」), and the line before it.
        let label = crate::read::lines::starts_with_label(line.trim());
        if let Some(before) = last.filter(|&before| before + 1 < at || label) {
            let end = squeezed(lines[before]);
            let tail: String = end.chars().skip(end.chars().count().saturating_sub(SIDE)).collect();
            let across = format!("{tail}{head}");
            // A join is where the draft is: the blocks near this line's.
            if !end.ends_with(['。', '．', '.']) && near.near(&across) {
                let shown = |l: &str| l.trim().chars().take(40).collect::<String>();
                let across = if before + 1 < at { " across the blank line before it" } else { "" };
                found.push((at + 1, format!("「{}」 is joined to 「{}」{across}", shown(line), shown(lines[before]))));
            }
        }
        last = Some(at);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_split_in_two_is_found_and_one_kept_whole_is_not() {
        let input = ["本ポリシーは、当社が提供するサービスに適用されます。".to_string()];
        let draft = |markdown: &str| fidelity(&input, &markdown_text(markdown, &Default::default()));
        let split = draft("本ポリシーは、当社が\n\n## 提供するサービスに適用されます。\n");
        assert_eq!(split.split, ["本ポリシーは、当社が提供するサービスに適用されます。"]);
        assert!(split.missing.is_empty());
        let whole = draft("本ポリシーは、当社が\n提供するサービスに適用されます。\n");
        assert!(whole.split.is_empty() && whole.missing.is_empty(), "a soft line break is one paragraph");
        let cells = fidelity(
            &["\u{1f}A社\u{1f}分析".to_string()],
            &markdown_text("| A社 | 分析 |\n|---|---|\n", &Default::default()),
        );
        assert!(cells.split.is_empty(), "cells of a row are apart by design: {cells:?}");
        assert_eq!(cells.sentences, (2, 2));
    }

    #[test]
    fn a_caption_glued_to_the_sentence_before_it_is_found() {
        let input = "本ポリシーは当社のすべてのサービスに適用されます\n\n情報の取得と利用\n\n当社は取得します。\n";
        let glued =
            markdown_blocks("本ポリシーは当社のすべてのサービスに適用されます情報の取得と利用\n\n当社は取得します。\n");
        let found = joined(input, &glued);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, 3);
        let kept = markdown_blocks(
            "本ポリシーは当社のすべてのサービスに適用されます\n\n## 情報の取得と利用\n\n当社は取得します。\n",
        );
        assert!(joined(input, &kept).is_empty());
    }

    #[test]
    fn a_field_run_into_the_line_before_it_is_found() {
        let input =
            "送信される情報：閲覧したページのURL、参照元URL、IPアドレス、ブラウザの種類\n利用目的：利用状況の分析\n";
        let run_together = markdown_blocks(
            "送信される情報：閲覧したページのURL、参照元URL、IPアドレス、ブラウザの種類利用目的：利用状況の分析\n",
        );
        let found = joined(input, &run_together);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 2);
        let apart = markdown_blocks(
            "送信される情報：閲覧したページのURL、参照元URL、IPアドレス、ブラウザの種類\n\n利用目的：利用状況の分析\n",
        );
        assert!(joined(input, &apart).is_empty());
        assert!(crate::read::lines::starts_with_label("Opt-out: https://example.com/"));
        assert!(!crate::read::lines::starts_with_label("https://example.com/"));
        assert!(!crate::read::lines::starts_with_label("当社は、次の事項を定めます："));
    }
}
