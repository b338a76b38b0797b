// Loads the app. A static file, because the Content Security Policy forbids inline scripts.
//
// The app is three wasm bundles (web/src/bundle.rs): the main one, whose hashed file names Trunk
// writes into this tag's data attributes, and two built under their binary names. The `tab`
// parameter picks the bundle; embed mode (`embed=result` or `embed=chart`) is always the main one.
const bundles = {
  data: "rackscope-data",
  decide: "rackscope-decide",
};
const tag = document.querySelector("script[data-rackscope-js]");
const query = new URLSearchParams(location.search);
const embed = ["result", "chart"].includes(query.get("embed"));
const other = embed ? undefined : bundles[query.get("tab")];
let js = tag.dataset.rackscopeJs;
let wasm = tag.dataset.rackscopeWasm;
if (other !== undefined) {
  // Their names carry no hash; the main bundle's hash (it changes with every release that
  // changes shared code) keeps a browser from mixing a cached bundle with a newer release.
  const release = new URL(wasm, location.href).pathname.split("/").pop();
  js = `./${other}.js?r=${encodeURIComponent(release)}`;
  wasm = `./${other}_bg.wasm?r=${encodeURIComponent(release)}`;
}
// Fetch the wasm while the module loads.
const response = fetch(wasm);
const { default: init } = await import(js);
await init({ module_or_path: response });
