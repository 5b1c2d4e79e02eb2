//! Rendering: the model and templates in, page bytes out, with no IO.
//!
//! Templates are compiled once into a minijinja environment (strict
//! undefined, HTML autoescape) with a `t(key, ...)` function for Fluent UI
//! strings; every page is then rendered from a view struct, in parallel.
//! The result is a sorted list of files for the write stage.

use std::collections::BTreeMap;
use std::sync::Arc;

use fluent_bundle::{FluentArgs, FluentValue};
use jiff::civil::Date;
use minijinja::value::{Kwargs, Value};
use minijinja::{Environment, State, UndefinedBehavior};
use rayon::prelude::*;
use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::i18n::I18n;
use crate::model::Site;
use crate::view::{BannerView, HistoryEntryView, PageView, PolicyView, VersionView, Views};

/// A file of the built site: its path below the output folder and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The templates every theme must provide.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "root.html",
    "index.html",
    "policy.html",
    "history.html",
    "blocks/business.html",
    "blocks/contact.html",
    "blocks/complaint-body.html",
];

/// Compiles the templates; problems are reported with the template's line.
pub fn environment(
    templates: &BTreeMap<String, SourceFile>,
    i18n: Arc<I18n>,
    diags: &mut Diagnostics,
) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") || name.ends_with(".xml") || name.ends_with(".svg") {
            minijinja::AutoEscape::Html
        } else {
            minijinja::AutoEscape::None
        }
    });
    env.set_formatter(format_value);
    for (name, source) in templates {
        if let Err(err) = env.add_template_owned(name.clone(), source.text.clone()) {
            diags.push(template_error(templates, &err));
        }
    }
    for required in REQUIRED_TEMPLATES {
        if !templates.contains_key(*required) {
            diags.push(
                Diagnostic::error("template-missing", format!("the theme has no `{required}` template"))
                    .hint("copy it from themes/default/templates/ into the site's templates/ folder"),
            );
        }
    }
    env.add_function("t", move |state: &State, key: &str, kwargs: Kwargs| translate(&i18n, state, key, &kwargs));
    env
}

/// Writes a value into a template; like minijinja's default but without
/// escaping `/`, which only bloats URLs (it is harmless in HTML text and
/// quoted attributes).
fn format_value(out: &mut minijinja::Output<'_>, state: &State<'_, '_>, value: &Value) -> Result<(), minijinja::Error> {
    if value.is_safe() || state.auto_escape() == minijinja::AutoEscape::None || value.is_none() {
        return minijinja::escape_formatter(out, state, value);
    }
    let text = value.to_string();
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    out.write_str(&escaped).map_err(minijinja::Error::from)
}

fn translate(i18n: &I18n, state: &State, key: &str, kwargs: &Kwargs) -> Result<String, minijinja::Error> {
    let mut args = FluentArgs::new();
    let mut lang = state.lookup("lang").and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
    for name in kwargs.args() {
        let value: Value = kwargs.get(name)?;
        if name == "lang" {
            lang = value.to_string();
        } else if let Ok(number) = i64::try_from(value.clone()) {
            args.set(name.to_string(), FluentValue::from(number));
        } else {
            args.set(name.to_string(), FluentValue::from(value.to_string()));
        }
    }
    i18n.message(&lang, key, Some(&args))
        .map_err(|err| minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, err.to_string()))
}

/// Turns a minijinja error into a diagnostic at the template's line.
pub fn template_error(templates: &BTreeMap<String, SourceFile>, err: &minijinja::Error) -> Diagnostic {
    let mut message = err.kind().to_string();
    if let Some(detail) = err.detail() {
        message = format!("{message}: {detail}");
    }
    let diagnostic =
        Diagnostic::error("template", message).hint("fix the template; https://docs.rs/minijinja describes the syntax");
    let source = err.name().and_then(|name| templates.get(name));
    match (source, err.range(), err.line()) {
        (Some(source), Some(range), _) => diagnostic.at(source, range),
        (Some(source), None, Some(line)) => {
            let start = source.text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
            diagnostic.at(source, start..start)
        }
        (Some(source), None, None) => diagnostic.in_file(&source.path),
        (None, ..) => diagnostic,
    }
}

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
    version: VersionView,
    banner: BannerView,
    /// schema.org JSON-LD for the blocks on the page, ready for a script tag.
    jsonld: Option<String>,
}

#[derive(Serialize)]
struct HistoryPage<'a> {
    lang: &'a str,
    page: PageView,
    policy: PolicyView,
    history: Vec<HistoryEntryView>,
}

/// One page to render.
#[derive(Debug, Clone, Copy)]
enum Job<'l> {
    Root,
    Index(&'l str),
    Version { lang: &'l str, policy: usize, version: usize, canonical: bool },
    History { lang: &'l str, policy: usize },
}

/// Renders every page of the site, in parallel, sorted by path.
pub fn render_site(
    site: &Site<'_>,
    env: &Environment<'static>,
    templates: &BTreeMap<String, SourceFile>,
    i18n: &I18n,
    today: Date,
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
    let block_html = |lang: &str, block: &crate::blocks::BlockView| {
        let name = format!("blocks/{}.html", block.kind);
        env.get_template(&name)?.render(minijinja::context! { lang => lang, block => block })
    };
    let views = Views { site, i18n, today, block_html: &block_html };
    let jobs = jobs(site, today);
    let results: Vec<Result<OutputFile, minijinja::Error>> =
        jobs.par_iter().map(|job| render_job(&views, env, *job)).collect();
    let mut files = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(err) => diags.push(template_error(templates, &err)),
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path);
    files
}

fn jobs<'l>(site: &'l Site<'_>, today: Date) -> Vec<Job<'l>> {
    let mut jobs = vec![Job::Root];
    for lang in &site.config.languages {
        jobs.push(Job::Index(lang));
        for (p, policy) in site.policies.iter().enumerate() {
            jobs.push(Job::History { lang, policy: p });
            jobs.push(Job::Version { lang, policy: p, version: policy.canonical(today), canonical: true });
            for v in 0..policy.versions.len() {
                jobs.push(Job::Version { lang, policy: p, version: v, canonical: false });
            }
        }
    }
    jobs
}

fn render_job(views: &Views<'_, '_>, env: &Environment<'static>, job: Job<'_>) -> Result<OutputFile, minijinja::Error> {
    let site = views.site;
    let (template, context, path) = match job {
        Job::Root => {
            let lang = site.config.default_language();
            let title = site.config.title.get(lang).cloned().unwrap_or_default();
            let root = site.config.base_path.clone();
            let page = views.page(lang, "root", title, &|_| root.clone());
            let languages = site
                .config
                .languages
                .iter()
                .map(|l| {
                    let title = site.config.title.get(l).cloned().unwrap_or_default();
                    views.page(l, "index", title, &|other| views.home_path(other))
                })
                .collect();
            let path = page.path.clone();
            ("root.html", Value::from_serialize(RootPage { lang, page, languages }), path)
        }
        Job::Index(lang) => {
            let title = views.i18n.text(lang, "index-title");
            let page = views.page(lang, "index", title, &|l| views.home_path(l));
            let policies = site.policies.iter().map(|p| views.policy(lang, p)).collect();
            let path = page.path.clone();
            ("index.html", Value::from_serialize(IndexPage { lang, page, policies }), path)
        }
        Job::Version { lang, policy: p, version: v, canonical } => {
            let policy = &site.policies[p];
            let date = policy.versions[v].effective;
            let slug = policy.slug.as_str();
            let path_in = |l: &str| {
                if canonical { views.policy_path(l, slug) } else { views.version_path(l, slug, date) }
            };
            let title = if canonical {
                policy.title(lang).to_string()
            } else {
                version_title(views, lang, policy.title(lang), date)
            };
            let page = views.page(lang, "policy", title, &path_in);
            let version = views.version(lang, policy, v)?;
            let context = PolicyPage {
                lang,
                policy: views.policy(lang, policy),
                jsonld: crate::blocks::jsonld(&version.blocks, lang),
                version,
                banner: views.banner(lang, policy, v),
                page,
            };
            let path = context.page.path.clone();
            ("policy.html", Value::from_serialize(context), path)
        }
        Job::History { lang, policy: p } => {
            let policy = &site.policies[p];
            let mut args = FluentArgs::new();
            args.set("policy", FluentValue::from(policy.title(lang)));
            let title = views.i18n.message(lang, "history-title", Some(&args)).unwrap_or_default();
            let page = views.page(lang, "history", title, &|l| views.history_path(l, &policy.slug));
            let context =
                HistoryPage { lang, policy: views.policy(lang, policy), history: views.history(lang, policy), page };
            let path = context.page.path.clone();
            ("history.html", Value::from_serialize(context), path)
        }
    };
    let html = env.get_template(template)?.render(context)?;
    Ok(OutputFile { path: output_path(&site.config.base_path, &path), bytes: html.into_bytes() })
}

fn version_title(views: &Views<'_, '_>, lang: &str, policy: &str, date: Date) -> String {
    let mut args = FluentArgs::new();
    args.set("policy", FluentValue::from(policy));
    args.set("date", FluentValue::from(views.i18n.format_date(lang, date)));
    views.i18n.message(lang, "version-title", Some(&args)).unwrap_or_else(|_| policy.to_string())
}

/// `/legal/ja/privacy/` → `ja/privacy/index.html`.
fn output_path(base_path: &str, path: &str) -> String {
    let relative = path.strip_prefix(base_path).unwrap_or(path).trim_start_matches('/');
    format!("{relative}index.html")
}

/// The theme's static files, published under `static/`.
pub fn static_files(statics: &BTreeMap<String, Vec<u8>>) -> Vec<OutputFile> {
    statics.iter().map(|(name, bytes)| OutputFile { path: format!("static/{name}"), bytes: bytes.clone() }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths() {
        assert_eq!(output_path("/", "/"), "index.html");
        assert_eq!(output_path("/", "/ja/privacy/"), "ja/privacy/index.html");
        assert_eq!(output_path("/legal/", "/legal/en/terms/2024-10-01/"), "en/terms/2024-10-01/index.html");
    }
}
