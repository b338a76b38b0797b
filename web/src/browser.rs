//! The few browser APIs the app uses: address bar, storage, clipboard, downloads, timing.
//!
//! Every function returns a `Result` or an `Option` instead of panicking when an API is missing
//! (storage disabled, no clipboard). They only work in a browser; native tests never call them.

use wasm_bindgen::JsCast;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn js_error(e: &wasm_bindgen::JsValue) -> String {
    e.as_string()
        .or_else(|| e.dyn_ref::<web_sys::js_sys::Error>().map(|e| String::from(e.message())))
        .unwrap_or_else(|| format!("{e:?}"))
}

/// The query string of the page, with its `?`.
#[must_use]
pub fn query() -> String {
    window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// The page's address without query (`https://host/path`).
#[must_use]
pub fn page_address() -> String {
    let Some(loc) = window().map(|w| w.location()) else { return String::new() };
    format!("{}{}", loc.origin().unwrap_or_default(), loc.pathname().unwrap_or_default())
}

/// Replaces the query in the address bar without reloading or adding a history entry.
pub fn replace_query(query: &str) {
    if let Some(h) = window().and_then(|w| w.history().ok()) {
        let url = format!(
            "{}?{query}",
            window().and_then(|w| w.location().pathname().ok()).unwrap_or_default()
        );
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Fetches a same-origin text file.
///
/// # Errors
///
/// The request failed or the server answered with an error status; the message names the URL.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    use wasm_bindgen_futures::JsFuture;
    let w = window().ok_or("no window")?;
    let response = JsFuture::from(w.fetch_with_str(url)).await.map_err(|e| js_error(&e))?;
    let response: web_sys::Response = response.dyn_into().map_err(|e| js_error(&e))?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {} {}", response.status(), response.status_text()));
    }
    let text = JsFuture::from(response.text().map_err(|e| js_error(&e))?)
        .await
        .map_err(|e| format!("{url}: {}", js_error(&e)))?;
    text.as_string().ok_or_else(|| format!("{url}: the body is not text"))
}

/// Fetches the catalog files (`state::CATALOG_FILES`, copied into `dist/data/` by Trunk) and
/// validates them.
///
/// # Errors
///
/// A file could not be fetched, or the catalog does not validate.
pub async fn fetch_catalog() -> Result<rackscope::Catalog, String> {
    // `index.html` preloads the files, so these requests are answered from the preload.
    let mut texts = Vec::with_capacity(crate::state::CATALOG_FILES.len());
    for file in crate::state::CATALOG_FILES {
        texts.push(fetch_text(file).await?);
    }
    crate::state::catalog_from(&texts)
}

/// The browser's preferred language tag.
#[must_use]
pub fn language() -> String {
    window().and_then(|w| w.navigator().language()).unwrap_or_default()
}

fn storage() -> Result<web_sys::Storage, String> {
    let w = window().ok_or("no window")?;
    match w.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err("localStorage is not available".into()),
        Err(e) => Err(js_error(&e)),
    }
}

/// Reads a stored value.
///
/// # Errors
///
/// Storage is disabled or unavailable.
pub fn load(key: &str) -> Result<Option<String>, String> {
    storage()?.get_item(key).map_err(|e| js_error(&e))
}

/// Writes a stored value; on failure (quota, disabled) the old value stays.
///
/// # Errors
///
/// The browser refused the write; the message says why.
pub fn store(key: &str, text: &str) -> Result<(), String> {
    storage()?.set_item(key, text).map_err(|e| js_error(&e))
}

/// Removes a stored value.
///
/// # Errors
///
/// Storage is disabled or unavailable.
pub fn remove(key: &str) -> Result<(), String> {
    storage()?.remove_item(key).map_err(|e| js_error(&e))
}

/// Copies text to the clipboard (best effort; the text stays selectable on screen).
pub fn copy(text: &str) {
    if let Some(w) = window() {
        // The promise is dropped: a refusal leaves the text on screen to copy by hand.
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// Offers `text` (JSON) as a file download.
pub fn download(filename: &str, text: &str) {
    download_as(filename, text, "application/json");
}

/// Offers `text` as a file download with the given MIME type.
pub fn download_as(filename: &str, text: &str, mime: &str) {
    let blob = gloo::file::Blob::new_with_options(text, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
    download_url(filename, &url);
}

/// Offers what `url` points at (an object or data URL) as a file download.
pub fn download_url(filename: &str, url: &str) {
    let Some(doc) = window().and_then(|w| w.document()) else { return };
    let Ok(a) = doc.create_element("a") else { return };
    let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() else { return };
    a.set_href(url);
    a.set_download(filename);
    a.click();
}

/// Milliseconds since the page started loading.
#[must_use]
pub fn now_ms() -> f64 {
    window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Sets an attribute on `<body>` (the tests and the budget script read `data-*` markers).
pub fn mark_body(name: &str, value: &str) {
    if let Some(b) = window().and_then(|w| w.document()).and_then(|d| d.body()) {
        let _ = b.set_attribute(name, value);
    }
}

/// Sets `<html lang>` and the document title.
pub fn set_document(lang_tag: &str, title: &str) {
    if let Some(d) = window().and_then(|w| w.document()) {
        if let Some(html) = d.document_element() {
            let _ = html.set_attribute("lang", lang_tag);
        }
        d.set_title(title);
    }
}
