//! The preview's HTTP/1.1 layer: a thread per connection, every resource
//! bounded.
//!
//! A preview left open all day meets bursts of reloads, forgotten tabs and
//! the odd hostile page. tiny_http 0.12 let those stall it (no read timeout,
//! an unbounded request head, a pool that queued new connections behind idle
//! keep-alive ones) and offers no way to bound them from outside, so the
//! preview parses requests with httparse (hyper's parser) and bounds, here,
//! the connections open at once, the size of a request head, the time to
//! send one, the time a kept-alive connection may sit idle and the time a
//! client may take to read an answer. It speaks what a browser preview
//! needs: GET and HEAD, keep-alive, answers with a length, and event streams
//! written straight on the socket.

use std::collections::BTreeMap;
use std::io::{self, ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Header lines a request may have; more is 431.
const MAX_HEADERS: usize = 100;

/// What one preview may hold at once, and for how long.
#[derive(Debug, Clone)]
pub(crate) struct Limits {
    /// Connections open at once, event streams included. One more closes
    /// the connection that has waited longest for a request head, or, if
    /// none waits, is told 503.
    pub connections: usize,
    /// Bytes of a request head (request line and headers); more is 431.
    pub head_bytes: usize,
    /// From a request's first byte to the end of its head; longer is 408.
    pub head_time: Duration,
    /// How long a connection may wait for its next request.
    pub idle: Duration,
    /// How long a client may take to read an answer (or an event).
    pub write_time: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connections: 512,
            head_bytes: 16 * 1024,
            head_time: Duration::from_secs(10),
            idle: Duration::from_secs(30),
            write_time: Duration::from_secs(30),
        }
    }
}

/// A request head, as sent.
#[derive(Debug)]
pub(crate) struct Request {
    pub method: String,
    /// The request target: a path (with any query), or an absolute URL.
    pub target: String,
    pub http_1_1: bool,
    /// Header names and values in the order sent; values decoded lossily.
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// The values of every header called `name` (case-insensitive).
    pub(crate) fn header_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> {
        self.headers.iter().filter(move |(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn connection_has(&self, token: &str) -> bool {
        self.header_values("Connection").flat_map(|v| v.split(',')).any(|t| t.trim().eq_ignore_ascii_case(token))
    }

    /// Whether the request carries a body (never read: the connection closes).
    fn has_body(&self) -> bool {
        self.header_values("Transfer-Encoding").next().is_some()
            || self.header_values("Content-Length").any(|v| v.trim() != "0")
    }

    fn keep_alive(&self) -> bool {
        let asked = if self.http_1_1 { !self.connection_has("close") } else { self.connection_has("keep-alive") };
        asked && !self.has_body()
    }
}

/// An answer with a body of known length. For HEAD, the body is left out
/// and its length kept.
#[derive(Debug)]
pub(crate) struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub(crate) fn new(status: u16, body: Vec<u8>) -> Self {
        Response { status, headers: Vec::new(), body }
    }

    /// A plain-text answer.
    pub(crate) fn text(status: u16, text: &str) -> Self {
        Response::new(status, text.as_bytes().to_vec()).with_header("Content-Type", "text/plain; charset=utf-8")
    }

    pub(crate) fn with_header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.to_string()));
        self
    }
}

/// A streaming answer: it writes its own status line and headers, then
/// holds the connection until it returns; the connection closes after it.
pub(crate) type Stream = Box<dyn FnOnce(&mut TcpStream) + Send>;

/// Whether the client has closed its side of `stream` (checked without
/// blocking, for a stream that only writes: a closed page must free its
/// connection at once, not at the next failed write).
pub(crate) fn peer_closed(stream: &TcpStream) -> bool {
    let mut byte = [0u8; 1];
    if stream.set_nonblocking(true).is_err() {
        return true;
    }
    let closed = match stream.peek(&mut byte) {
        Ok(0) => true,
        Ok(_) => false,
        Err(err) => !matches!(err.kind(), ErrorKind::WouldBlock | ErrorKind::Interrupted),
    };
    stream.set_nonblocking(false).is_err() || closed
}

/// What the handler makes of a request.
pub(crate) enum Reply {
    Send(Response),
    Stream(Stream),
}

/// The connections of one server: how many are open, and which of them
/// are waiting for a request head (new, slow, or idle between requests),
/// oldest first. When every connection is taken, the oldest waiting one is
/// closed to make room: clients that hold connections without asking for
/// anything cannot lock a page out.
#[derive(Default)]
struct Connections {
    open: AtomicUsize,
    waiting: Mutex<BTreeMap<u64, TcpStream>>,
    next_id: AtomicU64,
}

impl Connections {
    fn waiting(&self) -> MutexGuard<'_, BTreeMap<u64, TcpStream>> {
        self.waiting.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Notes that `stream` waits for a head; `None` if it cannot be noted.
    fn start_waiting(&self, stream: &TcpStream) -> Option<u64> {
        let id = self.next_id.fetch_add(1, Ordering::SeqCst);
        self.waiting().insert(id, stream.try_clone().ok()?);
        Some(id)
    }

    fn stop_waiting(&self, id: Option<u64>) {
        if let Some(id) = id {
            self.waiting().remove(&id);
        }
    }

    /// Closes the connection that has waited longest; false if none waits.
    fn close_oldest_waiting(&self) -> bool {
        let oldest = self.waiting().pop_first();
        oldest.is_some_and(|(_, stream)| {
            let _ = stream.shutdown(std::net::Shutdown::Both);
            true
        })
    }
}

/// Serves `listener` until it fails, a thread per connection.
pub(crate) fn serve<H>(listener: TcpListener, limits: Limits, handler: H)
where
    H: Fn(&Request) -> Reply + Send + Sync + 'static,
{
    let handler = Arc::new(handler);
    let limits = Arc::new(limits);
    let connections = Arc::new(Connections::default());
    for stream in listener.incoming() {
        let Ok(stream) = stream else {
            // Out of file descriptors, most likely: let some close.
            std::thread::sleep(Duration::from_millis(10));
            continue;
        };
        let full = connections.open.load(Ordering::SeqCst) >= limits.connections;
        if full && !connections.close_oldest_waiting() {
            refuse_busy(stream);
            continue;
        }
        connections.open.fetch_add(1, Ordering::SeqCst);
        let (handler, limits, shared) = (Arc::clone(&handler), Arc::clone(&limits), Arc::clone(&connections));
        let spawned = std::thread::Builder::new().stack_size(256 * 1024).spawn(move || {
            connection(stream, &limits, &shared, &*handler);
            shared.open.fetch_sub(1, Ordering::SeqCst);
        });
        if spawned.is_err() {
            connections.open.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

fn refuse_busy(mut stream: TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_millis(100)));
    let body = "the preview has too many connections open; try again\n";
    let _ = write!(
        stream,
        "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}

/// Answers the requests of one connection, in order, until it closes, idles
/// out or sends something it must not.
fn connection(
    mut stream: TcpStream,
    limits: &Limits,
    connections: &Connections,
    handler: &(dyn Fn(&Request) -> Reply + Sync),
) {
    let _ = stream.set_nodelay(true);
    let _ = stream.set_write_timeout(Some(limits.write_time));
    let mut buffer = Vec::new();
    let mut wait = limits.head_time;
    loop {
        let waiting = connections.start_waiting(&stream);
        let head = read_head(&mut stream, &mut buffer, limits, wait);
        connections.stop_waiting(waiting);
        let request = match head {
            Ok(Some(request)) => request,
            Ok(None) => return,
            Err(status) => {
                let _ = write_response(&mut stream, Response::text(status, reason(status)), false, false);
                linger(&mut stream);
                return;
            }
        };
        wait = limits.idle;
        let keep_alive = request.keep_alive();
        let head_only = request.method == "HEAD";
        match handler(&request) {
            Reply::Send(response) => {
                if write_response(&mut stream, response, head_only, keep_alive).is_err() || !keep_alive {
                    return;
                }
            }
            Reply::Stream(stream_answer) => {
                stream_answer(&mut stream);
                return;
            }
        }
    }
}

/// Closing a socket with unread input makes the kernel reset it, and the
/// client may lose the answer just sent; read a bounded amount first.
fn linger(stream: &mut TcpStream) {
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let until = Instant::now() + Duration::from_secs(1);
    let mut sink = [0u8; 16 * 1024];
    let mut left: usize = 4 << 20;
    while left > 0 {
        let time = until.saturating_duration_since(Instant::now());
        if time.is_zero() || stream.set_read_timeout(Some(time)).is_err() {
            return;
        }
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => return,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
}

/// Reads the next request head. `Ok(None)`: the client closed, or sent
/// nothing within `wait`. `Err(status)`: answer that status and close.
fn read_head(
    stream: &mut TcpStream,
    buffer: &mut Vec<u8>,
    limits: &Limits,
    wait: Duration,
) -> Result<Option<Request>, u16> {
    let mut deadline = Instant::now() + if buffer.is_empty() { wait } else { limits.head_time };
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(request) = parse_head(buffer)? {
            return Ok(Some(request));
        }
        if buffer.len() >= limits.head_bytes {
            return Err(431);
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return if buffer.is_empty() { Ok(None) } else { Err(408) };
        }
        let _ = stream.set_read_timeout(Some(left));
        let room = chunk.len().min(limits.head_bytes - buffer.len());
        match stream.read(&mut chunk[..room]) {
            Ok(0) => return Ok(None),
            Ok(n) => {
                if buffer.is_empty() {
                    deadline = Instant::now() + limits.head_time;
                }
                buffer.extend_from_slice(&chunk[..n]);
            }
            Err(err) if err.kind() == ErrorKind::Interrupted => {}
            Err(err) if matches!(err.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return if buffer.is_empty() { Ok(None) } else { Err(408) };
            }
            Err(_) => return Ok(None),
        }
    }
}

/// A complete head at the start of `buffer`, taken out of it; `None` while
/// it is incomplete.
fn parse_head(buffer: &mut Vec<u8>) -> Result<Option<Request>, u16> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut parsed = httparse::Request::new(&mut headers);
    let length = match parsed.parse(buffer) {
        Ok(httparse::Status::Complete(length)) => length,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(httparse::Error::TooManyHeaders) => return Err(431),
        Err(_) => return Err(400),
    };
    let request = Request {
        method: parsed.method.unwrap_or_default().to_string(),
        target: parsed.path.unwrap_or_default().to_string(),
        http_1_1: parsed.version == Some(1),
        headers: parsed
            .headers
            .iter()
            .map(|h| (h.name.to_string(), String::from_utf8_lossy(h.value).into_owned()))
            .collect(),
    };
    buffer.drain(..length);
    // A length that is not a number is a malformed request (RFC 9112, 6.3).
    if request.header_values("Content-Length").any(|v| v.trim().parse::<u64>().is_err()) {
        return Err(400);
    }
    Ok(Some(request))
}

fn write_response(stream: &mut impl Write, response: Response, head_only: bool, keep_alive: bool) -> io::Result<()> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", response.status, reason(response.status));
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    let connection = if keep_alive { "keep-alive" } else { "close" };
    head.push_str(&format!("Content-Length: {}\r\nConnection: {connection}\r\n\r\n", response.body.len()));
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&response.body)?;
    }
    stream.flush()
}

/// The reason phrase of each status the preview sends.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
#[path = "http_tests.rs"]
mod tests;
