//! The model: the site as one consistent value, checked across files.
//!
//! Parsing sees one file at a time; here the files of a policy are grouped
//! into versions, and the rules that span files are enforced: the languages
//! of one version agree on dates and on clause ids, versions are announced
//! before they take effect, links point at clauses and policies that exist.
//! What comes out is plain data the views are built from. The rules on one
//! version live in [`checks`], those across policies in [`links`].

pub(crate) mod appi;
mod checks;
pub(crate) mod lineage;
mod links;
pub(crate) mod lock;
mod publication;
pub mod urls;

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use rayon::prelude::*;

use crate::base::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::load::{PolicySources, Sources};
use crate::parse::blocks::Blocks;
use crate::parse::config::{Config, Lang, check_text};
use crate::parse::{self, Body, Change, PolicyMeta, VersionFile};
use checks::{
    FormerNames, check_agreement, check_continuity, check_duplicate_ids, check_front_matter, check_numbers,
    check_same_date,
};
use links::{check_block_refs, check_links};
use urls::{PolicyRoutes, Urls, VersionRoutes};

/// The whole site, ready to render.
#[derive(Debug)]
pub struct Site<'a> {
    pub config: Config,
    /// The URL scheme every route below was made with.
    pub urls: Urls,
    pub policies: Vec<Policy<'a>>,
    pub blocks: Blocks,
    /// Policies whose sources have errors, so that a policy or some of its
    /// versions are missing here: links to them and their record in the
    /// lock are not reported as broken on top of those errors.
    pub incomplete: BTreeSet<String>,
    /// Every version file there is, read or not, as (slug, file name): a
    /// recorded version whose file is there but broken is not "gone".
    pub version_files: BTreeSet<(String, String)>,
}

/// One policy with its versions, oldest first.
#[derive(Debug)]
pub struct Policy<'a> {
    pub slug: String,
    pub meta: PolicyMeta,
    /// `policy.toml`, for problems with the metadata.
    pub meta_source: &'a SourceFile,
    pub versions: Vec<Version<'a>>,
    /// Its addresses in every language of the site.
    pub routes: BTreeMap<Lang, PolicyRoutes>,
}

/// One dated version of a policy, in every language it was written in.
#[derive(Debug)]
pub struct Version<'a> {
    pub effective: Date,
    pub announced: Option<Date>,
    pub change: Change,
    /// Clause ids of the previous version renamed here: old → new.
    pub renamed: BTreeMap<String, String>,
    /// Clause ids of earlier versions removed here.
    pub removed: Vec<String>,
    pub texts: BTreeMap<Lang, VersionText<'a>>,
    /// Its addresses in every language of the site (a version is published
    /// in every language, in another language's text where it has none).
    pub routes: BTreeMap<Lang, VersionRoutes>,
}

/// The text of a version in one language.
#[derive(Debug)]
pub struct VersionText<'a> {
    pub source: &'a SourceFile,
    pub summary: String,
    pub body: Body,
    /// The Markdown after the front matter, as written.
    pub body_text: &'a str,
    pub corrections: Vec<parse::Correction>,
    /// The content hash, computed once (the export, the feed and the lock
    /// all need it).
    pub hash: std::sync::OnceLock<String>,
    /// The hashes of the texts this one replaced by corrections, oldest
    /// first, as `kiyaku.lock` records them (set by the lock check).
    pub superseded: std::sync::OnceLock<Vec<String>>,
}

impl VersionText<'_> {
    /// SHA-256 (hex) of the canonical form of this text, documented in
    /// docs/json.md: a header naming the policy, language and effective
    /// date, a blank line, then the Markdown body with LF line ends,
    /// trailing spaces removed and no leading or trailing blank lines. The
    /// title is left out: renaming a policy does not change what it says.
    pub fn sha256(&self, slug: &str, lang: &str, effective: Date) -> String {
        self.hash.get_or_init(|| self.compute_sha256(slug, lang, effective)).clone()
    }

    fn compute_sha256(&self, slug: &str, lang: &str, effective: Date) -> String {
        use sha2::{Digest, Sha256};
        let mut hasher = Sha256::new();
        hasher.update(format!("kiyaku-canonical-v1\npolicy: {slug}\nlanguage: {lang}\neffective: {effective}\n\n"));
        let lines: Vec<&str> = self.body_text.lines().map(str::trim_end).collect();
        let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(lines.len());
        let last = lines.iter().rposition(|l| !l.is_empty()).map_or(first, |i| i + 1);
        // Fed line by line: the canonical text is never built as a whole.
        for line in &lines[first..last] {
            hasher.update(line.as_bytes());
            hasher.update(b"\n");
        }
        let digest = hasher.finalize();
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Where a version stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    InForce,
    Upcoming,
    Archived,
}

impl Policy<'_> {
    /// The index of the version in force on `today`, if any has taken effect.
    pub fn in_force(&self, today: Date) -> Option<usize> {
        self.versions.iter().rposition(|v| v.effective <= today)
    }

    /// The version shown at the policy's canonical URL: the one in force, or
    /// the first upcoming one when none has taken effect yet.
    pub fn canonical(&self, today: Date) -> usize {
        self.in_force(today).unwrap_or(0)
    }

    pub fn status(&self, index: usize, today: Date) -> Status {
        match self.in_force(today) {
            Some(current) if index == current => Status::InForce,
            Some(current) if index < current => Status::Archived,
            _ => Status::Upcoming,
        }
    }

    /// The first version after `index` that has not yet taken effect.
    pub fn next_upcoming(&self, today: Date) -> Option<usize> {
        self.versions.iter().position(|v| v.effective > today)
    }

    /// The day whose state of the typed blocks a version's page shows: the
    /// last day the version applied, today while it is in force, and its
    /// effective date while it is upcoming.
    pub fn as_of(&self, index: usize, today: Date) -> Date {
        let effective = self.versions[index].effective;
        match self.versions.get(index + 1) {
            _ if effective > today => effective,
            Some(next) if next.effective <= today => next.effective.yesterday().unwrap_or(effective),
            _ => today,
        }
    }

    /// 制定日: the declared date, else the first version's effective date.
    pub fn established(&self) -> Date {
        self.meta.established.as_ref().map_or(self.versions[0].effective, |e| e.value)
    }

    /// Its addresses in `lang`, one of the site's languages.
    pub fn routes(&self, lang: &str) -> &PolicyRoutes {
        route_in(&self.routes, lang)
    }

    /// The title in `lang`.
    pub fn title(&self, lang: &str) -> &str {
        self.meta.title.get_ref().get(lang).map_or("", String::as_str)
    }
}

/// The routes of `lang`; every site language has some, so the first is
/// only a stand-in that a caller naming another language would get.
fn route_in<'r, R>(routes: &'r BTreeMap<Lang, R>, lang: &str) -> &'r R {
    routes.get(lang).or_else(|| routes.values().next()).expect("routes are made for every site language")
}

impl<'a> Version<'a> {
    /// Its addresses in `lang`, one of the site's languages.
    pub fn routes(&self, lang: &str) -> &VersionRoutes {
        route_in(&self.routes, lang)
    }

    /// The text to show in `lang` and the language it is in: its own, or
    /// the governing language's (or any) when the translation is missing.
    pub fn text(&self, lang: &str, governing: &str) -> (&VersionText<'a>, &str) {
        let found = self.texts.get_key_value(lang).or_else(|| self.texts.get_key_value(governing));
        let (text_lang, text) = found.or_else(|| self.texts.iter().next()).expect("a version has at least one text");
        (text, text_lang)
    }
}

/// Builds the model from loaded sources; `None` when the config is unusable.
pub fn build<'a>(sources: &'a Sources, base_url: Option<&str>, diags: &mut Diagnostics) -> Option<Site<'a>> {
    let mut config = Config::parse(sources.config.as_ref()?, diags)?;
    if let Some(base_url) = base_url {
        config.set_base_url(base_url);
    }
    let urls = Urls::new(&config.base_url, &config.base_path);
    let parsed: Vec<(Option<Policy<'a>>, Diagnostics)> = sources
        .policies
        .par_iter()
        .map(|policy| {
            let mut local = Diagnostics::default();
            let built = build_policy(&config, &urls, policy, &mut local);
            (built, local)
        })
        .collect();
    let mut policies = Vec::new();
    let mut incomplete = BTreeSet::new();
    for ((policy, local), sources) in parsed.into_iter().zip(&sources.policies) {
        if local.has_errors() {
            incomplete.insert(sources.slug.clone());
        }
        diags.extend(local);
        policies.extend(policy);
    }
    policies.sort_by(|a, b| (a.meta.order, &a.slug).cmp(&(b.meta.order, &b.slug)));
    let blocks = Blocks::parse(&sources.blocks, &config.languages, diags);
    let version_files = sources
        .policies
        .iter()
        .flat_map(|p| p.version_names.iter().map(|name| (p.slug.clone(), name.clone())))
        .collect();
    let site = Site { config, urls, policies, blocks, incomplete, version_files };
    check_links(&site, sources.statics.keys().map(String::as_str), diags);
    check_block_refs(&site, diags);
    Some(site)
}

fn build_policy<'a>(
    config: &Config,
    urls: &Urls,
    sources: &'a PolicySources,
    diags: &mut Diagnostics,
) -> Option<Policy<'a>> {
    let slug = &sources.slug;
    if let Err(problem) = validate_slug(&sources.slug) {
        diags.push(
            Diagnostic::error("policy-slug", format!("policy folder `{}` {problem}", sources.slug))
                .in_file(&sources.dir)
                .hint("name policy folders with lowercase ASCII letters, digits and `-`: content/privacy/"),
        );
        return None;
    }
    // Without usable metadata the versions are still checked: every problem
    // of the policy is reported in one run.
    let meta = policy_meta(config, sources, diags);
    let (files, unreadable) = parse_versions(config, sources, diags);
    check_same_date(&files, diags);
    let mut by_date: BTreeMap<Date, Vec<VersionFile<'a>>> = BTreeMap::new();
    for file in files {
        by_date.entry(file.date).or_default().push(file);
    }
    // Versions that could not be read have been reported already.
    if by_date.is_empty() && unreadable.is_empty() {
        diags.push(
            Diagnostic::error("policy-empty", format!("{} has no versions", sources.dir.display()))
                .in_file(&sources.dir)
                .hint("add a version file named by its effective date, e.g. 2024-04-01.ja.md"),
        );
        return None;
    }
    let mut earlier: BTreeSet<String> = BTreeSet::new();
    let mut previous: Option<Vec<String>> = None;
    let mut former_names = FormerNames::default();
    let mut versions = Vec::with_capacity(by_date.len());
    for (index, files) in by_date.into_values().enumerate() {
        let reference = files.iter().find(|f| f.lang == config.governing_language).unwrap_or(&files[0]);
        let ids: Vec<String> = reference.body.ids().into_iter().map(str::to_string).collect();
        check_continuity(previous.as_deref(), &earlier, reference, diags);
        former_names.check(reference, diags);
        earlier.extend(ids.iter().cloned());
        previous = Some(ids);
        let mut version = build_version(config, index == 0, files, &unreadable, diags);
        version.routes =
            config.languages.iter().map(|l| (l.clone(), urls.version(l, slug, version.effective))).collect();
        versions.push(version);
    }
    let (meta, meta_source) = meta?;
    if let Some(first) = versions.first() {
        check_established(&meta, meta_source, first.effective, diags);
    }
    let routes = config.languages.iter().map(|l| (l.clone(), urls.policy(l, slug))).collect();
    (!versions.is_empty()).then(|| Policy { slug: slug.clone(), meta, meta_source, versions, routes })
}

/// The policy's `policy.toml`, parsed and its titles checked.
fn policy_meta<'a>(
    config: &Config,
    sources: &'a PolicySources,
    diags: &mut Diagnostics,
) -> Option<(PolicyMeta, &'a SourceFile)> {
    let Some(meta_source) = &sources.meta else {
        diags.push(
            Diagnostic::error("policy-meta-missing", format!("{} has no policy.toml", sources.dir.display()))
                .in_file(&sources.dir)
                .hint("add policy.toml with kind = \"privacy\" (or terms, cookies, other) and [title] per language"),
        );
        return None;
    };
    let meta = parse::parse_policy_meta(meta_source, diags)?;
    check_text(meta_source, &meta.title, &config.languages, "title", diags);
    Some((meta, meta_source))
}

/// 制定日 comes before the first version took effect, or on that day.
fn check_established(meta: &PolicyMeta, source: &SourceFile, first: Date, diags: &mut Diagnostics) {
    let Some(established) = meta.established.as_ref().filter(|e| e.value > first) else { return };
    diags.push(
        Diagnostic::error(
            "established-after-first",
            format!("`established` is {}, after the first version took effect ({first})", established.value),
        )
        .at(source, established.span.clone())
        .hint("established is the day the policy was first adopted: on or before its first version"),
    );
}

fn validate_slug(slug: &str) -> Result<(), &'static str> {
    match parse::markdown::validate_id(slug) {
        Ok(()) if slug.contains('_') => Err("may contain only lowercase letters, digits and `-`"),
        other => other,
    }
}

fn check_language(config: &Config, file: &VersionFile<'_>, diags: &mut Diagnostics) -> bool {
    let known = config.languages.contains(&file.lang);
    if !known {
        diags.push(
            Diagnostic::error(
                "unknown-language",
                format!("language `{}` is not one of the site's languages", file.lang),
            )
            .in_file(&file.source.path)
            .hint(format!("add \"{}\" to `languages` in kiyaku.toml, or rename the file", file.lang)),
        );
    }
    known
}

/// Groups one date's files into a version, checking each and their agreement.
/// The version files that parsed, and the (date, language) of those that
/// exist but did not (they are not "missing" translations).
fn parse_versions<'a>(
    config: &Config,
    sources: &'a PolicySources,
    diags: &mut Diagnostics,
) -> (Vec<VersionFile<'a>>, BTreeSet<(Date, Lang)>) {
    let mut files = Vec::new();
    let mut unreadable = BTreeSet::new();
    for source in &sources.versions {
        match parse::parse_version(source, diags) {
            Some(file) if check_language(config, &file, diags) => files.push(file),
            Some(_) => {}
            None => {
                let name = source.path.file_name().unwrap_or_default().to_string_lossy();
                unreadable.extend(parse::parse_file_name(&name));
            }
        }
    }
    (files, unreadable)
}

fn build_version<'a>(
    config: &Config,
    first: bool,
    files: Vec<VersionFile<'a>>,
    unreadable: &BTreeSet<(Date, Lang)>,
    diags: &mut Diagnostics,
) -> Version<'a> {
    for file in &files {
        check_front_matter(config, first, file, diags);
        check_duplicate_ids(file, diags);
        check_numbers(file, diags);
    }
    let reference = files.iter().find(|f| f.lang == config.governing_language).unwrap_or(&files[0]);
    for file in files.iter().filter(|f| f.lang != reference.lang) {
        check_agreement(reference, file, diags);
    }
    let missing = config.languages.iter().filter(|lang| {
        !files.iter().any(|f| &f.lang == *lang) && !unreadable.contains(&(reference.date, (*lang).clone()))
    });
    for lang in missing {
        diags.push(missing_translation(reference, lang));
    }
    let change = match (&reference.front.change, first) {
        (_, true) => Change::Initial,
        (Some(change), false) => change.value,
        (None, false) => Change::Material,
    };
    let version = Version {
        effective: reference.date,
        announced: reference.front.announced.as_ref().map(|a| a.value),
        change,
        renamed: reference.front.renamed.iter().map(|(old, new)| (old.clone(), new.value.clone())).collect(),
        removed: reference.front.removed.iter().map(|id| id.value.clone()).collect(),
        texts: BTreeMap::new(),
        routes: BTreeMap::new(),
    };
    Version { texts: files.into_iter().map(version_text).collect(), ..version }
}

fn missing_translation(reference: &VersionFile<'_>, lang: &str) -> Diagnostic {
    Diagnostic::warning("missing-translation", format!("version {} has no `{lang}` text", reference.date))
        .in_file(&reference.source.path)
        .hint(format!(
            "add {}.{lang}.md; until then the {} text is shown with a notice",
            reference.date, reference.lang
        ))
}

fn version_text(file: VersionFile<'_>) -> (Lang, VersionText<'_>) {
    let summary = file.front.summary.as_ref().map(|s| s.value.clone()).unwrap_or_default();
    let text = VersionText {
        source: file.source,
        summary,
        corrections: file.front.corrections.clone(),
        body: file.body,
        body_text: file.body_text,
        hash: std::sync::OnceLock::new(),
        superseded: std::sync::OnceLock::new(),
    };
    (file.lang, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(validate_slug("privacy").is_ok());
        assert!(validate_slug("external-transmission").is_ok());
        assert!(validate_slug("a_b").is_err());
        assert!(validate_slug("プライバシー").is_err());
    }
}
