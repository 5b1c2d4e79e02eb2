//! JSON Feed 1.1 per language (`/{lang}/feed.json`): an item per version,
//! upcoming ones included, so that apps and feed readers learn of a new
//! version as soon as it is announced.

use fluent_bundle::{FluentArgs, FluentValue};
use schemars::JsonSchema;
use serde::Serialize;

use jiff::civil::Date;

use crate::model::{Policy, Status};
use crate::parse::Change;
use crate::render::view::Views;

/// The `version` of every feed: the URL of the JSON Feed 1.1 specification.
pub const JSON_FEED_VERSION: &str = "https://jsonfeed.org/version/1.1";

/// A JSON Feed 1.1 document.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Feed {
    /// The JSON Feed version: always `https://jsonfeed.org/version/1.1`.
    #[schemars(with = "crate::render::view::forms::JsonFeedVersion")]
    pub version: String,
    /// The feed's name in its language, made from the site's title (UI string `feed-title`).
    pub title: String,
    /// The site's list of policies in the feed's language (absolute URL, `/{lang}/`).
    #[schemars(with = "crate::render::view::forms::AbsoluteUrl")]
    pub home_page_url: String,
    /// This feed's own absolute URL (`/{lang}/feed.json`).
    #[schemars(with = "crate::render::view::forms::AbsoluteUrl")]
    pub feed_url: String,
    /// What the feed lists, in its language (UI string `feed-description`).
    pub description: String,
    /// The feed's language code: the `{lang}` of its URL.
    #[schemars(with = "crate::render::view::forms::LanguageCode")]
    pub language: String,
    /// An item per version of every policy, upcoming ones included, newest `date_published` first.
    pub items: Vec<FeedItem>,
}

/// One version of one policy.
#[derive(Debug, Serialize, JsonSchema)]
pub struct FeedItem {
    /// Stable forever: `kiyaku:{slug}/{effective}/{lang}`.
    #[schemars(with = "crate::render::view::forms::FeedItemId")]
    pub id: String,
    /// The version's permanent page in the feed's language (absolute URL).
    #[schemars(with = "crate::render::view::forms::AbsoluteUrl")]
    pub url: String,
    /// The policy's title with the version's effective date, in the feed's language (「…（2027年1月1日施行版）」).
    pub title: String,
    /// The one-line summary of the change, in the item's `language`.
    pub summary: String,
    /// A short HTML notice (the theme's `feed_item.html`): the summary, when the version takes
    /// or took effect, whether it is material, and links to its page and comparison.
    pub content_html: String,
    /// The announcement date, else the effective date, at 00:00 JST.
    #[schemars(with = "crate::render::view::forms::DateTime")]
    pub date_published: String,
    /// The last day, by the build day, the item changed after that: the
    /// version took effect, a later one replaced it, or its text was corrected.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "crate::render::view::forms::DateTime")]
    pub date_modified: Option<String>,
    /// The language of the item's text: the feed's, or the governing language's where the
    /// version has no text in the feed's language.
    #[schemars(with = "crate::render::view::forms::LanguageCode")]
    pub language: String,
    /// kiyaku's extension (`_kiyaku`, JSON Feed's convention for custom fields): the version's data.
    #[serde(rename = "_kiyaku")]
    pub kiyaku: FeedExtension,
}

/// kiyaku's fields on a feed item.
#[derive(Debug, Serialize, JsonSchema)]
pub struct FeedExtension {
    /// The policy's slug (`privacy`).
    #[schemars(with = "crate::render::view::forms::Slug")]
    pub policy: String,
    /// 施行日 (YYYY-MM-DD, a day in Japan): the version applies from 00:00 JST of this day.
    #[schemars(with = "crate::render::view::forms::IsoDate")]
    pub effective: String,
    /// The day (YYYY-MM-DD, in Japan) the version was announced ahead of taking effect, or null.
    #[schemars(with = "Option<crate::render::view::forms::IsoDate>")]
    pub announced: Option<String>,
    /// Earlier announcements (YYYY-MM-DD), oldest first, when the version was announced again
    /// with a changed text; `date_published` is the first of them, `date_modified` the latest.
    #[schemars(with = "Vec<crate::render::view::forms::IsoDate>")]
    pub earlier_announced: Vec<String>,
    /// `initial` (the first version), `material` (users must be told) or `editorial` (wording only).
    pub change: Change,
    /// True when `change` is `material`: users must be told and may need to accept again.
    pub material: bool,
    /// `in-force`, `upcoming` or `archived`, as of the day the site was built for.
    pub status: Status,
    /// SHA-256 (lowercase hex) of the canonical text in the item's `language`, see docs/json.md.
    #[schemars(with = "crate::render::view::forms::Sha256Hex")]
    pub sha256: String,
    /// The hashes of texts this item showed before, oldest first (see `superseded_sha256` in the
    /// version's JSON document).
    #[schemars(with = "Vec<crate::render::view::forms::Sha256Hex>")]
    pub superseded_sha256: Vec<String>,
    /// The version's JSON document in the feed's language (absolute URL).
    #[schemars(with = "crate::render::view::forms::AbsoluteUrl")]
    pub json_url: String,
    /// The comparison with the previous version, when there is one.
    #[schemars(with = "Option<crate::render::view::forms::AbsoluteUrl>")]
    pub changes_url: Option<String>,
}

/// Renders the HTML of a feed item (the theme's `feed_item.html`).
pub type ItemHtml<'s> = &'s dyn Fn(&str, &FeedItem) -> Result<String, minijinja::Error>;

impl Views<'_, '_> {
    /// A feed item's `date_published` (its first announcement, or its
    /// effective date) and `date_modified`: the latest later day, up to the
    /// build day, on which it changed (announced again, took effect, was
    /// replaced, corrected, or translated).
    fn item_dates(&self, lang: &str, policy: &Policy<'_>, index: usize) -> (Date, Option<Date>) {
        let version = &policy.versions[index];
        let (text, _) = version.text(lang, &self.site.config.governing_language);
        let announced = version.announced.unwrap_or(version.effective);
        let published = version.earlier_announcements.first().copied().unwrap_or(announced);
        let later = [Some(version.effective), Some(announced), policy.versions.get(index + 1).map(|n| n.effective)];
        let modified = later
            .into_iter()
            .flatten()
            .chain(text.corrections.iter().map(|c| c.date))
            .chain(version.translated.get(lang).copied())
            .filter(|day| *day > published && *day <= self.today)
            .max();
        (published, modified)
    }

    /// The feed of one language, newest first.
    pub fn feed(&self, lang: &str, item_html: ItemHtml<'_>) -> Result<Feed, minijinja::Error> {
        let config = &self.site.config;
        let site_title = config.title.get(lang).cloned().unwrap_or_default();
        let mut args = FluentArgs::new();
        args.set("site", FluentValue::from(site_title.as_str()));
        let title = self.i18n.message(lang, "feed-title", Some(&args)).unwrap_or_else(|_| site_title.clone());
        let mut items = Vec::new();
        for policy in &self.site.policies {
            for (index, version) in policy.versions.iter().enumerate() {
                let governing = &config.governing_language;
                let (text, text_lang) = version.text(lang, governing);
                let effective = version.effective.to_string();
                let routes = version.routes(lang);
                let (published, modified) = self.item_dates(lang, policy, index);
                let mut item = FeedItem {
                    id: format!("kiyaku:{}/{effective}/{lang}", policy.slug),
                    url: routes.page.url.clone(),
                    title: self.version_title(lang, policy.title(lang), version.effective),
                    summary: text.summary.clone(),
                    content_html: String::new(),
                    date_published: format!("{published}T00:00:00+09:00"),
                    date_modified: modified.map(|day| format!("{day}T00:00:00+09:00")),
                    // The item's text: the governing language's where a translation is missing.
                    language: text_lang.to_string(),
                    kiyaku: FeedExtension {
                        policy: policy.slug.clone(),
                        announced: version.announced.map(|d| d.to_string()),
                        earlier_announced: version.earlier_announcements.iter().map(|d| d.to_string()).collect(),
                        change: version.change,
                        material: version.change == Change::Material,
                        status: policy.status(index, self.today),
                        sha256: text.sha256.clone(),
                        superseded_sha256: version.superseded_in(lang).to_vec(),
                        json_url: routes.json.url.clone(),
                        changes_url: (index > 0).then(|| routes.changes.url.clone()),
                        effective,
                    },
                };
                item.content_html = item_html(lang, &item)?;
                items.push(item);
            }
        }
        items.sort_by(|a, b| b.date_published.cmp(&a.date_published).then_with(|| a.id.cmp(&b.id)));
        Ok(Feed {
            version: JSON_FEED_VERSION.to_string(),
            title,
            home_page_url: self.site.urls.home(lang).url,
            feed_url: self.site.urls.feed(lang).url,
            description: self.i18n.text(lang, "feed-description"),
            language: lang.to_string(),
            items,
        })
    }

    /// 「プライバシーポリシー（2023年6月16日施行版）」.
    pub fn version_title(&self, lang: &str, policy: &str, date: jiff::civil::Date) -> String {
        let mut args = FluentArgs::new();
        args.set("policy", FluentValue::from(policy));
        args.set("date", FluentValue::from(self.i18n.format_date(lang, date)));
        self.i18n.message(lang, "version-title", Some(&args)).unwrap_or_else(|_| policy.to_string())
    }
}
