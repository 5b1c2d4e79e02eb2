//! Markdown segments to HTML.
//!
//! Clause text is kept as pulldown-cmark events; this turns them into HTML
//! for one language: `policy:` links become paths under the site's base,
//! web addresses written out in the text become links (as readers expect of
//! an opt-out page's address), and block references are rendered by the
//! caller's block renderer. Text is
//! escaped by pulldown-cmark; raw HTML never reaches here (the parser
//! rejects it).

mod lists;

use std::collections::HashMap;
use std::ops::Range;

use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, LinkType, Parser, Tag, TagEnd};

use crate::model::urls::Urls;
use crate::parse::Segment;
use crate::parse::markdown::{BlockRef, options};

/// How links in policy text resolve for one language.
pub(crate) struct Links<'a> {
    /// The site's URL table.
    pub urls: &'a Urls,
    /// The language of the page the links are on.
    pub lang: &'a str,
}

impl Links<'_> {
    /// `policy:terms#x` → `/ja/terms/#x`; other links are kept as written.
    pub(crate) fn resolve<'e>(&self, dest: CowStr<'e>) -> CowStr<'e> {
        match dest.strip_prefix("policy:") {
            Some(target) => {
                let (slug, fragment) = target.split_once('#').map_or((target, None), |(s, f)| (s, Some(f)));
                CowStr::from(self.urls.policy_link(self.lang, slug, fragment))
            }
            None => dest,
        }
    }
}

/// A referenced block's HTML and its text (what a reader sees of it).
pub(crate) type RenderBlock<'a> = dyn Fn(&BlockRef) -> Result<(String, String), minijinja::Error> + 'a;

/// What a link with no text shows, by its destination as written
/// (`#id`, `policy:slug#id`): the clause's number, or `None`.
pub(crate) type LinkLabels<'a> = dyn Fn(&str) -> Option<String> + 'a;

/// Renders body segments for one language.
pub(crate) struct BodyRenderer<'a, 't> {
    pub links: Links<'a>,
    /// The text of links written with none (`[](#contact)`).
    pub labels: &'a LinkLabels<'a>,
    pub blocks: &'a RenderBlock<'a>,
    /// The source file's text, which segments point into.
    pub text: &'t str,
}

/// The events of a run of Markdown in `text`. Raw HTML cannot reach here (the
/// parser rejects it and the build stops); were it to, it is shown as text.
pub(crate) fn events<'t>(text: &'t str, range: &Range<usize>) -> impl Iterator<Item = Event<'t>> {
    let slice = text.get(range.clone()).unwrap_or_default();
    Parser::new_ext(slice, options()).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        // Ids in the page are the clauses' (checked); a heading in the text has none.
        Event::Start(Tag::Heading { level, .. }) => {
            Event::Start(Tag::Heading { level, id: None, classes: Vec::new(), attrs: Vec::new() })
        }
        other => other,
    })
}

/// A segment run's HTML and its text without markup.
#[derive(Clone)]
pub(crate) struct Rendered {
    pub html: String,
    pub text: String,
}

impl<'t> BodyRenderer<'_, 't> {
    /// The HTML and the plain text of `segments`, from one parse.
    pub(crate) fn render(&self, segments: &[Segment]) -> Result<Rendered, minijinja::Error> {
        let mut html = String::new();
        let mut text = PlainText::default();
        for segment in segments {
            match segment {
                Segment::Markdown(range) => {
                    let mut linkify = Linkify::default();
                    let mut events: Vec<Event<'_>> = self
                        .labelled(events(self.text, range).collect())
                        .into_iter()
                        .map(|event| {
                            text.push(&event);
                            self.rewrite(event)
                        })
                        .collect();
                    lists::mark(&mut events);
                    pulldown_cmark::html::push_html(&mut html, events.into_iter().flat_map(|e| linkify.split(e)));
                }
                Segment::Block(block) => {
                    let (block_html, block_text) = (self.blocks)(block)?;
                    html.push_str(&block_html);
                    text.push_lines(&block_text);
                }
            }
        }
        Ok(Rendered { html, text: text.finish() })
    }

    /// As [`render`](Self::render), reusing `memo`'s render of the same
    /// Markdown when there is one.
    pub(crate) fn render_memo(
        &self,
        segments: &[Segment],
        memo: &mut RenderMemo<'t>,
    ) -> Result<Rendered, minijinja::Error> {
        let source = match segments {
            [Segment::Markdown(range)] => self.text.get(range.clone()),
            _ => None,
        };
        // A link with no text shows a number that depends on the version.
        let Some(source) = source.filter(|source| !source.contains("[](")) else {
            return self.render(segments);
        };
        // Taken from the last version (each of its renders serves once), else
        // from this one (two clauses alike), else rendered: one copy kept.
        let rendered = match memo.previous.remove(source) {
            Some(done) => done,
            None => match memo.current.get(source) {
                Some(done) => done.clone(),
                None => self.render(segments)?,
            },
        };
        memo.current.insert(source, rendered.clone());
        Ok(rendered)
    }

    /// Gives each link written with no text (`[](#contact)`) its label.
    fn labelled<'e>(&self, events: Vec<Event<'e>>) -> Vec<Event<'e>> {
        let mut out = Vec::with_capacity(events.len());
        for event in events {
            if let (Event::End(TagEnd::Link), Some(Event::Start(Tag::Link { dest_url, .. }))) = (&event, out.last()) {
                let label = (self.labels)(dest_url).unwrap_or_else(|| dest_url.to_string());
                out.push(Event::Text(CowStr::from(label)));
            }
            out.push(event);
        }
        out
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

/// Renders of clause text in one policy and language, by Markdown source.
/// Most clauses of a version are the previous version's word for word, and
/// a render depends only on the source and the language (blocks, which
/// change on their own, are never kept), so each text is rendered once.
/// Only the last two versions' renders are kept: memory stays flat.
#[derive(Default)]
pub struct RenderMemo<'t> {
    previous: HashMap<&'t str, Rendered>,
    current: HashMap<&'t str, Rendered>,
}

impl RenderMemo<'_> {
    /// Starts the next version: the last one's renders are kept for it.
    pub fn next_version(&mut self) {
        self.previous = std::mem::take(&mut self.current);
    }
}

/// A web address written out in text: ASCII up to a space, a bracket or
/// the first non-ASCII character (「https://example.com/をご覧ください」).
static BARE_URL: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+").unwrap());

/// Turns web addresses in text into links, outside links and code.
#[derive(Default)]
struct Linkify {
    /// Open links, images and code blocks, where text stays text.
    inside: usize,
}

/// The events one event becomes.
enum Split<'e> {
    One(Option<Event<'e>>),
    Many(std::vec::IntoIter<Event<'e>>),
}

impl<'e> Iterator for Split<'e> {
    type Item = Event<'e>;

    fn next(&mut self) -> Option<Event<'e>> {
        match self {
            Split::One(event) => event.take(),
            Split::Many(events) => events.next(),
        }
    }
}

impl Linkify {
    fn split<'e>(&mut self, event: Event<'e>) -> Split<'e> {
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => self.inside += 1,
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => self.inside = self.inside.saturating_sub(1),
            Event::Text(text) if self.inside == 0 && text.contains("://") => {
                return Split::Many(link_urls(text).into_iter());
            }
            _ => {}
        }
        Split::One(Some(event))
    }
}

/// Text as text and links, each address its own link text.
fn link_urls<'e>(text: &str) -> Vec<Event<'e>> {
    let mut events = Vec::new();
    let mut last = 0;
    for found in BARE_URL.find_iter(text) {
        // A sentence's full stop or comma after an address is not part of it.
        let url = found.as_str().trim_end_matches(['.', ',', ';', ':', '!', '?', '\'']);
        if url.len() <= "https://".len() {
            continue;
        }
        events.push(Event::Text(CowStr::from(text[last..found.start()].to_string())));
        let dest = CowStr::from(url.to_string());
        let tag = Tag::Link { link_type: LinkType::Autolink, dest_url: dest.clone(), title: "".into(), id: "".into() };
        events.extend([Event::Start(tag), Event::Text(dest), Event::End(TagEnd::Link)]);
        last = found.start() + url.len();
    }
    events.push(Event::Text(CowStr::from(text[last..].to_string())));
    events.retain(|event| !matches!(event, Event::Text(t) if t.is_empty()));
    events
}

/// Escapes text for HTML content and quoted attributes.
pub(crate) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + text.len() / 8);
    let _ = escape_into(&mut escaped, text);
    escaped
}

/// Writes `text` escaped for HTML content and quoted attributes.
pub(crate) fn escape_into(out: &mut impl std::fmt::Write, text: &str) -> std::fmt::Result {
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
    /// The lists open, innermost last: the next item's number for an
    /// ordered one (its items keep their numbers in the text: a 新旧対照表
    /// and an app must be able to say which item changed).
    lists: Vec<Option<u64>>,
}

impl PlainText {
    fn push(&mut self, event: &Event<'_>) {
        use pulldown_cmark::TagEnd;
        let text = &mut self.text;
        match event {
            Event::Start(pulldown_cmark::Tag::List(first)) => self.lists.push(*first),
            Event::End(TagEnd::List(_)) => {
                self.lists.pop();
            }
            Event::Start(pulldown_cmark::Tag::Item) => {
                if let Some(Some(number)) = self.lists.last_mut() {
                    text.push_str(&format!("{number}. "));
                    *number += 1;
                }
            }
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            // A table row (the header row too) is a line, its cells apart by tabs.
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if text.ends_with('\t') {
                    text.pop();
                }
                text.push('\n');
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::CodeBlock)
                if !text.ends_with('\n') =>
            {
                text.push('\n')
            }
            Event::End(TagEnd::TableCell) => text.push('\t'),
            _ => {}
        }
    }

    /// Lines of their own (a block's), after what came before.
    fn push_lines(&mut self, lines: &str) {
        if lines.is_empty() {
            return;
        }
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        self.text.push_str(lines);
        self.text.push('\n');
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
        let links = Links { urls: &Urls::new("https://example.com/legal/", "/legal/"), lang: "en" };
        assert_eq!(&*links.resolve("policy:terms#fees".into()), "/legal/en/terms/#fees");
        assert_eq!(&*links.resolve("policy:terms".into()), "/legal/en/terms/");
        assert_eq!(&*links.resolve("#purposes".into()), "#purposes");
    }

    /// A renderer whose blocks are counted, over `text`.
    fn renderer<'a, 't>(text: &'t str, blocks: &'a RenderBlock<'a>) -> BodyRenderer<'a, 't> {
        static URLS: std::sync::LazyLock<Urls> = std::sync::LazyLock::new(|| Urls::new("https://example.com/", "/"));
        let links = Links { urls: &URLS, lang: "ja" };
        BodyRenderer { links, labels: &|_| None, blocks, text }
    }

    #[test]
    fn a_table_is_a_line_a_row_in_the_text() {
        let markdown = "| 送信先 | 情報 |\n| --- | --- |\n| A社 | 閲覧履歴 |\n| B社 | 端末ID |\n";
        let blocks = |_: &BlockRef| Ok((String::new(), String::new()));
        let rendered = renderer(markdown, &blocks).render(&[Segment::Markdown(0..markdown.len())]).unwrap();
        assert_eq!(rendered.text, "送信先\t情報\nA社\t閲覧履歴\nB社\t端末ID");
    }

    #[test]
    fn the_memo_renders_the_same_text_once_and_never_keeps_blocks() {
        let calls = std::sync::atomic::AtomicUsize::new(0);
        let blocks = |_: &BlockRef| {
            let n = calls.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            Ok((format!("<p>desk {n}</p>"), format!("desk {n}")))
        };
        let (old, new) = ("前文\n\n[利用規約](policy:terms)を参照。\n", "改定\n\n[利用規約](policy:terms)を参照。\n");
        let (old_renderer, new_renderer) = (renderer(old, &blocks), renderer(new, &blocks));
        let block = Segment::Block(Box::new(BlockRef { kind: "contact".into(), id: "desk".into(), span: 0..0 }));
        let mut memo = RenderMemo::default();
        memo.next_version();
        let first = old_renderer.render_memo(&[Segment::Markdown(8..old.len())], &mut memo).unwrap();
        let with_block = old_renderer.render_memo(std::slice::from_ref(&block), &mut memo).unwrap();
        assert_eq!(memo.current.len(), 1, "only the Markdown is kept");
        memo.next_version();
        let again = new_renderer.render_memo(&[Segment::Markdown(8..new.len())], &mut memo).unwrap();
        let block_again = new_renderer.render_memo(&[block], &mut memo).unwrap();
        assert_eq!(first.html, "<p><a href=\"/ja/terms/\">利用規約</a>を参照。</p>\n");
        assert_eq!((again.html, again.text), (first.html, first.text));
        // Blocks change on their own: rendered every time.
        assert_eq!((with_block.text, block_again.text), ("desk 0".into(), "desk 1".into()));
        // Two versions later, nothing is left of the first.
        memo.next_version();
        memo.next_version();
        assert!(memo.previous.is_empty() && memo.current.is_empty());
    }
}

#[cfg(test)]
mod linkify_tests {
    use super::*;

    fn html(markdown: &str) -> String {
        let mut linkify = Linkify::default();
        let mut out = String::new();
        let events = Parser::new(markdown).flat_map(|event| linkify.split(event));
        pulldown_cmark::html::push_html(&mut out, events);
        out
    }

    #[test]
    fn web_addresses_in_text_become_links() {
        assert_eq!(
            html("詳細はhttps://example.com/optout?a=1&b=2をご覧ください。"),
            "<p>詳細は<a href=\"https://example.com/optout?a=1&amp;b=2\">https://example.com/optout?a=1&amp;b=2</a>をご覧ください。</p>\n"
        );
        assert_eq!(
            html("See https://example.com/privacy. Then (http://x.example/)."),
            "<p>See <a href=\"https://example.com/privacy\">https://example.com/privacy</a>. Then (<a href=\"http://x.example/\">http://x.example/</a>).</p>\n"
        );
        // Links, code and bare schemes stay as they are.
        assert_eq!(
            html("[site](https://a.example/) `https://b.example/` https://"),
            "<p><a href=\"https://a.example/\">site</a> <code>https://b.example/</code> https://</p>\n"
        );
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
