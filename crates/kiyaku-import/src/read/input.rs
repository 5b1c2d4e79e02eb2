//! Input from other tools, read before its lines are: a Markdown file's
//! front matter, tables, footnotes and rules.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::read::table;

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
/// A thematic break (`---`, `***`) in Markdown input.
static THEMATIC_BREAK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^ {0,3}([-*_])( *[-*_]){2,} *$").unwrap());
/// A Markdown footnote mark (`[^1]`) and its definition (`[^1]: …`).
static FOOTNOTE_MARK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[\^([0-9A-Za-z_-]+)\]:?").unwrap());

/// Markdown input's own syntax, read: tables become rows of cells, a
/// thematic break (no text) goes, and footnotes become `[1]` marks and
/// lines, as a text would write them.
pub(crate) fn markdown_syntax(text: &str) -> String {
    let text = reference_links(&setext_headings(text));
    let tables = table::markdown_tables(&text);
    let kept: Vec<&str> = tables.lines().filter(|line| !THEMATIC_BREAK.is_match(line)).collect();
    FOOTNOTE_MARK.replace_all(&kept.join("\n"), "[$1]").into_owned()
}

/// Setext headings (a line underlined with `===` or `---`) as `#` / `##`
/// lines: the same heading, written the other way.
fn setext_headings(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    for (at, line) in lines.iter().enumerate() {
        let underline = line.trim_end();
        let level = match underline.trim_start_matches(' ') {
            u if !u.is_empty() && u.chars().all(|c| c == '=') => Some("#"),
            u if u.len() >= 2 && u.chars().all(|c| c == '-') => Some("##"),
            _ => None,
        };
        let above = at.checked_sub(1).map(|p| lines[p].trim());
        // A sentence between two rules is a notice, not a heading.
        let heads = above.is_some_and(|a| {
            !a.is_empty()
                && !a.starts_with(['#', '-', '*', '+', '|', '>'])
                && !a.starts_with(|c: char| c.is_ascii_digit())
                && !a.ends_with(['。', '．'])
        });
        match level.filter(|_| heads && line.len() - underline.trim_start().len() < 4) {
            Some(marks) => {
                if let Some(last) = out.last_mut() {
                    *last = format!("{marks} {}", last.trim());
                }
            }
            None => out.push((*line).to_string()),
        }
    }
    let mut joined = out.join("\n");
    if text.ends_with('\n') {
        joined.push('\n');
    }
    joined
}

/// A reference definition: `[label]: https://… "title"`.
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    // Not a footnote (`[^1]: …`): a label, then an address.
    Regex::new(r#"(?m)^ {0,3}\[([^\]\n^][^\]\n]*)\]:\s*<?((?:https?://|mailto:|tel:|/|#)\S*?)>?(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*$"#).unwrap()
});
/// A reference link: `[text][label]`, `[text][]` or `[label]`.
static REFERENCE_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\[\]\n]+)\](?:\[([^\[\]\n]*)\])?").unwrap());

/// Reference links written inline (`[text](address)`), their definitions
/// dropped: each clause's text must hold its own links.
fn reference_links(text: &str) -> String {
    let definitions: std::collections::BTreeMap<String, String> =
        REFERENCE.captures_iter(text).map(|caps| (caps[1].trim().to_lowercase(), caps[2].to_string())).collect();
    if definitions.is_empty() {
        return text.to_string();
    }
    let body = REFERENCE.replace_all(text, "");
    REFERENCE_LINK
        .replace_all(&body, |caps: &regex::Captures<'_>| {
            let shown = &caps[1];
            let label = caps.get(2).map(|m| m.as_str()).filter(|l| !l.is_empty()).unwrap_or(shown);
            let after = &body[caps.get(0).map_or(0, |m| m.end())..];
            match definitions.get(&label.trim().to_lowercase()) {
                // Not an inline link's text (`[text](…)`), nor a footnote.
                Some(address) if !after.starts_with('(') && !shown.starts_with('^') => format!("[{shown}]({address})"),
                _ => caps[0].to_string(),
            }
        })
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setext_headings_are_atx_headings() {
        assert_eq!(setext_headings("利用目的\n========\n\n本文\n"), "# 利用目的\n\n本文\n");
        assert_eq!(setext_headings("第三者提供\n---\n本文"), "## 第三者提供\n本文");
        assert_eq!(setext_headings("本文です。\n\n---\n\n次"), "本文です。\n\n---\n\n次", "a rule after a blank line");
        assert_eq!(setext_headings("- 項目\n---"), "- 項目\n---");
    }

    #[test]
    fn reference_links_are_written_inline() {
        let text =
            "詳しくは[個人情報保護委員会][ppc]及び[PPC]をご覧ください。\n\n[ppc]: https://www.ppc.go.jp/ \"PPC\"\n";
        assert_eq!(
            reference_links(text).trim_end(),
            "詳しくは[個人情報保護委員会](https://www.ppc.go.jp/)及び[PPC](https://www.ppc.go.jp/)をご覧ください。"
        );
        assert_eq!(reference_links("[x](https://a.example/) [1]"), "[x](https://a.example/) [1]");
    }
}
