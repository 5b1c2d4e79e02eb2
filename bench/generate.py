#!/usr/bin/env python3
"""Deterministic synthetic site for benchmarks: P policies x V versions x ja/en.

Each version has about 20 clauses (with sub-clauses, numbered lists and a
contact block) and about 20 KB of Japanese Markdown. The same content is
written twice: as a kiyaku site (OUT/kiyaku) and as a Hugo site (OUT/hugo)
with a minimal single-page template that renders the Markdown and a table of
contents.

usage: generate.py POLICIES VERSIONS OUT [KIND]

KIND is how each revision changes the text: `edits` (the default) rewrites
a few clauses of each version, as real revisions do; `rewrites` rewrites
every clause of every version, the worst case for the comparisons.
"""
import os
import random
import shutil
import sys
from datetime import date, timedelta

PHRASES = [
    "当社は、お客様の個人情報を適正に取り扱います。",
    "利用目的の達成に必要な範囲において、適法かつ公正な手段により取得します。",
    "法令に基づく場合を除き、あらかじめご本人の同意を得ないで第三者に提供しません。",
    "個人情報の漏えい、滅失又は毀損の防止その他の安全管理のために必要かつ適切な措置を講じます。",
    "開示等の請求があった場合には、ご本人であることを確認の上、遅滞なく対応します。",
    "委託先の選定に当たっては、個人情報の保護水準を十分に審査します。",
    "当社ウェブサイトでは、利用状況の把握のためCookieを使用することがあります。",
    "通信の秘密に該当する情報は、電気通信事業法の定めに従い厳格に取り扱います。",
]
EN = "The Company handles personal information properly and lawfully, within the purposes of use. "
TOPICS = ["collection", "purposes", "security", "outsourcing", "third-party", "disclosure", "cookies", "retention",
          "overseas", "logs", "minors", "anonymized", "pseudonymized", "joint-use", "marketing", "surveys",
          "complaints", "changes", "governing-law", "contact"]


def paragraph(rng, sentences):
    return "".join(rng.choice(PHRASES) for _ in range(sentences))


def version_body(policy, version, lang, kind):
    out = []
    rng = random.Random(f"{policy}-{lang}-preamble")
    out.append(paragraph(rng, 3) if lang == "ja" else EN * 3)
    for n, topic in enumerate(TOPICS):
        # The same clause has the same text in every version, except that each
        # revision rewrites a few clauses: comparisons have real work to do.
        revised = version if kind == "rewrites" else sum(1 for v in range(1, version + 1) if n % 7 == v % 7)
        rng = random.Random(f"{policy}-{lang}-{n}-{revised}")
        title = f"条項{n + 1}（{topic}）" if lang == "ja" else f"Clause {n + 1} ({topic})"
        out.append(f"## {title} {{#{topic}}}")
        text = (lambda k: paragraph(rng, k)) if lang == "ja" else (lambda k: EN * k)
        out.append(text(4) + (f"改定{revised}。" if lang == "ja" else f" Revision {revised}."))
        out.append("\n".join(f"{i}. {text(1)}" for i in range(1, 5)))
        if n % 4 == 0:
            out.append(f"### {'細目' if lang == 'ja' else 'Details'} {{#{topic}-details}}")
            out.append(text(3))
        if topic == "contact":
            out.append("```contact\ndesk\n```")
    return "\n\n".join(out) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    policies, versions, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    kind = sys.argv[4] if len(sys.argv) > 4 else "edits"
    if kind not in ("edits", "rewrites"):
        sys.exit(f"KIND is edits or rewrites, not {kind}")
    shutil.rmtree(out, ignore_errors=True)
    kiyaku, hugo = os.path.join(out, "kiyaku"), os.path.join(out, "hugo")
    write(f"{kiyaku}/kiyaku.toml", 'base_url = "https://bench.example/"\nlanguages = ["ja", "en"]\n[title]\nja = "ベンチ"\nen = "Bench"\n')
    write(f"{kiyaku}/blocks/desk.toml", 'kind = "contact"\n[[revisions]]\nsince = 2000-01-01\n'
          'organization = { ja = "ベンチ株式会社", en = "Bench K.K." }\ndepartment = { ja = "窓口", en = "Desk" }\n'
          'postal_code = "100-0001"\naddress = { ja = "東京都千代田区1-1", en = "1-1 Chiyoda, Tokyo" }\n'
          'phones = [ { number = "0120-000-000" } ]\n')
    write(f"{hugo}/hugo.toml", 'baseURL = "https://bench.example/"\ntitle = "Bench"\n'
          'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n'
          '[markup.goldmark.renderer]\nunsafe = false\n[markup.tableOfContents]\nstartLevel = 2\nendLevel = 3\n')
    write(f"{hugo}/layouts/_default/single.html", '<!doctype html><html lang="{{ .Params.lang }}"><head><meta charset="utf-8">'
          '<title>{{ .Title }}</title></head><body><nav>{{ .TableOfContents }}</nav><main>{{ .Content }}</main></body></html>\n')
    write(f"{hugo}/layouts/_default/list.html", '<!doctype html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
          '<body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n')
    start = date(2015, 1, 1)
    for p in range(policies):
        slug = f"policy-{p:04d}"
        write(f"{kiyaku}/content/{slug}/policy.toml", f'kind = "privacy"\n[title]\nja = "ポリシー{p}"\nen = "Policy {p}"\n'
              # Where each APPI art. 32 disclosure is made, as a real site declares it.
              '[appi]\nbusiness = "contact"\npurposes = "purposes"\nrequests = "disclosure"\nsecurity = "security"\n'
              'complaints = "complaints"\n')
        for v in range(versions):
            effective = start + timedelta(days=180 * v + p % 30)
            announced = effective - timedelta(days=40)
            for lang in ("ja", "en"):
                body = version_body(p, v, lang, kind)
                front = f"+++\neffective = {effective}\n"
                if v > 0:
                    front += f'announced = {announced}\nchange = "material"\n'
                front += f'summary = "{"改定" if v else "制定"} {v}"\n+++\n\n'
                write(f"{kiyaku}/content/{slug}/{effective}.{lang}.md", front + body)
                hugo_front = f'---\ntitle: "{slug} {effective}"\nlang: {lang}\n---\n\n'
                write(f"{hugo}/content/{lang}/{slug}/{effective}.md", hugo_front + body)


if __name__ == "__main__":
    main()
