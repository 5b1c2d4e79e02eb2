//! Input from other tools, read before its lines are: a Markdown file's
//! front matter, and a plain text's separators.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

/// A Markdown file from another site generator starts with front matter
/// (`---` YAML or `+++` TOML): not policy text. Returns the rest, with the
/// front matter's title as its first line if the rest has none (`is_title`
/// tells a title line: what a line is is the structure stage's to say).
pub(crate) fn split_front_matter<'t>(text: &'t str, is_title: &dyn Fn(&str) -> bool) -> (Cow<'t, str>, bool) {
    const LONGEST: usize = 60;
    let found = ["---", "+++"].iter().find_map(|fence| {
        let rest = text.strip_prefix(fence)?.strip_prefix('\n')?;
        let lines: Vec<&str> = rest.lines().take(LONGEST).collect();
        let end = lines.iter().position(|line| line.trim_end() == *fence)?;
        // Fields (`key: value`, `key = value`), not a notice between two rules.
        let fields = &lines[..end];
        fields
            .iter()
            .all(|line| line.trim().is_empty() || line.starts_with([' ', '#', '-']) || FIELD.is_match(line))
            .then_some(())?;
        let after: usize = lines[..=end].iter().map(|l| l.len() + 1).sum();
        Some((fields.to_vec(), rest.get(after..).unwrap_or_default()))
    });
    let Some((fields, body)) = found else { return (text.into(), false) };
    let named = fields.iter().find_map(|line| {
        let (key, value) = line.split_once([':', '='])?;
        (key.trim() == "title").then(|| value.trim().trim_matches(['"', '\'']).to_string())
    });
    let starts_titled =
        body.trim_start().lines().next().is_some_and(|first| first.starts_with("# ") || is_title(first));
    match named.filter(|t| !t.is_empty() && !starts_titled) {
        Some(title) => (format!("# {title}\n\n{body}").into(), true),
        None => (body.into(), true),
    }
}

/// A front-matter field: `title: …`, `date = …`, `[params]`.
static FIELD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[A-Za-z_][A-Za-z0-9_.-]*\s*[:=]|\[[A-Za-z0-9_.-]+\]\s*$)").unwrap());
/// A thematic break (`---`, `***`): a separator, not text.
static THEMATIC_BREAK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^ {0,3}([-*_])( *[-*_]){2,} *$").unwrap());

/// A plain text's lines as written, its separators (`---`) dropped; it is
/// not read as Markdown (see [`crate::read::markdown::is_markdown`]).
pub(crate) fn plain_text(text: &str) -> String {
    let mut kept: String = text.lines().filter(|line| !THEMATIC_BREAK.is_match(line)).collect::<Vec<_>>().join("\n");
    kept.push('\n');
    kept
}
