//! Reading the fonts PDFs are set in: the files given with `--font` (or
//! `KIYAKU_FONT_PATH`), else the site's own `fonts/` folder, else a
//! Japanese font the system is known to keep (Debian's fonts-noto-cjk,
//! macOS's Hiragino, Windows's Yu Gothic). Only `build` reads them.

use std::path::{Path, PathBuf};

use crate::base::diag::{Diagnostic, Diagnostics};

/// The site's folder of fonts for PDFs.
pub const FONTS_DIR: &str = "fonts";

/// A font file, read whole (a collection holds several faces).
#[derive(Debug, Clone)]
pub struct FontFile {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Where systems keep a Japanese font, regular and bold: the first place
/// that has one is used.
const SYSTEM_FONTS: &[&[&str]] = &[
    &["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"],
    &["/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc"],
    &[
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc",
    ],
    &["/System/Library/Fonts/ヒラギノ角ゴシック W3.ttc", "/System/Library/Fonts/ヒラギノ角ゴシック W6.ttc"],
    &["C:\\Windows\\Fonts\\YuGothR.ttc", "C:\\Windows\\Fonts\\YuGothB.ttc"],
];

fn is_font(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    matches!(ext.as_deref(), Some("ttf" | "otf" | "ttc" | "otc"))
}

/// The font files of a folder, sorted by name, or the file itself.
fn fonts_in(path: &Path) -> Vec<PathBuf> {
    if path.is_dir() {
        let walker = walkdir::WalkDir::new(path).sort_by_file_name().into_iter().filter_map(Result::ok);
        walker.map(|entry| entry.into_path()).filter(|p| p.is_file() && is_font(p)).collect()
    } else {
        vec![path.to_path_buf()]
    }
}

/// Reads the fonts for PDFs: `given` (files or folders) when there are
/// any, else the site's `fonts/`, else the system's.
pub fn load_fonts(root: &Path, given: &[PathBuf], diags: &mut Diagnostics) -> Vec<FontFile> {
    let site_fonts = root.join(FONTS_DIR);
    let paths: Vec<PathBuf> = if !given.is_empty() {
        given.iter().flat_map(|path| fonts_in(path)).collect()
    } else if site_fonts.is_dir() {
        fonts_in(&site_fonts)
    } else {
        let found = SYSTEM_FONTS.iter().find(|set| Path::new(set[0]).is_file());
        found.map(|set| set.iter().map(PathBuf::from).filter(|p| p.is_file()).collect()).unwrap_or_default()
    };
    let mut fonts = Vec::new();
    for path in paths {
        match std::fs::read(&path) {
            Ok(bytes) => fonts.push(FontFile { path, bytes }),
            // A font asked for by name that is not there: an error, not
            // PDFs that silently vanish from their addresses.
            Err(err) => diags.push(
                Diagnostic::error("pdf-font-unreadable", format!("cannot read the font {}: {err}", path.display()))
                    .in_file(&path)
                    .hint("give a font file kiyaku can read (.ttf, .otf, .ttc), or leave --font out"),
            ),
        }
    }
    fonts
}
