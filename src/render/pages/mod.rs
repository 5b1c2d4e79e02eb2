//! The pages and documents of a site, rendered in parallel with no IO.
//!
//! Each job is one page (or one page and its JSON document) built from view
//! structs; each file goes to a sink as soon as it is made (the pipeline
//! sorts what it collects).

use std::collections::{BTreeMap, BTreeSet};

use fluent_bundle::{FluentArgs, FluentValue};
use jiff::civil::Date;
use minijinja::Environment;
use minijinja::value::{Serde, Value};
use rayon::prelude::*;
use serde::Serialize;

use crate::base::diag::{Diagnostics, SourceFile};
use crate::model::Site;
use crate::model::urls::Route;
use crate::render::banner::{BannerView, ScheduledBanner};
use crate::render::cache::Cache;
use crate::render::export;
use crate::render::html::RenderMemo;
use crate::render::i18n::I18n;
use crate::render::view::BlockView;
use crate::render::view::ClauseChangeView;
use crate::render::view::{HistoryEntryView, PageView, PolicyView, VersionView, Views};
use crate::render::{OutputFile, VersionTarget, html, template_error};

#[derive(Serialize)]
struct RootPage<'a> {
    lang: &'a str,
    page: PageView,
    languages: Vec<PageView>,
}

#[derive(Serialize)]
struct IndexPage<'a> {
    lang: &'a str,
    page: PageView,
    policies: Vec<PolicyView>,
}

#[derive(Serialize)]
struct PolicyPage<'a> {
    lang: &'a str,
    page: PageView,
    policy: PolicyView,
    /// The version, converted for the templates once for all its pages.
    version: Value,
    banner: BannerView,
    /// Banners for later days, for readers after a scheduled change.
    schedule: Vec<ScheduledBanner>,
    /// The build day (YYYY-MM-DD, Japan).
    today: String,
    /// schema.org JSON-LD for the blocks on the page, ready for a script tag.
    jsonld: Option<String>,
    /// What identifies the text shown, for a printed or saved copy.
    record: Record,
}

/// What identifies a version's text in one language: the page prints it
/// on the first page of a printed copy, so a copy can be matched to the
/// text a user accepted (the same hash as the JSON's `sha256`).
#[derive(Serialize)]
struct Record {
    /// The version's permanent page, absolute.
    url: String,
    /// SHA-256 of the canonical text shown (docs/json.md).
    sha256: String,
}

#[derive(Serialize)]
struct HistoryPage<'a> {
    lang: &'a str,
    page: PageView,
    policy: PolicyView,
    history: Vec<HistoryEntryView>,
    /// Any two versions have a comparison: the page offers to pick two.
    any_two: bool,
}

/// One site-wide page or document (versions are rendered per policy).
#[derive(Debug, Clone, Copy)]
enum Job<'l> {
    Root,
    Index(&'l str),
    Feed(&'l str),
    Search(&'l str),
    Api,
    NotFound,
    Sitemap,
}

/// Receives each file as soon as it is rendered: the write stage, or a
/// collector. Nothing else keeps the site in memory.
pub(crate) type Sink<'s> = &'s (dyn Fn(OutputFile) + Sync);

/// Everything rendering reads.
pub(crate) struct RenderInput<'r, 'a> {
    pub site: &'r Site<'a>,
    pub env: &'r Environment<'static>,
    pub templates: &'r BTreeMap<String, SourceFile>,
    pub i18n: &'r I18n,
    pub today: Date,
    /// Render only these policies (and the site-wide pages).
    pub only: Option<&'r BTreeSet<String>>,
    /// Each policy's part of the search index at the last build: with
    /// `only`, the others' are taken from it.
    pub search: Option<&'r crate::render::search::SearchMemo>,
    /// Pages of unchanged policies kept from the previous build.
    pub cache: Option<&'r Cache<'r>>,
    /// The fonts of the PDFs, when this build makes them.
    pub pdf: Option<&'r crate::render::pdf::PdfFonts>,
}

/// Renders every page and document of the site into `sink`, in parallel;
/// with `only`, the site-wide pages and those policies' pages (a preview
/// that knows which policy changed).
pub(crate) fn render_site(input: &RenderInput<'_, '_>, sink: Sink<'_>, diags: &mut Diagnostics) {
    let RenderInput { site, env, templates, i18n, today, only, search, cache, pdf } = *input;
    let block_html = |lang: &str, block: &BlockView| {
        let name = format!("blocks/{}.html", block.kind);
        env.get_template(&name)?.render(minijinja::context! { lang => lang, block => Serde(block) })
    };
    let files = cache.map(|cache| cache as &dyn crate::render::pdf::KeptFiles);
    let views = Views { site, i18n, today, block_html: &block_html, pdf, files };
    let errors = std::sync::Mutex::new(Vec::new());
    let fail = |err: minijinja::Error| errors.lock().unwrap_or_else(|e| e.into_inner()).push(err);
    // Policy by policy and language by language, each version is rendered
    // once, used by its pages, its JSON document and its comparisons with
    // the later versions, and dropped with its policy: memory grows with the
    // largest policy, not with the site.
    let streams: Vec<(usize, &str)> = (0..site.policies.len())
        .filter(|p| only.is_none_or(|slugs| slugs.contains(&site.policies[*p].slug)))
        .flat_map(|p| site.config.languages.iter().map(move |lang| (p, lang.as_str())))
        .collect();
    // The site-wide pages and the policies' pages share the cores rather
    // than one waiting for the other.
    rayon::join(
        || {
            let search = crate::render::search::Scope { only, memo: search };
            jobs(site).par_iter().for_each(|job| match render_job(&views, env, *job, &search) {
                Ok(files) => files.into_iter().for_each(sink),
                Err(err) => fail(err),
            })
        },
        || {
            streams
                .par_iter()
                .for_each(|&(p, lang)| render_stream(&views, env, cache, (p, lang), sink).unwrap_or_else(fail))
        },
    );
    for err in errors.into_inner().unwrap_or_else(|e| e.into_inner()) {
        diags.push(template_error(templates, &err));
    }
}

/// One policy in one language, rendered, or kept from the last build.
fn render_stream(
    views: &Views<'_, '_>,
    env: &Environment<'static>,
    cache: Option<&Cache<'_>>,
    (p, lang): (usize, &str),
    sink: Sink<'_>,
) -> Result<(), minijinja::Error> {
    let slug = views.site.policies[p].slug.as_str();
    let Some(cache) = cache else {
        return render_policy(views, env, lang, p, sink);
    };
    if cache.reuse(slug, lang) {
        return Ok(());
    }
    let paths = std::sync::Mutex::new(Vec::new());
    let recording = |file: OutputFile| {
        paths.lock().unwrap_or_else(|e| e.into_inner()).push(file.path.clone());
        sink(file);
    };
    render_policy(views, env, lang, p, &recording)?;
    cache.rendered(slug, lang, paths.into_inner().unwrap_or_else(|e| e.into_inner()));
    Ok(())
}

fn render_policy(
    views: &Views<'_, '_>,
    env: &Environment<'static>,
    lang: &str,
    p: usize,
    sink: Sink<'_>,
) -> Result<(), minijinja::Error> {
    let policy = &views.site.policies[p];
    // Every version is compared with every earlier one: their views are
    // kept until the policy is done (one policy's, not the site's).
    let mut earlier: Vec<VersionView> = Vec::with_capacity(policy.versions.len());
    let mut changed = Vec::with_capacity(policy.versions.len());
    let governing = &views.site.config.governing_language;
    let lineages = crate::model::lineage::lineages(policy, lang, governing);
    let mut memo = RenderMemo::default();
    let diffs = std::cell::RefCell::default();
    for (v, lineage) in lineages.iter().enumerate() {
        let version = views.version(lang, policy, v, lineage, &mut memo)?;
        let target = VersionTarget { lang, p, v, version: &version, previous: earlier.last(), diffs: &diffs };
        // Converted for the templates once, for its pages and every comparison with it.
        let version_value = Value::from(Serde(&version));
        changed.push(render_version(views, env, &target, version_value.clone(), sink)?);
        let across = if views.site.config.compare_any_two { v.saturating_sub(1) } else { 0 };
        for (old_index, old) in earlier.iter().enumerate().take(across) {
            let page =
                crate::render::compare::page::render_across(views, env, &target, (old_index, old), &version_value);
            sink(page?);
        }
        drop(version_value);
        earlier.push(version);
    }
    sink(render_history(views, env, lang, p, &mut changed)?);
    Ok(())
}

fn jobs<'l>(site: &'l Site<'_>) -> Vec<Job<'l>> {
    let mut jobs = vec![Job::Root, Job::Api, Job::NotFound, Job::Sitemap];
    for lang in &site.config.languages {
        jobs.push(Job::Index(lang));
        jobs.push(Job::Feed(lang));
        jobs.push(Job::Search(lang));
    }
    jobs
}

/// A version page's meta description: what it is, from when, what changed.
fn version_description(views: &Views<'_, '_>, lang: &str, policy: &str, version: &VersionView) -> String {
    let mut args = FluentArgs::new();
    args.set("policy", FluentValue::from(policy));
    args.set("date", FluentValue::from(version.head.effective.text.as_str()));
    args.set("summary", FluentValue::from(version.head.summary.as_str()));
    views.i18n.message(lang, "meta-version", Some(&args)).unwrap_or_default()
}

/// The home page of each language, for the pages that lead to them all.
fn language_homes(views: &Views<'_, '_>) -> Vec<PageView> {
    let config = &views.site.config;
    config
        .languages
        .iter()
        .map(|lang| {
            let title = config.title.get(lang).cloned().unwrap_or_default();
            views.page(lang, "index", title, &|other| views.site.urls.home(other))
        })
        .collect()
}

fn render_job(
    views: &Views<'_, '_>,
    env: &Environment<'static>,
    job: Job<'_>,
    search: &crate::render::search::Scope<'_>,
) -> Result<Vec<OutputFile>, minijinja::Error> {
    let (site, urls) = (views.site, &views.site.urls);
    match job {
        Job::Root => {
            let lang = site.config.default_language();
            let title = site.config.title.get(lang).cloned().unwrap_or_default();
            // The root only chooses a language: its alternates are the languages' homes.
            let mut page = views.page(lang, "root", title, &|l| urls.home(l));
            for alternate in &mut page.alternates {
                alternate.current = false;
            }
            let root = urls.root();
            (page.path, page.url) = (root.path, root.url);
            let context = RootPage { lang, page, languages: language_homes(views) };
            Ok(vec![html(env, "root.html", &root.file, Value::from(Serde(context)))?])
        }
        Job::Index(lang) => {
            let title = views.i18n.text(lang, "index-title");
            let page = views.page(lang, "index", title, &|l| urls.home(l));
            let policies = site.policies.iter().map(|p| views.policy(lang, p)).collect();
            let file = urls.home(lang).file;
            Ok(vec![html(env, "index.html", &file, Value::from(Serde(IndexPage { lang, page, policies })))?])
        }
        Job::Feed(lang) => Ok(vec![render_feed(views, env, lang)?]),
        Job::Search(lang) => crate::render::search::render(views, env, lang, search),
        Job::NotFound => Ok(vec![render_not_found(views, env)?]),
        Job::Sitemap => render_sitemap(views, env),
        Job::Api => Ok(vec![
            export::json_file(urls.api_index().file, &views.index_document()),
            OutputFile::new(urls.schema().file, export::schema_json(&urls.schema().url).into_bytes()),
        ]),
    }
}

fn render_history(
    views: &Views<'_, '_>,
    env: &Environment<'static>,
    lang: &str,
    p: usize,
    changed: &mut [Vec<ClauseChangeView>],
) -> Result<OutputFile, minijinja::Error> {
    let policy = &views.site.policies[p];
    let mut args = FluentArgs::new();
    args.set("policy", FluentValue::from(policy.title(lang)));
    let title = views.i18n.message(lang, "history-title", Some(&args)).unwrap_or_default();
    let page = views.page(lang, "history", title, &|l| policy.routes(l).history.clone());
    let context = HistoryPage {
        lang,
        policy: views.policy(lang, policy),
        history: views.history(lang, policy, changed),
        page,
        any_two: views.site.config.compare_any_two,
    };
    html(env, "history.html", &policy.routes(lang).history.file, Value::from(Serde(context)))
}

fn render_feed(views: &Views<'_, '_>, env: &Environment<'static>, lang: &str) -> Result<OutputFile, minijinja::Error> {
    let item_html = |lang: &str, item: &export::feed::FeedItem| {
        let effective = jiff::civil::Date::strptime("%Y-%m-%d", &item.kiyaku.effective).ok();
        let effective = effective.map(|d| views.i18n.format_date(lang, d)).unwrap_or_default();
        env.get_template("feed_item.html")?
            .render(minijinja::context! { lang => lang, item => Serde(item), effective => effective })
    };
    let feed = views.feed(lang, &item_html)?;
    Ok(export::json_file(views.site.urls.feed(lang).file, &feed))
}

/// The 404 page: served for any missing path, so every link in it is absolute.
fn render_not_found(views: &Views<'_, '_>, env: &Environment<'static>) -> Result<OutputFile, minijinja::Error> {
    let config = &views.site.config;
    let lang = config.default_language();
    let title = views.i18n.text(lang, "not-found-title");
    let route = views.site.urls.not_found();
    let page = views.page(lang, "not-found", title, &|_| route.clone());
    let context = RootPage { lang, page, languages: language_homes(views) };
    html(env, "404.html", &route.file, Value::from(Serde(context)))
}

fn render_sitemap(views: &Views<'_, '_>, env: &Environment<'static>) -> Result<Vec<OutputFile>, minijinja::Error> {
    let context = minijinja::context! {
        entries => Serde(views.sitemap()),
        base_url => &views.site.config.base_url,
        base_path => views.site.urls.root().path,
    };
    // Each is rendered by the template of its own name.
    let file = |route: Route| -> Result<OutputFile, minijinja::Error> {
        let bytes = env.get_template(&route.file)?.render(&context)?.into_bytes();
        Ok(OutputFile::new(route.file, bytes))
    };
    Ok(vec![file(views.site.urls.sitemap())?, file(views.site.urls.robots())?])
}

/// A version's permanent page and JSON document, plus the canonical page and
/// `current.json` when it is the version shown there, and the comparison
/// with the previous version; also the clauses it changed, for the history.
///
/// Each file goes to `sink` as soon as it is made, and the version's
/// template value is dropped before its JSON document is made: a version
/// of tens of megabytes is then held once or twice, not five times.
fn render_version(
    views: &Views<'_, '_>,
    env: &Environment<'static>,
    target: &VersionTarget<'_>,
    version_value: Value,
    sink: Sink<'_>,
) -> Result<Vec<ClauseChangeView>, minijinja::Error> {
    let VersionTarget { lang, p, v, version, previous, .. } = *target;
    let policy = &views.site.policies[p];
    let date = policy.versions[v].effective;
    let routes = policy.versions[v].routes(lang);
    let jsonld = crate::render::jsonld::jsonld(&version.blocks, lang);
    let sha256 = &policy.versions[v].text(lang, &views.site.config.governing_language).0.sha256;
    let mut changed = Vec::new();
    let is_canonical = policy.canonical(views.today) == v;
    let kinds: &[bool] = if is_canonical { &[false, true] } else { &[false] };
    for &canonical in kinds {
        let route_in = |l: &str| {
            if canonical { policy.routes(l).canonical.clone() } else { policy.versions[v].routes(l).page.clone() }
        };
        let title = if canonical {
            policy.title(lang).to_string()
        } else {
            views.version_title(lang, policy.title(lang), date)
        };
        let mut page = views
            .page(lang, "policy", title, &route_in)
            .written_in(&policy.versions[v], &views.site.config.governing_language);
        page.description = version_description(views, lang, policy.title(lang), version);
        let file = route_in(lang).file;
        let page = PolicyPage {
            lang,
            page,
            policy: views.policy(lang, policy),
            version: version_value.clone(),
            banner: views.banner(lang, policy, v),
            schedule: views.banner_schedule(lang, policy, v),
            today: views.today.to_string(),
            jsonld: jsonld.clone(),
            record: Record { url: routes.page.url.clone(), sha256: sha256.clone() },
        };
        sink(html(env, "policy.html", &file, Value::from(Serde(page)))?);
    }
    if views.pdf.is_some() {
        let title = policy.title(lang);
        let record = crate::render::pdf::Record {
            lang,
            slug: &policy.slug,
            title,
            head: views.print_head(lang, title, version),
            url: &routes.page.url,
            sha256: Some(sha256),
            file: routes.pdf.file.clone(),
        };
        views.version_pdf(&record, version).map_err(crate::render::pdf::error)?.into_iter().for_each(sink);
    }
    if let Some(previous) = previous {
        let (pages, clause_changes) =
            crate::render::compare::page::render_changes(views, env, target, previous, version_value)?;
        pages.into_iter().for_each(sink);
        changed = clause_changes;
    } else {
        drop(version_value);
    }
    let document = views.version_document(lang, policy, v, version);
    let json = export::json_file(routes.json.file.clone(), &document);
    drop(document);
    let current = is_canonical.then(|| OutputFile::same_as(policy.routes(lang).current_json.file.clone(), &json));
    sink(json);
    current.into_iter().for_each(sink);
    Ok(changed)
}
