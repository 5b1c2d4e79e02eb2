// kiyaku serve in a real browser: a page reloads with the new text after a
// save, keeps its place, and shows the build error over the page until the
// source is fixed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { copyExample, launch, serve } from "./lib.mjs";

test("a page reloads after a save and shows build errors", async () => {
  const root = copyExample({ record: false });
  const server = await serve(root, "2026-11-22");
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}ja/privacy/#security`);
    await page.waitForFunction(() => window.scrollY > 0);
    const file = join(root, "content/privacy/2023-06-16.ja.md");
    const original = readFileSync(file, "utf8");
    assert.ok(original.includes("安全管理措置"));

    const saved = Date.now();
    writeFileSync(file, original.replace("## 安全管理措置 {#security}", "## 安全管理のための措置 {#security}"));
    await page.waitForFunction(() => document.body.textContent.includes("安全管理のための措置"), null, { timeout: 10000 });
    const reloaded = Date.now() - saved;
    console.log(`save to reloaded page in the browser: ${reloaded} ms`);
    assert.equal(new URL(page.url()).hash, "#security", "the clause anchor is kept");
    assert.ok(await page.evaluate(() => window.scrollY > 0), "the page is still scrolled to the clause");

    writeFileSync(file, original.replace("{#security}", "{#安全}"));
    const overlay = page.locator("#kiyaku-error-overlay");
    await overlay.waitFor({ state: "visible", timeout: 10000 });
    const message = await overlay.textContent();
    assert.match(message, /clause-id-invalid/);
    assert.match(message, /2023-06-16\.ja\.md:\d+:\d+/);

    writeFileSync(file, original);
    await page.waitForFunction(() => !document.getElementById("kiyaku-error-overlay") && document.body.textContent.includes("安全管理措置"), null, { timeout: 10000 });
  } finally {
    await browser.close();
    server.stop();
  }
});

test("built sites carry no reload script", async () => {
  const root = copyExample();
  const server = await serve(root, "2026-11-22");
  try {
    const served = await (await fetch(`${server.url}ja/privacy/`)).text();
    assert.ok(served.includes("/__kiyaku/live.js"), "serve injects it");
  } finally {
    server.stop();
  }
  const { execFileSync } = await import("node:child_process");
  const { kiyaku } = await import("./lib.mjs");
  execFileSync(kiyaku, ["build", "--root", root, "--now", "2026-11-22"], { stdio: "ignore" });
  const built = readFileSync(join(root, "public/ja/privacy/index.html"), "utf8");
  assert.ok(!built.includes("__kiyaku"), "a built page has no trace of it");
});
