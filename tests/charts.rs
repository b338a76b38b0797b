//! Charts: the SVG, CSV and text people read, PNG output, odd data and sizes, escaping, and the
//! `rackscope chart` command.
//!
//! The gallery (one chart of each kind, from the embedded catalog and the scenarios in
//! `examples/charts/`) is snapshot as SVG at 900 × 600; SVG layout is deterministic natively
//! because text is measured with the bundled font. Hand-built charts check that odd data and
//! sizes still render, and that hostile text is escaped. The CLI runs in-process, with files
//! read from and written to memory.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use proptest::prelude::*;
use rackscope::RawScenario;
use rackscope_charts::model::{
    Axis, Bars, Cell, Draw, Group, Hue, Key, Panel, Point, RefLine, Series, Shape, Stack, Stacked,
    Xy,
};
use rackscope_charts::{Body, Chart, ChartKind, Meta, Request, Theme};

use crate::catalog;

/// The scenario the price-performance example draws (no hardware count, a cost section).
const PRICE_PERFORMANCE_JSON: &str = include_str!("../examples/charts/price-performance.json");
/// The scenario the TCO example draws (eight H200s against the GLM-5 API).
const TCO_JSON: &str = include_str!("../examples/charts/tco.json");

/// Size of the snapshot SVGs.
const W: u32 = 900;
const H: u32 = 600;

// ---------------------------------------------------------------------------------------------
// Helpers.

fn scenario(name: &str, json: &str) -> RawScenario {
    RawScenario::from_json(name, json).unwrap_or_else(|e| panic!("{name} does not parse: {e}"))
}

/// The request the gallery draws for `kind`: an example scenario where the kind needs one
/// (price-performance, TCO, and the roofline and throughput-latency charts, which place it),
/// the kind's defaults otherwise.
fn gallery_request(kind: ChartKind) -> Request {
    let scenario = match kind {
        ChartKind::PricePerformance => {
            Some(scenario("price-performance.json", PRICE_PERFORMANCE_JSON))
        }
        ChartKind::Tco | ChartKind::Roofline | ChartKind::ThroughputLatency => {
            Some(scenario("tco.json", TCO_JSON))
        }
        ChartKind::MemoryFit | ChartKind::Specs | ChartKind::RackDensity => None,
    };
    Request { scenario, ..Request::default() }
}

/// The gallery chart of `kind`, built once for the whole test binary.
fn gallery(kind: ChartKind) -> &'static Chart {
    static GALLERY: OnceLock<Vec<Chart>> = OnceLock::new();
    let charts = GALLERY.get_or_init(|| {
        ChartKind::ALL
            .iter()
            .map(|&k| {
                rackscope_charts::build(k, catalog(), &gallery_request(k))
                    .unwrap_or_else(|e| panic!("the {} gallery chart does not build:\n{e}", k.id()))
            })
            .collect()
    });
    let i = ChartKind::ALL.iter().position(|&k| k == kind).unwrap_or_else(|| unreachable!());
    &charts[i]
}

/// How many things a body draws: points, cells with a value, stacks that are not missing.
fn drawn(body: &Body) -> usize {
    match body {
        Body::Xy(xy) => xy.series.iter().map(|s| s.points.len()).sum(),
        Body::Bars(b) => {
            b.panels.iter().flat_map(|p| &p.cells).filter(|c| c.value.is_some()).count()
        }
        Body::Stacked(st) => {
            st.groups.iter().flat_map(|g| &g.stacks).filter(|s| !s.missing).count()
        }
    }
}

/// Renders `chart` as SVG, checks it is well-formed XML with an `<svg>` root of the right size
/// and no script, and returns it with the text of its `<text>` elements, trimmed, in order.
fn render_svg(chart: &Chart, w: u32, h: u32, theme: Theme) -> (String, Vec<String>) {
    let svg =
        chart.to_svg(w, h, theme).unwrap_or_else(|e| panic!("{} at {w}×{h}: {e}", chart.kind.id()));
    let texts = svg_texts(&svg, w, h);
    assert!(!svg.contains("<script"), "{} at {w}×{h}: a script element", chart.kind.id());
    (svg, texts)
}

/// Checks an SVG document and returns the text of its `<text>` elements, trimmed, in order.
fn svg_texts(svg: &str, w: u32, h: u32) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg)
        .unwrap_or_else(|e| panic!("the SVG does not parse: {e}\n{}", head(svg)));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg", "{}", head(svg));
    assert_eq!(root.attribute("width"), Some(w.to_string().as_str()), "{}", head(svg));
    assert_eq!(root.attribute("height"), Some(h.to_string().as_str()), "{}", head(svg));
    let elements = root.children().filter(roxmltree::Node::is_element).count();
    assert!(elements > 1, "an SVG with {elements} elements");
    root.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            let text: String =
                n.descendants().filter(|t| t.is_text()).filter_map(|t| t.text()).collect();
            text.trim().to_owned()
        })
        .collect()
}

fn head(s: &str) -> &str {
    &s[..s.char_indices().nth(400).map_or(s.len(), |(i, _)| i)]
}

/// The background colour of each theme, as the renderer paints it.
fn background(theme: Theme) -> [u8; 3] {
    match theme {
        Theme::Light => [255, 255, 255],
        Theme::Dark => [18, 20, 26],
    }
}

/// Renders `chart` as PNG and checks it decodes to `w` × `h` pixels on the theme's background
/// with something drawn on it.
fn check_png(chart: &Chart, w: u32, h: u32, theme: Theme) {
    let what = format!("{} PNG at {w}×{h}, {theme:?}", chart.kind.id());
    let png = chart.to_png(w, h, theme).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{what}: no PNG signature");
    let img = image::load_from_memory(&png).unwrap_or_else(|e| panic!("{what}: {e}")).to_rgb8();
    assert_eq!(img.dimensions(), (w, h), "{what}");
    let bg = background(theme);
    assert_eq!(img.get_pixel(0, 0).0, bg, "{what}: the corner is not the background");
    let colours: BTreeSet<[u8; 3]> = img.pixels().map(|p| p.0).collect();
    let inked = img.pixels().filter(|p| p.0 != bg).count();
    assert!(colours.len() >= 3, "{what}: {} colours", colours.len());
    assert!(inked > 100, "{what}: only {inked} pixels differ from the background");
}

// ---------------------------------------------------------------------------------------------
// The gallery: one SVG snapshot per kind.

/// Renders the gallery chart of `kind` at 900 × 600, checks its SVG and PNG, and returns the SVG.
fn check_gallery(kind: ChartKind, theme: Theme) -> String {
    let chart = gallery(kind);
    assert_eq!(chart.kind, kind);
    let body = chart.body.as_ref().unwrap_or_else(|| {
        panic!("the {} gallery chart has nothing to draw: {:?}", kind.id(), chart.meta.notes)
    });
    assert!(drawn(body) > 0, "the {} gallery chart draws nothing", kind.id());
    let (svg, texts) = render_svg(chart, W, H, theme);
    for line in [&chart.meta.title, &chart.meta.source_line] {
        assert!(texts.contains(line), "{}: `{line}` is not drawn:\n{texts:#?}", kind.id());
    }
    assert!(chart.meta.source_line.contains(catalog().version()), "{}", chart.meta.source_line);
    check_png(chart, W, H, theme);
    svg
}

#[test]
fn svg_price_performance() {
    insta::assert_snapshot!(
        "svg_price_performance",
        check_gallery(ChartKind::PricePerformance, Theme::Light)
    );
}

#[test]
fn svg_price_performance_dark() {
    let svg = check_gallery(ChartKind::PricePerformance, Theme::Dark);
    assert!(svg.contains(r##"fill="#12141A""##), "no dark background:\n{}", head(&svg));
    insta::assert_snapshot!("svg_price_performance_dark", svg);
}

#[test]
fn svg_roofline() {
    insta::assert_snapshot!("svg_roofline", check_gallery(ChartKind::Roofline, Theme::Light));
}

#[test]
fn svg_memory_fit() {
    insta::assert_snapshot!("svg_memory_fit", check_gallery(ChartKind::MemoryFit, Theme::Light));
}

#[test]
fn svg_throughput_latency() {
    insta::assert_snapshot!(
        "svg_throughput_latency",
        check_gallery(ChartKind::ThroughputLatency, Theme::Light)
    );
}

#[test]
fn svg_tco() {
    insta::assert_snapshot!("svg_tco", check_gallery(ChartKind::Tco, Theme::Light));
}

#[test]
fn svg_specs() {
    insta::assert_snapshot!("svg_specs", check_gallery(ChartKind::Specs, Theme::Light));
}

#[test]
fn svg_rack_density() {
    insta::assert_snapshot!(
        "svg_rack_density",
        check_gallery(ChartKind::RackDensity, Theme::Light)
    );
}

#[test]
fn csv_specs() {
    let csv = gallery(ChartKind::Specs).to_csv();
    assert!(csv.starts_with("entity,metric,unit,value,low,high,confidence,missing_reason\n"));
    insta::assert_snapshot!("csv_specs", csv);
}

#[test]
fn csv_memory_fit() {
    let csv = gallery(ChartKind::MemoryFit).to_csv();
    assert!(csv.starts_with("group,name,part,Memory (GB),mark,note\n"), "{csv}");
    insta::assert_snapshot!("csv_memory_fit", csv);
}

#[test]
fn alt_text_tco() {
    let alt = gallery(ChartKind::Tco).alt_text();
    assert!(alt.contains("break-even"), "{alt}");
    insta::assert_snapshot!("alt_text_tco", alt);
}

#[test]
fn csv_of_every_kind_is_rectangular_and_safe() {
    for kind in ChartKind::ALL {
        let csv = gallery(kind).to_csv();
        assert_eq!(formulas(&csv), Vec::<String>::new(), "{}:\n{csv}", kind.id());
        let records = csv_records(&csv);
        let header = records[0].len();
        let rows: Vec<&Vec<String>> = records.iter().filter(|r| !r[0].starts_with('#')).collect();
        assert!(rows.len() > 2, "{}: {} rows", kind.id(), rows.len());
        for r in rows {
            assert_eq!(r.len(), header, "{}: {r:?}", kind.id());
        }
    }
}

#[test]
fn json_export_of_every_kind() {
    for kind in ChartKind::ALL {
        let chart = gallery(kind);
        let v: serde_json::Value = serde_json::from_str(&chart.to_json())
            .unwrap_or_else(|e| panic!("{}: the JSON export does not parse: {e}", kind.id()));
        assert_eq!(v["kind"], kind.id());
        assert_eq!(v["meta"]["title"], chart.meta.title.as_str());
        assert_eq!(v["meta"]["catalog_version"], catalog().version());
        assert!(v["body"]["shape"].is_string(), "{}: {}", kind.id(), v["body"]);
    }
}

// ---------------------------------------------------------------------------------------------
// Robustness: odd data and sizes always render.

fn meta(title: &str) -> Meta {
    Meta {
        title: title.to_owned(),
        subtitle: "a hand-built chart".to_owned(),
        notes: vec!["A note.".to_owned()],
        source_line: "rackscope · data: test".to_owned(),
        catalog_version: "test".to_owned(),
        as_of: "2026-01".to_owned(),
    }
}

fn point(x: f64, y: f64) -> Point {
    Point {
        x,
        y,
        label: format!("({x}, {y})"),
        show_label: true,
        low_confidence: false,
        x_range: None,
        y_range: None,
    }
}

fn series(name: &str, draw: Draw, points: Vec<Point>) -> Series {
    Series {
        name: name.to_owned(),
        hue: Hue::Blue,
        shape: Shape::Circle,
        draw,
        dashed: false,
        points,
    }
}

fn xy(log: bool, series: Vec<Series>) -> Body {
    Body::Xy(Xy {
        x: Axis { label: "x".to_owned(), log },
        y: Axis { label: "y".to_owned(), log },
        series,
        h_lines: Vec::new(),
        v_lines: Vec::new(),
        keys: Vec::new(),
    })
}

fn hand_built(kind: ChartKind, body: Option<Body>) -> Chart {
    Chart { kind, meta: meta("A hand-built chart"), body }
}

/// Renders `chart` as SVG at a small and a medium size in both themes and at 4000 × 3000, and
/// as PNG small and light, and medium and dark (a PNG costs ten SVGs in a debug build); returns
/// the text of the light 900 × 600 SVG.
fn check_renders(chart: &Chart) -> Vec<String> {
    for (w, h) in [(240, 240), (W, H), (4000, 3000)] {
        render_svg(chart, w, h, Theme::Dark);
    }
    check_png(chart, 240, 240, Theme::Light);
    check_png(chart, W, H, Theme::Dark);
    render_svg(chart, 240, 240, Theme::Light);
    render_svg(chart, W, H, Theme::Light).1
}

#[test]
fn no_body_says_nothing_to_draw() {
    let chart = hand_built(ChartKind::Specs, None);
    let texts = check_renders(&chart);
    assert!(texts.iter().any(|t| t.starts_with("Nothing to draw")), "{texts:#?}");
    assert!(texts.contains(&"A note.".to_owned()), "{texts:#?}");
    assert_eq!(chart.to_csv(), "note\n# A note.\n# rackscope · data: test\n");
    assert!(chart.alt_text().contains("No data to draw"), "{}", chart.alt_text());
}

#[test]
fn xy_with_one_point() {
    for log in [false, true] {
        let chart = hand_built(
            ChartKind::PricePerformance,
            Some(xy(log, vec![series("one", Draw::LinePoints, vec![point(3.0, 7.0)])])),
        );
        let texts = check_renders(&chart);
        assert!(texts.contains(&"one".to_owned()), "log {log}: no legend: {texts:#?}");
        assert_eq!(chart.to_csv().lines().filter(|l| l.starts_with("one,")).count(), 1);
        // Both axes leave headroom above the largest value, so the lone point's label fits.
        assert!(texts.contains(&"(3, 7)".to_owned()), "log {log}: label dropped: {texts:#?}");
    }
}

#[test]
fn xy_with_ten_thousand_points() {
    let points: Vec<Point> = (0..10_000)
        .map(|i| {
            let x = f64::from(i);
            Point { show_label: i % 1000 == 0, ..point(x, (x / 300.0).sin() * 100.0 + 200.0) }
        })
        .collect();
    let chart = hand_built(
        ChartKind::ThroughputLatency,
        Some(xy(false, vec![series("many", Draw::LinePoints, points)])),
    );
    check_renders(&chart);
    let csv = chart.to_csv();
    assert_eq!(csv.lines().filter(|l| l.starts_with("many,")).count(), 10_000);
    assert!(chart.alt_text().contains("many:"), "{}", chart.alt_text());
}

#[test]
fn xy_with_no_points_and_no_series() {
    for body in
        [xy(true, Vec::new()), xy(false, vec![series("empty", Draw::LinePoints, Vec::new())])]
    {
        check_renders(&hand_built(ChartKind::Roofline, Some(body)));
    }
}

#[test]
fn alt_text_of_series_without_numbers() {
    // FIXME: fails. `alt_text` (crates/charts/src/export.rs) describes a series without
    // labelled points by its range, folded from (+inf, -inf); a series with no finite point
    // reads "x infG–-infG". It should say the series has no values.
    let no_values = Point { show_label: false, ..point(f64::NAN, f64::INFINITY) };
    let chart = hand_built(
        ChartKind::Roofline,
        Some(xy(
            false,
            vec![
                series("empty", Draw::LinePoints, Vec::new()),
                series("not numbers", Draw::Points, vec![no_values]),
            ],
        )),
    );
    let alt = chart.alt_text();
    assert!(alt.contains("empty") && alt.contains("not numbers"), "{alt}");
    assert!(!alt.contains("inf") && !alt.contains("NaN"), "{alt}");
}

fn missing_cell(reason: &str) -> Cell {
    Cell {
        value: None,
        range: None,
        confidence: "missing".to_owned(),
        missing_reason: Some(reason.to_owned()),
    }
}

#[test]
fn bars_with_every_cell_missing() {
    let entities = vec!["Chip A".to_owned(), "Chip B".to_owned(), "Chip C".to_owned()];
    let panels = ["Memory", "Bandwidth", "Power"]
        .iter()
        .map(|m| Panel {
            metric: (*m).to_owned(),
            unit: "u".to_owned(),
            cells: entities.iter().map(|_| missing_cell("never published")).collect(),
        })
        .collect();
    let chart = hand_built(ChartKind::Specs, Some(Body::Bars(Bars { entities, panels })));
    let texts = check_renders(&chart);
    assert_eq!(texts.iter().filter(|t| *t == "missing").count(), 9, "{texts:#?}");
    let csv = chart.to_csv();
    assert_eq!(
        csv.lines().filter(|l| l.ends_with(",,,,missing,never published")).count(),
        9,
        "{csv}"
    );
}

#[test]
fn bars_with_odd_values() {
    let cell = |v: f64, range: Option<(f64, f64)>, confidence: &str| Cell {
        value: Some(v),
        range,
        confidence: confidence.to_owned(),
        missing_reason: None,
    };
    let entities: Vec<String> = (0..6).map(|i| format!("Chip {i}")).collect();
    let chart = hand_built(
        ChartKind::Specs,
        Some(Body::Bars(Bars {
            entities,
            panels: vec![
                Panel {
                    metric: "Zero and negative".to_owned(),
                    unit: "u".to_owned(),
                    cells: vec![
                        cell(0.0, None, "official"),
                        cell(-5.0, None, "estimate"),
                        cell(0.0, Some((0.0, 0.0)), "rumour"),
                        cell(1e-12, None, "official"),
                        cell(1e12, Some((1e11, 2e12)), "reported"),
                        missing_cell("unknown"),
                    ],
                },
                Panel {
                    metric: "Non-finite".to_owned(),
                    unit: "u".to_owned(),
                    cells: vec![
                        cell(f64::NAN, None, "official"),
                        cell(f64::INFINITY, None, "estimate"),
                        cell(1.0, Some((f64::NEG_INFINITY, f64::NAN)), "official"),
                        cell(2.0, Some((3.0, 1.0)), "assumption"),
                        cell(f64::NEG_INFINITY, None, "official"),
                        cell(4.0, None, "official"),
                    ],
                },
                // No cells at all, and more cells than entities.
                Panel { metric: "Empty".to_owned(), unit: "u".to_owned(), cells: Vec::new() },
                Panel {
                    metric: "Too many".to_owned(),
                    unit: "u".to_owned(),
                    cells: (0..9).map(|i| cell(f64::from(i), None, "official")).collect(),
                },
            ],
        })),
    );
    check_renders(&chart);
}

#[test]
fn bars_with_no_entities_or_panels() {
    for bars in [
        Bars { entities: Vec::new(), panels: Vec::new() },
        Bars { entities: vec!["Chip".to_owned()], panels: Vec::new() },
    ] {
        check_renders(&hand_built(ChartKind::RackDensity, Some(Body::Bars(bars))));
    }
}

fn stack(name: &str, values: Vec<f64>, mark: Option<f64>, missing: bool) -> Stack {
    Stack { name: name.to_owned(), values, mark, note: format!("{name} note"), missing }
}

fn stacked(groups: Vec<Group>) -> Body {
    Body::Stacked(Stacked {
        y: Axis { label: "Memory (GB)".to_owned(), log: false },
        parts: vec!["weights".to_owned(), "KV cache".to_owned(), "reserve".to_owned()],
        mark_label: "memory of the chips needed".to_owned(),
        groups,
    })
}

#[test]
fn stacked_with_zero_values() {
    let groups = (0..3)
        .map(|g| Group {
            name: format!("group {g}"),
            stacks: vec![
                stack("zero", vec![0.0, 0.0, 0.0], Some(0.0), false),
                stack("no mark", vec![0.0, 0.0, 0.0], None, false),
                stack("missing", vec![0.0, 0.0, 0.0], None, true),
            ],
        })
        .collect();
    let chart = hand_built(ChartKind::MemoryFit, Some(stacked(groups)));
    let texts = check_renders(&chart);
    assert!(texts.iter().any(|t| t == "zero note"), "{texts:#?}");
    assert!(texts.iter().any(|t| t == "Memory (GB): full width = 0"), "{texts:#?}");
    assert_eq!(chart.to_csv().lines().filter(|l| l.starts_with("group ")).count(), 27);
}

#[test]
fn stacked_with_odd_values() {
    let groups = vec![
        Group {
            name: "odd".to_owned(),
            stacks: vec![
                stack("negative", vec![-10.0, 5.0, 1.0], Some(-3.0), false),
                stack("non-finite", vec![f64::NAN, f64::INFINITY, 1.0], Some(f64::NAN), false),
                stack("short", vec![1.0], Some(f64::INFINITY), false),
                stack("long", vec![1.0, 2.0, 3.0, 4.0, 5.0], Some(1e15), false),
            ],
        },
        Group { name: "no stacks".to_owned(), stacks: Vec::new() },
    ];
    check_renders(&hand_built(ChartKind::MemoryFit, Some(stacked(groups))));
    check_renders(&hand_built(ChartKind::MemoryFit, Some(stacked(Vec::new()))));
}

/// Points a log axis cannot place: zero, negative, NaN and infinite coordinates among good ones.
fn unplaceable_points() -> Vec<Point> {
    let bad = [0.0, -1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY];
    let mut points: Vec<Point> =
        bad.iter().flat_map(|&b| [point(b, 10.0), point(10.0, b), point(b, b)]).collect();
    points.extend([point(1.0, 1.0), point(100.0, 1000.0), point(1e4, 3.0)]);
    points
}

#[test]
fn log_axes_with_zero_negative_and_non_finite_values() {
    let chart = hand_built(
        ChartKind::Roofline,
        Some(xy(
            true,
            vec![
                series("points", Draw::Points, unplaceable_points()),
                series("line", Draw::LinePoints, unplaceable_points()),
            ],
        )),
    );
    check_renders(&chart);
    // Every point is exported; a coordinate that is not a number is left empty.
    let csv = chart.to_csv();
    assert_eq!(csv.lines().filter(|l| l.starts_with("points,")).count(), 18, "{csv}");
    assert!(csv.contains("\npoints,\"(NaN, 10)\",,10,,,,,false\n"), "{csv}");
}

/// Coordinates of the markers and lines drawn in `colour` that are not in the plot: left of
/// the y axis' title `y_title`, or as low as the note `note`.
fn outside_the_plot(svg: &str, colour: &str, y_title: &str, note: &str) -> Vec<(f64, f64)> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}"));
    let text_at = |content: &str, attr: &str| {
        doc.descendants()
            .find(|n| n.has_tag_name("text") && n.text().is_some_and(|t| t.trim() == content))
            .and_then(|n| n.attribute(attr)?.parse::<f64>().ok())
            .unwrap_or_else(|| panic!("no text `{content}`"))
    };
    let (left, bottom) = (text_at(y_title, "x"), text_at(note, "y"));
    let number = |v: &str| v.parse::<f64>().unwrap_or_else(|e| panic!("{v}: {e}"));
    let mut coords = Vec::new();
    for n in doc.descendants() {
        if n.has_tag_name("circle") && n.attribute("fill") == Some(colour) {
            coords.push((
                number(n.attribute("cx").unwrap_or("")),
                number(n.attribute("cy").unwrap_or("")),
            ));
        }
        if n.has_tag_name("polyline") && n.attribute("stroke") == Some(colour) {
            for pair in n.attribute("points").unwrap_or("").split_whitespace() {
                let (x, y) = pair.split_once(',').unwrap_or_else(|| panic!("{pair}"));
                coords.push((number(x), number(y)));
            }
        }
    }
    assert!(coords.len() > 3, "nothing drawn in {colour}");
    coords.into_iter().filter(|&(x, y)| x <= left || y >= bottom).collect()
}

#[test]
fn log_axes_leave_out_values_they_cannot_place() {
    // FIXME: fails. `draw_xy` (crates/charts/src/render.rs) leaves out points that are not
    // finite but draws zero and negative values on a log axis: `to_axis` maps them to
    // log10(f64::MIN_POSITIVE) ≈ -308, far outside the plot, and plotters clamps that to the
    // canvas edge. The marker lands on the notes (or the left edge), the line to it crosses
    // the axis labels, and a dashed line draws tens of thousands of dashes (a 2.6 MB SVG at
    // 900 × 600).
    let points = vec![
        point(1.0, 1.0),
        point(10.0, 0.0),
        point(30.0, 5.0),
        point(-4.0, 8.0),
        point(100.0, 100.0),
    ];
    let chart = hand_built(
        ChartKind::Roofline,
        Some(xy(true, vec![series("line", Draw::LinePoints, points.clone())])),
    );
    let (svg, _) = render_svg(&chart, W, H, Theme::Light);
    let outside = outside_the_plot(&svg, "#0072B2", "y", "A note.");
    let dashed = hand_built(
        ChartKind::Roofline,
        Some(xy(true, vec![Series { dashed: true, ..series("dashed", Draw::Line, points) }])),
    );
    let (dashed_svg, _) = render_svg(&dashed, W, H, Theme::Light);
    assert!(
        outside.is_empty() && dashed_svg.len() < 50_000,
        "drawn outside the plot: {outside:?}; a dashed line of five points takes {} bytes of SVG",
        dashed_svg.len()
    );
}

#[test]
fn log_axes_with_only_unplaceable_values() {
    let bad: Vec<Point> =
        [0.0, -1.0, f64::NAN, f64::INFINITY].iter().map(|&b| point(b, -b)).collect();
    check_renders(&hand_built(
        ChartKind::Roofline,
        Some(xy(true, vec![series("bad", Draw::LinePoints, bad)])),
    ));
}

#[test]
fn linear_axes_with_extreme_values() {
    let points = vec![point(-1e308, 1e308), point(1e308, -1e308), point(0.0, 5e-324)];
    check_renders(&hand_built(
        ChartKind::ThroughputLatency,
        Some(xy(false, vec![series("extreme", Draw::LinePoints, points)])),
    ));
}

#[test]
fn ranges_and_reference_lines_at_odd_values() {
    let odd = [0.0, -1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY];
    for log in [false, true] {
        let points: Vec<Point> = odd
            .iter()
            .map(|&b| Point { y_range: Some((b, 50.0)), ..point(10.0, 20.0) })
            .chain(odd.iter().map(|&b| Point { y_range: Some((5.0, b)), ..point(20.0, 30.0) }))
            .chain(odd.iter().map(|&b| Point { x_range: Some((b, 40.0)), ..point(30.0, 10.0) }))
            .chain(odd.iter().map(|&b| Point { x_range: Some((1.0, b)), ..point(5.0, 15.0) }))
            .collect();
        // A band along a line, with odd ends among ordinary ones.
        let band: Vec<Point> = odd
            .iter()
            .enumerate()
            .map(|(i, &b)| Point { y_range: Some((b, 60.0)), ..point(i as f64 + 1.0, 25.0) })
            .chain([Point { y_range: Some((20.0, 30.0)), ..point(9.0, 25.0) }])
            .collect();
        let lines: Vec<RefLine> =
            odd.iter().map(|&at| RefLine { at, label: format!("line at {at}") }).collect();
        let body = Body::Xy(Xy {
            x: Axis { label: "x".to_owned(), log },
            y: Axis { label: "y".to_owned(), log },
            series: vec![series("ranges", Draw::Points, points), series("band", Draw::Line, band)],
            h_lines: lines.clone(),
            v_lines: lines,
            keys: vec![Key { label: "a key".to_owned(), hue: None, shape: None, hollow: true }],
        });
        check_renders(&hand_built(ChartKind::ThroughputLatency, Some(body)));
    }
}

#[test]
fn sizes_below_the_cli_minimum() {
    // The library takes any size; the CLI insists on 240 × 240 or more.
    let charts = [
        hand_built(ChartKind::Specs, None),
        gallery(ChartKind::Roofline).clone(),
        gallery(ChartKind::Specs).clone(),
        gallery(ChartKind::MemoryFit).clone(),
    ];
    for chart in &charts {
        for (w, h) in [(1, 1), (10, 10), (100, 60), (60, 400), (400, 60)] {
            render_svg(chart, w, h, Theme::Light);
            check_png_tiny(chart, w, h);
        }
    }
}

/// [`check_png`] for sizes too small to hold anything but the background.
fn check_png_tiny(chart: &Chart, w: u32, h: u32) {
    let png = chart.to_png(w, h, Theme::Light).unwrap_or_else(|e| panic!("{w}×{h}: {e}"));
    let img = image::load_from_memory(&png).unwrap_or_else(|e| panic!("{w}×{h}: {e}"));
    assert_eq!((img.width(), img.height()), (w, h));
}

// ---------------------------------------------------------------------------------------------
// Escaping: hostile text is text, in the SVG and in the CSV.

const HOSTILE: &str = r#"<script>alert(1)</script> & "double" 'single'"#;

fn hostile_meta() -> Meta {
    Meta {
        title: HOSTILE.to_owned(),
        subtitle: format!("sub {HOSTILE}"),
        notes: vec![format!("note {HOSTILE}")],
        source_line: format!("source {HOSTILE}"),
        catalog_version: HOSTILE.to_owned(),
        as_of: HOSTILE.to_owned(),
    }
}

/// Renders a chart with hostile text everywhere and checks that the SVG holds it as text:
/// no script element, and the text reads back exactly. Returns the texts for more checks.
fn check_escaped(body: Body) -> Vec<String> {
    let chart = Chart { kind: ChartKind::Specs, meta: hostile_meta(), body: Some(body) };
    let (svg, texts) = render_svg(&chart, 1200, 800, Theme::Light);
    assert!(svg.contains("&lt;script&gt;"), "no escaped script tag in the SVG");
    for line in [HOSTILE.to_owned(), format!("sub {HOSTILE}"), format!("note {HOSTILE}")] {
        assert!(texts.contains(&line), "`{line}` does not read back:\n{texts:#?}");
    }
    for t in &texts {
        assert!(!t.contains("&lt;") && !t.contains("&amp;"), "escaped twice: {t}");
    }
    texts
}

#[test]
fn hostile_text_in_xy_is_escaped() {
    let points = vec![
        Point { label: format!("point {HOSTILE}"), ..point(1.0, 2.0) },
        Point { show_label: false, ..point(3.0, 1.0) },
    ];
    let body = Body::Xy(Xy {
        x: Axis { label: format!("x {HOSTILE}"), log: false },
        y: Axis { label: format!("y {HOSTILE}"), log: true },
        series: vec![series(HOSTILE, Draw::LinePoints, points)],
        h_lines: vec![RefLine { at: 1.5, label: format!("h {HOSTILE}") }],
        v_lines: vec![RefLine { at: 2.0, label: format!("v {HOSTILE}") }],
        keys: Vec::new(),
    });
    let texts = check_escaped(body);
    for label in ["point", "x", "y", "h", "v"] {
        let line = format!("{label} {HOSTILE}");
        assert!(texts.contains(&line), "`{line}` does not read back:\n{texts:#?}");
    }
    // The title, and the series in the legend.
    assert_eq!(texts.iter().filter(|t| *t == HOSTILE).count(), 2, "{texts:#?}");
}

#[test]
fn hostile_text_in_bars_and_stacks_is_escaped() {
    let bars = Body::Bars(Bars {
        entities: vec!["<b>".to_owned(), "A & B".to_owned()],
        panels: vec![Panel {
            metric: "<i>metric</i>".to_owned(),
            unit: "'u'".to_owned(),
            cells: vec![missing_cell(HOSTILE), missing_cell("\"quoted\"")],
        }],
    });
    let texts = check_escaped(bars);
    for line in ["<b>", "A & B", "<i>metric</i> ('u')"] {
        assert!(texts.iter().any(|t| t == line), "`{line}` does not read back:\n{texts:#?}");
    }
    let stacks = Body::Stacked(Stacked {
        y: Axis { label: "<y>".to_owned(), log: false },
        parts: vec!["<part>".to_owned()],
        mark_label: "mark & \"label\"".to_owned(),
        groups: vec![Group {
            name: "<group>".to_owned(),
            stacks: vec![Stack {
                note: HOSTILE.to_owned(),
                ..stack("<s>", vec![1.0], Some(2.0), false)
            }],
        }],
    });
    let texts = check_escaped(stacks);
    for line in ["<part>", "mark & \"label\"", "<group>", "<s>", "<y>: full width = 2"] {
        assert!(texts.iter().any(|t| t == line), "`{line}` does not read back:\n{texts:#?}");
    }
}

/// Splits CSV text into records of fields (RFC 4180: fields in double quotes may hold commas,
/// line breaks and doubled quotes), as a spreadsheet reads it.
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let (mut record, mut field) = (Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "an unterminated quoted field:\n{text}");
    assert!(field.is_empty() && record.is_empty(), "no line break at the end:\n{text}");
    records
}

/// Cells a spreadsheet would run as a formula: text starting with `=`, `+`, `-` or `@`
/// (numbers such as `-5` are fine).
fn formulas(csv: &str) -> Vec<String> {
    csv_records(csv)
        .into_iter()
        .flatten()
        .filter(|f| f.starts_with(['=', '+', '-', '@']) && f.parse::<f64>().is_err())
        .collect()
}

const INJECTIONS: [&str; 6] =
    ["=1+1", "+SUM(A1:A9)", "-2+3", "@cmd", "=HYPERLINK(\"http://x\",\"a, b\")", "\t=1"];

#[test]
fn csv_neutralises_formulas_and_quotes_in_xy() {
    let points: Vec<Point> = INJECTIONS
        .iter()
        .enumerate()
        .map(|(i, s)| Point { label: (*s).to_owned(), ..point(-(i as f64), 1.0) })
        .collect();
    let body = Body::Xy(Xy {
        x: Axis { label: "=x".to_owned(), log: false },
        y: Axis { label: "@y, \"quoted\"".to_owned(), log: false },
        series: INJECTIONS.iter().map(|s| series(s, Draw::Points, points.clone())).collect(),
        h_lines: vec![RefLine { at: -1.0, label: "-h".to_owned() }],
        v_lines: vec![RefLine { at: 1.0, label: "+v".to_owned() }],
        keys: Vec::new(),
    });
    let chart = Chart { kind: ChartKind::Roofline, meta: meta("csv"), body: Some(body) };
    let csv = chart.to_csv();
    assert_eq!(formulas(&csv), Vec::<String>::new(), "\n{csv}");
    let records = csv_records(&csv);
    assert_eq!(
        records[0],
        [
            "series",
            "label",
            "'=x",
            "'@y, \"quoted\"",
            "x_low",
            "x_high",
            "y_low",
            "y_high",
            "low_confidence"
        ]
    );
    // Every data row has the header's nine fields; the apostrophe is the only change.
    let rows: Vec<&Vec<String>> =
        records.iter().skip(1).filter(|r| !r[0].starts_with('#')).collect();
    assert_eq!(rows.len(), INJECTIONS.len() * INJECTIONS.len() + 2);
    for r in &rows {
        assert_eq!(r.len(), 9, "{r:?}");
    }
    assert!(rows.iter().any(|r| r[1] == "'=HYPERLINK(\"http://x\",\"a, b\")"), "{csv}");
    assert!(rows.iter().any(|r| r[0] == "'\t=1"), "{csv}");
    assert!(rows.iter().any(|r| r[2] == "-5"), "negative numbers stay numbers:\n{csv}");
}

#[test]
fn csv_neutralises_formulas_and_quotes_in_bars_and_stacks() {
    let cell = |reason: &str| Cell {
        value: Some(-1.5),
        range: Some((-2.0, -1.0)),
        confidence: "=official".to_owned(),
        missing_reason: Some(reason.to_owned()),
    };
    let bars = Body::Bars(Bars {
        entities: INJECTIONS.iter().map(|s| (*s).to_owned()).collect(),
        panels: vec![Panel {
            metric: "+m".to_owned(),
            unit: "@u".to_owned(),
            cells: INJECTIONS.iter().map(|s| cell(s)).collect(),
        }],
    });
    let stacks = stacked(vec![Group {
        name: "=g".to_owned(),
        stacks: INJECTIONS
            .iter()
            .map(|s| Stack {
                note: (*s).to_owned(),
                ..stack(s, vec![-1.0, 2.0, 3.0], Some(-4.0), false)
            })
            .collect(),
    }]);
    for (body, fields) in [(bars, 8), (stacks, 6)] {
        let chart = Chart { kind: ChartKind::Specs, meta: meta("csv"), body: Some(body) };
        let csv = chart.to_csv();
        assert_eq!(formulas(&csv), Vec::<String>::new(), "\n{csv}");
        let rows: Vec<Vec<String>> =
            csv_records(&csv).into_iter().filter(|r| !r[0].starts_with('#')).collect();
        assert!(rows.len() > INJECTIONS.len(), "{csv}");
        for r in &rows {
            assert_eq!(r.len(), fields, "{r:?}");
        }
    }
}

#[test]
fn csv_notes_cannot_smuggle_formulas() {
    // Notes and the source line are written as `# …` lines; a spreadsheet still splits them at
    // commas, so a comma followed by a formula must not reach a cell of its own.
    let chart = Chart {
        kind: ChartKind::Specs,
        meta: Meta {
            notes: vec!["see,=1+1".to_owned(), "a \"quoted\", @note".to_owned()],
            source_line: "source,+cmd".to_owned(),
            ..meta("csv")
        },
        body: None,
    };
    let csv = chart.to_csv();
    assert_eq!(formulas(&csv), Vec::<String>::new(), "\n{csv}");
}

// ---------------------------------------------------------------------------------------------
// The command line.

/// A scenario with a cost section but no API to compare with.
const NO_API_JSON: &str = r#"{
  "hardware": { "chip": "nvidia-h200-sxm", "count": 8 },
  "model": "llama-3.1-70b",
  "precision": { "weights": "fp8" },
  "workload": { "input_tokens": 1000, "output_tokens": 1000, "concurrency": 64 },
  "cost": { "amortisation_years": 3, "electricity_usd_per_kwh": 0.1, "pue": 1.3, "utilisation": 0.6 }
}"#;

/// A scenario without a cost section.
const NO_COST_JSON: &str = r#"{
  "hardware": { "chip": "nvidia-h200-sxm", "count": 8 },
  "model": "llama-3.1-70b",
  "precision": { "weights": "fp8" },
  "workload": { "input_tokens": 1000, "output_tokens": 1000, "concurrency": 64 }
}"#;

/// Files the CLI can read.
const FILES: [(&str, &str); 4] = [
    ("price-performance.json", PRICE_PERFORMANCE_JSON),
    ("tco.json", TCO_JSON),
    ("no-api.json", NO_API_JSON),
    ("no-cost.json", NO_COST_JSON),
];

/// What one run of `rackscope chart …` did.
#[derive(Debug)]
struct Run {
    code: i32,
    out: String,
    err: String,
    /// Files written, by path.
    files: HashMap<String, Vec<u8>>,
}

/// Runs `rackscope chart <args>` in-process, reading [`FILES`] and writing to memory.
fn chart_cli(args: &[&str]) -> Run {
    let files: RefCell<HashMap<String, Vec<u8>>> = RefCell::new(HashMap::new());
    let read = |path: &str| -> std::io::Result<String> {
        FILES.iter().find(|f| f.0 == path).map(|f| f.1.to_owned()).ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::NotFound, "No such file or directory")
        })
    };
    let write = |path: &str, bytes: &[u8]| -> std::io::Result<()> {
        if files.borrow_mut().insert(path.to_owned(), bytes.to_vec()).is_some() {
            panic!("{path} written twice");
        }
        Ok(())
    };
    let args: Vec<&str> = std::iter::once("chart").chain(args.iter().copied()).collect();
    let (mut out, mut err) = (String::new(), String::new());
    let io = rackscope_cli::Io { read: &read, write: &write };
    let code = rackscope_cli::run_with_io(&args, "", &mut out, &mut err, io);
    Run { code, out, err, files: files.into_inner() }
}

/// Runs `rackscope chart <args>`, expects success, and returns what it wrote to `--out` or to
/// standard output.
fn chart_ok(args: &[&str]) -> Vec<u8> {
    let r = chart_cli(args);
    assert_eq!(r.code, 0, "rackscope chart {}: {r:#?}", args.join(" "));
    assert_eq!(r.err, "", "rackscope chart {}", args.join(" "));
    let out = args.iter().position(|a| *a == "--out").map(|i| args[i + 1]);
    match out {
        Some(path) => {
            let bytes = r.files.get(path).unwrap_or_else(|| panic!("{path} not written: {r:#?}"));
            assert_eq!(r.files.len(), 1, "{:?}", r.files.keys());
            assert_eq!(r.out, format!("wrote {path} ({} bytes)\n", bytes.len()));
            bytes.clone()
        }
        None => {
            assert!(r.files.is_empty(), "{:?}", r.files.keys());
            r.out.into_bytes()
        }
    }
}

/// Runs `rackscope chart <args>`, expects exit code 1 with nothing written, and returns the
/// command and its error output for a snapshot.
fn chart_error(args: &[&str]) -> String {
    let r = chart_cli(args);
    assert_eq!(r.code, 1, "rackscope chart {}: {r:#?}", args.join(" "));
    assert_eq!(r.out, "", "rackscope chart {}", args.join(" "));
    assert!(r.files.is_empty(), "rackscope chart {}: wrote {:?}", args.join(" "), r.files.keys());
    assert!(r.err.starts_with("error: "), "rackscope chart {}: {}", args.join(" "), r.err);
    format!("$ rackscope chart {}\n{}", args.join(" "), r.err)
}

const SMALL: [&str; 6] =
    ["--chips", "nvidia-h20,nvidia-h200-sxm", "--width", "480", "--height", "320"];

/// `args` for a small specs chart of two chips.
fn with_small<'a>(args: &[&'a str]) -> Vec<&'a str> {
    args.iter().copied().chain(SMALL).collect()
}

fn library_specs() -> Chart {
    let request = Request {
        chips: vec!["nvidia-h20".to_owned(), "nvidia-h200-sxm".to_owned()],
        ..Request::default()
    };
    rackscope_charts::build(ChartKind::Specs, catalog(), &request).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn cli_writes_svg_by_extension() {
    let svg = chart_ok(&with_small(&["specs", "--out", "specs.svg"]));
    let svg = String::from_utf8(svg).unwrap_or_else(|e| panic!("{e}"));
    svg_texts(&svg, 480, 320);
    let expected = library_specs().to_svg(480, 320, Theme::Light).unwrap_or_else(|e| panic!("{e}"));
    assert!(svg == expected, "the CLI's SVG differs from the library's");
}

#[test]
fn cli_writes_png_by_extension() {
    let png = chart_ok(&with_small(&["specs", "--out", "specs.PNG", "--theme", "dark"]));
    let img = image::load_from_memory(&png).unwrap_or_else(|e| panic!("{e}")).to_rgb8();
    assert_eq!(img.dimensions(), (480, 320));
    assert_eq!(img.get_pixel(0, 0).0, background(Theme::Dark));
}

#[test]
fn cli_writes_csv_and_json_by_extension() {
    let csv = chart_ok(&with_small(&["specs", "--out", "out/specs.csv"]));
    assert_eq!(csv, library_specs().to_csv().into_bytes());
    let json = chart_ok(&with_small(&["specs", "--out", "specs.json"]));
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["kind"], "specs");
    assert_eq!(v["body"]["entities"].as_array().map(Vec::len), Some(2), "{v}");
}

#[test]
fn cli_format_without_or_against_the_extension() {
    let csv = chart_ok(&with_small(&["specs", "--out", "specs.txt", "--format", "csv"]));
    assert!(csv.starts_with(b"entity,metric,"), "{}", String::from_utf8_lossy(&csv));
    let csv = chart_ok(&with_small(&["specs", "--format", "csv"]));
    assert_eq!(csv, library_specs().to_csv().into_bytes());
    let json = chart_ok(&with_small(&["specs", "--format", "json"]));
    assert!(serde_json::from_slice::<serde_json::Value>(&json).is_ok());
    let svg = String::from_utf8(chart_ok(&with_small(&["specs", "--theme", "dark"])))
        .unwrap_or_else(|e| panic!("{e}"));
    svg_texts(&svg, 480, 320);
    assert!(svg.contains(r##"fill="#12141A""##), "no dark background");
    insta::assert_snapshot!(
        "cli_error_format_against_extension",
        chart_error(&["specs", "--out", "specs.svg", "--format", "png"])
    );
}

#[test]
fn cli_reads_the_scenario() {
    let csv = String::from_utf8(chart_ok(&["tco", "--scenario", "tco.json", "--format", "csv"]))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(csv, gallery(ChartKind::Tco).to_csv());
    let csv =
        chart_ok(&["price-performance", "--scenario", "price-performance.json", "--format", "csv"]);
    assert_eq!(csv, gallery(ChartKind::PricePerformance).to_csv().into_bytes());
}

#[test]
fn cli_error_unknown_kind() {
    insta::assert_snapshot!("cli_error_unknown_kind", chart_error(&["pie"]));
}

#[test]
fn cli_error_unknown_chip() {
    let err = chart_error(&["specs", "--chips", "nvidia-h20,nvidia-h200"]);
    assert!(err.contains("did you mean"), "{err}");
    insta::assert_snapshot!("cli_error_unknown_chip", err);
}

#[test]
fn cli_error_width_too_small() {
    insta::assert_snapshot!("cli_error_width_too_small", chart_error(&["specs", "--width", "10"]));
}

#[test]
fn cli_error_height_too_large() {
    insta::assert_snapshot!(
        "cli_error_height_too_large",
        chart_error(&["specs", "--height", "4001"])
    );
}

#[test]
fn cli_error_unknown_extension() {
    insta::assert_snapshot!(
        "cli_error_unknown_extension",
        chart_error(&["specs", "--out", "specs.pdf"])
    );
}

#[test]
fn cli_error_png_without_out() {
    insta::assert_snapshot!(
        "cli_error_png_without_out",
        chart_error(&with_small(&["specs", "--format", "png"]))
    );
}

#[test]
fn cli_error_unknown_precision() {
    insta::assert_snapshot!(
        "cli_error_unknown_precision",
        chart_error(&["memory-fit", "--precisions", "fp8,fp7"])
    );
}

#[test]
fn cli_error_price_performance_without_cost() {
    insta::assert_snapshot!(
        "cli_error_price_performance_without_cost",
        chart_error(&["price-performance", "--scenario", "no-cost.json"])
    );
}

#[test]
fn cli_error_tco_without_api() {
    insta::assert_snapshot!(
        "cli_error_tco_without_api",
        chart_error(&["tco", "--scenario", "no-api.json"])
    );
}

#[test]
fn cli_error_tco_without_scenario() {
    insta::assert_snapshot!("cli_error_tco_without_scenario", chart_error(&["tco"]));
}

#[test]
fn cli_error_missing_scenario_file() {
    insta::assert_snapshot!(
        "cli_error_missing_scenario_file",
        chart_error(&["roofline", "--scenario", "nowhere.json"])
    );
}

// ---------------------------------------------------------------------------------------------
// Any size, any theme.

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn any_size_and_theme_renders(
        kind in proptest::sample::select(ChartKind::ALL.to_vec()),
        w in 240u32..2000,
        h in 240u32..2000,
        dark in any::<bool>(),
    ) {
        let theme = if dark { Theme::Dark } else { Theme::Light };
        let chart = gallery(kind);
        let (_, texts) = render_svg(chart, w, h, theme);
        prop_assert!(texts.contains(&chart.meta.source_line), "{w}×{h}: {texts:#?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Ranges (docs/uncertainty.md).

/// Points of the series drawn as markers (not the frontier line).
fn markers(chart: &Chart) -> Vec<&Point> {
    let Some(Body::Xy(xy)) = &chart.body else { panic!("{} is not an xy chart", chart.meta.title) };
    xy.series.iter().filter(|s| s.draw != Draw::Line).flat_map(|s| &s.points).collect()
}

#[test]
fn price_performance_draws_a_range_on_every_option() {
    let chart = gallery(ChartKind::PricePerformance);
    let points = markers(chart);
    for p in &points {
        let (lo, hi) = p.y_range.unwrap_or_else(|| panic!("{} has no cost range", p.label));
        assert!(lo <= p.y && p.y <= hi, "{}: {lo} ≤ {} ≤ {hi}", p.label, p.y);
        if let Some((lo, hi)) = p.x_range {
            assert!(lo <= p.x && p.x <= hi, "{}: {lo} ≤ {} ≤ {hi}", p.label, p.x);
        }
    }
    assert!(points.iter().filter(|p| p.x_range.is_some()).count() * 2 > points.len());
    assert!(chart.meta.notes.iter().any(|n| n.starts_with("Bars: ")));
    let csv = chart.to_csv();
    assert!(csv.lines().next().is_some_and(|h| h.contains(",x_low,x_high,y_low,y_high,")), "{csv}");
}

#[test]
fn the_whole_catalog_price_performance_chart_says_why_it_has_no_ranges() {
    let request = Request {
        chips: catalog().chips().iter().map(|x| x.id.clone()).collect(),
        models: catalog().models().iter().map(|x| x.id.clone()).collect(),
        ..gallery_request(ChartKind::PricePerformance)
    };
    let chart = rackscope_charts::build(ChartKind::PricePerformance, catalog(), &request)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(request.chips.len() * request.models.len() > rackscope_charts::MAX_RANGED_OPTIONS);
    let points = markers(&chart);
    assert!(!points.is_empty());
    assert!(points.iter().all(|p| p.x_range.is_none() && p.y_range.is_none()));
    assert!(
        chart.meta.notes.iter().any(|n| n.starts_with("Ranges are not drawn: ")),
        "{:#?}",
        chart.meta.notes
    );
}

#[test]
fn tco_lines_carry_bands() {
    let chart = gallery(ChartKind::Tco);
    let Some(Body::Xy(xy)) = &chart.body else { panic!("no body") };
    assert_eq!(xy.series.len(), 2);
    for s in &xy.series {
        for p in &s.points {
            let (lo, hi) =
                p.y_range.unwrap_or_else(|| panic!("{} {} has no band", s.name, p.label));
            assert!(lo <= p.y && p.y <= hi, "{} {}: {lo} ≤ {} ≤ {hi}", s.name, p.label, p.y);
        }
        let last = s.points.last().and_then(|p| p.y_range).map(|(lo, hi)| hi - lo);
        assert!(last.is_some_and(|w| w > 0.0), "{}: no width at the end", s.name);
    }
    assert!(chart.meta.notes.iter().any(|n| n.starts_with("Shaded bands: ")));
}

#[test]
fn a_profile_greys_what_it_excludes_and_says_why() {
    let profile = rackscope::risk::Profile::preset("cn-state").expect("preset");
    let request = Request {
        chips: vec!["nvidia-h200-sxm".to_owned(), "amd-mi300x".to_owned()],
        models: vec!["llama-3.1-70b".to_owned(), "glm-5".to_owned()],
        profile: Some(profile),
        ..gallery_request(ChartKind::PricePerformance)
    };
    let chart = rackscope_charts::build(ChartKind::PricePerformance, catalog(), &request)
        .unwrap_or_else(|e| panic!("{e}"));
    let json = chart.to_json();
    assert!(json.contains("excluded by the profile"), "{json}");
    let note =
        chart.meta.notes.iter().find(|n| n.contains("China state enterprise")).expect("note");
    assert!(note.contains("chip_origins"), "{note}");
    // Without a profile nothing is greyed.
    let plain = Request { profile: None, ..request };
    let chart = rackscope_charts::build(ChartKind::PricePerformance, catalog(), &plain)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!chart.to_json().contains("excluded by the profile"));
}
