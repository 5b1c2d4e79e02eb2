//! Loading: the only stage that reads the file system.
//!
//! It gathers everything a build needs into memory, in a stable order: the
//! site config, each policy folder under `content/`, the typed blocks under
//! `blocks/`, the theme's templates and static files (the site's own
//! `templates/` and `static/` override the theme's), and the Fluent UI
//! strings (the built-in ones first, then the site's); and, for `build`,
//! the fonts of its PDFs (`fonts`). Later stages are pure
//! functions of the [`Sources`] it returns. Unreadable, non-UTF-8 and looping
//! entries become diagnostics; the load goes on with the rest.

mod characters;
mod fonts;

pub use fonts::{FONTS_DIR, FontFile, load_fonts};

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::base::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::base::layout::{BLOCKS_DIR, CONFIG_FILE, CONTENT_DIR, POLICY_FILE};

/// The default theme, built into the binary so any site can use it.
static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");
/// The built-in UI strings.
static DEFAULT_I18N: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/i18n");

/// The folders and files of a site that its build depends on, for watching.
pub const WATCHED: &[&str] = &[CONFIG_FILE, CONTENT_DIR, BLOCKS_DIR, "templates", "static", "themes", "i18n"];

/// Everything a build reads, held in memory.
#[derive(Debug, Default)]
pub struct Sources {
    /// `kiyaku.toml`, when it exists and could be read.
    pub config: Option<SourceFile>,
    /// `kiyaku.lock`, when the site has one.
    pub lock: Option<SourceFile>,
    /// The policy folders under `content/`, sorted by slug.
    pub policies: Vec<PolicySources>,
    /// The typed block files, `blocks/<id>.toml`, sorted by name.
    pub blocks: Vec<SourceFile>,
    /// Template name (`policy.html`, `partials/banner.html`) to source.
    pub templates: BTreeMap<String, SourceFile>,
    /// Static file path (`kiyaku.css`) to bytes, published under `/static/`.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// Fluent files in override order: built-in first, then the site's.
    pub i18n: Vec<(String, SourceFile)>,
    /// What loading found outside the policy files (those keep their own):
    /// a preview that reads only the folders that changed says them again.
    pub site_diagnostics: Diagnostics,
}

/// One policy folder: `content/<slug>/`.
#[derive(Debug)]
pub struct PolicySources {
    /// The folder's name: the policy's slug in its URLs (checked later, in the model).
    pub slug: String,
    /// The folder's path, as shown in messages.
    pub dir: PathBuf,
    /// Its `policy.toml`, when it exists and could be read.
    pub meta: Option<SourceFile>,
    /// The Markdown version files, sorted by name.
    pub versions: Vec<SourceFile>,
    /// The name of every Markdown file in the folder, read or not.
    pub version_names: BTreeSet<String>,
    /// What reading its files found.
    pub diagnostics: Diagnostics,
}

/// Reads a file given on the command line (for `import`), as bytes: what
/// encoding it is in is the importer's business (`kiyaku_import::decode`).
pub fn read_input(path: &Path) -> std::io::Result<Vec<u8>> {
    std::fs::read(path)
}

/// Reads the site at `root`.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Sources {
    let mut site = Diagnostics::default();
    let mut sources = load_site(root, &mut site);
    sources.site_diagnostics = site;
    say_again(&sources, diags);
    sources
}

/// Reads again only the policy folders in `changed` of a site read before,
/// keeping every other file as it was read, with what was found reading
/// it: for a preview that knows which folders alone changed.
pub fn reload_policies(root: &Path, previous: Sources, changed: &BTreeSet<String>, diags: &mut Diagnostics) -> Sources {
    let mut sources = previous;
    let content = root.join(CONTENT_DIR);
    let folders: Vec<PathBuf> = changed.iter().map(|slug| shown(root, &content.join(slug))).collect();
    sources
        .site_diagnostics
        .retain(|d| !d.file.as_ref().is_some_and(|file| folders.iter().any(|f| file.starts_with(f))));
    sources.policies.retain(|policy| !changed.contains(&policy.slug));
    for slug in changed {
        let folder = content.join(slug);
        let read = read_policies(root, (&content, &folder), &mut sources.site_diagnostics);
        sources.policies.extend(read);
    }
    sources.policies.sort_by(|a, b| a.slug.cmp(&b.slug));
    say_again(&sources, diags);
    sources
}

/// Every diagnostic the sources were read with.
fn say_again(sources: &Sources, diags: &mut Diagnostics) {
    diags.extend(sources.site_diagnostics.clone());
    for policy in &sources.policies {
        diags.extend(policy.diagnostics.clone());
    }
}

fn load_site(root: &Path, diags: &mut Diagnostics) -> Sources {
    let mut sources = Sources::default();
    let config_path = root.join(CONFIG_FILE);
    if let Some(problem) = not_the_site_s(root, &config_path) {
        diags.push(problem);
    } else if config_path.is_file() {
        sources.config = read_text(root, &config_path, diags);
    } else {
        diags.push(
            Diagnostic::error("config-missing", format!("no {CONFIG_FILE} in {}", root.display()))
                .hint("run kiyaku in the site's folder, pass --root DIR, or create one with `kiyaku init`"),
        );
    }
    let lock_path = root.join(crate::base::layout::LOCK_FILE);
    if let Some(problem) = not_the_site_s(root, &lock_path) {
        diags.push(problem);
    } else if lock_path.is_file() {
        sources.lock = read_text(root, &lock_path, diags);
    }
    sources.policies = load_policies(root, diags);
    let blocks = root.join(BLOCKS_DIR);
    let (block_files, others): (Vec<PathBuf>, Vec<PathBuf>) = walk(root, &blocks, diags, Named::Sources)
        .into_iter()
        .partition(|path| path.parent() == Some(&blocks) && path.extension().is_some_and(|ext| ext == "toml"));
    for path in others {
        diags.push(
            Diagnostic::warning("stray-file", format!("{} is not a block file and is ignored", shown(root, &path).display()))
                .in_file(&shown(root, &path))
                .hint("blocks/ holds one file per block, named by its id: blocks/privacy-desk.toml (lowercase .toml, no subfolders)"),
        );
    }
    sources.blocks = block_files.into_iter().filter_map(|path| read_text(root, &path, diags)).collect();
    load_theme(root, &mut sources, diags);
    load_i18n(root, &mut sources, diags);
    sources
}

/// The path to show for a file: relative to the current folder when the
/// root is `.`, otherwise under the root as given.
fn shown(root: &Path, path: &Path) -> PathBuf {
    if root == Path::new(".") {
        path.strip_prefix(".").map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
    } else {
        path.to_path_buf()
    }
}

fn is_ignored_name(name: &str) -> bool {
    // Editors leave hidden swap files and `~` backups beside sources.
    name.starts_with('.') || name.ends_with('~') || name.starts_with('#')
}

/// Every regular file under `dir`, sorted, following links but not loops,
/// nor out of the site: a link to a file outside the site's folder is
/// refused (what a page publishes is in the site's own files), and a FIFO,
/// a device or a socket is named and left unread.
fn walk(root: &Path, dir: &Path, diags: &mut Diagnostics, named: Named) -> Vec<PathBuf> {
    // Not a folder, or a site kiyaku built (`--output static`): nothing to read.
    if !dir.is_dir() || dir.join(crate::base::layout::MARKER).is_file() {
        return Vec::new();
    }
    let site = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut files = Vec::new();
    let mut walker = WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter().filter_entry(|entry| {
        entry.depth() == 0 || !is_ignored_name(&entry.file_name().to_string_lossy()) && !is_built_site(entry)
    });
    while let Some(entry) = walker.next() {
        match entry {
            Ok(entry) if entry.path_is_symlink() && !inside(&site, entry.path()) => {
                diags.push(characters::link_outside(&shown(root, entry.path())));
                // A link to a folder outside: nothing in it is read either.
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
            }
            // A name that is not UTF-8, or holds a control character (a line
            // end), cannot be published, listed or quoted as it is.
            Ok(entry)
                if entry.depth() > 0 && entry.file_name().to_str().is_none_or(|n| n.chars().any(char::is_control)) =>
            {
                diags.push(characters::file_name_unusable(&shown(root, entry.path())));
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
            }
            Ok(entry) if entry.file_type().is_file() => files.push(entry.into_path()),
            Ok(entry)
                if named == Named::Sources
                    && entry.file_type().is_dir()
                    && entry.depth() > 0
                    && is_source_name(entry.file_name()) =>
            {
                diags.push(characters::folder_named_like_a_file(&shown(root, entry.path())));
            }
            Ok(entry) if !entry.file_type().is_dir() => diags.push(characters::not_a_file(&shown(root, entry.path()))),
            Ok(_) => {}
            Err(err) => diags.push(walk_error(root, &err)),
        }
    }
    files
}

/// Whether a folder's name is one a source file has, where it matters.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Named {
    /// content/, blocks/, i18n/: a folder `2024-04-01.ja.md` is a mistake.
    Sources,
    /// Templates and static files: any name.
    Any,
}

fn is_source_name(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    [".md", ".toml", ".ftl"].iter().any(|extension| name.ends_with(extension))
}

/// `kiyaku.toml` or `kiyaku.lock` as something kiyaku must not read or
/// replace: a link out of the site, a FIFO, a folder.
fn not_the_site_s(root: &Path, path: &Path) -> Option<Diagnostic> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    let site = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    if meta.file_type().is_symlink() && path.exists() && !inside(&site, path) {
        return Some(characters::link_outside(&shown(root, path)));
    }
    let target = std::fs::metadata(path).ok()?;
    if target.is_dir() {
        return Some(characters::folder_named_like_a_file(&shown(root, path)));
    }
    (!target.is_file()).then(|| characters::not_a_file(&shown(root, path)))
}

/// Whether `path` (a link) leads to something inside the site's folder `site`.
fn inside(site: &Path, path: &Path) -> bool {
    path.canonicalize().is_ok_and(|target| target.starts_with(site))
}

/// A folder kiyaku built (`--output` put inside the sources): its pages are
/// not sources, and reading them back would nest each build in the next.
fn is_built_site(entry: &walkdir::DirEntry) -> bool {
    entry.file_type().is_dir() && entry.path().join(crate::base::layout::MARKER).is_file()
}

fn walk_error(root: &Path, err: &walkdir::Error) -> Diagnostic {
    let path = err.path().map(|p| shown(root, p)).unwrap_or_default();
    if let Some(ancestor) = err.loop_ancestor() {
        Diagnostic::error(
            "symlink-loop",
            format!("symbolic link loop: {} points back to {}", path.display(), shown(root, ancestor).display()),
        )
        .in_file(&path)
        .hint("remove the link or point it somewhere outside its own folder")
    } else if err.path().is_some_and(|p| p.is_symlink() && !p.exists()) {
        Diagnostic::error("read-failed", format!("{} is a symbolic link to nothing", path.display()))
            .in_file(&path)
            .hint("remove the link, or point it to a file inside the site's folder")
    } else {
        // The I/O error alone: walkdir's own message repeats the path.
        let reason = err.io_error().map_or_else(|| err.to_string(), ToString::to_string);
        Diagnostic::error("read-failed", format!("cannot read {}: {reason}", path.display()))
            .in_file(&path)
            .hint("check that the file exists and is readable")
    }
}

/// Reads a UTF-8 text file, dropping a byte-order mark and CR line ends.
fn read_text(root: &Path, path: &Path, diags: &mut Diagnostics) -> Option<SourceFile> {
    let display = shown(root, path);
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            diags.push(
                Diagnostic::error("read-failed", format!("cannot read {}: {err}", display.display()))
                    .in_file(&display)
                    .hint("check that the file exists and is readable"),
            );
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => {
            let source = SourceFile::new(display, normalise_text(text));
            characters::report_control_characters(&source, diags);
            characters::report_deceptive_characters(&source, diags);
            Some(source)
        }
        Err(err) => {
            let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            let prefix = String::from_utf8_lossy(valid);
            let source = SourceFile::new(display, prefix.as_ref());
            diags.push(
                Diagnostic::error("not-utf8", "the file is not UTF-8 text")
                    .at(&source, prefix.len()..prefix.len())
                    .hint("save the file as UTF-8 (Shift_JIS and other encodings are not read)"),
            );
            None
        }
    }
}

/// Without a byte-order mark, with `\n` line ends.
/// Drops a leading byte-order mark and turns CRLF and CR line ends into LF.
pub fn normalise_text(text: String) -> String {
    // Most files need neither change: they keep their buffer.
    if !text.starts_with('\u{feff}') && !text.contains('\r') {
        return text;
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn load_policies(root: &Path, diags: &mut Diagnostics) -> Vec<PolicySources> {
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        diags.push(
            Diagnostic::error("content-missing", format!("no content folder at {}", shown(root, &content).display()))
                .hint("create content/<policy>/ with a policy.toml and dated Markdown versions"),
        );
        return Vec::new();
    }
    read_policies(root, (&content, &content), diags)
}

/// The policy folders found walking `dir` (`content/`, or one folder in
/// it), each file's diagnostics kept with its policy, the walk's in `diags`.
fn read_policies(root: &Path, (content, dir): (&Path, &Path), diags: &mut Diagnostics) -> Vec<PolicySources> {
    let mut policies: BTreeMap<String, PolicySources> = BTreeMap::new();
    let mut to_read: Vec<(String, bool, PathBuf)> = Vec::new();
    for path in walk(root, dir, diags, Named::Sources) {
        let relative = path.strip_prefix(content).unwrap_or(&path);
        let parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
        match parts.as_slice() {
            [slug, name] if name == POLICY_FILE || name.ends_with(".md") => {
                policies.entry(slug.clone()).or_insert_with(|| PolicySources {
                    slug: slug.clone(),
                    dir: shown(root, &content.join(slug)),
                    meta: None,
                    versions: Vec::new(),
                    version_names: BTreeSet::new(),
                    diagnostics: Diagnostics::default(),
                });
                if name != POLICY_FILE {
                    policies.get_mut(slug).expect("inserted above").version_names.insert(name.clone());
                }
                to_read.push((slug.clone(), name == POLICY_FILE, path));
            }
            _ => diags.push(stray_file(&shown(root, &path))),
        }
    }
    // Reading is most of loading a large site: every core reads.
    let read: Vec<(String, bool, Option<SourceFile>, Diagnostics)> = to_read
        .into_par_iter()
        .map(|(slug, meta, path)| {
            let mut local = Diagnostics::default();
            let file = read_text(root, &path, &mut local);
            (slug, meta, file, local)
        })
        .collect();
    for (slug, meta, file, local) in read {
        let Some(entry) = policies.get_mut(&slug) else { continue };
        entry.diagnostics.extend(local);
        if meta {
            entry.meta = file;
        } else {
            entry.versions.extend(file);
        }
    }
    policies.into_values().collect()
}

fn stray_file(path: &Path) -> Diagnostic {
    Diagnostic::warning("stray-file", format!("{} is not part of any policy and is ignored", path.display()))
        .in_file(path)
        .hint("content/ holds one folder per policy with policy.toml and YYYY-MM-DD.LANG.md files")
}

fn load_theme(root: &Path, sources: &mut Sources, diags: &mut Diagnostics) {
    let theme = theme_name(sources);
    // A name that is a path (`../x`, `/x`) is the config's error, and
    // themes/NAME (or themes/ itself) a link out of the site an error here:
    // nothing of it is read, and the built-in theme stands in, so that the
    // error is the one said.
    let on_disk = root.join("themes").join(&theme);
    let site = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let outside = crate::base::layout::is_theme_name(&theme) && on_disk.exists() && !inside(&site, &on_disk);
    if outside {
        diags.push(characters::link_outside(&shown(root, &on_disk)));
    }
    if !crate::base::layout::is_theme_name(&theme) || outside {
        load_built_in_theme(sources);
    } else if on_disk.is_dir() {
        read_tree(root, &on_disk.join("templates"), diags, |name, file| {
            sources.templates.insert(name, file);
        });
        read_binary_tree(root, &on_disk.join("static"), diags, &mut sources.statics);
    } else if theme == "default" {
        load_built_in_theme(sources);
    } else {
        diags.push(
            Diagnostic::error(
                "theme-missing",
                format!("theme `{theme}` not found at {}", shown(root, &on_disk).display()),
            )
            .hint("set theme = \"default\" in kiyaku.toml, or create the theme folder"),
        );
    }
    read_tree(root, &root.join("templates"), diags, |name, file| {
        sources.templates.insert(name, file);
    });
    read_binary_tree(root, &root.join("static"), diags, &mut sources.statics);
}

/// The theme named in the config, read without a full parse of it.
/// The default theme, built into kiyaku.
fn load_built_in_theme(sources: &mut Sources) {
    for file in embedded_files(&DEFAULT_THEME) {
        let path = file.path().to_string_lossy().replace('\\', "/");
        if let Some(name) = path.strip_prefix("templates/") {
            let text = String::from_utf8_lossy(file.contents());
            let display = PathBuf::from("<built-in theme>").join(&path);
            sources.templates.insert(name.to_string(), SourceFile::new(display, text.as_ref()));
        } else if let Some(name) = path.strip_prefix("static/") {
            sources.statics.insert(name.to_string(), file.contents().to_vec());
        }
    }
}

fn theme_name(sources: &Sources) -> String {
    let parsed = sources.config.as_ref().and_then(|config| config.text.parse::<toml::Table>().ok());
    parsed
        .and_then(|table| table.get("theme").and_then(|v| v.as_str().map(str::to_string)))
        .unwrap_or_else(|| "default".to_string())
}

fn embedded_files(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut files = Vec::new();
    let mut stack = vec![dir];
    while let Some(dir) = stack.pop() {
        files.extend(dir.files());
        stack.extend(dir.dirs());
    }
    files.sort_by_key(|file| file.path());
    files
}

fn read_tree(root: &Path, dir: &Path, diags: &mut Diagnostics, mut add: impl FnMut(String, SourceFile)) {
    for path in walk(root, dir, diags, Named::Any) {
        let name = relative_name(dir, &path);
        if let Some(file) = read_text(root, &path, diags) {
            add(name, file);
        }
    }
}

fn read_binary_tree(root: &Path, dir: &Path, diags: &mut Diagnostics, into: &mut BTreeMap<String, Vec<u8>>) {
    for path in walk(root, dir, diags, Named::Any) {
        match std::fs::read(&path) {
            Ok(bytes) => {
                into.insert(relative_name(dir, &path), bytes);
            }
            Err(err) => {
                let display = shown(root, &path);
                diags.push(
                    Diagnostic::error("read-failed", format!("cannot read {}: {err}", display.display()))
                        .in_file(&display)
                        .hint("check that the file exists and is readable"),
                );
            }
        }
    }
}

fn relative_name(dir: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(dir).unwrap_or(path);
    let parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    parts.join("/")
}

/// Where the built-in UI strings are said to come from (they are compiled in).
pub const BUILT_IN_I18N: &str = "<built-in i18n>";

fn load_i18n(root: &Path, sources: &mut Sources, diags: &mut Diagnostics) {
    for file in embedded_files(&DEFAULT_I18N) {
        let path = file.path();
        if path.extension().is_some_and(|ext| ext == "ftl") {
            let lang = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
            let text = String::from_utf8_lossy(file.contents());
            let display = PathBuf::from(BUILT_IN_I18N).join(path);
            sources.i18n.push((lang, SourceFile::new(display, text.as_ref())));
        }
    }
    for path in walk(root, &root.join("i18n"), diags, Named::Sources) {
        if path.extension().is_some_and(|ext| ext == "ftl") {
            let lang = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
            if let Some(file) = read_text(root, &path, diags) {
                sources.i18n.push((lang, file));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_bom_and_line_ends() {
        assert_eq!(normalise_text("\u{feff}a\r\nb\rc".into()), "a\nb\nc");
    }

    #[test]
    fn shows_paths_relative_to_the_current_folder() {
        assert_eq!(shown(Path::new("."), Path::new("./content/a.md")), PathBuf::from("content/a.md"));
        assert_eq!(shown(Path::new("site"), Path::new("site/content/a.md")), PathBuf::from("site/content/a.md"));
    }

    #[test]
    fn embedded_theme_has_templates() {
        let names: Vec<_> = embedded_files(&DEFAULT_THEME).iter().map(|f| f.path().to_path_buf()).collect();
        assert!(names.iter().any(|p| p.ends_with("policy.html")), "{names:?}");
    }
}
