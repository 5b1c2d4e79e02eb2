//! `kiyaku serve` under bursts and hostile clients (issue 25, hole 5;
//! issue 24, "serve under load"): a burst of keep-alive connections, idle
//! connections held open, many live-reload clients and an oversized request
//! head. The read timeouts here only keep a hung server from hanging the
//! tests; the figures are measured by `bench/serve_load.py`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::common::*;
use crate::serve::{Events, get, start};

fn connect(port: u16) -> TcpStream {
    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    stream
}

/// Reads one answer with a length off a kept-alive connection: its status.
fn read_answer(reader: &mut BufReader<TcpStream>) -> u16 {
    let mut status_line = String::new();
    reader.read_line(&mut status_line).unwrap();
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line.trim().is_empty() {
            break;
        }
        if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = value.trim().parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    status_line.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0)
}

/// Six keep-alive connections at once, each asking twice: tiny_http 0.12
/// left two of them unanswered behind the four it was serving.
#[test]
fn a_burst_of_keep_alive_connections_is_answered() {
    let server = start();
    let mut readers: Vec<_> = (0..6).map(|_| BufReader::new(connect(server.port))).collect();
    for round in 0..2 {
        for reader in &mut readers {
            write!(reader.get_mut(), "GET /ja/privacy/ HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        }
        for reader in &mut readers {
            assert_eq!(read_answer(reader), 200, "round {round}");
        }
    }
}

/// Connections that send nothing, or half a head, do not keep a normal
/// request waiting.
#[test]
fn held_connections_do_not_block_a_normal_request() {
    let server = start();
    let mut held: Vec<TcpStream> = (0..200).map(|_| connect(server.port)).collect();
    for stream in held.iter_mut().step_by(2) {
        stream.write_all(b"GET /ja/ HTTP/1.1\r\nHost: local").unwrap();
    }
    assert_eq!(get(server.port, "GET", "/ja/").0, 200);
    drop(held);
}

/// Fifty open pages all hear the reload after one edit.
#[test]
fn fifty_live_reload_clients_all_hear_the_reload() {
    let server = start();
    let mut pages: Vec<Events> = (0..50).map(|_| Events::open(server.port)).collect();
    for page in &mut pages {
        assert_eq!(page.next().0, "hello");
    }
    let file = server.root.join("content/privacy/2022-04-01.ja.md");
    std::fs::write(&file, read(&file).replace("本ポリシー", "本方針")).unwrap();
    for page in &mut pages {
        assert_eq!(page.next().0, "reload");
    }
}

/// A request head of 1 MB is refused after its first 16 KiB, not buffered.
#[test]
fn an_oversized_request_head_is_refused() {
    let server = start();
    let mut stream = connect(server.port);
    let padding = "a".repeat(1 << 20);
    // The server stops reading and answers: the rest of the write may fail.
    let _ = write!(stream, "GET /ja/ HTTP/1.1\r\nHost: localhost\r\nX-Padding: {padding}\r\n\r\n");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 431 "), "{answer}");
    assert_eq!(get(server.port, "GET", "/ja/").0, 200, "still serving");
}
