//! What a printed copy of a page carries (the theme's print stylesheet
//! lays it out; the browser tests in tests/e2e/print.test.mjs print it):
//! the running head on `<html>`, and the permanent URL and the text's hash
//! on the page itself, the same hash as the JSON document's.

use crate::common::*;

const NOW: &str = "2025-06-01";

#[test]
fn a_version_page_names_its_permanent_url_and_the_hash_of_its_text() {
    let (_dir, out) = build_fixture("basic", NOW);
    for lang in ["ja", "en"] {
        let json: serde_json::Value =
            serde_json::from_str(&read(&out.join(format!("api/v1/{lang}/privacy/2022-04-01.json")))).unwrap();
        let sha256 = json["sha256"].as_str().unwrap();
        let url = json["links"]["html"].as_str().unwrap();
        // The canonical page and the version's own page say the same.
        for page in [format!("{lang}/privacy/index.html"), format!("{lang}/privacy/2022-04-01/index.html")] {
            let html = read(&out.join(&page));
            assert!(html.contains(&format!("<code>{sha256}</code>")), "{page}: the hash");
            assert!(html.contains(&format!("<a href=\"{url}\">{url}</a>")), "{page}: the permanent URL");
        }
    }
}

#[test]
fn the_running_head_names_the_policy_the_version_and_its_announcement() {
    let (_dir, out) = build_fixture("basic", NOW);
    let html = read(&out.join("ja/privacy/2022-04-01/index.html"));
    let head = html.lines().nth(1).unwrap();
    assert!(
        head.starts_with("<html lang=\"ja\" style=\"--k-print-head: &quot;プライバシーポリシー　施行日 2022年4月1日"),
        "{head}"
    );
    let changes = read(&out.join("en/privacy/2022-04-01/changes/index.html"));
    assert!(changes.lines().nth(1).unwrap().contains("effective April 1, 2022"), "{changes}");
}

#[test]
fn no_title_can_end_the_running_head_or_the_style() {
    let site = copy_fixture("basic");
    let hostile = r#"方針\"; color: red; --x: \"</style><script>alert(1)</script>"#;
    edit(site.path(), "content/privacy/policy.toml", "ja = \"プライバシーポリシー\"", &format!("ja = \"{hostile}\""));
    let out = site.path().join("public");
    build(site.path(), &out, NOW);
    let html = read(&out.join("ja/privacy/2022-04-01/index.html"));
    let head = html.lines().nth(1).unwrap();
    // The quote is a CSS escape inside the one string, and `<` never appears raw.
    assert!(
        head.contains(r"方針\22 ; color: red; --x: \22 \3c /style\3e \3c script\3e alert(1)\3c /script\3e "),
        "{head}"
    );
    assert_eq!(head.matches("&quot;").count(), 2, "{head}");
    assert!(!html.contains("<script>alert"));
}
