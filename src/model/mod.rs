//! The model: the site as one consistent value, checked across files.
//!
//! Parsing sees one file at a time; here the files of a policy are grouped
//! into versions, and the rules that span files are enforced: the languages
//! of one version agree on dates and on clause ids, versions are announced
//! before they take effect, links point at clauses and policies that exist.
//! What comes out is plain data the views are built from. The rules on one
//! version live in [`checks`], those across policies in [`links`].

pub mod appi;
mod build;
mod checks;
pub(crate) mod lineage;
mod links;
pub(crate) mod lock;
pub mod numbers;
mod publication;
pub mod urls;

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use crate::base::diag::SourceFile;
use crate::parse::blocks::Blocks;
use crate::parse::config::{Config, Lang};
use crate::parse::{self, Body, Change, PolicyMeta};
pub use build::{Model, Target, build};
use urls::{PolicyRoutes, Urls, VersionRoutes};

/// The whole site, ready to render.
#[derive(Debug)]
pub struct Site<'a> {
    /// `kiyaku.toml`, validated.
    pub config: Config,
    /// The URL scheme every route below was made with.
    pub urls: Urls,
    /// Every policy that built, in the order of `order` in policy.toml, then by slug.
    pub policies: Vec<Policy<'a>>,
    /// The typed blocks of `blocks/`, by id, with their dated revisions.
    pub blocks: Blocks,
    /// Policies whose sources have errors, so that a policy or some of its
    /// versions are missing here: links to them and their record in the
    /// lock are not reported as broken on top of those errors.
    pub incomplete: BTreeSet<String>,
    /// Every version file there is, read or not, as (slug, file name): a
    /// recorded version whose file is there but broken is not "gone".
    pub version_files: BTreeSet<(String, String)>,
    /// The first day after the build day on which the site reads otherwise
    /// (a version is announced or takes effect, a block's revision or a
    /// correction is dated): the day to build again.
    pub next_change: Option<Date>,
    /// This build makes a PDF of each version and 新旧対照表 (asked for, and
    /// a font was found): pages link them.
    pub pdf: bool,
}

/// One policy with its versions, oldest first.
#[derive(Debug)]
pub struct Policy<'a> {
    /// Its folder name under `content/`: the policy's part of every URL.
    pub slug: String,
    /// `policy.toml`: kind, titles, numbering, 制定日.
    pub meta: PolicyMeta,
    /// `policy.toml`, for problems with the metadata.
    pub meta_source: &'a SourceFile,
    /// Its versions, oldest first (by effective date).
    pub versions: Vec<Version<'a>>,
    /// Its addresses in every language of the site.
    pub routes: BTreeMap<Lang, PolicyRoutes>,
}

/// One dated version of a policy, in every language it was written in.
#[derive(Debug)]
pub struct Version<'a> {
    /// 施行日: the day it takes effect (in Japan), named by its file.
    pub effective: Date,
    /// 公表日: the day it was made public, when the front matter gives it.
    pub announced: Option<Date>,
    /// Whether users must be told or asked again (material), or not
    /// (editorial); the first version is the initial one.
    pub change: Change,
    /// Clause ids of the previous version renamed here: old → new.
    pub renamed: BTreeMap<String, String>,
    /// Clause ids of earlier versions removed here.
    pub removed: Vec<String>,
    /// Its text in each language it was written in.
    pub texts: BTreeMap<Lang, VersionText<'a>>,
    /// Its addresses in every language of the site (a version is published
    /// in every language, in another language's text where it has none).
    pub routes: BTreeMap<Lang, VersionRoutes>,
    /// By language of the page: the hashes of the texts that page showed
    /// before, oldest first, as `kiyaku.lock` records them (texts replaced
    /// by corrections, or by a translation added after the version took
    /// effect). Users may have accepted any of them.
    pub superseded: BTreeMap<Lang, Vec<String>>,
    /// By language of the page: the day a translation took the place of the
    /// other language's text it showed, after the version took effect.
    pub translated: BTreeMap<Lang, Date>,
    /// The days it was announced before its current `announced` date,
    /// oldest first: each re-announcement (a changed text published again
    /// before taking effect) keeps the earlier one in the record.
    pub earlier_announcements: Vec<Date>,
}

/// The text of a version in one language.
#[derive(Debug)]
pub struct VersionText<'a> {
    /// The version file, for problems found later and their positions.
    pub source: &'a SourceFile,
    /// The one-line change summary of the front matter (empty when none).
    pub summary: String,
    /// The Markdown cut into clauses.
    pub body: Body,
    /// The Markdown after the front matter, as written.
    pub body_text: &'a str,
    /// Recorded corrections of obvious errors after publication, oldest first.
    pub corrections: Vec<parse::Correction>,
    /// The content hash of this text (see [`canonical_sha256`]): what an
    /// app records as the text a user accepted.
    pub sha256: String,
    /// Where the front matter's fields of the record are, for problems.
    pub spans: RecordSpans,
}

/// Where the fields of a version file that are part of the published
/// record are written, when they are.
#[derive(Debug, Clone, Default)]
pub struct RecordSpans {
    /// The `announced` value.
    pub announced: Option<std::ops::Range<usize>>,
    /// The `change` value.
    pub change: Option<std::ops::Range<usize>>,
    /// The `summary` value.
    pub summary: Option<std::ops::Range<usize>>,
}

/// SHA-256 (hex) of the canonical form of a text, documented in
/// docs/json.md: a header naming the policy, language and effective date, a
/// blank line, then the Markdown body with LF line ends, trailing spaces
/// removed and no leading or trailing blank lines. The title is left out:
/// renaming a policy does not change what it says.
pub fn canonical_sha256(body_text: &str, slug: &str, lang: &str, effective: Date) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(format!("kiyaku-canonical-v1\npolicy: {slug}\nlanguage: {lang}\neffective: {effective}\n\n"));
    let lines: Vec<&str> = body_text.lines().map(str::trim_end).collect();
    let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(lines.len());
    let last = lines.iter().rposition(|l| !l.is_empty()).map_or(first, |i| i + 1);
    // Fed line by line: the canonical text is never built as a whole.
    for line in &lines[first..last] {
        hasher.update(line.as_bytes());
        hasher.update(b"\n");
    }
    hex(&hasher.finalize())
}

/// SHA-256 (lowercase hex) of `bytes`: the hash of a block revision's
/// canonical text in the lock.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where a version stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The version that applies on the day.
    InForce,
    /// Announced, taking effect after the day.
    Upcoming,
    /// Replaced by a later version that is in force.
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

    /// Where version `index` stands on `today`.
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
    /// The hashes its page in `lang` showed before, oldest first.
    pub fn superseded_in(&self, lang: &str) -> &[String] {
        self.superseded.get(lang).map_or(&[], Vec::as_slice)
    }

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
