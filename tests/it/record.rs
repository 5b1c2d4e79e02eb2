//! The public record beyond the texts that took effect (issue 19, hole 1;
//! issue 25, holes 1 to 3): a version is fixed from its announcement, with
//! its `announced`, `change` and `summary`; a re-announcement is the one way
//! to change it before it takes effect; the block revisions published
//! versions show are fixed too; and a lock deleted, emptied or short of an
//! entry does not let the record be written afresh silently.

use std::path::Path;

use crate::common::*;

/// basic: privacy 2020-01-01, 2022-04-01 (announced 2022-02-01) and
/// 2030-01-01 (announced 2025-05-01); terms 2021-01-01; the desk block has
/// revisions since 2020-01-01 and 2022-04-01.
/// Builds are for the day it really is: a re-announcement is dated then.
fn now() -> String {
    today()
}

fn tomorrow() -> String {
    let day: jiff::civil::Date = today().parse().unwrap();
    day.tomorrow().unwrap().to_string()
}
const UPCOMING: &str = "content/privacy/2030-01-01.ja.md";

fn run(root: &Path, args: &[&str]) -> (Option<i32>, String) {
    let now = now();
    let mut all = vec!["build", "--root", s(root), "--output", "", "--now", &now];
    let out = root.join("public");
    all[4] = s(&out);
    all.extend(args);
    let output = kiyaku(&all);
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

fn recorded_site() -> tempfile::TempDir {
    let site = copy_fixture("basic");
    build(site.path(), &site.path().join("public"), &now());
    site
}

#[test]
fn an_announced_version_is_recorded_before_it_takes_effect_and_its_text_is_fixed() {
    let site = recorded_site();
    let lock = read(&site.path().join("kiyaku.lock"));
    assert!(lock.contains("effective = \"2030-01-01\""), "recorded from its announcement: {lock}");
    assert!(lock.contains("announced = \"2025-05-01\"") && lock.contains("change = \"material\""), "{lock}");
    edit(site.path(), UPCOMING, "サービスの提供及び改善", "サービスの提供、改善及び広告配信");
    let before = tree(&site.path().join("public"));
    let (code, stderr) = run(site.path(), &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("error[published-text-changed]") && stderr.contains("2030-01-01.ja.md"), "{stderr}");
    assert!(stderr.contains("was announced on 2025-05-01"), "{stderr}");
    assert_eq!(tree(&site.path().join("public")), before, "nothing written");
}

#[test]
fn a_version_not_yet_announced_stays_free() {
    let site = copy_fixture("basic");
    build(site.path(), &site.path().join("public"), "2025-04-01");
    assert!(!read(&site.path().join("kiyaku.lock")).contains("2030-01-01"));
    edit(site.path(), UPCOMING, "サービスの提供及び改善", "サービスの提供、改善及び広告配信");
    build(site.path(), &site.path().join("public"), "2025-04-01");
}

#[test]
fn a_reannouncement_changes_an_upcoming_version_and_keeps_the_earlier_announcement() {
    let site = recorded_site();
    edit(site.path(), UPCOMING, "サービスの提供及び改善", "サービスの提供、改善及び広告配信");
    reannounce_upcoming(site.path(), "2025-05-01", &now());
    let (code, stderr) = run(site.path(), &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("note[reannounced]") && stderr.contains("announced before on 2025-05-01"), "{stderr}");
    let lock = read(&site.path().join("kiyaku.lock"));
    assert!(lock.contains("[[version.earlier]]\nannounced = \"2025-05-01\""), "{lock}");
    let out = site.path().join("public");
    let history = read(&out.join("ja/privacy/history/index.html"));
    assert!(history.contains("2025年5月1日に公表した内容を変更し、改めて公表"), "the history keeps it");
    let page = read(&out.join("en/privacy/2030-01-01/index.html"));
    assert!(page.contains("earlier announcement: "), "the banner too");
    let index = read(&out.join("api/v1/index.json"));
    assert!(index.contains("\"earlier_announced\":[\"2025-05-01\"]"), "{index}");
    let feed = read(&out.join("ja/feed.json"));
    assert!(feed.contains("\"date_published\":\"2025-05-01T00:00:00+09:00\""), "first published then");
    assert!(feed.contains(&format!("\"date_modified\":\"{}T00:00:00+09:00\"", now())), "announced again then: {feed}");
}

#[test]
fn a_reannouncement_must_be_dated_by_the_build_day_and_before_the_version_takes_effect() {
    let site = recorded_site();
    reannounce_upcoming(site.path(), "2025-05-01", &tomorrow());
    let (code, stderr) = run(site.path(), &[]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("error[reannounced-ahead]") && stderr.contains("2030-01-01.ja.md:"), "{stderr}");
    // A version in force cannot be announced again.
    let site = recorded_site();
    for lang in ["ja", "en"] {
        let file = format!("content/privacy/2022-04-01.{lang}.md");
        edit(site.path(), &file, "announced = 2022-02-01", "announced = 2022-03-01");
    }
    let (code, stderr) = run(site.path(), &[]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("error[reannounced-in-force]"), "{stderr}");
}

#[test]
fn change_announced_and_summary_of_a_published_version_are_part_of_the_record() {
    let cases = [
        ("change = \"material\"", "change = \"editorial\"", "`change` `material`"),
        ("announced = 2022-02-01", "announced = 2022-01-15", "`announced` `2022-02-01`"),
        ("summary = \"安全管理措置の条項を追加しました。\"", "summary = \"軽微な修正\"", "`summary`"),
    ];
    for (from, to, said) in cases {
        let site = recorded_site();
        edit(site.path(), "content/privacy/2022-04-01.ja.md", from, to);
        if from.starts_with("change") || from.starts_with("announced") {
            edit(site.path(), "content/privacy/2022-04-01.en.md", from, to);
        }
        let (code, stderr) = run(site.path(), &[]);
        assert_eq!(code, Some(1), "{to}: {stderr}");
        assert!(stderr.contains("error[published-record-changed]") && stderr.contains(said), "{to}: {stderr}");
        assert!(stderr.contains("2022-04-01.ja.md:"), "with its line: {stderr}");
    }
}

#[test]
fn a_summary_may_change_with_a_recorded_correction() {
    let site = recorded_site();
    edit(
        site.path(),
        "content/privacy/2022-04-01.ja.md",
        "summary = \"安全管理措置の条項を追加しました。\"",
        "summary = \"安全管理措置の条項を新設しました。\"\n\n[[corrections]]\ndate = 2025-06-01\nnote = \"改定内容の誤記を訂正\"",
    );
    let (code, stderr) = run(site.path(), &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(read(&site.path().join("kiyaku.lock")).contains("安全管理措置の条項を新設しました。"));
}

#[test]
fn a_deleted_or_emptied_lock_is_not_written_afresh_silently() {
    for tamper in ["delete", "empty"] {
        let site = recorded_site();
        let lock = site.path().join("kiyaku.lock");
        match tamper {
            "delete" => std::fs::remove_file(&lock).unwrap(),
            _ => std::fs::write(&lock, "").unwrap(),
        }
        edit(site.path(), "content/privacy/2022-04-01.ja.md", "安全管理", "管理");
        let (code, stderr) = run(site.path(), &[]);
        assert_eq!(code, Some(1), "{tamper}: {stderr}");
        assert!(stderr.contains("error[published-unrecorded]"), "{tamper}: {stderr}");
        assert!(stderr.contains("git checkout kiyaku.lock") && stderr.contains("--record-published"), "{stderr}");
        assert!(!lock.exists() || read(&lock).is_empty(), "{tamper}: nothing recorded");
        // Said deliberately, it is recorded.
        let (code, stderr) = run(site.path(), &["--record-published"]);
        assert_eq!(code, Some(0), "{stderr}");
        assert!(read(&lock).contains("2022-04-01"));
    }
}

#[test]
fn a_lock_short_of_one_entry_is_named() {
    let site = recorded_site();
    let path = site.path().join("kiyaku.lock");
    let lock = read(&path);
    // The first entry: privacy 2020-01-01 in English.
    let start = lock.find("[[version]]").unwrap();
    let end = start + 1 + lock[start + 1..].find("[[version]]").unwrap();
    assert!(lock[start..end].contains("effective = \"2020-01-01\""), "{}", &lock[start..end]);
    std::fs::write(&path, format!("{}{}", &lock[..start], &lock[end..])).unwrap();
    let (code, stderr) = run(site.path(), &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("error[published-unrecorded]") && stderr.contains("privacy 2020-01-01"), "{stderr}");
}

#[test]
fn a_version_published_on_the_build_day_needs_no_flag() {
    // A first build on the day its first version is published (init's
    // sample takes effect the day it is made).
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    assert!(kiyaku(&["init", s(&root)]).status.success());
    let out = kiyaku(&["build", "--root", s(&root)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // A version published after the lock's last record (a build day missed).
    let site = copy_fixture("basic");
    build(site.path(), &site.path().join("public"), "2020-06-01");
    let later = kiyaku(&["build", "--root", s(site.path()), "--now", "2022-03-01"]);
    assert!(later.status.success(), "{}", String::from_utf8_lossy(&later.stderr));
    // A first build for a past day is no first build on the day: a lock
    // deleted, then rebuilt day by day, would record edited texts.
    let site = copy_fixture("basic");
    let past = kiyaku(&["build", "--root", s(site.path()), "--now", "2020-01-01"]);
    assert_eq!(past.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&past.stderr).contains("error[published-unrecorded]"));
    // check says what build would refuse.
    let check = kiyaku(&["check", "--root", s(site.path()), "--now", &now()]);
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stderr).contains("error[published-unrecorded]"));
}

#[test]
fn a_past_day_does_not_let_a_version_in_force_be_announced_again_nor_a_re_announcement_be_backdated() {
    // The privacy version of 2022-04-01 is in force (really); a build for
    // a day before it took effect must not let it be announced again.
    let site = recorded_site();
    for lang in ["ja", "en"] {
        let file = format!("content/privacy/2022-04-01.{lang}.md");
        edit(site.path(), &file, "announced = 2022-02-01", "announced = 2022-03-01");
    }
    let out = kiyaku(&["build", "--root", s(site.path()), "--now", "2022-03-15"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[reannounced-in-force]"));
    // An upcoming version announced again under a day long past.
    let site = recorded_site();
    reannounce_upcoming(site.path(), "2025-05-01", "2025-06-01");
    let (code, stderr) = run(site.path(), &[]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("error[reannounced-backdated]"), "{stderr}");
}

#[test]
fn corrections_once_published_stay_as_recorded() {
    let site = recorded_site();
    let file = "content/privacy/2022-04-01.ja.md";
    edit(site.path(), file, "必要な措置", "必要かつ適切な措置");
    edit(site.path(), file, "+++\n\n", "\n[[corrections]]\ndate = 2025-06-01\nnote = \"誤記を訂正\"\n+++\n\n");
    assert_eq!(run(site.path(), &[]).0, Some(0));
    for (from, to) in [
        ("date = 2025-06-01", "date = 2025-07-01"),
        ("\n[[corrections]]\ndate = 2025-06-01\nnote = \"誤記を訂正\"\n", "\n"),
    ] {
        let before = read(&site.path().join(file));
        edit(site.path(), file, from, to);
        let (code, stderr) = run(site.path(), &[]);
        assert_eq!(code, Some(1), "{to}: {stderr}");
        assert!(stderr.contains("error[correction-changed]"), "{stderr}");
        std::fs::write(site.path().join(file), before).unwrap();
    }
}

#[test]
fn a_future_version_without_an_announcement_is_a_draft_until_it_takes_effect() {
    let site = recorded_site();
    for lang in ["ja", "en"] {
        let text = read(&site.path().join(format!("content/privacy/2030-01-01.{lang}.md")));
        let text = text.replace(
            "effective = 2030-01-01\nannounced = 2025-05-01\nchange = \"material\"",
            "effective = 2031-01-01\nchange = \"editorial\"",
        );
        std::fs::write(site.path().join(format!("content/privacy/2031-01-01.{lang}.md")), text).unwrap();
    }
    let (code, stderr) = run(site.path(), &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("note[version-unannounced]"), "{stderr}");
    assert!(!site.path().join("public/ja/privacy/2031-01-01/index.html").exists());
    assert!(!read(&site.path().join("kiyaku.lock")).contains("2031-01-01"));
}

#[test]
fn a_block_revision_a_published_version_shows_is_fixed() {
    let site = recorded_site();
    let lock = read(&site.path().join("kiyaku.lock"));
    assert_eq!(lock.matches("id = \"desk\"").count(), 2, "both desk revisions: {lock}");
    edit(site.path(), "blocks/desk.toml", "東京都千代田区千代田1-1", "東京都千代田区丸の内1-1");
    let (code, stderr) = run(site.path(), &[]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("error[published-block-changed]") && stderr.contains("since 2020-01-01"), "{stderr}");
    edit(site.path(), "blocks/desk.toml", "東京都千代田区丸の内1-1", "東京都千代田区千代田1-1");
    // Deleting the revision the 2022 version shows rewrites history too.
    let desk = read(&site.path().join("blocks/desk.toml"));
    let cut = desk.rfind("[[revisions]]").unwrap();
    std::fs::write(site.path().join("blocks/desk.toml"), &desk[..cut]).unwrap();
    let (code, stderr) = run(site.path(), &[]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("error[published-block-missing]") && stderr.contains("since 2022-04-01"), "{stderr}");
    // A new revision, dated the day it applies, is how a desk changes.
    std::fs::write(
        site.path().join("blocks/desk.toml"),
        format!("{desk}\n[[revisions]]\nsince = 2025-06-01\norganization = {{ ja = \"テスト株式会社\", en = \"Test K.K.\" }}\ndepartment = {{ ja = \"窓口\", en = \"Desk\" }}\npostal_code = \"105-0011\"\naddress = {{ ja = \"東京都港区芝公園3-3\", en = \"3-3 Shibakoen, Minato-ku, Tokyo\" }}\nemail = \"desk@example.com\"\n"),
    )
    .unwrap();
    let (code, stderr) = run(site.path(), &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(read(&site.path().join("kiyaku.lock")).matches("id = \"desk\"").count(), 3);
}

#[test]
fn a_block_file_reformatted_is_the_same_record() {
    let site = recorded_site();
    let path = site.path().join("blocks/desk.toml");
    let desk = read(&path).replace("kind = \"contact\"", "# the desk\nkind = 'contact'");
    std::fs::write(&path, desk).unwrap();
    let (code, stderr) = run(site.path(), &[]);
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn a_day_before_recorded_block_revisions_keeps_and_guards_them() {
    let site = recorded_site();
    let recorded = read(&site.path().join("kiyaku.lock"));
    let (code, stderr) = {
        let out = kiyaku(&["check", "--root", s(site.path()), "--now", "2021-06-01"]);
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(read(&site.path().join("kiyaku.lock")), recorded);
    edit(site.path(), "blocks/desk.toml", "東京都港区芝公園2-2", "東京都港区芝公園9-9");
    let out = kiyaku(&["check", "--root", s(site.path()), "--now", "2021-06-01"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[published-block-changed]"));
}

#[test]
fn a_reannounced_text_keeps_its_hash_valid_as_superseded() {
    let site = recorded_site();
    let before = read(&site.path().join("public/api/v1/ja/privacy/2030-01-01.json"));
    let old_hash = before.split("\"sha256\":\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    edit(site.path(), UPCOMING, "サービスの提供及び改善", "サービスの提供、改善及び広告配信");
    reannounce_upcoming(site.path(), "2025-05-01", &now());
    let (code, stderr) = run(site.path(), &[]);
    assert_eq!(code, Some(0), "{stderr}");
    let after = read(&site.path().join("public/api/v1/ja/privacy/2030-01-01.json"));
    assert!(after.contains(&format!("\"superseded_sha256\":[\"{old_hash}\"]")), "{after}");
}

/// A lock written before kiyaku recorded versions from their announcement
/// (no `change`, no upcoming versions, one entry per written language) is
/// brought up to date without errors.
#[test]
fn a_lock_of_an_earlier_kiyaku_is_brought_up_to_date() {
    let site = recorded_site();
    let path = site.path().join("kiyaku.lock");
    let lock = read(&path);
    let legacy: Vec<&str> = lock
        .split("\n\n")
        .filter(|entry| !entry.contains("2030-01-01") && !entry.contains("[[block]]"))
        .filter(|entry| !(entry.contains("policy = \"terms\"") && entry.contains("lang = \"en\"")))
        .collect();
    let legacy = legacy.join("\n\n");
    let legacy: String = legacy
        .lines()
        .filter(|l| !l.starts_with("announced") && !l.starts_with("change") && !l.starts_with("summary"))
        .filter(|l| !l.starts_with("text_lang"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, &legacy).unwrap();
    let (code, stderr) = run(site.path(), &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(read(&path), lock, "the same record as a fresh one");
}

#[test]
fn a_version_inserted_before_a_published_one_is_refused() {
    let site = recorded_site();
    for lang in ["ja", "en"] {
        let text = read(&site.path().join(format!("content/privacy/2022-04-01.{lang}.md")));
        let text = text.replace(
            "effective = 2022-04-01\nannounced = 2022-02-01\nchange = \"material\"",
            "effective = 2029-01-01\nchange = \"editorial\"",
        );
        std::fs::write(site.path().join(format!("content/privacy/2029-01-01.{lang}.md")), text).unwrap();
    }
    let (code, stderr) = run(site.path(), &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("error[version-inserted]") && stderr.contains("published version of 2030-01-01"),
        "{stderr}"
    );
}

#[test]
fn a_future_block_revision_an_announced_version_shows_is_fixed() {
    // The upcoming 2030 version shows the desk as of 2030-01-01.
    let site = recorded_site();
    let path = site.path().join("blocks/desk.toml");
    let desk = read(&path);
    let future = "\n[[revisions]]\nsince = 2029-06-01\norganization = { ja = \"テスト株式会社\", en = \"Test K.K.\" }\ndepartment = { ja = \"将来の窓口\", en = \"Future desk\" }\npostal_code = \"105-0011\"\naddress = { ja = \"東京都港区芝公園9-9\", en = \"9-9 Shibakoen, Minato-ku, Tokyo\" }\n";
    std::fs::write(&path, format!("{desk}{future}")).unwrap();
    assert_eq!(run(site.path(), &[]).0, Some(0));
    assert!(read(&site.path().join("kiyaku.lock")).contains("since = \"2029-06-01\""));
    std::fs::write(&path, format!("{desk}{}", future.replace("将来の窓口", "別の窓口"))).unwrap();
    let (code, stderr) = run(site.path(), &[]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("error[published-block-changed]") && stderr.contains("since 2029-06-01"), "{stderr}");
}

#[test]
fn the_numbering_of_published_versions_is_part_of_the_record() {
    let site = recorded_site();
    assert!(read(&site.path().join("kiyaku.lock")).contains("numbering = \"articles\""));
    let path = site.path().join("content/privacy/policy.toml");
    let meta = read(&path).replace("kind = \"privacy\"", "kind = \"privacy\"\nnumbering = \"none\"");
    std::fs::write(&path, meta).unwrap();
    let (code, stderr) = run(site.path(), &[]);
    assert_eq!(code, Some(1));
    assert_eq!(stderr.matches("error[published-record-changed]").count(), 1, "once: {stderr}");
    assert!(stderr.contains("`numbering` is `none`") && stderr.contains("policy.toml:2:"), "{stderr}");
}

#[test]
fn a_version_announced_today_says_when_it_can_be_announced_again() {
    let site = recorded_site();
    reannounce_upcoming(site.path(), "2025-05-01", &now());
    assert_eq!(run(site.path(), &[]).0, Some(0));
    edit(site.path(), UPCOMING, "サービスの提供及び改善", "サービスの提供、改善及び広告配信");
    let (code, stderr) = run(site.path(), &[]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("it was announced today") && stderr.contains(&format!("announced = {}", tomorrow())),
        "{stderr}"
    );
}
