//! kiyaku's own HTML (clause bodies with their blocks, 新旧対照表 cells)
//! turned into typst markup, for the PDF record.
//!
//! The HTML is what the render stage wrote itself (pulldown-cmark's output
//! and the theme's block templates), so a small reader suffices: tags,
//! quoted attributes, character references. Every text goes into the
//! markup as a typst string literal (`#"…";`), so no text can be read as
//! markup or code; links keep only http(s), mailto and tel addresses.

/// The elements whose content is one paragraph or more.
const BLOCKS: &[&str] =
    &["p", "div", "section", "address", "blockquote", "ul", "ol", "li", "table", "dl", "pre", "hr", "h2", "h3", "h4"];

/// Lists, quotes and tables nested deeper than this are kept as text only:
/// typst's show rules stop at a few dozen levels (and the stack need not
/// follow a hostile nesting).
const MAX_DEPTH: usize = 8;

/// The elements that nest in typst (each level is a show rule).
const CONTAINERS: &[&str] = &["ul", "ol", "blockquote", "table", "dl"];

/// An element being read: its name, attributes and the children so far.
type Open = (String, Vec<(String, String)>, Vec<Node>);

#[derive(Debug)]
enum Node {
    Text(String),
    Element { name: String, attrs: Vec<(String, String)>, children: Vec<Node> },
}

/// What links in the markup may point to: absolute addresses, and the
/// site's own paths made absolute.
pub(crate) struct LinkBase<'a> {
    /// Makes a root-relative path absolute (`/ja/privacy/` → `https://…/ja/privacy/`).
    pub absolute: &'a dyn Fn(&str) -> String,
    /// Whether the document has a clause with this id (a label to link to).
    pub has_label: &'a dyn Fn(&str) -> bool,
}

/// `text` as a typst string literal in markup: `#"…";`.
pub(crate) fn text(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    format!("#{};", literal(text))
}

/// `text` as a typst string literal (quoted, escaped).
pub(crate) fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An HTML fragment as typst markup.
pub(crate) fn from_html(html: &str, links: &LinkBase<'_>) -> String {
    convert_html(html, links, false)
}

/// An HTML fragment as typst markup for a table's cell: its tables are set
/// as rows of text.
pub(crate) fn from_html_in_cell(html: &str, links: &LinkBase<'_>) -> String {
    convert_html(html, links, true)
}

fn convert_html(html: &str, links: &LinkBase<'_>, in_table: bool) -> String {
    let nodes = parse(html);
    let mut out = String::new();
    let writer = Writer { links, in_table: std::cell::Cell::new(in_table) };
    writer.nodes(&nodes, 0, &mut out);
    out
}

/// Whether a clause id can be a typst label (and a link target in the PDF).
pub(crate) fn is_label(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Reads the fragment into a tree; an end tag closes up to its element.
fn parse(html: &str) -> Vec<Node> {
    let mut stack: Vec<Open> = vec![(String::new(), Vec::new(), Vec::new())];
    let mut rest = html;
    while !rest.is_empty() {
        let Some(open) = rest.find('<') else {
            push_text(&mut stack, rest);
            break;
        };
        push_text(&mut stack, &rest[..open]);
        rest = &rest[open..];
        let Some(end) = tag_end(rest) else {
            push_text(&mut stack, rest);
            break;
        };
        let tag = &rest[1..end - 1];
        rest = &rest[end..];
        if let Some(name) = tag.strip_prefix('/') {
            close(&mut stack, name.trim().to_ascii_lowercase().as_str());
        } else if !tag.starts_with('!') {
            let (name, attrs) = read_tag(tag);
            if matches!(name.as_str(), "br" | "hr" | "img" | "wbr" | "input" | "meta") || tag.ends_with('/') {
                let node = Node::Element { name, attrs, children: Vec::new() };
                if let Some(top) = stack.last_mut() {
                    top.2.push(node);
                }
            } else {
                stack.push((name, attrs, Vec::new()));
            }
        }
    }
    while stack.len() > 1 {
        let name = stack.last().map(|top| top.0.clone()).unwrap_or_default();
        close(&mut stack, &name);
    }
    stack.pop().map(|root| root.2).unwrap_or_default()
}

/// The end of the tag that `rest` starts with, past its `>` (quotes
/// respected); `None` when it has none.
fn tag_end(rest: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in rest.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

fn push_text(stack: &mut [Open], text: &str) {
    if let (Some(top), false) = (stack.last_mut(), text.is_empty()) {
        top.2.push(Node::Text(decode(text)));
    }
}

fn close(stack: &mut Vec<Open>, name: &str) {
    let Some(at) = stack.iter().rposition(|(open, ..)| open == name) else { return };
    if at == 0 {
        return;
    }
    while stack.len() > at {
        let Some((name, attrs, children)) = stack.pop() else { break };
        if let Some(parent) = stack.last_mut() {
            parent.2.push(Node::Element { name, attrs, children });
        }
    }
}

fn read_tag(tag: &str) -> (String, Vec<(String, String)>) {
    let tag = tag.trim_end_matches('/');
    let name_end = tag.find(|c: char| c.is_whitespace()).unwrap_or(tag.len());
    let name = tag[..name_end].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut rest = tag[name_end..].trim_start();
    while !rest.is_empty() {
        let key_end = rest.find(|c: char| c == '=' || c.is_whitespace()).unwrap_or(rest.len());
        let key = rest[..key_end].to_ascii_lowercase();
        rest = rest[key_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (quoted, tail) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let close = body.find(q).unwrap_or(body.len());
                    (&body[..close], body.get(close + 1..).unwrap_or_default())
                }
                _ => {
                    let close = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..close], &after[close..])
                }
            };
            value = decode(quoted);
            rest = tail.trim_start();
        }
        if !key.is_empty() {
            attrs.push((key, value));
        }
    }
    (name, attrs)
}

/// Decodes character references (`&amp;`, `&#12354;`, `&#x3042;`).
fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&end| end <= 10);
        let decoded = end.and_then(|end| reference(&rest[1..end]));
        match (end, decoded) {
            (Some(end), Some(c)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn reference(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

fn attr<'n>(attrs: &'n [(String, String)], key: &str) -> Option<&'n str> {
    attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

/// Whitespace read as HTML reads it: a run is one space; a source line
/// break between two Japanese characters is none (a space written there
/// is kept: 「森川 陽子」).
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut pending_space, mut broke) = (false, false);
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{a0}' && c != '\u{3000}' {
            pending_space = true;
            broke |= c == '\n' || c == '\r';
            continue;
        }
        if pending_space {
            let joined = broke && out.chars().last().is_some_and(is_cjk) && is_cjk(c);
            if !joined {
                out.push(' ');
            }
            (pending_space, broke) = (false, false);
        }
        out.push(c);
    }
    if pending_space {
        out.push(' ');
    }
    out
}

struct Writer<'l, 'a> {
    links: &'l LinkBase<'a>,
    /// Inside a table's cell: a table there is set as rows of text (a
    /// table in a column of the 新旧対照表 has no room for its columns).
    in_table: std::cell::Cell<bool>,
}

impl Writer<'_, '_> {
    fn nodes(&self, nodes: &[Node], depth: usize, out: &mut String) {
        for node in nodes {
            self.node(node, depth, out);
        }
    }

    fn node(&self, node: &Node, depth: usize, out: &mut String) {
        match node {
            Node::Text(value) => out.push_str(&text(&collapse(value))),
            Node::Element { name, children, .. } if depth >= MAX_DEPTH && CONTAINERS.contains(&name.as_str()) => {
                out.push_str(&format!("\n\n{}\n\n", text(&plain(children))));
            }
            Node::Element { name, attrs, children } => {
                let depth = depth + usize::from(CONTAINERS.contains(&name.as_str()));
                self.element(name, attrs, children, depth, out);
            }
        }
    }

    fn inner(&self, children: &[Node], depth: usize) -> String {
        let mut out = String::new();
        self.nodes(children, depth, &mut out);
        out
    }

    fn element(&self, name: &str, attrs: &[(String, String)], children: &[Node], depth: usize, out: &mut String) {
        let inner = || self.inner(children, depth);
        match name {
            "p" | "div" | "section" | "address" | "h2" | "h3" | "h4" => {
                let body = inner();
                if name.starts_with('h') {
                    out.push_str(&format!("\n\n#strong[{body}]\n\n"));
                } else {
                    out.push_str(&format!("\n\n{body}\n\n"));
                }
            }
            "br" => out.push_str("#linebreak();"),
            "hr" => out.push_str("\n\n#line(length: 100%, stroke: 0.4pt)\n\n"),
            "strong" | "b" => out.push_str(&format!("#strong[{}];", inner())),
            "em" | "i" => out.push_str(&format!("#emph[{}];", inner())),
            "del" | "s" => out.push_str(&format!("#strike[{}];", inner())),
            "ins" | "u" => out.push_str(&format!("#underline[{}];", inner())),
            "sup" => out.push_str(&format!("#super[{}];", inner())),
            "sub" => out.push_str(&format!("#sub[{}];", inner())),
            "code" => out.push_str(&format!("#raw({});", literal(&plain(children)))),
            "pre" => out.push_str(&format!("\n\n#raw(block: true, {})\n\n", literal(&plain(children)))),
            "blockquote" => out.push_str(&format!("\n\n#quote(block: true)[{}]\n\n", inner())),
            "a" => self.link(attr(attrs, "href").unwrap_or_default(), &inner(), &plain(children), out),
            "img" => out.push_str(&text(attr(attrs, "alt").unwrap_or_default())),
            "ul" | "ol" => self.list(name, attrs, children, depth, out),
            "table" => self.table(children, depth, out),
            "dl" => self.definitions(children, depth, out),
            _ => out.push_str(&inner()),
        }
    }

    /// A link; on paper its address must show, so a web link whose text is
    /// not its address is followed by it. A link to a clause of the same
    /// text goes to that clause in the PDF.
    fn link(&self, href: &str, body: &str, shown: &str, out: &mut String) {
        if let Some(id) = href.strip_prefix('#') {
            match (self.links.has_label)(id) {
                true => out.push_str(&format!("#link(label({}))[{body}];", literal(id))),
                false => out.push_str(body),
            }
            return;
        }
        let web = href.starts_with("https://") || href.starts_with("http://");
        let target = if web || href.starts_with("mailto:") || href.starts_with("tel:") {
            Some(href.to_string())
        } else if href.starts_with('/') && !href.starts_with("//") {
            Some((self.links.absolute)(href))
        } else {
            None
        };
        let Some(target) = target else {
            out.push_str(body);
            return;
        };
        out.push_str(&format!("#link({})[{body}];", literal(&target)));
        if (web || href.starts_with('/')) && shown.trim() != target && shown.trim() != href {
            out.push_str(&format!(" #text(size: 0.85em)[{}];", text(&format!("({target})"))));
        }
    }

    fn list(&self, name: &str, attrs: &[(String, String)], children: &[Node], depth: usize, out: &mut String) {
        let items: Vec<String> = children
            .iter()
            .filter_map(|child| match child {
                Node::Element { name, children, .. } if name == "li" => {
                    Some(format!("[{}]", self.inner(children, depth)))
                }
                _ => None,
            })
            .collect();
        let marked = attr(attrs, "class").is_some_and(|class| class.split_whitespace().any(|c| c == "k-marked"));
        let function = if name == "ol" && !marked {
            let start = attr(attrs, "start").and_then(|s| s.parse::<u64>().ok()).unwrap_or(1);
            format!("#enum(start: {start}, ")
        } else if marked {
            // The items carry their own marks (（1）, ①, イ): no bullets.
            "#list(marker: [], indent: 0pt, body-indent: 0pt, ".to_string()
        } else {
            "#list(".to_string()
        };
        out.push_str(&format!("\n\n{function}{})\n\n", items.join(", ")));
    }

    fn table(&self, children: &[Node], depth: usize, out: &mut String) {
        let mut rows: Vec<&[Node]> = Vec::new();
        collect_rows(children, &mut rows);
        if self.in_table.get() {
            return self.rows_as_text(&rows, depth, out);
        }
        self.in_table.set(true);
        let mut columns = 1;
        let mut cells = Vec::new();
        for row in rows {
            let mut width = 0;
            for cell in row {
                let Node::Element { name, attrs, children } = cell else { continue };
                if name != "td" && name != "th" {
                    continue;
                }
                let span = |key: &str| attr(attrs, key).and_then(|v| v.parse::<usize>().ok()).unwrap_or(1).clamp(1, 64);
                let (colspan, rowspan) = (span("colspan"), span("rowspan"));
                width += colspan;
                let body = self.inner(children, depth);
                let body = if name == "th" { format!("#strong[{body}]") } else { body };
                cells.push(format!("table.cell(colspan: {colspan}, rowspan: {rowspan})[{body}]"));
            }
            columns = columns.max(width);
        }
        self.in_table.set(false);
        // The columns share the width: a wide table stays on the page.
        out.push_str(&format!(
            "\n\n#table(columns: (1fr,) * {columns}, stroke: 0.4pt + luma(160), inset: 4pt, {})\n\n",
            cells.join(", ")
        ));
    }

    /// A table inside a table's cell: each row a block, its cells one under
    /// another, each after its column's heading (the first row's cell),
    /// rows apart by a rule.
    fn rows_as_text(&self, rows: &[&[Node]], depth: usize, out: &mut String) {
        let cells_of = |row: &[Node]| -> Vec<(String, String)> {
            row.iter()
                .filter_map(|cell| match cell {
                    Node::Element { name, children, .. } if name == "td" || name == "th" => {
                        Some((self.inner(children, depth), plain(children)))
                    }
                    _ => None,
                })
                .collect()
        };
        let headings: Vec<String> = match rows.first() {
            Some(first) if rows.len() > 1 => cells_of(first).into_iter().map(|(_, text)| text).collect(),
            _ => Vec::new(),
        };
        for row in rows.iter().skip(usize::from(!headings.is_empty())) {
            let lines: Vec<String> = cells_of(row)
                .into_iter()
                .enumerate()
                .filter(|(_, (markup, _))| !markup.trim().is_empty())
                .map(|(i, (markup, _))| match headings.get(i).filter(|h| !h.trim().is_empty()) {
                    Some(heading) => format!("#text(fill: luma(90))[{}]: {markup}", text(heading.trim())),
                    None => markup,
                })
                .collect();
            out.push_str(&format!(
                "\n\n#block(width: 100%, inset: (bottom: 3pt), stroke: (bottom: 0.3pt + luma(170)))[{}]\n\n",
                lines.join(" #linebreak(); ")
            ));
        }
    }

    fn definitions(&self, children: &[Node], depth: usize, out: &mut String) {
        let mut cells = Vec::new();
        let mut pending: Vec<&Node> = children.iter().collect();
        pending.reverse();
        while let Some(node) = pending.pop() {
            let Node::Element { name, children, .. } = node else { continue };
            match name.as_str() {
                "dt" | "dd" => cells.push(format!("[{}]", self.inner(children, depth))),
                // A <div> groups a term with its description.
                _ => pending.extend(children.iter().rev()),
            }
        }
        if cells.len() % 2 == 1 {
            cells.push("[]".to_string());
        }
        out.push_str(&format!(
            "\n\n#grid(columns: (auto, 1fr), column-gutter: 1em, row-gutter: 0.5em, {})\n\n",
            cells.join(", ")
        ));
    }
}

fn collect_rows<'n>(nodes: &'n [Node], rows: &mut Vec<&'n [Node]>) {
    for node in nodes {
        if let Node::Element { name, children, .. } = node {
            match name.as_str() {
                "tr" => rows.push(children),
                "thead" | "tbody" | "tfoot" => collect_rows(children, rows),
                _ => {}
            }
        }
    }
}

/// The text of nodes, without markup.
fn plain(nodes: &[Node]) -> String {
    let mut out = String::new();
    let mut stack: Vec<&Node> = nodes.iter().rev().collect();
    while let Some(node) = stack.pop() {
        match node {
            Node::Text(value) => out.push_str(value),
            Node::Element { name, children, .. } => {
                if BLOCKS.contains(&name.as_str()) && !out.is_empty() {
                    out.push(' ');
                }
                stack.extend(children.iter().rev());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert(html: &str) -> String {
        let absolute = |path: &str| format!("https://example.com{path}");
        let has_label = |id: &str| id == "fees";
        from_html(html, &LinkBase { absolute: &absolute, has_label: &has_label })
    }

    #[test]
    fn text_is_a_string_literal_whatever_it_holds() {
        let markup = convert("<p>a \"b\" \\ #set text(red) = *x* &lt;c&gt; &amp; &#x3042;</p>");
        assert_eq!(markup.trim(), r##"#"a \"b\" \\ #set text(red) = *x* <c> & あ";"##);
    }

    #[test]
    fn elements_become_typst_functions() {
        let markup =
            convert("<p><strong>重要</strong>な<a href=\"/ja/terms/#fees\">料金</a><del>旧</del><ins>新</ins></p>");
        assert!(
            markup.contains(r##"#strong[#"重要";];#"な";#link("https://example.com/ja/terms/#fees")[#"料金";];"##),
            "{markup}"
        );
        assert!(markup.contains(r##"#strike[#"旧";];#underline[#"新";];"##), "{markup}");
        let list = convert("<ol start=\"3\"><li>一</li><li>二</li></ol>");
        assert!(list.contains(r##"#enum(start: 3, [#"一";], [#"二";])"##), "{list}");
        let table = convert("<table><tr><th>a</th><td colspan=\"2\">b</td></tr></table>");
        assert!(table.contains("#table(columns: (1fr,) * 3,"), "{table}");
        let nested = convert("<table><tr><td><table><tr><td>a</td><td>b</td></tr></table></td></tr></table>");
        assert!(
            nested.matches("#table(").count() == 1 && nested.contains(r##"#"a"; #linebreak(); #"b";"##),
            "{nested}"
        );
        assert!(table.contains(r##"table.cell(colspan: 2, rowspan: 1)[#"b";]"##), "{table}");
    }

    #[test]
    fn only_web_mail_and_phone_links_are_kept() {
        let markup =
            convert("<a href=\"javascript:alert(1)\">x</a><a href=\"//evil.example/\">y</a><a href=\"#a\">z</a>");
        assert!(!markup.contains("#link"), "{markup}");
    }

    #[test]
    fn line_breaks_join_japanese_and_space_english() {
        assert_eq!(collapse("個人\n情報"), "個人情報");
        assert_eq!(collapse("personal\ninformation"), "personal information");
        assert_eq!(collapse("代表取締役社長 森川  陽子"), "代表取締役社長 森川 陽子");
    }

    #[test]
    fn deep_nesting_is_flattened_not_followed() {
        let html = "<blockquote>".repeat(5_000) + "x" + &"</blockquote>".repeat(5_000);
        let markup = convert(&html);
        assert!(markup.contains(r##"#"x";"##));
        assert!(markup.matches("#quote").count() <= MAX_DEPTH);
        let lists = "<ul><li>".repeat(40) + "y" + &"</li></ul>".repeat(40);
        assert!(convert(&lists).matches("#list(").count() <= MAX_DEPTH);
    }
}
