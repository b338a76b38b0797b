//! The Decide view: risk ranking under a profile (`rackscope::risk::rank`) and the fleet planner
//! (`rackscope::fleet::plan`), both over the Calculator's scenario. The forms' logic is in
//! [`crate::decide`]; this file only lays it out.

use std::rc::Rc;

use rackscope::fleet::{self, FleetPlan};
use rackscope::risk::{self, Candidates, ExportControls, Placement, Ranking, TERMS};
use rackscope::{Catalog, RawScenario};
use yew::prelude::*;

use crate::Shared;
use crate::browser;
use crate::components::field::{Field, Select};
use crate::decide::{
    self, FleetEdit, FleetForm, PRESETS, PathErrors, Problem, RiskEdit, RiskField, RiskForm,
};
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

/// Risk ranking, then the fleet planner.
#[component]
pub fn Decide(p: &DecideProps) -> Html {
    let state = &p.state;
    let lang = state.lang;
    let catalog = Shared(state.catalog.clone());
    let controls = use_memo(catalog.clone(), |c| {
        ExportControls::embedded(c).map(Rc::new).map_err(|e| e.to_string())
    });
    let scenario = state.evaluation.scenario.clone().map(Shared);
    let read = state.risk.read();
    let profile = read.as_ref().ok().map(|(_, p)| p.clone());
    let raw_profile = read.as_ref().ok().map(|(r, _)| r.clone());
    let models = state.compare.models.clone();
    let ranking = {
        let controls = controls.clone();
        use_memo(
            (profile.clone(), scenario.clone(), catalog.clone(), models.clone()),
            move |(p, s, c, m)| {
                let (Some(p), Some(s), Ok(ctl)) = (p, s, &*controls) else { return None };
                let t0 = browser::now_ms();
                let candidates = Candidates { models: m.clone(), ..Candidates::default() };
                let r = risk::rank(c, ctl, p, s, &candidates);
                Some((Shared(Rc::new(r)), browser::now_ms() - t0))
            },
        )
    };
    let edit_risk = {
        let s = state.clone();
        Callback::from(move |(e, v): (RiskEdit, String)| {
            s.dispatch(Action::Risk(e, v));
        })
    };
    let errors = read.err().unwrap_or_default();
    html! {
        <div class="decide">
            <p class="intro">{ t(lang, Key::DecideIntro) }</p>
            if let Err(e) = &*controls {
                <p class="error" role="alert">{ e.clone() }</p>
            }
            if scenario.is_none() {
                <p class="banner warn" role="alert" data-testid="needs-scenario">{ t(lang, Key::NeedsScenario) }</p>
            }
            <section class="risk" aria-labelledby="risk-h">
                <h2 id="risk-h">{ t(lang, Key::RiskHeading) }</h2>
                <div class="decide-grid">
                    <RiskInputs form={state.risk.clone()} {errors} {lang} edit={edit_risk} state={state.clone()} />
                    <div class="outputs">
                        <p class="note">{ t(lang, Key::BaseScenarioNote) }</p>
                        if let Some((r, ms)) = &*ranking {
                            <RankingView ranking={r.clone()} catalog={catalog.clone()} {lang} ms={*ms} />
                        } else if scenario.is_some() {
                            <p class="error" role="alert">{ t(lang, Key::FixRiskFields) }</p>
                        }
                    </div>
                </div>
            </section>
            <FleetPlanner catalog={catalog} controls={(*controls).clone().ok().map(Shared)}
                scenario={scenario} profile={raw_profile.map(|p| Shared(Rc::new(p)))} {lang} />
        </div>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct RiskInputsProps {
    form: RiskForm,
    errors: Vec<(RiskField, Problem)>,
    lang: Lang,
    edit: Callback<(RiskEdit, String)>,
    state: UseReducerHandle<AppState>,
}

#[component]
fn RiskInputs(p: &RiskInputsProps) -> Html {
    let (f, lang) = (&p.form, p.lang);
    let errs = |field: RiskField| -> Vec<String> {
        p.errors.iter().filter(|(x, _)| *x == field).map(|(_, e)| e.message(lang)).collect()
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
                 field: RiskField,
                 unit: Option<&'static str>,
                 hint: Option<Key>| {
        html! {
            <Field id={id} label={t(lang, label)} value={value.to_owned()} unit={unit.map(AttrValue::Static)}
                hint={hint.map(|h| AttrValue::Static(t(lang, h)))} inputmode="text"
                errors={errs(field)} oninput={on(&p.edit, e)} />
        }
    };
    let mut other = errs(RiskField::Other);
    other.extend(errs(RiskField::Exclude));
    html! {
        <form class="inputs" aria-labelledby="risk-h" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <fieldset>
                <legend>{ t(lang, Key::Profile) }</legend>
                <Select id="r-preset" label={t(lang, Key::Profile)} value={f.preset.clone()} groups={presets}
                    onchange={on(&p.edit, RiskEdit::Preset)} />
                if modified { <p class="hint" data-testid="modified">{ t(lang, Key::PresetModified) }</p> }
            </fieldset>
            <fieldset class="weights">
                <legend>{ t(lang, Key::WeightsHeading) }</legend>
                { for TERMS.iter().enumerate().map(|(i, name)| html! {
                    <Slider id={format!("r-w-{name}")} label={t(lang, TERM_KEYS[i])} value={f.weights[i].clone()}
                        errors={errs(RiskField::Weight(i))} oninput={on(&p.edit, RiskEdit::Weight(i))} />
                }) }
                if !errs(RiskField::Weights).is_empty() {
                    <p class="error" role="alert">{ errs(RiskField::Weights).join("; ") }</p>
                }
            </fieldset>
            <fieldset>
                <legend>{ t(lang, Key::ConstraintsHeading) }</legend>
                <Check id="r-onprem" label={t(lang, Key::OnPremOnly)} checked={f.on_premise_only} onchange={on(&p.edit, RiskEdit::OnPremise)} />
                <Check id="r-open" label={t(lang, Key::OpenWeightsOnly)} checked={f.open_weights_only} onchange={on(&p.edit, RiskEdit::OpenWeights)} />
                { field("r-chip", Key::ChipOrigins, &f.chip_origins, RiskEdit::ChipOrigins, RiskField::Other, None, Some(Key::ChipOriginsHint)) }
                <fieldset class="checks">
                    <legend>{ t(lang, Key::ExcludeStatuses) }</legend>
                    { for STATUS_KEYS.iter().enumerate().map(|(i, k)| html! {
                        <Check id={format!("r-ex-{i}")} label={t(lang, *k)} checked={f.exclude[i]} onchange={on(&p.edit, RiskEdit::Exclude(i))} />
                    }) }
                </fieldset>
                { field("r-maxusd", Key::MaxUsd, &f.max_usd, RiskEdit::MaxUsd, RiskField::MaxUsd, Some("USD"), Some(Key::NoLimitHint)) }
                { field("r-maxtpot", Key::MaxTpot, &f.max_tpot, RiskEdit::MaxTpot, RiskField::MaxTpot, Some("ms"), Some(Key::NoLimitHint)) }
                if !other.is_empty() { <p class="error" role="alert">{ other.join("; ") }</p> }
            </fieldset>
            <fieldset>
                <legend>{ t(lang, Key::BuyerHeading) }</legend>
                { field("r-region", Key::BuyerRegion, &f.region, RiskEdit::Region, RiskField::Region, None, Some(Key::BuyerRegionHint)) }
                { field("r-trust", Key::Trusted, &f.trusted, RiskEdit::Trusted, RiskField::Other, None, Some(Key::TrustedHint)) }
            </fieldset>
            <fieldset>
                <legend>{ t(lang, Key::ModelsToRank) }</legend>
                <p class="hint">{ t(lang, Key::QualityNote) }</p>
                <ModelPicks state={p.state.clone()} />
            </fieldset>
        </form>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct ModelPicksProps {
    state: UseReducerHandle<AppState>,
}

/// The Compare view's model picks, edited here too.
#[component]
fn ModelPicks(p: &ModelPicksProps) -> Html {
    let s = &p.state;
    let lang = s.lang;
    let picked = &s.compare.models;
    let act = {
        let s = s.clone();
        Callback::from(move |(add, id): (bool, String)| {
            s.dispatch(if add {
                Action::CompareAdd(Pick::Model, id)
            } else {
                Action::CompareRemove(Pick::Model, id)
            });
        })
    };
    let options = vec![(
        String::new(),
        std::iter::once((String::new(), t(lang, Key::Choose).to_owned()))
            .chain(
                s.catalog
                    .models()
                    .iter()
                    .filter(|m| !picked.contains(&m.id))
                    .map(|m| (m.id.clone(), m.name.clone())),
            )
            .collect(),
    )];
    let name = |id: &str| s.catalog.model(id).map_or_else(|| id.to_owned(), |m| m.name.clone());
    html! {
        <>
            <Select id="r-models" label={t(lang, Key::AddModel)} value="" groups={options}
                onchange={act.reform(|id: String| (true, id))} />
            if picked.is_empty() { <p class="hint">{ t(lang, Key::AllModelsNote) }</p> }
            <ul class="pills">
                { for picked.iter().map(|id| {
                    let n = name(id);
                    let rid = id.clone();
                    html! { <li><span>{ n.clone() }</span>
                        <button type="button" class="x" aria-label={format!("{} {n}", t(lang, Key::Remove))}
                            onclick={act.reform(move |_: MouseEvent| (false, rid.clone()))}>{ "×" }</button></li> }
                }) }
            </ul>
        </>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct RankingProps {
    ranking: Shared<Ranking>,
    catalog: Shared<Catalog>,
    lang: Lang,
    ms: f64,
}

#[component]
fn RankingView(p: &RankingProps) -> Html {
    let (r, lang) = (&p.ranking, p.lang);
    let excluded =
        decide::grouped(r.excluded.iter().flat_map(|o| o.excluded.iter().map(String::as_str)));
    let not_computed = decide::grouped(r.not_computed.iter().map(|(_, why)| why.as_str()));
    let unpriced = r
        .ranked
        .iter()
        .filter(|o| o.usd_per_mtok.is_none() && matches!(o.placement, Placement::OnPremise { .. }))
        .count();
    let reasons = |heading: Key, v: &[(String, usize)]| {
        html! {
            if !v.is_empty() {
                <details class="reasons">
                    <summary>{ t(lang, heading) }</summary>
                    <ul>{ for v.iter().map(|(why, n)| html! { <li>{ format!("{why}: {n}") }</li> }) }</ul>
                </details>
            }
        }
    };
    html! {
        <section class="card ranking" data-testid="ranking" data-rank-ms={format!("{:.1}", p.ms)}>
            <p class="counts">
                { format!("{}: {} · {}: {} · {}: {}", t(lang, Key::Eligible), r.ranked.len(),
                    t(lang, Key::ExcludedCount), r.excluded.len(), t(lang, Key::NotComputedCount), r.not_computed.len()) }
                <span class="note">{ format!(" · {} {} · {} {} ms", r.ranked.len() + r.excluded.len() + r.not_computed.len(), t(lang, Key::Options), t(lang, Key::RankedIn), num(p.ms)) }</span>
            </p>
            if unpriced > 0 {
                <p class="note" data-testid="unpriced">{ format!("{unpriced} {}", t(lang, Key::UnpricedOptions)) }</p>
            }
            <p class="note">{ t(lang, Key::QualityNote) }</p>
            <ol class="ranked" data-testid="ranked">
                { for r.ranked.iter().take(TOP).map(|o| {
                    let (origin, hw) = match &o.placement {
                        Placement::OnPremise { hardware, .. } => (decide::chip_origin(&p.catalog, hardware).unwrap_or_default(), hardware.clone()),
                        Placement::Api { .. } => ("api".to_owned(), String::new()),
                    };
                    html! {
                        <li data-origin={origin} data-hardware={hw}>
                            <details>
                                <summary>
                                    <span class="opt-label">{ o.label.clone() }</span>
                                    <span class="opt-nums">
                                        <b>{ format!("{} {}", t(lang, Key::Score), num(o.score)) }</b>
                                        { format!(" · {}", o.usd_per_mtok.map_or_else(|| t(lang, Key::NotPriced).to_owned(), |v| format!("{} {}", num(v), t(lang, Key::PerMtok)))) }
                                        { format!(" · {} {}", t(lang, Key::Tpot), o.tpot_ms.map_or_else(|| t(lang, Key::NotApplicable).to_owned(), |v| format!("{} ms", num(v)))) }
                                        if o.pareto { <span class="pareto" title={t(lang, Key::ParetoHint)}>{ t(lang, Key::Pareto) }</span> }
                                    </span>
                                </summary>
                                if o.pareto { <p class="note">{ t(lang, Key::ParetoHint) }</p> }
                                if o.unknown_terms > 0 { <p class="note">{ format!("{} {}", o.unknown_terms, t(lang, Key::UnknownTerms)) }</p> }
                                <table class="terms">
                                    <tbody>
                                    { for o.terms.iter().enumerate().map(|(i, term)| html! {
                                        <tr>
                                            <th scope="row">{ t(lang, TERM_KEYS[i.min(5)]) }</th>
                                            <td class="num">{ match term.value {
                                                _ if term.weight == 0.0 => t(lang, Key::WeightZero).to_owned(),
                                                Some(v) => format!("{} × {}", num(v), num(term.weight)),
                                                None => t(lang, Key::UnknownLeftOut).to_owned(),
                                            } }</td>
                                            <td class="why">{ term.why.clone() }</td>
                                        </tr>
                                    }) }
                                    </tbody>
                                </table>
                            </details>
                        </li>
                    }
                }) }
            </ol>
            if r.ranked.len() > TOP {
                <p class="note">{ format!("… {} {}", r.ranked.len() - TOP, t(lang, Key::MoreEligible)) }</p>
            }
            { reasons(Key::ExcludedHeading, &excluded) }
            { reasons(Key::NotComputedHeading, &not_computed) }
        </section>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct FleetProps {
    catalog: Shared<Catalog>,
    controls: Option<Shared<ExportControls>>,
    scenario: Option<Shared<RawScenario>>,
    profile: Option<Shared<rackscope::risk::RawProfile>>,
    lang: Lang,
}

type FleetResult = Option<(Result<Shared<FleetPlan>, PathErrors>, f64)>;

#[component]
fn FleetPlanner(p: &FleetProps) -> Html {
    let lang = p.lang;
    let form = use_state(FleetForm::default);
    let edit = {
        let form = form.clone();
        Callback::from(move |(e, v): (FleetEdit, String)| form.set(form.edit(e, v)))
    };
    let result: Rc<FleetResult> = use_memo(
        (
            (*form).clone(),
            p.scenario.clone(),
            p.profile.clone(),
            p.catalog.clone(),
            p.controls.clone(),
        ),
        |(f, s, prof, c, ctl)| {
            let (Some(s), Some(ctl)) = (s, ctl) else { return None };
            let t0 = browser::now_ms();
            let r = f.read(s, prof.as_deref()).and_then(|d| {
                fleet::plan(c, ctl, &d, "fleet")
                    .map(|x| Shared(Rc::new(x)))
                    .map_err(|e| decide::by_path(&e))
            });
            Some((r, browser::now_ms() - t0))
        },
    );
    let errors: &[(String, Problem)] = match &*result {
        Some((Err(e), _)) => e,
        _ => &[],
    };
    let errs = |path: &str| -> Vec<String> {
        errors.iter().filter(|(x, _)| x == path).map(|(_, e)| e.message(lang)).collect()
    };
    let placed = |path: &str| {
        path.starts_with("demand[")
            || path.starts_with("available.")
            || path.starts_with("prices_usd.")
    };
    let unplaced: Vec<String> = errors
        .iter()
        .filter(|(x, _)| !placed(x))
        .map(
            |(x, e)| {
                if x.is_empty() { e.message(lang) } else { format!("{x}: {}", e.message(lang)) }
            },
        )
        .collect();
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
    let chips = vec![(
        String::new(),
        std::iter::once((String::new(), t(lang, Key::Choose).to_owned()))
            .chain(
                c.chips()
                    .iter()
                    .filter(|x| !form.hardware.contains(&x.id))
                    .map(|x| (x.id.clone(), x.name.clone())),
            )
            .collect(),
    )];
    let text = |id: String,
                label: Key,
                value: &str,
                path: String,
                e: FleetEdit,
                hint: Option<AttrValue>| {
        html! {
            <Field id={id} label={t(lang, label)} value={value.to_owned()} inputmode="decimal" {hint}
                unit={(label == Key::AssumedPrice).then_some(AttrValue::Static("USD"))}
                errors={errs(&path)} oninput={on(&edit, e)} />
        }
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
    html! {
        <section class="fleet" aria-labelledby="fleet-h">
            <h2 id="fleet-h">{ t(lang, Key::FleetHeading) }</h2>
            <p class="intro">{ t(lang, Key::FleetIntro) }</p>
            <div class="decide-grid">
            <form class="inputs" aria-labelledby="fleet-h" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                { for form.lines.iter().enumerate().map(|(i, l)| {
                    let path = |f: &str| format!("demand[{i}].{f}");
                    html! {
                    <fieldset class="grid2 line" data-testid={format!("line-{i}")}>
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
                            <p><button type="button" onclick={on(&edit, FleetEdit::RemoveLine(i)).reform(|_: MouseEvent| String::new())}>
                                { format!("{} {}", t(lang, Key::RemoveLine), i + 1) }</button></p>
                        }
                    </fieldset>
                }}) }
                <p><button type="button" id="d-add" onclick={on(&edit, FleetEdit::AddLine).reform(|_: MouseEvent| String::new())}>{ t(lang, Key::AddLine) }</button></p>
                <fieldset>
                    <legend>{ t(lang, Key::CandidateChips) }</legend>
                    <Select id="d-chip-add" label={t(lang, Key::AddChip)} value="" groups={chips} onchange={on(&edit, FleetEdit::AddChip)} />
                    if form.hardware.is_empty() { <p class="hint">{ t(lang, Key::AllChipsNote) }</p> }
                    <p class="hint">{ t(lang, Key::AssumedPriceNote) }</p>
                    { for form.hardware.iter().enumerate().map(|(i, id)| html! {
                        <div class="chip-row" data-chip={id.clone()}>
                            <p class="chip-name"><b>{ chip_name(id) }</b>
                                <button type="button" class="x" aria-label={format!("{} {}", t(lang, Key::Remove), chip_name(id))}
                                    onclick={on(&edit, FleetEdit::RemoveChip(i)).reform(|_: MouseEvent| String::new())}>{ "×" }</button></p>
                            <div class="grid2">
                                { text(format!("d-avail-{id}"), Key::AvailableChips, form.available.get(id).map_or("", String::as_str),
                                    format!("available.{id}"), FleetEdit::Available(i), Some(t(lang, Key::NoLimitHint).into())) }
                                { text(format!("d-price-{id}"), Key::AssumedPrice, form.prices.get(id).map_or("", String::as_str),
                                    format!("prices_usd.{id}"), FleetEdit::Price(i), Some(price_hint(id))) }
                            </div>
                        </div>
                    }) }
                </fieldset>
                <Check id="d-profile" label={t(lang, Key::ApplyProfile)} checked={form.use_profile} onchange={on(&edit, FleetEdit::UseProfile)} />
            </form>
            <div class="outputs">
                if !errors.is_empty() {
                    <section class="card problems" role="alert" data-testid="fleet-problems">
                        <h3>{ t(lang, Key::NoFleetUntilFixed) }</h3>
                        <ul>
                            { for errors.iter().filter(|(x, _)| placed(x)).map(|(x, e)| html! { <li>{ format!("{x}: {}", e.message(lang)) }</li> }) }
                            { for unplaced.iter().map(|m| html! { <li>{ m.clone() }</li> }) }
                        </ul>
                    </section>
                }
                if let Some((Ok(plan), ms)) = &*result {
                    <FleetView plan={plan.clone()} catalog={p.catalog.clone()} {lang} ms={*ms} />
                }
            </div>
            </div>
        </section>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct FleetViewProps {
    plan: Shared<FleetPlan>,
    catalog: Shared<Catalog>,
    lang: Lang,
    ms: f64,
}

#[component]
fn FleetView(p: &FleetViewProps) -> Html {
    let (plan, lang, c) = (&p.plan, p.lang, &p.catalog);
    let name = |id: &str| c.chip(id).map_or_else(|| id.to_owned(), |x| x.name.clone());
    let model = |id: &str| c.model(id).map_or_else(|| id.to_owned(), |x| x.name.clone());
    let left_out = decide::grouped(
        plan.lines.iter().flat_map(|l| l.left_out.iter().map(|(_, why)| why.as_str())),
    );
    let left = html! {
        if !left_out.is_empty() {
            <details class="reasons" open={plan.fleet.is_err()}>
                <summary>{ t(lang, Key::LeftOutHeading) }</summary>
                <ul>{ for left_out.iter().map(|(why, n)| html! { <li>{ format!("{why}: {n}") }</li> }) }</ul>
            </details>
        }
    };
    let fleet = match &plan.fleet {
        Ok(f) => f,
        Err(why) => {
            return html! {
                <section class="card problems" data-testid="no-fleet" data-plan-ms={format!("{:.1}", p.ms)}>
                    <h3>{ t(lang, Key::NoFleet) }</h3>
                    <ul>{ for why.iter().map(|w| html! { <li>{ w.clone() }</li> }) }</ul>
                    { left }
                </section>
            };
        }
    };
    let th = |k: Key| html! { <th scope="col">{ t(lang, k) }</th> };
    html! {
        <section class="card fleet-result" data-testid="fleet" data-plan-ms={format!("{:.1}", p.ms)}>
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
                    html! {
                        <tr>
                            <th scope="row">{ model(&l.model) }</th>
                            <td data-label={t(lang, Key::Chip)}>{ name(&ch.hardware) }</td>
                            <td class="num" data-label={t(lang, Key::Units)}>{ format!("{} × {}", ch.units, ch.chips_per_unit) }</td>
                            <td class="num" data-label={t(lang, Key::Needs)}>{ format!("{} {}", num(l.required_tokens_per_s), t(lang, Key::TokensPerS)) }</td>
                            <td class="num" data-label={t(lang, Key::Serves)}>{ format!("{} {}", num(cap), t(lang, Key::TokensPerS)) }</td>
                            <td class="num" data-label={t(lang, Key::Headroom)}>{ format!("{} %", num((cap / l.required_tokens_per_s - 1.0) * 100.0)) }</td>
                            <td class="num" data-label={t(lang, Key::CostPerYear)}>{ usd(ch.usd_per_year()) }
                                if ch.price_assumed { <span class="conf conf-assumption">{ t(lang, Key::PriceAssumed) }</span> }</td>
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
                    { for plan.outages.iter().map(|o| match &o.fleet {
                        Ok(f) => {
                            let moved: Vec<String> = plan.lines.iter().zip(fleet.picks.iter().zip(&f.picks))
                                .filter(|(l, (a, b))| l.choices[**a].hardware != l.choices[**b].hardware)
                                .map(|(l, (_, b))| format!("{} → {}", model(&l.model), name(&l.choices[*b].hardware)))
                                .collect();
                            html! { <tr>
                                <th scope="row">{ name(&o.hardware) }</th>
                                <td class="num" data-label={t(lang, Key::CostPerYear)}>{ usd(f.usd_per_year) }</td>
                                <td class="num" data-label={t(lang, Key::Change)}>{ format!("+{} %", num((f.usd_per_year / fleet.usd_per_year - 1.0) * 100.0)) }</td>
                                <td data-label={t(lang, Key::Moves)}>{ moved.join(", ") }</td>
                            </tr> }
                        }
                        Err(why) => html! { <tr>
                            <th scope="row">{ name(&o.hardware) }</th>
                            <td colspan="3" class="bad">{ format!("{}: {}", t(lang, Key::NoFleet), why.join("; ")) }</td>
                        </tr> },
                    }) }
                    </tbody>
                </table>
                </div>
            }
            { left }
            <p class="note">{ format!("{} {} ms", t(lang, Key::PlannedIn), num(p.ms)) }</p>
        </section>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct CheckProps {
    id: AttrValue,
    label: AttrValue,
    checked: bool,
    onchange: Callback<String>,
}

/// A labelled checkbox; emits `1` or `0`.
#[component]
fn Check(p: &CheckProps) -> Html {
    let cb = p.onchange.clone();
    let onchange = Callback::from(move |e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        cb.emit(if input.checked() { "1" } else { "0" }.to_owned());
    });
    html! {
        <div class="check">
            <input type="checkbox" id={p.id.clone()} checked={p.checked} {onchange} />
            <label for={p.id.clone()}>{ p.label.clone() }</label>
        </div>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct SliderProps {
    id: AttrValue,
    label: AttrValue,
    value: String,
    errors: Vec<String>,
    oninput: Callback<String>,
}

/// A weight: a 0–5 slider (arrow keys move it by 0.5) with its value shown.
#[component]
fn Slider(p: &SliderProps) -> Html {
    let cb = p.oninput.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        cb.emit(input.value());
    });
    let invalid = !p.errors.is_empty();
    let err_id = format!("{}-err", p.id);
    html! {
        <div class={classes!("field", "slider", invalid.then_some("invalid"))}>
            <label for={p.id.clone()}>{ p.label.clone() }</label>
            <input type="range" id={p.id.clone()} min="0" max="5" step="0.5" value={p.value.clone()} {oninput}
                aria-invalid={invalid.then_some("true")} aria-describedby={invalid.then_some(err_id.clone())} />
            <output for={p.id.clone()}>{ p.value.clone() }</output>
            if invalid { <p class="error" id={err_id} role="alert">{ p.errors.join("; ") }</p> }
        </div>
    }
}
