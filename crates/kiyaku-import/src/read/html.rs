//! HTML read with a real HTML5 parser (html5ever, through `scraper`): the
//! page's tree as a browser builds it (implied end tags, attributes that
//! hold `>`, every character reference decoded), walked once into the
//! importer's document model, lines of text with marks ([`crate::read::marks`]):
//! headings become `#` lines, list items start with the mark a browser
//! shows, data tables become rows of cells, links and emphasis are marks.
//!
//! What is the page's and not the policy's is left out: scripts, styles,
//! the head, navigation, footers (`<footer>`, and a `<div>` the page names
//! as its site footer: counted for the report; one holding the policy is
//! kept), a `<header>` with no heading in it. The walk is iterative, so a
//! hostile page nested ten thousand deep does not overflow the stack.

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{Html, Node};

use crate::read::emphasis::{EM_CLOSE, EM_OPEN, STRONG_CLOSE, STRONG_OPEN};
use crate::read::html_lists::{Lists, Ordered};
use crate::read::links::OPEN as LINK_OPEN;

/// Whether the input looks like HTML rather than text or Markdown.
pub(crate) fn is_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["<html", "<body", "<p>", "<p ", "<div", "<h1", "<h2", "<li"].iter().any(|tag| lower.contains(tag))
}

/// A page read: its text with marks, and what was left out of it.
#[derive(Debug)]
pub(crate) struct PageText {
    /// Lines of text with marks, as [`crate::read::lines::clean_lines`] takes them.
    pub text: String,
    /// How many `<div>`s named as the site's footer were left out.
    pub footers_left_out: usize,
    /// How many blocks named as the site's header, menu or breadcrumb were left out.
    pub menus_left_out: usize,
}

/// Reads a page. A character reference that decodes to one of the
/// importer's own marks (`&#xFDD0;`) could forge structure: refused, as the
/// character itself is at the front door.
pub(crate) fn read(html: &str) -> Result<PageText, String> {
    let depth = depth::nesting_depth(html);
    if depth > depth::DEEPEST {
        return Err(format!(
            "the page nests its elements {depth} deep (no policy page nests more than {}): it cannot be a \
             policy as written; save the page's text and import that",
            depth::DEEPEST
        ));
    }
    let document = Html::parse_document(html);
    let root = document.tree.root();
    let page = Page {
        bold_captions: !root
            .descendants()
            .any(|n| element(n).is_some_and(|e| matches!(e.name(), "h2" | "h3" | "h4" | "h5" | "h6"))),
        text_length: text_length(root),
        anchors: anchors(root),
    };
    let mut walker = Walker::new(&page, false);
    walker.walk(root);
    match walker.reserved {
        Some(found) => Err(format!(
            "the page holds a character reference to U+{:04X}, a character no text in interchange holds (a Unicode \
             noncharacter or control character): remove it and import again",
            u32::from(found)
        )),
        None => Ok(PageText { text: walker.out, footers_left_out: walker.footers, menus_left_out: walker.menus }),
    }
}

/// What the walk needs to know of the whole page.
struct Page {
    /// No `<h2>`…`<h6>`: a paragraph of one short bold phrase is a caption
    /// (CMS-made pages use no heading elements).
    bold_captions: bool,
    /// Characters of text in the page: a "footer" holding most of it is the policy.
    text_length: usize,
    /// The text of the heading each element id of the page is on, in or
    /// over (a section's): a link to `#id` goes to the clause it became.
    anchors: std::collections::HashMap<String, String>,
}

/// What a start tag does to the walk.
enum Step {
    Enter,
    /// The element was dealt with whole (or left out): not its children.
    Skip,
}

/// One walk over a page or, in a data table, one cell.
struct Walker<'p> {
    page: &'p Page,
    out: String,
    lists: Lists,
    /// Open `<a>`s: where the link's text starts, and its address if it is kept.
    links: Vec<Option<(usize, String)>>,
    strong: usize,
    em: usize,
    /// Reading a table cell: blocks are spaces, `<br>` and items are line ends.
    in_cell: bool,
    /// A term was just joined to its description: the blanks between go.
    after_term: bool,
    footers: usize,
    menus: usize,
    reserved: Option<char>,
}

fn element<'a>(node: NodeRef<'a, Node>) -> Option<&'a Element> {
    node.value().as_element()
}

fn text_length(node: NodeRef<'_, Node>) -> usize {
    node.descendants().filter_map(|n| n.value().as_text()).map(|t| t.chars().count()).sum()
}

fn text_of(node: NodeRef<'_, Node>) -> String {
    node.descendants().filter_map(|n| n.value().as_text()).map(|t| &**t).collect()
}

/// Elements whose text is not the policy.
const LEFT_OUT: &[&str] = &["script", "style", "noscript", "template", "head", "nav", "svg", "iframe", "object"];
/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "dl",
    "section",
    "article",
    "main",
    "aside",
    "table",
    "tr",
    "address",
    "blockquote",
    "pre",
    "header",
    "hr",
    "figure",
    "figcaption",
    "caption",
    "details",
    "summary",
    "center",
    "form",
    "fieldset",
    "legend",
    "hgroup",
];

impl<'p> Walker<'p> {
    fn new(page: &'p Page, in_cell: bool) -> Self {
        Walker {
            page,
            out: String::new(),
            lists: Lists::default(),
            links: Vec::new(),
            strong: 0,
            em: 0,
            in_cell,
            after_term: false,
            footers: 0,
            menus: 0,
            reserved: None,
        }
    }

    fn walk(&mut self, root: NodeRef<'_, Node>) {
        let mut skipping = None;
        for edge in root.traverse() {
            match (edge, skipping) {
                (Edge::Close(node), Some(id)) if node.id() == id => skipping = None,
                (_, Some(_)) => {}
                (Edge::Open(node), None) => match node.value() {
                    Node::Text(text) => self.text(text),
                    Node::Element(tag) => {
                        if let Step::Skip = self.open(node, tag) {
                            skipping = Some(node.id());
                        }
                    }
                    _ => {}
                },
                (Edge::Close(node), None) => {
                    if let Some(tag) = element(node) {
                        self.close(node, tag);
                    }
                }
            }
        }
    }

    /// Text as written, a no-break or narrow space a plain space.
    fn text(&mut self, text: &str) {
        if std::mem::take(&mut self.after_term) && text.trim().is_empty() {
            self.after_term = true;
            return;
        }
        for c in text.chars() {
            match c {
                '\u{a0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' => self.out.push(' '),
                c if crate::read::marks::is_reserved(c) => {
                    self.reserved.get_or_insert(c);
                    self.out.push('\u{fffd}');
                }
                c => self.out.push(c),
            }
        }
    }

    /// A line end, or in a cell a space.
    fn block(&mut self) {
        self.out.push(if self.in_cell { ' ' } else { '\n' });
    }

    fn open(&mut self, node: NodeRef<'_, Node>, tag: &Element) -> Step {
        self.after_term = false;
        let name = tag.name();
        match name {
            _ if LEFT_OUT.contains(&name) => return Step::Skip,
            "header" if !node.descendants().any(|n| element(n).is_some_and(|e| heading_level(e).is_some())) => {
                return Step::Skip;
            }
            // A site footer (`<footer>`, or a block named so) is left out and
            // counted for the report, unless it holds the policy (its dates,
            // its articles, most of the page).
            "footer" | "div" | "section" | "aside"
                if (name == "footer" || crate::read::furniture::names_footer(tag)) && !self.policy_like(node) =>
            {
                self.footers += 1;
                return Step::Skip;
            }
            // So is the site's header, menu or breadcrumb trail in a block
            // named so (`<div id="header">`, `<ul class="gnav">`).
            "div" | "section" | "aside" | "ul" | "ol" | "p"
                if crate::read::furniture::names_menu(tag) && !self.policy_like(node) =>
            {
                self.menus += 1;
                return Step::Skip;
            }
            "a" => self.open_link(node, tag),
            "strong" | "b" | "u" => open_span(&mut self.strong, &mut self.out, STRONG_OPEN, STRONG_CLOSE),
            "em" | "i" => open_span(&mut self.em, &mut self.out, EM_OPEN, EM_CLOSE),
            "p" if self.page.bold_captions && !self.in_cell => {
                if let Some(caption) = bold_caption(node) {
                    self.out.push_str("\n## ");
                    self.text(caption.trim());
                    self.out.push('\n');
                    return Step::Skip;
                }
                self.block();
            }
            "table" if !self.in_cell => return self.open_table(node),
            "ol" => {
                self.lists.open(Some(Ordered::from_attributes(tag.attr("type"), tag.attr("start"))));
                self.block();
            }
            "ul" => {
                self.lists.open(None);
                self.block();
            }
            "li" if self.in_cell => self.out.push('\n'),
            "li" => {
                self.out.push('\n');
                self.out.push_str(&self.lists.item_mark());
            }
            "br" if self.in_cell => self.out.push('\n'),
            "br" => self.out.push('\n'),
            "dt" => self.block(),
            "dd" if node.prev_siblings().find_map(element).is_none_or(|e| e.name() != "dt") => self.block(),
            "td" | "th" => self.out.push(' '),
            _ if heading_level(tag).is_some() && !self.in_cell => {
                let level = heading_level(tag).unwrap_or(2);
                self.out.push('\n');
                self.out.push_str(&"#".repeat(level));
                self.out.push(' ');
            }
            _ if BLOCKS.contains(&name) || heading_level(tag).is_some() => self.block(),
            _ => {}
        }
        Step::Enter
    }

    fn close(&mut self, node: NodeRef<'_, Node>, tag: &Element) {
        match tag.name() {
            "a" => self.close_link(),
            "strong" | "b" | "u" => close_span(&mut self.strong, &mut self.out, STRONG_OPEN, STRONG_CLOSE),
            "em" | "i" => close_span(&mut self.em, &mut self.out, EM_OPEN, EM_CLOSE),
            "ol" | "ul" => {
                self.lists.close();
                self.block();
            }
            "li" if !self.in_cell => self.out.push('\n'),
            // A term and its description are one line: 「term：description」.
            "dt" if node.next_siblings().find_map(element).is_some_and(|e| e.name() == "dd") => {
                let kept = self.out.trim_end().len();
                self.out.truncate(kept);
                self.out.push_str(if self.out.ends_with(['：', ':']) { " " } else { "：" });
                self.after_term = true;
            }
            "dt" | "dd" => self.block(),
            "td" | "th" => self.out.push(' '),
            name if BLOCKS.contains(&name) || heading_level(tag).is_some() => self.block(),
            _ => {}
        }
    }

    /// A link keeps its address when it can be published as it is, and
    /// holds text on one line (a link around blocks keeps only its text).
    fn open_link(&mut self, node: NodeRef<'_, Node>, tag: &Element) {
        let href = tag.attr("href").map(str::trim);
        let heading = href.and_then(|h| h.strip_prefix('#')).and_then(|id| self.page.anchors.get(id));
        let address = match heading {
            Some(heading) => Some(crate::read::links::in_page(heading)),
            None => href.filter(|a| crate::read::links::publishable(a)).map(str::to_string),
        };
        let inline = !node.descendants().skip(1).filter_map(element).any(|e| {
            BLOCKS.contains(&e.name()) || heading_level(e).is_some() || matches!(e.name(), "br" | "li" | "table")
        });
        let kept = address.filter(|_| inline).map(|a| (self.out.len(), a));
        if kept.is_some() {
            self.out.push(LINK_OPEN);
        }
        self.links.push(kept);
    }

    fn close_link(&mut self) {
        if let Some(Some(opened)) = self.links.pop() {
            crate::read::links::close(&mut self.out, opened);
        }
    }

    /// A site footer holding dates or articles, or most of the page, is the policy's own.
    fn policy_like(&self, node: NodeRef<'_, Node>) -> bool {
        let text = text_of(node);
        ["制定", "改定", "施行", "第1条", "第一条"].iter().any(|w| text.contains(w))
            || text.chars().count() * 2 > self.page.text_length
    }
}

/// Element ids (and `<a name>`s) by the text of the heading they are on,
/// inside, or the first one inside them (a `<section id>`).
fn anchors(root: NodeRef<'_, Node>) -> std::collections::HashMap<String, String> {
    let mut anchors = std::collections::HashMap::new();
    for node in root.descendants() {
        let Some(tag) = element(node) else { continue };
        let Some(id) = tag.id().or_else(|| tag.attr("name").filter(|_| tag.name() == "a")) else { continue };
        let is_heading = |n: &NodeRef<'_, Node>| element(*n).is_some_and(|e| heading_level(e).is_some());
        let heading = std::iter::once(node)
            .chain(node.ancestors())
            .find(is_heading)
            .or_else(|| node.descendants().find(is_heading));
        if let Some(heading) = heading {
            let text = text_of(heading).split_whitespace().collect::<Vec<_>>().join(" ");
            anchors.entry(id.to_string()).or_insert(text);
        }
    }
    anchors
}

/// `<h1>`…`<h6>`'s level.
fn heading_level(tag: &Element) -> Option<usize> {
    match tag.name() {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// The phrase of a paragraph that is only a short bold phrase (and
/// perhaps a line break), unless it is a sentence.
fn bold_caption(paragraph: NodeRef<'_, Node>) -> Option<String> {
    let mut phrase = None;
    for child in paragraph.children() {
        match child.value() {
            Node::Text(text) if text.trim().is_empty() => {}
            Node::Element(tag) if tag.name() == "br" && phrase.is_some() => {}
            Node::Element(tag) if matches!(tag.name(), "strong" | "b") && phrase.is_none() => {
                let mut inner = child.children();
                let (Some(only), None) = (inner.next(), inner.next()) else { return None };
                let text = only.value().as_text()?;
                phrase = Some(text.to_string());
            }
            _ => return None,
        }
    }
    phrase.filter(|p| {
        let p = p.trim();
        (1..=60).contains(&p.chars().count()) && !p.ends_with(['。', '.'])
    })
}

/// Emphasis opened; nested spans of one kind count once.
fn open_span(depth: &mut usize, out: &mut String, open: char, close: char) {
    *depth += 1;
    if *depth == 1 {
        // 「<b>a</b><b>b</b>」 is one span.
        if out.ends_with(close) {
            out.pop();
        } else {
            out.push(open);
        }
    }
}

fn close_span(depth: &mut usize, out: &mut String, open: char, close: char) {
    *depth = depth.saturating_sub(1);
    if *depth == 0 {
        // An empty span is none.
        if out.ends_with(open) {
            out.pop();
        } else {
            out.push(close);
        }
    }
}

mod depth;
mod tables;
#[cfg(test)]
mod tests;
