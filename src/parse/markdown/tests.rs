//! Tests of cutting a body into clauses: headings, ids, blocks, links and what is refused.

use super::*;

fn parse(text: &str) -> (Body, Diagnostics) {
    let source: &'static SourceFile = Box::leak(Box::new(SourceFile::new("v.md", text)));
    let mut diags = Diagnostics::default();
    let body = parse_body(source, 0, &mut diags);
    (body, diags)
}

#[test]
fn cuts_clauses_and_subclauses() {
    let (body, diags) = parse(
        "前文。\n\n## 取得 {#collection}\n\n本文\n\n### 直接 {#direct}\n\n- a\n\n## 附則 {#supplementary .unnumbered}\n\n施行\n",
    );
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(body.preamble.len(), 1);
    assert_eq!(body.ids(), ["collection", "direct", "supplementary"]);
    assert_eq!(body.clauses[0].title, "取得");
    assert!(body.clauses[0].numbered);
    assert!(!body.clauses[1].numbered);
    assert_eq!(body.clauses[0].children[0].content.len(), 1);
}

#[test]
fn block_references_become_segments() {
    let (body, diags) = parse("## 窓口 {#contact}\n\n```contact\nprivacy-desk\n```\n\n```rust\nfn x() {}\n```\n");
    assert!(diags.is_empty());
    let content = &body.clauses[0].content;
    assert!(matches!(&content[0], Segment::Block(b) if b.kind == "contact" && b.id == "privacy-desk"));
    assert!(matches!(&content[1], Segment::Markdown(_)));
}

#[test]
fn reports_bad_headings_with_positions() {
    let (_, diags) = parse("## 利用目的\n\n## 目的 {#目的}\n\n# 題\n\n### x {#X}\n");
    let codes: Vec<(&str, Option<usize>)> = diags.sorted().iter().map(|d| (d.code, d.line)).collect();
    assert_eq!(
        codes,
        [
            ("clause-id-missing", Some(1)),
            ("clause-id-invalid", Some(3)),
            ("heading-level", Some(5)),
            ("clause-id-invalid", Some(7)),
        ]
    );
    let hint = |text: &str| parse(text).1.sorted()[0].hint.clone().unwrap_or_default();
    assert!(
        hint("## 個人情報の保有期間\n").ends_with("`## 個人情報の保有期間 {#retention}`"),
        "an id for what it is about"
    );
    assert!(hint("## 保有期間 {#retention\n").ends_with("`## 保有期間 {#retention}`"), "the braces closed");
}

#[test]
fn subclause_before_clause_is_an_error() {
    let (_, diags) = parse("### x {#x}\n");
    assert_eq!(diags.sorted()[0].code, "heading-level");
}

#[test]
fn footnotes_are_named_once() {
    let source = SourceFile::new("a.md", "## A {#a}\n\n注記[^1]があります。\n\n[^1]: 注。\n[^2]: 次。\n");
    let mut diags = Diagnostics::default();
    let _ = parse_body(&source, 0, &mut diags);
    let found: Vec<_> = diags.sorted().iter().map(|d| (d.code, d.line)).collect();
    assert_eq!(found, [("footnote", Some(5))]);
}

#[test]
fn raw_html_is_rejected_everywhere() {
    let (_, diags) = parse("<script>alert(1)</script>\n\n## a {#a}\n\ntext <b>bold</b>\n");
    let lines: Vec<_> = diags.sorted().iter().map(|d| (d.code, d.line)).collect();
    assert_eq!(lines, [("raw-html", Some(1)), ("raw-html", Some(5)), ("raw-html", Some(5))]);
}

#[test]
fn collects_links() {
    let (body, _) = parse("## a {#a}\n\nsee [b](#b) and [t](policy:terms#x)\n");
    let dests: Vec<_> = body.links.iter().map(|l| l.dest.as_str()).collect();
    assert_eq!(dests, ["#b", "policy:terms#x"]);
}

#[test]
fn reference_definitions_are_rejected() {
    let (_, diags) = parse("## a {#a}\n\nsee [the act][act]\n\n[act]: https://example.com/act\n");
    let found: Vec<_> = diags.sorted().iter().map(|d| (d.code, d.line)).collect();
    assert_eq!(found, [("link-reference", Some(5))]);
}

#[test]
fn headings_inside_lists_stay_content() {
    let (body, diags) = parse("## a {#a}\n\n- ## not a clause\n");
    assert!(diags.is_empty());
    assert_eq!(body.ids(), ["a"]);
}

#[test]
fn branch_numbers_and_deleted_articles() {
    let (body, diags) = parse("## 外部送信 {#external number=3-2}\n\n## 削除 {#old .deleted}\n\n## x {#y number=x}\n");
    assert_eq!(body.clauses[0].number, Some((3, Some(2))));
    assert!(body.clauses[1].deleted);
    assert_eq!(diags.sorted()[0].code, "heading-attribute");
    assert_eq!(parse_number("3_2"), Some((3, Some(2))));
    assert_eq!(parse_number("0"), None);
}

#[test]
fn validates_ids() {
    assert!(validate_id("third-party").is_ok());
    assert!(validate_id("3_2").is_ok());
    assert!(validate_id("k-main").is_err());
    assert!(validate_id("-x").is_err());
    assert!(validate_id("Purposes").is_err());
}

#[test]
fn unicode_space_after_the_id_is_white_space() {
    for space in ["\u{3000}", "\u{a0}", " \u{3000} ", "\u{200b}", "\u{2060}", "\u{feff}", "\u{ad}", "\u{200d} "] {
        let (body, diags) =
            parse(&format!("## 適用 {{#scope}}{space}\n\n本文。\n\n### 細目 {{#detail}}{space}\r\n\n本文。\n"));
        assert!(diags.is_empty(), "{space:?}: {diags:?}");
        assert_eq!(body.ids(), ["scope", "detail"]);
    }
    assert_eq!(ascii_space_after_attributes("## a {#b}\u{3000}\nx").len(), "## a {#b}\u{3000}\nx".len());
    assert!(matches!(ascii_space_after_attributes("本文　\n"), std::borrow::Cow::Borrowed(_)), "only after `{{#id}}`");
}
