//! One module per subcommand, each with an options struct built from the
//! raw arguments in one step and a `run` that returns the exit code.

pub mod build;
pub mod check;

use std::io::Write;

use crate::diag::{Diagnostics, Severity};

/// Prints every diagnostic for a person, then a one-line count.
pub fn print_diagnostics(diags: &Diagnostics, out: &mut dyn Write) {
    for diagnostic in diags.sorted() {
        let _ = writeln!(out, "{}", diagnostic.render_human());
    }
    let errors = diags.count(Severity::Error);
    let warnings = diags.count(Severity::Warning);
    if errors + warnings > 0 {
        let _ = writeln!(out, "{errors} error(s), {warnings} warning(s)");
    }
}
