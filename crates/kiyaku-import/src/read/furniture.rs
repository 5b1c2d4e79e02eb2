//! What a web page or a PDF puts around a policy that is not the policy: a
//! site footer in a `<div>` (links, company name, copyright), and copyright
//! lines. Left out, like `<nav>` and `<footer>` (see [`crate::read::html`]).

use std::sync::LazyLock;

use regex::Regex;

/// The names sites give their footer: not a policy's own `policy-footer`.
const FOOTER_NAMES: &[&str] =
    &["footer", "site-footer", "global-footer", "page-footer", "l-footer", "gfooter", "g-footer", "copyright"];

/// Whether an element's class or id names the site's footer (the walk of
/// [`crate::read::html`] leaves it out, unless it holds the policy).
pub(crate) fn names_footer(tag: &scraper::node::Element) -> bool {
    let named = |name: &str| FOOTER_NAMES.iter().any(|f| name.eq_ignore_ascii_case(f));
    tag.classes().any(named) || tag.id().is_some_and(|id| id.split_whitespace().any(named))
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
pub(crate) fn left_out(footers: usize, text: &str) -> Option<String> {
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
        let read = |page: &str| crate::read::html::read(page).unwrap();
        let page = "<h2>第1条</h2><p>本文。</p><p>本規約は、当社が提供するサービスの利用に関する条件を定めるものです。利用者は本規約に同意の上でご利用ください。</p><div class=\"site-footer\"><div class=\"col\"><h3>会社情報</h3></div><p>© A社</p></div><p>後</p>";
        let lines = crate::read::lines::clean_lines(&read(page).text, |_| false);
        assert_eq!(lines[..2], ["## 第1条", "本文。"]);
        assert_eq!(lines[3..], ["後"]);
        assert_eq!(read(page).footers_left_out, 1);
        assert!(is_copyright("Copyright © Minato Chuo Bank, Ltd. All Rights Reserved.") && is_copyright("© A社"));
        assert!(!is_copyright("本サービスの著作権は当社に帰属します。"));
        assert!(is_copyright("(C) 2024 Aoba Inc.") && is_copyright("▲ページトップへ") && is_copyright("Back to top"));
        for item in ["(c) お問い合わせへの対応", "(C) for our legitimate interests", "(c) copying the service"]
        {
            assert!(!is_copyright(item), "{item}");
        }
        let unclosed = read("<p>本文本文</p><div id='footer'><div>x</div>");
        assert_eq!(unclosed.text.trim(), "本文本文", "an unclosed footer goes to the end");
        let wrapped = read("<div class=\"wrapper footer-fixed\"><h2>第1条</h2><p>本文。</p></div>");
        assert!(wrapped.text.contains("本文。") && wrapped.footers_left_out == 0, "not a footer's name");
        let own =
            read("<p>本文。本文。本文。本文。本文。本文。</p><div class=\"footer\"><p>2024年4月1日 制定</p></div>");
        assert!(own.text.contains("2024年4月1日 制定"), "the policy's own dates stay");
        let report = left_out(1, "本文。\n© A社\n").unwrap();
        assert!(report.contains("1 site footer(s), 1 copyright"), "{report}");
        assert_eq!(left_out(0, "本文。\n"), None);
    }
}
