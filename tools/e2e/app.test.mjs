// End-to-end tests of the built app (dist/) in headless Chromium. Run: node --test tools/e2e/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, open } from "./lib.mjs";

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const throughput = (page) => page.textContent('[data-stat="Throughput"]');
const tpot = (page) => page.textContent('[data-stat="Tpot"]');

async function fresh(query = "") {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await open(context, server.url + query);
  return { context, page };
}

test("the page loads without console errors and shows a result", async () => {
  const { context, page } = await fresh();
  await page.waitForSelector('[data-testid="result-card"]');
  assert.match(await throughput(page), /tokens\/s/);
  assert.equal(await page.textContent('[data-testid="fits"]'), "Fits");
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("changing the model or the chip changes the numbers", async () => {
  const { context, page } = await fresh();
  const first = await throughput(page);
  await page.selectOption("#f-model", "llama-3.1-8b");
  await page.waitForFunction((t) => document.querySelector('[data-stat="Throughput"]')?.textContent !== t, first);
  const second = await throughput(page);
  assert.notEqual(second, first);
  await page.selectOption("#f-hardware", "chip:amd-mi300x");
  await page.waitForFunction((t) => document.querySelector('[data-stat="Throughput"]')?.textContent !== t, second);
  assert.match(await page.textContent("#result-title"), /MI300X/);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("a shared URL reproduces the state in a fresh browser", async () => {
  const { context, page } = await fresh();
  await page.selectOption("#f-model", "deepseek-v3");
  await page.selectOption("#f-hardware", "system:nvidia-gb200-nvl72");
  await page.fill("#f-count", "1");
  await page.fill("#f-conc", "max");
  await page.fill("#f-out", "500");
  await page.waitForFunction(() => location.search.includes("out=500") && location.search.includes("conc=max"));
  const link = await page.inputValue("#share-link");
  assert.equal(link, page.url());
  const card = await page.textContent('[data-testid="result-card"]');
  await context.close();

  const other = await browser.newContext();
  const again = await open(other, link);
  await again.waitForSelector('[data-testid="result-card"]');
  assert.equal(await again.textContent('[data-testid="result-card"]'), card);
  assert.equal(await again.inputValue("#f-conc"), "max");
  await other.close();
});

test("an invalid URL parameter is named on screen and next to its field", async () => {
  const { context, page } = await fresh("?v=1&tpot_ms=abc&bogus=1");
  const banner = await page.textContent('[data-testid="url-errors"]');
  assert.match(banner, /URL parameter `tpot_ms`: expected a positive number \(or empty\), got `abc`/);
  assert.match(banner, /URL parameter `bogus`: unknown parameter/);
  assert.match(await page.textContent("#f-tpot_ms-err"), /got `abc`/);
  assert.equal(await page.getAttribute("#f-tpot_ms", "aria-invalid"), "true");
  await context.close();
});

const HOSTILE = `<script>alert(1)</script><img src=x onerror=alert(1)>`;

async function addChip(page, id, name) {
  await page.click("#tab-data");
  await page.fill("#chip-id", id);
  await page.fill("#chip-name", name);
  await page.fill("#chip-vendor", "Me");
  await page.fill("#chip-origin", "DE");
  await page.fill("#chip-memory", "96");
  await page.fill("#chip-memory_bandwidth", "2");
  await page.fill("#chip-bf16_dense", "400");
  await page.fill("#chip-date", "2026");
  await page.click('[data-testid="chip-form"] button[type=submit]');
}

test("a custom chip with a hostile name survives a reload and is shown as text", async () => {
  const { context, page } = await fresh();
  await addChip(page, "my-npu", HOSTILE);
  await page.waitForSelector('[data-testid="records"]');
  await page.reload();
  await page.waitForSelector("body[data-rendered-ms]");
  await page.click("#tab-data");
  assert.equal(await page.textContent('[data-testid="records"] td.name'), HOSTILE);
  assert.equal(await page.locator("img").count(), 0);
  assert.equal(await page.locator("body script").count(), 0);
  // It is in the catalog: the calculator can use it, and a missing fact stays missing.
  await page.click("#tab-calc");
  await page.selectOption("#f-hardware", "chip:my-npu");
  await page.waitForFunction(() => document.querySelector("#result-title")?.textContent.includes("alert(1)"));
  await page.click("#tab-compare");
  await page.selectOption("#add-chip", "my-npu");
  assert.match(await page.textContent("table.spec"), /missing/);
  assert.deepEqual(page.problems, [], "no alert, no console error");
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("rackscope.user-data")));
  assert.equal(stored.schema_version, 1);
  assert.equal(stored.chips[0].name, HOSTILE);
  await context.close();
});

test("a failed storage write tells the user and keeps the old data", async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException("quota exceeded (test)", "QuotaExceededError"); };
  });
  const page = await open(context, server.url);
  await addChip(page, "big-npu", "Big NPU");
  assert.match(await page.textContent('[data-testid="notice"]'), /Could not save.*quota exceeded \(test\)/);
  assert.equal(await page.evaluate(() => localStorage.getItem("rackscope.user-data")), null);
  assert.match(await page.textContent(".mydata"), /No records yet/);
  await context.close();
});

test("unreadable stored data is shown with its error and kept", async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("rackscope.user-data", '{"schema_version": 1, "chips": [oops');
      sessionStorage.setItem("seeded", "1");
    }
  });
  const page = await open(context, server.url + "?tab=data");
  assert.match(await page.textContent('[data-testid="unreadable"]'), /could not be read/);
  await addChip(page, "x-npu", "X");
  assert.match(await page.textContent('[data-testid="notice"]'), /could not be read/);
  assert.equal(await page.evaluate(() => localStorage.getItem("rackscope.user-data")), '{"schema_version": 1, "chips": [oops');
  await context.close();
});

test("embed mode shows only the result card, with the source line and a link back", async () => {
  const { context, page } = await fresh("?v=1&model=llama-3.1-8b&embed=result");
  await page.waitForSelector('[data-testid="embed"] [data-testid="result-card"]');
  assert.equal(await page.locator("nav.tabs").count(), 0);
  assert.equal(await page.locator("form").count(), 0);
  assert.equal(await page.locator("table").count(), 0);
  assert.match(await page.textContent(".source-line"), /^rackscope · data: \d{4}\.\d+\.\d+ · Open the full view$/);
  const back = await page.getAttribute(".source-line a", "href");
  assert.ok(back.includes("model=llama-3.1-8b") && !back.includes("embed="), back);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("switching to Chinese changes the labels and the URL", async () => {
  const { context, page } = await fresh();
  assert.equal(await page.textContent("#tab-calc"), "Calculator");
  await page.click("button.lang");
  assert.equal(await page.textContent("#tab-calc"), "计算器");
  assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
  await page.waitForFunction(() => location.search.includes("lang=zh"));
  await context.close();
});

test("compare shows provenance on keyboard focus", async () => {
  const { context, page } = await fresh("?tab=compare&cc=nvidia-h200-sxm,alibaba-zhenwu-m890");
  const fact = page.locator("table.spec .fact:not(.missing)").first();
  await fact.focus();
  const tip = fact.locator(".tip");
  assert.ok(await tip.isVisible());
  assert.match(await tip.textContent(), /Confidence: (official|reported|estimate|rumour)/);
  assert.ok(await page.locator("table.spec .fact.missing").count() > 0, "the M890's unpublished facts show as missing");
  await context.close();
});

test("each tab loads only its own bundle, and moving between bundles keeps the state", async () => {
  const { context, page } = await fresh();
  const bundles = () => page.evaluate(() => performance.getEntriesByType("resource")
    .map((e) => new URL(e.name).pathname.split("/").pop())
    .filter((n) => n.endsWith(".wasm")));
  assert.deepEqual((await bundles()).map((n) => n.replace(/-[0-9a-f]+_bg/, "_bg")), ["rackscope-web_bg.wasm"]);
  await page.selectOption("#f-model", "llama-3.1-8b");
  await page.fill("#f-out", "321");
  // A tab of the same bundle switches in place; its link still carries the whole state.
  await page.click("#tab-compare");
  assert.equal(await page.getAttribute("#tab-compare", "aria-current"), "page");
  assert.match(await page.getAttribute("#tab-decide", "href"), /tab=decide.*out=321|out=321.*tab=decide/);
  // A tab of another bundle loads that bundle at the same address.
  await page.click("#tab-decide");
  await page.waitForSelector('[data-testid="ranking"]');
  assert.deepEqual(await bundles(), ["rackscope-decide_bg.wasm"]);
  await page.selectOption("#r-preset", "startup");
  await page.waitForFunction(() => location.search.includes("rp=startup"));
  await page.click("#tab-calc");
  await page.waitForSelector('[data-testid="result-card"]');
  assert.equal(await page.inputValue("#f-out"), "321");
  assert.match(await page.textContent("#result-title"), /Llama-3.1-8B/);
  assert.match(page.url(), /rp=startup/);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("an embed link loads the main bundle whatever its tab; a bad embed value is named", async () => {
  const wasm = (page) => page.evaluate(() => performance.getEntriesByType("resource")
    .map((e) => new URL(e.name).pathname.split("/").pop()).filter((n) => n.endsWith(".wasm")));
  const { context, page } = await fresh("?tab=decide&embed=result");
  await page.waitForSelector('[data-testid="embed"] [data-testid="result-card"]');
  assert.match((await wasm(page)).join(), /^rackscope-web-[0-9a-f]+_bg\.wasm$/);
  await page.goto(server.url + "?tab=decide&embed=card");
  await page.waitForSelector('[data-testid="ranking"]');
  assert.deepEqual(await wasm(page), ["rackscope-decide_bg.wasm"]);
  assert.match(await page.textContent('[data-testid="url-errors"]'), /`embed`/);
  assert.deepEqual(page.problems, []);
  await context.close();
});
