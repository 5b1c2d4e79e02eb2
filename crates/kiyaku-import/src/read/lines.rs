//! Getting clean lines out of an existing policy's text (a page's, as
//! [`crate::read::html`] reads it, or a text file's): stray bullets and
//! hard-wrapped lines repaired, page furniture of a PDF dropped, and a page
//! that shows two versions (変更前 / 変更後) split in two.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;

/// Characters that end a sentence or a caption in Japanese text.
fn ends_sentence(line: &str) -> bool {
    line.ends_with(['。', '．', '.', '！', '？', '」', '』', '）', ')', '：', ':', '】'])
}

pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{ff01}'..='\u{ff5e}')
}

/// Trimmed, non-empty lines with scraping damage repaired: a `- ` bullet
/// in front of text that has its own marker is dropped, and a long line cut
/// in the middle of a Japanese sentence is joined with the next.
pub(crate) fn clean_lines(text: &str, is_marker: impl Fn(&str) -> bool) -> Vec<String> {
    clean_wrapped_lines(text, is_marker, USUAL_WRAP, false)
}

/// [`clean_lines`] for plain text, which may be set in lines narrower than
/// usual (taken from a PDF): see [`wrap_threshold`].
pub(crate) fn clean_text_lines(text: &str, is_marker: impl Fn(&str) -> bool) -> Vec<String> {
    clean_wrapped_lines(text, is_marker, wrap_threshold(text), true)
}

/// An item of a Markdown list inside another, by its indent (`   1. …`,
/// `  - …`): the mark of its depth, so that it nests as written.
fn nested_markdown_item(raw: &str) -> Option<String> {
    let indent: usize =
        raw.chars().take_while(|c| *c == ' ' || *c == '\t').map(|c| if c == '\t' { 4 } else { 1 }).sum();
    if indent < 2 {
        return None;
    }
    let depth = (1 + (indent + 1) / 3).min(6);
    let text = raw.trim();
    if let Some(rest) = text.strip_prefix("- ").or_else(|| text.strip_prefix("* ")).or_else(|| text.strip_prefix("+ "))
    {
        return Some(format!("◦ {}", rest.trim()));
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let rest = text.get(digits..)?;
    let rest = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") "))?;
    (digits > 0).then(|| format!("{}{depth}.{} {}", crate::read::marks::LEVEL_MARK, &text[..digits], rest.trim()))
}

fn clean_wrapped_lines(
    text: &str,
    is_marker: impl Fn(&str) -> bool,
    wrapped_longer_than: usize,
    indented_lists: bool,
) -> Vec<String> {
    let running = running_lines(text, &is_marker);
    let mut seen_running = BTreeSet::new();
    let mut previous_page_number = false;
    let mut lines: Vec<String> = Vec::new();
    let mut blank_before = false;
    // A blank line since the last line kept ends a paragraph: nothing is
    // joined across it (a caption standing alone is no wrapped sentence's
    // end), unless it was a page break's (page furniture was dropped there).
    let (mut paragraph_break, mut page_break) = (false, false);
    for raw in text.lines() {
        let after_blank = std::mem::replace(&mut blank_before, raw.trim().is_empty());
        paragraph_break |= raw.trim().is_empty();
        // 「1. …」 then a blank line then 「- …」: a list of its own.
        let new_list = indented_lists
            && after_blank
            && (raw.starts_with("- ") || raw.starts_with("* "))
            && lines.last().is_some_and(|l| starts_numbered(l));
        let mut line = bare_line(raw, indented_lists);
        // Page numbers (「- 3 -」) and a page's running head after its first time.
        let after_page_number = previous_page_number;
        previous_page_number = PAGE_NUMBER.is_match(&line) || (previous_page_number && line.is_empty());
        if line.is_empty()
            || PAGE_NUMBER.is_match(&line)
            || crate::read::furniture::is_copyright(&line)
            || (running.every_time.contains(&line) && !seen_running.insert(line.clone()))
            || (after_page_number && running.after_page_numbers.contains(&line))
        {
            page_break |= !line.is_empty();
            continue;
        }
        let joins = !paragraph_break || page_break;
        (paragraph_break, page_break) = (false, false);
        if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
            let Some(item) = bullet_item(rest.trim(), lines.last_mut(), &is_marker) else { continue };
            line = item;
            if new_list {
                line.insert(0, crate::read::marks::LIST_BREAK);
            }
        }
        if let Some(previous) = lines.last_mut()
            && joins
            && goes_on(previous, &line, wrapped_longer_than, &is_marker)
        {
            previous.push_str(&line);
            continue;
        }
        lines.push(line);
    }
    lines
}

/// The lines that start a paragraph (after a blank line, or the text's
/// start), trimmed, each with whether it also stands alone (a blank line, or
/// the end, after it): where a page copied as text puts its captions.
pub(crate) type Paragraphs = BTreeMap<String, bool>;

/// See [`Paragraphs`].
pub(crate) fn paragraph_starts(text: &str) -> Paragraphs {
    let raw: Vec<&str> = text.lines().map(|l| l.trim().trim_matches('\u{3000}').trim()).collect();
    let blank = |at: Option<&&str>| at.is_none_or(|l| l.is_empty());
    let mut starts = Paragraphs::new();
    for i in (0..raw.len()).filter(|&i| !raw[i].is_empty() && blank(i.checked_sub(1).and_then(|p| raw.get(p)))) {
        let alone = blank(raw.get(i + 1));
        // A line written twice counts as standing alone if it once did.
        *starts.entry(raw[i].to_string()).or_insert(alone) |= alone;
    }
    starts
}

/// Whether a line starts with a number or a numbered mark (1. (1) ①).
fn starts_numbered(line: &str) -> bool {
    line.starts_with(|c: char| {
        c.is_ascii_digit() || "(（".contains(c) || c == crate::read::marks::LEVEL_MARK || ('①'..='⑳').contains(&c)
    })
}

/// A raw line trimmed, a nested Markdown item given its depth mark, and
/// emphasis around a whole caption or in a heading dropped.
fn bare_line(raw: &str, indented_lists: bool) -> String {
    let mut line = raw.trim().trim_matches('\u{3000}').trim().to_string();
    if let Some(nested) = nested_markdown_item(raw).filter(|_| indented_lists) {
        line = nested;
    }
    // A caption all in bold is a caption; a heading's emphasis is the heading's.
    if let Some(inner) =
        crate::read::emphasis::unwrap_whole(&line).filter(|inner| !inner.ends_with(['。', '．', '.', '！', '？']))
    {
        line = inner.trim().to_string();
    }
    if line.starts_with('#') {
        line = crate::read::emphasis::plain(&line).into_owned();
    }
    line
}

/// The line a `- ` or `* ` bullet makes of `rest`; `None` when it only put
/// a bullet in front of the rest of a broken sentence, which then goes on
/// the line before.
fn bullet_item(rest: &str, previous: Option<&mut String>, is_marker: &impl Fn(&str) -> bool) -> Option<String> {
    if rest.starts_with('[') {
        // 「- [1] 氏名」: a bulleted list whose items say [1], not footnotes.
        return Some(format!("・{rest}"));
    }
    if is_marker(rest) || rest.starts_with('・') || rest.starts_with('■') {
        return Some(rest.to_string());
    }
    if let Some(previous) = previous
        && previous.chars().count() > 40
        && !ends_sentence(previous)
        && rest.chars().next().is_some_and(is_cjk)
    {
        previous.push_str(rest);
        return None;
    }
    // A Markdown bullet: a list item.
    Some(format!("・{rest}"))
}

/// Hard line ends inside a Japanese sentence (text from a PDF or a
/// fixed-width page): whether `line` goes on `previous`. A line that ends
/// in 、 goes on, however short it was set.
fn goes_on(previous: &str, line: &str, wrapped_longer_than: usize, is_marker: &impl Fn(&str) -> bool) -> bool {
    let length = previous.chars().count();
    let last = previous.chars().last();
    let cut = (length > wrapped_longer_than
        && last.is_some_and(|c| is_cjk(c) || matches!(c, '、' | '「' | '『' | '〈' | '《' | '【')))
        || (length >= 10 && last == Some('、'));
    cut && !previous.starts_with(crate::read::table::CELL)
        && !ends_sentence(previous)
        && (line.chars().next().is_some_and(is_cjk) || continues_with_number(line))
        && !is_marker(line)
        && !starts_with_label(line)
}

/// 「2条に定める窓口」 after 「…については、第」: a number run straight into
/// Japanese text, not an item's number (「2. 」「2 」「(2)」).
fn continues_with_number(line: &str) -> bool {
    let digits = line.chars().take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c)).count();
    digits > 0 && line.chars().nth(digits).is_some_and(|c| is_cjk(c) && !matches!(c, '、' | '。' | '．' | '）'))
}

/// A line that starts with a field's label (「利用目的：…」, "Opt-out: …"):
/// a line of its own, never the rest of the line before it.
pub(crate) fn starts_with_label(line: &str) -> bool {
    let Some((label, _)) = line.split_once(['：', ':']) else { return false };
    let count = label.chars().count();
    (1..=15).contains(&count)
        && !label.contains(['、', '。', '，', ',', '.', '（', '('])
        && !label.starts_with("http")
        && !label.ends_with(char::is_whitespace)
}

/// Lines longer than this, not ending a sentence, may have been wrapped.
const USUAL_WRAP: usize = 40;

/// How long a line must be to have been wrapped: 40 characters, or less in
/// a text set in narrower lines (a PDF's, about as long as most of its long
/// lines), so that a short line of its own (an address, a label) is not
/// taken for a wrapped one.
fn wrap_threshold(text: &str) -> usize {
    const USUAL: usize = USUAL_WRAP;
    let mut lengths: Vec<usize> =
        text.lines().map(|l| l.trim().trim_matches('\u{3000}').trim().chars().count()).filter(|n| *n >= 20).collect();
    if lengths.len() < 5 {
        return USUAL;
    }
    lengths.sort_unstable();
    let typical = lengths[lengths.len() * 3 / 4];
    USUAL.min(typical.saturating_sub(4))
}

/// A page number on a line of its own: 「- 3 -」, 「— 3 —」, 「3/12」.
static PAGE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[-‐－—–]\s*[0-9０-９]{1,3}\s*[-‐－—–]|[0-9]{1,3}\s*/\s*[0-9]{1,3})$").unwrap());

/// Lines repeated on the pages of a text taken from a PDF (running heads
/// and foots), in a text with page numbers.
#[derive(Default)]
struct RunningLines {
    /// Three times or more, not a sentence, at least eight characters: the
    /// first is kept (it is often the title).
    every_time: BTreeSet<String>,
    /// Twice or more, each time right after a page number (four characters
    /// or more): all dropped.
    after_page_numbers: BTreeSet<String>,
}

fn running_lines(text: &str, is_marker: &impl Fn(&str) -> bool) -> RunningLines {
    const LEAST: usize = 3;
    let lines: Vec<&str> =
        text.lines().map(|l| l.trim().trim_matches('\u{3000}').trim()).filter(|l| !l.is_empty()).collect();
    if lines.iter().filter(|line| PAGE_NUMBER.is_match(line)).count() < 2 {
        return RunningLines::default();
    }
    // Per line: (times, times right after a page number).
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (index, line) in lines.iter().enumerate() {
        let sentence = line.ends_with(['。', '．', '.']);
        if line.chars().count() >= 4 && !sentence && !is_marker(line) && !line.starts_with(crate::read::table::CELL) {
            let count = counts.entry(line).or_default();
            count.0 += 1;
            count.1 += usize::from(index > 0 && PAGE_NUMBER.is_match(lines[index - 1]));
        }
    }
    let mut running = RunningLines::default();
    for (line, (times, after_page)) in counts {
        if times >= 2 && after_page == times {
            running.after_page_numbers.insert(line.to_string());
        } else if times >= LEAST && line.chars().count() >= 8 {
            running.every_time.insert(line.to_string());
        }
    }
    running
}

/// A page that shows the text before and after a revision.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct TwoVersions {
    /// Lines before the 変更前 marker (a notice of the change).
    pub notice: Vec<String>,
    pub before: Vec<String>,
    pub after: Vec<String>,
}

fn marker_word(line: &str) -> &str {
    line.trim_start_matches('#').trim().trim_matches(['■', '【', '】', '〈', '〉', '<', '>', '[', ']'])
}

/// Splits lines at 変更前 / 変更後 (or 改定前 / 改定後) markers.
pub(crate) fn split_versions(lines: &[String]) -> Option<TwoVersions> {
    let before = lines.iter().position(|l| matches!(marker_word(l), "変更前" | "改定前" | "改正前"))?;
    let after = lines.iter().position(|l| matches!(marker_word(l), "変更後" | "改定後" | "改正後"))?;
    (before < after).then(|| TwoVersions {
        notice: lines[..before].to_vec(),
        before: lines[before + 1..after].to_vec(),
        after: lines[after + 1..].to_vec(),
    })
}

#[cfg(test)]
mod tests;
