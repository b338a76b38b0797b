// Screenshots of every view at desktop (1280) and phone (390) widths, for a person to look at.
// Usage: node tools/shots.mjs [OUT_DIR]   (default /work/shots; needs dist/ built)
import fs from "node:fs";
import { serve, launch, open } from "./e2e/lib.mjs";

const out = process.argv[2] ?? "/work/shots";
fs.mkdirSync(out, { recursive: true });
const server = await serve();
const browser = await launch();
const views = {
  calc: "?tab=calc",
  compare: "?tab=compare&cc=nvidia-h200-sxm,amd-mi300x,alibaba-zhenwu-m890&cm=llama-3.1-70b,deepseek-v3",
  charts: "?tab=charts",
  data: "?tab=data",
  decide: "?tab=decide",
  "decide-cn": "?tab=decide&rp=cn-state&rw=2,1,1,2,2,2&rmaxtpot=80",
  errors: "?tab=calc&tpot_ms=abc&pue=0.5&model=lama-3.1-70b",
  embed: "?embed=result",
};
const seed = JSON.stringify({ schema_version: 1, chips: [
  { id: "my-npu", name: "<img src=x onerror=alert(1)>", vendor: "Me", origin: "DE", status: "announced",
    memory: { value: 96, unit: "GB", sources: ["my sheet"], date: "2026", confidence: "estimate" },
    memory_bandwidth: { value: 2, unit: "TB/s", sources: ["my sheet"], date: "2026", confidence: "estimate" },
    bf16_dense: { value: 400, unit: "TFLOPS", sources: ["my sheet"], date: "2026", confidence: "estimate" },
    fp8_dense: { missing: "not given" }, fp4_dense: { missing: "not given" }, int8_dense: { missing: "not given" },
    tdp: { missing: "not given" }, scale_up_bandwidth: { missing: "not given" }, price: { missing: "not given" } },
  { id: "broken", name: "Broken record", memory: "lots" } ], models: [] });
for (const width of [1280, 390]) {
  for (const lang of ["en", "zh"]) {
    for (const [name, q] of Object.entries(views)) {
      if (lang === "zh" && width === 1280 && name !== "calc" && name !== "decide") continue;
      const context = await browser.newContext({ viewport: { width: name === "embed" ? Math.min(width, 480) : width, height: 900 } });
      await context.addInitScript((s) => localStorage.setItem("rackscope.user-data", s), seed);
      const page = await open(context, server.url + q + `&lang=${lang}`);
      await page.waitForTimeout(200);
      const file = `${out}/${name}-${lang}-${width}.png`;
      await page.screenshot({ path: file, fullPage: true, caret: "initial" });
      if (width === 390) {
        // Phone pages are long: also save them in screen-sized parts, to look at.
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        for (let y = 0, n = 1; y < height && n <= 6; y += 1600, n++) {
          await page.screenshot({ path: `${out}/${name}-${lang}-390-part${n}.png`, fullPage: true, caret: "initial",
            clip: { x: 0, y, width: 390, height: Math.min(1600, height - y) } });
        }
      }
      // Playwright's screenshot injects a style, which the CSP blocks; the tests check the console.
      const problems = page.problems.filter((p) => !p.includes("Applying inline style"));
      if (problems.length) console.log(name, width, lang, problems);
      console.log(file);
      await context.close();
    }
  }
}
await browser.close();
await server.close();
