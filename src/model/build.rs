//! Building the model: the loaded sources grouped into policies and
//! versions, every rule that spans files checked, the published record
//! compared with `kiyaku.lock`, versions not yet announced held back and
//! the APPI checklist run. [`build`] is the stage's one front door; what it
//! returns is finished, and nothing changes it afterwards.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use rayon::prelude::*;

use super::checks::{
    FormerNames, check_agreement, check_continuity, check_duplicate_ids, check_front_matter, check_numbers,
    check_same_date,
};
use super::links::{check_block_refs, check_links};
use super::urls::Urls;
use super::{Policy, Site, Version, VersionText, canonical_sha256};
use crate::base::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::base::timing::phase;
use crate::load::{PolicySources, Sources};
use crate::parse::blocks::Blocks;
use crate::parse::config::{Config, Lang, check_text};
use crate::parse::{self, Change, PolicyMeta, VersionFile};

/// What the model is built for.
#[derive(Debug, Clone, Copy)]
pub struct Target<'t> {
    /// The address to publish at instead of the configured `base_url`
    /// (the preview's own).
    pub base_url: Option<&'t str>,
    /// The day the site is built for: which versions are in force, and
    /// which are announced.
    pub today: Date,
    /// The last day that has really passed in Japan: only versions in
    /// effect by then enter the immutable record (a `--now` may lie ahead).
    pub record_day: Date,
    /// The day it really is in Japan, whatever day the site is built for:
    /// what has really taken effect, and when a re-announcement is made.
    pub real_day: Date,
    /// The run makes PDFs (`build`, unless `--no-pdf`), when `kiyaku.toml`
    /// allows them and `fonts` were found.
    pub pdf: bool,
    /// How many font files the load stage found for PDFs.
    pub fonts: usize,
}

/// The finished model, and the new text of `kiyaku.lock` when versions
/// took effect (or corrections were recorded) since it was last written.
#[derive(Debug)]
pub struct Model<'a> {
    /// The site as every page and document sees it.
    pub site: Site<'a>,
    /// The lock file's new text, when it has to change.
    pub lock: Option<String>,
    /// Published versions the lock has no record of where it should have:
    /// errors, unless the caller was told to record them (see
    /// `--record-published`); `lock` records them.
    pub unrecorded: Vec<Diagnostic>,
    /// Where each privacy policy version in force or upcoming discloses
    /// what APPI art. 32 asks for (empty on a site with errors).
    pub appi: Vec<super::appi::Checklist>,
}

/// Builds the finished model from loaded sources; `None` when the config is
/// unusable. Every problem found is in `diags`.
pub fn build<'a>(sources: &'a Sources, target: &Target<'_>, diags: &mut Diagnostics) -> Option<Model<'a>> {
    let mut site = phase("model", || assemble(sources, target.base_url, diags))?;
    site.pdf = makes_pdf(&site.config, target, diags);
    let wording = sources
        .i18n
        .iter()
        .filter(|(_, file)| !file.path.starts_with(crate::load::BUILT_IN_I18N))
        .map(|(lang, file)| (lang.as_str(), file))
        .collect();
    let recorded = super::lock::Recorded { lock: sources.lock.as_ref(), wording };
    let record = phase("lock", || super::lock::check(&site, &recorded, (target.record_day, target.real_day), diags));
    let mut record = record;
    keep_record(&mut site, &mut record);
    // Before the versions not yet announced are held back: their day counts.
    site.next_change = next_change(&site, target.today);
    site.hold_back_unannounced(target.today, diags);
    site.warn_corrections_ahead(target.today, diags);
    super::numbers::check_link_numbers(&site, target.today, diags);
    // The checklist reads the sources as a whole: on a site with errors it
    // would only repeat them.
    let appi =
        if diags.has_errors() { Vec::new() } else { phase("appi", || super::appi::check(&site, target.today, diags)) };
    Some(Model { site, lock: record.text, unrecorded: record.unrecorded, appi })
}

/// Whether this build makes PDFs; a warning when it should and cannot.
fn makes_pdf(config: &crate::parse::config::Config, target: &Target<'_>, diags: &mut Diagnostics) -> bool {
    if !target.pdf || !config.pdf {
        return false;
    }
    if !cfg!(feature = "pdf") {
        diags.push(
            Diagnostic::warning("pdf-unavailable", "this kiyaku was built without PDFs: no PDF is made")
                .in_file(std::path::Path::new(crate::base::layout::CONFIG_FILE))
                .hint("build kiyaku with its default features, or set pdf = false in kiyaku.toml"),
        );
        return false;
    }
    if target.fonts == 0 {
        diags.push(
            Diagnostic::warning("pdf-font-missing", "no font for the PDFs was found: no PDF is made")
                .in_file(std::path::Path::new(crate::base::layout::CONFIG_FILE))
                .hint("install a Japanese font (Debian: apt install fonts-noto-cjk), put one in the site's fonts/ folder, or pass --font FILE; pdf = false in kiyaku.toml, or --no-pdf, turns PDFs off"),
        );
        return false;
    }
    true
}

/// The first day after `today` that any page, document or feed depends on:
/// a version's announcement or effective date, a correction's date, or the
/// day a block's revision starts while a version in force shows the block
/// (archived pages keep their blocks, upcoming ones show them as of their
/// effective date).
fn next_change(site: &Site<'_>, today: Date) -> Option<Date> {
    let versions = site.policies.iter().flat_map(|p| &p.versions);
    let version_days = versions.clone().flat_map(|v| [Some(v.effective), v.announced]).flatten();
    let correction_days = versions.flat_map(|v| v.texts.values()).flat_map(|t| t.corrections.iter().map(|c| c.date));
    let shown_in_force = |id: &str, day: Date| {
        site.policies
            .iter()
            .filter_map(|p| p.in_force(day).map(|i| &p.versions[i]))
            .any(|version| version.texts.values().any(|text| text.body.block_refs().iter().any(|block| block.id == id)))
    };
    let block_days = site.blocks.by_id.values().flat_map(|block| {
        block.revisions.iter().map(|r| r.since).filter(move |day| *day > today && shown_in_force(&block.id, *day))
    });
    version_days.chain(correction_days).chain(block_days).filter(|day| *day > today).min()
}

/// What the lock records beyond the texts: the hashes that corrections and
/// added translations replaced (the export lists them for apps holding a
/// hash from before), the day each translation was added, and the days of
/// earlier announcements.
fn keep_record(site: &mut Site<'_>, record: &mut super::lock::Record) {
    for policy in &mut site.policies {
        for version in &mut policy.versions {
            for lang in &site.config.languages {
                let key = (policy.slug.clone(), version.effective.to_string(), lang.clone());
                if let Some(hashes) = record.superseded.remove(&key) {
                    version.superseded.insert(lang.clone(), hashes);
                }
                if let Some(day) = record.translated.remove(&key) {
                    version.translated.insert(lang.clone(), day);
                }
            }
            let key = (policy.slug.clone(), version.effective.to_string());
            version.earlier_announcements = record.earlier_announcements.remove(&key).unwrap_or_default();
        }
    }
}

/// The site from its sources, with the rules across files checked.
fn assemble<'a>(sources: &'a Sources, base_url: Option<&str>, diags: &mut Diagnostics) -> Option<Site<'a>> {
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
    let site = Site { config, urls, policies, blocks, incomplete, version_files, next_change: None, pdf: false };
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
        let mut version = build_version(config, slug, index == 0, files, &unreadable, diags);
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
        Ok(()) if slug == "search" => Err("is the address of the site's search page (/LANG/search/)"),
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
    slug: &str,
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
        superseded: BTreeMap::new(),
        translated: BTreeMap::new(),
        earlier_announcements: Vec::new(),
    };
    Version { texts: files.into_iter().map(|file| version_text(file, slug)).collect(), ..version }
}

fn missing_translation(reference: &VersionFile<'_>, lang: &str) -> Diagnostic {
    Diagnostic::warning("missing-translation", format!("version {} has no `{lang}` text", reference.date))
        .in_file(&reference.source.path)
        .hint(format!(
            "add {}.{lang}.md; until then the {} text is shown with a notice",
            reference.date, reference.lang
        ))
}

fn version_text<'a>(file: VersionFile<'a>, slug: &str) -> (Lang, VersionText<'a>) {
    let summary = file.front.summary.as_ref().map(|s| s.value.clone()).unwrap_or_default();
    let text = VersionText {
        source: file.source,
        summary,
        corrections: file.front.corrections.clone(),
        spans: super::RecordSpans {
            announced: file.front.announced.as_ref().map(|a| a.span.clone()),
            change: file.front.change.as_ref().map(|c| c.span.clone()),
            summary: file.front.summary.as_ref().map(|s| s.span.clone()),
        },
        body: file.body,
        body_text: file.body_text,
        sha256: canonical_sha256(file.body_text, slug, &file.lang, file.date),
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
