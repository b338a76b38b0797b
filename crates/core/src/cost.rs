//! The cost model: capital cost amortised, power, $ per million tokens, TCO against an API and
//! the break-even volume.

use crate::perf::Estimate;
use crate::scenario::{CostInputs, Scenario};
use crate::units::{KilowattHours, Seconds, Tokens, Usd, UsdPerMillionTokens, Watts};

/// The cost of running a deployment.
#[derive(Clone, Debug, PartialEq)]
pub struct CostEstimate {
    /// Capital cost of the hardware, when every part is priced.
    pub capex: Option<Usd>,
    /// Capital cost per year of amortisation.
    pub capex_per_year: Option<Usd>,
    /// Power drawn while serving, facility overhead (PUE) included.
    pub power: Option<Watts>,
    /// Energy per year at the given utilisation.
    pub energy_per_year: Option<KilowattHours>,
    /// Electricity cost per year.
    pub energy_cost_per_year: Option<Usd>,
    /// Total cost per year (capital plus electricity).
    pub cost_per_year: Option<Usd>,
    /// Output tokens served per year.
    pub output_tokens_per_year: Tokens,
    /// Input tokens processed per year.
    pub input_tokens_per_year: Tokens,
    /// Cost per million output tokens (decode's share of the time).
    pub usd_per_million_output_tokens: Option<UsdPerMillionTokens>,
    /// Cost per million input tokens (prefill's share of the time).
    pub usd_per_million_input_tokens: Option<UsdPerMillionTokens>,
    /// On-premise total cost over the amortisation period.
    pub tco: Option<Usd>,
    /// The API bill for the same tokens over the same period.
    pub api_tco: Option<Usd>,
    /// Output tokens per month at which on-premise and API cost the same.
    pub break_even_output_tokens_per_month: Option<Tokens>,
    /// Output tokens per month the deployment can serve at 100 % utilisation.
    pub capacity_output_tokens_per_month: Tokens,
    /// Years the TCO covers.
    pub years: f64,
    /// Parts that could not be priced, each with the reason.
    pub gaps: Vec<String>,
}

const SECONDS_PER_MONTH: f64 = 365.0 * 86_400.0 / 12.0;

/// Costs a planned deployment.
#[must_use]
pub fn estimate(s: &Scenario, e: &Estimate, c: &CostInputs) -> CostEstimate {
    let mut gaps = c.gaps.clone();
    let chips = f64::from(e.deployment.chips());
    let systems = s.chips_per_system.map(|per| (chips / f64::from(per.max(1))).ceil());

    let per_acc_extras =
        c.server_per_accelerator.unwrap_or(0.0) + c.network_per_accelerator.unwrap_or(0.0);
    let capex = match (systems, c.system, c.accelerator) {
        (Some(n), Some((price, _)), _) => {
            Some(Usd::from_raw(n * price + chips * c.network_per_accelerator.unwrap_or(0.0)))
        }
        (_, _, Some((price, _))) => Some(Usd::from_raw(chips * (price + per_acc_extras))),
        _ => None,
    };
    if systems.is_none() && c.server_per_accelerator.is_none() {
        gaps.push("host servers not priced (cost.server_usd_per_accelerator not given)".into());
    }
    if c.network_per_accelerator.is_none() {
        gaps.push("networking not priced (cost.network_usd_per_accelerator not given)".into());
    }
    let capex_per_year = capex.map(|x| x / c.years);

    let power = match (systems, c.system_power, s.chip_numbers.tdp) {
        (Some(n), Some(p), _) => Some(p * n * c.pue),
        (_, _, Some(tdp)) => Some(tdp * chips * c.pue),
        _ => None,
    };
    let year = Seconds::from_years(1.0);
    let busy = year * c.utilisation;
    let energy_per_year = power.map(|p| p * busy);
    let energy_cost_per_year = energy_per_year.map(|kwh| Usd::from_raw(kwh.raw() * c.usd_per_kwh));
    let cost_per_year = match (capex_per_year, energy_cost_per_year) {
        (Some(a), Some(b)) => Some(a + b),
        _ => None,
    };

    let output_tokens_per_year = e.output_tokens_per_s * busy;
    let input_tokens_per_year = e.input_tokens_per_s * busy;
    let share_in = e.prefill_time_share;
    let per_mtok = |share: f64, tokens: Tokens| {
        cost_per_year
            .and_then(|y| (tokens.raw() > 0.0).then(|| Usd::from_raw(y.raw() * share) / tokens))
    };
    let usd_out = per_mtok(1.0 - share_in, output_tokens_per_year);
    let usd_in = per_mtok(share_in, input_tokens_per_year);

    let tco = match (capex, energy_cost_per_year) {
        (Some(k), Some(en)) => Some(k + en * c.years),
        _ => None,
    };
    let api_tco = c.api.as_ref().map(|a| {
        UsdPerMillionTokens::from_raw(a.input_usd_per_mtok) * (input_tokens_per_year * c.years)
            + UsdPerMillionTokens::from_raw(a.output_usd_per_mtok)
                * (output_tokens_per_year * c.years)
    });

    // Break-even: fixed monthly capital F, energy per output token v, API cost per output token a.
    let capacity_per_month = Tokens::from_raw(e.output_tokens_per_s.raw() * SECONDS_PER_MONTH);
    let ratio = f64::from(s.input_tokens) / f64::from(s.output_tokens);
    let break_even = match (&c.api, capex, power) {
        (Some(api), Some(k), Some(p)) => {
            let f = k.raw() / (c.years * 12.0);
            let energy_per_token =
                p.raw() / 1e3 / 3600.0 / e.output_tokens_per_s.raw() * c.usd_per_kwh;
            let a = (api.output_usd_per_mtok + ratio * api.input_usd_per_mtok) / 1e6;
            (a > energy_per_token).then(|| Tokens::from_raw(f / (a - energy_per_token)))
        }
        _ => None,
    };
    CostEstimate {
        capex,
        capex_per_year,
        power,
        energy_per_year,
        energy_cost_per_year,
        cost_per_year,
        output_tokens_per_year,
        input_tokens_per_year,
        usd_per_million_output_tokens: usd_out,
        usd_per_million_input_tokens: usd_in,
        tco,
        api_tco,
        break_even_output_tokens_per_month: break_even,
        capacity_output_tokens_per_month: capacity_per_month,
        years: c.years,
        gaps,
    }
}
