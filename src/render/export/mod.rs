//! The JSON export for apps: an index of every policy and version, one
//! document per version and language, a JSON Feed per language, and the
//! JSON Schema of them all (generated from these Rust types).
//!
//! Documents reuse the view structs the HTML templates see, so the page and
//! the JSON never disagree. Everything is pure; URLs are absolute.

pub mod feed;
pub mod schema;

pub use schema::schema_json;

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
    /// The site's title per language code (`[title]` in `kiyaku.toml`).
    pub title: BTreeMap<String, String>,
    /// The absolute URL the site is published at, ending in `/` (it may have a path).
    #[schemars(with = "crate::render::view::forms::AbsoluteUrl")]
    pub base_url: String,
    /// The site's languages; the first is the default.
    #[schemars(with = "Vec<crate::render::view::forms::LanguageCode>")]
    pub languages: Vec<String>,
    /// The language whose text prevails where translations differ.
    #[schemars(with = "crate::render::view::forms::LanguageCode")]
    pub governing_language: String,
}

/// `/api/v1/index.json`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Index {
    /// The absolute URL of the JSON Schema of the API documents (`/api/v1/schema.json`).
    #[serde(rename = "$schema")]
    #[schemars(with = "crate::render::view::forms::AbsoluteUrl")]
    pub schema: String,
    /// The day (in Japan) the site was built for: statuses are as of this day.
    #[schemars(with = "crate::render::view::forms::IsoDate")]
    pub built_for: String,
    /// The first day after `built_for` (YYYY-MM-DD, in Japan) on which the site reads otherwise: a
    /// version is announced or takes effect, a block (the business, a desk, the accredited body) a
    /// version in force shows gets its next revision, or a correction is dated. Build again on that
    /// day. Null when nothing is dated after `built_for`.
    #[schemars(with = "Option<crate::render::view::forms::IsoDate>")]
    pub next_change: Option<String>,
    /// The site's title, address and languages.
    pub site: SiteInfo,
    /// Every policy, in the order of the site's index pages (`order` in `policy.toml`, then slug).
    pub policies: Vec<IndexPolicy>,
}

/// A policy in the index.
#[derive(Debug, Serialize, JsonSchema)]
pub struct IndexPolicy {
    /// The policy's id in every URL: lowercase ASCII letters, digits and `-` (`privacy`).
    #[schemars(with = "crate::render::view::forms::Slug")]
    pub slug: String,
    /// `privacy`, `terms`, `cookies` or `other`.
    pub kind: PolicyKind,
    /// The policy's title per language code.
    pub title: BTreeMap<String, String>,
    /// 制定日.
    #[schemars(with = "crate::render::view::forms::IsoDate")]
    pub established: String,
    /// Effective date of the version in force on `built_for`, if any.
    #[schemars(with = "Option<crate::render::view::forms::IsoDate>")]
    pub in_force: Option<String>,
    /// Effective date of the next version, if one is announced.
    #[schemars(with = "Option<crate::render::view::forms::IsoDate>")]
    pub upcoming: Option<String>,
    /// Canonical page per language (always the version in force).
    #[schemars(with = "std::collections::BTreeMap<String, crate::render::view::forms::AbsoluteUrl>")]
    pub html: BTreeMap<String, String>,
    /// `current.json` per language.
    #[schemars(with = "std::collections::BTreeMap<String, crate::render::view::forms::AbsoluteUrl>")]
    pub json: BTreeMap<String, String>,
    /// Every version, oldest first. The version that applies on a day D is
    /// the last one whose `effective` is on or before D (dates in Japan).
    pub versions: Vec<IndexVersion>,
}

/// A version in the index.
#[derive(Debug, Serialize, JsonSchema)]
pub struct IndexVersion {
    /// 施行日 (YYYY-MM-DD): the version applies from 00:00 JST of this day.
    #[schemars(with = "crate::render::view::forms::IsoDate")]
    pub effective: String,
    /// When it was published ahead of taking effect.
    #[schemars(with = "Option<crate::render::view::forms::IsoDate>")]
    pub announced: Option<String>,
    /// Earlier announcements (YYYY-MM-DD), oldest first, when the version was announced again
    /// with a changed text before taking effect; empty otherwise.
    #[schemars(with = "Vec<crate::render::view::forms::IsoDate>")]
    pub earlier_announced: Vec<String>,
    /// `initial` (the first version), `material` (users must be told) or `editorial` (wording only).
    pub change: Change,
    /// True when users must be told and may need to accept again.
    pub material: bool,
    /// `in-force`, `upcoming` or `archived`, as of the index's `built_for` day.
    pub status: Status,
    /// The one-line summary of the change per language code, in the language of the text shown
    /// (the governing language's where a version has no text in that language).
    pub summary: BTreeMap<String, String>,
    /// Languages with their own text (others show the governing text).
    #[schemars(with = "Vec<crate::render::view::forms::LanguageCode>")]
    pub languages: Vec<String>,
    /// SHA-256 of the canonical text per language.
    #[schemars(with = "std::collections::BTreeMap<String, crate::render::view::forms::Sha256Hex>")]
    pub sha256: BTreeMap<String, String>,
    /// Per language code, the hashes of texts the version showed before in that language, oldest
    /// first (replaced by a recorded correction, or by a translation added after the version took
    /// effect): texts users may have accepted. Only languages that have any.
    #[schemars(with = "std::collections::BTreeMap<String, Vec<crate::render::view::forms::Sha256Hex>>")]
    pub superseded_sha256: BTreeMap<String, Vec<String>>,
    /// The version's permanent page per language code (absolute URL).
    #[schemars(with = "std::collections::BTreeMap<String, crate::render::view::forms::AbsoluteUrl>")]
    pub html: BTreeMap<String, String>,
    /// The version's JSON document (`/api/v1/{lang}/{slug}/{YYYY-MM-DD}.json`) per language code.
    #[schemars(with = "std::collections::BTreeMap<String, crate::render::view::forms::AbsoluteUrl>")]
    pub json: BTreeMap<String, String>,
    /// The comparison with the previous version, per language.
    #[schemars(with = "Option<std::collections::BTreeMap<String, crate::render::view::forms::AbsoluteUrl>>")]
    pub changes: Option<BTreeMap<String, String>>,
}

/// Links from a version document.
#[derive(Debug, Serialize, JsonSchema)]
pub struct VersionLinks {
    /// This version's permanent page in this language (absolute URL): resolve the root-relative
    /// links and fragments in the document's HTML against it.
    #[schemars(with = "crate::render::view::forms::AbsoluteUrl")]
    pub html: String,
    /// This version's dated JSON document in this language (absolute URL), even when read as `current.json`.
    #[schemars(with = "crate::render::view::forms::AbsoluteUrl")]
    pub json: String,
    /// The page and document of the version in force.
    #[schemars(with = "crate::render::view::forms::AbsoluteUrl")]
    pub current_html: String,
    /// The policy's `current.json` in this language (absolute URL): the version in force, else the first.
    #[schemars(with = "crate::render::view::forms::AbsoluteUrl")]
    pub current_json: String,
    /// The policy's revision history page in this language (absolute URL).
    #[schemars(with = "crate::render::view::forms::AbsoluteUrl")]
    pub history: String,
    /// The absolute URL of `/api/v1/index.json`.
    #[schemars(with = "crate::render::view::forms::AbsoluteUrl")]
    pub index: String,
    /// The same version in other languages.
    pub alternates: BTreeMap<String, AlternateLinks>,
    /// The comparison with the previous version.
    #[schemars(with = "Option<crate::render::view::forms::AbsoluteUrl>")]
    pub changes: Option<String>,
    /// The previous version's JSON document in this language (absolute URL); null for the first.
    #[schemars(with = "Option<crate::render::view::forms::AbsoluteUrl>")]
    pub previous: Option<String>,
    /// The next version's JSON document in this language (absolute URL); null for the newest.
    #[schemars(with = "Option<crate::render::view::forms::AbsoluteUrl>")]
    pub next: Option<String>,
}

/// This version's page and JSON document in another language.
#[derive(Debug, Serialize, JsonSchema)]
pub struct AlternateLinks {
    /// The version's permanent page in that language (absolute URL).
    #[schemars(with = "crate::render::view::forms::AbsoluteUrl")]
    pub html: String,
    /// The version's JSON document in that language (absolute URL).
    #[schemars(with = "crate::render::view::forms::AbsoluteUrl")]
    pub json: String,
}

/// `/api/v1/{lang}/{slug}/{date}.json` and `current.json`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct VersionDocument<'v> {
    /// The absolute URL of the JSON Schema of the API documents (`/api/v1/schema.json`).
    #[serde(rename = "$schema")]
    #[schemars(with = "crate::render::view::forms::AbsoluteUrl")]
    pub schema: String,
    /// The document's language code (the `{lang}` of its URL); the text may be in another,
    /// see `version.text_lang`.
    #[schemars(with = "crate::render::view::forms::LanguageCode")]
    pub lang: String,
    /// The language whose text prevails where translations differ.
    #[schemars(with = "crate::render::view::forms::LanguageCode")]
    pub governing_language: String,
    /// The policy: slug, kind, title in this language, its dates and the paths of its pages.
    pub policy: PolicyView,
    /// The version: its dates, change, status, text (clauses as HTML and plain text) and blocks.
    pub version: &'v VersionView,
    /// True when the version is a material change: users must be told and may need to accept again.
    pub material: bool,
    /// SHA-256 of the canonical text shown (see docs/json.md).
    #[schemars(with = "crate::render::view::forms::Sha256Hex")]
    pub sha256: String,
    /// The hashes of the texts this version showed before in this language, oldest first: texts
    /// replaced by recorded corrections, or by a translation added after the version took effect.
    /// Users may have accepted any of them.
    #[schemars(with = "Vec<crate::render::view::forms::Sha256Hex>")]
    pub superseded_sha256: Vec<String>,
    /// Absolute URLs of this version's page and documents, its other languages and its neighbours.
    pub links: VersionLinks,
}

/// Every kind of document the API publishes, for the published schema.
#[derive(Serialize, JsonSchema)]
#[serde(untagged)]
pub enum ApiDocument {
    /// `/api/v1/index.json`: every policy with every version.
    Index(Index),
    /// `/api/v1/{lang}/{slug}/{YYYY-MM-DD}.json` and `current.json`: one version in one language.
    Version(Box<VersionDocument<'static>>),
    /// `/{lang}/feed.json`: the JSON Feed 1.1 of one language.
    Feed(feed::Feed),
}

/// A JSON file: compact (documents are for programs, and bytes add up on a
/// large site), ending in a newline.
pub fn json_file(path: String, value: &impl Serialize) -> OutputFile {
    let mut bytes = serde_json::to_vec(value).unwrap_or_default();
    bytes.push(b'\n');
    OutputFile::new(path, bytes)
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
        let (text, _) = model.text(lang, &config.governing_language);
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
            sha256: text.sha256.clone(),
            superseded_sha256: model.superseded_in(lang).to_vec(),
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
            next_change: self.site.next_change.map(|day| day.to_string()),
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
        let version = &policy.versions[index];
        let effective = version.effective.to_string();
        let governing = &self.site.config.governing_language;
        IndexVersion {
            announced: version.announced.map(|d| d.to_string()),
            earlier_announced: version.earlier_announcements.iter().map(|d| d.to_string()).collect(),
            change: version.change,
            material: version.change == Change::Material,
            status: policy.status(index, self.today),
            summary: self.per_lang(&|l| version.text(l, governing).0.summary.clone()),
            languages: version.texts.keys().cloned().collect(),
            sha256: self.per_lang(&|l| version.text(l, governing).0.sha256.clone()),
            superseded_sha256: version.superseded.clone(),
            html: self.per_lang(&|l| version.routes(l).page.url.clone()),
            json: self.per_lang(&|l| version.routes(l).json.url.clone()),
            changes: (index > 0).then(|| self.per_lang(&|l| version.routes(l).changes.url.clone())),
            effective,
        }
    }
}
