//! The planner: how many chips, which parallelism, which batch, under the latency targets.

use crate::error::{Error, ErrorKind};
use crate::perf::{Deployment, Efficiency, Estimate, evaluate};
use crate::scenario::{Load, Parallelism, Scenario};

/// Tensor parallelism stays within this many chips when the hardware is a bare chip (an
/// HGX-class 8-GPU node); beyond it, layers are split into pipeline stages. A system with a
/// larger published scale-up domain raises the limit to that domain.
pub const DEFAULT_SCALE_UP_DOMAIN: u32 = 8;

/// The planner's choice and whether it meets the targets.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plan {
    /// The chosen deployment's estimate.
    pub estimate: Estimate,
    /// The fewest chips that hold the weights and one full-length request.
    pub min_chips: Option<u32>,
    /// Whether the TTFT target (if any) is met.
    pub ttft_met: Option<bool>,
    /// Whether the TPOT target (if any) is met.
    pub tpot_met: Option<bool>,
    /// Deployments compared.
    pub candidates: u32,
}

impl Plan {
    /// True when every given target is met.
    #[must_use]
    pub fn meets_targets(&self) -> bool {
        self.ttft_met != Some(false) && self.tpot_met != Some(false)
    }
}

fn scale_up_domain(s: &Scenario) -> u32 {
    s.system
        .as_ref()
        .and_then(|x| x.scale_up_domain.value())
        .map_or(DEFAULT_SCALE_UP_DOMAIN, |v| (v as u32).max(1))
}

/// Parallel layouts for a replica of `r` chips.
fn layouts(s: &Scenario, r: u32, data: u32) -> impl Iterator<Item = Parallelism> {
    let domain = scale_up_domain(s);
    let tp = r.min(domain);
    let pp = r.div_ceil(tp);
    let dense = (tp * pp == r).then_some(Parallelism { tensor: tp, pipeline: pp, expert: 1, data });
    let ep = (s.model_numbers.moe.is_some() && r > 1).then_some(Parallelism {
        tensor: 1,
        pipeline: 1,
        expert: r,
        data,
    });
    dense.into_iter().chain(ep)
}

/// The fewest chips whose memory holds the weights and one full-length request, trying
/// powers of two (and multiples of the system size when the hardware is a system).
#[must_use]
pub fn min_chips(s: &Scenario, eff: &Efficiency) -> Option<u32> {
    let step = s.chips_per_system.unwrap_or(1).max(1);
    let mut sizes: Vec<u32> =
        (0..17).map(|i| 1u32 << i).filter(|n| n % step == 0 || *n < step).collect();
    if step > 1 {
        sizes.extend((1..=64).map(|k| k * step));
    }
    sizes.sort_unstable();
    sizes.dedup();
    sizes.into_iter().find(|&n| {
        layouts(s, n, 1).any(|p| evaluate(s, Deployment { parallelism: p }, eff, None).fits)
    })
}

/// Plans a scenario: uses its chips and parallelism when given, otherwise searches. Without a
/// count, a bare chip gets the fewest chips that fit and a system gets the fewest whole systems,
/// filled with as many replicas as fit.
///
/// # Errors
///
/// When nothing fits: the model's weights plus one request exceed the memory of the chips given
/// (or of 65,536 chips when none are given).
pub fn plan(s: &Scenario, eff: &Efficiency, file: &str) -> Result<Plan, Error> {
    let min = min_chips(s, eff);
    let mut candidates: Vec<Deployment> = Vec::new();
    match (s.chips, s.parallelism) {
        (_, Some(p)) => candidates.push(Deployment { parallelism: p }),
        (Some(n), None) => {
            for r in (1..=n).filter(|r| n % r == 0) {
                candidates.extend(layouts(s, r, n / r).map(|p| Deployment { parallelism: p }));
            }
        }
        (None, None) => {
            let Some(n) = min else {
                return Err(Error::new(
                    file,
                    "hardware",
                    ErrorKind::Infeasible(format!(
                        "{} does not fit on up to 65,536 {} chips",
                        s.model.id, s.chip.id
                    )),
                ));
            };
            match s.chips_per_system.filter(|&per| per > 1) {
                // A system is bought whole: fill it with replicas of at least `n` chips.
                Some(per) => {
                    let total = n.div_ceil(per).saturating_mul(per);
                    for r in (n..=total).filter(|r| total % r == 0) {
                        candidates.extend(
                            layouts(s, r, total / r).map(|p| Deployment { parallelism: p }),
                        );
                    }
                }
                None => candidates.extend(layouts(s, n, 1).map(|p| Deployment { parallelism: p })),
            }
        }
    }
    let tpot_target = s.targets.tpot_ms;
    let ttft_target = s.targets.ttft_ms;
    let mut best: Option<(f64, Plan)> = None;
    let total = candidates.len() as u32;
    for d in candidates {
        let mut e = evaluate(s, d, eff, None);
        if !e.fits {
            continue;
        }
        // Lower the batch until the TPOT target is met (max-throughput mode only).
        if let Some(t) = tpot_target
            && e.tpot.as_ms() > t
            && matches!(s.load, Load::MaxThroughput)
        {
            let (mut lo, mut hi) = (1.0_f64, e.batch_per_replica);
            let at_one = evaluate(s, d, eff, Some(1.0));
            if at_one.tpot.as_ms() <= t {
                for _ in 0..40 {
                    let mid = ((lo + hi) / 2.0).floor();
                    if mid <= lo {
                        break;
                    }
                    if evaluate(s, d, eff, Some(mid)).tpot.as_ms() <= t {
                        lo = mid
                    } else {
                        hi = mid
                    }
                }
                e = evaluate(s, d, eff, Some(lo));
            } else {
                e = at_one;
            }
        }
        let ttft_met = ttft_target.map(|t| e.ttft.as_ms() <= t);
        let tpot_met = tpot_target.map(|t| e.tpot.as_ms() <= t);
        let plan = Plan { estimate: e, min_chips: min, ttft_met, tpot_met, candidates: total };
        // Prefer plans that meet targets, then higher throughput, then lower latency.
        let score = if plan.meets_targets() { 1e18 } else { 0.0 } + e.output_tokens_per_s.raw()
            - e.tpot.raw() * 1e-6;
        if best.as_ref().is_none_or(|(b, _)| score > *b) {
            best = Some((score, plan));
        }
    }
    best.map(|(_, p)| p).ok_or_else(|| {
        let chips = s.chips.map_or_else(
            || "the chips".to_owned(),
            |n| format!("{n} chip{}", if n == 1 { "" } else { "s" }),
        );
        let hint = min.map_or_else(String::new, |m| format!("; it needs at least {m} chips"));
        Error::new(
            file,
            "hardware.count",
            ErrorKind::Infeasible(format!(
                "{} at {} weights does not fit on {} of {}{}",
                s.model.id,
                s.precision.weights.label(),
                chips,
                s.chip.id,
                hint
            )),
        )
    })
}
