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
use read::input::{plain_text, split_front_matter};
use read::{furniture, lines, links};
pub(crate) use structure::sections::{Parsed, Section, caption_text};
use structure::sections::{align_ids, is_marker, parse_lines};

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
    /// Where the draft does not keep the input's text as written, one line
    /// each (`line N: …`): a sentence missing or changed, lines joined
    /// across a blank line. An import that alters a word must say so.
    pub altered: Vec<String>,
}

/// Imports the input: the version (or two), its policy.toml and blocks.
pub fn import(input: &ImportInput<'_>) -> Result<Draft, String> {
    refuse_reserved(input.text)?;
    let (text, front_matter) = split_front_matter(input.text, &|line| structure::classify::title(line).is_some());
    let (cleaned, all, footers) = clean_lines(&text)?;
    let split = lines::split_versions(&all);
    let (current_lines, notice) = match &split {
        Some(two) => (two.after.clone(), two.notice.clone()),
        None => (all.clone(), Vec::new()),
    };
    let standalone = lines::paragraph_starts(&cleaned);
    let mut parsed = parse_lines(&current_lines, &standalone);
    let effective = input.effective.or(parsed.latest).ok_or_else(|| match split {
        Some(_) => {
            "no date the text was established, revised or takes effect on (制定日, 改定日, 施行日) was found: give the effective date of the 変更後 text with --effective \
                    YYYY-MM-DD, and that of the 変更前 text with --previous-effective YYYY-MM-DD"
                .to_string()
        }
        None => {
            "no date the text was established, revised or takes effect on (制定日, 改定日, 施行日; \"Effective\", \"Last updated\") was found: give the effective date with --effective YYYY-MM-DD".to_string()
        }
    })?;
    let mut builder = emit::Builder::new(input, effective);
    builder.report.extend(furniture::left_out(footers, &cleaned));
    if let Some(ids) = input.sibling_ids.get(&effective) {
        align_ids(&mut parsed.sections, ids, &mut builder.report);
    }
    report_structure(&mut builder.report, &parsed, front_matter);
    if let Some(two) = &split {
        previous_version(input, &mut builder, (two, &standalone), effective)?;
    }
    builder.version(&parsed, effective, split.is_some() && input.previous_effective.is_some(), &notice);
    policy_file(input, &mut builder, &parsed);
    let source_lines: Vec<String> = match (&split, input.previous_effective) {
        (Some(two), None) => two.notice.iter().chain(&two.after).cloned().collect(),
        (Some(two), Some(_)) => two.notice.iter().chain(&two.before).chain(&two.after).cloned().collect(),
        (None, _) => all,
    };
    Ok(builder.finish(&source_lines, &cleaned))
}

/// An input holding one of the importer's own marks could forge structure.
fn refuse_reserved(text: &str) -> Result<(), String> {
    match read::marks::reserved_in(text) {
        Some((line, column, found)) => Err(format!(
            "line {line}, column {column}: the input holds U+{:04X}, a character no text in interchange holds (a \
             Unicode noncharacter or control character): remove it and import again",
            u32::from(found)
        )),
        None => Ok(()),
    }
}

/// The input as text with its marks (links, emphasis, tables), as clean
/// lines, and how many site footers and menus of a page were left out.
fn clean_lines(text: &str) -> Result<(String, Vec<String>, LeftOut), String> {
    if read::html::is_html(text) {
        let page = read::html::read(text)?;
        let all = lines::clean_lines(&page.text, is_marker);
        Ok((page.text, structure::classify::split_inline_captions(all), (page.footers_left_out, page.menus_left_out)))
    } else {
        let cleaned = if read::markdown::is_markdown(text) { read::markdown::read(text) } else { plain_text(text) };
        let all = lines::clean_text_lines(&cleaned, is_marker);
        Ok((cleaned, structure::classify::split_inline_captions(all), (0, 0)))
    }
}

/// How many site footers, and site headers or menus, a page's reading left out.
type LeftOut = (usize, usize);

/// What the report says about the structure found.
fn report_structure(report: &mut Vec<String>, parsed: &Parsed, front_matter: bool) {
    if parsed.sections.is_empty() {
        report.push(
            "no article headings were recognised: the whole text is the preamble; mark clauses with `## Caption {#id}`"
                .into(),
        );
    }
    if front_matter {
        report.push("the input's front matter (between `---` or `+++` lines) is left out".into());
    }
    if parsed.before_title > 0 {
        let first = parsed.preamble.first().map_or("", String::as_str);
        report.push(format!(
            "{} line(s) before the title (from 「{}」) are kept at the top of the text: delete them if they are not the policy's (a cookie banner, a menu)",
            parsed.before_title,
            first.chars().take(30).collect::<String>()
        ));
    }
}

/// A page with 変更前 and 変更後: the 変更前 text is a version of its own when
/// its effective date is given.
fn previous_version(
    input: &ImportInput<'_>,
    builder: &mut emit::Builder<'_>,
    (two, standalone): (&lines::TwoVersions, &lines::Paragraphs),
    effective: Date,
) -> Result<(), String> {
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
        builder.version(&parse_lines(&two.before, standalone), previous, false, &[]);
    }
    Ok(())
}

/// `policy.toml` for a new policy; for one already there, what its title
/// should be.
fn policy_file(input: &ImportInput<'_>, builder: &mut emit::Builder<'_>, parsed: &Parsed) {
    if !input.policy_exists {
        builder.policy_toml(parsed);
    } else if let Some(title) = &parsed.title {
        builder.handed_over.push_str(&format!("{title}\n"));
        builder.report.push(format!(
            "content/{}/policy.toml is kept as it was: its `{}` title should be 「{}」",
            input.slug,
            input.lang,
            links::plain(title)
        ));
    }
}
