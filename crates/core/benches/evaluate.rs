//! Benchmarks: one scenario evaluation, and a sweep of every chip × model × precision × batch ×
//! context (target: at least 1 million evaluations per second on one core); one prediction, and
//! its ranges (`uncertainty`), which re-plan it once per input and grid step.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rackscope::Catalog;
use rackscope::perf::{Deployment, Efficiency, evaluate};
use rackscope::scenario::{
    Parallelism, RawChipRef, RawConcurrency, RawHardware, RawModelRef, RawPrecision, RawScenario,
    RawWorkload, Scenario,
};

fn raw(chip: &str, model: &str, weights: &str, input: u32, concurrency: u32) -> RawScenario {
    RawScenario {
        hardware: RawHardware {
            chip: Some(RawChipRef::Id(chip.into())),
            system: None,
            count: Some(8),
        },
        model: RawModelRef::Id(model.into()),
        precision: RawPrecision { weights: Some(weights.into()), kv_cache: None, compute: None },
        parallelism: None,
        workload: RawWorkload {
            input_tokens: input,
            output_tokens: 1000,
            concurrency: RawConcurrency::Fixed(concurrency),
        },
        latency_targets: None,
        runtime: None,
        cost: None,
        assumptions: Default::default(),
        derive: Vec::new(),
    }
}

fn bench(c: &mut Criterion) {
    let catalog = Catalog::embedded().expect("embedded catalog is valid");
    let eff = Efficiency::CALIBRATED;
    let one = Scenario::resolve(
        &raw("nvidia-h200-sxm", "deepseek-v3", "fp8", 2000, 64),
        &catalog,
        "bench",
    )
    .expect("scenario resolves");
    let d = Deployment { parallelism: Parallelism { tensor: 8, pipeline: 1, expert: 1, data: 1 } };
    let mut g = c.benchmark_group("evaluate");
    g.throughput(Throughput::Elements(1));
    g.bench_function("one scenario", |b| {
        b.iter(|| evaluate(std::hint::black_box(&one), d, &eff, None))
    });
    g.finish();

    // The sweep: every chip and model the model can size, at each precision the chip computes in,
    // 6 batch sizes and 5 context lengths. Scenarios are resolved once; evaluation is what is timed.
    let mut scenarios = Vec::new();
    for chip in catalog.chips() {
        for model in catalog.models() {
            for w in ["bf16", "fp8", "fp4"] {
                for input in [512, 2048, 8192, 32768, 131072] {
                    let r = raw(&chip.id, &model.id, w, input, 1);
                    if let Ok(s) = Scenario::resolve(&r, &catalog, "bench") {
                        scenarios.push(s);
                    }
                }
            }
        }
    }
    let batches = [1.0, 8.0, 32.0, 128.0, 512.0, 2048.0];
    let n = (scenarios.len() * batches.len()) as u64;
    let mut g = c.benchmark_group("sweep");
    g.throughput(Throughput::Elements(n));
    g.bench_function(format!("{n} evaluations"), |b| {
        b.iter(|| {
            let mut acc = 0.0;
            for s in &scenarios {
                for &batch in &batches {
                    acc += evaluate(s, d, &eff, Some(batch)).output_tokens_per_s.raw();
                }
            }
            acc
        });
    });
    g.finish();

    for (name, text) in [
        ("h200 × llama-3.1-70b, priced", include_str!("../../../examples/charts/tco.json")),
        (
            "zhenwu-m890 × glm-5, assumptions",
            include_str!("../../../examples/zhenwu-m890-glm5.json"),
        ),
    ] {
        let raw = RawScenario::from_json("bench", text).expect("example parses");
        let p = rackscope::predict(&raw, &catalog, "bench").expect("example predicts");
        let mut g = c.benchmark_group(format!("predict ({name})"));
        g.bench_function("predict", |b| b.iter(|| rackscope::predict(&raw, &catalog, "bench")));
        g.bench_function("ranges", |b| b.iter(|| rackscope::uncertainty::default_ranges(&p)));
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
