//! Ranges on the headline results, from the confidence of the facts they rest on and from the
//! model's own measured error.
//!
//! The method (documented for users in `docs/uncertainty.md`):
//!
//! 1. Every input that carries a [`Confidence`] gets a relative spread ([`Spreads::DEFAULT`]):
//!    the chip's memory, bandwidth, compute, scale-up bandwidth and power, the model's parameter
//!    counts, and the accelerator, system and API prices. Counts read from a model's config
//!    (layers, heads, experts) are exact and are not varied; the user's own cost inputs
//!    (electricity, PUE, utilisation) are decisions, not estimates, and are not varied either.
//! 2. Each input is varied alone over a fixed grid of relative steps ([`GRID`]) up to its spread,
//!    down and up, and the whole planner and cost model run again at each step. The input's
//!    effect on a result is the largest fall and the largest rise seen.
//! 3. The model's error measured on the calibration set ([`ModelError::MEASURED`]) is one more
//!    input: it scales throughput (and so latency and cost per token) after the model runs.
//! 4. The falls of all inputs combine as a root sum of squares (independent errors), and so do
//!    the rises: `low = point − √Σ fall²`, `high = point + √Σ rise²`. Each input's share of the
//!    spread is its squared effect over the sum.
//!
//! Deterministic: no randomness, the same input gives the same output. Because the grid is fixed,
//! a narrower spread evaluates a subset of a wider one's steps, so narrowing a fact's confidence
//! never widens a range.

use std::sync::Arc;

use crate::cost;
use crate::llm::Model;
use crate::perf::Estimate;
use crate::plan;
use crate::provenance::{Confidence, Known};
use crate::report::Prediction;
use crate::scenario::{ModelNumbers, Scenario};
use crate::units::{Seconds, TokensPerSecond};

/// Relative steps at which an input is varied (each down and up), up to its spread.
pub const GRID: [f64; 7] = [0.02, 0.05, 0.10, 0.15, 0.25, 0.35, 0.50];

/// Relative spread (half-width) per confidence level.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spreads {
    /// Published by the vendor or developer: rounding and SKU variants (141 vs 144 GB).
    pub official: f64,
    /// Credible press or analyst reports, not checked against a primary document.
    pub reported: f64,
    /// An analyst's estimate or arithmetic on sourced values.
    pub estimate: f64,
    /// A single low-authority source.
    pub rumour: f64,
    /// A value the user typed: treated like an estimate.
    pub assumption: f64,
}

impl Spreads {
    /// The spreads rackscope uses. Chosen from how far the catalog's own contradictions run
    /// (`docs/uncertainty.md`): official figures disagree by a few per cent between SKUs and
    /// sources, reported ones by about a tenth, estimates by a quarter, rumours by half.
    pub const DEFAULT: Spreads =
        Spreads { official: 0.02, reported: 0.10, estimate: 0.25, rumour: 0.50, assumption: 0.25 };

    /// The spread for a confidence level.
    #[must_use]
    pub fn of(&self, c: Confidence) -> f64 {
        match c {
            Confidence::Official => self.official,
            Confidence::Reported => self.reported,
            Confidence::Estimate => self.estimate,
            Confidence::Rumour => self.rumour,
            Confidence::Assumption => self.assumption,
        }
    }
}

/// The performance model's error on the calibration set: the 10th and 90th percentiles of
/// (predicted − measured) / measured. Measured by `cargo xtask accuracy` (`docs/accuracy.md`); a
/// test fails when these drift from what the calibration set gives.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ModelError {
    /// 10th percentile of the signed throughput error (negative: the model is pessimistic).
    pub p10: f64,
    /// 90th percentile of the signed throughput error (positive: the model is optimistic).
    pub p90: f64,
    /// Points it was measured on.
    pub points: usize,
}

impl ModelError {
    /// Measured on the calibration set (catalog 2026.11.0).
    pub const MEASURED: ModelError = ModelError { p10: -0.253, p90: 0.353, points: 45 };
}

/// A headline result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Metric {
    /// Output tokens per second, whole deployment.
    OutputTokensPerS,
    /// Output tokens per second per chip (the deployment's throughput over its chips, so a
    /// varied input that changes the chip count moves it too).
    OutputTokensPerSPerChip,
    /// Time per output token, ms.
    TpotMs,
    /// Time to first token, ms.
    TtftMs,
    /// Chips in the deployment.
    Chips,
    /// Dollars per million output tokens.
    UsdPerMtok,
    /// On-premise total cost over the amortisation period.
    TcoUsd,
    /// The API bill for the same tokens.
    ApiTcoUsd,
    /// Output tokens per month at which on-premise and API cost the same.
    BreakEvenTokensPerMonth,
}

impl Metric {
    /// Every metric, in report order.
    pub const ALL: [Metric; 9] = [
        Metric::OutputTokensPerS,
        Metric::OutputTokensPerSPerChip,
        Metric::TpotMs,
        Metric::TtftMs,
        Metric::Chips,
        Metric::UsdPerMtok,
        Metric::TcoUsd,
        Metric::ApiTcoUsd,
        Metric::BreakEvenTokensPerMonth,
    ];

    /// The key used in reports (`output_tokens_per_s`).
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Metric::OutputTokensPerS => "output_tokens_per_s",
            Metric::OutputTokensPerSPerChip => "output_tokens_per_s_per_chip",
            Metric::TpotMs => "tpot_ms",
            Metric::TtftMs => "ttft_ms",
            Metric::Chips => "chips",
            Metric::UsdPerMtok => "usd_per_million_output_tokens",
            Metric::TcoUsd => "tco_usd",
            Metric::ApiTcoUsd => "api_tco_usd",
            Metric::BreakEvenTokensPerMonth => "break_even_output_tokens_per_month",
        }
    }

    fn of(self, p: &Outcome) -> Option<f64> {
        let e = &p.estimate;
        let c = p.cost.as_ref();
        match self {
            Metric::OutputTokensPerS => Some(e.output_tokens_per_s.raw()),
            Metric::OutputTokensPerSPerChip => Some(e.output_tokens_per_s_per_chip().raw()),
            Metric::TpotMs => Some(e.tpot.raw() * 1e3),
            Metric::TtftMs => Some(e.ttft.raw() * 1e3),
            Metric::Chips => Some(f64::from(e.deployment.chips())),
            Metric::UsdPerMtok => c.and_then(|c| c.usd_per_million_output_tokens).map(|x| x.raw()),
            Metric::TcoUsd => c.and_then(|c| c.tco).map(|x| x.raw()),
            Metric::ApiTcoUsd => c.and_then(|c| c.api_tco).map(|x| x.raw()),
            Metric::BreakEvenTokensPerMonth => {
                c.and_then(|c| c.break_even_output_tokens_per_month).map(|x| x.raw())
            }
        }
    }
}

/// What is varied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Knob {
    Memory,
    Bandwidth,
    Compute,
    Link,
    Tdp,
    TotalParams,
    ActiveParams,
    AcceleratorPrice,
    SystemPrice,
    ApiPrice,
}

/// One varied input and its effect.
#[derive(Clone, Debug, PartialEq)]
pub struct Contribution {
    /// What was varied: `nvidia-h200-sxm.memory_bandwidth`, `cost.accelerator price`, `model error`.
    pub input: String,
    /// Its confidence (`None` for the model's own error).
    pub confidence: Option<Confidence>,
    /// The relative spread applied, down and up (for the model error: its p10 and p90).
    pub spread: (f64, f64),
    /// Largest fall and rise of each metric it caused, in [`Metric::ALL`] order (0 when none).
    pub effect: [(f64, f64); 9],
}

/// A range on one headline result.
#[derive(Clone, Debug, PartialEq)]
pub struct Range {
    /// The metric.
    pub metric: Metric,
    /// The point estimate (the model's answer).
    pub point: f64,
    /// Low end.
    pub low: f64,
    /// High end.
    pub high: f64,
    /// The inputs that dominate the spread, largest first; inputs under 5 % are left out.
    pub causes: Vec<Cause>,
}

/// One input's share of a range.
#[derive(Clone, Debug, PartialEq)]
pub struct Cause {
    /// The input ([`Contribution::input`]).
    pub input: String,
    /// Its confidence (`None` for the model's own error).
    pub confidence: Option<Confidence>,
    /// Its share of the squared spread, 0–1.
    pub share: f64,
}

impl std::fmt::Display for Cause {
    /// `78 % from zhenwu-m890.memory_bandwidth (estimate)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.0} % from {}", self.share * 100.0, self.input)?;
        match self.confidence {
            Some(c) => write!(f, " ({c})"),
            None => Ok(()),
        }
    }
}

/// Ranges on every headline result a prediction has.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranges {
    /// One per metric the prediction computes.
    pub ranges: Vec<Range>,
    /// Every input varied, with its effect.
    pub contributions: Vec<Contribution>,
    /// The spreads used.
    pub spreads: Spreads,
    /// The model error used.
    pub model_error: ModelError,
}

impl Ranges {
    /// The range on one metric, if the prediction computes it.
    #[must_use]
    pub fn get(&self, m: Metric) -> Option<&Range> {
        self.ranges.iter().find(|r| r.metric == m)
    }
}

/// The results a run of the planner and cost model gives.
struct Outcome {
    estimate: Estimate,
    cost: Option<cost::CostEstimate>,
}

/// Ranges on a prediction's headline results ([module docs](self)).
#[must_use]
pub fn ranges(p: &Prediction, spreads: &Spreads, model_error: &ModelError) -> Ranges {
    let base = Outcome { estimate: p.plan.estimate, cost: p.cost.clone() };
    let points: Vec<Option<f64>> = Metric::ALL.iter().map(|m| m.of(&base)).collect();
    let mut contributions = Vec::new();
    for (knob, input, confidence) in knobs(&p.scenario) {
        let spread = spreads.of(confidence);
        let mut effect = [(0.0_f64, 0.0_f64); 9];
        for step in GRID.iter().filter(|g| **g <= spread + 1e-12) {
            for m in [1.0 - step, 1.0 + step] {
                let Some(outcome) = rerun(p, knob, m) else { continue };
                record(&mut effect, &points, &outcome);
            }
        }
        contributions.push(Contribution {
            input,
            confidence: Some(confidence),
            spread: (spread, spread),
            effect,
        });
    }
    // The model's own error: measured = predicted / (1 + e), e between p10 and p90.
    let mut effect = [(0.0_f64, 0.0_f64); 9];
    for e in [model_error.p10, model_error.p90] {
        let factor = 1.0 / (1.0 + e);
        if let Some(outcome) = scaled(p, factor) {
            record(&mut effect, &points, &outcome);
        }
    }
    contributions.push(Contribution {
        input: "model error (calibration set)".into(),
        confidence: None,
        spread: (model_error.p10, model_error.p90),
        effect,
    });

    let ranges = Metric::ALL
        .iter()
        .enumerate()
        .filter_map(|(i, &metric)| {
            let point = points[i]?;
            let fall2: f64 = contributions.iter().map(|c| c.effect[i].0.powi(2)).sum();
            let rise2: f64 = contributions.iter().map(|c| c.effect[i].1.powi(2)).sum();
            let total: f64 = fall2 + rise2;
            let mut causes: Vec<Cause> = if total > 0.0 {
                contributions
                    .iter()
                    .map(|c| Cause {
                        input: c.input.clone(),
                        confidence: c.confidence,
                        share: (c.effect[i].0.powi(2) + c.effect[i].1.powi(2)) / total,
                    })
                    .filter(|c| c.share >= 0.05)
                    .collect()
            } else {
                Vec::new()
            };
            crate::sort::by(&mut causes, |a, b| {
                b.share.total_cmp(&a.share).then_with(|| a.input.cmp(&b.input))
            });
            Some(Range {
                metric,
                point,
                low: (point - fall2.sqrt()).max(0.0),
                high: point + rise2.sqrt(),
                causes,
            })
        })
        .collect();
    Ranges { ranges, contributions, spreads: *spreads, model_error: *model_error }
}

/// Adds an outcome's deviations from the points to the largest fall and rise seen.
fn record(effect: &mut [(f64, f64); 9], points: &[Option<f64>], outcome: &Outcome) {
    for (i, m) in Metric::ALL.iter().enumerate() {
        let (Some(point), Some(v)) = (points[i], m.of(outcome)) else { continue };
        if !v.is_finite() {
            continue;
        }
        let d = v - point;
        effect[i].0 = effect[i].0.max(-d);
        effect[i].1 = effect[i].1.max(d);
    }
}

/// The inputs that carry a confidence, with a label and the confidence.
fn knobs(s: &Scenario) -> Vec<(Knob, String, Confidence)> {
    let mut out = Vec::new();
    for f in &s.facts {
        let knob = match f.field {
            "chip.memory" => Knob::Memory,
            "chip.memory_bandwidth" => Knob::Bandwidth,
            "chip.bf16_dense" | "chip.fp8_dense" | "chip.int8_dense" | "chip.fp4_dense" => {
                Knob::Compute
            }
            "chip.scale_up_bandwidth" => Knob::Link,
            "chip.tdp" => Knob::Tdp,
            "model.total_params" => Knob::TotalParams,
            "model.active_params" => Knob::ActiveParams,
            // Counts from a model's config are exact.
            _ => continue,
        };
        let field = f.field.split_once('.').map_or(f.field, |x| x.1);
        out.push((knob, format!("{}.{field}", f.record), f.provenance.confidence));
    }
    if let Some(c) = &s.cost {
        if let Some((_, conf)) = c.accelerator {
            out.push((Knob::AcceleratorPrice, format!("{}.price", s.chip.id), conf));
        }
        if let (Some((_, conf)), Some(sys)) = (c.system, &s.system) {
            out.push((Knob::SystemPrice, format!("{}.price", sys.id), conf));
        }
        if let Some(api) = &c.api {
            out.push((Knob::ApiPrice, format!("API price ({})", api.label), api.confidence));
        }
    }
    out
}

/// Runs the planner and cost model again with one input scaled by `m`.
fn rerun(p: &Prediction, knob: Knob, m: f64) -> Option<Outcome> {
    let mut s = p.scenario.clone();
    let n = &mut s.chip_numbers;
    match knob {
        Knob::Memory => n.memory = n.memory * m,
        Knob::Bandwidth => n.memory_bandwidth = n.memory_bandwidth * m,
        Knob::Compute => n.compute = n.compute * m,
        Knob::Link => n.link_one_way = n.link_one_way.map(|x| x * m),
        Knob::Tdp => n.tdp = n.tdp.map(|x| x * m),
        Knob::TotalParams | Knob::ActiveParams => {
            let mut model: Model = (*s.model).clone();
            let fact = if knob == Knob::TotalParams {
                &mut model.total_params
            } else {
                &mut model.active_params
            };
            if let Known::Fact(f) = fact {
                f.value = f.value * m;
            }
            // A scaled count that breaks the model's own consistency (active above total) is
            // not a possible model: that step is skipped.
            let (numbers, _) = ModelNumbers::of(&model, "uncertainty").ok()?;
            s.model_numbers = numbers;
            s.model = Arc::new(model);
        }
        Knob::AcceleratorPrice | Knob::SystemPrice | Knob::ApiPrice => {
            let c = s.cost.as_mut()?;
            match knob {
                Knob::AcceleratorPrice => c.accelerator = c.accelerator.map(|(v, k)| (v * m, k)),
                Knob::SystemPrice => c.system = c.system.map(|(v, k)| (v * m, k)),
                _ => {
                    let a = c.api.as_mut()?;
                    a.input_usd_per_mtok *= m;
                    a.output_usd_per_mtok *= m;
                }
            }
        }
    }
    let plan = plan::plan(&s, &p.efficiency, "uncertainty").ok()?;
    let cost = s.cost.as_ref().map(|c| cost::estimate(&s, &plan.estimate, c));
    Some(Outcome { estimate: plan.estimate, cost })
}

/// The prediction with its throughput scaled by `factor` (and its latencies by the inverse),
/// costed again: how the model's own error moves the results.
fn scaled(p: &Prediction, factor: f64) -> Option<Outcome> {
    if !(factor.is_finite() && factor > 0.0) {
        return None;
    }
    let mut e = p.plan.estimate;
    e.output_tokens_per_s = TokensPerSecond::from_raw(e.output_tokens_per_s.raw() * factor);
    e.input_tokens_per_s = TokensPerSecond::from_raw(e.input_tokens_per_s.raw() * factor);
    e.tpot = Seconds::from_raw(e.tpot.raw() / factor);
    e.ttft = Seconds::from_raw(e.ttft.raw() / factor);
    let cost = p.scenario.cost.as_ref().map(|c| cost::estimate(&p.scenario, &e, c));
    Some(Outcome { estimate: e, cost })
}

/// [`ranges`] with the default spreads and the measured model error.
#[must_use]
pub fn default_ranges(p: &Prediction) -> Ranges {
    ranges(p, &Spreads::DEFAULT, &ModelError::MEASURED)
}
