//! The marks the importer's stages pass inside its lines of text: a link's
//! text and address, emphasis, the depth of an HTML list item, a list break
//! and a table cell. They are Unicode noncharacters (U+FDD0…, which the
//! standard sets aside for a program's internal use and which no text in
//! interchange holds) and one control character, never private-use
//! characters: a Shift_JIS page's 外字 decode to the private-use area, and
//! must stay text. An input that holds a mark itself is refused at the
//! front door ([`reserved_in`]), so no input can forge structure.

/// Opens a link's text; [`LINK_TO`] separates it from the address;
/// [`LINK_END`] closes it.
pub(crate) const LINK_OPEN: char = '\u{fdd0}';
/// Between a link's text and its address.
pub(crate) const LINK_TO: char = '\u{fdd1}';
/// Closes a link.
pub(crate) const LINK_END: char = '\u{fdd2}';
/// Opens strong emphasis (`<strong>`, `<b>`, `<u>`, `**`).
pub(crate) const STRONG_OPEN: char = '\u{fdd3}';
/// Closes strong emphasis.
pub(crate) const STRONG_CLOSE: char = '\u{fdd4}';
/// Opens emphasis (`<em>`, `<i>`, `*`).
pub(crate) const EM_OPEN: char = '\u{fdd5}';
/// Closes emphasis.
pub(crate) const EM_CLOSE: char = '\u{fdd6}';
/// Starts an item of an HTML ordered list inside another, followed by
/// `depth.number `.
pub(crate) const LEVEL_MARK: char = '\u{fdd7}';
/// Starts a Markdown bulleted list that follows a numbered one.
pub(crate) const LIST_BREAK: char = '\u{fdd8}';
/// Separates (and starts) the cells of a table row.
pub(crate) const CELL: char = '\u{1f}';

/// Whether a character is one the importer reserves for its marks: every
/// noncharacter of U+FDD0–U+FDEF, and the cell separator.
pub(crate) fn is_reserved(c: char) -> bool {
    ('\u{fdd0}'..='\u{fdef}').contains(&c) || c == CELL
}

/// The line and column (1-based, in characters) and the code point of the
/// first reserved character of an input, if it has one.
pub(crate) fn reserved_in(text: &str) -> Option<(usize, usize, char)> {
    text.lines().enumerate().find_map(|(number, line)| {
        line.chars().position(is_reserved).map(|column| {
            let found = line.chars().nth(column).unwrap_or(CELL);
            (number + 1, column + 1, found)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_characters_are_found_with_their_place() {
        assert_eq!(reserved_in("第1条\n利用\u{fdd0}目的"), Some((2, 3, '\u{fdd0}')));
        assert_eq!(reserved_in("a\u{1f}b"), Some((1, 2, '\u{1f}')));
        // Private-use characters (外字 from Shift_JIS) are text.
        assert_eq!(reserved_in("\u{e000}\u{e010}"), None);
    }
}
