//! A policy's clean lines cut into its title, preamble and sections
//! (clauses and sub-clauses), with ids from what each clause is about:
//! the structure found, before anything is written.

use std::collections::BTreeSet;

use jiff::civil::Date;

use crate::read::emphasis;
use crate::read::lines::Paragraphs;
use crate::structure::captions;
use crate::structure::classify::{self, Heading, chapter, heading, item, page_title, title};
use crate::structure::dates::{self, date_lines};
use crate::structure::nesting;
use crate::structure::supplementary::{self, bare_caption, split_supplementary};
use crate::topic_id;

/// One clause of the draft.
#[derive(Debug, Clone, Default)]
pub(crate) struct Section {
    /// Its caption line: the caption text, and the number the text gives it (第N条, 1.) if any.
    pub heading: Option<Heading>,
    /// The clause id (`{#id}`): from its caption's topic, else its article number or its position.
    pub id: String,
    /// Not counted in the article numbering (`.unnumbered`): a chapter (第1章), the 附則 or 改定履歴.
    pub unnumbered: bool,
    /// The clause's text below its caption, one input line each (list marks and contact details as written).
    pub lines: Vec<String>,
    /// How its caption was marked (see [`nesting::style`]).
    pub style: String,
    /// A sub-clause (`###`) of the clause before it.
    pub sub: bool,
}

impl Section {
    /// A repealed article (「第7条　削除」): a caption saying so, and no text.
    pub(crate) fn is_repealed(&self) -> bool {
        let caption = self.heading.as_ref().map_or(String::new(), |h| bare_caption(&h.caption));
        let caption = caption.trim_matches(['(', ')', '（', '）']);
        self.lines.is_empty()
            && (caption == "削除" || ["deleted", "repealed"].contains(&caption.to_lowercase().as_str()))
    }
}

/// A version's text as parsed from the input.
#[derive(Debug, Clone, Default)]
pub(crate) struct Parsed {
    /// The document's title, from the line that names it (or the page's `#` heading), if found.
    pub title: Option<String>,
    /// The lines before the first clause (those above the title too), kept as text at the top.
    pub preamble: Vec<String>,
    /// The clauses, in order, with their ids and `###` sub-clauses marked.
    pub sections: Vec<Section>,
    /// The earliest 制定日 in the text: `established` in policy.toml.
    pub established: Option<Date>,
    /// The latest of all the text's dates (制定日, 改定日, revision history): the default effective date.
    pub latest: Option<Date>,
    /// How many lines came before the title.
    pub before_title: usize,
    /// Whether its numbered captions are written as articles (第N条, Article N).
    pub articles: bool,
}

/// Where the title is: the first line, or a page's `#` heading that names a
/// policy, below a few lines of something else and above every clause.
pub(crate) fn title_line(lines: &[String]) -> Option<usize> {
    const BEFORE_TITLE: usize = 12;
    // Above every clause (a site's <h1> logo or name is not one).
    let before_clauses =
        |at: usize| !lines[..at].iter().any(|l| is_marker(l) && item(l).is_none() && !l.starts_with("# "));
    let near = || lines.iter().take(BEFORE_TITLE + 1).enumerate();
    // A line naming the document (the first line, or a # or ## heading: a
    // site's logo is often the <h1>), else the page's <h1> whatever it says.
    // A line of its own naming the document, below a site's name or a
    // breadcrumb (「ホーム ＞ 会社情報 ＞ …」 names it too, but is no title).
    let bare_title = |at: usize, line: &str| {
        before_clauses(at) && line.chars().count() <= 40 && !line.contains(['＞', '>', '|', '｜', '»', '/', '／', '。'])
    };
    // A breadcrumb (「ホーム > プライバシーポリシー」) names the page, but is site navigation.
    let crumbs = |line: &str| line.contains(['＞', '>', '»', '›', '|', '｜']);
    near()
        .find(|(at, line)| {
            let top = *at == 0
                || ((line.starts_with("# ") || line.starts_with("## ")) && before_clauses(*at))
                || bare_title(*at, line);
            top && !crumbs(line) && title(line).is_some()
        })
        .or_else(|| {
            near().find(|(at, line)| line.starts_with("# ") && before_clauses(*at) && page_title(line).is_some())
        })
        .map(|(at, _)| at)
}

pub(crate) fn is_marker(line: &str) -> bool {
    item(line).is_some() || heading(line).is_some() || chapter(line).is_some()
}

/// Cuts a version's lines into title, preamble and clauses; `standalone`
/// holds the lines that stood alone between blank lines in the input.
pub(crate) fn parse_lines(lines: &[String], standalone: &Paragraphs) -> Parsed {
    let mut parsed = Parsed::default();
    let rest = take_title(lines, &mut parsed);
    let mut numbered = numbered_captions(rest);
    if numbered.is_empty() {
        numbered = captions::plain_captions(rest, standalone);
    }
    let listed = marked_runs(rest);
    // Under a 改定履歴 caption, a line that starts with a date is a revision.
    let mut in_history = false;
    for (index, line) in rest.iter().enumerate() {
        note_dates(line, in_history, &mut parsed);
        if supplementary::is_history_caption(line.trim_start_matches('#')) {
            in_history = true;
        } else if heading(line).is_some() || (in_history && dates::history_date(line).is_none()) {
            // The 改定履歴 ends where its dated lines do.
            in_history = false;
        }
        if let Some(number) = chapter(line) {
            // A chapter is an unnumbered clause of its own, so that its title
            // does not end the article before it.
            let caption = line.trim_start_matches('#').trim().to_string();
            let heading = Some(Heading { number: None, caption });
            parsed.sections.push(Section {
                heading,
                id: format!("chapter-{number}"),
                unnumbered: true,
                ..Section::default()
            });
            continue;
        }
        let found = if listed.contains(&index) {
            None
        } else {
            heading(line).or_else(|| {
                numbered
                    .contains(&index)
                    .then(|| numbered_heading(line))
                    .flatten()
                    .or_else(|| captions::plain_heading(line, &numbered, index))
            })
        };
        if found.as_ref().is_some_and(|h| h.number.is_some()) && classify::written_as_article(line) {
            parsed.articles = true;
        }
        match found {
            Some(found) => parsed.sections.push(Section {
                // A caption set in bold is a caption: its emphasis is the heading's.
                heading: Some(Heading { caption: emphasis::plain(&found.caption).into_owned(), ..found }),
                style: nesting::style(line),
                ..Section::default()
            }),
            None => match parsed.sections.last_mut() {
                Some(section) => section.lines.push(line.clone()),
                None => parsed.preamble.push(line.clone()),
            },
        }
    }
    split_supplementary(&mut parsed);
    parsed.sections = captions::split_sub_captions(std::mem::take(&mut parsed.sections), standalone);
    nesting::nest(&mut parsed.sections);
    assign_ids(&mut parsed.sections);
    parsed
}

/// Finds the title: what comes before it (a cookie banner, a menu) is kept
/// in the preamble, for the writer to judge, and repeats of it are dropped.
/// Returns the lines after it.
fn take_title<'l>(lines: &'l [String], parsed: &mut Parsed) -> &'l [String] {
    let mut rest = lines;
    if let Some(at) = title_line(lines) {
        parsed.preamble.extend_from_slice(&lines[..at]);
        parsed.before_title = at;
        rest = &lines[at..];
    }
    let title_of = |line: &String| title(line).or_else(|| page_title(line));
    if let Some(found) = rest.first().and_then(title_of) {
        parsed.title = Some(found.clone());
        // Scraped pages often repeat the title.
        while rest.first().is_some_and(|l| title_of(l).as_deref() == Some(found.as_str())) {
            rest = &rest[1..];
        }
    }
    rest
}

/// The 制定日 (earliest established) and the latest date a line gives.
fn note_dates(line: &str, in_history: bool, parsed: &mut Parsed) {
    let mut dated = date_lines(line);
    if dated.is_empty() && in_history {
        dated.extend(dates::history_date(line));
    }
    for dated in dated {
        if dated.established {
            parsed.established = Some(parsed.established.map_or(dated.date, |d: Date| d.min(dated.date)));
        }
        parsed.latest = Some(parsed.latest.map_or(dated.date, |d: Date| d.max(dated.date)));
    }
}

/// Lines that start with a mark (● ■ ◆ □ ◇) next to another line with the
/// same mark: a list (「● 閲覧したページのURL」 one under another), where a
/// mark on its own, over text, is a caption.
fn marked_runs(lines: &[String]) -> BTreeSet<usize> {
    let mark = |line: &String| line.trim_start().chars().next().filter(|c| "●■◆□◇".contains(*c));
    (0..lines.len())
        .filter(|&i| {
            let own = mark(&lines[i]);
            own.is_some()
                && (i.checked_sub(1).is_some_and(|p| mark(&lines[p]) == own)
                    || lines.get(i + 1).is_some_and(|n| mark(n) == own))
        })
        .collect()
}

/// Lines like 「1. 個人情報の定義」 are clause captions, not list items, in a
/// text with no other headings whose short unpunctuated numbered lines run
/// 1, 2, 3… with text between them: returns their indices.
fn numbered_captions(lines: &[String]) -> Vec<usize> {
    if lines.iter().any(|l| heading(l).is_some()) {
        return Vec::new();
    }
    let candidates: Vec<(usize, u32, (classify::Marker, Option<char>))> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| {
            let found = item(line).filter(|it| matches!(it.marker, classify::Marker::Dot | classify::Marker::Kanji))?;
            let caption = caption_text(&found);
            let short = caption.chars().count() <= 30 && !caption.ends_with('。');
            // A caption does not continue a list: the item before it is not
            // number N-1, the one after it not N+1.
            let number = found.number?;
            let numbered = |j: Option<usize>, n: u32| {
                j.and_then(|j| lines.get(j))
                    .and_then(|l| item(l))
                    .is_some_and(|it| style(&it) == style(&found) && it.number == Some(n))
            };
            let alone = !numbered(i.checked_sub(1), number.wrapping_sub(1)) && !numbered(Some(i + 1), number + 1);
            (short && alone && i + 1 < lines.len()).then_some((i, number, style(&found)))
        })
        .collect();
    // The numbers must run 1, 2, 3… (list items restart at 1 in every list),
    // all written alike (1. or 一、). A page holding two documents (方針,
    // then 取扱い) runs them twice: a run of three or more may start again.
    let Some(&(_, _, kind)) = candidates.iter().find(|c| c.1 == 1) else { return Vec::new() };
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for (index, number, _) in candidates.into_iter().filter(|c| c.2 == kind) {
        match runs.last_mut() {
            Some(run) if number as usize == run.len() + 1 => run.push(index),
            Some(run) if number == 1 && run.len() >= 3 => runs.push(vec![index]),
            None if number == 1 => runs.push(vec![index]),
            _ => {}
        }
    }
    // Two captions are enough for a short notice when each heads sentences
    // of its own (a list of two would hold no sentences between its items).
    // A sentence (Japanese or English), or a desk's details under 「お問い合わせ」.
    let prose_after = |at: usize| {
        lines[at + 1..]
            .iter()
            .take_while(|l| item(l).is_none())
            .any(|l| l.trim_end().ends_with(['。', '.']) || crate::structure::contact::is_contact_line(l))
    };
    let enough = |run: &Vec<usize>| run.len() >= 3 || (run.len() == 2 && run.iter().all(|at| prose_after(*at)));
    let single = runs.len() == 1;
    runs.into_iter().filter(|run| run.len() >= 3 || (single && enough(run))).flatten().collect()
}

fn numbered_heading(line: &str) -> Option<Heading> {
    let found = item(line)?;
    Some(Heading { number: found.number.map(|n| (n, None)), caption: caption_text(&found) })
}

/// How an item is numbered: its marker, and for kanji numbers what follows
/// them (「一、」 captions over 「一　」 items).
fn style(found: &classify::Item) -> (classify::Marker, Option<char>) {
    let delimiter = (found.marker == classify::Marker::Kanji).then(|| classify::kanji_split(&found.text)).flatten();
    (found.marker, delimiter.map(|(_, delimiter, _)| delimiter))
}

/// An item's text without its number: 「一、個人情報の取得」 → 個人情報の取得
/// (marks stay in an item's text, see [`classify::item`]).
pub(crate) fn caption_text(found: &classify::Item) -> String {
    classify::unmarked(found).to_string()
}

pub(crate) fn assign_ids(sections: &mut [Section]) {
    take_written_ids(sections);
    let mut used = BTreeSet::new();
    // Chapters are numbered by the text itself: their ids are set.
    used.extend(sections.iter().filter(|s| !s.id.is_empty()).map(|s| s.id.clone()));
    // A sub-clause about nothing of its own is its clause's, numbered.
    let mut parent = (String::new(), None, 0);
    for (index, section) in sections.iter_mut().enumerate() {
        if !section.id.is_empty() {
            continue;
        }
        let caption = section.heading.as_ref().map_or("", |h| h.caption.as_str());
        // The caption says what a clause is about; its text only when there is no caption.
        let about = if caption.is_empty() { section.lines.first().map_or("", String::as_str) } else { caption };
        let topic = topic_id(about);
        let base = if section.sub && (topic.is_none() || topic == parent.1) {
            parent.2 += 1;
            format!("{}-{}", parent.0, parent.2)
        } else {
            topic.map_or_else(|| fallback_id(section, index), str::to_string)
        };
        // An article number given twice (a slip): `article-2-2` would read as 第2条の2.
        let base = if topic.is_none() && used.contains(&base) { format!("clause-{}", index + 1) } else { base };
        let mut id = base.clone();
        let mut n = 2;
        while !used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        if !section.sub {
            parent = (id.clone(), topic, 0);
        }
        section.id = id;
    }
}

/// A caption that ends with the id kiyaku's sources give a clause
/// (`## Purposes {#purposes}`, a draft written for kiyaku before): the id is
/// the clause's, once, and out of the caption.
fn take_written_ids(sections: &mut [Section]) {
    let mut used = BTreeSet::new();
    for section in sections.iter_mut().filter(|s| s.id.is_empty()) {
        let Some(heading) = section.heading.as_mut() else { continue };
        let Some((caption, id, unnumbered)) = written_id(&heading.caption) else { continue };
        if id.starts_with("k-") || !used.insert(id.to_string()) {
            continue;
        }
        section.unnumbered |= unnumbered;
        (heading.caption, section.id) = (caption.to_string(), id.to_string());
    }
}

/// A caption's text and the kiyaku id written at its end (`Purposes
/// {#purposes}`, `附則 {#supplementary .unnumbered}`), and whether it says
/// `.unnumbered`.
pub(crate) fn written_id(caption: &str) -> Option<(&str, &str, bool)> {
    static WRITTEN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^(.*?)\s*\{#([a-z0-9][a-z0-9_-]{0,63})((?:\s+\.[a-z-]+)*)\s*\}\s*$").unwrap()
    });
    let caps = WRITTEN.captures(caption)?;
    let (text, id, classes) = (caps.get(1)?.as_str().trim(), caps.get(2)?.as_str(), caps.get(3)?.as_str());
    Some((text, id, classes.contains(".unnumbered")))
}

/// The id of a clause about nothing recognised: its article number where
/// the text gives one (第5条の2 is `article-5-2`), else its position.
fn fallback_id(section: &Section, index: usize) -> String {
    match section.heading.as_ref().and_then(|h| h.number) {
        Some((number, Some(branch))) => format!("article-{number}-{branch}"),
        Some((number, None)) => format!("article-{number}"),
        // An unnumbered caption in Latin letters says what it is about: "Google Analytics" → google-analytics.
        None => {
            section.heading.as_ref().and_then(|h| caption_slug(&h.caption)).unwrap_or(format!("article-{}", index + 1))
        }
    }
}

/// A caption in ASCII as an id: its words in lower case, joined by `-`
/// (at most five words); `None` for a caption in other letters.
fn caption_slug(caption: &str) -> Option<String> {
    if !caption.is_ascii() || !caption.bytes().any(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let words: Vec<String> = caption
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(5)
        .map(str::to_ascii_lowercase)
        .collect();
    let slug = words.join("-");
    (slug.len() >= 3 && slug.starts_with(|c: char| c.is_ascii_lowercase())).then_some(slug)
}

/// Gives the clauses the ids of the same version in another language, one
/// for one in order, when they are as many (the languages of a version
/// must have the same ids in the same order); else says what to do.
pub(crate) fn align_ids(sections: &mut [Section], ids: &[String], report: &mut Vec<String>) {
    if sections.len() == ids.len() {
        for (section, id) in sections.iter_mut().zip(ids) {
            section.id.clone_from(id);
        }
        report.push(
            "clause ids are taken, in order, from the version's text in the other language: check they match".into(),
        );
    } else {
        report.push(format!(
            "the version's text in the other language has {} clauses, this one {}: give the same clauses the same ids, in the same order, by hand",
            ids.len(),
            sections.len()
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unnumbered_latin_caption_is_its_own_id() {
        assert_eq!(caption_slug("Google Analytics").as_deref(), Some("google-analytics"));
        assert_eq!(caption_slug("Sentry (error reports)").as_deref(), Some("sentry-error-reports"));
        assert_eq!(caption_slug("送信先"), None);
        assert_eq!(caption_slug("2024"), None);
    }

    #[test]
    fn kanji_numbered_captions_are_clauses() {
        let lines: Vec<String> = [
            "前文です。",
            "一、個人情報の取得",
            "当社は、適法に取得します。",
            "二、利用目的",
            "当社は、次の目的で利用します。",
            "一　商品の発送のため",
            "二　お問い合わせへの対応のため",
            "三、第三者提供",
            "当社は、提供しません。",
        ]
        .map(String::from)
        .to_vec();
        let parsed = parse_lines(&lines, &Paragraphs::new());
        let captions: Vec<&str> =
            parsed.sections.iter().filter_map(|s| s.heading.as_ref().map(|h| h.caption.as_str())).collect();
        assert_eq!(captions, ["個人情報の取得", "利用目的", "第三者提供"]);
        assert_eq!(parsed.sections[1].lines.len(), 3, "the 号 items stay in their clause");
    }
}
