//! `kiyaku serve`: pages over HTTP, live reload over Server-Sent Events,
//! the error overlay while the sources are broken, and no way out of the site.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

/// A running `kiyaku serve`, stopped when dropped.
pub(crate) struct Server {
    child: Child,
    pub(crate) port: u16,
    _site: tempfile::TempDir,
    pub(crate) root: std::path::PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn start() -> Server {
    serve_site(copy_fixture("basic"))
}

/// Starts `kiyaku serve` on a site already prepared.
fn serve_site(site: tempfile::TempDir) -> Server {
    serve_site_with(site, &[])
}

/// Starts `kiyaku serve` on a site already prepared, with more flags.
fn serve_site_with(site: tempfile::TempDir, flags: &[&str]) -> Server {
    let root = site.path().to_path_buf();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kiyaku"))
        .args(["serve", "--root", s(&root), "--port", "0", "--now", "2025-06-01"])
        .args(flags)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let port = line.split("127.0.0.1:").nth(1).and_then(|r| r.split('/').next()).and_then(|p| p.parse().ok());
    let port = port.unwrap_or_else(|| panic!("no address in {line:?}"));
    Server { child, port, _site: site, root }
}

/// A plain HTTP/1.0 request; returns the status, headers and body.
pub(crate) fn get(port: u16, method: &str, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "{method} {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

/// An open event stream.
pub(crate) struct Events(BufReader<TcpStream>);

impl Events {
    pub(crate) fn open(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        write!(stream, "GET /__kiyaku/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
            .unwrap();
        let mut events = Events(BufReader::new(stream));
        let mut line = String::new();
        events.0.read_line(&mut line).unwrap();
        assert!(line.starts_with("HTTP/1.1 200"), "{line}");
        events
    }

    /// The next event as (name, data), skipping pings.
    pub(crate) fn next(&mut self) -> (String, String) {
        let (mut name, mut data) = (String::new(), String::new());
        loop {
            let mut line = String::new();
            assert!(self.0.read_line(&mut line).unwrap() > 0, "stream closed");
            let line = line.trim_end();
            if let Some(value) = line.strip_prefix("event: ") {
                name = value.to_string();
            } else if let Some(value) = line.strip_prefix("data: ") {
                data = value.to_string();
            } else if line.is_empty() && !name.is_empty() {
                return (name, data);
            }
        }
    }
}

#[test]
fn serves_pages_with_the_right_types() {
    let server = start();
    let (status, head, body) = get(server.port, "GET", "/ja/privacy/");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: text/html; charset=utf-8"), "{head}");
    assert!(head.contains("X-Content-Type-Options: nosniff"), "{head}");
    assert!(body.contains("<script src=\"/__kiyaku/live.js\""), "the reload script is injected");
    assert!(body.contains("href=\"http://127.0.0.1:"), "absolute links point at the preview");
    let (_, head, _) = get(server.port, "GET", "/ja/feed.json");
    assert!(head.contains("Content-Type: application/feed+json"), "{head}");
    let (_, head, _) = get(server.port, "GET", "/api/v1/index.json");
    assert!(head.contains("Content-Type: application/json"), "{head}");
    let (_, head, _) = get(server.port, "GET", "/static/kiyaku.css");
    assert!(head.contains("Content-Type: text/css"), "{head}");
    let (status, head, _) = get(server.port, "GET", "/ja/privacy");
    assert_eq!(status, 301);
    assert!(head.contains("Location: /ja/privacy/"), "{head}");
    let (status, _, body) = get(server.port, "GET", "/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("ページが見つかりません"), "the site's 404 page");
    let (status, _, body) = get(server.port, "HEAD", "/ja/");
    assert_eq!((status, body.as_str()), (200, ""));
    let (status, _, _) = get(server.port, "POST", "/ja/");
    assert_eq!(status, 405);
    assert!(!server.root.join("public").exists(), "serve writes nothing");
}

#[test]
fn no_request_leaves_the_site() {
    let server = start();
    for path in [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/ja/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "/ja/..%2f..%2f..%2fetc%2fpasswd",
        "/..\\..\\etc\\passwd",
        "/%5c..%5c..%5cetc%5cpasswd",
        "/index.html%00.css",
        "/C:/Windows/win.ini",
        // Overlong UTF-8 for `.` and `/`, doubled slashes, encoded NUL and
        // white space, an absolute path spelt many ways.
        "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
        "/%e0%80%ae%e0%80%ae/etc/passwd",
        "/ja/%c0%af..%c0%af..%c0%afetc%c0%afpasswd",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/./../etc/passwd",
        "/ja/%00/../../etc/passwd",
        "/%252e%252e/%252e%252e/etc/passwd",
        "/..%5c..%5cetc/passwd",
        "/ja/privacy/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fproc/self/environ",
    ] {
        let (status, _, body) = get(server.port, "GET", path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(!body.contains("root:"), "{path}");
    }
    // Raw bytes the percent-decoding never sees: NUL, a backslash, a byte
    // that is not UTF-8, a space inside the target.
    for target in ["/\0/../../etc/passwd", "/..\\..\\etc\\passwd", "/\u{ff}../etc/passwd", "/ja/ /../../etc/passwd"] {
        let response = raw_request(server.port, &format!("GET {target} HTTP/1.0\r\n"));
        let status = response.split(' ').nth(1).unwrap_or_default();
        assert!(matches!(status, "400" | "404"), "{target:?}: {response}");
        assert!(!response.contains("root:"), "{target:?}");
    }
    // The absolute form of a request for this server is answered (RFC 9112
    // 3.2.2); for another host it is refused like any other.
    let (status, _, body) = get(server.port, "GET", &format!("http://127.0.0.1:{}/ja/", server.port));
    assert_eq!(status, 200, "{body}");
    let (status, _, _) = get(server.port, "GET", "http://evil.example/ja/");
    assert_eq!(status, 403);
    // HEAD of the event stream has no body and does not hold the connection.
    let (status, head, body) = get(server.port, "HEAD", "/__kiyaku/events");
    assert_eq!((status, body.as_str()), (200, ""), "{head}");
}

#[test]
fn reloads_on_change_and_shows_errors_until_fixed() {
    let server = start();
    let mut events = Events::open(server.port);
    let (name, first) = events.next();
    assert_eq!(name, "hello");
    let file = server.root.join("content/privacy/2022-04-01.ja.md");
    let original = read(&file);

    let saved = Instant::now();
    std::fs::write(&file, original.replace("料金の請求に利用します。", "料金の請求及び督促に利用します。")).unwrap();
    let (name, generation) = events.next();
    let latency = saved.elapsed();
    assert_eq!(name, "reload");
    assert!(generation.parse::<u64>().unwrap() > first.parse::<u64>().unwrap());
    assert!(get(server.port, "GET", "/ja/privacy/").2.contains("督促"));
    eprintln!("save to reload event: {} ms", latency.as_millis());

    std::fs::write(&file, original.replace("{#security}", "{#安全}")).unwrap();
    let (name, data) = events.next();
    assert_eq!(name, "error");
    let message: String = serde_json::from_str(&data).unwrap();
    assert!(message.contains("clause-id-invalid") && message.contains("2022-04-01.ja.md:18:"), "{message}");
    let (status, _, body) = get(server.port, "GET", "/ja/privacy/");
    assert_eq!(status, 200, "the last good site is still served");
    assert!(body.contains("督促"));

    // A page that connects while the sources are broken is told at once.
    let mut late = Events::open(server.port);
    assert_eq!(late.next().0, "hello");
    assert_eq!(late.next().0, "error");

    // Editors that save by writing a temporary file and renaming it.
    let temporary = server.root.join("content/privacy/.2022-04-01.ja.md.swp");
    std::fs::write(&temporary, original.replace("料金の請求に利用します。", "料金の請求に使います。")).unwrap();
    std::fs::rename(&temporary, &file).unwrap();
    assert_eq!(events.next().0, "reload");
    assert!(get(server.port, "GET", "/ja/privacy/").2.contains("料金の請求に使います。"));
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let server = start();
    let out = kiyaku(&["serve", "--root", s(&server.root), "--port", &server.port.to_string()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot listen on 127.0.0.1:") && stderr.contains("--port"), "{stderr}");
}

#[test]
fn a_change_in_one_policy_keeps_the_others_and_drops_removed_pages() {
    let server = start();
    let mut events = Events::open(server.port);
    assert_eq!(events.next().0, "hello");
    let (status, _, terms_before) = get(server.port, "GET", "/ja/terms/");
    assert_eq!(status, 200);
    // Remove the upcoming privacy version: its pages go, the terms stay.
    for lang in ["ja", "en"] {
        std::fs::remove_file(server.root.join(format!("content/privacy/2030-01-01.{lang}.md"))).unwrap();
    }
    loop {
        if events.next().0 == "reload" && get(server.port, "GET", "/ja/privacy/2030-01-01/").0 == 404 {
            break;
        }
    }
    assert_eq!(get(server.port, "GET", "/api/v1/ja/privacy/2030-01-01.json").0, 404);
    let page = |html: &str| html.split("<script src=\"/__kiyaku/live.js\"").next().unwrap().to_string();
    assert_eq!(
        page(&get(server.port, "GET", "/ja/terms/").2),
        page(&terms_before),
        "other policies are kept as they were"
    );
    assert!(!get(server.port, "GET", "/ja/feed.json").2.contains("2030-01-01"), "site-wide documents are rebuilt");
    // A change to a block touches every policy: the whole site is rebuilt.
    let desk = server.root.join("blocks/desk.toml");
    std::fs::write(&desk, read(&desk).replace("新窓口", "総合窓口")).unwrap();
    loop {
        if events.next().0 == "reload" && get(server.port, "GET", "/ja/privacy/").2.contains("総合窓口") {
            break;
        }
    }
}

#[test]
fn open_event_streams_are_capped() {
    let server = start();
    let mut streams = Vec::new();
    let mut refused = 0;
    for _ in 0..140 {
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(stream, "GET /__kiyaku/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line.contains(" 503 ") {
            refused += 1;
        }
        streams.push(reader);
    }
    assert_eq!(refused, 12, "128 streams at most");
    drop(streams);
    assert_eq!(get(server.port, "GET", "/ja/").0, 200, "pages are still served");
}

#[test]
fn a_site_broken_from_the_start_shows_its_errors_until_fixed() {
    let site = copy_fixture("basic");
    let file = site.path().join("content/privacy/2022-04-01.ja.md");
    let original = read(&file);
    std::fs::write(&file, original.replace("{#security}", "{#安全}")).unwrap();
    let server = serve_site(site);
    let (status, _, body) = get(server.port, "GET", "/ja/privacy/");
    assert_eq!(status, 503);
    assert!(body.contains("clause-id-invalid") && body.contains("/__kiyaku/live.js"), "{body}");
    let mut events = Events::open(server.port);
    assert_eq!(events.next().0, "hello");
    assert_eq!(events.next().0, "error");
    std::fs::write(&file, original).unwrap();
    assert_eq!(events.next().0, "reload");
    assert_eq!(get(server.port, "GET", "/ja/privacy/").0, 200);
}

/// Sends a request head as written (its lines, without the blank line that
/// ends it) and returns the whole response.
fn raw_request(port: u16, head: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "{head}\r\n").unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).into_owned()
}

/// A page of another site whose name resolves to 127.0.0.1 (DNS rebinding)
/// must not read the preview.
#[test]
fn requests_for_another_host_are_refused() {
    let server = start();
    let request = |host: &str| raw_request(server.port, &format!("GET /ja/ HTTP/1.0\r\nHost: {host}\r\n"));
    let refused = request("evil.example");
    assert_eq!(refused.split(' ').nth(1), Some("403"), "{refused}");
    assert!(!refused.contains("<html"), "nothing of the site: {refused}");
    let port = server.port;
    // Issue 24: with a port, an IPv6 literal, empty, in upper case.
    for host in [
        format!("evil.example:{port}"),
        "EVIL.EXAMPLE".to_string(),
        format!("[2001:db8::1]:{port}"),
        "[::ffff:8.8.8.8]".to_string(),
        String::new(),
        "localhost.evil.example".to_string(),
        "127.0.0.1.nip.io".to_string(),
    ] {
        let answer = request(&host);
        let status = answer.split(' ').nth(1).unwrap_or_default();
        assert!(status == "403" || (host.is_empty() && status == "400"), "{host:?}: {answer}");
        assert!(!answer.contains("<html"), "{host:?}: nothing of the site");
    }
    for host in
        [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("LOCALHOST:{port}"), format!("[::1]:{port}")]
    {
        let answer = request(&host);
        assert!(answer.split(' ').nth(1) == Some("200"), "{host}: {answer}");
    }
}

/// Issue 25, hole 7: an HTTP/1.1 request with no Host, or two, gets 400;
/// an IPv6 literal followed by a name gets 403.
#[test]
fn a_request_names_exactly_one_host() {
    let server = start();
    let raw = |head: &str| raw_request(server.port, head).split(' ').nth(1).unwrap_or_default().to_string();
    assert_eq!(raw("GET /ja/ HTTP/1.1\r\nConnection: close\r\n"), "400", "no Host");
    assert_eq!(raw("GET /ja/ HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\nConnection: close\r\n"), "400");
    assert_eq!(raw("GET /ja/ HTTP/1.0\r\nHost: [::1]evil.example\r\n"), "403");
    assert_eq!(raw("GET /ja/ HTTP/1.0\r\n"), "200", "HTTP/1.0 needs no Host");
    assert_eq!(raw("GET /ja/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"), "200");
}

/// Issue 22: `serve --base-url`: a preview reached through a tunnel links
/// and answers at that address, and still refuses other hosts.
#[test]
fn serve_base_url_is_the_address_the_preview_is_reached_at() {
    let server = serve_site_with(copy_fixture("basic"), &["--base-url", "https://Tunnel.example/preview"]);
    let request =
        |host: &str| raw_request(server.port, &format!("GET /preview/ja/privacy/ HTTP/1.0\r\nHost: {host}\r\n"));
    let page = request("tunnel.example");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("<link rel=\"canonical\" href=\"https://Tunnel.example/preview/ja/privacy/\">"), "{page}");
    assert!(request("evil.example").starts_with("HTTP/1.1 403"));
    let refused =
        Command::new(env!("CARGO_BIN_EXE_kiyaku")).args(["serve", "--base-url", "tunnel.example"]).output().unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not an absolute http(s) URL"));
}

/// Issue 22: `serve --open` opens the preview's address in the browser
/// (here a stand-in `xdg-open` that notes what it was given).
#[test]
fn serve_open_opens_the_preview_in_the_browser() {
    use std::os::unix::fs::PermissionsExt;
    let bin = tempfile::tempdir().unwrap();
    let noted = bin.path().join("opened");
    let opener = bin.path().join("xdg-open");
    std::fs::write(&opener, format!("#!/bin/sh\necho \"$1\" > {}\n", noted.display())).unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let site = copy_fixture("basic");
    let path = format!("{}:{}", bin.path().display(), std::env::var("PATH").unwrap_or_default());
    let mut child = Command::new(env!("CARGO_BIN_EXE_kiyaku"))
        .args(["serve", "--root", s(site.path()), "--port", "0", "--now", "2025-06-01", "--open"])
        .env("PATH", path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let url = line.split_whitespace().nth(1).unwrap().to_string();
    let mut opened = String::new();
    for _ in 0..100 {
        opened = std::fs::read_to_string(&noted).unwrap_or_default();
        if !opened.is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(opened.trim(), url);
}
