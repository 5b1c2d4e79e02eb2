//! The site being previewed, shared by the builder, the HTTP workers and
//! the event streams: the last good files, the current build error if any,
//! and a generation number that every rebuild increases.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use crate::base::diag::Diagnostics;
use crate::model::urls::Urls;
use crate::render::OutputFile;

/// Site files by path below the root.
/// Shared bytes: a rebuild of one policy keeps the other files without copying them.
pub(super) type Files = HashMap<String, Arc<Vec<u8>>>;

#[derive(Default)]
struct State {
    files: Arc<Files>,
    error: Option<String>,
    generation: u64,
}

/// What a client is told after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Update {
    pub generation: u64,
    /// The build errors, when the sources are broken.
    pub error: Option<String>,
}

#[derive(Default)]
pub(crate) struct Live {
    state: Mutex<State>,
    changed: Condvar,
}

impl Live {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A worker that panicked cannot leave the state half-written: every
        // write below is a single assignment.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Takes a build: new files when it succeeded, else keeps the last good
    /// site and records the error. With `only`, the build rendered just those
    /// policies (and the site-wide pages): their old files are replaced and
    /// the others kept. Wakes every waiting event stream.
    pub(crate) fn publish(&self, diagnostics: Diagnostics, files: Vec<OutputFile>, only: Option<&BTreeSet<String>>) {
        let mut state = self.lock();
        if diagnostics.has_errors() {
            state.error = Some(diagnostics.render_human());
        } else {
            let mut merged: Files = match only {
                Some(slugs) => state
                    .files
                    .iter()
                    .filter(|(path, _)| !Urls::policy_of_file(path).is_some_and(|slug| slugs.contains(slug)))
                    .map(|(p, b)| (p.clone(), b.clone()))
                    .collect(),
                None => Files::with_capacity(files.len()),
            };
            merged.extend(files.into_iter().map(|f| (f.path, f.bytes)));
            state.files = Arc::new(merged);
            state.error = None;
        }
        state.generation += 1;
        self.changed.notify_all();
    }

    pub(crate) fn files(&self) -> Arc<Files> {
        Arc::clone(&self.lock().files)
    }

    pub(crate) fn current(&self) -> Update {
        let state = self.lock();
        Update { generation: state.generation, error: state.error.clone() }
    }

    /// Waits until the generation passes `seen`, or `timeout` elapses.
    pub(crate) fn wait_after(&self, seen: u64, timeout: Duration) -> Option<Update> {
        let state = self.lock();
        let (state, _) = self
            .changed
            .wait_timeout_while(state, timeout, |s| s.generation <= seen)
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        (state.generation > seen).then(|| Update { generation: state.generation, error: state.error.clone() })
    }
}
