//! No language shown silently (issue 23, item 7): `check` says, per site
//! language, how many versions have a text of their own in it, in words and
//! in its JSON report.

use crate::common::*;

#[test]
fn check_says_how_much_of_the_site_each_language_has() {
    // basic: privacy 2020, 2022, 2030 in ja and en; terms 2021 in ja only.
    let site = copy_fixture("basic");
    let checked = kiyaku(&["check", "--root", s(site.path()), "--now", "2025-06-01", "--record-published"]);
    let stderr = String::from_utf8_lossy(&checked.stderr);
    assert!(
        stderr.contains("versions with their own text, by language: en 3 of 4 (75%), ja 4 of 4 (100%)"),
        "{stderr}"
    );
    let json =
        kiyaku(&["check", "--root", s(site.path()), "--now", "2025-06-01", "--format", "json", "--record-published"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["translated"]["en"], serde_json::json!({"written": 3, "versions": 4}));
    assert_eq!(report["translated"]["ja"], serde_json::json!({"written": 4, "versions": 4}));
}
