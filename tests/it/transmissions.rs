//! The typed table of external transmissions (外部送信): rendered as a
//! table in each language, exported as structured rows, compared row by row
//! and cell by cell in the 新旧対照表, recorded in the lock like any block,
//! and checked for missing fields, open lists (「等」) and silence on opting out.

use crate::common::*;
use serde_json::Value;

const NOW: &str = "2025-06-01";

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    build_fixture("transmissions", NOW)
}

/// The rows of the `n`th diff table of a page, as `<tr>…</tr>` strings.
fn diff_rows(html: &str, n: usize) -> Vec<String> {
    let table = html.split("<table class=\"k-diff-table\">").nth(n + 1).unwrap().split("</table>").next().unwrap();
    table.split("</tr>").filter(|row| row.contains("<tr>")).map(|row| row.trim().to_string()).collect()
}

#[test]
fn destinations_are_a_table_in_each_language() {
    let (_dir, out) = built();
    let ja = read(&out.join("ja/notice/2025-01-01/index.html"));
    for heading in ["サービス名", "送信先", "送信される情報", "利用目的", "オプトアウト"] {
        assert!(ja.contains(&format!("<th scope=\"col\">{heading}</th>")), "{heading}");
    }
    assert!(ja.contains("<tr data-k-destination=\"crash\">"));
    assert!(ja.contains("<th scope=\"row\" data-label=\"サービス名\">ほたるクラッシュレポート</th>"));
    assert!(ja.contains("<li>IPアドレス</li>"));
    assert!(ja.contains("<a href=\"https://sorami.example/optout/\">オプトアウトの手続</a>"));
    let en = read(&out.join("en/notice/2025-01-01/index.html"));
    assert!(en.contains("<th scope=\"col\">Information sent</th>"));
    assert!(en.contains(">Hotaru Crash Reports</th>"));
    // A name given once is every language's.
    assert!(en.contains(">Sorami Analytics</th>") && ja.contains(">Sorami Analytics</th>"));
    // Each version shows the revision of its time: the row removed in 2025 is on the 2024 page only.
    let old = read(&out.join("ja/notice/2024-01-01/index.html"));
    assert!(old.contains("data-k-destination=\"ads\"") && !ja.contains("data-k-destination=\"ads\""));
}

#[test]
fn the_json_gives_each_destination_as_a_structured_row() {
    let (_dir, out) = built();
    let document: Value = serde_json::from_str(&read(&out.join("api/v1/en/notice/2025-01-01.json"))).unwrap();
    let block = &document["version"]["blocks"][0];
    assert_eq!(block["kind"], "external-transmission");
    let rows = block["destinations"].as_array().unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["analytics", "chat", "crash"]);
    assert_eq!(rows[0]["data"], serde_json::json!(["URL of the page viewed", "Cookie identifier", "IP address"]));
    assert_eq!(rows[0]["opt_out"], Value::Null);
    assert_eq!(rows[0]["opt_out_url"], "https://sorami.example/optout/");
    assert_eq!(rows[2]["purpose"], "To fix faults");
    let schema: Value = serde_json::from_str(&read(&out.join("api/v1/schema.json"))).unwrap();
    let validator = jsonschema::options().should_validate_formats(true).build(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&document).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn the_comparison_goes_row_by_row_and_cell_by_cell() {
    let (_dir, out) = built();
    let ja = read(&out.join("ja/notice/2025-01-01/changes/index.html"));
    let (before, after) = (diff_rows(&ja, 0), diff_rows(&ja, 1));
    // The headings, then one row per destination.
    assert!(before[0].contains("<td>サービス名</td>") && after[0].contains("<td>サービス名</td>"));
    // A data item added: only that item is marked, in its cell.
    assert!(after[1].contains("<td>閲覧したページのURL、Cookie識別子<ins>、IPアドレス</ins></td>"), "{}", after[1]);
    assert!(!before[1].contains("<del>"), "{}", before[1]);
    // A destination removed, and one added: whole rows.
    assert!(before[2].starts_with("<tr><td><del>アドつなぎ</del></td>"), "{}", before[2]);
    assert!(after[3].starts_with("<tr><td><ins>ほたるクラッシュレポート</ins></td>"), "{}", after[3]);
    // An unchanged destination, unmarked in both.
    assert!(before[3].contains("KoeLink Chat") && !before[3].contains("<del>") && !after[2].contains("<ins>"));
}

#[test]
fn a_published_destination_cannot_change_unrecorded() {
    let (site, _out) = built();
    edit(
        site.path(),
        "blocks/tags.toml",
        "{ ja = \"広告を表示するため\"",
        "{ ja = \"広告を表示し、効果を測定するため\"",
    );
    let output = kiyaku(&["check", "--root", s(site.path()), "--now", NOW]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("error[published-block-changed]: the revision of block `tags` since 2024-01-01"),
        "{stderr}"
    );
}

#[test]
fn open_lists_and_silence_on_opting_out_are_warned_with_their_place() {
    let site = copy_fixture("transmissions");
    edit(
        site.path(),
        "blocks/tags.toml",
        "{ ja = \"Cookie識別子\", en = \"Cookie identifier\" },\n  { ja = \"IPアドレス\"",
        "{ ja = \"Cookie識別子等\", en = \"Cookie identifier, etc.\" },\n  { ja = \"IPアドレス\"",
    );
    edit(
        site.path(),
        "blocks/tags.toml",
        "opt_out = { ja = \"アプリの設定で停止できます。\", en = \"You can stop it in the app's settings.\" }\n",
        "",
    );
    let output = kiyaku(&["check", "--root", s(site.path()), "--now", "2024-06-01"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("warning[transmission-vague]: `data` (en) leaves the list open with 「etc.」"), "{stderr}");
    assert!(stderr.contains("warning[transmission-vague]: `data` (ja) leaves the list open with 「等」"), "{stderr}");
    assert!(stderr.contains("blocks/tags.toml:42:3"), "the line of the item: {stderr}");
    assert!(stderr.contains("warning[transmission-opt-out]"), "{stderr}");
    assert!(stderr.contains("blocks/tags.toml:56:1"), "the destination's line: {stderr}");
}

#[test]
fn clauses_merged_into_one_are_renamed_once_and_the_others_removed() {
    let site = copy_fixture("transmissions");
    for lang in ["ja", "en"] {
        let file = format!("content/notice/2025-01-01.{lang}.md");
        edit(
            site.path(),
            &file,
            "change = \"material\"",
            "change = \"material\"\nrenamed = { a = \"destinations\", b = \"destinations\" }",
        );
    }
    let output = kiyaku(&["check", "--root", s(site.path()), "--now", NOW, "--record-published"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "error[renamed-unknown]: `b` is renamed to `destinations`, which another clause is renamed to as well"
        ),
        "{stderr}"
    );
}

#[test]
fn an_empty_service_name_is_refused() {
    let site = copy_fixture("transmissions");
    edit(site.path(), "blocks/tags.toml", "service = \"KoeLink Chat\"", "service = \"  \"");
    let output = kiyaku(&["check", "--root", s(site.path()), "--now", NOW, "--record-published"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("error[empty-text]: `service` is empty"), "{stderr}");
}
