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
export function copyExample() {
  const dir = mkdtempSync(join(tmpdir(), "kiyaku-e2e-"));
  for (const entry of ["kiyaku.toml", "content", "blocks"]) {
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
