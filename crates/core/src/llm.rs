//! Language models as validated domain types: architecture facts, openness, API prices.

use crate::money::Currency;
use crate::precision::Precision;
use crate::provenance::{Confidence, Known};
use crate::units::Params;

/// How openly a model is released.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Openness {
    /// Weights, code and training data (or recipe) under an open licence.
    OpenSource,
    /// Weights downloadable (licence terms in `licence`); training data not released.
    OpenWeight,
    /// Some parts released, others not.
    PartiallyOpen,
    /// API or app only.
    Closed,
    /// The sources do not say.
    Unknown,
}

impl Openness {
    /// The label used in data files.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Openness::OpenSource => "open-source",
            Openness::OpenWeight => "open-weight",
            Openness::PartiallyOpen => "partially-open",
            Openness::Closed => "closed",
            Openness::Unknown => "unknown",
        }
    }

    /// Parses a data-file label.
    #[must_use]
    pub fn from_label(s: &str) -> Option<Self> {
        [
            Openness::OpenSource,
            Openness::OpenWeight,
            Openness::PartiallyOpen,
            Openness::Closed,
            Openness::Unknown,
        ]
        .into_iter()
        .find(|o| o.label() == s)
    }
}

/// The attention design, which decides the KV cache's size and the attention's cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AttentionKind {
    /// Multi-head attention: one K and V head per query head.
    Mha,
    /// Grouped-query attention: `num_kv_heads` K/V heads shared by groups of query heads.
    Gqa,
    /// Multi-head latent attention (DeepSeek): one compressed latent per token per layer.
    Mla,
    /// MLA plus DeepSeek Sparse Attention: each query attends to the `index_topk` best tokens.
    MlaDsa,
    /// Linear-attention layers (constant state) with a full-attention layer every N.
    HybridLinear,
    /// Sliding-window layers with a full-attention layer every N.
    SlidingWindow,
    /// A published design the performance model does not cover yet.
    Other,
    /// Not disclosed (closed models).
    Undisclosed,
}

impl AttentionKind {
    /// The label used in data files.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            AttentionKind::Mha => "mha",
            AttentionKind::Gqa => "gqa",
            AttentionKind::Mla => "mla",
            AttentionKind::MlaDsa => "mla-dsa",
            AttentionKind::HybridLinear => "hybrid-linear",
            AttentionKind::SlidingWindow => "sliding-window",
            AttentionKind::Other => "other",
            AttentionKind::Undisclosed => "undisclosed",
        }
    }

    /// Parses a data-file label.
    #[must_use]
    pub fn from_label(s: &str) -> Option<Self> {
        [
            AttentionKind::Mha,
            AttentionKind::Gqa,
            AttentionKind::Mla,
            AttentionKind::MlaDsa,
            AttentionKind::HybridLinear,
            AttentionKind::SlidingWindow,
            AttentionKind::Other,
            AttentionKind::Undisclosed,
        ]
        .into_iter()
        .find(|k| k.label() == s)
    }

    /// True when the attention keeps a latent (MLA) rather than per-head K and V.
    #[must_use]
    pub fn is_latent(self) -> bool {
        matches!(self, AttentionKind::Mla | AttentionKind::MlaDsa)
    }
}

/// One provider's API price for a model, per million tokens.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiPrice {
    /// Who sells it.
    pub provider: String,
    /// Price currency.
    pub currency: Currency,
    /// When the price was seen.
    pub as_of: String,
    /// Source ids.
    pub sources: Vec<String>,
    /// How far the price can be trusted.
    pub confidence: Confidence,
    /// Price per million input tokens, when given.
    pub input_per_mtok: Option<f64>,
    /// Price per million output tokens, when given.
    pub output_per_mtok: Option<f64>,
    /// Price per million cached input tokens, when given.
    pub cached_input_per_mtok: Option<f64>,
    /// Remark (tiers, caveats).
    pub note: Option<String>,
}

/// A model's architecture facts. Counts are plain `f64` facts (validated as whole numbers).
///
/// A field is `None` when it does not apply (an MLA rank on a GQA model), and
/// `Some(Known::Missing)` when it applies but nobody published it.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)] // One field per config.json key; documented in docs/data-format.md.
pub struct Architecture {
    pub layers: Option<Known<f64>>,
    pub hidden_size: Option<Known<f64>>,
    pub intermediate_size: Option<Known<f64>>,
    pub moe_intermediate_size: Option<Known<f64>>,
    pub num_heads: Option<Known<f64>>,
    pub num_kv_heads: Option<Known<f64>>,
    pub head_dim: Option<Known<f64>>,
    pub vocab_size: Option<Known<f64>>,
    pub kv_lora_rank: Option<Known<f64>>,
    pub qk_rope_head_dim: Option<Known<f64>>,
    pub q_lora_rank: Option<Known<f64>>,
    pub index_topk: Option<Known<f64>>,
    pub full_attention_interval: Option<Known<f64>>,
    pub sliding_window: Option<Known<f64>>,
    pub sliding_window_interval: Option<Known<f64>>,
    pub experts_routed: Option<Known<f64>>,
    pub experts_per_token: Option<Known<f64>>,
    pub experts_shared: Option<Known<f64>>,
}

/// A language (or multimodal) model.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// Catalog id (`glm-5`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Developer.
    pub developer: String,
    /// ISO 3166 alpha-2 country of the developer.
    pub origin: String,
    /// Release date as the sources give it.
    pub release_date: Option<String>,
    /// How openly it is released.
    pub openness: Openness,
    /// Licence, with its conditions.
    pub licence: Option<String>,
    /// Inputs and outputs (`text`, `text+image in, text out`).
    pub modality: String,
    /// The released weights' main format.
    pub native_precision: Option<Precision>,
    /// What the sources say about precision.
    pub precision_note: Option<String>,
    /// Attention design.
    pub attention: AttentionKind,
    /// The sources' own description of the attention.
    pub attention_note: String,
    /// All parameters.
    pub total_params: Known<Params>,
    /// Parameters used per token (equal to total for dense models).
    pub active_params: Known<Params>,
    /// Native context window, in tokens.
    pub context_length: Known<f64>,
    /// Architecture facts.
    pub arch: Architecture,
    /// API prices, newest first as the catalog lists them.
    pub api_prices: Vec<ApiPrice>,
    /// Free-text notes.
    pub notes: String,
}

impl Model {
    /// True for a mixture-of-experts model.
    #[must_use]
    pub fn is_moe(&self) -> bool {
        self.arch.experts_routed.is_some()
    }
}
