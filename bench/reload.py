#!/usr/bin/env python3
"""Time from saving a source file to the reload event, with `kiyaku serve`.

usage: reload.py KIYAKU_BIN SITE_ROOT RELATIVE_FILE [RUNS]

Starts `kiyaku serve` on a free port on 127.0.0.1, listens to its event
stream, appends a sentence to the file (and takes it back) RUNS times, and
prints the median and worst time from the write to the `reload` event.
"""
import http.client
import os
import statistics
import subprocess
import sys
import time

binary, root, relative = sys.argv[1], sys.argv[2], sys.argv[3]
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 10
if os.path.exists(f"{root}/kiyaku.lock"):
    # A build records the versions in force; editing one then is an error
    # (published text must not change), reported instead of reloaded.
    sys.exit(f"{root}/kiyaku.lock exists: edits to published versions would be errors, not reloads; "
             "measure on a freshly generated site (bench/generate.py) before building it")
server = subprocess.Popen([binary, "serve", "--root", root, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
try:
    line = server.stdout.readline()
    port = int(line.split("127.0.0.1:")[1].split("/")[0])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/__kiyaku/events")
    stream = connection.getresponse()

    def next_event():
        name = None
        while True:
            text = stream.fp.readline().decode().strip()
            if text.startswith("event: "):
                name = text[7:]
            elif text == "" and name:
                return name

    assert next_event() == "hello"
    path = f"{root}/{relative}"
    original = open(path, encoding="utf-8").read()
    timings = []
    try:
        for run in range(runs):
            text = original + ("\n\n追記。\n" if run % 2 == 0 else "")
            started = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            while next_event() != "reload":
                pass
            timings.append((time.perf_counter() - started) * 1000)
            time.sleep(0.2)
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
    print(f"save to reload event over {runs} saves: median {statistics.median(timings):.0f} ms, worst {max(timings):.0f} ms")
finally:
    server.kill()
