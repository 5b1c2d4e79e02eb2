//! HTML lists as text lines with the marks a browser shows.
//!
//! Each `<li>` becomes a line starting with its mark, so that the line
//! classifier nests and keeps them like the lists of a text file: `1.`,
//! `(1)`, `①` by depth in ordered lists (numbering starts at `start`), the
//! letters or roman numerals of `<ol type="a">`, `type="i"` and the like,
//! `・` and `◦` in bulleted lists. The page's tree is walked by
//! [`crate::read::html`]; this is what the marks are.

use crate::read::marks::LEVEL_MARK;

/// An open `<ol>`: the last number given, and how numbers are written.
#[derive(Clone, Copy)]
pub(crate) struct Ordered {
    counter: u32,
    style: char,
}

impl Ordered {
    /// An `<ol>`'s numbering from its `type` and `start` attributes.
    pub(crate) fn from_attributes(kind: Option<&str>, start: Option<&str>) -> Self {
        let style = kind.map(str::trim).filter(|k| matches!(*k, "a" | "A" | "i" | "I" | "1"));
        let style = style.and_then(|k| k.chars().next()).unwrap_or('1');
        let start: u32 = start.and_then(|s| s.trim().parse().ok()).filter(|s| *s <= 9999).unwrap_or(1);
        Ordered { counter: start.saturating_sub(1), style }
    }
}

/// The lists open around an item: `Some` an `<ol>`, `None` a `<ul>`.
#[derive(Default)]
pub(crate) struct Lists(Vec<Option<Ordered>>);

impl Lists {
    pub(crate) fn open(&mut self, list: Option<Ordered>) {
        self.0.push(list);
    }

    pub(crate) fn close(&mut self) {
        self.0.pop();
    }

    /// The mark of the next item, by how deep its list is among lists of
    /// its kind, so that a list inside another keeps a marker of another
    /// kind (and nests).
    pub(crate) fn item_mark(&mut self) -> String {
        let ordered = matches!(self.0.last(), Some(Some(_)));
        let depth = self.0.iter().filter(|l| l.is_some() == ordered).count();
        match self.0.last_mut() {
            Some(Some(list)) => {
                list.counter += 1;
                ordered_marker(depth, *list)
            }
            _ if depth > 1 => "◦ ".to_string(),
            _ => "・".to_string(),
        }
    }
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
    use crate::read::marks::LEVEL_MARK;

    fn lines(html: &str) -> Vec<String> {
        let text = crate::read::html::read(html).unwrap().text;
        text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
    }

    #[test]
    fn items_take_the_marks_a_browser_shows() {
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
        // Items without end tags, as HTML allows.
        assert_eq!(lines("<ol><li>一<li>二</ol>"), ["1. 一", "2. 二"]);
    }
}
