// What hosts and app developers read from a build: `_headers` parsed by
// Netlify's own parser (Cloudflare Pages reads the same format), and the
// published JSON Schema turned into types by quicktype, one per document kind.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { parseAllHeaders } from "netlify-headers-parser";
import { buildExample } from "./lib.mjs";

test("_headers parses as Netlify reads it and covers the feeds and the pages' assets", async () => {
  const out = await buildExample("2026-11-22");
  const { headers, errors } = await parseAllHeaders({ headersFiles: [join(out, "_headers")], minimal: true });
  assert.deepEqual(errors, []);
  const rule = (path) => headers.find((h) => h.for === path)?.values ?? {};
  for (const lang of ["ja", "en"]) {
    assert.equal(rule(`/${lang}/feed.json`)["Content-Type"], "application/feed+json; charset=utf-8");
  }
  const page = readFileSync(join(out, "ja/privacy/index.html"), "utf8");
  const assets = [...page.matchAll(/(?:href|src)="(\/static\/[^"]+\.[0-9a-f]{10}\.[a-z]+)"/g)].map((m) => m[1]);
  assert.ok(assets.length >= 3, `the page links its stylesheet, script and icon by digest: ${assets}`);
  for (const asset of assets) {
    assert.match(rule(asset)["Cache-Control"] ?? "", /max-age=31536000, immutable/, asset);
  }
});

test("quicktype makes one type per document kind from the published schema", async () => {
  const out = await buildExample("2026-11-22");
  const schema = join(out, "api/v1/schema.json");
  const bin = join(import.meta.dirname, "node_modules/.bin/quicktype");
  const kinds = ["Index", "VersionDocument", "Feed"];
  const types = execFileSync(bin, ["-s", "schema", ...kinds.map((k) => `${schema}#/$defs/${k}`),
    "--lang", "typescript", "--just-types"], { encoding: "utf8" });
  for (const kind of kinds) {
    assert.match(types, new RegExp(`^export interface ${kind} \\{`, "m"), kind);
  }
});
