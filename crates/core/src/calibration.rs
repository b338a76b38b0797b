//! Published measurements, and the model's error against them.
//!
//! Each measurement is turned into a scenario (the same path a user's scenario takes) and
//! predicted with [`Efficiency::CALIBRATED`]. A record that lacks an input the model needs (an
//! unstated prompt length, say) is listed as not scored, with the reason — never filled in.

use std::fmt::Write as _;

use crate::catalog::Catalog;
use crate::catalog::raw::RawCalibrationRecord;
use crate::catalog::resolve::Ctx;
use crate::error::ErrorKind;
use crate::perf::{Deployment, Efficiency, evaluate};
use crate::scenario::{
    Parallelism, RawChipRef, RawConcurrency, RawHardware, RawModelRef, RawPrecision, RawScenario,
    RawWorkload, Scenario,
};

/// What a measurement measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// Output tokens per second, whole system, prefill included.
    OutputTokensPerSecond,
    /// Output tokens per second per 8-chip node, decode only.
    OutputTokensPerSecondPerNode,
    /// Input tokens per second per 8-chip node, prefill only.
    InputTokensPerSecondPerNode,
    /// Batch-1 decode tokens per second.
    DecodeTokensPerSecond,
    /// Batch-1 prompt tokens per second.
    PrefillTokensPerSecond,
    /// Time to first token, ms.
    TtftMs,
    /// Time per output token (inter-token latency), ms.
    TpotMs,
}

impl Metric {
    fn parse(s: &str) -> Option<Metric> {
        Some(match s {
            "output_tokens_per_s_total" => Metric::OutputTokensPerSecond,
            "output_tokens_per_s_per_node" => Metric::OutputTokensPerSecondPerNode,
            "input_tokens_per_s_per_node" => Metric::InputTokensPerSecondPerNode,
            "decode_tokens_per_s" => Metric::DecodeTokensPerSecond,
            "prefill_tokens_per_s" => Metric::PrefillTokensPerSecond,
            "ttft_ms" => Metric::TtftMs,
            "itl_ms" | "tpot_ms_mean" => Metric::TpotMs,
            _ => return None,
        })
    }

    /// True for throughput metrics (the accuracy target is set on these).
    #[must_use]
    pub fn is_throughput(self) -> bool {
        !matches!(self, Metric::TtftMs | Metric::TpotMs)
    }
}

/// One published measurement.
#[derive(Clone, Debug)]
pub struct Measurement {
    /// The record as written in `data/calibration.json`.
    pub record: RawCalibrationRecord,
    /// What it measured.
    pub metric: Metric,
}

pub(crate) fn resolve_records(
    ctx: &mut Ctx<'_>,
    records: &[RawCalibrationRecord],
    catalog: &Catalog,
) -> Vec<Measurement> {
    let mut out = Vec::with_capacity(records.len());
    for (i, r) in records.iter().enumerate() {
        let path = format!("records[{i}] ({})", r.id);
        if catalog.chip(&r.chip).is_none() {
            ctx.err(
                format!("{path}.chip"),
                ErrorKind::UnknownId {
                    kind: "chip",
                    id: r.chip.clone(),
                    suggestion: catalog.suggest(&r.chip, "chip"),
                },
            );
        }
        if catalog.model(&r.model).is_none() {
            ctx.err(
                format!("{path}.model"),
                ErrorKind::UnknownId {
                    kind: "model",
                    id: r.model.clone(),
                    suggestion: catalog.suggest(&r.model, "model"),
                },
            );
        }
        if !(r.value.is_finite() && r.value > 0.0) {
            ctx.err(
                format!("{path}.value"),
                ErrorKind::Invalid { got: r.value.to_string(), expected: "a number > 0".into() },
            );
        }
        match Metric::parse(&r.metric) {
            Some(metric) => out.push(Measurement { record: r.clone(), metric }),
            None => ctx.err(
                format!("{path}.metric"),
                ErrorKind::Invalid {
                    got: format!("\"{}\"", r.metric),
                    expected: "a known metric".into(),
                },
            ),
        }
    }
    out
}

/// The model's prediction for one measurement.
#[derive(Clone, Debug, PartialEq)]
pub struct Scored {
    /// Record id.
    pub id: String,
    /// What was measured.
    pub metric: Metric,
    /// The published value.
    pub measured: f64,
    /// The model's value, or why the record could not be scored.
    pub predicted: Result<f64, String>,
}

impl Scored {
    /// Signed relative error, (predicted − measured) / measured.
    #[must_use]
    pub fn error(&self) -> Option<f64> {
        self.predicted.as_ref().ok().map(|p| (p - self.measured) / self.measured)
    }
}

/// Predicts one measurement.
#[must_use]
pub fn score(m: &Measurement, catalog: &Catalog, eff: &Efficiency) -> Scored {
    let r = &m.record;
    Scored {
        id: r.id.clone(),
        metric: m.metric,
        measured: r.value,
        predicted: predict(m, catalog, eff),
    }
}

fn predict(m: &Measurement, catalog: &Catalog, eff: &Efficiency) -> Result<f64, String> {
    let r = &m.record;
    let decode_only = r.scenario.starts_with("decode-only");
    let prefill_only = r.scenario.starts_with("prefill-only");
    let input = match (r.input_len, m.metric) {
        (Some(n), _) => n,
        // Nominal "1K"/"2K" prompts: the prefill rate barely depends on the exact length.
        (None, Metric::InputTokensPerSecondPerNode) => 1024,
        (None, _) => return Err("input length not stated".into()),
    };
    let output = match (r.output_len, decode_only || prefill_only) {
        (Some(0), _) | (None, true) => 1,
        (Some(n), _) => n,
        (None, false) => return Err("output length not stated".into()),
    };
    let Some(weights) = r.weight_precision.clone() else {
        return Err("precision not stated".into());
    };
    let concurrency = match (r.concurrency, r.batch_size, decode_only) {
        (_, Some(b), true) => RawConcurrency::Fixed(b.saturating_mul(r.chip_count)),
        (Some(c), _, _) => RawConcurrency::Fixed(c),
        (None, Some(b), _) => RawConcurrency::Fixed(b),
        (None, None, _) => RawConcurrency::Max("max".into()),
    };
    let raw = RawScenario {
        hardware: RawHardware {
            chip: Some(RawChipRef::Id(r.chip.clone())),
            system: None,
            count: Some(r.chip_count),
        },
        model: RawModelRef::Id(r.model.clone()),
        precision: RawPrecision {
            weights: Some(weights),
            kv_cache: r.kv_precision.clone(),
            compute: None,
        },
        parallelism: None,
        workload: RawWorkload { input_tokens: input, output_tokens: output, concurrency },
        latency_targets: None,
        runtime: None,
        cost: None,
        assumptions: Default::default(),
        derive: Vec::new(),
    };
    let s = Scenario::resolve(&raw, catalog, &r.id).map_err(|e| e.to_string())?;
    let n = r.chip_count;
    let tp = r.tensor_parallel.unwrap_or(1).max(1);
    let ep = r.expert_parallel.unwrap_or(1).max(1);
    let pp = r.pipeline_parallel.unwrap_or(1).max(1);
    let is_moe = s.model_numbers.moe.is_some();
    // Records state TP for the whole group; MoE runs of these stacks use expert parallelism with
    // attention data parallelism across the same chips.
    let par = if is_moe && ep == 1 && tp > 1 {
        Parallelism { tensor: 1, pipeline: pp, expert: tp, data: (n / (tp * pp)).max(1) }
    } else if ep > 1 {
        Parallelism { tensor: 1, pipeline: pp, expert: ep, data: (n / (ep * pp)).max(1) }
    } else {
        Parallelism { tensor: tp, pipeline: pp, expert: 1, data: (n / (tp * pp)).max(1) }
    };
    let e = evaluate(&s, Deployment { parallelism: par }, eff, None);
    if !e.fits {
        return Err("the model predicts it does not fit".into());
    }
    let nodes = f64::from(n) / 8.0;
    Ok(match m.metric {
        Metric::OutputTokensPerSecond => e.output_tokens_per_s.raw(),
        Metric::OutputTokensPerSecondPerNode => {
            e.batch_per_replica * f64::from(par.data) / e.tpot.raw() / nodes
        }
        Metric::InputTokensPerSecondPerNode => {
            f64::from(par.data) / e.prefill_per_token.raw() / nodes
        }
        Metric::DecodeTokensPerSecond => 1.0 / e.tpot.raw(),
        Metric::PrefillTokensPerSecond => f64::from(input) / e.prefill.time().raw(),
        Metric::TtftMs => e.ttft.as_ms(),
        Metric::TpotMs => e.tpot.as_ms(),
    })
}

/// Accuracy over a set of scored measurements.
#[derive(Clone, Debug, PartialEq)]
pub struct Accuracy {
    /// Every record, scored or not.
    pub points: Vec<Scored>,
    /// Median absolute relative error over scored throughput points.
    pub throughput_median: f64,
    /// 90th-percentile absolute relative error over scored throughput points.
    pub throughput_p90: f64,
    /// Scored throughput points.
    pub throughput_n: usize,
    /// Median absolute relative error over scored latency points.
    pub latency_median: f64,
    /// 90th-percentile absolute relative error over scored latency points.
    pub latency_p90: f64,
    /// Scored latency points.
    pub latency_n: usize,
    /// 10th and 90th percentiles of the signed throughput error (the model error that
    /// [`uncertainty`](crate::uncertainty) adds to every range).
    pub throughput_signed_p10_p90: (f64, f64),
}

/// Scores every measurement in the catalog.
#[must_use]
pub fn accuracy(catalog: &Catalog, eff: &Efficiency) -> Accuracy {
    let points: Vec<Scored> =
        catalog.measurements().iter().map(|m| score(m, catalog, eff)).collect();
    let errs = |throughput: bool| {
        let mut v: Vec<f64> = points
            .iter()
            .filter(|p| p.metric.is_throughput() == throughput)
            .filter_map(|p| p.error().map(f64::abs))
            .collect();
        v.sort_by(f64::total_cmp);
        v
    };
    let t = errs(true);
    let l = errs(false);
    let mut signed: Vec<f64> =
        points.iter().filter(|p| p.metric.is_throughput()).filter_map(Scored::error).collect();
    signed.sort_by(f64::total_cmp);
    Accuracy {
        throughput_signed_p10_p90: (quantile(&signed, 0.1), quantile(&signed, 0.9)),
        throughput_median: median(&t),
        throughput_p90: quantile(&t, 0.9),
        throughput_n: t.len(),
        latency_median: median(&l),
        latency_p90: quantile(&l, 0.9),
        latency_n: l.len(),
        points,
    }
}

/// The median of sorted values (NaN when empty).
fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// Nearest-rank quantile of sorted values (NaN when empty).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

impl Accuracy {
    /// The accuracy report as Markdown (`docs/accuracy.md`).
    #[must_use]
    pub fn to_markdown(&self, catalog: &Catalog, eff: &Efficiency) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "# Accuracy of the performance model\n");
        let _ = writeln!(
            s,
            "Generated by `cargo xtask accuracy` (also `rackscope accuracy`); do not edit by hand."
        );
        let _ = writeln!(s, "A test fails when this file is out of date.\n");
        let _ = writeln!(s, "Catalog {} (facts as of {}).", catalog.version(), catalog.as_of());
        let _ = writeln!(
            s,
            "Efficiency factors (the same for every point): memory bandwidth {:.2}, compute {:.2}, \
             MoE overhead {:.1}×, per-layer overhead {:.0} µs, per-request overhead {:.1} ms, collective latency {:.0} µs.\n",
            eff.memory_bandwidth,
            eff.compute,
            eff.moe_overhead,
            eff.layer_overhead.raw() * 1e6,
            eff.request_overhead.as_ms(),
            eff.collective_latency.raw() * 1e6
        );
        let _ = writeln!(s, "| points | scored | median abs error | p90 abs error | target |");
        let _ = writeln!(s, "|---|---:|---:|---:|---|");
        let _ = writeln!(
            s,
            "| throughput | {} | {:.1} % | {:.1} % | median ≤ 15 %, p90 ≤ 40 % |",
            self.throughput_n,
            self.throughput_median * 100.0,
            self.throughput_p90 * 100.0
        );
        let _ = writeln!(
            s,
            "| latency (TTFT, TPOT) | {} | {:.1} % | {:.1} % | reported, no target |\n",
            self.latency_n,
            self.latency_median * 100.0,
            self.latency_p90 * 100.0
        );
        let _ = writeln!(
            s,
            "Error is (predicted − measured) / measured; positive means the model is optimistic.\n"
        );
        let (p10, p90) = self.throughput_signed_p10_p90;
        let _ = writeln!(
            s,
            "Signed throughput error: 10th percentile {:+.1} %, 90th percentile {:+.1} %. Every range \
             rackscope reports includes this model error (`uncertainty::ModelError::MEASURED`; \
             docs/uncertainty.md).\n",
            p10 * 100.0,
            p90 * 100.0
        );
        let _ = writeln!(s, "| record | metric | measured | predicted | error |");
        let _ = writeln!(s, "|---|---|---:|---:|---:|");
        for p in &self.points {
            let metric = catalog
                .measurements()
                .iter()
                .find(|m| m.record.id == p.id)
                .map_or("", |m| m.record.metric.as_str());
            match &p.predicted {
                Ok(v) => {
                    let _ = writeln!(
                        s,
                        "| {} | {} | {} | {} | {:+.1} % |",
                        p.id,
                        metric,
                        fmt_num(p.measured),
                        fmt_num(*v),
                        p.error().unwrap_or(f64::NAN) * 100.0
                    );
                }
                Err(why) => {
                    let _ = writeln!(
                        s,
                        "| {} | {} | {} | not scored: {} | |",
                        p.id,
                        metric,
                        fmt_num(p.measured),
                        why
                    );
                }
            }
        }
        s
    }
}

fn fmt_num(v: f64) -> String {
    if v >= 100.0 { format!("{v:.0}") } else { format!("{v:.2}") }
}
