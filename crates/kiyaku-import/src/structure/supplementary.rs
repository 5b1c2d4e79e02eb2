//! 附則 and 改定履歴 at the end of a text: the dates under the last article
//! (and a signature after them), 附則 captions written once or once per
//! revision, become an unnumbered clause of their own.

use crate::read::table;
use crate::structure::classify::Heading;
use crate::structure::dates::date_line;
use crate::{Parsed, Section};

/// Trailing 制定日 lines (and the signature after them) become 附則.
pub(crate) fn split_supplementary(parsed: &mut Parsed) {
    // A clause the text itself heads 附則 or 改定履歴 is no article to number.
    for section in &mut parsed.sections {
        let caption = section.heading.as_ref().map(|h| h.caption.as_str()).unwrap_or_default();
        section.unnumbered |= is_supplementary_caption(caption) || is_history_caption(caption);
    }
    if split_at_supplementary_caption(parsed) {
        return;
    }
    let Some(last) = parsed.sections.last_mut() else { return };
    let Some(mut at) = last.lines.iter().position(|l| date_line(l).is_some()) else { return };
    // A dated row of a table (改定履歴) takes the whole table along.
    while at > 0 && table::cells(&last.lines[at]).is_some() && table::cells(&last.lines[at - 1]).is_some() {
        at -= 1;
    }
    // The dates, and a signature (company, representative, manager) after
    // them: short lines, no sentences.
    let trailing = &last.lines[at..];
    if trailing.len() > 8 || (trailing.len() > 4 && trailing.iter().any(|l| l.ends_with('。'))) || at == 0 {
        return;
    }
    let mut lines = last.lines.split_off(at);
    // A 「附則」 (or 「改定履歴」) line of its own over the dates is their
    // caption, not text of the clause before.
    let own_caption = last.lines.last().filter(|l| is_supplementary_caption(l) || is_history_caption(l)).cloned();
    if own_caption.is_some() {
        last.lines.pop();
    }
    if last.heading.as_ref().is_some_and(|h| is_supplementary_caption(&h.caption)) {
        last.lines.append(&mut lines);
        last.unnumbered = true;
        return;
    }
    // In an English text, the usual translation of 附則.
    let japanese = lines.iter().any(|l| l.chars().any(crate::read::lines::is_cjk));
    let caption = match own_caption.filter(|c| is_history_caption(c)) {
        Some(history) => history.trim_matches(['【', '】', '■', ' ', '　']).to_string(),
        None if japanese => "附則".to_string(),
        None => "Supplementary Provisions".to_string(),
    };
    parsed.sections.push(Section {
        heading: Some(Heading { number: None, caption }),
        unnumbered: true,
        lines,
        ..Section::default()
    });
}

/// 附則 written out under the last article, once or once per revision
/// (附則 / 附則（2020年4月1日）…): from its first caption on, an unnumbered
/// clause of its own, the later captions kept as its text.
fn split_at_supplementary_caption(parsed: &mut Parsed) -> bool {
    let Some(last) = parsed.sections.last_mut() else { return false };
    if last.heading.as_ref().is_some_and(|h| is_supplementary_caption(&h.caption)) {
        return false;
    }
    let is_caption = |line: &String| is_supplementary_caption(line) || is_dated_supplementary_caption(line);
    let Some(at) = last.lines.iter().position(is_caption) else { return false };
    let mut lines = last.lines.split_off(at);
    if is_supplementary_caption(&lines[0]) {
        lines.remove(0);
    }
    let caption = if lines.iter().any(|l| l.chars().any(crate::read::lines::is_cjk)) {
        "附則"
    } else {
        "Supplementary Provisions"
    };
    parsed.sections.push(Section {
        heading: Some(Heading { number: None, caption: caption.to_string() }),
        unnumbered: true,
        lines,
        ..Section::default()
    });
    true
}

/// 「附則（2020年4月1日）」 or 「附則（令和2年4月1日第3号）」: the 附則 of one revision.
fn is_dated_supplementary_caption(line: &str) -> bool {
    let bare = bare_caption(line);
    let Some(rest) = bare.strip_prefix("附則") else { return false };
    let closed = (rest.starts_with('（') && rest.ends_with('）')) || (rest.starts_with('(') && rest.ends_with(')'));
    closed && rest.chars().count() <= 30
}

/// 「改定履歴」, 「制定・改定履歴」, Revision History: a list of dates.
pub(crate) fn is_history_caption(line: &str) -> bool {
    let bare = bare_caption(line);
    ["改定履歴", "改訂履歴", "変更履歴", "改正履歴", "更新履歴", "制定・改定履歴"].contains(&bare.as_str())
        || ["RevisionHistory", "ChangeHistory", "UpdateHistory", "History"].iter().any(|h| bare.eq_ignore_ascii_case(h))
}

/// A caption line without spaces, brackets and a leading mark: 「【附　則】」 → 附則.
pub(crate) fn bare_caption(line: &str) -> String {
    line.chars().filter(|c| !c.is_whitespace() && !"【】［］[]■".contains(*c)).collect()
}

/// 「附則」, also written 「附 則」 or 「【附則】」, or Supplementary Provisions.
pub(crate) fn is_supplementary_caption(line: &str) -> bool {
    let bare = bare_caption(line);
    bare == "附則" || bare.eq_ignore_ascii_case("SupplementaryProvisions")
}
