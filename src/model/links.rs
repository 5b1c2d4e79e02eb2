//! Rules across policies: links resolve to clauses and policies that exist
//! (with safe schemes only), and block references name blocks of the right
//! kind that were in effect when the version took effect.

use std::collections::{BTreeMap, BTreeSet};

use super::{Policy, Site};
use crate::diag::{Diagnostic, Diagnostics};

/// Checks every link: clause anchors, other policies, and safe schemes only.
pub(super) fn check_links(site: &Site<'_>, diags: &mut Diagnostics) {
    let ids_of = |policy: &Policy<'_>| -> BTreeSet<String> {
        policy
            .versions
            .iter()
            .flat_map(|v| v.texts.values().flat_map(|t| t.body.ids().into_iter().map(str::to_string)))
            .collect()
    };
    let known: BTreeMap<&str, BTreeSet<String>> = site.policies.iter().map(|p| (p.slug.as_str(), ids_of(p))).collect();
    for policy in &site.policies {
        for text in policy.versions.iter().flat_map(|v| v.texts.values()) {
            let own: BTreeSet<&str> = text.body.ids().into_iter().collect();
            for link in &text.body.links {
                if let Some(problem) = link_problem(&link.dest, &own, &known) {
                    diags.push(problem.at(text.source, link.span.clone()));
                }
            }
        }
    }
}

fn link_problem(dest: &str, own: &BTreeSet<&str>, known: &BTreeMap<&str, BTreeSet<String>>) -> Option<Diagnostic> {
    if let Some(id) = dest.strip_prefix('#') {
        return (!own.contains(id)).then(|| {
            Diagnostic::error("link-clause", format!("link to clause `#{id}`, which this version does not have")).hint(
                format!(
                    "use the id of one of this version's clauses: {}",
                    own.iter().copied().collect::<Vec<_>>().join(", ")
                ),
            )
        });
    }
    if let Some(target) = dest.strip_prefix("policy:") {
        let (slug, id) = target.split_once('#').map_or((target, None), |(s, i)| (s, Some(i)));
        let Some(ids) = known.get(slug) else {
            return Some(
                Diagnostic::error("link-policy", format!("link to policy `{slug}`, which does not exist"))
                    .hint(format!("link to one of: {}", known.keys().copied().collect::<Vec<_>>().join(", "))),
            );
        };
        return id.filter(|id| !ids.contains(*id)).map(|id| {
            Diagnostic::error("link-clause", format!("link to clause `#{id}` of `{slug}`, which has no such clause"))
                .hint("check the clause id in the target policy's headings")
        });
    }
    let first_segment = dest.split(['/', '?', '#']).next().unwrap_or_default();
    if !dest.contains(':')
        && !dest.starts_with(['/', '.', '#'])
        && first_segment.contains('.')
        && !first_segment.ends_with(".html")
    {
        return Some(
            Diagnostic::warning("link-relative", format!("link `{dest}` has no scheme, so it points inside this site"))
                .hint(format!("to link to another site, write https://{dest}")),
        );
    }
    let scheme = dest.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    let safe = match scheme.as_deref() {
        None => true,
        Some(scheme) if scheme.contains(['/', '?', '#']) => true,
        Some("http" | "https" | "mailto" | "tel") => true,
        Some(_) => false,
    };
    (!safe).then(|| {
        Diagnostic::error("link-scheme", format!("link `{dest}` uses a scheme that is not allowed"))
            .hint("links may be http(s):, mailto:, tel:, policy:SLUG#id, #id or a path")
    })
}

fn known_ids<'k>(ids: impl Iterator<Item = &'k String>) -> String {
    let ids: Vec<&str> = ids.map(String::as_str).collect();
    if ids.is_empty() { String::new() } else { format!(", or use one of: {}", ids.join(", ")) }
}

/// Checks that every block reference names an existing block of that kind
/// with a revision in effect when the version takes effect.
pub(super) fn check_block_refs(site: &Site<'_>, diags: &mut Diagnostics) {
    for policy in &site.policies {
        for version in &policy.versions {
            for text in version.texts.values() {
                for block_ref in text.body.block_refs().into_iter().filter(|r| !site.blocks.broken.contains(&r.id)) {
                    let problem = match site.blocks.get(&block_ref.id) {
                        None => {
                            Diagnostic::error("block-unknown", format!("no block `{}` is defined", block_ref.id)).hint(
                                format!("create blocks/{}.toml{}", block_ref.id, known_ids(site.blocks.by_id.keys())),
                            )
                        }
                        Some(block) if block.kind.name() != block_ref.kind => Diagnostic::error(
                            "block-kind",
                            format!(
                                "block `{}` is a {} block, not a {} block",
                                block.id,
                                block.kind.name(),
                                block_ref.kind
                            ),
                        )
                        .hint(format!("write ```{} as the fence's info string", block.kind.name())),
                        Some(block) if block.revision_on(version.effective).is_none() => Diagnostic::error(
                            "block-not-yet",
                            format!("block `{}` has no revision in effect on {}", block.id, version.effective),
                        )
                        .hint(format!(
                            "give {} a revision with since on or before {}",
                            block.source.display(),
                            version.effective
                        )),
                        Some(_) => continue,
                    };
                    diags.push(problem.at(text.source, block_ref.span.clone()));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_rules() {
        let own: BTreeSet<&str> = ["a"].into_iter().collect();
        let known: BTreeMap<&str, BTreeSet<String>> =
            [("terms", ["x".to_string()].into_iter().collect())].into_iter().collect();
        let code = |dest| link_problem(dest, &own, &known).map(|d| d.code);
        assert_eq!(code("#a"), None);
        assert_eq!(code("#b"), Some("link-clause"));
        assert_eq!(code("policy:terms"), None);
        assert_eq!(code("policy:terms#x"), Some(None).flatten());
        assert_eq!(code("policy:terms#y"), Some("link-clause"));
        assert_eq!(code("policy:faq"), Some("link-policy"));
        assert_eq!(code("https://example.com/"), None);
        assert_eq!(code("/static/a.pdf"), None);
        assert_eq!(code("www.example.com/privacy"), Some("link-relative"));
        assert_eq!(code("guide.html#a"), None);
        assert_eq!(code("JavaScript:alert(1)"), Some("link-scheme"));
        assert_eq!(code("data:text/html,x"), Some("link-scheme"));
    }
}
