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
    // Or over a list of its own (「通信販売のお客様」 over 「a. …」 items), when it
    // does not itself lead into one (「お問い合わせ先は以下のとおり」).
    let leads = |line: &str| ["以下", "次の", "とおり", "通り"].iter().any(|w| line.contains(w));
    let heads_list = |at: usize| lines.get(at + 1).is_some_and(|next| item(next).is_some()) && !leads(&lines[at]);
    let heads_text = |at: usize| {
        lines.get(at + 1).is_some_and(|next| next.contains(['。', '．']))
            || contact(at + 1)
            || contact(at + 2)
            || heads_list(at)
    };
    let candidate = |at: usize| {
        let line = &lines[at];
        shape(line) && standalone.get(line.as_str()).is_some_and(|alone| *alone || heads_text(at))
    };
    let found: Vec<usize> = (0..lines.len()).filter(|&i| candidate(i)).collect();
    // Text of its own: between it and the next candidate (found is in order).
    let has_text = |(index, at): (usize, usize)| {
        let next = found.get(index + 1).copied().unwrap_or(lines.len());
        next > at + 1
            && (heads_list(at)
                || lines[at + 1..next].iter().any(|l| {
                    l.contains(['。', '．']) || l.ends_with('.') || crate::structure::contact::is_contact_line(l)
                }))
    };
    let captions: Vec<usize> =
        found.iter().copied().enumerate().filter(|&(i, at)| has_text((i, at))).map(|(_, at)| at).collect();
    if captions.len() >= 2 { captions } else { Vec::new() }
}

/// Sub-captions written as plain lines inside a clause (「商品の発送」 then its
/// sentences, 「ご案内の送付」 then its own): two or more, each heading prose
/// of its own, make the clause's sub-clauses; what comes before the first
/// stays the clause's text.
///
/// So do numbered ones (「（1）お客様にご提供いただく情報」 over its text,
/// then 「（2）…」 over its own): see [`marked_sub_captions`]. Their marks
/// are left out of the caption when the clauses are numbered, as kiyaku
/// numbers sub-clauses （1）（2） itself; kept otherwise.
pub(super) fn split_sub_captions(sections: Vec<Section>, standalone: &Paragraphs) -> Vec<Section> {
    let numbered = sections.iter().any(|s| s.heading.as_ref().is_some_and(|h| h.number.is_some()));
    let mut out = Vec::with_capacity(sections.len());
    for section in sections {
        let (at, captions) = if section.unnumbered || section.sub {
            (Vec::new(), Vec::new())
        } else {
            let plain = plain_captions(&section.lines, standalone);
            let plain_captions = plain.iter().map(|&i| section.lines[i].trim().to_string()).collect();
            match marked_sub_captions(&section.lines, standalone) {
                Some(marked) if plain.is_empty() => {
                    let captions = marked.iter().map(|(_, bare)| bare.clone());
                    let captions = if numbered {
                        captions.collect()
                    } else {
                        marked.iter().map(|(i, _)| section.lines[*i].trim().to_string()).collect()
                    };
                    (marked.iter().map(|(i, _)| *i).collect(), captions)
                }
                _ => (plain, plain_captions),
            }
        };
        if at.is_empty() {
            out.push(section);
            continue;
        }
        let head = section.lines[..at[0]].to_vec();
        let mut subs = Vec::new();
        for (index, start) in at.iter().enumerate() {
            let end = at.get(index + 1).copied().unwrap_or(section.lines.len());
            let caption = captions[index].clone();
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

/// Numbered sub-captions (（1） / (1) / 1. / ①, from 1 in order), each a
/// short caption line over a line of its own text in the same paragraph
/// (「（1）お客様にご提供いただく情報」 then 「氏名、住所…」): two or more,
/// and every item of the clause so marked, else they are a list (whose
/// items may wrap onto the next line). Returns each one's line and its
/// caption without the mark.
fn marked_sub_captions(lines: &[String], standalone: &Paragraphs) -> Option<Vec<(usize, String)>> {
    let items: Vec<(usize, crate::structure::classify::Item)> =
        lines.iter().enumerate().filter_map(|(i, line)| item(line).map(|found| (i, found))).collect();
    let first = items.first()?.1.marker;
    let bare = |found: &crate::structure::classify::Item| {
        let text = found.text.trim();
        MARK.find(text).map_or(text, |m| text[m.end()..].trim()).to_string()
    };
    let caption_shaped = |text: &str| {
        let count = text.chars().count();
        (2..=30).contains(&count) && !text.ends_with(['。', '．', '.', '、', '，', ',', '：', ':'])
    };
    // Its own text on the next line: not an item, not a continuation (indented).
    let heads_text = |at: usize| {
        lines.get(at + 1).is_some_and(|next| {
            !next.trim().is_empty() && item(next).is_none() && !next.starts_with([' ', '\u{3000}', '\t'])
        })
    };
    let mut found = Vec::new();
    for (expected, (at, marked)) in (1..).zip(items.iter().filter(|(_, i)| i.marker == first)) {
        let text = bare(marked);
        let starts = standalone.get(lines[*at].trim()).is_some();
        if marked.number != Some(expected) || !caption_shaped(&text) || !heads_text(*at) || !starts {
            return None;
        }
        found.push((*at, text));
    }
    (found.len() >= 2).then_some(found)
}

/// A list mark at the start of an item's text (kept there for （1）).
static MARK: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"^[（(]\s*[0-9０-９]+\s*[）)]\s*").unwrap());

/// A plain caption line (see [`plain_captions`]) as a heading without a number.
pub(super) fn plain_heading(line: &str, captions: &[usize], index: usize) -> Option<Heading> {
    (captions.contains(&index) && item(line).is_none())
        .then(|| Heading { number: None, caption: line.trim().to_string() })
}
