//! Rebuilds: pages of policies whose sources did not change are taken from
//! the previous output, and the result is always the site a fresh build
//! would write.

use crate::common::*;

const NOW: &str = "2026-01-01";

/// How many policy/language pairs a build kept from the last one, as it
/// reports (0 when it says nothing of it).
fn kept(build: &std::process::Output) -> usize {
    let stderr = String::from_utf8_lossy(&build.stderr);
    let Some((_, after)) = stderr.split_once("the pages of ") else { return 0 };
    assert!(after.contains(" unchanged policy/language pairs kept from the last build"), "{stderr}");
    after.split(' ').next().unwrap().parse().unwrap()
}

/// The built tree without the marker (which records how it was built).
fn site_files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    tree(dir).into_iter().filter(|(path, _)| path != ".kiyaku-output").collect()
}

/// Builds `site` afresh into a new folder and compares it with `out`.
fn assert_same_as_fresh(site: &std::path::Path, out: &std::path::Path) {
    assert_same_as_fresh_on(site, out, NOW);
}

fn assert_same_as_fresh_on(site: &std::path::Path, out: &std::path::Path, now: &str) {
    let fresh = tempfile::tempdir().unwrap();
    build(site, &fresh.path().join("site"), now);
    assert!(site_files(out) == site_files(&fresh.path().join("site")), "a rebuild differs from a fresh build");
}

#[test]
fn an_unchanged_site_is_taken_whole_from_the_last_build() {
    let (site, out) = build_fixture("basic", NOW);
    let second = build(site.path(), &out, NOW);
    // Two policies in two languages.
    assert_eq!(kept(&second), 4);
    assert_same_as_fresh(site.path(), &out);
}

#[test]
fn only_the_edited_policy_is_rendered_again() {
    // A re-announcement is dated the day it really is.
    let now = &today();
    let (site, out) = build_fixture("basic", now);
    reannounce_upcoming(site.path(), "2025-05-01", now);
    edit(site.path(), "content/privacy/2030-01-01.ja.md", "契約終了後5年間", "契約終了後3年間");
    let second = build(site.path(), &out, now);
    // terms in both languages is kept; privacy is rendered again.
    assert_eq!(kept(&second), 2);
    assert!(read(&out.join("ja/privacy/2030-01-01/index.html")).contains("契約終了後3年間"));
    assert_same_as_fresh_on(site.path(), &out, now);
}

#[test]
fn a_change_every_page_shares_renders_everything() {
    let (site, out) = build_fixture("basic", NOW);
    std::fs::create_dir_all(site.path().join("i18n")).unwrap();
    std::fs::write(site.path().join("i18n/en.ftl"), "history-link = Every version\n").unwrap();
    let second = build(site.path(), &out, NOW);
    assert_eq!(kept(&second), 0);
    assert!(read(&out.join("en/privacy/index.html")).contains("Every version"));
    // Another day changes banners: nothing is kept either.
    let third = build(site.path(), &out, "2030-06-01");
    assert_eq!(kept(&third), 0);
}

#[test]
fn a_missing_file_means_rendering_its_policy_again() {
    let (site, out) = build_fixture("basic", NOW);
    std::fs::remove_file(out.join("en/terms/2021-01-01/index.html")).unwrap();
    let second = build(site.path(), &out, NOW);
    assert_eq!(kept(&second), 3);
    assert_same_as_fresh(site.path(), &out);
}

#[test]
fn a_damaged_record_means_rendering_everything_again() {
    let (site, out) = build_fixture("basic", NOW);
    let marker = out.join(".kiyaku-output");
    let record = read(&marker);
    std::fs::write(&marker, record.replace("stream\t", "stream ")).unwrap();
    let rebuilt = build(site.path(), &out, NOW);
    assert_eq!(kept(&rebuilt), 0);
    assert_same_as_fresh(site.path(), &out);
    // A record that no longer lists files the folder holds does not prove
    // the folder is kiyaku's: it is left alone, and the error names a file.
    let record = read(&marker);
    std::fs::write(&marker, record.replace("\tja/privacy/", "\t../privacy/")).unwrap();
    let refused = kiyaku(&["build", "--root", s(site.path()), "--output", s(&out), "--now", NOW, "--record-published"]);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("was not written by kiyaku") && stderr.contains("it holds ja/privacy/"), "{stderr}");
    assert!(out.join("ja/privacy/index.html").exists(), "nothing removed");
}

#[test]
fn reused_pages_are_shared_not_changed_in_place() {
    let (site, out) = build_fixture("basic", NOW);
    let page = out.join("ja/terms/index.html");
    let before = read(&page);
    let kept = tempfile::tempdir().unwrap();
    std::fs::hard_link(&page, kept.path().join("page.html")).unwrap();
    edit(site.path(), "content/terms/2021-01-01.ja.md", "+++", "+++\n");
    build(site.path(), &out, NOW);
    assert_eq!(read(&kept.path().join("page.html")), before, "the old site's file was written through");
}

#[test]
fn a_record_naming_a_file_twice_never_writes_into_the_last_site() {
    let now = &today();
    let (site, out) = build_fixture("basic", now);
    let marker = out.join(".kiyaku-output");
    // The terms pages of `en` claim a file of the `ja` privacy pages as well.
    let mut lines: Vec<String> = read(&marker).lines().map(String::from).collect();
    let at = lines.iter().position(|l| l.starts_with("stream\tterms\ten\t")).unwrap();
    lines.insert(at + 1, "\tja/privacy/index.html".into());
    std::fs::write(&marker, lines.join("\n") + "\n").unwrap();
    let page = out.join("ja/privacy/index.html");
    let before = read(&page);
    let kept = tempfile::tempdir().unwrap();
    std::fs::hard_link(&page, kept.path().join("page.html")).unwrap();
    reannounce_upcoming(site.path(), "2025-05-01", now);
    edit(site.path(), "content/privacy/2030-01-01.ja.md", "契約終了後5年間", "契約終了後3年間");
    build(site.path(), &out, now);
    assert_eq!(read(&kept.path().join("page.html")), before, "the old site's file was written through");
    assert_same_as_fresh_on(site.path(), &out, now);
}

#[test]
fn an_edited_output_file_is_repaired_by_the_next_build() {
    let (site, out) = build_fixture("basic", NOW);
    // Edited in place, and replaced by an editor that writes a new file.
    let page = out.join("ja/terms/index.html");
    let text = read(&page).replace("利用規約", "TAMPERED");
    std::fs::remove_file(&page).unwrap();
    std::fs::write(&page, text).unwrap();
    let json = out.join("api/v1/en/privacy/current.json");
    let mut bytes = std::fs::read(&json).unwrap();
    bytes.push(b' ');
    std::fs::write(&json, bytes).unwrap();
    let second = build(site.path(), &out, NOW);
    assert_eq!(kept(&second), 2, "the two other policy/language pairs are kept");
    assert!(!read(&page).contains("TAMPERED"));
    assert_same_as_fresh(site.path(), &out);
}
