// Shared helpers for the browser tests: the kiyaku binary, a copy of the
// example site, a `kiyaku serve` process, and Debian's chromium.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const kiyaku = process.env.KIYAKU_BIN || join(repo, "target/release/kiyaku");

/** Copies the example site (config, content, blocks) into a fresh folder. */
export function copyExample({ record = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "kiyaku-e2e-"));
  // With its record, the example's published texts are fixed; without it,
  // the preview (which writes no record) lets them be edited.
  const entries = ["kiyaku.toml", "content", "blocks", ...(record ? ["kiyaku.lock"] : [])];
  for (const entry of entries) {
    cpSync(join(repo, entry), join(dir, entry), { recursive: true });
  }
  return dir;
}

/** Starts `kiyaku serve` on a free port; resolves with { url, stop }. */
export function serve(root, now) {
  const args = ["serve", "--root", root, "--port", "0"];
  if (now) args.push("--now", now);
  const child = spawn(kiyaku, args, { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolvePromise, reject) => {
    child.on("error", reject);
    child.stdout.setEncoding("utf8");
    child.stdout.once("data", (line) => {
      const match = line.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (!match) return reject(new Error(`unexpected output: ${line}`));
      resolvePromise({ url: match[0], stop: () => child.kill() });
    });
  });
}

/** Launches Debian's chromium headless. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Builds the example site as of `now` into a fresh folder; returns it. */
export async function buildExample(now) {
  const { execFileSync } = await import("node:child_process");
  const root = copyExample();
  const out = join(root, "public");
  execFileSync(kiyaku, ["build", "--root", root, "--output", out, "--now", now], { stdio: "ignore" });
  return out;
}

const TYPES = {
  html: "text/html; charset=utf-8", css: "text/css", js: "text/javascript", json: "application/json",
  svg: "image/svg+xml", xml: "application/xml", txt: "text/plain",
};

/** Serves a built site folder on 127.0.0.1; resolves with { url, close }. */
export async function serveStatic(dir) {
  const http = await import("node:http");
  const { readFile, stat } = await import("node:fs/promises");
  const server = http.createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    if (path.includes("..")) { response.writeHead(400).end(); return; }
    let file = join(dir, path);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      response.writeHead(200, { "Content-Type": TYPES[file.split(".").pop()] || "application/octet-stream" }).end(body);
    } catch {
      response.writeHead(404, { "Content-Type": TYPES.html }).end(await readFile(join(dir, "404.html")));
    }
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

/** Every kind of page, in both languages. */
export const PAGE_KINDS = [
  ["root", "/"],
  ["index", "/LANG/"],
  ["policy in force", "/LANG/privacy/"],
  ["upcoming version", "/LANG/privacy/2027-01-01/"],
  ["archived version", "/LANG/privacy/2021-04-01/"],
  ["history", "/LANG/privacy/history/"],
  ["comparison", "/LANG/privacy/2027-01-01/changes/"],
  ["comparison of any two", "/LANG/privacy/2027-01-01/changes/2021-04-01/"],
  ["terms", "/LANG/terms/"],
  ["external transmissions table", "/LANG/external-transmission/2027-01-01/"],
  ["search", "/LANG/search/?q=%E6%83%85%E5%A0%B1"],
  ["404", "/LANG/no-such-page/"],
];
