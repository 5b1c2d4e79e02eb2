//! JSON Feed 1.1 per language (`/{lang}/feed.json`): an item per version,
//! upcoming ones included, so that apps and feed readers learn of a new
//! version as soon as it is announced.

use fluent_bundle::{FluentArgs, FluentValue};
use schemars::JsonSchema;
use serde::Serialize;

use crate::model::Status;
use crate::parse::Change;
use crate::render::view::Views;

pub const JSON_FEED_VERSION: &str = "https://jsonfeed.org/version/1.1";

/// A JSON Feed 1.1 document.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Feed {
    pub version: String,
    pub title: String,
    pub home_page_url: String,
    pub feed_url: String,
    pub description: String,
    pub language: String,
    pub items: Vec<FeedItem>,
}

/// One version of one policy.
#[derive(Debug, Serialize, JsonSchema)]
pub struct FeedItem {
    /// Stable forever: `kiyaku:{slug}/{effective}/{lang}`.
    pub id: String,
    pub url: String,
    pub title: String,
    pub summary: String,
    pub content_html: String,
    /// The announcement date, else the effective date, at 00:00 JST.
    pub date_published: String,
    /// The last day, by the build day, the item changed after that: the
    /// version took effect, a later one replaced it, or its text was corrected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_modified: Option<String>,
    pub language: String,
    #[serde(rename = "_kiyaku")]
    pub kiyaku: FeedExtension,
}

/// kiyaku's fields on a feed item.
#[derive(Debug, Serialize, JsonSchema)]
pub struct FeedExtension {
    pub policy: String,
    pub effective: String,
    pub announced: Option<String>,
    pub change: Change,
    pub material: bool,
    pub status: Status,
    pub sha256: String,
    pub json_url: String,
    /// The comparison with the previous version, when there is one.
    pub changes_url: Option<String>,
}

/// Renders the HTML of a feed item (the theme's `feed_item.html`).
pub type ItemHtml<'s> = &'s dyn Fn(&str, &FeedItem) -> Result<String, minijinja::Error>;

impl Views<'_, '_> {
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
                let published = version.announced.unwrap_or(version.effective);
                let modified = [Some(version.effective), policy.versions.get(index + 1).map(|next| next.effective)]
                    .into_iter()
                    .flatten()
                    .chain(text.corrections.iter().map(|c| c.date))
                    .filter(|day| *day > published && *day <= self.today)
                    .max();
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
                        change: version.change,
                        material: version.change == Change::Material,
                        status: policy.status(index, self.today),
                        sha256: text.sha256(&policy.slug, text_lang, version.effective),
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
