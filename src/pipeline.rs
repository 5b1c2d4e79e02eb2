//! The build pipeline, shared by `build`, `check` and `serve`:
//! load → parse → model → render. Writing is the caller's choice.

use std::path::Path;
use std::sync::Arc;

use jiff::civil::Date;

use crate::diag::Diagnostics;
use crate::i18n::I18n;
use crate::render::{self, OutputFile};
use crate::{load, model};

/// The outcome of a run: the site's files (empty when errors were found)
/// and every problem met on the way.
#[derive(Debug, Default)]
pub struct Compiled {
    pub files: Vec<OutputFile>,
    pub diagnostics: Diagnostics,
    /// The new text of `kiyaku.lock`, when versions took effect since it
    /// was last written (or it does not exist yet).
    pub lock: Option<String>,
}

/// Reads the site at `root` and renders it as of `today`.
pub fn compile(root: &Path, today: Date) -> Compiled {
    compile_at(root, today, None)
}

/// Like [`compile`], publishing the site at `base_url` instead of the
/// configured address (for previews).
pub fn compile_at(root: &Path, today: Date, base_url: Option<&str>) -> Compiled {
    let mut diagnostics = Diagnostics::default();
    let sources = crate::timing::phase("load", || load::load(root, &mut diagnostics));
    let (files, lock) = compile_sources(&sources, today, base_url, &mut diagnostics);
    Compiled { files, diagnostics, lock }
}

/// Compiles sources already in memory (tests and fuzzing build them by hand).
pub fn compile_loaded(sources: &load::Sources, today: Date) -> Compiled {
    let mut diagnostics = Diagnostics::default();
    let (files, lock) = compile_sources(sources, today, None, &mut diagnostics);
    Compiled { files, diagnostics, lock }
}

fn compile_sources(
    sources: &load::Sources,
    today: Date,
    base_url: Option<&str>,
    diags: &mut Diagnostics,
) -> (Vec<OutputFile>, Option<String>) {
    let Some(site) = crate::timing::phase("model", || model::build(sources, base_url, diags)) else {
        return (Vec::new(), None);
    };
    // A day given with --now may lie in the future: only days that have
    // really passed (in Japan) put versions into the immutable record.
    let lock_day = today.min(crate::today::resolve(None, None).unwrap_or(today));
    let lock = crate::lock::check(&site, sources.lock.as_ref(), lock_day, diags);
    // The checklist reads the sources as a whole: on a site with errors it
    // would only repeat them.
    if !diags.has_errors() {
        crate::appi::check(&site, today, diags);
    }
    (render(sources, &site, today, diags), lock)
}

fn render(sources: &load::Sources, site: &model::Site<'_>, today: Date, diags: &mut Diagnostics) -> Vec<OutputFile> {
    let i18n = Arc::new(I18n::build(&sources.i18n, &site.config.languages, diags));

    let env = render::environment(&sources.templates, Arc::clone(&i18n), diags);
    if diags.has_errors() {
        return Vec::new();
    }
    let mut files = crate::timing::phase("render", || {
        crate::pages::render_site(site, &env, &sources.templates, &i18n, today, diags)
    });
    if diags.has_errors() {
        return Vec::new();
    }
    files.extend(render::static_files(&sources.statics));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}
