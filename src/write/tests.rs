//! Tests of the write stage: the output swapped in whole, files kept from
//! the last build, folders never replaced unless kiyaku wrote them.

use super::*;

fn file(path: &str, text: &str) -> OutputFile {
    OutputFile::new(path, text.as_bytes().to_vec())
}

#[test]
fn a_new_file_never_writes_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let (kept, path) = (dir.path().join("kept.html"), dir.path().join("page.html"));
    std::fs::write(&kept, "last site").unwrap();
    std::fs::hard_link(&kept, &path).unwrap();
    write_new(&path, b"new site").unwrap();
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "last site");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "new site");
}

#[test]
fn writes_then_replaces_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write_site(&out, &[file("a/index.html", "one"), file("b.txt", "b")]).unwrap();
    assert_eq!(std::fs::read_to_string(out.join("a/index.html")).unwrap(), "one");
    write_site(&out, &[file("a/index.html", "two")]).unwrap();
    assert_eq!(std::fs::read_to_string(out.join("a/index.html")).unwrap(), "two");
    assert!(!out.join("b.txt").exists(), "stale files are gone");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(leftovers, ["public"]);
}

#[test]
fn unchanged_files_are_shared_with_the_previous_site() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write_site(&out, &[file("same.html", "same"), file("changed.html", "one")]).unwrap();
    let inode = std::fs::metadata(out.join("same.html")).unwrap().ino();
    write_site(&out, &[file("same.html", "same"), file("changed.html", "two")]).unwrap();
    assert_eq!(std::fs::metadata(out.join("same.html")).unwrap().ino(), inode, "linked, not rewritten");
    assert_eq!(std::fs::read_to_string(out.join("changed.html")).unwrap(), "two");
    assert_eq!(std::fs::read_to_string(out.join("same.html")).unwrap(), "same");
}

#[test]
fn refuses_to_replace_foreign_folders() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("precious.txt"), "keep").unwrap();
    let err = write_site(dir.path(), &[file("index.html", "x")]).unwrap_err();
    assert!(matches!(err, WriteError::NotOurs { .. }));
    assert!(dir.path().join("precious.txt").exists());
}

#[test]
fn cleans_up_after_killed_builds() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".public.kiyaku-new-999/x")).unwrap();
    write_site(&dir.path().join("public"), &[file("index.html", "x")]).unwrap();
    assert!(!dir.path().join(".public.kiyaku-new-999").exists());
}

#[test]
fn a_forged_or_copied_marker_does_not_make_a_folder_kiyaku_s() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("precious.txt"), "keep").unwrap();
    std::fs::write(dir.path().join(MARKER), "").unwrap();
    let err = write_site(dir.path(), &[file("index.html", "x")]).unwrap_err();
    assert!(matches!(err, WriteError::NotOurs { file: None, .. }), "{err}");
    // A real site with a file of someone else's put into it.
    let out = dir.path().join("public");
    write_site(&out, &[file("index.html", "x"), file("a/b.html", "y")]).unwrap();
    std::fs::write(out.join("a/notes.txt"), "mine").unwrap();
    let err = write_site(&out, &[file("index.html", "x")]).unwrap_err();
    assert!(err.to_string().contains("a/notes.txt"), "{err}");
    assert!(out.join("a/notes.txt").exists() && dir.path().join("precious.txt").exists());
    std::fs::remove_file(out.join("a/notes.txt")).unwrap();
    write_site(&out, &[file("index.html", "z")]).unwrap();
}

#[test]
fn the_marker_of_an_earlier_kiyaku_is_still_trusted() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    std::fs::create_dir_all(out.join("ja/privacy")).unwrap();
    std::fs::write(out.join("ja/privacy/index.html"), "old").unwrap();
    std::fs::write(out.join("index.html"), "old").unwrap();
    let old = format!("{MARKER_SENTENCE}\nstream\tprivacy\tja\t00000000000000ab\n\tja/privacy/index.html\t3\n");
    std::fs::write(out.join(MARKER), old).unwrap();
    write_site(&out, &[file("index.html", "new")]).unwrap();
    assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "new");
}
