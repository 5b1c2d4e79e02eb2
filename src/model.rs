//! The model: the site as one consistent value, checked across files.
//!
//! Parsing sees one file at a time; here the files of a policy are grouped
//! into versions, and the rules that span files are enforced: the languages
//! of one version agree on dates and on clause ids, versions are announced
//! before they take effect, links point at clauses and policies that exist.
//! What comes out is plain data the views are built from.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use rayon::prelude::*;

use crate::blocks::Blocks;
use crate::config::{Config, Lang, check_text};
use crate::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::load::{PolicySources, Sources};
use crate::parse::{self, Body, Change, PolicyMeta, VersionFile};

/// The whole site, ready to render.
#[derive(Debug)]
pub struct Site<'a> {
    pub config: Config,
    pub policies: Vec<Policy<'a>>,
    pub blocks: Blocks,
}

/// One policy with its versions, oldest first.
#[derive(Debug)]
pub struct Policy<'a> {
    pub slug: String,
    pub meta: PolicyMeta,
    /// `policy.toml`, for problems with the metadata.
    pub meta_source: &'a SourceFile,
    pub versions: Vec<Version<'a>>,
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
}

/// The text of a version in one language.
#[derive(Debug)]
pub struct VersionText<'a> {
    pub source: &'a SourceFile,
    pub summary: String,
    pub body: Body<'a>,
    /// The Markdown after the front matter, as written.
    pub body_text: &'a str,
    pub corrections: Vec<parse::Correction>,
}

impl VersionText<'_> {
    /// SHA-256 (hex) of the canonical form of this text, documented in
    /// docs/json.md: a header naming the policy, language and effective
    /// date, a blank line, then the Markdown body with LF line ends,
    /// trailing spaces removed and no leading or trailing blank lines. The
    /// title is left out: renaming a policy does not change what it says.
    pub fn sha256(&self, slug: &str, lang: &str, effective: Date) -> String {
        use sha2::{Digest, Sha256};
        let mut canonical =
            format!("kiyaku-canonical-v1\npolicy: {slug}\nlanguage: {lang}\neffective: {effective}\n\n");
        let lines: Vec<&str> = self.body_text.lines().map(str::trim_end).collect();
        let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(lines.len());
        let last = lines.iter().rposition(|l| !l.is_empty()).map_or(first, |i| i + 1);
        for line in &lines[first..last] {
            canonical.push_str(line);
            canonical.push('\n');
        }
        let digest = Sha256::digest(canonical.as_bytes());
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

    pub fn title(&self, lang: &str) -> &str {
        self.meta.title.get_ref().get(lang).map_or("", String::as_str)
    }
}

impl<'a> Version<'a> {
    /// The text to show in `lang`: its own, or the governing language's (or
    /// any) when the translation is missing.
    pub fn text(&self, lang: &str, governing: &str) -> (&VersionText<'a>, bool) {
        if let Some(text) = self.texts.get(lang) {
            return (text, false);
        }
        let fallback = self.texts.get(governing).or_else(|| self.texts.values().next());
        (fallback.expect("a version has at least one text"), true)
    }
}

/// Builds the model from loaded sources; `None` when the config is unusable.
pub fn build<'a>(sources: &'a Sources, base_url: Option<&str>, diags: &mut Diagnostics) -> Option<Site<'a>> {
    let mut config = Config::parse(sources.config.as_ref()?, diags)?;
    if let Some(base_url) = base_url {
        config.set_base_url(base_url);
    }
    let parsed: Vec<(Option<Policy<'a>>, Diagnostics)> = sources
        .policies
        .par_iter()
        .map(|policy| {
            let mut local = Diagnostics::default();
            let built = build_policy(&config, policy, &mut local);
            (built, local)
        })
        .collect();
    let mut policies = Vec::new();
    for (policy, local) in parsed {
        diags.extend(local);
        policies.extend(policy);
    }
    policies.sort_by(|a, b| (a.meta.order, &a.slug).cmp(&(b.meta.order, &b.slug)));
    let blocks = Blocks::parse(&sources.blocks, &config.languages, diags);
    let site = Site { config, policies, blocks };
    check_links(&site, diags);
    check_block_refs(&site, diags);
    Some(site)
}

fn build_policy<'a>(config: &Config, sources: &'a PolicySources, diags: &mut Diagnostics) -> Option<Policy<'a>> {
    if let Err(problem) = validate_slug(&sources.slug) {
        diags.push(
            Diagnostic::error("policy-slug", format!("policy folder `{}` {problem}", sources.slug))
                .in_file(&sources.dir)
                .hint("name policy folders with lowercase ASCII letters, digits and `-`: content/privacy/"),
        );
        return None;
    }
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
    let mut files: Vec<VersionFile<'a>> = Vec::new();
    // Files that exist but could not be parsed are not "missing".
    let mut unreadable: BTreeSet<(Date, Lang)> = BTreeSet::new();
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
    let mut by_date: BTreeMap<Date, Vec<VersionFile<'a>>> = BTreeMap::new();
    for file in files {
        by_date.entry(file.date).or_default().push(file);
    }
    if by_date.is_empty() {
        diags.push(
            Diagnostic::error("policy-empty", format!("{} has no versions", sources.dir.display()))
                .in_file(&sources.dir)
                .hint("add a version file named by its effective date, e.g. 2024-04-01.ja.md"),
        );
        return None;
    }
    let mut earlier: BTreeSet<String> = BTreeSet::new();
    let mut previous: Option<Vec<String>> = None;
    let mut versions = Vec::with_capacity(by_date.len());
    for (index, files) in by_date.into_values().enumerate() {
        let reference = files.iter().find(|f| f.lang == config.governing_language).unwrap_or(&files[0]);
        let ids: Vec<String> = reference.body.ids().into_iter().map(str::to_string).collect();
        check_continuity(previous.as_deref(), &earlier, reference, diags);
        earlier.extend(ids.iter().cloned());
        previous = Some(ids);
        versions.push(build_version(config, index == 0, files, &unreadable, diags));
    }
    Some(Policy { slug: sources.slug.clone(), meta, meta_source, versions })
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
        diags.push(
            Diagnostic::warning("missing-translation", format!("version {} has no `{lang}` text", reference.date))
                .in_file(&reference.source.path)
                .hint(format!(
                    "add {}.{lang}.md; until then the {} text is shown with a notice",
                    reference.date, reference.lang
                )),
        );
    }
    let change = match (&reference.front.change, first) {
        (_, true) => Change::Initial,
        (Some(change), false) => change.value,
        (None, false) => Change::Material,
    };
    Version {
        effective: reference.date,
        announced: reference.front.announced.as_ref().map(|a| a.value),
        change,
        renamed: reference.front.renamed.iter().map(|(old, new)| (old.clone(), new.value.clone())).collect(),
        removed: reference.front.removed.iter().map(|id| id.value.clone()).collect(),
        texts: files
            .into_iter()
            .map(|file| {
                let summary = file.front.summary.as_ref().map(|s| s.value.clone()).unwrap_or_default();
                (
                    file.lang.clone(),
                    VersionText {
                        source: file.source,
                        summary,
                        corrections: file.front.corrections.clone(),
                        body: file.body,
                        body_text: file.body_text,
                    },
                )
            })
            .collect(),
    }
}

fn check_front_matter(config: &Config, first: bool, file: &VersionFile<'_>, diags: &mut Diagnostics) {
    let front = &file.front;
    let source = file.source;
    let header = parse::header_span(front);
    match &front.effective {
        None if front.written.contains(&"effective") => {}
        None => diags.push(
            Diagnostic::error("missing-field", "the front matter has no `effective` date")
                .at(source, header.clone())
                .hint(format!("add effective = {} (the date in the file name)", file.date)),
        ),
        Some(effective) if effective.value != file.date => diags.push(
            Diagnostic::error(
                "effective-mismatch",
                format!("`effective` is {} but the file name says {}", effective.value, file.date),
            )
            .at(source, effective.span.clone())
            .hint("the file name is the version's effective date: rename the file or fix the date"),
        ),
        Some(_) => {}
    }
    if front.summary.as_ref().is_none_or(|s| s.value.trim().is_empty()) {
        diags.push(
            Diagnostic::error("missing-field", "the front matter has no `summary`")
                .at(source, header.clone())
                .hint("add a one-line summary of the change, e.g. summary = \"利用目的を追加しました。\""),
        );
    }
    if !first && front.change.is_none() && !front.written.contains(&"change") {
        diags.push(
            Diagnostic::error("missing-field", "the front matter has no `change`")
                .at(source, header.clone())
                .hint("add change = \"material\" (users must be told) or change = \"editorial\" (wording only)"),
        );
    }
    if first && let Some(change) = &front.change {
        diags.push(
            Diagnostic::warning("change-on-first", "`change` is ignored on a policy's first version")
                .at(source, change.span.clone())
                .hint("remove the line: the first version is the policy's establishment"),
        );
    }
    check_announcement(config, first, file, diags);
}

fn check_announcement(config: &Config, first: bool, file: &VersionFile<'_>, diags: &mut Diagnostics) {
    let front = &file.front;
    // `change` means nothing on a first version (it was warned about).
    let material = !first && front.change.as_ref().is_some_and(|c| c.value == Change::Material);
    let Some(announced) = &front.announced else {
        if material {
            diags.push(
                Diagnostic::warning("announcement-missing", "a material change has no `announced` date")
                    .at(file.source, parse::header_span(front))
                    .hint("record when the change was published: announced = YYYY-MM-DD (民法548条の4 requires advance notice)"),
            );
        }
        return;
    };
    let days = (file.date - announced.value).get_days();
    let span = announced.span.clone();
    if announced.value > file.date {
        diags.push(
            Diagnostic::error(
                "announced-after-effective",
                format!("announced {} is after the effective date {}", announced.value, file.date),
            )
            .at(file.source, span)
            .hint("a version is announced on or before the day it takes effect"),
        );
    } else if material && days < i32::try_from(config.notice_period_days).unwrap_or(i32::MAX) {
        diags.push(
            Diagnostic::warning(
                "notice-period",
                format!(
                    "a material change announced {days} days ahead; the site's notice period is {} days",
                    config.notice_period_days
                ),
            )
            .at(file.source, span)
            .hint("move the effective date later (民法548条の4: announce unfavourable changes well before they apply)"),
        );
    }
}

/// A clause id published in the previous version must still lead somewhere:
/// it is in this version, or declared `renamed` or `removed` here.
fn check_continuity(
    previous: Option<&[String]>,
    earlier: &BTreeSet<String>,
    file: &VersionFile<'_>,
    diags: &mut Diagnostics,
) {
    let Some(previous) = previous else { return };
    let ids: BTreeSet<&str> = file.body.ids().into_iter().collect();
    if ids.contains("") {
        return; // Clauses without valid ids were reported already.
    }
    let front = &file.front;
    let declared_removed: BTreeSet<&str> = front.removed.iter().map(|r| r.value.as_str()).collect();
    for id in previous.iter().filter(|id| !id.is_empty() && !ids.contains(id.as_str())) {
        if !front.renamed.contains_key(id) && !declared_removed.contains(id.as_str()) {
            diags.push(
                Diagnostic::error("clause-id-vanished", format!("clause `{id}` of the previous version is gone, and its anchor with it"))
                    .at(file.source, parse::header_span(front))
                    .hint(format!("keep the id, or declare in the front matter removed = [\"{id}\"] (a tombstone says it was removed) or renamed = {{ {id} = \"new-id\" }}")),
            );
        }
    }
    for (old, new) in &front.renamed {
        if !previous.contains(old) {
            diags.push(
                Diagnostic::error(
                    "renamed-unknown",
                    format!("`renamed` names `{old}`, which the previous version does not have"),
                )
                .at(file.source, new.span.clone())
                .hint("renamed maps an id of the previous version to its new id"),
            );
        } else if !ids.contains(new.value.as_str()) {
            diags.push(
                Diagnostic::error(
                    "renamed-unknown",
                    format!("`{old}` is renamed to `{}`, which this version does not have", new.value),
                )
                .at(file.source, new.span.clone())
                .hint("name the id of one of this version's clauses"),
            );
        }
    }
    for removed in &front.removed {
        if ids.contains(removed.value.as_str()) || !earlier.contains(&removed.value) {
            diags.push(
                Diagnostic::error(
                    "removed-unknown",
                    format!("`removed` names `{}`, which is not a clause removed in this version", removed.value),
                )
                .at(file.source, removed.span.clone())
                .hint("list ids that earlier versions had and this one does not"),
            );
        }
    }
}

/// Explicit numbers must keep the numbering increasing: `number=5` after
/// article 4 or later, `number=3-2` right after article 3 (or 3-1).
fn check_numbers(file: &VersionFile<'_>, diags: &mut Diagnostics) {
    let mut last = (0u32, 0u32);
    for clause in file.body.clauses.iter().filter(|c| c.numbered) {
        let next = match clause.number {
            Some((main, branch)) => (main, branch.unwrap_or(0)),
            None => (last.0 + 1, 0),
        };
        if next <= last || (next.1 > 0 && next.0 != last.0) {
            diags.push(
                Diagnostic::error(
                    "clause-number-order",
                    format!("clause `{}` would be numbered out of order", clause.id),
                )
                .at(file.source, clause.span.clone())
                .hint(format!(
                    "after article {} comes {} (or a branch {}-N)",
                    last.0,
                    last.0 + 1,
                    last.0
                )),
            );
        }
        last = next;
    }
}

fn check_duplicate_ids(file: &VersionFile<'_>, diags: &mut Diagnostics) {
    let mut seen = BTreeSet::new();
    let clauses = file.body.clauses.iter().flat_map(|c| std::iter::once(c).chain(c.children.iter()));
    for clause in clauses.filter(|c| !c.id.is_empty()) {
        if !seen.insert(clause.id.as_str()) {
            diags.push(
                Diagnostic::error(
                    "clause-id-duplicate",
                    format!("clause id `{}` is used twice in this version", clause.id),
                )
                .at(file.source, clause.span.clone())
                .hint("every clause needs its own id; anchors must lead to one place"),
            );
        }
    }
}

/// Checks that a translation has the same dates and clause ids as the
/// reference (governing) text.
fn check_agreement(reference: &VersionFile<'_>, file: &VersionFile<'_>, diags: &mut Diagnostics) {
    fn value(front: &parse::FrontMatter) -> impl PartialEq + '_ {
        let renamed: Vec<(&String, &String)> = front.renamed.iter().map(|(k, v)| (k, &v.value)).collect();
        let removed: Vec<&String> = front.removed.iter().map(|r| &r.value).collect();
        (front.announced.as_ref().map(|a| a.value), front.change.as_ref().map(|c| c.value), renamed, removed)
    }
    if value(&reference.front) != value(&file.front) {
        diags.push(
            Diagnostic::error(
                "translation-mismatch",
                format!(
                    "`announced`, `change`, `renamed` or `removed` differs from {}",
                    reference.source.path.display()
                ),
            )
            .at(file.source, parse::header_span(&file.front))
            .hint("the languages of one version share its dates and kind of change: copy them from the governing text"),
        );
    }
    let ours = file.body.ids();
    let theirs = reference.body.ids();
    // A clause without a valid id was reported already; comparing would
    // only blame the other language for it.
    if ours == theirs || ours.contains(&"") || theirs.contains(&"") {
        return;
    }
    let position = ours.iter().zip(&theirs).position(|(a, b)| a != b).unwrap_or(ours.len().min(theirs.len()));
    let clause = all_clauses(&file.body).nth(position);
    let expected = theirs.get(position).map_or("no more clauses".to_string(), |id| format!("`{id}`"));
    let found = ours.get(position).map_or("no more clauses".to_string(), |id| format!("`{id}`"));
    let diagnostic = Diagnostic::error(
        "clause-ids-differ",
        format!("clause ids differ from {}: expected {expected}, found {found}", reference.source.path.display()),
    )
    .hint("each language of a version has the same clauses with the same ids, in the same order");
    diags.push(match clause {
        Some(clause) => diagnostic.at(file.source, clause.span.clone()),
        None => diagnostic.at(file.source, file.source.text.len()..file.source.text.len()),
    });
}

fn all_clauses<'b, 'a>(body: &'b Body<'a>) -> impl Iterator<Item = &'b parse::Clause<'a>> {
    body.clauses.iter().flat_map(|c| std::iter::once(c).chain(c.children.iter()))
}

/// Checks every link: clause anchors, other policies, and safe schemes only.
fn check_links(site: &Site<'_>, diags: &mut Diagnostics) {
    let ids_of = |policy: &Policy<'_>| -> BTreeSet<String> {
        policy
            .versions
            .iter()
            .flat_map(|v| v.texts.values().flat_map(|t| t.body.ids().into_iter().map(str::to_string)))
            .collect()
    };
    let known: BTreeMap<&str, BTreeSet<String>> = site.policies.iter().map(|p| (p.slug.as_str(), ids_of(p))).collect();
    for policy in &site.policies {
        for text in policy.versions.iter().flat_map(|v| v.texts.values()) {
            let own: BTreeSet<&str> = text.body.ids().into_iter().collect();
            for link in &text.body.links {
                if let Some(problem) = link_problem(&link.dest, &own, &known) {
                    diags.push(problem.at(text.source, link.span.clone()));
                }
            }
        }
    }
}

fn link_problem(dest: &str, own: &BTreeSet<&str>, known: &BTreeMap<&str, BTreeSet<String>>) -> Option<Diagnostic> {
    if let Some(id) = dest.strip_prefix('#') {
        return (!own.contains(id)).then(|| {
            Diagnostic::error("link-clause", format!("link to clause `#{id}`, which this version does not have")).hint(
                format!(
                    "use the id of one of this version's clauses: {}",
                    own.iter().copied().collect::<Vec<_>>().join(", ")
                ),
            )
        });
    }
    if let Some(target) = dest.strip_prefix("policy:") {
        let (slug, id) = target.split_once('#').map_or((target, None), |(s, i)| (s, Some(i)));
        let Some(ids) = known.get(slug) else {
            return Some(
                Diagnostic::error("link-policy", format!("link to policy `{slug}`, which does not exist"))
                    .hint(format!("link to one of: {}", known.keys().copied().collect::<Vec<_>>().join(", "))),
            );
        };
        return id.filter(|id| !ids.contains(*id)).map(|id| {
            Diagnostic::error("link-clause", format!("link to clause `#{id}` of `{slug}`, which has no such clause"))
                .hint("check the clause id in the target policy's headings")
        });
    }
    let first_segment = dest.split(['/', '?', '#']).next().unwrap_or_default();
    if !dest.contains(':')
        && !dest.starts_with(['/', '.', '#'])
        && first_segment.contains('.')
        && !first_segment.ends_with(".html")
    {
        return Some(
            Diagnostic::warning("link-relative", format!("link `{dest}` has no scheme, so it points inside this site"))
                .hint(format!("to link to another site, write https://{dest}")),
        );
    }
    let scheme = dest.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    let safe = match scheme.as_deref() {
        None => true,
        Some(scheme) if scheme.contains(['/', '?', '#']) => true,
        Some("http" | "https" | "mailto" | "tel") => true,
        Some(_) => false,
    };
    (!safe).then(|| {
        Diagnostic::error("link-scheme", format!("link `{dest}` uses a scheme that is not allowed"))
            .hint("links may be http(s):, mailto:, tel:, policy:SLUG#id, #id or a path")
    })
}

fn known_ids<'k>(ids: impl Iterator<Item = &'k String>) -> String {
    let ids: Vec<&str> = ids.map(String::as_str).collect();
    if ids.is_empty() { String::new() } else { format!(", or use one of: {}", ids.join(", ")) }
}

/// Checks that every block reference names an existing block of that kind
/// with a revision in effect when the version takes effect.
fn check_block_refs(site: &Site<'_>, diags: &mut Diagnostics) {
    for policy in &site.policies {
        for version in &policy.versions {
            for text in version.texts.values() {
                for block_ref in text.body.block_refs().into_iter().filter(|r| !site.blocks.broken.contains(&r.id)) {
                    let problem = match site.blocks.get(&block_ref.id) {
                        None => {
                            Diagnostic::error("block-unknown", format!("no block `{}` is defined", block_ref.id)).hint(
                                format!("create blocks/{}.toml{}", block_ref.id, known_ids(site.blocks.by_id.keys())),
                            )
                        }
                        Some(block) if block.kind.name() != block_ref.kind => Diagnostic::error(
                            "block-kind",
                            format!(
                                "block `{}` is a {} block, not a {} block",
                                block.id,
                                block.kind.name(),
                                block_ref.kind
                            ),
                        )
                        .hint(format!("write ```{} as the fence's info string", block.kind.name())),
                        Some(block) if block.revision_on(version.effective).is_none() => Diagnostic::error(
                            "block-not-yet",
                            format!("block `{}` has no revision in effect on {}", block.id, version.effective),
                        )
                        .hint(format!(
                            "give {} a revision with since on or before {}",
                            block.source.display(),
                            version.effective
                        )),
                        Some(_) => continue,
                    };
                    diags.push(problem.at(text.source, block_ref.span.clone()));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_rules() {
        let own: BTreeSet<&str> = ["a"].into_iter().collect();
        let known: BTreeMap<&str, BTreeSet<String>> =
            [("terms", ["x".to_string()].into_iter().collect())].into_iter().collect();
        let code = |dest| link_problem(dest, &own, &known).map(|d| d.code);
        assert_eq!(code("#a"), None);
        assert_eq!(code("#b"), Some("link-clause"));
        assert_eq!(code("policy:terms"), None);
        assert_eq!(code("policy:terms#x"), Some(None).flatten());
        assert_eq!(code("policy:terms#y"), Some("link-clause"));
        assert_eq!(code("policy:faq"), Some("link-policy"));
        assert_eq!(code("https://example.com/"), None);
        assert_eq!(code("/static/a.pdf"), None);
        assert_eq!(code("www.example.com/privacy"), Some("link-relative"));
        assert_eq!(code("guide.html#a"), None);
        assert_eq!(code("JavaScript:alert(1)"), Some("link-scheme"));
        assert_eq!(code("data:text/html,x"), Some("link-scheme"));
    }

    #[test]
    fn slugs() {
        assert!(validate_slug("privacy").is_ok());
        assert!(validate_slug("external-transmission").is_ok());
        assert!(validate_slug("a_b").is_err());
        assert!(validate_slug("プライバシー").is_err());
    }
}
