#!/usr/bin/env python3
"""`kiyaku serve` under bursts, held connections and hostile clients.

usage: serve_load.py KIYAKU_BIN SITE_ROOT [HOLD_SECONDS]

Starts `kiyaku serve` on a free port on 127.0.0.1 over a copy of SITE_ROOT
and prints one line per case: what was tried, what held, and the preview's
threads and resident memory (from /proc) around it. HOLD_SECONDS (default
60) is how long 200 idle connections are held open while a normal request
is timed every second. docs/reliability.md records a run.
"""
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

binary, source = sys.argv[1], sys.argv[2]
hold_seconds = int(sys.argv[3]) if len(sys.argv) > 3 else 60
# 3,000 connections need as many descriptors here.
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192), hard))
site = tempfile.mkdtemp(prefix="kiyaku-load-")
shutil.copytree(source, site, dirs_exist_ok=True, ignore=shutil.ignore_patterns("public", ".git", "target"))
server = subprocess.Popen([binary, "serve", "--root", site, "--port", "0"],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
port = int(server.stdout.readline().split("127.0.0.1:")[1].split("/")[0])
GET = b"GET /ja/ HTTP/1.1\r\nHost: localhost\r\n\r\n"


def usage():
    """Threads and resident memory (MB) of the preview."""
    status = open(f"/proc/{server.pid}/status").read()
    fields = dict(line.split(":\t", 1) for line in status.splitlines() if ":\t" in line)
    return int(fields["Threads"]), int(fields["VmRSS"].split()[0]) // 1024


def connect(timeout=10):
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    sock.settimeout(timeout)
    return sock


def read_answer(sock):
    """One answer with a Content-Length: its status, or None on timeout or close."""
    data = b""
    try:
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                return None
            data += chunk
        head, body = data.split(b"\r\n\r\n", 1)
        length = next((int(l.split(b":")[1]) for l in head.split(b"\r\n") if l.lower().startswith(b"content-length:")), 0)
        while len(body) < length:
            chunk = sock.recv(65536)
            if not chunk:
                return None
            body += chunk
        return int(head.split(b" ")[1])
    except OSError:
        return None


def timed_get():
    started = time.monotonic()
    sock = connect(5)
    sock.sendall(GET)
    status = read_answer(sock)
    sock.close()
    return status, time.monotonic() - started


def report(case, outcome):
    threads, rss = usage()
    print(f"{case}: {outcome}; serve now {threads} threads, {rss} MB", flush=True)


def burst(connections, trials):
    answered_all = 0
    for _ in range(trials):
        socks = [connect(2) for _ in range(connections)]
        for sock in socks:
            sock.sendall(GET)
        answered = sum(read_answer(sock) == 200 for sock in socks)
        answered_all += answered == connections
        for sock in socks:
            sock.close()
    report(f"{connections} simultaneous keep-alive GETs, {trials} trials",
           f"all answered within 2 s in {answered_all} of {trials}")


def event_streams(count, trials):
    complete = 0
    for _ in range(trials):
        socks = [connect(2) for _ in range(count)]
        for sock in socks:
            sock.sendall(b"GET /__kiyaku/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
        heard = 0
        for sock in socks:
            try:
                data = b""
                while b"event: hello" not in data:
                    chunk = sock.recv(4096)
                    if not chunk:
                        break
                    data += chunk
                heard += b"event: hello" in data
            except OSError:
                pass
        complete += heard == count
        for sock in socks:
            sock.close()
        time.sleep(1.5)  # a closed stream is noticed within a second
    report(f"{count} simultaneous event streams, {trials} trials",
           f"every stream had its first event within 2 s in {complete} of {trials}")


def held_connections(count, seconds):
    held = [connect() for _ in range(count)]
    for sock in held[::2]:
        sock.sendall(b"GET /ja/ HTTP/1.1\r\nHost: local")  # half a head
    worst, failed = 0.0, 0
    for _ in range(seconds):
        status, elapsed = timed_get()
        worst = max(worst, elapsed)
        failed += status != 200
        time.sleep(max(0.0, 1 - elapsed))
    report(f"{count} connections held open {seconds} s, a GET every second",
           f"{seconds - failed} of {seconds} answered, slowest {worst * 1000:.0f} ms")
    for sock in held:
        sock.close()


def sequential(count):
    before = usage()[1]
    errors = sum(timed_get()[0] != 200 for _ in range(count))
    report(f"{count} sequential requests", f"{errors} errors, memory {before} MB before")


def oversized_head(size):
    sock = connect()
    try:
        sock.sendall(b"GET /ja/ HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + b"a" * size + b"\r\n\r\n")
    except OSError:
        pass  # the server answered and stopped reading
    status = read_answer(sock)
    sock.close()
    report(f"a request head of {size >> 20} MB", f"answered {status}")


def slow_connections(count):
    socks = []
    for _ in range(count):
        try:
            sock = connect()
            sock.sendall(b"GET /ja/ HTTP/1.1\r\n")
            socks.append(sock)
        except OSError:
            break
    time.sleep(1)
    threads, rss = usage()
    status, elapsed = timed_get()
    refused = 0
    for sock in socks:
        sock.settimeout(0.01)
        try:
            refused += sock.recv(64).startswith(b"HTTP/1.1 503")
        except OSError:
            pass
    print(f"{len(socks)} slow connections: {threads} threads, {rss} MB; {refused} told 503 at once; "
          f"a normal GET: {status} in {elapsed * 1000:.0f} ms", flush=True)
    time.sleep(12)  # past the 10 s allowed for a request head
    report("12 s later, the slow connections still open on this side", "the preview has timed them out (408)")
    for sock in socks:
        sock.close()


def reload_clients(count):
    socks = [connect(30) for _ in range(count)]
    for sock in socks:
        sock.sendall(b"GET /__kiyaku/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
        data = b""
        while b"event: hello" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                sys.exit(f"an event stream was refused: {data!r}")
            data += chunk
    page = next(os.path.join(d, f) for d, _, fs in sorted(os.walk(f"{site}/content")) for f in sorted(fs) if f.endswith(".ja.md"))
    with open(page, "a") as out:
        out.write("\n")
    started = time.monotonic()
    heard, slowest = 0, 0.0
    for sock in socks:
        data = b""
        try:
            while b"event: reload" not in data and b"event: error" not in data:
                chunk = sock.recv(4096)
                if not chunk:
                    raise OSError("closed")
                data += chunk
            heard += 1
            slowest = time.monotonic() - started
        except OSError:
            pass
    report(f"{count} live-reload clients, one edit", f"{heard} heard it, the last {slowest * 1000:.0f} ms after the save")
    for sock in socks:
        sock.close()


try:
    report("fresh", "started")
    burst(6, 15)
    event_streams(50, 5)
    held_connections(200, hold_seconds)
    sequential(2000)
    oversized_head(1 << 20)
    oversized_head(64 << 20)
    slow_connections(3000)
    reload_clients(50)
finally:
    server.kill()
    shutil.rmtree(site, ignore_errors=True)
