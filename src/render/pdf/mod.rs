//! The PDF record of each version, in each language, and of each
//! version's 新旧対照表: A4, the fonts subset and embedded, the text
//! selectable; the policy, the version's 施行日 and 公表日 at the head of
//! every page and "N / M" at the foot; the permanent URL and the text's
//! hash (the JSON's `sha256`) on the first page.
//!
//! Made from the same view structs as the pages (typst lays them out, see
//! `typeset`), so a PDF says what its page says. Without the `pdf` feature
//! (or without a font) no PDF is made and pages do not link one.

#[cfg(feature = "pdf")]
mod markup;
#[cfg(feature = "pdf")]
mod typeset;

#[cfg(feature = "pdf")]
pub use typeset::PdfFonts;

/// Without the `pdf` feature there are no fonts to set a PDF in.
#[cfg(not(feature = "pdf"))]
#[derive(Debug)]
pub struct PdfFonts;

#[cfg(not(feature = "pdf"))]
impl PdfFonts {
    /// Always `None`: this kiyaku was built without PDFs.
    pub fn new(_files: &[crate::load::FontFile]) -> Option<Self> {
        None
    }

    /// No fonts, no glyphs.
    pub fn covers_japanese(&self) -> bool {
        false
    }
}

use crate::render::OutputFile;
use crate::render::compare::table::ComparisonView;
#[cfg(feature = "pdf")]
use crate::render::view::ClauseView;
use crate::render::view::{VersionView, Views};

/// The previous build's files, from which a PDF typeset from the same
/// markup is taken (the render stage's cache implements it).
#[cfg_attr(not(feature = "pdf"), allow(dead_code))]
pub(crate) trait KeptFiles: Sync {
    /// Takes the file at `path` of the previous build, made under `key`, as
    /// one of the stream `(slug, lang)`'s; false when there is none.
    fn reuse_file(&self, stream: (&str, &str), path: &str, key: u64) -> bool;
    /// Records that the file at `path` was made under `key`.
    fn record_file(&self, path: &str, key: u64);
}

/// What a PDF's first page says of the text, besides its title.
pub struct Record<'a> {
    /// The page's language (labels, line breaking).
    pub lang: &'a str,
    /// The policy's slug: the PDF is one of its stream's files.
    pub slug: &'a str,
    /// The policy's title, or the comparison's.
    pub title: &'a str,
    /// The running head of every page.
    pub head: String,
    /// The version's permanent URL (the comparison's address for a 新旧対照表).
    pub url: &'a str,
    /// The hash of the text, for a version.
    pub sha256: Option<&'a str>,
    /// Where the PDF goes, below the output folder.
    pub file: String,
}

/// A PDF that typst could not make: the build fails, saying which.
pub(crate) fn error(message: String) -> minijinja::Error {
    minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, format!("the PDF {message}"))
}

impl Views<'_, '_> {
    /// The running head of a version's PDF pages and printed pages.
    pub fn print_head(&self, lang: &str, title: &str, version: &VersionView) -> String {
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("title", title);
        args.set("effective", version.head.effective.text.as_str());
        let key = match &version.head.announced {
            Some(announced) => {
                args.set("announced", announced.text.as_str());
                "print-head-announced"
            }
            None => "print-head",
        };
        self.i18n.message(lang, key, Some(&args)).unwrap_or_default()
    }
}

#[cfg(not(feature = "pdf"))]
impl Views<'_, '_> {
    /// No PDF: this kiyaku was built without the `pdf` feature.
    pub fn version_pdf(&self, _record: &Record<'_>, _version: &VersionView) -> Result<Option<OutputFile>, String> {
        Ok(None)
    }

    /// No PDF: this kiyaku was built without the `pdf` feature.
    pub fn changes_pdf(
        &self,
        _record: &Record<'_>,
        _version: &VersionView,
        _comparison: &ComparisonView,
    ) -> Result<Option<OutputFile>, String> {
        Ok(None)
    }
}

#[cfg(feature = "pdf")]
use markup::{LinkBase, from_html, from_html_in_cell, is_label, literal, text};

#[cfg(feature = "pdf")]
impl Views<'_, '_> {
    /// The PDF of a version, when this build makes PDFs.
    pub fn version_pdf(&self, record: &Record<'_>, version: &VersionView) -> Result<Option<OutputFile>, String> {
        let Some(fonts) = self.pdf else { return Ok(None) };
        let mut ids = std::collections::BTreeSet::new();
        collect_ids(&version.clauses, &mut ids);
        let has_label = |id: &str| ids.contains(id);
        self.typeset(record, fonts, &has_label, &|links| version_body(version, links), version)
    }

    /// The PDF of a 新旧対照表, when this build makes PDFs.
    pub fn changes_pdf(
        &self,
        record: &Record<'_>,
        version: &VersionView,
        comparison: &ComparisonView,
    ) -> Result<Option<OutputFile>, String> {
        let Some(fonts) = self.pdf else { return Ok(None) };
        let body = |links: &LinkBase<'_>| self.changes_body(record.lang, version, comparison, links);
        self.typeset(record, fonts, &|_| false, &body, version)
    }

    fn typeset(
        &self,
        record: &Record<'_>,
        fonts: &PdfFonts,
        has_label: &dyn Fn(&str) -> bool,
        body: &dyn Fn(&LinkBase<'_>) -> String,
        version: &VersionView,
    ) -> Result<Option<OutputFile>, String> {
        let absolute = |path: &str| self.site.urls.absolute(path);
        let links = LinkBase { absolute: &absolute, has_label };
        let mut markup = self.preamble(record, fonts, version);
        markup.push_str(&body(&links));
        // The same markup in the same fonts is the same PDF: a build on a
        // new day takes it from the last build instead of typesetting it.
        let key = fonts.key_of(&markup, record.url);
        if let Some(files) = self.files
            && files.reuse_file((record.slug, record.lang), &record.file, key)
        {
            return Ok(None);
        }
        let bytes = typeset::typeset(markup, record.url, fonts).map_err(|e| format!("{}: {e}", record.file))?;
        if let Some(files) = self.files {
            files.record_file(&record.file, key);
        }
        Ok(Some(OutputFile::new(record.file.clone(), bytes)))
    }

    /// The page set-up, the title and the facts of the first page.
    fn preamble(&self, record: &Record<'_>, fonts: &PdfFonts, version: &VersionView) -> String {
        let lang = record.lang;
        let families: Vec<String> = fonts.families.iter().map(|f| literal(f)).collect();
        let typst_lang = lang.split('-').next().filter(|l| (2..=3).contains(&l.len())).unwrap_or("en");
        let mut out = format!(
            "#set document(title: {title})\n\
             #set page(paper: \"a4\", margin: (top: 24mm, bottom: 20mm, x: 20mm),\n  \
             header: [#set text(size: 8pt, fill: luma(70)); {head} #v(-6pt) #line(length: 100%, stroke: 0.3pt + luma(150))],\n  \
             footer: context [#set text(size: 8pt, fill: luma(70)); #align(center, counter(page).display(\"1 / 1\", both: true))])\n\
             #set text(font: ({fonts},), size: 10pt, lang: {lang_code}, cjk-latin-spacing: none)\n\
             #set list(marker: ([•], [・], [–]))\n\
             #set par(justify: true, leading: 0.8em, spacing: 1.1em)\n\
             #show table.cell: set par(justify: false)\n\
             #show grid.cell: set par(justify: false)\n\
             #show raw: set text(font: ({fonts},), size: 8pt)\n\
             #show heading: set block(above: 1.5em, below: 0.8em)\n\
             #show heading.where(level: 1): set text(size: 15pt)\n\
             #show heading.where(level: 2): set text(size: 11.5pt)\n\
             #show heading.where(level: 3): set text(size: 10.5pt)\n\
             #show link: set text(fill: rgb(\"#0b57b0\"))\n\
             #heading(level: 1)[{title_text}]\n\n",
            title = literal(record.title),
            head = text(&record.head),
            fonts = families.join(", "),
            lang_code = literal(typst_lang),
            title_text = text(record.title),
        );
        // Each fact as (label, value), both typst markup.
        let label = |key: &str| text(&self.i18n.text(lang, key));
        let mut facts = vec![(label("banner-effective"), text(&version.head.effective.text))];
        if let Some(announced) = &version.head.announced {
            facts.push((label("banner-announced"), text(&announced.text)));
        }
        facts.push((label("record-url"), format!("#link({})[{}]", literal(record.url), text(record.url))));
        if let Some(sha256) = record.sha256 {
            facts.push((label("record-sha256"), format!("#raw({})", literal(sha256))));
        }
        if let Some(notice) = self.translation_notice(lang, version) {
            facts.push((String::new(), format!("#strong[{}]", text(&notice))));
        }
        let cells: Vec<String> = facts.into_iter().map(|(label, value)| format!("[{label}], [{value}]")).collect();
        out.push_str(&format!(
            "#block(width: 100%, inset: 6pt, stroke: 0.4pt + luma(150))[#set text(size: 8.5pt); #grid(columns: (auto, 1fr), column-gutter: 1em, row-gutter: 0.5em, {})]\n\n",
            cells.join(", ")
        ));
        out
    }

    /// What the page says of a text in another language, or of a translation.
    fn translation_notice(&self, lang: &str, version: &VersionView) -> Option<String> {
        let name = |code: &str| {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("code", code);
            self.i18n.message(lang, "language-name-of", Some(&args)).unwrap_or_default()
        };
        let governing = &self.site.config.governing_language;
        let (key, other) = if version.translation_missing {
            ("translation-missing", version.text_lang.as_str())
        } else if version.translation {
            ("governing-notice", governing.as_str())
        } else {
            return None;
        };
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("language", name(lang));
        args.set("governing", name(other));
        self.i18n.message(lang, key, Some(&args)).ok()
    }

    fn changes_body(
        &self,
        lang: &str,
        version: &VersionView,
        comparison: &ComparisonView,
        links: &LinkBase<'_>,
    ) -> String {
        let t = |key: &str| self.i18n.text(lang, key);
        let message = |key: &str, args: &[(&str, &str)]| {
            let mut fluent = fluent_bundle::FluentArgs::new();
            for (name, value) in args {
                fluent.set(*name, *value);
            }
            self.i18n.message(lang, key, Some(&fluent)).unwrap_or_default()
        };
        let (from, to) = (comparison.from.effective.text.as_str(), comparison.to.effective.text.as_str());
        let mut out = text(&message("changes-intro", &[("from", from), ("to", to)]));
        out.push_str("\n\n");
        if comparison.rows.is_empty() {
            out.push_str(&text(&t("changes-no-text-change")));
        }
        let mut cells = Vec::new();
        for row in &comparison.rows {
            let label = row.new_label.as_deref().or(row.old_label.as_deref()).unwrap_or_default();
            let kind = t(&format!("change-kind-{}", row.kind.name()));
            let mut place = format!("#strong[{}] #linebreak(); #text(fill: luma(80))[{}]", text(label), text(&kind));
            if let (Some(old), Some(new)) = (&row.old_label, &row.new_label)
                && old != new
            {
                place.push_str(&format!("#linebreak(); {}", text(&message("changes-was", &[("label", old)]))));
            }
            let empty = |kind: &str, key: &str| if row.kind.name() == kind { text(&t(key)) } else { String::new() };
            let cell = |html: &str, kind: &str, key: &str| {
                if html.is_empty() { empty(kind, key) } else { from_html_in_cell(html, links) }
            };
            let (old, new) =
                (cell(&row.old_html, "added", "changes-none"), cell(&row.new_html, "removed", "changes-deleted"));
            cells.push(format!("[{place}], [{old}], [{new}]"));
        }
        if !cells.is_empty() {
            out.push_str(&format!(
                "#table(columns: (22%, 39%, 39%), stroke: 0.4pt + luma(150), inset: 5pt,\n  table.header([#strong[{}]], [#strong[{}]], [#strong[{}]]),\n  {})\n\n",
                text(&t("changes-place")),
                text(&t("changes-before")),
                text(&t("changes-after")),
                cells.join(",\n  ")
            ));
        }
        if !comparison.unchanged.is_empty() {
            let count = comparison.unchanged.len().to_string();
            let labels: Vec<&str> = comparison.unchanged.iter().map(|c| c.label.as_str()).collect();
            out.push_str(&format!(
                "#strong[{}] #linebreak(); {}\n\n",
                text(&message("changes-unchanged", &[("count", &count)])),
                text(&labels.join(" / "))
            ));
        }
        out.push_str(&format!(
            "#strong[{}] {}\n\n",
            text(&t("changes-supplementary")),
            text(&message("changes-effective", &[("date", to)]))
        ));
        if let Some(announced) = &version.head.announced {
            out.push_str(&text(&message("changes-announced", &[("date", &announced.text)])));
        }
        out
    }
}

#[cfg(feature = "pdf")]
fn version_body(version: &VersionView, links: &LinkBase<'_>) -> String {
    let mut out = from_html(&version.preamble_html, links);
    for clause in &version.clauses {
        clause_markup(clause, 2, links, &mut out);
    }
    out
}

#[cfg(feature = "pdf")]
fn collect_ids(clauses: &[ClauseView], ids: &mut std::collections::BTreeSet<String>) {
    for clause in clauses {
        if is_label(&clause.id) {
            ids.insert(clause.id.clone());
        }
        collect_ids(&clause.children, ids);
    }
}

#[cfg(feature = "pdf")]
fn clause_markup(clause: &ClauseView, level: u8, links: &LinkBase<'_>, out: &mut String) {
    let caption = match &clause.number {
        Some(number) => format!("{number}　{}", clause.title),
        None => clause.title.clone(),
    };
    // The clause's id labels its heading: links to it go there in the PDF.
    let label = if is_label(&clause.id) { format!(" <{}>", clause.id) } else { String::new() };
    out.push_str(&format!("\n\n#heading(level: {level})[{}]{label}\n\n", text(&caption)));
    out.push_str(&from_html(&clause.html, links));
    for child in &clause.children {
        clause_markup(child, (level + 1).min(4), links, out);
    }
}
