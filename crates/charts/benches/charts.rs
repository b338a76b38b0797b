//! Benchmarks: building and drawing charts. Targets (issue 4's browser budget, measured natively
//! here as a lower bound): one scenario's chart under 16 ms; a chart that sweeps the whole catalog
//! under 100 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use rackscope::{Catalog, RawScenario};
use rackscope_charts::{ChartKind, Request, Theme, build};

const SCENARIO: &str = include_str!("../../../examples/charts/price-performance.json");
const TCO: &str = include_str!("../../../examples/charts/tco.json");

fn request(text: &str) -> Request {
    let scenario = RawScenario::from_json("bench", text).ok();
    Request { scenario, ..Request::default() }
}

fn charts(c: &mut Criterion) {
    let catalog = Catalog::embedded().expect("embedded catalog");
    let every_chip_and_model = Request {
        chips: catalog.chips().iter().map(|x| x.id.clone()).collect(),
        models: catalog.models().iter().map(|x| x.id.clone()).collect(),
        ..request(SCENARIO)
    };
    c.bench_function("price-performance, every chip × every model (build)", |b| {
        b.iter(|| build(ChartKind::PricePerformance, &catalog, &every_chip_and_model))
    });
    let one = request(TCO);
    c.bench_function("tco, one scenario (build + SVG)", |b| {
        b.iter(|| build(ChartKind::Tco, &catalog, &one).map(|ch| ch.to_svg(900, 600, Theme::Light)))
    });
    c.bench_function("throughput-latency, one scenario (build + SVG)", |b| {
        b.iter(|| {
            build(ChartKind::ThroughputLatency, &catalog, &one)
                .map(|ch| ch.to_svg(900, 600, Theme::Light))
        })
    });
    let default_options = request(SCENARIO);
    c.bench_function("price-performance (default options, ranges drawn): build", |b| {
        b.iter(|| build(ChartKind::PricePerformance, &catalog, &default_options))
    });
    let pp = build(ChartKind::PricePerformance, &catalog, &request(SCENARIO)).expect("chart");
    c.bench_function("price-performance (default options): SVG only", |b| {
        b.iter(|| pp.to_svg(1200, 800, Theme::Light))
    });
}

criterion_group!(benches, charts);
criterion_main!(benches);
