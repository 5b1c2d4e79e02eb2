//! Clause numbers, and the links that name them.
//!
//! A clause's number (第7条, Article 7, 7.) is not written in the source: it
//! follows from the clause's place, or from an explicit `number=`. Pages
//! show it, and a link with no text to a clause (`[](#contact)`,
//! `[](policy:terms#fees)`) shows its target's number, so references stay
//! right when clauses are added or removed. A link whose own text names a
//! number (「第6条」, "Article 6") that is not its target's gets a warning:
//! that is the reference that went stale. The numbers are worked out here,
//! once, for both; how they are written in each language is the render's.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use jiff::civil::Date;

use super::{Site, VersionText};
use crate::base::diag::{Diagnostic, Diagnostics};
use crate::parse::{Clause, Numbering};

/// The number a clause shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClauseNumber {
    /// The article or section number; for a sub-clause, its place in its clause.
    pub main: u32,
    /// A branch number: 第3条の2 is (3, Some(2)).
    pub branch: Option<u32>,
    /// For a sub-clause: the number of the clause it is in, when that has one.
    pub parent: Option<(u32, Option<u32>)>,
    /// Whether it is a sub-clause (`###`).
    pub sub: bool,
}

/// The numbers of a version's clauses and sub-clauses, by id; clauses that
/// show none (`.unnumbered`, or `numbering = "none"`) are not in it.
pub fn numbers(clauses: &[Clause], style: Numbering) -> BTreeMap<String, ClauseNumber> {
    let mut out = BTreeMap::new();
    if style == Numbering::None {
        return out;
    }
    let mut counter = 0;
    for clause in clauses {
        let own = next(clause, &mut counter);
        if let Some((main, branch)) = own {
            out.insert(clause.id.clone(), ClauseNumber { main, branch, parent: None, sub: false });
        }
        let mut child_counter = 0;
        for child in &clause.children {
            if let Some((main, branch)) = next(child, &mut child_counter) {
                out.insert(child.id.clone(), ClauseNumber { main, branch, parent: own, sub: true });
            }
        }
    }
    out
}

/// The next number: an explicit one resets the count (later clauses count on from it).
fn next(clause: &Clause, counter: &mut u32) -> Option<(u32, Option<u32>)> {
    if !clause.numbered {
        return None;
    }
    match clause.number {
        Some((main, branch)) => {
            *counter = main;
            Some((main, branch))
        }
        None => {
            *counter += 1;
            Some((*counter, None))
        }
    }
}

/// A number named in a link's text: 第N条(のM)(第K項), Article N(-M), Section N.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Named {
    article: Option<(u32, Option<u32>)>,
    paragraph: Option<u32>,
}

static JA: LazyLock<regex::Regex> = LazyLock::new(|| {
    let n = "[0-9０-９〇一二三四五六七八九十百千]+";
    regex::Regex::new(&format!(r"(?:第\s*({n})\s*条(?:\s*の\s*({n}))?)?(?:\s*第\s*({n})\s*項)?")).unwrap()
});
static EN: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b(?:article|art\.|section|sec\.|clause)\s*(\d+)(?:[-.](\d+))?|§\s*(\d+)").unwrap()
});

fn named(text: &str) -> Option<Named> {
    for found in JA.captures_iter(text) {
        let article = found.get(1).and_then(|m| number_of(m.as_str()));
        let branch = found.get(2).and_then(|m| number_of(m.as_str()));
        let paragraph = found.get(3).and_then(|m| number_of(m.as_str()));
        if article.is_some() || paragraph.is_some() {
            return Some(Named { article: article.map(|a| (a, branch)), paragraph });
        }
    }
    let found = EN.captures(text)?;
    let main = found.get(1).or(found.get(3)).and_then(|m| m.as_str().parse().ok())?;
    let branch = found.get(2).and_then(|m| m.as_str().parse().ok());
    Some(Named { article: Some((main, branch)), paragraph: None })
}

/// Arabic (half or full width) or kanji numerals: 12, １２, 十二, 百五.
fn number_of(text: &str) -> Option<u32> {
    let digits: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect();
    if let Ok(n) = digits.parse() {
        return Some(n);
    }
    let (mut total, mut digit) = (0u32, None::<u32>);
    for c in text.chars() {
        let value = "〇一二三四五六七八九".chars().position(|d| d == c);
        match (value, c) {
            (Some(v), _) => digit = Some(digit.unwrap_or(0) * 10 + v as u32),
            (None, '十' | '百' | '千') => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                total += digit.take().unwrap_or(1) * unit;
            }
            _ => return None,
        }
    }
    Some(total + digit.unwrap_or(0)).filter(|n| *n > 0)
}

/// Whether the number named is another than the target's.
fn differs(named: Named, target: Option<&ClauseNumber>) -> bool {
    let Some(target) = target else { return true };
    let article = if target.sub { target.parent } else { Some((target.main, target.branch)) };
    let article_wrong = named.article.is_some_and(|(main, branch)| {
        // 第3条 is not 第3条の2, nor 第3条の2 第3条.
        article.is_none_or(|(t_main, t_branch)| main != t_main || branch != t_branch)
    });
    let paragraph_wrong = target.sub && named.paragraph.is_some_and(|p| p != target.main);
    article_wrong || paragraph_wrong
}

/// Warns of every link whose text names a number its target clause does not
/// have: on the linking version's page for `#id`, on the page the link
/// leads to (the target policy as in force when the link is read) for
/// `policy:slug#id`.
pub(super) fn check_link_numbers(site: &Site<'_>, today: Date, diags: &mut Diagnostics) {
    let governing = &site.config.governing_language;
    for policy in &site.policies {
        for version in &policy.versions {
            let read_from = today.max(version.effective);
            for (lang, text) in &version.texts {
                let own = numbers(&text.body.clauses, policy.meta.numbering);
                for link in text.body.links.iter().filter(|l| !l.text.is_empty()) {
                    let Some(named) = named(&link.text) else { continue };
                    let target = match link.dest.strip_prefix('#') {
                        Some(id) => Some((own.get(id).copied(), id, None)),
                        None => {
                            link.dest.strip_prefix("policy:").and_then(|t| t.split_once('#')).and_then(|(slug, id)| {
                                let target = site.policies.iter().find(|p| p.slug == slug)?;
                                let (shown, _) = target.versions[target.canonical(read_from)].text(lang, governing);
                                let shown = numbers(&shown.body.clauses, target.meta.numbering);
                                Some((shown.get(id).copied(), id, Some(slug)))
                            })
                        }
                    };
                    let Some((number, id, slug)) = target else { continue };
                    if differs(named, number.as_ref()) {
                        diags.push(mismatch(text, link, (id, slug), number));
                    }
                }
            }
        }
    }
}

fn mismatch(
    text: &VersionText<'_>,
    link: &crate::parse::markdown::LinkRef,
    (id, slug): (&str, Option<&str>),
    number: Option<ClauseNumber>,
) -> Diagnostic {
    let target = slug.map_or_else(|| format!("#{id}"), |slug| format!("policy:{slug}#{id}"));
    let is = match number {
        None => "has no number".to_string(),
        Some(n) if n.sub => format!("is sub-clause {} of its clause", n.main),
        Some(ClauseNumber { main, branch: Some(branch), .. }) => format!("is number {main}-{branch}"),
        Some(ClauseNumber { main, .. }) => format!("is number {main}"),
    };
    Diagnostic::warning(
        "link-number-mismatch",
        format!("the link text 「{}」 names a number, but the clause it links to ({target}) {is}", link.text),
    )
    .at(text.source, link.span.clone())
    .hint(format!("write the link as []({target}) and kiyaku shows the clause's number, kept right when clauses move; or correct the text"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_named_in_link_text() {
        let article = |a, b| Some(Named { article: Some((a, b)), paragraph: None });
        assert_eq!(named("第6条「個人情報の開示」"), article(6, None));
        assert_eq!(named("第十二条"), article(12, None));
        assert_eq!(named("第３条の２"), article(3, Some(2)));
        assert_eq!(named("Article 7"), article(7, None));
        assert_eq!(named("see section 4-2"), article(4, Some(2)));
        assert_eq!(named("第2条第3項"), Some(Named { article: Some((2, None)), paragraph: Some(3) }));
        assert_eq!(named("お問い合わせ窓口"), None);
        assert_eq!(named("articles of association"), None);
    }

    #[test]
    fn kanji_numerals() {
        assert_eq!(number_of("二十一"), Some(21));
        assert_eq!(number_of("百五"), Some(105));
        assert_eq!(number_of("十"), Some(10));
        assert_eq!(number_of("１２"), Some(12));
        assert_eq!(number_of("x"), None);
    }

    #[test]
    fn a_number_is_compared_with_the_target_s() {
        let top = ClauseNumber { main: 7, branch: None, parent: None, sub: false };
        assert!(!differs(Named { article: Some((7, None)), paragraph: None }, Some(&top)));
        assert!(differs(Named { article: Some((6, None)), paragraph: None }, Some(&top)));
        assert!(differs(Named { article: Some((7, None)), paragraph: None }, None));
        let branch = ClauseNumber { main: 3, branch: Some(2), parent: None, sub: false };
        assert!(differs(Named { article: Some((3, None)), paragraph: None }, Some(&branch)));
        assert!(!differs(Named { article: Some((3, Some(2))), paragraph: None }, Some(&branch)));
        let sub = ClauseNumber { main: 2, branch: None, parent: Some((7, None)), sub: true };
        assert!(!differs(Named { article: Some((7, None)), paragraph: Some(2) }, Some(&sub)));
        assert!(differs(Named { article: Some((7, None)), paragraph: Some(3) }, Some(&sub)));
    }
}
