// Printing a page from the browser gives a record: A4 pages, the policy,
// version (施行日) and 公表日 at the head of every page, "N / M" at the
// foot, and the permanent URL and the text's hash (the JSON's sha256) on
// the first page. Checked in the PDF chromium prints, read with pdf.js.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildExample, launch, serveStatic } from "./lib.mjs";

// pdf.js needs Promise.withResolvers (Node 22); Node 20 lacks it.
Promise.withResolvers ??= () => {
  let resolve, reject;
  const promise = new Promise((yes, no) => { resolve = yes; reject = no; });
  return { promise, resolve, reject };
};
const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");

/** The text of each page of a PDF, its lines joined by spaces. */
async function pagesOf(pdf) {
  const document = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const pages = [];
  for (let n = 1; n <= document.numPages; n += 1) {
    const page = await document.getPage(n);
    const content = await page.getTextContent();
    const [, , width, height] = page.view;
    // pdf.js splits runs of CJK text into items, and reads some kanji as
    // their compatibility forms: the text is compared normalised, without spaces.
    const text = content.items.map((item) => item.str).join("").normalize("NFKC").replace(/\s+/g, "");
    pages.push({ width, height, text });
  }
  return pages;
}

async function print(browser, url) {
  const page = await browser.newPage();
  await page.goto(url);
  const pdf = await page.pdf({ preferCSSPageSize: true });
  await page.close();
  return pagesOf(pdf);
}

test("a printed version is an A4 record with its head, page numbers, URL and hash", async () => {
  const out = await buildExample("2026-11-22");
  const site = await serveStatic(out);
  const browser = await launch();
  try {
    for (const [lang, head] of [
      ["ja", "プライバシーポリシー施行日2023年6月16日公表日2023年5月10日"],
      ["en", "PrivacyPolicy·effectiveJune16,2023·announcedMay10,2023"],
    ]) {
      const pages = await print(browser, `${site.url}${lang}/privacy/`);
      assert.ok(pages.length >= 2, `${lang}: ${pages.length} pages`);
      const json = JSON.parse(readFileSync(join(out, `api/v1/${lang}/privacy/2023-06-16.json`), "utf8"));
      pages.forEach((page, i) => {
        // A4 is 595.28 x 841.89 points.
        assert.ok(Math.abs(page.width - 595.3) < 1 && Math.abs(page.height - 841.9) < 1, `${lang} p${i + 1}: ${page.width}x${page.height}`);
        assert.ok(page.text.startsWith(head), `${lang} p${i + 1} head: ${page.text.slice(0, 80)}`);
        assert.ok(page.text.includes(`${head}${i + 1}/${pages.length}`), `${lang} p${i + 1} foot`);
      });
      const first = pages[0].text;
      assert.ok(first.includes(json.sha256), `${lang}: the hash is on the first page`);
      assert.ok(first.includes(json.links.html), `${lang}: the permanent URL is on the first page`);
      assert.ok(!first.includes("規約・ポリシー一覧") && !first.includes("Skiptocontent"), "no site header");
    }
    const changes = await print(browser, `${site.url}ja/privacy/2027-01-01/changes/`);
    const head = "プライバシーポリシー新旧対照表(2027年1月1日施行)施行日2027年1月1日公表日2026年11月16日";
    changes.forEach((page, i) => assert.ok(page.text.startsWith(`${head}${i + 1}/${changes.length}`), `changes p${i + 1}`));
  } finally {
    await browser.close();
    site.close();
  }
});

test("the built PDF of a version and of its 新旧対照表 carry the same record, in selectable text", async () => {
  const out = await buildExample("2026-11-22");
  const json = JSON.parse(readFileSync(join(out, "api/v1/ja/privacy/2023-06-16.json"), "utf8"));
  const file = join(out, json.version.pdf_path.replace(/^\//, ""));
  const bytes = readFileSync(file);
  const pages = await pagesOf(bytes);
  assert.ok(pages.length >= 3, `${pages.length} pages`);
  const head = "プライバシーポリシー施行日2023年6月16日公表日2023年5月10日";
  pages.forEach((page, i) => {
    assert.ok(Math.abs(page.width - 595.3) < 1 && Math.abs(page.height - 841.9) < 1, `p${i + 1} is A4`);
    assert.ok(page.text.startsWith(head), `p${i + 1} head: ${page.text.slice(0, 60)}`);
    assert.ok(page.text.endsWith(`${i + 1}/${pages.length}`), `p${i + 1} foot: ${page.text.slice(-20)}`);
  });
  assert.ok(pages[0].text.includes(json.sha256), "the hash on the first page");
  assert.ok(pages[0].text.includes(json.links.html), "the permanent URL on the first page");
  // The text is the version's, searchable: a sentence of its first clause.
  const sentence = json.version.clauses[0].text.split("。")[0].replace(/\s+/g, "");
  assert.ok(pages.some((page) => page.text.includes(sentence)), `"${sentence}" is in the PDF`);
  // The Japanese font is embedded, as a subset.
  assert.match(bytes.toString("latin1"), /\/BaseFont\/[A-Z]{6}\+NotoSansCJKjp-Regular/);

  const changes = JSON.parse(readFileSync(join(out, "api/v1/ja/privacy/2027-01-01.json"), "utf8"));
  const table = await pagesOf(readFileSync(join(out, changes.version.changes_pdf_path.replace(/^\//, ""))));
  const tableHead = "プライバシーポリシー新旧対照表(2027年1月1日施行)施行日2027年1月1日公表日2026年11月16日";
  table.forEach((page, i) => assert.ok(page.text.startsWith(tableHead), `changes p${i + 1}`));
  assert.ok(table[0].text.includes("改定箇所改定前改定後"), "the table's headings");
  assert.ok(table.at(-1).text.includes("公表日:2026年11月16日") || table.at(-1).text.includes("公表日：2026年11月16日"));
});
