//! Faults while writing (issue 24): a build killed at any moment, two
//! builds into one output, a full disk, a read-only file system, a limit on
//! file sizes. Each leaves the previous site whole and nothing beside it,
//! and says what happened.

use std::time::{Duration, Instant};

use crate::common::*;
use crate::robustness::Rng;

/// A site of `count` policies (beside the fixture's), each with a version
/// in Japanese and English, so that a build takes long enough to be killed
/// at many moments.
fn many_policies(count: usize) -> tempfile::TempDir {
    let site = copy_fixture("basic");
    for n in 0..count {
        let folder = add_policy(site.path(), &format!("rules-{n}"), "other", ("規程", "Rules"));
        for (lang, title, text) in [("ja", "総則", "本規程は適用されます。"), ("en", "General", "These rules apply.")]
        {
            let source = format!(
                "+++\neffective = 2021-01-01\nsummary = \"{title}\"\n+++\n\n## {title} {{#general}}\n\n{text}\n\n## {title} {{#scope}}\n\n{text}\n"
            );
            std::fs::write(folder.join(format!("2021-01-01.{lang}.md")), source).unwrap();
        }
    }
    site
}

/// What lies beside the output folder that a build made: a killed build's
/// staging folder (`.public.kiyaku-new-PID`), until the next build removes it.
fn beside_output(root: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|name| name.contains("kiyaku-"))
        .collect();
    names.sort();
    names
}

/// Issue 24: 50 SIGKILLs at random moments of a build of 200 policies
/// (`KIYAKU_KILLS` to change the count): each time the output is the whole
/// previous site or the whole new one, never a mix; all a kill leaves is
/// its own staging folder, which the next build removes.
/// (The seed of the kill times is fixed: `KIYAKU_FUZZ_SEED` changes it.)
#[test]
fn a_killed_build_leaves_the_previous_site_complete() {
    let site = many_policies(200);
    let (out, new_out) = (site.path().join("public"), site.path().join("other"));
    let started = Instant::now();
    build(site.path(), &new_out, "2031-01-01");
    let build_time = started.elapsed();
    let new = tree(&new_out);
    std::fs::remove_dir_all(&new_out).unwrap();
    build(site.path(), &out, "2025-06-01");
    let old = tree(&out);
    assert_ne!(old, new, "the same sources on another day give different bytes");
    let kills = std::env::var("KIYAKU_KILLS").ok().and_then(|n| n.parse().ok()).unwrap_or(50);
    let seed = std::env::var("KIYAKU_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(24);
    let mut rng = Rng(seed);
    let mut outcomes = (0, 0);
    let mut killed = Vec::new();
    for kill in 0..kills {
        // Anywhere from before the first file to after the swap.
        let delay = build_time.mul_f64(rng.below(1200) as f64 / 1000.0);
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kiyaku"))
            .args(["build", "--root", s(site.path()), "--output", s(&out), "--now", "2031-01-01", "--no-pdf"])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL: no chance to clean up.
        let _ = child.wait();
        // A kill before the build removed the last one's leaves both.
        killed.push(format!(".public.kiyaku-new-{}", child.id()));
        let litter = beside_output(site.path());
        assert!(litter.iter().all(|name| killed.contains(name)), "kill {kill}: left beside the output: {litter:?}");
        let now = tree(&out);
        if now == old {
            outcomes.0 += 1;
        } else {
            assert!(now == new, "kill {kill} after {delay:?}: the output is neither the old nor the new site");
            outcomes.1 += 1;
            // Start the next round from the old site again.
            build(site.path(), &out, "2025-06-01");
        }
    }
    build(site.path(), &out, "2025-06-01");
    assert_eq!(beside_output(site.path()), Vec::<String>::new(), "the next build removes what a kill left");
    eprintln!(
        "{kills} kills of a {build_time:?} build (seed {seed}): old site {}, new site {}",
        outcomes.0, outcomes.1
    );
    assert!(outcomes.0 > 0, "at least one kill landed mid-build");
}

/// Issue 24: two builds into the same output at once take turns (a lock on
/// the folder the output lies in): both succeed, the output is one whole
/// site, and nothing is left beside it.
#[test]
fn two_builds_into_one_output_take_turns() {
    let site = copy_fixture("basic");
    for n in 0..40 {
        let folder = add_policy(site.path(), &format!("rules-{n}"), "other", ("規程", "Rules"));
        let text =
            "+++\neffective = 2021-01-01\nsummary = \"制定\"\n+++\n\n## 総則 {#general}\n\n本規程は適用されます。\n";
        std::fs::write(folder.join("2021-01-01.ja.md"), text).unwrap();
    }
    let out = site.path().join("public");
    build(site.path(), &out, "2025-06-01");
    let expected = tree(&out);
    for round in 0..5 {
        let spawn = || {
            std::process::Command::new(env!("CARGO_BIN_EXE_kiyaku"))
                .args(["build", "--root", s(site.path()), "--output", s(&out), "--now", "2025-06-01", "--no-pdf"])
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let first = spawn();
        // The second starts while the first is writing.
        std::thread::sleep(Duration::from_millis(20 + 20 * round));
        let second = spawn();
        for child in [first, second] {
            let output = child.wait_with_output().unwrap();
            assert!(output.status.success(), "round {round}: {}", String::from_utf8_lossy(&output.stderr));
        }
        assert_eq!(tree(&out), expected, "round {round}: one whole site");
        let beside: Vec<String> = std::fs::read_dir(site.path())
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .filter(|name| name.contains("kiyaku-"))
            .collect();
        assert!(beside.is_empty(), "round {round}: left beside the output: {beside:?}");
    }
}

/// A tmpfs mounted for a test, when this process may mount (root); it is
/// unmounted when dropped. `None` elsewhere: the tests that need one say
/// they were skipped.
struct Mount(tempfile::TempDir);

impl Mount {
    fn tmpfs(size_kib: u64) -> Option<Mount> {
        let dir = tempfile::tempdir().ok()?;
        let options = format!("size={size_kib}k");
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &options, "tmpfs", s(dir.path())])
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        mounted.then_some(Mount(dir))
    }

    fn remount(&self, options: &str) {
        let remount = format!("remount,{options}");
        let status = std::process::Command::new("mount").args(["-o", &remount, s(self.0.path())]).status().unwrap();
        assert!(status.success(), "mount -o {remount}");
    }

    /// KiB in use on the file system.
    fn used_kib(&self) -> u64 {
        let out = std::process::Command::new("df").args(["-k", "--output=used", s(self.0.path())]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).lines().nth(1).unwrap().trim().parse().unwrap()
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").args(["-l", s(self.0.path())]).status();
    }
}

/// Builds the site into `out` as of `now`; returns the exit code and stderr.
fn build_into(root: &std::path::Path, out: &std::path::Path, now: &str) -> (Option<i32>, String) {
    let run = kiyaku(&["build", "--root", s(root), "--output", s(out), "--now", now, "--no-pdf"]);
    (run.status.code(), String::from_utf8_lossy(&run.stderr).into_owned())
}

/// A disk that fills up mid-build: the build fails with exit 2 and says the
/// disk is full; the previous site is whole and nothing is left beside it.
#[test]
fn a_full_disk_leaves_the_previous_site_whole() {
    let Some(disk) = Mount::tmpfs(64 * 1024) else {
        eprintln!("skipped: mounting a tmpfs needs root (the file-size limit test covers a failed write)");
        return;
    };
    let site = many_policies(100);
    let out = disk.0.path().join("public");
    build(site.path(), &out, "2025-06-01");
    let old = tree(&out);
    // Room for about half of another site.
    disk.remount(&format!("size={}k", disk.used_kib() * 3 / 2));
    let (code, stderr) = build_into(site.path(), &out, "2031-01-01");
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("No space left on device") && stderr.contains("the disk is full"), "{stderr}");
    assert!(stderr.contains("the output folder was left as it was"), "{stderr}");
    assert!(tree(&out) == old, "the previous site is whole");
    assert_eq!(beside_output(disk.0.path()), Vec::<String>::new(), "the half-written site is removed");
    // With room again, the same build goes through.
    disk.remount("size=64m");
    build(site.path(), &out, "2031-01-01");
}

/// A read-only file system (or, without root, a folder kiyaku may not
/// write to): a clear error, the site as it was.
#[test]
fn a_read_only_output_gets_a_clear_error_and_stays_as_it_was() {
    let site = copy_fixture("basic");
    let mount = Mount::tmpfs(16 * 1024);
    let parent = match &mount {
        Some(mount) => mount.0.path().to_path_buf(),
        None => site.path().join("out"),
    };
    let out = parent.join("public");
    build(site.path(), &out, "2025-06-01");
    let old = tree(&out);
    match &mount {
        Some(mount) => mount.remount("ro"),
        None => {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(0o555)).unwrap();
        }
    }
    let (code, stderr) = build_into(site.path(), &out, "2031-01-01");
    assert_eq!(code, Some(2), "{stderr}");
    let advice = if mount.is_some() { "that file system is read-only" } else { "kiyaku may not write there" };
    assert!(stderr.contains(advice) && stderr.contains("--output"), "{stderr}");
    assert!(tree(&out) == old, "the site is as it was");
    match &mount {
        Some(mount) => mount.remount("rw"),
        None => {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    }
}

/// A write that fails part-way (here a limit on file sizes, which needs
/// no privilege): the same guarantees as a full disk.
#[test]
fn a_write_failing_mid_build_leaves_the_previous_site_whole() {
    let site = many_policies(20);
    let out = site.path().join("public");
    build(site.path(), &out, "2025-06-01");
    let old = tree(&out);
    // 16 blocks of 512 bytes: the small files are written, a page is not.
    let script = format!(
        "trap '' XFSZ; ulimit -f 16; exec '{}' build --root '{}' --output '{}' --now 2031-01-01 --no-pdf",
        env!("CARGO_BIN_EXE_kiyaku"),
        s(site.path()),
        s(&out)
    );
    let run = std::process::Command::new("sh").args(["-c", &script]).output().unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("File too large") && stderr.contains("ulimit -f"), "{stderr}");
    assert!(tree(&out) == old, "the previous site is whole");
    assert_eq!(beside_output(site.path()), Vec::<String>::new(), "the half-written site is removed");
}
