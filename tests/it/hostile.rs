//! Issue 24, script injection: every way of smuggling something executable
//! into a source that the build refuses, each named with its code, and
//! nothing written. (What the build accepts, markup in titles, summaries,
//! block fields and code, is text on the page: `tests/e2e/hostile.test.mjs`
//! opens each page in chromium, and `build::markup_in_any_field_is_text_and_never_runs`.)

use crate::common::*;

const VERSION: &str = "content/privacy/2022-04-01.ja.md";
const SENTENCE: &str = "必要な措置を講じます。";
const HEADING: &str = "## 安全管理措置 {#security}";

/// (what, file, text replaced, replacement, the code that refuses it)
const REFUSED: &[(&str, &str, &str, &str, &str)] = &[
    ("a script element", VERSION, SENTENCE, "<script>window.x=1</script>", "raw-html"),
    ("an event attribute", VERSION, SENTENCE, "<img src=x onerror=\"window.x=1\">", "raw-html"),
    ("an HTML block", VERSION, SENTENCE, "\n\n<div onclick=\"x\">a</div>\n", "raw-html"),
    ("an HTML comment", VERSION, SENTENCE, "<!-- <script>x</script> -->", "raw-html"),
    ("javascript: in mixed case", VERSION, SENTENCE, "[a](JaVaScRiPt:window.x=1)", "link-scheme"),
    ("javascript: as an entity", VERSION, SENTENCE, "[a](&#106;avascript:window.x=1)", "link-scheme"),
    ("javascript: with a tab inside", VERSION, SENTENCE, "[a](java&#9;script:window.x=1)", "link-scheme"),
    ("javascript: with a newline inside", VERSION, SENTENCE, "[a](java&#10;script:window.x=1)", "link-scheme"),
    ("javascript: after white space", VERSION, SENTENCE, "[a](< javascript:window.x=1>)", "link-scheme"),
    ("javascript: with a zero-width space", VERSION, SENTENCE, "[a](java\u{200b}script:window.x=1)", "link-scheme"),
    ("javascript: with &colon;", VERSION, SENTENCE, "[a](javascript&colon;window.x=1)", "link-scheme"),
    ("javascript: as an autolink", VERSION, SENTENCE, "<javascript:window.x=1>", "link-scheme"),
    ("javascript: by reference", VERSION, SENTENCE, "[a][x]\n\n[x]: javascript:window.x=1", "link-scheme"),
    ("data:", VERSION, SENTENCE, "[a](data:text/html;base64,PHNjcmlwdD4=)", "link-scheme"),
    ("DATA: in upper case", VERSION, SENTENCE, "[a](DATA:text/html,x)", "link-scheme"),
    ("vbscript:", VERSION, SENTENCE, "[a](vbscript:msgbox(1))", "link-scheme"),
    ("an image with javascript:", VERSION, SENTENCE, "![a](javascript:window.x=1)", "link-scheme"),
    (
        "an event attribute on a heading",
        VERSION,
        HEADING,
        "## 安全管理措置 {#security onclick=window.x=1}",
        "heading-attribute",
    ),
    ("a style attribute on a heading", VERSION, HEADING, "## 安全管理措置 {#security style=x}", "heading-attribute"),
    ("a class on a heading", VERSION, HEADING, "## 安全管理措置 {#security .x onmouseover=y}", "heading-attribute"),
    ("a bidi override in an id", VERSION, HEADING, "## 安全管理措置 {#secu\u{202e}rity}", "clause-id-invalid"),
    ("a zero-width space in an id", VERSION, HEADING, "## 安全管理措置 {#secu\u{200b}rity}", "clause-id-invalid"),
    ("a zero-width joiner in an id", VERSION, HEADING, "## 安全管理措置 {#secu\u{200d}rity}", "clause-id-invalid"),
    (
        "javascript: as a block's address",
        "blocks/desk.toml",
        "email = \"desk@example.com\"",
        "email = \"desk@example.com\"\nurl = \"javascript:window.x=1\"",
        "block-field-invalid",
    ),
    (
        "markup in a block's e-mail",
        "blocks/desk.toml",
        "email = \"desk@example.com\"",
        "email = \"d@example.com\\\"><script>x</script>\"",
        "block-field-invalid",
    ),
    (
        "javascript: as the site's address",
        "kiyaku.toml",
        "base_url = \"",
        "base_url = \"javascript:",
        "config-base-url",
    ),
];

#[test]
fn every_executable_source_is_refused_and_nothing_is_written() {
    let mut missed = Vec::new();
    for (what, file, from, to, code) in REFUSED {
        let site = copy_fixture("basic");
        edit(site.path(), file, from, to);
        let out = site.path().join("public");
        let run = kiyaku(&["build", "--root", s(site.path()), "--output", s(&out), "--now", "2025-06-01", "--no-pdf"]);
        let stderr = String::from_utf8_lossy(&run.stderr);
        if run.status.code() != Some(1) || !stderr.contains(&format!("[{code}]")) {
            missed.push(format!("{what}: exit {:?}, expected [{code}]:\n{stderr}", run.status.code()));
        }
        assert!(!out.exists(), "{what}: nothing is written");
    }
    assert!(missed.is_empty(), "{}", missed.join("\n\n"));
}
