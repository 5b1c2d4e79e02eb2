//! The APPI art. 32 checklist beyond "the declared clause exists": what a
//! disclosure must say where kiyaku can tell (the fee for requests; the
//! business's representative and address when a clause gives them), and
//! `check` listing each item with where it is disclosed.

use crate::common::*;
use serde_json::Value;

const NOW: &str = "2025-06-01";

fn check(root: &std::path::Path, format: &str) -> std::process::Output {
    kiyaku(&["check", "--root", s(root), "--now", NOW, "--format", format, "--record-published"])
}

#[test]
fn check_lists_each_item_with_where_it_is_disclosed() {
    let site = copy_fixture("basic");
    let human = String::from_utf8_lossy(&check(site.path(), "human").stderr).into_owned();
    assert!(human.contains("APPI art. 32 checklist, privacy 2022-04-01:\n"), "{human}");
    assert!(human.contains("  ok      business         block company\n"), "{human}");
    assert!(human.contains("  ok      purposes         clause purposes (利用目的)\n"), "{human}");
    assert!(human.contains("  ok      requests         clause contact (お問い合わせ)\n"), "{human}");
    assert!(human.contains("  n/a     accredited-body  not disclosed\n"), "not a member: {human}");
    assert!(human.contains("APPI art. 32 checklist, privacy 2030-01-01:\n"), "upcoming versions too: {human}");
    assert!(!human.contains("privacy 2020-01-01"), "archived versions are not listed: {human}");
    let report: Value = serde_json::from_slice(&check(site.path(), "json").stdout).unwrap();
    let list = &report["appi"][0];
    assert_eq!(list["policy"], "privacy");
    assert_eq!(list["items"][2]["item"], "requests");
    assert_eq!(list["items"][2]["disclosed_in"], "clause contact (お問い合わせ)");
    assert_eq!(list["items"][2]["lacks"], Value::Null);
}

#[test]
fn a_requests_clause_must_state_the_fee() {
    let site = copy_fixture("basic");
    for version in ["2022-04-01", "2030-01-01"] {
        edit(site.path(), &format!("content/privacy/{version}.ja.md"), "開示等の請求の手数料は無料です。\n\n", "");
    }
    let output = check(site.path(), "human");
    let human = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "a warning: {human}");
    assert!(
        human.contains("warning[appi-content]: version 2022-04-01: how to make requests, and the fee (開示等の請求に応じる手続・手数料) is in clause `contact`, which states no fee for requests (手数料), nor that they are free"),
        "{human}"
    );
    assert!(human.contains("2022-04-01.ja.md:26:1"), "at the clause's heading: {human}");
    assert!(human.contains("  partial requests         clause contact (お問い合わせ): states no fee"), "{human}");
}

#[test]
fn a_business_clause_must_name_the_representative_and_the_address() {
    let site = copy_fixture("basic");
    edit(site.path(), "content/privacy/policy.toml", "business = \"block:company\"", "business = \"purposes\"");
    let human = String::from_utf8_lossy(&check(site.path(), "human").stderr).into_owned();
    assert!(
        human.contains("warning[appi-content]: version 2022-04-01: the business's name, address and representative"),
        "{human}"
    );
    assert!(human.contains("which names no representative (代表者) and gives no address (住所)"), "{human}");
    // The same clause with both is complete.
    for version in ["2022-04-01", "2030-01-01"] {
        edit(
            site.path(),
            &format!("content/privacy/{version}.ja.md"),
            "## 利用目的 {#purposes}\n",
            "## 利用目的 {#purposes}\n\nテスト株式会社（〒100-0001 東京都千代田区千代田1-1、代表取締役 山田太郎）\n",
        );
    }
    let human = String::from_utf8_lossy(&check(site.path(), "human").stderr).into_owned();
    assert!(!human.contains("appi-content"), "{human}");
}
