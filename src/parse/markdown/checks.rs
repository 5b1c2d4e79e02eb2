//! The checks a clause heading and its text go through while the body is
//! parsed: ids, titles, classes, explicit numbers, raw HTML, and control
//! characters brought in by character references.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{BodyBuilder, CLASSES, parse_number, validate_id};
use crate::base::diag::Diagnostic;

impl BodyBuilder<'_, '_> {
    /// A clause has a title and one id: `## {#x}` would be an empty heading,
    /// and of `{#a #b}` only the last would count.
    pub(super) fn check_title_and_ids(&mut self, title: &str, span: Range<usize>) {
        let heading = self.source.text[span.clone()].trim_end();
        if title.trim().is_empty() && heading.contains("{#") {
            self.diags.push(
                Diagnostic::error("clause-title-missing", "the clause has no title")
                    .at(self.source, span.clone())
                    .hint("write the clause's title before the braces: `## 利用目的 {#purposes}`"),
            );
        }
        if title.contains("{#") {
            self.diags.push(
                Diagnostic::error(
                    "clause-id-invalid",
                    "the title holds braces with an id: a heading ends with one `{#id …}`",
                )
                .at(self.source, span.clone())
                .hint("keep one brace group at the end of the heading; to show a brace in the title, write `\\{`"),
            );
        }
        let attributes = heading.rsplit_once('{').map_or("", |(_, rest)| rest);
        let ids: Vec<&str> =
            attributes.split_whitespace().map(|t| t.trim_end_matches('}')).filter(|t| t.starts_with('#')).collect();
        if ids.len() > 1 {
            self.diags.push(
                Diagnostic::error("clause-id-invalid", format!("the heading gives {} ids: {}", ids.len(), ids.join(" ")))
                    .at(self.source, span)
                    .hint("a clause has one id; to keep an old anchor leading here, list it under `renamed` in the front matter"),
            );
        }
    }

    pub(super) fn check_classes(&mut self, classes: &[String], span: &Range<usize>) {
        for class in classes.iter().filter(|c| !CLASSES.contains(&c.as_str())) {
            self.diags.push(
                Diagnostic::warning("heading-class", format!("unknown heading class `.{class}` is ignored"))
                    .at(self.source, span.clone())
                    .hint("the classes kiyaku knows are `.unnumbered` and `.deleted`"),
            );
        }
    }

    /// `{#id number=3}` or `number=3-2` (第3条の2); any other attribute is an error.
    pub(super) fn explicit_number(
        &mut self,
        attrs: &[(String, String)],
        span: &Range<usize>,
    ) -> Option<(u32, Option<u32>)> {
        let mut number = None;
        for (key, value) in attrs {
            match (key.as_str(), parse_number(value)) {
                ("number", Some(parsed)) => number = Some(parsed),
                _ => self.diags.push(
                    Diagnostic::error(
                        "heading-attribute",
                        format!("heading attribute `{key}={value}` is not understood"),
                    )
                    .at(self.source, span.clone())
                    .hint(
                        "the only attribute is an explicit number: {#id number=3} or, for 第3条の2, {#id number=3-2}",
                    ),
                ),
            }
        }
        number
    }

    pub(super) fn check_id(&mut self, id: Option<String>, title: &str, span: Range<usize>) -> Option<String> {
        let heading = &self.source.text[span.clone()];
        let id_span =
            heading.rfind("{").map_or(span.clone(), |i| span.start + i..span.start + heading.trim_end().len());
        let Some(id) = id.filter(|id| !id.is_empty()) else {
            self.diags.push(
                Diagnostic::error("clause-id-missing", format!("clause 「{title}」 has no id"))
                    .at(self.source, span)
                    .hint(missing_id_hint(heading.trim_end(), title)),
            );
            return None;
        };
        if let Err(problem) = validate_id(&id) {
            self.diags.push(
                Diagnostic::error("clause-id-invalid", format!("clause id `{id}` {problem}"))
                    .at(self.source, id_span)
                    .hint("ids are lowercase ASCII letters, digits, `-` and `_`, starting with a letter or digit: {#third-party}"),
            );
            return None;
        }
        Some(id)
    }

    /// A clause title's events, made safe: raw HTML is reported and kept as
    /// text, a link is reported and kept as its text (a title is an anchor's
    /// label, where a link cannot go).
    pub(super) fn title_events<'e>(&mut self, title: Vec<(Event<'e>, Range<usize>)>) -> Vec<Event<'e>> {
        let mut kept = Vec::with_capacity(title.len());
        for (event, span) in title {
            match event {
                Event::Html(raw) | Event::InlineHtml(raw) => {
                    self.raw_html(span);
                    kept.push(Event::Text(raw));
                }
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) => self.diags.push(
                    Diagnostic::error("heading-link", "a clause title cannot hold a link or an image")
                        .at(self.source, span)
                        .hint("put the link in the clause's text, under the heading"),
                ),
                Event::End(TagEnd::Link | TagEnd::Image) => {}
                Event::Text(text) => {
                    self.check_characters(&text, &span);
                    kept.push(Event::Text(text));
                }
                other => kept.push(other),
            }
        }
        kept
    }

    /// A character reference to a control character (`&#27;`) is one too
    /// (those written as they are were reported when the file was read).
    pub(super) fn check_characters(&mut self, text: &str, span: &Range<usize>) {
        if !self.char_refs {
            return;
        }
        let written = &self.source.text[span.clone()];
        if let Some(c) = text.chars().find(|c| c.is_control() && !matches!(c, '\n' | '\t') && !written.contains(*c)) {
            self.diags.push(
                Diagnostic::control_character(c)
                    .at(self.source, span.clone())
                    .hint("delete the character reference (&#…;) of an invisible character"),
            );
        }
    }

    pub(super) fn stray_heading_attributes(&mut self, span: Range<usize>, braces_only: bool) {
        if braces_only {
            // 「#### 料金 {税込}」: braces at the end of a heading are read as attributes.
            self.diags.push(
                Diagnostic::error("heading-level", "braces at the end of a heading are read as attributes, not text")
                    .at(self.source, span)
                    .hint("to show them, escape the brace: `\\{税込}`"),
            );
            return;
        }
        self.diags.push(
            Diagnostic::error(
                "heading-level",
                "only `##` clause and `###` sub-clause headings, outside lists and quotes, take `{#id}` and classes",
            )
            .at(self.source, span)
            .hint("make it a clause (`## Title {#id}`) or a sub-clause (`### Title {#id}`), or remove the braces"),
        );
    }

    pub(super) fn raw_html(&mut self, span: Range<usize>) {
        self.diags.push(
            Diagnostic::error("raw-html", "raw HTML is not allowed in policy text")
                .at(self.source, span)
                .hint("write Markdown instead; to show a `<` character, escape it as `\\<`"),
        );
    }
}

/// What to write: the attribute closed when it was left open, else an id
/// for what the clause is about.
fn missing_id_hint(heading: &str, title: &str) -> String {
    let example = kiyaku_format::topic_id(title).unwrap_or("what-it-is-about");
    if let Some((before, open)) = heading.rsplit_once("{#") {
        let id = open.trim().trim_end_matches('}').trim();
        if id.is_empty() || id.starts_with(['.', ' ']) {
            return format!("write the id after `#`: `{} {{#{example}}}`", before.trim_end());
        }
        return format!("close the braces around the id: `{} {{#{id}}}`", before.trim_end());
    }
    // Braces with classes only (`{.unnumbered}`): the id goes inside them.
    if let Some((before, inside)) = heading.rsplit_once('{').filter(|(_, rest)| rest.trim_end().ends_with('}')) {
        let classes = inside.trim_end().trim_end_matches('}').split_whitespace().all(|t| t.starts_with('.'));
        if classes {
            return format!("put the id inside the braces: `{}{{#{example} {}`", before, inside.trim_start());
        }
        // 「{税込}」 is read as attributes: escaped, it stays text.
        return format!(
            "escape the brace to keep it as text, and end with an id: `{}\\{{{} {{#{example}}}`",
            before,
            inside.trim_end()
        );
    }
    format!("end the heading with an ASCII id that never changes: `{heading} {{#{example}}}`")
}
