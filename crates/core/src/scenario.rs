//! Scenarios: what the user asks, parsed raw ([`RawScenario`]), then resolved against the
//! catalog ([`Scenario`]) with every fact it uses and every assumption it makes recorded.
//!
//! The scenario format is documented in `docs/scenario-format.md`; its JSON Schema is
//! `docs/schema/scenario.schema.json`.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

use crate::catalog::raw::{RawChip, RawFact, RawModel};
use crate::catalog::resolve::{self, Ctx, Unit, number_text};
use crate::catalog::{Catalog, Entry};
use crate::error::{Error, ErrorKind, Errors, parse_json};
use crate::hardware::{Chip, System};
use crate::hf;
use crate::llm::{AttentionKind, Model};
use crate::precision::Precision;
use crate::provenance::{Confidence, Known, Provenance};
use crate::units::{Bytes, BytesPerSecond, FlopsPerSecond, Params, Watts};

/// A scenario as written in JSON, before it is checked against the catalog.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    /// The hardware: a chip or system (catalog id or inline record) and how many.
    pub hardware: RawHardware,
    /// The model: a catalog id, an inline record, or a Hugging Face `config.json`.
    pub model: RawModelRef,
    /// Number formats; each defaults as `docs/scenario-format.md` describes.
    #[serde(default)]
    pub precision: RawPrecision,
    /// Parallelism; the planner chooses it when absent.
    #[serde(default)]
    pub parallelism: Option<RawParallelism>,
    /// Request shape and load.
    pub workload: RawWorkload,
    /// Latency targets the configuration must meet.
    #[serde(default)]
    pub latency_targets: Option<RawLatencyTargets>,
    /// Serving-runtime limits; defaults are the common runtimes' defaults.
    #[serde(default)]
    pub runtime: Option<RawRuntime>,
    /// Cost inputs; without them no cost is computed.
    #[serde(default)]
    pub cost: Option<RawCost>,
    /// Values that fill facts the catalog lacks (or override it), labelled as assumptions.
    /// Keys are `chip.<field>` or `model.<field>`, values are facts without provenance.
    #[serde(default)]
    pub assumptions: BTreeMap<String, RawAssumption>,
    /// Missing facts to fill by a documented rule ([`crate::derive::RULES`]): an estimate whose
    /// provenance names the rule and the catalog facts it used. Never applied unless listed here.
    #[serde(default)]
    pub derive: Vec<String>,
}

/// The hardware section.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawHardware {
    /// A chip id or an inline chip record.
    #[serde(default)]
    pub chip: Option<RawChipRef>,
    /// A system id (node, rack, supernode).
    #[serde(default)]
    pub system: Option<String>,
    /// How many chips (with `chip`) or systems (with `system`). Absent: the fewest that fit.
    #[serde(default)]
    pub count: Option<u32>,
}

/// A chip by catalog id or inline.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(untagged)]
pub enum RawChipRef {
    /// A catalog id.
    Id(String),
    /// An inline record, in the `data/chips.json` format.
    Inline(Box<RawChip>),
}

/// A model by catalog id, inline, or from a Hugging Face config.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(untagged)]
pub enum RawModelRef {
    /// A catalog id.
    Id(String),
    /// A Hugging Face `config.json`, with an id and name for the report.
    HfConfig {
        /// The `config.json` object as published.
        hf_config: serde_json::Value,
        /// Id to show in the report.
        #[serde(default)]
        id: Option<String>,
    },
    /// An inline record, in the `data/models.json` format.
    Inline(Box<RawModel>),
}

/// Number formats. Each is `bf16`, `fp16`, `fp8`, `int8`, `int4` or `fp4`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawPrecision {
    /// Weight storage format. Default: the model's native precision, else bf16.
    #[serde(default)]
    pub weights: Option<String>,
    /// KV-cache format. Default: fp8 when compute is fp8, else bf16.
    #[serde(default)]
    pub kv_cache: Option<String>,
    /// Arithmetic format. Default: the weight format if the chip publishes a rate for it, else bf16.
    #[serde(default)]
    pub compute: Option<String>,
}

/// Parallelism degrees. Their product must equal the chips in one replica times `data`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawParallelism {
    /// Tensor parallelism (weights split within each layer).
    #[serde(default)]
    pub tensor: Option<u32>,
    /// Pipeline parallelism (layers split across stages).
    #[serde(default)]
    pub pipeline: Option<u32>,
    /// Expert parallelism (MoE experts split across chips, attention data-parallel).
    #[serde(default)]
    pub expert: Option<u32>,
    /// Data parallelism (independent replicas).
    #[serde(default)]
    pub data: Option<u32>,
}

/// Request shape and load.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawWorkload {
    /// Prompt tokens per request.
    pub input_tokens: u32,
    /// Generated tokens per request.
    pub output_tokens: u32,
    /// Requests in flight across the deployment, or `"max"` for maximum throughput.
    pub concurrency: RawConcurrency,
}

/// Concurrency: a number of requests in flight, or `"max"`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(untagged)]
pub enum RawConcurrency {
    /// A fixed number of requests in flight.
    Fixed(u32),
    /// `"max"`: as many as memory and the runtime allow.
    Max(String),
}

/// Latency targets (p50-style means; the model has no tail latencies).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawLatencyTargets {
    /// Time to first token, in milliseconds.
    #[serde(default)]
    pub ttft_ms: Option<f64>,
    /// Time per output token, in milliseconds.
    #[serde(default)]
    pub tpot_ms: Option<f64>,
}

/// Serving-runtime limits.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawRuntime {
    /// Most sequences the scheduler runs at once per replica.
    #[serde(default)]
    pub max_batch_size: Option<u32>,
    /// Most tokens (decode plus prefill chunk) the scheduler puts in one step per replica.
    #[serde(default)]
    pub max_tokens_per_step: Option<u32>,
    /// Fraction of accelerator memory the runtime may use for weights and KV cache.
    #[serde(default)]
    pub memory_utilization: Option<f64>,
}

/// Cost inputs. Money is in US dollars; `cny_per_usd` converts catalog prices quoted in yuan.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCost {
    /// Price per accelerator; overrides the catalog's.
    #[serde(default)]
    pub accelerator_usd: Option<f64>,
    /// Price per system (rack/node) when the hardware is a system; overrides the catalog's.
    #[serde(default)]
    pub system_usd: Option<f64>,
    /// Host servers, per accelerator (CPUs, board, chassis), when not included in a system price.
    #[serde(default)]
    pub server_usd_per_accelerator: Option<f64>,
    /// Networking (NICs, switches, optics), per accelerator.
    #[serde(default)]
    pub network_usd_per_accelerator: Option<f64>,
    /// Years over which capital cost is spread.
    pub amortisation_years: f64,
    /// Electricity price.
    pub electricity_usd_per_kwh: f64,
    /// Power usage effectiveness of the data centre (>= 1).
    pub pue: f64,
    /// Fraction of the time the deployment serves at the modelled load (0–1].
    pub utilisation: f64,
    /// Yuan per US dollar, for catalog prices quoted in CNY.
    #[serde(default)]
    pub cny_per_usd: Option<f64>,
    /// The API to compare against.
    #[serde(default)]
    pub api: Option<RawApiChoice>,
}

/// The API to compare an on-premise deployment with.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawApiChoice {
    /// A catalog model id whose API price to use.
    #[serde(default)]
    pub model: Option<String>,
    /// Which of its providers (substring of the provider name); default the first listed.
    #[serde(default)]
    pub provider: Option<String>,
    /// Or an explicit price per million input tokens, in USD.
    #[serde(default)]
    pub input_usd_per_mtok: Option<f64>,
    /// And per million output tokens, in USD.
    #[serde(default)]
    pub output_usd_per_mtok: Option<f64>,
}

/// A user-supplied value for a fact: `{ "value": 1600, "unit": "GB/s", "note": "why" }`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawAssumption {
    /// The value.
    pub value: f64,
    /// Its unit (the same units the catalog field accepts).
    pub unit: String,
    /// Why this value was chosen.
    #[serde(default)]
    pub note: Option<String>,
}

impl RawScenario {
    /// Parses a scenario from JSON text; `file` names the input in error messages.
    ///
    /// # Errors
    ///
    /// Malformed JSON, an unknown field, or a value of the wrong JSON type, with its field path.
    pub fn from_json(file: &str, text: &str) -> Result<RawScenario, Error> {
        parse_json(file, text)
    }
}

/// How concurrency is set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Load {
    /// A fixed number of requests in flight across the deployment.
    Concurrency(u32),
    /// As many as memory and the runtime limits allow.
    MaxThroughput,
}

/// Parallelism degrees of one deployment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parallelism {
    /// Tensor parallelism.
    pub tensor: u32,
    /// Pipeline parallelism.
    pub pipeline: u32,
    /// Expert parallelism (MoE); attention runs data-parallel across these chips.
    pub expert: u32,
    /// Independent replicas.
    pub data: u32,
}

impl Parallelism {
    /// Chips in one replica.
    #[must_use]
    pub fn replica_chips(self) -> u32 {
        self.tensor * self.pipeline * self.expert
    }
}

/// Serving-runtime limits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Runtime {
    /// Most sequences per replica per step.
    pub max_batch_size: u32,
    /// Most tokens per replica per step.
    pub max_tokens_per_step: u32,
    /// Fraction of memory for weights and KV cache; the rest is the runtime's reserve.
    pub memory_utilization: f64,
}

impl Runtime {
    /// The defaults: 2048 sequences and 8192 tokens per step (TensorRT-LLM's `max_batch_size`
    /// and `max_num_tokens` defaults) and 0.9 of memory (vLLM's `gpu_memory_utilization` and
    /// TensorRT-LLM's KV-cache `free_gpu_memory_fraction` defaults). See `docs/model.md`.
    pub const DEFAULT: Runtime =
        Runtime { max_batch_size: 2048, max_tokens_per_step: 8192, memory_utilization: 0.9 };
}

/// Latency targets.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LatencyTargets {
    /// Time to first token, milliseconds.
    pub ttft_ms: Option<f64>,
    /// Time per output token, milliseconds.
    pub tpot_ms: Option<f64>,
}

/// One fact a result used, with its provenance, for the breakdown and the source list.
#[derive(Clone, Debug, PartialEq)]
pub struct UsedFact {
    /// `chip.memory_bandwidth`, `model.layers`.
    pub field: &'static str,
    /// The record (`nvidia-h200-sxm`).
    pub record: String,
    /// The value in the unit it is shown in; formatted only when shown (`4800 GB/s`).
    pub value: Shown,
    /// Where it came from.
    pub provenance: std::sync::Arc<Provenance>,
}

/// A used value in the unit it is shown in. Resolving a scenario records many of these and shows
/// few, so formatting waits until [`Display`](std::fmt::Display) is called.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shown {
    /// Decimal gigabytes, shown rounded.
    Gb(f64),
    /// Decimal gigabytes per second, shown rounded.
    GbPerS(f64),
    /// Dense TFLOPS, shown rounded.
    Tflops(f64),
    /// Watts, shown rounded.
    Watts(f64),
    /// Billions of parameters, shown as given.
    Billions(f64),
    /// A count (layers, heads), shown as given.
    Count(f64),
}

impl std::fmt::Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Shown::Gb(v) => write!(f, "{v:.0} GB"),
            Shown::GbPerS(v) => write!(f, "{v:.0} GB/s"),
            Shown::Tflops(v) => write!(f, "{v:.0} TFLOPS"),
            Shown::Watts(v) => write!(f, "{v:.0} W"),
            Shown::Billions(v) => write!(f, "{v}B"),
            Shown::Count(v) => write!(f, "{v}"),
        }
    }
}

/// The chip numbers the performance model needs, all known.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChipNumbers {
    /// Memory per chip.
    pub memory: Bytes,
    /// Memory bandwidth per chip.
    pub memory_bandwidth: BytesPerSecond,
    /// Dense compute per chip at the compute precision.
    pub compute: FlopsPerSecond,
    /// Scale-up bandwidth per chip, one direction (half the vendor's bidirectional figure).
    /// `None` when unpublished: then multi-chip communication cannot be modelled.
    pub link_one_way: Option<BytesPerSecond>,
    /// Power per chip, when published.
    pub tdp: Option<Watts>,
}

/// Attention numbers per token.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AttentionNumbers {
    /// Which design.
    pub kind: AttentionKind,
    /// KV-cache elements stored per token in each full-attention layer.
    pub kv_elements_per_layer: f64,
    /// Layers that keep the whole context.
    pub full_layers: f64,
    /// Layers that keep at most `window` tokens.
    pub window_layers: f64,
    /// Sliding-window size, tokens.
    pub window: f64,
    /// Most context tokens each query reads (DeepSeek Sparse Attention top-k), if any.
    pub read_cap: Option<f64>,
    /// Attention multiply-adds per context token per layer, ×2 = FLOPs (QK and AV together).
    pub flops_per_context_token_per_layer: f64,
}

/// Mixture-of-experts numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MoeNumbers {
    /// Routed experts per MoE layer.
    pub experts: f64,
    /// Routed experts per token.
    pub per_token: f64,
    /// Parameters of one routed expert summed over all MoE layers.
    pub params_per_expert: Params,
}

/// The model numbers the performance model needs, all known.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ModelNumbers {
    /// All parameters.
    pub total_params: Params,
    /// Parameters used per token.
    pub active_params: Params,
    /// Parameters every token uses (attention, embeddings, dense and shared-expert FFNs).
    pub dense_params: Params,
    /// Transformer layers.
    pub layers: f64,
    /// Hidden size.
    pub hidden: f64,
    /// Attention.
    pub attention: AttentionNumbers,
    /// Mixture of experts, if the model is one.
    pub moe: Option<MoeNumbers>,
    /// Native context window, tokens, when published.
    pub context_length: Option<f64>,
}

/// The chosen number formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Precisions {
    /// Weights.
    pub weights: Precision,
    /// KV cache.
    pub kv_cache: Precision,
    /// Arithmetic.
    pub compute: Precision,
}

/// Cost inputs, resolved to US dollars.
#[derive(Clone, Debug, PartialEq)]
pub struct CostInputs {
    /// Price per accelerator, with provenance (`None`: unknown and not given).
    pub accelerator: Option<(f64, Confidence)>,
    /// Price per system, with provenance, when the hardware is a system.
    pub system: Option<(f64, Confidence)>,
    /// Host servers per accelerator, when given.
    pub server_per_accelerator: Option<f64>,
    /// Networking per accelerator, when given.
    pub network_per_accelerator: Option<f64>,
    /// Amortisation years.
    pub years: f64,
    /// Electricity, USD per kWh.
    pub usd_per_kwh: f64,
    /// Power usage effectiveness.
    pub pue: f64,
    /// Fraction of time serving.
    pub utilisation: f64,
    /// System power per system, when the hardware is a system and it is published.
    pub system_power: Option<Watts>,
    /// The API price to compare with: (label, input USD/Mtok, output USD/Mtok, confidence).
    pub api: Option<ApiComparison>,
    /// Why a cost part could not be priced, for the report.
    pub gaps: Vec<String>,
}

/// An API price to compare against, in USD per million tokens.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiComparison {
    /// Model and provider.
    pub label: String,
    /// Input price.
    pub input_usd_per_mtok: f64,
    /// Output price.
    pub output_usd_per_mtok: f64,
    /// How far the price can be trusted.
    pub confidence: Confidence,
    /// When the price was seen.
    pub as_of: String,
}

/// A scenario resolved against the catalog: every number the model needs is known, and every
/// fact and assumption it rests on is listed.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// The chip record (catalog or inline), with assumptions applied; shared with the catalog
    /// when no assumption changes it.
    pub chip: Arc<Chip>,
    /// The system, if the hardware was given as one.
    pub system: Option<Arc<System>>,
    /// The model record, with assumptions applied; shared with the catalog when no assumption
    /// changes it.
    pub model: Arc<Model>,
    /// Chip numbers for the model.
    pub chip_numbers: ChipNumbers,
    /// Model numbers for the model.
    pub model_numbers: ModelNumbers,
    /// Number formats.
    pub precision: Precisions,
    /// Total chips; `None` means "the fewest that fit" (the planner decides).
    pub chips: Option<u32>,
    /// Chips per system when the hardware is a system.
    pub chips_per_system: Option<u32>,
    /// Parallelism as given; `None` means the planner chooses.
    pub parallelism: Option<Parallelism>,
    /// Prompt tokens per request.
    pub input_tokens: u32,
    /// Generated tokens per request.
    pub output_tokens: u32,
    /// Load.
    pub load: Load,
    /// Latency targets.
    pub targets: LatencyTargets,
    /// Runtime limits.
    pub runtime: Runtime,
    /// Cost inputs, if given.
    pub cost: Option<CostInputs>,
    /// Every catalog fact and assumption used.
    pub facts: Vec<UsedFact>,
    /// Things the result leaves out because a fact is missing (named, never silently).
    pub warnings: Vec<String>,
}

/// The most chips a scenario may name (`hardware.count`, or systems × their chips, or the
/// parallelism degrees' product): about ten times the largest clusters announced. It bounds the
/// planner's search, so a mistyped or hostile count cannot stall it.
pub const MAX_CHIPS: u32 = 1 << 20;

const CHIP_ASSUMABLE: &[&str] = &[
    "memory",
    "memory_bandwidth",
    "bf16_dense",
    "fp8_dense",
    "fp4_dense",
    "int8_dense",
    "tdp",
    "scale_up_bandwidth",
];
const MODEL_ASSUMABLE: &[&str] = &[
    "total_params",
    "active_params",
    "context_length",
    "layers",
    "hidden_size",
    "num_heads",
    "num_kv_heads",
    "head_dim",
    "kv_lora_rank",
    "qk_rope_head_dim",
    "index_topk",
    "full_attention_interval",
    "sliding_window",
    "sliding_window_interval",
    "experts_routed",
    "experts_per_token",
];

impl Scenario {
    /// Resolves a raw scenario against the catalog.
    ///
    /// # Errors
    ///
    /// Every problem found, each with the field path inside `file`: unknown ids (with the closest
    /// id), invalid numbers, unknown precisions, and facts the calculation needs but the catalog
    /// marks as missing (with the reason and the assumption key that would supply them).
    ///
    /// # Example
    ///
    /// ```
    /// use rackscope::{Catalog, RawScenario, Scenario};
    /// let catalog = Catalog::embedded()?;
    /// let raw = RawScenario::from_json("example", r#"{
    ///   "hardware": {"chip": "nvidia-h200-sxm", "count": 8},
    ///   "model": "llama-3.1-70b",
    ///   "precision": {"weights": "fp8"},
    ///   "workload": {"input_tokens": 1000, "output_tokens": 1000, "concurrency": "max"}
    /// }"#)?;
    /// let scenario = Scenario::resolve(&raw, &catalog, "example")?;
    /// assert_eq!(scenario.precision.compute, rackscope::Precision::Fp8);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn resolve(raw: &RawScenario, catalog: &Catalog, file: &str) -> Result<Scenario, Errors> {
        let mut ctx = Ctx { file: file.to_owned(), errors: Vec::new(), sources: None };
        let mut facts = Vec::new();
        let mut warnings = Vec::new();

        // Hardware.
        let (chip, system) = resolve_hardware(&mut ctx, &raw.hardware, catalog);
        let model = resolve_model(&mut ctx, &raw.model, catalog);
        let (Some(mut chip), Some(mut model)) = (chip, model) else {
            return Err(Errors(ctx.errors));
        };
        if !raw.assumptions.is_empty() {
            let (chip, model) = (Arc::make_mut(&mut chip), Arc::make_mut(&mut model));
            apply_assumptions(&mut ctx, &raw.assumptions, chip, model);
        }
        for (i, key) in raw.derive.iter().enumerate() {
            apply_rule(&mut ctx, i, key, raw, catalog, &mut chip, &mut warnings);
        }

        let chips_per_system =
            system.as_ref().and_then(|s| s.accelerators.value()).map(|v| v as u32);
        let chips = match (raw.hardware.count, &system) {
            (Some(0), _) => {
                ctx.err(
                    "hardware.count",
                    ErrorKind::Invalid { got: "0".into(), expected: "at least 1".into() },
                );
                None
            }
            (Some(n), Some(s)) => match chips_per_system {
                Some(per) if u64::from(n) * u64::from(per) > u64::from(MAX_CHIPS) => {
                    ctx.err(
                        "hardware.count",
                        ErrorKind::Invalid {
                            got: n.to_string(),
                            expected: format!(
                                "at most {} systems of {per} chips ({MAX_CHIPS} chips)",
                                MAX_CHIPS / per.max(1)
                            ),
                        },
                    );
                    None
                }
                Some(per) => Some(n * per),
                None => {
                    ctx.err(
                        "hardware.system",
                        ErrorKind::MissingFact {
                            fact: format!("{}.accelerators", s.id),
                            reason: s.accelerators.missing_reason().unwrap_or_default().to_owned(),
                            hint: "hardware.chip with hardware.count in chips".into(),
                        },
                    );
                    None
                }
            },
            (Some(n), None) if n > MAX_CHIPS => {
                ctx.err(
                    "hardware.count",
                    ErrorKind::Invalid {
                        got: n.to_string(),
                        expected: format!("at most {MAX_CHIPS} chips"),
                    },
                );
                None
            }
            (Some(n), None) => Some(n),
            (None, _) => None,
        };

        // Precision.
        let weights =
            precision_field(&mut ctx, "precision.weights", raw.precision.weights.as_deref())
                .or(model.native_precision)
                .unwrap_or(Precision::Bf16);
        let compute =
            precision_field(&mut ctx, "precision.compute", raw.precision.compute.as_deref())
                .unwrap_or_else(|| {
                    let native = match weights {
                        Precision::Int4 if chip.fp4_dense.value().is_none() => Precision::Bf16,
                        p => p,
                    };
                    if chip.compute(native).value().is_some() { native } else { Precision::Bf16 }
                });
        let kv_cache =
            precision_field(&mut ctx, "precision.kv_cache", raw.precision.kv_cache.as_deref())
                .unwrap_or(if compute == Precision::Fp8 {
                    Precision::Fp8
                } else {
                    Precision::Bf16
                });
        let precision = Precisions { weights, kv_cache, compute };

        // Numbers the model needs.
        let chip_numbers = chip_numbers(&mut ctx, &chip, compute, &mut facts, &mut warnings);
        let model_numbers = model_numbers(&mut ctx, &model, &mut facts, &mut warnings);

        // Workload.
        let w = &raw.workload;
        if w.input_tokens == 0 && w.output_tokens == 0 {
            ctx.err(
                "workload",
                ErrorKind::Invalid {
                    got: "0 input and 0 output tokens".into(),
                    expected: "at least one token".into(),
                },
            );
        }
        if w.output_tokens == 0 {
            ctx.err(
                "workload.output_tokens",
                ErrorKind::Invalid { got: "0".into(), expected: "at least 1 output token".into() },
            );
        }
        let total = u64::from(w.input_tokens) + u64::from(w.output_tokens);
        if let Some(ctx_len) = model_numbers.as_ref().and_then(|m| m.context_length)
            && total as f64 > ctx_len
        {
            ctx.err(
                "workload",
                ErrorKind::Invalid {
                    got: format!("{total} tokens per request"),
                    expected: format!("at most the model's context length ({ctx_len})"),
                },
            );
        }
        if total > 100_000_000 {
            ctx.err(
                "workload",
                ErrorKind::Invalid {
                    got: format!("{total} tokens"),
                    expected: "at most 100,000,000 tokens".into(),
                },
            );
        }
        let load = match &w.concurrency {
            RawConcurrency::Fixed(0) => {
                ctx.err(
                    "workload.concurrency",
                    ErrorKind::Invalid {
                        got: "0".into(),
                        expected: "at least 1, or \"max\"".into(),
                    },
                );
                Load::MaxThroughput
            }
            RawConcurrency::Fixed(n) => Load::Concurrency(*n),
            RawConcurrency::Max(s) if s == "max" => Load::MaxThroughput,
            RawConcurrency::Max(s) => {
                ctx.err(
                    "workload.concurrency",
                    ErrorKind::Invalid {
                        got: format!("\"{s}\""),
                        expected: "a number or \"max\"".into(),
                    },
                );
                Load::MaxThroughput
            }
        };

        let targets =
            raw.latency_targets.as_ref().map_or(LatencyTargets::default(), |t| LatencyTargets {
                ttft_ms: positive(&mut ctx, "latency_targets.ttft_ms", t.ttft_ms, 1e-3, 1e7),
                tpot_ms: positive(&mut ctx, "latency_targets.tpot_ms", t.tpot_ms, 1e-3, 1e6),
            });
        let runtime = resolve_runtime(&mut ctx, raw.runtime.as_ref());
        let parallelism =
            raw.parallelism.as_ref().and_then(|p| resolve_parallelism(&mut ctx, p, chips));
        let cost =
            raw.cost.as_ref().map(|c| resolve_cost(&mut ctx, c, &chip, system.as_deref(), catalog));

        if !ctx.errors.is_empty() {
            return Err(Errors(ctx.errors));
        }
        let (Some(chip_numbers), Some(model_numbers)) = (chip_numbers, model_numbers) else {
            return Err(Errors(ctx.errors));
        };
        Ok(Scenario {
            chip,
            system,
            model,
            chip_numbers,
            model_numbers,
            precision,
            chips,
            chips_per_system,
            parallelism,
            input_tokens: w.input_tokens,
            output_tokens: w.output_tokens,
            load,
            targets,
            runtime,
            cost,
            facts,
            warnings,
        })
    }
}

impl ModelNumbers {
    /// The numbers the performance model needs from `model` alone, with the facts they used.
    ///
    /// Memory sizing (weights, KV cache) needs nothing else, so a chart of memory fit can be drawn
    /// for chips whose bandwidth or compute is unpublished.
    ///
    /// # Errors
    ///
    /// The model facts the sizing needs that are missing, and models whose attention is not
    /// disclosed.
    pub fn of(model: &Model, file: &str) -> Result<(ModelNumbers, Vec<UsedFact>), Errors> {
        let mut ctx = Ctx { file: file.to_owned(), errors: Vec::new(), sources: None };
        let mut facts = Vec::new();
        let mut warnings = Vec::new();
        match model_numbers(&mut ctx, model, &mut facts, &mut warnings) {
            Some(m) if ctx.errors.is_empty() => Ok((m, facts)),
            _ => Err(Errors(ctx.errors)),
        }
    }
}

fn resolve_hardware(
    ctx: &mut Ctx<'_>,
    h: &RawHardware,
    catalog: &Catalog,
) -> (Option<Arc<Chip>>, Option<Arc<System>>) {
    match (&h.chip, &h.system) {
        (Some(_), Some(_)) => {
            ctx.err(
                "hardware",
                ErrorKind::Invalid {
                    got: "both `chip` and `system`".into(),
                    expected: "one of `chip` or `system`".into(),
                },
            );
            (None, None)
        }
        (None, None) => {
            ctx.err(
                "hardware.chip",
                ErrorKind::MissingField("a chip id, an inline chip, or `system`"),
            );
            (None, None)
        }
        (Some(RawChipRef::Id(id)), None) => match catalog.lookup(id) {
            Some(Entry::Chip(_)) => (catalog.chip_shared(id).cloned(), None),
            Some(Entry::System(_)) => {
                ctx.err(
                    "hardware.chip",
                    ErrorKind::Invalid {
                        got: format!("\"{id}\" (a system)"),
                        expected: "a chip id; use hardware.system for systems".into(),
                    },
                );
                (None, None)
            }
            _ => {
                ctx.err(
                    "hardware.chip",
                    ErrorKind::UnknownId {
                        kind: "chip",
                        id: id.clone(),
                        suggestion: catalog.suggest(id, "chip"),
                    },
                );
                (None, None)
            }
        },
        (Some(RawChipRef::Inline(raw)), None) => {
            (resolve::chip(ctx, "hardware.chip", raw).map(Arc::new), None)
        }
        (None, Some(id)) => {
            let Some(system) = catalog.system_shared(id) else {
                ctx.err(
                    "hardware.system",
                    ErrorKind::UnknownId {
                        kind: "system",
                        id: id.clone(),
                        suggestion: catalog.suggest(id, "system"),
                    },
                );
                return (None, None);
            };
            let Some(chip) = system.accelerator.as_deref().and_then(|c| catalog.chip_shared(c))
            else {
                ctx.err(
                    "hardware.system",
                    ErrorKind::MissingFact {
                        fact: format!("{id}.accelerator"),
                        reason: format!(
                            "the catalog does not say which chip it uses ({})",
                            system.accelerator_note
                        ),
                        hint: "hardware.chip with an inline chip record".into(),
                    },
                );
                return (None, None);
            };
            (Some(Arc::clone(chip)), Some(Arc::clone(system)))
        }
    }
}

fn resolve_model(ctx: &mut Ctx<'_>, m: &RawModelRef, catalog: &Catalog) -> Option<Arc<Model>> {
    match m {
        RawModelRef::Id(id) => match catalog.model_shared(id) {
            Some(model) => Some(Arc::clone(model)),
            None => {
                ctx.err(
                    "model",
                    ErrorKind::UnknownId {
                        kind: "model",
                        id: id.clone(),
                        suggestion: catalog.suggest(id, "model"),
                    },
                );
                None
            }
        },
        RawModelRef::Inline(raw) => resolve::model(ctx, "model", raw).map(Arc::new),
        RawModelRef::HfConfig { hf_config, id } => {
            let id = id.clone().unwrap_or_else(|| "hf-model".to_owned());
            match hf::import_value(hf_config, &id) {
                Ok(raw) => resolve::model(ctx, "model", &raw).map(Arc::new),
                Err(errors) => {
                    for e in errors.0 {
                        let path = if e.path.is_empty() {
                            "model.hf_config".to_owned()
                        } else {
                            format!("model.hf_config.{}", e.path)
                        };
                        ctx.err(path, e.kind);
                    }
                    None
                }
            }
        }
    }
}

fn precision_field(ctx: &mut Ctx<'_>, path: &str, s: Option<&str>) -> Option<Precision> {
    let s = s?;
    let p = Precision::from_label(s);
    if p.is_none() {
        ctx.err(
            path,
            ErrorKind::Invalid {
                got: format!("\"{s}\""),
                expected: "bf16, fp16, fp8, int8, int4 or fp4".into(),
            },
        );
    }
    p
}

/// Checks a number the user gave: finite and within `min..=max`. The lower bound is above zero
/// and above the denormals, so no later division can overflow into an infinite result.
fn positive(ctx: &mut Ctx<'_>, path: &str, v: Option<f64>, min: f64, max: f64) -> Option<f64> {
    let v = v?;
    if !v.is_finite() || v < min || v > max {
        ctx.err(
            path,
            ErrorKind::Invalid {
                got: number_text(v),
                expected: format!("a number >= {min} and <= {max}"),
            },
        );
        return None;
    }
    Some(v)
}

fn resolve_runtime(ctx: &mut Ctx<'_>, r: Option<&RawRuntime>) -> Runtime {
    let mut rt = Runtime::DEFAULT;
    let Some(r) = r else { return rt };
    if let Some(b) = r.max_batch_size {
        if b == 0 || b > 1_000_000 {
            ctx.err(
                "runtime.max_batch_size",
                ErrorKind::Invalid { got: b.to_string(), expected: "1 to 1,000,000".into() },
            );
        } else {
            rt.max_batch_size = b;
        }
    }
    if let Some(t) = r.max_tokens_per_step {
        if t == 0 || t > 10_000_000 {
            ctx.err(
                "runtime.max_tokens_per_step",
                ErrorKind::Invalid { got: t.to_string(), expected: "1 to 10,000,000".into() },
            );
        } else {
            rt.max_tokens_per_step = t;
        }
    }
    if let Some(u) = r.memory_utilization {
        if !(u.is_finite() && u > 0.0 && u <= 1.0) {
            ctx.err(
                "runtime.memory_utilization",
                ErrorKind::Invalid { got: u.to_string(), expected: "a fraction in (0, 1]".into() },
            );
        } else {
            rt.memory_utilization = u;
        }
    }
    rt
}

fn resolve_parallelism(
    ctx: &mut Ctx<'_>,
    p: &RawParallelism,
    chips: Option<u32>,
) -> Option<Parallelism> {
    let mut degree = |name: &str, v: Option<u32>| match v {
        Some(0) => {
            ctx.err(
                format!("parallelism.{name}"),
                ErrorKind::Invalid { got: "0".into(), expected: "at least 1".into() },
            );
            1
        }
        Some(n) if n > 65_536 => {
            ctx.err(
                format!("parallelism.{name}"),
                ErrorKind::Invalid { got: n.to_string(), expected: "at most 65536".into() },
            );
            1
        }
        Some(n) => n,
        None => 1,
    };
    let tensor = degree("tensor", p.tensor);
    let pipeline = degree("pipeline", p.pipeline);
    let expert = degree("expert", p.expert);
    // In u64: three degrees of up to 65536 overflow a u32.
    let replica = u64::from(tensor) * u64::from(pipeline) * u64::from(expert);
    let data = match (p.data, chips) {
        (Some(d), _) => degree("data", Some(d)),
        (None, Some(n)) if u64::from(n) % replica == 0 => (u64::from(n) / replica) as u32,
        (None, _) => 1,
    };
    let total = replica * u64::from(data);
    if total > u64::from(MAX_CHIPS) {
        ctx.err(
            "parallelism",
            ErrorKind::Invalid {
                got: format!(
                    "tensor {tensor} × pipeline {pipeline} × expert {expert} × data {data}"
                ),
                expected: format!("a product of at most {MAX_CHIPS} chips"),
            },
        );
        return None;
    }
    let par = Parallelism { tensor, pipeline, expert, data };
    if let Some(n) = chips
        && total != u64::from(n)
    {
        ctx.err(
            "parallelism",
            ErrorKind::Invalid {
                got: format!(
                    "tensor {tensor} × pipeline {pipeline} × expert {expert} × data {data}"
                ),
                expected: format!("a product equal to the {n} chips in hardware"),
            },
        );
        return None;
    }
    Some(par)
}

fn resolve_cost(
    ctx: &mut Ctx<'_>,
    c: &RawCost,
    chip: &Chip,
    system: Option<&System>,
    catalog: &Catalog,
) -> CostInputs {
    let money = |ctx: &mut Ctx<'_>, path: &str, v: Option<f64>| positive(ctx, path, v, 0.01, 1e12);
    let mut gaps = Vec::new();
    let cny = positive(ctx, "cost.cny_per_usd", c.cny_per_usd, 0.01, 1e4);
    let accelerator = match money(ctx, "cost.accelerator_usd", c.accelerator_usd) {
        Some(v) => Some((v, Confidence::Assumption)),
        None => match &chip.price {
            Known::Fact(f) => match f.value.to_usd(cny) {
                Some(usd) => Some((usd.raw(), f.provenance.confidence)),
                None => {
                    gaps.push(format!(
                        "{}.price is in CNY; give cost.cny_per_usd to convert it",
                        chip.id
                    ));
                    None
                }
            },
            Known::Missing { reason } => {
                gaps.push(format!(
                    "{}.price is missing ({reason}); give cost.accelerator_usd",
                    chip.id
                ));
                None
            }
        },
    };
    // Checked even when the hardware is a chip (then it is unused), so a bad value is named.
    let system_usd = money(ctx, "cost.system_usd", c.system_usd);
    let system_price = system.and_then(|s| match system_usd {
        Some(v) => Some((v, Confidence::Assumption)),
        None => s
            .price
            .fact()
            .and_then(|f| f.value.to_usd(cny).map(|u| (u.raw(), f.provenance.confidence))),
    });
    let years = positive(ctx, "cost.amortisation_years", Some(c.amortisation_years), 0.1, 50.0)
        .unwrap_or(1.0);
    let usd_per_kwh =
        positive(ctx, "cost.electricity_usd_per_kwh", Some(c.electricity_usd_per_kwh), 1e-4, 10.0)
            .unwrap_or(0.0);
    let pue = match positive(ctx, "cost.pue", Some(c.pue), 1e-3, 5.0) {
        Some(p) if p < 1.0 => {
            ctx.err(
                "cost.pue",
                ErrorKind::Invalid {
                    got: p.to_string(),
                    expected: "a number >= 1 and <= 5".into(),
                },
            );
            1.0
        }
        Some(p) => p,
        None => 1.0,
    };
    let utilisation =
        positive(ctx, "cost.utilisation", Some(c.utilisation), 1e-3, 1.0).unwrap_or(1.0);
    let api = c.api.as_ref().and_then(|a| resolve_api(ctx, a, catalog, cny));
    CostInputs {
        accelerator,
        system: system_price,
        server_per_accelerator: money(
            ctx,
            "cost.server_usd_per_accelerator",
            c.server_usd_per_accelerator,
        ),
        network_per_accelerator: money(
            ctx,
            "cost.network_usd_per_accelerator",
            c.network_usd_per_accelerator,
        ),
        years,
        usd_per_kwh,
        pue,
        utilisation,
        system_power: system.and_then(|s| s.power.value()),
        api,
        gaps,
    }
}

fn resolve_api(
    ctx: &mut Ctx<'_>,
    a: &RawApiChoice,
    catalog: &Catalog,
    cny: Option<f64>,
) -> Option<ApiComparison> {
    // Both prices are checked before either is used, so every bad one is named.
    let input = positive(ctx, "cost.api.input_usd_per_mtok", a.input_usd_per_mtok, 1e-4, 1e4);
    let output = positive(ctx, "cost.api.output_usd_per_mtok", a.output_usd_per_mtok, 1e-4, 1e4);
    if a.input_usd_per_mtok.is_some() && a.output_usd_per_mtok.is_some() {
        let (i, o) = (input?, output?);
        return Some(ApiComparison {
            label: "user-given API price".into(),
            input_usd_per_mtok: i,
            output_usd_per_mtok: o,
            confidence: Confidence::Assumption,
            as_of: String::new(),
        });
    }
    let Some(id) = &a.model else {
        ctx.err(
            "cost.api",
            ErrorKind::MissingField(
                "`model` (a catalog id), or both input_usd_per_mtok and output_usd_per_mtok",
            ),
        );
        return None;
    };
    let Some(model) = catalog.model(id) else {
        ctx.err(
            "cost.api.model",
            ErrorKind::UnknownId {
                kind: "model",
                id: id.clone(),
                suggestion: catalog.suggest(id, "model"),
            },
        );
        return None;
    };
    let candidates: Vec<_> = model
        .api_prices
        .iter()
        .filter(|p| {
            a.provider
                .as_deref()
                .is_none_or(|want| p.provider.to_lowercase().contains(&want.to_lowercase()))
        })
        .filter(|p| p.input_per_mtok.is_some() && p.output_per_mtok.is_some())
        .collect();
    let Some(price) = candidates.first() else {
        ctx.err(
            "cost.api",
            ErrorKind::Infeasible(format!(
                "the catalog has no API price with both input and output prices for {id}{}",
                a.provider
                    .as_deref()
                    .map(|p| format!(" from a provider matching \"{p}\""))
                    .unwrap_or_default()
            )),
        );
        return None;
    };
    let rate = match price.currency {
        crate::money::Currency::Usd => 1.0,
        crate::money::Currency::Cny => match cny {
            Some(r) => r,
            None => {
                ctx.err(
                    "cost.cny_per_usd",
                    ErrorKind::MissingField(
                        "an exchange rate, because the chosen API price is in CNY",
                    ),
                );
                return None;
            }
        },
    };
    Some(ApiComparison {
        label: format!("{} via {}", model.name, price.provider),
        input_usd_per_mtok: price.input_per_mtok.unwrap_or_default() / rate,
        output_usd_per_mtok: price.output_per_mtok.unwrap_or_default() / rate,
        confidence: price.confidence,
        as_of: price.as_of.clone(),
    })
}

/// How to supply a missing fact: an assumption, or a rule when one derives it.
fn assumption_hint(field: &str) -> String {
    let mut hint = format!("\"assumptions\": {{\"{field}\": {{\"value\": …, \"unit\": …}}}}");
    if crate::derive::RULES.iter().any(|r| r.0 == field) {
        hint.push_str(&format!(", or \"derive\": [\"{field}\"] (a documented rule)"));
    }
    hint
}

/// Fills a missing fact by a documented rule, when the scenario lists it in `derive`.
fn apply_rule(
    ctx: &mut Ctx<'_>,
    i: usize,
    key: &str,
    raw: &RawScenario,
    catalog: &Catalog,
    chip: &mut Arc<Chip>,
    warnings: &mut Vec<String>,
) {
    let path = format!("derive[{i}]");
    match key {
        "chip.memory_bandwidth" => {
            if raw.assumptions.contains_key(key) {
                warnings.push(format!("{key}: the assumption is used, not the rule"));
            } else if chip.memory_bandwidth.value().is_some() {
                warnings.push(format!(
                    "{}.memory_bandwidth is published: the rule is not used",
                    chip.id
                ));
            } else {
                match crate::derive::memory_bandwidth(catalog, chip) {
                    Ok(f) => Arc::make_mut(chip).memory_bandwidth = Known::Fact(f),
                    Err(why) => ctx.err(
                        &path,
                        ErrorKind::Infeasible(format!("{key} cannot be derived: {why}")),
                    ),
                }
            }
        }
        _ => {
            let rules: Vec<&str> = crate::derive::RULES.iter().map(|r| r.0).collect();
            ctx.err(
                &path,
                ErrorKind::UnknownId {
                    kind: "derivation rule",
                    id: key.to_owned(),
                    suggestion: crate::error::suggest(key, rules.into_iter()),
                },
            );
        }
    }
}

fn apply_assumptions(
    ctx: &mut Ctx<'_>,
    map: &BTreeMap<String, RawAssumption>,
    chip: &mut Chip,
    model: &mut Model,
) {
    for (key, a) in map {
        let path = format!("assumptions.{key}");
        let raw = RawFact {
            value: Some(a.value),
            unit: Some(a.unit.clone()),
            sources: Some(vec!["assumption".into()]),
            date: Some("2026".into()),
            confidence: Some("estimate".into()),
            ..RawFact::default()
        };
        let note = a.note.clone().unwrap_or_else(|| "user assumption".into());
        let (target, field) = key.split_once('.').unwrap_or((key.as_str(), ""));
        match target {
            "chip" if CHIP_ASSUMABLE.contains(&field) => {
                macro_rules! set {
                    ($f:ident, $units:expr) => {
                        if let Some(Known::Fact(f)) =
                            ctx.fact(&path, Some(&raw), $units, resolve::REQ)
                        {
                            chip.$f = Known::with(f.value, Provenance::assumption(note.clone()));
                        }
                    };
                }
                match field {
                    "memory" => set!(memory, resolve::MEMORY),
                    "memory_bandwidth" => set!(memory_bandwidth, resolve::BANDWIDTH),
                    "bf16_dense" => set!(bf16_dense, resolve::COMPUTE),
                    "fp8_dense" => set!(fp8_dense, resolve::COMPUTE),
                    "fp4_dense" => set!(fp4_dense, resolve::COMPUTE),
                    "int8_dense" => set!(int8_dense, resolve::INT_COMPUTE),
                    "tdp" => set!(tdp, resolve::POWER),
                    _ => set!(scale_up_bandwidth, resolve::BANDWIDTH),
                }
            }
            "model" if MODEL_ASSUMABLE.contains(&field) => {
                let params =
                    |ctx: &mut Ctx<'_>| ctx.fact(&path, Some(&raw), resolve::PARAMS, resolve::REQ);
                match field {
                    "total_params" => {
                        if let Some(Known::Fact(f)) = params(ctx) {
                            model.total_params =
                                Known::with(f.value, Provenance::assumption(note.clone()));
                        }
                    }
                    "active_params" => {
                        if let Some(Known::Fact(f)) = params(ctx) {
                            model.active_params =
                                Known::with(f.value, Provenance::assumption(note.clone()));
                        }
                    }
                    _ => {
                        let units: &[Unit<f64>] = if matches!(
                            field,
                            "context_length" | "index_topk" | "sliding_window"
                        ) {
                            resolve::TOKENS
                        } else {
                            resolve::COUNT
                        };
                        if let Some(Known::Fact(f)) =
                            ctx.fact(&path, Some(&raw), units, resolve::REQ_COUNT)
                        {
                            let k = Known::with(f.value, Provenance::assumption(note.clone()));
                            let a = &mut model.arch;
                            match field {
                                "context_length" => model.context_length = k,
                                "layers" => a.layers = Some(k),
                                "hidden_size" => a.hidden_size = Some(k),
                                "num_heads" => a.num_heads = Some(k),
                                "num_kv_heads" => a.num_kv_heads = Some(k),
                                "head_dim" => a.head_dim = Some(k),
                                "kv_lora_rank" => a.kv_lora_rank = Some(k),
                                "qk_rope_head_dim" => a.qk_rope_head_dim = Some(k),
                                "index_topk" => a.index_topk = Some(k),
                                "full_attention_interval" => a.full_attention_interval = Some(k),
                                "sliding_window" => a.sliding_window = Some(k),
                                "sliding_window_interval" => a.sliding_window_interval = Some(k),
                                "experts_routed" => a.experts_routed = Some(k),
                                _ => a.experts_per_token = Some(k),
                            }
                        }
                    }
                }
            }
            _ => {
                let valid: Vec<String> = CHIP_ASSUMABLE
                    .iter()
                    .map(|f| format!("chip.{f}"))
                    .chain(MODEL_ASSUMABLE.iter().map(|f| format!("model.{f}")))
                    .collect();
                let suggestion = crate::error::suggest(key, valid.iter().map(String::as_str));
                ctx.err(
                    path,
                    ErrorKind::UnknownId { kind: "assumption key", id: key.clone(), suggestion },
                );
            }
        }
    }
}

/// Records a used fact or reports it missing. Returns the value when known.
fn need<T: Copy>(
    ctx: &mut Ctx<'_>,
    facts: &mut Vec<UsedFact>,
    record: &str,
    field: &'static str,
    known: Option<&Known<T>>,
    shown: impl Fn(T) -> Shown,
) -> Option<T> {
    match known {
        Some(Known::Fact(f)) => {
            facts.push(UsedFact {
                field,
                record: record.to_owned(),
                value: shown(f.value),
                provenance: std::sync::Arc::clone(&f.provenance),
            });
            Some(f.value)
        }
        Some(Known::Missing { reason }) => {
            ctx.err(
                "",
                ErrorKind::MissingFact {
                    fact: format!("{record}.{}", field.split_once('.').map_or(field, |x| x.1)),
                    reason: reason.clone(),
                    hint: assumption_hint(field),
                },
            );
            None
        }
        None => {
            ctx.err(
                "",
                ErrorKind::MissingFact {
                    fact: format!("{record}.{}", field.split_once('.').map_or(field, |x| x.1)),
                    reason: "the record does not have this field".into(),
                    hint: assumption_hint(field),
                },
            );
            None
        }
    }
}

fn chip_numbers(
    ctx: &mut Ctx<'_>,
    chip: &Chip,
    compute: Precision,
    facts: &mut Vec<UsedFact>,
    warnings: &mut Vec<String>,
) -> Option<ChipNumbers> {
    let id = chip.id.as_str();
    let memory =
        need(ctx, facts, id, "chip.memory", Some(&chip.memory), |b: Bytes| Shown::Gb(b.as_gb()));
    let bw = need(
        ctx,
        facts,
        id,
        "chip.memory_bandwidth",
        Some(&chip.memory_bandwidth),
        |b: BytesPerSecond| Shown::GbPerS(b.as_gb_per_s()),
    );
    let field = Chip::compute_path(compute);
    let flops = need(ctx, facts, id, field, Some(chip.compute(compute)), |f: FlopsPerSecond| {
        Shown::Tflops(f.as_tflops())
    });
    let link = match &chip.scale_up_bandwidth {
        Known::Fact(f) => {
            facts.push(UsedFact {
                field: "chip.scale_up_bandwidth",
                record: id.to_owned(),
                value: Shown::GbPerS(f.value.as_gb_per_s()),
                provenance: std::sync::Arc::clone(&f.provenance),
            });
            Some(f.value / 2.0)
        }
        Known::Missing { .. } => None,
    };
    let tdp = chip.tdp.fact().map(|f| {
        facts.push(UsedFact {
            field: "chip.tdp",
            record: id.to_owned(),
            value: Shown::Watts(f.value.raw()),
            provenance: std::sync::Arc::clone(&f.provenance),
        });
        f.value
    });
    if tdp.is_none() {
        warnings.push(format!("{id}.tdp is missing: power and energy cost are not computed"));
    }
    Some(ChipNumbers {
        memory: memory?,
        memory_bandwidth: bw?,
        compute: flops?,
        link_one_way: link,
        tdp,
    })
}

fn model_numbers(
    ctx: &mut Ctx<'_>,
    model: &Model,
    facts: &mut Vec<UsedFact>,
    warnings: &mut Vec<String>,
) -> Option<ModelNumbers> {
    let id = model.id.as_str();
    let a = &model.arch;
    if matches!(model.attention, AttentionKind::Undisclosed | AttentionKind::Other) {
        ctx.err(
            "model",
            ErrorKind::Infeasible(format!(
                "{id} has {} attention ({}); the performance model cannot size it. Closed models can only be \
                 compared by API price",
                model.attention.label(),
                if model.attention_note.is_empty() { "not described" } else { &model.attention_note }
            )),
        );
        return None;
    }
    let count = Shown::Count;
    let total =
        need(ctx, facts, id, "model.total_params", Some(&model.total_params), |p: Params| {
            Shown::Billions(p.as_billions())
        });
    let active =
        need(ctx, facts, id, "model.active_params", Some(&model.active_params), |p: Params| {
            Shown::Billions(p.as_billions())
        });
    let layers = need(ctx, facts, id, "model.layers", a.layers.as_ref(), count);
    let hidden = need(ctx, facts, id, "model.hidden_size", a.hidden_size.as_ref(), count);
    let heads = need(ctx, facts, id, "model.num_heads", a.num_heads.as_ref(), count);
    let context_length = model.context_length.value();

    let attention = match model.attention {
        AttentionKind::Mla | AttentionKind::MlaDsa => {
            let rank = need(ctx, facts, id, "model.kv_lora_rank", a.kv_lora_rank.as_ref(), count);
            let rope =
                need(ctx, facts, id, "model.qk_rope_head_dim", a.qk_rope_head_dim.as_ref(), count);
            let cap = if model.attention == AttentionKind::MlaDsa {
                need(ctx, facts, id, "model.index_topk", a.index_topk.as_ref(), count)
            } else {
                None
            };
            if model.attention == AttentionKind::MlaDsa {
                warnings.push(format!(
                    "{id}: the DeepSeek Sparse Attention indexer's own key cache and scoring pass are not modelled"
                ));
            }
            match (rank, rope, heads, layers) {
                (Some(r), Some(rope), Some(h), Some(l)) => Some(AttentionNumbers {
                    kind: model.attention,
                    kv_elements_per_layer: r + rope,
                    full_layers: l,
                    window_layers: 0.0,
                    window: 0.0,
                    read_cap: cap,
                    // Absorbed MLA: QK over (rank + rope), AV over rank, per head.
                    flops_per_context_token_per_layer: 2.0 * h * (2.0 * r + rope),
                }),
                _ => None,
            }
        }
        _ => {
            let kv = need(ctx, facts, id, "model.num_kv_heads", a.num_kv_heads.as_ref(), count);
            let hd = need(ctx, facts, id, "model.head_dim", a.head_dim.as_ref(), count);
            let (full, window_layers, window) = match (model.attention, layers) {
                (AttentionKind::HybridLinear, Some(l)) => {
                    let every = need(
                        ctx,
                        facts,
                        id,
                        "model.full_attention_interval",
                        a.full_attention_interval.as_ref(),
                        count,
                    );
                    warnings.push(format!(
                        "{id}: the linear-attention layers' recurrent state (constant per sequence) is not counted"
                    ));
                    (every.map(|n| (l / n).ceil()), 0.0, 0.0)
                }
                (AttentionKind::SlidingWindow, Some(l)) => {
                    let every = need(
                        ctx,
                        facts,
                        id,
                        "model.sliding_window_interval",
                        a.sliding_window_interval.as_ref(),
                        count,
                    );
                    let w = need(
                        ctx,
                        facts,
                        id,
                        "model.sliding_window",
                        a.sliding_window.as_ref(),
                        count,
                    );
                    match (every, w) {
                        (Some(n), Some(w)) => {
                            let full = (l / n).ceil();
                            (Some(full), l - full, w)
                        }
                        _ => (None, 0.0, 0.0),
                    }
                }
                (_, l) => (l, 0.0, 0.0),
            };
            match (kv, hd, heads, full) {
                (Some(kv), Some(hd), Some(h), Some(full)) => Some(AttentionNumbers {
                    kind: model.attention,
                    kv_elements_per_layer: 2.0 * kv * hd,
                    full_layers: full,
                    window_layers,
                    window,
                    read_cap: None,
                    flops_per_context_token_per_layer: 4.0 * h * hd,
                }),
                _ => None,
            }
        }
    };

    let moe = match (&a.experts_routed, &a.experts_per_token) {
        (Some(e), Some(k)) => {
            let e = need(ctx, facts, id, "model.experts_routed", Some(e), count);
            let k = need(ctx, facts, id, "model.experts_per_token", Some(k), count);
            match (e, k, total, active) {
                (Some(e), Some(k), Some(t), Some(act)) if e > k && t.raw() > act.raw() => {
                    // total = dense + E·p, active = dense + k·p  ⇒  p = (total − active)/(E − k).
                    let per_expert = Params::from_raw((t.raw() - act.raw()) / (e - k));
                    Some(Some(MoeNumbers {
                        experts: e,
                        per_token: k,
                        params_per_expert: per_expert,
                    }))
                }
                (Some(e), Some(k), Some(t), Some(act)) => {
                    ctx.err(
                        "model",
                        ErrorKind::Invalid {
                            got: format!(
                                "{e} experts, {k} per token, {}B total, {}B active",
                                t.as_billions(),
                                act.as_billions()
                            ),
                            expected: "more experts than experts per token, and more total than active parameters".into(),
                        },
                    );
                    None
                }
                _ => None,
            }
        }
        _ => Some(None),
    };
    let (Some(total), Some(active), Some(layers), Some(hidden), Some(attention), Some(moe)) =
        (total, active, layers, hidden, attention, moe)
    else {
        return None;
    };
    let dense = match moe {
        Some(m) => Params::from_raw(active.raw() - m.per_token * m.params_per_expert.raw()),
        None => active,
    };
    Some(ModelNumbers {
        total_params: total,
        active_params: active,
        dense_params: dense,
        layers,
        hidden,
        attention,
        moe,
        context_length,
    })
}
