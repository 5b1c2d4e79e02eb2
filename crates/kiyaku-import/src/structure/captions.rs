//! Captions written as plain lines, the usual form of a web page copied as
//! text: a short line that starts a paragraph, standing alone or directly
//! over its text, with no number, no mark, no full stop and no verb ending;
//! inside a clause, such lines are its sub-clauses. What counts as a
//! paragraph's start comes from the reading stage ([`Paragraphs`]).

use crate::read::lines::Paragraphs;
use crate::structure::classify::{Heading, heading, item};
use crate::structure::dates::{self, date_lines};
use crate::structure::sections::{Section, is_marker};

/// Captions written as plain lines, the most common form of a web page
/// copied as text: in a text with no other headings, short lines that stood
/// alone between blank lines, with no number, no mark and no full stop,
/// each followed by text of its own with a sentence in it. Two at least;
/// returns their indices.
pub(super) fn plain_captions(lines: &[String], standalone: &Paragraphs) -> Vec<usize> {
    if lines.iter().any(|l| heading(l).is_some()) {
        return Vec::new();
    }
    // A sentence's words, or a sentence cut short: no caption.
    const VERB_ENDS: &[&str] = &["ます", "です", "する", "した", "ない", "ください", "れる", "ある", "いる", "など"];
    let shape = |line: &String| {
        let count = line.chars().count();
        let japanese = line.chars().any(crate::read::lines::is_cjk);
        let punctuated = line.trim_end().ends_with(['。', '．', '.', '、', '，', ',', '：', ':', '」']);
        // A label, an address, a link, or a name and a desk (「株式会社みなと お客様相談室」).
        let details =
            line.contains(['：', ':', '@', '〒', '　']) || line.contains("http") || (japanese && line.contains(' '));
        let verb = VERB_ENDS.iter().any(|end| line.ends_with(end));
        (2..=30).contains(&count)
            && !(punctuated || details || verb)
            && !is_marker(line)
            && date_lines(line).is_empty()
            && dates::history_date(line).is_none()
    };
    // Standing alone, or over a line of text of its own (a sentence, or a
    // desk's details) in the same paragraph.
    // (A desk's name may come first, its details on the line after.)
    let contact = |at: usize| lines.get(at).is_some_and(|l| crate::structure::contact::is_contact_line(l));
    let heads_text = |at: usize| {
        lines.get(at + 1).is_some_and(|next| next.contains(['。', '．'])) || contact(at + 1) || contact(at + 2)
    };
    let candidate = |at: usize| {
        let line = &lines[at];
        shape(line) && standalone.get(line.as_str()).is_some_and(|alone| *alone || heads_text(at))
    };
    let found: Vec<usize> = (0..lines.len()).filter(|&i| candidate(i)).collect();
    let has_text = |at: usize| {
        let next = found.iter().find(|&&f| f > at).copied().unwrap_or(lines.len());
        next > at + 1
            && lines[at + 1..next]
                .iter()
                .any(|l| l.contains(['。', '．']) || l.ends_with('.') || crate::structure::contact::is_contact_line(l))
    };
    let captions: Vec<usize> = found.iter().copied().filter(|&at| has_text(at)).collect();
    if captions.len() >= 2 { captions } else { Vec::new() }
}

/// Sub-captions written as plain lines inside a clause (「商品の発送」 then its
/// sentences, 「ご案内の送付」 then its own): two or more, each heading prose
/// of its own, make the clause's sub-clauses; what comes before the first
/// stays the clause's text.
pub(super) fn split_sub_captions(sections: Vec<Section>, standalone: &Paragraphs) -> Vec<Section> {
    let mut out = Vec::with_capacity(sections.len());
    for section in sections {
        let at =
            if section.unnumbered || section.sub { Vec::new() } else { plain_captions(&section.lines, standalone) };
        if at.is_empty() {
            out.push(section);
            continue;
        }
        let head = section.lines[..at[0]].to_vec();
        let mut subs = Vec::new();
        for (index, start) in at.iter().enumerate() {
            let end = at.get(index + 1).copied().unwrap_or(section.lines.len());
            let caption = section.lines[*start].trim().to_string();
            subs.push(Section {
                heading: Some(Heading { number: None, caption }),
                lines: section.lines[start + 1..end].to_vec(),
                sub: true,
                ..Section::default()
            });
        }
        out.push(Section { lines: head, ..section });
        out.extend(subs);
    }
    out
}

/// A plain caption line (see [`plain_captions`]) as a heading without a number.
pub(super) fn plain_heading(line: &str, captions: &[usize], index: usize) -> Option<Heading> {
    (captions.contains(&index) && item(line).is_none())
        .then(|| Heading { number: None, caption: line.trim().to_string() })
}
