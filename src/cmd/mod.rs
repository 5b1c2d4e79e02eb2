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

/// Prints every diagnostic for a person, then a one-line count; coloured
/// on a terminal (see [`colour_wanted`]).
pub(crate) fn print_diagnostics(diags: &Diagnostics, out: &mut dyn Write) {
    let text = diags.render_human();
    let text = if colour_wanted() { colour(&text) } else { text };
    let _ = out.write_all(text.as_bytes());
}

/// Colour on standard error when it is a terminal. `NO_COLOR` (not empty,
/// no-color.org) turns it off whatever else is set; `CLICOLOR_FORCE` (not
/// 0) turns it on in a pipe too; `CLICOLOR=0` off.
fn colour_wanted() -> bool {
    use std::io::IsTerminal;
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        return false;
    }
    if std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0") {
        return true;
    }
    std::env::var_os("CLICOLOR").is_none_or(|v| v != "0") && std::io::stderr().is_terminal()
}

/// The severity labels and the underlines of rendered diagnostics in colour.
fn colour(text: &str) -> String {
    const RESET: &str = "\x1b[0m";
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.split_inclusive('\n') {
        let label = [("error[", "\x1b[1;31m"), ("warning[", "\x1b[1;33m"), ("note[", "\x1b[1;36m")]
            .into_iter()
            .find(|(label, _)| line.starts_with(label));
        match label {
            Some((_, code)) => {
                let end = line.find("]:").map_or(line.len(), |at| at + 2);
                out.push_str(&format!("{code}{}{RESET}{}", &line[..end], &line[end..]));
            }
            // The underline under a quoted line: `  |     ^^^^`.
            None if line.trim_start().starts_with('|') && line.trim_end().ends_with('^') => {
                let at = line.find('^').unwrap_or(line.len());
                let end = line.trim_end().len();
                out.push_str(&format!("{}\x1b[1;31m{}{RESET}{}", &line[..at], &line[at..end], &line[end..]));
            }
            None => out.push_str(line),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn labels_and_underlines_are_coloured() {
        let text = "error[x]: bad\n --> a.md:1:1\n  |\n1 | ab\n  | ^^\nwarning[y]: hm\n";
        let coloured = super::colour(text);
        assert!(coloured.starts_with("\x1b[1;31merror[x]:\x1b[0m bad\n"), "{coloured:?}");
        assert!(coloured.contains("  | \x1b[1;31m^^\x1b[0m\n"), "{coloured:?}");
        assert!(coloured.contains("\x1b[1;33mwarning[y]:\x1b[0m hm"), "{coloured:?}");
        assert_eq!(super::colour("plain\n"), "plain\n");
    }
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
