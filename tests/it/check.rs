//! `kiyaku check`: every bad input gets a clear error with file, line and
//! column, all problems of a run are listed, and nothing is written.

use crate::common::*;
use serde_json::Value;

const NOW: &str = "2025-06-01";

fn check_json(root: &std::path::Path) -> (Option<i32>, Value) {
    let out = kiyaku(&["check", "--root", s(root), "--now", NOW, "--format", "json", "--record-published"]);
    let report: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code(), report)
}

/// The diagnostics of a report as (code, file name, line).
fn problems(report: &Value) -> Vec<(String, String, Option<u64>)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let file = d["file"].as_str().unwrap_or_default();
            let name = file.rsplit('/').next().unwrap_or_default().to_string();
            (d["code"].as_str().unwrap().to_string(), name, d["line"].as_u64())
        })
        .collect()
}

#[test]
fn a_valid_site_passes_with_its_warnings() {
    let (code, report) = check_json(&fixture("basic"));
    assert_eq!(code, Some(0));
    assert_eq!(report["errors"], 0);
    assert_eq!(report["warnings"], 1, "{report}");
    assert_eq!(problems(&report)[0].0, "missing-translation");
    let denied =
        kiyaku(&["check", "--root", s(&fixture("basic")), "--now", NOW, "--deny-warnings", "--record-published"]);
    assert_eq!(denied.status.code(), Some(1));
}

#[test]
fn check_writes_nothing() {
    let site = copy_fixture("basic");
    let out = kiyaku(&["check", "--root", s(site.path()), "--now", NOW, "--record-published"]);
    assert!(out.status.success());
    assert!(!site.path().join("public").exists());
}

/// One broken source per row: the file to edit, the text to replace, its
/// replacement, and the diagnostic expected (code, file name, line).
#[rustfmt::skip]
const CASES: &[(&str, &str, &str, &str, &str, u64)] = &[
    ("content/privacy/2022-04-01.ja.md", "change = \"material\"", "change = \"material", "front-matter-syntax", "2022-04-01.ja.md", 4),
    ("content/privacy/2022-04-01.ja.md", "change = ", "chnage = ", "front-matter-syntax", "2022-04-01.ja.md", 4),
    ("content/privacy/2022-04-01.ja.md", "effective = 2022-04-01\n", "", "missing-field", "2022-04-01.ja.md", 1),
    ("content/privacy/2022-04-01.ja.md", "effective = 2022-04-01", "effective = 2022-04-31", "front-matter-syntax", "2022-04-01.ja.md", 2),
    ("content/privacy/2022-04-01.ja.md", "effective = 2022-04-01", "effective = \"2022-4-1\"", "invalid-date", "2022-04-01.ja.md", 2),
    ("content/privacy/2022-04-01.ja.md", "effective = 2022-04-01", "effective = 2022-04-02", "effective-mismatch", "2022-04-01.ja.md", 2),
    ("content/privacy/2022-04-01.ja.md", "effective = 2022-04-01", "effective = 2020-01-01", "duplicate-version", "2022-04-01.ja.md", 2),
    ("content/privacy/2022-04-01.ja.md", "announced = 2022-02-01", "announced = 2022-05-01", "announced-after-effective", "2022-04-01.ja.md", 3),
    ("content/privacy/2022-04-01.en.md", "announced = 2022-02-01", "announced = 2022-01-01", "translation-mismatch", "2022-04-01.en.md", 1),
    ("content/privacy/2022-04-01.ja.md", "## 安全管理措置 {#security}", "## 安全管理措置", "clause-id-missing", "2022-04-01.ja.md", 18),
    ("content/privacy/2022-04-01.ja.md", "{#security}", "{#安全}", "clause-id-invalid", "2022-04-01.ja.md", 18),
    ("content/privacy/2022-04-01.ja.md", "{#security}", "{#Security-Measures}", "clause-id-invalid", "2022-04-01.ja.md", 18),
    ("content/privacy/2022-04-01.ja.md", "{#security}", "{#third-party}", "clause-id-duplicate", "2022-04-01.ja.md", 22),
    ("content/privacy/2022-04-01.en.md", "{#security}", "{#safety}", "clause-ids-differ", "2022-04-01.en.md", 18),
    ("content/privacy/2022-04-01.ja.md", "必要な措置を講じます。", "<script>alert(1)</script>", "raw-html", "2022-04-01.ja.md", 20),
    ("content/privacy/2020-01-01.ja.md", "(#purposes)", "(#nowhere)", "link-clause", "2020-01-01.ja.md", 18),
    ("content/terms/2021-01-01.ja.md", "policy:privacy#purposes", "policy:cookies", "link-policy", "2021-01-01.ja.md", 8),
    ("content/terms/2021-01-01.ja.md", "policy:privacy#purposes", "javascript:alert(1)", "link-scheme", "2021-01-01.ja.md", 8),
    ("content/privacy/2022-04-01.ja.md", "```contact\ndesk", "```contact\nnobody", "block-unknown", "2022-04-01.ja.md", 34),
    ("content/privacy/2022-04-01.ja.md", "```contact\ndesk", "```business\ndesk", "block-kind", "2022-04-01.ja.md", 34),
    ("content/privacy/2022-04-01.ja.md", "## 利用目的", "# 利用目的", "heading-level", "2022-04-01.ja.md", 10),
    ("content/privacy/policy.toml", "kind = \"privacy\"", "kind = \"faq\"", "policy-kind", "policy.toml", 1),
    ("content/privacy/policy.toml", "en = \"Privacy Policy\"", "", "missing-translation", "policy.toml", 3),
    ("blocks/desk.toml", "postal_code = \"100-0001\"", "postal_code = \"1000001\"", "block-field-invalid", "desk.toml", 7),
    ("blocks/desk.toml", "email = \"desk@example.com\"", "e_mail = \"desk@example.com\"", "block-syntax", "desk.toml", 17),
    ("kiyaku.toml", "languages = [\"ja\", \"en\"]", "languages = [\"ja\", \"EN\"]", "config-language", "kiyaku.toml", 2),
    ("kiyaku.toml", "base_url = ", "base_ur = ", "config-syntax", "kiyaku.toml", 1),
    ("content/privacy/2022-04-01.ja.md", "を追加しました。\"", "を追加しました。\"\n[[corrections]]\ndate = 2022-01-01\nnote = \"誤記\"", "correction-date", "2022-04-01.ja.md", 7),
    ("content/privacy/2022-04-01.ja.md", "を追加しました。\"", "を追加しました。\"\n[[corrections]]\ndate = 2022-05-01\nnote = \" \"", "correction-note", "2022-04-01.ja.md", 8),
    ("content/privacy/policy.toml", "en = \"Privacy Policy\"", "en = \"  \"", "empty-text", "policy.toml", 3),
    ("content/privacy/2022-04-01.ja.md", "summary = \"安全管理", "summary = \"一行目\\n安全管理", "summary-lines", "2022-04-01.ja.md", 5),
    ("content/privacy/2022-04-01.ja.md", "## 安全管理措置 {#security}", "## {#security}", "clause-title-missing", "2022-04-01.ja.md", 18),
    ("content/privacy/2022-04-01.ja.md", "## 安全管理措置 {#security}", "## 安全管理措置 {#security #safety}", "clause-id-invalid", "2022-04-01.ja.md", 18),
    ("content/privacy/2022-04-01.ja.md", "## 安全管理措置 {#security}", "## 安全管理措置 {#safety} {#security}", "clause-id-invalid", "2022-04-01.ja.md", 18),
    ("content/privacy/2022-04-01.ja.md", "当社は、個人情報の漏えいを防止するため、必要な措置を講じます。", "#### 料金 {税込}", "heading-level", "2022-04-01.ja.md", 20),
    ("content/privacy/2022-04-01.ja.md", "必要な措置を講じます。", "必要な&#27;措置を講じます。", "control-character", "2022-04-01.ja.md", 20),
    ("content/privacy/policy.toml", "en = \"Privacy Policy\"", "en = \"Privacy\\u001bPolicy\"", "control-character", "policy.toml", 5),
    ("content/privacy/2022-04-01.ja.md", "## 安全管理措置 {#security}", "## 安全<img src=x onerror=alert(1)> {#security}", "raw-html", "2022-04-01.ja.md", 18),
    ("content/privacy/2022-04-01.ja.md", "## 安全管理措置 {#security}", "## [安全](javascript:alert(1)) {#security}", "heading-link", "2022-04-01.ja.md", 18),
    ("content/privacy/2022-04-01.ja.md", "当社は、個人情報の漏えいを防止するため、必要な措置を講じます。", "#### 細目 {#purposes}", "heading-level", "2022-04-01.ja.md", 20),
    ("content/privacy/2022-04-01.ja.md", "当社は、個人情報の漏えいを防止するため、必要な措置を講じます。", "> ## 引用 {#k-main}", "heading-level", "2022-04-01.ja.md", 20),
    ("content/privacy/2022-04-01.ja.md", "必要な措置を講じます。", "必要な\u{0}措置を\u{1b}[31m講じます。", "control-character", "2022-04-01.ja.md", 20),
];

#[test]
fn every_bad_input_is_named_with_file_and_line() {
    for (file, from, to, code, name, line) in CASES {
        let site = copy_fixture("basic");
        edit(site.path(), file, from, to);
        let (status, report) = check_json(site.path());
        assert_eq!(status, Some(1), "{code}: {report}");
        let found = problems(&report);
        assert!(
            found.iter().any(|(c, n, l)| c == code && n == name && *l == Some(*line)),
            "expected {code} at {name}:{line}, got {found:?}"
        );
        for diagnostic in report["diagnostics"].as_array().unwrap() {
            assert!(diagnostic["hint"].is_string(), "every diagnostic says what to do: {diagnostic}");
        }
    }
}

#[test]
fn one_unknown_key_or_bad_setting_does_not_hide_the_other_problems() {
    let site = copy_fixture("basic");
    let file = "content/privacy/2022-04-01.ja.md";
    edit(site.path(), file, "change = \"material\"", "typo = 1\nchange = \"major\"\nother = 2");
    edit(site.path(), file, "{#security}", "{#Security}");
    edit(site.path(), "kiyaku.toml", "base_url = \"", "base_url = \"javascript:");
    let (status, report) = check_json(site.path());
    assert_eq!(status, Some(1));
    let codes: Vec<String> = problems(&report).into_iter().map(|(code, _, _)| code).collect();
    let count = |code: &str| codes.iter().filter(|c| *c == code).count();
    assert_eq!(count("front-matter-syntax"), 2, "both unknown keys: {codes:?}");
    assert_eq!(count("invalid-change"), 1, "the known fields are still checked: {codes:?}");
    assert_eq!(count("translation-mismatch"), 0, "an invalid value differs from nothing: {codes:?}");
    assert_eq!(count("clause-id-invalid"), 1, "the body is still checked: {codes:?}");
    assert_eq!(count("config-base-url"), 1, "{codes:?}");

    // A value of the wrong type is reported once, and the sources still checked.
    for value in ["base_url = 5", "notice_period_days = -3"] {
        let site = copy_fixture("basic");
        let config = read(&site.path().join("kiyaku.toml"));
        let key = value.split(' ').next().unwrap();
        let mut lines: Vec<&str> = config.lines().filter(|l| !l.starts_with(key)).collect();
        lines.insert(0, value);
        std::fs::write(site.path().join("kiyaku.toml"), lines.join("\n")).unwrap();
        edit(site.path(), "content/privacy/2022-04-01.ja.md", "{#security}", "{#Security}");
        let (_, report) = check_json(site.path());
        let codes: Vec<String> = problems(&report).into_iter().map(|(code, _, _)| code).collect();
        assert_eq!(codes.iter().filter(|c| *c == "config-syntax").count(), 1, "{value}: {codes:?}");
        assert!(codes.contains(&"clause-id-invalid".to_string()), "{value}: {codes:?}");
    }

    // "EN" for "en": one error, not one more for every English file.
    let site = copy_fixture("basic");
    edit(site.path(), "kiyaku.toml", "languages = [\"ja\", \"en\"]", "languages = [\"ja\", \"EN\"]");
    let (_, report) = check_json(site.path());
    assert_eq!(report["errors"], 1, "{report}");

    // Unknown keys inside tables too (a block's revisions, its phones).
    let site = copy_fixture("basic");
    edit(
        site.path(),
        "blocks/desk.toml",
        "postal_code = \"100-0001\"",
        "postal_code = \"100-0001\"\nfaxx = 1\nemial = 2",
    );
    edit(site.path(), "blocks/desk.toml", "kind = \"contact\"", "kind = \"contact\"\ncolor = 1\nsize = 2");
    let (_, report) = check_json(site.path());
    let codes: Vec<String> = problems(&report).into_iter().map(|(code, _, _)| code).collect();
    assert_eq!(codes.iter().filter(|c| *c == "block-syntax").count(), 4, "{report}");
}

#[test]
fn long_lines_and_control_characters_are_quoted_safely() {
    let site = copy_fixture("basic");
    let long = format!("{}<b>{}", "長".repeat(100_000), "い".repeat(100_000));
    edit(site.path(), "content/privacy/2022-04-01.ja.md", "必要な措置を講じます。", &format!("{long}\u{1b}[31m"));
    let out = kiyaku(&["check", "--root", s(site.path()), "--now", NOW, "--record-published"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.len() < 10_000, "a long line is quoted around the problem, not whole: {} bytes", stderr.len());
    assert!(stderr.contains("error[raw-html]") && stderr.contains("error[control-character]"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "no raw escape reaches the terminal");
}

#[test]
fn a_link_to_a_clause_removed_from_the_version_in_force_and_back_later_is_named() {
    let site = copy_fixture("basic");
    edit(site.path(), "content/terms/2021-01-01.ja.md", "policy:privacy#purposes", "policy:privacy#third-party");
    for lang in ["ja", "en"] {
        let path = site.path().join(format!("content/privacy/2022-04-01.{lang}.md"));
        let text = read(&path).replacen("+++\n", "+++\nremoved = [\"third-party\"]\n", 1);
        let start = text.find("{#third-party}").and_then(|at| text[..at].rfind("## ")).unwrap();
        let end = start + 3 + text[start + 3..].find("\n## ").unwrap() + 1;
        std::fs::write(&path, format!("{}{}", &text[..start], &text[end..])).unwrap();
    }
    let (status, report) = check_json(site.path());
    assert_eq!(status, Some(0), "a warning: {report}");
    let warned: Vec<_> = problems(&report).into_iter().filter(|(code, _, _)| code == "link-clause-upcoming").collect();
    assert_eq!(warned, [("link-clause-upcoming".into(), "2021-01-01.ja.md".into(), Some(8))], "{report}");
}

#[test]
fn a_link_to_a_clause_only_a_later_version_has_is_named() {
    let site = copy_fixture("basic");
    edit(site.path(), "content/terms/2021-01-01.ja.md", "policy:privacy#purposes", "policy:privacy#retention");
    let (status, report) = check_json(site.path());
    assert_eq!(status, Some(0), "a warning: {report}");
    let found = problems(&report);
    assert!(found.contains(&("link-clause-upcoming".into(), "2021-01-01.ja.md".into(), Some(8))), "{found:?}");
    // A version of the terms that takes effect with (or after) the clause links to it rightly.
    let later_terms = read(&site.path().join("content/terms/2021-01-01.ja.md"))
        .replace("effective = 2021-01-01", "effective = 2030-01-01\nannounced = 2025-05-01\nchange = \"editorial\"");
    std::fs::write(site.path().join("content/terms/2030-01-01.ja.md"), later_terms).unwrap();
    let (_, report) = check_json(site.path());
    let warned: Vec<_> = problems(&report).into_iter().filter(|(code, _, _)| code == "link-clause-upcoming").collect();
    assert_eq!(warned, [("link-clause-upcoming".into(), "2021-01-01.ja.md".into(), Some(8))], "{report}");
    // Once the version with the clause is in force, the link resolves.
    let later =
        kiyaku(&["check", "--root", s(site.path()), "--now", "2030-01-01", "--deny-warnings", "--record-published"]);
    let stderr = String::from_utf8_lossy(&later.stderr);
    assert!(!stderr.contains("link-clause-upcoming"), "{stderr}");
}

#[test]
fn every_place_where_a_translation_parts_from_its_original_is_named() {
    let site = copy_fixture("basic");
    edit(site.path(), "content/privacy/2022-04-01.en.md", "{#security}", "{#safety}");
    edit(site.path(), "content/privacy/2022-04-01.en.md", "{#contact}", "{#contact-desk}");
    let (_, report) = check_json(site.path());
    let differ = problems(&report).into_iter().filter(|(code, _, _)| code == "clause-ids-differ").count();
    assert_eq!(differ, 2, "{report}");
}

#[test]
fn a_correction_dated_after_the_build_day_is_named() {
    let site = copy_fixture("basic");
    let correction = "を追加しました。\"\n[[corrections]]\ndate = 2025-07-01\nnote = \"誤記を訂正\"";
    edit(site.path(), "content/privacy/2022-04-01.ja.md", "を追加しました。\"", correction);
    let (status, report) = check_json(site.path());
    assert_eq!(status, Some(0), "{report}");
    assert!(problems(&report).contains(&("correction-date".into(), "2022-04-01.ja.md".into(), Some(7))), "{report}");
}

#[test]
fn a_new_clause_may_not_take_the_former_id_of_a_renamed_one() {
    let site = copy_fixture("revisions");
    let terms = site.path().join("content/terms");
    for lang in ["ja", "en"] {
        let text = read(&terms.join(format!("2022-04-01.{lang}.md")))
            .replace("effective = 2022-04-01", "effective = 2023-04-01")
            .replace("renamed = { prohibited = \"forbidden\" }\nremoved = [\"old-rule\"]\n", "")
            .replace(
                "## 免責 {#disclaimer}",
                "## 迷惑行為 {#prohibited}\n\n迷惑行為を禁止します。\n\n## 免責 {#disclaimer}",
            )
            .replace(
                "## Disclaimer {#disclaimer}",
                "## Nuisance {#prohibited}\n\nNo nuisance.\n\n## Disclaimer {#disclaimer}",
            );
        std::fs::write(terms.join(format!("2023-04-01.{lang}.md")), text).unwrap();
    }
    let (status, report) = check_json(site.path());
    assert_eq!(status, Some(1), "{report}");
    let taken: Vec<_> = problems(&report).into_iter().filter(|(code, _, _)| code == "clause-id-taken").collect();
    // Reported once, in the governing language, at the clause.
    assert_eq!(taken, [("clause-id-taken".to_string(), "2023-04-01.ja.md".to_string(), Some(32))], "{report}");
}

#[test]
fn file_level_problems() {
    let site = copy_fixture("basic");
    let privacy = site.path().join("content/privacy");
    std::fs::write(
        privacy.join("2023-01-01.ja.md"),
        b"+++\neffective = 2023-01-01\nsummary = \"\x93\xfa\x96\x7b\"\n+++\n",
    )
    .unwrap();
    std::fs::write(privacy.join("2024-01-01.ja.md"), "").unwrap();
    std::fs::write(privacy.join("2025-01-01.fr.md"), "+++\neffective = 2025-01-01\nsummary = \"x\"\n+++\n").unwrap();
    std::fs::write(privacy.join("latest.ja.md"), "x").unwrap();
    std::fs::write(site.path().join("blocks/README.md"), "notes").unwrap();
    std::fs::write(privacy.join("2026-01-01.ja.md"), "no front matter\n").unwrap();
    std::fs::write(privacy.join("2027-01-01.ja.md"), "+++\neffective = 2027-01-01\nsummary = \"x\"\n+++\n\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("..", privacy.join("loop")).unwrap();
    let (status, report) = check_json(site.path());
    assert_eq!(status, Some(1));
    let found = problems(&report);
    let has = |code: &str, name: &str| found.iter().any(|(c, n, _)| c == code && n == name);
    assert!(has("not-utf8", "2023-01-01.ja.md"), "{found:?}");
    assert!(found.iter().any(|(c, n, l)| c == "not-utf8" && n == "2023-01-01.ja.md" && *l == Some(3)));
    assert!(has("empty-file", "2024-01-01.ja.md"), "{found:?}");
    assert!(has("unknown-language", "2025-01-01.fr.md"), "{found:?}");
    assert!(has("file-name", "latest.ja.md"), "{found:?}");
    assert!(has("stray-file", "README.md"), "{found:?}");
    assert!(has("front-matter-missing", "2026-01-01.ja.md"), "{found:?}");
    assert!(has("version-empty", "2027-01-01.ja.md"), "{found:?}");
    #[cfg(unix)]
    assert!(has("symlink-loop", "loop"), "{found:?}");
}

#[test]
fn material_change_needs_notice() {
    let site = copy_fixture("basic");
    for lang in ["ja", "en"] {
        edit(
            site.path(),
            &format!("content/privacy/2030-01-01.{lang}.md"),
            "announced = 2025-05-01",
            "announced = 2029-12-20",
        );
    }
    let (status, report) = check_json(site.path());
    assert_eq!(status, Some(0), "a short notice is a warning");
    assert!(problems(&report).iter().any(|(c, n, l)| c == "notice-period" && n == "2030-01-01.ja.md" && *l == Some(3)));
}

#[test]
fn all_problems_of_a_run_are_listed_with_source_snippets() {
    let out = kiyaku(&["check", "--root", s(&fixture("broken")), "--now", NOW, "--record-published"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr).replace(s(&fixture("broken")), "<site>");
    insta::assert_snapshot!("broken_site_human", stderr);
}

#[test]
fn appi_checklist_reports_what_a_privacy_policy_lacks() {
    let site = copy_fixture("basic");
    edit(site.path(), "content/privacy/policy.toml", "security = \"security\"", "security = \"safety\"");
    let (status, report) = check_json(site.path());
    assert_eq!(status, Some(0), "missing disclosures are warnings: build goes on");
    let found = problems(&report);
    assert!(found.contains(&("appi-missing".into(), "2022-04-01.ja.md".into(), None)), "{found:?}");
    assert!(
        found.contains(&("appi-missing".into(), "2030-01-01.ja.md".into(), None)),
        "upcoming versions too: {found:?}"
    );
    assert!(!found.iter().any(|(_, n, _)| n == "2020-01-01.ja.md"), "archived versions are not checked: {found:?}");
    let denied = kiyaku(&["check", "--root", s(site.path()), "--now", NOW, "--deny-warnings", "--record-published"]);
    assert_eq!(denied.status.code(), Some(1));

    // A member of an accredited body must show it.
    let site = copy_fixture("basic");
    edit(
        site.path(),
        "kiyaku.toml",
        "governing_language = \"ja\"",
        "governing_language = \"ja\"\naccredited_body = \"jdta\"",
    );
    let (_, report) = check_json(site.path());
    assert!(problems(&report).iter().any(|(c, _, _)| c == "appi-accredited-body"), "{report}");
    std::fs::write(
        site.path().join("blocks/jdta.toml"),
        "kind = \"complaint-body\"\n[[revisions]]\nsince = 2020-01-01\nname = { ja = \"協会\", en = \"Association\" }\ndesk = { ja = \"相談室\", en = \"Desk\" }\npostal_code = \"170-8585\"\naddress = { ja = \"東京都\", en = \"Tokyo\" }\nphones = [ { number = \"03-5907-3803\" } ]\n",
    )
    .unwrap();
    let (_, report) = check_json(site.path());
    let found = problems(&report);
    assert!(found.iter().any(|(c, n, _)| c == "appi-missing" && n == "2022-04-01.ja.md"), "{found:?}");
    for file in ["2022-04-01.ja.md", "2022-04-01.en.md", "2030-01-01.ja.md", "2030-01-01.en.md"] {
        edit(
            site.path(),
            &format!("content/privacy/{file}"),
            "```contact\ndesk\n```",
            "```contact\ndesk\n```\n\n```complaint-body\njdta\n```",
        );
    }
    let (_, report) = check_json(site.path());
    assert!(!problems(&report).iter().any(|(c, _, _)| c.starts_with("appi")), "{report}");

    let site = copy_fixture("basic");
    edit(site.path(), "content/privacy/policy.toml", "purposes = \"purposes\"", "purpose = \"purposes\"");
    let (status, report) = check_json(site.path());
    assert_eq!(status, Some(1));
    assert!(problems(&report).iter().any(|(c, n, l)| c == "appi-unknown-item" && n == "policy.toml" && l.is_some()));
}

#[test]
fn links_to_missing_files_and_relative_links_are_named() {
    let site = copy_fixture("basic");
    let file = site.path().join("content/privacy/2030-01-01.ja.md");
    let mut text = read(&file);
    let first = text.lines().count() + 2;
    text.push_str(concat!(
        "\n[資料](/legal/static/missing.pdf)\n\n[図](diagram.png)\n\n[様式](/static/kiyaku.css)\n\n",
        "[様式](/legal/static/kiyaku.css) [規約](/legal/ja/terms/) [会社](/company/)\n"
    ));
    std::fs::write(&file, text).unwrap();
    let (status, report) = check_json(site.path());
    assert_eq!(status, Some(0), "warnings only: {report}");
    let found = problems(&report);
    let at = |code: &str, line: usize| {
        found.iter().any(|(c, n, l)| c == code && n == "2030-01-01.ja.md" && *l == Some(line as u64))
    };
    assert!(at("link-path", first), "{found:?}");
    assert!(at("link-relative", first + 2), "{found:?}");
    assert!(at("link-path", first + 4), "the base path /legal/ left out: {found:?}");
    let hint = report["diagnostics"].as_array().unwrap().iter().find(|d| d["line"] == first as u64 + 4).unwrap();
    assert!(hint["hint"].as_str().unwrap().contains("/legal/static/kiyaku.css"), "{hint}");
    assert!(!found.iter().any(|(_, _, l)| *l == Some(first as u64 + 6)), "existing paths pass: {found:?}");
}

#[test]
fn messages_say_what_is_wrong_where_it_is() {
    let site = copy_fixture("basic");
    let root = site.path();
    edit(root, "content/privacy/policy.toml", "kind = \"privacy\"", "kind = \"privacy\"\nestablished = 2030-06-01");
    edit(
        root,
        "content/privacy/2022-04-01.en.md",
        "summary = \"Added a clause on security measures.\"",
        "summary = \"\"",
    );
    std::fs::write(root.join("content/terms/2025-02-30.ja.md"), "+++\neffective = 2025-02-30\n+++\n").unwrap();
    std::fs::write(root.join("content/terms/2026-01-01.md"), "+++\neffective = 2026-01-01\n+++\n").unwrap();
    edit(root, "content/privacy/2022-04-01.ja.md", "## 安全管理措置 {#security}", "## 安全管理措置 {.unnumbered}");
    edit(root, "content/privacy/2022-04-01.ja.md", "## 第三者提供 {#third-party}", "## 第三者提供 {#}");
    let out = kiyaku(&["check", "--root", s(root), "--now", NOW, "--record-published"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error[established-after-first]: `established` is 2030-06-01, after the first version took effect (2020-01-01)")
            && stderr.contains("policy.toml:2:15"),
        "{stderr}"
    );
    assert!(stderr.contains("error[missing-field]: `summary` is empty"), "{stderr}");
    assert!(
        stderr.contains("e.g. summary = \"Added the purposes of use.\""),
        "an English example for an English file: {stderr}"
    );
    assert!(stderr.contains("`2025-02-30.ja.md`: 2025-02-30 is not a date"), "{stderr}");
    assert!(stderr.contains("`2026-01-01.md`: after the date comes one language"), "{stderr}");
    assert!(stderr.contains("put the id inside the braces: `## 安全管理措置 {#security .unnumbered}`"), "{stderr}");
    assert!(stderr.contains("write the id after `#`: `## 第三者提供 {#third-party}`"), "{stderr}");
}

/// Issue 25, hole 6: a bidirectional override or a zero-width character in
/// a text, a summary or a block is a warning (an error under
/// `--deny-warnings`), and the quoted line shows it as �.
#[test]
fn deceptive_characters_are_named_and_shown() {
    let site = copy_fixture("basic");
    let root = site.path();
    edit(root, "content/privacy/2022-04-01.ja.md", "必要な措置を講じます。", "料金は\u{202e}円000,1\u{202c}です。");
    edit(root, "blocks/desk.toml", "新窓口", "新\u{200b}窓口");
    let out = kiyaku(&["check", "--root", s(root), "--now", NOW, "--record-published", "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("warning[deceptive-character]").count(), 3, "{stderr}");
    assert!(stderr.contains("U+202E") && stderr.contains("desk.toml"), "{stderr}");
    assert!(stderr.contains("料金は�円000,1�です。"), "shown, not obeyed: {stderr}");
}

/// Issue 22: diagnostics are coloured on a terminal (or when forced), never
/// in a pipe, and never with NO_COLOR.
#[test]
fn diagnostics_are_coloured_only_when_wanted() {
    let run = |envs: &[(&str, &str)]| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_kiyaku"));
        command.args(["check", "--root", s(&fixture("broken")), "--now", NOW]).env_remove("NO_COLOR");
        for (key, value) in envs {
            command.env(key, value);
        }
        String::from_utf8_lossy(&command.output().unwrap().stderr).into_owned()
    };
    assert!(!run(&[]).contains('\x1b'), "a pipe gets no colour");
    assert!(run(&[("CLICOLOR_FORCE", "1")]).contains("\x1b[1;31merror["), "forced");
    assert!(!run(&[("NO_COLOR", "1")]).contains('\x1b'));
    assert!(!run(&[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]).contains('\x1b'), "NO_COLOR wins");
}
