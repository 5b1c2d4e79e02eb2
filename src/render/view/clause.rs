//! One clause of a version as the templates see it: its number in the
//! text's language (第3条, Article 3, 3.), its render, its aliases, and its
//! sub-clauses.

use fluent_bundle::{FluentArgs, FluentValue};

use super::{ClauseContext, ClauseView, Views};
use crate::parse::{Clause, Numbering};
use crate::render::html::{BodyRenderer, RenderMemo};

impl Views<'_, '_> {
    pub(super) fn clause<'t>(
        &self,
        lang: &str,
        numbering: &ClauseContext<'_>,
        clause: &Clause,
        (renderer, memo): (&BodyRenderer<'_, 't>, &mut RenderMemo<'t>),
        counter: &mut u32,
        top: bool,
    ) -> Result<ClauseView, minijinja::Error> {
        let number = (numbering.style != Numbering::None && clause.numbered).then(|| {
            let branch = match clause.number {
                Some((main, branch)) => {
                    *counter = main;
                    branch
                }
                None => {
                    *counter += 1;
                    None
                }
            };
            let mut args = FluentArgs::new();
            args.set("number", FluentValue::from(*counter));
            let sections = numbering.style == Numbering::Sections;
            let key = match (top, branch) {
                (true, None) if sections => "section-number",
                (true, None) => "clause-number",
                (true, Some(branch)) => {
                    args.set("branch", FluentValue::from(branch));
                    if sections { "section-number-branch" } else { "clause-number-branch" }
                }
                (false, _) => "subclause-number",
            };
            self.i18n.message(lang, key, Some(&args)).unwrap_or_else(|_| counter.to_string())
        });
        let mut child_counter = 0;
        let rendered = renderer.render_memo(&clause.content, memo)?;
        Ok(ClauseView {
            id: clause.id.clone(),
            number,
            title: clause.title.clone(),
            title_html: clause.title_html.clone(),
            html: rendered.html,
            text: rendered.text,
            url: format!("{}#{}", self.site.urls.absolute(&renderer.page_path), clause.id),
            aliases: numbering.aliases.get(&clause.id).cloned().unwrap_or_default(),
            deleted: clause.deleted,
            children: clause
                .children
                .iter()
                .map(|child| self.clause(lang, numbering, child, (renderer, &mut *memo), &mut child_counter, false))
                .collect::<Result<_, _>>()?,
        })
    }
}
