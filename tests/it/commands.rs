//! The commands that write sources: `init`, `new-version` and `import`.
//! Each result must build; `import` must keep every sentence of its input.

use std::path::Path;

use crate::common::*;

fn check_passes(root: &Path) -> String {
    let out = kiyaku(&["check", "--root", s(root), "--now", "2026-11-22", "--record-published"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "check failed:\n{stderr}");
    stderr
}

fn init_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let out = kiyaku(&["init", s(&root)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    (dir, root)
}

#[test]
fn init_makes_a_site_that_builds_and_passes_the_check() {
    let (_dir, root) = init_site();
    let stderr = check_passes(&root);
    assert!(stderr.contains("no problems found"), "{stderr}");
    for file in [
        "kiyaku.toml",
        "content/privacy/policy.toml",
        "blocks/company.toml",
        "i18n/ja.ftl",
        "i18n/en.ftl",
        ".gitignore",
    ] {
        assert!(root.join(file).is_file(), "{file}");
    }
    build(&root, &root.join("public"), &today());
    assert!(root.join("public/en/privacy/index.html").is_file());
    let again = kiyaku(&["init", s(&root)]);
    assert_eq!(again.status.code(), Some(2), "init never overwrites");
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists: kiyaku init makes a new site"));
}

/// Issue 19, hole 4: a new site comes with a workflow that builds every day
/// just after midnight in Japan, commits the record back, and deploys.
#[test]
fn init_writes_a_daily_publish_workflow() {
    let (_dir, root) = init_site();
    let workflow = read(&root.join(".github/workflows/publish.yml"));
    // 15:05 UTC is 00:05 in Japan (UTC+9, no daylight saving).
    assert!(workflow.contains("- cron: \"5 15 * * *\""), "{workflow}");
    assert!(workflow.contains("branches: [main]"));
    assert!(workflow.contains("run: kiyaku build\n"));
    assert!(workflow.contains("git add kiyaku.lock") && workflow.contains("git push origin HEAD:main"));
    assert!(workflow.contains("rm -f public/.kiyaku-output"), "the marker is not served");
    let (upload, commit) =
        (workflow.find("upload-pages-artifact").unwrap(), workflow.find("git add kiyaku.lock").unwrap());
    assert!(upload < commit, "the site is uploaded even if the record cannot be pushed");
    assert!(workflow.contains("actions/upload-pages-artifact") && workflow.contains("path: public"));
    assert!(workflow.contains("actions/deploy-pages") && workflow.contains("contents: write"));
    assert!(!workflow.contains('\t'), "YAML is indented with spaces");
}

#[test]
fn new_version_names_a_language_that_lags_behind() {
    let site = copy_fixture("revisions");
    std::fs::remove_file(site.path().join("content/terms/2022-04-01.en.md")).unwrap();
    let out = kiyaku(&["new-version", "terms", "--root", s(site.path()), "--effective", "2027-04-01"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(site.path().join("content/terms/2027-04-01.ja.md").is_file());
    assert!(!site.path().join("content/terms/2027-04-01.en.md").exists(), "an old translation is not copied");
    assert!(
        stderr.contains("note: no en text was made") && stderr.contains("content/terms/2020-04-01.en.md"),
        "{stderr}"
    );
}

#[test]
fn new_version_copies_the_latest_version_to_a_new_date() {
    let site = copy_fixture("revisions");
    let out = kiyaku(&[
        "new-version",
        "terms",
        "--root",
        s(site.path()),
        "--effective",
        "2027-04-01",
        "--announce",
        "2027-02-01",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let ja = read(&site.path().join("content/terms/2027-04-01.ja.md"));
    assert!(ja.starts_with("+++\neffective = 2027-04-01\nannounced = 2027-02-01\nchange = \"material\""), "{ja}");
    assert!(ja.contains("summary = \"\""));
    assert!(ja.contains("## 料金の特例 {#fees-special number=3-2}"), "the text is the latest version's");
    assert!(!ja.contains("removed = "), "declarations of the old version are not carried over");
    assert!(site.path().join("content/terms/2027-04-01.en.md").is_file());
    // Ready for the summary: the check says exactly that.
    let check = kiyaku(&["check", "--root", s(site.path()), "--now", "2023-01-01", "--record-published"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(stderr.contains("`summary` is empty") && stderr.contains("2027-04-01.ja.md"), "{stderr}");
    edit(site.path(), "content/terms/2027-04-01.ja.md", "summary = \"\"", "summary = \"料金を改定\"");
    edit(site.path(), "content/terms/2027-04-01.en.md", "summary = \"\"", "summary = \"Fees revised\"");
    check_passes(site.path());

    for (args, message) in [
        (vec!["new-version", "nope", "--effective", "2028-01-01"], "there is no policy `nope`"),
        (vec!["new-version", "terms", "--effective", "2021-01-01"], "must take effect after the latest one"),
        (vec!["new-version", "terms", "--effective", "2027-04-01"], "must take effect after the latest one"),
    ] {
        let mut args = args.clone();
        args.extend(["--root", s(site.path())]);
        let out = kiyaku(&args);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains(message), "{message}");
    }
}

/// Imports a file into a fresh site; returns the root and what kiyaku said.
fn import(file: &Path, args: &[&str]) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let (dir, root) = init_site();
    let mut all = vec!["import", s(file), "--root", s(&root)];
    all.extend(args);
    let out = kiyaku(&all);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    (dir, root, stderr)
}

/// Imports a fixture of `tests/fixtures/import/` into a fresh site, and
/// checks that every sentence of it is kept.
fn import_whole(name: &str, policy: &str, lang: &str) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let file = fixture(&format!("import/{name}"));
    let (dir, root, stderr) = import(&file, &["--policy", policy, "--lang", lang]);
    let (kept, total) = kept(&stderr);
    assert_eq!(kept, total, "{stderr}");
    (dir, root, stderr)
}

fn kept(stderr: &str) -> (usize, usize) {
    let line = stderr.lines().find(|l| l.starts_with("kept ")).unwrap();
    let numbers: Vec<usize> = line.split_whitespace().filter_map(|w| w.parse().ok()).collect();
    (numbers[0], numbers[1])
}

fn seed(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds").join(name)
}

#[test]
fn imports_seed_004_articles_purposes_and_desk() {
    let file = seed("004_5f4b0d30e1db3437.txt");
    if !file.exists() {
        eprintln!("skipped: {} is not beside the repository", file.display());
        return;
    }
    let (_dir, root, stderr) = import(&file, &["--policy", "infox", "--lang", "ja"]);
    let (kept, total) = kept(&stderr);
    assert_eq!(kept, total, "every sentence is kept: {stderr}");
    assert!(total > 60);
    let draft = read(&root.join("content/infox/2022-07-29.ja.md"));
    for id in [
        "collection",
        "purposes",
        "security",
        "outsourcing",
        "third-party",
        "disclosure",
        "contact",
        "disclaimer",
        "changes",
    ] {
        assert!(draft.contains(&format!("{{#{id}}}")), "clause {id}");
    }
    assert!(draft.contains("## 附則 {#supplementary .unnumbered}"));
    assert!(draft.contains("17. その他サービス等において個別に定める目的のため"), "purpose list");
    let policy = read(&root.join("content/infox/policy.toml"));
    assert!(
        policy.contains("kind = \"privacy\"")
            && policy.contains("numbering = \"articles\"")
            && policy.contains("established = 2022-07-29")
    );
    let desk = read(&root.join("blocks/contact-desk.toml"));
    assert!(
        desk.contains("postal_code = \"108-0014\"") && desk.contains("email = \"privacy@infoxnet.co.jp\""),
        "{desk}"
    );
    check_passes(&root);
}

#[test]
fn imports_seed_003_two_versions_desks_and_accredited_body() {
    let file = seed("003_a327c6da4dfc1a4e.txt");
    if !file.exists() {
        eprintln!("skipped: {} is not beside the repository", file.display());
        return;
    }
    let (_dir, root, stderr) = import(
        &file,
        &["--policy", "sakura", "--lang", "ja", "--effective", "2024-04-01", "--previous-effective", "2020-04-01"],
    );
    let (kept, total) = kept(&stderr);
    assert_eq!(kept, total, "every sentence of both versions is kept: {stderr}");
    assert!(stderr.contains("two versions"));
    let after = read(&root.join("content/sakura/2024-04-01.ja.md"));
    assert!(after.contains("summary = \"個人情報の収集についての項を新設"), "the 変更内容 notice is the summary");
    assert!(after.contains("change = \"material\""));
    for id in ["collection", "purposes", "outsourcing", "third-party", "disclosure", "security", "cookies", "contact"] {
        assert!(after.contains(&format!("{{#{id}}}")), "clause {id}");
    }
    assert!(root.join("content/sakura/2020-04-01.ja.md").is_file());
    let body = read(&root.join("blocks/jipdec.toml"));
    assert!(
        body.contains("kind = \"complaint-body\"")
            && body.contains("postal_code = \"106-0032\"")
            && body.contains("0120-700-779"),
        "{body}"
    );
    let manager = read(&root.join("blocks/privacy-manager.toml"));
    assert!(manager.contains("リスクマネジメント室 室長") && manager.contains("fax = \"03-5332-7080\""), "{manager}");
    assert!(after.contains("```complaint-body\njipdec\n```"));
    check_passes(&root);
}

#[test]
fn imports_html_with_branch_articles_nested_lists_and_dates() {
    let (_dir, root, _) = import_whole("terms.html", "terms", "ja");
    let draft = read(&root.join("content/terms/2024-10-01.ja.md"));
    assert!(!draft.contains("tracker") && !draft.contains("font-family"), "scripts and styles are dropped");
    assert!(draft.contains("## 割引 {#article-3 number=2-2}") || draft.contains("number=2-2}"), "{draft}");
    assert!(draft.contains("    - 口座振替"), "nested list: {draft}");
    assert!(draft.contains("&"), "entities decoded");
    let policy = read(&root.join("content/terms/policy.toml"));
    assert!(policy.contains("kind = \"terms\"") && policy.contains("established = 2023-04-01"), "{policy}");
    assert!(read(&root.join("blocks/contact-desk.toml")).contains("0120-111-222"));
    check_passes(&root);
}

#[test]
fn imports_bracket_captions_circled_numbers_and_iroha() {
    let (_dir, root, _) = import_whole("notice.txt", "external", "ja");
    let draft = read(&root.join("content/external/2025-06-01.ja.md"));
    assert!(draft.contains("{#purposes}") || draft.contains("送信先及び利用目的"), "{draft}");
    // ① stays as written, so that 「②の情報」 in the text still names it.
    assert!(draft.contains("- ① ページのURL及び閲覧日時"), "{draft}");
    assert!(draft.contains("    - イ　サイトの利用状況の分析"), "{draft}");
    let policy = read(&root.join("content/external/policy.toml"));
    assert!(policy.contains("kind = \"cookies\"") && policy.contains("numbering = \"none\""), "{policy}");
    check_passes(&root);
}

#[test]
fn import_needs_a_date_and_a_site() {
    let (_dir, root) = init_site();
    let file = root.join("plain.txt");
    std::fs::write(&file, "第1条（目的）\n本規約は目的を定めます。\n").unwrap();
    let out = kiyaku(&["import", s(&file), "--policy", "p", "--lang", "ja", "--root", s(&root)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--effective"));
    let empty = tempfile::tempdir().unwrap();
    let out = kiyaku(&[
        "import",
        s(&file),
        "--policy",
        "p",
        "--lang",
        "ja",
        "--root",
        s(empty.path()),
        "--effective",
        "2024-01-01",
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("kiyaku init"));
    // Under the sample policy `init` wrote (dated tomorrow), an older version
    // is refused, and nothing is written.
    let before = tree(&root.join("content"));
    let out = kiyaku(&[
        "import",
        s(&file),
        "--policy",
        "privacy",
        "--lang",
        "ja",
        "--root",
        s(&root),
        "--effective",
        "2024-01-01",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("remove it first (rm -r content/privacy)"));
    assert_eq!(tree(&root.join("content")), before);
}

#[test]
fn imports_numbered_captions_that_look_like_list_items() {
    let (_dir, root, _) = import_whole("numbered.txt", "aozora", "ja");
    let draft = read(&root.join("content/aozora/2024-04-01.ja.md"));
    for heading in [
        "## 個人情報の取得 {#collection}",
        "## 個人情報の利用目的 {#purposes}",
        "## 第三者提供 {#third-party}",
        "## お問い合わせ窓口 {#contact}",
    ] {
        assert!(draft.contains(heading), "{heading}: {draft}");
    }
    assert!(
        draft.contains("1. サービスの提供\n2. 料金の請求\n3. お問い合わせへの対応"),
        "the list stays a list: {draft}"
    );
    check_passes(&root);
}

#[test]
fn imports_full_width_details_from_a_definition_list() {
    let (_dir, root, _) = import_whole("definition-list.html", "hanamaru", "ja");
    let draft = read(&root.join("content/hanamaru/2020-10-01.ja.md"));
    assert!(draft.contains("## 利用目的 {#purposes}") && draft.contains("## お問い合わせ {#contact}"), "{draft}");
    let desk = read(&root.join("blocks/contact-desk.toml"));
    for field in [
        "organization = { ja = \"はなまる通信株式会社\"",
        "department = { ja = \"お客様相談室\"",
        "postal_code = \"530-0001\"",
        "0120-123-456",
        "info@hanamaru.example",
        "平日９時～１７時",
    ] {
        assert!(desk.contains(field), "{field}: {desk}");
    }
    check_passes(&root);
}

#[test]
fn imports_kanji_numbered_items_a_desk_named_after_its_address_and_one_supplementary_caption() {
    let (_dir, root, _) = import_whole("legal.txt", "shoji", "ja");
    let draft = read(&root.join("content/shoji/2023-10-01.ja.md"));
    assert_eq!(draft.matches("附則").count(), 1, "the 附則 line is the caption, not text too: {draft}");
    assert!(draft.contains("## 附則 {#supplementary .unnumbered}"), "{draft}");
    // 項 numbered １　２　are a list, its 号 (一　二　) under the 項 they belong to.
    assert!(draft.contains("2. 前項の規定にかかわらず、次の場合は提供することがあります。\n    - 一　人の生命、身体又は財産の保護のために必要がある場合\n    - 二　"), "{draft}");
    assert!(draft.contains("```contact\n"), "the desk is a block: {draft}");
    let desk = read(&root.join("blocks/contact-desk.toml"));
    assert!(desk.contains("organization = { ja = \"株式会社テスト商事\"") && desk.contains("03-1234-5678"), "{desk}");
    check_passes(&root);
}

#[test]
fn imports_chapters_as_unnumbered_clauses_of_their_own() {
    let (_dir, root, _) = import_whole("chapters.txt", "terms", "ja");
    let draft = read(&root.join("content/terms/2024-06-01.ja.md"));
    let headings: Vec<&str> = draft.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## 第1章　総則 {#chapter-1 .unnumbered}",
            "## 適用 {#scope}",
            "## 定義 {#definitions}",
            "## 第2章　利用登録 {#chapter-2 .unnumbered}",
            "## 登録 {#registration}",
            "## 未成年者の利用 {#minors number=3-2}",
            "## 禁止事項 {#prohibited}",
            "## 準拠法・管轄 {#governing-law}",
            "## 附則 {#supplementary .unnumbered}",
        ],
        "{draft}"
    );
    assert!(draft.contains("    - ① 虚偽の事項を届け出た場合"), "① items nest under 1.: {draft}");
    check_passes(&root);
}

#[test]
fn imports_an_english_page_with_nested_lists_an_english_desk_and_english_dates() {
    let (_dir, root, _) = import_whole("english.html", "eprivacy", "en");
    let draft = read(&root.join("content/eprivacy/2024-06-01.en.md"));
    for heading in [
        "## Information We Collect {#collection}",
        "## How We Use Information {#purposes}",
        "## Sharing With Third Parties {#third-party}",
        "## Contact Us {#contact}",
        "## Supplementary Provisions {#supplementary .unnumbered}",
    ] {
        assert!(draft.contains(heading), "{heading}: {draft}");
    }
    assert!(draft.contains("2. To respond to inquiries\n    1. by email\n    2. by phone"), "nested: {draft}");
    let policy = read(&root.join("content/eprivacy/policy.toml"));
    assert!(policy.contains("established = 2020-04-01"), "{policy}");
    let desk = read(&root.join("blocks/contact-desk.toml"));
    for field in [
        "organization = { ja = \"Example Corp.\"",
        "department = { ja = \"Privacy Office\"",
        "postal_code = \"100-0005\"",
        "address = { ja = \"1-2-3 Marunouchi, Chiyoda-ku, Tokyo\"",
        "\"+81-3-1234-5678\"",
        "email = \"privacy@example.com\"",
    ] {
        assert!(desk.contains(field), "{field}: {desk}");
    }
    check_passes(&root);
}

#[test]
fn imports_data_tables_as_markdown_tables() {
    let (_dir, root, _) = import_whole("tables.html", "external", "ja");
    let draft = read(&root.join("content/external/2024-04-01.ja.md"));
    assert!(
        draft.contains(
            "| 送信先 | 送信される情報 | 利用目的 |\n| --- | --- | --- |\n\
             | [Google LLC](https://policies.google.com/privacy) （Google Analytics） | 閲覧したページのURL、端末情報 | アクセス解析のため |\n"
        ),
        "{draft}"
    );
    // Links keep their addresses; one to a page of the old site keeps its text.
    assert!(
        draft.contains("[オプトアウト アドオン](https://tools.google.com/dlpage/gaoptout?hl=ja&x=1)、詳しくはよくある質問をご覧ください。"),
        "{draft}"
    );
    assert!(
        draft.contains("| 2023年6月16日 | 制定 |\n| 2024年4月1日 | 改定 |"),
        "the history table stays whole: {draft}"
    );
    let policy = read(&root.join("content/external/policy.toml"));
    assert!(policy.contains("established = 2023-06-16"), "dates come from the history table: {policy}");
    check_passes(&root);
    let public = root.join("public");
    let out =
        kiyaku(&["build", "--root", s(&root), "--output", s(&public), "--now", "2024-04-02", "--record-published"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = read(&public.join("ja/external/index.html"));
    assert!(page.contains("<th>送信される情報</th>") && page.contains("<td>アクセス解析のため</td>"), "{page}");
    assert!(page.contains("<a href=\"https://tools.google.com/dlpage/gaoptout?hl=ja&amp;x=1\">"), "{page}");
}

#[test]
fn imports_kanji_numbered_sections_over_kanji_numbered_items() {
    let (_dir, root, _) = import_whole("kanji-sections.txt", "kofu", "ja");
    let draft = read(&root.join("content/kofu/2019-04-01.ja.md"));
    for heading in [
        "## 個人情報の取得 {#collection}",
        "## 利用目的 {#purposes}",
        "## 第三者提供 {#third-party}",
        "## お問い合わせ {#contact}",
    ] {
        assert!(draft.contains(heading), "{heading}: {draft}");
    }
    assert!(draft.contains("- 一　商品の発送のため\n- 二　お問い合わせへの対応のため"), "{draft}");
    check_passes(&root);
}

#[test]
fn imports_articles_in_brackets_and_lettered_items() {
    let (_dir, root, _) = import_whole("brackets.txt", "p6", "ja");
    let draft = read(&root.join("content/p6/2024-04-01.ja.md"));
    assert!(draft.contains("## 目的 {#purpose}\n") && draft.contains("## 利用目的 {#purposes}\n"), "{draft}");
    assert!(draft.contains("- (a) サービスの提供\n- (b) 料金の請求"), "{draft}");
    let policy = read(&root.join("content/p6/policy.toml"));
    assert!(policy.contains("numbering = \"articles\""), "{policy}");
    check_passes(&root);
}

#[test]
fn imports_english_articles_and_their_supplementary_provisions() {
    let (_dir, root, _) = import_whole("english-articles.txt", "terms", "en");
    let draft = read(&root.join("content/terms/2024-10-01.en.md"));
    let headings: Vec<&str> = draft.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## Scope {#scope}",
            "## Definitions {#definitions}",
            "## Prohibited Acts {#prohibited}",
            "## Governing Law and Jurisdiction {#governing-law}",
            "## Supplementary Provisions {#supplementary .unnumbered}",
        ],
        "{draft}"
    );
    assert_eq!(draft.matches("Supplementary Provisions").count(), 1, "{draft}");
    assert!(draft.contains("listed on our [pricing page](https://example.com/pricing)."), "a Markdown link stays one");
    let policy = read(&root.join("content/terms/policy.toml"));
    assert!(policy.contains("numbering = \"articles\"") && policy.contains("established = 2021-04-01"), "{policy}");
    check_passes(&root);
}

#[test]
fn imports_numbered_captions_over_decimal_numbered_paragraphs() {
    let (_dir, root, _) = import_whole("decimal.txt", "p8", "ja");
    let draft = read(&root.join("content/p8/2023-01-01.ja.md"));
    assert!(draft.contains("## 個人情報の取得 {#collection}\n\n1\\.1 当社は、適法かつ公正な手段"), "{draft}");
    assert!(
        draft.contains("## 利用目的 {#purposes}") && draft.contains("- (1) サービスの提供\n- (2) お問い合わせへの対応"),
        "{draft}"
    );
    check_passes(&root);
}

#[test]
fn imports_the_dates_of_supplementary_provisions_in_western_and_era_years() {
    let (_dir, root, _) = import_whole("supplementary.txt", "members", "ja");
    let draft = read(&root.join("content/members/2024-07-01.ja.md"));
    assert!(
        draft.contains("## 附則 {#supplementary .unnumbered}\n\n1. 本規約は、令和2年4月1日から施行する。"),
        "the 附則 line is the caption of its sentences: {draft}"
    );
    let policy = read(&root.join("content/members/policy.toml"));
    assert!(policy.contains("established = 2020-04-01"), "令和2年 is 2020, and it is the 制定日: {policy}");
    check_passes(&root);
}

#[test]
fn imports_a_page_with_a_site_menu_a_title_heading_chapters_and_a_desk_in_a_definition_list() {
    let (_dir, root, _) = import_whole("menu-and-title.html", "aoba", "ja");
    let draft = read(&root.join("content/aoba/2022-04-01.ja.md"));
    assert!(!draft.contains("ホーム") && !draft.contains("会社概要"), "the site menu is not policy text: {draft}");
    let headings: Vec<&str> = draft.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings[..3],
        [
            "## 第1章　総則 {#chapter-1 .unnumbered}",
            "## 目的 {#purpose}",
            "## 第2章　取得及び利用 {#chapter-2 .unnumbered}"
        ]
    );
    assert!(draft.contains("[所定の請求書](https://aoba.example.jp/form.pdf)"), "{draft}");
    let policy = read(&root.join("content/aoba/policy.toml"));
    assert!(policy.contains("ja = \"個人情報保護方針\"") && policy.contains("kind = \"privacy\""), "{policy}");
    let desk = read(&root.join("blocks/contact-desk.toml"));
    assert!(
        desk.contains("postal_code = \"980-0021\"") && desk.contains("宮城県仙台市青葉区中央一丁目1番1号"),
        "{desk}"
    );
    check_passes(&root);
}

#[test]
fn imports_marked_lists_and_captions_and_a_notice_first_published() {
    let (_dir, root, _) = import_whole("marks.txt", "external", "ja");
    let draft = read(&root.join("content/external/2024-02-01.ja.md"));
    assert!(
        draft.contains("\n- 閲覧したページのURL、リファラー\n- Cookie ID"),
        "● one under another is a list: {draft}"
    );
    assert!(draft.contains("## 送信される情報の内容 {#transmitted-information}"), "{draft}");
    assert!(
        draft.contains("## 送信先及び利用目的 {#purposes}\n\n### Google LLC（Googleアナリティクス） {#purposes-1}\n"),
        "■ captions under an empty 【】 caption are its sub-clauses: {draft}"
    );
    assert!(draft.contains("## 附則 {#supplementary .unnumbered}\n\n2023年6月16日 公表"), "{draft}");
    let policy = read(&root.join("content/external/policy.toml"));
    assert!(policy.contains("established = 2023-06-16"), "公表 is when a notice was first published: {policy}");
    check_passes(&root);
}

#[test]
fn imports_cited_footnotes_as_text_not_as_list_items() {
    let (_dir, root, _) = import_whole("footnotes.txt", "members", "ja");
    let draft = read(&root.join("content/members/2024-04-01.ja.md"));
    assert!(
        draft.contains(
            "2. メールアドレス\\[2\\]\n\n\\[1\\] 取得の方法は[](#collection-2)に定めます。\n\n\\[2\\] 会員登録時に限ります。\n"
        ),
        "[1] cited in the text is a footnote after the list, not its sub-item: {draft}"
    );
    check_passes(&root);
}

#[test]
fn imports_a_duplicated_article_number_counting_on_with_a_warning() {
    let (_dir, root, stderr) = import_whole("duplicate-article.txt", "members", "ja");
    let draft = read(&root.join("content/members/2024-05-01.ja.md"));
    assert!(draft.contains("## 開示請求 {#disclosure}\n"), "the second 第3条 counts on as article 4: {draft}");
    assert!(!draft.contains("number="), "{draft}");
    assert_eq!(stderr.matches("move with it").count(), 1, "one warning: {stderr}");
    check_passes(&root);
}

#[test]
fn imports_article_numbers_as_ids_repealed_articles_and_several_supplementary_provisions() {
    let (_dir, root, _) = import_whole("terms-chapters.txt", "service", "ja");
    let draft = read(&root.join("content/service/2024-06-01.ja.md"));
    assert!(draft.contains("## 本人確認 {#article-5-2 number=5-2}"), "第5条の2 is article-5-2: {draft}");
    assert!(draft.contains("## 削除 {#article-7 .deleted}"), "第7条　削除 is repealed: {draft}");
    assert!(
        draft.contains("## 附則 {#supplementary .unnumbered}\n\nこの規約は、2018年10月1日から実施します。\n\n附則（2020年4月1日）\n"),
        "every 附則 is in the 附則 clause, not in the last article: {draft}"
    );
    check_passes(&root);
}

#[test]
fn imports_a_page_whose_title_comes_after_a_banner_or_front_matter() {
    let (_dir, root, stderr) = import_whole("cookie-banner.html", "cookies", "ja");
    let policy = read(&root.join("content/cookies/policy.toml"));
    assert!(policy.contains("ja = \"Cookieポリシー\"") && policy.contains("kind = \"cookies\""), "{policy}");
    assert!(stderr.contains("1 line(s) before the title"), "{stderr}");
    check_passes(&root);

    let (_dir, root, stderr) = import_whole("front-matter.md", "app", "ja");
    let policy = read(&root.join("content/app/policy.toml"));
    assert!(policy.contains("ja = \"プライバシーポリシー\"") && policy.contains("kind = \"privacy\""), "{policy}");
    let draft = read(&root.join("content/app/2024-10-01.ja.md"));
    assert!(!draft.contains("draft: false") && !draft.contains("\\---"), "{draft}");
    assert!(stderr.contains("front matter"), "{stderr}");
    check_passes(&root);
}

#[test]
fn imports_a_translation_with_the_ids_and_desk_of_the_original() {
    let (_dir, root, _) = import(&fixture("import/games-en.html"), &["--policy", "games", "--lang", "en"]);
    let ja = fixture("import/games-ja.html");
    let out = kiyaku(&["import", s(&ja), "--policy", "games", "--lang", "ja", "--root", s(&root)]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let ids = |lang: &str| {
        let text = read(&root.join(format!("content/games/2024-07-01.{lang}.md")));
        text.lines()
            .filter(|l| l.starts_with("## "))
            .map(|l| l.rsplit_once("{#").unwrap().1.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids("ja"), ids("en"), "{stderr}");
    assert!(!root.join("blocks/contact-desk-2.toml").exists(), "the same desk is one block: {stderr}");
    assert!(stderr.contains("blocks/contact-desk.toml has the same contact"), "{stderr}");
    assert!(stderr.contains("its `ja` title should be 「プライバシーポリシー」"), "{stderr}");
    let (kept, total) = kept(&stderr);
    assert_eq!(kept, total, "{stderr}");
    let check = kiyaku(&["check", "--root", s(&root), "--now", "2026-11-22", "--record-published"]);
    let report = String::from_utf8_lossy(&check.stderr);
    assert!(!report.contains("clause-ids-differ") && check.status.success(), "{report}");
}

#[test]
fn imports_text_from_a_pdf_joining_wrapped_lines_without_page_furniture() {
    let (_dir, root, _) = import_whole("pdf-pages.txt", "rules", "ja");
    let draft = read(&root.join("content/rules/2022-04-01.ja.md"));
    assert!(
        draft
            .contains("個人情報の適正な取扱いに関し必要な事項を定め、もって個人の権利利益を保護することを目的とする。"),
        "a sentence broken over lines is one: {draft}"
    );
    assert!(!draft.contains("- 1 -") && !draft.contains("1 -"), "no page numbers: {draft}");
    assert_eq!(draft.matches("（公表用）").count(), 0, "the running head is the title, not text: {draft}");
    check_passes(&root);
}

#[test]
fn imports_a_page_of_two_documents_numbered_from_1_each() {
    let (_dir, root, stderr) = import_whole("two-documents.txt", "bank", "ja");
    let draft = read(&root.join("content/bank/2022-04-01.ja.md"));
    assert!(draft.contains("## 個人信用情報機関への提供 {#"), "a caption of the second document is a clause: {draft}");
    assert!(!draft.contains("- 個人信用情報機関への提供"), "not a purpose of use: {draft}");
    assert!(stderr.contains("move with it"), "{stderr}");
    check_passes(&root);
}

#[test]
fn imports_markdown_tables_footnotes_and_rules() {
    let (_dir, root, _) = import_whole("markdown-tables.md", "memo", "ja");
    let draft = read(&root.join("content/memo/2024-10-01.ja.md"));
    assert!(
        draft.contains("| 情報 | 利用目的 |\n| --- | --- |\n| メールアドレス | ログイン、お知らせの送信 |"),
        "{draft}"
    );
    assert!(draft.contains("\\[1\\] 本アプリの設定画面から"), "the footnote is kept as text: {draft}");
    assert!(!draft.contains("- --") && !draft.contains("\\---"), "a rule is no text: {draft}");
    check_passes(&root);
}

#[test]
fn imports_every_number_of_a_phone_line() {
    let (_dir, root, _) = import(&fixture("import/two-phones.txt"), &["--policy", "shop", "--lang", "ja"]);
    let blocks: String = std::fs::read_dir(root.join("blocks")).unwrap().map(|e| read(&e.unwrap().path())).collect();
    for number in ["0120-987-654", "03-6666-7777", "0570-000-111"] {
        assert!(blocks.contains(number), "{number}: {blocks}");
    }
    assert!(blocks.contains("label = { ja = \"携帯電話から\""), "{blocks}");
}

#[test]
fn imports_the_business_name_address_and_representative_as_a_business_block() {
    let (_dir, root, _) = import_whole("wordpress.html", "net", "ja");
    let draft = read(&root.join("content/net/2022-04-01.ja.md"));
    assert!(draft.contains("## 事業者の名称等 {#business}\n\n```business\nbusiness\n```\n"), "{draft}");
    let block = read(&root.join("blocks/business.toml"));
    assert!(block.contains("representative = { ja = \"代表取締役　緑川 一郎\""), "{block}");
    assert!(block.contains("postal_code = \"460-0008\""), "{block}");
    assert!(
        draft.contains("契約者情報：氏名、住所、電話番号、メールアドレス、生年月日、支払方法に関する情報\n\n通信履歴"),
        "{draft}"
    );
    let report = check_passes(&root);
    assert!(!report.contains("business's name, address and representative"), "{report}");
}

#[test]
fn imports_two_numbering_slips_each_with_a_warning_keeping_branches() {
    let (_dir, root, stderr) = import_whole("two-slips.txt", "service", "ja");
    assert_eq!(stderr.matches("move with it").count(), 2, "{stderr}");
    let draft = read(&root.join("content/service/2024-10-01.ja.md"));
    assert!(draft.contains("{#article-5-2 number=6-2}"), "第5条の2 stays a branch: {draft}");
    assert!(!draft.contains("{#article-6-2}"), "a repeated 第6条 is not read as 第6条の2: {draft}");
    check_passes(&root);
}

#[test]
fn imports_a_bulleted_list_of_bracket_numbers_and_a_notice_between_rules() {
    let (_dir, root, _) = import_whole("bracket-list.md", "members", "ja");
    let draft = read(&root.join("content/members/2024-04-01.ja.md"));
    assert!(draft.contains("- \\[1\\] 氏名、住所\n- \\[2\\] 電話番号"), "a list, not footnotes: {draft}");
    let (_dir, root, stderr) = import_whole("notice-between-rules.md", "notice", "ja");
    assert!(!stderr.contains("front matter"), "{stderr}");
    let draft = read(&root.join("content/notice/2024-04-01.ja.md"));
    assert!(draft.contains("本ポリシーは2024年4月1日に改定されました"), "{draft}");
}

#[test]
fn imports_a_revision_history_and_the_signature_under_it() {
    let (_dir, root, _) = import_whole("history.txt", "bank", "ja");
    let draft = read(&root.join("content/bank/2022-04-01.ja.md"));
    assert!(draft.contains("## 改定履歴 {#revision-history .unnumbered}\n\n- 2019年4月1日 制定"), "{draft}");
    assert!(draft.ends_with("個人情報保護管理者　リスク統括部長\n"), "the signature closes it: {draft}");
    let policy = read(&root.join("content/bank/policy.toml"));
    assert!(policy.contains("established = 2019-04-01"), "{policy}");
    check_passes(&root);
}

#[test]
fn imports_shift_jis_and_euc_jp_as_it_imports_utf8() {
    let utf8 = fixture("import/legal.txt");
    let (_dir, root, _) = import(&utf8, &["--policy", "shoji", "--lang", "ja"]);
    let expected = read(&root.join("content/shoji/2023-10-01.ja.md"));
    let text = read(&utf8);
    let legacy = tempfile::tempdir().unwrap();
    for encoding in [encoding_rs::SHIFT_JIS, encoding_rs::EUC_JP] {
        let file = legacy.path().join(format!("{}.txt", encoding.name()));
        std::fs::write(&file, encoding.encode(&text).0).unwrap();
        let (_dir, root, stderr) = import(&file, &["--policy", "shoji", "--lang", "ja"]);
        assert!(stderr.contains(&format!("as {}", encoding.name())), "{stderr}");
        assert_eq!(read(&root.join("content/shoji/2023-10-01.ja.md")), expected, "{}", encoding.name());
    }
}

#[test]
fn empty_and_binary_inputs_are_refused_and_nothing_is_written() {
    let (_dir, root) = init_site();
    let inputs = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("empty.txt", b"".to_vec()),
        ("blank.txt", b"\n \n".to_vec()),
        ("image.png", vec![0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0xff, 0xfe]),
    ] {
        let file = inputs.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let out = kiyaku(&[
            "import",
            s(&file),
            "--policy",
            "x",
            "--lang",
            "ja",
            "--root",
            s(&root),
            "--effective",
            "2024-01-01",
        ]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("cannot import"), "{name}");
        assert!(!root.join("content/x").exists(), "{name}: nothing written");
    }
}

#[test]
fn imports_a_cms_page_whose_captions_are_bold_paragraphs() {
    let (_dir, root, _) = import_whole("cms.html", "shop", "ja");
    let draft = read(&root.join("content/shop/2022-05-01.ja.md"));
    let headings: Vec<&str> = draft.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## 個人情報の取得 {#collection}",
            "## 利用目的 {#purposes}",
            "## 第三者提供 {#third-party}",
            "## お問い合わせ窓口 {#contact}",
            "## 附則 {#supplementary .unnumbered}",
        ],
        "{draft}"
    );
    assert!(draft.contains("```contact\n"), "{draft}");
    check_passes(&root);
}

#[test]
fn imports_item_marks_as_written_and_the_page_shows_them_without_bullets() {
    let (_dir, root, _) = import_whole("item-marks.txt", "games", "ja");
    let draft = read(&root.join("content/games/2024-04-01.ja.md"));
    // ② and (イ), which 第3条 cites, are kept; (ア) nests under ②.
    assert!(
        draft.contains(
            "- ① 法令に違反する行為\n- ② 他の利用者に迷惑をかける行為\n    - (ア) 誹謗中傷\n    - (イ) なりすまし\n- ③"
        ),
        "{draft}"
    );
    check_passes(&root);
    let out = root.join("public");
    crate::common::build(&root, &out, "2026-11-22");
    let page = read(&out.join("ja/games/index.html"));
    assert!(page.contains("<ul class=\"k-marked\">\n<li>① 法令に違反する行為</li>"), "{page}");
    assert!(page.contains("<ul class=\"k-marked\">\n<li>(ア) 誹謗中傷</li>"), "{page}");
}

#[test]
fn imports_lettered_and_roman_html_lists_with_the_marks_a_browser_shows() {
    let (_dir, root, _) = import_whole("ol-types.html", "community", "en");
    let draft = read(&root.join("content/community/2024-04-01.en.md"));
    assert!(draft.contains("- a. post unlawful content;\n- b. impersonate others, including:\n    - (i) staff;\n    - (ii) other players."), "{draft}");
    assert!(draft.contains("3. Third step.\n4. Fourth step."), "{draft}");
    check_passes(&root);
}

#[test]
fn a_line_of_a_desk_that_its_block_would_not_show_stays_text() {
    let (_dir, root, _) = import_whole("dpo-contact.md", "gdpr", "en");
    let draft = read(&root.join("content/gdpr/2024-06-01.en.md"));
    assert!(draft.contains("```contact\ncontact-desk\n```\n\nData Protection Officer: dpo@example.com"), "{draft}");
    check_passes(&root);
}

#[test]
fn the_draft_takes_the_latest_date_however_the_text_gives_it() {
    // Two dates on one line; 「…に改定し、同日から施行」 in a 附則; a 改定履歴
    // whose newest line says what changed but not 改定.
    for (name, latest, established) in [
        ("dates-one-line.txt", "2025-03-15", "2020-04-01"),
        ("supplementary-revised.txt", "2023-10-01", "2020-04-01"),
        ("history-plain-lines.txt", "2024-01-15", "2019-04-01"),
    ] {
        let (_dir, root, _) = import_whole(name, "p", "ja");
        assert!(root.join(format!("content/p/{latest}.ja.md")).is_file(), "{name}");
        let policy = read(&root.join("content/p/policy.toml"));
        assert!(policy.contains(&format!("established = {established}")), "{name}: {policy}");
    }
}

#[test]
fn imports_emphasis_from_html_and_markdown_as_markdown_emphasis() {
    let (_dir, root, _) = import_whole("emphasis.html", "club", "ja");
    let draft = std::fs::read_dir(root.join("content/club"))
        .unwrap()
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "md"));
    let draft = read(&draft.unwrap().path());
    assert!(draft.contains("**いったん支払われた会費は、理由の如何を問わず返金しません。**"), "{draft}");
    assert!(draft.contains("**退会希望月の前月10日まで**に"), "<strong><u> is one span: {draft}");
    check_passes(&root);
    let (_dir, root, _) = import_whole("emphasis.md", "em", "ja");
    let draft = std::fs::read_dir(root.join("content/em"))
        .unwrap()
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "md"));
    let draft = read(&draft.unwrap().path());
    assert!(
        draft.contains("当社は、**当社に故意又は重過失がある場合を除き**、責任を負いません。*重要*な事項です。"),
        "{draft}"
    );
    assert!(!draft.contains("\\*"), "no literal asterisks: {draft}");
}

#[test]
fn a_lesser_heading_under_a_heading_with_text_is_its_sub_clause() {
    let (_dir, root, _) = import_whole("sub-headings.html", "p", "ja");
    let draft = read(&root.join("content/p/2024-04-01.ja.md"));
    assert!(
        draft.contains("## 利用目的 {#purposes}\n\n当社は、次の目的で利用します。\n\n### お客さまの情報 {#purposes-1}"),
        "{draft}"
    );
    assert!(!draft.contains("\\#"), "no heading is left as escaped text: {draft}");
    check_passes(&root);
}

#[test]
fn page_furniture_is_left_out_and_pdf_lines_are_joined() {
    // A site footer in a <div> (headings, link lists, copyright) is not the policy.
    let (_dir, root, _) = import_whole("footer-div.html", "p", "ja");
    let draft = std::fs::read_dir(root.join("content/p"))
        .unwrap()
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "md"));
    let draft = read(&draft.unwrap().path());
    assert!(!draft.contains("物件をさがす") && !draft.contains("©"), "{draft}");
    // A PDF's running head after each page number goes, and a line cut after 、 goes on.
    let (_dir, root, _) = import_whole("pdf-running-head.txt", "p", "ja");
    let draft = std::fs::read_dir(root.join("content/p"))
        .unwrap()
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "md"));
    let draft = read(&draft.unwrap().path());
    assert!(!draft.contains("プライバシーポリシー（株式会社ながれ運輸）"), "{draft}");
    assert!(draft.contains("（配達予定のご連絡、不在連絡票の投函を含みます。）"), "{draft}");
    check_passes(&root);
    // Two numbered captions, each over sentences of its own, are clauses.
    let (_dir, root, _) = import_whole("two-captions.txt", "p", "ja");
    let draft = read(&root.join("content/p/2024-04-01.ja.md"));
    assert!(draft.contains("## 利用目的 {#purposes}") && draft.contains("## お問い合わせ {#contact}"), "{draft}");
    // Numbered 1. 2., not 第1条: published as 1. 2.
    assert!(read(&root.join("content/p/policy.toml")).contains("numbering = \"sections\""));
    let out = root.join("public");
    crate::common::build(&root, &out, "2026-11-22");
    let page = read(&out.join("ja/p/index.html"));
    assert!(
        page.contains("<span class=\"k-clause-number\">1.</span> <span class=\"k-clause-caption\">利用目的</span>"),
        "{page}"
    );
}

#[test]
fn the_title_is_the_heading_that_names_the_document_not_the_sites_name() {
    let (_dir, root, _) = import_whole("site-name-h1.html", "p", "ja");
    let policy = read(&root.join("content/p/policy.toml"));
    assert!(policy.contains("ja = \"個人情報の取扱いについて\""), "{policy}");
    let draft = read(&root.join("content/p/2024-04-01.ja.md"));
    assert!(draft.contains("## 利用目的 {#purposes}") && draft.contains("### お客さまの情報 {#purposes-1}"), "{draft}");
}

#[test]
fn markdown_lists_nest_by_their_indent() {
    let (_dir, root, _) = import_whole("markdown-nested-lists.md", "p", "ja");
    let draft = read(&root.join("content/p/2024-04-01.ja.md"));
    let expected = "1. 法令に違反する行為\n2. サーバーに過度の負荷をかける行為\n    1. 自動化ツールによる大量アクセス\n    2. 上限を超えるAPI呼出し\n3. 第三者になりすます行為\n- 個人の情報\n    - 氏名\n    - 住所\n- 法人の情報\n";
    assert!(draft.contains(expected), "{draft}");
    assert!(!draft.contains(['\u{e010}', '\u{e011}']), "no mark of the importer's own reaches the draft");
    check_passes(&root);
}

/// An input that holds one of the importer's own marks (a Unicode
/// noncharacter) is refused, naming the file, the line and the column, and
/// nothing is written.
#[test]
fn import_refuses_a_reserved_character_with_its_place() {
    let (_dir, root) = init_site();
    let file = fixture("import/reserved-character.txt");
    let out = kiyaku(&["import", s(&file), "--policy", "notice", "--lang", "ja", "--root", s(&root)]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("reserved-character.txt") && stderr.contains("line 6, column 14"), "{stderr}");
    assert!(stderr.contains("U+FDD0"), "{stderr}");
    assert!(!root.join("content/notice").exists(), "nothing is written");
}

/// `check` says when the next build will change the record, and says
/// nothing of it when there is nothing in effect to record.
#[test]
fn check_says_when_the_record_would_change() {
    let site = copy_fixture("basic");
    let root = s(site.path());
    let pending = kiyaku(&["check", "--root", root, "--now", "2025-06-01", "--record-published"]);
    assert!(String::from_utf8_lossy(&pending.stderr).contains("the next build will update kiyaku.lock"));
    let nothing = kiyaku(&["check", "--root", root, "--now", "2019-06-01", "--record-published"]);
    assert!(!String::from_utf8_lossy(&nothing.stderr).contains("kiyaku.lock"), "nothing in effect, nothing to record");
    assert!(!site.path().join("kiyaku.lock").exists(), "check writes nothing");
}

/// Issue 19, hole 3: the importer makes an unambiguous mention of the
/// text's own article a link kiyaku keeps right; another law's article, a
/// number no heading has and the 附則's mentions (numbered as then) stay.
#[test]
fn imports_mentions_of_own_articles_as_links_that_keep_their_numbers() {
    let (_dir, root, stderr) = import_whole("article-mentions.txt", "members", "ja");
    assert!(stderr.contains("3 mention(s) of its own articles"), "{stderr}");
    let draft = std::fs::read_dir(root.join("content/members"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| read(&p))
        .unwrap();
    assert!(draft.contains("会員情報を[](#"), "{draft}");
    assert!(draft.contains("個人情報保護法第27条") && draft.contains("第9条に定める"), "{draft}");
    assert!(draft.contains("（第3条を変更）"), "the 附則 as written: {draft}");
    let out = root.join("public");
    let built =
        kiyaku(&["build", "--root", s(&root), "--output", s(&out), "--now", "2026-11-22", "--record-published"]);
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let page = read(&out.join("ja/members/index.html"));
    assert!(page.contains("\">第3条</a>に定める範囲"), "shown with its number");
}

/// Issue 20: captions written as plain lines between blank lines are
/// clauses; nothing is joined across a blank line (a caption was glued to
/// the sentence before it); `1 …` items and doubled bullets are lists; a
/// 「制定及び実施」 date is the 制定日.
#[test]
fn imports_plain_line_captions_without_joining_across_blank_lines() {
    let (_dir, root, stderr) = import_whole("plain-captions.txt", "sample", "ja");
    assert!(stderr.contains("clauses: collection, third-party, security, contact, supplementary"), "{stderr}");
    let draft = read(&root.join("content/sample/2023-04-01.ja.md"));
    assert!(draft.contains("適用されます\n\n## 情報の取得と利用 {#collection}"), "not glued: {draft}");
    assert!(draft.contains("1. サービスの提供のため\n2. お問い合わせへの対応のため"), "{draft}");
    assert!(draft.contains("- 従業員の教育\n- アクセス制御"), "{draft}");
    let policy = read(&root.join("content/sample/policy.toml"));
    assert!(policy.contains("established = 2010-10-01"), "{policy}");
}

/// Issue 20: a title on its own line below a site's name and a breadcrumb
/// is found (not left as the slug), and unnumbered sub-captions inside a
/// numbered clause are its sub-clauses.
#[test]
fn imports_a_title_below_a_site_header_and_plain_sub_captions() {
    let (_dir, root, stderr) = import_whole("site-header-sub-captions.txt", "sample", "ja");
    assert!(stderr.contains("2 line(s) before the title"), "{stderr}");
    let policy = read(&root.join("content/sample/policy.toml"));
    assert!(policy.contains("ja = \"プライバシーポリシー\""), "{policy}");
    let draft = read(&root.join("content/sample/2022-04-01.ja.md"));
    assert!(
        draft.contains("## 利用目的 {#purposes}\n\n当社は、取得した情報を次の目的で利用します。\n\n### 商品の発送 {#"),
        "{draft}"
    );
    assert!(draft.contains("### ご案内の送付 {#"), "{draft}");
}

/// Issue 22: shell completions from the parser's own definitions.
#[test]
fn completions_cover_every_command_and_flag() {
    for shell in ["bash", "zsh", "fish"] {
        let out = kiyaku(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        for word in ["build", "serve", "import", "--record-published", "--base-url", "--allow-changes"] {
            assert!(script.contains(word.trim_start_matches('-')), "{shell}: {word}");
        }
    }
    assert_eq!(kiyaku(&["completions", "tcsh"]).status.code(), Some(2), "an unknown shell is a usage error");
}

/// Issue 20: a 変更前／変更後 notice's own lines (its title, date and
/// greeting) are not the new version's text, and its date is `announced`.
#[test]
fn a_change_notice_gives_its_date_and_keeps_its_lines_out_of_the_policy() {
    let file = fixture("import/change-notice-two-versions.txt");
    let (_dir, root, stderr) =
        import(&file, &["--policy", "club", "--lang", "ja", "--previous-effective", "2019-04-01"]);
    assert!(stderr.contains("the notice's own text") && stderr.contains("2024-05-20"), "{stderr}");
    let draft = read(&root.join("content/club/2024-07-01.ja.md"));
    assert!(draft.contains("announced = 2024-05-20"), "{draft}");
    assert!(!draft.contains("改定のお知らせ"), "{draft}");
    check_passes(&root);
}

/// Issue 20: numbered sub-captions over their own text become sub-clauses
/// (their marks left to kiyaku's numbering), and the report ends with what
/// `kiyaku check` says of the draft: check then lists nothing it did not.
#[test]
fn imports_numbered_sub_captions_and_reports_what_check_would_say() {
    let (_dir, root, stderr) = import_whole("numbered-sub-captions.txt", "shop", "ja");
    let draft = read(&root.join("content/shop/2024-04-01.ja.md"));
    assert!(draft.contains("### お客様にご提供いただく情報 {#collection-1}\n\n氏名、住所"), "{draft}");
    assert!(draft.contains("### サービスのご利用に伴い取得する情報 {#collection-2}"), "{draft}");
    let check = kiyaku(&["check", "--root", s(&root), "--record-published", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let ours: Vec<String> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"].as_str().is_some_and(|f| f.contains("content/shop/")))
        .map(|d| format!("[{}]: {}", d["code"].as_str().unwrap(), d["message"].as_str().unwrap()))
        .collect();
    assert!(ours.len() >= 2, "the draft lacks the security clause and its English text: {ours:?}");
    for item in &ours {
        assert!(
            stderr.lines().any(|l| l.starts_with("to do ") && l.contains(item.as_str())),
            "{item} not in:\n{stderr}"
        );
    }
}
