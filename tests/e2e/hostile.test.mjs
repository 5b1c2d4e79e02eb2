// Issue 24: markup smuggled into any source field a build accepts (titles,
// summaries, block fields, clause text, link targets and titles, code) is
// text in every page, document and feed. Each page is opened in Debian's
// chromium: no script of the payload runs (a `window` flag stays unset, no
// dialog opens), no element carries an event attribute, no link has a
// scheme that runs code. The JSON keeps the payload's characters as text
// and its HTML fields hold it escaped. Sources the build refuses (raw HTML,
// `javascript:` links, heading attributes…) are tested in tests/it/hostile.rs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { copyExample, kiyaku, launch, serveStatic } from "./lib.mjs";

const FLAG = "__kiyaku_pwned";
const PAYLOAD =
  `<script>window.${FLAG}=1</script><img src=x onerror="window.${FLAG}=2">` +
  `<svg onload="window.${FLAG}=3"></svg>"'><iframe srcdoc="<script>parent.${FLAG}=4</script>"></iframe>`;
// In a TOML basic string: quotes and backslashes escaped.
const TOML_PAYLOAD = PAYLOAD.replaceAll("\\", "\\\\").replaceAll('"', '\\"');

function edit(root, file, from, to) {
  const path = join(root, file);
  const text = readFileSync(path, "utf8");
  assert.ok(text.includes(from), `${file} holds ${from}`);
  writeFileSync(path, text.replace(from, to));
}

/** The example site with the payload in every field a build accepts. */
function hostileSite() {
  const root = copyExample({ record: false });
  edit(root, "kiyaku.toml", 'ja = "ひかりみち通信 規約・ポリシー"', `ja = "規約${TOML_PAYLOAD}"`);
  edit(root, "kiyaku.toml", 'en = "Hikarimichi Telecom Policies"', `en = "Policies${TOML_PAYLOAD}"`);
  edit(root, "content/privacy/policy.toml", 'ja = "プライバシーポリシー"', `ja = "方針${TOML_PAYLOAD}"`);
  edit(root, "content/privacy/policy.toml", 'en = "Privacy Policy"', `en = "Policy${TOML_PAYLOAD}"`);
  const version = "content/privacy/2023-06-16.ja.md";
  edit(root, version, 'summary = "電気通信事業法', `summary = "${TOML_PAYLOAD}電気通信事業法`);
  edit(root, "blocks/privacy-desk.toml", 'department = { ja = "個人情報保護管理者（リスク管理部長）"',
    `department = { ja = "管理者${TOML_PAYLOAD}"`);
  edit(root, "blocks/privacy-desk.toml", 'hours = { ja = "平日10:00〜17:00',
    `hours = { ja = "${TOML_PAYLOAD}平日10:00〜17:00`);
  // In the Markdown: as entities (text once decoded), in code, in a link's
  // title, and in the quotes of an address.
  const entities = PAYLOAD.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
  edit(root, version, "## 個人情報の取得 {#collection}",
    `## 個人情報の取得 \`<script>window.${FLAG}=5</script>\` {#collection}\n\n${entities}\n\n` +
    `\`<img src=x onerror="window.${FLAG}=6">\` ` +
    `[窓口](https://example.com/"onmouseover="window.${FLAG}=7 "\\" onclick=\\"window.${FLAG}=8") ` +
    `<https://example.com/?q="onmouseover="window.${FLAG}=9>`);
  return root;
}

function files(dir) {
  return readdirSync(dir, { recursive: true })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .sort();
}

/** Every string of a JSON value, with the key that holds it. */
function* strings(value, key = "") {
  if (typeof value === "string") yield [key, value];
  else if (Array.isArray(value)) for (const item of value) yield* strings(item, key);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) yield* strings(v, k);
}

/** What in a page or an HTML fragment could run: event attributes, frames,
 * inline scripts, addresses with a scheme that runs code (in the browser). */
function liveParts(root) {
  const events = [];
  for (const element of root.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      if (/^on/i.test(attribute.name)) events.push(`${element.tagName} ${attribute.name}`);
    }
  }
  const schemes = [...root.querySelectorAll("[href], [src], [action], [formaction], [srcdoc]")]
    .flatMap((e) => ["href", "src", "action", "formaction"].map((a) => e.getAttribute(a)).filter(Boolean))
    .map((url) => new URL(url, location.href).protocol)
    .filter((protocol) => !["http:", "https:", "mailto:", "tel:"].includes(protocol));
  const frames = root.querySelectorAll("iframe, object, embed, frame, [srcdoc]").length;
  const scripts = [...root.querySelectorAll("script")].filter((s) => s.type !== "application/ld+json" && !s.src).length;
  return { events, schemes, frames, scripts };
}

const NOTHING_LIVE = { events: [], schemes: [], frames: 0, scripts: 0 };

test("no payload in any accepted field runs in the browser or lives in the JSON", async () => {
  const root = hostileSite();
  const out = join(root, "public");
  execFileSync(kiyaku, ["build", "--root", root, "--output", out, "--now", "2026-12-03", "--no-pdf", "--record-published"],
    { stdio: ["ignore", "ignore", "pipe"] });
  const all = files(out);

  // The documents: the text kept as text, HTML fields escaped.
  let carried = 0;
  const fragments = [];
  for (const path of all.filter((p) => p.endsWith(".json"))) {
    for (const [key, text] of strings(JSON.parse(readFileSync(path, "utf8")))) {
      if (text.includes(`window.${FLAG}`)) carried += 1;
      if (/html$/i.test(key)) fragments.push([relative(out, path), key, text]);
    }
  }
  assert.ok(carried > 20, `the payload is carried as text in the JSON (${carried} strings)`);

  const server = await serveStatic(out);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const dialogs = [];
    page.on("dialog", (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });
    const pages = all.filter((p) => p.endsWith(".html")).map((p) => relative(out, p).replace(/index\.html$/, ""));
    pages.push("ja/search/?q=script", "en/search/?q=onerror", "ja/search/?q=%E7%AA%93%E5%8F%A3");
    for (const path of pages) {
      await page.goto(server.url + path, { waitUntil: "load" });
      // The search runs after load; give it its moment, then hover every link.
      await page.waitForTimeout(path.includes("search") ? 300 : 0);
      const found = await page.evaluate(([flag, live]) => {
        for (const element of document.querySelectorAll("*")) {
          element.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
        }
        return { flag: window[flag], ...eval(`(${live})`)(document) };
      }, [FLAG, liveParts.toString()]);
      assert.equal(found.flag, undefined, `${path}: a payload ran`);
      const { flag: _, ...parts } = found;
      assert.deepEqual(parts, NOTHING_LIVE, `${path}: live parts`);
    }
    assert.deepEqual(dialogs, []);
    // The JSON's HTML fields, parsed by the browser as an app would insert them.
    const judged = await page.evaluate(([list, live]) => list.map(([file, key, html]) => {
      const template = document.createElement("template");
      template.innerHTML = html;
      return [file, key, eval(`(${live})`)(template.content)];
    }), [fragments, liveParts.toString()]);
    for (const [file, key, parts] of judged) assert.deepEqual(parts, NOTHING_LIVE, `${file}: ${key}`);
    assert.ok(judged.length > 50, `${judged.length} HTML fields judged`);
    console.log(`hostile: ${pages.length} pages opened, ${judged.length} HTML fields of the JSON judged, ` +
      `the payload carried as text in ${carried} JSON strings`);
    assert.ok(pages.length > 40, `${pages.length} pages opened`);
    // The payload is shown, as text, where it was put.
    await page.goto(server.url + "ja/privacy/2023-06-16/", { waitUntil: "load" });
    const text = await page.locator("main").innerText();
    assert.ok(text.includes(`<script>window.${FLAG}=1</script>`), "the summary's payload shown as text");
    assert.ok(text.includes(`<script>window.${FLAG}=5</script>`), "the code span shown as text");
  } finally {
    await browser.close();
    server.close();
  }
});
