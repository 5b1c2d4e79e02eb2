//! The 新旧対照表 page of a revision, and of any two versions.
//!
//! A comparison shows what one revision changed, and a published one never
//! changes. So both versions are compared as they read on the day of the
//! revision: the old one the day before the new one took effect, the new
//! one on that day (a desk that moved later is not this revision's change),
//! and in one language (where either lacks the page's language, both in the
//! language shown).

use std::borrow::Cow;

use fluent_bundle::{FluentArgs, FluentValue};
use jiff::civil::Date;
use minijinja::Environment;
use minijinja::value::{Serde, Value};
use serde::Serialize;

use crate::render::OutputFile;
use crate::render::compare::table::ComparisonView;
use crate::render::html::RenderMemo;
use crate::render::view::ClauseChangeView;
use crate::render::view::{PageView, PolicyView, VersionView, Views};
use crate::render::{VersionTarget, html};

#[derive(Serialize)]
struct ChangesPage<'a> {
    lang: &'a str,
    page: PageView,
    policy: PolicyView,
    version: Value,
    comparison: ComparisonView,
    /// Two versions with others between them: the newer one's summary is
    /// not what changed between them.
    across: bool,
    /// The comparison's PDF record, when the build made one.
    pdf_path: Option<String>,
}

/// The 新旧対照表 of a version against the one before it, and the clauses
/// it changed (for the history).
pub(crate) fn render_changes(
    views: &Views<'_, '_>,
    env: &Environment<'static>,
    target: &VersionTarget<'_>,
    previous: &VersionView,
    version_value: Value,
) -> Result<(Vec<OutputFile>, Vec<ClauseChangeView>), minijinja::Error> {
    let VersionTarget { lang, p, v, version, .. } = *target;
    let policy = &views.site.policies[p];
    let mut args = FluentArgs::new();
    args.set("policy", FluentValue::from(policy.title(lang)));
    args.set("date", FluentValue::from(version.head.effective.text.as_str()));
    let title = views.i18n.message(lang, "changes-title", Some(&args)).unwrap_or_default();
    let route_in = |l: &str| policy.versions[v].routes(l).changes.clone();
    let page = views
        .page(lang, "changes", title, &route_in)
        .written_in(&policy.versions[v], &views.site.config.governing_language);
    let (previous, version) = compared(views, target, (v - 1, previous), version)?;
    let (comparison, changed) =
        views.comparison((lang, policy), (v - 1, v), (&previous, &version), &mut target.diffs.borrow_mut());
    // A comparison of texts in another language (one version has none in
    // this one) is canonical to that language's comparison.
    let page = page.shown_in(&comparison.text_lang);
    let routes = policy.versions[v].routes(lang);
    let record = crate::render::pdf::Record {
        lang,
        slug: &policy.slug,
        title: &page.title,
        head: views.print_head(lang, &page.title, &version),
        url: &routes.changes.url,
        sha256: None,
        file: routes.changes_pdf.file.clone(),
    };
    let pdf = views.changes_pdf(&record, &version, &comparison).map_err(crate::render::pdf::error)?;
    // Linked when the build makes PDFs, typeset now or kept from the last build.
    let pdf_path = views.pdf.is_some().then(|| routes.changes_pdf.path.clone());
    let policy = views.policy(lang, policy);
    let page = ChangesPage { lang, page, policy, version: version_value, comparison, across: false, pdf_path };
    let file = html(env, "changes.html", &route_in(lang).file, Value::from(Serde(page)))?;
    Ok((std::iter::once(file).chain(pdf).collect(), changed))
}

/// The 新旧対照表 of a version against an earlier one with others between
/// them (`target.v` against `old_index`): what a reader who accepted the
/// old text must read again. Both read as on the day the newer took effect.
/// `version_value` is the newer version as its own pages show it.
pub(crate) fn render_across(
    views: &Views<'_, '_>,
    env: &Environment<'static>,
    target: &VersionTarget<'_>,
    (old_index, old): (usize, &VersionView),
    version_value: &Value,
) -> Result<OutputFile, minijinja::Error> {
    let VersionTarget { lang, p, v, version, .. } = *target;
    let policy = &views.site.policies[p];
    let (from, to) = (policy.versions[old_index].effective, policy.versions[v].effective);
    let mut args = FluentArgs::new();
    args.set("policy", FluentValue::from(policy.title(lang)));
    args.set("from", FluentValue::from(views.date(lang, from).text));
    args.set("to", FluentValue::from(views.date(lang, to).text));
    let title = views.i18n.message(lang, "changes-across-title", Some(&args)).unwrap_or_default();
    let route_in = |l: &str| views.site.urls.comparison(l, &policy.slug, from, to);
    let page = views
        .page(lang, "changes", title, &route_in)
        .written_in(&policy.versions[v], &views.site.config.governing_language);
    let (old, new) = compared(views, target, (old_index, old), version)?;
    let (comparison, _) =
        views.comparison((lang, policy), (old_index, v), (&old, &new), &mut target.diffs.borrow_mut());
    let page = page.shown_in(&comparison.text_lang);
    // Converted again only when it reads otherwise here than on its pages.
    let version_value = match &new {
        Cow::Borrowed(_) => version_value.clone(),
        Cow::Owned(new) => Value::from(Serde(new)),
    };
    let policy = views.policy(lang, policy);
    let page = ChangesPage { lang, page, policy, version: version_value, comparison, across: true, pdf_path: None };
    html(env, "changes.html", &route_in(lang).file, Value::from(Serde(page)))
}

/// The two versions as the comparison shows them: the pages' own views
/// where they read the same as on the day of the revision, else rendered
/// again for that day (or in the language shown).
fn compared<'v>(
    views: &Views<'_, '_>,
    target: &VersionTarget<'_>,
    (old_index, previous): (usize, &'v VersionView),
    version: &'v VersionView,
) -> Result<(Cow<'v, VersionView>, Cow<'v, VersionView>), minijinja::Error> {
    let VersionTarget { lang, p, v, .. } = *target;
    let policy = &views.site.policies[p];
    let effective = policy.versions[v].effective;
    let day_before = effective.yesterday().unwrap_or(effective);
    // Blocks follow the page's language, texts the language shown.
    let shown = if previous.text_lang == version.text_lang && !previous.translation_missing {
        lang
    } else if previous.translation_missing {
        previous.text_lang.as_str()
    } else {
        version.text_lang.as_str()
    };
    let side = |view: &'v VersionView, index: usize, day: Date| -> Result<Cow<'v, VersionView>, minijinja::Error> {
        let as_shown = policy.as_of(index, views.today);
        if shown == lang && views.blocks_read_the_same(policy, index, as_shown, day) {
            return Ok(Cow::Borrowed(view));
        }
        let governing = &views.site.config.governing_language;
        let lineages = crate::model::lineage::lineages(policy, shown, governing);
        let again = views.version_on(shown, policy, index, &lineages[index], &mut RenderMemo::default(), day)?;
        Ok(Cow::Owned(again))
    };
    Ok((side(previous, old_index, day_before)?, side(version, v, effective)?))
}
