//! One module per subcommand, each with an options struct built from the
//! raw arguments in one step and a `run` that returns the exit code.

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod completions;
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod new_version;
pub(crate) mod serve;

use std::io::Write;

use crate::Error;
use crate::base::diag::{Diagnostic, Diagnostics, Severity};

/// Prints every diagnostic for a person, then a one-line count.
pub(crate) fn print_diagnostics(diags: &Diagnostics, out: &mut dyn Write) {
    let _ = out.write_all(diags.render_human().as_bytes());
}

/// The site folder given with `--root` must exist before anything is done
/// there (a build would otherwise create the output folder's parent).
pub(crate) fn require_site_folder(root: &std::path::Path) -> Result<(), Error> {
    if root.is_dir() {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "{} is not a folder: pass the site's folder with --root, or create a site with `kiyaku init`",
        root.display()
    )))
}

/// What to make of published versions with no record in `kiyaku.lock`
/// (see [`crate::pipeline::Outcome::unrecorded`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unrecorded {
    /// Errors: the record must not be written for them silently.
    Refuse,
    /// Recorded deliberately (`--record-published`): nothing to report.
    Record,
    /// Warnings: a preview writes no record.
    Warn,
}

impl Unrecorded {
    /// From the `--record-published` flag.
    pub(crate) fn from_flag(record: bool) -> Self {
        if record { Unrecorded::Record } else { Unrecorded::Refuse }
    }

    /// Adds the unrecorded versions to `diags` as this says.
    pub(crate) fn report(self, unrecorded: Vec<Diagnostic>, diags: &mut Diagnostics) {
        for mut diagnostic in unrecorded {
            match self {
                Unrecorded::Record => continue,
                Unrecorded::Warn => diagnostic.severity = Severity::Warning,
                Unrecorded::Refuse => {}
            }
            diags.push(diagnostic);
        }
    }
}
