//! The URL table: every address the site publishes, decided here and
//! nowhere else. Each address is a [`Route`]: the path pages link to (with
//! the base path), the absolute URL (for canonical links, the JSON export,
//! the feed and the sitemap), and the file below the output folder that
//! holds it. The model computes each policy's and version's routes once,
//! when it builds them (as Zola's `Page` sets its permalink); pages, the
//! export, the feed, the sitemap, link checks and the preview all read them.

use std::collections::BTreeSet;

use jiff::civil::Date;

use super::Site;

/// Where the JSON export lives below the site root; its version is part of
/// the address so that a future format can live beside this one.
pub const API_ROOT: &str = "api/v1/";

/// One address of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// As pages link to it: `/legal/ja/privacy/`.
    pub path: String,
    /// Absolute: `https://example.com/legal/ja/privacy/`.
    pub url: String,
    /// The file below the output folder: `ja/privacy/index.html`.
    pub file: String,
}

/// The addresses of one policy in one language.
#[derive(Debug, Clone)]
pub struct PolicyRoutes {
    /// The canonical page: the version in force.
    pub canonical: Route,
    /// The revision history.
    pub history: Route,
    /// The JSON document of the version in force.
    pub current_json: Route,
}

/// The addresses of one version in one language.
#[derive(Debug, Clone)]
pub struct VersionRoutes {
    /// The permanent page of the version.
    pub page: Route,
    /// Its 新旧対照表 against the version before it (published for every
    /// version but the first).
    pub changes: Route,
    /// Its JSON document.
    pub json: Route,
    /// Its PDF record, when the build makes PDFs (`{slug}-{date}-{lang}.pdf`:
    /// a name that says what it is once downloaded).
    pub pdf: Route,
    /// The PDF of its 新旧対照表, beside that page.
    pub changes_pdf: Route,
}

/// The URL scheme of one site: its published address and every route in it.
#[derive(Debug, Clone)]
pub struct Urls {
    base_url: String,
    base_path: String,
}

impl Urls {
    /// The scheme of a site published at `base_url` (ending in `/`), whose
    /// path part is `base_path` (`/` or `/legal/`).
    pub fn new(base_url: &str, base_path: &str) -> Self {
        Urls { base_url: base_url.to_string(), base_path: base_path.to_string() }
    }

    /// The file that holds a place below the site root: a folder
    /// (`ja/privacy/`, or the root itself) is served by its `index.html`, a
    /// file (`ja/feed.json`) is itself. The preview resolves requests by it.
    pub fn file_of(below_root: &str) -> String {
        if below_root.is_empty() || below_root.ends_with('/') {
            format!("{below_root}index.html")
        } else {
            below_root.to_string()
        }
    }

    /// A route from its place below the site root.
    fn at(&self, below_root: &str) -> Route {
        let (path, url) = (format!("{}{below_root}", self.base_path), format!("{}{below_root}", self.base_url));
        Route { path, url, file: Self::file_of(below_root) }
    }

    /// The site's root page, which sends readers to their language.
    pub fn root(&self) -> Route {
        self.at("")
    }

    /// The list of policies in one language.
    pub fn home(&self, lang: &str) -> Route {
        self.at(&format!("{lang}/"))
    }

    /// The search page of one language (`search` is no policy's slug).
    pub fn search(&self, lang: &str) -> Route {
        self.at(&format!("{lang}/search/"))
    }

    /// The search index of one language: the clauses of the versions in
    /// force or upcoming.
    pub fn search_index(&self, lang: &str) -> Route {
        self.at(&format!("{lang}/search/current.json"))
    }

    /// The clauses of the archived versions, fetched when a reader asks.
    pub fn search_archive(&self, lang: &str) -> Route {
        self.at(&format!("{lang}/search/archived.json"))
    }

    /// The JSON Feed of one language.
    pub fn feed(&self, lang: &str) -> Route {
        self.at(&format!("{lang}/feed.json"))
    }

    /// The file of the page for any missing path, which a server sends
    /// with its 404 status (its links are absolute, see its template).
    pub const NOT_FOUND_FILE: &str = "404.html";

    /// The page for any missing path.
    pub fn not_found(&self) -> Route {
        self.at(Self::NOT_FOUND_FILE)
    }

    /// `sitemap.xml`.
    pub fn sitemap(&self) -> Route {
        self.at("sitemap.xml")
    }

    /// `robots.txt`.
    pub fn robots(&self) -> Route {
        self.at("robots.txt")
    }

    /// The folder of the theme's and the site's static files.
    pub fn static_dir(&self) -> Route {
        self.at("static/")
    }

    /// One static file, by its name below `static/`.
    pub fn static_file(&self, name: &str) -> Route {
        self.at(&format!("static/{name}"))
    }

    /// A static file under a name that carries its content's digest
    /// (`static/kiyaku.3f2a9c1b07.css`): a CDN may cache it forever, since
    /// new content gets a new name.
    pub fn static_asset(&self, name: &str, digest: &str) -> Route {
        let (stem, extension) = match name.rsplit_once('.') {
            Some((stem, extension)) if !stem.is_empty() && !stem.ends_with('/') => (stem, format!(".{extension}")),
            _ => (name, String::new()),
        };
        self.at(&format!("static/{stem}.{digest}{extension}"))
    }

    /// The response headers file that Netlify and Cloudflare Pages read
    /// (`_headers`, at the root of the output).
    pub fn headers_file(&self) -> Route {
        self.at("_headers")
    }

    /// The JSON index of every policy and version.
    pub fn api_index(&self) -> Route {
        self.at(&format!("{API_ROOT}index.json"))
    }

    /// The JSON Schema of every document of the export.
    pub fn schema(&self) -> Route {
        self.at(&format!("{API_ROOT}schema.json"))
    }

    /// The routes of a policy in one language.
    pub fn policy(&self, lang: &str, slug: &str) -> PolicyRoutes {
        PolicyRoutes {
            canonical: self.at(&format!("{lang}/{slug}/")),
            history: self.at(&format!("{lang}/{slug}/history/")),
            current_json: self.at(&format!("{API_ROOT}{lang}/{slug}/current.json")),
        }
    }

    /// The routes of a version in one language.
    pub fn version(&self, lang: &str, slug: &str, effective: Date) -> VersionRoutes {
        VersionRoutes {
            page: self.at(&format!("{lang}/{slug}/{effective}/")),
            changes: self.at(&format!("{lang}/{slug}/{effective}/changes/")),
            json: self.at(&format!("{API_ROOT}{lang}/{slug}/{effective}.json")),
            pdf: self.at(&format!("{lang}/{slug}/{effective}/{slug}-{effective}-{lang}.pdf")),
            changes_pdf: self.at(&format!("{lang}/{slug}/{effective}/changes/{slug}-{effective}-changes-{lang}.pdf")),
        }
    }

    /// The 新旧対照表 of version `new` against an earlier one that is not the
    /// one right before it (that one is `changes`): `…/{new}/changes/{old}/`.
    pub fn comparison(&self, lang: &str, slug: &str, old: Date, new: Date) -> Route {
        self.at(&format!("{lang}/{slug}/{new}/changes/{old}/"))
    }

    /// Where a `policy:slug#fragment` link in policy text points.
    pub fn policy_link(&self, lang: &str, slug: &str, fragment: Option<&str>) -> String {
        let mut path = format!("{}{lang}/{slug}/", self.base_path);
        if let Some(fragment) = fragment {
            path.push('#');
            path.push_str(fragment);
        }
        path
    }

    /// The absolute URL of a path that starts with the base path.
    pub fn absolute(&self, path: &str) -> String {
        let relative = path.strip_prefix(&self.base_path).unwrap_or(path);
        format!("{}{relative}", self.base_url)
    }

    /// Whether a file below the output folder is a language's JSON Feed
    /// (served as `application/feed+json`).
    pub fn is_feed(file: &str) -> bool {
        file.split_once('/').is_some_and(|(lang, rest)| !lang.is_empty() && rest == "feed.json")
    }

    /// The policy a published file belongs to (`ja/privacy/…` or
    /// `api/v1/ja/privacy/…`), from the file's path alone: the preview
    /// replaces only the files of the policies it rebuilt.
    pub fn policy_of_file(file: &str) -> Option<&str> {
        let rest = file.strip_prefix(API_ROOT).unwrap_or(file);
        let mut parts = rest.split('/');
        let (_lang, slug) = (parts.next()?, parts.next()?);
        // A third part: `ja/feed.json` and `api/v1/index.json` are no policy's.
        parts.next().map(|_| slug)
    }
}

/// Every file of the built site, as a path below the output folder
/// (`ja/privacy/index.html`, `static/kiyaku.css`).
pub fn site_paths<'s>(site: &Site<'_>, statics: impl Iterator<Item = &'s str>) -> BTreeSet<String> {
    let urls = &site.urls;
    let mut routes =
        vec![urls.root(), urls.not_found(), urls.sitemap(), urls.robots(), urls.api_index(), urls.schema()];
    for lang in &site.config.languages {
        routes.extend([urls.home(lang), urls.feed(lang)]);
        routes.extend([urls.search(lang), urls.search_index(lang), urls.search_archive(lang)]);
        for policy in &site.policies {
            let own = policy.routes(lang);
            routes.extend([own.canonical.clone(), own.history.clone(), own.current_json.clone()]);
            for (index, version) in policy.versions.iter().enumerate() {
                let own = version.routes(lang);
                routes.extend([own.page.clone(), own.json.clone()]);
                if index > 0 {
                    routes.push(own.changes.clone());
                }
                if site.pdf {
                    routes.push(own.pdf.clone());
                    routes.extend((index > 0).then(|| own.changes_pdf.clone()));
                }
                let across = if site.config.compare_any_two { index.saturating_sub(1) } else { 0 };
                let earlier = policy.versions.iter().take(across);
                routes.extend(earlier.map(|old| urls.comparison(lang, &policy.slug, old.effective, version.effective)));
            }
        }
    }
    routes.extend(statics.map(|name| urls.static_file(name)));
    routes.into_iter().map(|route| route.file).collect()
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
        paths.contains(&Urls::file_of(rest))
    } else {
        paths.contains(rest) || paths.contains(&Urls::file_of(&format!("{rest}/")))
    };
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_put_folders_in_index_files() {
        let urls = Urls::new("https://example.com/legal/", "/legal/");
        let day = Date::constant(2024, 4, 1);
        let version = urls.version("ja", "privacy", day);
        assert_eq!(version.page.path, "/legal/ja/privacy/2024-04-01/");
        assert_eq!(version.page.url, "https://example.com/legal/ja/privacy/2024-04-01/");
        assert_eq!(version.page.file, "ja/privacy/2024-04-01/index.html");
        assert_eq!(version.json.file, "api/v1/ja/privacy/2024-04-01.json");
        assert_eq!(urls.feed("en").file, "en/feed.json");
        assert_eq!(urls.root().file, "index.html");
        assert_eq!(urls.absolute("/legal/ja/"), "https://example.com/legal/ja/");
        assert_eq!(urls.policy_link("en", "terms", Some("fees")), "/legal/en/terms/#fees");
    }

    #[test]
    fn policy_files_are_told_apart() {
        assert_eq!(Urls::policy_of_file("ja/privacy/index.html"), Some("privacy"));
        assert_eq!(Urls::policy_of_file("en/privacy/2021-04-01/changes/index.html"), Some("privacy"));
        assert_eq!(Urls::policy_of_file("api/v1/ja/privacy/current.json"), Some("privacy"));
        assert_eq!(Urls::policy_of_file("ja/terms/index.html"), Some("terms"));
        assert_eq!(Urls::policy_of_file("ja/index.html"), None);
        assert_eq!(Urls::policy_of_file("api/v1/index.json"), None);
        assert_eq!(Urls::policy_of_file("ja/feed.json"), None);
        assert!(Urls::is_feed("ja/feed.json"));
        assert!(!Urls::is_feed("static/x/feed.json"));
    }

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
