//! Rendering: templates compiled once into a minijinja environment (strict
//! undefined, HTML autoescape) with a `t(key, ...)` function for Fluent UI
//! strings and an `asset(name)` function for digest-named static files (see
//! [`crate::render::assets`]), and the errors it reports turned into diagnostics. Which pages
//! exist is [`crate::render::pages`]'s business, what each template sees
//! [`crate::render::view`]'s, and the 新旧対照表 [`crate::render::compare`]'s.

pub(crate) mod assets;
pub(crate) mod banner;
pub(crate) mod cache;
pub mod compare;
pub mod export;
pub(crate) mod html;
pub(crate) mod i18n;
pub(crate) mod jsonld;
pub(crate) mod pages;
pub mod pdf;
pub(crate) mod search;
pub(crate) mod sitemap;
pub mod view;

use std::collections::BTreeMap;
use std::sync::Arc;

use fluent_bundle::{FluentArgs, FluentValue};
use minijinja::value::{Kwargs, Value};
use minijinja::{Environment, State, UndefinedBehavior};

use crate::base::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::render::i18n::I18n;
use crate::render::view::VersionView;

/// A file of the built site: its path below the output folder and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Where it goes below the output folder, `/`-separated: `ja/privacy/index.html`.
    pub path: String,
    /// Its content, written out as is. Files with the same content share
    /// it (`current.json` and the version's document, an asset under its
    /// two names): the writer then writes it once and hard-links the other.
    pub bytes: std::sync::Arc<Vec<u8>>,
}

impl OutputFile {
    /// A file of its own content.
    pub fn new(path: impl Into<String>, bytes: Vec<u8>) -> Self {
        OutputFile { path: path.into(), bytes: std::sync::Arc::new(bytes) }
    }

    /// A file with the same content as `other`, under another path.
    pub fn same_as(path: impl Into<String>, other: &OutputFile) -> Self {
        OutputFile { path: path.into(), bytes: std::sync::Arc::clone(&other.bytes) }
    }
}

/// The templates every theme must provide.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "root.html",
    "index.html",
    "policy.html",
    "history.html",
    "changes.html",
    "404.html",
    "sitemap.xml",
    "robots.txt",
    "feed_item.html",
    "search.html",
    "blocks/business.html",
    "blocks/external-transmission.html",
    "blocks/contact.html",
    "blocks/complaint-body.html",
];

/// Compiles the templates; problems are reported with the template's line.
pub fn environment(
    templates: &BTreeMap<String, SourceFile>,
    i18n: Arc<I18n>,
    assets: Arc<assets::Assets>,
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
    let missing = |name: &str| {
        let text = format!("asset(\"{name}\"): there is no static/{name} in the theme or the site");
        minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, text)
    };
    let paths = Arc::clone(&assets);
    env.add_function("asset", move |name: &str| paths.path(name).map(str::to_string).ok_or_else(|| missing(name)));
    env.add_function("asset_url", move |name: &str| assets.url(name).map(str::to_string).ok_or_else(|| missing(name)));
    env.add_filter("css_string", css_string);
    env
}

/// `text` as a quoted CSS string (for a custom property the print
/// stylesheet reads, such as the running head): quotes, backslashes and
/// control characters are escaped as CSS escapes, so no text can end the
/// string or the declaration. The template's HTML escaping still applies.
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' => out.push_str(&format!("\\{:x} ", c as u32)),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes a value into a template; like minijinja's default but without
/// escaping `/`, which only bloats URLs (it is harmless in HTML text and
/// quoted attributes).
fn format_value(
    out: &mut minijinja::Output<'_>,
    state: &mut State<'_, '_>,
    value: &Value,
) -> Result<(), minijinja::Error> {
    if value.is_safe() || *state.auto_escape() == minijinja::AutoEscape::None || value.is_none() {
        return minijinja::escape_formatter(out, state, value);
    }
    let written = match value.as_str() {
        Some(text) => crate::render::html::escape_into(out, text),
        None => crate::render::html::escape_into(out, &value.to_string()),
    };
    written.map_err(minijinja::Error::from)
}

fn translate(i18n: &I18n, state: &State, key: &str, kwargs: &Kwargs) -> Result<String, minijinja::Error> {
    let page_lang = state.lookup("lang");
    let page_lang = page_lang.as_ref().and_then(Value::as_str).unwrap_or_default();
    // Most calls are labels without arguments, asked for on every page.
    if kwargs.args().next().is_none()
        && let Some(text) = i18n.fixed(page_lang, key)
    {
        return Ok(text.to_string());
    }
    let mut args = FluentArgs::new();
    let mut lang = page_lang.to_string();
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

/// Renders `template` into the file of a route (`Route::file`).
pub(crate) fn html(
    env: &Environment<'static>,
    template: &str,
    file: &str,
    context: Value,
) -> Result<OutputFile, minijinja::Error> {
    let text = env.get_template(template)?.render(context)?;
    Ok(OutputFile::new(file, text.into_bytes()))
}

/// A version to render, with the one before it.
pub(crate) struct VersionTarget<'t> {
    pub(crate) lang: &'t str,
    pub(crate) p: usize,
    pub(crate) v: usize,
    pub(crate) version: &'t VersionView,
    pub(crate) previous: Option<&'t VersionView>,
    /// The clause diffs already made for this policy and language.
    pub(crate) diffs: &'t std::cell::RefCell<compare::table::DiffMemo>,
}

#[cfg(test)]
mod tests {
    use super::css_string;

    #[test]
    fn a_css_string_cannot_be_ended_by_its_text() {
        assert_eq!(css_string("プライバシーポリシー"), "\"プライバシーポリシー\"");
        assert_eq!(css_string("a\"b\\c</style>\nd"), "\"a\\22 b\\5c c\\3c /style\\3e  d\"");
    }
}
