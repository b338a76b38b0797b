// End-to-end tests of the Charts view and the chart embed in headless Chromium.
// Run: node --test tools/e2e/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, open } from "./lib.mjs";

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const CANVAS = '[data-testid="chart-canvas"]';

async function fresh(query = "", viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await open(context, server.url + query);
  return { context, page };
}

/** Waits for the canvas to have been drawn `n` times; returns its pixels as a data URL. */
async function drawn(page, n = 1) {
  await page.waitForSelector(`${CANVAS}[data-drawn="ok"][data-render-count="${n}"]`, { timeout: 15000 });
  return page.$eval(CANVAS, (c) => c.toDataURL("image/png"));
}

/** True when the canvas has more than a few colours (a drawn chart, not a blank frame). */
function varied(page) {
  return page.$eval(CANVAS, (c) => {
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4 * 97) seen.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
    return seen.size > 5;
  });
}

test("the Charts view draws a chart on a canvas, with a text alternative", async () => {
  const { context, page } = await fresh("?tab=charts");
  await drawn(page);
  assert.ok(await varied(page), "the canvas is blank");
  assert.match(await page.getAttribute(CANVAS, "aria-label"), /Accelerator specifications/);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("picking another kind redraws and puts the kind in the URL", async () => {
  const { context, page } = await fresh("?tab=charts");
  const before = await drawn(page);
  await page.selectOption('[data-testid="chart-kind"]', "roofline");
  await page.waitForFunction(() => location.search.includes("chart=roofline"));
  await page.waitForSelector(`${CANVAS}[data-kind="roofline"][data-drawn="ok"]`);
  await page.waitForFunction((b) => document.querySelector('[data-testid="chart-canvas"]').toDataURL("image/png") !== b, before);
  assert.match(await page.getAttribute(CANVAS, "aria-label"), /Roofline/);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("changing the model in the calculator changes the memory-fit chart", async () => {
  const { context, page } = await fresh("?v=1&tab=charts&chart=memory-fit");
  await drawn(page);
  assert.match(await page.getAttribute(CANVAS, "aria-label"), /Llama-3\.1-70B/);
  await page.click("#tab-calc");
  await page.selectOption("#f-model", "deepseek-v3");
  await page.click("#tab-charts");
  await page.waitForSelector(`${CANVAS}[data-drawn="ok"]`);
  assert.match(await page.getAttribute(CANVAS, "aria-label"), /DeepSeek-V3/);
  assert.ok(await varied(page));
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("a chart that cannot be drawn says why", async () => {
  // A closed model has no published architecture: its memory cannot be sized.
  const { context, page } = await fresh("?v=1&tab=charts&chart=memory-fit&model=gpt-5");
  await page.waitForSelector('[data-testid="chart-errors"]');
  assert.match(await page.textContent('[data-testid="chart-errors"]'), /gpt-5/);
  assert.equal(await page.locator(CANVAS).count(), 0);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("SVG and CSV downloads carry the chart and its data", async () => {
  const { context, page } = await fresh("?tab=charts&chart=specs");
  await drawn(page);
  for (const [button, check] of [
    ["download-svg", (t) => t.startsWith("<svg") && t.includes("rackscope · data")],
    ["download-csv", (t) => t.startsWith("entity,metric,unit,value") && t.includes("missing")],
    ["download-json", (t) => JSON.parse(t).kind === "specs"],
  ]) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(`[data-testid="${button}"]`)]);
    const stream = await download.createReadStream();
    let text = "";
    for await (const chunk of stream) text += chunk;
    assert.ok(check(text), `${button}: ${text.slice(0, 120)}`);
  }
  const [png] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="download-png"]')]);
  assert.match(png.suggestedFilename(), /\.png$/);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("embed=chart shows only the chart, the source line and a link back", async () => {
  const { context, page } = await fresh("?v=1&embed=chart&chart=rack-density", { width: 800, height: 600 });
  await drawn(page);
  assert.equal(await page.locator("nav.tabs").count(), 0);
  assert.equal(await page.locator("select").count(), 0);
  assert.match(await page.getAttribute(CANVAS, "aria-label"), /Rack density/);
  assert.match(await page.textContent(".source-line"), /^rackscope · data: /);
  const back = await page.getAttribute(".source-line a", "href");
  assert.ok(back.includes("chart=rack-density") && !back.includes("embed="), back);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("the chart fits a phone-width screen", async () => {
  const { context, page } = await fresh("?tab=charts&chart=memory-fit", { width: 390, height: 844 });
  await drawn(page);
  const width = await page.$eval(CANVAS, (c) => c.getBoundingClientRect().width);
  assert.ok(width <= 390, `canvas is ${width}px wide`);
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= 390, `page scrolls sideways: ${scroll}px`);
  await context.close();
});

test("the charts compare what was picked in Compare", async () => {
  const { context, page } = await fresh("?v=1&tab=charts&chart=specs&cc=nvidia-h20,alibaba-zhenwu-m890");
  await drawn(page);
  const alt = await page.getAttribute(CANVAS, "aria-label");
  assert.match(alt, /H20 96GB/);
  assert.match(alt, /Zhenwu M890 missing/);
  assert.doesNotMatch(alt, /B200/);
  assert.deepEqual(page.problems, []);
  await context.close();
});
