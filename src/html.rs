//! Markdown segments to HTML.
//!
//! Clause text is kept as pulldown-cmark events; this turns them into HTML
//! for one language: `policy:` links become paths under the site's base,
//! and block references are rendered by the caller's block renderer. Text is
//! escaped by pulldown-cmark; raw HTML never reaches here (the parser
//! rejects it).

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Parser, Tag};

use crate::parse::Segment;
use crate::parse::markdown::{BlockRef, options};

/// How links in policy text resolve for one language.
pub struct Links<'a> {
    pub base_path: &'a str,
    pub lang: &'a str,
}

impl Links<'_> {
    /// `policy:terms#x` → `/ja/terms/#x`; other links are kept as written.
    pub fn resolve<'e>(&self, dest: CowStr<'e>) -> CowStr<'e> {
        match dest.strip_prefix("policy:") {
            Some(target) => {
                let (slug, fragment) = target.split_once('#').map_or((target, None), |(s, f)| (s, Some(f)));
                let mut url = format!("{}{}/{slug}/", self.base_path, self.lang);
                if let Some(fragment) = fragment {
                    url.push('#');
                    url.push_str(fragment);
                }
                CowStr::from(url)
            }
            None => dest,
        }
    }
}

/// Renders body segments for one language.
pub struct BodyRenderer<'a> {
    pub links: Links<'a>,
    /// The path of the version's permanent page.
    pub page_path: String,
    pub blocks: &'a dyn Fn(&BlockRef) -> Result<String, minijinja::Error>,
    /// The source file's text, which segments point into.
    pub text: &'a str,
}

/// The events of a run of Markdown in `text`. Raw HTML cannot reach here (the
/// parser rejects it and the build stops); were it to, it is shown as text.
pub fn events<'t>(text: &'t str, range: &Range<usize>) -> impl Iterator<Item = Event<'t>> {
    let slice = text.get(range.clone()).unwrap_or_default();
    Parser::new_ext(slice, options()).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    })
}

/// A segment run's HTML and its text without markup.
pub struct Rendered {
    pub html: String,
    pub text: String,
}

impl BodyRenderer<'_> {
    /// The HTML and the plain text of `segments`, from one parse.
    pub fn render(&self, segments: &[Segment]) -> Result<Rendered, minijinja::Error> {
        let mut html = String::new();
        let mut text = PlainText::default();
        for segment in segments {
            match segment {
                Segment::Markdown(range) => {
                    let events = events(self.text, range).map(|event| {
                        text.push(&event);
                        self.rewrite(event)
                    });
                    pulldown_cmark::html::push_html(&mut html, events);
                }
                Segment::Block(block) => html.push_str(&(self.blocks)(block)?),
            }
        }
        Ok(Rendered { html, text: text.finish() })
    }

    fn rewrite<'e>(&self, event: Event<'e>) -> Event<'e> {
        match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                Event::Start(Tag::Link { link_type, dest_url: self.links.resolve(dest_url), title, id })
            }
            other => other,
        }
    }
}

/// Escapes text for HTML content and quoted attributes.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + text.len() / 8);
    let _ = escape_into(&mut escaped, text);
    escaped
}

/// Writes `text` escaped for HTML content and quoted attributes.
pub fn escape_into(out: &mut impl std::fmt::Write, text: &str) -> std::fmt::Result {
    let mut plain_from = 0;
    // Only ASCII bytes need escaping, so a byte scan never splits a character.
    for (i, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.write_str(&text[plain_from..i])?;
        out.write_str(entity)?;
        plain_from = i + 1;
    }
    out.write_str(&text[plain_from..])
}

/// Collects the text of Markdown events without markup: paragraphs and list
/// items on lines of their own.
#[derive(Default)]
struct PlainText {
    text: String,
}

impl PlainText {
    fn push(&mut self, event: &Event<'_>) {
        use pulldown_cmark::TagEnd;
        let text = &mut self.text;
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableRow | TagEnd::CodeBlock,
            ) if !text.ends_with('\n') => text.push('\n'),
            Event::End(TagEnd::TableCell) => text.push('\t'),
            _ => {}
        }
    }

    fn finish(self) -> String {
        let trimmed = self.text.trim();
        if trimmed.len() == self.text.len() { self.text } else { trimmed.to_string() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_policy_links() {
        let links = Links { base_path: "/legal/", lang: "en" };
        assert_eq!(&*links.resolve("policy:terms#fees".into()), "/legal/en/terms/#fees");
        assert_eq!(&*links.resolve("policy:terms".into()), "/legal/en/terms/");
        assert_eq!(&*links.resolve("#purposes".into()), "#purposes");
    }
}

#[cfg(test)]
mod escape_tests {
    use super::*;

    #[test]
    fn escapes_markup_and_keeps_other_text() {
        assert_eq!(escape("a<b>&\"c'日本"), "a&lt;b&gt;&amp;&quot;c&#39;日本");
        assert_eq!(escape("当社"), "当社");
        assert_eq!(escape(""), "");
    }
}
