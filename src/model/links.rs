//! Rules across policies: links resolve to clauses and policies that exist
//! (with safe schemes only), and block references name blocks of the right
//! kind that were in effect when the version took effect.

use std::collections::{BTreeMap, BTreeSet};

use super::{Policy, Site};
use crate::base::diag::{Diagnostic, Diagnostics};

/// What a link is checked against.
struct Targets<'t> {
    /// Clause ids of the version the link is in.
    own: BTreeSet<&'t str>,
    /// Clause ids of every policy, by slug.
    known: &'t BTreeMap<&'t str, BTreeSet<String>>,
    /// The files the site publishes, and the path it is published under.
    paths: &'t BTreeSet<String>,
    base_path: &'t str,
    /// The site's URL table, for the addresses hints suggest.
    urls: &'t super::urls::Urls,
    /// Policies with errors of their own, which links are not checked against.
    incomplete: &'t BTreeSet<String>,
}

/// Checks every link: clause anchors, other policies, paths of the site,
/// and safe schemes only. `statics` are the static files' names.
pub(super) fn check_links<'s>(site: &Site<'_>, statics: impl Iterator<Item = &'s str>, diags: &mut Diagnostics) {
    let ids_of = |policy: &Policy<'_>| -> BTreeSet<String> {
        policy
            .versions
            .iter()
            .flat_map(|v| v.texts.values().flat_map(|t| t.body.ids().into_iter().map(str::to_string)))
            .collect()
    };
    let known: BTreeMap<&str, BTreeSet<String>> = site.policies.iter().map(|p| (p.slug.as_str(), ids_of(p))).collect();
    // Only paths from the root are looked up in the site's files.
    let texts = || site.policies.iter().flat_map(|p| p.versions.iter().flat_map(|v| v.texts.values()));
    let has_paths = texts().any(|text| text.body.links.iter().any(|link| link.dest.starts_with('/')));
    let paths = if has_paths { super::urls::site_paths(site, statics) } else { BTreeSet::new() };
    for policy in &site.policies {
        for text in policy.versions.iter().flat_map(|v| v.texts.values()) {
            let own = text.body.ids().into_iter().collect();
            let targets = Targets {
                own,
                known: &known,
                paths: &paths,
                base_path: &site.config.base_path,
                urls: &site.urls,
                incomplete: &site.incomplete,
            };
            for link in &text.body.links {
                if let Some(problem) = link_problem(&link.dest, &targets) {
                    diags.push(problem.at(text.source, link.span.clone()));
                }
            }
        }
    }
}

fn link_problem(dest: &str, targets: &Targets<'_>) -> Option<Diagnostic> {
    if let Some(id) = dest.strip_prefix('#') {
        return (!targets.own.contains(id)).then(|| {
            Diagnostic::error("link-clause", format!("link to clause `#{id}`, which this version does not have")).hint(
                format!(
                    "use the id of one of this version's clauses: {}",
                    targets.own.iter().copied().filter(|id| !id.is_empty()).collect::<Vec<_>>().join(", ")
                ),
            )
        });
    }
    if let Some(target) = dest.strip_prefix("policy:") {
        let (slug, id) = target.split_once('#').map_or((target, None), |(s, i)| (s, Some(i)));
        if targets.incomplete.contains(slug) {
            return None;
        }
        let Some(ids) = targets.known.get(slug) else {
            return Some(
                Diagnostic::error("link-policy", format!("link to policy `{slug}`, which does not exist"))
                    .hint(format!("link to one of: {}", targets.known.keys().copied().collect::<Vec<_>>().join(", "))),
            );
        };
        return id.filter(|id| !ids.contains(*id)).map(|id| {
            Diagnostic::error("link-clause", format!("link to clause `#{id}` of `{slug}`, which has no such clause"))
                .hint("check the clause id in the target policy's headings")
        });
    }
    let scheme = dest.split_once(':').map(|(s, _)| s.to_ascii_lowercase()).filter(|s| !s.contains(['/', '?', '#']));
    // `//host/…` and `https:host` lead to another site without saying so plainly.
    let web_without_slashes = matches!(scheme.as_deref(), Some("http" | "https"))
        && !dest.split_once(':').is_some_and(|(_, rest)| rest.starts_with("//"));
    if dest.starts_with("//") || web_without_slashes {
        let shown = dest.trim_start_matches('/');
        return Some(
            Diagnostic::error("link-scheme", format!("link `{dest}` leads to another site without a full address"))
                .hint(format!("write the whole address, https://{shown}, or a path of this site starting with one /")),
        );
    }
    match scheme.as_deref() {
        Some("http" | "https" | "mailto" | "tel") => None,
        Some(_) => Some(
            Diagnostic::error(
                "link-scheme",
                format!("link `{}` uses a scheme that is not allowed", dest.replace('\n', "\\n")),
            )
            .hint("links may be http(s):, mailto:, tel:, policy:SLUG#id, #id or a path"),
        ),
        None if dest.starts_with('/') => path_problem(dest, targets),
        None => Some(relative_problem(dest, &targets.urls.static_file("NAME").path)),
    }
}

/// A path from the site's root that names no file of the site.
fn path_problem(dest: &str, targets: &Targets<'_>) -> Option<Diagnostic> {
    let base = targets.base_path;
    let resolved = super::urls::resolves(dest, base, targets.paths);
    if resolved.is_none() {
        // Outside the site, unless the base path was left out.
        let with_base = format!("{base}{}", dest.trim_start_matches('/'));
        return (super::urls::resolves(&with_base, base, targets.paths) == Some(true)).then(|| {
            Diagnostic::warning("link-path", format!("link `{dest}` leaves out the path the site is published under"))
                .hint(format!("write `{with_base}` (the site is published under {base})"))
        });
    }
    (resolved == Some(false)).then(|| {
        Diagnostic::warning("link-path", format!("link `{dest}` points to no page or file of this site")).hint(format!(
            "put the file in static/ and link to {}; link to policies as policy:SLUG#id; \
             if another part of the web site serves it, write its full https:// address",
            targets.urls.static_file("NAME").path
        ))
    })
}

/// A relative link: it would resolve differently from a version's
/// permanent page and from the canonical page.
fn relative_problem(dest: &str, static_example: &str) -> Diagnostic {
    let first_segment = dest.split(['/', '?', '#']).next().unwrap_or_default();
    const FILE_TYPES: &[&str] =
        &["html", "htm", "pdf", "png", "jpg", "jpeg", "gif", "svg", "webp", "txt", "csv", "zip"];
    let extension = first_segment.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    let looks_like_domain = first_segment.split('.').count() > 1
        && first_segment.split('.').all(|part| !part.is_empty())
        && extension.is_some_and(|e| !FILE_TYPES.contains(&e.as_str()));
    let diagnostic = Diagnostic::warning("link-relative", format!("link `{dest}` is relative to the page it is on"));
    if looks_like_domain {
        diagnostic.hint(format!("to link to another site, write https://{dest}"))
    } else {
        diagnostic.hint(format!(
            "the same text is shown at the policy's address and at each version's: write a path from the \
             site's root ({static_example}) or policy:SLUG#id"
        ))
    }
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
                        None => Diagnostic::error("block-unknown", format!("no block `{}` is defined", block_ref.id))
                            .hint(format!(
                                "create blocks/{}.toml{}",
                                block_ref.id,
                                known_ids(
                                    site.blocks
                                        .by_id
                                        .iter()
                                        .filter(|(_, b)| b.kind.name() == block_ref.kind)
                                        .map(|(id, _)| id)
                                )
                            )),
                        Some(block) if block.kind.name() != block_ref.kind => Diagnostic::error(
                            "block-kind",
                            format!(
                                "block `{}` is {} block, not {} block",
                                block.id,
                                block.kind.with_article(),
                                crate::parse::blocks::BlockKind::from_name(&block_ref.kind)
                                    .map_or_else(|| format!("a {}", block_ref.kind), |kind| kind.with_article())
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
        let known: BTreeMap<&str, BTreeSet<String>> =
            [("terms", ["x".to_string()].into_iter().collect())].into_iter().collect();
        let paths: BTreeSet<String> = ["static/a.pdf", "ja/terms/index.html"].into_iter().map(String::from).collect();
        let incomplete = ["broken".to_string()].into_iter().collect();
        let targets = Targets {
            own: ["a"].into_iter().collect(),
            known: &known,
            paths: &paths,
            base_path: "/",
            urls: &super::super::urls::Urls::new("https://example.com/", "/"),
            incomplete: &incomplete,
        };
        let code = |dest| link_problem(dest, &targets).map(|d| d.code);
        assert_eq!(code("#a"), None);
        assert_eq!(code("#b"), Some("link-clause"));
        assert_eq!(code("policy:terms"), None);
        assert_eq!(code("policy:terms#x"), None);
        assert_eq!(code("policy:terms#y"), Some("link-clause"));
        assert_eq!(code("policy:faq"), Some("link-policy"));
        // A policy with errors of its own is not second-guessed.
        assert_eq!(code("policy:broken"), None);
        assert_eq!(code("policy:broken#x"), None);
        assert_eq!(code("https://example.com/"), None);
        assert_eq!(code("mailto:privacy@example.com"), None);
        assert_eq!(code("/static/a.pdf"), None);
        assert_eq!(code("/ja/terms/#x"), None);
        assert_eq!(code("/static/b.pdf"), Some("link-path"));
        assert_eq!(code("www.example.com/privacy"), Some("link-relative"));
        assert_eq!(code("guide.html#a"), Some("link-relative"));
        assert_eq!(code("../terms/"), Some("link-relative"));
        assert_eq!(code("JavaScript:alert(1)"), Some("link-scheme"));
        assert_eq!(code("data:text/html,x"), Some("link-scheme"));
        assert_eq!(code("//evil.example/x"), Some("link-scheme"), "protocol-relative: another site");
        assert_eq!(code("https:evil.example"), Some("link-scheme"));
        let hint = |dest| link_problem(dest, &targets).and_then(|d| d.hint).unwrap_or_default();
        assert!(hint("www.example.com/privacy").contains("https://www.example.com/privacy"));
        assert!(hint("diagram.png").contains("/static/NAME"));
    }
}
