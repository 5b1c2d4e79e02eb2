//! References to clauses stay right (issue 19, hole 3): a link with no text
//! shows its target clause's number as of the version, in the page's
//! language, and a link whose text names another number than its target's
//! is named with the fix.

use crate::common::*;

const NOW: &str = "2025-06-01";

/// The text of the first link in the clause text to `…href_end` (the
/// table of contents, which links every clause too, left aside).
fn link_text<'p>(page: &'p str, href_end: &str) -> &'p str {
    let marker = format!("{href_end}\">");
    page.match_indices(&marker)
        .map(|(at, _)| &page[at + marker.len()..])
        .map(|rest| &rest[..rest.find("</a>").unwrap()])
        .find(|text| !text.starts_with('<'))
        .unwrap_or_else(|| panic!("no link to {href_end}"))
}

#[test]
fn a_link_with_no_text_shows_the_clause_number_of_its_version_and_language() {
    let site = copy_fixture("basic");
    let root = site.path();
    // 2022-04-01: purposes 第1条 (with sub-clause 1), security 第2条, contact 第4条.
    for (lang, text) in
        [("ja", "詳しくは[](#contact)及び[](#purposes-customers)をご覧ください。"), ("en", "See [](#contact).")]
    {
        let file = format!("content/privacy/2022-04-01.{lang}.md");
        let body = read(&root.join(&file));
        let at = body.find("\n## ").unwrap();
        std::fs::write(root.join(&file), format!("{}\n{text}\n{}", &body[..at], &body[at..])).unwrap();
    }
    edit(root, "content/terms/2021-01-01.ja.md", "によります。", "によります（[](policy:privacy#security)）。");
    let out = root.join("public");
    build(root, &out, NOW);
    let ja = read(&out.join("ja/privacy/2022-04-01/index.html"));
    assert_eq!(link_text(&ja, "#contact"), "第4条");
    assert!(ja.contains("#purposes-customers\">第1条（1）</a>"), "a sub-clause with its clause");
    let en = read(&out.join("en/privacy/2022-04-01/index.html"));
    assert_eq!(link_text(&en, "#contact"), "Article 4");
    let json = read(&out.join("api/v1/ja/privacy/2022-04-01.json"));
    assert!(json.contains("詳しくは第4条及び第1条（1）をご覧ください。"), "the plain text has it too");
    let terms = read(&out.join("ja/terms/index.html"));
    assert_eq!(link_text(&terms, "/ja/privacy/#security"), "第2条", "another policy's clause, as in force");
}

#[test]
fn a_link_whose_text_names_another_number_is_named() {
    let site = copy_fixture("basic");
    let root = site.path();
    let file = "content/privacy/2022-04-01.ja.md";
    edit(
        root,
        file,
        "必要な措置を講じます。",
        "必要な措置を講じます。[第5条](#contact)、[第4条](#contact)、[窓口](#contact)",
    );
    edit(root, "content/terms/2021-01-01.ja.md", "[プライバシーポリシー]", "[プライバシーポリシー第2条]");
    let out = kiyaku(&["check", "--root", s(root), "--now", NOW, "--record-published"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("warning[link-number-mismatch]").count(), 2, "{stderr}");
    assert!(stderr.contains("「第5条」") && stderr.contains("(#contact) is number 4"), "{stderr}");
    assert!(stderr.contains("[](#contact)"), "the fix: {stderr}");
    assert!(stderr.contains("(policy:privacy#purposes) is number 1"), "{stderr}");
}

#[test]
fn a_renumbered_clause_changes_the_text_of_links_to_it() {
    let site = copy_fixture("basic");
    let root = site.path();
    for version in ["2020-01-01", "2022-04-01"] {
        edit(
            root,
            &format!("content/privacy/{version}.ja.md"),
            "当社は、サービスの提供",
            "[](#contact)。当社は、サービスの提供",
        );
    }
    build(root, &root.join("public"), NOW);
    let old = read(&root.join("public/ja/privacy/2020-01-01/index.html"));
    let new = read(&root.join("public/ja/privacy/2022-04-01/index.html"));
    assert_eq!(link_text(&old, "#contact"), "第3条");
    assert_eq!(link_text(&new, "#contact"), "第4条", "a clause was added before it");
}

#[test]
fn a_rebuild_renders_again_a_policy_whose_link_shows_another_policy_s_number() {
    let site = copy_fixture("basic");
    let root = site.path();
    edit(root, "content/terms/2021-01-01.ja.md", "によります。", "によります（[](policy:privacy#security)）。");
    let out = root.join("public");
    let day = "2030-01-01";
    build(root, &out, day);
    assert_eq!(link_text(&read(&out.join("ja/terms/index.html")), "/ja/privacy/#security"), "第3条");
    // The privacy version of that day gains a clause before 安全管理措置
    // (announced again, to change it); the terms text stays as it was.
    reannounce_upcoming(root, "2025-05-01", &today());
    for (lang, moved) in [("ja", "## 安全管理措置 {#security}"), ("en", "## Security measures {#security}")] {
        let added = format!("## 保管 {{#storage}}\n\n保管します。\n\n{moved}");
        edit(root, &format!("content/privacy/2030-01-01.{lang}.md"), moved, &added);
    }
    build(root, &out, day);
    assert_eq!(link_text(&read(&out.join("ja/terms/index.html")), "/ja/privacy/#security"), "第4条");
}
