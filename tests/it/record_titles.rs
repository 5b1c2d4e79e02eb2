//! Policy titles in the record (issue 25, hole 1): a published policy's
//! title is recorded per language; a rename is a warning naming both titles,
//! and the record keeps the old one with the day it changed.

use crate::common::*;

#[test]
fn a_published_policys_rename_is_warned_and_recorded_with_its_day() {
    let site = copy_fixture("basic");
    let (root, out, now) = (site.path(), site.path().join("public"), today());
    build(root, &out, &now);
    let lock = read(&root.join("kiyaku.lock"));
    assert!(
        lock.contains("[[title]]\npolicy = \"privacy\"\nlang = \"ja\"\ntitle = \"プライバシーポリシー\""),
        "{lock}"
    );
    edit(root, "content/privacy/policy.toml", "ja = \"プライバシーポリシー\"", "ja = \"個人情報保護方針\"");
    let checked = kiyaku(&["check", "--root", s(root), "--now", &now, "--deny-warnings"]);
    let stderr = String::from_utf8_lossy(&checked.stderr);
    assert_eq!(checked.status.code(), Some(1), "a warning, an error under --deny-warnings: {stderr}");
    assert!(stderr.contains("warning[published-title-changed]") && stderr.contains("policy.toml"), "{stderr}");
    assert!(stderr.contains("「プライバシーポリシー」") && stderr.contains("「個人情報保護方針」"), "{stderr}");
    let built = build(root, &out, &now);
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let lock = read(&root.join("kiyaku.lock"));
    let earlier = format!("[[title.earlier]]\ntitle = \"プライバシーポリシー\"\nuntil = \"{now}\"");
    assert!(lock.contains("title = \"個人情報保護方針\"") && lock.contains(&earlier), "{lock}");
    let again = build(root, &out, &now);
    assert!(!String::from_utf8_lossy(&again.stderr).contains("published-title-changed"), "recorded once");
}

/// Issue 25, hole 1: the site's own UI wording (an `i18n/LANG.ftl`
/// override) is recorded once something is published; a change warns and
/// is kept with its day. Comments do not count.
#[test]
fn the_sites_own_wording_is_recorded_and_a_change_warned() {
    let site = copy_fixture("basic");
    let (root, out, now) = (site.path(), site.path().join("public"), today());
    std::fs::create_dir_all(root.join("i18n")).unwrap();
    std::fs::write(root.join("i18n/ja.ftl"), "skip-to-content = 本文へ\n").unwrap();
    build(root, &out, &now);
    assert!(read(&root.join("kiyaku.lock")).contains("[[wording]]\nlang = \"ja\""));
    std::fs::write(root.join("i18n/ja.ftl"), "# a comment\nskip-to-content = 本文へ\n").unwrap();
    let quiet = kiyaku(&["check", "--root", s(root), "--now", &now]);
    assert!(!String::from_utf8_lossy(&quiet.stderr).contains("published-wording-changed"));
    std::fs::write(root.join("i18n/ja.ftl"), "skip-to-content = 本文へ移動\n").unwrap();
    let checked = kiyaku(&["check", "--root", s(root), "--now", &now]);
    let stderr = String::from_utf8_lossy(&checked.stderr);
    assert!(stderr.contains("warning[published-wording-changed]") && stderr.contains("ja.ftl"), "{stderr}");
    build(root, &out, &now);
    let lock = read(&root.join("kiyaku.lock"));
    assert!(lock.contains("[[wording.earlier]]") && lock.contains(&format!("until = \"{now}\"")), "{lock}");
    let again = build(root, &out, &now);
    assert!(!String::from_utf8_lossy(&again.stderr).contains("published-wording-changed"));
}
