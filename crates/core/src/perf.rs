//! The performance model: memory, decode and prefill of one deployment, from bytes moved and
//! FLOPs against the chips' bandwidth and compute.
//!
//! Each step of the model is a sum over operator classes (dense layers, routed experts,
//! attention, communication, fixed overhead). Each class costs the larger of its memory time and
//! its compute time (a per-operator roofline); classes run one after another, so their times add.
//! The constants in [`Efficiency`] are few, global and documented in `docs/model.md`.
//!
//! **Architecture Invariant:** [`evaluate`] allocates nothing and formats nothing: it is the hot
//! path the browser sweeps on every slider move. Explanations are built afterwards from its
//! numbers by [`crate::report`].

use crate::precision::Precision;
use crate::scenario::{ChipNumbers, Load, ModelNumbers, Parallelism, Scenario};
use crate::units::{Bytes, Flops, Seconds, TokensPerSecond};

/// The model's efficiency factors: the same for every chip, model and scenario.
///
/// Where each comes from is in `docs/model.md`; the accuracy they give is in `docs/accuracy.md`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Efficiency {
    /// Fraction of datasheet memory bandwidth that streaming kernels sustain.
    pub memory_bandwidth: f64,
    /// Fraction of datasheet dense compute that serving GEMMs sustain.
    pub compute: f64,
    /// Slow-down of routed-expert work relative to the roofline (routing, permutation, grouped
    /// GEMMs on few tokens per expert, load imbalance).
    pub moe_overhead: f64,
    /// Fixed cost per layer per step (kernel launches, synchronisation).
    pub layer_overhead: Seconds,
    /// Fixed cost per request before its first token (scheduling, tokenisation, sampling).
    pub request_overhead: Seconds,
    /// Latency of one collective (all-reduce, all-to-all) across the scale-up fabric.
    pub collective_latency: Seconds,
}

impl Efficiency {
    /// The calibrated constants, the ones every result uses unless a caller passes its own.
    pub const CALIBRATED: Efficiency = Efficiency {
        memory_bandwidth: 0.80,
        compute: 0.60,
        moe_overhead: 3.0,
        layer_overhead: Seconds::from_raw(30e-6),
        request_overhead: Seconds::from_raw(5e-3),
        collective_latency: Seconds::from_raw(10e-6),
    };
}

/// How the chips are used: replicas of `replica_chips` chips each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deployment {
    /// Parallelism degrees (their product is the total chips).
    pub parallelism: Parallelism,
}

impl Deployment {
    /// Total chips.
    #[must_use]
    pub fn chips(self) -> u32 {
        self.parallelism.replica_chips() * self.parallelism.data
    }
}

/// What limits a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// Moving weights and KV cache through memory.
    Memory,
    /// Arithmetic.
    Compute,
    /// Chip-to-chip communication.
    Communication,
    /// Fixed per-layer overheads.
    Overhead,
}

impl Bound {
    /// The label used in reports.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Bound::Memory => "memory-bandwidth",
            Bound::Compute => "compute",
            Bound::Communication => "communication",
            Bound::Overhead => "overhead",
        }
    }
}

/// What set the batch size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BatchLimit {
    /// The requested concurrency.
    Concurrency,
    /// KV-cache memory.
    Memory,
    /// The runtime's maximum batch size.
    MaxBatch,
    /// The runtime's token budget per step, shared with prefill chunks.
    TokenBudget,
    /// A time-per-output-token target.
    LatencyTarget,
}

impl BatchLimit {
    /// The label used in reports.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            BatchLimit::Concurrency => "requested concurrency",
            BatchLimit::Memory => "KV-cache memory",
            BatchLimit::MaxBatch => "runtime max batch size",
            BatchLimit::TokenBudget => "runtime token budget per step",
            BatchLimit::LatencyTarget => "TPOT target",
        }
    }
}

/// The cost of one step, by operator class.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Step {
    /// Tokens processed in the step.
    pub tokens: f64,
    /// Bytes read: weights of dense layers (all replicas of them).
    pub dense_weight_bytes: Bytes,
    /// Bytes read: routed-expert weights actually touched.
    pub expert_weight_bytes: Bytes,
    /// Distinct routed experts touched per MoE layer.
    pub experts_touched: f64,
    /// Bytes read (decode) or written (prefill) in the KV cache.
    pub kv_bytes: Bytes,
    /// Arithmetic in dense layers.
    pub dense_flops: Flops,
    /// Arithmetic in routed experts.
    pub expert_flops: Flops,
    /// Arithmetic in attention over the context.
    pub attention_flops: Flops,
    /// Dense layers' time.
    pub dense_time: Seconds,
    /// Routed experts' time, including the MoE overhead factor.
    pub expert_time: Seconds,
    /// Attention's time.
    pub attention_time: Seconds,
    /// Communication time (tensor-parallel all-reduce, expert all-to-all, pipeline hand-off).
    pub comm_time: Seconds,
    /// Fixed per-layer overhead.
    pub overhead_time: Seconds,
    /// Part of the time that was memory-bound.
    pub memory_bound_time: Seconds,
    /// Part of the time that was compute-bound.
    pub compute_bound_time: Seconds,
    /// Whether communication could be costed (the scale-up bandwidth is published).
    pub comm_costed: bool,
}

impl Step {
    /// Total step time.
    #[must_use]
    pub fn time(&self) -> Seconds {
        self.dense_time
            + self.expert_time
            + self.attention_time
            + self.comm_time
            + self.overhead_time
    }

    /// The largest contributor.
    #[must_use]
    pub fn bound(&self) -> Bound {
        let parts = [
            (self.memory_bound_time.raw(), Bound::Memory),
            (self.compute_bound_time.raw(), Bound::Compute),
            (self.comm_time.raw(), Bound::Communication),
            (self.overhead_time.raw(), Bound::Overhead),
        ];
        let mut best = parts[0];
        for p in parts {
            if p.0 > best.0 {
                best = p;
            }
        }
        best.1
    }
}

/// Memory use per chip.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Memory {
    /// Datasheet memory per chip.
    pub capacity: Bytes,
    /// Weights stored per chip.
    pub weights: Bytes,
    /// KV cache held per chip at the batch used.
    pub kv_cache: Bytes,
    /// Kept back for activations, runtime and fragmentation: `(1 − memory_utilization) × capacity`.
    pub reserve: Bytes,
    /// All weights of the model at the weight precision (one copy).
    pub weights_total: Bytes,
    /// KV bytes one token adds, at full context (all layers).
    pub kv_per_token: Bytes,
    /// KV bytes one request holds at its full length (input + output).
    pub kv_per_request: Bytes,
    /// Requests that fit in one replica's KV budget.
    pub max_requests_per_replica: f64,
}

/// The result of evaluating one deployment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    /// The deployment evaluated.
    pub deployment: Deployment,
    /// Whether the weights and at least one full-length request fit.
    pub fits: bool,
    /// Memory per chip.
    pub memory: Memory,
    /// Sequences decoded together in one replica.
    pub batch_per_replica: f64,
    /// What set the batch.
    pub batch_limit: BatchLimit,
    /// One decode step of a replica.
    pub decode: Step,
    /// Prefill of one prompt on an idle replica.
    pub prefill: Step,
    /// Prefill cost per prompt token when prompts are batched in chunks (throughput mode).
    pub prefill_per_token: Seconds,
    /// Time per output token.
    pub tpot: Seconds,
    /// Time to first token of one request.
    pub ttft: Seconds,
    /// Output tokens per second, whole deployment, prefill included.
    pub output_tokens_per_s: TokensPerSecond,
    /// Input (prompt) tokens per second, whole deployment.
    pub input_tokens_per_s: TokensPerSecond,
    /// Fraction of replica time spent on prefill.
    pub prefill_time_share: f64,
}

impl Estimate {
    /// Output tokens per second per chip.
    #[must_use]
    pub fn output_tokens_per_s_per_chip(&self) -> TokensPerSecond {
        self.output_tokens_per_s / f64::from(self.deployment.chips().max(1))
    }
}

/// Geometry of one replica, derived once per evaluation.
#[derive(Clone, Copy)]
struct Geometry {
    n: f64,
    tp: f64,
    pp: f64,
    ep: f64,
    wb: f64,
    kvb: f64,
}

/// Bytes of all weights (one copy) at `weights` precision.
#[must_use]
pub fn weight_bytes(m: &ModelNumbers, weights: Precision) -> Bytes {
    Bytes::from_raw(m.total_params.raw() * weights.bytes_per_element())
}

/// Bytes of KV cache one request of `tokens` tokens holds, at `kv_cache` precision.
#[must_use]
pub fn kv_bytes_per_request(m: &ModelNumbers, kv_cache: Precision, tokens: f64) -> Bytes {
    Bytes::from_raw(kv_elements(m, tokens, None) * kv_cache.bytes_per_element())
}

/// KV elements stored (or read) per sequence at context `c`, over all layers.
fn kv_elements(m: &ModelNumbers, c: f64, cap: Option<f64>) -> f64 {
    let a = &m.attention;
    let full = match cap {
        Some(k) => c.min(k),
        None => c,
    };
    a.kv_elements_per_layer * (a.full_layers * full + a.window_layers * c.min(a.window))
}

/// Attention FLOPs for one query token at context `c`.
fn attention_flops_per_token(m: &ModelNumbers, c: f64) -> f64 {
    let a = &m.attention;
    let full = match a.read_cap {
        Some(k) => c.min(k),
        None => c,
    };
    2.0 * a.flops_per_context_token_per_layer
        * (a.full_layers * full + a.window_layers * c.min(a.window))
}

/// Expected distinct experts hit per MoE layer by `tokens` tokens choosing `k` of `e` uniformly.
fn experts_touched(e: f64, k: f64, tokens: f64) -> f64 {
    e * (1.0 - (1.0 - k / e).powf(tokens))
}

/// Accumulates memory-bound and compute-bound time across operator classes.
struct Acc {
    mem: f64,
    cmp: f64,
    bw: f64,
    fl: f64,
}

impl Acc {
    /// The roofline time of one operator class, scaled by `factor`, booked to its bound.
    fn roofline(&mut self, bytes: f64, flops: f64, factor: f64) -> f64 {
        let tm = bytes / self.bw * factor;
        let tc = flops / self.fl * factor;
        if tm >= tc {
            self.mem += tm;
            tm
        } else {
            self.cmp += tc;
            tc
        }
    }
}

struct StepInput {
    tokens: f64,
    kv_bytes: f64,
    attention_flops: f64,
    /// Whether the dense weights are replicated across expert-parallel ranks (attention DP).
    replicated_dense: bool,
}

fn step(m: &ModelNumbers, c: &ChipNumbers, g: Geometry, eff: &Efficiency, s: StepInput) -> Step {
    let bw = c.memory_bandwidth.raw() * g.n * eff.memory_bandwidth;
    let fl = c.compute.raw() * g.n * eff.compute;
    let mut out = Step { tokens: s.tokens, comm_costed: true, ..Step::default() };
    let mut acc = Acc { mem: 0.0, cmp: 0.0, bw, fl };
    let copies = if s.replicated_dense { g.ep } else { 1.0 };
    let dense_bytes = m.dense_params.raw() * g.wb * copies;
    let dense_flops = 2.0 * m.dense_params.raw() * s.tokens;
    out.dense_time = Seconds::from_raw(acc.roofline(dense_bytes, dense_flops, 1.0));
    out.dense_weight_bytes = Bytes::from_raw(dense_bytes);
    out.dense_flops = Flops::from_raw(dense_flops);

    if let Some(moe) = m.moe {
        let touched = experts_touched(moe.experts, moe.per_token, s.tokens);
        let bytes = moe.params_per_expert.raw() * touched * g.wb;
        let flops = 2.0 * moe.per_token * moe.params_per_expert.raw() * s.tokens;
        // The overhead factor scales whichever bound applies.
        out.expert_time = Seconds::from_raw(acc.roofline(bytes, flops, eff.moe_overhead));
        out.expert_weight_bytes = Bytes::from_raw(bytes);
        out.expert_flops = Flops::from_raw(flops);
        out.experts_touched = touched;
    }

    out.attention_time = Seconds::from_raw(acc.roofline(s.kv_bytes, s.attention_flops, 1.0));
    out.kv_bytes = Bytes::from_raw(s.kv_bytes);
    out.attention_flops = Flops::from_raw(s.attention_flops);

    // Communication over the scale-up fabric.
    let mut comm = 0.0;
    let multi = g.tp > 1.0 || g.ep > 1.0 || g.pp > 1.0;
    match c.link_one_way {
        Some(link) if multi => {
            let link = link.raw();
            let alpha = eff.collective_latency.raw();
            let act = 2.0; // activations travel in 16-bit
            if g.tp > 1.0 {
                // Two all-reduces per layer (after attention and after the MLP), ring algorithm.
                let tokens_per_group = s.tokens / g.ep;
                let bytes = 2.0 * (g.tp - 1.0) / g.tp * tokens_per_group * m.hidden * act;
                comm += m.layers * 2.0 * (alpha + bytes / link);
            }
            if g.ep > 1.0 && m.moe.is_some() {
                // Dispatch (8-bit) and combine (16-bit) all-to-all per MoE layer.
                let k = m.moe.map_or(1.0, |x| x.per_token);
                let bytes = s.tokens / g.n * k * m.hidden * 3.0 * (g.ep - 1.0) / g.ep;
                comm += m.layers * (2.0 * alpha + bytes / link);
            }
            if g.pp > 1.0 {
                comm += (g.pp - 1.0) * (alpha + s.tokens * m.hidden * act / link);
            }
        }
        None if multi => out.comm_costed = false,
        _ => {}
    }
    out.comm_time = Seconds::from_raw(comm);
    out.overhead_time = Seconds::from_raw(m.layers * eff.layer_overhead.raw());
    out.memory_bound_time = Seconds::from_raw(acc.mem);
    out.compute_bound_time = Seconds::from_raw(acc.cmp);
    out
}

/// Evaluates one deployment of a scenario. Pure arithmetic: no allocation, no formatting.
///
/// `batch_cap` lowers the batch further (the planner uses it to meet a TPOT target).
#[must_use]
pub fn evaluate(s: &Scenario, d: Deployment, eff: &Efficiency, batch_cap: Option<f64>) -> Estimate {
    let m = &s.model_numbers;
    let c = &s.chip_numbers;
    let p = d.parallelism;
    let g = Geometry {
        n: f64::from(p.replica_chips()),
        tp: f64::from(p.tensor),
        pp: f64::from(p.pipeline),
        ep: f64::from(p.expert),
        wb: s.precision.weights.bytes_per_element(),
        kvb: s.precision.kv_cache.bytes_per_element(),
    };
    let replicas = f64::from(p.data);
    let expert_parallel = g.ep > 1.0 && m.moe.is_some();

    // Memory.
    let weights_total = weight_bytes(m, s.precision.weights).raw();
    let expert_params = m.total_params.raw() - m.dense_params.raw();
    let weights_per_chip = if expert_parallel {
        m.dense_params.raw() * g.wb / (g.tp * g.pp) + expert_params * g.wb / g.n
    } else {
        weights_total / g.n
    };
    let usable = c.memory.raw() * s.runtime.memory_utilization;
    let kv_budget_replica = ((usable - weights_per_chip) * g.n).max(0.0);
    let isl = f64::from(s.input_tokens);
    let osl = f64::from(s.output_tokens);
    let full_len = isl + osl;
    let kv_per_request = kv_bytes_per_request(m, s.precision.kv_cache, full_len).raw();
    let max_requests =
        if kv_per_request > 0.0 { kv_budget_replica / kv_per_request } else { f64::INFINITY };
    let fits = max_requests >= 1.0;

    // Batch per replica.
    let budget = f64::from(s.runtime.max_tokens_per_step) / (1.0 + isl / osl);
    let mut candidates = [
        (f64::INFINITY, BatchLimit::Concurrency),
        (max_requests.floor().max(1.0), BatchLimit::Memory),
        (f64::from(s.runtime.max_batch_size), BatchLimit::MaxBatch),
        (f64::INFINITY, BatchLimit::TokenBudget),
        (batch_cap.unwrap_or(f64::INFINITY), BatchLimit::LatencyTarget),
    ];
    match s.load {
        Load::Concurrency(n) => candidates[0].0 = (f64::from(n) / replicas).max(1.0),
        Load::MaxThroughput => candidates[3].0 = budget.max(1.0),
    }
    let mut batch = candidates[0];
    for cand in candidates {
        if cand.0 < batch.0 {
            batch = cand;
        }
    }
    let (b, batch_limit) = batch;

    // Decode step at the mean context of a request in flight.
    let mean_ctx = isl + osl / 2.0;
    let kv_read = b * kv_elements(m, mean_ctx, m.attention.read_cap) * g.kvb;
    let decode = step(
        m,
        c,
        g,
        eff,
        StepInput {
            tokens: b,
            kv_bytes: kv_read,
            attention_flops: b * attention_flops_per_token(m, mean_ctx),
            replicated_dense: expert_parallel,
        },
    );

    // Prefill of one prompt on an idle replica (TTFT): weights shared, all chips on one prompt.
    let prefill = step(
        m,
        c,
        g,
        eff,
        StepInput {
            tokens: isl.max(1.0),
            kv_bytes: kv_elements(m, isl, None) * g.kvb,
            attention_flops: isl * attention_flops_per_token(m, isl / 2.0),
            replicated_dense: false,
        },
    );
    let ttft = prefill.time() + eff.request_overhead;

    // Prefill in throughput mode: chunks of the token budget (one per attention-DP rank).
    let chunk = f64::from(s.runtime.max_tokens_per_step) * if expert_parallel { g.ep } else { 1.0 };
    let chunk_step = step(
        m,
        c,
        g,
        eff,
        StepInput {
            tokens: chunk,
            kv_bytes: chunk * kv_elements(m, 1.0, None) * g.kvb,
            attention_flops: chunk * attention_flops_per_token(m, isl / 2.0),
            replicated_dense: expert_parallel,
        },
    );
    let prefill_per_token = Seconds::from_raw(chunk_step.time().raw() / chunk);

    let tpot = decode.time();
    let decode_per_token = tpot.raw() / b;
    let prefill_share_time = isl / osl * prefill_per_token.raw();
    let per_output_token = prefill_share_time + decode_per_token;
    let out_replica = 1.0 / per_output_token;
    let output_tokens_per_s = TokensPerSecond::from_raw(out_replica * replicas);
    Estimate {
        deployment: d,
        fits,
        memory: Memory {
            capacity: c.memory,
            weights: Bytes::from_raw(weights_per_chip),
            kv_cache: Bytes::from_raw(
                b * kv_per_request.min(kv_elements(m, mean_ctx, None) * g.kvb) / g.n,
            ),
            reserve: c.memory * (1.0 - s.runtime.memory_utilization),
            weights_total: Bytes::from_raw(weights_total),
            kv_per_token: Bytes::from_raw(kv_elements(m, 1.0, None) * g.kvb),
            kv_per_request: Bytes::from_raw(kv_per_request),
            max_requests_per_replica: max_requests,
        },
        batch_per_replica: b,
        batch_limit,
        decode,
        prefill,
        prefill_per_token,
        tpot,
        ttft,
        output_tokens_per_s,
        input_tokens_per_s: TokensPerSecond::from_raw(output_tokens_per_s.raw() * isl / osl),
        prefill_time_share: prefill_share_time / per_output_token,
    }
}
