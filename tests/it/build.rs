//! `kiyaku build` over the fixture sites: pages, anchors, banners, the
//! language switcher, history, blocks as of their date, determinism and
//! all-or-nothing output.

use crate::common::*;

const NOW: &str = "2025-06-01";

fn built(now: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    build_fixture("basic", now)
}

#[test]
fn writes_every_page() {
    let (_dir, out) = built(NOW);
    for page in [
        "index.html",
        "ja/index.html",
        "en/index.html",
        "ja/privacy/index.html",
        "ja/privacy/2020-01-01/index.html",
        "ja/privacy/2022-04-01/index.html",
        "ja/privacy/2030-01-01/index.html",
        "en/privacy/2030-01-01/index.html",
        "ja/privacy/history/index.html",
        "en/terms/index.html",
        "en/terms/2021-01-01/index.html",
        "static/kiyaku.css",
        "static/kiyaku.js",
    ] {
        assert!(out.join(page).is_file(), "missing {page}");
    }
}

#[test]
fn the_root_and_not_found_pages_have_one_main_heading_and_honest_alternates() {
    let (_dir, out) = built(NOW);
    let root = read(&out.join("index.html"));
    assert_eq!(root.matches("<h1").count(), 1, "{root}");
    assert!(root.contains("hreflang=\"en\" href=\"https://example.com/legal/en/\""), "{root}");
    assert!(!root.contains("class=\"k-languages\""), "the page itself chooses the language");
    // Every page names the feed of its language, for feed readers and apps.
    let ja = read(&out.join("ja/privacy/index.html"));
    assert!(
        ja.contains(
            "<link rel=\"alternate\" type=\"application/feed+json\" href=\"https://example.com/legal/ja/feed.json\""
        ),
        "{ja}"
    );
    let en = read(&out.join("en/terms/index.html"));
    assert!(en.contains("type=\"application/feed+json\" href=\"https://example.com/legal/en/feed.json\""), "{en}");
    let missing = read(&out.join("404.html"));
    assert_eq!(missing.matches("<h1").count(), 1, "{missing}");
    assert!(!missing.contains("rel=\"alternate\""), "{missing}");
    assert!(
        missing.contains("<meta name=\"robots\" content=\"noindex\">") && !missing.contains("rel=\"canonical\""),
        "{missing}"
    );
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(sitemap.contains("hreflang=\"x-default\" href=\"https://example.com/legal/ja/privacy/\""), "{sitemap}");
}

#[test]
fn clause_anchors_are_the_same_in_every_language() {
    let (_dir, out) = built(NOW);
    for version in ["2020-01-01", "2022-04-01", "2030-01-01"] {
        let ja = clause_ids(&read(&out.join(format!("ja/privacy/{version}/index.html"))));
        let en = clause_ids(&read(&out.join(format!("en/privacy/{version}/index.html"))));
        assert_eq!(ja, en, "{version}");
        assert!(ja.contains(&"purposes".to_string()));
    }
    let first = clause_ids(&read(&out.join("ja/privacy/2020-01-01/index.html")));
    let last = clause_ids(&read(&out.join("ja/privacy/2030-01-01/index.html")));
    assert!(first.iter().all(|id| last.contains(id)), "ids survive across versions");
}

#[test]
fn numbering_is_generated_and_not_part_of_the_anchor() {
    let (_dir, out) = built(NOW);
    let ja = read(&out.join("ja/privacy/2022-04-01/index.html"));
    assert!(
        ja.contains(
            "<span class=\"k-clause-number\">第2条</span> <span class=\"k-clause-caption\">安全管理措置</span>"
        )
    );
    assert!(ja.contains("id=\"security\""));
    let en = read(&out.join("en/privacy/2022-04-01/index.html"));
    assert!(en.contains("<span class=\"k-clause-number\">Article 2</span>"));
    assert!(!en.contains("Article 5"), "the unnumbered supplementary provisions get no number");
    let terms = read(&out.join("ja/terms/index.html"));
    assert!(!terms.contains("第1条"), "numbering = none");
}

#[test]
fn banner_shows_in_force_upcoming_and_archived() {
    let (_dir, out) = built(NOW);
    let current = read(&out.join("ja/privacy/index.html"));
    assert!(current.contains("k-banner-in-force"));
    assert!(current.contains("<time datetime=\"2022-04-01\">2022年4月1日</time>"));
    assert!(current.contains("改定版が2030年1月1日から施行されます。"));
    assert!(current.contains("href=\"/legal/ja/privacy/2030-01-01/\""));
    assert!(current.contains("制定日</dt><dd><time datetime=\"2020-01-01\">"));

    let upcoming = read(&out.join("en/privacy/2030-01-01/index.html"));
    assert!(upcoming.contains("k-banner-upcoming"));
    assert!(upcoming.contains("This version takes effect on January 1, 2030."));
    assert!(upcoming.contains("href=\"/legal/en/privacy/2022-04-01/\""), "links to the version in force");

    let archived = read(&out.join("ja/privacy/2020-01-01/index.html"));
    assert!(archived.contains("k-banner-archived"));
    assert!(archived.contains("2020年1月1日から2022年3月31日まで施行されていた"));
    assert!(archived.contains("現在施行中の版を見る"));
}

#[test]
fn today_decides_which_version_is_at_the_canonical_url() {
    let (_dir, out) = built("2031-01-01");
    let current = read(&out.join("en/privacy/index.html"));
    assert!(current.contains("k-banner-in-force"));
    assert!(current.contains("Retention"));
    // Before its first version takes effect (it has no `announced` date),
    // the policy is not public: it is left out.
    let (_dir, out) = built("2019-01-01");
    assert!(!out.join("en/privacy/index.html").exists(), "nothing is public yet");
    // Announced ahead, it is public as upcoming from its announcement.
    let site = copy_fixture("basic");
    edit(
        site.path(),
        "content/privacy/2020-01-01.ja.md",
        "effective = 2020-01-01",
        "effective = 2020-01-01\nannounced = 2018-12-01",
    );
    edit(
        site.path(),
        "content/privacy/2020-01-01.en.md",
        "effective = 2020-01-01",
        "effective = 2020-01-01\nannounced = 2018-12-01",
    );
    let out = site.path().join("public");
    build(site.path(), &out, "2019-01-01");
    let current = read(&out.join("en/privacy/index.html"));
    let banner = built_banner(&current);
    assert!(banner.contains("k-banner-upcoming"), "nothing is in force yet");
    assert!(!banner.contains("See the version in force"));
}

/// The banner as built (not the ones scheduled for later days).
fn built_banner(html: &str) -> &str {
    let start = html.find("<div class=\"k-banner-slot\"").unwrap();
    let end = start + html[start..].find("</div>\n").unwrap();
    &html[start..end]
}

#[test]
fn pages_carry_the_banners_of_later_days() {
    let (_dir, out) = built(NOW);
    let current = read(&out.join("en/privacy/index.html"));
    let later = current.split("<template class=\"k-banner-later\" data-k-from=\"2030-01-01\">").nth(1).unwrap();
    let later = later.split("</template>").next().unwrap();
    assert!(later.contains("k-banner-archived"), "{later}");
    assert!(later.contains("from April 1, 2022 to December 31, 2029"));
    assert!(later.contains("href=\"/legal/en/privacy/2030-01-01/\""), "then the 2030 version is in force");
    let upcoming = read(&out.join("ja/privacy/2030-01-01/index.html"));
    assert!(upcoming.contains("data-k-from=\"2030-01-01\">\n<section class=\"k-banner k-banner-in-force\""));
    // An archived version stays archived, but the version in force it links
    // to changes on 2030-01-01.
    let archived = read(&out.join("ja/privacy/2020-01-01/index.html"));
    assert!(archived.split("<template").next().unwrap().contains("href=\"/legal/ja/privacy/2022-04-01/\""));
    let later = archived.split("<template class=\"k-banner-later\" data-k-from=\"2030-01-01\">").nth(1).unwrap();
    let later = later.split("</template>").next().unwrap();
    assert!(later.contains("k-banner-archived") && later.contains("href=\"/legal/ja/privacy/2030-01-01/\""), "{later}");
}

#[test]
fn sitemap_robots_and_head_metadata() {
    let (_dir, out) = built(NOW);
    let sitemap = read(&out.join("sitemap.xml"));
    // Changed last (by 2025-06-01) when the next version was announced (its
    // banner says so), on 2025-05-01.
    assert!(sitemap.contains("<loc>https://example.com/legal/ja/privacy/2022-04-01/</loc><lastmod>2025-05-01</lastmod><xhtml:link rel=\"alternate\" hreflang=\"ja\" href=\"https://example.com/legal/ja/privacy/2022-04-01/\"/><xhtml:link rel=\"alternate\" hreflang=\"en\""), "{sitemap}");
    // The first version changed when the second took effect (archived).
    assert!(
        sitemap.contains("<loc>https://example.com/legal/ja/privacy/2020-01-01/</loc><lastmod>2022-04-01</lastmod>")
    );
    let terms = sitemap
        .split("<loc>https://example.com/legal/ja/terms/2021-01-01/</loc>")
        .nth(1)
        .unwrap()
        .split("</url>")
        .next()
        .unwrap();
    assert!(!terms.contains("hreflang"), "no alternate where the translation does not exist");
    // The pages say the same: the English page of a Japanese-only text is
    // reachable from the switcher but not announced as English.
    for page in ["ja/terms/index.html", "ja/terms/2021-01-01/index.html", "en/terms/2021-01-01/index.html"] {
        let head = read(&out.join(page));
        assert!(!head.contains("<link rel=\"alternate\" hreflang=\"en\""), "{page}: {head}");
        assert!(head.contains("<link rel=\"alternate\" hreflang=\"ja\""), "{page}");
        let own_language = page.starts_with("ja/");
        assert!(!own_language || !head.contains("og:locale:alternate"), "{page}: no other language has this text");
    }
    // The English page showing the Japanese text is canonical to the Japanese page.
    let fallback = read(&out.join("en/terms/2021-01-01/index.html"));
    assert!(fallback.contains("<link rel=\"canonical\" href=\"https://example.com/legal/ja/terms/2021-01-01/\">"));
    assert!(fallback.contains("<meta property=\"og:url\" content=\"https://example.com/legal/ja/terms/2021-01-01/\">"));
    let own = read(&out.join("ja/terms/2021-01-01/index.html"));
    assert!(own.contains("<link rel=\"canonical\" href=\"https://example.com/legal/ja/terms/2021-01-01/\">"));
    assert!(read(&out.join("ja/terms/index.html")).contains("hreflang=\"en\" lang=\"en\" data-keep-hash>English</a>"));
    assert!(!sitemap.contains("404.html"));
    let robots = read(&out.join("robots.txt"));
    assert!(robots.contains("Sitemap: https://example.com/legal/sitemap.xml"));
    assert!(robots.contains("Allow: /legal/\n") && robots.contains("# This site lives under /legal/"), "{robots}");
    let page = read(&out.join("en/privacy/index.html"));
    for needle in [
        "<meta property=\"og:title\" content=\"Privacy Policy\">",
        "<meta property=\"og:locale\" content=\"en_US\">",
        "<meta property=\"og:locale:alternate\" content=\"ja_JP\">",
        "<meta property=\"og:image\" content=\"https://example.com/legal/static/og-image.",
        "rel=\"icon\"",
    ] {
        assert!(page.contains(needle), "{needle}");
    }
    assert!(out.join("static/favicon.svg").is_file());
    assert!(page.contains("<meta name=\"description\" content=\"Privacy Policy, effective April 1, 2022. Added a clause on security measures.\">"), "{page}");
    assert!(read(&out.join("404.html")).contains("Page not found"));
}

#[test]
fn language_switcher_and_alternates() {
    let (_dir, out) = built(NOW);
    let ja = read(&out.join("ja/privacy/2022-04-01/index.html"));
    assert!(ja.contains("<html lang=\"ja\" style=\"--k-print-head: "));
    assert!(
        ja.contains("<a href=\"/legal/en/privacy/2022-04-01/\" hreflang=\"en\" lang=\"en\" data-keep-hash>English</a>")
    );
    assert!(ja.contains(
        "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.com/legal/en/privacy/2022-04-01/\">"
    ));
    assert!(ja.contains("<link rel=\"canonical\" href=\"https://example.com/legal/ja/privacy/2022-04-01/\">"));
    let script = read(&out.join("static/kiyaku.js"));
    assert!(script.contains("url.hash = id"), "the switcher keeps the clause read (the browser test checks it)");
}

#[test]
fn english_pages_say_the_japanese_text_governs() {
    let (_dir, out) = built(NOW);
    let en = read(&out.join("en/privacy/index.html"));
    assert!(en.contains("Where it differs from the Japanese text, the Japanese text prevails."));
    let ja = read(&out.join("ja/privacy/index.html"));
    assert!(!ja.contains("k-notice-governing"));
}

#[test]
fn missing_translation_shows_the_governing_text_with_a_notice() {
    let (_dir, out) = built(NOW);
    let en = read(&out.join("en/terms/index.html"));
    assert!(en.contains("k-notice-missing"));
    assert!(en.contains("<div class=\"k-policy-body\" lang=\"ja\">"));
    assert!(en.contains("本規約は"));
    assert!(!en.contains("k-notice-governing"), "the Japanese text shown is no translation");
}

#[test]
fn a_version_without_governing_text_says_which_text_is_shown() {
    let site = copy_fixture("basic");
    let notice = add_policy(site.path(), "notice", "other", ("お知らせ", "Notice"));
    std::fs::write(
        notice.join("2021-01-01.en.md"),
        "+++\neffective = 2021-01-01\nsummary = \"First\"\n+++\n\n## Scope {#scope}\n\nThis notice applies.\n",
    )
    .unwrap();
    let out = site.path().join("public");
    assert!(build(site.path(), &out, NOW).status.success());
    let ja = read(&out.join("ja/notice/index.html"));
    assert!(ja.contains("この版には日本語版がないため、英語版を表示しています。"), "{ja}");
    assert!(ja.contains("<div class=\"k-policy-body\" lang=\"en\">"));
    let en = read(&out.join("en/notice/index.html"));
    assert!(!en.contains("k-notice-governing") && !en.contains("k-notice-missing"), "the only text, in English");
    let json = read(&out.join("api/v1/ja/notice/current.json"));
    assert!(json.contains("\"text_lang\":\"en\"") && json.contains("\"translation\":false"), "{json}");
}

#[test]
fn history_lists_every_version_newest_first() {
    let (_dir, out) = built(NOW);
    let history = read(&out.join("en/privacy/history/index.html"));
    let positions: Vec<usize> = ["2030-01-01", "2022-04-01", "2020-01-01"]
        .iter()
        .map(|date| history.find(&format!("href=\"/legal/en/privacy/{date}/\"")).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]));
    assert!(history.contains("Set a retention period."));
    assert!(history.contains("Material change"));
    assert!(history.contains("k-tag-upcoming"));
}

#[test]
fn blocks_show_their_state_on_the_versions_last_day() {
    let (_dir, out) = built(NOW);
    let archived = read(&out.join("ja/privacy/2020-01-01/index.html"));
    assert!(archived.contains("旧窓口") && !archived.contains("新窓口"));
    assert!(archived.contains("<a href=\"tel:+81-120-111-222\">0120-111-222</a>"));
    assert!(archived.contains("〒100-0001"));
    let current = read(&out.join("ja/privacy/index.html"));
    assert!(current.contains("新窓口") && !current.contains("旧窓口"));
    assert!(current.contains("<a href=\"mailto:desk@example.com\">"));
    assert!(current.contains("application/ld+json"));
}

#[test]
fn policy_links_resolve_per_language() {
    let (_dir, out) = built(NOW);
    let terms = read(&out.join("ja/terms/index.html"));
    assert!(terms.contains("href=\"/legal/ja/privacy/#purposes\""));
}

#[test]
fn same_input_gives_the_same_bytes() {
    let (_a, first) = built(NOW);
    let (_b, second) = built(NOW);
    assert_eq!(tree(&first), tree(&second));
}

#[test]
fn source_date_epoch_sets_today_in_japan_time() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    // 2022-03-31T15:00:00Z is 2022-04-01 00:00 in Japan.
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_kiyaku"))
        .args(["build", "--root", s(site.path()), "--output", s(&out), "--record-published"])
        .env("SOURCE_DATE_EPOCH", "1648738800")
        .output()
        .unwrap();
    assert!(status.status.success());
    let current = read(&out.join("ja/privacy/index.html"));
    assert!(current.contains("安全管理措置"), "the 2022-04-01 version is in force from midnight JST");
}

#[test]
fn a_failed_build_leaves_the_last_good_site() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    build(site.path(), &out, NOW);
    let before = tree(&out);
    edit(site.path(), "content/privacy/2022-04-01.en.md", "{#security}", "{#securty}");
    let failed = kiyaku(&["build", "--root", s(site.path()), "--output", s(&out), "--now", NOW, "--record-published"]);
    assert_eq!(failed.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(stderr.contains("2022-04-01.en.md:"), "{stderr}");
    assert!(stderr.contains("the output folder was left as it was"), "{stderr}");
    assert_eq!(tree(&out), before);
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let site = copy_fixture("basic");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let out =
        kiyaku(&["build", "--root", s(site.path()), "--output", s(dir.path()), "--now", NOW, "--record-published"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("was not written by kiyaku"));
    assert!(dir.path().join("notes.txt").exists());
    // A link to a folder, and a site folder that is not there.
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(site.path(), &link).unwrap();
    let out = kiyaku(&["build", "--root", s(site.path()), "--output", s(&link), "--now", NOW, "--record-published"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a symbolic link"));
    let missing = dir.path().join("missing");
    let out = kiyaku(&["build", "--root", s(&missing), "--now", NOW, "--record-published"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a folder"));
    assert!(!missing.exists(), "nothing is created for a site that is not there");
}

#[test]
fn site_templates_and_strings_override_the_theme() {
    let site = copy_fixture("basic");
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::create_dir_all(site.path().join("i18n")).unwrap();
    std::fs::write(site.path().join("templates/history.html"), "<p>{{ t(\"history-link\") }}: {{ policy.title }}</p>")
        .unwrap();
    std::fs::write(site.path().join("i18n/en.ftl"), "history-link = Changes over time\n").unwrap();
    let out = site.path().join("public");
    build(site.path(), &out, NOW);
    assert_eq!(read(&out.join("en/privacy/history/index.html")), "<p>Changes over time: Privacy Policy</p>");
    assert!(read(&out.join("en/privacy/index.html")).contains("Changes over time"));
}

#[test]
fn output_defaults_to_public_under_the_root() {
    let site = copy_fixture("basic");
    let out = kiyaku(&["build", "--root", s(site.path()), "--now", NOW, "--record-published"]);
    assert!(out.status.success());
    assert!(site.path().join("public/index.html").is_file());
}

#[test]
fn markup_in_any_field_is_text_and_never_runs() {
    let site = copy_fixture("basic");
    let attack = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    edit(site.path(), "kiyaku.toml", "ja = \"テスト規約集\"", &format!("ja = \"テスト規約集{attack}\""));
    edit(
        site.path(),
        "content/privacy/policy.toml",
        "ja = \"プライバシーポリシー\"",
        &format!("ja = \"方針{attack}\""),
    );
    edit(
        site.path(),
        "content/privacy/2030-01-01.ja.md",
        "summary = \"保有期間を定めました。\"",
        &format!("summary = \"{attack}\""),
    );
    edit(
        site.path(),
        "blocks/desk.toml",
        "department = { ja = \"新窓口\"",
        &format!("department = {{ ja = \"新窓口{attack}\""),
    );
    edit(
        site.path(),
        "content/privacy/2030-01-01.ja.md",
        "## 保有期間 {#retention}",
        "## 保有期間 `<script>` {#retention}",
    );
    let out = site.path().join("public");
    build(site.path(), &out, NOW);
    for (path, bytes) in tree(&out) {
        let text = String::from_utf8_lossy(&bytes);
        if path.ends_with(".html") {
            assert!(!text.contains("<script>alert") && !text.contains("<img src=x"), "{path} carries live markup");
        }
    }
    let page = read(&out.join("ja/privacy/2030-01-01/index.html"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "shown as text");
    let current = read(&out.join("ja/privacy/index.html"));
    let jsonld = current.split("application/ld+json\">").nth(1).unwrap().split("</script>").next().unwrap();
    assert!(!jsonld.contains('<'), "JSON-LD cannot close its script element: {jsonld}");
}

/// The paths links are checked against (computed from the model alone) are
/// exactly the files a build writes, for the example site and the fixtures,
/// but for the host's `_headers` and the digest-named copies of the theme's
/// assets: no policy links to those (their names change with their content).
#[test]
fn the_routes_links_are_checked_against_are_the_files_built() {
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf();
    let digest_named = regex::Regex::new(r"^static/.+\.[0-9a-f]{10}(\.[^./]+)?$").unwrap();
    for root in [example, fixture("basic"), fixture("revisions")] {
        let today = jiff::civil::date(2025, 6, 1);
        let compiled = kiyaku::pipeline::compile(&root, today);
        assert!(!compiled.diagnostics.has_errors(), "{}: {:?}", root.display(), compiled.diagnostics);
        let built: std::collections::BTreeSet<String> = compiled
            .files
            .iter()
            .map(|f| f.path.clone())
            .filter(|path| path != "_headers" && !digest_named.is_match(path))
            .collect();
        let mut diags = kiyaku::base::diag::Diagnostics::default();
        let sources = kiyaku::load::load(&root, &mut diags);
        let target =
            kiyaku::model::Target { base_url: None, today, record_day: today, real_day: today, pdf: false, fonts: 0 };
        let site = kiyaku::model::build(&sources, &target, &mut diags).expect("a site").site;
        let routes = kiyaku::model::urls::site_paths(&site, sources.statics.keys().map(String::as_str));
        assert_eq!(routes, built, "{}", root.display());
    }
}

#[test]
fn a_site_in_one_language_has_no_language_switcher() {
    let site = copy_fixture("basic");
    edit(site.path(), "kiyaku.toml", "languages = [\"ja\", \"en\"]", "languages = [\"ja\"]");
    for policy in ["privacy", "terms"] {
        for entry in std::fs::read_dir(site.path().join("content").join(policy)).unwrap() {
            let path = entry.unwrap().path();
            if path.to_string_lossy().ends_with(".en.md") {
                std::fs::remove_file(path).unwrap();
            }
        }
    }
    let out = site.path().join("public");
    let result = build(site.path(), &out, NOW);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    let page = read(&out.join("ja/privacy/index.html"));
    assert!(!page.contains("k-languages"), "one language, nothing to switch to");
    assert!(!out.join("en").exists());
    let (_two_languages, two) = built(NOW);
    assert!(read(&two.join("ja/privacy/index.html")).contains("class=\"k-languages\""));
}

#[test]
fn the_first_build_says_it_created_the_lock() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    let first = String::from_utf8_lossy(&build(site.path(), &out, NOW).stderr).into_owned();
    assert!(first.contains("created ") && first.contains("kiyaku.lock"), "{first}");
    assert!(site.path().join("kiyaku.lock").is_file());
    let again = String::from_utf8_lossy(&build(site.path(), &out, NOW).stderr).into_owned();
    assert!(!again.contains("kiyaku.lock"), "nothing new to record, nothing said: {again}");
}

#[test]
fn an_output_folder_inside_the_sources_is_not_read_back() {
    let site = copy_fixture("basic");
    let out = site.path().join("static/site");
    std::fs::create_dir_all(site.path().join("static")).unwrap();
    assert!(build(site.path(), &out, NOW).status.success());
    let first = tree(&out);
    let again = build(site.path(), &out, NOW);
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
    assert!(!out.join("static/site").exists(), "the last build is not published inside the next");
    assert_eq!(tree(&out), first);
}

/// Issue 22: `--base-url` publishes a deploy preview at its own address
/// (canonical links, JSON, feeds), `-o` is `--output`; a bad address is
/// refused before anything is written.
#[test]
fn a_deploy_preview_is_published_at_its_own_address() {
    let site = copy_fixture("basic");
    let out = site.path().join("preview");
    let args = ["build", "--root", s(site.path()), "-o", s(&out), "--now", NOW, "--record-published"];
    let built = kiyaku(&[&args[..], &["--base-url", "https://preview.example.org/pr-7"]].concat());
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let page = read(&out.join("ja/privacy/index.html"));
    assert!(page.contains("<link rel=\"canonical\" href=\"https://preview.example.org/pr-7/ja/privacy/\">"), "{page}");
    assert!(!page.contains("https://example.com/legal/"), "no production address: {page}");
    let feed = read(&out.join("ja/feed.json"));
    assert!(feed.contains("https://preview.example.org/pr-7/ja/privacy/") && !feed.contains("example.com/legal"));
    let refused = kiyaku(&[&args[..], &["--base-url", "preview.example.org"]].concat());
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not an absolute http(s) URL"));
}

/// Issue 22: `build --format json` gives one report on standard output, as
/// `check --format json` does, with what was built.
#[test]
fn build_reports_as_json_on_request() {
    let site = copy_fixture("basic");
    let out = kiyaku(&["build", "--root", s(site.path()), "--now", NOW, "--record-published", "--format", "json"]);
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["errors"], 0);
    assert!(report["built"]["pages"].as_u64().unwrap() > 10, "{report}");
    assert_eq!(report["built"]["next_change"], "2030-01-01");
    assert!(report["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == "missing-translation"));
    let elsewhere = tempfile::tempdir().unwrap();
    let out_dir = elsewhere.path().join("out");
    let broken =
        kiyaku(&["build", "--root", s(&fixture("broken")), "-o", s(&out_dir), "--now", NOW, "--format", "json"]);
    assert_eq!(broken.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&broken.stdout).unwrap();
    assert!(report["errors"].as_u64().unwrap() > 0 && report["built"].is_null(), "{report}");
    // A run that fails before or after the checks says why in the report too.
    std::fs::create_dir_all(&out_dir).unwrap();
    std::fs::write(out_dir.join("mine.txt"), "x").unwrap();
    let refused = kiyaku(&["build", "--root", s(site.path()), "-o", s(&out_dir), "--now", NOW, "--format", "json"]);
    assert_eq!(refused.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&refused.stdout).unwrap();
    assert!(report["failure"].as_str().unwrap().contains("was not written by kiyaku"), "{report}");
}
