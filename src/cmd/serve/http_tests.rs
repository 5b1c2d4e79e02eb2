//! The HTTP layer's limits, each against a real socket with small limits.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use super::*;

fn small_limits() -> Limits {
    Limits {
        connections: 3,
        head_bytes: 1024,
        head_time: Duration::from_millis(300),
        idle: Duration::from_millis(300),
        write_time: Duration::from_secs(2),
    }
}

/// A server answering every request with its target, on a free port.
fn start(limits: Limits) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        serve(listener, limits, |request: &Request| {
            if request.target == "/stream" {
                return Reply::Stream(Box::new(|out: &mut TcpStream| {
                    let _ = out.write_all(b"HTTP/1.1 200 OK\r\n\r\nevent\n");
                    std::thread::sleep(Duration::from_secs(5));
                }));
            }
            Reply::Send(Response::text(200, &format!("{} {}", request.method, request.target)))
        })
    });
    port
}

fn connect(port: u16) -> TcpStream {
    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    stream
}

/// Everything the server sends until it closes the connection.
fn read_all(stream: &mut TcpStream) -> String {
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

fn status(answer: &str) -> &str {
    answer.split(' ').nth(1).unwrap_or_default()
}

#[test]
fn a_kept_alive_connection_answers_requests_in_order_then_idles_out() {
    let port = start(small_limits());
    let mut stream = connect(port);
    // Two requests in one write (pipelined), then a HEAD.
    stream.write_all(b"GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    stream.write_all(b"HEAD /c HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let started = Instant::now();
    let answer = read_all(&mut stream);
    let a = answer.find("GET /a").unwrap();
    let b = answer.find("GET /b").unwrap();
    assert!(a < b, "{answer}");
    assert!(!answer.contains("HEAD /c"), "HEAD has no body: {answer}");
    assert!(answer.ends_with("Content-Length: 7\r\nConnection: keep-alive\r\n\r\n"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(2), "closed once idle");
}

#[test]
fn a_head_too_large_is_refused_without_being_read() {
    let port = start(small_limits());
    let mut stream = connect(port);
    let padding = "a".repeat(2000);
    let _ = stream.write_all(format!("GET / HTTP/1.1\r\nHost: x\r\nX-Pad: {padding}\r\n\r\n").as_bytes());
    let answer = read_all(&mut stream);
    assert_eq!(status(&answer), "431", "{answer}");
}

#[test]
fn a_head_sent_too_slowly_times_out() {
    let port = start(small_limits());
    let mut stream = connect(port);
    stream.write_all(b"GET / HTTP/1.1\r\n").unwrap();
    std::thread::sleep(Duration::from_millis(150));
    let _ = stream.write_all(b"Host: x\r\n");
    let answer = read_all(&mut stream);
    assert_eq!(status(&answer), "408", "{answer}");
}

#[test]
fn a_connection_that_sends_nothing_is_closed_quietly() {
    let port = start(small_limits());
    let mut stream = connect(port);
    let started = Instant::now();
    assert_eq!(read_all(&mut stream), "");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[test]
fn connections_beyond_the_limit_are_told_to_come_back() {
    let port = start(small_limits());
    // Three streams hold the three connections allowed.
    let mut held = Vec::new();
    for _ in 0..3 {
        let mut stream = connect(port);
        stream.write_all(b"GET /stream HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut first = [0u8; 12];
        stream.read_exact(&mut first).unwrap();
        held.push(stream);
    }
    let mut extra = connect(port);
    let _ = extra.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    let answer = read_all(&mut extra);
    assert_eq!(status(&answer), "503", "{answer}");
    assert!(answer.contains("Retry-After: 1"), "{answer}");
    drop(held);
}

#[test]
fn idle_connections_make_room_for_new_ones() {
    let port = start(small_limits());
    // Three connections that ask for nothing take every place.
    let mut idle = Vec::new();
    for _ in 0..3 {
        idle.push(connect(port));
        std::thread::sleep(Duration::from_millis(30)); // so that the first is the oldest
    }
    idle[0].write_all(b"GET / HTTP/1.1\r\n").unwrap();
    let mut asking = connect(port);
    asking.write_all(b"GET /now HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    assert!(read_all(&mut asking).ends_with("GET /now"));
    assert_eq!(read_all(&mut idle[0]), "", "the oldest was closed to make room");
}

#[test]
fn malformed_requests_and_bodies_close_the_connection() {
    let port = start(small_limits());
    let mut garbage = connect(port);
    garbage.write_all(b"\x16\x03\x01 not http\r\n\r\n").unwrap();
    assert_eq!(status(&read_all(&mut garbage)), "400");
    let mut negative = connect(port);
    negative.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n").unwrap();
    assert_eq!(status(&read_all(&mut negative)), "400");
    let mut with_body = connect(port);
    with_body.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello").unwrap();
    let answer = read_all(&mut with_body);
    assert!(answer.contains("Connection: close"), "{answer}");
}

#[test]
fn http_1_0_closes_unless_asked_to_keep_alive() {
    let port = start(small_limits());
    let mut plain = connect(port);
    plain.write_all(b"GET / HTTP/1.0\r\n\r\n").unwrap();
    assert!(read_all(&mut plain).contains("Connection: close"));
    let mut kept = connect(port);
    kept.write_all(b"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").unwrap();
    assert!(read_all(&mut kept).contains("Connection: keep-alive"));
}
