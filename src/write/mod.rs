//! Writing: the only stage that changes the file system.
//!
//! The site is written whole into a fresh sibling folder, then swapped in
//! for the output folder with one atomic rename (`RENAME_EXCHANGE` on
//! Linux), so a failed or killed build leaves the last good site untouched
//! and readers never see a half-written one. A marker file tells kiyaku's
//! own output folders apart from anything else: a folder without it is
//! never replaced.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::base::layout::MARKER;
use crate::render::OutputFile;
use crate::render::cache::{Store, Stream};

mod manifest;
mod ownership;

const MARKER_SENTENCE: &str = "Built by kiyaku. This folder is replaced whole by each build.";

/// A site swapped in: how many files it has, and the previous site's
/// folder when it could not be removed (the next build tries again).
#[derive(Debug)]
pub(crate) struct Committed {
    pub files: usize,
    pub left_behind: Option<WriteError>,
}

/// What can go wrong while writing the site.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(
        "{path} exists and was not written by kiyaku{}; refusing to replace it (remove it or choose another --output)",
        foreign(.file)
    )]
    NotOurs { path: PathBuf, file: Option<String> },
    #[error("{path} already exists; kiyaku does not overwrite it")]
    Exists { path: PathBuf },
    #[error("{path} is a file, not a folder")]
    NotADirectory { path: PathBuf },
    #[error(
        "{path} is a symbolic link; the output folder is replaced whole, so give the folder it points to with --output"
    )]
    SymbolicLink { path: PathBuf },
    #[error("cannot write {path}: {source}{}", advice(.source))]
    Io { path: PathBuf, source: io::Error },
}

/// What to do about the failures a user can act on.
fn advice(err: &io::Error) -> &'static str {
    match err.kind() {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
            "; the disk is full: free some space, or build into another folder with --output"
        }
        io::ErrorKind::ReadOnlyFilesystem => "; that file system is read-only: build into another folder with --output",
        io::ErrorKind::PermissionDenied => {
            "; kiyaku may not write there: build into a folder you may write to with --output"
        }
        io::ErrorKind::FileTooLarge => "; a limit on the size of files was reached (see `ulimit -f`)",
        _ => "",
    }
}

fn foreign(file: &Option<String>) -> String {
    file.as_ref().map_or_else(String::new, |file| format!(" (it holds {file}, which no kiyaku build wrote there)"))
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io { path: path.to_path_buf(), source }
}

/// A new site being written beside the output folder. Files arrive one by
/// one as they are rendered ([`Staging::put`], from any thread); nothing is
/// visible until [`Staging::commit`] swaps the whole folder in. Dropped
/// without a commit (errors, or a panic), it removes itself.
pub(crate) struct Staging {
    dir: PathBuf,
    output: PathBuf,
    /// The current site, when it is kiyaku's: unchanged files are linked.
    previous: Option<PathBuf>,
    error: Mutex<Option<WriteError>>,
    files: AtomicUsize,
    /// HTML pages among the files, and streams reused whole.
    pages: AtomicUsize,
    reused: AtomicUsize,
    /// Folders already created: most files share their folder with others.
    folders: Mutex<std::collections::HashSet<PathBuf>>,
    /// What the previous build recorded, and what this one records.
    previous_streams: manifest::Manifest,
    previous_prints: manifest::Fingerprints,
    /// When the previous build finished (its marker was written last).
    previous_written: Option<std::time::SystemTime>,
    streams: Mutex<manifest::Manifest>,
    prints: Mutex<manifest::Fingerprints>,
    /// Files whose content other files share, by the content's address:
    /// the others are hard links to the first one written. (A weak
    /// reference keeps the address from being reused while it is here.)
    shared: Mutex<std::collections::HashMap<usize, SharedContent>>,
    /// Held from the start to the swap: see [`lock_folder`].
    _lock: Option<std::fs::File>,
    committed: bool,
}

/// A content other files share, and where it was first written.
type SharedContent = (std::sync::Weak<Vec<u8>>, PathBuf);

impl Staging {
    /// Prepares to replace `output`; refuses folders kiyaku did not write.
    pub(crate) fn begin(output: &Path) -> Result<Staging, WriteError> {
        ownership::check_replaceable(output)?;
        let name = output.file_name().map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
        let parent = match output.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(io_error(&parent))?;
        let lock = lock_folder(&parent);
        remove_stale(&parent, &name);
        let dir = parent.join(format!(".{name}.kiyaku-new-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(io_error(&dir))?;
        let marker = std::fs::read_to_string(output.join(MARKER)).ok();
        let (previous_streams, previous_prints) = marker.as_deref().map(manifest::parse).unwrap_or_default();
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            previous: marker.is_some().then(|| output.to_path_buf()),
            error: Mutex::new(None),
            files: AtomicUsize::new(0),
            pages: AtomicUsize::new(0),
            reused: AtomicUsize::new(0),
            folders: Mutex::new(std::collections::HashSet::new()),
            previous_streams,
            previous_prints,
            previous_written: std::fs::metadata(output.join(MARKER)).and_then(|m| m.modified()).ok(),
            streams: Mutex::new(manifest::Manifest::new()),
            prints: Mutex::new(manifest::Fingerprints::new()),
            shared: Mutex::new(std::collections::HashMap::new()),
            _lock: lock,
            committed: false,
        })
    }

    /// Writes one file of the new site. A file whose bytes are those of the
    /// same file in the previous site is hard-linked instead: files are
    /// never changed in place, so sharing them is safe, and a rebuild that
    /// changes one page writes one page. So is a file that shares its
    /// content with one already written (`current.json`).
    pub(crate) fn put(&self, file: OutputFile) {
        let path = self.dir.join(&file.path);
        let result = (|| {
            if let Some(parent) = path.parent() {
                self.create_folder(parent)?;
            }
            let linked = self.written_as(&file).is_some_and(|first| std::fs::hard_link(first, &path).is_ok());
            let old = self
                .previous
                .as_ref()
                .map(|p| p.join(&file.path))
                .filter(|old| !linked && same_bytes(old, &file.bytes));
            if !linked && old.is_none_or(|old| std::fs::hard_link(&old, &path).is_err()) {
                write_new(&path, &file.bytes).map_err(io_error(&path))?;
            }
            if !linked && std::sync::Arc::strong_count(&file.bytes) > 1 {
                let key = std::sync::Arc::as_ptr(&file.bytes) as usize;
                let entry = (std::sync::Arc::downgrade(&file.bytes), path.clone());
                self.shared.lock().unwrap_or_else(|e| e.into_inner()).insert(key, entry);
            }
            let size = file.bytes.len() as u64;
            self.prints.lock().unwrap_or_else(|e| e.into_inner()).insert(file.path.clone(), size);
            Ok(())
        })();
        self.count(&file.path);
        if let Err(err) = result {
            self.error.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert(err);
        }
    }

    /// Where a file sharing `file`'s content was written, if one was.
    fn written_as(&self, file: &OutputFile) -> Option<PathBuf> {
        let key = std::sync::Arc::as_ptr(&file.bytes) as usize;
        let shared = self.shared.lock().unwrap_or_else(|e| e.into_inner());
        let (weak, path) = shared.get(&key)?;
        weak.upgrade().is_some_and(|bytes| std::sync::Arc::ptr_eq(&bytes, &file.bytes)).then(|| path.clone())
    }

    fn count(&self, path: &str) {
        self.files.fetch_add(1, Ordering::Relaxed);
        if path.ends_with(".html") {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// The HTML pages put so far.
    pub(crate) fn pages(&self) -> usize {
        self.pages.load(Ordering::Relaxed)
    }

    /// The streams (a policy in a language) taken from the previous site.
    pub(crate) fn reused_streams(&self) -> usize {
        self.reused.load(Ordering::Relaxed)
    }

    fn create_folder(&self, folder: &Path) -> Result<(), WriteError> {
        let known = |folders: &std::collections::HashSet<PathBuf>| folders.contains(folder);
        if known(&self.folders.lock().unwrap_or_else(|e| e.into_inner())) {
            return Ok(());
        }
        std::fs::create_dir_all(folder).map_err(io_error(folder))?;
        self.folders.lock().unwrap_or_else(|e| e.into_inner()).insert(folder.to_path_buf());
        Ok(())
    }

    /// Puts the new site in place of the old one, atomically.
    pub(crate) fn commit(mut self) -> Result<Committed, WriteError> {
        if let Some(err) = self.error.lock().unwrap_or_else(|e| e.into_inner()).take() {
            return Err(err);
        }
        let marker = self.dir.join(MARKER);
        let streams = std::mem::take(&mut *self.streams.lock().unwrap_or_else(|e| e.into_inner()));
        let prints = std::mem::take(&mut *self.prints.lock().unwrap_or_else(|e| e.into_inner()));
        std::fs::write(&marker, manifest::render(MARKER_SENTENCE, &streams, &prints)).map_err(io_error(&marker))?;
        let left = crate::base::timing::phase("swap", || swap_in(&self.dir, &self.output))?;
        self.committed = true;
        Ok(Committed { files: self.files.load(Ordering::Relaxed), left_behind: left })
    }
}

impl Store for Staging {
    /// Links the stream's files from the previous site. Files are never
    /// changed in place, so sharing them is safe; if one cannot be linked,
    /// those already linked are unlinked again and the stream is rendered.
    fn reuse(&self, stream: &Stream, key: u64) -> bool {
        let (Some(previous), Some((recorded, files))) = (&self.previous, self.previous_streams.get(stream)) else {
            return false;
        };
        // A file edited since it was written is not the page this key made.
        let Some(written) = self.previous_written else { return false };
        let unchanged = |file: &String| {
            self.previous_prints.get(file).is_some_and(|size| manifest::unchanged(&previous.join(file), *size, written))
        };
        if *recorded != key || !files.iter().all(unchanged) {
            return false;
        }
        let mut linked = Vec::with_capacity(files.len());
        for file in files {
            let path = self.dir.join(file);
            let created = path.parent().is_none_or(|parent| self.create_folder(parent).is_ok());
            if !created || std::fs::hard_link(previous.join(file), &path).is_err() {
                linked.iter().for_each(|path| drop(std::fs::remove_file(path)));
                return false;
            }
            linked.push(path);
        }
        files.iter().for_each(|file| self.count(file));
        let mut prints = self.prints.lock().unwrap_or_else(|e| e.into_inner());
        prints.extend(files.iter().filter_map(|f| Some((f.clone(), *self.previous_prints.get(f)?))));
        drop(prints);
        self.reused.fetch_add(1, Ordering::Relaxed);
        // The files of the stream that were also recorded one by one (its
        // PDFs) keep that record, for the day the stream is rendered again.
        for file in files {
            let single = file_stream(file);
            if let Some((single_key, _)) = self.previous_streams.get(&single) {
                self.record(single, *single_key, vec![file.clone()]);
            }
        }
        self.record(stream.clone(), key, files.clone());
        true
    }

    fn record(&self, stream: Stream, key: u64, files: Vec<String>) {
        self.streams.lock().unwrap_or_else(|e| e.into_inner()).insert(stream, (key, files));
    }

    /// A file recorded on its own is a stream of one, named after it.
    fn reuse_file(&self, path: &str, key: u64) -> bool {
        let stream = file_stream(path);
        // Not counted as a reused stream: it is part of one being rendered.
        let reused = self.reuse(&stream, key);
        if reused {
            self.reused.fetch_sub(1, Ordering::Relaxed);
        }
        reused
    }

    fn record_file(&self, path: &str, key: u64) {
        self.record(file_stream(path), key, vec![path.to_string()]);
    }
}

/// The record of a file kept on its own (`file:ja/privacy/…/x.pdf`).
fn file_stream(path: &str) -> Stream {
    Stream { slug: format!("file:{path}"), lang: String::new() }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Writes `files` as the new content of `output`, atomically.
#[cfg(test)]
pub(crate) fn write_site(output: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    let staging = Staging::begin(output)?;
    files.par_iter().for_each(|file| staging.put(file.clone()));
    staging.commit().map(|_| ())
}

/// Creates new files below `dir`, never replacing one: when any exists,
/// nothing is written.
pub(crate) fn create_files(dir: &Path, files: &[(PathBuf, String)]) -> Result<(), WriteError> {
    if let Some((path, _)) = files.iter().find(|(path, _)| dir.join(path).exists()) {
        return Err(WriteError::Exists { path: dir.join(path) });
    }
    for (path, text) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        write_file(&path, text.as_bytes())?;
    }
    Ok(())
}

/// Writes a file of the new site as a new file: never through an existing
/// one, which may be a link to the previous site's copy.
fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let create = || std::fs::OpenOptions::new().write(true).create_new(true).open(path);
    let mut file = match create() {
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {
            std::fs::remove_file(path)?;
            create()?
        }
        other => other?,
    };
    file.write_all(bytes)
}

/// Writes one file atomically (a temporary sibling, then a rename).
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let name = path.file_name().map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let staging = path.with_file_name(format!(".{name}.kiyaku-new-{}", std::process::id()));
    remove_dead_writers(path, &format!(".{name}.kiyaku-new-"));
    // A write cut short (a full disk) leaves no half-written sibling behind.
    std::fs::write(&staging, bytes).map_err(|err| {
        let _ = std::fs::remove_file(&staging);
        io_error(&staging)(err)
    })?;
    std::fs::rename(&staging, path).map_err(|err| {
        let _ = std::fs::remove_file(&staging);
        io_error(path)(err)
    })
}

/// Removes the half-written copies of `path` that killed builds left
/// beside it: those whose process is gone (Linux names live ones in /proc;
/// elsewhere nothing is removed).
fn remove_dead_writers(path: &Path, prefix: &str) {
    let (Some(parent), true) = (path.parent(), Path::new("/proc/self").exists()) else { return };
    let Ok(entries) = std::fs::read_dir(if parent.as_os_str().is_empty() { Path::new(".") } else { parent }) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let pid = name.strip_prefix(prefix).filter(|pid| pid.bytes().all(|b| b.is_ascii_digit()));
        if pid.is_some_and(|pid| !Path::new("/proc").join(pid).exists()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Two builds writing beside the same output take turns: each swap is
/// atomic, but a build starting would take the other's staging folder for
/// a killed build's leftover and delete it. The lock is on the folder the
/// output lies in (no lock file of its own to leave behind); a file system
/// without locks goes without.
fn lock_folder(parent: &Path) -> Option<std::fs::File> {
    let folder = std::fs::File::open(parent).ok()?;
    match folder.try_lock() {
        Ok(()) => Some(folder),
        Err(std::fs::TryLockError::WouldBlock) => {
            eprintln!("waiting for another kiyaku build writing into {} to finish", parent.display());
            folder.lock().ok().map(|()| folder)
        }
        Err(_) => None,
    }
}

/// Removes staging folders left by builds that were killed (the caller
/// holds the folder's lock: no live build is writing them).
fn remove_stale(parent: &Path, name: &str) {
    let prefixes = [format!(".{name}.kiyaku-new-"), format!(".{name}.kiyaku-old-")];
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| file_name.starts_with(p.as_str())) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    let same_size = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
    same_size && std::fs::read(path).is_ok_and(|old| old == bytes)
}

/// Swaps the new site in; then the previous one is removed, and when that
/// fails the new site is in place all the same: the error is returned as
/// what was left behind, not as a failure.
fn swap_in(staging: &Path, output: &Path) -> Result<Option<WriteError>, WriteError> {
    if std::fs::symlink_metadata(output).is_err() {
        return std::fs::rename(staging, output).map(|()| None).map_err(io_error(output));
    }
    if exchange(staging, output).is_ok() {
        // `staging` now holds the previous site.
        return Ok(remove_tree(staging).err());
    }
    // Without an atomic exchange: move the old site aside, then the new in.
    let old = staging
        .with_file_name(staging.file_name().unwrap_or_default().to_string_lossy().replace("kiyaku-new", "kiyaku-old"));
    std::fs::rename(output, &old).map_err(io_error(output))?;
    if let Err(err) = std::fs::rename(staging, output) {
        let _ = std::fs::rename(&old, output);
        return Err(io_error(output)(err));
    }
    Ok(remove_tree(&old).err())
}

/// Removes a folder tree, unlinking files on every core (a site has
/// thousands of small files, and each unlink waits on the file system).
fn remove_tree(dir: &Path) -> Result<(), WriteError> {
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if entry.file_type().is_dir() {
            dirs.push(entry.into_path());
        } else {
            files.push(entry.into_path());
        }
    }
    files.par_iter().for_each(|file| {
        let _ = std::fs::remove_file(file);
    });
    // Deepest first, so each folder is empty when it goes.
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for dir in &dirs {
        let _ = std::fs::remove_dir(dir);
    }
    match std::fs::symlink_metadata(dir) {
        Ok(_) => std::fs::remove_dir_all(dir).map_err(io_error(dir)),
        Err(_) => Ok(()),
    }
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let to_c =
        |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(|_| io::Error::from(io::ErrorKind::InvalidInput));
    let (a, b) = (to_c(a)?, to_c(b)?);
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let result =
        unsafe { libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE) };
    if result == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests;
