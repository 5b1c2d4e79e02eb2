//! `kiyaku serve`: a live preview.
//!
//! The site is built in memory (never into `public/`), served over HTTP
//! (`http`: bounded connections, heads and idle time) on 127.0.0.1 by
//! default, and rebuilt when a source changes. Open pages hear about it over
//! Server-Sent Events, written straight to the connection and flushed per
//! event, and reload keeping their place; while the sources are broken they
//! keep the last good site and show the error over the page.

mod http;
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

use crate::error::Error;
use crate::model::urls::Urls;
use crate::{base::today, pipeline};
use http::{Reply, Request, Response};
pub(crate) use live::{Live, Update};
pub(crate) use paths::{Target, content_type, resolve};

const EVENTS: &str = "/__kiyaku/events";
const SCRIPT: &str = "/__kiyaku/live.js";
const LIVE_JS: &str = include_str!("live.js");
/// How often an idle event stream is pinged (proxies drop silent streams).
const PING: Duration = Duration::from_secs(15);
/// How often a stream checks that its page is still there.
const CLOSED_CHECK: Duration = Duration::from_secs(1);
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
    /// The address the preview is reached at, when not this machine's.
    pub base_url: Option<String>,
}

impl ServeOptions {
    /// Validated options from the raw flags.
    pub(crate) fn from_args(args: crate::cli::ServeArgs) -> Result<Self, Error> {
        let address = SocketAddr::new(args.bind, args.port);
        if let Some(url) = args.base_url.as_deref()
            && let Some(problem) = crate::parse::config::base_url_problem(url)
        {
            return Err(Error::Usage(format!(
                "--base-url {url} {problem}: give the address the preview is reached at, like https://preview.example.com/"
            )));
        }
        let base_url = args.base_url.map(|url| if url.ends_with('/') { url } else { format!("{url}/") });
        Ok(ServeOptions { root: args.site.root, address, now: args.site.now, open: args.open, base_url })
    }
}

pub(crate) fn run(options: &ServeOptions) -> Result<ExitCode, Error> {
    // A site with errors is served (with its errors) until fixed; a folder
    // that is not there cannot become a site.
    crate::cmd::require_site_folder(&options.root)?;
    let listener = std::net::TcpListener::bind(options.address)
        .map_err(|err| Error::Listen { address: options.address, reason: err.to_string() })?;
    let address = listener.local_addr().unwrap_or(options.address);
    let host = if address.ip().is_unspecified() { IpAddr::from([127, 0, 0, 1]) } else { address.ip() };
    let local_url = format!("http://{}/", SocketAddr::new(host, address.port()));
    let base_url = options.base_url.clone().unwrap_or_else(|| local_url.clone());
    let live = Arc::new(Live::default());
    let memo = Arc::new(pipeline::PreviewMemo::default());
    rebuild(options, (&base_url, &memo), &live, None)?;
    if base_url == local_url {
        println!("serving {local_url} (Ctrl-C to stop)");
    } else {
        // The site is below the base URL's path here too.
        let here = format!("{}{}", local_url.trim_end_matches('/'), crate::parse::config::base_path_of(&base_url));
        println!("serving {here}, reached as {base_url} (Ctrl-C to stop)");
    }
    let _ = std::io::stdout().flush();
    if options.open {
        open_browser(&base_url);
    }
    let mut watcher = watch::SourceWatcher::new(&options.root).map_err(|err| Error::Watch(err.to_string()))?;
    let builder = {
        let (options, live, base_url) = (options.clone(), Arc::clone(&live), base_url.clone());
        std::thread::spawn(move || {
            while let Some(change) = watcher.next_change() {
                if let Err(err) = rebuild(&options, (&base_url, &memo), &live, Some(change)) {
                    eprintln!("error: {err}");
                }
            }
        })
    };
    let served = Arc::clone(&live);
    let reach = Reach::of(options.base_url.as_deref(), options.address.ip());
    http::serve(listener, http::Limits::default(), move |request| handle(request, &served, &reach));
    let _ = builder.join();
    Ok(ExitCode::SUCCESS)
}

/// Rebuilds after a change. When only policy folders changed and the site
/// was good, only those folders are read again (the rest as `memo` kept
/// them), every source is checked again, and only those policies and the
/// site-wide pages are rendered: the rest cannot differ.
fn rebuild(
    options: &ServeOptions,
    (base_url, memo): (&str, &pipeline::PreviewMemo),
    live: &Live,
    change: Option<watch::Change>,
) -> Result<(), Error> {
    let started = change.as_ref().map_or_else(Instant::now, |c| c.first);
    let triggered = change.is_some();
    let day = today::from_env(options.now)?;
    let scope = change.and_then(|c| c.policies).filter(|_| live.current().error.is_none());
    let collected = std::sync::Mutex::new(Vec::new());
    let preview = pipeline::Preview { base_url: Some(base_url), only: scope.as_ref(), memo };
    let mut outcome = pipeline::stream_preview(&options.root, day, &preview, &|file| {
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

/// How the preview is reached when `--base-url` names another address:
/// that host is answered besides this machine's names, and the site's files
/// are below that path.
struct Reach {
    host: Option<String>,
    path: String,
    /// The address listened on: which IP addresses a request may name.
    bind: std::net::IpAddr,
}

impl Reach {
    fn of(base_url: Option<&str>, bind: std::net::IpAddr) -> Reach {
        let host = base_url.and_then(paths::url_host).map(str::to_ascii_lowercase);
        let path = base_url.map_or_else(|| "/".to_string(), crate::parse::config::base_path_of);
        Reach { host, path, bind }
    }

    /// The path of a request below the site's root (`/preview/ja/` → `/ja/`);
    /// `None` for a path outside it.
    fn below_root<'u>(&self, url: &'u str) -> Option<std::borrow::Cow<'u, str>> {
        if self.path == "/" {
            return Some(url.into());
        }
        url.strip_prefix(self.path.trim_end_matches('/'))
            .filter(|rest| rest.is_empty() || rest.starts_with(['/', '?']))
            .map(|rest| if rest.is_empty() || rest.starts_with('?') { format!("/{rest}").into() } else { rest.into() })
    }
}

/// Answers one request.
fn handle(request: &Request, live: &Arc<Live>, reach: &Reach) -> Reply {
    let hosts: Vec<&str> = request.header_values("Host").collect();
    // An HTTP/1.1 request names one host (RFC 9112, 3.2): none, or two,
    // and which one counts is anybody's guess.
    if hosts.len() > 1 || (hosts.is_empty() && request.http_1_1) {
        return Reply::Send(Response::text(400, "a request must name exactly one Host\n"));
    }
    // In absolute form, the target's host is the one that counts.
    let (host, url) = match paths::split_absolute(&request.target) {
        Some((authority, path)) => (Some(authority), path),
        None => (hosts.first().copied(), request.target.as_str()),
    };
    if !paths::allowed_host(host, reach.host.as_deref(), reach.bind) {
        let text = "kiyaku serve answers requests for localhost or the address it listens on only\n";
        return Reply::Send(Response::text(403, text));
    }
    let head = request.method == "HEAD";
    if !head && request.method != "GET" {
        return Reply::Send(Response::text(405, "method not allowed\n").with_header("Allow", "GET, HEAD"));
    }
    let path = url.split('?').next().unwrap_or_default();
    if path == EVENTS && head {
        Reply::Send(Response::new(200, Vec::new()).with_header("Content-Type", "text/event-stream"))
    } else if path == EVENTS {
        open_event_stream(live)
    } else if path == SCRIPT {
        Reply::Send(
            Response::new(200, LIVE_JS.as_bytes().to_vec())
                .with_header("Content-Type", "text/javascript; charset=utf-8")
                .with_header("Cache-Control", "no-store"),
        )
    } else {
        match reach.below_root(url) {
            Some(url) => Reply::Send(respond_with_file(live, &url)),
            None => Reply::Send(Response::text(404, "not found: the site is below its base URL's path\n")),
        }
    }
}

/// Answers a request for a file of the site (or its 404 page).
fn respond_with_file(live: &Arc<Live>, url: &str) -> Response {
    let files = live.files();
    if files.is_empty() {
        return respond_broken(live);
    }
    let (status, file, body) = match resolve(url, |p| files.contains_key(p)) {
        Target::File(file) => (200, file.clone(), files.get(&file).map(|b| b.to_vec()).unwrap_or_default()),
        Target::Redirect(location) => return Response::new(301, Vec::new()).with_header("Location", &location),
        Target::BadRequest => return Response::text(400, "bad request\n"),
        Target::NotFound => match files.get(Urls::NOT_FOUND_FILE) {
            Some(page) => (404, Urls::NOT_FOUND_FILE.to_string(), page.to_vec()),
            None => return Response::text(404, "not found\n"),
        },
    };
    let body = if file.ends_with(".html") { inject_script(body, live.current().generation) } else { body };
    Response::new(status, body)
        .with_header("Content-Type", content_type(&file))
        .with_header("X-Content-Type-Options", "nosniff")
        .with_header("Cache-Control", "no-store")
}

/// Holds the connection open as an event stream (on its own thread).
fn open_event_stream(live: &Arc<Live>) -> Reply {
    // Each open page holds a connection; a page opened a thousand times (or
    // a hostile client) must not take them all.
    if STREAMS.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
        STREAMS.fetch_sub(1, Ordering::SeqCst);
        return Reply::Send(Response::text(503, "too many open pages\n"));
    }
    let live = Arc::clone(live);
    Reply::Stream(Box::new(move |out: &mut std::net::TcpStream| {
        stream_events(out, &live);
        STREAMS.fetch_sub(1, Ordering::SeqCst);
    }))
}

/// Broken from the start: no good site to fall back on. The page shows the
/// errors and reloads itself when the sources are fixed.
fn respond_broken(live: &Live) -> Response {
    let current = live.current();
    let text = current.error.unwrap_or_default();
    let page = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>kiyaku: build failed</title></head><body><pre>{}</pre></body></html>",
        crate::render::html::escape(&text)
    );
    Response::new(503, inject_script(page.into_bytes(), current.generation))
        .with_header("Content-Type", "text/html; charset=utf-8")
        .with_header("Cache-Control", "no-store")
}

/// Adds the reload script before `</body>`: serve mode only.
fn inject_script(mut html: Vec<u8>, generation: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT}\" data-generation=\"{generation}\"></script>\n");
    let at = html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    html.splice(at..at, tag.into_bytes());
    html
}

/// Writes the event stream on the raw connection, flushing every event,
/// until the page goes away.
fn stream_events(out: &mut std::net::TcpStream, live: &Live) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    let current = live.current();
    if out.write_all(head.as_bytes()).is_err() || send(out, &current, true).is_err() {
        return;
    }
    let mut seen = current.generation;
    let mut pinged = Instant::now();
    loop {
        let result = match live.wait_after(seen, CLOSED_CHECK) {
            Some(update) => {
                seen = update.generation;
                send(out, &update, false)
            }
            None if pinged.elapsed() >= PING => {
                pinged = Instant::now();
                out.write_all(b": ping\n\n").and_then(|()| out.flush())
            }
            None => Ok(()),
        };
        if result.is_err() || http::peer_closed(out) {
            return; // The page went away.
        }
    }
}

/// On connecting, a page hears the current generation (and any error);
/// after that, each change is a `reload` or an `error`.
fn send(out: &mut dyn Write, update: &Update, first: bool) -> std::io::Result<()> {
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
