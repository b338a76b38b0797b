//! A prediction and its report: the JSON document the CLI prints and the breakdown people read.
//!
//! **API Boundary:** the JSON report (`docs/report-format.md`, `docs/schema/report.schema.json`)
//! is what other tools script against. Fields are added, never renamed or removed, within a
//! `report_version`.

use serde::Serialize;

#[cfg(feature = "schema")]
use schemars::JsonSchema;

use crate::catalog::Catalog;
use crate::cost::CostEstimate;
use crate::perf::{Efficiency, Step};
use crate::plan::Plan;
use crate::scenario::Scenario;

/// A planned, costed scenario.
#[derive(Clone, Debug)]
pub struct Prediction {
    /// The resolved scenario.
    pub scenario: Scenario,
    /// The planner's choice.
    pub plan: Plan,
    /// Costs, when cost inputs were given.
    pub cost: Option<CostEstimate>,
    /// The efficiency factors used.
    pub efficiency: Efficiency,
}

/// The JSON report.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[allow(missing_docs)] // Documented field by field in docs/schema/report.schema.json; ranges in docs/uncertainty.md.
pub struct Report {
    pub report_version: u32,
    pub catalog_version: String,
    pub hardware: ReportHardware,
    pub model: ReportModel,
    pub precision: ReportPrecision,
    pub fits: bool,
    pub chips: u32,
    pub min_chips: Option<u32>,
    pub systems: Option<f64>,
    pub racks: Option<f64>,
    pub deployment: ReportDeployment,
    pub memory: ReportMemory,
    pub decode: ReportDecode,
    pub prefill: ReportPrefill,
    pub latency_targets: ReportTargets,
    pub cost: Option<ReportCost>,
    pub breakdown: Vec<Term>,
    pub ranges: Vec<ReportRange>,
    pub sources: Vec<ReportSource>,
    pub warnings: Vec<String>,
}

/// A headline result's low–high range and the inputs that dominate it (`uncertainty`).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[allow(missing_docs)]
pub struct ReportRange {
    pub metric: String,
    pub point: f64,
    pub low: f64,
    pub high: f64,
    pub causes: Vec<ReportCause>,
}

/// One input's share of a range.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[allow(missing_docs)]
pub struct ReportCause {
    pub input: String,
    pub confidence: Option<String>,
    pub share: f64,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[allow(missing_docs)]
pub struct ReportHardware {
    pub chip: String,
    pub chip_name: String,
    pub system: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[allow(missing_docs)]
pub struct ReportModel {
    pub id: String,
    pub name: String,
    pub openness: String,
    pub origin: String,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[allow(missing_docs)]
pub struct ReportPrecision {
    pub weights: String,
    pub kv_cache: String,
    pub compute: String,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[allow(missing_docs)]
pub struct ReportDeployment {
    pub tensor: u32,
    pub pipeline: u32,
    pub expert: u32,
    pub data: u32,
    pub replica_chips: u32,
    pub batch_per_replica: f64,
    pub batch_limit: String,
}

/// Bytes per chip by part, plus per-token and per-request KV sizes.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[allow(missing_docs)]
pub struct ReportMemory {
    pub capacity_bytes_per_chip: f64,
    pub weights_bytes_per_chip: f64,
    pub kv_cache_bytes_per_chip: f64,
    pub reserve_bytes_per_chip: f64,
    pub weights_bytes_total: f64,
    pub kv_cache_bytes_per_token: f64,
    pub kv_cache_bytes_per_request: f64,
    pub max_requests_per_replica: f64,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[allow(missing_docs)]
pub struct ReportDecode {
    /// Whole deployment, prefill time included.
    pub output_tokens_per_s: f64,
    pub output_tokens_per_s_per_chip: f64,
    pub tpot_ms: f64,
    pub bound: String,
    pub step: ReportStep,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[allow(missing_docs)]
pub struct ReportPrefill {
    pub ttft_ms: f64,
    pub input_tokens_per_s: f64,
    pub bound: String,
    pub time_share: f64,
    pub step: ReportStep,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[allow(missing_docs)]
pub struct ReportStep {
    pub tokens: f64,
    pub bytes_dense_weights: f64,
    pub bytes_expert_weights: f64,
    pub bytes_kv_cache: f64,
    pub flops_dense: f64,
    pub flops_experts: f64,
    pub flops_attention: f64,
    pub ms_dense: f64,
    pub ms_experts: f64,
    pub ms_attention: f64,
    pub ms_communication: f64,
    pub ms_overhead: f64,
    pub ms_total: f64,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[allow(missing_docs)]
pub struct ReportTargets {
    pub ttft_ms: Option<f64>,
    pub tpot_ms: Option<f64>,
    pub ttft_met: Option<bool>,
    pub tpot_met: Option<bool>,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[allow(missing_docs)]
pub struct ReportCost {
    pub usd_per_million_output_tokens: Option<f64>,
    pub usd_per_million_input_tokens: Option<f64>,
    pub capex_usd: Option<f64>,
    pub cost_per_year_usd: Option<f64>,
    pub energy_cost_per_year_usd: Option<f64>,
    pub power_kw: Option<f64>,
    pub years: f64,
    pub tco_usd: Option<f64>,
    pub api_tco_usd: Option<f64>,
    pub api: Option<String>,
    pub break_even_output_tokens_per_month: Option<f64>,
    pub capacity_output_tokens_per_month: f64,
    pub gaps: Vec<String>,
}

/// One line of the breakdown: a named quantity, how it was computed, and its value.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Term {
    /// What the line is.
    pub term: String,
    /// How it was computed.
    pub formula: String,
    /// The value with its unit.
    pub value: String,
}

/// A catalog fact or assumption the result used.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct ReportSource {
    /// `chip.memory_bandwidth`.
    pub field: String,
    /// Record id.
    pub record: String,
    /// Value with unit.
    pub value: String,
    /// official | reported | estimate | rumour | assumption.
    pub confidence: String,
    /// Date of the value.
    pub date: String,
    /// Source references (URLs or documents).
    pub references: Vec<String>,
    /// Catalog note, if any.
    pub note: Option<String>,
}

fn step_report(s: &Step) -> ReportStep {
    ReportStep {
        tokens: s.tokens,
        bytes_dense_weights: s.dense_weight_bytes.raw(),
        bytes_expert_weights: s.expert_weight_bytes.raw(),
        bytes_kv_cache: s.kv_bytes.raw(),
        flops_dense: s.dense_flops.raw(),
        flops_experts: s.expert_flops.raw(),
        flops_attention: s.attention_flops.raw(),
        ms_dense: s.dense_time.as_ms(),
        ms_experts: s.expert_time.as_ms(),
        ms_attention: s.attention_time.as_ms(),
        ms_communication: s.comm_time.as_ms(),
        ms_overhead: s.overhead_time.as_ms(),
        ms_total: s.time().as_ms(),
    }
}

fn gb(b: f64) -> String {
    format!("{:.2} GB", b / 1e9)
}

impl Prediction {
    /// Builds the report, resolving source ids to references through the catalog.
    #[must_use]
    pub fn report(&self, catalog: &Catalog) -> Report {
        let s = &self.scenario;
        let e = &self.plan.estimate;
        let p = e.deployment.parallelism;
        let chips = e.deployment.chips();
        let systems =
            s.chips_per_system.map(|per| (f64::from(chips) / f64::from(per.max(1))).ceil());
        let racks = match (&s.system, systems) {
            (Some(sys), Some(n)) => sys.racks.value().map(|r| r * n),
            _ => None,
        };
        let mut warnings = s.warnings.clone();
        if !e.decode.comm_costed {
            warnings.push(format!(
                "{}.scale_up_bandwidth is missing: chip-to-chip communication time is not included",
                s.chip.id
            ));
        }
        if let crate::scenario::Load::Concurrency(n) = s.load
            && f64::from(n) > e.batch_per_replica * f64::from(p.data) + 0.5
        {
            warnings.push(format!(
                "only {:.0} of the {n} requested concurrent requests fit at once ({}); the rest queue",
                e.batch_per_replica * f64::from(p.data),
                e.batch_limit.label()
            ));
        }
        Report {
            report_version: 1,
            catalog_version: catalog.version().to_owned(),
            hardware: ReportHardware {
                chip: s.chip.id.clone(),
                chip_name: s.chip.name.clone(),
                system: s.system.as_ref().map(|x| x.id.clone()),
            },
            model: ReportModel {
                id: s.model.id.clone(),
                name: s.model.name.clone(),
                openness: s.model.openness.label().to_owned(),
                origin: s.model.origin.clone(),
            },
            precision: ReportPrecision {
                weights: s.precision.weights.label().into(),
                kv_cache: s.precision.kv_cache.label().into(),
                compute: s.precision.compute.label().into(),
            },
            fits: e.fits,
            chips,
            min_chips: self.plan.min_chips,
            systems,
            racks,
            deployment: ReportDeployment {
                tensor: p.tensor,
                pipeline: p.pipeline,
                expert: p.expert,
                data: p.data,
                replica_chips: p.replica_chips(),
                batch_per_replica: e.batch_per_replica,
                batch_limit: e.batch_limit.label().into(),
            },
            memory: ReportMemory {
                capacity_bytes_per_chip: e.memory.capacity.raw(),
                weights_bytes_per_chip: e.memory.weights.raw(),
                kv_cache_bytes_per_chip: e.memory.kv_cache.raw(),
                reserve_bytes_per_chip: e.memory.reserve.raw(),
                weights_bytes_total: e.memory.weights_total.raw(),
                kv_cache_bytes_per_token: e.memory.kv_per_token.raw(),
                kv_cache_bytes_per_request: e.memory.kv_per_request.raw(),
                max_requests_per_replica: e.memory.max_requests_per_replica,
            },
            decode: ReportDecode {
                output_tokens_per_s: e.output_tokens_per_s.raw(),
                output_tokens_per_s_per_chip: e.output_tokens_per_s_per_chip().raw(),
                tpot_ms: e.tpot.as_ms(),
                bound: e.decode.bound().label().into(),
                step: step_report(&e.decode),
            },
            prefill: ReportPrefill {
                ttft_ms: e.ttft.as_ms(),
                input_tokens_per_s: e.input_tokens_per_s.raw(),
                bound: e.prefill.bound().label().into(),
                time_share: e.prefill_time_share,
                step: step_report(&e.prefill),
            },
            latency_targets: ReportTargets {
                ttft_ms: s.targets.ttft_ms,
                tpot_ms: s.targets.tpot_ms,
                ttft_met: self.plan.ttft_met,
                tpot_met: self.plan.tpot_met,
            },
            cost: self.cost.as_ref().map(|c| ReportCost {
                usd_per_million_output_tokens: c.usd_per_million_output_tokens.map(|x| x.raw()),
                usd_per_million_input_tokens: c.usd_per_million_input_tokens.map(|x| x.raw()),
                capex_usd: c.capex.map(|x| x.raw()),
                cost_per_year_usd: c.cost_per_year.map(|x| x.raw()),
                energy_cost_per_year_usd: c.energy_cost_per_year.map(|x| x.raw()),
                power_kw: c.power.map(|x| x.as_kw()),
                years: c.years,
                tco_usd: c.tco.map(|x| x.raw()),
                api_tco_usd: c.api_tco.map(|x| x.raw()),
                api: s.cost.as_ref().and_then(|ci| ci.api.as_ref().map(|a| a.label.clone())),
                break_even_output_tokens_per_month: c
                    .break_even_output_tokens_per_month
                    .map(|x| x.raw()),
                capacity_output_tokens_per_month: c.capacity_output_tokens_per_month.raw(),
                gaps: c.gaps.clone(),
            }),
            breakdown: self.breakdown(),
            ranges: crate::uncertainty::default_ranges(self)
                .ranges
                .into_iter()
                .map(|r| ReportRange {
                    metric: r.metric.key().to_owned(),
                    point: r.point,
                    low: r.low,
                    high: r.high,
                    causes: r
                        .causes
                        .into_iter()
                        .map(|c| ReportCause {
                            input: c.input,
                            confidence: c.confidence.map(|c| c.label().to_owned()),
                            share: c.share,
                        })
                        .collect(),
                })
                .collect(),
            sources: s
                .facts
                .iter()
                .map(|f| ReportSource {
                    field: f.field.to_owned(),
                    record: f.record.clone(),
                    value: f.value.to_string(),
                    confidence: f.provenance.confidence.label().into(),
                    date: f.provenance.date.clone(),
                    references: f
                        .provenance
                        .sources
                        .iter()
                        .map(|id| {
                            catalog
                                .source(id)
                                .map_or_else(|| id.clone(), |src| src.reference.clone())
                        })
                        .collect(),
                    note: f.provenance.note.clone(),
                })
                .collect(),
            warnings,
        }
    }

    /// The terms of the calculation, in the order a reader checks them.
    #[must_use]
    pub fn breakdown(&self) -> Vec<Term> {
        let s = &self.scenario;
        let e = &self.plan.estimate;
        let m = &s.model_numbers;
        let c = &s.chip_numbers;
        let eff = &self.efficiency;
        let p = e.deployment.parallelism;
        let n = p.replica_chips();
        let t =
            |term: &str, formula: String, value: String| Term { term: term.into(), formula, value };
        let mut out = vec![
            t(
                "weights",
                format!(
                    "{:.1}B params × {} bytes ({})",
                    m.total_params.as_billions(),
                    s.precision.weights.bytes_per_element(),
                    s.precision.weights.label()
                ),
                gb(e.memory.weights_total.raw()),
            ),
            t(
                "weights per chip",
                if p.expert > 1 && m.moe.is_some() {
                    format!(
                        "dense {:.1}B replicated on each of {} expert-parallel chips, experts split",
                        m.dense_params.as_billions(),
                        p.expert
                    )
                } else {
                    format!("weights / {n} chips per replica")
                },
                gb(e.memory.weights.raw()),
            ),
            t(
                "KV cache per token",
                format!(
                    "{} attention: {} elements × {} layers × {} bytes ({})",
                    m.attention.kind.label(),
                    m.attention.kv_elements_per_layer,
                    m.attention.full_layers + m.attention.window_layers,
                    s.precision.kv_cache.bytes_per_element(),
                    s.precision.kv_cache.label()
                ),
                format!("{:.1} KB", e.memory.kv_per_token.raw() / 1e3),
            ),
            t(
                "KV cache per request",
                format!("{} input + {} output tokens", s.input_tokens, s.output_tokens),
                gb(e.memory.kv_per_request.raw()),
            ),
            t(
                "KV budget",
                format!(
                    "({:.0} GB × {} utilisation − weights per chip) × {n} chips",
                    c.memory.as_gb(),
                    s.runtime.memory_utilization
                ),
                format!("{:.0} requests per replica", e.memory.max_requests_per_replica.floor()),
            ),
            t(
                "batch per replica",
                format!("set by {}", e.batch_limit.label()),
                format!("{:.0} sequences", e.batch_per_replica),
            ),
            t(
                "effective bandwidth per replica",
                format!(
                    "{:.0} GB/s × {n} chips × {}",
                    c.memory_bandwidth.as_gb_per_s(),
                    eff.memory_bandwidth
                ),
                format!(
                    "{:.0} GB/s",
                    c.memory_bandwidth.as_gb_per_s() * f64::from(n) * eff.memory_bandwidth
                ),
            ),
            t(
                "effective compute per replica",
                format!(
                    "{:.0} TFLOPS ({}) × {n} chips × {}",
                    c.compute.as_tflops(),
                    s.precision.compute.label(),
                    eff.compute
                ),
                format!("{:.0} TFLOPS", c.compute.as_tflops() * f64::from(n) * eff.compute),
            ),
        ];
        let d = &e.decode;
        out.push(t(
            "decode: dense layers",
            format!(
                "max({} read, {:.2} TFLOP)",
                gb(d.dense_weight_bytes.raw()),
                d.dense_flops.as_tera()
            ),
            format!("{:.3} ms", d.dense_time.as_ms()),
        ));
        if m.moe.is_some() {
            out.push(t(
                "decode: routed experts",
                format!(
                    "{:.1} experts touched per layer; max({} read, {:.2} TFLOP) × {} MoE overhead",
                    d.experts_touched,
                    gb(d.expert_weight_bytes.raw()),
                    d.expert_flops.as_tera(),
                    eff.moe_overhead
                ),
                format!("{:.3} ms", d.expert_time.as_ms()),
            ));
        }
        out.push(t(
            "decode: attention",
            format!(
                "max({} KV read, {:.2} TFLOP)",
                gb(d.kv_bytes.raw()),
                d.attention_flops.as_tera()
            ),
            format!("{:.3} ms", d.attention_time.as_ms()),
        ));
        out.push(t(
            "decode: communication",
            format!(
                "TP {} / EP {} / PP {} collectives, {:.0} µs latency each",
                p.tensor,
                p.expert,
                p.pipeline,
                eff.collective_latency.raw() * 1e6
            ),
            if d.comm_costed {
                format!("{:.3} ms", d.comm_time.as_ms())
            } else {
                "not costed (scale-up bandwidth missing)".into()
            },
        ));
        out.push(t(
            "decode: fixed overhead",
            format!("{} layers × {:.0} µs", m.layers, eff.layer_overhead.raw() * 1e6),
            format!("{:.3} ms", d.overhead_time.as_ms()),
        ));
        out.push(t(
            "TPOT",
            format!("sum of decode terms; bound: {}", d.bound().label()),
            format!("{:.2} ms", e.tpot.as_ms()),
        ));
        out.push(t(
            "TTFT",
            format!(
                "prefill of {} tokens ({} bound) + {:.0} ms request overhead",
                s.input_tokens,
                e.prefill.bound().label(),
                eff.request_overhead.as_ms()
            ),
            format!("{:.1} ms", e.ttft.as_ms()),
        ));
        out.push(t(
            "prefill cost per prompt token",
            format!("chunks of {} tokens per step", s.runtime.max_tokens_per_step),
            format!("{:.3} µs per replica", e.prefill_per_token.raw() * 1e6),
        ));
        out.push(t(
            "output tokens/s",
            format!("{} replicas / (input/output × prefill per token + TPOT / batch)", p.data),
            format!(
                "{:.0} tokens/s ({:.0} per chip)",
                e.output_tokens_per_s.raw(),
                e.output_tokens_per_s_per_chip().raw()
            ),
        ));
        if let Some(cost) = &self.cost {
            if let Some(k) = cost.capex {
                out.push(t(
                    "capex",
                    "hardware priced as listed under sources and cost inputs".into(),
                    format!("${:.0}", k.raw()),
                ));
            }
            if let Some(y) = cost.cost_per_year {
                out.push(t(
                    "cost per year",
                    format!(
                        "capex / {} years + power × PUE × hours × utilisation × $/kWh",
                        cost.years
                    ),
                    format!("${:.0}", y.raw()),
                ));
            }
            if let Some(u) = cost.usd_per_million_output_tokens {
                out.push(t(
                    "$ per million output tokens",
                    format!(
                        "cost per year × decode time share ({:.0} %) / output tokens per year",
                        (1.0 - e.prefill_time_share) * 100.0
                    ),
                    format!("${:.4}", u.raw()),
                ));
            }
        }
        out
    }

    /// The report as a plain-text table for terminals.
    #[must_use]
    pub fn to_text(&self, catalog: &Catalog) -> String {
        use std::fmt::Write as _;
        let r = self.report(catalog);
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} on {} × {} ({} weights, {} KV, {} compute) — catalog {}",
            r.model.name,
            r.chips,
            r.hardware.chip_name,
            r.precision.weights,
            r.precision.kv_cache,
            r.precision.compute,
            r.catalog_version
        );
        let _ = writeln!(
            s,
            "fits: {}   fewest chips that fit: {}   parallelism: TP {} × PP {} × EP {} × DP {}",
            if r.fits { "yes" } else { "no" },
            r.min_chips.map_or_else(|| "none".into(), |m| m.to_string()),
            r.deployment.tensor,
            r.deployment.pipeline,
            r.deployment.expert,
            r.deployment.data
        );
        let _ = writeln!(
            s,
            "output: {:.0} tokens/s ({:.0} per chip)   TPOT {:.2} ms ({})   TTFT {:.1} ms",
            r.decode.output_tokens_per_s,
            r.decode.output_tokens_per_s_per_chip,
            r.decode.tpot_ms,
            r.decode.bound,
            r.prefill.ttft_ms
        );
        if let Some(c) = &r.cost {
            let money =
                |v: Option<f64>| v.map_or_else(|| "not priced".to_owned(), |x| format!("${x:.4}"));
            let _ = writeln!(
                s,
                "cost: {} per M output tokens, {} per M input tokens",
                money(c.usd_per_million_output_tokens),
                money(c.usd_per_million_input_tokens)
            );
            if let (Some(t), Some(a)) = (c.tco_usd, c.api_tco_usd) {
                let _ =
                    writeln!(s, "{}-year TCO ${t:.0} vs API ${a:.0} for the same tokens", c.years);
            }
            for g in &c.gaps {
                let _ = writeln!(s, "  cost gap: {g}");
            }
        }
        if !r.ranges.is_empty() {
            let sp = crate::uncertainty::Spreads::DEFAULT;
            let me = crate::uncertainty::ModelError::MEASURED;
            let _ = writeln!(
                s,
                "\nranges (spreads: official ±{:.0} %, reported ±{:.0} %, estimate ±{:.0} %, rumour ±{:.0} %, \
                 assumption ±{:.0} %; model error {:+.0} % to {:+.0} %):",
                sp.official * 100.0,
                sp.reported * 100.0,
                sp.estimate * 100.0,
                sp.rumour * 100.0,
                sp.assumption * 100.0,
                me.p10 * 100.0,
                me.p90 * 100.0
            );
            let w = r.ranges.iter().map(|x| x.metric.len()).max().unwrap_or(0);
            for x in &r.ranges {
                let causes: Vec<String> = x
                    .causes
                    .iter()
                    .map(|c| {
                        let conf =
                            c.confidence.as_ref().map_or_else(String::new, |c| format!(" ({c})"));
                        format!("{:.0} % {}{conf}", c.share * 100.0, c.input)
                    })
                    .collect();
                let line = format!(
                    "  {:w$}  {} [{} – {}]  {}",
                    x.metric,
                    sig(x.point),
                    sig(x.low),
                    sig(x.high),
                    causes.join(", ")
                );
                let _ = writeln!(s, "{}", line.trim_end());
            }
        }
        let _ = writeln!(s, "\nbreakdown:");
        let w = r.breakdown.iter().map(|t| t.term.len()).max().unwrap_or(0);
        for t in &r.breakdown {
            let _ = writeln!(s, "  {:w$}  {:>28}  {}", t.term, t.value, t.formula);
        }
        let _ = writeln!(s, "\nfacts used:");
        for f in &r.sources {
            let _ = writeln!(
                s,
                "  {}.{} = {} [{}, {}]",
                f.record,
                f.field.split_once('.').map_or(f.field.as_str(), |x| x.1),
                f.value,
                f.confidence,
                f.date
            );
        }
        for wline in &r.warnings {
            let _ = writeln!(s, "warning: {wline}");
        }
        s
    }
}

/// A number to three significant figures, for ranges in the text table.
fn sig(v: f64) -> String {
    if v == 0.0 || !v.is_finite() || (v.fract() == 0.0 && v.abs() < 1e4) {
        return format!("{v}");
    }
    if v.abs() >= 1e5 {
        return format!("{v:.2e}");
    }
    let digits = (2 - v.abs().log10().floor() as i32).max(0) as usize;
    format!("{v:.digits$}")
}
