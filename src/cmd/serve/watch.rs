//! Watching the sources: notify events, debounced, become one rebuild.
//!
//! The site root is watched on its own (so a `templates/` folder or a config
//! file created by rename is seen) and each source folder recursively.
//! Editors that save through a temporary file and a rename still end in an
//! event on the real path; hidden and backup files alone do not trigger.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::load::WATCHED;

/// Quiet time that ends a burst of events.
const DEBOUNCE: Duration = Duration::from_millis(30);

/// A burst of changes to the sources.
#[derive(Debug, Clone)]
pub(super) struct Change {
    pub first: Instant,
    /// The policies whose folders changed, when nothing else did.
    pub policies: Option<BTreeSet<String>>,
}

pub(super) struct SourceWatcher {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
    watched: Vec<PathBuf>,
}

impl SourceWatcher {
    pub(super) fn new(root: &Path) -> notify::Result<Self> {
        let (sender, events) = channel();
        let watcher = notify::recommended_watcher(sender)?;
        // Events name absolute paths; compare them with an absolute root.
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let mut this = SourceWatcher { watcher, events, root, watched: Vec::new() };
        this.watcher.watch(&this.root.clone(), RecursiveMode::NonRecursive)?;
        this.watch_new_folders();
        Ok(this)
    }

    /// Starts watching source folders that exist now and were not watched.
    fn watch_new_folders(&mut self) {
        for name in WATCHED {
            let path = self.root.join(name);
            if path.is_dir()
                && !self.watched.contains(&path)
                && self.watcher.watch(&path, RecursiveMode::Recursive).is_ok()
            {
                self.watched.push(path);
            }
        }
    }

    /// Blocks until a source changes, then until the burst is over. Returns
    /// when the first event arrived and which policies the burst touched
    /// (`None`: something else, so everything), or `None` when the watcher
    /// is gone.
    pub(super) fn next_change(&mut self) -> Option<Change> {
        let mut change = Change { first: Instant::now(), policies: Some(BTreeSet::new()) };
        loop {
            let event = self.events.recv().ok()?;
            if self.matters(&event) {
                change.first = Instant::now();
                self.note(&event, &mut change);
                break;
            }
        }
        loop {
            match self.events.recv_timeout(DEBOUNCE) {
                Ok(event) => {
                    if self.matters(&event) {
                        self.note(&event, &mut change);
                    }
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        self.watch_new_folders();
        Some(change)
    }

    /// Narrows the change to policies when the event is inside content/<slug>/.
    fn note(&self, event: &notify::Result<notify::Event>, change: &mut Change) {
        let Ok(event) = event else {
            change.policies = None;
            return;
        };
        for path in &event.paths {
            let relative = path.strip_prefix(&self.root).unwrap_or(path);
            let parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
            match (parts.first().map(String::as_str), parts.get(1), &mut change.policies) {
                (Some(crate::base::layout::CONTENT_DIR), Some(slug), Some(policies)) if parts.len() >= 2 => {
                    policies.insert(slug.clone());
                }
                _ => change.policies = None,
            }
        }
    }

    fn matters(&self, event: &notify::Result<notify::Event>) -> bool {
        let Ok(event) = event else { return true };
        if matches!(event.kind, EventKind::Access(_)) {
            return false;
        }
        event.paths.iter().any(|path| self.is_source(path))
    }

    fn is_source(&self, path: &Path) -> bool {
        let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        if name.starts_with('.') || name.ends_with('~') || name.starts_with('#') {
            return false;
        }
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        let first = relative.iter().next().map(|p| p.to_string_lossy()).unwrap_or_default();
        WATCHED.contains(&first.as_ref()) || relative.as_os_str().is_empty()
    }
}
