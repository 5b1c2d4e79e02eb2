// The published site in a real browser: no axe-core violations on any kind
// of page in either language (light and dark), and a banner that switches
// by itself when the reader's date passes a scheduled effective date.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { PAGE_KINDS, buildExample, launch, serveStatic } from "./lib.mjs";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");

test("no accessibility violations on any kind of page", async () => {
  const site = await serveStatic(await buildExample("2026-11-22"));
  const browser = await launch();
  try {
    const failures = [];
    let checked = 0;
    for (const scheme of ["light", "dark"]) {
      const context = await browser.newContext({ colorScheme: scheme });
      const page = await context.newPage();
      for (const [kind, pattern] of PAGE_KINDS) {
        for (const lang of ["ja", "en"]) {
          if (pattern === "/" && lang === "en") continue;
          const path = pattern.replace("LANG", lang);
          await page.goto(site.url + path.slice(1));
          if (kind === "comparison") {
            // The example has no removed clause: add the tag a removed row
            // carries, so that its contrast is checked too.
            await page.evaluate(() => document.querySelector(".k-change th")?.insertAdjacentHTML(
              "beforeend", '<span class="k-tag k-tag-removed">removed</span>'));
          }
          await page.addScriptTag({ path: axePath });
          const result = await page.evaluate(async () => {
            // eslint-disable-next-line no-undef
            return await axe.run(document, { resultTypes: ["violations"] });
          });
          checked += 1;
          for (const violation of result.violations) {
            failures.push(`${scheme} ${kind} ${path}: ${violation.id} (${violation.nodes.length}) ${violation.help}`);
          }
        }
      }
      await context.close();
    }
    console.log(`axe-core: ${checked} pages checked, ${failures.length} violations`);
    assert.deepEqual(failures, []);
  } finally {
    await browser.close();
    site.close();
  }
});

test("the banner follows the reader's date without a rebuild", async () => {
  const site = await serveStatic(await buildExample("2026-11-22"));
  const browser = await launch();
  try {
    const page = await browser.newPage();
    // Before the scheduled date: the banner as built.
    await page.clock.setFixedTime(new Date("2026-12-31T23:59:00+09:00"));
    await page.goto(`${site.url}ja/privacy/`);
    assert.match(await page.locator(".k-banner-slot .k-banner").getAttribute("class"), /k-banner-in-force/);
    // From midnight in Japan on the effective date, the version in force is archived...
    await page.clock.setFixedTime(new Date("2027-01-01T00:00:30+09:00"));
    await page.reload();
    const banner = page.locator(".k-banner-slot .k-banner");
    assert.match(await banner.getAttribute("class"), /k-banner-archived/);
    assert.match(await banner.textContent(), /2026年12月31日まで/);
    assert.equal(await page.locator(".k-banner-slot a", { hasText: "現在施行中の版を見る" }).getAttribute("href"), "/ja/privacy/2027-01-01/");
    assert.equal(await page.locator("article").getAttribute("data-status"), "archived");
    // ...and the upcoming version's own page says it is in force.
    await page.goto(`${site.url}en/privacy/2027-01-01/`);
    assert.match(await page.locator(".k-banner-slot .k-banner").getAttribute("class"), /k-banner-in-force/);
    // Without JavaScript the built banner stays.
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto(`${site.url}en/privacy/2027-01-01/`);
    assert.match(await plain.locator(".k-banner-slot .k-banner").getAttribute("class"), /k-banner-upcoming/);
    await noScript.close();
  } finally {
    await browser.close();
    site.close();
  }
});

test("the language switcher keeps the clause anchor, and the clause scrolled to", async () => {
  const site = await serveStatic(await buildExample("2026-11-22"));
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${site.url}ja/privacy/#purposes`);
    await page.click("a[data-keep-hash][hreflang=en]");
    await page.waitForURL(/\/en\/privacy\/#purposes$/);
    assert.equal(await page.locator("#purposes h2").count(), 1);
    // Scrolled to a clause, with no anchor in the address: the switch
    // opens the other language at that clause (issue 23).
    await page.goto(`${site.url}ja/privacy/`);
    await page.locator("#security").evaluate((section) => section.scrollIntoView());
    await page.waitForTimeout(1300); // read there a moment, then scroll up to the switcher
    await page.click("a[data-keep-hash][hreflang=en]");
    await page.waitForURL(/\/en\/privacy\/#security$/);
    const top = await page.locator("#security").evaluate((section) => section.getBoundingClientRect().top);
    assert.ok(Math.abs(top) < 200, `the English page opens at the clause (its top at ${top}px)`);
  } finally {
    await browser.close();
    site.close();
  }
});

test("the history page says which version applies on a date", async () => {
  const site = await serveStatic(await buildExample("2026-11-22"));
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${site.url}ja/privacy/history/`);
    const input = page.locator("form[data-k-as-of] input[type=date]");
    await input.fill("2022-05-01");
    const output = page.locator("form[data-k-as-of] output");
    assert.match(await output.textContent(), /その日に適用される版：\s*2021年4月1日/);
    assert.equal(await page.locator("tr.k-as-of-match").getAttribute("data-k-effective"), "2021-04-01");
    await input.fill("2023-06-16");
    assert.equal(await page.locator("tr.k-as-of-match").getAttribute("data-k-effective"), "2023-06-16");
    await input.fill("2020-01-01");
    assert.match(await output.textContent(), /施行されていた版はありません/);
    assert.equal(await page.locator("tr.k-as-of-match").count(), 0);
  } finally {
    await browser.close();
    site.close();
  }
});

test("the history page compares any two versions a reader picks", async () => {
  const site = await serveStatic(await buildExample("2026-11-22"));
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${site.url}ja/privacy/history/`);
    const form = page.locator("form[data-k-compare]");
    await form.locator("select[name=from]").selectOption("2021-04-01");
    await form.locator("select[name=to]").selectOption("2027-01-01");
    await Promise.all([page.waitForURL(/changes/), form.locator("button").click()]);
    assert.ok(page.url().endsWith("/ja/privacy/2027-01-01/changes/2021-04-01/"), page.url());
    assert.match(await page.locator("h1").textContent(), /2021年4月1日施行版と2027年1月1日施行版/);
    assert.ok((await page.locator("tr.k-change").count()) > 0, "the comparison has rows");
    // Picked the other way round, and two in a row: that pair's own page.
    await page.goto(`${site.url}ja/privacy/history/`);
    await form.locator("select[name=from]").selectOption("2023-06-16");
    await form.locator("select[name=to]").selectOption("2021-04-01");
    await Promise.all([page.waitForURL(/changes/), form.locator("button").click()]);
    assert.ok(page.url().endsWith("/ja/privacy/2023-06-16/changes/"), page.url());
    // The same version twice is no comparison.
    await page.goto(`${site.url}ja/privacy/history/`);
    await form.locator("select[name=from]").selectOption("2023-06-16");
    await form.locator("select[name=to]").selectOption("2023-06-16");
    await form.locator("button").click();
    assert.match(await form.locator("output").textContent(), /異なる二つの版/);
  } finally {
    await browser.close();
    site.close();
  }
});

test("blocks read upright, the organisation above its desk, each date under its own name", async () => {
  const site = await serveStatic(await buildExample("2026-11-22"));
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${site.url}ja/privacy/`);
    const desk = page.locator("address.k-block-contact").first();
    assert.equal(await desk.evaluate((node) => getComputedStyle(node).fontStyle), "normal");
    const lines = await desk.locator("p").allTextContents();
    assert.match(lines[0], /株式会社/, `the organisation comes first: ${lines}`);
    // 施行日, 公表日 and 制定日, and no 最終改定日 repeating the 公表日.
    const names = await page.locator(".k-banner-slot .k-banner-dates dt").allTextContents();
    assert.deepEqual(names, ["施行日", "公表日", "制定日"]);
  } finally {
    await browser.close();
    site.close();
  }
});

test("the 外部送信 table is a table on a wide screen and a card per destination on a phone", async () => {
  const site = await serveStatic(await buildExample("2026-11-22"));
  const browser = await launch();
  try {
    for (const [width, display] of [[1280, "table-row"], [375, "block"]]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      await page.goto(`${site.url}ja/external-transmission/2027-01-01/`);
      const rows = page.locator("table.k-destinations tbody tr");
      assert.equal(await rows.count(), 5);
      assert.equal(await rows.first().evaluate((row) => getComputedStyle(row).display), display, `${width}px`);
      // Nothing wider than the screen but the table's own scroller.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${width}px: the page scrolls sideways by ${overflow}px`);
      await page.close();
    }
  } finally {
    await browser.close();
    site.close();
  }
});

test("search finds Japanese without spaces, links the clause and says the version; past versions on request", async () => {
  const site = await serveStatic(await buildExample("2026-11-22"));
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${site.url}ja/search/`);
    const input = page.locator("#k-search-query");
    await input.fill("安全管理措置");
    const results = page.locator(".k-search-results li");
    await results.first().waitFor();
    const links = await results.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    assert.ok(links.some((href) => href.endsWith("/ja/privacy/#security")), links.join(" "));
    assert.ok(links.every((href) => href.includes("#")), "every result is a clause anchor");
    const versions = await results.locator(".k-search-version").allTextContents();
    assert.ok(versions.some((v) => /施行中\s*2023年6月16日/.test(v)), versions.join(" | "));
    assert.ok(!versions.some((v) => v.includes("2021年4月1日")), "no past version unless asked");
    assert.match(await page.locator(".k-search-snippet mark").first().textContent(), /安全管理措置/);
    // Two words, no space in the text: both must be there.
    await input.fill("個人情報 第三者");
    await results.first().waitFor();
    const both = await results.locator(".k-search-snippet").allTextContents();
    assert.ok(both.length > 0);
    // Past versions, when asked.
    await input.fill("安全管理措置");
    await page.locator("#k-search-past").check();
    await page.waitForFunction(() =>
      [...document.querySelectorAll(".k-search-version")].some((v) => v.textContent.includes("2021年4月1日")));
    await page.goto(`${site.url}en/search/?q=personal+information`);
    await results.first().waitFor();
    assert.match(await page.locator(".k-search-status").textContent(), /Clauses found|Showing/);
    // A word in Latin letters is found at the start of a word only.
    await page.goto(`${site.url}en/search/?q=ip`);
    await results.first().waitFor();
    const snippets = await page.locator(".k-search-snippet").allTextContents();
    assert.ok(snippets.every((text) => /(^|[^a-z0-9])ip/i.test(text)), snippets.join(" | "));
    // Blocks are searched too: a destination of the 外部送信 table.
    await page.goto(`${site.url}ja/search/?q=ほたるクラッシュレポート`);
    await results.first().waitFor();
    assert.ok((await results.locator("a").first().getAttribute("href")).endsWith("/ja/external-transmission/2027-01-01/#destinations"));
    await page.goto(`${site.url}ja/search/?q=zzzzqqqq`);
    await page.waitForFunction(() => document.querySelector(".k-search-status").textContent.length > 0);
    assert.equal(await page.locator(".k-search-status").textContent(), "見つかりませんでした。");
  } finally {
    await browser.close();
    site.close();
  }
});
