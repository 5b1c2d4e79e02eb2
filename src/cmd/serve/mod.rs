//! `kiyaku serve`: a live preview.
//!
//! The site is built in memory (never into `public/`), served over HTTP with
//! tiny_http on 127.0.0.1 by default, and rebuilt when a source changes. Open
//! pages hear about it over Server-Sent Events, written straight to the raw
//! connection (tiny_http's chunked writer would hold small events back), and
//! reload keeping their place; while the sources are broken they keep the
//! last good site and show the error over the page.

mod live;
mod paths;
mod watch;

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use jiff::civil::Date;
use tiny_http::{Header, Method, Request, Response, Server};

use crate::error::Error;
use crate::model::urls::Urls;
use crate::{base::today, pipeline};
pub(crate) use live::{Live, Update};
pub(crate) use paths::{Target, content_type, resolve};

const EVENTS: &str = "/__kiyaku/events";
const SCRIPT: &str = "/__kiyaku/live.js";
const LIVE_JS: &str = include_str!("live.js");
/// How often an idle event stream is pinged (and a closed one noticed).
const PING: Duration = Duration::from_secs(15);
const WORKERS: usize = 4;
/// Open event streams at most (one per open page).
const MAX_STREAMS: usize = 128;
static STREAMS: AtomicUsize = AtomicUsize::new(0);

/// Validated options of `kiyaku serve`.
#[derive(Debug, Clone)]
pub(crate) struct ServeOptions {
    pub root: PathBuf,
    pub address: SocketAddr,
    /// A fixed day, or `None` to follow the calendar.
    pub now: Option<Date>,
    /// Open the preview in the default browser once served.
    pub open: bool,
}

impl ServeOptions {
    /// Validated options from the raw flags.
    pub(crate) fn from_args(args: crate::cli::ServeArgs) -> Self {
        let address = SocketAddr::new(args.bind, args.port);
        ServeOptions { root: args.site.root, address, now: args.site.now, open: args.open }
    }
}

pub(crate) fn run(options: &ServeOptions) -> Result<ExitCode, Error> {
    // A site with errors is served (with its errors) until fixed; a folder
    // that is not there cannot become a site.
    crate::cmd::require_site_folder(&options.root)?;
    let server = Server::http(options.address)
        .map_err(|err| Error::Listen { address: options.address, reason: err.to_string() })?;
    let address = server.server_addr().to_ip().unwrap_or(options.address);
    let host = if address.ip().is_unspecified() { IpAddr::from([127, 0, 0, 1]) } else { address.ip() };
    let base_url = format!("http://{}/", SocketAddr::new(host, address.port()));
    let live = Arc::new(Live::default());
    rebuild(options, &base_url, &live, None)?;
    println!("serving {base_url} (Ctrl-C to stop)");
    let _ = std::io::stdout().flush();
    if options.open {
        open_browser(&base_url);
    }
    let mut watcher = watch::SourceWatcher::new(&options.root).map_err(|err| Error::Watch(err.to_string()))?;
    let builder = {
        let (options, live, base_url) = (options.clone(), Arc::clone(&live), base_url.clone());
        std::thread::spawn(move || {
            while let Some(change) = watcher.next_change() {
                if let Err(err) = rebuild(&options, &base_url, &live, Some(change)) {
                    eprintln!("error: {err}");
                }
            }
        })
    };
    let server = Arc::new(server);
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (server, live) = (Arc::clone(&server), Arc::clone(&live));
            std::thread::spawn(move || {
                while let Ok(request) = server.recv() {
                    handle(request, &live);
                }
            })
        })
        .collect();
    for worker in workers {
        let _ = worker.join();
    }
    let _ = builder.join();
    Ok(ExitCode::SUCCESS)
}

/// Rebuilds after a change. When only policy folders changed and the site
/// was good, every source is read and checked again but only those
/// policies and the site-wide pages are rendered: the rest cannot differ.
fn rebuild(options: &ServeOptions, base_url: &str, live: &Live, change: Option<watch::Change>) -> Result<(), Error> {
    let started = change.as_ref().map_or_else(Instant::now, |c| c.first);
    let triggered = change.is_some();
    let day = today::from_env(options.now)?;
    let scope = change.and_then(|c| c.policies).filter(|_| live.current().error.is_none());
    let collected = std::sync::Mutex::new(Vec::new());
    let mut outcome = pipeline::stream_scoped(&options.root, day, Some(base_url), scope.as_ref(), &|file| {
        collected.lock().unwrap_or_else(|e| e.into_inner()).push(file);
    });
    // The preview writes no record: it only says what a build would refuse.
    crate::cmd::Unrecorded::Warn.report(std::mem::take(&mut outcome.unrecorded), &mut outcome.diagnostics);
    crate::cmd::print_diagnostics(&outcome.diagnostics, &mut std::io::stderr().lock());
    let failed = outcome.diagnostics.has_errors();
    let files = collected.into_inner().unwrap_or_else(|e| e.into_inner());
    live.publish(outcome.diagnostics, files, scope.as_ref());
    let elapsed = started.elapsed().as_millis();
    if failed {
        let serving = if live.files().is_empty() {
            "showing the errors until they are fixed"
        } else {
            "still serving the last good site"
        };
        eprintln!("build failed; {serving} ({elapsed} ms)");
    } else if triggered {
        eprintln!("rebuilt and told open pages to reload {elapsed} ms after the change");
    }
    Ok(())
}

/// Opens `url` in the default browser (xdg-open, open, or start); a
/// machine without one only says so: the preview goes on.
fn open_browser(url: &str) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let spawned = std::process::Command::new(program)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(err) = spawned {
        eprintln!("warning: could not open a browser ({program}: {err}); open {url} yourself");
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("static header names and ASCII values")
}

fn handle(request: Request, live: &Arc<Live>) {
    let hosts: Vec<&str> =
        request.headers().iter().filter(|h| h.field.equiv("Host")).map(|h| h.value.as_str()).collect();
    // An HTTP/1.1 request names one host (RFC 9112, 3.2): none, or two,
    // and which one counts is anybody's guess.
    let http_1_1 = request.http_version() >= &tiny_http::HTTPVersion(1, 1);
    if hosts.len() > 1 || (hosts.is_empty() && http_1_1) {
        let text = "a request must name exactly one Host\n";
        let _ = request.respond(Response::from_string(text).with_status_code(400));
        return;
    }
    // In absolute form, the target's host is the one that counts.
    let (host, url) = match paths::split_absolute(request.url()) {
        Some((authority, path)) => (Some(authority), path.to_string()),
        None => (hosts.first().copied(), request.url().to_string()),
    };
    if !paths::allowed_host(host) {
        let text = "kiyaku serve answers requests for localhost or an IP address only\n";
        let _ = request.respond(Response::from_string(text).with_status_code(403));
        return;
    }
    let head = *request.method() == Method::Head;
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(
            Response::from_string("method not allowed\n")
                .with_status_code(405)
                .with_header(header("Allow", "GET, HEAD")),
        );
        return;
    }
    let path = url.split('?').next().unwrap_or_default();
    if path == EVENTS && head {
        let _ = request.respond(Response::empty(200).with_header(header("Content-Type", "text/event-stream")));
    } else if path == EVENTS {
        open_event_stream(request, live);
    } else if path == SCRIPT {
        let response =
            Response::from_string(LIVE_JS).with_header(header("Content-Type", "text/javascript; charset=utf-8"));
        let _ = request.respond(response);
    } else {
        respond_with_file(request, live, &url, head);
    }
}

/// Answers a request for a file of the site (or its 404 page).
fn respond_with_file(request: Request, live: &Arc<Live>, url: &str, head: bool) {
    let files = live.files();
    if files.is_empty() {
        respond_broken(request, live);
        return;
    }
    let (status, file, body) = match resolve(url, |p| files.contains_key(p)) {
        Target::File(file) => (200, file.clone(), files.get(&file).map(|b| b.to_vec()).unwrap_or_default()),
        Target::Redirect(location) => {
            let response = Response::empty(301).with_header(header("Location", &location));
            let _ = request.respond(response);
            return;
        }
        Target::BadRequest => (400, "400.txt".to_string(), b"bad request\n".to_vec()),
        Target::NotFound => match files.get(Urls::NOT_FOUND_FILE) {
            Some(page) => (404, Urls::NOT_FOUND_FILE.to_string(), page.to_vec()),
            None => (404, "404.txt".to_string(), b"not found\n".to_vec()),
        },
    };
    let body = if file.ends_with(".html") { inject_script(body, live.current().generation) } else { body };
    let length = body.len();
    let response = Response::from_data(if head { Vec::new() } else { body })
        .with_status_code(status)
        .with_header(header("Content-Type", content_type(&file)))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header("Cache-Control", "no-store"));
    let response = if head { response.with_header(header("Content-Length", &length.to_string())) } else { response };
    let _ = request.respond(response);
}

/// Holds the request open as an event stream, on a thread of its own.
fn open_event_stream(request: Request, live: &Arc<Live>) {
    // Each open page holds a thread; a page opened a thousand times (or a
    // hostile client) must not exhaust them.
    if STREAMS.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
        STREAMS.fetch_sub(1, Ordering::SeqCst);
        let _ = request.respond(Response::from_string("too many open pages\n").with_status_code(503));
        return;
    }
    let live = Arc::clone(live);
    std::thread::spawn(move || {
        stream_events(request, &live);
        STREAMS.fetch_sub(1, Ordering::SeqCst);
    });
}

/// Broken from the start: no good site to fall back on. The page shows the
/// errors and reloads itself when the sources are fixed.
fn respond_broken(request: Request, live: &Live) {
    let current = live.current();
    let text = current.error.unwrap_or_default();
    let page = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>kiyaku: build failed</title></head><body><pre>{}</pre></body></html>",
        crate::render::html::escape(&text)
    );
    let body = inject_script(page.into_bytes(), current.generation);
    let response = Response::from_data(body)
        .with_status_code(503)
        .with_header(header("Content-Type", "text/html; charset=utf-8"))
        .with_header(header("Cache-Control", "no-store"));
    let _ = request.respond(response);
}

/// Adds the reload script before `</body>`: serve mode only.
fn inject_script(mut html: Vec<u8>, generation: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT}\" data-generation=\"{generation}\"></script>\n");
    let at = html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    html.splice(at..at, tag.into_bytes());
    html
}

/// Writes the event stream on the raw connection, flushing every event.
fn stream_events(request: Request, live: &Live) {
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    let current = live.current();
    if out.write_all(head.as_bytes()).is_err() || send(&mut out, &current, true).is_err() {
        return;
    }
    let mut seen = current.generation;
    loop {
        let result = match live.wait_after(seen, PING) {
            Some(update) => {
                seen = update.generation;
                send(&mut out, &update, false)
            }
            None => out.write_all(b": ping\n\n").and_then(|()| out.flush()),
        };
        if result.is_err() {
            return; // The page went away.
        }
    }
}

/// On connecting, a page hears the current generation (and any error);
/// after that, each change is a `reload` or an `error`.
fn send(out: &mut Box<dyn Write + Send>, update: &Update, first: bool) -> std::io::Result<()> {
    let mut event = String::new();
    if first {
        event.push_str(&format!("event: hello\ndata: {}\n\n", update.generation));
    }
    match &update.error {
        Some(error) => {
            let data = serde_json::to_string(error).unwrap_or_default();
            event.push_str(&format!("event: error\ndata: {data}\n\n"));
        }
        None if !first => event.push_str(&format!("event: reload\ndata: {}\n\n", update.generation)),
        None => {}
    }
    out.write_all(event.as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_body_end() {
        let html = inject_script(b"<html><body><p>x</p></body></html>".to_vec(), 3);
        let text = String::from_utf8(html).unwrap();
        assert!(text.contains("<p>x</p><script src=\"/__kiyaku/live.js\" data-generation=\"3\"></script>\n</body>"));
    }
}
