//! Whether the output folder may be replaced: kiyaku replaces only a
//! folder it wrote, and proves it by the marker file, which lists every file
//! a build wrote ([`super::manifest::listed`]). An empty folder is free; a
//! folder holding any file the marker does not list (someone's notes, a
//! copied or forged marker beside other files) is refused, naming the file.

use std::path::Path;

use super::{MARKER_SENTENCE, WriteError, io_error, manifest};
use crate::base::layout::MARKER;

pub(super) fn check_replaceable(output: &Path) -> Result<(), WriteError> {
    let Ok(meta) = std::fs::symlink_metadata(output) else {
        return Ok(());
    };
    if meta.file_type().is_symlink() {
        return Err(WriteError::SymbolicLink { path: output.to_path_buf() });
    }
    if !meta.is_dir() {
        return Err(WriteError::NotADirectory { path: output.to_path_buf() });
    }
    let empty = std::fs::read_dir(output).map_err(io_error(output))?.next().is_none();
    if empty {
        return Ok(());
    }
    let marker = std::fs::read_to_string(output.join(MARKER)).unwrap_or_default();
    let not_ours = |file: Option<String>| WriteError::NotOurs { path: output.to_path_buf(), file };
    match manifest::listed(&marker) {
        // Each file must be one kiyaku wrote: a forged or copied marker
        // beside someone's files does not make the folder kiyaku's.
        Some(listed) => match foreign_file(output, &listed) {
            Some(file) => Err(not_ours(Some(file))),
            None => Ok(()),
        },
        // The marker of an earlier kiyaku, which listed only the pages.
        None if marker.starts_with(MARKER_SENTENCE) && !manifest::parse(&marker).0.is_empty() => Ok(()),
        None => Err(not_ours(None)),
    }
}

/// The first file under `output` that the marker does not list.
fn foreign_file(output: &Path, listed: &std::collections::BTreeSet<String>) -> Option<String> {
    let mut walk = walkdir::WalkDir::new(output).min_depth(1).sort_by_file_name().into_iter();
    walk.find_map(|entry| {
        let entry = entry.ok()?;
        if entry.file_type().is_dir() {
            return None;
        }
        let relative = entry.path().strip_prefix(output).ok()?.to_string_lossy().replace('\\', "/");
        (!listed.contains(&relative)).then_some(relative)
    })
}
