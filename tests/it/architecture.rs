//! The layout rules of docs/architecture.md, checked: the top of `src/`
//! holds only the pipeline's stages and a handful of files, and no module
//! names one of a stage above its own (the model knows nothing of pages,
//! the writer, the server or the commands). A new `use` that breaks a rule
//! fails here with the file and line, before it becomes a cycle.

use std::path::{Path, PathBuf};

/// Each top-level module of `src/` and the modules it may name.
const MAY_NAME: &[(&str, &[&str])] = &[
    ("base", &[]),
    ("load", &["base"]),
    ("parse", &["base", "load"]),
    ("model", &["base", "load", "parse"]),
    ("render", &["base", "load", "parse", "model"]),
    ("write", &["base", "render"]),
    ("pipeline", &["base", "load", "parse", "model", "render"]),
    ("error", &["base", "write"]),
    ("cli", &["base"]),
    ("cmd", &["base", "load", "parse", "model", "render", "write", "pipeline", "error", "cli", "Error"]),
    ("lib", &["base", "cli", "cmd", "error"]),
    ("main", &[]),
];

/// Inside the render stage: the views are what pages, the export and the
/// 新旧対照表 are made of, so they name none of them; the 新旧対照表 and the
/// export are made into pages, so they do not name the pages.
const RENDER_MAY_NOT_NAME: &[(&str, &[&str])] = &[
    ("view", &["pages", "compare", "export", "banner", "sitemap", "jsonld", "cache"]),
    ("compare", &["pages", "export"]),
    ("pdf", &["pages", "export"]),
    ("export", &["pages", "compare"]),
];

/// Files allowed at the top of `src/` besides the stage folders.
const TOP_FILES: &[&str] = &["cli.rs", "error.rs", "lib.rs", "main.rs", "pipeline.rs"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The crate's top-level modules a line of Rust names (`crate::model::…`,
/// `use crate::{load, model}`).
fn named_modules(line: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or_default();
            names.extend(inner.split(',').map(|part| part.trim().split("::").next().unwrap_or_default().to_string()));
        } else {
            names.push(rest.split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or_default().to_string());
        }
    }
    names.retain(|name| !name.is_empty());
    names
}

fn top_module(file: &Path) -> String {
    let relative = file.strip_prefix(src()).unwrap();
    let first = relative.components().next().unwrap().as_os_str().to_string_lossy().to_string();
    first.trim_end_matches(".rs").to_string()
}

#[test]
fn the_top_of_src_is_the_pipeline() {
    let stages: Vec<&str> = MAY_NAME.iter().map(|(name, _)| *name).collect();
    for entry in std::fs::read_dir(src()).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if entry.path().is_dir() {
            assert!(stages.contains(&name.as_str()), "src/{name}/ is not a stage of docs/architecture.md");
        } else {
            assert!(TOP_FILES.contains(&name.as_str()), "src/{name} belongs in a stage folder (docs/architecture.md)");
        }
    }
}

#[test]
fn no_stage_names_a_higher_one() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut faults = Vec::new();
    for file in &files {
        let top = top_module(file);
        let allowed = MAY_NAME.iter().find(|(name, _)| *name == top).map(|(_, may)| *may).unwrap_or_default();
        let text = std::fs::read_to_string(file).unwrap();
        for (number, line) in text.lines().enumerate() {
            for name in named_modules(line) {
                let known = MAY_NAME.iter().any(|(module, _)| *module == name);
                if known && name != top && !allowed.contains(&name.as_str()) {
                    faults.push(format!("{}:{}: {top} names {name}: {}", file.display(), number + 1, line.trim()));
                }
            }
        }
    }
    assert!(faults.is_empty(), "layering faults (see docs/architecture.md):\n{}", faults.join("\n"));
}

#[test]
fn render_parts_name_only_what_they_are_made_of() {
    let mut faults = Vec::new();
    for (part, forbidden) in RENDER_MAY_NOT_NAME {
        let mut files = Vec::new();
        let folder = src().join("render").join(part);
        if folder.is_dir() {
            rust_files(&folder, &mut files);
        } else {
            files.push(src().join("render").join(format!("{part}.rs")));
        }
        for file in &files {
            let text = std::fs::read_to_string(file).unwrap();
            for (number, line) in text.lines().enumerate() {
                for name in forbidden.iter() {
                    if line.contains(&format!("crate::render::{name}")) {
                        faults.push(format!("{}:{}: render::{part} names render::{name}", file.display(), number + 1));
                    }
                }
            }
        }
    }
    assert!(faults.is_empty(), "layering faults inside render (docs/architecture.md):\n{}", faults.join("\n"));
}

/// Pieces of the URL scheme that only `src/model/urls.rs` may spell out.
const URL_PIECES: &[&str] = &["api/v1", "feed.json", "history/", "changes/", "{lang}/"];

#[test]
fn urls_are_spelled_out_only_in_the_url_table() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let table = src().join("model").join("urls.rs");
    let mut faults = Vec::new();
    for file in files.iter().filter(|f| **f != table) {
        let text = std::fs::read_to_string(file).unwrap();
        // Unit tests may spell out the paths they expect.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (number, line) in code.lines().enumerate() {
            let is_comment = line.trim_start().starts_with("//");
            for piece in URL_PIECES.iter().filter(|piece| !is_comment && line.contains(**piece)) {
                faults.push(format!(
                    "{}:{}: `{piece}` outside model/urls.rs: {}",
                    file.display(),
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(faults.is_empty(), "URL literals (docs/architecture.md, URLs):\n{}", faults.join("\n"));
}

/// The importer's stages, in order: a stage names only those before it.
const IMPORTER_STAGES: &[(&str, &[&str])] = &[("read", &["structure", "emit"]), ("structure", &["emit"])];

#[test]
fn the_importer_stages_run_one_way() {
    let crate_src = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/kiyaku-import/src");
    let mut faults = Vec::new();
    for (stage, later) in IMPORTER_STAGES {
        let mut files = Vec::new();
        rust_files(&crate_src.join(stage), &mut files);
        for file in &files {
            let text = std::fs::read_to_string(file).unwrap();
            for (number, line) in text.lines().enumerate() {
                for name in later.iter().filter(|name| line.contains(&format!("crate::{name}"))) {
                    faults.push(format!("{}:{}: {stage} names {name}", file.display(), number + 1));
                }
            }
        }
    }
    assert!(faults.is_empty(), "importer stages out of order (read → structure → emit):\n{}", faults.join("\n"));
}

#[test]
fn the_checker_sees_grouped_and_plain_paths() {
    assert_eq!(named_modules("use crate::{load, model::Site};"), ["load", "model"]);
    assert_eq!(named_modules("let x = crate::render::export::API;"), ["render"]);
    assert!(named_modules("use super::x;").is_empty());
}

#[test]
fn the_importer_stands_alone() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/kiyaku-import/Cargo.toml");
    let text = std::fs::read_to_string(manifest).unwrap();
    let deps = text.split("[dependencies]").nth(1).unwrap_or_default();
    assert!(
        !deps.lines().any(|line| line.trim_start().starts_with("kiyaku ") || line.trim_start().starts_with("kiyaku=")),
        "the importer must not depend on the site crate"
    );
}
