//! The search page and its index (render/search.rs): every clause of every
//! version in the page's language, those in force or upcoming in one file,
//! the archived in another; each entry leads to the clause's anchor and
//! names its version. The searching itself runs in the browser
//! (tests/e2e/site.test.mjs).

use crate::common::*;
use serde_json::Value;

const NOW: &str = "2025-06-01";

fn entries(path: &std::path::Path) -> Vec<Value> {
    serde_json::from_str::<Value>(&read(path)).unwrap().as_array().unwrap().clone()
}

#[test]
fn the_index_holds_every_clause_by_version_with_its_anchor() {
    let (_dir, out) = build_fixture("basic", NOW);
    let current = entries(&out.join("ja/search/current.json"));
    let places = |entry: &Value| entry["w"].as_array().unwrap().clone();
    let find = |entries: &[Value], url: &str| entries.iter().find(|e| places(e).iter().any(|w| w["u"] == url)).cloned();
    // The version in force leads to the canonical page; the upcoming one to its own.
    let purposes = find(&current, "/legal/ja/privacy/#purposes").expect("the version in force");
    assert_eq!(places(&purposes)[0]["s"], "in-force");
    assert_eq!(places(&purposes)[0]["v"], "2022年4月1日");
    assert_eq!(purposes["p"], "プライバシーポリシー");
    assert!(purposes["t"].as_str().unwrap().ends_with("利用目的"), "{purposes}");
    assert!(purposes["x"].as_str().unwrap().contains("個人情報を利用します"), "{purposes}");
    assert!(!purposes["x"].as_str().unwrap().contains("**"), "no markup");
    let upcoming = find(&current, "/legal/ja/privacy/2030-01-01/#retention").expect("the upcoming version");
    assert!(places(&upcoming).iter().any(|w| w["s"] == "upcoming"));
    // Archived versions only in the other file.
    let archived = entries(&out.join("ja/search/archived.json"));
    assert!(archived.iter().flat_map(places).all(|w| w["s"] == "archived") && !archived.is_empty());
    assert!(current.iter().flat_map(places).all(|w| w["s"] != "archived"));
    assert!(find(&archived, "/legal/ja/privacy/2020-01-01/#purposes").is_some());
    // A text is one entry however many versions hold it, the one in force first.
    for index in [&current, &archived] {
        let mut seen = std::collections::BTreeSet::new();
        for entry in index.iter() {
            assert!(seen.insert((entry["p"].to_string(), entry["t"].to_string(), entry["x"].to_string())), "{entry}");
            let w = places(entry);
            assert!(w.iter().skip(1).all(|place| place["s"] != "in-force"), "{entry}");
        }
    }
    // English entries are in English.
    let english = entries(&out.join("en/search/current.json"));
    assert!(english.iter().any(|e| e["p"] == "Privacy Policy"));
    // Every page but the root and the 404 links the search page.
    let page = read(&out.join("ja/privacy/index.html"));
    assert!(page.contains("<a class=\"k-search-link\" href=\"/legal/ja/search/\">検索</a>"), "{page}");
    let search = read(&out.join("ja/search/index.html"));
    assert!(search.contains("data-k-index=\"/legal/ja/search/current.json\""));
    assert!(search.contains("data-k-archive=\"/legal/ja/search/archived.json\""));
}

#[test]
fn no_policy_may_take_the_search_page_address() {
    let site = copy_fixture("basic");
    add_policy(site.path(), "search", "other", ("検索規程", "Search Rules"));
    let output = kiyaku(&["check", "--root", s(site.path()), "--now", NOW, "--record-published"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("is the address of the site's search page"), "{stderr}");
}

#[test]
fn a_preview_that_renders_one_policy_keeps_the_others_part_of_the_index() {
    use kiyaku::pipeline::{Preview, PreviewMemo, stream_preview};
    let site = copy_fixture("basic");
    let day = jiff::civil::date(2025, 6, 1);
    let search_files = |only: Option<&std::collections::BTreeSet<String>>, memo: &PreviewMemo| {
        let files = std::sync::Mutex::new(std::collections::BTreeMap::new());
        let preview = Preview { base_url: None, only, memo };
        let outcome = stream_preview(site.path(), day, &preview, &|file| {
            if file.path.contains("/search/") && file.path.ends_with(".json") {
                files.lock().unwrap().insert(file.path.clone(), file.bytes.to_vec());
            }
        });
        assert!(!outcome.diagnostics.has_errors());
        files.into_inner().unwrap()
    };
    let memo = PreviewMemo::default();
    let before = search_files(None, &memo);
    // One policy's text changes; only it is rendered again.
    let file = site.path().join("content/privacy/2022-04-01.ja.md");
    let text = read(&file).replace("個人情報を利用します", "個人情報を適切に利用します");
    std::fs::write(&file, text).unwrap();
    let only = ["privacy".to_string()].into_iter().collect();
    let after = search_files(Some(&only), &memo);
    let fresh = search_files(None, &PreviewMemo::default());
    assert_eq!(after, fresh, "the kept parts and the new one make the index a full build makes");
    assert_ne!(after, before);
    let current = String::from_utf8(after["ja/search/current.json"].clone()).unwrap();
    assert!(current.contains("個人情報を適切に利用します") && current.contains("利用規約"), "{current}");
}

#[test]
fn a_preview_reads_again_only_the_changed_folders_and_says_every_problem_again() {
    use kiyaku::pipeline::{Preview, PreviewMemo, stream_preview};
    let site = copy_fixture("basic");
    let day = jiff::civil::date(2025, 6, 1);
    let terms = site.path().join("content/terms/2021-01-01.ja.md");
    std::fs::write(&terms, read(&terms).replacen("。", "。\u{200b}", 1)).unwrap();
    let memo = PreviewMemo::default();
    let run = |only: Option<&std::collections::BTreeSet<String>>| {
        let pages = std::sync::Mutex::new(Vec::new());
        let preview = Preview { base_url: None, only, memo: &memo };
        let outcome = stream_preview(site.path(), day, &preview, &|file| {
            if file.path == "ja/privacy/index.html" {
                pages.lock().unwrap().push(String::from_utf8(file.bytes.to_vec()).unwrap());
            }
        });
        let warned = outcome.diagnostics.sorted().iter().filter(|d| d.code == "deceptive-character").count();
        (warned, pages.into_inner().unwrap().concat())
    };
    let (warned, _) = run(None);
    assert_eq!(warned, 1, "the unchanged policy's warning");
    let privacy = site.path().join("content/privacy/2022-04-01.ja.md");
    std::fs::write(&privacy, read(&privacy).replace("個人情報を利用します", "個人情報を慎重に利用します")).unwrap();
    let only = ["privacy".to_string()].into_iter().collect();
    let (warned, page) = run(Some(&only));
    assert_eq!(warned, 1, "said again, once, though its folder was not read again");
    assert!(page.contains("個人情報を慎重に利用します"), "the changed folder was read again");
    // A problem fixed in the changed folder is gone; one made there is said.
    std::fs::write(&privacy, read(&privacy).replacen("。", "。\u{200b}", 1)).unwrap();
    assert_eq!(run(Some(&only)).0, 2);
    std::fs::write(&privacy, read(&privacy).replace('\u{200b}', "")).unwrap();
    assert_eq!(run(Some(&only)).0, 1);
}
