//! `rackscope rank`: options ranked under a risk profile (`rackscope::risk`). No scoring lives
//! here: the command reads the profile and the base scenario, calls `risk::rank`, and prints.

use std::fmt::Write as _;

use rackscope::risk::{self, Candidates, ExportControls, Placement, Profile, Ranking};
use rackscope::{Catalog, RawScenario};
use serde_json::json;

use crate::{Format, Io, RankArgs};

/// The base scenario when `--scenario` is not given: the workload and cost inputs every option is
/// sized and priced under (printed in the output, so it is never hidden). It is the
/// price-performance chart's example, so the two answer the same question.
pub(crate) const DEFAULT_BASE: &str =
    include_str!("../../../examples/charts/price-performance.json");

pub(crate) fn run(
    catalog: &Catalog,
    a: &RankArgs,
    io: Io<'_>,
    out: &mut String,
    err: &mut String,
) -> i32 {
    match try_run(catalog, a, io) {
        Ok((ranking, base_note)) => {
            match a.format {
                Format::Table => {
                    let _ = writeln!(out, "{base_note}");
                    out.push_str(&ranking.to_text(a.top));
                }
                Format::Json => out.push_str(&crate::json(&to_json(&ranking))),
            }
            0
        }
        Err(lines) => {
            for l in lines {
                let _ = writeln!(err, "error: {l}");
            }
            1
        }
    }
}

fn try_run(catalog: &Catalog, a: &RankArgs, io: Io<'_>) -> Result<(Ranking, String), Vec<String>> {
    let profile = profile(&a.profile, io)?;
    let (name, text) = match &a.scenario {
        Some(path) => {
            let text = (io.read)(path)
                .map_err(|e| vec![format!("--scenario: cannot read {path}: {e}")])?;
            (path.clone(), text)
        }
        None => ("default base scenario".to_owned(), DEFAULT_BASE.to_owned()),
    };
    let base = RawScenario::from_json(&name, &text).map_err(|e| vec![e.to_string()])?;
    for (flag, ids, kind) in [
        ("--chips", &a.picks.chips, "chip"),
        ("--systems", &a.picks.systems, "system"),
        ("--models", &a.picks.models, "model"),
    ] {
        for id in ids {
            let known = match kind {
                "chip" => catalog.chip(id).is_some(),
                "system" => catalog.system(id).is_some(),
                _ => catalog.model(id).is_some(),
            };
            if !known {
                return Err(vec![format!(
                    "{flag}: unknown {kind} \"{id}\"{}",
                    crate::hint(catalog, id, kind)
                )]);
            }
        }
    }
    let controls = ExportControls::embedded(catalog)
        .map_err(|e| vec![format!("the export-control file is invalid:\n{e}")])?;
    let candidates = Candidates {
        chips: a.picks.chips.clone(),
        systems: a.picks.systems.clone(),
        models: a.picks.models.clone(),
        no_apis: a.no_apis,
    };
    let w = &base.workload;
    let note = format!(
        "base scenario: {name} ({} input / {} output tokens; {}); on-premise options use the fewest chips that fit",
        w.input_tokens,
        w.output_tokens,
        base.cost.as_ref().map_or_else(
            || "no cost inputs: on-premise options are not priced".to_owned(),
            |c| format!(
                "{} years, ${}/kWh, PUE {}, {:.0} % utilisation",
                c.amortisation_years,
                c.electricity_usd_per_kwh,
                c.pue,
                c.utilisation * 100.0
            )
        )
    );
    Ok((risk::rank(catalog, &controls, &profile, &base, &candidates), note))
}

/// A preset name, or a profile file.
pub(crate) fn profile(arg: &str, io: Io<'_>) -> Result<Profile, Vec<String>> {
    if let Some((_, file, text)) = risk::PRESETS.iter().find(|p| p.0 == arg) {
        return Profile::from_json(file, text).map_err(|e| vec![e.to_string()]);
    }
    let names: Vec<&str> = risk::PRESETS.iter().map(|p| p.0).collect();
    let text = (io.read)(arg).map_err(|e| {
        vec![format!(
            "--profile: \"{arg}\" is not a preset ({}) and cannot be read as a file: {e}",
            names.join(", ")
        )]
    })?;
    Profile::from_json(arg, &text).map_err(|e| e.0.iter().map(ToString::to_string).collect())
}

fn to_json(r: &Ranking) -> serde_json::Value {
    let option = |o: &risk::Ranked| {
        let (placement, hardware, chips, provider) = match &o.placement {
            Placement::OnPremise { hardware, chips } => {
                ("on-premise", Some(hardware.clone()), Some(*chips), None)
            }
            Placement::Api { provider } => ("api", None, None, Some(provider.clone())),
        };
        json!({
            "label": o.label,
            "model": o.model,
            "placement": placement,
            "hardware": hardware,
            "chips": chips,
            "provider": provider,
            "usd_per_million_output_tokens": o.usd_per_mtok,
            "tpot_ms": o.tpot_ms,
            "score": o.score,
            "risk_score": o.risk_score,
            "pareto": o.pareto,
            "terms": o.terms.iter().map(|t| json!({"term": t.name, "value": t.value, "weight": t.weight, "why": t.why})).collect::<Vec<_>>(),
            "excluded": o.excluded,
        })
    };
    let p = &r.profile;
    json!({
        "profile": {
            "name": p.name,
            "description": p.description,
            "buyer_region": p.buyer_region,
            "trusted_jurisdictions": p.trusted,
            "weights": risk::TERMS.iter().zip(p.weights).map(|(n, w)| (n.to_string(), json!(w))).collect::<serde_json::Map<_, _>>(),
        },
        "ranked": r.ranked.iter().map(option).collect::<Vec<_>>(),
        "excluded": r.excluded.iter().map(option).collect::<Vec<_>>(),
        "not_computed": r.not_computed.iter().map(|(l, why)| json!({"label": l, "reason": why})).collect::<Vec<_>>(),
    })
}
