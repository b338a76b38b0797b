//! `rackscope fleet DEMAND.json`: the cheapest mixed fleet for a demand mix
//! (`rackscope::fleet`). No planning lives here: the command reads the file, calls
//! `fleet::plan`, and prints.

use std::fmt::Write as _;

use rackscope::Catalog;
use rackscope::fleet::{self, FleetPlan, RawDemand};
use rackscope::risk::ExportControls;
use serde_json::json;

use crate::{Format, Io};

pub(crate) fn run(
    catalog: &Catalog,
    path: &str,
    format: Format,
    io: Io<'_>,
    out: &mut String,
    err: &mut String,
) -> i32 {
    let text = match (io.read)(path) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(err, "error: {path}: cannot read the file: {e}");
            return 1;
        }
    };
    let planned = RawDemand::from_json(path, &text).and_then(|d| {
        let controls = ExportControls::embedded(catalog)?;
        fleet::plan(catalog, &controls, &d, path)
    });
    match planned {
        Ok(p) => {
            match format {
                Format::Table => out.push_str(&p.to_text(catalog)),
                Format::Json => out.push_str(&crate::json(&to_json(&p))),
            }
            i32::from(p.fleet.is_err())
        }
        Err(e) => {
            for x in &e.0 {
                let _ = writeln!(err, "error: {x}");
            }
            1
        }
    }
}

fn to_json(p: &FleetPlan) -> serde_json::Value {
    let fleet_json = |f: &Result<fleet::Fleet, Vec<String>>| match f {
        Ok(f) => json!({
            "usd_per_year": f.usd_per_year,
            "chips": f.chips,
            "proven_cheapest": f.proven,
            "lines": p.lines.iter().zip(&f.picks).map(|(l, &k)| {
                let c = &l.choices[k];
                json!({
                    "model": l.model,
                    "hardware": c.hardware,
                    "units": c.units,
                    "chips_per_unit": c.chips_per_unit,
                    "required_output_tokens_per_s": l.required_tokens_per_s,
                    "capacity_output_tokens_per_s": f64::from(c.units) * c.unit_tokens_per_s,
                    "usd_per_year": c.usd_per_year(),
                    "price_assumed": c.price_assumed,
                })
            }).collect::<Vec<_>>(),
        }),
        Err(why) => json!({ "error": why }),
    };
    json!({
        "profile": p.profile.as_ref().map(|x| x.name.clone()),
        "years": p.years,
        "fleet": fleet_json(&p.fleet),
        "outages": p.outages.iter().map(|o| json!({"without": o.hardware, "fleet": fleet_json(&o.fleet)})).collect::<Vec<_>>(),
        "choices": p.lines.iter().map(|l| json!({
            "model": l.model,
            "required_output_tokens_per_s": l.required_tokens_per_s,
            "options": l.choices.iter().map(|c| json!({
                "hardware": c.hardware, "units": c.units, "chips_per_unit": c.chips_per_unit,
                "unit_output_tokens_per_s": c.unit_tokens_per_s, "unit_usd_per_year": c.unit_usd_per_year,
                "usd_per_year": c.usd_per_year(), "price_assumed": c.price_assumed,
            })).collect::<Vec<_>>(),
            "left_out": l.left_out.iter().map(|(h, why)| json!({"hardware": h, "reason": why})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}
