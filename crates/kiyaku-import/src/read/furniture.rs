//! What a web page or a PDF puts around a policy that is not the policy: a
//! site footer in a `<div>` (links, company name, copyright), and copyright
//! lines. Left out, like `<nav>` and `<footer>` (see [`crate::read::lines`]).

use std::sync::LazyLock;

use regex::Regex;

/// A `<div>` (or `<section>`, `<aside>`) that the page names as its own
/// footer or copyright line: a class or id that is one of [`FOOTER_NAMES`].
static FOOTER_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<(div|section|aside)\b[^>]*\b(?:class|id)\s*=\s*["']([^"']*)["'][^>]*>"#).unwrap()
});
/// The names sites give their footer: not a policy's own `policy-footer`.
const FOOTER_NAMES: &[&str] =
    &["footer", "site-footer", "global-footer", "page-footer", "l-footer", "gfooter", "g-footer", "copyright"];

/// Whether a class or id names the site's footer.
fn names_footer(names: &str) -> bool {
    names.split_whitespace().any(|name| FOOTER_NAMES.iter().any(|f| name.eq_ignore_ascii_case(f)))
}

/// The page's footer in a `<div>` (site links, copyright) is not the
/// policy: it goes, up to its matching close tag, like a `<footer>`.
pub(crate) fn drop_site_footers(html: &str) -> String {
    site_footers_dropped(html).0
}

/// The page without its site footers, and how many there were.
fn site_footers_dropped(html: &str) -> (String, usize) {
    let mut dropped = 0;
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(caps) = FOOTER_START.captures_iter(rest).find(|caps| names_footer(&caps[2])) {
        let start = caps.get(0).expect("a match");
        let tag = caps[1].to_ascii_lowercase();
        let pattern = Regex::new(&format!(r"(?i)<(/?){tag}\b[^>]*>")).expect("a tag name");
        let after = &rest[start.end()..];
        let mut depth = 1usize;
        let mut end = after.len();
        for found in pattern.captures_iter(after) {
            depth = if found[1].is_empty() { depth + 1 } else { depth - 1 };
            if depth == 0 {
                end = found.get(0).map_or(after.len(), |m| m.end());
                break;
            }
        }
        // A "footer" holding dates or most of the page is the policy's own.
        let inner = &after[..end];
        let policy_like = ["制定", "改定", "施行", "第1条", "第一条"].iter().any(|w| inner.contains(w))
            || inner.len() * 2 > html.len();
        if policy_like {
            out.push_str(&rest[..start.end()]);
            rest = after;
            continue;
        }
        out.push_str(&rest[..start.start()]);
        rest = &after[end..];
        dropped += 1;
    }
    out.push_str(rest);
    (out, dropped)
}

/// A copyright line: 「Copyright © 2024 …」, 「© A社」, 「(C) 2024 …」. Not
/// 「(c) お問い合わせへの対応」, the third item of a list.
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:copyright\s*(?:©|\(c\)|[0-9]{4})|©|\(c\)\s*(?:[0-9]{4}|copyright)|all rights reserved\.?$)")
        .unwrap()
});
/// A link back to the top of the page: 「▲ページトップへ」, 「Back to top」.
static TO_TOP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[▲△↑^]?\s*(?:ページ(?:の)?(?:トップ|先頭)(?:へ|に)?(?:戻る)?|(?:back\s+to\s+|go\s+to\s+)?(?:page\s+)?top)\s*[▲△↑]?$").unwrap()
});

/// What was left out as the page's rather than the policy's, for the
/// report: site footers, copyright and back-to-top lines.
pub(crate) fn left_out(input: &str, text: &str, html: bool) -> Option<String> {
    let footers = if html { site_footers_dropped(input).1 } else { 0 };
    let lines = text.lines().map(str::trim).filter(|line| is_copyright(line)).count();
    (footers + lines > 0).then(|| {
        format!(
            "left out as the page's, not the policy's: {footers} site footer(s), {lines} copyright or back-to-top line(s): check that none of it was the policy's"
        )
    })
}

/// A line that is the page's, not the policy's: copyright, back to top.
pub(crate) fn is_copyright(line: &str) -> bool {
    line.chars().count() <= 120 && (COPYRIGHT.is_match(line) || TO_TOP.is_match(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_footer_in_a_div_is_left_out() {
        let page = "<h2>第1条</h2><p>本文。</p><p>本規約は、当社が提供するサービスの利用に関する条件を定めるものです。利用者は本規約に同意の上でご利用ください。</p><div class=\"site-footer\"><div class=\"col\"><h3>会社情報</h3></div><p>© A社</p></div><p>後</p>";
        let lines = crate::read::lines::clean_lines(&crate::read::lines::html_to_text(page), |_| false);
        assert_eq!(lines[..2], ["## 第1条", "本文。"]);
        assert_eq!(lines[3..], ["後"]);
        assert!(is_copyright("Copyright © Minato Chuo Bank, Ltd. All Rights Reserved.") && is_copyright("© A社"));
        assert!(!is_copyright("本サービスの著作権は当社に帰属します。"));
        assert!(is_copyright("(C) 2024 Aoba Inc.") && is_copyright("▲ページトップへ") && is_copyright("Back to top"));
        for item in ["(c) お問い合わせへの対応", "(C) for our legitimate interests", "(c) copying the service"]
        {
            assert!(!is_copyright(item), "{item}");
        }
        assert_eq!(
            drop_site_footers("<p>本文本文</p><div id='footer'><div>x</div>"),
            "<p>本文本文</p>",
            "an unclosed footer goes to the end"
        );
        let wrapped = "<div class=\"wrapper footer-fixed\"><h2>第1条</h2><p>本文。</p></div>";
        assert_eq!(drop_site_footers(wrapped), wrapped, "not a footer's name");
        let own = "<p>本文。本文。本文。本文。本文。本文。</p><div class=\"footer\"><p>2024年4月1日 制定</p></div>";
        assert_eq!(drop_site_footers(own), own, "the policy's own dates stay");
        let report = left_out(page, "本文。\n© A社\n", true).unwrap();
        assert!(report.contains("1 site footer(s), 1 copyright"), "{report}");
        assert_eq!(left_out(own, "本文。\n", true), None);
    }
}
