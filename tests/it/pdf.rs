//! The PDF record (docs/pdf.md): one per version and language and per
//! 新旧対照表, at the routes the model names, linked from the pages and the
//! JSON, A4, the same bytes on every build; none with `--no-pdf`, with
//! `pdf = false`, or without a font, and then no links either. The text of
//! the PDFs is read in a browser test (tests/e2e/print.test.mjs).

use std::path::Path;

use crate::common::*;

const NOW: &str = "2025-06-01";

/// Builds `root` into `<root>/public` making PDFs, with `extra` flags.
fn build_with_pdf(root: &Path, extra: &[&str]) -> std::process::Output {
    let out = root.join("public");
    let mut args = vec!["build", "--root", s(root), "--output", s(&out), "--now", NOW, "--record-published"];
    args.extend(extra);
    kiyaku(&args)
}

fn pdfs(out: &Path) -> Vec<String> {
    tree(out).into_iter().map(|(path, _)| path).filter(|path| path.ends_with(".pdf")).collect()
}

#[test]
fn every_version_and_comparison_has_an_a4_pdf_linked_from_its_page() {
    let site = copy_fixture("basic");
    let output = build_with_pdf(site.path(), &[]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let out = site.path().join("public");
    let found = pdfs(&out);
    for lang in ["ja", "en"] {
        for (date, changes) in [("2020-01-01", false), ("2022-04-01", true), ("2030-01-01", true)] {
            let pdf = format!("{lang}/privacy/{date}/privacy-{date}-{lang}.pdf");
            assert!(found.contains(&pdf), "{pdf} in {found:?}");
            let bytes = std::fs::read(out.join(&pdf)).unwrap();
            assert!(bytes.starts_with(b"%PDF-"), "{pdf}");
            // A4 in points, on every page.
            let text = String::from_utf8_lossy(&bytes);
            assert!(text.contains("/MediaBox[0 0 595.2756 841.8898]"), "{pdf} is A4");
            let page = read(&out.join(format!("{lang}/privacy/{date}/index.html")));
            assert!(page.contains(&format!("href=\"/legal/{pdf}\" type=\"application/pdf\" download")), "{pdf} linked");
            let changes_pdf = format!("{lang}/privacy/{date}/changes/privacy-{date}-changes-{lang}.pdf");
            assert_eq!(found.contains(&changes_pdf), changes, "{changes_pdf}");
            if changes {
                let page = read(&out.join(format!("{lang}/privacy/{date}/changes/index.html")));
                assert!(page.contains(&format!("href=\"/legal/{changes_pdf}\"")), "{changes_pdf} linked");
            }
        }
    }
    let json: serde_json::Value = serde_json::from_str(&read(&out.join("api/v1/ja/privacy/2022-04-01.json"))).unwrap();
    assert_eq!(json["version"]["pdf_path"], "/legal/ja/privacy/2022-04-01/privacy-2022-04-01-ja.pdf");
    assert_eq!(
        json["version"]["changes_pdf_path"],
        "/legal/ja/privacy/2022-04-01/changes/privacy-2022-04-01-changes-ja.pdf"
    );
}

#[test]
fn the_same_sources_give_the_same_pdf_bytes() {
    let site = copy_fixture("basic");
    assert!(build_with_pdf(site.path(), &[]).status.success());
    let first = tree(&site.path().join("public"));
    let again = copy_fixture("basic");
    assert!(build_with_pdf(again.path(), &[]).status.success());
    let second = tree(&again.path().join("public"));
    let only_pdfs =
        |files: Vec<(String, Vec<u8>)>| files.into_iter().filter(|(p, _)| p.ends_with(".pdf")).collect::<Vec<_>>();
    assert_eq!(only_pdfs(first), only_pdfs(second));
}

#[test]
fn no_pdf_and_no_link_when_turned_off_or_without_a_font() {
    let site = copy_fixture("basic");
    assert!(build_with_pdf(site.path(), &["--no-pdf"]).status.success());
    let out = site.path().join("public");
    assert!(pdfs(&out).is_empty());
    assert!(!read(&out.join("ja/privacy/index.html")).contains(".pdf"));
    edit(site.path(), "kiyaku.toml", "governing_language = \"ja\"", "governing_language = \"ja\"\npdf = false");
    assert!(build_with_pdf(site.path(), &[]).status.success());
    assert!(pdfs(&out).is_empty());
    // A font asked for that is not there: an error, nothing written.
    let site = copy_fixture("basic");
    let output = build_with_pdf(site.path(), &["--font", "/no/such/font.otf"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(stderr.contains("error[pdf-font-unreadable]: cannot read the font /no/such/font.otf"), "{stderr}");
    assert!(!site.path().join("public").exists());
    // A font without Japanese: warned, and no PDFs (they would be boxes).
    let latin = [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    ];
    if let Some(latin) = latin.iter().find(|f| Path::new(f).is_file()) {
        let site = copy_fixture("basic");
        let output = build_with_pdf(site.path(), &["--font", latin]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
        assert!(stderr.contains("warning[pdf-font-no-japanese]"), "{stderr}");
        assert!(pdfs(&site.path().join("public")).is_empty());
    }
}

#[test]
fn a_file_that_is_no_font_is_refused() {
    let site = copy_fixture("basic");
    let not_a_font = site.path().join("kiyaku.toml");
    let output = build_with_pdf(site.path(), &["--font", s(&not_a_font)]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("error[pdf-font-invalid]: no font could be read from"), "{stderr}");
}

#[test]
fn text_that_looks_like_typst_stays_text() {
    let site = copy_fixture("basic");
    // (`<` is raw HTML to the Markdown reader, refused before any PDF.)
    let hostile = r#"#set page(paper: "a5") ] [ \ #{panic()} @y $z$ *b* _i_ `c` = h ");#pagebreak()"#;
    let file = "content/privacy/2030-01-01.ja.md";
    let source = read(&site.path().join(file));
    let body = source.lines().find(|l| !l.is_empty() && !l.starts_with(['+', '#', '`']) && !l.contains('=')).unwrap();
    edit(site.path(), file, body, &format!("{body}{hostile}"));
    let output = build_with_pdf(site.path(), &[]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let pdf = std::fs::read(site.path().join("public/ja/privacy/2030-01-01/privacy-2030-01-01-ja.pdf")).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("/MediaBox[0 0 595.2756 841.8898]") && !text.contains("/MediaBox[0 0 419.5"), "still A4");
}

#[test]
fn the_pdf_routes_are_the_files_built() {
    let site = copy_fixture("revisions");
    assert!(build_with_pdf(site.path(), &[]).status.success());
    let out = site.path().join("public");
    let mut diags = kiyaku::base::diag::Diagnostics::default();
    let sources = kiyaku::load::load(site.path(), &mut diags);
    let today = jiff::civil::date(2025, 6, 1);
    let target =
        kiyaku::model::Target { base_url: None, today, record_day: today, real_day: today, pdf: true, fonts: 1 };
    let built = kiyaku::model::build(&sources, &target, &mut diags).expect("a site").site;
    let routes = kiyaku::model::urls::site_paths(&built, sources.statics.keys().map(String::as_str));
    let expected: Vec<&String> = routes.iter().filter(|path| path.ends_with(".pdf")).collect();
    let found = pdfs(&out);
    assert_eq!(expected, found.iter().collect::<Vec<_>>());
}

#[test]
fn deep_nesting_and_an_empty_font_path_still_give_pdfs() {
    let site = copy_fixture("basic");
    let file = "content/privacy/2030-01-01.ja.md";
    let deep = format!(
        "\n\n{}深い引用。\n\n{}深いリスト\n",
        "> ".repeat(30),
        (0..40).map(|i| format!("{}- 項目{i}\n", "  ".repeat(i))).collect::<String>()
    );
    edit(site.path(), file, "## 利用目的 {#purposes}\n", &format!("## 利用目的 {{#purposes}}\n{deep}"));
    let out = site.path().join("public");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_kiyaku"))
        .args(["build", "--root", s(site.path()), "--output", s(&out), "--now", NOW, "--record-published"])
        .env("KIYAKU_FONT_PATH", "")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(out.join("ja/privacy/2030-01-01/privacy-2030-01-01-ja.pdf").is_file());
}

/// The inode of a file (a PDF kept from the last build is a hard link to it).
#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(path).unwrap())
}

#[cfg(unix)]
#[test]
fn a_build_on_a_new_day_keeps_the_pdfs_it_would_typeset_the_same() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    let build = |day: &str| {
        let args = ["build", "--root", s(site.path()), "--output", s(&out), "--now", day, "--record-published"];
        let output = kiyaku(&args);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    };
    build("2025-06-01");
    let pdf = out.join("ja/privacy/2022-04-01/privacy-2022-04-01-ja.pdf");
    let changes = out.join("ja/privacy/2030-01-01/changes/privacy-2030-01-01-changes-ja.pdf");
    let (before, changes_before) = (inode(&pdf), inode(&changes));
    // A new day renders every page again, but typesets no PDF again.
    build("2025-06-02");
    assert_eq!(inode(&pdf), before, "kept");
    build("2025-06-02");
    build("2025-06-03");
    assert_eq!(inode(&pdf), before, "kept through a rebuild of the same day");
    // The upcoming version's text changes: its 新旧対照表 is typeset again, the 2022 PDF is kept.
    edit(
        site.path(),
        "content/privacy/2030-01-01.ja.md",
        "開示等の請求の手数料は無料です。",
        "開示等の請求の手数料は無料とします。",
    );
    std::fs::remove_file(site.path().join("kiyaku.lock")).unwrap();
    build("2025-06-03");
    assert_eq!(inode(&pdf), before);
    assert_ne!(inode(&changes), changes_before, "typeset again");
    // And the site is what a fresh build makes.
    let fresh = copy_fixture("basic");
    edit(
        fresh.path(),
        "content/privacy/2030-01-01.ja.md",
        "開示等の請求の手数料は無料です。",
        "開示等の請求の手数料は無料とします。",
    );
    let fresh_out = fresh.path().join("public");
    let args =
        ["build", "--root", s(fresh.path()), "--output", s(&fresh_out), "--now", "2025-06-03", "--record-published"];
    assert!(kiyaku(&args).status.success());
    let strip = |files: Vec<(String, Vec<u8>)>| {
        files.into_iter().filter(|(p, _)| !p.starts_with(".kiyaku")).collect::<Vec<_>>()
    };
    assert_eq!(strip(tree(&out)), strip(tree(&fresh_out)));
}
