//! The Charts view: every chart kind of the chart crate, drawn on a canvas, with SVG, PNG, CSV
//! and JSON downloads, a text alternative and an iframe snippet.
//!
//! The props carry everything a chart needs: the catalog (with the user's records), the current
//! scenario when it can be read, the language, the chart kind the URL asked for (`chart=KIND`)
//! and whether the view is embedded (`embed=chart`). No chart logic lives here: the chart crate
//! builds and draws; this view picks the kind and sizes the canvas.

use rackscope::{Catalog, RawScenario, Report};
use rackscope_charts::{Chart, ChartKind, Request, Theme};
use yew::prelude::*;

use crate::Shared;
use crate::i18n::{Key, Lang, t};

/// What a chart view can read.
#[derive(Debug, Properties, PartialEq)]
pub struct ChartsProps {
    /// The catalog, with the user's chips and models added.
    pub catalog: Shared<Catalog>,
    /// The calculator's scenario, when every field can be read.
    pub scenario: Option<Shared<RawScenario>>,
    /// The calculator's result, when the core could evaluate the scenario.
    pub report: Option<Shared<Report>>,
    /// The UI language.
    pub lang: Lang,
    /// The chart kind from the URL (`chart=KIND`), unvalidated.
    pub chart: Option<String>,
    /// True in `embed=chart` mode: draw one chart, sized for an iframe.
    pub embed: bool,
    /// Called with the chart kind's id when the reader picks another (to keep it in the URL).
    #[prop_or_default]
    pub on_select: Option<Callback<String>>,
    /// The chips, systems and models picked in the Compare view; the charts compare these (each
    /// empty list takes the chart's default set).
    #[prop_or_default]
    pub picks: crate::url::Selection,
    /// The app's state as a link carries it, for the iframe snippet (the address bar itself is
    /// written a moment after each change, so it can lag).
    pub url: crate::url::UrlState,
}

/// The label of a chart kind in the UI language.
#[must_use]
pub fn kind_label(lang: Lang, kind: ChartKind) -> &'static str {
    t(
        lang,
        match kind {
            ChartKind::PricePerformance => Key::ChartPricePerformance,
            ChartKind::Roofline => Key::ChartRoofline,
            ChartKind::MemoryFit => Key::ChartMemoryFit,
            ChartKind::ThroughputLatency => Key::ChartThroughputLatency,
            ChartKind::Tco => Key::ChartTco,
            ChartKind::Specs => Key::ChartSpecs,
            ChartKind::RackDensity => Key::ChartRackDensity,
        },
    )
}

/// The kind to show: the URL's if it names one, else the chip specifications (which need no
/// scenario).
#[must_use]
pub fn kind_from(chart: Option<&str>) -> ChartKind {
    chart.and_then(ChartKind::from_id).unwrap_or(ChartKind::Specs)
}

/// Builds the chart for the current inputs.
///
/// # Errors
///
/// The chart crate's messages (`path: what was wrong`), ready to show.
pub fn build(
    kind: ChartKind,
    catalog: &Catalog,
    scenario: Option<&RawScenario>,
    picks: &crate::url::Selection,
) -> Result<Chart, Vec<String>> {
    let request = Request {
        scenario: scenario.cloned(),
        chips: picks.chips.clone(),
        systems: picks.systems.clone(),
        models: picks.models.clone(),
        precisions: Vec::new(),
        profile: None,
    };
    rackscope_charts::build(kind, catalog, &request).map_err(|e| {
        e.0.iter()
            .map(|e| {
                if e.path.is_empty() {
                    e.kind.to_string()
                } else {
                    format!("{}: {}", e.path, e.kind)
                }
            })
            .collect()
    })
}

/// The Charts view.
#[component]
pub fn Charts(p: &ChartsProps) -> Html {
    let lang = p.lang;
    let kind = use_state(|| kind_from(p.chart.as_deref()));
    {
        // Follow the URL when it changes (a pasted link, back and forward).
        let kind = kind.clone();
        use_effect_with(p.chart.clone(), move |c| {
            if let Some(k) = c.as_deref().and_then(ChartKind::from_id) {
                kind.set(k);
            }
        });
    }
    let chart = {
        let scenario = p.scenario.as_ref().map(|s| s.0.clone());
        let catalog = p.catalog.0.clone();
        use_memo(
            (*kind, p.catalog.clone(), p.scenario.clone(), p.picks.clone()),
            move |(k, _, _, picks)| {
                let started = crate::browser::now_ms();
                let chart = build(*k, &catalog, scenario.as_deref(), picks);
                // The budget script reads this (drawing is marked in `data-chart-ms`).
                let took = crate::browser::now_ms() - started;
                crate::browser::mark_body("data-chart-build-ms", &format!("{took:.1}"));
                chart
            },
        )
    };
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        let chart = chart.clone();
        let embed = p.embed;
        use_effect_with((chart, embed), move |(chart, embed)| {
            if let Ok(c) = &**chart {
                draw::on_canvas(&canvas, c, *embed);
            }
        });
    }
    let on_kind = {
        let kind = kind.clone();
        let on_select = p.on_select.clone();
        Callback::from(move |e: Event| {
            let Some(v) = draw::select_value(&e) else { return };
            if let Some(k) = ChartKind::from_id(&v) {
                kind.set(k);
                if let Some(cb) = &on_select {
                    cb.emit(v);
                }
            }
        })
    };

    let body = match &*chart {
        Err(errors) => html! {
            <div class="problems" role="alert" data-testid="chart-errors">
                <p>{ t(lang, Key::ChartCannotDraw) }</p>
                <ul>{ for errors.iter().map(|e| html! { <li>{ e.clone() }</li> }) }</ul>
            </div>
        },
        Ok(c) => {
            let alt = c.alt_text();
            html! {
                <>
                    <div class="chart-frame">
                        <canvas ref={canvas.clone()} role="img" aria-label={alt.clone()} data-testid="chart-canvas"
                            data-kind={c.kind.id()} />
                    </div>
                    if !p.embed {
                        <Downloads chart={Shared(std::rc::Rc::new(c.clone()))} {lang} />
                        <details class="chart-alt">
                            <summary>{ t(lang, Key::ChartTextAlternative) }</summary>
                            <p data-testid="chart-alt">{ alt }</p>
                        </details>
                        <EmbedSnippet kind={c.kind} {lang} url={p.url.clone()} />
                    }
                </>
            }
        }
    };
    if p.embed {
        return html! { <section class="chart-embed" aria-live="polite">{ body }</section> };
    }
    html! {
        <section class="card charts" aria-live="polite">
            <h2>{ t(lang, Key::ChartsHeading) }</h2>
            <label class="field">
                <span>{ t(lang, Key::ChartKindLabel) }</span>
                <select onchange={on_kind} data-testid="chart-kind">
                    { for ChartKind::ALL.iter().map(|k| html! {
                        <option value={k.id()} selected={*k == *kind}>{ kind_label(lang, *k) }</option>
                    }) }
                </select>
            </label>
            <p class="hint">{ t(lang, Key::ChartPicksNote) }</p>
            if lang != Lang::En {
                <p class="hint">{ t(lang, Key::ChartLanguageNote) }</p>
            }
            { body }
        </section>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct DownloadsProps {
    chart: Shared<Chart>,
    lang: Lang,
}

#[component]
fn Downloads(p: &DownloadsProps) -> Html {
    let file = |ext: &str| format!("rackscope-{}.{ext}", p.chart.0.kind.id());
    let svg = {
        let (c, f) = (p.chart.clone(), file("svg"));
        Callback::from(move |_| {
            if let Ok(svg) = c.0.to_svg(1200, 800, Theme::Light) {
                crate::browser::download_as(&f, &svg, "image/svg+xml");
            }
        })
    };
    let png = {
        let f = file("png");
        Callback::from(move |_| draw::download_canvas_png(&f))
    };
    let csv = {
        let (c, f) = (p.chart.clone(), file("csv"));
        Callback::from(move |_| crate::browser::download_as(&f, &c.0.to_csv(), "text/csv"))
    };
    let json = {
        let (c, f) = (p.chart.clone(), file("json"));
        Callback::from(move |_| crate::browser::download_as(&f, &c.0.to_json(), "application/json"))
    };
    html! {
        <p class="downloads">
            { t(p.lang, Key::ChartDownload) }{ " " }
            <button type="button" onclick={svg} data-testid="download-svg">{ "SVG" }</button>
            <button type="button" onclick={png} data-testid="download-png">{ "PNG" }</button>
            <button type="button" onclick={csv} data-testid="download-csv">{ "CSV" }</button>
            <button type="button" onclick={json} data-testid="download-json">{ "JSON" }</button>
        </p>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct EmbedSnippetProps {
    kind: ChartKind,
    lang: Lang,
    url: crate::url::UrlState,
}

/// The iframe snippet for the current page with `embed=chart&chart=KIND`.
#[component]
fn EmbedSnippet(p: &EmbedSnippetProps) -> Html {
    let mut state = p.url.clone();
    state.embed = Some(crate::url::Embed::Chart);
    state.chart = Some(p.kind.id().to_owned());
    let src = format!("{}?{}", crate::browser::page_address(), crate::url::encode(&state));
    let snippet = format!(
        "<iframe src=\"{}\" width=\"960\" height=\"680\" style=\"border:0;max-width:100%\" title=\"rackscope chart\" loading=\"lazy\"></iframe>",
        src.replace('&', "&amp;").replace('"', "&quot;")
    );
    let copy = {
        let s = snippet.clone();
        Callback::from(move |_| crate::browser::copy(&s))
    };
    html! {
        <details class="embed-snippet">
            <summary>{ t(p.lang, Key::ChartEmbedSnippet) }</summary>
            <textarea readonly=true rows="3" data-testid="chart-embed-snippet" value={snippet} />
            <button type="button" onclick={copy}>{ t(p.lang, Key::Copy) }</button>
        </details>
    }
}

/// Canvas drawing and downloads (browser only; natively these do nothing).
mod draw {
    use rackscope_charts::Chart;
    use yew::NodeRef;
    use yew::prelude::Event;

    /// Draws the chart's SVG onto the canvas (one renderer for screen, SVG and PNG; the
    /// canvas then gives the PNG).
    #[cfg(target_arch = "wasm32")]
    pub fn on_canvas(node: &NodeRef, chart: &Chart, embed: bool) {
        use rackscope_charts::Theme;
        use wasm_bindgen::JsCast;
        use wasm_bindgen::closure::Closure;
        let Some(canvas) = node.cast::<web_sys::HtmlCanvasElement>() else { return };
        // Size the canvas to its frame, so text stays readable on a phone.
        let frame_w = canvas.parent_element().map_or(900, |p| p.client_width().max(240)) as u32;
        let width = frame_w.min(1400);
        let height = if embed {
            web_sys::window()
                .and_then(|w| w.inner_height().ok())
                .and_then(|h| h.as_f64())
                .map_or(600, |h| (h as u32).saturating_sub(48).max(240))
        } else if width < 600 {
            // Phones get a taller chart, so panels and legends have room.
            (width * 5 / 4).max(chart.min_height(width))
        } else {
            (width * 2 / 3).clamp(320, 800).max(chart.min_height(width).min(1200))
        };
        let dark = web_sys::window()
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
            .is_some_and(|m| m.matches());
        let theme = if dark { Theme::Dark } else { Theme::Light };
        let started = crate::browser::now_ms();
        let Ok(svg) = chart.to_svg(width, height, theme) else {
            let _ = canvas.set_attribute("data-drawn", "error");
            return;
        };
        let Ok(img) = web_sys::HtmlImageElement::new() else { return };
        let Some(ctx) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        let (c2, i2) = (canvas.clone(), img.clone());
        let onload = Closure::once(move || {
            c2.set_width(width);
            c2.set_height(height);
            let _ = ctx.draw_image_with_html_image_element(&i2, 0.0, 0.0);
            let count = c2
                .get_attribute("data-render-count")
                .and_then(|c| c.parse::<u32>().ok())
                .unwrap_or(0)
                + 1;
            let _ = c2.set_attribute("data-render-count", &count.to_string());
            let _ = c2.set_attribute("data-drawn", "ok");
            let now = crate::browser::now_ms();
            crate::browser::mark_body("data-chart-ms", &format!("{:.1}", now - started));
            crate::browser::mark_body("data-chart-rendered-at", &format!("{now:.0}"));
        });
        img.set_onload(Some(onload.as_ref().unchecked_ref()));
        // One closure per drawing, freed with the page: a chart is redrawn only on input.
        onload.forget();
        let url =
            format!("data:image/svg+xml;charset=utf-8,{}", js_sys::encode_uri_component(&svg));
        img.set_src(&url);
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub fn on_canvas(_node: &NodeRef, _chart: &Chart, _embed: bool) {}

    /// The value of the `<select>` an event came from.
    pub fn select_value(e: &Event) -> Option<String> {
        use wasm_bindgen::JsCast;
        e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()).map(|s| s.value())
    }

    /// Offers the drawn canvas as a PNG.
    pub fn download_canvas_png(filename: &str) {
        use wasm_bindgen::JsCast;
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        let Ok(Some(el)) = doc.query_selector("canvas[data-testid=chart-canvas]") else { return };
        let Ok(canvas) = el.dyn_into::<web_sys::HtmlCanvasElement>() else { return };
        if let Ok(url) = canvas.to_data_url_with_type("image/png") {
            crate::browser::download_url(filename, &url);
        }
    }
}
