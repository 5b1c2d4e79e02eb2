//! The static files a site publishes, and the names that carry their
//! content's digest, with the `_headers` file that tells hosts how to serve
//! them.
//!
//! Every file of `static/` (the theme's and the site's) is published under
//! its own name, so that links written into policies keep working. The
//! files the templates ask for with `asset("kiyaku.css")` are published a
//! second time under a name with the first 10 hex digits of their SHA-256
//! (`static/kiyaku.3f2a9c1b07.css`), and the pages link to that name: a CDN
//! may then cache them for a year, since changed content gets a new name.
//! `_headers` (read by Netlify and Cloudflare Pages; any other host serves
//! it as an ordinary, harmless file) says so, and gives the feeds the type
//! `application/feed+json` that no common MIME table maps `.json` to.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

use crate::base::diag::SourceFile;
use crate::model::urls::{Route, Urls};
use crate::render::OutputFile;

/// The digest-named route of each static file the templates ask for.
#[derive(Debug, Default, Clone)]
pub struct Assets {
    routes: BTreeMap<String, Route>,
}

impl Assets {
    /// The assets that `templates` name in `asset("…")` calls and that
    /// exist in `statics`; a name that does not is reported when the
    /// template renders.
    pub fn new(templates: &BTreeMap<String, SourceFile>, statics: &BTreeMap<String, Vec<u8>>, urls: &Urls) -> Self {
        static CALL: OnceLock<regex::Regex> = OnceLock::new();
        let call =
            CALL.get_or_init(|| regex::Regex::new(r#"asset(?:_url)?\(\s*["']([^"']+)["']\s*\)"#).expect("valid"));
        let routes = templates
            .values()
            .flat_map(|file| call.captures_iter(&file.text).map(|c| c[1].to_string()).collect::<Vec<_>>())
            .filter_map(|name: String| {
                let bytes = statics.get(&name)?;
                let digest = format!("{:x}", Sha256::digest(bytes));
                let route = urls.static_asset(&name, &digest[..10]);
                Some((name, route))
            })
            .collect();
        Assets { routes }
    }

    /// The path pages link to for the static file `name`.
    pub fn path(&self, name: &str) -> Option<&str> {
        self.routes.get(name).map(|route| route.path.as_str())
    }

    /// The absolute URL of the static file `name` (for `og:image`).
    pub fn url(&self, name: &str) -> Option<&str> {
        self.routes.get(name).map(|route| route.url.as_str())
    }

    /// Every static file, under its own name and, for assets, under its
    /// digest-named one too.
    pub fn files(&self, statics: &BTreeMap<String, Vec<u8>>, urls: &Urls) -> Vec<OutputFile> {
        let mut files = Vec::new();
        for (name, bytes) in statics {
            let plain = OutputFile::new(urls.static_file(name).file, bytes.clone());
            // One content under both names: written once, hard-linked.
            if let Some(route) = self.routes.get(name) {
                files.push(OutputFile::same_as(route.file.clone(), &plain));
            }
            files.push(plain);
        }
        files
    }

    /// `_headers`: digest-named assets cached for a year, the feeds typed,
    /// the JSON export readable from any origin (apps fetch it from their
    /// own). Its paths are the pages' own, below the site's base path: the
    /// file belongs at the root of what the host publishes.
    pub fn headers_file(&self, urls: &Urls, languages: &[String]) -> OutputFile {
        let root = urls.root().path;
        let mut text = format!(
            "# Response headers for Netlify and Cloudflare Pages, written by kiyaku build.\n\
             # Paths are as the site is reached (below {root}): this file belongs at the\n\
             # root of what the host publishes.\n\
             {root}*\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n",
        );
        for route in self.routes.values() {
            text.push_str(&format!("{}\n  Cache-Control: public, max-age=31536000, immutable\n", route.path));
        }
        for lang in languages {
            let feed = urls.feed(lang).path;
            text.push_str(&format!("{feed}\n  Content-Type: application/feed+json; charset=utf-8\n"));
            text.push_str("  Access-Control-Allow-Origin: *\n");
        }
        let api = urls.api_index().path;
        let api_dir = api.rsplit_once('/').map_or("", |(dir, _)| dir);
        text.push_str(&format!("{api_dir}/*\n  Access-Control-Allow-Origin: *\n"));
        OutputFile::new(urls.headers_file().file, text.into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls() -> Urls {
        Urls::new("https://example.com/legal/", "/legal/")
    }

    #[test]
    fn assets_named_by_templates_get_their_digest_in_the_name() {
        let templates = BTreeMap::from([(
            "base.html".to_string(),
            SourceFile::new("base.html", r#"<link href="{{ asset("kiyaku.css") }}"> {{ asset('missing.js') }}"#),
        )]);
        let statics = BTreeMap::from([
            ("kiyaku.css".to_string(), b"body{}".to_vec()),
            ("policy.pdf".to_string(), b"%PDF".to_vec()),
        ]);
        let assets = Assets::new(&templates, &statics, &urls());
        let digest = &format!("{:x}", Sha256::digest(b"body{}"))[..10];
        assert_eq!(assets.path("kiyaku.css"), Some(format!("/legal/static/kiyaku.{digest}.css").as_str()));
        assert_eq!(assets.path("missing.js"), None);
        assert_eq!(assets.path("policy.pdf"), None, "not asked for by a template");
        let files: Vec<String> = assets.files(&statics, &urls()).into_iter().map(|f| f.path).collect();
        assert_eq!(files, [&format!("static/kiyaku.{digest}.css"), "static/kiyaku.css", "static/policy.pdf"]);
        let headers = String::from_utf8(assets.headers_file(&urls(), &["ja".into()]).bytes.to_vec()).unwrap();
        assert!(
            headers.contains(&format!(
                "/static/kiyaku.{digest}.css\n  Cache-Control: public, max-age=31536000, immutable"
            ))
        );
        assert!(headers.contains("/ja/feed.json\n  Content-Type: application/feed+json; charset=utf-8"));
        assert!(headers.contains("/api/v1/*\n  Access-Control-Allow-Origin: *"));
    }
}
