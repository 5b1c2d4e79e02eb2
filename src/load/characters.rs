//! What reading the sources refuses: links out of the site and files that
//! are no files, and characters a reader cannot see, looked for in every
//! source as it is read: control characters (errors: they reach pages and terminals as
//! they are), and the format characters that make a text read otherwise
//! than it is written (warnings): bidirectional overrides and isolates
//! (「料金は\u{202e}円000,1\u{202c}です。」 shows as 1,000円) and zero-width
//! characters inside text.

use std::sync::LazyLock;

use crate::base::diag::{Diagnostic, Diagnostics, SourceFile};

/// Control characters (NUL, ESC…) are invisible in an editor and would
/// reach pages and terminals as they are: each is an error, up to a few
/// per file. Tabs and line ends are text.
pub(super) fn report_control_characters(source: &SourceFile, diags: &mut Diagnostics) {
    const SHOWN_PER_FILE: usize = 5;
    // Most files have none: a pass over the bytes (C1 controls start with 0xC2) says so.
    // (Folded without branches, a chunk at a time, so that it vectorises.)
    let suspect = |b: u8| ((b < 0x20) & (b != b'\n') & (b != b'\t')) | (b == 0x7f) | (b == 0xc2);
    let chunk_suspect = |chunk: &[u8]| chunk.iter().fold(false, |found, &b| found | suspect(b));
    if !source.text.as_bytes().chunks(4096).any(chunk_suspect) {
        return;
    }
    let found = source.text.char_indices().filter(|(_, c)| c.is_control() && !matches!(c, '\n' | '\t'));
    for (at, c) in found.take(SHOWN_PER_FILE) {
        diags.push(
            Diagnostic::control_character(c)
                .at(source, at..at + c.len_utf8())
                .hint("delete it: it is invisible in most editors (copied from another program, or a stray key)"),
        );
    }
}

/// A link out of the site's folder (to `/proc/self/status`, `~/.ssh/…`):
/// its target is not read, let alone quoted or published.
pub(super) fn link_outside(path: &std::path::Path) -> Diagnostic {
    Diagnostic::error(
        "link-outside",
        format!("{} is a symbolic link that leads outside the site's folder", path.display()),
    )
    .in_file(path)
    .hint("copy the file into the site, or link to a file inside the site's folder (links inside it are followed)")
}

/// A FIFO, a device or a socket where a source file would be.
pub(super) fn not_a_file(path: &std::path::Path) -> Diagnostic {
    Diagnostic::error(
        "not-a-file",
        format!("{} is not a regular file (a FIFO, a device or a socket) and is not read", path.display()),
    )
    .in_file(path)
    .hint("remove it, or put a regular file in its place")
}

/// A file or folder whose name is not UTF-8 or holds a control character.
pub(super) fn file_name_unusable(path: &std::path::Path) -> Diagnostic {
    let shown: String = path.to_string_lossy().chars().map(|c| if c.is_control() { '\u{fffd}' } else { c }).collect();
    Diagnostic::error("file-name", format!("{shown} has a name that is not UTF-8 or holds a control character"))
        .in_file(std::path::Path::new(&shown))
        .hint("rename it with letters, digits and punctuation only: it would be published, listed and linked under that name")
}

/// A folder where a source file would be (`content/privacy/2024-04-01.ja.md/`):
/// the version it is named after does not exist.
pub(super) fn folder_named_like_a_file(path: &std::path::Path) -> Diagnostic {
    Diagnostic::error("not-a-file", format!("{} is a folder, not a file, and is not read as a source", path.display()))
        .in_file(path)
        .hint("rename the folder, or put the file of that name in its place")
}

/// The characters of [`report_deceptive_characters`]: those of
/// [`crate::base::diag::INVISIBLE`], as a regex (fast where there are none).
static DECEPTIVE: LazyLock<regex::Regex> = LazyLock::new(|| {
    let ranges: String = crate::base::diag::INVISIBLE
        .iter()
        .map(|(from, to)| format!("\\x{{{:X}}}-\\x{{{:X}}}", *from as u32, *to as u32))
        .collect();
    regex::Regex::new(&format!("[{ranges}]")).unwrap()
});

/// The same characters written as a character reference in Markdown
/// (`&#x202E;`, `&#8238;`, `&rlm;`) or an escape in TOML (`\u202E`): they
/// become the character when the source is read, unseen in the file.
static ESCAPED: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"&#[xX]([0-9a-fA-F]{1,6});|&#([0-9]{1,7});|\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})|&(lrm|rlm|zwj|zwnj|ZeroWidthSpace|NegativeVeryThinSpace|NegativeThinSpace|NegativeMediumSpace|NegativeThickSpace|NoBreak|InvisibleTimes|InvisibleComma|af|it|ic);",
    )
    .unwrap()
});

/// The character an escape of [`ESCAPED`] stands for, if it is deceptive.
fn unescaped(caps: &regex::Captures<'_>) -> Option<char> {
    let named = |name: &str| match name {
        "lrm" => '\u{200E}',
        "rlm" => '\u{200F}',
        "zwj" => '\u{200D}',
        "zwnj" => '\u{200C}',
        "NoBreak" => '\u{2060}',
        "af" => '\u{2061}',
        "InvisibleTimes" | "it" => '\u{2062}',
        "InvisibleComma" | "ic" => '\u{2063}',
        _ => '\u{200B}',
    };
    let c = if let Some(hex) = caps.get(1).or(caps.get(3)).or(caps.get(4)) {
        char::from_u32(u32::from_str_radix(hex.as_str(), 16).ok()?)?
    } else if let Some(decimal) = caps.get(2) {
        char::from_u32(decimal.as_str().parse().ok()?)?
    } else {
        named(caps.get(5)?.as_str())
    };
    crate::base::diag::is_invisible(c).then_some(c)
}

/// Each bidirectional control or zero-width character inside a line's
/// text is a warning (an error under `--deny-warnings`), up to a few per
/// file. At a line's end, after the text, they change nothing a reader
/// sees (an input method or a copied page leaves them there) and are left
/// alone.
pub(super) fn report_deceptive_characters(source: &SourceFile, diags: &mut Diagnostics) {
    const SHOWN_PER_FILE: usize = 5;
    let text = &source.text;
    let found = DECEPTIVE.find_iter(text).filter(|found| {
        let rest = &text[found.end()..];
        let line_rest = &rest[..rest.find('\n').unwrap_or(rest.len())];
        !line_rest.chars().all(|c| c.is_whitespace() || crate::base::diag::is_invisible(c))
    });
    let mut shown = 0;
    for found in found.take(SHOWN_PER_FILE) {
        let c = found.as_str().chars().next().unwrap_or_default();
        diags.push(
            Diagnostic::warning(
                "deceptive-character",
                format!("the text holds the invisible character U+{:04X} ({})", c as u32, name(c)),
            )
            .at(source, found.range())
            .hint("delete it: it is shown as � above; a reader cannot see it, and it can make the text read otherwise than it is written"),
        );
        shown += 1;
    }
    // Written as an escape: visible in the file, invisible on the page.
    if !text.contains(['&', '\\']) {
        return;
    }
    for caps in ESCAPED.captures_iter(text).take(SHOWN_PER_FILE.saturating_sub(shown)) {
        let (Some(c), Some(whole)) = (unescaped(&caps), caps.get(0)) else { continue };
        diags.push(
            Diagnostic::warning(
                "deceptive-character",
                format!("`{}` writes the invisible character U+{:04X} ({})", whole.as_str(), c as u32, name(c)),
            )
            .at(source, whole.range())
            .hint("delete it: a reader of the page cannot see the character, and it can make the text read otherwise than it is written"),
        );
    }
}

fn name(c: char) -> &'static str {
    match c {
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
            "a bidirectional control: it changes the order in which the text is shown"
        }
        '\u{200E}' | '\u{200F}' | '\u{061C}' => "a direction mark",
        '\u{2028}' | '\u{2029}' => "a line or paragraph separator",
        '\u{FFFE}' | '\u{FFFF}' => "a noncharacter",
        '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' => "a blank filler character",
        _ => "a zero-width character",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warnings(text: &str) -> Vec<(usize, String)> {
        let mut diags = Diagnostics::default();
        report_deceptive_characters(&SourceFile::new("a.md", text), &mut diags);
        diags.sorted().iter().map(|d| (d.column.unwrap_or(0), d.code.to_string())).collect()
    }

    #[test]
    fn bidi_controls_and_zero_width_characters_inside_text_are_named() {
        assert_eq!(
            warnings("料金は\u{202e}円000,1\u{202c}です。"),
            [(4, "deceptive-character".into()), (11, "deceptive-character".into())]
        );
        assert_eq!(warnings("個人\u{200b}情報").len(), 1);
        assert_eq!(warnings("## 目的 {#purposes}\u{200b}\u{3000}\n本文").len(), 0, "after the text, nothing changes");
        assert_eq!(warnings("普通の文です。").len(), 0);
        // Written as escapes: a Markdown reference, a TOML escape, a named entity.
        for escaped in ["料金は&#x202e;円", "料金は&#8238;円", "title = \"A\\u202EB\"", "右&rlm;左", "a\u{061C}b"]
        {
            assert_eq!(warnings(escaped).len(), 1, "{escaped}");
        }
        assert_eq!(warnings("&amp; &#x41; &#65; \\u0041").len(), 0, "visible characters");
    }
}
