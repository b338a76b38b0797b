// The Decide view in headless Chromium: risk ranking under a profile, and the fleet planner.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, open } from "./lib.mjs";

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function fresh(query = "?tab=decide") {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await open(context, server.url + query);
  await page.waitForSelector('[data-testid="ranking"]', { timeout: 30000 });
  return { context, page };
}

const order = (page) => page.$$eval('[data-testid="ranked"] > li summary .opt-label', (l) => l.map((x) => x.textContent));
const origins = (page) => page.$$eval('[data-testid="ranked"] > li', (l) => l.map((x) => x.dataset.origin));

test("the cn-state preset ranks only domestic chips", async () => {
  const { context, page } = await fresh();
  const before = await order(page);
  assert.ok((await origins(page)).some((o) => o !== "CN"), "the EU bank ranks foreign chips first");
  await page.selectOption("#r-preset", "cn-state");
  await page.waitForFunction((b) => {
    const l = [...document.querySelectorAll('[data-testid="ranked"] > li summary .opt-label')].map((x) => x.textContent);
    return l.length > 0 && l.join("|") !== b.join("|");
  }, before);
  const o = await origins(page);
  assert.ok(o.length > 0);
  assert.deepEqual([...new Set(o)], ["CN"], `origins of the ranked options: ${o}`);
  await page.waitForFunction(() => location.search.includes("rp=cn-state"));
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("changing a weight changes the order, and the link keeps it", async () => {
  const { context, page } = await fresh();
  const before = await order(page);
  await page.locator("#r-w-cost").evaluate((el) => {
    el.value = "5";
    el.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await page.waitForFunction((b) => {
    const l = [...document.querySelectorAll('[data-testid="ranked"] > li summary .opt-label')].map((x) => x.textContent);
    return l.join("|") !== b.join("|");
  }, before);
  const after = await order(page);
  assert.notDeepEqual(after, before);
  await page.waitForFunction(() => location.search.includes("rw=5%2C1%2C2%2C2%2C0%2C1"));
  const link = page.url();
  await context.close();

  const other = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const again = await open(other, link);
  await again.waitForSelector('[data-testid="ranking"]', { timeout: 30000 });
  assert.deepEqual(await order(again), after);
  assert.equal(await again.inputValue("#r-w-cost"), "5");
  assert.deepEqual(again.problems, []);
  await other.close();
});

test("the fleet planner shows a fleet, and a bad requests/day next to its field", async () => {
  const { context, page } = await fresh();
  await page.waitForSelector('[data-testid="fleet"]');
  assert.match(await page.textContent('[data-testid="fleet-usd"]'), /^\$[\d,]+$/);
  assert.match(await page.textContent('[data-testid="fleet"]'), /Llama-3\.1-70B/);
  await page.fill("#d0-requests", "lots");
  await page.waitForSelector("#d0-requests-err");
  assert.match(await page.textContent("#d0-requests-err"), /expected a positive number, got `lots`/);
  assert.equal(await page.getAttribute("#d0-requests", "aria-invalid"), "true");
  assert.equal(await page.$('[data-testid="fleet"]'), null, "no fleet while a field cannot be read");
  assert.match(await page.textContent('[data-testid="fleet-problems"]'), /Demand line 1 · Requests per day: expected a positive number/);
  assert.equal(await page.getAttribute('[data-testid="fleet-problems"] a', "href"), "#d0-requests");
  // The core still checks the other fields while one cannot be read.
  await page.fill("#d0-peak", "200");
  await page.waitForFunction(() => /1 to 100/.test(document.querySelector("#d0-peak-err")?.textContent ?? ""));
  await page.fill("#d0-peak", "2");
  // A number the core rejects lands on the same field.
  await page.fill("#d0-requests", "0");
  await page.waitForFunction(() => /> 0/.test(document.querySelector("#d0-requests-err")?.textContent ?? ""));
  await page.fill("#d0-requests", "200000");
  await page.waitForSelector('[data-testid="fleet"]');
  assert.equal(await page.$("#d0-requests-err"), null);
  // A second line, then an availability limit the fleet must respect.
  await page.click("#d-add");
  await page.waitForSelector("#d1-model");
  await page.selectOption("#d1-model", "llama-3.1-8b");
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="fleet-lines"] tbody tr').length === 2);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("the view is in Chinese too, and a bad link value is named", async () => {
  const { context, page } = await fresh("?tab=decide&lang=zh&rp=bank&rw=1,2");
  assert.match(await page.textContent("#risk-h"), /风险排序/);
  assert.match(await page.textContent("#fleet-h"), /机队规划/);
  const banner = await page.textContent('[data-testid="url-errors"]');
  assert.match(banner, /`rp`/);
  assert.match(banner, /`rw`/);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("the fleet planner applies the risk profile when asked", async () => {
  const { context, page } = await fresh("?tab=decide&rp=cn-state");
  await page.waitForSelector('[data-testid="fleet"]');
  await page.check("#d-profile");
  await page.waitForSelector('[data-testid="no-fleet"]');
  assert.match(await page.textContent('[data-testid="no-fleet"]'), /chip_origins/);
  // A profile field that cannot be read stops the plan, and says so at the box.
  await page.fill("#r-maxusd", "cheap");
  await page.waitForSelector('[data-testid="fleet-problems"] a[href="#d-profile"]');
  assert.deepEqual(page.problems, []);
  await context.close();
});
