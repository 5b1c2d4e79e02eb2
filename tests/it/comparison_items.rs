//! The 新旧対照表 at the item level (issue 21): items keep their numbers in
//! both columns, an item inserted before another renumbers that one instead
//! of deleting and adding it again, and a space changed is the only change
//! shown.

use crate::common::*;

#[test]
fn an_inserted_item_renumbers_the_next_and_numbers_stay_visible() {
    let site = copy_fixture("revisions");
    let (old, new) = ("content/terms/2020-04-01.ja.md", "content/terms/2022-04-01.ja.md");
    let list =
        "他人になりすます行為を禁止します。\n\n1. 虚偽の申告\n2. 迷惑行為\n3. その他当社が不適切と判断する行為\n";
    edit(site.path(), old, "他人になりすます行為を禁止します。\n", list);
    let revised = "他人になりすます行為を禁止します。\n\n1. 虚偽の申告\n2. 迷惑 行為\n3. 不正アクセス\n4. その他当社が不適切と判断する行為\n";
    edit(site.path(), new, "他人になりすます行為を禁止します。\n", revised);
    let out = site.path().join("public");
    build(site.path(), &out, "2025-06-01");
    let page = read(&out.join("ja/terms/2022-04-01/changes/index.html"));
    let row = page.split("#forbidden\">").nth(1).unwrap().split("</tr>").next().unwrap();
    let (before, after) = row.split_once("data-label=\"改定後\"").unwrap();
    let elided = "<span class=\"k-elided\">（略）</span>";
    assert!(before.contains("2. 迷惑行為") && after.contains("2. 迷惑<ins> </ins>行為"), "{row}");
    assert!(after.contains("<ins>3. 不正アクセス</ins>"), "{row}");
    assert!(before.contains(&format!("<del>3</del>.{elided}")), "renumbered, not deleted: {row}");
    assert!(after.contains(&format!("<ins>4</ins>.{elided}")), "{row}");
    assert!(!before.contains("その他当社"), "the renumbered item's text is elided: {row}");
    // The JSON export's text keeps the numbers too.
    let json = read(&out.join("api/v1/ja/terms/2022-04-01.json"));
    assert!(json.contains("1. 虚偽の申告\\n2. 迷惑 行為"), "{json}");
}

/// A moved clause says where it was, under every numbering (with none, its
/// label alone would not change); the page gives the 公表日 beside the 附則.
#[test]
fn a_moved_clause_says_where_it_was_and_the_page_gives_the_announcement_day() {
    for numbering in [None, Some("none"), Some("sections")] {
        let site = copy_fixture("revisions");
        if let Some(numbering) = numbering {
            edit(
                site.path(),
                "content/terms/policy.toml",
                "kind = \"terms\"\n",
                &format!("kind = \"terms\"\nnumbering = \"{numbering}\"\n"),
            );
        }
        let out = site.path().join("public");
        build(site.path(), &out, "2025-06-01");
        let page = read(&out.join("ja/terms/2022-04-01/changes/index.html"));
        let row = page.split("#law\">").nth(1).unwrap().split("</th>").next().unwrap();
        assert!(
            row.contains("k-tag-moved") && row.contains("（改定前の位置：") && row.contains("旧第4条の次）"),
            "{numbering:?}: {row}"
        );
        assert!(page.contains("公表日：2022年2月1日"), "{numbering:?}");
        let english = read(&out.join("en/terms/2022-04-01/changes/index.html"));
        assert!(
            english.contains("(moved: it followed ") && english.contains("Announced on February 1, 2022"),
            "{numbering:?}"
        );
    }
}

/// A table in a changed clause is a table in both columns, the changed
/// cell marked; an added clause's table is a table too.
#[test]
fn tables_stay_tables_in_the_comparison() {
    let site = copy_fixture("revisions");
    let table = |fee: &str| format!("\n\n| プラン | 月額 |\n| --- | --- |\n| 基本 | {fee} |\n| 上位 | 2,000円 |\n");
    let (old, new) = ("content/terms/2020-04-01.ja.md", "content/terms/2022-04-01.ja.md");
    edit(
        site.path(),
        old,
        "支払期日は毎月末日とします。\n",
        &format!("支払期日は毎月末日とします。{}", table("1,000円")),
    );
    edit(
        site.path(),
        new,
        "支払期日は毎月末日とします。\n",
        &format!("支払期日は毎月末日とします。{}", table("1,200円")),
    );
    edit(site.path(), new, "学生は半額とします。\n", &format!("学生は半額とします。{}", table("500円")));
    let out = site.path().join("public");
    build(site.path(), &out, "2025-06-01");
    let page = read(&out.join("ja/terms/2022-04-01/changes/index.html"));
    let row = page.split("#fees\">").nth(1).unwrap().split("</tr>\n").next().unwrap();
    assert!(row.contains("<table class=\"k-diff-table\">"), "{row}");
    assert!(
        row.contains("<td>基本</td><td><del>1,000</del>円</td>")
            && row.contains("<td>基本</td><td><ins>1,200</ins>円</td>"),
        "{row}"
    );
    let added = page.split("#fees-special\">").nth(1).unwrap().split("</tr>\n").next().unwrap();
    assert!(added.contains("<table class=\"k-diff-table\">") && added.contains("<td><ins>500円</ins></td>"), "{added}");
}
