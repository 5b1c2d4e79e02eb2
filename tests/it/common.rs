//! Helpers shared by the integration tests: fixture sites copied into a
//! temporary folder, and the kiyaku binary run on them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub(crate) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Copies a fixture site into a fresh temporary folder.
pub(crate) fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(name), dir.path());
    dir
}

pub(crate) fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

pub(crate) fn kiyaku(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kiyaku")).args(args).env_remove("SOURCE_DATE_EPOCH").output().unwrap()
}

/// Copies a fixture and builds it into `<copy>/public` as of `now`: builds
/// write `kiyaku.lock` into the site, so fixtures are never built in place.
pub(crate) fn build_fixture(name: &str, now: &str) -> (tempfile::TempDir, PathBuf) {
    let site = copy_fixture(name);
    let out = site.path().join("public");
    build(site.path(), &out, now);
    (site, out)
}

/// Builds `root` into `output` as of `now`, asserting success. A fixture
/// is a site whose history is entered all at once, so its first build
/// records it deliberately (`--record-published`); the tests of the record
/// itself call `kiyaku build` without it. No PDFs: they take most of a
/// build's time, and tests/it/pdf.rs tests them.
pub(crate) fn build(root: &Path, output: &Path, now: &str) -> Output {
    let args = ["build", "--root", s(root), "--output", s(output), "--now", now, "--record-published", "--no-pdf"];
    let out = kiyaku(&args);
    assert!(out.status.success(), "build failed:\n{}", String::from_utf8_lossy(&out.stderr));
    out
}

pub(crate) fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

pub(crate) fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The day it really is in Japan: what the record counts as passed.
pub(crate) fn today() -> String {
    let jst = jiff::tz::TimeZone::fixed(jiff::tz::offset(9));
    jiff::Timestamp::now().to_zoned_datetime(jst).date().to_string()
}

/// Announces the basic fixture's upcoming privacy version again on `day`
/// (after its recorded 2025-05-01), in both languages: from then on its
/// text may change until the next announcement.
pub(crate) fn reannounce_upcoming(root: &Path, from: &str, day: &str) {
    for lang in ["ja", "en"] {
        let file = format!("content/privacy/2030-01-01.{lang}.md");
        edit(root, &file, &format!("announced = {from}"), &format!("announced = {day}"));
    }
}

/// Replaces `from` with `to` in a file of a site, asserting it was there.
pub(crate) fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = read(&path);
    assert!(text.contains(from), "{file} does not contain {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// The element ids of clause sections in a page, in order.
pub(crate) fn clause_ids(html: &str) -> Vec<String> {
    html.split("<section class=\"k-clause\" id=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_string())
        .collect()
}

/// Every file below `dir`, relative, with its bytes.
pub(crate) fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().display().to_string(), std::fs::read(e.path()).unwrap()))
        .collect()
}

/// Adds a policy folder with its `policy.toml` to the site at `root`; returns the folder.
pub(crate) fn add_policy(root: &Path, slug: &str, kind: &str, (ja, en): (&str, &str)) -> PathBuf {
    let folder = root.join("content").join(slug);
    std::fs::create_dir(&folder).unwrap();
    let meta = format!("kind = \"{kind}\"\n\n[title]\nja = \"{ja}\"\nen = \"{en}\"\n");
    std::fs::write(folder.join("policy.toml"), meta).unwrap();
    folder
}
