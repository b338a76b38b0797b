// The web app's performance budgets, measured on dist/. Run by scripts/budgets.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { DIST, serve, launch, open } from "./e2e/lib.mjs";

const KB = 1000;
const files = fs.readdirSync(DIST).filter((f) => f.endsWith(".wasm") || f.endsWith(".js"));
let raw = 0, gz = 0;
for (const f of files) {
  const b = fs.readFileSync(path.join(DIST, f));
  const z = zlib.gzipSync(b, { level: 9 }).length;
  raw += b.length; gz += z;
  console.log(`${f.padEnd(44)} ${String(b.length).padStart(9)} B raw ${String(z).padStart(8)} B gzip`);
}
console.log(`total .wasm + .js: ${(raw / KB).toFixed(1)} KB raw, ${(gz / KB).toFixed(1)} KB gzip (budget 400 KB)`);

const server = await serve();
const browser = await launch();
const firsts = [], updates = [];
for (let i = 0; i < 5; i++) {
  const context = await browser.newContext();
  const page = await open(context, server.url);
  // performance.now() when the first render's effect ran: from navigation start, in ms.
  firsts.push(Number(await page.getAttribute("body", "data-rendered-ms")));
  updates.push(await page.evaluate(async (model) => {
    const sel = document.querySelector("#f-model");
    const out = () => document.querySelector('[data-stat="Throughput"]')?.textContent;
    const before = out();
    const t0 = performance.now();
    sel.value = model;
    sel.dispatchEvent(new Event("change", { bubbles: true }));
    while (out() === before) await new Promise((r) => setTimeout(r, 0));
    return performance.now() - t0;
  }, i % 2 ? "llama-3.1-8b" : "deepseek-v3"));
  await context.close();
}
await browser.close();
await server.close();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const first = median(firsts), update = median(updates);
console.log(`first render: median ${first.toFixed(0)} ms of ${firsts.map((x) => x.toFixed(0)).join(", ")} (budget 1500 ms)`);
console.log(`input change to new result: median ${update.toFixed(1)} ms of ${updates.map((x) => x.toFixed(1)).join(", ")} (budget 16 ms)`);
const over = [gz > 400 * KB && "size", first > 1500 && "first render", update > 16 && "update"].filter(Boolean);
if (over.length) { console.log(`over budget: ${over.join(", ")}`); process.exit(1); }
console.log("all budgets met");
