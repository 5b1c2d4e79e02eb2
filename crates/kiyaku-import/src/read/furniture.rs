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

/// The names sites give their header, menus and breadcrumb trail.
const MENU_NAMES: &[&str] = &[
    "header",
    "site-header",
    "global-header",
    "page-header-nav",
    "l-header",
    "gheader",
    "g-header",
    "gnav",
    "g-nav",
    "globalnav",
    "global-nav",
    "global-navi",
    "gnavi",
    "navigation",
    "nav",
    "navbar",
    "menu",
    "global-menu",
    "breadcrumb",
    "breadcrumbs",
    "topicpath",
    "topic-path",
    "pankuzu",
    "skip-link",
];

/// Whether an element's class or id names the site's header, a menu or a
/// breadcrumb trail (left out, unless it holds the policy).
pub(crate) fn names_menu(tag: &scraper::node::Element) -> bool {
    let named = |name: &str| MENU_NAMES.iter().any(|f| name.eq_ignore_ascii_case(f));
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
pub(crate) fn left_out((footers, menus): (usize, usize), text: &str) -> Option<String> {
    let lines = text.lines().map(str::trim).filter(|line| is_copyright(line)).count();
    let menus =
        if menus > 0 { format!("{menus} site header(s), menu(s) or breadcrumb trail(s), ") } else { String::new() };
    (footers + lines > 0 || !menus.is_empty()).then(|| {
        format!(
            "left out as the page's, not the policy's: {menus}{footers} site footer(s), {lines} copyright or back-to-top line(s): check that none of it was the policy's"
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
        let report = left_out((1, 0), "本文。\n© A社\n").unwrap();
        assert!(report.contains("1 site footer(s), 1 copyright"), "{report}");
        assert_eq!(left_out((0, 0), "本文。\n"), None);
    }

    #[test]
    fn a_site_header_menu_and_breadcrumb_are_left_out() {
        let page = "<div id=\"header\"><div class=\"logo\">A社</div><ul class=\"gnav\"><li>会社概要</li></ul></div>\
                    <p class=\"breadcrumb\">ホーム &gt; 方針</p><h1>個人情報保護方針</h1><p>本文。</p>\
                    <div class=\"menu-note\"><p>注記。</p></div>";
        let read = crate::read::html::read(page).unwrap();
        assert_eq!(read.menus_left_out, 2, "{}", read.text);
        assert!(!read.text.contains("会社概要") && !read.text.contains("ホーム"), "{}", read.text);
        assert!(read.text.contains("本文。") && read.text.contains("注記。"), "a name that only starts so stays");
        let report = left_out((0, 2), "本文。\n").unwrap();
        assert!(report.contains("2 site header(s), menu(s) or breadcrumb trail(s), 0 site footer(s)"), "{report}");
        // A header that holds the policy's dates is the policy's.
        let own = crate::read::html::read("<div class=\"header\"><p>2024年4月1日 制定</p></div><p>本文。本文。</p>");
        assert!(own.unwrap().text.contains("2024年4月1日 制定"));
    }
}
