//! Comparing versions (新旧対照表), the history of changed clauses, and
//! anchors that never break: aliases for renamed ids, tombstones for
//! removed ones, branch numbers (第2条の2) and 「削除」 articles.

use crate::common::*;

const NOW: &str = "2023-01-01";

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    build_fixture("revisions", NOW)
}

/// The rows of the comparison table as (kind, id).
fn rows(html: &str) -> Vec<(String, String)> {
    html.split("<tr class=\"k-change k-change-")
        .skip(1)
        .map(|row| {
            let kind = row.split('"').next().unwrap().to_string();
            let href = row.split("<a href=\"").nth(1).unwrap().split('"').next().unwrap();
            (kind, href.rsplit('#').next().unwrap().to_string())
        })
        .collect()
}

#[test]
fn comparison_marks_each_kind_of_change() {
    let (_dir, out) = built();
    let ja = read(&out.join("ja/terms/2022-04-01/changes/index.html"));
    let found = rows(&ja);
    for expected in [
        ("changed", "fees"),
        ("added", "fees-special"),
        ("renamed", "forbidden"),
        ("removed", "old-rule"),
        ("added", "disclaimer"),
    ] {
        assert!(found.contains(&(expected.0.to_string(), expected.1.to_string())), "{expected:?} not in {found:?}");
    }
    assert!(found.iter().any(|(kind, _)| kind == "moved"), "law moved to the front: {found:?}");
    assert!(!found.iter().any(|(_, id)| id == "scope"), "unchanged clauses are not rows");
    assert!(ja.contains("<details class=\"k-unchanged\">"), "unchanged clauses are collapsed");
    // 条ずれ: an unchanged clause that moved up a number says so.
    assert!(ja.contains("第2条 適用</a> <span class=\"k-change-was\">（改定前：第1条 適用）</span>"), "{ja}");
    assert!(ja.contains("本改定は、2022年4月1日から施行します。"));
    assert!(ja.contains("<th scope=\"col\">改定前</th><th scope=\"col\">改定後</th>"));
}

#[test]
fn japanese_is_highlighted_by_character_english_by_word() {
    let (_dir, out) = built();
    let ja = read(&out.join("ja/terms/2022-04-01/changes/index.html"));
    // A number changes whole: 1,000 → 1,200, not 0 → 2.
    assert!(ja.contains("利用料金は月額<del>1,000</del>円とします。"), "{ja}");
    assert!(ja.contains("利用料金は月額<ins>1,200</ins>円とします。"), "{ja}");
    assert!(ja.contains("<span class=\"k-elided\">（略）</span>"), "unchanged paragraphs are elided");
    let en = read(&out.join("en/terms/2022-04-01/changes/index.html"));
    assert!(en.contains("<del>1,000</del>"), "{en}");
    assert!(en.contains("<ins>1,200</ins>"));
    // Not by colour and line alone: screen readers are given words (from the UI strings).
    assert!(ja.contains("--k-ins-start: &quot;［追加］&quot;; --k-ins-end: &quot;［追加ここまで］&quot;"), "{ja}");
    assert!(en.contains("--k-del-start: &quot;[deleted]&quot;"), "{en}");
    let css = read(&out.join("static/kiyaku.css"));
    assert!(css.contains(".k-changes-table ins::before { content: var(--k-ins-start); }"));
}

#[test]
fn comparison_is_linked_from_banner_version_page_history_and_feed() {
    let (_dir, out) = built();
    let link = "href=\"/ja/terms/2022-04-01/changes/\"";
    assert!(read(&out.join("ja/terms/index.html")).contains(link));
    assert!(read(&out.join("ja/terms/2022-04-01/index.html")).contains(link));
    let history = read(&out.join("ja/terms/history/index.html"));
    assert!(history.contains(link));
    assert!(
        history.contains("料金の特例</a> <span class=\"k-tag k-tag-added\">新設</span>"),
        "history lists changed clauses"
    );
    let (_d, early) = build_fixture("revisions", "2022-03-01");
    let current = read(&early.join("ja/terms/index.html"));
    assert!(current.contains(link), "the in-force page links to the upcoming version's changes");
}

#[test]
fn old_anchors_keep_resolving() {
    let (_dir, out) = built();
    let current = read(&out.join("en/terms/index.html"));
    assert!(
        current.contains(
            "<section class=\"k-clause\" id=\"forbidden\">\n<span class=\"k-alias\" id=\"prohibited\"></span>"
        ),
        "renamed id is an alias"
    );
    assert!(current.contains("<p class=\"k-tombstone\" id=\"old-rule\">"), "removed id has a tombstone");
    assert!(current.contains("was removed by the revision that took effect on April 1, 2022."));
    assert!(current.contains("href=\"/en/terms/2020-04-01/#old-rule\""), "linking to the last version that had it");
    let ids = |html: &str| -> Vec<String> {
        html.split(" id=\"").skip(1).map(|r| r.split('"').next().unwrap().to_string()).collect()
    };
    let all = ids(&current);
    for old in ids(&read(&out.join("en/terms/2020-04-01/index.html"))).iter().filter(|id| !id.starts_with("k-")) {
        assert!(all.contains(old), "anchor #{old} of 2020 no longer resolves");
    }
}

#[test]
fn branch_numbers_and_deleted_articles() {
    let (_dir, out) = built();
    let ja = read(&out.join("ja/terms/index.html"));
    assert!(
        ja.contains(
            "<span class=\"k-clause-number\">第3条の2</span> <span class=\"k-clause-caption\">料金の特例</span>"
        ),
        "{ja}"
    );
    assert!(
        ja.contains("<span class=\"k-clause-number\">第4条</span> <span class=\"k-clause-caption\">禁止事項</span>")
    );
    assert!(ja.contains("k-clause-deleted"));
    assert!(ja.contains("<span class=\"k-clause-number\">第5条</span> <span class=\"k-clause-caption\">削除</span>"));
    let en = read(&out.join("en/terms/index.html"));
    assert!(en.contains("Article 3-2"));
}

#[test]
fn a_published_id_may_not_disappear_silently() {
    let site = copy_fixture("revisions");
    for lang in ["ja", "en"] {
        edit(site.path(), &format!("content/terms/2022-04-01.{lang}.md"), "removed = [\"old-rule\"]\n", "");
    }
    let out = kiyaku(&["check", "--root", s(site.path()), "--now", NOW]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error[clause-id-vanished]: clause `old-rule` of the previous version is gone"),
        "{stderr}"
    );
    assert!(stderr.contains("2022-04-01.ja.md:1:"), "{stderr}");

    let site = copy_fixture("revisions");
    edit(
        site.path(),
        "content/terms/2022-04-01.ja.md",
        "renamed = { prohibited = \"forbidden\" }",
        "renamed = { prohibited = \"nowhere\" }",
    );
    let out = kiyaku(&["check", "--root", s(site.path()), "--now", NOW]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error[renamed-unknown]"), "{stderr}");
    assert!(stderr.contains("error[translation-mismatch]"), "{stderr}");
}

#[test]
fn explicit_numbers_must_keep_order() {
    let site = copy_fixture("revisions");
    edit(site.path(), "content/terms/2022-04-01.ja.md", "number=3-2", "number=2-2");
    let out = kiyaku(&["check", "--root", s(site.path()), "--now", NOW]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error[clause-number-order]"), "{stderr}");
    assert!(stderr.contains("2022-04-01.ja.md:24:1"), "{stderr}");
}

#[test]
fn the_published_record_is_locked() {
    let site = copy_fixture("revisions");
    let out = site.path().join("public");
    build(site.path(), &out, NOW);
    let lock = read(&site.path().join("kiyaku.lock"));
    assert_eq!(lock.matches("[[version]]").count(), 4, "both versions in both languages took effect: {lock}");
    // Same sources: the lock is not rewritten.
    let again = kiyaku(&["build", "--root", s(site.path()), "--output", s(&out), "--now", NOW]);
    assert!(!String::from_utf8_lossy(&again.stderr).contains("recorded"));

    // Changing a text that took effect is refused and the site is left as it was.
    edit(site.path(), "content/terms/2020-04-01.ja.md", "月額1,000円", "月額900円");
    let before = tree(&out);
    let refused = kiyaku(&["build", "--root", s(site.path()), "--output", s(&out), "--now", NOW]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("error[published-text-changed]"), "{stderr}");
    assert!(stderr.contains("2020-04-01.ja.md"), "{stderr}");
    assert_eq!(tree(&out), before);

    // An entry for a correction not made is refused, and does not use the
    // correction up: the fix, made afterwards, is accepted.
    edit(site.path(), "content/terms/2020-04-01.ja.md", "月額900円", "月額1,000円");
    edit(
        site.path(),
        "content/terms/2020-04-01.en.md",
        "+++\n\n",
        "\n[[corrections]]\ndate = 2022-11-01\nnote = \"typo\"\n+++\n\n",
    );
    let premature = kiyaku(&["build", "--root", s(site.path()), "--output", s(&out), "--now", NOW]);
    let stderr = String::from_utf8_lossy(&premature.stderr);
    assert!(stderr.contains("error[correction-without-change]") && stderr.contains("2020-04-01.en.md:"), "{stderr}");
    assert!(!read(&site.path().join("kiyaku.lock")).contains("corrections = 1"), "nothing recorded");
    edit(
        site.path(),
        "content/terms/2020-04-01.en.md",
        "\n[[corrections]]\ndate = 2022-11-01\nnote = \"typo\"\n",
        "\n",
    );
    edit(site.path(), "content/terms/2020-04-01.ja.md", "月額1,000円", "月額900円");

    // A recorded correction is accepted, and recorded.
    edit(
        site.path(),
        "content/terms/2020-04-01.ja.md",
        "summary = \"制定\"",
        "summary = \"制定\"\n\n[[corrections]]\ndate = 2022-12-01\nnote = \"料金の誤記を訂正\"",
    );
    let recorded = read(&site.path().join("kiyaku.lock"));
    let old_hash = recorded.split("lang = \"ja\"\nsha256 = \"").nth(1).unwrap().split('"').next().unwrap().to_string();
    build(site.path(), &out, NOW);
    let lock = read(&site.path().join("kiyaku.lock"));
    assert!(lock.contains("corrections = 1"));
    assert!(lock.contains(&format!("superseded = [\"{old_hash}\"]")), "the text before it stays on record: {lock}");
    let document = read(&out.join("api/v1/ja/terms/2020-04-01.json"));
    assert!(document.contains(&format!("\"superseded_sha256\":[\"{old_hash}\"]")), "and apps learn of it: {document}");
    let page = read(&out.join("ja/terms/2020-04-01/index.html"));
    assert!(page.contains("料金の誤記を訂正"), "the correction is shown on the page");

    // A version that took effect may not disappear.
    std::fs::remove_file(site.path().join("content/terms/2020-04-01.en.md")).unwrap();
    let missing = kiyaku(&["check", "--root", s(site.path()), "--now", NOW]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("error[published-version-missing]"));
}

#[test]
fn versions_dated_in_the_future_are_not_locked() {
    let site = copy_fixture("revisions");
    build(site.path(), &site.path().join("public"), "2099-01-01");
    let lock = read(&site.path().join("kiyaku.lock"));
    assert_eq!(lock.matches("[[version]]").count(), 4);
    let site = copy_fixture("revisions");
    build(site.path(), &site.path().join("public"), "2021-01-01");
    let lock = read(&site.path().join("kiyaku.lock"));
    assert_eq!(lock.matches("[[version]]").count(), 2, "only the 2020 version had taken effect");
}

#[test]
fn a_day_before_the_record_keeps_it_and_still_guards_it() {
    let site = copy_fixture("revisions");
    let out = site.path().join("public");
    build(site.path(), &out, NOW);
    let recorded = read(&site.path().join("kiyaku.lock"));
    assert_eq!(recorded.matches("[[version]]").count(), 4);
    // A build "as of" a day before the 2022 version took effect (a preview of
    // the past) neither drops its record nor lets its text change.
    build(site.path(), &out, "2021-01-01");
    assert_eq!(read(&site.path().join("kiyaku.lock")), recorded);
    edit(site.path(), "content/terms/2022-04-01.ja.md", "月額1,200円", "月額1,100円");
    for now in ["2021-01-01", NOW] {
        let refused = kiyaku(&["check", "--root", s(site.path()), "--now", now]);
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert!(stderr.contains("error[published-text-changed]"), "--now {now}: {stderr}");
    }
}

#[test]
fn a_policy_with_broken_metadata_is_still_checked_without_follow_on_errors() {
    let site = copy_fixture("revisions");
    build(site.path(), &site.path().join("public"), NOW);
    edit(site.path(), "content/terms/policy.toml", "kind = \"terms\"", "kind = terms");
    edit(site.path(), "content/terms/2022-04-01.ja.md", "summary = ", "summry = ");
    let out = kiyaku(&["check", "--root", s(site.path()), "--now", NOW]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("policy.toml:1:"), "the metadata error: {stderr}");
    assert!(stderr.contains("2022-04-01.ja.md"), "the version's own error, in the same run: {stderr}");
    assert!(!stderr.contains("published-version-missing"), "the sources are there: {stderr}");
    assert!(!stderr.contains("policy-empty"), "{stderr}");
}

#[test]
fn a_version_is_not_published_before_it_is_announced() {
    // The 2022 revision is announced on 2022-02-01 and takes effect on 2022-04-01.
    let site = copy_fixture("revisions");
    let out = site.path().join("public");
    let early = build(site.path(), &out, "2022-01-15");
    assert!(early.status.success());
    let stderr = String::from_utf8_lossy(&early.stderr);
    assert!(stderr.contains("note[version-unannounced]") && stderr.contains("--now 2022-02-01"), "{stderr}");
    assert!(stderr.contains("2022-04-01.ja.md"), "named by its governing text: {stderr}");
    assert!(!out.join("ja/terms/2022-04-01").exists(), "no page before the announcement");
    assert!(!out.join("api/v1/ja/terms/2022-04-01.json").exists());
    assert!(!read(&out.join("ja/feed.json")).contains("2022-04-01"));
    assert!(!read(&out.join("ja/terms/index.html")).contains("2022-04-01"));
    // A note, not a warning: a revision prepared ahead does not fail CI.
    let checked = kiyaku(&["check", "--root", s(site.path()), "--now", "2022-01-15", "--deny-warnings"]);
    assert_eq!(checked.status.code(), Some(0), "{}", String::from_utf8_lossy(&checked.stderr));
    // From the day it is announced, it is shown as upcoming.
    build(site.path(), &out, "2022-02-01");
    assert!(out.join("ja/terms/2022-04-01/index.html").is_file());
}

#[test]
fn a_comparison_in_a_language_the_new_version_lacks_compares_the_texts_shown() {
    let site = copy_fixture("revisions");
    std::fs::remove_file(site.path().join("content/terms/2022-04-01.en.md")).unwrap();
    let out = site.path().join("public");
    assert!(build(site.path(), &out, NOW).status.success());
    let ja = rows(&read(&out.join("ja/terms/2022-04-01/changes/index.html")));
    let en = rows(&read(&out.join("en/terms/2022-04-01/changes/index.html")));
    // The English page shows the Japanese 2022 text, so it compares it with
    // the Japanese 2020 text: the same changes, not every clause rewritten.
    assert_eq!(en, ja);
    let history = read(&out.join("en/terms/history/index.html"));
    let ja_history = read(&out.join("ja/terms/history/index.html"));
    let count = |html: &str| html.matches("class=\"k-tag k-tag-").count();
    assert_eq!(count(&history), count(&ja_history), "{history}");
}

#[test]
fn a_comparison_with_a_version_lacking_the_translation_compares_the_texts_shown() {
    let site = copy_fixture("revisions");
    std::fs::remove_file(site.path().join("content/terms/2020-04-01.en.md")).unwrap();
    let out = site.path().join("public");
    assert!(build(site.path(), &out, NOW).status.success());
    let ja_page = read(&out.join("ja/terms/2022-04-01/changes/index.html"));
    let en_page = read(&out.join("en/terms/2022-04-01/changes/index.html"));
    // 2020 has no English text: both versions are compared in Japanese, not
    // Japanese against English (every clause would show as rewritten).
    assert_eq!(rows(&en_page), rows(&ja_page));
    assert!(en_page.contains("<td lang=\"ja\""), "the cells say their language");
    assert!(en_page.contains("href=\"/en/terms/2020-04-01/\""), "links stay in the page's language: {en_page}");
    assert!(en_page.contains("April 1, 2020"), "dates in the page's language: {en_page}");
}

#[test]
fn a_comparison_shows_a_desk_that_moved_between_versions() {
    let (_dir, out) = build_fixture("basic", "2025-06-01");
    let ja = read(&out.join("ja/privacy/2022-04-01/changes/index.html"));
    let contact = ja.split("<tr class=\"k-change").find(|row| row.contains("#contact\"")).expect("the contact row");
    assert!(contact.contains("<del>旧窓口</del>") && contact.contains("新窓口"), "{contact}");
    assert!(contact.contains("〒105-0011 東京都港区芝公園2-2"), "the new address: {contact}");
}

#[test]
fn a_comparison_shows_the_blocks_as_they_were_on_the_day_of_its_revision() {
    // The desk moves again in 2024, while 2022-04-01 is in force: that move is
    // not the 2022 revision's, and the published comparison does not change.
    let site = copy_fixture("basic");
    let moved = "\n[[revisions]]\nsince = 2024-01-01\norganization = { ja = \"テスト株式会社\", en = \"Test K.K.\" }\ndepartment = { ja = \"別館窓口\", en = \"Annex desk\" }\npostal_code = \"160-0023\"\naddress = { ja = \"東京都新宿区西新宿3-3\", en = \"3-3 Nishi-Shinjuku, Tokyo\" }\n";
    let desk = site.path().join("blocks/desk.toml");
    std::fs::write(&desk, read(&desk) + moved).unwrap();
    let comparison = |now: &str| {
        let out = site.path().join(format!("public-{now}"));
        build(site.path(), &out, now);
        (read(&out.join("ja/privacy/2022-04-01/changes/index.html")), read(&out.join("ja/privacy/history/index.html")))
    };
    let (before, history_before) = comparison("2023-06-01");
    let (after, history_after) = comparison("2025-06-01");
    assert!(before.contains("〒105-0011 東京都港区芝公園2-2") && !before.contains("別館窓口"), "{before}");
    assert_eq!(before.split("<tbody>").nth(1), after.split("<tbody>").nth(1), "the comparison never changes");
    assert_eq!(history_before.matches("#contact").count(), history_after.matches("#contact").count());
}

#[test]
fn a_published_version_gone_is_named_even_beside_other_errors_of_its_policy() {
    let (site, out) = {
        let site = copy_fixture("revisions");
        let out = site.path().join("public");
        (site, out)
    };
    assert!(build(site.path(), &out, NOW).status.success());
    std::fs::remove_file(site.path().join("content/terms/2020-04-01.en.md")).unwrap();
    edit(site.path(), "content/terms/2022-04-01.en.md", "+++\n", "+++\nfoo = 1\n");
    let check = kiyaku(&["check", "--root", s(site.path()), "--now", NOW]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(stderr.contains("error[published-version-missing]"), "{stderr}");
    // A file that is there but broken is not reported as gone.
    assert_eq!(stderr.matches("published-version-missing").count(), 1, "{stderr}");
}

#[test]
fn a_policy_not_yet_announced_is_left_out_and_links_to_it_are_named() {
    let site = copy_fixture("basic");
    let cookies = add_policy(site.path(), "cookies", "cookies", ("クッキー", "Cookies"));
    for (lang, text) in [("ja", "当社はクッキーを使います。"), ("en", "We use cookies.")] {
        let body = format!(
            "+++\neffective = 2031-01-01\nannounced = 2030-06-01\nsummary = \"new\"\n+++\n\n## Cookies {{#cookies}}\n\n{text}\n"
        );
        std::fs::write(cookies.join(format!("2031-01-01.{lang}.md")), body).unwrap();
    }
    edit(
        site.path(),
        "content/terms/2021-01-01.ja.md",
        "によります。",
        "によります。[クッキー](policy:cookies)も同様です。",
    );
    let out = site.path().join("public");
    let built = build(site.path(), &out, "2025-06-01");
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert!(built.status.success(), "{stderr}");
    assert!(stderr.contains("warning[link-unannounced]") && stderr.contains("2021-01-01.ja.md:8:"), "{stderr}");
    assert!(!out.join("ja/cookies").exists() && !read(&out.join("ja/index.html")).contains("クッキー"));
    build(site.path(), &out, "2030-06-01");
    assert!(out.join("ja/cookies/index.html").is_file(), "public from the day it is announced");
}

#[test]
fn a_text_shown_in_another_language_keeps_its_own_clause_numbers() {
    let site = copy_fixture("revisions");
    std::fs::remove_file(site.path().join("content/terms/2022-04-01.en.md")).unwrap();
    let out = site.path().join("public");
    build(site.path(), &out, NOW);
    let page = read(&out.join("en/terms/index.html"));
    assert!(page.contains("<span class=\"k-clause-number\">第1条</span>"), "the Japanese text's numbers: {page}");
    let document = read(&out.join("api/v1/en/terms/current.json"));
    assert!(document.contains("\"number\":\"第1条\""), "{document}");
}

#[test]
fn x_default_points_at_a_language_the_text_is_written_in() {
    let site = copy_fixture("revisions");
    std::fs::remove_file(site.path().join("content/terms/2022-04-01.ja.md")).unwrap();
    let out = site.path().join("public");
    build(site.path(), &out, NOW);
    let page = read(&out.join("ja/terms/2022-04-01/index.html"));
    assert!(
        page.contains(
            "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.com/en/terms/2022-04-01/\">"
        ),
        "{page}"
    );
    assert!(!page.contains("hreflang=\"ja\" href"), "{page}");
}

/// A third version of the `revisions` fixture's terms: `forbidden` renamed
/// again, to `banned`, and the fee changed again.
fn with_a_third_version() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = copy_fixture("revisions");
    let terms = dir.path().join("content/terms");
    for lang in ["ja", "en"] {
        let second = read(&terms.join(format!("2022-04-01.{lang}.md")));
        let third = second
            .replace("effective = 2022-04-01", "effective = 2024-04-01")
            .replace("announced = 2022-02-01", "announced = 2024-02-01")
            .replace("renamed = { prohibited = \"forbidden\" }", "renamed = { forbidden = \"banned\" }")
            .replace("removed = [\"old-rule\"]\n", "")
            .replace("{#forbidden}", "{#banned}")
            .replace("1,200", "1,500");
        std::fs::write(terms.join(format!("2024-04-01.{lang}.md")), third).unwrap();
    }
    let out = dir.path().join("public");
    let built = build(dir.path(), &out, "2025-01-01");
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    (dir, out)
}

#[test]
fn any_two_versions_are_compared_at_a_permanent_address() {
    let (_dir, out) = with_a_third_version();
    let across = read(&out.join("ja/terms/2024-04-01/changes/2020-04-01/index.html"));
    let found = rows(&across);
    // Renames are followed across the versions between: prohibited → forbidden → banned.
    assert!(found.contains(&("renamed".into(), "banned".into())), "{found:?}");
    assert!(found.contains(&("changed".into(), "fees".into())), "{found:?}");
    assert!(found.contains(&("removed".into(), "old-rule".into())), "{found:?}");
    assert!(across.contains("2020年4月1日施行版と2024年4月1日施行版"), "the title names both versions");
    assert!(
        across
            .contains("<link rel=\"canonical\" href=\"https://example.com/ja/terms/2024-04-01/changes/2020-04-01/\">"),
        "its own canonical address"
    );
    assert!(!across.contains("k-changes-summary"), "the newer version's summary is not what changed across two");
    assert!(out.join("en/terms/2024-04-01/changes/2020-04-01/index.html").is_file());
    // Consecutive versions keep their one comparison, under `changes/`.
    assert!(!out.join("ja/terms/2024-04-01/changes/2022-04-01").exists());
    assert!(!out.join("ja/terms/2022-04-01/changes/2020-04-01").exists());
    let history = read(&out.join("ja/terms/history/index.html"));
    assert!(history.contains("data-k-compare"), "the history page lets a reader pick two");
    assert_eq!(history.matches("data-k-changes=").count(), 6, "three versions in each of the two lists");
}

#[test]
fn a_policy_with_two_versions_has_no_picker() {
    let (_dir, out) = built();
    let history = read(&out.join("ja/terms/history/index.html"));
    assert!(!history.contains("data-k-compare"), "its one comparison is linked from the history already");
}

#[test]
fn a_site_may_compare_only_two_versions_in_a_row() {
    let dir = copy_fixture("revisions");
    let config = dir.path().join("kiyaku.toml");
    let text = read(&config);
    std::fs::write(&config, format!("compare_any_two = false\n{text}")).unwrap();
    let terms = dir.path().join("content/terms");
    let second = read(&terms.join("2022-04-01.ja.md"));
    let third = second
        .replace("effective = 2022-04-01", "effective = 2024-04-01")
        .replace("announced = 2022-02-01", "announced = 2024-02-01")
        .replace("renamed = { prohibited = \"forbidden\" }\n", "")
        .replace("removed = [\"old-rule\"]\n", "")
        .replace("1,200", "1,500");
    std::fs::write(terms.join("2024-04-01.ja.md"), third).unwrap();
    let out = dir.path().join("public");
    let built = build(dir.path(), &out, "2025-01-01");
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    assert!(out.join("ja/terms/2024-04-01/changes/index.html").is_file());
    assert!(!out.join("ja/terms/2024-04-01/changes/2020-04-01").exists());
    assert!(!read(&out.join("ja/terms/history/index.html")).contains("data-k-compare"));
}
