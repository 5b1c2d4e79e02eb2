//! What a web page or a PDF puts around a policy that is not the policy: a
//! site footer in a `<div>` (links, company name, copyright), and copyright
//! lines. Left out, like `<nav>` and `<footer>` (see [`super::lines`]).

use std::sync::LazyLock;

use regex::Regex;

/// A `<div>` (or `<section>`, `<aside>`) that the page marks as its footer
/// or copyright line by its class or id.
static FOOTER_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<(div|section|aside)\b[^>]*\b(?:class|id)\s*=\s*["'][^"']*(?:footer|copyright)[^"']*["'][^>]*>"#)
        .unwrap()
});

/// The page's footer in a `<div>` (site links, copyright) is not the
/// policy: it goes, up to its matching close tag, like a `<footer>`.
pub fn drop_site_footers(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(caps) = FOOTER_START.captures(rest) {
        let start = caps.get(0).expect("a match");
        let tag = caps[1].to_ascii_lowercase();
        out.push_str(&rest[..start.start()]);
        rest = &rest[start.end()..];
        let pattern = Regex::new(&format!(r"(?i)<(/?){tag}\b[^>]*>")).expect("a tag name");
        let mut depth = 1usize;
        let mut end = rest.len();
        for found in pattern.captures_iter(rest) {
            depth = if found[1].is_empty() { depth + 1 } else { depth - 1 };
            if depth == 0 {
                end = found.get(0).map_or(rest.len(), |m| m.end());
                break;
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A copyright line: 「Copyright © 2024 …」, 「© A社」, 「(C) 2024 …」. Not
/// 「(c) お問い合わせへの対応」, the third item of a list.
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:copyright\s*(?:©|\(c\)|[0-9]{4})|©|\(c\)\s*(?:[0-9]{4}|copyright)|all rights reserved)")
        .unwrap()
});
/// A link back to the top of the page: 「▲ページトップへ」, 「Back to top」.
static TO_TOP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[▲△↑^]?\s*(?:ページ(?:の)?(?:トップ|先頭)(?:へ|に)?(?:戻る)?|(?:back\s+to\s+|go\s+to\s+)?(?:page\s+)?top)\s*[▲△↑]?$").unwrap()
});

/// A line that is the page's, not the policy's: copyright, back to top.
pub fn is_copyright(line: &str) -> bool {
    line.chars().count() <= 120 && (COPYRIGHT.is_match(line) || TO_TOP.is_match(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_footer_in_a_div_is_left_out() {
        let page = "<h2>第1条</h2><p>本文。</p><div class=\"site-footer\"><div class=\"col\"><h3>会社情報</h3></div><p>© A社</p></div><p>後</p>";
        let lines = super::super::lines::clean_lines(&super::super::lines::html_to_text(page), |_| false);
        assert_eq!(lines, ["## 第1条", "本文。", "後"]);
        assert!(is_copyright("Copyright © Minato Chuo Bank, Ltd. All Rights Reserved.") && is_copyright("© A社"));
        assert!(!is_copyright("本サービスの著作権は当社に帰属します。"));
        assert!(is_copyright("(C) 2024 Aoba Inc.") && is_copyright("▲ページトップへ") && is_copyright("Back to top"));
        for item in ["(c) お問い合わせへの対応", "(C) for our legitimate interests", "(c) copying the service"]
        {
            assert!(!is_copyright(item), "{item}");
        }
        assert_eq!(drop_site_footers("<div id='footer'><div>x</div>"), "", "an unclosed footer goes to the end");
    }
}
