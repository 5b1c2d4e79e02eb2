//! The site configuration, `kiyaku.toml` at the site root.
//!
//! Parsing turns the raw TOML into a validated [`Config`] in one step, so the
//! rest of the pipeline never re-checks it: the languages are known and
//! well-formed, the base URL is absolute and ends in a slash, and the
//! governing language is one of the site's languages.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::base::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::base::toml_util::unknown_text_languages;

/// Days of advance notice a material change needs by default (民法548条の4).
pub const DEFAULT_NOTICE_DAYS: u32 = 30;

/// A language tag such as `ja` or `en`.
pub type Lang = String;

/// Text given once per language.
pub type LangText = BTreeMap<Lang, String>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    // Optional here, required below: a base_url of the wrong type is
    // reported once, and the rest of the site still checked.
    base_url: Option<Spanned<String>>,
    languages: Spanned<Vec<Spanned<String>>>,
    governing_language: Option<Spanned<String>>,
    notice_period_days: Option<u32>,
    compare_any_two: Option<bool>,
    pdf: Option<bool>,
    theme: Option<Spanned<String>>,
    title: Spanned<LangText>,
    description: Option<Spanned<LangText>>,
    accredited_body: Option<Spanned<String>>,
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Absolute URL of the site root, ending in `/`.
    pub base_url: String,
    /// The path part of `base_url` (`/` or `/legal/`), prefixed to every link.
    pub base_path: String,
    /// The site's languages; the first is the default.
    pub languages: Vec<Lang>,
    /// The language whose text prevails where translations differ.
    pub governing_language: Lang,
    /// Days of advance notice a material change needs (`notice_period_days`, default 30).
    pub notice_period_days: u32,
    /// Whether every two versions of a policy get their 新旧対照表
    /// (`compare_any_two`, default true), not only two in a row: pages
    /// grow with the square of a policy's versions.
    pub compare_any_two: bool,
    /// Whether `build` makes a PDF of each version and 新旧対照表 (`pdf`,
    /// default true; it needs a Japanese font, see docs/pdf.md).
    pub pdf: bool,
    /// The theme's name (`theme`; default: `default`, the built-in theme).
    pub theme: String,
    /// The site's title per language (`[title]`).
    pub title: LangText,
    /// The site's meta description per language (`[description]`); empty when not given.
    pub description: LangText,
    /// The block id of the accredited body the business belongs to, if any.
    pub accredited_body: Option<String>,
}

/// The address checks go on with when `base_url` is wrong (nothing is built).
const STAND_IN_BASE_URL: &str = "https://kiyaku.invalid/";

impl Config {
    /// Publishes the site at another address (`serve` uses its own).
    pub fn set_base_url(&mut self, base_url: &str) {
        self.base_url = if base_url.ends_with('/') { base_url.to_string() } else { format!("{base_url}/") };
        self.base_path = base_path_of(&self.base_url);
    }

    /// The default language: the first of `languages`.
    pub fn default_language(&self) -> &str {
        &self.languages[0]
    }

    /// Parses and validates the configuration; problems go to `diags`.
    pub fn parse(source: &SourceFile, diags: &mut Diagnostics) -> Option<Config> {
        let at_start = diags.count(crate::base::diag::Severity::Error);
        let raw: RawConfig = crate::base::toml_util::parse(source, &source.text, 0, "config-syntax", diags)?;
        let before = diags.count(crate::base::diag::Severity::Error);
        let languages = parse_languages(source, &raw.languages, diags);
        let base_url =
            match &raw.base_url {
                Some(raw_url) => parse_base_url(source, raw_url, diags),
                // A value of the wrong type was reported, and left out.
                None if diags.count(crate::base::diag::Severity::Error) > at_start => None,
                None => {
                    diags.push(Diagnostic::error("config-syntax", "missing field `base_url`").at(source, 0..0).hint(
                        "add the address the site is published at: base_url = \"https://policies.example.com/\"",
                    ));
                    None
                }
            };
        let governing_language = match &raw.governing_language {
            Some(lang) if !languages.contains(lang.get_ref()) => {
                diags.push(
                    Diagnostic::error(
                        "config-language",
                        format!("governing_language `{}` is not one of `languages`", lang.get_ref()),
                    )
                    .at(source, lang.span())
                    .hint("name one of the languages listed in `languages`"),
                );
                None
            }
            Some(lang) => Some(lang.get_ref().clone()),
            None => languages.first().cloned(),
        };
        if let Some(theme) = raw.theme.as_ref().filter(|t| !crate::base::layout::is_theme_name(t.get_ref())) {
            diags.push(
                Diagnostic::error("config-theme", format!("theme `{}` is not the name of a folder in themes/", theme.get_ref()))
                    .at(source, theme.span())
                    .hint("name a folder of the site's themes/ (letters, digits, `-`, `_`): a theme is read from the site's own folder only"),
            );
        }
        check_text(source, &raw.title, &languages, "title", diags);
        if let Some(description) = &raw.description {
            check_text(source, description, &languages, "description", diags);
        }
        // The errors above are reported, and the build stops for them; the
        // rest of the site is still checked, with stand-ins where needed. Only
        // languages, which everything depends on, cannot be stood in for.
        if diags.count(crate::base::diag::Severity::Error) > before && languages.is_empty() {
            return None;
        }
        let base_url = base_url.unwrap_or_else(|| STAND_IN_BASE_URL.to_string());
        Some(Config {
            base_path: base_path_of(&base_url),
            base_url,
            governing_language: governing_language.unwrap_or_else(|| languages[0].clone()),
            languages,
            notice_period_days: raw.notice_period_days.unwrap_or(DEFAULT_NOTICE_DAYS),
            compare_any_two: raw.compare_any_two.unwrap_or(true),
            pdf: raw.pdf.unwrap_or(true),
            theme: raw.theme.map_or_else(|| "default".to_string(), Spanned::into_inner),
            title: raw.title.into_inner(),
            description: raw.description.map(Spanned::into_inner).unwrap_or_default(),
            accredited_body: raw.accredited_body.map(Spanned::into_inner),
        })
    }
}

/// A language tag: lowercase letters, optionally followed by `-` subtags.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn parse_languages(source: &SourceFile, raw: &Spanned<Vec<Spanned<String>>>, diags: &mut Diagnostics) -> Vec<Lang> {
    if raw.get_ref().is_empty() {
        diags.push(
            Diagnostic::error("config-language", "`languages` is empty")
                .at(source, raw.span())
                .hint("list the site's languages, default first: languages = [\"ja\", \"en\"]"),
        );
    }
    let mut languages: Vec<Lang> = Vec::new();
    for lang in raw.get_ref() {
        if !is_language_tag(lang.get_ref()) {
            let lower = lang.get_ref().to_lowercase();
            let hint = if is_language_tag(&lower) {
                format!("write it in lowercase: \"{lower}\"")
            } else {
                "use a lowercase tag such as \"ja\" or \"en\"".to_string()
            };
            diags.push(
                Diagnostic::error("config-language", format!("`{}` is not a language tag", lang.get_ref()))
                    .at(source, lang.span())
                    .hint(hint),
            );
            // "EN" meant "en": the site is checked as if it said so, without
            // an error for every English file on top of this one.
            if is_language_tag(&lower) && !languages.contains(&lower) {
                languages.push(lower);
            }
        } else if languages.contains(lang.get_ref()) {
            diags.push(
                Diagnostic::error("config-language", format!("language `{}` is listed twice", lang.get_ref()))
                    .at(source, lang.span())
                    .hint("list each language once"),
            );
        } else {
            languages.push(lang.get_ref().clone());
        }
    }
    languages
}

fn parse_base_url(source: &SourceFile, raw: &Spanned<String>, diags: &mut Diagnostics) -> Option<String> {
    let url = raw.get_ref().trim();
    if let Some(problem) = base_url_problem(url) {
        diags.push(
            Diagnostic::error("config-base-url", format!("`{url}` {problem}"))
                .at(source, raw.span())
                .hint("write the address the site is published at, e.g. base_url = \"https://example.com/legal/\""),
        );
        return None;
    }
    Some(if url.ends_with('/') { url.to_string() } else { format!("{url}/") })
}

/// What is wrong with an address a site is published at, if anything: it
/// must be an absolute http(s) URL with a host, and nothing that would end
/// up inside every link (a query, a fragment, a user name) or unencoded.
pub fn base_url_problem(url: &str) -> Option<&'static str> {
    let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) else {
        return Some("is not an absolute http(s) URL (https://…, in lower case)");
    };
    let authority = rest.split('/').next().unwrap_or_default();
    if authority.is_empty() {
        Some("has no host")
    } else if url.contains(['?', '#']) {
        Some("has a query or a fragment, which every link would carry: give the address without them")
    } else if authority.contains('@') {
        Some("names a user (user@host), which every page would show: leave it out")
    } else if !url.is_ascii() {
        Some("is not ASCII: write the host in punycode (xn--…) and percent-encode the path")
    } else if url.contains([' ', '"', '<', '>', '\\', '`', '{', '}', '|', '^']) || url.chars().any(char::is_control) {
        Some("has characters a URL cannot hold unencoded (space, quotes, <, >, \\): percent-encode them")
    } else {
        None
    }
}

/// The path part of a base URL (`https://example.com/legal/` → `/legal/`).
pub fn base_path_of(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(index) => after_scheme[index..].to_string(),
        None => "/".to_string(),
    }
}

/// Checks that a per-language text names every site language and no other.
pub fn check_text(
    source: &SourceFile,
    text: &Spanned<LangText>,
    languages: &[Lang],
    field: &str,
    diags: &mut Diagnostics,
) {
    for lang in languages {
        match text.get_ref().get(lang) {
            None => diags.push(
                Diagnostic::error("missing-translation", format!("`{field}` has no `{lang}` text"))
                    .at(source, text.span())
                    .hint(format!("add `{lang} = \"…\"` to `{field}`")),
            ),
            // A blank title would publish an empty heading.
            Some(value) if value.trim().is_empty() => diags.push(
                Diagnostic::error("empty-text", format!("`{field}` is empty in `{lang}`"))
                    .at(source, text.span())
                    .hint(format!("write the {field} in `{lang}`, or leave the field out if it is optional")),
            ),
            Some(_) => {}
        }
    }
    for lang in unknown_text_languages(text.get_ref(), languages) {
        diags.push(
            Diagnostic::warning(
                "extra-translation",
                format!("`{field}` has text in `{lang}`, which the site does not list"),
            )
            .at(source, text.span())
            .hint("the text is not used: add the language to `languages` in kiyaku.toml, or remove it"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<Config>, Diagnostics) {
        let mut diags = Diagnostics::default();
        let config = Config::parse(&SourceFile::new(crate::base::layout::CONFIG_FILE, text), &mut diags);
        (config, diags)
    }

    const VALID: &str = r#"
base_url = "https://example.com/legal"
languages = ["ja", "en"]
[title]
ja = "規約"
en = "Policies"
"#;

    #[test]
    fn parses_a_valid_config_with_defaults() {
        let (config, diags) = parse(VALID);
        assert!(diags.is_empty(), "{diags:?}");
        let config = config.unwrap();
        assert_eq!(config.base_url, "https://example.com/legal/");
        assert_eq!(config.base_path, "/legal/");
        assert_eq!(config.governing_language, "ja");
        assert_eq!(config.default_language(), "ja");
        assert_eq!(config.notice_period_days, 30);
        assert_eq!(config.theme, "default");
    }

    #[test]
    fn rejects_unknown_fields_and_bad_values() {
        let (config, diags) = parse(&VALID.replace("languages", "langs"));
        assert!(config.is_none());
        assert!(diags.has_errors());
        // The rest of the site is still checked, at a stand-in address.
        let (config, diags) = parse(&VALID.replace("https://example.com/legal", "example.com"));
        assert_eq!(config.unwrap().base_url, STAND_IN_BASE_URL);
        assert_eq!(diags.sorted()[0].code, "config-base-url");
        assert_eq!(diags.sorted()[0].line, Some(2));
    }

    #[test]
    fn reports_missing_title_translation() {
        let (_, diags) = parse(&VALID.replace("en = \"Policies\"", ""));
        assert_eq!(diags.sorted()[0].code, "missing-translation");
    }

    #[test]
    fn governing_language_must_be_listed() {
        let (_, diags) = parse(&format!("governing_language = \"fr\"\n{VALID}"));
        assert_eq!(diags.sorted()[0].code, "config-language");
    }

    #[test]
    fn language_tags() {
        assert!(is_language_tag("ja"));
        assert!(is_language_tag("zh-Hant"));
        assert!(!is_language_tag("JA"));
        assert!(!is_language_tag("日本語"));
        assert!(!is_language_tag(""));
    }
}
