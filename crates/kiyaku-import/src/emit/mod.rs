//! Writing the draft: Markdown for each version, TOML for the policy and its
//! blocks, and the fidelity measure (how much of the input the draft keeps).

mod blocks;
pub(crate) mod fidelity;
pub(crate) mod markdown;
mod mentions;

use std::collections::BTreeMap;
use std::path::PathBuf;

use jiff::civil::Date;

use crate::emit::markdown::{Numbering, Piece, escape, heading_attributes, write_pieces};
use crate::read::links;
use crate::structure::classify::{Item, LIST_BREAK, Marker, item};
use crate::structure::contact::{Found, find_regions};
use crate::{Draft, ImportInput, Parsed, Section};
use blocks::is_business;

/// A block's fields: TOML keys and values, in the order written.
type Fields = Vec<(&'static str, String)>;

pub(crate) struct Builder<'a> {
    input: &'a ImportInput<'a>,
    effective: Date,
    files: Vec<(PathBuf, String)>,
    blocks: BTreeMap<String, (String, Found)>,
    pub report: Vec<String>,
    clause_ids: Vec<String>,
    /// Text the report hands over (for a file kept as it was), which the
    /// fidelity measure counts as kept.
    pub handed_over: String,
    /// The articles of the version being written, for its mentions.
    articles: mentions::Articles,
    /// By version file: what its links with no text show (for the fidelity measure).
    labels: BTreeMap<PathBuf, BTreeMap<String, String>>,
}

/// The summary: a notice's 「変更内容：…」, else a line saying where the
/// version came from.
fn summary_of(notice: &[String], lang: &str) -> String {
    let stated = notice.iter().find_map(|l| {
        l.split_once(['：', ':'])
            .filter(|(k, _)| k.contains("変更内容") || k.contains("改定内容"))
            .map(|(_, v)| v.trim().to_string())
    });
    stated.unwrap_or_else(|| {
        if lang == "ja" {
            "既存の文書から取り込んだ版".into()
        } else {
            "Imported from an existing document.".into()
        }
    })
}

/// The latest date a notice's lines give (「2024年5月20日」 on a line of its
/// own, or 「2024年5月20日 公表」).
fn notice_date(notice: &[String]) -> Option<Date> {
    let dated = notice.iter().flat_map(|line| {
        let found = crate::structure::dates::date_lines(line).into_iter().map(|d| d.date);
        found.chain(crate::structure::dates::history_date(line).map(|d| d.date))
    });
    dated.max()
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

impl<'a> Builder<'a> {
    pub(crate) fn new(input: &'a ImportInput<'a>, effective: Date) -> Self {
        Builder {
            input,
            effective,
            files: Vec::new(),
            blocks: BTreeMap::new(),
            report: Vec::new(),
            clause_ids: Vec::new(),
            handed_over: String::new(),
            articles: mentions::Articles::default(),
            labels: BTreeMap::new(),
        }
    }

    /// Adds one version's Markdown file (and its blocks).
    pub(crate) fn version(&mut self, parsed: &Parsed, date: Date, revision: bool, notice: &[String]) {
        let lang = self.input.lang;
        let summary = summary_of(notice, lang);
        let mut text = format!("+++\neffective = {date}\n");
        // The notice says when the revision was announced: its date.
        let announced = notice_date(notice).filter(|day| *day <= date);
        if let Some(announced) = announced {
            text.push_str(&format!("announced = {announced}\n"));
        }
        if revision {
            text.push_str("change = \"material\"   # or \"editorial\": check\n");
        }
        text.push_str(&format!("summary = {}\n+++\n", toml_string(&summary)));
        self.hand_over_notice(notice, announced);
        // Heading marks outside clauses are scraping debris; its lists (a
        // table of contents) are lists, its tables tables.
        let preamble: Vec<String> =
            parsed.preamble.iter().map(|line| line.trim_start_matches('#').trim().to_string()).collect();
        write_pieces(&mut text, self.line_pieces(&preamble, &BTreeMap::new()));
        let mut numbering = Numbering::default();
        self.articles = mentions::Articles::default();
        let mut written = Vec::new();
        // Each id once across the versions (a set: a page may have 100,000 clauses).
        let mut listed: std::collections::HashSet<String> = self.clause_ids.iter().cloned().collect();
        for section in &parsed.sections {
            written.push((self.section(section, &mut numbering), section.unnumbered));
            if listed.insert(section.id.clone()) {
                self.clause_ids.push(section.id.clone());
            }
        }
        // A 附則 or a revision history names articles as they were numbered
        // then: its mentions stay as written.
        let (mut body, mut linked) = (String::new(), 0);
        for (section, unnumbered) in written {
            let (section, count) =
                if unnumbered { (section, 0) } else { mentions::link(&section, &self.articles, lang) };
            body.push_str(&section);
            linked += count;
        }
        if linked > 0 {
            self.report.push(format!(
                "{date}: {linked} mention(s) of its own articles (第N条) made links with no text, [](#id): kiyaku shows the article's number and keeps it right when articles are added or removed"
            ));
        }
        text.push_str(&body);
        let (text, in_page) = crate::read::links::resolve_in_page(&text, |heading| clause_named(parsed, heading));
        if in_page > 0 {
            self.report.push(format!(
                "{date}: {in_page} link(s) to headings of the page point to the clauses they became ([text](#id))"
            ));
        }
        let path = PathBuf::from(format!("content/{}/{date}.{lang}.md", self.input.slug));
        self.labels.insert(path.clone(), self.articles.labels(lang));
        self.files.push((path, text));
    }

    /// A 変更前／変更後 page's own lines (its title, date, greeting, 変更内容)
    /// are the notice's, not the policy's: left out of the version, and
    /// named in the report (the fidelity measure counts them as handed over).
    fn hand_over_notice(&mut self, notice: &[String], announced: Option<Date>) {
        let lines: Vec<&String> = notice.iter().filter(|l| !l.trim().is_empty()).collect();
        let Some(first) = lines.first() else { return };
        let date = match announced {
            Some(day) => format!("its date, {day}, is the version's `announced`"),
            None => "it gives no date: add `announced` to the front matter".to_string(),
        };
        self.report.push(format!(
            "the notice's own text ({} line(s), from 「{}」) is not the policy's: left out of the draft; {date}",
            lines.len(),
            first.trim().chars().take(30).collect::<String>()
        ));
        for line in lines {
            self.handed_over.push_str(line);
            self.handed_over.push('\n');
        }
    }

    fn section(&mut self, section: &Section, numbering: &mut Numbering) -> String {
        let caption = section.heading.as_ref().map_or(String::new(), |h| h.caption.clone());
        // Sub-clauses are numbered within their clause, by position.
        let attrs = if section.sub {
            format!("#{}", section.id)
        } else {
            let (attrs, warning) = heading_attributes(section, numbering);
            self.report.extend(warning);
            // A mention of this article names it only when the draft keeps its number.
            if let Some((number, branch)) = section.heading.as_ref().and_then(|h| h.number)
                && numbering.last() == (number, branch.unwrap_or(0))
            {
                self.articles.add(numbering.last(), &section.id);
            }
            attrs
        };
        let caption = if caption.is_empty() { section.id.clone() } else { escape(&caption, false) };
        let marks = if section.sub { "###" } else { "##" };
        let mut out = format!("\n{marks} {caption} {{{attrs}}}\n");
        write_pieces(&mut out, self.pieces(section));
        out
    }

    /// The section's lines as text, nested list items and block references.
    fn pieces(&mut self, section: &Section) -> Vec<Piece> {
        let taken = self.take_blocks(section);
        self.line_pieces(&section.lines, &taken)
    }

    /// Lines as text and nested list items, with the lines `taken` by
    /// blocks replaced by their references.
    fn line_pieces(&self, lines: &[String], taken: &BTreeMap<usize, Option<Piece>>) -> Vec<Piece> {
        let mut pieces: Vec<Piece> = Vec::new();
        // The nesting of list items in this list run, and the level each kind
        // of marker had when first seen in the section ((1) over 1. over ①).
        let mut stack: Vec<Marker> = Vec::new();
        let mut levels: Vec<Marker> = Vec::new();
        for (index, line) in lines.iter().enumerate() {
            if let Some(replacement) = taken.get(&index) {
                pieces.extend(replacement.clone());
                stack.clear();
                continue;
            }
            for part in split_bullets(line) {
                if part.starts_with(LIST_BREAK) {
                    stack.clear();
                    levels.clear();
                }
                match item(&part).filter(|found| !self.is_footnote(found)) {
                    Some(Item { marker, number, text }) => {
                        if !levels.contains(&marker) {
                            levels.push(marker);
                        }
                        let depth = match stack.iter().position(|m| *m == marker) {
                            Some(depth) => depth,
                            None => levels.iter().position(|m| *m == marker).unwrap_or(0).min(stack.len()),
                        };
                        stack.truncate(depth);
                        stack.push(marker);
                        // ①, (1) and the like stay in the text (the page shows them, see
                        // html/lists.rs); 1., [1] and HTML lists are numbered by Markdown.
                        let ordered = matches!(marker, Marker::Dot | Marker::Bracket | Marker::Level(_));
                        pieces.push(Piece::Item { depth, ordered, number, text });
                    }
                    None => {
                        stack.clear();
                        pieces.push(Piece::Text(part));
                    }
                }
            }
        }
        pieces
    }

    /// The section's lines that hold contact details made into blocks: the
    /// first line of each becomes the block's reference, the others go.
    fn take_blocks(&mut self, section: &Section) -> BTreeMap<usize, Option<Piece>> {
        let caption = section.heading.as_ref().map_or("", |h| h.caption.as_str());
        let about = format!("{caption}\n{}", section.lines.join("\n"));
        let mut taken: BTreeMap<usize, Option<Piece>> = BTreeMap::new();
        let plain: Vec<String> =
            section.lines.iter().map(|line| crate::read::links::plain(line).into_owned()).collect();
        for region in find_regions(&plain, &crate::read::links::plain(&about)) {
            // The business itself (name, address, then its representative), not a desk.
            let after = region.lines.last().map(|last| last + 1);
            let representative = after.filter(|&i| is_business(&region.found, plain.get(i).map_or("", String::as_str)));
            let made = match representative {
                Some(line) => self.business_block(&region.found, &plain[line]),
                None => self.block(&region.found, caption),
            };
            if made.is_ok() && region.found.complaint_body && region.found.department.is_none() {
                self.report.push(format!(
                    "the accredited body in 「{caption}」 names no desk: blocks/ has a stand-in (苦情相談窓口 / Complaints desk): write the body's own desk name"
                ));
            }
            match made {
                Ok((kind, id)) => {
                    for (n, line) in region.lines.iter().chain(&representative).enumerate() {
                        taken.insert(*line, (n == 0).then(|| Piece::Block { kind, id: id.clone() }));
                    }
                }
                Err(missing) => self.report.push(format!(
                    "contact details in 「{caption}」 stay as text: {missing} (write the block by hand, see docs/format.md)"
                )),
            }
        }
        taken
    }

    /// A `[1] …` line whose mark the text cites (`…取得します[1]。`) is a
    /// footnote, not the first item of a list.
    fn is_footnote(&self, found: &Item) -> bool {
        let Some(number) = found.number.filter(|_| found.marker == Marker::Bracket) else { return false };
        let marks = [format!("[{number}]"), format!("[^{number}]")];
        let cited = |line: &str| marks.iter().any(|mark| line.trim().find(mark.as_str()).is_some_and(|at| at > 0));
        // Written on a line of its own, without a bullet (「- [1] 氏名」 is a list).
        let defined = |line: &str| marks.iter().any(|mark| line.trim().starts_with(mark.as_str()));
        self.input.text.lines().any(cited) && self.input.text.lines().any(defined)
    }

    fn since(&self) -> Date {
        self.input.previous_effective.map_or(self.effective, |p| p.min(self.effective))
    }

    /// A text field in every site language (the import's text in each).
    fn text(&self, value: &str) -> String {
        let entries: Vec<String> =
            self.input.languages.iter().map(|l| format!("{l} = {}", toml_string(value))).collect();
        format!("{{ {} }}", entries.join(", "))
    }

    /// `content/<slug>/policy.toml` for a policy the site does not have yet.
    pub(crate) fn policy_toml(&mut self, parsed: &Parsed) {
        let title =
            parsed.title.as_deref().map_or_else(|| self.input.slug.to_string(), |t| links::plain(t).into_owned());
        let holds = |words: &[&str]| words.iter().any(|w| crate::structure::classify::holds_word(&title, w));
        let kind = if holds(&["規約", "約款", "Terms", "Conditions", "Agreement"]) {
            "terms"
        } else if holds(&["Cookie", "クッキー", "外部送信"]) {
            "cookies"
        } else if holds(&["個人情報", "プライバシー", "Privacy"]) {
            "privacy"
        } else {
            "other"
        };
        // 第N条 / Article N are articles; 1. 2. 3. captions are sections.
        let numbered = parsed.sections.iter().any(|s| s.heading.as_ref().is_some_and(|h| h.number.is_some()));
        let numbering = match numbered {
            true if parsed.articles => "articles",
            true => "sections",
            false => "none",
        };
        let mut text = format!("kind = \"{kind}\"\nnumbering = \"{numbering}\"\n");
        if let Some(established) = parsed.established {
            text.push_str(&format!("established = {established}\n"));
        }
        text.push_str("\n[title]\n");
        for lang in self.input.languages {
            text.push_str(&format!("{lang} = {}\n", toml_string(&title)));
        }
        if kind == "privacy" {
            text.push_str(&self.appi_table());
        }
        self.files.push((PathBuf::from(format!("content/{}/policy.toml", self.input.slug)), text));
    }

    fn appi_table(&self) -> String {
        let has = |id: &str| self.clause_ids.iter().any(|c| c == id);
        let mut lines =
            String::from("\n# APPI art. 32: where each disclosure is made (check, and add what is missing).\n[appi]\n");
        for (item, clause) in
            [("purposes", "purposes"), ("requests", "disclosure"), ("security", "security"), ("complaints", "contact")]
        {
            if has(clause) {
                lines.push_str(&format!("{item} = \"{clause}\"\n"));
            }
        }
        if let Some(body) = self.blocks.iter().find(|(_, (_, f))| f.complaint_body).map(|(id, _)| id) {
            lines.push_str(&format!("accredited-body = \"block:{body}\"\n"));
        }
        lines
    }

    /// The files, with the report and the fidelity measure.
    pub(crate) fn finish(mut self, input_lines: &[String], input_text: &str) -> Draft {
        let mut output = self.handed_over.clone();
        for (path, text) in &self.files {
            if path.extension().is_some_and(|e| e == "md") {
                let labels = self.labels.get(path).cloned().unwrap_or_default();
                output.push_str(&crate::emit::fidelity::markdown_text(text, &labels));
            } else {
                output.push_str(text);
            }
        }
        let found = crate::emit::fidelity::fidelity(input_lines, &output);
        let mut altered: Vec<String> =
            found.missing.iter().map(|sentence| format!("not found in the draft: 「{sentence}」")).collect();
        altered
            .extend(found.split.iter().map(|sentence| format!("split across two parts of the draft: 「{sentence}」")));
        let blocks: Vec<String> = self
            .files
            .iter()
            .filter(|(path, _)| path.extension().is_some_and(|e| e == "md"))
            .flat_map(|(_, text)| crate::emit::fidelity::markdown_blocks(text))
            .collect();
        let joined = crate::emit::fidelity::joined(input_text, &blocks);
        altered.extend(joined.into_iter().map(|(line, note)| format!("line {line}: {note}")));
        let others: Vec<&String> = self.input.languages.iter().filter(|l| l.as_str() != self.input.lang).collect();
        if !others.is_empty() && !self.blocks.is_empty() {
            self.report.push(format!(
                "blocks/ text fields hold the {} text in every language: translate them",
                self.input.lang
            ));
        }
        if self.files.iter().any(|(p, _)| p.ends_with("policy.toml")) && !others.is_empty() {
            self.report.push("policy.toml: the title is the imported one in every language: translate it".into());
        }
        Draft {
            block_ids: self.blocks.keys().cloned().collect(),
            clause_ids: self.clause_ids,
            files: self.files,
            report: self.report,
            kept_sentences: found.sentences,
            altered,
            kept_chars: found.chars,
        }
    }
}

/// A line holding several ・ items, as scraped pages often do.
fn split_bullets(line: &str) -> Vec<String> {
    if !line.starts_with('・') || line.matches('・').count() < 2 {
        return vec![line.to_string()];
    }
    line.split(" ・")
        .flat_map(|p| p.split("　・"))
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .map(|p| if p.starts_with('・') { p } else { format!("・{p}") })
        .collect()
}

/// The id of the clause whose caption a heading's text gives (with or
/// without its number: 「6. Contact Us」 is the clause 「Contact Us」).
fn clause_named(parsed: &Parsed, heading: &str) -> Option<String> {
    static NUMBER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^(?:第[0-9０-９一二三四五六七八九十百]+条(?:の[0-9０-９一二三四五六七八九十]+)?|(?i:article|section)\s*[0-9]+|[0-9０-９]+(?:[.．][0-9０-９]+)*[.．)）]?|[（(][0-9０-９]+[）)])[\s　]*",
        )
        .unwrap()
    });
    let bare = NUMBER.replace(heading.trim(), "").to_string();
    let plain = |text: &str| crate::read::links::plain(text).split_whitespace().collect::<Vec<_>>().join(" ");
    let (heading, bare) = (plain(heading), plain(&bare));
    parsed.sections.iter().find_map(|section| {
        let caption = plain(&section.heading.as_ref()?.caption);
        (!caption.is_empty() && (caption == bare || caption == heading)).then(|| section.id.clone())
    })
}
