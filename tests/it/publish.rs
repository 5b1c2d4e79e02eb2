//! Addresses a site is published at, and the schema over unusual but valid
//! sites (issue 22, found by a black-box review): a base URL that would end
//! up broken inside every link is refused, and a slug the format allows
//! validates.

use crate::common::*;

#[test]
fn a_base_url_that_would_break_every_link_is_refused() {
    let site = copy_fixture("basic");
    for (url, says) in [
        ("https://example.com/?q=1", "query or a fragment"),
        ("https://example.com/#f", "query or a fragment"),
        ("https://user:pw@example.com/", "names a user"),
        ("https://例え.jp/規約/", "not ASCII"),
        ("HTTPS://example.com/", "not an absolute http(s) URL"),
    ] {
        let out = site.path().join("out");
        let built = kiyaku(&["build", "--root", s(site.path()), "-o", s(&out), "--now", "2025-06-01", "-u", url]);
        let stderr = String::from_utf8_lossy(&built.stderr);
        assert_eq!(built.status.code(), Some(2), "{url}: {stderr}");
        assert!(stderr.contains(says), "{url}: {stderr}");
        edit(site.path(), "kiyaku.toml", "https://example.com/legal/", url);
        let checked = kiyaku(&["check", "--root", s(site.path()), "--now", "2025-06-01"]);
        let stderr = String::from_utf8_lossy(&checked.stderr);
        assert!(stderr.contains("error[config-base-url]") && stderr.contains(says), "{url}: {stderr}");
        edit(site.path(), "kiyaku.toml", url, "https://example.com/legal/");
    }
}

#[test]
fn every_slug_the_format_allows_validates_against_the_schema() {
    let site = copy_fixture("basic");
    for slug in ["x--y", "trail-", "9lives"] {
        let folder = add_policy(site.path(), slug, "other", ("規程", "Rules"));
        std::fs::write(
            folder.join("2021-01-01.ja.md"),
            "+++\neffective = 2021-01-01\nsummary = \"制定\"\n+++\n\n## 総則 {#general}\n\n本規程は適用されます。\n",
        )
        .unwrap();
    }
    let out = site.path().join("public");
    build(site.path(), &out, "2025-06-01");
    let schema: serde_json::Value = serde_json::from_str(&read(&out.join("api/v1/schema.json"))).unwrap();
    let validator = jsonschema::options().should_validate_formats(true).build(&schema).unwrap();
    let documents = tree(&out).into_iter().filter(|(p, _)| p.ends_with(".json") && !p.ends_with("schema.json"));
    for (path, _) in documents.filter(|(p, _)| !p.contains("/search/")) {
        let document: serde_json::Value = serde_json::from_str(&read(&out.join(&path))).unwrap();
        let errors: Vec<String> = validator.iter_errors(&document).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{path}: {errors:?}");
    }
}

/// A comparison shown in another language (the older version has no text
/// in this one) is canonical to that language's comparison.
#[test]
fn a_comparison_shown_in_another_language_is_canonical_to_it() {
    let site = copy_fixture("basic");
    std::fs::remove_file(site.path().join("content/privacy/2020-01-01.en.md")).unwrap();
    let out = site.path().join("public");
    build(site.path(), &out, "2025-06-01");
    let page = read(&out.join("en/privacy/2022-04-01/changes/index.html"));
    let canonical = "<link rel=\"canonical\" href=\"https://example.com/legal/ja/privacy/2022-04-01/changes/\">";
    assert!(page.contains(canonical), "{}", page.lines().find(|l| l.contains("canonical")).unwrap_or_default());
    let own = read(&out.join("en/privacy/2030-01-01/changes/index.html"));
    assert!(own.contains("<link rel=\"canonical\" href=\"https://example.com/legal/en/privacy/2030-01-01/changes/\">"));
}

/// `build --format json` reports a flag it refuses, as it reports a build
/// that fails (a review found it printed nothing).
#[test]
fn a_refused_flag_is_in_the_json_report() {
    let site = copy_fixture("basic");
    let out = site.path().join("out");
    let built = kiyaku(&["build", "--root", s(site.path()), "-o", s(&out), "--format", "json", "-u", "ftp://x/"]);
    assert_eq!(built.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&built.stdout).unwrap();
    assert!(report["failure"].as_str().unwrap().contains("not an absolute http(s) URL"), "{report}");
    assert!(report["built"].is_null());
}
