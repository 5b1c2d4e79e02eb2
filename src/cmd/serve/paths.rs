//! Request paths to site files: percent-decoding, normalisation, and the
//! refusal of anything that could name a file outside the site. The preview
//! serves from memory, so no request reaches the disk at all; these rules
//! keep the answers honest (400 for malformed paths, never a guess).

use crate::base::url::percent_decode;
use crate::model::urls::Urls;
use std::net::IpAddr;

/// What a request path asks for.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// A file of the site, by its path below the site root (`ja/index.html`).
    File(String),
    /// A folder asked for without its trailing slash: redirect here.
    Redirect(String),
    NotFound,
    BadRequest,
}

/// Whether a request's `Host` names this machine: `localhost` (or a name
/// under it), a loopback address, the address listened on (`bind`; any
/// address when that is 0.0.0.0 or `::`, as a LAN reaches it by one of the
/// machine's), or `also` (the host of `--base-url`, lower case), with any
/// port; a request without one (HTTP/1.0) passes. Any other name may be a
/// DNS rebinding attack: a page of another site whose name was pointed at
/// 127.0.0.1 to read the preview.
pub(super) fn allowed_host(host: Option<&str>, also: Option<&str>, bind: IpAddr) -> bool {
    let Some(host) = host.map(str::trim) else { return true };
    let this_machine = |ip: IpAddr| ip.to_canonical().is_loopback() || bind.is_unspecified() || ip == bind;
    let name = match host.strip_prefix('[') {
        // An IPv6 literal, then nothing or a port: not `[::1]evil.example`.
        Some(bracketed) => {
            let Some((ip, rest)) = bracketed.split_once(']') else { return false };
            let port = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
            return ip.parse::<std::net::Ipv6Addr>().is_ok_and(|ip| this_machine(IpAddr::V6(ip)))
                && (rest.is_empty() || rest.strip_prefix(':').is_some_and(port));
        }
        None => {
            host.rsplit_once(':').filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit())).map_or(host, |(n, _)| n)
        }
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<IpAddr>().is_ok_and(this_machine)
        || also.is_some_and(|also| name == also)
}

/// The host of an authority (`Example.com:8443` → `Example.com`), without
/// its port; an IPv6 literal keeps its brackets.
fn authority_host(authority: &str) -> Option<&str> {
    let authority = authority.trim();
    let host = match authority.strip_prefix('[') {
        Some(rest) => &authority[..rest.find(']')? + 2],
        None => authority.rsplit_once(':').map_or(authority, |(host, _)| host),
    };
    (!host.is_empty()).then_some(host.trim_end_matches('.'))
}

/// The host of an absolute http(s) URL (`https://x.example:8443/legal/` →
/// `x.example`).
pub(super) fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    authority_host(authority)
}

/// A request target in absolute form (`http://127.0.0.1:1111/ja/`), which
/// an HTTP/1.1 server must accept: its host and its path.
pub(super) fn split_absolute(target: &str) -> Option<(&str, &str)> {
    let scheme = target.get(..7).filter(|s| s.eq_ignore_ascii_case("http://"))?;
    let rest = &target[scheme.len()..];
    let at = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(at);
    Some((authority, if path.starts_with('/') { path } else { "/" }))
}

/// The normalised segments of a request path, or `None` if it is unsafe.
pub(super) fn segments(url: &str) -> Option<Vec<String>> {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    if !path.starts_with('/') {
        return None;
    }
    let decoded = percent_decode(path)?;
    if decoded.contains(['\0', '\\']) || decoded.chars().any(char::is_control) {
        return None;
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            s if s.contains(':') => return None,
            s => segments.push(s.to_string()),
        }
    }
    Some(segments)
}

/// Resolves a request path against the site's files.
pub(crate) fn resolve(url: &str, exists: impl Fn(&str) -> bool) -> Target {
    let Some(segments) = segments(url) else { return Target::BadRequest };
    let joined = segments.join("/");
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let as_folder = if joined.is_empty() { Urls::file_of("") } else { Urls::file_of(&format!("{joined}/")) };
    if path.ends_with('/') || joined.is_empty() {
        return if exists(&as_folder) { Target::File(as_folder) } else { Target::NotFound };
    }
    if exists(&joined) {
        Target::File(joined)
    } else if exists(&as_folder) {
        // As requested (still encoded), with its query: only the slash is added.
        let query =
            url.split('#').next().unwrap_or_default().split_once('?').map_or(String::new(), |(_, q)| format!("?{q}"));
        // One leading slash: `//ja/` would send the browser to a host `ja`.
        Target::Redirect(format!("/{}/{query}", path.trim_start_matches('/')))
    } else {
        Target::NotFound
    }
}

/// The Content-Type of a site file.
pub(crate) fn content_type(path: &str) -> &'static str {
    if Urls::is_feed(path) {
        return "application/feed+json; charset=utf-8";
    }
    match path.rsplit('.').next().unwrap_or_default().to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "webmanifest" => "application/manifest+json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_of_urls_and_authorities() {
        assert_eq!(url_host("https://Tunnel.example:8443/legal/"), Some("Tunnel.example"));
        assert_eq!(url_host("https://user@x.example/"), Some("x.example"));
        assert_eq!(url_host("http://[::1]:1111/"), Some("[::1]"));
        assert_eq!(authority_host("x.example."), Some("x.example"));
        assert_eq!(authority_host(":80"), None);
    }

    #[test]
    fn only_requests_for_this_machine_are_answered() {
        let loopback = IpAddr::from([127, 0, 0, 1]);
        let allowed = |host| allowed_host(Some(host), None, loopback);
        for host in [
            "localhost",
            "LOCALHOST:1111",
            "127.0.0.1:1111",
            "127.1.2.3",
            "[::1]:1111",
            "[::ffff:127.0.0.1]",
            "app.localhost",
        ] {
            assert!(allowed(host), "{host}");
        }
        for host in [
            "evil.example",
            "EVIL.EXAMPLE",
            "evil.example:1111",
            "127.0.0.1.evil.example",
            "localhost.evil.example",
            "[evil]",
            "[::1]evil.example",
            "[::1]:",
            "[::1]:80x",
            "",
            // Another machine's address: bound to 127.0.0.1, nobody reaches it so.
            "192.168.1.5",
            "[2001:db8::1]:1111",
            "[::ffff:8.8.8.8]",
        ] {
            assert!(!allowed(host), "{host}");
        }
        assert!(allowed_host(None, None, loopback), "HTTP/1.0 without Host");
        // Bound to every address (--bind 0.0.0.0), the LAN names one of the machine's.
        assert!(allowed_host(Some("192.168.1.5:1111"), None, IpAddr::from([0, 0, 0, 0])));
        assert!(allowed_host(Some("192.168.1.5"), None, IpAddr::from([192, 168, 1, 5])));
        assert!(!allowed_host(Some("evil.example"), None, IpAddr::from([0, 0, 0, 0])));
        assert!(allowed_host(Some("Tunnel.example:443"), Some("tunnel.example"), loopback), "the --base-url host");
        assert!(!allowed_host(Some("evil.example"), Some("tunnel.example"), loopback));
    }

    fn site(path: &str) -> bool {
        [
            "index.html",
            "ja/index.html",
            "ja/privacy/index.html",
            "static/kiyaku.css",
            "ja/feed.json",
            "ja/プライバシー/index.html",
        ]
        .contains(&path)
    }

    #[test]
    fn resolves_files_folders_and_redirects() {
        assert_eq!(resolve("/", site), Target::File("index.html".into()));
        assert_eq!(resolve("/ja/privacy/", site), Target::File("ja/privacy/index.html".into()));
        assert_eq!(resolve("/ja/privacy/?x=1#y", site), Target::File("ja/privacy/index.html".into()));
        assert_eq!(resolve("/ja/privacy", site), Target::Redirect("/ja/privacy/".into()));
        assert_eq!(resolve("/ja/privacy?from=app#x", site), Target::Redirect("/ja/privacy/?from=app".into()));
        assert_eq!(resolve("//ja/privacy", site), Target::Redirect("/ja/privacy/".into()), "no open redirect");
        assert_eq!(resolve("///ja/privacy", site), Target::Redirect("/ja/privacy/".into()));
        assert_eq!(resolve("/static/kiyaku.css", site), Target::File("static/kiyaku.css".into()));
        assert_eq!(resolve("/ja//./privacy/", site), Target::File("ja/privacy/index.html".into()));
        assert_eq!(
            resolve("/ja/%E3%83%97%E3%83%A9%E3%82%A4%E3%83%90%E3%82%B7%E3%83%BC/", site),
            Target::File("ja/プライバシー/index.html".into())
        );
        assert_eq!(resolve("/nope", site), Target::NotFound);
    }

    #[test]
    fn refuses_hostile_paths() {
        for url in [
            "/../etc/passwd",
            "/ja/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/ja/..%5c..%5cwindows",
            "/ja\\..\\x",
            "/a%00.html",
            "/%zz",
            "/%ff%fe",
            "etc/passwd",
            "//c:/windows",
            "/C:%5Cwindows",
        ] {
            assert_eq!(resolve(url, |_| true), Target::BadRequest, "{url}");
        }
    }

    #[test]
    fn absolute_form_targets() {
        assert_eq!(split_absolute("http://127.0.0.1:1111/ja/?x=1"), Some(("127.0.0.1:1111", "/ja/?x=1")));
        assert_eq!(split_absolute("HTTP://localhost"), Some(("localhost", "/")));
        assert_eq!(split_absolute("/ja/"), None);
        assert_eq!(split_absolute("https://evil.example/"), None);
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("ja/feed.json"), "application/feed+json; charset=utf-8");
        assert_eq!(content_type("api/v1/index.json"), "application/json; charset=utf-8");
        assert_eq!(content_type("static/kiyaku.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("static/LOGO.PNG"), "image/png");
        assert_eq!(content_type("favicon.svg"), "image/svg+xml");
    }
}
