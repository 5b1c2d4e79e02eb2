//! The errors that end a run. Problems in the sources are diagnostics and
//! are printed as they are found; these are what is left to say at the end.

use crate::today::TodayError;
use crate::write::WriteError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the build found {errors} error(s); the output folder was left as it was")]
    Failed { errors: usize },
    #[error(transparent)]
    Today(#[from] TodayError),
    #[error("could not write the site")]
    Write(#[from] WriteError),
}
