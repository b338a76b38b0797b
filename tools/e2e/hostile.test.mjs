// Hostile input at every entry point of the built app (dist/) in headless Chromium: mangled and
// overlong links, a broken Hugging Face config.json, an import file with bad records, corrupt
// stored data, and a hostile name in the embed views and the chart downloads. The page never
// panics, names the field, keeps the user's data, and runs nothing it was given.
// Run: node --test tools/e2e/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, open } from "./lib.mjs";

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const KEY = "rackscope.user-data";
const HOSTILE = `=HYPERLINK("http://evil.invalid","x")<script>alert(1)</script><img src=x onerror=alert(1)>`;

/** A chip record in the stored format, with a hostile name. */
function chip(id, name = HOSTILE) {
  const fact = (value, unit) => ({ value, unit, sources: ["my sheet"], date: "2026", confidence: "estimate" });
  const missing = { missing: "not given by the user" };
  return {
    id, name, vendor: "Me", origin: "DE", status: "announced",
    memory: fact(96, "GB"), memory_bandwidth: fact(2, "TB/s"), bf16_dense: fact(400, "TFLOPS"),
    fp8_dense: missing, fp4_dense: missing, int8_dense: missing, tdp: missing, scale_up_bandwidth: missing, price: missing,
  };
}

/** A browser context whose storage starts as `stored` (text) on the first page load only. */
async function seeded(stored, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  await context.addInitScript(([key, text]) => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem(key, text);
      sessionStorage.setItem("seeded", "1");
    }
  }, [KEY, stored]);
  return context;
}

/** Nothing the input carried ran or was parsed as markup. */
async function inert(page) {
  assert.equal(await page.locator("img").count(), 0, "an <img> from user text");
  assert.equal(await page.locator("body script").count(), 0, "a <script> from user text");
  assert.deepEqual(page.problems, [], "no dialog, no page error, no console error");
}

async function downloaded(page, testid) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(`[data-testid="${testid}"]`)]);
  let text = "";
  for await (const chunk of await download.createReadStream()) text += chunk;
  return text;
}

test("mangled URL parameters are named, kept in their fields, and run nothing", async () => {
  const context = await browser.newContext();
  const query = "?v=1&count=4294967295&pue=NaN&tpot_ms=1e999&kwh_usd=1e-320&conc=-1&lang=xx&tab=%00"
    + "&cc=%3Cscript%3Ealert(1)%3C%2Fscript%3E&%E0%A4%A=1&bogus";
  const page = await open(context, server.url + query);
  const banner = await page.textContent('[data-testid="url-errors"]');
  for (const key of ["pue", "tpot_ms", "conc", "lang", "tab", "bogus"]) {
    assert.match(banner, new RegExp(`URL parameter \`${key}\``), `${key} is not named: ${banner}`);
  }
  assert.equal(await page.inputValue("#f-pue"), "NaN", "the bad value stays in its field");
  // Values the form reads but the core rejects are named at their field, with the limit.
  assert.match(await page.textContent("#f-count-err"), /at most 1048576 chips/);
  assert.match(await page.textContent("#f-kwh_usd-err"), /1e-320/);
  assert.equal(await page.locator('[data-testid="result-card"]').count(), 0, "no result from bad input");
  await inert(page);
  await context.close();

  const other = await browser.newContext();
  const again = await open(other, server.url + "?v=1&model=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&embed=result");
  assert.match(await again.textContent('[data-testid="embed"]'), /unknown model id/);
  await inert(again);
  await other.close();
});

test("an overlong link is refused with a message and the defaults are used", async () => {
  const context = await browser.newContext();
  const page = await open(context, `${server.url}?v=1&model=${"x".repeat(9000)}`);
  assert.match(await page.textContent('[data-testid="url-errors"]'), /too long to read and was ignored \(9010 > 8000\)/);
  await page.waitForSelector('[data-testid="result-card"]');
  assert.equal(await page.inputValue("#f-model"), "llama-3.1-70b");
  // A state whose link would be too long to open is flagged where the link is shared.
  await page.fill("#f-api_provider", "p".repeat(8100));
  await page.waitForSelector('[data-testid="link-too-long"]');
  assert.match(await page.textContent('[data-testid="link-too-long"]'), /too long to open/);
  await inert(page);
  await context.close();
});

test("a broken Hugging Face config.json names the problem and stores nothing", async () => {
  const context = await browser.newContext();
  const page = await open(context, server.url + "?tab=data");
  const form = 'form[aria-labelledby="hf-title"]';
  const errors = `${form} .error[role="alert"]`;
  await page.fill("#hf-id", "my-model");
  for (const [config, expected] of [
    ['{"model_type": "llama", "hidden_size": 4096,', /config\.json.*EOF/],
    ['{"model_type": "llama", "hidden_size": -4096, "num_hidden_layers": 32, "num_attention_heads": 32, "vocab_size": 128256}', /hidden_size/],
    ['{"model_type": "llama", "hidden_size": 4096, "num_hidden_layers": 1e308, "num_attention_heads": 32, "vocab_size": 128256}', /num_hidden_layers/],
    [`["${HOSTILE.replaceAll('"', '\\"')}"]`, /object/],
  ]) {
    await page.fill("#hf-config", config);
    await page.click(`${form} button[type=submit]`);
    await page.waitForFunction(([sel, text]) => document.querySelector(sel)?.textContent.match(new RegExp(text)), [errors, expected.source]);
  }
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), null, "nothing stored");
  await inert(page);
  await context.close();
});

test("an import file with bad records imports the good ones and lists the bad ones", async () => {
  const context = await seeded(JSON.stringify({ schema_version: 1, chips: [chip("kept-npu", "Kept")], models: [] }));
  const page = await open(context, server.url + "?tab=data");
  const badUnit = chip("bad-unit", "Bad unit");
  badUnit.memory.unit = "GiB/s";
  const file = JSON.stringify({
    schema_version: 1,
    chips: [chip("good-npu"), badUnit, "not a record", chip("nvidia-h200-sxm", "Clash")],
    models: [{ id: "half-a-model" }],
  });
  await page.setInputFiles("#import-file", { name: "mixed.json", mimeType: "application/json", buffer: Buffer.from(file) });
  const result = '[data-testid="import-result"]';
  await page.waitForSelector(result);
  const text = await page.textContent(result);
  assert.match(text, /Records imported: 1/);
  for (const bad of [/bad-unit.*memory/, /\?.*imported chips\[2\]/, /nvidia-h200-sxm.*duplicate id/, /half-a-model.*missing field/]) {
    assert.match(text, bad);
  }
  const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), KEY);
  assert.deepEqual(stored.chips.map((c) => c.id), ["kept-npu", "good-npu"]);
  assert.equal(stored.chips[1].name, HOSTILE);
  assert.equal(await page.locator('[data-testid="records"] td.name').nth(1).textContent(), HOSTILE);

  // A file that is not a blob at all imports nothing and keeps what is stored.
  await page.setInputFiles("#import-file", { name: "junk.json", mimeType: "application/json", buffer: Buffer.from("{\"chips\": [") });
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes("Import failed"), result);
  const again = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), KEY);
  assert.deepEqual(again, stored);
  await inert(page);
  await context.close();
});

test("corrupt or newer stored data is shown with its error and kept", async () => {
  for (const [blob, expected] of [
    ['{"schema_version": 99, "chips": []}', /saved by a newer version/],
    ['{"schema_version": 1, "chips": {"not": "a list"}}', /chips/],
    ["\u0000\uffff<script>alert(1)</script>", /expected value/],
  ]) {
    const context = await seeded(blob);
    const page = await open(context, server.url + "?tab=data");
    assert.match(await page.textContent('[data-testid="unreadable"]'), expected);
    await page.reload();
    await page.waitForSelector("body[data-rendered-ms]");
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), blob, "never overwritten");
    await inert(page);
    await context.close();
  }
  // A readable blob with one broken record keeps it, with its error, next to the good one.
  const context = await seeded(JSON.stringify({ schema_version: 1, chips: [chip("ok-npu"), { id: "broken", name: HOSTILE }], models: [] }));
  const page = await open(context, server.url + "?tab=data");
  const rows = page.locator('[data-testid="records"] tbody tr');
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(1).textContent(), /missing field/);
  await inert(page);
  await context.close();
});

test("a hostile name stays text in the embed views and in the SVG and CSV downloads", async () => {
  const blob = JSON.stringify({ schema_version: 1, chips: [chip("my-npu")], models: [] });
  const context = await seeded(blob, { acceptDownloads: true });
  const requests = [];
  context.on("request", (r) => requests.push(r.url()));

  const page = await open(context, server.url + "?v=1&chip=my-npu&count=8&model=llama-3.1-8b&embed=result");
  await page.waitForSelector('[data-testid="embed"] [data-testid="result-card"]');
  assert.ok((await page.textContent("#result-title")).includes(HOSTILE));
  await inert(page);

  await page.goto(server.url + "?v=1&embed=chart&chart=specs&cc=my-npu,nvidia-h200-sxm");
  await page.waitForSelector('[data-testid="chart-canvas"][data-drawn="ok"]', { timeout: 15000 });
  assert.ok((await page.getAttribute('[data-testid="chart-canvas"]', "aria-label")).includes(HOSTILE));
  await inert(page);
  // The Content Security Policy forbids inline script, so even injected markup could not run.
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  const ran = await page.evaluate(() => {
    const s = document.createElement("script");
    s.textContent = "window.injected = true";
    document.body.append(s);
    s.remove();
    return window.injected === true;
  });
  assert.equal(ran, false, "an inline script ran");
  assert.ok(page.problems.every((p) => /Content Security Policy/.test(p)), page.problems.join("\n"));
  page.problems.length = 0;
  const origin = new URL(server.url).origin;
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:"));
  assert.deepEqual(foreign, [], "the embed views load nothing from other origins");

  await page.goto(server.url + "?v=1&tab=charts&chart=specs&cc=my-npu,nvidia-h200-sxm");
  await page.waitForSelector('[data-testid="chart-canvas"][data-drawn="ok"]', { timeout: 15000 });
  const svg = await downloaded(page, "download-svg");
  assert.ok(!svg.includes("<script") && !svg.includes("<img"), "markup from the name in the SVG");
  assert.ok(svg.includes("&lt;script&gt;alert(1)&lt;/script&gt;"), "the name is escaped in the SVG");
  const csv = await downloaded(page, "download-csv");
  assert.match(csv, /(^|,)"'=HYPERLINK/m, "the name is in the CSV, neutralised");
  assert.doesNotMatch(csv, /(^|,)"?[=+\-@]HYPERLINK/m, "a cell that a spreadsheet would run");
  await inert(page);
  await context.close();
});
