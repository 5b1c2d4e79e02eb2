//! The errors that end a run. Problems in the sources are diagnostics and
//! are printed as they are found; these are what is left to say at the end.

use crate::base::today::TodayError;
use crate::write::WriteError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the build found {errors} error(s); the output folder was left as it was")]
    Failed { errors: usize },
    #[error(transparent)]
    Today(#[from] TodayError),
    #[error("could not write the site")]
    Write(#[from] WriteError),
    #[error("cannot listen on {address}: {reason} (is the port in use? pass another with --port)")]
    Listen { address: std::net::SocketAddr, reason: String },
    #[error("cannot watch the sources: {0}")]
    Watch(String),
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// 1 when the sources have errors (as `check` reports them), 2 when the
    /// run could not be carried out.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Failed { .. } => 1,
            Error::Today(_) | Error::Write(_) | Error::Listen { .. } | Error::Watch(_) | Error::Usage(_) => 2,
        }
    }
}
