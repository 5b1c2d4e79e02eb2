//! Diagnostics: the problems a run finds in the sources.
//!
//! Every stage reports into a [`Diagnostics`] collector instead of stopping at
//! the first problem, so a writer sees everything that is wrong in one run.
//! A diagnostic names the file, line and column (columns count characters, not
//! bytes, so they are right for Japanese text), quotes the source line and
//! says what to do. Rendering for people and for machines lives here too.

use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

/// How bad a problem is: errors stop a build, warnings do not, and notes
/// only inform (`check --deny-warnings` lets them pass).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// An error: the build stops and writes nothing (exit status 1).
    Error,
    /// A warning: reported, but the build goes ahead (`check --deny-warnings` fails on it).
    Warning,
    /// A note: information only (a version left out, say); it never makes a run fail.
    Note,
}

/// The quoted source line and which part of it to underline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The line as quoted: shortened around the mark with `…` when long, control characters shown as `�`.
    pub text: String,
    /// Character range within `text`.
    pub underline: Range<usize>,
}

/// One problem, with where it is and what to do about it.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    /// Whether it is an error, a warning or a note.
    pub severity: Severity,
    /// A stable name, listed in `docs/errors.md`.
    pub code: &'static str,
    /// What is wrong, in a sentence (the text after `error[code]: `).
    pub message: String,
    /// The file the problem is in; `None` when it concerns no one file (`config-missing`, say).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<PathBuf>,
    /// The 1-based line in `file`, when the problem has a position there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The 1-based column on `line`, counted in characters, not bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// What to do about it, shown as `= hint: …`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The quoted source line with the part to underline, for terminals only (left out of JSON).
    #[serde(skip)]
    pub snippet: Option<Snippet>,
}

impl Diagnostic {
    /// An error with a stable `code` and a message, not yet placed in any file.
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    /// A warning with a stable `code` and a message, not yet placed in any file.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    /// An invisible control character in a source (as written, escaped, or
    /// as a character reference: the hint says which to delete).
    pub fn control_character(c: char) -> Self {
        Self::error("control-character", format!("the text holds the control character U+{:04X}", c as u32))
    }

    /// A note with a stable `code` and a message, not yet placed in any file.
    pub fn note(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Note, code, message)
    }

    fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            message: shorten(shown_invisible(message.into()), 400),
            file: None,
            line: None,
            column: None,
            hint: None,
            snippet: None,
        }
    }

    /// Names a file without a position (for problems with a whole file).
    pub fn in_file(mut self, file: &Path) -> Self {
        self.file = Some(file.to_path_buf());
        self
    }

    /// Points at a byte range of a source file.
    pub fn at(mut self, source: &SourceFile, span: Range<usize>) -> Self {
        let located = source.locate(span);
        self.file = Some(source.path.clone());
        self.line = Some(located.line);
        self.column = Some(located.column);
        self.snippet = Some(located.snippet);
        self
    }

    /// Adds what to do about the problem (shown as `= hint: …`).
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(shorten(shown_invisible(hint.into()), 1000));
        self
    }

    fn sort_key(&self) -> (Option<&PathBuf>, usize, usize, Severity, &str) {
        let line = self.line.unwrap_or(0);
        let column = self.column.unwrap_or(0);
        (self.file.as_ref(), line, column, self.severity, &self.message)
    }

    /// Renders the diagnostic the way compilers do, for a terminal.
    pub fn render_human(&self) -> String {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        let mut out = format!("{label}[{}]: {}\n", self.code, self.message);
        let width = self.line.map_or(1, |line| line.to_string().len());
        let indent = " ".repeat(width);
        if let Some(file) = &self.file {
            let _ = match (self.line, self.column) {
                (Some(line), Some(column)) => writeln!(out, "{indent}--> {}:{line}:{column}", file.display()),
                _ => writeln!(out, "{indent}--> {}", file.display()),
            };
        }
        if let (Some(snippet), Some(line)) = (&self.snippet, self.line) {
            render_snippet(&mut out, snippet, line);
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "{indent} = hint: {hint}");
        }
        out
    }
}

fn render_snippet(out: &mut String, snippet: &Snippet, line: usize) {
    let number = line.to_string();
    let gutter = " ".repeat(number.len());
    let text = snippet.text.replace('\t', "    ");
    let before: String = snippet.text.chars().take(snippet.underline.start).collect();
    let marked: String = snippet.text.chars().skip(snippet.underline.start).take(snippet.underline.len()).collect();
    // Display width, not characters: a Japanese character takes two columns.
    let pad = before.replace('\t', "    ").width();
    let carets = marked.replace('\t', "    ").width().max(1);
    let _ = writeln!(out, "{gutter} |");
    let _ = writeln!(out, "{number} | {text}");
    let _ = writeln!(out, "{gutter} | {}{}", " ".repeat(pad), "^".repeat(carets));
}

/// The characters that are invisible or reorder text: bidirectional
/// controls and marks, zero-width characters, separators, blank fillers,
/// noncharacters. One list for the messages (shown as `\u{202E}`) and for
/// the check of the sources (`deceptive-character`).
pub(crate) const INVISIBLE: &[(char, char)] = &[
    ('\u{034F}', '\u{034F}'),
    ('\u{061C}', '\u{061C}'),
    ('\u{115F}', '\u{1160}'),
    ('\u{180E}', '\u{180E}'),
    ('\u{200B}', '\u{200F}'),
    ('\u{2028}', '\u{202E}'),
    ('\u{2060}', '\u{2064}'),
    ('\u{2066}', '\u{2069}'),
    ('\u{3164}', '\u{3164}'),
    ('\u{FEFF}', '\u{FEFF}'),
    ('\u{FFA0}', '\u{FFA0}'),
    ('\u{FFFE}', '\u{FFFF}'),
];

/// Whether a character is one of [`INVISIBLE`].
pub(crate) fn is_invisible(c: char) -> bool {
    INVISIBLE.iter().any(|&(from, to)| (from..=to).contains(&c))
}

/// A message quoting the input shows its invisible and control characters
/// as `\u{202E}`: printed as they are, they would reorder or hide the
/// message itself (an id holding U+202E reads backwards on a terminal).
fn shown_invisible(text: String) -> String {
    let hidden = |c: char| (c.is_control() && !matches!(c, '\n' | '\t')) || is_invisible(c);
    if !text.chars().any(hidden) {
        return text;
    }
    text.chars().map(|c| if hidden(c) { format!("\\u{{{:04X}}}", c as u32) } else { c.to_string() }).collect()
}

/// A message cut in its middle when it is longer than `limit` characters:
/// what makes it long is the input it quotes (a 100,000-character id), and
/// one line of a terminal, or of a JSON report, need not hold all of it.
fn shorten(text: String, limit: usize) -> String {
    let count = text.chars().count();
    if count <= limit {
        return text;
    }
    let head: String = text.chars().take(limit * 2 / 3).collect();
    let tail: String = text.chars().skip(count - limit / 4).collect();
    format!("{head}…({} characters left out)…{tail}", count - head.chars().count() - tail.chars().count())
}

/// A source file held in memory, with the path to show in messages.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The file's path as shown in messages (e.g. `content/privacy/2022-07-29.ja.md`).
    pub path: PathBuf,
    /// The whole text of the file (as loaded: no byte-order mark, `\n` line ends).
    pub text: String,
}

/// A resolved position in a source file.
pub struct Located {
    /// The 1-based line number.
    pub line: usize,
    /// The 1-based column on that line, counted in characters.
    pub column: usize,
    /// The line's text, with the located range to underline.
    pub snippet: Snippet,
}

impl SourceFile {
    /// A source file with this path and text, taken as they are.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        SourceFile { path: path.into(), text: text.into() }
    }

    /// Turns a byte range into a 1-based line and character column, with the
    /// line's text. Out-of-range or mid-character offsets are clamped.
    pub fn locate(&self, span: Range<usize>) -> Located {
        let text = &self.text;
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line_text = text[line_start..line_end].trim_end_matches('\r');
        let column = text[line_start..start].chars().count();
        let marked_end = end.min(line_start + line_text.len()).max(start);
        let marked = text[start..marked_end].chars().count();
        Located {
            line: text[..start].matches('\n').count() + 1,
            column: column + 1,
            snippet: Snippet::around(line_text, column..column + marked.max(1)),
        }
    }
}

impl Snippet {
    /// The part of a line worth quoting: all of it, or (on a long line) the
    /// marked part with some context, control characters shown as `�`.
    fn around(line: &str, underline: Range<usize>) -> Snippet {
        const CONTEXT: usize = 60;
        const LONGEST: usize = 2 * CONTEXT + 40;
        // Bidirectional controls and zero-width characters too: a quoted line
        // must show what is there, not reorder itself on the terminal.
        let visible = |c: char| if (c.is_control() && c != '\t') || is_invisible(c) { '\u{fffd}' } else { c };
        let length = line.chars().count();
        if length <= LONGEST {
            return Snippet { text: line.chars().map(visible).collect(), underline };
        }
        let from = underline.start.saturating_sub(CONTEXT);
        let end = underline.end.min(underline.start + LONGEST - CONTEXT);
        let to = (end + CONTEXT).min(length);
        let mut text = String::from(if from > 0 { "…" } else { "" });
        text.extend(line.chars().skip(from).take(to - from).map(visible));
        if to < length {
            text.push('…');
        }
        let shift = from - usize::from(from > 0);
        Snippet { text, underline: underline.start - shift..end - shift }
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Collects the problems of a run, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Takes over every diagnostic of another collector (one filled on another thread, say).
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Keeps only the diagnostics `keep` says yes to.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }

    /// Whether any diagnostic is an error, which stops a build.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// How many diagnostics of `severity` were recorded, duplicates included.
    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    /// Whether nothing at all was recorded, notes included.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Every diagnostic for a person, sorted, then a one-line count of the
    /// errors and warnings (nothing at all when there are none).
    pub fn render_human(&self) -> String {
        let mut text = String::new();
        for diagnostic in self.sorted() {
            text.push_str(&diagnostic.render_human());
            text.push('\n');
        }
        let (errors, warnings) = (self.count(Severity::Error), self.count(Severity::Warning));
        if errors + warnings > 0 {
            text.push_str(&format!("{errors} error(s), {warnings} warning(s)\n"));
        }
        text
    }

    /// The diagnostics sorted by file and position, duplicates removed.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        items.dedup_by(|a, b| a.sort_key() == b.sort_key() && a.code == b.code);
        items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_show_invisible_characters_as_code_points() {
        let diagnostic =
            Diagnostic::error("x", "clause id `secu\u{202e}rity` and `a\u{200b}b\u{1b}`").hint("`\u{2066}`");
        assert_eq!(diagnostic.message, "clause id `secu\\u{202E}rity` and `a\\u{200B}b\\u{001B}`");
        assert_eq!(diagnostic.hint.as_deref(), Some("`\\u{2066}`"));
        assert_eq!(Diagnostic::error("x", "二行\n目").message, "二行\n目", "line ends are left to the message");
    }

    #[test]
    fn locates_lines_and_character_columns() {
        let source = SourceFile::new("a.md", "一行目\n## 利用目的 {#x}\n");
        let offset = source.text.find("利用").unwrap();
        let located = source.locate(offset..offset + "利用目的".len());
        assert_eq!(located.line, 2);
        assert_eq!(located.column, 4);
        assert_eq!(located.snippet.text, "## 利用目的 {#x}");
        assert_eq!(located.snippet.underline, 3..7);
    }

    #[test]
    fn underline_is_aligned_by_display_width() {
        let source = SourceFile::new("a.md", "## 目的 {#目的}\n");
        let offset = source.text.find("{#").unwrap();
        let rendered = Diagnostic::error("clause-id-invalid", "bad id")
            .at(&source, offset..offset + "{#目的}".len())
            .render_human();
        let lines: Vec<&str> = rendered.lines().collect();
        assert_eq!(lines[3], "1 | ## 目的 {#目的}");
        // "## 目的 " is 8 columns wide; "{#目的}" is 7.
        assert_eq!(lines[4], "  |         ^^^^^^^");
    }

    #[test]
    fn long_lines_are_quoted_around_the_mark_and_control_characters_shown() {
        let line = format!("{}NUL\u{0}here{}", "あ".repeat(5000), "い".repeat(5000));
        let source = SourceFile::new("a.md", line.as_str());
        let offset = line.find('\u{0}').unwrap();
        let located = source.locate(offset..offset + 1);
        assert_eq!(located.column, 5004);
        let snippet = &located.snippet;
        assert!(snippet.text.chars().count() < 200, "{}", snippet.text);
        assert!(snippet.text.starts_with('…') && snippet.text.ends_with('…'));
        let marked: String = snippet.text.chars().skip(snippet.underline.start).take(snippet.underline.len()).collect();
        assert_eq!(marked, "\u{fffd}");
    }

    #[test]
    fn a_message_quoting_a_huge_input_is_cut_in_its_middle() {
        let id = "a".repeat(100_000);
        let diagnostic =
            Diagnostic::error("clause-id-invalid", format!("clause id `{id}` is too long")).hint(id.clone());
        assert!(diagnostic.message.chars().count() < 450 && diagnostic.message.ends_with("is too long"));
        assert!(diagnostic.message.contains("characters left out"));
        assert!(diagnostic.hint.unwrap().chars().count() < 1100);
    }

    #[test]
    fn out_of_range_spans_are_clamped() {
        let source = SourceFile::new("a.md", "abc");
        let located = source.locate(10..20);
        assert_eq!(located.line, 1);
        assert_eq!(located.column, 4);
    }

    #[test]
    fn sorted_orders_by_file_and_position() {
        let mut all = Diagnostics::default();
        let b = SourceFile::new("b.md", "x\ny\n");
        let a = SourceFile::new("a.md", "x\ny\n");
        all.push(Diagnostic::error("e", "second").at(&b, 2..3));
        all.push(Diagnostic::warning("w", "first").at(&a, 2..3));
        let order: Vec<&str> = all.sorted().iter().map(|d| d.message.as_str()).collect();
        assert_eq!(order, ["first", "second"]);
        assert!(all.has_errors());
    }
}
