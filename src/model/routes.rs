//! The files a site publishes, from the model alone (before anything is
//! rendered): what a link inside the site may point to. The pages module
//! decides the same paths when it renders; a test builds the example site
//! and checks that both agree.

use std::collections::BTreeSet;

use super::Site;
use crate::render::export::API_ROOT;

/// Every file of the built site, as a path below the output folder
/// (`ja/privacy/index.html`, `static/kiyaku.css`).
pub fn site_paths<'s>(site: &Site<'_>, statics: impl Iterator<Item = &'s str>) -> BTreeSet<String> {
    let mut paths: BTreeSet<String> =
        ["index.html", "404.html", "sitemap.xml", "robots.txt"].into_iter().map(String::from).collect();
    paths.insert(format!("{API_ROOT}index.json"));
    paths.insert(format!("{API_ROOT}schema.json"));
    for lang in &site.config.languages {
        paths.insert(format!("{lang}/index.html"));
        paths.insert(format!("{lang}/feed.json"));
        for policy in &site.policies {
            let slug = &policy.slug;
            paths.insert(format!("{lang}/{slug}/index.html"));
            paths.insert(format!("{lang}/{slug}/history/index.html"));
            paths.insert(format!("{API_ROOT}{lang}/{slug}/current.json"));
            for (index, version) in policy.versions.iter().enumerate() {
                let date = version.effective;
                paths.insert(format!("{lang}/{slug}/{date}/index.html"));
                paths.insert(format!("{API_ROOT}{lang}/{slug}/{date}.json"));
                if index > 0 {
                    paths.insert(format!("{lang}/{slug}/{date}/changes/index.html"));
                }
            }
        }
    }
    paths.extend(statics.map(|name| format!("static/{name}")));
    paths
}

/// Whether a link path (`/static/a.pdf`, `/legal/ja/terms/#x`) names a file
/// of the site published under `base_path`; `None` when it points outside
/// the base path, where other parts of the web site may serve it.
pub fn resolves(dest: &str, base_path: &str, paths: &BTreeSet<String>) -> Option<bool> {
    let path = dest.split(['?', '#']).next().unwrap_or_default();
    let path = crate::base::url::percent_decode(path).unwrap_or_else(|| path.to_string());
    let inside =
        path.strip_prefix(base_path).or_else(|| (path.as_str() == base_path.trim_end_matches('/')).then_some(""));
    let rest = inside?;
    let found = if rest.is_empty() || rest.ends_with('/') {
        paths.contains(&format!("{rest}index.html"))
    } else {
        paths.contains(rest) || paths.contains(&format!("{rest}/index.html"))
    };
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_paths_resolve_under_the_base_path() {
        let paths: BTreeSet<String> =
            ["ja/terms/index.html", "static/資料.pdf", "index.html"].into_iter().map(String::from).collect();
        assert_eq!(resolves("/legal/ja/terms/#fees", "/legal/", &paths), Some(true));
        assert_eq!(resolves("/legal/ja/terms", "/legal/", &paths), Some(true));
        assert_eq!(resolves("/legal/ja/terms/index.html", "/legal/", &paths), Some(true));
        assert_eq!(resolves("/legal/static/%E8%B3%87%E6%96%99.pdf", "/legal/", &paths), Some(true));
        assert_eq!(resolves("/legal/static/missing.pdf", "/legal/", &paths), Some(false));
        assert_eq!(resolves("/legal", "/legal/", &paths), Some(true));
        assert_eq!(resolves("/company/", "/legal/", &paths), None, "outside the site: not ours to judge");
        assert_eq!(resolves("/static/a.pdf?v=1", "/", &paths), Some(false));
        assert_eq!(resolves("/static/%zz", "/", &paths), Some(false), "malformed escapes kept as written");
    }
}
