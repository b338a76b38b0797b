// Shared by the browser tests, the screenshots and the budget script: a static server for dist/
// on 127.0.0.1 and a headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core).
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

// RACKSCOPE_DIST points the tests at another build (`trunk build --dist DIR`).
export const DIST = process.env.RACKSCOPE_DIST
  ? path.resolve(process.env.RACKSCOPE_DIST)
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../dist");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".json": "application/json",
};

/** Serves dist/ on a free port of 127.0.0.1; resolves to { url, close }. */
export function serve(dir = DIST) {
  if (!fs.existsSync(path.join(dir, "index.html"))) {
    throw new Error(`${dir}/index.html is missing: run \`trunk build --release\` first`);
  }
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = path.join(dir, p === "/" ? "index.html" : p);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

/** Launches headless Chromium. CHROMIUM overrides the binary. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
      "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** Opens `url` in a new page of `context` and waits for the app's first render. Records console
 *  errors, page errors and dialogs in `page.problems`. */
export async function open(context, url) {
  const page = await context.newPage();
  page.problems = [];
  page.on("console", (m) => { if (m.type() === "error") page.problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on("dialog", (d) => { page.problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(url);
  await page.waitForSelector("body[data-rendered-ms]", { timeout: 15000 });
  return page;
}
