// End-to-end: a chip with unpublished facts becomes computable with labelled assumptions.
// Run: node --test tools/e2e/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, open } from "./lib.mjs";

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test("assumptions typed in the calculator fill unpublished facts and are labelled", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await open(context, `${server.url}?v=1&chip=alibaba-zhenwu-m890&count=16&weights=bf16`);
  // Without assumptions the M890 cannot be computed: its memory bandwidth was never published.
  await page.waitForSelector('[data-testid="problems"]');
  assert.match(await page.textContent('[data-testid="problems"]'), /memory_bandwidth/);
  await page.fill("#f-assume", "chip.memory_bandwidth=4000 GB/s; chip.bf16_dense=300 TFLOPS");
  await page.waitForSelector('[data-testid="result-card"]');
  await page.waitForFunction(() => location.search.includes("assume="));
  const body = await page.textContent("body");
  assert.match(body, /assumption/);
  // A malformed entry is named at its field.
  await page.fill("#f-assume", "chip.memory_bandwidth=fast");
  await page.waitForSelector('[data-testid="problems"]');
  assert.match(await page.textContent('[data-testid="problems"]'), /chip\.memory_bandwidth=4000 GB\/s/);
  assert.deepEqual(page.problems, []);
  await context.close();
});
