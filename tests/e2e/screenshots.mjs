// Regenerates docs/screenshots/: every kind of page, phone and desktop
// width, ja and en, from the example site as of 2026-11-22.
// Run: node tests/e2e/screenshots.mjs (after cargo build --release).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PAGE_KINDS, buildExample, launch, repo, serveStatic } from "./lib.mjs";

const out = join(repo, "docs/screenshots");
mkdirSync(out, { recursive: true });
const site = await serveStatic(await buildExample("2026-11-22"));
const browser = await launch();
const widths = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };
try {
  for (const [device, viewport] of Object.entries(widths)) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const [kind, pattern] of PAGE_KINDS) {
      for (const lang of ["ja", "en"]) {
        if (pattern === "/" && lang === "en") continue;
        await page.goto(site.url + pattern.replace("LANG", lang).slice(1));
        const name = `${kind.replaceAll(" ", "-")}-${pattern === "/" ? "all" : lang}-${device}.png`;
        await page.screenshot({ path: join(out, name), type: "png" });
        console.log(name);
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
  site.close();
}
