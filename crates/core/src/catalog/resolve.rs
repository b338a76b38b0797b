//! Validation: raw DTOs in, domain types out, every problem reported with its file and path.

use std::collections::HashSet;
use std::sync::Arc;

use super::raw::{RawApiPrice, RawChip, RawFact, RawModel, RawSystem};
use crate::error::{Error, ErrorKind};
use crate::hardware::{Chip, Status, System, SystemKind};
use crate::llm::{ApiPrice, Architecture, AttentionKind, Model, Openness};
use crate::money::{Currency, Money};
use crate::precision::Precision;
use crate::provenance::{Confidence, Fact, Known, Provenance};
use crate::units::{Bytes, BytesPerSecond, FlopsPerSecond, Params, Watts};

/// A unit a field accepts and how to turn a value in it into the field's type.
pub(crate) struct Unit<T> {
    pub name: &'static str,
    pub convert: fn(f64) -> T,
}

macro_rules! units {
    ($($name:literal => $f:expr),+ $(,)?) => { &[$(Unit { name: $name, convert: $f }),+] };
}

pub(crate) const MEMORY: &[Unit<Bytes>] =
    units!("GB" => Bytes::from_gb, "GiB" => Bytes::from_gib, "TB" => Bytes::from_tb);
pub(crate) const BANDWIDTH: &[Unit<BytesPerSecond>] = units!(
    "GB/s" => BytesPerSecond::from_gb_per_s,
    "TB/s" => BytesPerSecond::from_tb_per_s,
);
pub(crate) const COMPUTE: &[Unit<FlopsPerSecond>] =
    units!("TFLOPS" => FlopsPerSecond::from_tflops, "PFLOPS" => FlopsPerSecond::from_pflops);
pub(crate) const INT_COMPUTE: &[Unit<FlopsPerSecond>] =
    units!("TOPS" => FlopsPerSecond::from_tflops, "POPS" => FlopsPerSecond::from_pflops);
pub(crate) const POWER: &[Unit<Watts>] = units!("W" => Watts::from_raw, "kW" => Watts::from_kw);
pub(crate) const MONEY: &[Unit<Money>] = units!(
    "USD" => |amount| Money { amount, currency: Currency::Usd },
    "CNY" => |amount| Money { amount, currency: Currency::Cny },
);
pub(crate) const COUNT: &[Unit<f64>] = units!("count" => |v| v);
pub(crate) const TOKENS: &[Unit<f64>] = units!("tokens" => |v| v);
pub(crate) const PARAMS: &[Unit<Params>] = units!("B" => Params::from_billions);

/// Collects errors while one file is validated.
pub(crate) struct Ctx<'a> {
    pub file: String,
    pub errors: Vec<Error>,
    /// Known source ids; `None` skips the citation check (inline scenario records).
    pub sources: Option<&'a HashSet<String>>,
}

impl Ctx<'_> {
    pub fn err(&mut self, path: impl Into<String>, kind: ErrorKind) {
        self.errors.push(Error::new(self.file.clone(), path, kind));
    }

    fn invalid(&mut self, path: impl Into<String>, got: impl Into<String>, expected: &str) {
        self.err(path, ErrorKind::Invalid { got: got.into(), expected: expected.to_owned() });
    }

    /// Validates an optional fact. `required` facts must be present (as a value or as missing).
    /// `whole` facts must be whole numbers; `allow_zero` admits 0.
    pub fn fact<T: Copy>(
        &mut self,
        path: &str,
        raw: Option<&RawFact>,
        units: &[Unit<T>],
        rules: Rules,
    ) -> Option<Known<T>> {
        let Some(raw) = raw else {
            if rules.required {
                self.err(path, ErrorKind::MissingField("a fact or a missing fact with its reason"));
            }
            return None;
        };
        if let Some(reason) = &raw.missing {
            if raw.value.is_some() || raw.unit.is_some() || raw.range.is_some() {
                self.invalid(
                    path,
                    "both `missing` and a value",
                    "either a value with its unit or `missing` with a reason",
                );
            }
            if reason.trim().is_empty() {
                self.invalid(format!("{path}.missing"), "an empty reason", "a reason");
            }
            if let Some(srcs) = &raw.sources {
                self.check_sources(path, srcs);
            }
            return Some(Known::Missing { reason: reason.clone() });
        }
        let before = self.errors.len();
        let value = match raw.value {
            None => {
                self.err(
                    format!("{path}.value"),
                    ErrorKind::MissingField("a number (or `missing` with a reason)"),
                );
                None
            }
            Some(v) => self.number(&format!("{path}.value"), v, rules),
        };
        let unit = match raw.unit.as_deref() {
            None => {
                self.err(format!("{path}.unit"), ErrorKind::MissingField("a unit"));
                None
            }
            Some(u) => match units.iter().find(|x| x.name == u) {
                Some(unit) => Some(unit),
                None => {
                    self.err(
                        format!("{path}.unit"),
                        ErrorKind::WrongUnit {
                            got: u.to_owned(),
                            expected: units.iter().map(|x| x.name).collect(),
                        },
                    );
                    None
                }
            },
        };
        let confidence = match raw.confidence.as_deref() {
            None => {
                self.err(
                    format!("{path}.confidence"),
                    ErrorKind::MissingField("official, reported, estimate or rumour"),
                );
                None
            }
            Some(c) => {
                let parsed = Confidence::from_catalog_label(c);
                if parsed.is_none() {
                    self.invalid(
                        format!("{path}.confidence"),
                        format!("\"{c}\""),
                        "official, reported, estimate or rumour",
                    );
                }
                parsed
            }
        };
        let sources = match &raw.sources {
            None => {
                self.err(format!("{path}.sources"), ErrorKind::MissingField("source ids"));
                Vec::new()
            }
            Some(s) => {
                if s.is_empty() {
                    self.invalid(format!("{path}.sources"), "[]", "at least one source id");
                }
                self.check_sources(path, s);
                s.clone()
            }
        };
        let date = match &raw.date {
            None => {
                self.err(
                    format!("{path}.date"),
                    ErrorKind::MissingField("a date (YYYY[-MM[-DD]])"),
                );
                String::new()
            }
            Some(d) => {
                if !is_date(d) {
                    self.invalid(
                        format!("{path}.date"),
                        format!("\"{d}\""),
                        "YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Qn",
                    );
                }
                d.clone()
            }
        };
        let range = raw.range.and_then(|[lo, hi]| {
            let ok = lo.is_finite()
                && hi.is_finite()
                && lo <= hi
                && hi <= rules.max
                && (lo >= MIN_NONZERO || (rules.allow_zero && lo == 0.0));
            let inside = raw.value.is_some_and(|v| lo <= v && v <= hi);
            if !ok || !inside {
                self.invalid(
                    format!("{path}.range"),
                    format!("[{lo}, {hi}]"),
                    "[low, high] with 0 < low <= value <= high",
                );
                return None;
            }
            unit.map(|u| ((u.convert)(lo), (u.convert)(hi)))
        });
        if self.errors.len() > before {
            return None;
        }
        let (Some(v), Some(u), Some(confidence)) = (value, unit, confidence) else { return None };
        Some(Known::Fact(Fact {
            value: (u.convert)(v),
            range,
            provenance: Arc::new(Provenance { sources, date, confidence, note: raw.note.clone() }),
        }))
    }

    fn number(&mut self, path: &str, v: f64, rules: Rules) -> Option<f64> {
        if !v.is_finite() {
            self.invalid(path, number_text(v), "a finite number");
            return None;
        }
        if v < 0.0 || (v == 0.0 && !rules.allow_zero) {
            let expected = if rules.allow_zero { "a number >= 0" } else { "a number > 0" };
            self.invalid(path, number_text(v), expected);
            return None;
        }
        if v != 0.0 && v < MIN_NONZERO {
            let expected = if rules.allow_zero {
                format!("0 or a number >= {MIN_NONZERO}")
            } else {
                format!("a number >= {MIN_NONZERO}")
            };
            self.invalid(path, number_text(v), &expected);
            return None;
        }
        if rules.whole && v.fract() != 0.0 {
            self.invalid(path, number_text(v), "a whole number");
            return None;
        }
        if v > rules.max {
            self.invalid(path, number_text(v), &format!("a number <= {}", rules.max));
            return None;
        }
        Some(v)
    }

    fn check_sources(&mut self, path: &str, ids: &[String]) {
        let Some(known) = self.sources else { return };
        for (i, id) in ids.iter().enumerate() {
            if !known.contains(id) {
                let suggestion = crate::error::suggest(id, known.iter().map(String::as_str));
                self.err(
                    format!("{path}.sources[{i}]"),
                    ErrorKind::UnknownId { kind: "source", id: id.clone(), suggestion },
                );
            }
        }
    }

    fn label<T>(
        &mut self,
        path: &str,
        got: &str,
        parse: impl Fn(&str) -> Option<T>,
        expected: &str,
    ) -> Option<T> {
        let v = parse(got);
        if v.is_none() {
            self.invalid(path, format!("\"{got}\""), expected);
        }
        v
    }

    pub fn id(&mut self, path: &str, id: &str) {
        let ok = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
            && id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if !ok {
            self.invalid(
                format!("{path}.id"),
                format!("\"{id}\""),
                "a lowercase id of a-z, 0-9, '.' and '-'",
            );
        }
    }
}

/// What a numeric field accepts.
#[derive(Clone, Copy)]
pub(crate) struct Rules {
    pub required: bool,
    pub whole: bool,
    pub allow_zero: bool,
    /// A sanity ceiling in the field's written unit: larger values are typos.
    pub max: f64,
}

/// The smallest non-zero value a fact may have, in its written unit. Every published number is
/// far above it (the smallest is 0.64 TB); smaller ones are typos, and a denormal bandwidth or
/// compute would turn a time into infinity.
pub(crate) const MIN_NONZERO: f64 = 1e-3;

/// A number as the user would recognise it: `1e300` rather than three hundred digits.
pub(crate) fn number_text(v: f64) -> String {
    if v != 0.0 && v.is_finite() && !(1e-6..1e15).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        v.to_string()
    }
}

pub(crate) const REQ: Rules = Rules { required: true, whole: false, allow_zero: false, max: 1e9 };
pub(crate) const REQ_COUNT: Rules =
    Rules { required: true, whole: true, allow_zero: false, max: 1e9 };
pub(crate) const OPT_COUNT: Rules = Rules { required: false, ..REQ_COUNT };

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    match b.len() {
        4 => digits(0..4),
        7 if b[4] == b'-' && b[5] == b'Q' => digits(0..4) && (b'1'..=b'4').contains(&b[6]),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    }
}

pub(crate) fn chip(ctx: &mut Ctx<'_>, p: &str, r: &RawChip) -> Option<Chip> {
    let before = ctx.errors.len();
    ctx.id(p, &r.id);
    let status = ctx.label(
        &format!("{p}.status"),
        &r.status,
        status_from_label,
        "shipping, announced, roadmap or discontinued",
    );
    let memory = ctx.fact(&format!("{p}.memory"), r.memory.as_ref(), MEMORY, REQ);
    let memory_bandwidth =
        ctx.fact(&format!("{p}.memory_bandwidth"), r.memory_bandwidth.as_ref(), BANDWIDTH, REQ);
    let bf16_dense = ctx.fact(&format!("{p}.bf16_dense"), r.bf16_dense.as_ref(), COMPUTE, REQ);
    let fp8_dense = ctx.fact(&format!("{p}.fp8_dense"), r.fp8_dense.as_ref(), COMPUTE, REQ);
    let fp4_dense = ctx.fact(&format!("{p}.fp4_dense"), r.fp4_dense.as_ref(), COMPUTE, REQ);
    let int8_dense = ctx.fact(&format!("{p}.int8_dense"), r.int8_dense.as_ref(), INT_COMPUTE, REQ);
    let tdp = ctx.fact(&format!("{p}.tdp"), r.tdp.as_ref(), POWER, REQ);
    let scale_up_bandwidth =
        ctx.fact(&format!("{p}.scale_up_bandwidth"), r.scale_up_bandwidth.as_ref(), BANDWIDTH, REQ);
    let price =
        ctx.fact(&format!("{p}.price"), r.price.as_ref(), MONEY, Rules { max: 1e10, ..REQ });
    if ctx.errors.len() > before {
        return None;
    }
    Some(Chip {
        id: r.id.clone(),
        name: r.name.clone(),
        vendor: r.vendor.clone(),
        origin: r.origin.clone(),
        category: r.category.clone(),
        status: status?,
        release: r.release.clone(),
        memory_type: r.memory_type.clone(),
        scale_up_interconnect: r.scale_up_interconnect.clone(),
        china_export_status: r.china_export_status.clone(),
        memory: memory?,
        memory_bandwidth: memory_bandwidth?,
        bf16_dense: bf16_dense?,
        fp8_dense: fp8_dense?,
        fp4_dense: fp4_dense?,
        int8_dense: int8_dense?,
        tdp: tdp?,
        scale_up_bandwidth: scale_up_bandwidth?,
        price: price?,
        notes: r.notes.clone(),
    })
}

fn status_from_label(s: &str) -> Option<Status> {
    [Status::Shipping, Status::Announced, Status::Roadmap, Status::Discontinued]
        .into_iter()
        .find(|x| x.label() == s)
}

pub(crate) fn system(
    ctx: &mut Ctx<'_>,
    p: &str,
    r: &RawSystem,
    chips: &HashSet<String>,
) -> Option<System> {
    let before = ctx.errors.len();
    ctx.id(p, &r.id);
    let kind = ctx.label(
        &format!("{p}.kind"),
        &r.kind,
        |s| {
            [SystemKind::Node, SystemKind::Rack, SystemKind::Supernode, SystemKind::Pod]
                .into_iter()
                .find(|k| k.label() == s)
        },
        "node, rack, supernode or pod",
    );
    if let Some(a) = &r.accelerator
        && !chips.contains(a)
    {
        let suggestion = crate::error::suggest(a, chips.iter().map(String::as_str));
        ctx.err(
            format!("{p}.accelerator"),
            ErrorKind::UnknownId { kind: "chip", id: a.clone(), suggestion },
        );
    }
    // At most `MAX_CHIPS`, like a scenario's count, so the planner's arithmetic stays in range.
    let chips = Rules { max: f64::from(crate::scenario::MAX_CHIPS), ..REQ_COUNT };
    let accelerators =
        ctx.fact(&format!("{p}.accelerators"), r.accelerators.as_ref(), COUNT, chips);
    let accelerators_per_node = ctx.fact(
        &format!("{p}.accelerators_per_node"),
        r.accelerators_per_node.as_ref(),
        COUNT,
        REQ_COUNT,
    );
    let racks = ctx.fact(&format!("{p}.racks"), r.racks.as_ref(), COUNT, REQ_COUNT);
    let scale_up_domain =
        ctx.fact(&format!("{p}.scale_up_domain"), r.scale_up_domain.as_ref(), COUNT, chips);
    let total_memory = ctx.fact(&format!("{p}.total_memory"), r.total_memory.as_ref(), MEMORY, REQ);
    let power = ctx.fact(&format!("{p}.power"), r.power.as_ref(), POWER, REQ);
    let price =
        ctx.fact(&format!("{p}.price"), r.price.as_ref(), MONEY, Rules { max: 1e12, ..REQ });
    if ctx.errors.len() > before {
        return None;
    }
    Some(System {
        id: r.id.clone(),
        name: r.name.clone(),
        vendor: r.vendor.clone(),
        origin: r.origin.clone(),
        kind: kind?,
        accelerator: r.accelerator.clone(),
        accelerator_note: r.accelerator_note.clone(),
        scale_up_fabric: r.scale_up_fabric.clone(),
        release: r.release.clone(),
        accelerators: accelerators?,
        accelerators_per_node: accelerators_per_node?,
        racks: racks?,
        scale_up_domain: scale_up_domain?,
        total_memory: total_memory?,
        power: power?,
        price: price?,
        notes: r.notes.clone(),
    })
}

pub(crate) fn model(ctx: &mut Ctx<'_>, p: &str, r: &RawModel) -> Option<Model> {
    let before = ctx.errors.len();
    ctx.id(p, &r.id);
    let openness = ctx.label(
        &format!("{p}.openness"),
        &r.openness,
        Openness::from_label,
        "open-source, open-weight, partially-open, closed or unknown",
    );
    let attention = ctx.label(
        &format!("{p}.attention"),
        &r.attention,
        AttentionKind::from_label,
        "mha, gqa, mla, mla-dsa, hybrid-linear, sliding-window, other or undisclosed",
    );
    let native_precision = r.native_precision.as_deref().and_then(|s| {
        ctx.label(
            &format!("{p}.native_precision"),
            s,
            Precision::from_label,
            "bf16, fp16, fp8, int8, int4 or fp4",
        )
    });
    let params = Rules { max: 1e5, ..REQ };
    let total_params =
        ctx.fact(&format!("{p}.total_params"), r.total_params.as_ref(), PARAMS, params);
    let active_params =
        ctx.fact(&format!("{p}.active_params"), r.active_params.as_ref(), PARAMS, params);
    let context_length =
        ctx.fact(&format!("{p}.context_length"), r.context_length.as_ref(), TOKENS, REQ_COUNT);

    let kind = attention.unwrap_or(AttentionKind::Undisclosed);
    let described = !matches!(kind, AttentionKind::Undisclosed | AttentionKind::Other);
    let per_head = matches!(
        kind,
        AttentionKind::Mha
            | AttentionKind::Gqa
            | AttentionKind::HybridLinear
            | AttentionKind::SlidingWindow
    );
    let req = |cond: bool| if cond { REQ_COUNT } else { OPT_COUNT };
    let count = |ctx: &mut Ctx<'_>,
                 name: &str,
                 raw: &Option<RawFact>,
                 rules: Rules,
                 units: &[Unit<f64>]| {
        ctx.fact(&format!("{p}.{name}"), raw.as_ref(), units, rules)
    };
    let moe = r.experts_routed.is_some() || r.experts_per_token.is_some();
    let arch = Architecture {
        layers: count(ctx, "layers", &r.layers, req(described), COUNT),
        hidden_size: count(ctx, "hidden_size", &r.hidden_size, req(described), COUNT),
        intermediate_size: count(ctx, "intermediate_size", &r.intermediate_size, OPT_COUNT, COUNT),
        moe_intermediate_size: count(
            ctx,
            "moe_intermediate_size",
            &r.moe_intermediate_size,
            OPT_COUNT,
            COUNT,
        ),
        num_heads: count(ctx, "num_heads", &r.num_heads, req(described), COUNT),
        num_kv_heads: count(ctx, "num_kv_heads", &r.num_kv_heads, req(per_head), COUNT),
        head_dim: count(ctx, "head_dim", &r.head_dim, req(per_head), COUNT),
        vocab_size: count(ctx, "vocab_size", &r.vocab_size, req(described), COUNT),
        kv_lora_rank: count(ctx, "kv_lora_rank", &r.kv_lora_rank, req(kind.is_latent()), COUNT),
        qk_rope_head_dim: count(
            ctx,
            "qk_rope_head_dim",
            &r.qk_rope_head_dim,
            req(kind.is_latent()),
            COUNT,
        ),
        q_lora_rank: count(ctx, "q_lora_rank", &r.q_lora_rank, OPT_COUNT, COUNT),
        index_topk: count(
            ctx,
            "index_topk",
            &r.index_topk,
            req(kind == AttentionKind::MlaDsa),
            TOKENS,
        ),
        full_attention_interval: count(
            ctx,
            "full_attention_interval",
            &r.full_attention_interval,
            req(kind == AttentionKind::HybridLinear),
            COUNT,
        ),
        sliding_window: count(
            ctx,
            "sliding_window",
            &r.sliding_window,
            req(kind == AttentionKind::SlidingWindow),
            TOKENS,
        ),
        sliding_window_interval: count(
            ctx,
            "sliding_window_interval",
            &r.sliding_window_interval,
            req(kind == AttentionKind::SlidingWindow),
            COUNT,
        ),
        experts_routed: count(ctx, "experts_routed", &r.experts_routed, req(moe), COUNT),
        experts_per_token: count(ctx, "experts_per_token", &r.experts_per_token, req(moe), COUNT),
        experts_shared: count(
            ctx,
            "experts_shared",
            &r.experts_shared,
            Rules { allow_zero: true, ..OPT_COUNT },
            COUNT,
        ),
    };
    if let (Some(Known::Fact(t)), Some(Known::Fact(a))) = (&total_params, &active_params)
        && a.value > t.value
    {
        ctx.invalid(
            format!("{p}.active_params.value"),
            a.value.as_billions().to_string(),
            &format!("at most total_params ({})", t.value.as_billions()),
        );
    }
    let mut api_prices = Vec::with_capacity(r.api_prices.len());
    for (i, ap) in r.api_prices.iter().enumerate() {
        if let Some(price) = api_price(ctx, &format!("{p}.api_prices[{i}]"), ap) {
            api_prices.push(price);
        }
    }
    if ctx.errors.len() > before {
        return None;
    }
    Some(Model {
        id: r.id.clone(),
        name: r.name.clone(),
        developer: r.developer.clone(),
        origin: r.origin.clone(),
        release_date: r.release_date.clone(),
        openness: openness?,
        licence: r.licence.clone(),
        modality: r.modality.clone(),
        native_precision,
        precision_note: r.precision_note.clone(),
        attention: attention?,
        attention_note: r.attention_note.clone(),
        total_params: total_params?,
        active_params: active_params?,
        context_length: context_length?,
        arch,
        api_prices,
        notes: r.notes.clone(),
    })
}

fn api_price(ctx: &mut Ctx<'_>, p: &str, r: &RawApiPrice) -> Option<ApiPrice> {
    let currency =
        ctx.label(&format!("{p}.currency"), &r.currency, Currency::from_code, "USD or CNY");
    let confidence = ctx.label(
        &format!("{p}.confidence"),
        &r.confidence,
        Confidence::from_catalog_label,
        "official, reported, estimate or rumour",
    );
    ctx.check_sources(p, &r.sources);
    if r.sources.is_empty() {
        ctx.invalid(format!("{p}.sources"), "[]", "at least one source id");
    }
    for (name, v) in [
        ("input_per_mtok", r.input_per_mtok),
        ("output_per_mtok", r.output_per_mtok),
        ("cached_input_per_mtok", r.cached_input_per_mtok),
    ] {
        if let Some(v) = v {
            ctx.number(&format!("{p}.{name}"), v, Rules { max: 1e4, ..REQ });
        }
    }
    Some(ApiPrice {
        provider: r.provider.clone(),
        currency: currency?,
        as_of: r.as_of.clone(),
        sources: r.sources.clone(),
        confidence: confidence?,
        input_per_mtok: r.input_per_mtok,
        output_per_mtok: r.output_per_mtok,
        cached_input_per_mtok: r.cached_input_per_mtok,
        note: r.note.clone(),
    })
}
