//! The JSON export for apps: an index of every policy and version, one
//! document per version and language, a JSON Feed per language, and the
//! JSON Schema of them all (generated from these Rust types).
//!
//! Documents reuse the view structs the HTML templates see, so the page and
//! the JSON never disagree. Everything is pure; URLs are absolute.

pub mod feed;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::{Policy, Status};
use crate::parse::{Change, PolicyKind};
use crate::render::OutputFile;
use crate::render::view::{PolicyView, VersionView, Views};

/// The site as the index describes it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SiteInfo {
    pub title: BTreeMap<String, String>,
    pub base_url: String,
    /// The site's languages; the first is the default.
    pub languages: Vec<String>,
    /// The language whose text prevails where translations differ.
    pub governing_language: String,
}

/// `/api/v1/index.json`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Index {
    #[serde(rename = "$schema")]
    pub schema: String,
    /// The day (in Japan) the site was built for: statuses are as of this day.
    pub built_for: String,
    pub site: SiteInfo,
    pub policies: Vec<IndexPolicy>,
}

/// A policy in the index.
#[derive(Debug, Serialize, JsonSchema)]
pub struct IndexPolicy {
    pub slug: String,
    pub kind: PolicyKind,
    pub title: BTreeMap<String, String>,
    /// 制定日.
    pub established: String,
    /// Effective date of the version in force on `built_for`, if any.
    pub in_force: Option<String>,
    /// Effective date of the next version, if one is announced.
    pub upcoming: Option<String>,
    /// Canonical page per language (always the version in force).
    pub html: BTreeMap<String, String>,
    /// `current.json` per language.
    pub json: BTreeMap<String, String>,
    /// Every version, oldest first. The version that applies on a day D is
    /// the last one whose `effective` is on or before D (dates in Japan).
    pub versions: Vec<IndexVersion>,
}

/// A version in the index.
#[derive(Debug, Serialize, JsonSchema)]
pub struct IndexVersion {
    /// 施行日 (YYYY-MM-DD): the version applies from 00:00 JST of this day.
    pub effective: String,
    /// When it was published ahead of taking effect.
    pub announced: Option<String>,
    pub change: Change,
    /// True when users must be told and may need to accept again.
    pub material: bool,
    pub status: Status,
    pub summary: BTreeMap<String, String>,
    /// Languages with their own text (others show the governing text).
    pub languages: Vec<String>,
    /// SHA-256 of the canonical text per language.
    pub sha256: BTreeMap<String, String>,
    pub html: BTreeMap<String, String>,
    pub json: BTreeMap<String, String>,
    /// The comparison with the previous version, per language.
    pub changes: Option<BTreeMap<String, String>>,
}

/// Links from a version document.
#[derive(Debug, Serialize, JsonSchema)]
pub struct VersionLinks {
    pub html: String,
    pub json: String,
    /// The page and document of the version in force.
    pub current_html: String,
    pub current_json: String,
    pub history: String,
    pub index: String,
    /// The same version in other languages.
    pub alternates: BTreeMap<String, AlternateLinks>,
    /// The comparison with the previous version.
    pub changes: Option<String>,
    pub previous: Option<String>,
    pub next: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct AlternateLinks {
    pub html: String,
    pub json: String,
}

/// `/api/v1/{lang}/{slug}/{date}.json` and `current.json`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct VersionDocument<'v> {
    #[serde(rename = "$schema")]
    pub schema: String,
    pub lang: String,
    pub governing_language: String,
    pub policy: PolicyView,
    pub version: &'v VersionView,
    pub material: bool,
    /// SHA-256 of the canonical text shown (see docs/json.md).
    pub sha256: String,
    /// The hashes of the texts this one replaced by recorded corrections,
    /// oldest first: texts of this version that users may have accepted.
    pub superseded_sha256: Vec<String>,
    pub links: VersionLinks,
}

/// Every kind of document the API publishes, for the published schema.
#[derive(Serialize, JsonSchema)]
#[serde(untagged)]
pub enum ApiDocument {
    Index(Index),
    Version(Box<VersionDocument<'static>>),
    Feed(feed::Feed),
}

/// The JSON Schema of every API document.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(ApiDocument);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

/// A JSON file: compact (documents are for programs, and bytes add up on a
/// large site), ending in a newline.
pub fn json_file(path: String, value: &impl Serialize) -> OutputFile {
    let mut bytes = serde_json::to_vec(value).unwrap_or_default();
    bytes.push(b'\n');
    OutputFile { path, bytes }
}

impl Views<'_, '_> {
    /// The document of one version in one language.
    pub fn version_document<'v>(
        &self,
        lang: &str,
        policy: &Policy<'_>,
        index: usize,
        version: &'v VersionView,
    ) -> VersionDocument<'v> {
        let config = &self.site.config;
        let model = &policy.versions[index];
        let slug = policy.slug.as_str();
        let (text, _) = model.text(lang, &config.governing_language);
        let text_lang = version.text_lang.clone();
        let alternates = config
            .languages
            .iter()
            .filter(|other| other.as_str() != lang)
            .map(|other| {
                let routes = model.routes(other);
                let links = AlternateLinks { html: routes.page.url.clone(), json: routes.json.url.clone() };
                (other.clone(), links)
            })
            .collect();
        let neighbour = |i: usize| policy.versions.get(i).map(|v| v.routes(lang).json.url.clone());
        let (own, current) = (model.routes(lang), policy.routes(lang));
        VersionDocument {
            schema: self.site.urls.schema().url,
            lang: lang.to_string(),
            governing_language: config.governing_language.clone(),
            material: model.change == Change::Material,
            sha256: text.sha256(slug, &text_lang, model.effective),
            superseded_sha256: text.superseded.get().cloned().unwrap_or_default(),
            links: VersionLinks {
                html: own.page.url.clone(),
                json: own.json.url.clone(),
                current_html: current.canonical.url.clone(),
                current_json: current.current_json.url.clone(),
                history: current.history.url.clone(),
                index: self.site.urls.api_index().url,
                alternates,
                changes: (index > 0).then(|| own.changes.url.clone()),
                previous: index.checked_sub(1).and_then(neighbour),
                next: neighbour(index + 1),
            },
            policy: self.policy(lang, policy),
            version,
        }
    }

    /// `/api/v1/index.json`.
    pub fn index_document(&self) -> Index {
        let config = &self.site.config;
        let policies = self.site.policies.iter().map(|policy| self.index_policy(policy)).collect();
        Index {
            schema: self.site.urls.schema().url,
            built_for: self.today.to_string(),
            site: SiteInfo {
                title: config.title.clone(),
                base_url: config.base_url.clone(),
                languages: config.languages.clone(),
                governing_language: config.governing_language.clone(),
            },
            policies,
        }
    }

    /// A value for each of the site's languages.
    fn per_lang(&self, f: &dyn Fn(&str) -> String) -> BTreeMap<String, String> {
        self.site.config.languages.iter().map(|l| (l.clone(), f(l))).collect()
    }

    fn index_policy(&self, policy: &Policy<'_>) -> IndexPolicy {
        let slug = policy.slug.as_str();
        let versions = (0..policy.versions.len()).map(|index| self.index_version(policy, index)).collect();
        IndexPolicy {
            slug: slug.to_string(),
            kind: policy.meta.kind,
            title: policy.meta.title.get_ref().clone(),
            established: policy.established().to_string(),
            in_force: policy.in_force(self.today).map(|i| policy.versions[i].effective.to_string()),
            upcoming: policy.next_upcoming(self.today).map(|i| policy.versions[i].effective.to_string()),
            html: self.per_lang(&|l| policy.routes(l).canonical.url.clone()),
            json: self.per_lang(&|l| policy.routes(l).current_json.url.clone()),
            versions,
        }
    }

    fn index_version(&self, policy: &Policy<'_>, index: usize) -> IndexVersion {
        let (slug, version) = (policy.slug.as_str(), &policy.versions[index]);
        let effective = version.effective.to_string();
        let governing = &self.site.config.governing_language;
        IndexVersion {
            announced: version.announced.map(|d| d.to_string()),
            change: version.change,
            material: version.change == Change::Material,
            status: policy.status(index, self.today),
            summary: self.per_lang(&|l| version.text(l, governing).0.summary.clone()),
            languages: version.texts.keys().cloned().collect(),
            sha256: self.per_lang(&|l| {
                let (text, text_lang) = version.text(l, governing);
                text.sha256(slug, text_lang, version.effective)
            }),
            html: self.per_lang(&|l| version.routes(l).page.url.clone()),
            json: self.per_lang(&|l| version.routes(l).json.url.clone()),
            changes: (index > 0).then(|| self.per_lang(&|l| version.routes(l).changes.url.clone())),
            effective,
        }
    }
}
