//! One clause of a version as the templates see it: its number in the
//! text's language (第3条, Article 3, 3.), its render, its aliases, and its
//! sub-clauses. The numbers themselves are the model's
//! ([`crate::model::numbers`]); here they are put in words.

use fluent_bundle::{FluentArgs, FluentValue};

use super::{ClauseContext, ClauseView, Views};
use crate::model::numbers::ClauseNumber;
use crate::parse::{Body, Clause, Numbering};
use crate::render::html::{BodyRenderer, RenderMemo};

impl Views<'_, '_> {
    pub(super) fn clause<'t>(
        &self,
        lang: &str,
        numbering: &ClauseContext<'_>,
        clause: &Clause,
        (renderer, memo): (&BodyRenderer<'_, 't>, &mut RenderMemo<'t>),
    ) -> Result<ClauseView, minijinja::Error> {
        let number = numbering.numbers.get(&clause.id).map(|n| self.number_label(lang, numbering.style, n));
        let rendered = renderer.render_memo(&clause.content, memo)?;
        Ok(ClauseView {
            id: clause.id.clone(),
            number,
            title: clause.title.clone(),
            title_html: clause.title_html.clone(),
            html: rendered.html,
            text: rendered.text,
            aliases: numbering.aliases.get(&clause.id).cloned().unwrap_or_default(),
            deleted: clause.deleted,
            children: clause
                .children
                .iter()
                .map(|child| self.clause(lang, numbering, child, (renderer, &mut *memo)))
                .collect::<Result<_, _>>()?,
        })
    }

    /// What a link with no text to `dest` shows, on a page of `version`:
    /// for `#id`, that clause's number in this version; for
    /// `policy:slug#id`, its number in the version of that policy in force
    /// when the link is read (the page it leads to).
    pub(super) fn link_label_for(
        &self,
        lang: &str,
        (policy, version): (&crate::model::Policy<'_>, &crate::model::Version<'_>),
        (body, numbers): (
            &crate::parse::Body,
            &std::collections::BTreeMap<String, crate::model::numbers::ClauseNumber>,
        ),
        dest: &str,
    ) -> Option<String> {
        if let Some(id) = dest.strip_prefix('#') {
            return self.link_label(lang, (policy.meta.numbering, numbers), body, id);
        }
        let (slug, id) = dest.strip_prefix("policy:")?.split_once('#')?;
        let target = self.site.policies.iter().find(|p| p.slug == slug)?;
        let shown = &target.versions[target.canonical(self.today.max(version.effective))];
        let (text, _) = shown.text(lang, &self.site.config.governing_language);
        let numbers = crate::model::numbers::numbers(&text.body.clauses, target.meta.numbering);
        self.link_label(lang, (target.meta.numbering, &numbers), &text.body, id)
    }

    /// A clause's number as its heading shows it: 第3条, 第3条の2, 3., （1）.
    pub(crate) fn number_label(&self, lang: &str, style: Numbering, number: &ClauseNumber) -> String {
        let mut args = FluentArgs::new();
        args.set("number", FluentValue::from(number.main));
        let sections = style == Numbering::Sections;
        let key = match (number.sub, number.branch) {
            (true, _) => "subclause-number",
            (false, None) if sections => "section-number",
            (false, None) => "clause-number",
            (false, Some(branch)) => {
                args.set("branch", FluentValue::from(branch));
                if sections { "section-number-branch" } else { "clause-number-branch" }
            }
        };
        self.i18n.message(lang, key, Some(&args)).unwrap_or_else(|_| number.main.to_string())
    }

    /// What a link with no text to clause `id` shows: its number (a
    /// sub-clause's with its clause's, 第3条（1）), else its title.
    pub(super) fn link_label(
        &self,
        lang: &str,
        (style, numbers): (Numbering, &std::collections::BTreeMap<String, ClauseNumber>),
        body: &Body,
        id: &str,
    ) -> Option<String> {
        let Some(number) = numbers.get(id) else {
            return find(&body.clauses, id).map(|clause| clause.title.clone());
        };
        let own = self.number_label(lang, style, number);
        let Some((main, branch)) = number.parent.filter(|_| number.sub) else { return Some(own) };
        let parent = ClauseNumber { main, branch, parent: None, sub: false };
        let mut args = FluentArgs::new();
        args.set("clause", FluentValue::from(self.number_label(lang, style, &parent)));
        args.set("sub", FluentValue::from(own.clone()));
        Some(self.i18n.message(lang, "clause-link-sub", Some(&args)).unwrap_or(own))
    }
}

fn find<'c>(clauses: &'c [Clause], id: &str) -> Option<&'c Clause> {
    clauses.iter().find_map(|c| if c.id == id { Some(c) } else { find(&c.children, id) })
}
