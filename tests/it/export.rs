//! The JSON export: every document validates against the published JSON
//! Schema, feeds follow JSON Feed 1.1, hashes identify the exact text, and
//! the index lets an app work out the version in force on any day.

use std::path::Path;

use crate::common::*;
use serde_json::Value;

const NOW: &str = "2025-06-01";

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    build_fixture("basic", NOW)
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The documents of the API and the feeds (the search page's index is the
/// page's own, not part of the API: tests/it/search.rs).
fn json_files(out: &Path) -> Vec<std::path::PathBuf> {
    let documents = tree(out).into_iter().filter(|(p, _)| p.ends_with(".json") && !p.contains("/search/"));
    documents.map(|(p, _)| out.join(p)).collect()
}

#[test]
fn every_document_validates_against_the_published_schema() {
    let (_dir, out) = built();
    let schema = json(&out.join("api/v1/schema.json"));
    assert_eq!(schema["$id"], "https://example.com/legal/api/v1/schema.json");
    let validator = strict_validator(&schema);
    let files = json_files(&out);
    assert!(files.len() > 10, "{files:?}");
    for file in files.iter().filter(|f| !f.ends_with("schema.json")) {
        let document = json(file);
        let errors: Vec<String> = validator.iter_errors(&document).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
    }
    // And each kind against its own type's schema, which is stricter than the union.
    let check = |schema: schemars::Schema, file: &str| {
        let validator = jsonschema::validator_for(&serde_json::to_value(schema).unwrap()).unwrap();
        assert!(validator.is_valid(&json(&out.join(file))), "{file}");
    };
    use kiyaku::render::export::{Index, VersionDocument, feed::Feed, schema::schema_for};
    check(schema_for::<Index>(), "api/v1/index.json");
    check(schema_for::<VersionDocument>(), "api/v1/en/privacy/2022-04-01.json");
    check(schema_for::<Feed>(), "ja/feed.json");
}

/// The published schema, with formats (dates, URLs) checked too.
fn strict_validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options().should_validate_formats(true).build(schema).expect("the schema is a valid JSON Schema")
}

/// Issue 22: a wrong document fails. Each mutation breaks one rule the
/// schema states: a date, a hash, an enum, a required field, a closed
/// object, a URL or a path form, a type.
#[test]
fn mutated_documents_fail_the_published_schema() {
    let (_dir, out) = built();
    let validator = strict_validator(&json(&out.join("api/v1/schema.json")));
    let index = json(&out.join("api/v1/index.json"));
    let version = json(&out.join("api/v1/en/privacy/2022-04-01.json"));
    let feed = json(&out.join("ja/feed.json"));
    type Mutation = (&'static str, fn(&mut Value));
    let on_index: &[Mutation] = &[
        ("effective in words", |d| d["policies"][0]["versions"][0]["effective"] = "next tuesday".into()),
        ("month 13", |d| d["built_for"] = "2025-13-01".into()),
        ("hash of two letters", |d| d["policies"][0]["versions"][0]["sha256"]["ja"] = "zz".into()),
        ("upper-case hash", |d| {
            d["policies"][0]["versions"][0]["sha256"]["ja"] = "A".repeat(64).into();
        }),
        ("slug with spaces", |d| d["policies"][0]["slug"] = "Privacy Policy".into()),
        ("unknown status", |d| d["policies"][0]["versions"][0]["status"] = "current".into()),
        ("unknown field", |d| d["policies"][0]["extra"] = true.into()),
        ("relative canonical URL", |d| d["policies"][0]["html"]["ja"] = "ja/privacy/".into()),
    ];
    let on_version: &[Mutation] = &[
        ("hash of two letters", |d| d["sha256"] = "zz".into()),
        ("no hash", |d| drop(d.as_object_mut().unwrap().remove("sha256"))),
        ("unknown change", |d| d["version"]["change"] = "major".into()),
        ("language name for a code", |d| d["lang"] = "English".into()),
        ("clause without id", |d| drop(d["version"]["clauses"][0].as_object_mut().unwrap().remove("id"))),
        ("unknown clause field", |d| d["version"]["clauses"][0]["extra"] = 1.into()),
        ("date with slashes", |d| d["version"]["effective"]["iso"] = "2022/04/01".into()),
        ("path not root-relative", |d| d["policy"]["path"] = "en/privacy/".into()),
        ("number for a link", |d| d["links"]["html"] = 42.into()),
        ("superseded hash malformed", |d| d["superseded_sha256"] = vec!["x"].into()),
        ("path to another host", |d| d["policy"]["path"] = "//evil.example/en/privacy/".into()),
        ("path with a backslash", |d| d["policy"]["path"] = "/\\evil.example/".into()),
        ("clause id with spaces", |d| d["version"]["clauses"][0]["id"] = "Has Space!".into()),
        ("empty clause id", |d| d["version"]["clauses"][0]["id"] = "".into()),
        ("block since in words", |d| d["version"]["blocks"][0]["since"] = "last spring".into()),
        ("unknown block kind", |d| d["version"]["blocks"][0]["kind"] = "nonsense".into()),
        ("block url not absolute", |d| d["version"]["blocks"][0]["url"] = "javascript:alert(1)".into()),
    ];
    let on_feed: &[Mutation] = &[
        ("older JSON Feed version", |d| d["version"] = "https://jsonfeed.org/version/1".into()),
        ("published in words", |d| d["items"][0]["date_published"] = "yesterday".into()),
        ("item without id", |d| drop(d["items"][0].as_object_mut().unwrap().remove("id"))),
        ("material as text", |d| d["items"][0]["_kiyaku"]["material"] = "yes".into()),
        ("relative item URL", |d| d["items"][0]["url"] = "/ja/privacy/".into()),
        ("empty item id", |d| d["items"][0]["id"] = "".into()),
        ("date_modified null", |d| d["items"][0]["date_modified"] = Value::Null),
    ];
    for (document, mutations) in [(&index, on_index), (&version, on_version), (&feed, on_feed)] {
        assert!(validator.is_valid(document), "the original is valid");
        for (what, mutate) in mutations {
            let mut mutated = document.clone();
            mutate(&mut mutated);
            assert!(!validator.is_valid(&mutated), "accepted a document with {what}");
        }
    }
}

#[test]
fn feeds_follow_json_feed_1_1() {
    let (_dir, out) = built();
    for lang in ["ja", "en"] {
        let feed = json(&out.join(format!("{lang}/feed.json")));
        assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
        assert!(feed["title"].as_str().is_some_and(|t| !t.is_empty()));
        assert_eq!(feed["language"], lang);
        assert_eq!(feed["feed_url"], format!("https://example.com/legal/{lang}/feed.json"));
        assert!(feed["home_page_url"].as_str().unwrap().starts_with("https://"));
        let items = feed["items"].as_array().unwrap();
        assert_eq!(items.len(), 4, "every version, upcoming included");
        let mut ids = std::collections::BTreeSet::new();
        for item in items {
            assert!(ids.insert(item["id"].as_str().unwrap().to_string()), "ids are unique");
            assert!(item["content_html"].as_str().is_some_and(|h| !h.is_empty()));
            let published = item["date_published"].as_str().unwrap();
            assert!(published.parse::<jiff::Timestamp>().is_ok(), "RFC 3339: {published}");
            assert!(item["url"].as_str().unwrap().starts_with("https://example.com/legal/"));
            for key in item.as_object().unwrap().keys() {
                let standard =
                    ["id", "url", "title", "summary", "content_html", "date_published", "date_modified", "language"];
                assert!(standard.contains(&key.as_str()) || key.starts_with('_'), "{key}");
            }
        }
        let newest = &items[0];
        assert_eq!(newest["id"], format!("kiyaku:privacy/2030-01-01/{lang}"));
        assert_eq!(newest["date_published"], "2025-05-01T00:00:00+09:00");
        assert!(newest.get("date_modified").is_none(), "nothing has happened to it since");
        // The 2022 version took effect after it was announced (2022-02-01).
        let in_force = items.iter().find(|i| i["id"] == format!("kiyaku:privacy/2022-04-01/{lang}")).unwrap();
        assert_eq!(in_force["date_modified"], "2022-04-01T00:00:00+09:00");
        // The terms have no English text: the item's text, and its language, are Japanese.
        let terms = items.iter().find(|i| i["id"] == format!("kiyaku:terms/2021-01-01/{lang}")).unwrap();
        assert_eq!(terms["language"], "ja");
        assert_eq!(newest["_kiyaku"]["status"], "upcoming");
        assert_eq!(newest["_kiyaku"]["material"], true);
        assert_eq!(
            newest["_kiyaku"]["changes_url"],
            format!("https://example.com/legal/{lang}/privacy/2030-01-01/changes/")
        );
    }
}

#[test]
fn version_documents_carry_dates_clauses_blocks_and_links() {
    let (_dir, out) = built();
    let doc = json(&out.join("api/v1/en/privacy/2022-04-01.json"));
    assert_eq!(doc["lang"], "en");
    assert_eq!(doc["governing_language"], "ja");
    assert_eq!(doc["version"]["effective"]["iso"], "2022-04-01");
    assert_eq!(doc["version"]["announced"]["iso"], "2022-02-01");
    assert_eq!(doc["policy"]["established"]["iso"], "2020-01-01");
    assert_eq!(doc["version"]["status"], "in-force");
    assert_eq!(doc["material"], true);
    let clauses = doc["version"]["clauses"].as_array().unwrap();
    assert_eq!(clauses[0]["id"], "purposes");
    assert_eq!(clauses[0]["number"], "Article 1");
    // A clause's deep link is the version's page and its id: not written again per clause.
    assert!(clauses[0].get("url").is_none(), "{}", clauses[0]);
    assert_eq!(doc["links"]["html"], "https://example.com/legal/en/privacy/2022-04-01/");
    assert_eq!(clauses[0]["text"], "We use personal information to provide and improve our services.");
    assert_eq!(clauses[0]["children"][0]["id"], "purposes-customers");
    assert_eq!(doc["version"]["blocks"][0]["kind"], "business");
    assert_eq!(doc["version"]["blocks"][1]["department"], "New desk");
    assert_eq!(doc["links"]["alternates"]["ja"]["json"], "https://example.com/legal/api/v1/ja/privacy/2022-04-01.json");
    assert_eq!(doc["links"]["changes"], "https://example.com/legal/en/privacy/2022-04-01/changes/");
    assert_eq!(doc["links"]["previous"], "https://example.com/legal/api/v1/en/privacy/2020-01-01.json");
    assert!(doc["sha256"].as_str().unwrap().len() == 64);
    let current = json(&out.join("api/v1/en/privacy/current.json"));
    assert_eq!(current, doc, "current.json is the version in force");
}

#[test]
fn the_index_tells_which_version_applies_on_any_day() {
    let (_dir, out) = built();
    let index = json(&out.join("api/v1/index.json"));
    assert_eq!(index["built_for"], NOW);
    let privacy = index["policies"].as_array().unwrap().iter().find(|p| p["slug"] == "privacy").unwrap();
    assert_eq!(privacy["in_force"], "2022-04-01");
    assert_eq!(privacy["upcoming"], "2030-01-01");
    let versions = privacy["versions"].as_array().unwrap();
    // The documented rule: the last version whose effective date is on or before the day.
    let applies_on =
        |day: &str| versions.iter().rfind(|v| v["effective"].as_str().unwrap() <= day).map(|v| v["effective"].clone());
    assert_eq!(applies_on("2019-12-31"), None);
    assert_eq!(applies_on("2022-03-31").unwrap(), "2020-01-01");
    assert_eq!(applies_on("2030-01-01").unwrap(), "2030-01-01");
    assert_eq!(versions[1]["sha256"]["en"], json(&out.join("api/v1/en/privacy/2022-04-01.json"))["sha256"]);
    let terms = index["policies"].as_array().unwrap().iter().find(|p| p["slug"] == "terms").unwrap();
    assert_eq!(terms["versions"][0]["languages"], serde_json::json!(["ja"]));
    assert_eq!(
        terms["versions"][0]["sha256"]["en"], terms["versions"][0]["sha256"]["ja"],
        "the en page shows the ja text"
    );
}

#[test]
fn the_hash_changes_with_the_text_and_only_with_it() {
    let (_dir, out) = built();
    // The upcoming version is recorded from its announcement: it changes
    // only when announced again (on the day it really is, or the day before).
    let file = "content/privacy/2030-01-01.ja.md";
    let before = json(&out.join("api/v1/ja/privacy/2030-01-01.json"))["sha256"].clone();
    let today: jiff::civil::Date = today().parse().unwrap();
    let (yesterday, today) = (today.yesterday().unwrap().to_string(), today.to_string());
    let site = copy_fixture("basic");
    build(site.path(), &site.path().join("first"), &today);
    reannounce_upcoming(site.path(), "2025-05-01", &yesterday);
    edit(site.path(), file, "summary = \"保有期間を定めました。\"", "summary = \"保有期間を新設しました。\"");
    let unchanged = site.path().join("a");
    build(site.path(), &unchanged, &today);
    let hash = |out: &Path| json(&out.join("api/v1/ja/privacy/2030-01-01.json"))["sha256"].clone();
    assert_eq!(hash(&unchanged), before, "front matter is not text");
    reannounce_upcoming(site.path(), &yesterday, &today);
    edit(site.path(), file, "料金の請求及びご案内", "料金の請求、督促及びご案内");
    let changed = site.path().join("b");
    build(site.path(), &changed, &today);
    assert_ne!(hash(&changed), before);
}

/// Issue 19, hole 4: the build says the next day its output changes, in
/// `index.json` and in its last line, so that a scheduled build can be set.
#[test]
fn the_index_names_the_next_day_the_site_changes() {
    // basic: versions of 2020-01-01, 2022-04-01 (announced 2022-02-01) and
    // 2030-01-01 (announced 2025-05-01); the desk changes on 2022-04-01.
    let cases = [
        ("2022-03-01", Some("2022-04-01")),
        ("2025-01-01", Some("2025-05-01")),
        ("2025-06-01", Some("2030-01-01")),
        ("2030-01-01", None),
    ];
    for (now, expected) in cases {
        let (_dir, out) = build_fixture("basic", now);
        let index = json(&out.join("api/v1/index.json"));
        assert_eq!(index["next_change"].as_str(), expected, "{now}");
        let day = jiff::civil::Date::strptime("%Y-%m-%d", now).unwrap();
        let compiled = kiyaku::pipeline::compile(&fixture("basic"), day);
        assert_eq!(compiled.next_change.map(|d| d.to_string()).as_deref(), expected, "{now}");
    }
    let site = copy_fixture("basic");
    let out = kiyaku(&["build", "--root", s(site.path()), "--now", "2025-06-01", "--record-published"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("the site changes next on 2030-01-01"), "{stderr}");
}

/// Issue 19, hole 4: `build --locked` (for CI that must not write) fails,
/// writing nothing, when `kiyaku.lock` would change, and passes once it is
/// committed.
#[test]
fn a_locked_build_fails_when_the_lock_would_change() {
    let site = copy_fixture("basic");
    let root = s(site.path());
    let out = kiyaku(&["build", "--root", root, "--now", "2025-06-01", "--locked", "--record-published"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("kiyaku.lock would change") && stderr.contains("without --locked"), "{stderr}");
    let left: Vec<_> = std::fs::read_dir(site.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left.len(), 3, "no lock, no output, no staging folder: {left:?}");
    assert!(kiyaku(&["build", "--root", root, "--now", "2025-06-01", "--record-published"]).status.success());
    let again = kiyaku(&["build", "--root", root, "--now", "2025-06-01", "--locked", "--record-published"]);
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
}

/// Issue 19, hole 2 (the rules of the hash): the worked example of
/// docs/json.md, built by kiyaku from the bytes it names, gives the hash the
/// page states, so a client written from the page alone agrees with kiyaku.
#[test]
fn the_documented_hash_example_is_what_kiyaku_computes() {
    let docs = read(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/json.md"));
    let example = docs.split("A worked example:").nth(1).expect("docs/json.md has the worked example");
    let quoted = example.split("```json\n").nth(1).and_then(|rest| rest.split("\n```").next()).unwrap();
    let text: String = serde_json::from_str(quoted).expect("the example is a JSON string");
    let stated = example.split("whose `sha256` is\n`").nth(1).and_then(|rest| rest.split('`').next()).unwrap();
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    std::fs::create_dir_all(root.join("content/privacy")).unwrap();
    std::fs::write(
        root.join("kiyaku.toml"),
        "base_url = \"https://example.com/\"\nlanguages = [\"ja\"]\ngoverning_language = \"ja\"\n[title]\nja = \"規約\"\n",
    )
    .unwrap();
    std::fs::write(root.join("content/privacy/policy.toml"), "kind = \"terms\"\n[title]\nja = \"規約\"\n").unwrap();
    std::fs::write(root.join("content/privacy/2024-04-01.ja.md"), text.as_bytes()).unwrap();
    let out = root.join("public");
    let built = build(root, &out, "2025-01-01");
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let document = json(&out.join("api/v1/ja/privacy/2024-04-01.json"));
    assert_eq!(document["sha256"].as_str(), Some(stated));
}

/// Issue 19, hole 2: a translation added after its version took effect
/// changes the page's hash, and the hash published before (of the text the
/// page showed) stays on record in the lock, the version document, the
/// index and the feed; the page says when the translation was added.
#[test]
fn a_hash_published_for_a_page_never_vanishes_when_a_translation_is_added() {
    let site = copy_fixture("basic");
    let root = site.path();
    let out = root.join("public");
    // terms 2021-01-01 has no English text: the English page shows the Japanese one.
    assert!(build(root, &out, NOW).status.success());
    let before = json(&out.join("api/v1/en/terms/2021-01-01.json"));
    let shown_before = before["sha256"].as_str().unwrap().to_string();
    assert_eq!(before["version"]["text_lang"], "ja");
    assert!(read(&root.join("kiyaku.lock")).contains("text_lang = \"ja\""), "the page's hash is recorded too");
    std::fs::write(
        root.join("content/terms/2021-01-01.en.md"),
        "+++\neffective = 2021-01-01\nsummary = \"Established\"\n+++\n\n## Scope {#scope}\n\nThese terms apply to our services. See the [privacy policy](policy:privacy#purposes).\n",
    )
    .unwrap();
    let built = build(root, &out, NOW);
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert!(built.status.success() && stderr.contains("note[translation-added]"), "{stderr}");
    let after = json(&out.join("api/v1/en/terms/2021-01-01.json"));
    assert_ne!(after["sha256"].as_str().unwrap(), shown_before);
    assert_eq!(after["superseded_sha256"], serde_json::json!([shown_before]));
    assert_eq!(after["version"]["translated"]["iso"], NOW);
    let index = json(&out.join("api/v1/index.json"));
    let terms = index["policies"].as_array().unwrap().iter().find(|p| p["slug"] == "terms").unwrap();
    assert_eq!(terms["versions"][0]["superseded_sha256"]["en"], serde_json::json!([shown_before]));
    let feed = json(&out.join("en/feed.json"));
    let item = feed["items"].as_array().unwrap().iter().find(|i| i["_kiyaku"]["policy"] == "terms").unwrap();
    assert_eq!(item["_kiyaku"]["superseded_sha256"], serde_json::json!([shown_before]));
    assert_eq!(item["date_modified"], format!("{NOW}T00:00:00+09:00"));
    let lock = read(&root.join("kiyaku.lock"));
    assert!(
        lock.contains(&format!("superseded = [\"{shown_before}\"]")) && lock.contains("translated = \"2025-06-01\"")
    );
    assert!(read(&out.join("en/terms/index.html")).contains("class=\"k-translated\""));
    // Built again, nothing changes; the translation removed, the record says it is gone.
    let recorded = read(&root.join("kiyaku.lock"));
    assert!(build(root, &out, NOW).status.success());
    assert_eq!(read(&root.join("kiyaku.lock")), recorded);
    std::fs::remove_file(root.join("content/terms/2021-01-01.en.md")).unwrap();
    let gone = kiyaku(&["check", "--root", s(root), "--now", NOW, "--record-published"]);
    assert!(String::from_utf8_lossy(&gone.stderr).contains("published-version-missing"));
}

/// A block's revision changes the site only while a version in force shows
/// the block: a block no version uses, or one only an archived version
/// shows, does not make a day to build again.
#[test]
fn the_next_change_counts_only_blocks_a_version_in_force_shows() {
    let site = copy_fixture("basic");
    let root = site.path();
    let revision = |since: &str| {
        format!(
            "\n[[revisions]]\nsince = {since}\norganization = {{ ja = \"テスト株式会社\", en = \"Test K.K.\" }}\ndepartment = {{ ja = \"窓口\", en = \"Desk\" }}\nemail = \"desk@example.com\"\n"
        )
    };
    let unused = format!("kind = \"contact\"\n{}{}", revision("2020-01-01"), revision("2026-02-01"));
    std::fs::write(root.join("blocks/unused.toml"), unused).unwrap();
    let desk = read(&root.join("blocks/desk.toml")) + &revision("2027-03-01");
    std::fs::write(root.join("blocks/desk.toml"), desk).unwrap();
    // The privacy policy in force on 2027-03-01 (of 2022-04-01) shows the desk.
    let compiled = kiyaku::pipeline::compile(root, jiff::civil::date(2025, 6, 1));
    assert!(!compiled.diagnostics.has_errors(), "{:?}", compiled.diagnostics);
    assert_eq!(compiled.next_change, Some(jiff::civil::date(2027, 3, 1)));
}

/// The record is written before the site: when `kiyaku.lock` cannot be
/// written, the old site stays (the error says the site was not written).
#[test]
fn a_lock_that_cannot_be_written_keeps_the_old_site() {
    let site = copy_fixture("basic");
    let root = site.path();
    let out = root.join("public");
    assert!(build(root, &out, "2021-01-01").status.success());
    // The new versions of the day are recorded, and the lock cannot be
    // written: the site's folder is read-only (for root, who writes
    // anywhere, a limit on file sizes). (kiyaku.lock as a folder is refused
    // when the sources are read.)
    std::fs::set_permissions(root, std::os::unix::fs::PermissionsExt::from_mode(0o555)).unwrap();
    let as_root = std::fs::write(root.join(".probe"), "").is_ok();
    std::fs::set_permissions(root, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let _ = std::fs::remove_file(root.join(".probe"));
    let failed = if as_root {
        // Root writes anywhere: a file-size limit of 1 KiB stops the lock's write.
        let script = format!(
            "trap '' XFSZ; ulimit -f 2; exec '{}' build --root '{}' --output '{}' --now {NOW} --record-published --no-pdf",
            env!("CARGO_BIN_EXE_kiyaku"),
            s(root),
            s(&out)
        );
        std::process::Command::new("sh").args(["-c", &script]).output().unwrap()
    } else {
        std::fs::set_permissions(root, std::os::unix::fs::PermissionsExt::from_mode(0o555)).unwrap();
        let failed = kiyaku(&["build", "--root", s(root), "--output", s(&out), "--now", NOW, "--record-published"]);
        std::fs::set_permissions(root, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
        failed
    };
    assert_eq!(failed.status.code(), Some(2), "{}", String::from_utf8_lossy(&failed.stderr));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert_eq!(stderr.matches("(os error").count(), 1, "each cause is said once: {stderr}");
    let index = json(&out.join("api/v1/index.json"));
    assert_eq!(index["built_for"], "2021-01-01", "the site of the last good build stays");
}

/// A site with nothing in effect yet has nothing to record: no empty lock is
/// written, and `--locked` passes.
#[test]
fn nothing_in_effect_writes_no_lock() {
    let site = copy_fixture("basic");
    let root = site.path();
    let out = kiyaku(&["build", "--root", s(root), "--now", "2019-06-01", "--locked", "--record-published"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!root.join("kiyaku.lock").exists());
}

/// Issue 22: pages link to digest-named assets that exist, and `_headers`
/// types the feeds and caches those assets for a year.
#[test]
fn hosts_get_headers_and_digest_named_assets() {
    let (_dir, out) = built();
    let page = read(&out.join("ja/privacy/index.html"));
    let css = page.split("rel=\"stylesheet\" href=\"/legal/").nth(1).and_then(|r| r.split('"').next()).unwrap();
    assert!(regex::Regex::new(r"^static/kiyaku\.[0-9a-f]{10}\.css$").unwrap().is_match(css), "{css}");
    assert_eq!(read(&out.join(css)), read(&out.join("static/kiyaku.css")), "same bytes, under both names");
    let headers = read(&out.join("_headers"));
    // The pages' own paths, below the site's base path (/legal/).
    assert!(
        headers.contains(&format!("\n/legal/{css}\n  Cache-Control: public, max-age=31536000, immutable\n")),
        "{headers}"
    );
    for lang in ["ja", "en"] {
        assert!(
            headers.contains(&format!("\n/legal/{lang}/feed.json\n  Content-Type: application/feed+json")),
            "{headers}"
        );
    }
}

/// Issue 21: files with the same content are written once: `current.json`
/// is a hard link to the version's dated document, and a digest-named
/// asset to its plain name.
#[test]
fn identical_files_are_written_once_and_hard_linked() {
    use std::os::unix::fs::MetadataExt;
    let (_dir, out) = built();
    let inode = |path: &str| std::fs::metadata(out.join(path)).unwrap().ino();
    assert_eq!(inode("api/v1/ja/privacy/current.json"), inode("api/v1/ja/privacy/2022-04-01.json"));
    let page = read(&out.join("ja/privacy/index.html"));
    let css = page.split("rel=\"stylesheet\" href=\"/legal/").nth(1).and_then(|r| r.split('"').next()).unwrap();
    assert_eq!(inode(css), inode("static/kiyaku.css"));
    assert_ne!(inode("api/v1/ja/privacy/2020-01-01.json"), inode("api/v1/ja/privacy/2022-04-01.json"));
}
