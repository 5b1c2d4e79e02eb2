#!/usr/bin/env python3
"""Import of large inputs (issue 24): pages of many paragraphs, items, table
rows, definitions, headings, footnotes and articles, each imported into a
fresh `kiyaku init` site; prints wall time and peak memory as a Markdown
table (docs/reliability.md). A run over 120 s counts as a hang.

usage: import_sizes.py KIYAKU_BIN [WORK_DIR]
"""
import os
import resource
import shutil
import subprocess
import sys
import time

binary = os.path.abspath(sys.argv[1])
work = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else "/tmp/kiyaku-import-sizes")
HEAD = "<html><body><h1>プライバシーポリシー</h1><p>制定日：2020年1月1日</p>"
TOP = "プライバシーポリシー\n\n制定日：2020年1月1日\n\n"
CASES = [
    ("160,000 paragraphs (HTML)", "html", lambda: HEAD + "<p>a</p>" * 160_000),
    ("160,000 list items (HTML)", "html", lambda: HEAD + "<ul>" + "<li>a</li>" * 160_000 + "</ul>"),
    ("300,000 table rows (HTML, 11.7 MB)", "html", lambda: HEAD + "<table>" + "<tr><td>a</td><td>b</td></tr>" * 300_000 + "</table>"),
    ("100,000 definitions (HTML)", "html", lambda: HEAD + "<dl>" + "<dt>住所<dd>東京都" * 100_000 + "</dl>"),
    ("100,000 numbered headings (Markdown)", "md", lambda: "# " + TOP + "".join(f"## {i}. H\n\nt\n\n" for i in range(1, 100_001))),
    ("30,000 chained footnotes (Markdown)", "md", lambda: "# " + TOP + "".join(f"a[^{i}]\n\n[^{i}]: [^{i + 1}] note\n\n" for i in range(1, 30_001))),
    ("50,000 articles (text)", "txt", lambda: TOP + "".join(f"第{i}条（見出し{i}）\n本文。\n" for i in range(1, 50_001))),
    ("100,000 numbered items (text)", "txt", lambda: TOP + "".join(f"{i}. 項目\n" for i in range(1, 100_001))),
]

os.makedirs(work, exist_ok=True)
print("| input | time | peak memory | result |")
print("| --- | ---: | ---: | --- |")
for name, extension, make in CASES:
    site = os.path.join(work, "site")
    shutil.rmtree(site, ignore_errors=True)
    subprocess.run([binary, "init", site], check=True, capture_output=True)
    source = os.path.join(work, f"input.{extension}")
    with open(source, "w", encoding="utf-8") as f:
        f.write(make())
    measure = [sys.executable, "-c", "import resource,subprocess,sys,time;t=time.monotonic();"
               "p=subprocess.run(sys.argv[1:],capture_output=True,text=True);"
               "print(p.returncode, time.monotonic()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);"
               "sys.stdout.write(p.stderr[-2000:])"]
    args = [binary, "import", source, "--root", site, "--policy", "big", "--lang", "ja"]
    try:
        done = subprocess.run(measure + args, capture_output=True, text=True, timeout=125)
        first, _, stderr = done.stdout.partition("\n")
        code, elapsed, peak = first.split()
        kept = next((line for line in stderr.splitlines() if line.startswith("kept ")), "")
        result = ("imported; " + kept) if code == "0" else f"exit {code}: {stderr.strip().splitlines()[-1][:80]}"
        print(f"| {name} | {float(elapsed):.2f} s | {int(peak) / 1024:.0f} MiB | {result} |", flush=True)
    except subprocess.TimeoutExpired:
        print(f"| {name} | > 120 s | | HANG |", flush=True)
