// End-to-end: the result card shows each headline number's range and what drives it, and the
// range follows the assumptions typed. Run: node --test tools/e2e/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, open } from "./lib.mjs";

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const range = (page) => page.textContent('[data-range="Throughput"]');

test("headline numbers carry a range, its causes are named, and an assumption moves it", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 900 } });
  const assume = encodeURIComponent("chip.memory_bandwidth=4000 GB/s; chip.fp8_dense=600 TFLOPS");
  const page = await open(context, `${server.url}?v=1&chip=alibaba-zhenwu-m890&model=glm-5&assume=${assume}`);
  await page.waitForSelector('[data-testid="result-card"]');
  const first = await range(page);
  assert.match(first, /^range [\d,.]+[kMB]?–[\d,.]+[kMB]?$/);
  assert.match(await page.textContent('[data-range="Tpot"]'), /^range .* ms$/);
  // The causes sit in a closed <details>: open it and read them.
  await page.click('[data-testid="ranges"] summary');
  assert.ok(await page.isVisible('[data-testid="ranges"] li'));
  const causes = await page.textContent('[data-testid="ranges"]');
  assert.match(causes, /\d+ % from model error \(calibration set\)/);
  assert.match(causes, /from alibaba-zhenwu-m890\.memory_bandwidth \(assumption\)/);
  // Twice the memory bandwidth: the range moves with the point estimate.
  await page.fill("#f-assume", "chip.memory_bandwidth=8000 GB/s; chip.fp8_dense=600 TFLOPS");
  await page.waitForFunction((t) => document.querySelector('[data-range="Throughput"]')?.textContent !== t, first);
  assert.match(await range(page), /^range /);
  // Nothing on the card is wider than the phone's screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("ranges are labelled in Chinese", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await open(context, `${server.url}?v=1&model=llama-3.1-8b&lang=zh`);
  await page.waitForSelector('[data-testid="result-card"]');
  assert.match(await range(page), /^范围 /);
  assert.match(await page.textContent('[data-testid="ranges"]'), /模型误差（校准集）/);
  assert.deepEqual(page.problems, []);
  await context.close();
});
