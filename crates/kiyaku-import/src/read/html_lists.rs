//! HTML lists as text lines with the marks a browser shows.
//!
//! Each `<li>` becomes a line starting with its mark, so that the line
//! classifier nests and keeps them like the lists of a text file: `1.`,
//! `(1)`, `①` by depth in ordered lists (numbering starts at `start`), the
//! letters or roman numerals of `<ol type="a">`, `type="i"` and the like,
//! `・` and `◦` in bulleted lists.

use std::sync::LazyLock;

use regex::Regex;

use crate::read::marks::LEVEL_MARK;

static LIST_TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)<(/?)(ol|ul|li)\b([^>]*)>").unwrap());
static TYPE_ATTR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\b(?i:type)\s*=\s*["']?([aAiI1])\b"#).unwrap());
static START_ATTR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"(?i)\bstart\s*=\s*["']?([0-9]{1,4})\b"#).unwrap());

/// An open `<ol>`: the last number given, and how numbers are written.
#[derive(Clone, Copy)]
struct Ordered {
    counter: u32,
    style: char,
}

/// List items as text markers, by how deep the list is among lists of its
/// kind, so that a list inside another keeps a marker of another kind (and
/// nests).
pub(crate) fn list_items(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut lists: Vec<Option<Ordered>> = Vec::new();
    let mut last = 0;
    for caps in LIST_TAG.captures_iter(html) {
        let whole = caps.get(0).expect("a match");
        out.push_str(&html[last..whole.start()]);
        last = whole.end();
        let closing = !caps[1].is_empty();
        match (caps[2].to_ascii_lowercase().as_str(), closing) {
            ("ol", false) => lists.push(Some(ordered(&caps[3]))),
            ("ul", false) => lists.push(None),
            ("ol" | "ul", true) => {
                lists.pop();
            }
            ("li", false) => {
                let same_kind = |ordered: bool| lists.iter().filter(|l| l.is_some() == ordered).count();
                let depth = same_kind(matches!(lists.last(), Some(Some(_))));
                match lists.last_mut() {
                    Some(Some(list)) => {
                        list.counter += 1;
                        out.push('\n');
                        out.push_str(&ordered_marker(depth, *list));
                    }
                    _ => out.push_str(if depth > 1 { "\n◦ " } else { "\n・" }),
                }
            }
            _ => out.push('\n'),
        }
    }
    out.push_str(&html[last..]);
    out
}

/// An `<ol>`'s numbering from its attributes.
fn ordered(attributes: &str) -> Ordered {
    let style = TYPE_ATTR.captures(attributes).and_then(|caps| caps[1].chars().next()).unwrap_or('1');
    let start: u32 = START_ATTR.captures(attributes).and_then(|caps| caps[1].parse().ok()).unwrap_or(1);
    Ordered { counter: start.saturating_sub(1), style }
}

/// `1.` in a list, the depth's own mark in a list inside it (numbered by
/// Markdown, as a browser numbers it, see [`LEVEL_MARK`]); `a.`, `(A)`,
/// `(i)`, `(I)` as the list's type says.
fn ordered_marker(depth: usize, list: Ordered) -> String {
    let number = list.counter;
    match list.style {
        'a' | 'A' if (1..=26).contains(&number) => {
            let letter = char::from(b'a' + (number - 1) as u8);
            if list.style == 'a' { format!("{letter}. ") } else { format!("({}) ", letter.to_ascii_uppercase()) }
        }
        'i' | 'I' if (1..=39).contains(&number) => {
            let numeral = roman(number);
            if list.style == 'i' { format!("({numeral}) ") } else { format!("({}) ", numeral.to_ascii_uppercase()) }
        }
        _ if depth <= 1 => format!("{number}. "),
        _ => format!("{LEVEL_MARK}{depth}.{number} "),
    }
}

/// 1..=39 in lowercase roman numerals.
fn roman(number: u32) -> String {
    let tens = "x".repeat((number / 10) as usize);
    let units = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"][(number % 10) as usize];
    format!("{tens}{units}")
}

#[cfg(test)]
mod tests {
    use super::list_items;
    use crate::read::marks::LEVEL_MARK;

    #[test]
    fn items_take_the_marks_a_browser_shows() {
        let lines =
            |html: &str| list_items(html).lines().filter(|l| !l.is_empty()).map(str::to_string).collect::<Vec<_>>();
        assert_eq!(lines("<ol><li>一</li><li>二</li></ol>"), ["1. 一", "2. 二"]);
        assert_eq!(lines("<ol type=\"a\"><li>甲</li><li>乙</li></ol>"), ["a. 甲", "b. 乙"]);
        assert_eq!(lines("<ol type='A'><li>甲</li></ol>"), ["(A) 甲"]);
        assert_eq!(
            lines("<ol type=i><li>x</li><li>y</li><li>z</li><li>w</li></ol>"),
            ["(i) x", "(ii) y", "(iii) z", "(iv) w"]
        );
        assert_eq!(lines("<ol start=\"3\"><li>三</li><li>四</li></ol>"), ["3. 三", "4. 四"]);
        assert_eq!(
            lines("<ol><li>一<ol><li>甲<ol><li>丙</li></ol></li></ol></li></ol>"),
            vec!["1. 一".to_string(), format!("{LEVEL_MARK}2.1 甲"), format!("{LEVEL_MARK}3.1 丙")]
        );
        assert_eq!(lines("<ul><li>a<ul><li>b</li></ul></li></ul>"), ["・a", "◦ b"]);
    }
}
