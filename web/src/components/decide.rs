//! The Decide view: risk ranking under a profile (`rackscope::risk::rank`) and the fleet planner
//! (`rackscope::fleet::plan`), both over the Calculator's scenario. The forms' logic is in
//! [`crate::decide`]; this file only lays it out.
//!
//! Two components only (the view, and the planner with its own form state); the rest are plain
//! functions, which keeps the WebAssembly small. Neither memoises: the view renders again only
//! when the app state changes, and every change made on this tab changes the ranking's inputs;
//! the planner renders again only when its form or its inputs change.

use rackscope::fleet::FleetPlan;
use rackscope::risk::{self, Candidates, ExportControls, Placement, Ranking, TERMS};
use rackscope::{Catalog, RawScenario};
use yew::prelude::*;

use crate::Shared;
use crate::browser;
use crate::components::field::{Field, Select};
use crate::decide::{self, FleetEdit, FleetForm, PRESETS, Problem, RiskEdit, RiskField, RiskForm};
use crate::format::{num, usd};
use crate::i18n::{Key, Lang, t};
use crate::state::{Action, AppState, Pick};

/// Options shown in full; the rest are counted.
const TOP: usize = 15;

const TERM_KEYS: [Key; 6] = [
    Key::TermCost,
    Key::TermPerformance,
    Key::Openness,
    Key::TermJurisdiction,
    Key::TermExport,
    Key::TermSupply,
];
const STATUS_KEYS: [Key; 5] =
    [Key::StDomestic, Key::StAllowed, Key::StLicence, Key::StBarred, Key::StUnknown];
const PRESET_KEYS: [Key; 4] =
    [Key::PresetEuBank, Key::PresetCnState, Key::PresetStartup, Key::PresetCustom];

type Groups = Vec<(String, Vec<(String, String)>)>;

/// The Decide view's properties.
#[derive(Debug, Properties, PartialEq)]
pub struct DecideProps {
    /// The app state.
    pub state: UseReducerHandle<AppState>,
}

fn on<E: Copy + 'static>(cb: &Callback<(E, String)>, e: E) -> Callback<String> {
    let cb = cb.clone();
    Callback::from(move |v: String| cb.emit((e, v)))
}

fn click<E: Copy + 'static>(cb: &Callback<(E, String)>, e: E) -> Callback<MouseEvent> {
    let cb = cb.clone();
    Callback::from(move |_| cb.emit((e, String::new())))
}

fn choose(lang: Lang, options: impl Iterator<Item = (String, String)>) -> Groups {
    let first = (String::new(), t(lang, Key::Choose).to_owned());
    vec![(String::new(), std::iter::once(first).chain(options).collect())]
}

fn no_submit() -> Callback<SubmitEvent> {
    Callback::from(|e: SubmitEvent| e.prevent_default())
}

/// Risk ranking, then the fleet planner.
#[component]
pub fn Decide(p: &DecideProps) -> Html {
    let state = &p.state;
    let lang = state.lang;
    let scenario = state.evaluation.scenario.clone();
    // The risk form lives in the URL; only this view reads it (`crate::bundle`).
    // A link's bad values were named when the page loaded (`bundle::DecideViews`).
    let (form, _) = RiskForm::from_url(&state.risk);
    let read = form.read();
    let controls_memo = use_memo(Shared(state.catalog.clone()), |c| {
        ExportControls::embedded(c).map_err(|e| e.to_string())
    });
    let controls = controls_memo.as_ref().as_ref().ok();
    let ranking = match (&read, &scenario, controls) {
        (Ok((_, profile)), Some(base), Some(ctl)) => {
            let t0 = browser::now_ms();
            let candidates =
                Candidates { models: state.compare.models.clone(), ..Candidates::default() };
            let r = risk::rank(&state.catalog, ctl, profile, base, &candidates);
            Some((r, browser::now_ms() - t0))
        }
        _ => None,
    };
    let edit = {
        let s = state.clone();
        let form = form.clone();
        Callback::from(move |(e, v): (RiskEdit, String)| {
            s.dispatch(Action::Risk(form.edit(e, v).to_url()));
        })
    };
    let pick = {
        let s = state.clone();
        Callback::from(move |(add, id): (bool, String)| {
            if !id.is_empty() {
                s.dispatch(if add {
                    Action::CompareAdd(Pick::Model, id)
                } else {
                    Action::CompareRemove(Pick::Model, id)
                });
            }
        })
    };
    let errors = read.as_ref().err().cloned().unwrap_or_default();
    html! {
        <div class="decide">
            <p class="intro">{ t(lang, Key::DecideIntro) }</p>
            if let Err(e) = &*controls_memo {
                <p class="error" role="alert">{ e.clone() }</p>
            }
            if scenario.is_none() {
                <p class="banner warn" role="alert" data-testid="needs-scenario">{ t(lang, Key::NeedsScenario) }</p>
            }
            <section class="risk" aria-labelledby="risk-h">
                <h2 id="risk-h">{ t(lang, Key::RiskHeading) }</h2>
                <div class="decide-grid">
                    { risk_inputs(state, &form, &errors, &edit, &pick) }
                    <div class="outputs">
                        <p class="note">{ t(lang, Key::BaseScenarioNote) }</p>
                        if let Some((r, ms)) = &ranking {
                            { ranking_view(r, &state.catalog, lang, *ms) }
                        } else if scenario.is_some() {
                            <p class="error" role="alert">{ t(lang, Key::FixRiskFields) }</p>
                        }
                    </div>
                </div>
            </section>
            <FleetPlanner catalog={Shared(state.catalog.clone())} controls={Shared(controls_memo.clone())}
                scenario={scenario.map(Shared)} risk={form} {lang} />
        </div>
    }
}

fn risk_inputs(
    state: &AppState,
    f: &RiskForm,
    errors: &[(RiskField, Problem)],
    edit: &Callback<(RiskEdit, String)>,
    pick: &Callback<(bool, String)>,
) -> Html {
    let lang = state.lang;
    let errs = |field: RiskField| -> Vec<String> {
        errors.iter().filter(|(x, _)| *x == field).map(|(_, e)| e.message(lang)).collect()
    };
    let presets = vec![(
        String::new(),
        PRESETS
            .iter()
            .zip(PRESET_KEYS)
            .map(|(id, k)| ((*id).to_owned(), t(lang, k).to_owned()))
            .collect(),
    )];
    let modified = f.preset != "custom" && *f != RiskForm::preset(&f.preset);
    let field = |id: &'static str,
                 label: Key,
                 value: &str,
                 e: RiskEdit,
                 at: RiskField,
                 unit: Option<&'static str>,
                 hint: Key| {
        let mode = if unit.is_some() { "decimal" } else { "text" };
        let hint = Some(t(lang, hint).into());
        text_field(id.into(), t(lang, label), value, (unit, mode), hint, errs(at), on(edit, e))
    };
    let mut other = errs(RiskField::Other);
    other.extend(errs(RiskField::Exclude));
    other.extend(errs(RiskField::Weights));
    let picked = &state.compare.models;
    let models = choose(
        lang,
        state
            .catalog
            .models()
            .iter()
            .filter(|m| !picked.contains(&m.id))
            .map(|m| (m.id.clone(), m.name.clone())),
    );
    let name = |id: &str| state.catalog.model(id).map_or_else(|| id.to_owned(), |m| m.name.clone());
    html! {
        <form class="inputs" aria-labelledby="risk-h" onsubmit={no_submit()}>
            <fieldset>
                <legend>{ t(lang, Key::Profile) }</legend>
                <Select id="r-preset" label={t(lang, Key::Profile)} value={f.preset.clone()} groups={presets}
                    onchange={on(edit, RiskEdit::Preset)} />
                if modified { <p class="hint" data-testid="modified">{ t(lang, Key::PresetModified) }</p> }
            </fieldset>
            <fieldset class="weights">
                <legend>{ t(lang, Key::WeightsHeading) }</legend>
                { for TERMS.iter().enumerate().map(|(i, name)| slider(&format!("r-w-{name}"), t(lang, TERM_KEYS[i]),
                    &f.weights[i], &errs(RiskField::Weight(i)), on(edit, RiskEdit::Weight(i)))) }
            </fieldset>
            <fieldset>
                <legend>{ t(lang, Key::ConstraintsHeading) }</legend>
                { check("r-onprem", t(lang, Key::OnPremOnly), f.on_premise_only, on(edit, RiskEdit::OnPremise)) }
                { check("r-open", t(lang, Key::OpenWeightsOnly), f.open_weights_only, on(edit, RiskEdit::OpenWeights)) }
                { field("r-chip", Key::ChipOrigins, &f.chip_origins, RiskEdit::ChipOrigins, RiskField::Other, None, Key::ChipOriginsHint) }
                <fieldset class="checks">
                    <legend>{ t(lang, Key::ExcludeStatuses) }</legend>
                    { for STATUS_KEYS.iter().enumerate().map(|(i, k)|
                        check(&format!("r-ex-{i}"), t(lang, *k), f.exclude[i], on(edit, RiskEdit::Exclude(i)))) }
                </fieldset>
                { field("r-maxusd", Key::MaxUsd, &f.max_usd, RiskEdit::MaxUsd, RiskField::MaxUsd, Some("USD"), Key::NoLimitHint) }
                { field("r-maxtpot", Key::MaxTpot, &f.max_tpot, RiskEdit::MaxTpot, RiskField::MaxTpot, Some("ms"), Key::NoLimitHint) }
                if !other.is_empty() { <p class="error" role="alert">{ other.join("; ") }</p> }
            </fieldset>
            <fieldset>
                <legend>{ t(lang, Key::BuyerHeading) }</legend>
                { field("r-region", Key::BuyerRegion, &f.region, RiskEdit::Region, RiskField::Region, None, Key::BuyerRegionHint) }
                { field("r-trust", Key::Trusted, &f.trusted, RiskEdit::Trusted, RiskField::Other, None, Key::TrustedHint) }
            </fieldset>
            <fieldset>
                <legend>{ t(lang, Key::ModelsToRank) }</legend>
                <p class="hint">{ t(lang, Key::QualityNote) }</p>
                <Select id="r-models" label={t(lang, Key::AddModel)} value="" groups={models}
                    onchange={pick.reform(|id: String| (true, id))} />
                if picked.is_empty() { <p class="hint">{ t(lang, Key::AllModelsNote) }</p> }
                <ul class="pills">
                    { for picked.iter().map(|id| {
                        let n = name(id);
                        let rid = id.clone();
                        html! { <li><span>{ n.clone() }</span>
                            <button type="button" class="x" aria-label={format!("{} {n}", t(lang, Key::Remove))}
                                onclick={pick.reform(move |_: MouseEvent| (false, rid.clone()))}>{ "×" }</button></li> }
                    }) }
                </ul>
            </fieldset>
        </form>
    }
}

fn ranking_view(r: &Ranking, catalog: &Catalog, lang: Lang, ms: f64) -> Html {
    let excluded =
        decide::grouped(&mut r.excluded.iter().flat_map(|o| o.excluded.iter().map(String::as_str)));
    let not_computed = decide::grouped(&mut r.not_computed.iter().map(|(_, why)| why.as_str()));
    let unpriced = r
        .ranked
        .iter()
        .filter(|o| o.usd_per_mtok.is_none() && matches!(o.placement, Placement::OnPremise { .. }))
        .count();
    let total = r.ranked.len() + r.excluded.len() + r.not_computed.len();
    html! {
        <section class="card ranking" data-testid="ranking" data-rank-ms={format!("{ms:.1}")}>
            <p class="counts">
                { format!("{}: {} · {}: {} · {}: {}", t(lang, Key::Eligible), r.ranked.len(),
                    t(lang, Key::ExcludedCount), r.excluded.len(), t(lang, Key::NotComputedCount), r.not_computed.len()) }
                <span class="note">{ format!(" · {total} {} · {} {} ms", t(lang, Key::Options), t(lang, Key::RankedIn), num(ms)) }</span>
            </p>
            if unpriced > 0 {
                <p class="note" data-testid="unpriced">{ format!("{unpriced} {}", t(lang, Key::UnpricedOptions)) }</p>
            }
            <p class="note">{ t(lang, Key::QualityNote) }</p>
            <ol class="ranked" data-testid="ranked">
                { for r.ranked.iter().take(TOP).map(|o| {
                    let origin = match &o.placement {
                        Placement::OnPremise { hardware, .. } => decide::chip_origin(catalog, hardware).unwrap_or_default(),
                        Placement::Api { .. } => "api".to_owned(),
                    };
                    let usd_mtok = o.usd_per_mtok.map_or_else(|| t(lang, Key::NotPriced).to_owned(), |v| format!("{} {}", num(v), t(lang, Key::PerMtok)));
                    let tpot = o.tpot_ms.map_or_else(|| t(lang, Key::NotApplicable).to_owned(), |v| format!("{} ms", num(v)));
                    html! {
                        <li data-origin={origin}>
                            <details>
                                <summary>
                                    <span class="opt-label">{ o.label.clone() }</span>
                                    <span class="opt-nums">
                                        <b>{ format!("{} {}", t(lang, Key::Score), num(o.score)) }</b>
                                        { format!(" · {usd_mtok} · {} {tpot}", t(lang, Key::Tpot)) }
                                        if o.pareto { <span class="pareto">{ t(lang, Key::Pareto) }</span> }
                                    </span>
                                </summary>
                                if o.pareto { <p class="note">{ t(lang, Key::ParetoHint) }</p> }
                                if o.unknown_terms > 0 { <p class="note">{ format!("{} {}", o.unknown_terms, t(lang, Key::UnknownTerms)) }</p> }
                                <table class="terms"><tbody>
                                    { for o.terms.iter().zip(TERM_KEYS).map(|(term, k)| html! {
                                        <tr>
                                            <th scope="row">{ t(lang, k) }</th>
                                            <td class="num">{ match term.value {
                                                _ if term.weight == 0.0 => t(lang, Key::WeightZero).to_owned(),
                                                Some(v) => format!("{} × {}", num(v), num(term.weight)),
                                                None => t(lang, Key::UnknownLeftOut).to_owned(),
                                            } }</td>
                                            <td class="why">{ term.why.clone() }</td>
                                        </tr>
                                    }) }
                                </tbody></table>
                            </details>
                        </li>
                    }
                }) }
            </ol>
            if r.ranked.len() > TOP {
                <p class="note">{ format!("… {} {}", r.ranked.len() - TOP, t(lang, Key::MoreEligible)) }</p>
            }
            { reasons(t(lang, Key::ExcludedHeading), &excluded, false) }
            { reasons(t(lang, Key::NotComputedHeading), &not_computed, false) }
        </section>
    }
}

#[inline(never)]
fn reasons(heading: &'static str, v: &[(String, usize)], open: bool) -> Html {
    if v.is_empty() {
        return Html::default();
    }
    html! {
        <details class="reasons" {open}>
            <summary>{ heading }</summary>
            <ul>{ for v.iter().map(|(why, n)| html! { <li>{ format!("{why}: {n}") }</li> }) }</ul>
        </details>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct FleetProps {
    catalog: Shared<Catalog>,
    controls: Shared<Result<ExportControls, String>>,
    scenario: Option<Shared<RawScenario>>,
    /// The risk form (compared by value, so the plan is not redone when it has not changed).
    risk: RiskForm,
    lang: Lang,
}

#[component]
fn FleetPlanner(p: &FleetProps) -> Html {
    let lang = p.lang;
    let form = use_state(FleetForm::default);
    let edit = {
        let form = form.clone();
        Callback::from(move |(e, v): (FleetEdit, String)| form.set(form.edit(e, v)))
    };
    let t0 = browser::now_ms();
    let profile = form.use_profile.then(|| p.risk.read());
    let result = match (&p.scenario, p.controls.as_ref(), profile) {
        // The profile's own fields show their problems above; here, only that it cannot apply.
        (_, _, Some(Err(_))) => {
            Some(Err(vec![("profile".into(), Problem::Note(Key::FixRiskFields))]))
        }
        (Some(s), Ok(ctl), profile) => {
            let raw = profile.and_then(Result::ok).map(|(raw, _)| raw);
            Some(form.plan(&p.catalog, ctl, s, raw.as_ref()))
        }
        _ => None,
    };
    let ms = browser::now_ms() - t0;
    let errors: &[(String, Problem)] = match &result {
        Some(Err(e)) => e,
        _ => &[],
    };
    let errs = |path: &str| -> Vec<String> {
        errors.iter().filter(|(x, _)| x == path).map(|(_, e)| e.message(lang)).collect()
    };
    let c = &p.catalog;
    let chip_name = |id: &str| c.chip(id).map_or_else(|| id.to_owned(), |x| x.name.clone());
    let models = vec![(
        String::new(),
        c.models().iter().map(|m| (m.id.clone(), m.name.clone())).collect::<Vec<_>>(),
    )];
    let latency = vec![(
        String::new(),
        vec![
            ("interactive".to_owned(), t(lang, Key::Interactive).to_owned()),
            ("batch".to_owned(), t(lang, Key::Batch).to_owned()),
        ],
    )];
    let chips = choose(
        lang,
        c.chips()
            .iter()
            .filter(|x| !form.chips.iter().any(|f| f.id == x.id))
            .map(|x| (x.id.clone(), x.name.clone())),
    );
    let text = |id: String,
                label: Key,
                value: &str,
                path: String,
                e: FleetEdit,
                hint: Option<AttrValue>| {
        let unit = (label == Key::AssumedPrice).then_some("USD");
        text_field(
            id.into(),
            t(lang, label),
            value,
            (unit, "decimal"),
            hint,
            errs(&path),
            on(&edit, e),
        )
    };
    let price_hint = |id: &str| -> AttrValue {
        match c.chip(id).and_then(|x| x.price.value()) {
            Some(m) if m.currency == rackscope::money::Currency::Usd => {
                format!("{}: {}", t(lang, Key::CatalogPrice), usd(m.amount)).into()
            }
            Some(m) => format!("{}: ¥{}", t(lang, Key::CatalogPrice), num(m.amount)).into(),
            None => t(lang, Key::NoCatalogPrice).into(),
        }
    };
    let problem = |(path, e): &(String, Problem)| match decide::field_of(path) {
        Some((id, key)) => {
            let line = path
                .strip_prefix("demand[")
                .and_then(|r| r.split_once(']'))
                .and_then(|(i, _)| i.parse::<usize>().ok())
                .map_or_else(String::new, |i| format!("{} {} · ", t(lang, Key::DemandLine), i + 1));
            let chip = path
                .split_once('.')
                .filter(|(k, _)| *k == "available" || *k == "prices_usd")
                .map_or_else(String::new, |(_, id)| format!("{} · ", chip_name(id)));
            html! { <li><a href={format!("#{id}")}>{ format!("{line}{chip}{}", t(lang, key)) }</a>{ format!(": {}", e.message(lang)) }</li> }
        }
        None if path.is_empty() => html! { <li>{ e.message(lang) }</li> },
        None => html! { <li>{ format!("{path}: {}", e.message(lang)) }</li> },
    };
    html! {
        <section class="fleet" aria-labelledby="fleet-h">
            <h2 id="fleet-h">{ t(lang, Key::FleetHeading) }</h2>
            <p class="intro">{ t(lang, Key::FleetIntro) }</p>
            <div class="decide-grid">
            <form class="inputs" aria-labelledby="fleet-h" onsubmit={no_submit()}>
                { for form.lines.iter().enumerate().map(|(i, l)| {
                    let path = |f: &str| format!("demand[{i}].{f}");
                    html! {
                    <fieldset class="grid2 line">
                        <legend>{ format!("{} {}", t(lang, Key::DemandLine), i + 1) }</legend>
                        <Select id={format!("d{i}-model")} label={t(lang, Key::Model)} value={l.model.clone()}
                            groups={models.clone()} errors={errs(&path("model"))} onchange={on(&edit, FleetEdit::Model(i))} />
                        { text(format!("d{i}-requests"), Key::RequestsPerDay, &l.requests, path("requests_per_day"), FleetEdit::Requests(i), None) }
                        { text(format!("d{i}-in"), Key::InputTokens, &l.input, path("input_tokens"), FleetEdit::Input(i), None) }
                        { text(format!("d{i}-out"), Key::OutputTokens, &l.output, path("output_tokens"), FleetEdit::Output(i), None) }
                        <Select id={format!("d{i}-latency")} label={t(lang, Key::Latency)}
                            value={if l.batch { "batch" } else { "interactive" }} groups={latency.clone()}
                            errors={errs(&path("latency"))} onchange={on(&edit, FleetEdit::Latency(i))} />
                        { text(format!("d{i}-peak"), Key::PeakFactor, &l.peak, path("peak_factor"), FleetEdit::Peak(i), Some(t(lang, Key::PeakHint).into())) }
                        <p class="hint wide">{ t(lang, Key::LatencyHint) }</p>
                        if form.lines.len() > 1 {
                            <p><button type="button" onclick={click(&edit, FleetEdit::RemoveLine(i))}>
                                { format!("{} {}", t(lang, Key::RemoveLine), i + 1) }</button></p>
                        }
                    </fieldset>
                }}) }
                <p><button type="button" id="d-add" onclick={click(&edit, FleetEdit::AddLine)}>{ t(lang, Key::AddLine) }</button></p>
                <fieldset>
                    <legend>{ t(lang, Key::CandidateChips) }</legend>
                    <Select id="d-chip-add" label={t(lang, Key::AddChip)} value="" groups={chips} onchange={on(&edit, FleetEdit::AddChip)} />
                    if form.chips.is_empty() { <p class="hint">{ t(lang, Key::AllChipsNote) }</p> }
                    <p class="hint">{ t(lang, Key::AssumedPriceNote) }</p>
                    { for form.chips.iter().enumerate().map(|(i, ch)| html! {
                        <div class="chip-row">
                            <p class="chip-name"><b>{ chip_name(&ch.id) }</b>
                                <button type="button" class="x" aria-label={format!("{} {}", t(lang, Key::Remove), chip_name(&ch.id))}
                                    onclick={click(&edit, FleetEdit::RemoveChip(i))}>{ "×" }</button></p>
                            <div class="grid2">
                                { text(format!("d-avail-{}", ch.id), Key::AvailableChips, &ch.available,
                                    format!("available.{}", ch.id), FleetEdit::Available(i), Some(t(lang, Key::NoLimitHint).into())) }
                                { text(format!("d-price-{}", ch.id), Key::AssumedPrice, &ch.price,
                                    format!("prices_usd.{}", ch.id), FleetEdit::Price(i), Some(price_hint(&ch.id))) }
                            </div>
                        </div>
                    }) }
                </fieldset>
                { check("d-profile", t(lang, Key::ApplyProfile), form.use_profile, on(&edit, FleetEdit::UseProfile)) }
                { for errors.iter().filter(|(x, _)| x.starts_with("profile")).map(|(_, e)| html! {
                    <p class="error" role="alert">{ e.message(lang) }</p>
                }) }
            </form>
            <div class="outputs">
                if !errors.is_empty() {
                    <section class="card problems" role="alert" data-testid="fleet-problems">
                        <h3>{ t(lang, Key::NoFleetUntilFixed) }</h3>
                        <ul>{ for errors.iter().map(problem) }</ul>
                    </section>
                }
                if let Some(Ok(plan)) = &result {
                    { fleet_view(plan, c, lang, ms) }
                }
            </div>
            </div>
        </section>
    }
}

fn fleet_view(plan: &FleetPlan, c: &Catalog, lang: Lang, ms: f64) -> Html {
    let name = |id: &str| c.chip(id).map_or_else(|| id.to_owned(), |x| x.name.clone());
    let model = |id: &str| c.model(id).map_or_else(|| id.to_owned(), |x| x.name.clone());
    let left_out = decide::grouped(
        &mut plan.lines.iter().flat_map(|l| l.left_out.iter().map(|(_, why)| why.as_str())),
    );
    let left = reasons(t(lang, Key::LeftOutHeading), &left_out, plan.fleet.is_err());
    let fleet = match &plan.fleet {
        Ok(f) => f,
        Err(why) => {
            return html! {
                <section class="card problems" data-testid="no-fleet" data-plan-ms={format!("{ms:.1}")}>
                    <h3>{ t(lang, Key::NoFleet) }</h3>
                    <ul>{ for why.iter().map(|w| html! { <li>{ w.clone() }</li> }) }</ul>
                    { left }
                </section>
            };
        }
    };
    let th = |k: Key| html! { <th scope="col">{ t(lang, k) }</th> };
    let td = |k: Key, v: String| html! { <td class="num" data-label={t(lang, k)}>{ v }</td> };
    html! {
        <section class="card fleet-result" data-testid="fleet" data-plan-ms={format!("{ms:.1}")}>
            <h3>{ t(lang, Key::CheapestFleet) }</h3>
            <dl class="stats">
                <div class="stat"><dt>{ t(lang, Key::CostPerYear) }</dt><dd><span class="big" data-testid="fleet-usd">{ usd(fleet.usd_per_year) }</span></dd></div>
                <div class="stat"><dt>{ t(lang, Key::CostOverPeriod) }</dt><dd><span class="big">{ usd(fleet.usd_per_year * plan.years) }</span>
                    <span class="detail">{ format!("{} {}", num(plan.years), t(lang, Key::YearsUnit)) }</span></dd></div>
                <div class="stat"><dt>{ t(lang, Key::Chips) }</dt><dd>
                    { for fleet.chips.iter().map(|(hw, n)| html! { <span class="detail-strong">{ format!("{} × {}", num(f64::from(*n)), name(hw)) }</span> }) }
                </dd></div>
            </dl>
            if !fleet.proven { <p class="note">{ t(lang, Key::NotProven) }</p> }
            <h3>{ t(lang, Key::PerLine) }</h3>
            <div class="scroll">
            <table class="stack" data-testid="fleet-lines">
                <thead><tr>{ th(Key::Model) }{ th(Key::Chip) }{ th(Key::Units) }{ th(Key::Needs) }{ th(Key::Serves) }{ th(Key::Headroom) }{ th(Key::CostPerYear) }</tr></thead>
                <tbody>
                { for plan.lines.iter().zip(&fleet.picks).map(|(l, &i)| {
                    let ch = &l.choices[i];
                    let cap = f64::from(ch.units) * ch.unit_tokens_per_s;
                    let per_s = t(lang, Key::TokensPerS);
                    html! {
                        <tr>
                            <th scope="row">{ model(&l.model) }</th>
                            <td data-label={t(lang, Key::Chip)}>{ name(&ch.hardware) }</td>
                            { td(Key::Units, format!("{} × {}", ch.units, ch.chips_per_unit)) }
                            { td(Key::Needs, format!("{} {per_s}", num(l.required_tokens_per_s))) }
                            { td(Key::Serves, format!("{} {per_s}", num(cap))) }
                            { td(Key::Headroom, format!("{} %", num((cap / l.required_tokens_per_s - 1.0) * 100.0))) }
                            { td(Key::CostPerYear, if ch.price_assumed {
                                format!("{} ({})", usd(ch.usd_per_year()), t(lang, Key::PriceAssumed))
                            } else {
                                usd(ch.usd_per_year())
                            }) }
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            </div>
            if !plan.outages.is_empty() {
                <h3>{ t(lang, Key::OutagesHeading) }</h3>
                <div class="scroll">
                <table class="stack" data-testid="outages">
                    <thead><tr>{ th(Key::Without) }{ th(Key::CostPerYear) }{ th(Key::Change) }{ th(Key::Moves) }</tr></thead>
                    <tbody>
                    { for plan.outages.iter().map(|o| {
                        let (cost, change, moves) = match &o.fleet {
                            Ok(f) => (
                                usd(f.usd_per_year),
                                format!("+{} %", num((f.usd_per_year / fleet.usd_per_year - 1.0) * 100.0)),
                                plan.lines.iter().zip(fleet.picks.iter().zip(&f.picks))
                                    .filter(|(l, (a, b))| l.choices[**a].hardware != l.choices[**b].hardware)
                                    .map(|(l, (_, b))| format!("{} → {}", model(&l.model), name(&l.choices[*b].hardware)))
                                    .collect::<Vec<_>>()
                                    .join(", "),
                            ),
                            Err(why) => (t(lang, Key::NoFleet).to_owned(), String::new(), why.join("; ")),
                        };
                        html! { <tr>
                            <th scope="row">{ name(&o.hardware) }</th>
                            { td(Key::CostPerYear, cost) }
                            { td(Key::Change, change) }
                            <td data-label={t(lang, Key::Moves)}>{ moves }</td>
                        </tr> }
                    }) }
                    </tbody>
                </table>
                </div>
            }
            { left }
            <p class="note">{ format!("{} {} ms", t(lang, Key::PlannedIn), num(ms)) }</p>
        </section>
    }
}

/// A [`Field`], built in one place (each `html!` use of a component is a lot of code).
#[inline(never)]
fn text_field(
    id: AttrValue,
    label: &'static str,
    value: &str,
    (unit, inputmode): (Option<&'static str>, &'static str),
    hint: Option<AttrValue>,
    errors: Vec<String>,
    oninput: Callback<String>,
) -> Html {
    html! {
        <Field {id} label={label} value={value.to_owned()} unit={unit.map(AttrValue::Static)} {hint}
            {inputmode} {errors} {oninput} />
    }
}

/// A labelled checkbox; emits `1` or `0`.
#[inline(never)]
fn check(id: &str, label: &'static str, checked: bool, cb: Callback<String>) -> Html {
    let onchange = Callback::from(move |e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        cb.emit(if input.checked() { "1" } else { "0" }.to_owned());
    });
    html! {
        <div class="check">
            <input type="checkbox" id={id.to_owned()} {checked} {onchange} />
            <label for={id.to_owned()}>{ label }</label>
        </div>
    }
}

#[inline(never)]
/// A weight: a 0–5 slider (arrow keys move it by 0.5) with its value shown.
fn slider(
    id: &str,
    label: &'static str,
    value: &str,
    errors: &[String],
    cb: Callback<String>,
) -> Html {
    let oninput = Callback::from(move |e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        cb.emit(input.value());
    });
    let invalid = !errors.is_empty();
    let err_id = format!("{id}-err");
    html! {
        <div class={classes!("field", "slider", invalid.then_some("invalid"))}>
            <label for={id.to_owned()}>{ label }</label>
            <input type="range" id={id.to_owned()} min="0" max="5" step="0.5" value={value.to_owned()} {oninput}
                aria-invalid={invalid.then_some("true")} aria-describedby={invalid.then_some(err_id.clone())} />
            <output for={id.to_owned()}>{ value.to_owned() }</output>
            if invalid { <p class="error" id={err_id} role="alert">{ errors.join("; ") }</p> }
        </div>
    }
}
