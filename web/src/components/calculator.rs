//! The Calculator view: the scenario form and its result.

use rackscope::Precision;
use yew::prelude::*;

use crate::Shared;
use crate::components::field::{Field, Select};
use crate::components::result::{ResultCard, ResultTables};
use crate::i18n::{Key, Lang, t};
use crate::params::{Hardware, Param};
use crate::state::{Action, AppState, FieldError};
use crate::storage::RecordKind;

/// The Calculator's properties.
#[derive(Debug, Properties, PartialEq)]
pub struct CalculatorProps {
    /// The app state.
    pub state: UseReducerHandle<AppState>,
    /// The full link to this state.
    pub link: AttrValue,
}

/// Field errors in words.
#[must_use]
pub fn field_messages(state: &AppState, p: Param) -> Vec<String> {
    let lang = state.lang;
    state
        .evaluation
        .errors_for(p)
        .map(|e| match e {
            FieldError::Param(e) => {
                format!("{}, {} `{}`", t(lang, e.expected.key()), t(lang, Key::Got), e.got)
            }
            FieldError::Core(m) => m.clone(),
        })
        .collect()
}

fn user_ids(state: &AppState, kind: RecordKind) -> Vec<String> {
    state
        .records
        .iter()
        .filter(|r| r.kind == kind && r.errors.is_empty())
        .map(|r| r.id.clone())
        .collect()
}

type Groups = Vec<(String, Vec<(String, String)>)>;

fn hardware_groups(state: &AppState) -> (String, Groups) {
    let lang = state.lang;
    let mine = user_ids(state, RecordKind::Chip);
    let c = &state.catalog;
    let chips = |user: bool| -> Vec<(String, String)> {
        c.chips()
            .iter()
            .filter(|x| mine.contains(&x.id) == user)
            .map(|x| (Hardware::Chip(x.id.clone()).option_value(), x.name.clone()))
            .collect()
    };
    let systems: Vec<(String, String)> = c
        .systems()
        .iter()
        .map(|s| (Hardware::System(s.id.clone()).option_value(), s.name.clone()))
        .collect();
    let mut groups = vec![
        (t(lang, Key::Chips).to_owned(), chips(false)),
        (t(lang, Key::Systems).to_owned(), systems),
    ];
    if !mine.is_empty() {
        groups.push((t(lang, Key::MyChips).to_owned(), chips(true)));
    }
    let current = state.params.hardware();
    let value = current.as_ref().map(Hardware::option_value).unwrap_or_default();
    let known = groups.iter().any(|(_, o)| o.iter().any(|(v, _)| *v == value));
    if !known {
        let text = match &current {
            Some(Hardware::Chip(id) | Hardware::System(id)) => {
                format!("{id} ({})", t(lang, Key::NotInCatalog))
            }
            None => t(lang, Key::Choose).to_owned(),
        };
        groups.insert(0, (String::new(), vec![(value.clone(), text)]));
    }
    (value, groups)
}

fn model_groups(state: &AppState, value: &str, only_priced: bool) -> Groups {
    let lang = state.lang;
    let mine = user_ids(state, RecordKind::Model);
    let models = |user: bool| -> Vec<(String, String)> {
        state
            .catalog
            .models()
            .iter()
            .filter(|m| mine.contains(&m.id) == user && (!only_priced || !m.api_prices.is_empty()))
            .map(|m| (m.id.clone(), m.name.clone()))
            .collect()
    };
    let mut groups = vec![(t(lang, Key::Models).to_owned(), models(false))];
    let user = models(true);
    if !user.is_empty() {
        groups.push((t(lang, Key::MyModels).to_owned(), user));
    }
    if only_priced {
        groups.insert(0, (String::new(), vec![(String::new(), t(lang, Key::ApiNone).to_owned())]));
    }
    let known = groups.iter().any(|(_, o)| o.iter().any(|(v, _)| v == value));
    if !known {
        groups.insert(
            0,
            (
                String::new(),
                vec![(value.to_owned(), format!("{value} ({})", t(lang, Key::NotInCatalog)))],
            ),
        );
    }
    groups
}

fn precision_groups(lang: Lang, value: &str) -> Groups {
    let mut opts = vec![(String::new(), t(lang, Key::Auto).to_owned())];
    opts.extend(Precision::ALL.iter().map(|p| (p.label().to_owned(), p.label().to_owned())));
    if !opts.iter().any(|(v, _)| v == value) {
        opts.push((value.to_owned(), value.to_owned()));
    }
    vec![(String::new(), opts)]
}

/// The scenario form and the result.
#[component]
pub fn Calculator(p: &CalculatorProps) -> Html {
    let state = &p.state;
    let lang = state.lang;
    let set = |param: Param| {
        let s = state.clone();
        Callback::from(move |v: String| s.dispatch(Action::Param(param, v)))
    };
    let field = |param: Param,
                 unit: Option<&'static str>,
                 hint: Option<Key>,
                 mode: &'static str| {
        html! {
            <Field id={format!("f-{}", param.key())} label={t(lang, param.label())}
                unit={unit.map(AttrValue::Static)} hint={hint.map(|h| AttrValue::Static(t(lang, h)))}
                value={state.params.get(param).to_owned()} inputmode={mode}
                errors={field_messages(state, param)} oninput={set(param)} />
        }
    };
    let (hw_value, hw_groups) = hardware_groups(state);
    let on_hw = {
        let s = state.clone();
        Callback::from(move |v: String| {
            if let Some(h) = Hardware::from_option_value(&v) {
                s.dispatch(Action::Hardware(h));
            }
        })
    };
    let mut hw_errors = field_messages(state, Param::Chip);
    hw_errors.extend(field_messages(state, Param::System));
    let model = state.params.get(Param::Model).to_owned();
    let api_model = state.params.get(Param::ApiModel).to_owned();
    let precision = |param: Param| {
        html! {
            <Select id={format!("f-{}", param.key())} label={t(lang, param.label())}
                value={state.params.get(param).to_owned()} groups={precision_groups(lang, state.params.get(param))}
                errors={field_messages(state, param)} onchange={set(param)} />
        }
    };
    let ev = &state.evaluation;
    let onsubmit = Callback::from(|e: SubmitEvent| e.prevent_default());
    html! {
        <div class="calc">
            <form class="inputs" {onsubmit} aria-label={t(lang, Key::TabCalculator)}>
                <fieldset>
                    <legend>{ t(lang, Key::GroupHardware) }</legend>
                    <Select id="f-hardware" label={t(lang, Key::Hardware)} value={hw_value} groups={hw_groups}
                        errors={hw_errors} onchange={on_hw} />
                    { field(Param::Count, None, Some(Key::CountHint), "numeric") }
                    <Select id="f-model" label={t(lang, Key::Model)} value={model.clone()}
                        groups={model_groups(state, &model, false)} errors={field_messages(state, Param::Model)}
                        onchange={set(Param::Model)} />
                </fieldset>
                <fieldset class="row3">
                    <legend>{ t(lang, Key::GroupPrecision) }</legend>
                    { precision(Param::Weights) }
                    { precision(Param::KvCache) }
                    { precision(Param::Compute) }
                </fieldset>
                <fieldset class="grid2">
                    <legend>{ t(lang, Key::GroupWorkload) }</legend>
                    { field(Param::InputTokens, None, None, "numeric") }
                    { field(Param::OutputTokens, None, None, "numeric") }
                    { field(Param::Concurrency, None, Some(Key::ConcurrencyHint), "text") }
                    { field(Param::TtftMs, Some("ms"), None, "decimal") }
                    { field(Param::TpotMs, Some("ms"), None, "decimal") }
                </fieldset>
                <fieldset class="grid2">
                    <legend>{ t(lang, Key::GroupCost) }</legend>
                    { field(Param::AcceleratorUsd, Some("USD"), Some(Key::CatalogPriceHint), "decimal") }
                    { field(Param::SystemUsd, Some("USD"), Some(Key::CatalogPriceHint), "decimal") }
                    { field(Param::ServerUsd, Some("USD"), None, "decimal") }
                    { field(Param::NetworkUsd, Some("USD"), None, "decimal") }
                    { field(Param::Years, Some(t(lang, Key::YearsUnit)), None, "decimal") }
                    { field(Param::Electricity, Some("USD/kWh"), None, "decimal") }
                    { field(Param::Pue, None, None, "decimal") }
                    { field(Param::Utilisation, None, Some(Key::UtilisationHint), "decimal") }
                    { field(Param::CnyPerUsd, None, Some(Key::CnyHint), "decimal") }
                    <Select id="f-api_model" label={t(lang, Key::ApiModel)} value={api_model.clone()}
                        groups={model_groups(state, &api_model, true)} errors={field_messages(state, Param::ApiModel)}
                        onchange={set(Param::ApiModel)} />
                    { field(Param::ApiProvider, None, None, "text") }
                    { field(Param::ApiInput, Some(t(lang, Key::PerMtok)), None, "decimal") }
                    { field(Param::ApiOutput, Some(t(lang, Key::PerMtok)), None, "decimal") }
                </fieldset>
                <fieldset>
                    <legend>{ t(lang, Key::Assumptions) }</legend>
                    { field(Param::Assumptions, None, Some(Key::AssumptionsHint), "text") }
                </fieldset>
            </form>
            <div class="outputs">
                if !ev.other_errors.is_empty() || (ev.report.is_none() && !ev.field_errors.is_empty()) {
                    <section class="card problems" role="alert" data-testid="problems">
                        <h2>{ t(lang, Key::NoResult) }</h2>
                        <ul>
                            { for ev.field_errors.iter().map(|(param, _)| *param).collect::<std::collections::BTreeSet<_>>().into_iter().map(|param| html! {
                                <li><a href={format!("#f-{}", if matches!(param, Param::Chip | Param::System) { "hardware" } else { param.key() })}>{ t(lang, param.label()) }</a>{ ": " }{ field_messages(state, param).join("; ") }</li>
                            }) }
                            { for ev.other_errors.iter().map(|e| html! { <li>{ e.clone() }</li> }) }
                        </ul>
                    </section>
                }
                if let Some(r) = &ev.report {
                    <ResultCard report={Shared(r.clone())} {lang} />
                }
                <ShareBox link={p.link.clone()} {lang} />
                if let Some(r) = &ev.report {
                    <ResultTables report={Shared(r.clone())} {lang} />
                }
            </div>
        </div>
    }
}

/// The share box's properties.
#[derive(Debug, Properties, PartialEq)]
pub struct ShareProps {
    /// The link to the current state.
    pub link: AttrValue,
    /// The language.
    pub lang: Lang,
}

/// The link and the iframe snippet, each with a copy button.
#[component]
pub fn ShareBox(p: &ShareProps) -> Html {
    let lang = p.lang;
    let embed = format!("{}&embed=result", p.link);
    let snippet = format!(
        "<iframe src=\"{}\" width=\"480\" height=\"560\" style=\"border:0\" title=\"rackscope\" loading=\"lazy\"></iframe>",
        embed.replace('&', "&amp;").replace('"', "&quot;")
    );
    let copied = use_state(|| None::<u8>);
    let copy = |which: u8, text: String| {
        let copied = copied.clone();
        Callback::from(move |_| {
            crate::browser::copy(&text);
            copied.set(Some(which));
        })
    };
    let label = |which: u8| t(lang, if *copied == Some(which) { Key::Copied } else { Key::Copy });
    // A link the app itself would refuse to open (`url::MAX_LEN`) is flagged, not silently shared.
    let query_len = p.link.split_once('?').map_or(0, |(_, q)| q.len() + "&embed=result".len());
    html! {
        <section class="card share">
            <h2>{ t(lang, Key::Share) }</h2>
            if query_len > crate::url::MAX_LEN {
                <p class="error" role="alert" data-testid="link-too-long">
                    { format!("{} ({query_len} > {})", t(lang, Key::LinkTooLong), crate::url::MAX_LEN) }
                </p>
            }
            <label for="share-link">{ t(lang, Key::ShareLink) }</label>
            <div class="copyrow">
                <input id="share-link" type="text" readonly=true value={p.link.clone()} />
                <button type="button" onclick={copy(1, p.link.to_string())}>{ label(1) }</button>
            </div>
            <label for="share-embed">{ t(lang, Key::EmbedSnippet) }</label>
            <div class="copyrow">
                <textarea id="share-embed" readonly=true rows="3" value={snippet.clone()} />
                <button type="button" onclick={copy(2, snippet)}>{ label(2) }</button>
            </div>
        </section>
    }
}
