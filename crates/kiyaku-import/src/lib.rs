//! `kiyaku import`: an existing policy (plain text, Markdown or HTML, often
//! scraped and messy) becomes a source draft that builds.
//!
//! Article headings (第1条（…）, ■…, 【…】, `#` headings) become clauses with
//! ids from what they are about; list markers ((1), 1., ①, ・, イ) become
//! nested lists; contact details and accredited bodies become typed blocks;
//! 制定日 / 改定日 lines give the dates; a page that shows the text before
//! and after a revision gives two versions. Every sentence of the input is
//! kept, and what could not be placed is reported. Pure: text in, files out.

mod emit;
mod read;
mod structure;

pub(crate) use kiyaku_format::topic_id;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use jiff::civil::Date;

pub use read::decode::{Decoded, decode};
use read::input::{markdown_syntax, split_front_matter};
use read::{emphasis, furniture, lines, links};
use structure::classify::{Heading, chapter, heading, item, page_title, title};
use structure::dates::date_lines;
use structure::supplementary::{self, bare_caption, split_supplementary};
use structure::{classify, dates, nesting};

/// What to import, and into which site.
#[derive(Debug, Clone)]
pub struct ImportInput<'a> {
    /// The input file's text (plain text, Markdown or HTML), decoded.
    pub text: &'a str,
    /// The policy's slug: its version files and `policy.toml` go into `content/<slug>/`.
    pub slug: &'a str,
    /// The language of the input text (one of `languages`): the `LANG` of `YYYY-MM-DD.LANG.md`.
    pub lang: &'a str,
    /// The site's languages (text fields of blocks need every one).
    pub languages: &'a [String],
    /// The version's effective date (`--effective`); `None` takes the latest date found in the text.
    pub effective: Option<Date>,
    /// The effective date of the 変更前 text on a page showing two versions
    /// (`--previous-effective`); `None` leaves that text out.
    pub previous_effective: Option<Date>,
    /// Whether `content/<slug>/policy.toml` exists already.
    pub policy_exists: bool,
    /// The site's blocks already there: id and file text.
    pub existing_blocks: BTreeMap<String, String>,
    /// The clause ids (`##` and `###`, in order) of this policy's versions
    /// in the site's other languages, by effective date: a translation
    /// imported after its original takes their ids.
    pub sibling_ids: BTreeMap<Date, Vec<String>>,
    /// The blocks those versions refer to: a desk found again in the
    /// translation is theirs.
    pub sibling_blocks: BTreeSet<String>,
}

/// The draft: files to create, and what the writer must look at.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// The files to create: paths relative to the site root (`content/<slug>/…`, `blocks/<id>.toml`),
    /// with their text.
    pub files: Vec<(PathBuf, String)>,
    /// What the writer must check, one finding per entry: warnings, text left as it was, what to translate.
    pub report: Vec<String>,
    /// Sentences of the input found in the draft, and how many there were.
    pub kept_sentences: (usize, usize),
    /// Characters of the input found in the draft, and how many there were.
    pub kept_chars: (usize, usize),
    /// The ids of the draft's clauses (`##` and `###`), in order, each once across its versions.
    pub clause_ids: Vec<String>,
    /// The ids of the blocks the draft creates in `blocks/` (not the site's blocks it refers to), sorted.
    pub block_ids: Vec<String>,
}

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
}

/// Where the title is: the first line, or a page's `#` heading that names a
/// policy, below a few lines of something else and above every clause.
fn title_line(lines: &[String]) -> Option<usize> {
    const BEFORE_TITLE: usize = 12;
    // Above every clause (a site's <h1> logo or name is not one).
    let before_clauses =
        |at: usize| !lines[..at].iter().any(|l| is_marker(l) && item(l).is_none() && !l.starts_with("# "));
    let near = || lines.iter().take(BEFORE_TITLE + 1).enumerate();
    // A line naming the document (the first line, or a # or ## heading: a
    // site's logo is often the <h1>), else the page's <h1> whatever it says.
    near()
        .find(|(at, line)| {
            let top = *at == 0 || ((line.starts_with("# ") || line.starts_with("## ")) && before_clauses(*at));
            top && title(line).is_some()
        })
        .or_else(|| {
            near().find(|(at, line)| line.starts_with("# ") && before_clauses(*at) && page_title(line).is_some())
        })
        .map(|(at, _)| at)
}

fn is_marker(line: &str) -> bool {
    item(line).is_some() || heading(line).is_some() || chapter(line).is_some()
}

/// Cuts a version's lines into title, preamble and clauses.
pub(crate) fn parse_lines(lines: &[String]) -> Parsed {
    let mut parsed = Parsed::default();
    let mut rest = lines;
    if let Some(at) = title_line(lines) {
        // What comes before the title (a cookie banner, a menu) is kept in
        // the preamble, for the writer to judge.
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
    let numbered = numbered_captions(rest);
    let listed = marked_runs(rest);
    // Under a 改定履歴 caption, a line that starts with a date is a revision.
    let mut in_history = false;
    for (index, line) in rest.iter().enumerate() {
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
            heading(line).or_else(|| numbered.contains(&index).then(|| numbered_heading(line)).flatten())
        };
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
    nesting::nest(&mut parsed.sections);
    assign_ids(&mut parsed.sections);
    parsed
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
    let prose_after =
        |at: usize| lines[at + 1..].iter().take_while(|l| item(l).is_none()).any(|l| l.trim_end().ends_with('。'));
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
fn caption_text(found: &classify::Item) -> String {
    classify::unmarked(found).to_string()
}

fn assign_ids(sections: &mut [Section]) {
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

/// The id of a clause about nothing recognised: its article number where
/// the text gives one (第5条の2 is `article-5-2`), else its position.
fn fallback_id(section: &Section, index: usize) -> String {
    match section.heading.as_ref().and_then(|h| h.number) {
        Some((number, Some(branch))) => format!("article-{number}-{branch}"),
        Some((number, None)) => format!("article-{number}"),
        None => format!("article-{}", index + 1),
    }
}

/// Gives the clauses the ids of the same version in another language, one
/// for one in order, when they are as many (the languages of a version
/// must have the same ids in the same order); else says what to do.
fn align_ids(sections: &mut [Section], ids: &[String], report: &mut Vec<String>) {
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

/// Imports the input: the version (or two), its policy.toml and blocks.
pub fn import(input: &ImportInput<'_>) -> Result<Draft, String> {
    if let Some((line, column, found)) = read::marks::reserved_in(input.text) {
        return Err(format!(
            "line {line}, column {column}: the input holds U+{:04X}, a character no text in interchange holds (a \
             Unicode noncharacter or control character): remove it and import again",
            u32::from(found)
        ));
    }
    let (text, front_matter) = split_front_matter(input.text);
    let cleaned = if lines::is_html(&text) {
        lines::html_to_text(&text)
    } else {
        links::mark_markdown(&emphasis::mark_markdown(&markdown_syntax(&text))).into_owned()
    };
    let all = if lines::is_html(&text) {
        lines::clean_lines(&cleaned, is_marker)
    } else {
        lines::clean_text_lines(&cleaned, is_marker)
    };
    let split = lines::split_versions(&all);
    let (current_lines, notice) = match &split {
        Some(two) => (two.after.clone(), two.notice.clone()),
        None => (all.clone(), Vec::new()),
    };
    let mut parsed = parse_lines(&current_lines);
    let effective = input.effective.or(parsed.latest).ok_or_else(|| {
        "no 制定日 or 改定日 found in the text: give the effective date with --effective YYYY-MM-DD".to_string()
    })?;
    let mut builder = emit::Builder::new(input, effective);
    if let Some(left_out) = furniture::left_out(&text, &cleaned, lines::is_html(&text)) {
        builder.report.push(left_out);
    }
    if let Some(ids) = input.sibling_ids.get(&effective) {
        align_ids(&mut parsed.sections, ids, &mut builder.report);
    }
    if parsed.sections.is_empty() {
        builder.report.push(
            "no article headings were recognised: the whole text is the preamble; mark clauses with `## Caption {#id}`"
                .into(),
        );
    }
    if front_matter {
        builder.report.push("the input's front matter (between `---` or `+++` lines) is left out".into());
    }
    if parsed.before_title > 0 {
        let first = parsed.preamble.first().map_or("", String::as_str);
        builder.report.push(format!(
            "{} line(s) before the title (from 「{}」) are kept at the top of the text: delete them if they are not the policy's (a cookie banner, a menu)",
            parsed.before_title,
            first.chars().take(30).collect::<String>()
        ));
    }
    if let Some(two) = &split {
        builder.report.push(format!(
            "the page holds two versions (変更前 / 変更後); the 変更後 text is the version of {effective}{}",
            match input.previous_effective {
                Some(date) => format!(", the 変更前 text the version of {date}"),
                None => ", the 変更前 text was not imported: give its effective date with --previous-effective".into(),
            }
        ));
        if let Some(previous) = input.previous_effective {
            if previous >= effective {
                return Err("--previous-effective must be before the effective date".into());
            }
            let earlier = parse_lines(&two.before);
            builder.version(&earlier, previous, false, &[]);
        }
    }
    builder.version(&parsed, effective, split.is_some() && input.previous_effective.is_some(), &notice);
    if !input.policy_exists {
        builder.policy_toml(&parsed);
    } else if let Some(title) = &parsed.title {
        builder.handed_over.push_str(&format!("{title}\n"));
        builder.report.push(format!(
            "content/{}/policy.toml is kept as it was: its `{}` title should be 「{}」",
            input.slug,
            input.lang,
            links::plain(title)
        ));
    }
    let source_lines: Vec<String> = match (&split, input.previous_effective) {
        (Some(two), None) => two.notice.iter().chain(&two.after).cloned().collect(),
        (Some(two), Some(_)) => two.notice.iter().chain(&two.before).chain(&two.after).cloned().collect(),
        (None, _) => all,
    };
    Ok(builder.finish(&source_lines))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let parsed = parse_lines(&lines);
        let captions: Vec<&str> =
            parsed.sections.iter().filter_map(|s| s.heading.as_ref().map(|h| h.caption.as_str())).collect();
        assert_eq!(captions, ["個人情報の取得", "利用目的", "第三者提供"]);
        assert_eq!(parsed.sections[1].lines.len(), 3, "the 号 items stay in their clause");
    }
}
