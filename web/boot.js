// Loads the app. A static file, because the Content Security Policy forbids inline scripts;
// Trunk writes the hashed names of the wasm-bindgen module and the wasm into the data attributes.
const tag = document.querySelector("script[data-rackscope-js]");
const { default: init } = await import(tag.dataset.rackscopeJs);
await init({ module_or_path: tag.dataset.rackscopeWasm });
