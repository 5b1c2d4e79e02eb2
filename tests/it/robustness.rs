//! Robustness: no input makes kiyaku panic, and nothing outside the site
//! is read. (Faults while writing are tests/it/faults.rs.)
//!
//! The fuzz test mutates real sources (and throws raw bytes at the parsers)
//! for a bounded time: `KIYAKU_FUZZ_SECONDS` (default 5). A failure prints
//! the seed; `KIYAKU_FUZZ_SEED` replays it.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use crate::common::*;
use jiff::civil::Date;
use kiyaku::base::diag::{Diagnostics, SourceFile};

/// xorshift64*: small, deterministic, good enough to pick mutations.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Fragments that matter to the parsers.
const TOKENS: &[&str] = &[
    "+++",
    "+++\n",
    "\n",
    "## ",
    "### ",
    "# ",
    "{#",
    "}",
    "{#a}",
    "{#a .unnumbered}",
    "{#x number=3-2}",
    "```",
    "```contact\n",
    "```business\ncompany\n```",
    "<",
    "<script>",
    "&",
    "[x](#",
    "](policy:",
    "policy:privacy#",
    "effective = ",
    "2022-02-30",
    "announced = 2099-01-01",
    "change = \"material\"",
    "renamed = { a = \"b\" }",
    "removed = [\"purposes\"]",
    "\"",
    "'",
    "=",
    "[[corrections]]\ndate = 2024-01-01\nnote = \"x\"\n",
    "\u{0}",
    "\u{feff}",
    "\r\n",
    "第1条",
    "🙂",
    "\u{202e}",
    "- ",
    "1. ",
    "> ",
    "|a|b|\n|-|-|\n",
    "\\",
    "%",
    "*",
    "_",
    "~~",
    "{{",
    "{%",
];

pub(crate) fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut text = text.to_string();
    for _ in 0..1 + rng.below(6) {
        let mut at = rng.below(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        match rng.below(5) {
            0 => text.insert_str(at, TOKENS[rng.below(TOKENS.len())]),
            1 => {
                let mut end = (at + rng.below(40)).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.replace_range(at..end, "");
            }
            2 => text.truncate(at),
            3 => {
                let line: String = text[at..].lines().next().unwrap_or_default().to_string();
                text.insert_str(at, &format!("{line}\n"));
            }
            _ => {
                let bytes: Vec<u8> = (0..rng.below(8)).map(|_| rng.next() as u8).collect();
                text.insert_str(at, &String::from_utf8_lossy(&bytes));
            }
        }
    }
    text
}

pub(crate) fn seconds() -> u64 {
    std::env::var("KIYAKU_FUZZ_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(5)
}

#[test]
fn no_input_makes_it_panic() {
    let seed = std::env::var("KIYAKU_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64) | 1
    });
    let mut rng = Rng(seed);
    let mut diags = Diagnostics::default();
    let pristine = kiyaku::load::load(&fixture("basic"), &mut diags);
    let today = Date::constant(2025, 6, 1);
    let deadline = Instant::now() + Duration::from_secs(seconds());
    let mut runs = 0u64;
    while Instant::now() < deadline {
        let mut sources = kiyaku::load::load(&fixture("basic"), &mut Diagnostics::default());
        // Mutate one or two of: a version file, policy.toml, a block, the config.
        for _ in 0..1 + rng.below(2) {
            let target: &mut SourceFile = match rng.below(4) {
                0 => sources.config.as_mut().unwrap(),
                1 => {
                    let p = rng.below(sources.policies.len());
                    sources.policies[p].meta.as_mut().unwrap()
                }
                2 => {
                    let b = rng.below(sources.blocks.len());
                    &mut sources.blocks[b]
                }
                _ => {
                    let p = rng.below(sources.policies.len());
                    let v = rng.below(sources.policies[p].versions.len());
                    &mut sources.policies[p].versions[v]
                }
            };
            target.text = mutate(&mut rng, &target.text);
        }
        let result = catch_unwind(AssertUnwindSafe(|| kiyaku::pipeline::compile_loaded(&sources, today)));
        assert!(result.is_ok(), "panicked after {runs} runs; replay with KIYAKU_FUZZ_SEED={seed}");
        // Raw bytes straight into every parser.
        let bytes: Vec<u8> = (0..rng.below(300)).map(|_| rng.next() as u8).collect();
        let source = SourceFile::new("content/p/2024-01-01.ja.md", String::from_utf8_lossy(&bytes).as_ref());
        let result = catch_unwind(AssertUnwindSafe(|| {
            let mut d = Diagnostics::default();
            let _ = kiyaku::parse::parse_version(&source, &mut d);
            let _ = kiyaku::parse::parse_policy_meta(&source, &mut d);
            let _ = kiyaku::parse::config::Config::parse(&source, &mut d);
            let _ = kiyaku::parse::blocks::Blocks::parse(std::slice::from_ref(&source), &["ja".into()], &mut d);
            for diagnostic in d.sorted() {
                let _ = diagnostic.render_human();
            }
        }));
        assert!(result.is_ok(), "a parser panicked on raw bytes; replay with KIYAKU_FUZZ_SEED={seed}");
        runs += 1;
    }
    assert!(runs > 10, "only {runs} runs");
    assert!(kiyaku::pipeline::compile_loaded(&pristine, today).files.len() > 10);
    eprintln!("fuzzed {runs} mutated sites (seed {seed})");
}

/// Issue 24/25: a link out of the site's folder (under content/, blocks/
/// or static/, to a file or a folder) is refused and its target not read
/// (nor quoted); a link inside it is followed; a FIFO named like a version
/// file is named, not read (which would wait for ever).
#[test]
fn links_out_of_the_site_and_fifos_are_refused() {
    let site = copy_fixture("basic");
    let root = site.path();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.md");
    std::fs::write(&secret, "+++\neffective = 2019-01-01\n+++\nSECRET-TOKEN\n").unwrap();
    std::os::unix::fs::symlink(&secret, root.join("content/terms/2019-01-01.ja.md")).unwrap();
    let out = kiyaku(&["check", "--root", s(root), "--now", "2025-06-01", "--record-published"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("error[link-outside]") && !stderr.contains("SECRET-TOKEN"), "{stderr}");
    std::fs::remove_file(root.join("content/terms/2019-01-01.ja.md")).unwrap();
    // The same under static/ and blocks/, and a link to a folder outside:
    // nothing in it is read (its files would otherwise be sources).
    std::fs::create_dir(root.join("static")).unwrap();
    std::fs::write(outside.path().join("secret.toml"), "kind = \"contact\"\nSECRET-TOKEN = 1\n").unwrap();
    std::os::unix::fs::symlink(&secret, root.join("static/notes.md")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.toml"), root.join("blocks/leak.toml")).unwrap();
    std::os::unix::fs::symlink(outside.path(), root.join("content/leak")).unwrap();
    let out = kiyaku(&["check", "--root", s(root), "--now", "2025-06-01", "--record-published"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    for link in ["static/notes.md", "blocks/leak.toml", "content/leak"] {
        assert!(stderr.contains(&format!("{link} is a symbolic link that leads outside")), "{link}: {stderr}");
    }
    assert!(!stderr.contains("SECRET-TOKEN") && !stderr.contains("secret."), "{stderr}");
    for link in ["static/notes.md", "blocks/leak.toml", "content/leak"] {
        std::fs::remove_file(root.join(link)).unwrap();
    }
    // A link that stays inside the site is followed.
    std::fs::copy(root.join("content/terms/2021-01-01.ja.md"), root.join("terms-source.md")).unwrap();
    std::fs::remove_file(root.join("content/terms/2021-01-01.ja.md")).unwrap();
    std::os::unix::fs::symlink(root.join("terms-source.md"), root.join("content/terms/2021-01-01.ja.md")).unwrap();
    let out = kiyaku(&["check", "--root", s(root), "--now", "2025-06-01", "--record-published"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // A FIFO.
    let fifo = root.join("content/terms/2023-01-01.ja.md");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let out = kiyaku(&["check", "--root", s(root), "--now", "2025-06-01", "--record-published"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error[not-a-file]") && stderr.contains("2023-01-01.ja.md"), "{stderr}");
}

/// Issue 24 (a black-box review): the theme is read from the site's own
/// themes/ only (a path as its name, or themes/NAME linked out, is an
/// error and nothing of it is read or published); kiyaku.toml and
/// kiyaku.lock linked out are refused, a FIFO lock is named; a file whose
/// name holds a line end is named; an output that is static/ itself is not
/// read back.
#[test]
fn the_theme_the_config_and_the_lock_are_the_site_s_own() {
    let outside = tempfile::tempdir().unwrap();
    let theme = outside.path().join("evil");
    std::fs::create_dir_all(theme.join("static")).unwrap();
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    std::fs::write(theme.join("static/leak.txt"), "SECRET-TOKEN").unwrap();
    let check = |root: &std::path::Path| {
        let out = kiyaku(&["check", "--root", s(root), "--now", "2025-06-01", "--record-published"]);
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let config_line = |root: &std::path::Path, line: &str| {
        let text = read(&root.join("kiyaku.toml"));
        std::fs::write(root.join("kiyaku.toml"), format!("{line}\n{text}")).unwrap();
    };
    for (name, link) in [(s(&theme).to_string(), false), ("../../evil".to_string(), false), ("evil".to_string(), true)]
    {
        let site = copy_fixture("basic");
        std::fs::create_dir(site.path().join("themes")).unwrap();
        if link {
            std::os::unix::fs::symlink(&theme, site.path().join("themes/evil")).unwrap();
        }
        config_line(site.path(), &format!("theme = \"{name}\""));
        let (code, stderr) = check(site.path());
        assert_eq!(code, Some(1), "{name}: {stderr}");
        let expected = if link { "error[link-outside]: " } else { "error[config-theme]: " };
        assert!(stderr.contains(expected) && !stderr.contains("template-missing"), "{name}: {stderr}");
        let out = site.path().join("public");
        let build = kiyaku(&["build", "--root", s(site.path()), "--output", s(&out), "--no-pdf", "--record-published"]);
        assert!(!build.status.success() && !out.exists(), "{name}: nothing is published");
    }
    // kiyaku.toml and kiyaku.lock linked out of the site; a FIFO lock.
    for (file, fifo) in [("kiyaku.toml", false), ("kiyaku.lock", false), ("kiyaku.lock", true)] {
        let site = copy_fixture("basic");
        let path = site.path().join(file);
        let _ = std::fs::remove_file(&path);
        if fifo {
            assert!(std::process::Command::new("mkfifo").arg(&path).status().unwrap().success());
        } else {
            std::os::unix::fs::symlink(theme.join("static/leak.txt"), &path).unwrap();
        }
        let (code, stderr) = check(site.path());
        let expected = if fifo { "kiyaku.lock is not a regular file" } else { "is a symbolic link that leads outside" };
        assert!(code != Some(0) && stderr.contains(expected) && !stderr.contains("SECRET"), "{file}: {stderr}");
    }
    // A file name with a line end; an output inside static/.
    let site = copy_fixture("basic");
    std::fs::create_dir(site.path().join("static")).unwrap();
    std::fs::write(site.path().join("static/a\nb.txt"), "x").unwrap();
    let (code, stderr) = check(site.path());
    assert!(code == Some(1) && stderr.contains("static/a\u{fffd}b.txt has a name that is not UTF-8"), "{stderr}");
    std::fs::remove_file(site.path().join("static/a\nb.txt")).unwrap();
    // The output as static/ itself: the built site is not read back as
    // static files, so it does not nest inside itself build after build.
    std::fs::remove_dir(site.path().join("static")).unwrap();
    let inside = site.path().join("static");
    build(site.path(), &inside, "2025-06-01");
    let first = tree(&inside);
    build(site.path(), &inside, "2025-06-01");
    assert!(!inside.join("static/index.html").exists() && tree(&inside) == first, "not published inside itself");
}
