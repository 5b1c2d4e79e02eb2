//! The build pipeline, shared by `build`, `check` and `serve`:
//! load → parse → model → render. Rendered files go to a sink: the write
//! stage for `build`, a collector for `serve` and the tests, nothing for
//! `check`. Writing is the caller's choice.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::{Arc, Mutex};

use jiff::civil::Date;

use crate::base::diag::{Diagnostic, Diagnostics};
use crate::render::cache::{self, BuildInputs, Cache, Store};
use crate::render::i18n::I18n;
use crate::render::pages::Sink;
use crate::render::{self, OutputFile};
use crate::{load, model};

use crate::render::search::SearchMemo;

/// The outcome of a run: the site's files (empty when errors were found)
/// and every problem met on the way.
#[derive(Debug, Default)]
pub struct Compiled {
    /// Every file of the site, sorted by path; none when there are errors.
    pub files: Vec<OutputFile>,
    /// Every problem of the run, errors, warnings and notes.
    pub diagnostics: Diagnostics,
    /// The new text of `kiyaku.lock`, when versions took effect since it
    /// was last written (or it does not exist yet).
    pub lock: Option<String>,
    /// The first day after the build day on which the output changes.
    pub next_change: Option<Date>,
    /// Published versions with no record, as in [`Outcome::unrecorded`].
    pub unrecorded: Vec<Diagnostic>,
}

/// What a streaming run leaves besides the files it sent.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Every problem of the run; with errors, the files sent must be dropped.
    pub diagnostics: Diagnostics,
    /// The new text of `kiyaku.lock`, as in [`Compiled::lock`].
    pub lock: Option<String>,
    /// The first day after the build day on which the output changes.
    pub next_change: Option<Date>,
    /// Published versions that `kiyaku.lock` has no record of, where it
    /// shows it once had one: errors for a command that records or checks
    /// the record, unless told to record them. `lock` records them.
    pub unrecorded: Vec<Diagnostic>,
    /// Per site language: the versions with a text of their own in it, and
    /// all the versions the site shows (the others show another's text).
    pub translated: std::collections::BTreeMap<String, (usize, usize)>,
    /// The APPI art. 32 checklist of each privacy policy version in force or upcoming.
    pub appi: Vec<model::appi::Checklist>,
}

/// Reads the site at `root` and renders it as of `today`, in memory.
pub fn compile(root: &Path, today: Date) -> Compiled {
    compile_at(root, today, None)
}

/// Like [`compile`], publishing the site at `base_url` instead of the
/// configured address (for previews).
pub fn compile_at(root: &Path, today: Date, base_url: Option<&str>) -> Compiled {
    let collected = Mutex::new(Vec::new());
    let outcome = stream(root, today, base_url, &|file| collected.lock().unwrap_or_else(|e| e.into_inner()).push(file));
    finish(collected, outcome)
}

/// Compiles sources already in memory (tests and fuzzing build them by hand).
pub fn compile_loaded(sources: &load::Sources, today: Date) -> Compiled {
    let collected = Mutex::new(Vec::new());
    let mut diagnostics = Diagnostics::default();
    let scope = Scope { base_url: None, only: None, store: None, fonts: None, search: None };
    let sink = |file| collected.lock().unwrap_or_else(|e| e.into_inner()).push(file);
    let made = compile_sources(sources, today, &scope, &sink, &mut diagnostics).unwrap_or_default();
    finish(collected, made.into_outcome(diagnostics))
}

fn finish(collected: Mutex<Vec<OutputFile>>, outcome: Outcome) -> Compiled {
    let mut files = collected.into_inner().unwrap_or_else(|e| e.into_inner());
    if outcome.diagnostics.has_errors() {
        files.clear();
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let Outcome { diagnostics, lock, next_change, unrecorded, .. } = outcome;
    Compiled { files, diagnostics, lock, next_change, unrecorded }
}

/// Reads and renders the site, sending each file to `sink` as it is made.
/// When the outcome has errors, what was sent must be thrown away.
pub fn stream(root: &Path, today: Date, base_url: Option<&str>, sink: Sink<'_>) -> Outcome {
    stream_in(root, today, &Scope { base_url, only: None, store: None, fonts: None, search: None }, sink)
}

/// What a preview (`serve`) renders: at the address it is reached at, and
/// with `only` just the policies that changed (and the site-wide pages),
/// with what it kept from its last build.
pub struct Preview<'p> {
    /// The address the preview is published at, for its links.
    pub base_url: Option<&'p str>,
    /// The policies whose folders alone changed; `None` reads and renders everything.
    pub only: Option<&'p BTreeSet<String>>,
    /// What the last build left for this one.
    pub memo: &'p PreviewMemo,
}

/// What a preview keeps from one build to the next: the sources as read
/// (a build that knows which policy folders alone changed reads only
/// those again; every source is still checked) and each policy's part of
/// the search index (only the changed policies' are made again).
#[derive(Debug, Default)]
pub struct PreviewMemo {
    sources: Mutex<Option<load::Sources>>,
    search: SearchMemo,
}

/// Like [`stream`], for a preview (see [`Preview`]).
pub fn stream_preview(root: &Path, today: Date, preview: &Preview<'_>, sink: Sink<'_>) -> Outcome {
    let Preview { base_url, only, memo } = *preview;
    let mut diagnostics = Diagnostics::default();
    let kept = memo.sources.lock().unwrap_or_else(|e| e.into_inner()).take();
    let sources = crate::base::timing::phase("load", || match (only, kept) {
        (Some(only), Some(kept)) => load::reload_policies(root, kept, only, &mut diagnostics),
        _ => load::load(root, &mut diagnostics),
    });
    let scope = Scope { base_url, only, store: None, fonts: None, search: Some(&memo.search) };
    let made = compile_sources(&sources, today, &scope, sink, &mut diagnostics).unwrap_or_default();
    *memo.sources.lock().unwrap_or_else(|e| e.into_inner()) = Some(sources);
    made.into_outcome(diagnostics)
}

/// Like [`stream`], taking the pages of policies that did not change from
/// the previous build kept in `store` (see [`crate::render::cache`]).
/// `base_url`, when given, is the address to publish at instead of the
/// configured one (a deploy preview's).
/// `fonts`, when given, are the fonts PDFs are made with (see
/// [`load::load_fonts`]); without, no PDF is made.
pub fn stream_reusing(
    root: &Path,
    today: Date,
    base_url: Option<&str>,
    (store, fonts): (&dyn Store, Option<&[load::FontFile]>),
    sink: Sink<'_>,
) -> Outcome {
    stream_in(root, today, &Scope { base_url, only: None, store: Some(store), fonts, search: None }, sink)
}

fn stream_in(root: &Path, today: Date, scope: &Scope<'_>, sink: Sink<'_>) -> Outcome {
    let mut diagnostics = Diagnostics::default();
    let sources = crate::base::timing::phase("load", || load::load(root, &mut diagnostics));
    let made = compile_sources(&sources, today, scope, sink, &mut diagnostics).unwrap_or_default();
    made.into_outcome(diagnostics)
}

/// Where the site is published, which policies to render, and where earlier
/// pages may be reused from.
struct Scope<'s> {
    base_url: Option<&'s str>,
    only: Option<&'s BTreeSet<String>>,
    store: Option<&'s dyn Store>,
    /// The fonts of the PDFs, for a run that makes them.
    fonts: Option<&'s [load::FontFile]>,
    /// Each policy's part of the search index at the last build (a preview's).
    search: Option<&'s SearchMemo>,
}

/// What a run makes besides its files.
#[derive(Default)]
struct Made {
    lock: Option<String>,
    next_change: Option<Date>,
    unrecorded: Vec<Diagnostic>,
    translated: std::collections::BTreeMap<String, (usize, usize)>,
    appi: Vec<model::appi::Checklist>,
}

impl Made {
    fn into_outcome(self, diagnostics: Diagnostics) -> Outcome {
        let Made { lock, next_change, unrecorded, translated, appi } = self;
        Outcome { diagnostics, lock, next_change, unrecorded, translated, appi }
    }
}

/// How much of the site each language has a text of its own for.
fn translated(site: &model::Site<'_>) -> std::collections::BTreeMap<String, (usize, usize)> {
    let versions: Vec<_> = site.policies.iter().flat_map(|p| &p.versions).collect();
    let written = |lang: &String| versions.iter().filter(|v| v.texts.contains_key(lang)).count();
    site.config.languages.iter().map(|lang| (lang.clone(), (written(lang), versions.len()))).collect()
}

fn compile_sources(
    sources: &load::Sources,
    today: Date,
    scope: &Scope<'_>,
    sink: Sink<'_>,
    diags: &mut Diagnostics,
) -> Option<Made> {
    // A day given with --now may lie in the future: only days that have
    // really passed (in Japan) put versions into the immutable record.
    let real_day = crate::base::today::resolve(None, None).unwrap_or(today);
    let fonts = scope.fonts.unwrap_or_default();
    let target = model::Target {
        base_url: scope.base_url,
        today,
        record_day: today.min(real_day),
        real_day,
        pdf: scope.fonts.is_some(),
        fonts: fonts.len(),
    };
    let model::Model { mut site, lock, unrecorded, appi } = model::build(sources, &target, diags)?;
    let pdf_fonts = if site.pdf { pdf_fonts(&mut site, fonts, diags)? } else { None };
    let cache = scope.store.filter(|_| !diags.has_errors()).map(|store| {
        let inputs = BuildInputs { today, base_url: scope.base_url, fonts: site.pdf.then_some(fonts) };
        Cache::new(store, cache::stream_keys(sources, &site.config.languages, &inputs))
    });
    let scope = RenderScope { only: scope.only, cache: cache.as_ref(), pdf: pdf_fonts.as_ref(), search: scope.search };
    render(sources, &site, today, &scope, sink, diags);
    Some(Made { lock, next_change: site.next_change, unrecorded, translated: translated(&site), appi })
}

/// The fonts of the PDFs: an error when the files hold no font; no PDFs
/// (and a warning) when a site in Japanese has no font with its glyphs.
fn pdf_fonts(
    site: &mut model::Site<'_>,
    fonts: &[load::FontFile],
    diags: &mut Diagnostics,
) -> Option<Option<render::pdf::PdfFonts>> {
    let Some(pdf_fonts) = render::pdf::PdfFonts::new(fonts) else {
        let names: Vec<String> = fonts.iter().map(|f| f.path.display().to_string()).collect();
        diags.push(
            Diagnostic::error("pdf-font-invalid", format!("no font could be read from {}", names.join(", ")))
                .hint("give font files (.ttf, .otf, .ttc) with --font or in fonts/, or turn PDFs off with --no-pdf"),
        );
        return None;
    };
    let japanese = site.config.languages.iter().any(|lang| lang == "ja");
    if japanese && !pdf_fonts.covers_japanese() {
        let names: Vec<String> = fonts.iter().map(|f| f.path.display().to_string()).collect();
        diags.push(
            Diagnostic::warning(
                "pdf-font-no-japanese",
                format!("the fonts for the PDFs ({}) have no Japanese glyphs: no PDF is made", names.join(", ")),
            )
            .hint("give a Japanese font too (Noto Sans CJK JP, IPAexGothic, Hiragino Sans), with --font or in fonts/"),
        );
        site.pdf = false;
        return Some(None);
    }
    Some(Some(pdf_fonts))
}

/// Which policies to render, and the pages that may be reused.
struct RenderScope<'s> {
    only: Option<&'s BTreeSet<String>>,
    search: Option<&'s SearchMemo>,
    cache: Option<&'s Cache<'s>>,
    pdf: Option<&'s render::pdf::PdfFonts>,
}

fn render(
    sources: &load::Sources,
    site: &model::Site<'_>,
    today: Date,
    scope: &RenderScope<'_>,
    sink: Sink<'_>,
    diags: &mut Diagnostics,
) {
    let i18n = Arc::new(I18n::build(&sources.i18n, &site.config.languages, diags));
    let assets = Arc::new(render::assets::Assets::new(&sources.templates, &sources.statics, &site.urls));
    let env = render::environment(&sources.templates, Arc::clone(&i18n), Arc::clone(&assets), diags);
    if diags.has_errors() {
        return;
    }
    crate::base::timing::phase("render", || {
        let input = crate::render::pages::RenderInput {
            site,
            env: &env,
            templates: &sources.templates,
            i18n: &i18n,
            today,
            only: scope.only,
            search: scope.search,
            cache: scope.cache,
            pdf: scope.pdf,
        };
        crate::render::pages::render_site(&input, sink, diags);
    });
    assets.files(&sources.statics, &site.urls).into_iter().for_each(sink);
    sink(assets.headers_file(&site.urls, &site.config.languages));
}
