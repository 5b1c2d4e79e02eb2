#!/usr/bin/env python3
"""Big, deep and odd input (issue 24): each case is a fresh `kiyaku init`
site with something added, checked and built; prints wall time, peak
memory and the outcome of each as a Markdown table (docs/reliability.md).

usage: big_input.py KIYAKU_BIN [WORK_DIR] [CASE...]

Every run is `check` and `build --no-pdf` with --record-published, as of
--now 2026-12-04; a run that does not end within 300 s counts as a hang.
"""
import os
import re
import shutil
import subprocess
import sys

binary = os.path.abspath(sys.argv[1])
work = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else "/tmp/kiyaku-big")
only = sys.argv[3:]
NOW = "2026-12-04"
SENTENCE_JA = "当社は、個人情報の漏えい、滅失又は毀損の防止その他の安全管理のために必要かつ適切な措置を講じます。"
SENTENCE_EN = "We take the measures needed to prevent the leakage, loss or damage of personal information. "


def fresh(name):
    root = os.path.join(work, name)
    shutil.rmtree(root, ignore_errors=True)
    subprocess.run([binary, "init", root], check=True, capture_output=True)
    return root


def version(root, lang):
    folder = os.path.join(root, "content", "privacy")
    return os.path.join(folder, next(f for f in sorted(os.listdir(folder)) if f.endswith(f".{lang}.md")))


def append(root, ja, en):
    for lang, text in (("ja", ja), ("en", en)):
        with open(version(root, lang), "a", encoding="utf-8") as f:
            f.write(text)


def clauses(count, sentences, sub_clauses=0):
    def one(lang):
        sentence = SENTENCE_JA if lang == "ja" else SENTENCE_EN
        parts = []
        for n in range(count):
            parts.append(f"\n## {'条項' if lang == 'ja' else 'Clause'} {n} {{#c{n}}}\n\n{sentence * sentences}\n")
            for m in range(sub_clauses):
                parts.append(f"\n### {'細目' if lang == 'ja' else 'Item'} {m} {{#c{n}-{m}}}\n\n{sentence}\n")
        return "".join(parts)
    return one("ja"), one("en")


def case_big_flat(root):
    append(root, *clauses(17_000, 20))


def case_big_sub(root):
    append(root, *clauses(100, 1, 2_130))


def case_deep(root):
    # One line each: `- - - …` and `1. 1. 1. …` open a list inside a list
    # item at every marker (indenting each level instead would make a
    # 10,000-deep list 100 MB of spaces).
    quote = "\n\n" + "> " * 10_000 + "深い引用\n"
    bullets = "\n\n" + "- " * 10_000 + "項目\n"
    numbered = "\n\n" + "1. " * 10_000 + "項目\n"
    mixed = "\n\n" + "> - 1. " * 3_000 + "項目\n"
    body = quote + bullets + numbered + mixed
    append(root, "\n## 深い {#deep}" + body, "\n## Deep {#deep}" + body)


def case_long_id(root):
    long = "a" * 100_000
    append(root, f"\n## 長い {{#{long}}}\n\n本文。\n", f"\n## Long {{#{long}}}\n\nText.\n")


def case_many_policies(root):
    shutil.rmtree(root)
    generator = os.path.join(os.path.dirname(os.path.abspath(__file__)), "generate.py")
    subprocess.run([sys.executable, generator, "5000", "1", root + "-gen"], check=True, capture_output=True)
    shutil.move(os.path.join(root + "-gen", "kiyaku"), root)
    shutil.rmtree(root + "-gen")


def case_fifo(root):
    os.mkfifo(os.path.join(root, "content", "privacy", "2030-01-01.ja.md"))


def case_folder(root):
    folder = os.path.join(root, "content", "privacy", "2030-01-01.ja.md")
    os.mkdir(folder)
    with open(os.path.join(folder, "notes.md"), "w") as f:
        f.write("x\n")


def case_dangling(root):
    os.symlink("gone.md", os.path.join(root, "content", "privacy", "2030-01-01.ja.md"))


def case_unreadable(root):
    # As root every file is readable: a file name the system cannot open
    # (a link loop) stands in for one without permission.
    path = os.path.join(root, "content", "privacy", "2030-01-01.ja.md")
    os.symlink(path, path)


def case_outside(root):
    os.symlink("/proc/self/status", os.path.join(root, "content", "privacy", "2030-01-01.ja.md"))


CASES = [
    ("big-flat", "a 20 MB version file per language: 17,000 clauses of 20 sentences", case_big_flat),
    ("big-sub", "a 20 MB version file per language: 100 clauses over 213,000 sub-clauses", case_big_sub),
    ("deep", "a blockquote, a bullet list and a numbered list each nested 10,000 deep, and the three mixed 9,000 deep", case_deep),
    ("long-id", "a clause id of 100,000 characters", case_long_id),
    ("many", "5,000 policies (bench/generate.py 5000 1: 10,000 version pages, 200 MB)", case_many_policies),
    ("fifo", "a FIFO named like a version file", case_fifo),
    ("folder", "a folder named like a version file", case_folder),
    ("dangling", "a version file that is a link to nothing", case_dangling),
    ("unreadable", "a version file that cannot be opened (a link to itself)", case_unreadable),
    ("outside", "a version file linked to /proc/self/status", case_outside),
]


def outcome(code, stderr):
    if code == "hang":
        return "HANG"
    if "panicked" in stderr or "overflow" in stderr:
        return f"PANIC (exit {code})"
    codes = sorted(set(re.findall(r"^error\[([a-z-]+)\]", stderr, re.M)))
    return "builds" if code == 0 else f"exit {code}: " + ", ".join(f"`{c}`" for c in codes)


print("| input | check | build | peak memory (build) | result |")
print("| --- | ---: | ---: | ---: | --- |")
for name, what, make in CASES:
    if only and name not in only:
        continue
    root = fresh(name)
    make(root)
    common = ["--root", root, "--now", NOW, "--record-published"]
    # Each run in its own process: ru_maxrss of children is a running maximum.
    measure = [sys.executable, "-c", "import resource,subprocess,sys,time;t=time.monotonic();"
               "p=subprocess.run(sys.argv[1:],capture_output=True,text=True);"
               "print(p.returncode, time.monotonic()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);"
               "sys.stdout.write(p.stderr[-20000:])"]
    results = []
    for command in (["check"], ["build", "--no-pdf", "--output", os.path.join(root, "public")]):
        try:
            done = subprocess.run(measure + [binary] + command + common, capture_output=True, text=True, timeout=320)
            first, _, stderr = done.stdout.partition("\n")
            code, elapsed, peak = first.split()
            results.append((int(code), float(elapsed), int(peak), stderr))
        except subprocess.TimeoutExpired:
            results.append(("hang", 300.0, 0, ""))
    (check_code, check_time, _, check_err), (build_code, build_time, build_peak, build_err) = results
    result = outcome(build_code, build_err)
    if outcome(check_code, check_err) != result:
        result += f" (check: {outcome(check_code, check_err)})"
    print(f"| {what} | {check_time:.2f} s | {build_time:.2f} s | {build_peak / 1024:.0f} MiB | {result} |", flush=True)
    if name == "many":
        shutil.rmtree(root)
