//! The errors that end a run. Problems in the sources are diagnostics and
//! are printed as they are found; these are what is left to say at the end.

use crate::base::today::TodayError;
use crate::write::WriteError;

/// An error that ends a run, printed once as `error: …` with its causes; see [`Error::exit_code`].
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The sources have errors (already printed as diagnostics), so nothing was written.
    #[error("the build found {errors} error(s); the output folder was left as it was")]
    Failed {
        /// How many errors the build found.
        errors: usize,
    },
    /// "Today" could not be worked out: `SOURCE_DATE_EPOCH` is not a number of seconds.
    #[error(transparent)]
    Today(#[from] TodayError),
    /// Files could not be written (a folder kiyaku may not replace, a full disk…); the cause says why.
    #[error("could not write the site; the output folder was left as it was")]
    Write(#[from] WriteError),
    /// `serve` could not listen on its address (the port is in use, say).
    #[error("cannot listen on {address}: {reason} (is the port in use? pass another with --port)")]
    Listen {
        /// The address and port `serve` tried to listen on.
        address: std::net::SocketAddr,
        /// Why it could not, as the HTTP server reported it.
        reason: String,
    },
    /// `serve` could not watch the site's folders for changes; holds the watcher's message.
    #[error("cannot watch the sources: {0}")]
    Watch(String),
    /// `build --locked` found that `kiyaku.lock` would change.
    #[error(
        "kiyaku.lock would change (versions were published, or corrections, translations or block revisions made, \
         since it was written) and --locked was given: nothing was written. Run `kiyaku build` without --locked, and commit kiyaku.lock with the sources"
    )]
    LockChanged,
    /// The command cannot act on what it was given (no site folder, an unknown policy…): the whole message.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// 1 when the sources have errors (as `check` reports them), 2 when the
    /// run could not be carried out.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Failed { .. } | Error::LockChanged => 1,
            Error::Today(_) | Error::Write(_) | Error::Listen { .. } | Error::Watch(_) | Error::Usage(_) => 2,
        }
    }
}

/// The error and each cause it does not already quote, one per line
/// (`caused by: …`): what `main` prints after `error: `, and what
/// `build --format json` reports as its `failure`.
pub fn chain(err: &Error) -> String {
    use std::error::Error as _;
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        // A cause its own error already quotes is not said twice.
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(&format!("\n  caused by: {text}"));
        }
        source = cause.source();
    }
    message
}
