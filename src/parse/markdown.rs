//! The body of a version file: Markdown cut into clauses.
//!
//! `##` headings open clauses and `###` headings sub-clauses; each carries an
//! explicit ASCII id (`## 利用目的 {#purposes}`) that becomes its anchor in
//! every language and version. The text between headings is kept as
//! pulldown-cmark events borrowing the source, so rendering later costs no
//! second parse. Fenced blocks whose info string is a block kind
//! (```` ```contact ````) are references to typed blocks. Raw HTML is
//! rejected: policies are text, and nothing a source says may run in a page.

mod checks;

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::base::diag::{Diagnostic, Diagnostics, SourceFile};

/// Block kinds that may be referenced from Markdown.
pub const BLOCK_KINDS: &[&str] = &["business", "contact", "complaint-body", "external-transmission"];

/// Class that keeps a clause out of the numbering (附則, for example).
pub const UNNUMBERED: &str = "unnumbered";

/// Prefix of element ids the theme uses; clause ids may not start with it.
pub const RESERVED_ID_PREFIX: &str = "k-";

/// A run of Markdown (its byte range in the source file, parsed again when
/// rendered: keeping every event of a large site would cost gigabytes), or
/// a reference to a typed block.
#[derive(Debug, Clone)]
pub enum Segment {
    /// Markdown text: its byte range in the source file.
    Markdown(Range<usize>),
    /// Boxed: most segments are Markdown, and a large site keeps every one.
    Block(Box<BlockRef>),
}

/// A reference to a typed block: ```` ```contact\nprivacy-desk\n``` ````.
#[derive(Debug, Clone)]
pub struct BlockRef {
    /// The block kind, from the fence's info string (`business`, `contact`, `complaint-body`,
    /// `external-transmission`).
    pub kind: String,
    /// The referenced block's id: the one in `blocks/<id>.toml`.
    pub id: String,
    /// Byte range of the whole fenced block in the source file.
    pub span: Range<usize>,
}

/// A link found in the text, checked once every policy is known.
#[derive(Debug, Clone)]
pub struct LinkRef {
    /// The destination as written (`#purposes`, `policy:terms#fees`, `https://…`).
    pub dest: String,
    /// Byte range of the link (or image) in the source file.
    pub span: Range<usize>,
    /// The link's text without markup (an image's alternative text); empty
    /// for `[](#id)`, which shows the clause's number.
    pub text: String,
}

/// A clause (`##`) or sub-clause (`###`).
#[derive(Debug, Clone)]
pub struct Clause {
    /// The id from `{#id}`, the clause's anchor; empty when missing or invalid (reported).
    pub id: String,
    /// The heading's text without markup or the `{#id}`.
    pub title: String,
    /// The heading's text as inline HTML (emphasis and code kept).
    pub title_html: String,
    /// Whether it counts in the numbering: false for `.unnumbered` (附則, for example).
    pub numbered: bool,
    /// An explicit number: `{#id number=3-2}` is 第3条の2 (branch numbers).
    pub number: Option<(u32, Option<u32>)>,
    /// A 「削除」 article kept in place so later numbers do not move.
    pub deleted: bool,
    /// The text under the heading, up to the next clause or sub-clause heading.
    pub content: Vec<Segment>,
    /// The `###` sub-clauses of a `##` clause, in order; always empty on a sub-clause.
    pub children: Vec<Clause>,
    /// Byte range of the heading line in the source file.
    pub span: Range<usize>,
}

/// A parsed body: the preamble and the clauses in order.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// The text before the first clause (前文).
    pub preamble: Vec<Segment>,
    /// The `##` clauses in order, each holding its sub-clauses.
    pub clauses: Vec<Clause>,
    /// Every link and image outside clause titles, in document order.
    pub links: Vec<LinkRef>,
}

impl Body {
    /// Gives back the room vectors grew into: a large site keeps every body.
    fn shrink(&mut self) {
        fn shrink_clauses(clauses: &mut Vec<Clause>) {
            clauses.shrink_to_fit();
            for clause in clauses {
                clause.content.shrink_to_fit();
                shrink_clauses(&mut clause.children);
            }
        }
        self.preamble.shrink_to_fit();
        self.links.shrink_to_fit();
        shrink_clauses(&mut self.clauses);
    }

    /// Every block reference, in document order.
    pub fn block_refs(&self) -> Vec<&BlockRef> {
        let clauses = self.clauses.iter().flat_map(|c| std::iter::once(c).chain(c.children.iter()));
        let segments = self.preamble.iter().chain(clauses.flat_map(|c| c.content.iter()));
        segments
            .filter_map(|segment| match segment {
                Segment::Block(block) => Some(&**block),
                Segment::Markdown(_) => None,
            })
            .collect()
    }

    /// Every clause and sub-clause id, in document order.
    pub fn ids(&self) -> Vec<&str> {
        let mut ids = Vec::new();
        for clause in &self.clauses {
            ids.push(clause.id.as_str());
            ids.extend(clause.children.iter().map(|c| c.id.as_str()));
        }
        ids
    }
}

/// The Markdown extensions policies may use (parsing and rendering agree).
pub fn options() -> Options {
    Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// A footnote (`[^1]: …`) is not Markdown kiyaku reads: the page would show
/// `[^1]` as written. Said once per file, at the first note.
fn report_footnotes(source: &SourceFile, start: usize, diags: &mut Diagnostics) {
    let text = &source.text[start..];
    if !text.contains("[^") {
        return;
    }
    let (mut at, mut fenced) = (start, false);
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        // Not in a fenced block (a block reference, or code).
        fenced ^= trimmed.starts_with("```") || trimmed.starts_with("~~~");
        if !fenced && trimmed.starts_with("[^") && trimmed.find("]:").is_some_and(|end| end > 2) {
            let begin = at + (line.len() - trimmed.len());
            diags.push(
                Diagnostic::error(
                    "footnote",
                    "footnotes (`[^1]: …`) are not supported: the page would show them as written",
                )
                .at(source, begin..begin + trimmed.trim_end().len())
                .hint("write the note as text where it belongs, or as a sentence after the paragraph (「（注）…」)"),
            );
            return;
        }
        at += line.len();
    }
}

/// Parses the body starting at byte `start` of `source`.
pub fn parse_body(source: &SourceFile, start: usize, diags: &mut Diagnostics) -> Body {
    let text = &source.text[start..];
    // Control characters written as they are were reported when the file
    // was read; only a character reference (`&#27;`) can bring one in.
    let char_refs = text.contains("&#");
    report_footnotes(source, start, diags);
    let mut builder = BodyBuilder { source, body: Body::default(), diags, char_refs, in_link: 0 };
    let text = ascii_space_after_attributes(text);
    let mut events = Parser::new_ext(&text, options()).into_offset_iter();
    let mut depth = 0usize;
    while let Some((event, range)) = events.next() {
        let span = range.start + start..range.end + start;
        match event {
            Event::Start(Tag::Heading { level, id, classes, attrs }) if depth == 0 && level <= HeadingLevel::H3 => {
                let title = builder.title_events(heading_events(&mut events, start));
                let classes: Vec<String> = classes.iter().map(|c| c.to_string()).collect();
                let attrs: Vec<(String, String)> =
                    attrs.iter().map(|(k, v)| (k.to_string(), v.as_deref().unwrap_or_default().to_string())).collect();
                builder.heading(Heading { level, id: id.map(|id| id.to_string()), classes, attrs }, title, span);
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if BLOCK_KINDS.contains(&info.split_whitespace().next().unwrap_or_default()) =>
            {
                let content = fenced_text(events.by_ref().map(|(event, _)| event));
                builder.block(info.split_whitespace().next().unwrap_or_default(), &content, span);
            }
            Event::Html(_) | Event::InlineHtml(_) => builder.raw_html(span),
            Event::Start(Tag::Heading { id, classes, attrs, .. })
                if id.is_some() || !classes.is_empty() || !attrs.is_empty() =>
            {
                // An id here would reach the page unchecked (twice, or the theme's own).
                builder.stray_heading_attributes(span.clone(), id.is_none() && classes.is_empty());
                depth += 1;
                builder.push(span);
            }
            event => builder.content(&event, span, &mut depth),
        }
    }
    // Each clause is rendered on its own, where a definition made elsewhere
    // in the file would not be seen: links are written inline.
    // (A footnote, `[^1]:`, reads as one, and is said as what it is.)
    for (label, definition) in events.reference_definitions().iter().filter(|(label, _)| !label.starts_with('^')) {
        let span = definition.span.start + start..definition.span.end + start;
        builder.diags.push(reference_definition(label, source, span));
    }
    let mut body = builder.body;
    body.shrink();
    body
}

/// An input method can leave an ideographic (U+3000) or no-break space after
/// a heading's `{#id}`, where nobody sees it, and a copy from a web page a
/// zero-width one (U+200B, U+2060, U+FEFF…); heading attributes must end
/// their line, so such characters become ASCII spaces of the same length in
/// bytes (every position in the file stays where it was).
fn ascii_space_after_attributes(text: &str) -> std::borrow::Cow<'_, str> {
    fn tail(line: &str) -> Option<(&str, usize)> {
        // Most lines are no heading: they cost one look at their start.
        if !line.trim_start().starts_with('#') {
            return None;
        }
        let bare = line.trim_end_matches(['\n', '\r']);
        // White space, and the invisible format characters that pass for it.
        let kept = bare.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' | '\u{180e}')
        });
        (kept.ends_with('}') && !bare[kept.len()..].chars().all(|c| c.is_ascii_whitespace()))
            .then_some((kept, bare.len()))
    }
    if !text.split_inclusive('\n').any(|line| tail(line).is_some()) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        match tail(line) {
            Some((kept, bare)) => {
                out.push_str(kept);
                out.extend(std::iter::repeat_n(' ', bare - kept.len()));
                out.push_str(&line[bare..]);
            }
            None => out.push_str(line),
        }
    }
    out.into()
}

/// A heading's events up to its end, at their place in the whole file.
fn heading_events<'e>(
    events: &mut impl Iterator<Item = (Event<'e>, Range<usize>)>,
    start: usize,
) -> Vec<(Event<'e>, Range<usize>)> {
    events
        .take_while(|(event, _)| !matches!(event, Event::End(TagEnd::Heading(_))))
        .map(|(event, range)| (event, range.start + start..range.end + start))
        .collect()
}

/// The text of a fenced block, up to its end.
fn fenced_text<'e>(events: impl Iterator<Item = Event<'e>>) -> String {
    let mut content = String::new();
    for event in events {
        match event {
            Event::Text(text) => content.push_str(&text),
            Event::End(TagEnd::CodeBlock) => break,
            _ => {}
        }
    }
    content
}

fn reference_definition(label: &str, source: &SourceFile, span: Range<usize>) -> Diagnostic {
    Diagnostic::error("link-reference", format!("reference-style link definition `[{label}]:` is not supported"))
        .at(source, span)
        .hint("write the link inline where it is used: [text](https://example.com/)")
}

/// What a heading line says besides its title.
struct Heading {
    level: HeadingLevel,
    id: Option<String>,
    classes: Vec<String>,
    attrs: Vec<(String, String)>,
}

/// Known heading classes.
const CLASSES: &[&str] = &[UNNUMBERED, "deleted"];

/// Parses an explicit clause number: `3` or `3-2` (also `3_2`, as e-Gov writes it).
pub fn parse_number(text: &str) -> Option<(u32, Option<u32>)> {
    let parse = |t: &str| t.parse::<u32>().ok().filter(|n| *n > 0);
    match text.split_once(['-', '_']) {
        Some((main, branch)) => Some((parse(main)?, Some(parse(branch)?))),
        None => Some((parse(text)?, None)),
    }
}

struct BodyBuilder<'a, 'd> {
    source: &'a SourceFile,
    body: Body,
    diags: &'d mut Diagnostics,
    /// Whether the text has character references (`&#…;`) to look into.
    char_refs: bool,
    /// How many links (or images) are open: text goes to the last one.
    in_link: usize,
}

impl BodyBuilder<'_, '_> {
    /// The segment list new content goes to: the last sub-clause, the last
    /// clause, or the preamble.
    fn target(&mut self) -> &mut Vec<Segment> {
        match self.body.clauses.last_mut() {
            Some(clause) => match clause.children.last_mut() {
                Some(child) => &mut child.content,
                None => &mut clause.content,
            },
            None => &mut self.body.preamble,
        }
    }

    /// Extends the current run of Markdown over `span`.
    /// Any other event: clause content, its text checked and its links
    /// collected; `depth` counts the elements it is inside.
    fn content(&mut self, event: &Event<'_>, span: Range<usize>, depth: &mut usize) {
        if let Event::Text(text) = event {
            self.check_characters(text, &span);
        }
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                self.body.links.push(LinkRef { dest: dest_url.to_string(), span: span.clone(), text: String::new() });
                self.in_link += 1;
            }
            Event::Text(text) | Event::Code(text) if self.in_link > 0 => {
                if let Some(link) = self.body.links.last_mut() {
                    link.text.push_str(text);
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => self.in_link = self.in_link.saturating_sub(1),
            _ => {}
        }
        match event {
            Event::Start(_) => *depth += 1,
            Event::End(_) => *depth = depth.saturating_sub(1),
            _ => {}
        }
        self.push(span);
    }

    fn push(&mut self, span: Range<usize>) {
        let target = self.target();
        if let Some(Segment::Markdown(range)) = target.last_mut() {
            range.end = range.end.max(span.end);
        } else {
            target.push(Segment::Markdown(span));
        }
    }

    fn heading(&mut self, heading: Heading, title: Vec<Event<'_>>, span: Range<usize>) {
        let Heading { level, id, classes, attrs } = heading;
        let title_text = plain_text(&title);
        if level == HeadingLevel::H1 {
            self.diags.push(
                Diagnostic::error("heading-level", "`#` headings are not used in policy text")
                    .at(self.source, span.clone())
                    .hint("the page title comes from policy.toml; write clauses as `## Title {#id}` and sub-clauses as `### Title {#id}`"),
            );
            // Counted as a clause all the same, so that the other checks do
            // not report its id as missing from this language.
        }
        let id = if level == HeadingLevel::H1 {
            id.filter(|id| validate_id(id).is_ok()) // Reported once, as a heading-level error.
        } else {
            self.check_title_and_ids(&title_text, span.clone());
            self.check_id(id, &title_text, span.clone())
        };
        self.check_classes(&classes, &span);
        let number = self.explicit_number(&attrs, &span);
        let mut title_html = String::new();
        pulldown_cmark::html::push_html(&mut title_html, title.into_iter());
        let clause = Clause {
            id: id.unwrap_or_default(),
            title: title_text,
            title_html,
            numbered: !classes.iter().any(|c| c == UNNUMBERED),
            number,
            deleted: classes.iter().any(|c| c == "deleted"),
            content: Vec::new(),
            children: Vec::new(),
            span: span.clone(),
        };
        if level <= HeadingLevel::H2 {
            self.body.clauses.push(clause);
        } else if let Some(parent) = self.body.clauses.last_mut() {
            parent.children.push(clause);
        } else {
            self.diags.push(
                Diagnostic::error("heading-level", "a `###` sub-clause comes before any `##` clause")
                    .at(self.source, span)
                    .hint("open a clause with `## Title {#id}` first, or make this heading `##`"),
            );
        }
    }

    fn block(&mut self, kind: &str, content: &str, span: Range<usize>) {
        let ids: Vec<&str> = content.split_whitespace().collect();
        if let [id] = ids.as_slice() {
            let block = BlockRef { kind: kind.to_string(), id: (*id).to_string(), span };
            self.target().push(Segment::Block(Box::new(block)));
        } else {
            self.diags.push(
                Diagnostic::error(
                    "block-reference",
                    format!("a `{kind}` block reference must contain exactly one block id"),
                )
                .at(self.source, span)
                .hint(format!("write the id of a block defined in blocks/, e.g.\n```{kind}\nprivacy-desk\n```")),
            );
        }
    }
}

/// Checks a clause id; returns what is wrong with it.
pub fn validate_id(id: &str) -> Result<(), &'static str> {
    let first = id.chars().next().unwrap_or(' ');
    if !id.is_ascii() {
        Err("is not ASCII")
    } else if id.len() > 64 {
        Err("is longer than 64 characters")
    } else if !first.is_ascii_lowercase() && !first.is_ascii_digit() {
        Err("must start with a lowercase letter or digit")
    } else if !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_') {
        Err("may contain only lowercase letters, digits, `-` and `_`")
    } else if id.starts_with(RESERVED_ID_PREFIX) {
        Err("starts with `k-`, which the theme reserves for its own elements")
    } else {
        Ok(())
    }
}

/// The text of inline events, without markup.
pub fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

#[cfg(test)]
mod tests;
