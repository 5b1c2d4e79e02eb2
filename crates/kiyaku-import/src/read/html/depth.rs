//! How deep a page nests, judged before it is parsed: the HTML5 tree
//! builder's time grows with the depth, so a hostile page is refused first.

/// The deepest nesting of elements read: the HTML5 tree builder looks
/// through the open elements at each tag, so a page nested 20,000 deep
/// takes seconds; real pages nest a few dozen deep.
pub(super) const DEEPEST: usize = 2_000;

/// How deep a page's start tags nest, counted from its tags alone:
/// elements without an end tag (`<br>`) or whose end tag may be left out
/// (`<p>`, `<li>`) are not counted, so a page is never counted deeper than
/// it is built. Comments are skipped.
pub(super) fn nesting_depth(html: &str) -> usize {
    const UNCOUNTED: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "p",
        "li", "dt", "dd", "tr", "td", "th", "option", "tbody", "thead", "tfoot", "colgroup", "rb", "rt", "rp",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0usize);
    while let Some(found) = bytes[at..].iter().position(|b| *b == b'<') {
        at += found + 1;
        if bytes[at..].starts_with(b"!--") {
            at = html[at..].find("-->").map_or(bytes.len(), |end| at + end + 3);
            continue;
        }
        let closing = bytes.get(at) == Some(&b'/');
        let start = at + usize::from(closing);
        let length = bytes[start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        let name = html[start..start + length].to_ascii_lowercase();
        if length == 0 || !bytes[start].is_ascii_alphabetic() || UNCOUNTED.contains(&name.as_str()) {
            continue;
        }
        let tag_end = bytes[start..].iter().position(|b| *b == b'>').map_or(bytes.len(), |end| start + end);
        let self_closing = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
        match (closing, self_closing) {
            (true, _) => depth = depth.saturating_sub(1),
            (false, false) => depth += 1,
            (false, true) => {}
        }
        deepest = deepest.max(depth);
    }
    deepest
}
