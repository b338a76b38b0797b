//! The Compare view: chips, systems and models side by side, every number with its provenance.

use yew::prelude::*;

use crate::components::fact::Fact;
use crate::facts::{self, Row};
use crate::i18n::{Key, Lang, t};
use crate::state::{Action, AppState, Pick};

/// The Compare view's properties.
#[derive(Debug, Properties, PartialEq)]
pub struct CompareProps {
    /// The app state.
    pub state: UseReducerHandle<AppState>,
}

/// Pickers and one table per kind of record.
#[component]
pub fn Compare(p: &CompareProps) -> Html {
    let state = &p.state;
    let lang = state.lang;
    let c = &state.catalog;
    let sel = &state.compare;
    let chips: Vec<_> = sel.chips.iter().filter_map(|id| c.chip(id)).collect();
    let systems: Vec<_> = sel.systems.iter().filter_map(|id| c.system(id)).collect();
    let models: Vec<_> = sel.models.iter().filter_map(|id| c.model(id)).collect();
    let empty = sel.chips.is_empty() && sel.systems.is_empty() && sel.models.is_empty();
    let example = {
        let s = state.clone();
        Callback::from(move |_| {
            for id in ["nvidia-h200-sxm", "amd-mi300x", "huawei-ascend-910c"] {
                s.dispatch(Action::CompareAdd(Pick::Chip, id.into()));
            }
            s.dispatch(Action::CompareAdd(Pick::Model, "llama-3.1-70b".into()));
        })
    };
    let section = |pick: Pick,
                   title: Key,
                   add: Key,
                   options: Vec<(String, String)>,
                   ids: &[String],
                   names: Vec<String>,
                   rows: Vec<Row>| {
        html! {
            <Section {pick} {title} {add} {options} ids={ids.to_vec()} {names} {rows} state={state.clone()} />
        }
    };
    html! {
        <div class="compare">
            <p class="intro">{ t(lang, Key::CompareIntro) }</p>
            <p class="legend" aria-hidden="true">
                <span><span class="fact conf-official">{ "123" }</span>{ " " }{ t(lang, Key::ConfOfficial) }</span>
                <span><span class="fact conf-reported">{ "123" }<span class="badge">{ "R" }</span></span>{ " " }{ t(lang, Key::ConfReported) }</span>
                <span><span class="fact conf-estimate">{ "123" }<span class="badge">{ "E" }</span></span>{ " " }{ t(lang, Key::ConfEstimate) }</span>
                <span><span class="fact conf-rumour">{ "123" }<span class="badge">{ "?" }</span></span>{ " " }{ t(lang, Key::ConfRumour) }</span>
                <span><span class="fact missing">{ t(lang, Key::Missing) }</span></span>
            </p>
            if empty {
                <p><button type="button" onclick={example}>{ t(lang, Key::TryExample) }</button></p>
            }
            { section(Pick::Chip, Key::Chips, Key::AddChip,
                c.chips().iter().map(|x| (x.id.clone(), x.name.clone())).collect(), &sel.chips,
                chips.iter().map(|x| x.name.clone()).collect(), facts::chip_rows(c, &chips)) }
            { section(Pick::System, Key::Systems, Key::AddSystem,
                c.systems().iter().map(|x| (x.id.clone(), x.name.clone())).collect(), &sel.systems,
                systems.iter().map(|x| x.name.clone()).collect(), facts::system_rows(c, &systems)) }
            { section(Pick::Model, Key::Models, Key::AddModel,
                c.models().iter().map(|x| (x.id.clone(), x.name.clone())).collect(), &sel.models,
                models.iter().map(|x| x.name.clone()).collect(), facts::model_rows(c, &models)) }
        </div>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct SectionProps {
    pick: Pick,
    title: Key,
    add: Key,
    options: Vec<(String, String)>,
    ids: Vec<String>,
    names: Vec<String>,
    rows: Vec<Row>,
    state: UseReducerHandle<AppState>,
}

#[component]
fn Section(p: &SectionProps) -> Html {
    let lang: Lang = p.state.lang;
    let pick = p.pick;
    let onchange = {
        let s = p.state.clone();
        Callback::from(move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let v = sel.value();
            if !v.is_empty() {
                s.dispatch(Action::CompareAdd(pick, v));
            }
            sel.set_value("");
        })
    };
    let id = format!("add-{pick:?}").to_lowercase();
    let heading_id = format!("cmp-{pick:?}").to_lowercase();
    // Ids that are not in the catalog (a link made with other data) are still listed, to remove.
    let present: Vec<(String, String)> = p
        .ids
        .iter()
        .map(|id| {
            let name = p
                .options
                .iter()
                .find(|(v, _)| v == id)
                .map_or_else(|| id.clone(), |(_, n)| n.clone());
            (id.clone(), name)
        })
        .collect();
    html! {
        <section class="card cmp-section" aria-labelledby={heading_id.clone()}>
            <h2 id={heading_id.clone()}>{ t(lang, p.title) }</h2>
            <div class="picker">
                <label for={id.clone()}>{ t(lang, p.add) }</label>
                <select id={id.clone()} {onchange}>
                    <option value="" selected=true>{ t(lang, Key::Choose) }</option>
                    { for p.options.iter().filter(|(v, _)| !p.ids.contains(v)).map(|(v, n)| html! { <option value={v.clone()}>{ n.clone() }</option> }) }
                </select>
                <ul class="pills">
                    { for present.into_iter().map(|(id, name)| {
                        let s = p.state.clone();
                        let rid = id.clone();
                        let remove = Callback::from(move |_| s.dispatch(Action::CompareRemove(pick, rid.clone())));
                        html! { <li><span>{ name.clone() }</span>
                            <button type="button" class="x" onclick={remove} aria-label={format!("{} {name}", t(lang, Key::Remove))}>{ "×" }</button></li> }
                    }) }
                </ul>
            </div>
            if !p.names.is_empty() {
                <div class="scroll" role="region" aria-labelledby={heading_id} tabindex="0">
                <table class="spec">
                    <thead><tr><th scope="col"></th>
                        { for p.names.iter().map(|n| html! { <th scope="col">{ n.clone() }</th> }) }
                    </tr></thead>
                    <tbody>
                    { for p.rows.iter().map(|row| html! {
                        <tr><th scope="row">{ t(lang, row.label) }</th>
                            { for row.cells.iter().map(|cell| html! { <td><Fact cell={cell.clone()} {lang} /></td> }) }
                        </tr>
                    }) }
                    </tbody>
                </table>
                </div>
            }
        </section>
    }
}
