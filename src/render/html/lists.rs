//! Lists whose items carry their own marks.
//!
//! Japanese legal text numbers its items ①②, (1)(2), (ア)(イ), イロハ or
//! 一二三, and other clauses cite them by that mark (「前条②」). Markdown
//! has only `1.` lists, so such a list is written as a bulleted list whose
//! items begin with their marks (`- ① …`); this gives it the class
//! `k-marked`, which the theme shows without bullets, so that readers see
//! the marks as written and nothing else.

use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// A mark at the start of an item: ①, ㉑, (1), （ア）, (a), イ　, ア．, 一　, a.
static MARK: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(concat!(
        r"^(?:[①-⑳㉑-㉟㊱-㊿⑴-⒇]",
        r"|[(（]\s*(?:[0-9０-９]{1,3}|[a-zA-Zａ-ｚＡ-Ｚ]|[ア-ン]|[あ-ん]|[一二三四五六七八九十]{1,3}|[ivxIVX]{1,5})\s*[)）]",
        r"|[ア-ン][\s　.．]|[一二三四五六七八九十]{1,3}[\s　、．]|[a-zA-Z][.)]\s|(?i:i{1,3}|iv|vi{0,3}|ix|x)[.)]\s)"
    ))
    .unwrap()
});

/// The start of a marked list: a bulleted list with the theme's class.
const MARKED_START: &str = "<ul class=\"k-marked\">\n";

/// A list open while the events are read.
struct OpenList {
    /// Where its start event is.
    start: usize,
    /// Bulleted, and every item so far began with a mark.
    marked: bool,
    /// An item has begun and no text of it was seen yet.
    awaiting_text: bool,
}

/// Gives the class `k-marked` to every bulleted list whose items all begin
/// with a mark.
pub(super) fn mark(events: &mut [Event<'_>]) {
    let mut open: Vec<OpenList> = Vec::new();
    for index in 0..events.len() {
        match &events[index] {
            Event::Start(Tag::List(first)) => {
                // A list that opens an item is not that item's mark.
                if let Some(parent) = open.last_mut().filter(|list| list.awaiting_text) {
                    parent.marked = false;
                    parent.awaiting_text = false;
                }
                open.push(OpenList { start: index, marked: first.is_none(), awaiting_text: false });
            }
            Event::Start(Tag::Item) => {
                if let Some(list) = open.last_mut() {
                    list.awaiting_text = true;
                }
            }
            Event::Text(text) => {
                if let Some(list) = open.last_mut().filter(|list| list.awaiting_text) {
                    list.marked &= MARK.is_match(text);
                    list.awaiting_text = false;
                }
            }
            Event::End(TagEnd::Item) => {
                if let Some(list) = open.last_mut().filter(|list| list.awaiting_text) {
                    list.marked = false;
                    list.awaiting_text = false;
                }
            }
            Event::End(TagEnd::List(_)) => {
                if let Some(list) = open.pop().filter(|list| list.marked) {
                    events[list.start] = Event::Html(CowStr::Borrowed(MARKED_START));
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Parser, html::push_html};

    fn html(markdown: &str) -> String {
        let mut events: Vec<_> = Parser::new(markdown).collect();
        super::mark(&mut events);
        let mut out = String::new();
        push_html(&mut out, events.into_iter());
        out
    }

    #[test]
    fn lists_of_marked_items_keep_their_marks_without_bullets() {
        for marks in
            [["①", "②"], ["(1)", "(2)"], ["（ア）", "（イ）"], ["イ　", "ロ　"], ["一　", "二　"], ["(a)", "(b)"]]
        {
            let markdown = format!("- {}法令に違反する行為\n- {}なりすまし\n", marks[0], marks[1]);
            let out = html(&markdown);
            assert!(out.starts_with("<ul class=\"k-marked\">\n<li>"), "{markdown}: {out}");
            assert!(out.ends_with("</ul>\n"), "{out}");
        }
    }

    #[test]
    fn other_lists_stay_as_they_are() {
        // An item without a mark, an ordered list, a year, a list opening an item.
        for markdown in ["- ① 第一\n- 第二\n", "1. ① 第一\n2. ② 第二\n", "- 2024年に改定\n", "- - ① 入れ子\n"]
        {
            assert!(!html(markdown).starts_with("<ul class"), "{markdown}: {}", html(markdown));
        }
        // A marked list inside an ordinary one is marked on its own.
        let nested = html("- 次の行為\n    - ① 第一\n    - ② 第二\n- その他\n");
        assert!(nested.starts_with("<ul>\n<li>次の行為<ul class=\"k-marked\">"), "{nested}");
    }
}
