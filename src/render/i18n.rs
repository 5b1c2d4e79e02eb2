//! UI strings: Fluent bundles, one per language.
//!
//! Every word the site shows that is not policy text comes from here: the
//! built-in `i18n/*.ftl` first, then the site's own files, which may add or
//! override messages. Templates call `t("key", name=value)`; Rust code calls
//! [`I18n::message`]. Bundles are built once per run and shared by all
//! rendering threads.

use std::collections::{BTreeMap, BTreeSet};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use jiff::civil::Date;
use unic_langid::LanguageIdentifier;

use crate::base::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::parse::config::Lang;

/// The UI strings of every site language.
pub struct I18n {
    bundles: BTreeMap<Lang, FluentBundle<FluentResource>>,
    /// Messages without arguments, formatted once: templates ask for the
    /// same labels on every page.
    fixed: BTreeMap<Lang, std::collections::HashMap<String, String>>,
    /// Messages with arguments, kept once formatted: pages ask again and
    /// again for the same dates, banners and language names. Bounded.
    formatted: std::sync::RwLock<std::collections::HashMap<String, String>>,
}

/// How many formatted messages [`I18n`] keeps before starting afresh.
const FORMATTED_LIMIT: usize = 8192;

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n").field("languages", &self.bundles.keys()).finish()
    }
}

/// A message that could not be produced.
#[derive(Debug, thiserror::Error)]
#[error("UI string `{key}` is missing for language `{lang}`: add it to i18n/{lang}.ftl")]
pub struct MissingMessage {
    pub lang: String,
    pub key: String,
}

impl I18n {
    /// Builds bundles for `languages` from Fluent files given in override
    /// order. Reports syntax errors, languages without strings, and messages
    /// a language lacks that the built-in files define.
    pub fn build(files: &[(String, SourceFile)], languages: &[Lang], diags: &mut Diagnostics) -> I18n {
        let mut bundles = BTreeMap::new();
        let mut keys: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        let mut required = BTreeSet::new();
        for (lang, file) in files {
            let resource = parse_resource(file, diags);
            let ids = message_ids(&resource);
            if file.path.starts_with("<built-in i18n>") {
                required.extend(ids.iter().cloned());
            }
            if !languages.contains(lang) {
                continue;
            }
            keys.entry(lang).or_default().extend(ids);
            let bundle = bundles.entry(lang.clone()).or_insert_with(|| new_bundle(lang));
            bundle.add_resource_overriding(resource);
        }
        for lang in languages {
            let have = keys.get(lang.as_str()).cloned().unwrap_or_default();
            let missing: Vec<&str> = required.iter().filter(|k| !have.contains(*k)).map(String::as_str).collect();
            if !missing.is_empty() {
                diags.push(
                    Diagnostic::error(
                        "i18n-missing",
                        format!("UI strings for `{lang}` lack {} messages: {}", missing.len(), missing.join(", ")),
                    )
                    .in_file(std::path::Path::new(&format!("i18n/{lang}.ftl")))
                    .hint(format!("create i18n/{lang}.ftl with every message of the built-in i18n/en.ftl, translated")),
                );
            }
        }
        let fixed =
            bundles.iter().map(|(lang, bundle)| (lang.clone(), fixed_messages(bundle, &keys[lang.as_str()]))).collect();
        I18n { bundles, fixed, formatted: Default::default() }
    }

    /// Formats message `key` in `lang` with named arguments.
    pub fn message(&self, lang: &str, key: &str, args: Option<&FluentArgs<'_>>) -> Result<String, MissingMessage> {
        let Some(args) = args.filter(|args| args.iter().next().is_some()) else {
            if let Some(text) = self.fixed(lang, key) {
                return Ok(text.to_string());
            }
            return self.format(lang, key, None);
        };
        let Some(memo_key) = memo_key(lang, key, args) else {
            return self.format(lang, key, Some(args));
        };
        let known = self.formatted.read().unwrap_or_else(|e| e.into_inner()).get(&memo_key).cloned();
        if let Some(text) = known {
            return Ok(text);
        }
        let text = self.format(lang, key, Some(args))?;
        let mut formatted = self.formatted.write().unwrap_or_else(|e| e.into_inner());
        if formatted.len() >= FORMATTED_LIMIT {
            formatted.clear();
        }
        formatted.insert(memo_key, text.clone());
        Ok(text)
    }

    /// A message without arguments, formatted once when the bundles were built.
    pub fn fixed(&self, lang: &str, key: &str) -> Option<&str> {
        self.fixed.get(lang).and_then(|messages| messages.get(key)).map(String::as_str)
    }

    fn format(&self, lang: &str, key: &str, args: Option<&FluentArgs<'_>>) -> Result<String, MissingMessage> {
        let missing = || MissingMessage { lang: lang.to_string(), key: key.to_string() };
        let bundle = self.bundles.get(lang).ok_or_else(missing)?;
        let pattern = bundle.get_message(key).and_then(|m| m.value()).ok_or_else(missing)?;
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        Ok(text.into_owned())
    }

    /// A message with no arguments, or its key when missing (for callers that
    /// have already checked completeness).
    pub fn text(&self, lang: &str, key: &str) -> String {
        self.message(lang, key, None).unwrap_or_else(|_| key.to_string())
    }

    /// A date the way the language writes it: 2022年7月29日 / July 29, 2022.
    pub fn format_date(&self, lang: &str, date: Date) -> String {
        let mut args = FluentArgs::new();
        args.set("year", FluentValue::from(i64::from(date.year())));
        args.set("month", FluentValue::from(i64::from(date.month())));
        args.set("day", FluentValue::from(i64::from(date.day())));
        self.message(lang, "date", Some(&args)).unwrap_or_else(|_| date.to_string())
    }
}

/// What identifies a formatted message: its language, key and arguments
/// (none when an argument is neither text nor a number).
fn memo_key(lang: &str, key: &str, args: &FluentArgs<'_>) -> Option<String> {
    use std::fmt::Write;
    let mut memo = format!("{lang}\u{0}{key}");
    for (name, value) in args.iter() {
        let _ = match value {
            FluentValue::String(text) => write!(memo, "\u{0}{name}\u{1}{text}"),
            // Whole numbers (dates, counts) only: formatting a float costs
            // more than the message.
            FluentValue::Number(number) if number.options == Default::default() && number.value.fract() == 0.0 => {
                write!(memo, "\u{0}{name}\u{2}{}", number.value as i64)
            }
            _ => return None,
        };
    }
    Some(memo)
}

/// The messages of `ids` that need no arguments, formatted.
fn fixed_messages(
    bundle: &FluentBundle<FluentResource>,
    ids: &BTreeSet<String>,
) -> std::collections::HashMap<String, String> {
    let mut fixed = std::collections::HashMap::new();
    for id in ids {
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else { continue };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, None, &mut errors);
        if errors.is_empty() {
            fixed.insert(id.clone(), text.into_owned());
        }
    }
    fixed
}

fn new_bundle(lang: &str) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = lang.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks would end up inside HTML attributes and titles.
    bundle.set_use_isolating(false);
    bundle
}

fn parse_resource(file: &SourceFile, diags: &mut Diagnostics) -> FluentResource {
    match FluentResource::try_new(file.text.clone()) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            for error in errors {
                diags.push(
                    Diagnostic::error("i18n-syntax", format!("Fluent syntax error: {}", error.kind))
                        .at(file, error.pos.clone())
                        .hint("see https://projectfluent.org/fluent/guide/ for the syntax"),
                );
            }
            resource
        }
    }
}

fn message_ids(resource: &FluentResource) -> Vec<String> {
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_string()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Vec<(String, SourceFile)> {
        vec![
            (
                "ja".into(),
                SourceFile::new(
                    "<built-in i18n>/ja.ftl",
                    "date = { $year }年{ $month }月{ $day }日\nhello = こんにちは\n",
                ),
            ),
            (
                "en".into(),
                SourceFile::new(
                    "<built-in i18n>/en.ftl",
                    "date = { $month ->\n  [7] July\n *[other] Month\n} { $day }, { $year }\nhello = Hello\n",
                ),
            ),
        ]
    }

    #[test]
    fn formats_dates_per_language() {
        let mut diags = Diagnostics::default();
        let i18n = I18n::build(&files(), &["ja".into(), "en".into()], &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(i18n.format_date("ja", Date::constant(2022, 7, 29)), "2022年7月29日");
        assert_eq!(i18n.format_date("en", Date::constant(2022, 7, 29)), "July 29, 2022");
        // Kept once formatted, and told apart by every argument.
        assert_eq!(i18n.format_date("ja", Date::constant(2022, 7, 29)), "2022年7月29日");
        assert_eq!(i18n.format_date("ja", Date::constant(2022, 7, 2)), "2022年7月2日");
        assert_eq!(i18n.format_date("ja", Date::constant(2022, 7, 29)), "2022年7月29日");
    }

    #[test]
    fn site_files_override_and_missing_keys_are_reported() {
        let mut all = files();
        all.push(("en".into(), SourceFile::new("i18n/en.ftl", "hello = Hi\n")));
        all.push(("fr".into(), SourceFile::new("i18n/fr.ftl", "hello = Salut\n")));
        let mut diags = Diagnostics::default();
        let i18n = I18n::build(&all, &["ja".into(), "en".into(), "fr".into()], &mut diags);
        assert_eq!(i18n.text("en", "hello"), "Hi");
        let problems = diags.sorted();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("`fr` lack 1 messages: date"));
        assert!(i18n.message("en", "nope", None).is_err());
    }

    #[test]
    fn syntax_errors_have_positions() {
        let mut diags = Diagnostics::default();
        let bad = vec![("ja".into(), SourceFile::new("i18n/ja.ftl", "ok = 1\nbroken = {\n"))];
        I18n::build(&bad, &["ja".into()], &mut diags);
        assert_eq!(diags.sorted()[0].code, "i18n-syntax");
        // The parser notices the unclosed placeable where the input ends.
        assert!(diags.sorted()[0].line >= Some(2));
    }
}
