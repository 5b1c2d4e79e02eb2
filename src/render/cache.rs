//! Reusing the pages of policies that did not change since the last build.
//!
//! The pages of one policy in one language (its versions, comparisons,
//! JSON documents and history: a *stream*) depend on that policy's sources
//! and on what every page shares: the configuration, theme, UI strings,
//! blocks, the titles and metadata of every policy, the build day
//! and the kiyaku program itself (build.rs). A stream's key hashes all of that; when
//! the previous build recorded the same key, its files are linked from the
//! previous output instead of rendered again. Any doubt means a new key: a
//! changed template or a new day renders everything.
//!
//! Keys are computed here from the loaded sources (no IO); the previous
//! build's record is read and the new one written by the write stage, which
//! implements [`Store`].

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use jiff::civil::Date;
use rayon::prelude::*;

use crate::base::diag::SourceFile;
use crate::load::Sources;

/// One policy in one language: the unit that is rendered or reused whole.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stream {
    pub slug: String,
    pub lang: String,
}

/// Where the files of earlier builds are kept: the write stage.
pub trait Store: Sync {
    /// Puts the files `stream` had under `key` in the previous build into
    /// the new one; false (and nothing put) when there are none.
    fn reuse(&self, stream: &Stream, key: u64) -> bool;
    /// Records the files `stream` rendered under `key`, for the next build.
    fn record(&self, stream: Stream, key: u64, files: Vec<String>);
    /// Puts the file at `path` of the previous build into the new one when
    /// it was recorded under `key` (a PDF typeset from the same markup and
    /// fonts); false (and nothing put) otherwise.
    fn reuse_file(&self, path: &str, key: u64) -> bool;
    /// Records the file at `path` under `key`, for the next build.
    fn record_file(&self, path: &str, key: u64);
}

/// The keys of every stream of a build, and where to reuse and record them.
pub(crate) struct Cache<'s> {
    store: &'s dyn Store,
    keys: BTreeMap<Stream, u64>,
    /// Files of a stream taken one by one from the previous build while the
    /// stream was rendered: they are the stream's files too.
    kept: std::sync::Mutex<BTreeMap<Stream, Vec<String>>>,
}

impl<'s> Cache<'s> {
    pub(crate) fn new(store: &'s dyn Store, keys: BTreeMap<Stream, u64>) -> Self {
        Cache { store, keys, kept: std::sync::Mutex::default() }
    }

    /// Whether the stream's files were taken from the previous build.
    pub(crate) fn reuse(&self, slug: &str, lang: &str) -> bool {
        let stream = Stream { slug: slug.into(), lang: lang.into() };
        self.keys.get(&stream).is_some_and(|key| self.store.reuse(&stream, *key))
    }

    /// Records the files a stream rendered.
    pub(crate) fn rendered(&self, slug: &str, lang: &str, mut files: Vec<String>) {
        let stream = Stream { slug: slug.into(), lang: lang.into() };
        files.extend(self.kept.lock().unwrap_or_else(|e| e.into_inner()).remove(&stream).unwrap_or_default());
        if let Some(key) = self.keys.get(&stream) {
            self.store.record(stream, *key, files);
        }
    }
}

impl crate::render::pdf::KeptFiles for Cache<'_> {
    /// Takes the file at `path` from the previous build when it was made
    /// under `key` (see [`Store::reuse_file`]), as one of the stream's.
    fn reuse_file(&self, (slug, lang): (&str, &str), path: &str, key: u64) -> bool {
        if !self.store.reuse_file(path, key) {
            return false;
        }
        let stream = Stream { slug: slug.into(), lang: lang.into() };
        self.kept.lock().unwrap_or_else(|e| e.into_inner()).entry(stream).or_default().push(path.to_string());
        true
    }

    fn record_file(&self, path: &str, key: u64) {
        self.store.record_file(path, key);
    }
}

/// What else a build's output depends on besides its sources.
pub(crate) struct BuildInputs<'a> {
    pub today: Date,
    pub base_url: Option<&'a str>,
    /// The fonts of the PDFs, when the build makes them.
    pub fonts: Option<&'a [crate::load::FontFile]>,
}

/// Identifies this kiyaku: its version and a hash of its own code and
/// built-in theme (see build.rs).
const PROGRAM: (&str, &str) = (env!("CARGO_PKG_VERSION"), env!("KIYAKU_BUILD_ID"));

/// A file's name for keys: where the site lies on disk must not matter.
fn name(file: &SourceFile) -> &std::ffi::OsStr {
    file.path.file_name().unwrap_or_default()
}

/// The key of every stream of the site.
pub(crate) fn stream_keys(sources: &Sources, languages: &[String], inputs: &BuildInputs<'_>) -> BTreeMap<Stream, u64> {
    let shared = shared_key(sources, inputs);
    // A link with no text to another policy's clause shows that clause's
    // number there: such a policy depends on every policy's text.
    let all_texts = || {
        let mut hasher = DefaultHasher::new();
        for file in sources.policies.iter().flat_map(|p| &p.versions) {
            (name(file), &file.text).hash(&mut hasher);
        }
        hasher.finish()
    };
    let links_across =
        |policy: &crate::load::PolicySources| policy.versions.iter().any(|f| f.text.contains("[](policy:"));
    let across = sources.policies.iter().any(links_across).then(all_texts);
    sources
        .policies
        .par_iter()
        .flat_map_iter(|policy| {
            let mut hasher = DefaultHasher::new();
            shared.hash(&mut hasher);
            policy.slug.hash(&mut hasher);
            // Every language's text: a page falls back to the governing
            // language's when its own is missing.
            for file in &policy.versions {
                (name(file), &file.text).hash(&mut hasher);
            }
            if links_across(policy) {
                across.hash(&mut hasher);
            }
            let policy_key = hasher.finish();
            languages.iter().map(move |lang| {
                let mut hasher = DefaultHasher::new();
                (policy_key, lang).hash(&mut hasher);
                (Stream { slug: policy.slug.clone(), lang: lang.clone() }, hasher.finish())
            })
        })
        .collect()
}

/// Everything every stream depends on.
fn shared_key(sources: &Sources, inputs: &BuildInputs<'_>) -> u64 {
    let mut hasher = DefaultHasher::new();
    (PROGRAM, inputs.today.to_string(), inputs.base_url).hash(&mut hasher);
    // PDFs, and the links to them, depend on the fonts: their names, sizes
    // and first bytes tell them apart without hashing tens of megabytes.
    inputs.fonts.is_some().hash(&mut hasher);
    for font in inputs.fonts.unwrap_or_default() {
        (&font.path, font.bytes.len(), &font.bytes[..font.bytes.len().min(4096)]).hash(&mut hasher);
    }
    // Not the lock: it only decides whether the build may go ahead (and the
    // first build of a day rewrites it), never what a page says.
    for file in sources.config.iter().chain(&sources.blocks) {
        (name(file), &file.text).hash(&mut hasher);
    }
    for policy in &sources.policies {
        (&policy.slug, policy.meta.as_ref().map(|m| &m.text)).hash(&mut hasher);
    }
    for (template, file) in &sources.templates {
        (template, &file.text).hash(&mut hasher);
    }
    for (lang, file) in &sources.i18n {
        (lang, &file.text).hash(&mut hasher);
    }
    sources.statics.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::PolicySources;

    fn sources(text: &str, template: &str) -> Sources {
        let file = |path: &str, text: &str| SourceFile::new(path, text);
        Sources {
            config: Some(file("kiyaku.toml", "languages = [\"ja\"]")),
            lock: None,
            policies: ["a", "b"]
                .iter()
                .map(|slug| PolicySources {
                    slug: slug.to_string(),
                    dir: slug.into(),
                    meta: Some(file("policy.toml", "kind = \"privacy\"")),
                    versions: vec![file("2024-01-01.ja.md", if *slug == "a" { text } else { "b" })],
                    version_names: ["2024-01-01.ja.md".to_string()].into_iter().collect(),
                    diagnostics: Default::default(),
                })
                .collect(),
            blocks: Vec::new(),
            templates: [("policy.html".to_string(), file("policy.html", template))].into_iter().collect(),
            statics: BTreeMap::new(),
            i18n: Vec::new(),
            site_diagnostics: Default::default(),
        }
    }

    fn keys(text: &str, template: &str, day: &str) -> Vec<u64> {
        let inputs = BuildInputs { today: day.parse().unwrap(), base_url: None, fonts: None };
        stream_keys(&sources(text, template), &["ja".into()], &inputs).into_values().collect()
    }

    #[test]
    fn a_policy_edit_changes_only_its_key() {
        let before = keys("one", "t", "2026-01-01");
        let after = keys("two", "t", "2026-01-01");
        assert_ne!(before[0], after[0]);
        assert_eq!(before[1], after[1]);
        assert_eq!(before, keys("one", "t", "2026-01-01"), "same inputs, same keys");
    }

    #[test]
    fn shared_inputs_change_every_key() {
        let before = keys("one", "t", "2026-01-01");
        for after in [keys("one", "t2", "2026-01-01"), keys("one", "t", "2026-01-02")] {
            assert!(before.iter().zip(&after).all(|(a, b)| a != b), "{before:?} {after:?}");
        }
    }
}
