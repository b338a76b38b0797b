//! Import of a model from a Hugging Face `config.json` into a [`RawModel`].
//!
//! **What it reads.** The decoder's shape (`hidden_size`, `num_hidden_layers`,
//! `num_attention_heads`, `num_key_value_heads`, `head_dim`, `vocab_size`,
//! `max_position_embeddings`, FFN widths), the attention design and the mixture of experts, for the
//! common families: Llama / Mistral / Qwen2 / Qwen3 (GQA or MHA), Mixtral / Qwen2-MoE / Qwen3-MoE,
//! DeepSeek-V2/V3/V3.2, Kimi K2 and GLM-5 (MLA, with DeepSeek Sparse Attention when `index_topk`
//! is given), GLM-4.5/4.6 (`glm4_moe`), Qwen3-Next / Qwen3.5 (linear attention with a
//! full-attention layer every N), gpt-oss and Gemma (sliding-window layers), Mistral's
//! `sliding_window`, and Llama 4 (interleaved MoE layers). Multimodal configs that nest the language
//! model under `text_config` (Qwen3.5, Llama 4, Kimi K2.5) are read from there. The weights'
//! precision comes from `quantization_config`, else from `torch_dtype` / `dtype`.
//!
//! **What it cannot know.** A config carries no licence, developer, origin, release date or API
//! price: those are left empty (`licence` null, `developer` and `origin` ""). The parameter counts
//! are computed from the shapes (the private `param_counts` documents the formula): layer norms, biases,
//! vision towers and multi-token-prediction layers (`num_nextn_predict_layers`) are not counted,
//! and every FFN is taken as gated (three matrices). An unknown `model_type` with the generic fields
//! still imports, as GQA or MHA, with a note saying it was not specifically recognised.
//!
//! **How facts are labelled.** Every fact cites the source `hf-config`, is dated `2026` (the year
//! the config was retrieved) and is `official` when read from the config as written, `estimate`
//! when derived (a `head_dim` computed as `hidden_size / num_attention_heads`, an interval counted
//! from `layer_types`, the parameter counts), with the derivation in `note`.

use serde_json::{Map, Value};

use crate::catalog::raw::{RawFact, RawModel};
use crate::error::{Error, ErrorKind, Errors};

/// The file name errors carry when the config came as a value, not a file.
const FILE: &str = "hf config";
/// The source id every imported fact cites.
const SOURCE: &str = "hf-config";
/// Retrieval year of the imported facts.
const DATE: &str = "2026";
/// The note on computed parameter counts.
const PARAMS_NOTE: &str = "computed from config.json by rackscope (formula in hf.rs)";

/// Model types whose config layout this importer knows.
const KNOWN_TYPES: &[&str] = &[
    "llama",
    "mistral",
    "ministral",
    "mistral3",
    "qwen2",
    "qwen3",
    "mixtral",
    "qwen2_moe",
    "qwen3_moe",
    "deepseek_v2",
    "deepseek_v3",
    "deepseek_v32",
    "kimi_k2",
    "kimi_k25",
    "glm4_moe",
    "glm_moe_dsa",
    "qwen3_next",
    "qwen3_5",
    "qwen3_5_text",
    "qwen3_5_moe",
    "qwen3_5_moe_text",
    "gpt_oss",
    "gemma2",
    "gemma3",
    "gemma3_text",
    "llama4",
    "llama4_text",
];

/// Parses config.json text and imports it.
///
/// Errors name `file` and the config key path.
///
/// # Errors
///
/// The text is not JSON, or [`import_value`] rejects it.
pub fn import_str(file: &str, text: &str, id: &str) -> Result<RawModel, Errors> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| Error::new(file, "", ErrorKind::Syntax(e.to_string())))?;
    import_value(&value, id).map_err(|errors| {
        Errors(errors.0.into_iter().map(|e| Error { file: file.to_owned(), ..e }).collect())
    })
}

/// Imports an already-parsed config.json object. Errors use file "hf config" and a path = the
/// config key.
///
/// # Errors
///
/// One [`Error`] per problem: the config is not an object, lacks `hidden_size`,
/// `num_hidden_layers`, `num_attention_heads` or `vocab_size` (or what its attention or experts
/// need), or has a value that is not a number, negative, zero where it must not be, fractional, or
/// implausibly large.
pub fn import_value(config: &Value, id: &str) -> Result<RawModel, Errors> {
    let Some(root) = config.as_object() else {
        return Err(Error::new(
            FILE,
            "",
            ErrorKind::Invalid {
                got: json_kind(config).into(),
                expected: "a JSON object (the contents of config.json)".into(),
            },
        )
        .into());
    };
    let mut cfg = Cfg::new(root);
    let imported = import(&mut cfg, id);
    match imported {
        Some(model) if cfg.errors.is_empty() => Ok(model),
        _ if !cfg.errors.is_empty() => Err(Errors(cfg.errors)),
        _ => Err(Error::new(
            FILE,
            "",
            ErrorKind::Invalid {
                got: "a config rackscope could not interpret".into(),
                expected: "a decoder-only language model's config.json".into(),
            },
        )
        .into()),
    }
}

/// A numeric field's accepted range and its description in errors.
#[derive(Clone, Copy)]
struct Lim {
    min: f64,
    max: f64,
    expected: &'static str,
}

const LAYERS: Lim = Lim { min: 1.0, max: 1e4, expected: "a whole number between 1 and 10000" };
const WIDTH: Lim = Lim { min: 1.0, max: 1e6, expected: "a whole number between 1 and 1000000" };
const HEADS: Lim = Lim { min: 1.0, max: 1e5, expected: "a whole number between 1 and 100000" };
const DIM: Lim = HEADS;
const VOCAB: Lim = Lim { min: 1.0, max: 1e8, expected: "a whole number between 1 and 100000000" };
const FFN: Lim = Lim { min: 1.0, max: 1e7, expected: "a whole number between 1 and 10000000" };
const FFN0: Lim = Lim { min: 0.0, max: 1e7, expected: "a whole number between 0 and 10000000" };
const EXPERTS0: Lim = Lim { min: 0.0, max: 1e6, expected: "a whole number between 0 and 1000000" };
const PER_TOKEN: Lim = Lim { min: 1.0, max: 1e6, expected: "a whole number between 1 and 1000000" };
const SHARED: Lim = Lim { min: 0.0, max: 1e3, expected: "a whole number between 0 and 1000" };
const STEP: Lim = LAYERS;
const DENSE_K: Lim = Lim { min: 0.0, max: 1e4, expected: "a whole number between 0 and 10000" };
const TOKENS: Lim = Lim { min: 1.0, max: 1e9, expected: "a whole number between 1 and 1000000000" };

/// The config being read: the object holding the language model's fields first (`text_config` for
/// multimodal configs), the other second. Collects every problem found.
struct Cfg<'a> {
    primary: &'a Map<String, Value>,
    prefix: &'static str,
    secondary: Option<(&'a Map<String, Value>, &'static str)>,
    errors: Vec<Error>,
}

impl<'a> Cfg<'a> {
    fn new(root: &'a Map<String, Value>) -> Self {
        let mut errors = Vec::new();
        let text = match root.get("text_config") {
            None | Some(Value::Null) => None,
            Some(Value::Object(t)) => Some(t),
            Some(other) => {
                errors.push(Error::new(
                    FILE,
                    "text_config",
                    ErrorKind::Invalid {
                        got: json_kind(other).into(),
                        expected: "an object (the language model's config)".into(),
                    },
                ));
                None
            }
        };
        let top_has_shape = ["hidden_size", "num_hidden_layers"]
            .iter()
            .any(|k| root.get(*k).is_some_and(|v| !v.is_null()));
        match text {
            Some(t) if !top_has_shape => {
                Cfg { primary: t, prefix: "text_config.", secondary: Some((root, "")), errors }
            }
            Some(t) => {
                Cfg { primary: root, prefix: "", secondary: Some((t, "text_config.")), errors }
            }
            None => Cfg { primary: root, prefix: "", secondary: None, errors },
        }
    }

    /// The value at `key` (not null) and its path, from the primary object first.
    fn get(&self, key: &str) -> Option<(&'a Value, String)> {
        if let Some(v) = self.primary.get(key).filter(|v| !v.is_null()) {
            return Some((v, format!("{}{key}", self.prefix)));
        }
        let (map, prefix) = self.secondary?;
        map.get(key).filter(|v| !v.is_null()).map(|v| (v, format!("{prefix}{key}")))
    }

    fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Where a missing field is reported.
    fn path(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    fn invalid(&mut self, path: String, got: String, expected: impl Into<String>) {
        self.errors.push(Error::new(
            FILE,
            path,
            ErrorKind::Invalid { got, expected: expected.into() },
        ));
    }

    fn missing(&mut self, key: &str, expected: &'static str) {
        let path = self.path(key);
        self.errors.push(Error::new(FILE, path, ErrorKind::MissingField(expected)));
    }

    /// An optional whole number in `lim`; absent or null is `None`, anything else invalid is an error.
    fn num(&mut self, key: &str, lim: Lim) -> Option<f64> {
        let (v, path) = self.get(key)?;
        let n = v
            .as_f64()
            .filter(|n| n.is_finite() && *n >= lim.min && *n <= lim.max && n.fract().abs() <= 0.0);
        if n.is_none() {
            self.invalid(path, v.to_string(), lim.expected);
        }
        n
    }

    /// A required whole number in `lim`.
    fn req(&mut self, key: &str, lim: Lim) -> Option<f64> {
        if !self.has(key) {
            self.missing(key, lim.expected);
            return None;
        }
        self.num(key, lim)
    }

    fn flag(&mut self, key: &str) -> Option<bool> {
        let (v, path) = self.get(key)?;
        let b = v.as_bool();
        if b.is_none() {
            self.invalid(path, v.to_string(), "true or false");
        }
        b
    }

    fn string(&mut self, key: &str) -> Option<&'a str> {
        let (v, path) = self.get(key)?;
        let s = v.as_str();
        if s.is_none() {
            self.invalid(path, v.to_string(), "a string");
        }
        s
    }

    /// A list of strings (`layer_types`, `mlp_layer_types`).
    fn strings(&mut self, key: &str) -> Option<Vec<&'a str>> {
        let (v, path) = self.get(key)?;
        let list =
            v.as_array().and_then(|a| a.iter().map(Value::as_str).collect::<Option<Vec<_>>>());
        if list.is_none() {
            self.invalid(path, v.to_string(), "a list of strings");
        }
        list
    }

    /// A list of layer indices (`mlp_only_layers`).
    fn indices(&mut self, key: &str) -> Option<Vec<u64>> {
        let (v, path) = self.get(key)?;
        let list =
            v.as_array().and_then(|a| a.iter().map(Value::as_u64).collect::<Option<Vec<_>>>());
        if list.is_none() {
            self.invalid(path, v.to_string(), "a list of layer indices");
        }
        list
    }
}

/// A JSON value's kind, for "got" in errors.
fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A fact read from (or derived from) the config.
fn fact(value: f64, unit: &str, official: bool, note: Option<String>) -> RawFact {
    RawFact {
        value: Some(value),
        unit: Some(unit.into()),
        sources: Some(vec![SOURCE.into()]),
        date: Some(DATE.into()),
        confidence: Some(if official { "official" } else { "estimate" }.into()),
        note,
        ..RawFact::default()
    }
}

fn count(value: f64) -> RawFact {
    fact(value, "count", true, None)
}

fn tokens(value: f64) -> RawFact {
    fact(value, "tokens", true, None)
}

/// The attention design detected, with what its parameter count needs.
enum Attn {
    /// Per-head K/V (MHA or GQA), possibly with windowed or linear-attention layers.
    Heads { kv: f64, head_dim: f64, gate: bool, linear: Option<Linear> },
    /// Multi-head latent attention, optionally with a DSA indexer.
    Latent { q_lora: Option<f64>, kv_lora: f64, rope: f64, nope: f64, v: f64, indexer: f64 },
}

/// Gated DeltaNet (linear attention) widths, from `linear_*`.
struct Linear {
    layers: f64,
    key_heads: f64,
    key_dim: f64,
    value_heads: f64,
    value_dim: f64,
    conv: f64,
}

/// The mixture of experts, as the parameter count needs it.
struct Moe {
    routed: f64,
    per_token: f64,
    expert_width: f64,
    shared: f64,
    shared_width: f64,
    moe_layers: f64,
}

/// What [`param_counts`] needs.
struct Shape {
    layers: f64,
    hidden: f64,
    heads: f64,
    vocab: f64,
    tied: bool,
    dense_width: Option<f64>,
    attn: Attn,
    moe: Option<Moe>,
}

/// Total and active parameters, in parameters (not billions).
///
/// With `h` = `hidden_size`, `L` = layers, `V` = `vocab_size`, `n_h` heads of `d` = `head_dim`,
/// `n_kv` K/V heads:
///
/// ```text
/// embeddings   = V·h, plus V·h for lm_head unless tie_word_embeddings
/// attention    GQA/MHA/windowed: h·n_h·d·(2 if attn_output_gate else 1) + 2·h·n_kv·d + n_h·d·h
///              MLA: [h·q_lora + q_lora·n_h·(nope+rope)] or h·n_h·(nope+rope) without q_lora
///                   + h·(kv_lora+rope) + kv_lora·n_h·(nope+v) + n_h·v·h
///                   + DSA indexer q_lora·(idx_heads·idx_dim) + h·idx_dim + h·idx_heads
///              linear (Gated DeltaNet) layer: h·(2·nk·dk + 2·nv·dv) + h·2·nv + nv·dv·h
///                   + (2·nk·dk + nv·dv)·conv_kernel
/// dense layer  = 3·h·intermediate_size                     (gated SiLU: gate, up, down)
/// MoE layer    = E·3·h·moe_inter + S·3·h·shared_inter + h·E (router)
/// total        = embeddings + Σ attention + dense layers + MoE layers
/// active       = total − (E − k)·3·h·moe_inter per MoE layer
///                − V·h for the input embedding when untied (a row lookup, not a weight read;
///                  DeepSeek-V3's 36.6B and gpt-oss-120b's 5.1B active are counted so)
/// ```
///
/// MoE layers are those at index `i` with `i ≥ first_k_dense_replace`, `i % moe_layer_freq = 0`,
/// `(i+1) % decoder_sparse_step (or interleave_moe_layer_step) = 0` and `i` not in
/// `mlp_only_layers`, or the `"sparse"` entries of `mlp_layer_types`. Layer norms, biases and
/// multi-token-prediction layers are ignored (well under 1 %).
fn param_counts(s: &Shape) -> (f64, f64) {
    let h = s.hidden;
    let embed = s.vocab * h;
    let head = if s.tied { 0.0 } else { embed };
    let attention = match &s.attn {
        Attn::Heads { kv, head_dim, gate, linear } => {
            let d = *head_dim;
            let q = h * s.heads * d * if *gate { 2.0 } else { 1.0 };
            let full = q + 2.0 * h * kv * d + s.heads * d * h;
            match linear {
                Some(lin) => {
                    let qk = 2.0 * lin.key_heads * lin.key_dim;
                    let v = lin.value_heads * lin.value_dim;
                    let one = h * (qk + 2.0 * v)
                        + h * 2.0 * lin.value_heads
                        + v * h
                        + (qk + v) * lin.conv;
                    (s.layers - lin.layers) * full + lin.layers * one
                }
                None => s.layers * full,
            }
        }
        Attn::Latent { q_lora, kv_lora, rope, nope, v, indexer } => {
            let q = match q_lora {
                Some(r) => h * r + r * s.heads * (nope + rope),
                None => h * s.heads * (nope + rope),
            };
            let one = q + h * (kv_lora + rope) + kv_lora * s.heads * (nope + v) + s.heads * v * h;
            s.layers * (one + indexer)
        }
    };
    let (moe_total, moe_inactive, moe_layers) = match &s.moe {
        Some(m) => {
            let expert = 3.0 * h * m.expert_width;
            let layer = m.routed * expert + m.shared * 3.0 * h * m.shared_width + h * m.routed;
            (
                m.moe_layers * layer,
                m.moe_layers * (m.routed - m.per_token).max(0.0) * expert,
                m.moe_layers,
            )
        }
        None => (0.0, 0.0, 0.0),
    };
    let dense = (s.layers - moe_layers) * 3.0 * h * s.dense_width.unwrap_or(0.0);
    let total = embed + head + attention + dense + moe_total;
    let active = total - moe_inactive - if s.tied { 0.0 } else { embed };
    (total, active)
}

/// Billions, to 3 decimals.
fn billions(p: f64) -> f64 {
    (p / 1e6).round() / 1e3
}

/// The import proper; `None` when an error was recorded that prevents building the record.
#[allow(clippy::too_many_lines)] // One linear pass over the config, easier to read unsplit.
fn import(cfg: &mut Cfg<'_>, id: &str) -> Option<RawModel> {
    let mut notes: Vec<String> = Vec::new();

    // Model type: the language model's own when nested, else the top-level one.
    let model_type = cfg.string("model_type");
    let text_type = match cfg.secondary {
        Some((map, "")) => map.get("model_type").and_then(Value::as_str),
        _ => None,
    };
    let types: Vec<&str> = model_type.into_iter().chain(text_type).collect();
    let is = |names: &[&str]| types.iter().any(|t| names.contains(t));
    let recognised = is(KNOWN_TYPES);
    let type_label = types.first().copied().unwrap_or("");
    let mut caveat = String::new();
    if types.is_empty() {
        caveat = "config.json has no model_type; imported from the generic fields".into();
    } else if !recognised {
        caveat = format!(
            "model_type {type_label} not specifically recognised; imported from the generic fields"
        );
    }

    // The generic decoder shape.
    let layers = cfg.req("num_hidden_layers", LAYERS);
    let hidden = cfg.req("hidden_size", WIDTH);
    let heads = cfg.req("num_attention_heads", HEADS);
    let vocab = cfg.req("vocab_size", VOCAB);
    let context = cfg.num("max_position_embeddings", TOKENS);
    let tied = cfg.flag("tie_word_embeddings").unwrap_or(false);
    let intermediate = cfg.num("intermediate_size", FFN);
    let intermediate_mlp = cfg.num("intermediate_size_mlp", FFN);

    // Attention.
    let kv_lora = cfg.num("kv_lora_rank", DIM);
    let layer_types = cfg.strings("layer_types");
    if let (Some(lt), Some(l)) = (&layer_types, layers)
        && (lt.len() as f64 - l).abs() > 0.0
    {
        let path = cfg.get("layer_types").map(|(_, p)| p).unwrap_or_default();
        cfg.invalid(
            path,
            format!("{} entries", lt.len()),
            format!("one entry per layer (num_hidden_layers {l})"),
        );
    }
    let count_of =
        |name: &str| layer_types.as_ref().map(|lt| lt.iter().filter(|t| **t == name).count());
    let linear_layers = count_of("linear_attention").unwrap_or(0);
    let sliding_layers = count_of("sliding_attention").unwrap_or(0);
    let full_layers = count_of("full_attention");

    let mut raw = RawModel {
        id: id.to_owned(),
        name: id.to_owned(),
        openness: "open-weight".into(),
        modality: "text".into(),
        ..RawModel::default()
    };

    let attention: &str;
    let mut attention_note: String;
    let attn: Option<Attn>;
    if let Some(kv_lora) = kv_lora {
        // MLA (DeepSeek-V2/V3/V3.2, Kimi K2, GLM-5).
        let rope = cfg.req("qk_rope_head_dim", DIM);
        let nope = cfg.req("qk_nope_head_dim", DIM);
        let v = cfg.req("v_head_dim", DIM);
        let q_lora = cfg.num("q_lora_rank", DIM);
        let dsa_type = is(&["deepseek_v32", "glm_moe_dsa"]);
        let index_topk = cfg.num("index_topk", TOKENS);
        if dsa_type && index_topk.is_none() && !cfg.has("index_topk") {
            cfg.missing("index_topk", TOKENS.expected);
        }
        let idx_heads = cfg.num("index_n_heads", HEADS);
        let idx_dim = cfg.num("index_head_dim", DIM);
        let indexer = match (idx_heads, idx_dim, hidden) {
            (Some(n), Some(d), Some(h)) => q_lora.unwrap_or(h) * n * d + h * d + h * n,
            _ => 0.0,
        };
        raw.kv_lora_rank = Some(count(kv_lora));
        raw.q_lora_rank = q_lora.map(count);
        if let Some(r) = rope {
            raw.qk_rope_head_dim = Some(count(r));
        }
        let q_desc =
            q_lora.map_or_else(|| "no q_lora_rank".to_owned(), |q| format!("q_lora_rank {q}"));
        let rope_desc = rope.map_or_else(String::new, |r| format!(", qk_rope_head_dim {r}"));
        if let Some(k) = index_topk {
            attention = "mla-dsa";
            raw.index_topk = Some(tokens(k));
            attention_note = format!(
                "MLA with DeepSeek Sparse Attention detected from kv_lora_rank {kv_lora} and index_topk {k} ({q_desc}{rope_desc})"
            );
        } else {
            attention = "mla";
            attention_note =
                format!("MLA detected from kv_lora_rank {kv_lora} ({q_desc}{rope_desc})");
        }
        attn = match (rope, nope, v) {
            (Some(rope), Some(nope), Some(v)) => {
                Some(Attn::Latent { q_lora, kv_lora, rope, nope, v, indexer })
            }
            _ => None,
        };
    } else {
        // Per-head attention: MHA / GQA, possibly hybrid-linear or sliding-window.
        let kv_raw = cfg.num("num_key_value_heads", HEADS);
        let head_dim_raw = cfg.num("head_dim", DIM);
        let kv = kv_raw.or(heads);
        if let (Some(k), Some(n)) = (kv_raw, heads)
            && k > n
        {
            let path = cfg.get("num_key_value_heads").map(|(_, p)| p).unwrap_or_default();
            cfg.invalid(path, k.to_string(), format!("at most num_attention_heads ({n})"));
        }
        let head_dim = match (head_dim_raw, hidden, heads) {
            (Some(d), _, _) => {
                raw.head_dim = Some(count(d));
                Some(d)
            }
            (None, Some(h), Some(n)) => {
                let d = h / n;
                if d.fract().abs() > 0.0 {
                    cfg.missing(
                        "head_dim",
                        "a head_dim (hidden_size / num_attention_heads is not a whole number)",
                    );
                    None
                } else {
                    raw.head_dim = Some(fact(
                        d,
                        "count",
                        false,
                        Some("derived: hidden_size / num_attention_heads".into()),
                    ));
                    Some(d)
                }
            }
            _ => None,
        };
        match (kv_raw, kv) {
            (Some(k), _) => raw.num_kv_heads = Some(count(k)),
            (None, Some(k)) => {
                raw.num_kv_heads = Some(fact(
                    k,
                    "count",
                    false,
                    Some("num_key_value_heads absent: equal to num_attention_heads (MHA)".into()),
                ));
            }
            _ => {}
        }
        let heads_desc = match (kv_raw, heads) {
            (Some(k), Some(n)) if k < n => {
                format!("GQA detected from num_key_value_heads {k} < num_attention_heads {n}")
            }
            (Some(k), Some(n)) => format!("MHA: num_key_value_heads {k} = num_attention_heads {n}"),
            _ => "MHA: no num_key_value_heads, so one K/V head per query head".to_owned(),
        };
        let plain = match (kv_raw, heads) {
            (Some(k), Some(n)) if k < n => "gqa",
            _ => "mha",
        };

        let hybrid_type =
            is(&["qwen3_next", "qwen3_5", "qwen3_5_text", "qwen3_5_moe", "qwen3_5_moe_text"]);
        let interval_cfg = cfg.num("full_attention_interval", STEP);
        let gate = cfg.flag("attn_output_gate").unwrap_or(hybrid_type);
        let mut linear = None;
        let use_sliding = cfg.flag("use_sliding_window").unwrap_or(true);
        let window = cfg.num("sliding_window", TOKENS).filter(|_| use_sliding);
        let window_pattern = cfg.num("sliding_window_pattern", STEP);

        if linear_layers > 0 || interval_cfg.is_some() || hybrid_type {
            attention = "hybrid-linear";
            let l = layers.unwrap_or(0.0);
            let (interval, lin_count, how) = match full_layers.filter(|_| linear_layers > 0) {
                Some(full) => {
                    let (n, note) = interval_from(l, full as f64);
                    (n, linear_layers as f64, note)
                }
                None => match interval_cfg {
                    Some(n) => (Some(n), l - (l / n).floor(), None),
                    None => {
                        cfg.missing("full_attention_interval", STEP.expected);
                        (None, 0.0, None)
                    }
                },
            };
            if let Some(n) = interval {
                raw.full_attention_interval = Some(match (&how, full_layers) {
                    (None, _) if interval_cfg.is_some() && linear_layers == 0 => count(n),
                    (note, _) => fact(
                        n,
                        "count",
                        note.is_none(),
                        note.clone().or_else(|| {
                            Some(format!(
                                "layers / full_attention layers in layer_types ({l} / {})",
                                l / n
                            ))
                        }),
                    ),
                });
            }
            let full_count = interval.map_or(0.0, |n| (l / n).ceil());
            attention_note = format!(
                "Hybrid linear attention detected from {}: {} full_attention of {l} layers (1 in every {}), the rest linear_attention; full-attention layers: {heads_desc}",
                if linear_layers > 0 { "layer_types" } else { "full_attention_interval" },
                full_layers.map_or(full_count, |f| f as f64),
                interval.map_or_else(|| "?".to_owned(), |n| n.to_string()),
            );
            linear = match (
                cfg.num("linear_num_key_heads", HEADS),
                cfg.num("linear_key_head_dim", DIM),
                cfg.num("linear_num_value_heads", HEADS),
                cfg.num("linear_value_head_dim", DIM),
            ) {
                (Some(key_heads), Some(key_dim), Some(value_heads), Some(value_dim)) => {
                    Some(Linear {
                        layers: lin_count,
                        key_heads,
                        key_dim,
                        value_heads,
                        value_dim,
                        conv: cfg.num("linear_conv_kernel_dim", DIM).unwrap_or(4.0),
                    })
                }
                _ => {
                    notes.push("linear-attention widths (linear_*) absent: linear layers counted as full-attention layers in the parameter count".into());
                    None
                }
            };
        } else if let Some(w) = window {
            let l = layers.unwrap_or(0.0);
            let context_binds = context.is_none_or(|c| w < c);
            if sliding_layers > 0 {
                attention = "sliding-window";
                let full = full_layers.unwrap_or(0) as f64;
                let (n, note) = if full > 0.0 {
                    interval_from(l, full)
                } else {
                    (Some(l), Some("every layer is windowed; the format's closest form counts 1 full layer in every num_hidden_layers".into()))
                };
                if let Some(n) = n {
                    raw.sliding_window_interval = Some(fact(
                        n,
                        "count",
                        false,
                        note.or_else(|| {
                            Some(format!(
                                "layers / full_attention layers in layer_types ({l} / {full})"
                            ))
                        }),
                    ));
                }
                attention_note = format!(
                    "Sliding-window attention detected from layer_types: {full} full_attention of {l} layers, the rest sliding_attention with a {w}-token window; {heads_desc}"
                );
                raw.sliding_window = Some(tokens(w));
            } else if let Some(p) =
                window_pattern.or(if is(&["gemma2"]) { Some(2.0) } else { None })
            {
                attention = "sliding-window";
                raw.sliding_window = Some(tokens(w));
                raw.sliding_window_interval = Some(if window_pattern.is_some() {
                    count(p)
                } else {
                    fact(
                        p,
                        "count",
                        false,
                        Some("Gemma 2 alternates local and global layers".into()),
                    )
                });
                attention_note = format!(
                    "Sliding-window attention: 1 full layer in every {p}, the rest with a {w}-token window; {heads_desc}"
                );
            } else if context_binds && layer_types.is_none() {
                // Mistral-style: every layer windowed.
                attention = "sliding-window";
                raw.sliding_window = Some(tokens(w));
                if layers.is_some() {
                    raw.sliding_window_interval = Some(fact(
                        l,
                        "count",
                        false,
                        Some("every layer is windowed; the format's closest form counts 1 full layer in every num_hidden_layers".into()),
                    ));
                }
                attention_note = format!(
                    "Sliding-window attention detected from sliding_window {w} on every layer; {heads_desc}"
                );
            } else {
                attention = plain;
                attention_note = format!(
                    "{heads_desc}; sliding_window {w} ignored (not below the context length, or no sliding layer in layer_types)"
                );
            }
        } else {
            attention = plain;
            attention_note = heads_desc;
        }
        attn = match (kv, head_dim) {
            (Some(kv), Some(head_dim)) => Some(Attn::Heads { kv, head_dim, gate, linear }),
            _ => None,
        };
    }
    if !caveat.is_empty() {
        attention_note = format!("{caveat}. {attention_note}");
        notes.insert(0, caveat);
    }

    // Mixture of experts.
    let routed = ["n_routed_experts", "num_local_experts", "num_experts"]
        .iter()
        .find(|k| cfg.has(k))
        .and_then(|k| cfg.num(k, EXPERTS0))
        .filter(|e| *e > 0.0);
    let mut moe = None;
    let mut dense_width = intermediate_mlp.or(intermediate);
    if let Some(e) = routed {
        let per_token = if cfg.has("num_experts_per_tok") {
            cfg.num("num_experts_per_tok", PER_TOKEN)
        } else if cfg.has("experts_per_token") {
            cfg.num("experts_per_token", PER_TOKEN)
        } else {
            cfg.missing("num_experts_per_tok", PER_TOKEN.expected);
            None
        };
        if let Some(k) = per_token
            && k > e
        {
            let path = cfg.get("num_experts_per_tok").map(|(_, p)| p).unwrap_or_default();
            cfg.invalid(path, k.to_string(), format!("at most the number of routed experts ({e})"));
        }
        let moe_inter = cfg.num("moe_intermediate_size", FFN);
        let expert_width = moe_inter.or(intermediate);
        if expert_width.is_none() {
            cfg.missing("moe_intermediate_size", FFN.expected);
        }
        match (moe_inter, intermediate) {
            (Some(m), _) => {
                raw.moe_intermediate_size = Some(count(m));
                if let Some(i) = intermediate_mlp.or(intermediate) {
                    raw.intermediate_size = Some(count(i));
                }
            }
            (None, Some(i)) => {
                raw.moe_intermediate_size = Some(fact(
                    i,
                    "count",
                    true,
                    Some("from intermediate_size (the expert width in this architecture)".into()),
                ));
                if let Some(d) = intermediate_mlp {
                    raw.intermediate_size = Some(count(d));
                }
                dense_width = intermediate_mlp;
            }
            (None, None) => {}
        }

        // Shared experts.
        let llama4 = is(&["llama4", "llama4_text"]);
        let n_shared = cfg.num("n_shared_experts", SHARED);
        let shared_inter = cfg.num("shared_expert_intermediate_size", FFN0);
        let (shared, shared_width) = match (n_shared, shared_inter) {
            (Some(s), _) => {
                raw.experts_shared = Some(count(s));
                (s, expert_width.unwrap_or(0.0))
            }
            (None, Some(w)) if w > 0.0 => {
                raw.experts_shared = Some(fact(
                    1.0,
                    "count",
                    true,
                    Some(format!("one shared expert of width shared_expert_intermediate_size {w}")),
                ));
                (1.0, w)
            }
            (None, Some(_)) => {
                raw.experts_shared = Some(count(0.0));
                (0.0, 0.0)
            }
            (None, None) if llama4 => {
                raw.experts_shared = Some(fact(
                    1.0,
                    "count",
                    true,
                    Some("Llama 4 MoE layers carry one shared expert of the expert width".into()),
                ));
                (1.0, expert_width.unwrap_or(0.0))
            }
            (None, None) => (0.0, 0.0),
        };

        // Which layers are MoE.
        let first_k = cfg.num("first_k_dense_replace", DENSE_K).unwrap_or(0.0);
        let freq = cfg.num("moe_layer_freq", STEP).unwrap_or(1.0);
        let step = cfg
            .num("decoder_sparse_step", STEP)
            .or(cfg.num("interleave_moe_layer_step", STEP))
            .unwrap_or(1.0);
        let mlp_only = cfg.indices("mlp_only_layers").unwrap_or_default();
        let mlp_layer_types = cfg.strings("mlp_layer_types");
        let moe_layers = match (&mlp_layer_types, layers) {
            (Some(t), _) => Some(t.iter().filter(|s| **s == "sparse").count() as f64),
            (None, Some(l)) => {
                let (l, first_k, freq, step) = (l as u64, first_k as u64, freq as u64, step as u64);
                Some(
                    (0..l)
                        .filter(|i| {
                            *i >= first_k
                                && i % freq.max(1) == 0
                                && (i + 1) % step.max(1) == 0
                                && !mlp_only.contains(i)
                        })
                        .count() as f64,
                )
            }
            _ => None,
        };
        if let (Some(m), Some(l)) = (moe_layers, layers)
            && m < l
            && dense_width.is_none()
        {
            cfg.missing("intermediate_size", FFN.expected);
        }
        raw.experts_routed = Some(count(e));
        if let Some(k) = per_token {
            raw.experts_per_token = Some(count(k));
        }
        if let (Some(k), Some(w), Some(m)) = (per_token, expert_width, moe_layers) {
            moe = Some(Moe {
                routed: e,
                per_token: k,
                expert_width: w,
                shared,
                shared_width,
                moe_layers: m,
            });
        }
    } else {
        match dense_width {
            Some(i) => {
                raw.intermediate_size = Some(count(i));
            }
            None => cfg.missing("intermediate_size", FFN.expected),
        }
    }

    // Precision.
    let (precision, precision_note) = precision(cfg);
    raw.native_precision = precision;
    raw.precision_note = precision_note;

    // Facts.
    raw.layers = layers.map(count);
    raw.hidden_size = hidden.map(count);
    raw.num_heads = heads.map(count);
    raw.vocab_size = vocab.map(count);
    raw.context_length = Some(match context {
        Some(c) => tokens(c),
        None => RawFact {
            missing: Some("config.json has no max_position_embeddings".into()),
            sources: Some(vec![SOURCE.into()]),
            ..RawFact::default()
        },
    });
    raw.attention = attention.into();
    raw.attention_note = attention_note;

    if !cfg.errors.is_empty() {
        return None;
    }
    let shape = Shape {
        layers: layers?,
        hidden: hidden?,
        heads: heads?,
        vocab: vocab?,
        tied,
        dense_width,
        attn: attn?,
        moe,
    };
    let (total, active) = param_counts(&shape);
    raw.total_params = Some(fact(billions(total), "B", false, Some(PARAMS_NOTE.into())));
    raw.active_params = Some(fact(billions(active), "B", false, Some(PARAMS_NOTE.into())));

    notes.push(format!(
        "Imported from a Hugging Face config.json{} by rackscope; licence, developer and release date are not in a config.{}",
        if type_label.is_empty() { String::new() } else { format!(" (model_type {type_label})") },
        if cfg.has("num_nextn_predict_layers") {
            " Multi-token-prediction layers (num_nextn_predict_layers) are not counted in the parameters."
        } else {
            ""
        }
    ));
    raw.notes = notes.join(" ");
    Some(raw)
}

/// `layers / full` as a whole interval, rounded down when it does not divide (so that counting
/// `ceil(layers / interval)` full layers never undercounts), with a note when rounded.
fn interval_from(layers: f64, full: f64) -> (Option<f64>, Option<String>) {
    if full <= 0.0 {
        return (None, None);
    }
    let exact = layers / full;
    let n = exact.floor().max(1.0);
    if (exact - n).abs() > 0.0 {
        (
            Some(n),
            Some(format!(
                "layer_types has {full} full_attention layers of {layers}; interval rounded down to {n}"
            )),
        )
    } else {
        (Some(n), None)
    }
}

/// The released weights' precision: `quantization_config` first, else `torch_dtype` / `dtype`.
fn precision(cfg: &mut Cfg<'_>) -> (Option<String>, Option<String>) {
    if let Some((q, path)) = cfg.get("quantization_config") {
        let Some(q) = q.as_object() else {
            cfg.invalid(path, json_kind(q).into(), "an object");
            return (None, None);
        };
        let method = q.get("quant_method").and_then(Value::as_str).unwrap_or("");
        let algo = q.get("quant_algo").and_then(Value::as_str).unwrap_or("");
        let bits = q
            .get("bits")
            .and_then(Value::as_u64)
            .or_else(|| q.get("w_bit").and_then(Value::as_u64));
        let label = match (method, algo.to_ascii_lowercase().as_str()) {
            ("fp8", _) | (_, "fp8") => Some("fp8"),
            ("mxfp4", _) | (_, "nvfp4" | "mxfp4") => Some("fp4"),
            ("gptq" | "awq", _) => match bits {
                Some(4) => Some("int4"),
                Some(8) => Some("int8"),
                _ => None,
            },
            ("compressed-tensors", _) => compressed_tensors(q),
            _ => None,
        };
        let kept = q
            .get("modules_to_not_convert")
            .or_else(|| q.get("ignore"))
            .or_else(|| q.get("ignored_layers"))
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        let what = if method.is_empty() {
            format!("quant_algo \"{algo}\"")
        } else {
            format!("quant_method \"{method}\"")
        };
        let mut note = match label {
            Some(_) => format!("from {path} {what}"),
            None => format!("{path} {what} not mapped to a catalog precision"),
        };
        if kept > 0 {
            note.push_str(&format!("; {kept} module pattern(s) kept unquantised"));
        }
        if let Some(dt) = dtype(cfg) {
            note.push_str(&format!("; compute dtype {dt}"));
        }
        return (label.map(str::to_owned), Some(note));
    }
    match dtype(cfg) {
        Some("bfloat16") => (Some("bf16".into()), None),
        Some("float16") => (Some("fp16".into()), None),
        Some(other) => (None, Some(format!("dtype {other} is not a catalog precision"))),
        None => (None, None),
    }
}

/// `torch_dtype`, or `dtype` in newer configs.
fn dtype<'a>(cfg: &mut Cfg<'a>) -> Option<&'a str> {
    if cfg.has("torch_dtype") { cfg.string("torch_dtype") } else { cfg.string("dtype") }
}

/// A compressed-tensors config's weight format: the first config group's weights.
fn compressed_tensors(q: &Map<String, Value>) -> Option<&'static str> {
    let groups = q.get("config_groups")?.as_object()?;
    let weights = groups.values().find_map(|g| g.get("weights"))?;
    let bits = weights.get("num_bits").and_then(Value::as_u64)?;
    let kind = weights.get("type").and_then(Value::as_str).unwrap_or("int");
    match (kind, bits) {
        ("int", 4) => Some("int4"),
        ("int", 8) => Some("int8"),
        ("float", 8) => Some("fp8"),
        ("float", 4) => Some("fp4"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fixture(name: &str) -> &'static str {
        match name {
            "llama" => include_str!("../../../tests/fixtures/hf/llama-3.1-8b.json"),
            "mixtral" => include_str!("../../../tests/fixtures/hf/mixtral-8x7b.json"),
            "dsv3" => include_str!("../../../tests/fixtures/hf/deepseek-v3.json"),
            "dsv32" => include_str!("../../../tests/fixtures/hf/deepseek-v3.2.json"),
            "qwen3" => include_str!("../../../tests/fixtures/hf/qwen3-235b-a22b.json"),
            "qwen3next" => include_str!("../../../tests/fixtures/hf/qwen3-next-80b-a3b.json"),
            "gptoss" => include_str!("../../../tests/fixtures/hf/gpt-oss-120b.json"),
            _ => "",
        }
    }

    fn import(name: &str) -> RawModel {
        match import_str(name, fixture(name), name) {
            Ok(m) => m,
            Err(e) => panic!("{name}: {e}"),
        }
    }

    fn value(f: &Option<RawFact>) -> f64 {
        f.as_ref().and_then(|f| f.value).unwrap_or(f64::NAN)
    }

    fn within(got: f64, want: f64, tolerance: f64) -> bool {
        ((got - want) / want).abs() <= tolerance
    }

    fn errors(config: &Value) -> Vec<String> {
        match import_value(config, "x") {
            Ok(_) => Vec::new(),
            Err(e) => e.0.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn llama_3_1_8b_is_gqa_with_published_parameters() {
        let m = import("llama");
        assert_eq!(m.attention, "gqa");
        assert_eq!(
            m.attention_note,
            "GQA detected from num_key_value_heads 8 < num_attention_heads 32"
        );
        assert!(within(value(&m.total_params), 8.03, 0.02), "{}", value(&m.total_params));
        assert!(value(&m.active_params) <= value(&m.total_params));
        let hd = m.head_dim.as_ref();
        assert_eq!(hd.and_then(|f| f.confidence.as_deref()), Some("estimate"));
        assert_eq!(
            hd.and_then(|f| f.note.as_deref()),
            Some("derived: hidden_size / num_attention_heads")
        );
        assert!(within(value(&m.head_dim), 128.0, 0.0));
        assert!(within(value(&m.context_length), 131_072.0, 0.0));
        assert_eq!(m.context_length.as_ref().and_then(|f| f.unit.as_deref()), Some("tokens"));
        assert_eq!(m.native_precision.as_deref(), Some("bf16"));
        assert_eq!(m.openness, "open-weight");
        assert_eq!(m.name, "llama");
        assert!(m.licence.is_none());
        let t = m.total_params.as_ref();
        assert_eq!(t.and_then(|f| f.note.as_deref()), Some(PARAMS_NOTE));
        assert_eq!(t.and_then(|f| f.unit.as_deref()), Some("B"));
        assert_eq!(
            m.layers.as_ref().and_then(|f| f.sources.clone()),
            Some(vec!["hf-config".to_owned()])
        );
        assert_eq!(m.layers.as_ref().and_then(|f| f.date.as_deref()), Some("2026"));
        assert_eq!(m.layers.as_ref().and_then(|f| f.confidence.as_deref()), Some("official"));
        assert!(m.experts_routed.is_none());
    }

    #[test]
    fn every_fixture_passes_the_catalog_rules() {
        for name in ["llama", "mixtral", "dsv3", "dsv32", "qwen3", "qwen3next", "gptoss"] {
            let raw = import(name);
            let mut ctx = crate::catalog::resolve::Ctx {
                file: name.into(),
                errors: Vec::new(),
                sources: None,
            };
            let model = crate::catalog::resolve::model(&mut ctx, "model", &raw);
            assert!(model.is_some() && ctx.errors.is_empty(), "{name}: {}", Errors(ctx.errors));
        }
    }

    #[test]
    fn mixtral_8x7b_experts_and_parameters() {
        let m = import("mixtral");
        assert_eq!(m.attention, "gqa"); // sliding_window is null
        assert!(within(value(&m.experts_routed), 8.0, 0.0));
        assert!(within(value(&m.experts_per_token), 2.0, 0.0));
        assert!(within(value(&m.moe_intermediate_size), 14_336.0, 0.0));
        assert!(within(value(&m.total_params), 46.7, 0.02), "{}", value(&m.total_params));
        assert!(within(value(&m.active_params), 12.9, 0.02), "{}", value(&m.active_params));
    }

    #[test]
    fn deepseek_v3_is_mla_with_published_parameters() {
        let m = import("dsv3");
        assert_eq!(m.attention, "mla");
        assert!(within(value(&m.kv_lora_rank), 512.0, 0.0));
        assert!(within(value(&m.qk_rope_head_dim), 64.0, 0.0));
        assert!(within(value(&m.q_lora_rank), 1536.0, 0.0));
        assert!(within(value(&m.experts_routed), 256.0, 0.0));
        assert!(within(value(&m.experts_shared), 1.0, 0.0));
        assert!(within(value(&m.experts_per_token), 8.0, 0.0));
        assert!(within(value(&m.intermediate_size), 18_432.0, 0.0));
        assert!(m.num_kv_heads.is_none() && m.head_dim.is_none());
        assert!(within(value(&m.total_params), 671.0, 0.02), "{}", value(&m.total_params));
        assert!(within(value(&m.active_params), 37.0, 0.02), "{}", value(&m.active_params));
        assert_eq!(m.native_precision.as_deref(), Some("fp8"));
    }

    #[test]
    fn deepseek_v3_2_is_mla_dsa() {
        let m = import("dsv32");
        assert_eq!(m.attention, "mla-dsa");
        assert!(within(value(&m.index_topk), 2048.0, 0.0));
        assert_eq!(m.index_topk.as_ref().and_then(|f| f.unit.as_deref()), Some("tokens"));
        assert!(within(value(&m.total_params), 671.0, 0.02), "{}", value(&m.total_params));
        assert!(within(value(&m.active_params), 37.0, 0.03), "{}", value(&m.active_params));
    }

    #[test]
    fn qwen3_235b_a22b_moe() {
        let m = import("qwen3");
        assert_eq!(m.attention, "gqa");
        assert!(within(value(&m.experts_routed), 128.0, 0.0));
        assert!(within(value(&m.experts_per_token), 8.0, 0.0));
        assert_eq!(m.head_dim.as_ref().and_then(|f| f.confidence.as_deref()), Some("official"));
        assert!(within(value(&m.total_params), 235.0, 0.02), "{}", value(&m.total_params));
        assert!(within(value(&m.active_params), 22.0, 0.03), "{}", value(&m.active_params));
    }

    #[test]
    fn qwen3_next_is_hybrid_linear() {
        let m = import("qwen3next");
        assert_eq!(m.attention, "hybrid-linear");
        assert!(within(value(&m.full_attention_interval), 4.0, 0.0));
        assert!(within(value(&m.experts_routed), 512.0, 0.0));
        assert!(within(value(&m.experts_shared), 1.0, 0.0));
        assert!(within(value(&m.total_params), 80.0, 0.02), "{}", value(&m.total_params));
        // Qwen's "A3B" excludes embeddings; ours counts the 0.31B lm_head.
        assert!(value(&m.active_params) > 3.0 && value(&m.active_params) < 3.6);
    }

    #[test]
    fn gpt_oss_120b_is_sliding_window_moe_in_fp4() {
        let m = import("gptoss");
        assert_eq!(m.attention, "sliding-window");
        assert!(within(value(&m.sliding_window), 128.0, 0.0));
        assert_eq!(m.sliding_window.as_ref().and_then(|f| f.unit.as_deref()), Some("tokens"));
        assert!(within(value(&m.sliding_window_interval), 2.0, 0.0));
        assert!(within(value(&m.experts_routed), 128.0, 0.0));
        assert!(within(value(&m.experts_per_token), 4.0, 0.0));
        assert_eq!(m.native_precision.as_deref(), Some("fp4"));
        assert!(within(value(&m.total_params), 116.8, 0.02), "{}", value(&m.total_params));
        assert!(within(value(&m.active_params), 5.1, 0.02), "{}", value(&m.active_params));
    }

    #[test]
    fn multimodal_text_config_and_llama4_interleave() {
        let config = json!({
            "model_type": "llama4",
            "tie_word_embeddings": false,
            "text_config": {
                "model_type": "llama4_text", "hidden_size": 5120, "num_hidden_layers": 48,
                "num_attention_heads": 40, "num_key_value_heads": 8, "head_dim": 128,
                "vocab_size": 202048, "intermediate_size": 8192, "intermediate_size_mlp": 16384,
                "num_local_experts": 128, "num_experts_per_tok": 1, "interleave_moe_layer_step": 2,
                "max_position_embeddings": 1048576, "torch_dtype": "bfloat16"
            }
        });
        let m = match import_value(&config, "llama4") {
            Ok(m) => m,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(m.attention, "gqa");
        assert!(within(value(&m.intermediate_size), 16_384.0, 0.0));
        assert!(within(value(&m.moe_intermediate_size), 8192.0, 0.0));
        assert!(within(value(&m.experts_shared), 1.0, 0.0));
        // Hand-computed from the formula: 24 dense + 24 MoE layers (interleave step 2).
        assert!(within(value(&m.total_params), 400.7, 0.002), "{}", value(&m.total_params));
        assert!(within(value(&m.active_params), 16.15, 0.002), "{}", value(&m.active_params));
        let bad = json!({"text_config": {
            "hidden_size": 8, "num_attention_heads": 2, "vocab_size": 4, "intermediate_size": 16
        }});
        assert_eq!(
            errors(&bad),
            vec![
                "hf config: text_config.num_hidden_layers: missing field, expected a whole number between 1 and 10000"
            ]
        );
    }

    #[test]
    fn unknown_model_type_imports_with_a_note() {
        let config = json!({
            "model_type": "frobnicator", "hidden_size": 1024, "num_hidden_layers": 4,
            "num_attention_heads": 8, "vocab_size": 1000, "intermediate_size": 4096
        });
        let m = match import_value(&config, "frob") {
            Ok(m) => m,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(m.attention, "mha");
        assert!(m.attention_note.starts_with("model_type frobnicator not specifically recognised"));
        assert!(m.notes.contains("model_type frobnicator not specifically recognised"));
        assert!(m.context_length.as_ref().is_some_and(|f| f.missing.is_some()));
        assert!(m.native_precision.is_none());
    }

    #[test]
    fn sliding_window_variants() {
        let base = json!({
            "model_type": "mistral", "hidden_size": 4096, "num_hidden_layers": 32,
            "num_attention_heads": 32, "num_key_value_heads": 8, "vocab_size": 32000,
            "intermediate_size": 14336, "max_position_embeddings": 32768, "sliding_window": 4096
        });
        let m = import_value(&base, "m").ok();
        assert_eq!(m.as_ref().map(|m| m.attention.as_str()), Some("sliding-window"));
        assert!(within(
            m.as_ref().map_or(f64::NAN, |m| value(&m.sliding_window_interval)),
            32.0,
            0.0
        ));
        let mut off = base.clone();
        off["use_sliding_window"] = json!(false);
        assert_eq!(import_value(&off, "m").ok().map(|m| m.attention), Some("gqa".to_owned()));
    }

    #[test]
    fn quantisation_formats() {
        let with = |q: Value| {
            let mut c = json!({
                "hidden_size": 64, "num_hidden_layers": 2, "num_attention_heads": 4,
                "vocab_size": 100, "intermediate_size": 128, "model_type": "llama",
                "torch_dtype": "float16"
            });
            c["quantization_config"] = q;
            import_value(&c, "q").ok().and_then(|m| m.native_precision)
        };
        assert_eq!(with(Value::Null), Some("fp16".to_owned()));
        assert_eq!(with(json!({"quant_method": "gptq", "bits": 4})), Some("int4".to_owned()));
        assert_eq!(with(json!({"quant_method": "awq", "bits": 4})), Some("int4".to_owned()));
        assert_eq!(
            with(json!({"quant_method": "compressed-tensors",
                "config_groups": {"group_0": {"weights": {"num_bits": 4, "type": "int"}}}})),
            Some("int4".to_owned())
        );
        assert_eq!(with(json!({"quant_method": "bitsandbytes"})), None);
    }

    #[test]
    fn error_cases_name_the_key() {
        let ok = json!({
            "hidden_size": 4096, "num_hidden_layers": 32, "num_attention_heads": 32,
            "vocab_size": 32000, "intermediate_size": 11008, "model_type": "llama"
        });
        assert!(errors(&ok).is_empty());

        let mut c = ok.clone();
        if let Some(o) = c.as_object_mut() {
            o.remove("hidden_size");
        }
        assert_eq!(
            errors(&c),
            vec![
                "hf config: hidden_size: missing field, expected a whole number between 1 and 1000000"
            ]
        );

        let mut c = ok.clone();
        c["num_hidden_layers"] = json!(-3);
        assert_eq!(
            errors(&c),
            vec![
                "hf config: num_hidden_layers: expected a whole number between 1 and 10000, got -3"
            ]
        );

        let mut c = ok.clone();
        c["num_hidden_layers"] = json!("many");
        assert_eq!(
            errors(&c),
            vec![
                "hf config: num_hidden_layers: expected a whole number between 1 and 10000, got \"many\""
            ]
        );

        let mut c = ok.clone();
        c["num_hidden_layers"] = json!(20000);
        c["hidden_size"] = json!(2e6);
        c["vocab_size"] = json!(0);
        assert_eq!(errors(&c).len(), 3, "{:?}", errors(&c));

        assert_eq!(
            errors(&json!([1, 2])),
            vec!["hf config: expected a JSON object (the contents of config.json), got an array"]
        );
        match import_str("config.json", "{not json", "x") {
            Err(e) => assert!(e.to_string().starts_with("config.json: malformed input: ")),
            Ok(_) => panic!("accepted malformed JSON"),
        }
        match import_str("config.json", "{\"num_hidden_layers\": 0}", "x") {
            Err(e) => assert!(e.0.iter().all(|e| e.file == "config.json") && e.0.len() == 5, "{e}"),
            Ok(_) => panic!("accepted an empty config"),
        }
    }
}
