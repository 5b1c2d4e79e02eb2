//! Views: the serialisable structs templates see.
//!
//! The model knows policies and versions; a page needs them seen from one
//! language on one day: dates written out, statuses computed, clause numbers
//! labelled, links resolved under the site's base path. Building views is
//! pure and cheap to share: the JSON export serialises the same structs.

use jiff::civil::Date;
use serde::Serialize;

mod block;
mod clause;
pub mod forms;
mod history;

pub use block::{BlockView, PhoneView};
pub use history::{ChangeKind, ClauseChangeView, HistoryEntryView, VersionHead};

use crate::model::urls::Route;
use crate::model::{Policy, Site};
use crate::parse::markdown::BlockRef;
use crate::parse::{Numbering, PolicyKind};
use crate::render::html::{BodyRenderer, Links, RenderMemo};
use crate::render::i18n::I18n;

/// A date, machine- and human-readable.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct DateView {
    /// `YYYY-MM-DD`, a day in Japan: for `<time datetime>` and the JSON export.
    #[schemars(with = "crate::render::view::forms::IsoDate")]
    pub iso: String,
    /// Written out in the page's language (2023年6月16日, June 16, 2023).
    pub text: String,
}

/// A link to the same page in another language.
#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    /// The language's code (`ja`, `en`), for `hreflang` and `lang`.
    pub lang: String,
    /// The language's own name (日本語, English).
    pub name: String,
    /// That language's page, as linked (`/legal/en/privacy/`).
    pub path: String,
    /// That language's page, absolute, for `<link rel="alternate">`.
    pub url: String,
    /// This is the page's own language (marked `aria-current` in the language switcher).
    pub current: bool,
    /// The page's text is written in this language (else it is shown in
    /// another): only such pages are announced as hreflang alternates, as
    /// in the sitemap.
    pub written: bool,
}

impl PageView {
    /// Marks the alternates whose language `version` has no text in.
    /// A page shown in a language the version has no text in is canonical
    /// to the page of the text it shows (search engines then list that one).
    pub fn written_in(mut self, version: &crate::model::Version<'_>, governing: &str) -> Self {
        for alternate in &mut self.alternates {
            alternate.written = version.texts.contains_key(&alternate.lang);
        }
        let (_, text_lang) = version.text(&self.lang, governing);
        self.shown_in(text_lang)
    }

    /// A page whose text is in `text_lang`, not its own language, is
    /// canonical to the same page in `text_lang` (search engines then list
    /// that one).
    pub fn shown_in(mut self, text_lang: &str) -> Self {
        if let Some(shown) = self.alternates.iter().find(|a| a.lang == text_lang && a.lang != self.lang) {
            self.canonical_url = shown.url.clone();
        }
        self
    }
}

/// What every page knows about itself.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// The page's language code (`<html lang>`).
    pub lang: String,
    /// What page it is: `root`, `index`, `policy`, `history`, `changes` or `not-found`.
    pub kind: &'static str,
    /// For `<title>` (followed by the site title, except on the root page) and `og:title`.
    pub title: String,
    /// For the meta description: the site's in `lang`, or on policy pages a line naming the
    /// policy, the version's date and its summary; empty when there is none.
    pub description: String,
    /// The page's address as linked, under the site's base path (`/legal/ja/privacy/`).
    pub path: String,
    /// The page's absolute URL.
    pub url: String,
    /// The URL search engines are told is this page's (`rel=canonical`, `og:url`): the page's
    /// own, or, for a page that shows a text written in another language, that language's page.
    pub canonical_url: String,
    /// The same page in every site language, this one included, in the configured order.
    pub alternates: Vec<Alternate>,
    /// The site's title in the page's language; empty when it has none.
    pub site_title: String,
    /// The list of policies in the page's language, which the header links to.
    pub home_path: String,
    /// The search page in the page's language, which the header links to.
    pub search_path: String,
    /// The `static/` folder, ending in `/`, for the theme's CSS, script and icon.
    pub static_path: String,
    /// The governing language, when the page is in another one.
    pub governing_language: Option<String>,
    /// The JSON Feed of the page's language (absolute URL), named in the
    /// head so that feed readers and apps find it.
    pub feed_url: String,
}

/// A clause with its generated number and rendered text.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ClauseView {
    /// The clause's anchor, `{#id}` in the source: the same in every language and version.
    #[schemars(with = "crate::render::view::forms::ClauseId")]
    pub id: String,
    /// 第1条 / Article 1, or nothing for unnumbered clauses.
    pub number: Option<String>,
    /// The caption as plain text, without the number.
    pub title: String,
    /// The caption as inline HTML (emphasis, code), to output with `|safe`.
    pub title_html: String,
    /// The clause's own body as HTML (sub-clauses excluded), its blocks rendered by the theme.
    pub html: String,
    /// The clause's own text without markup (sub-clauses excluded).
    pub text: String,
    /// Earlier ids of this clause (renamed), which lead here too.
    #[schemars(with = "Vec<crate::render::view::forms::ClauseId>")]
    pub aliases: Vec<String>,
    /// A 「削除」 article kept so that later numbers do not move.
    pub deleted: bool,
    /// Its sub-clauses (`###`), numbered （1）/ (1) within it.
    pub children: Vec<ClauseView>,
}

/// A recorded correction of a published text.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CorrectionView {
    /// The day the correction was made (`date` in `[[corrections]]`).
    pub date: DateView,
    /// What was corrected, as the front matter's `note` says, in the text's language.
    pub note: String,
}

/// A clause removed in or before this version; its old anchor lands here.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct TombstoneView {
    /// The removed clause's id, kept as an anchor on this page.
    #[schemars(with = "crate::render::view::forms::ClauseId")]
    pub id: String,
    /// Its earlier ids (before renames), kept as anchors too, except those this version uses.
    #[schemars(with = "Vec<crate::render::view::forms::ClauseId>")]
    pub aliases: Vec<String>,
    /// Its title in the last version that had it.
    pub title: String,
    /// The effective date of the version that removed it.
    pub removed_on: DateView,
    /// The clause in the last version that had it.
    #[schemars(with = "crate::render::view::forms::RootPath")]
    pub last_path: String,
}

/// One version of a policy in one language.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct VersionView {
    /// Its dates, change, summary (in `text_lang`), status and permanent path.
    #[serde(flatten)]
    pub head: VersionHead,
    /// The language the text is in (differs from the page's when a
    /// translation is missing).
    #[schemars(with = "crate::render::view::forms::LanguageCode")]
    pub text_lang: String,
    /// The version has no text in the page's language, so the one in `text_lang` is shown.
    pub translation_missing: bool,
    /// The text shown is a translation: the version has a text in the
    /// governing language, which prevails where they differ.
    pub translation: bool,
    /// The text before the first clause, as HTML; empty when there is none.
    pub preamble_html: String,
    /// The preamble as plain text (what the 新旧対照表 compares); empty when there is none.
    pub preamble_text: String,
    /// The comparison with the previous version, when there is one.
    #[schemars(with = "Option<crate::render::view::forms::RootPath>")]
    pub changes_path: Option<String>,
    /// Its PDF record (A4, with the text's hash), when the build made PDFs.
    #[schemars(with = "Option<crate::render::view::forms::RootPath>")]
    pub pdf_path: Option<String>,
    /// The PDF of its 新旧対照表, when the build made PDFs and there is a comparison.
    #[schemars(with = "Option<crate::render::view::forms::RootPath>")]
    pub changes_pdf_path: Option<String>,
    /// The clauses (`##`) in order, each with its sub-clauses.
    pub clauses: Vec<ClauseView>,
    /// Corrections of obvious errors made after publication.
    pub corrections: Vec<CorrectionView>,
    /// The day the text in the page's language was added, after the version took effect (the
    /// page showed the original's text until then); null when it was there from the start.
    pub translated: Option<DateView>,
    /// Clauses of earlier versions that are gone, so their anchors still resolve.
    pub tombstones: Vec<TombstoneView>,
    /// The typed blocks the text refers to, as of the day the page shows.
    pub blocks: Vec<BlockView>,
}

/// A policy as listed and linked.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PolicyView {
    /// The policy's folder name under `content/`, which its URLs use (`privacy`).
    #[schemars(with = "crate::render::view::forms::Slug")]
    pub slug: String,
    /// `privacy`, `terms`, `cookies` or `other`, as `policy.toml` says.
    pub kind: PolicyKind,
    /// The policy's title in the page's language, from `policy.toml`.
    pub title: String,
    /// The canonical page: the version in force (the first one, before any is).
    #[schemars(with = "crate::render::view::forms::RootPath")]
    pub path: String,
    /// The page of its revision history.
    #[schemars(with = "crate::render::view::forms::RootPath")]
    pub history_path: String,
    /// 制定日: the date `policy.toml` declares, else the first version's effective date.
    pub established: DateView,
    /// The effective date of the version in force on the build day; `None` before the first.
    pub in_force: Option<DateView>,
    /// The effective date of the next version, published but not yet in force, if any.
    pub upcoming: Option<DateView>,
}

/// Renders a block into HTML for a page (the template lives with the theme).
pub type BlockHtml<'s> = &'s (dyn Fn(&str, &BlockView) -> Result<String, minijinja::Error> + Sync);

/// How the clauses of one version are labelled and aliased.
struct ClauseContext<'l> {
    style: Numbering,
    aliases: &'l std::collections::BTreeMap<String, Vec<String>>,
    numbers: &'l std::collections::BTreeMap<String, crate::model::numbers::ClauseNumber>,
}

/// Builds views for one language of one site on one day.
pub struct Views<'s, 'a> {
    /// The site being built: its configuration, policies, blocks and URLs.
    pub site: &'s Site<'a>,
    /// The UI strings (Fluent), which also write out dates and clause numbers.
    pub i18n: &'s I18n,
    /// The day built for, in Japan: statuses, banners and blocks are as of it.
    pub today: Date,
    /// Renders a typed block with the theme's `blocks/<kind>.html` template.
    pub block_html: BlockHtml<'s>,
    /// The fonts of the PDFs, when this build makes them.
    pub pdf: Option<&'s crate::render::pdf::PdfFonts>,
    /// The previous build's files, which a PDF typeset from the same
    /// markup is taken from.
    #[cfg_attr(not(feature = "pdf"), allow(dead_code))]
    pub(crate) files: Option<&'s dyn crate::render::pdf::KeptFiles>,
}

impl Views<'_, '_> {
    /// `date` as a [`DateView`], written out in `lang`.
    pub fn date(&self, lang: &str, date: Date) -> DateView {
        DateView { iso: date.to_string(), text: self.i18n.format_date(lang, date) }
    }

    /// The common part of a page; `route_in` gives the page's route per
    /// language (from the model's URL table).
    pub fn page(&self, lang: &str, kind: &'static str, title: String, route_in: &dyn Fn(&str) -> Route) -> PageView {
        let config = &self.site.config;
        let alternates = config
            .languages
            .iter()
            .map(|other| {
                let route = route_in(other);
                Alternate {
                    lang: other.clone(),
                    name: self.i18n.text(other, "language-name"),
                    url: route.url,
                    path: route.path,
                    current: other == lang,
                    written: true,
                }
            })
            .collect();
        let route = route_in(lang);
        PageView {
            lang: lang.to_string(),
            kind,
            title,
            description: config.description.get(lang).cloned().unwrap_or_default(),
            canonical_url: route.url.clone(),
            url: route.url,
            path: route.path,
            alternates,
            site_title: config.title.get(lang).cloned().unwrap_or_default(),
            home_path: self.site.urls.home(lang).path,
            search_path: self.site.urls.search(lang).path,
            static_path: self.site.urls.static_dir().path,
            governing_language: (lang != config.governing_language).then(|| config.governing_language.clone()),
            feed_url: self.site.urls.feed(lang).url,
        }
    }

    /// How `policy` is listed and linked in `lang`, with its dates as of the build day.
    pub fn policy(&self, lang: &str, policy: &Policy<'_>) -> PolicyView {
        let in_force = policy.in_force(self.today);
        PolicyView {
            slug: policy.slug.clone(),
            kind: policy.meta.kind,
            title: policy.title(lang).to_string(),
            path: policy.routes(lang).canonical.path.clone(),
            history_path: policy.routes(lang).history.path.clone(),
            established: self.date(lang, policy.established()),
            in_force: in_force.map(|i| self.date(lang, policy.versions[i].effective)),
            upcoming: policy.next_upcoming(self.today).map(|i| self.date(lang, policy.versions[i].effective)),
        }
    }

    /// The blocks a version refers to, in `lang`, as of the day its page shows.
    pub fn blocks(&self, lang: &str, policy: &Policy<'_>, index: usize, as_of: Date) -> Vec<BlockView> {
        let version = &policy.versions[index];
        let governing = &self.site.config.governing_language;
        let mut views: Vec<BlockView> = Vec::new();
        for block_ref in version.text(lang, governing).0.body.block_refs() {
            if views.iter().any(|v| v.id == block_ref.id) {
                continue;
            }
            let Some(block) = self.site.blocks.get(&block_ref.id) else { continue };
            if let Some(revision) = block.revision_on(as_of) {
                views.push(revision.view(block, lang, governing));
            }
        }
        views
    }

    /// Whether a version's blocks read the same on days `a` and `b` (no
    /// block it shows has a revision between them).
    pub fn blocks_read_the_same(&self, policy: &Policy<'_>, index: usize, a: Date, b: Date) -> bool {
        let refs = policy.versions[index].texts.values().flat_map(|text| text.body.block_refs());
        a == b
            || refs.into_iter().all(|block_ref| {
                self.site.blocks.get(&block_ref.id).is_none_or(|block| {
                    let (on_a, on_b) = (block.revision_on(a), block.revision_on(b));
                    on_a.map(std::ptr::from_ref) == on_b.map(std::ptr::from_ref)
                })
            })
    }

    /// One version's text in `lang`, rendered as its page shows it;
    /// `lineage` is the version's (from [`crate::model::lineage::lineages`]).
    pub fn version<'t>(
        &self,
        lang: &str,
        policy: &'t Policy<'_>,
        index: usize,
        lineage: &crate::model::lineage::Lineage,
        memo: &mut RenderMemo<'t>,
    ) -> Result<VersionView, minijinja::Error> {
        self.version_on(lang, policy, index, lineage, memo, policy.as_of(index, self.today))
    }

    /// One version's text in `lang`, with its blocks as they were on `as_of`.
    pub fn version_on<'t>(
        &self,
        lang: &str,
        policy: &'t Policy<'_>,
        index: usize,
        lineage: &crate::model::lineage::Lineage,
        memo: &mut RenderMemo<'t>,
        as_of: Date,
    ) -> Result<VersionView, minijinja::Error> {
        memo.next_version();
        let version = &policy.versions[index];
        let governing = &self.site.config.governing_language;
        let (text, text_lang) = version.text(lang, governing);
        let (translation_missing, text_lang) = (text_lang != lang, text_lang.to_string());
        let translation = text_lang != *governing && version.texts.contains_key(governing);
        let blocks = self.blocks(lang, policy, index, as_of);
        let render_block = |block_ref: &BlockRef| match blocks.iter().find(|b| b.id == block_ref.id) {
            Some(view) => Ok(((self.block_html)(lang, view)?, view.plain_text(lang, &|key| self.i18n.text(lang, key)))),
            None => Ok((String::new(), String::new())),
        };
        let numbers = crate::model::numbers::numbers(&text.body.clauses, policy.meta.numbering);
        let labels = |dest: &str| self.link_label_for(&text_lang, (policy, version), (&text.body, &numbers), dest);
        let renderer = BodyRenderer {
            links: Links { urls: &self.site.urls, lang },
            labels: &labels,
            blocks: &render_block,
            text: &text.source.text,
        };
        let numbering = ClauseContext { style: policy.meta.numbering, aliases: &lineage.aliases, numbers: &numbers };
        let preamble = renderer.render(&text.body.preamble)?;
        let clauses = text
            .body
            .clauses
            .iter()
            .map(|clause| self.clause(&text_lang, &numbering, clause, (&renderer, &mut *memo)))
            .collect::<Result<_, _>>()?;
        let present: std::collections::BTreeSet<&str> = text.body.ids().into_iter().collect();
        let tombstones = self.tombstones(lang, policy, lineage, &present);
        Ok(VersionView {
            head: self.version_head(lang, policy, index),
            text_lang,
            translation_missing,
            translation,
            preamble_html: preamble.html,
            preamble_text: preamble.text,
            changes_path: (index > 0).then(|| version.routes(lang).changes.path.clone()),
            pdf_path: self.site.pdf.then(|| version.routes(lang).pdf.path.clone()),
            changes_pdf_path: (self.site.pdf && index > 0).then(|| version.routes(lang).changes_pdf.path.clone()),
            clauses,
            corrections: text
                .corrections
                .iter()
                .map(|c| CorrectionView { date: self.date(lang, c.date), note: c.note.clone() })
                .collect(),
            translated: version.translated.get(lang).map(|day| self.date(lang, *day)),
            tombstones,
            blocks,
        })
    }

    /// The clauses removed before this version, except ids it has again.
    fn tombstones(
        &self,
        lang: &str,
        policy: &Policy<'_>,
        lineage: &crate::model::lineage::Lineage,
        present: &std::collections::BTreeSet<&str>,
    ) -> Vec<TombstoneView> {
        lineage
            .tombstones
            .iter()
            .filter(|tomb| !present.contains(tomb.id.as_str()))
            .map(|tomb| TombstoneView {
                id: tomb.id.clone(),
                aliases: tomb.aliases.iter().filter(|a| !present.contains(a.as_str())).cloned().collect(),
                title: tomb.title.clone(),
                removed_on: self.date(lang, policy.versions[tomb.removed_in].effective),
                last_path: format!("{}#{}", policy.versions[tomb.last_had].routes(lang).page.path.clone(), tomb.id),
            })
            .collect()
    }
}
