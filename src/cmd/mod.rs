//! One module per subcommand, each with an options struct built from the
//! raw arguments in one step and a `run` that returns the exit code.

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod new_version;
pub(crate) mod serve;

use std::io::Write;

use crate::Error;
use crate::base::diag::Diagnostics;

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
