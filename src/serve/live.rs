//! The site being previewed, shared by the builder, the HTTP workers and
//! the event streams: the last good files, the current build error if any,
//! and a generation number that every rebuild increases.

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use crate::cmd::render_diagnostics;
use crate::pipeline::Compiled;

/// Site files by path below the root.
pub type Files = HashMap<String, Vec<u8>>;

#[derive(Default)]
struct State {
    files: Arc<Files>,
    error: Option<String>,
    generation: u64,
}

/// What a client is told after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    pub generation: u64,
    /// The build errors, when the sources are broken.
    pub error: Option<String>,
}

#[derive(Default)]
pub struct Live {
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
    /// site and records the error. Wakes every waiting event stream.
    pub fn publish(&self, compiled: Compiled) {
        let mut state = self.lock();
        if compiled.diagnostics.has_errors() {
            state.error = Some(render_diagnostics(&compiled.diagnostics));
        } else {
            state.files = Arc::new(compiled.files.into_iter().map(|f| (f.path, f.bytes)).collect());
            state.error = None;
        }
        state.generation += 1;
        self.changed.notify_all();
    }

    pub fn files(&self) -> Arc<Files> {
        Arc::clone(&self.lock().files)
    }

    pub fn current(&self) -> Update {
        let state = self.lock();
        Update { generation: state.generation, error: state.error.clone() }
    }

    /// Waits until the generation passes `seen`, or `timeout` elapses.
    pub fn wait_after(&self, seen: u64, timeout: Duration) -> Option<Update> {
        let state = self.lock();
        let (state, _) = self
            .changed
            .wait_timeout_while(state, timeout, |s| s.generation <= seen)
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        (state.generation > seen).then(|| Update { generation: state.generation, error: state.error.clone() })
    }
}
