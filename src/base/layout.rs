//! The names of the files kiyaku keeps at a site's root and in its output:
//! the load stage reads them, the write stage writes them, and the commands
//! name them in their messages. One place, so the two ends agree.

/// The name of the configuration file at the site root.
pub(crate) const CONFIG_FILE: &str = "kiyaku.toml";

/// The lock file's name at the site root.
pub(crate) const LOCK_FILE: &str = "kiyaku.lock";

/// Marks a folder as kiyaku's output, safe to replace; it also records
/// which files each policy's pages are, for the next build to reuse.
pub(crate) const MARKER: &str = ".kiyaku-output";

/// Where the policies are, one folder each: `content/<slug>/`.
pub(crate) const CONTENT_DIR: &str = "content";

/// Each policy's metadata file, in its folder under `content/`.
pub(crate) const POLICY_FILE: &str = "policy.toml";

/// Where the typed blocks are: `blocks/<id>.toml`.
pub(crate) const BLOCKS_DIR: &str = "blocks";

/// The output folder when `--output` is not given, below the site root.
pub(crate) const DEFAULT_OUTPUT: &str = "public";

/// Whether `name` can name a theme: one folder of the site's `themes/`
/// (letters, digits, `-`, `_`, `.` inside), never a path out of it.
pub(crate) fn is_theme_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name.len() <= 64
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        && !name.contains("..")
}
