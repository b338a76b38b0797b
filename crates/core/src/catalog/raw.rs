//! The `data/` file formats as serde DTOs: parsed as written, validated later by `resolve`.
//!
//! **Architecture Invariant:** these types mirror the JSON exactly (`deny_unknown_fields`) and
//! carry no logic. Domain types never derive serde; `resolve` turns these into them.

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// A number with its unit and provenance, or the reason it is missing.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawFact {
    /// The value (finite, positive unless the field says otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// The unit the source used; each field lists the units it accepts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// `[low, high]` when the source gives a range; `value` is then the midpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<[f64; 2]>,
    /// Source ids from `data/sources.json`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sources: Option<Vec<String>>,
    /// When the value was published or retrieved: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Qn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// official | reported | estimate | rumour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<String>,
    /// Free-text remark (a contradiction, a derivation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// For a fact nobody published: why it is missing. Excludes `value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing: Option<String>,
}

/// `data/catalog.json`: the dataset's version.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCatalogMeta {
    /// Format version of the file (1).
    pub schema_version: u32,
    /// Dataset version, shown on every result and chart.
    pub catalog_version: String,
    /// When the facts were compiled.
    pub as_of: String,
    /// What the dataset is.
    #[serde(default)]
    pub description: String,
}

/// `data/sources.json`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawSourcesFile {
    /// Format version of the file (1).
    pub schema_version: u32,
    /// Every source a fact may cite.
    pub sources: Vec<RawSource>,
}

/// One citable source.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// Short id that facts cite.
    pub id: String,
    /// URL or document reference.
    pub reference: String,
    /// What kind of source (vendor docs, press, community...).
    pub kind: String,
}

/// `data/chips.json`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawChipsFile {
    /// Format version of the file (1).
    pub schema_version: u32,
    /// Accelerators.
    pub chips: Vec<RawChip>,
}

/// One accelerator, as written in `data/chips.json`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)] // Field meanings are documented in docs/data-format.md.
pub struct RawChip {
    pub id: String,
    pub name: String,
    pub vendor: String,
    pub origin: String,
    #[serde(default)]
    pub category: String,
    pub status: String,
    #[serde(default)]
    pub release: Option<String>,
    #[serde(default)]
    pub memory_type: Option<String>,
    #[serde(default)]
    pub scale_up_interconnect: Option<String>,
    #[serde(default)]
    pub china_export_status: Option<String>,
    pub memory: Option<RawFact>,
    pub memory_bandwidth: Option<RawFact>,
    pub bf16_dense: Option<RawFact>,
    pub fp8_dense: Option<RawFact>,
    pub fp4_dense: Option<RawFact>,
    pub int8_dense: Option<RawFact>,
    pub tdp: Option<RawFact>,
    pub scale_up_bandwidth: Option<RawFact>,
    pub price: Option<RawFact>,
    #[serde(default)]
    pub notes: String,
}

/// `data/systems.json`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawSystemsFile {
    /// Format version of the file (1).
    pub schema_version: u32,
    /// Nodes, racks, supernodes and pods.
    pub systems: Vec<RawSystem>,
}

/// One node, rack, supernode or pod, as written in `data/systems.json`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)] // Field meanings are documented in docs/data-format.md.
pub struct RawSystem {
    pub id: String,
    pub name: String,
    pub vendor: String,
    pub origin: String,
    pub kind: String,
    #[serde(default)]
    pub accelerator: Option<String>,
    #[serde(default)]
    pub accelerator_note: String,
    #[serde(default)]
    pub scale_up_fabric: Option<String>,
    #[serde(default)]
    pub release: Option<String>,
    pub accelerators: Option<RawFact>,
    pub accelerators_per_node: Option<RawFact>,
    pub racks: Option<RawFact>,
    pub scale_up_domain: Option<RawFact>,
    pub total_memory: Option<RawFact>,
    pub power: Option<RawFact>,
    pub price: Option<RawFact>,
    #[serde(default)]
    pub notes: String,
}

/// `data/models.json`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawModelsFile {
    /// Format version of the file (1).
    pub schema_version: u32,
    /// Open and closed models.
    pub models: Vec<RawModel>,
}

/// One model, as written in `data/models.json` (or inline in a scenario).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)] // Field meanings are documented in docs/data-format.md.
pub struct RawModel {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub developer: String,
    #[serde(default)]
    pub origin: String,
    #[serde(default)]
    pub release_date: Option<String>,
    pub openness: String,
    #[serde(default)]
    pub licence: Option<String>,
    #[serde(default)]
    pub modality: String,
    #[serde(default)]
    pub native_precision: Option<String>,
    #[serde(default)]
    pub precision_note: Option<String>,
    pub attention: String,
    #[serde(default)]
    pub attention_note: String,
    pub total_params: Option<RawFact>,
    pub active_params: Option<RawFact>,
    pub context_length: Option<RawFact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layers: Option<RawFact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden_size: Option<RawFact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intermediate_size: Option<RawFact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moe_intermediate_size: Option<RawFact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_heads: Option<RawFact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_kv_heads: Option<RawFact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head_dim: Option<RawFact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vocab_size: Option<RawFact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kv_lora_rank: Option<RawFact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qk_rope_head_dim: Option<RawFact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q_lora_rank: Option<RawFact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_topk: Option<RawFact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_attention_interval: Option<RawFact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sliding_window: Option<RawFact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sliding_window_interval: Option<RawFact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experts_routed: Option<RawFact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experts_per_token: Option<RawFact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experts_shared: Option<RawFact>,
    #[serde(default)]
    pub api_prices: Vec<RawApiPrice>,
    #[serde(default)]
    pub notes: String,
}

/// One provider's API price for a model.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)] // Field meanings are documented in docs/data-format.md.
pub struct RawApiPrice {
    pub provider: String,
    pub currency: String,
    pub as_of: String,
    pub sources: Vec<String>,
    pub confidence: String,
    pub input_per_mtok: Option<f64>,
    pub output_per_mtok: Option<f64>,
    #[serde(default)]
    pub cached_input_per_mtok: Option<f64>,
    #[serde(default)]
    pub note: Option<String>,
}

/// `data/calibration.json`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCalibrationFile {
    /// Format version of the file (1).
    pub schema_version: u32,
    /// Published measurements.
    pub records: Vec<RawCalibrationRecord>,
}

/// One published inference measurement.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)] // Field meanings are documented in docs/data-format.md.
pub struct RawCalibrationRecord {
    pub id: String,
    pub source: String,
    pub chip: String,
    pub chip_count: u32,
    pub model: String,
    pub hardware_label: String,
    pub model_label: String,
    #[serde(default)]
    pub model_hf_id: Option<String>,
    #[serde(default)]
    pub precision_label: Option<String>,
    #[serde(default)]
    pub weight_precision: Option<String>,
    #[serde(default)]
    pub kv_precision: Option<String>,
    pub framework: String,
    pub tensor_parallel: Option<u32>,
    pub pipeline_parallel: Option<u32>,
    pub expert_parallel: Option<u32>,
    pub data_parallel: Option<u32>,
    pub batch_size: Option<u32>,
    pub concurrency: Option<u32>,
    pub input_len: Option<u32>,
    pub output_len: Option<u32>,
    pub scenario: String,
    pub metric: String,
    pub value: f64,
    #[serde(default)]
    pub notes: String,
}
