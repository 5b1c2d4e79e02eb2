//! Links in an imported policy. The importer works on lines of text, where
//! a link would be lost (an opt-out page in a 外部送信 notice, a request
//! form): each link is carried through as its text and address between
//! marks ([`crate::read::marks`]), written as a Markdown link at the end, and read as
//! plain text wherever a line is classified or a desk's details are read.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

pub(crate) use crate::read::marks::{LINK_END as END, LINK_OPEN as OPEN, LINK_TO as TO};

static MARKED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("{OPEN}([^{TO}]*){TO}([^{END}]*){END}")).unwrap());

/// Whether a link's address can be published as it is: absolute web,
/// mail and phone addresses (a relative one meant the old site's pages).
pub(crate) fn publishable(address: &str) -> bool {
    let lower = address.trim().to_ascii_lowercase();
    ["https://", "http://", "mailto:", "tel:"].iter().any(|scheme| lower.starts_with(scheme))
}

/// The address a link to a heading of the same page is carried under (the
/// heading's text, hex-encoded), until the clause it became is known and
/// the link points to its id ([`resolve_in_page`]).
pub(crate) const IN_PAGE: &str = "#kiyaku-heading-";

/// The address of a link to the heading whose text is `heading`.
pub(crate) fn in_page(heading: &str) -> String {
    let hex: String = heading.bytes().map(|b| format!("{b:02x}")).collect();
    format!("{IN_PAGE}{hex}")
}

static IN_PAGE_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[((?:[^\]\\]|\\.)*)\]\(#kiyaku-heading-([0-9a-f]*)\)").unwrap());

/// Points each link to a heading of the page at the clause that heading
/// became (`[Section 6](#contact)`); `clause` gives the id of the clause
/// a heading's text names. A link to a heading that became no clause is
/// its text alone. Returns the text and how many links were made.
pub(crate) fn resolve_in_page(markdown: &str, clause: impl Fn(&str) -> Option<String>) -> (String, usize) {
    if !markdown.contains(IN_PAGE) {
        return (markdown.to_string(), 0);
    }
    let mut linked = 0;
    let text = IN_PAGE_LINK.replace_all(markdown, |caps: &regex::Captures<'_>| {
        let bytes: Vec<u8> = (0..caps[2].len() / 2)
            .filter_map(|i| u8::from_str_radix(caps[2].get(2 * i..2 * i + 2)?, 16).ok())
            .collect();
        match clause(&String::from_utf8_lossy(&bytes)) {
            Some(id) => {
                linked += 1;
                format!("[{}](#{id})", &caps[1])
            }
            None => caps[1].to_string(),
        }
    });
    (text.into_owned(), linked)
}

/// Closes a link a reader opened (with [`OPEN`] at `start`) to `address`:
/// a link with no text (an image's) is no link in the draft, as `[](…)`
/// would read as a clause reference.
pub(crate) fn close(out: &mut String, (start, address): (usize, String)) {
    if out[start + OPEN.len_utf8()..].trim().is_empty() {
        out.remove(start);
        return;
    }
    out.push(TO);
    out.push_str(&address);
    out.push(END);
}

/// The text with each link reduced to its text.
pub(crate) fn plain(text: &str) -> Cow<'_, str> {
    let text = crate::read::emphasis::plain(text);
    if !text.contains(OPEN) {
        return text;
    }
    Cow::Owned(MARKED.replace_all(&text, "$1").into_owned())
}

/// The text with each link as its text followed by its address (what a
/// reader of the draft finds of it), unless the text says the address.
pub(crate) fn spelled_out(text: &str) -> Cow<'_, str> {
    if !text.contains(OPEN) {
        return Cow::Borrowed(text);
    }
    MARKED.replace_all(text, |caps: &regex::Captures<'_>| {
        let (shown, address) = (caps[1].trim(), caps[2].trim());
        let bare = address.trim_start_matches("mailto:").trim_start_matches("tel:");
        // A link within the page shows no address.
        if shown == address || shown == bare || address.starts_with('#') {
            shown.to_string()
        } else {
            format!("{shown} {address}")
        }
    })
}

/// Writes `text` as Markdown: its links as links, the rest through `escape`.
pub(crate) fn write_markdown(text: &str, escape: impl Fn(&str, bool) -> String, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut last = 0;
    for caps in MARKED.captures_iter(text) {
        let whole = caps.get(0).expect("a match");
        out.push_str(&escape(&text[last..whole.start()], line_start && last == 0));
        let address = caps[2].trim();
        // Spaces and brackets would end the address: the pointy form keeps them.
        let address = if address.contains([' ', '(', ')']) {
            format!("<{}>", address.replace(' ', "%20"))
        } else {
            address.into()
        };
        out.push_str(&format!("[{}]({address})", escape(caps[1].trim(), false)));
        last = whole.end();
    }
    out.push_str(&escape(&text[last..], line_start && last == 0));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escape(text: &str, _: bool) -> String {
        text.replace('[', "\\[")
    }

    #[test]
    fn html_links_with_addresses_of_their_own_are_kept() {
        let html = r#"<p>詳しくは<a class="x" href="https://tools.google.com/dlpage/gaoptout">オプトアウト<b>アドオン</b></a>を、<a href="/form.pdf">申請書</a>をご覧ください。<a href="https://a.example/"><img alt=""></a></p>"#;
        let marked = crate::read::html::read(html).unwrap().text;
        assert_eq!(plain(&marked).trim(), "詳しくはオプトアウトアドオンを、申請書をご覧ください。");
        assert!(spelled_out(&marked).contains("アドオン\u{fdd4} https://tools.google.com/dlpage/gaoptout"));
        assert!(!marked.contains("a.example"), "a link with no text is none");
    }

    #[test]
    fn markdown_links_are_written_back_as_links() {
        let marked =
            crate::read::markdown::read("See the [pricing page](https://example.com/pricing) and [x](relative).");
        let written = write_markdown(marked.trim(), escape, true);
        assert_eq!(
            written, "See the [pricing page](https://example.com/pricing) and x.",
            "a relative address meant the old site"
        );
        let odd = format!("{OPEN}form [A]{TO}https://example.com/a b(1){END}");
        assert_eq!(write_markdown(&odd, escape, true), "[form \\[A]](<https://example.com/a%20b(1)>)");
    }

    #[test]
    fn links_to_headings_of_the_page_go_to_their_clauses() {
        let markdown = format!("See [Section 6]({}) and [gone]({}).", in_page("6. Contact Us"), in_page("Nowhere"));
        let (text, linked) = resolve_in_page(&markdown, |h| (h == "6. Contact Us").then(|| "contact".to_string()));
        assert_eq!((text.as_str(), linked), ("See [Section 6](#contact) and gone.", 1));
        let marked = format!("{OPEN}Section 6{TO}{}{END}", in_page("x"));
        assert_eq!(spelled_out(&marked), "Section 6", "no address is shown for a link within the page");
    }
}
