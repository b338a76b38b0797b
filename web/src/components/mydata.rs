//! The My data view: the user's chips and models, a form to add or edit one, a Hugging Face
//! `config.json` import, and JSON export/import.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use serde_json::{Value, json};
use yew::prelude::*;

use crate::app::save;
use crate::browser;
use crate::components::field::{Field, Select};
use crate::i18n::{Key, Lang, t};
use crate::state::{Action, AppState, Stored};
use crate::storage::{self, RecordKind, UserData};

/// A text field of a record.
struct TextSpec {
    key: &'static str,
    label: Key,
}

/// A choice field of a record.
struct ChoiceSpec {
    key: &'static str,
    label: Key,
    options: &'static [&'static str],
}

/// A number field of a record, stored as a fact with the form's provenance.
struct FactSpec {
    key: &'static str,
    label: Key,
    unit: &'static str,
    /// Stored as a missing fact when empty (the format requires it); otherwise left out.
    required: bool,
}

/// One record form.
struct FormSpec {
    kind: RecordKind,
    title: Key,
    texts: &'static [TextSpec],
    choices: &'static [ChoiceSpec],
    facts: &'static [FactSpec],
}

const CHIP_FORM: FormSpec = FormSpec {
    kind: RecordKind::Chip,
    title: Key::AddOrEditChip,
    texts: &[
        TextSpec { key: "id", label: Key::Id },
        TextSpec { key: "name", label: Key::Name },
        TextSpec { key: "vendor", label: Key::Vendor },
        TextSpec { key: "origin", label: Key::Origin },
    ],
    choices: &[ChoiceSpec {
        key: "status",
        label: Key::Status,
        options: &["announced", "shipping", "roadmap", "discontinued"],
    }],
    facts: &[
        FactSpec { key: "memory", label: Key::Memory, unit: "GB", required: true },
        FactSpec {
            key: "memory_bandwidth",
            label: Key::MemoryBandwidth,
            unit: "TB/s",
            required: true,
        },
        FactSpec { key: "bf16_dense", label: Key::Bf16Dense, unit: "TFLOPS", required: true },
        FactSpec { key: "fp8_dense", label: Key::Fp8Dense, unit: "TFLOPS", required: true },
        FactSpec { key: "fp4_dense", label: Key::Fp4Dense, unit: "TFLOPS", required: true },
        FactSpec { key: "int8_dense", label: Key::Int8Dense, unit: "TOPS", required: true },
        FactSpec { key: "tdp", label: Key::Tdp, unit: "W", required: true },
        FactSpec {
            key: "scale_up_bandwidth",
            label: Key::ScaleUpBandwidth,
            unit: "GB/s",
            required: true,
        },
        FactSpec { key: "price", label: Key::Price, unit: "USD", required: true },
    ],
};

const MODEL_FORM: FormSpec = FormSpec {
    kind: RecordKind::Model,
    title: Key::AddOrEditModel,
    texts: &[
        TextSpec { key: "id", label: Key::Id },
        TextSpec { key: "name", label: Key::Name },
        TextSpec { key: "developer", label: Key::Developer },
        TextSpec { key: "origin", label: Key::Origin },
    ],
    choices: &[
        ChoiceSpec {
            key: "openness",
            label: Key::Openness,
            options: &["open-weight", "open-source", "partially-open", "closed", "unknown"],
        },
        ChoiceSpec {
            key: "attention",
            label: Key::Attention,
            options: &[
                "gqa",
                "mha",
                "mla",
                "mla-dsa",
                "hybrid-linear",
                "sliding-window",
                "other",
                "undisclosed",
            ],
        },
    ],
    facts: &[
        FactSpec { key: "total_params", label: Key::TotalParams, unit: "B", required: true },
        FactSpec { key: "active_params", label: Key::ActiveParams, unit: "B", required: true },
        FactSpec {
            key: "context_length",
            label: Key::ContextLength,
            unit: "tokens",
            required: true,
        },
        FactSpec { key: "layers", label: Key::Layers, unit: "count", required: true },
        FactSpec { key: "hidden_size", label: Key::HiddenSize, unit: "count", required: true },
        FactSpec { key: "num_heads", label: Key::Heads, unit: "count", required: true },
        FactSpec { key: "num_kv_heads", label: Key::KvHeads, unit: "count", required: true },
        FactSpec { key: "experts_routed", label: Key::Experts, unit: "count", required: false },
        FactSpec {
            key: "experts_per_token",
            label: Key::ExpertsPerToken,
            unit: "count",
            required: false,
        },
    ],
};

/// Not a catalog source id: the text the user typed as the source of their numbers.
const USER_SOURCE: &str = "entered by the user";
const NOT_GIVEN: &str = "not given by the user";

/// The form's text, keyed by record field; `source`, `date`, `confidence` hold the provenance.
type FormValues = BTreeMap<&'static str, String>;

fn form_values(spec: &FormSpec, record: Option<&Value>) -> FormValues {
    let mut out = FormValues::new();
    let s = |v: Option<&Value>, k: &str| {
        v.and_then(|v| v.get(k)).and_then(Value::as_str).unwrap_or_default().to_owned()
    };
    for f in spec.texts {
        out.insert(f.key, s(record, f.key));
    }
    for f in spec.choices {
        let v = s(record, f.key);
        out.insert(f.key, if v.is_empty() { f.options[0].to_owned() } else { v });
    }
    let mut prov: Option<&Value> = None;
    for f in spec.facts {
        let fact = record.and_then(|r| r.get(f.key));
        let text = match fact.and_then(|x| x.get("value")).and_then(Value::as_f64) {
            Some(v) => {
                prov = prov.or(fact);
                match fact.and_then(|x| x.get("unit")).and_then(Value::as_str) {
                    Some(u) if u != f.unit => format!("{v} {u}"),
                    _ => v.to_string(),
                }
            }
            None => String::new(),
        };
        out.insert(f.key, text);
    }
    let source = prov
        .and_then(|p| p.get("sources"))
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .and_then(Value::as_str)
        .unwrap_or_default();
    out.insert("source", if source == USER_SOURCE { String::new() } else { source.to_owned() });
    out.insert("date", s(prov, "date"));
    let conf = s(prov, "confidence");
    out.insert("confidence", if conf.is_empty() { "estimate".to_owned() } else { conf });
    out
}

/// Builds the record from the form, keeping every field the form did not change.
fn build_record(
    spec: &FormSpec,
    original: Option<&Value>,
    loaded: &FormValues,
    now: &FormValues,
    lang: Lang,
) -> Result<Value, Vec<String>> {
    let mut v = original.cloned().unwrap_or_else(|| json!({}));
    let mut errors = Vec::new();
    let Some(obj) = v.as_object_mut() else {
        return Err(vec!["the record is not a JSON object".into()]);
    };
    let get = |m: &FormValues, k: &str| m.get(k).map(|s| s.trim().to_owned()).unwrap_or_default();
    let changed = |k: &str| original.is_none() || get(loaded, k) != get(now, k);
    for f in spec.texts.iter().map(|f| f.key).chain(spec.choices.iter().map(|f| f.key)) {
        if changed(f) {
            obj.insert(f.to_owned(), Value::String(get(now, f)));
        }
    }
    let prov_changed = ["source", "date", "confidence"].iter().any(|k| changed(k));
    let source = match get(now, "source") {
        s if s.is_empty() => USER_SOURCE.to_owned(),
        s => s,
    };
    for f in spec.facts {
        if !changed(f.key) && !prov_changed {
            continue;
        }
        let text = get(now, f.key);
        if text.is_empty() {
            if f.required {
                obj.insert(f.key.to_owned(), json!({ "missing": NOT_GIVEN }));
            } else {
                obj.remove(f.key);
            }
            continue;
        }
        match text.parse::<f64>() {
            Ok(n) if n.is_finite() => {
                obj.insert(
                    f.key.to_owned(),
                    json!({ "value": n, "unit": f.unit, "sources": [source], "date": get(now, "date"), "confidence": get(now, "confidence") }),
                );
            }
            _ if !changed(f.key) => {} // A value in another unit, untouched: kept as it was.
            _ => errors.push(format!(
                "{}: {}, {} `{text}`",
                t(lang, f_label(spec, f.key)),
                t(lang, Key::ExpectPositive),
                t(lang, Key::Got)
            )),
        }
    }
    if errors.is_empty() { Ok(v) } else { Err(errors) }
}

fn f_label(spec: &FormSpec, key: &str) -> Key {
    spec.facts.iter().find(|f| f.key == key).map_or(Key::Value, |f| f.label)
}

/// Puts `record` into `list`: at `index` when editing, else replacing a record with its id, else
/// at the end. Returns its position.
fn upsert(list: &mut Vec<Value>, index: Option<usize>, record: Value) -> usize {
    if let Some(i) = index.filter(|&i| i < list.len()) {
        list[i] = record;
        return i;
    }
    let id = record.get("id").cloned();
    if let Some(i) = list.iter().position(|r| id.is_some() && r.get("id") == id.as_ref()) {
        list[i] = record;
        return i;
    }
    list.push(record);
    list.len() - 1
}

/// Checks that the record at `index` of `kind` makes it into the catalog.
fn check(
    state: &AppState,
    data: &UserData,
    kind: RecordKind,
    index: usize,
) -> Result<(), Vec<String>> {
    let (_, statuses) = storage::merge(&state.base, data);
    match statuses.into_iter().find(|s| s.kind == kind && s.index == index) {
        Some(s) if !s.errors.is_empty() => Err(s.errors),
        _ => Ok(()),
    }
}

fn list_mut(data: &mut UserData, kind: RecordKind) -> &mut Vec<Value> {
    match kind {
        RecordKind::Chip => &mut data.chips,
        RecordKind::Model => &mut data.models,
    }
}

/// The My data view's properties.
#[derive(Debug, Properties, PartialEq)]
pub struct MyDataProps {
    /// The app state.
    pub state: UseReducerHandle<AppState>,
}

/// Stored records, forms, import and export.
#[component]
pub fn MyData(p: &MyDataProps) -> Html {
    let state = &p.state;
    let lang = state.lang;
    let editing = use_state(|| None::<(RecordKind, usize)>);
    let edit_chip = editing.and_then(|(k, i)| (k == RecordKind::Chip).then_some(i));
    let edit_model = editing.and_then(|(k, i)| (k == RecordKind::Model).then_some(i));
    let on_done = {
        let e = editing.clone();
        Callback::from(move |()| e.set(None))
    };
    html! {
        <div class="mydata">
            <p class="intro">{ t(lang, Key::MyDataIntro) }</p>
            <Unreadable state={state.clone()} />
            <Records state={state.clone()} on_edit={{ let e = editing.clone(); Callback::from(move |x| e.set(Some(x))) }} />
            <div class="forms">
                <RecordForm state={state.clone()} chip=true editing={edit_chip} on_done={on_done.clone()} />
                <RecordForm state={state.clone()} chip=false editing={edit_model} on_done={on_done} />
            </div>
            <HfImport state={state.clone()} />
            <ExportImport state={state.clone()} />
        </div>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct StateProps {
    state: UseReducerHandle<AppState>,
}

#[component]
fn Unreadable(p: &StateProps) -> Html {
    let lang = p.state.lang;
    let confirming = use_state(|| false);
    let Stored::Unreadable { text, error } = &p.state.stored else { return html! {} };
    let download = {
        let text = text.clone();
        Callback::from(move |_| browser::download("rackscope-unreadable-data.json", &text))
    };
    let discard = {
        let s = p.state.clone();
        let confirming = confirming.clone();
        Callback::from(move |_| {
            if !*confirming {
                confirming.set(true);
                return;
            }
            match browser::remove(storage::KEY) {
                Ok(()) => s.dispatch(Action::DiscardUnreadable),
                Err(e) => s.dispatch(Action::StorageFailed(e)),
            }
        })
    };
    html! {
        <section class="card banner warn" role="alert" data-testid="unreadable">
            <p>{ t(lang, Key::StorageUnreadable) }{ " " }<code>{ error.clone() }</code></p>
            <details><summary>{ t(lang, Key::ShowStoredText) }</summary><pre class="stored">{ text.clone() }</pre></details>
            <button type="button" onclick={download}>{ t(lang, Key::DownloadStored) }</button>
            <button type="button" class="danger" onclick={discard}>
                { t(lang, if *confirming { Key::ConfirmDiscard } else { Key::DiscardStored }) }
            </button>
        </section>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct RecordsProps {
    state: UseReducerHandle<AppState>,
    on_edit: Callback<(RecordKind, usize)>,
}

#[component]
fn Records(p: &RecordsProps) -> Html {
    let state = &p.state;
    let lang = state.lang;
    html! {
        <section class="card">
            <h2 id="records-title">{ t(lang, Key::StoredRecords) }</h2>
            if state.records.is_empty() {
                <p>{ t(lang, Key::NoRecords) }</p>
            } else {
                <div class="scroll" role="region" aria-labelledby="records-title" tabindex="0">
                <table class="records" data-testid="records">
                    <thead><tr>
                        <th scope="col">{ t(lang, Key::Kind) }</th><th scope="col">{ t(lang, Key::Id) }</th>
                        <th scope="col">{ t(lang, Key::Name) }</th><th scope="col">{ t(lang, Key::Status) }</th><th scope="col"></th>
                    </tr></thead>
                    <tbody>
                    { for state.records.iter().map(|r| {
                        let (kind, index) = (r.kind, r.index);
                        let edit = { let cb = p.on_edit.clone(); Callback::from(move |_| cb.emit((kind, index))) };
                        let delete = {
                            let s = state.clone();
                            Callback::from(move |_| {
                                let mut d = s.user.clone();
                                let list = list_mut(&mut d, kind);
                                if index < list.len() { list.remove(index); }
                                save(&s, d);
                            })
                        };
                        let who = if r.name.is_empty() { r.id.clone() } else { r.name.clone() };
                        html! {
                            <tr class={classes!((!r.errors.is_empty()).then_some("bad"))}>
                                <td>{ t(lang, if kind == RecordKind::Chip { Key::Chip } else { Key::Model }) }</td>
                                <td><code>{ r.id.clone() }</code></td>
                                <td class="name">{ r.name.clone() }</td>
                                <td>
                                    if r.errors.is_empty() { <span class="ok">{ t(lang, Key::InCatalog) }</span> }
                                    else {
                                        <span class="bad">{ t(lang, Key::NotUsable) }</span>
                                        <ul class="errs">{ for r.errors.iter().map(|e| html! { <li>{ e.clone() }</li> }) }</ul>
                                    }
                                </td>
                                <td class="actions">
                                    <button type="button" onclick={edit} aria-label={format!("{} {who}", t(lang, Key::Edit))}>{ t(lang, Key::Edit) }</button>
                                    <button type="button" class="danger" onclick={delete} aria-label={format!("{} {who}", t(lang, Key::Delete))}>{ t(lang, Key::Delete) }</button>
                                </td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
                </div>
            }
        </section>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct RecordFormProps {
    state: UseReducerHandle<AppState>,
    /// The chip form, else the model form.
    chip: bool,
    /// The record being edited (index in its list), or a new record.
    editing: Option<usize>,
    on_done: Callback<()>,
}

#[component]
fn RecordForm(p: &RecordFormProps) -> Html {
    let spec: &'static FormSpec = if p.chip { &CHIP_FORM } else { &MODEL_FORM };
    let state = &p.state;
    let lang = state.lang;
    let original: Option<Value> = p.editing.and_then(|i| {
        let list = if p.chip { &state.user.chips } else { &state.user.models };
        list.get(i).cloned()
    });
    let loaded = use_state(|| form_values(spec, None));
    let values = use_state(|| form_values(spec, None));
    let errors = use_state(Vec::<String>::new);
    let saved = use_state(|| false);
    {
        let (loaded, values, errors) = (loaded.clone(), values.clone(), errors.clone());
        let original = original.clone();
        use_effect_with(p.editing, move |_| {
            let v = form_values(spec, original.as_ref());
            loaded.set(v.clone());
            values.set(v);
            errors.set(Vec::new());
        });
    }
    let prefix = if p.chip { "chip" } else { "model" };
    let set = |key: &'static str| {
        let values = values.clone();
        let saved = saved.clone();
        Callback::from(move |v: String| {
            let mut m = (*values).clone();
            m.insert(key, v);
            values.set(m);
            saved.set(false);
        })
    };
    let text = |key: &'static str, label: Key, mode: &'static str, unit: Option<&'static str>| {
        html! {
            <Field id={format!("{prefix}-{key}")} label={t(lang, label)} value={values.get(key).cloned().unwrap_or_default()}
                inputmode={mode} unit={unit.map(AttrValue::Static)} oninput={set(key)} />
        }
    };
    let choice = |key: &'static str, label: Key, options: &'static [&'static str]| {
        html! {
            <Select id={format!("{prefix}-{key}")} label={t(lang, label)} value={values.get(key).cloned().unwrap_or_default()}
                groups={vec![(String::new(), options.iter().map(|o| ((*o).to_owned(), (*o).to_owned())).collect())]}
                onchange={set(key)} />
        }
    };
    let on_save = {
        let (s, values, loaded, errors, saved, done) = (
            state.clone(),
            values.clone(),
            loaded.clone(),
            errors.clone(),
            saved.clone(),
            p.on_done.clone(),
        );
        let editing = p.editing;
        let original = original.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let record = match build_record(spec, original.as_ref(), &loaded, &values, s.lang) {
                Ok(r) => r,
                Err(es) => return errors.set(es),
            };
            let mut data = s.user.clone();
            let index = upsert(list_mut(&mut data, spec.kind), editing, record);
            match check(&s, &data, spec.kind, index) {
                Ok(()) => {
                    errors.set(Vec::new());
                    saved.set(true);
                    save(&s, data);
                    done.emit(());
                    values.set(form_values(spec, None));
                    loaded.set(form_values(spec, None));
                }
                Err(es) => errors.set(es),
            }
        })
    };
    let clear = {
        let (values, loaded, errors, done) =
            (values.clone(), loaded.clone(), errors.clone(), p.on_done.clone());
        Callback::from(move |_| {
            values.set(form_values(spec, None));
            loaded.set(form_values(spec, None));
            errors.set(Vec::new());
            done.emit(());
        })
    };
    let heading = format!(
        "{}{}",
        t(lang, spec.title),
        match (&original, p.editing) {
            (Some(o), Some(_)) => format!(
                " — {} {}",
                t(lang, Key::Editing),
                o.get("id").and_then(Value::as_str).unwrap_or_default()
            ),
            _ => String::new(),
        }
    );
    html! {
        <form class="card record-form" onsubmit={on_save} aria-labelledby={format!("{prefix}-form-title")} data-testid={format!("{prefix}-form")}>
            <h2 id={format!("{prefix}-form-title")}>{ heading }</h2>
            <fieldset class="grid2">
                { for spec.texts.iter().map(|f| text(f.key, f.label, "text", None)) }
                { for spec.choices.iter().map(|f| choice(f.key, f.label, f.options)) }
            </fieldset>
            <p class="hint">{ t(lang, Key::EmptyMeansMissing) }</p>
            <fieldset class="grid2">
                { for spec.facts.iter().map(|f| text(f.key, f.label, "decimal", Some(f.unit))) }
            </fieldset>
            <fieldset class="grid2">
                { text("source", Key::FactsSource, "text", None) }
                { text("date", Key::FactsDate, "text", None) }
                { choice("confidence", Key::FactsConfidence, &["estimate", "official", "reported", "rumour"]) }
            </fieldset>
            if !errors.is_empty() {
                <div class="error" role="alert">
                    <p>{ t(lang, Key::FixBeforeSaving) }</p>
                    <ul>{ for errors.iter().map(|e| html! { <li>{ e.clone() }</li> }) }</ul>
                </div>
            }
            <div class="buttons">
                <button type="submit" class="primary">{ t(lang, Key::Save) }</button>
                <button type="button" onclick={clear}>{ t(lang, Key::Clear) }</button>
                if *saved { <span class="ok" role="status">{ t(lang, Key::Saved) }</span> }
            </div>
        </form>
    }
}

#[component]
fn HfImport(p: &StateProps) -> Html {
    let lang = p.state.lang;
    let id = use_state(String::new);
    let config = use_state(String::new);
    let errors = use_state(Vec::<String>::new);
    let on_id = {
        let id = id.clone();
        Callback::from(move |v: String| id.set(v))
    };
    let on_config = {
        let config = config.clone();
        Callback::from(move |e: InputEvent| {
            let ta: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            config.set(ta.value());
        })
    };
    let onsubmit = {
        let (s, id, config, errors) = (p.state.clone(), id.clone(), config.clone(), errors.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let raw = match rackscope::hf::import_str("config.json", &config, id.trim()) {
                Ok(r) => r,
                Err(es) => return errors.set(es.0.iter().map(ToString::to_string).collect()),
            };
            let record = match serde_json::to_value(&raw) {
                Ok(v) => v,
                Err(e) => return errors.set(vec![e.to_string()]),
            };
            let mut data = s.user.clone();
            let index = upsert(&mut data.models, None, record);
            match check(&s, &data, RecordKind::Model, index) {
                Ok(()) => {
                    errors.set(Vec::new());
                    config.set(String::new());
                    save(&s, data);
                }
                Err(es) => errors.set(es),
            }
        })
    };
    html! {
        <form class="card" {onsubmit} aria-labelledby="hf-title">
            <h2 id="hf-title">{ t(lang, Key::HfImport) }</h2>
            <Field id="hf-id" label={t(lang, Key::HfId)} value={(*id).clone()} inputmode="text" oninput={on_id} />
            <div class="field">
                <label for="hf-config">{ t(lang, Key::HfConfig) }</label>
                <textarea id="hf-config" rows="8" spellcheck="false" value={(*config).clone()} oninput={on_config} />
            </div>
            if !errors.is_empty() {
                <div class="error" role="alert"><ul>{ for errors.iter().map(|e| html! { <li>{ e.clone() }</li> }) }</ul></div>
            }
            <button type="submit" class="primary">{ t(lang, Key::Import) }</button>
        </form>
    }
}

/// The outcome of the last file import, shown under the file input.
#[derive(Clone, Debug, PartialEq)]
enum ImportOutcome {
    /// The file could not be read; nothing was imported.
    Failed(String),
    /// Good records added; the bad ones listed with their errors.
    Done(storage::Imported),
}

#[component]
fn ExportImport(p: &StateProps) -> Html {
    let lang = p.state.lang;
    let outcome = use_state(|| None::<ImportOutcome>);
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    let export = {
        let s = p.state.clone();
        Callback::from(move |_| {
            browser::download("rackscope-my-data.json", &storage::serialize(&s.user))
        })
    };
    let onchange = {
        let (s, outcome, reader) = (p.state.clone(), outcome.clone(), reader.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            let (s, outcome) = (s.clone(), outcome.clone());
            let slot: Rc<RefCell<Option<gloo::file::callbacks::FileReader>>> = reader.clone();
            let task =
                gloo::file::callbacks::read_as_text(&gloo::file::File::from(file), move |res| {
                    let result = res
                        .map_err(|e| e.to_string())
                        .and_then(|text| storage::import(&s.base, &s.user, &text));
                    match result {
                        // A refused write says why in the notice; nothing was imported then.
                        Ok(imported) if imported.added > 0 && !save(&s, imported.data.clone()) => {
                            outcome.set(None);
                        }
                        Ok(imported) => outcome.set(Some(ImportOutcome::Done(imported))),
                        Err(e) => outcome.set(Some(ImportOutcome::Failed(e))),
                    }
                });
            *slot.borrow_mut() = Some(task);
            input.set_value("");
        })
    };
    let rejected = |r: &storage::RecordStatus| {
        let kind = t(lang, if r.kind == RecordKind::Chip { Key::Chip } else { Key::Model });
        html! {
            <li><b>{ format!("{kind} {}", if r.id.is_empty() { "?" } else { &r.id }) }</b>
                <ul class="errs">{ for r.errors.iter().map(|e| html! { <li>{ e.clone() }</li> }) }</ul></li>
        }
    };
    html! {
        <section class="card" aria-labelledby="io-title">
            <h2 id="io-title">{ t(lang, Key::ExportImport) }</h2>
            <p><button type="button" onclick={export}>{ t(lang, Key::ExportJson) }</button></p>
            <div class="field">
                <label for="import-file">{ t(lang, Key::ImportJson) }</label>
                <input id="import-file" type="file" accept="application/json,.json" {onchange} />
                <p class="hint">{ t(lang, Key::ImportHint) }</p>
            </div>
            { match &*outcome {
                None => html! {},
                Some(ImportOutcome::Failed(e)) => html! {
                    <p class="error" role="alert" data-testid="import-result">{ format!("{} {e}", t(lang, Key::ImportFailed)) }</p>
                },
                Some(ImportOutcome::Done(i)) => html! {
                    <div role="status" data-testid="import-result">
                        <p>{ format!("{} {}", t(lang, Key::ImportedCount), i.added) }</p>
                        if !i.rejected.is_empty() {
                            <div class="error">
                                <p>{ t(lang, Key::ImportRejected) }</p>
                                <ul>{ for i.rejected.iter().map(rejected) }</ul>
                            </div>
                        }
                    </div>
                },
            } }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chip_form() -> FormValues {
        let mut v = form_values(&CHIP_FORM, None);
        for (k, x) in [
            ("id", "my-npu"),
            ("name", "My NPU"),
            ("vendor", "Me"),
            ("origin", "DE"),
            ("memory", "96"),
            ("memory_bandwidth", "2"),
            ("bf16_dense", "400"),
            ("date", "2026"),
        ] {
            v.insert(k, x.to_owned());
        }
        v
    }

    #[test]
    fn a_new_chip_from_the_form_validates_and_empty_is_missing() {
        let v = chip_form();
        let record = build_record(&CHIP_FORM, None, &v, &v, Lang::En).expect("record");
        assert_eq!(record["fp8_dense"], json!({"missing": NOT_GIVEN}));
        assert_eq!(record["memory"]["unit"], "GB");
        let base = rackscope::Catalog::embedded().expect("catalog");
        let data = UserData { chips: vec![record], models: vec![] };
        let (catalog, statuses) = storage::merge(&base, &data);
        assert!(statuses[0].errors.is_empty(), "{statuses:?}");
        assert!(catalog.chip("my-npu").is_some());
    }

    #[test]
    fn editing_keeps_what_the_form_does_not_show() {
        let v = chip_form();
        let mut record = build_record(&CHIP_FORM, None, &v, &v, Lang::En).expect("record");
        record["notes"] = json!("kept");
        record["memory"] = json!({"value": 64, "unit": "GiB", "sources": ["x"], "date": "2025", "confidence": "official"});
        let loaded = form_values(&CHIP_FORM, Some(&record));
        assert_eq!(loaded["memory"], "64 GiB");
        let mut now = loaded.clone();
        now.insert("name", "Renamed".into());
        let edited =
            build_record(&CHIP_FORM, Some(&record), &loaded, &now, Lang::En).expect("edited");
        assert_eq!(edited["notes"], "kept");
        assert_eq!(edited["memory"]["unit"], "GiB");
        assert_eq!(edited["name"], "Renamed");
        now.insert("memory", "lots".into());
        assert!(build_record(&CHIP_FORM, Some(&record), &loaded, &now, Lang::En).is_err());
    }

    #[test]
    fn upsert_replaces_by_id() {
        let mut list = vec![json!({"id": "a", "n": 1}), json!({"id": "b"})];
        assert_eq!(upsert(&mut list, None, json!({"id": "a", "n": 2})), 0);
        assert_eq!(upsert(&mut list, None, json!({"id": "c"})), 2);
        assert_eq!(list[0]["n"], 2);
    }
}
