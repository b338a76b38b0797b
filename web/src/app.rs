//! The root component, the side effects (address bar, storage, document language), and embed mode.

use yew::prelude::*;

use crate::Shared;
use crate::browser;
use crate::bundle::{Bundle, Views};
use crate::charts::Charts;
use crate::components::result::ResultCard;
use crate::i18n::{Key, Lang, t};
use crate::state::{Action, AppState, Stored};
use crate::storage::{self, UserData};
use crate::url::{self, Embed, Tab};

/// Writes user data to storage, then updates the state; a refused write leaves the stored and
/// shown data as they were and says why. Returns whether it was written.
pub fn save(state: &UseReducerHandle<AppState>, data: UserData) -> bool {
    let lang = state.lang;
    if let Stored::Unreadable { .. } = state.stored {
        state.dispatch(Action::StorageFailed(t(lang, Key::StorageUnreadable).to_owned()));
        return false;
    }
    match browser::store(storage::KEY, &storage::serialize(&data)) {
        Ok(()) => {
            state.dispatch(Action::UserData(data));
            true
        }
        Err(e) => {
            state.dispatch(Action::StorageFailed(format!("{} {e}", t(lang, Key::StorageFailed))));
            false
        }
    }
}

fn initial<V: Views>(base: rackscope::Catalog) -> AppState {
    let (url, mut errors) = url::decode(&browser::query());
    errors.extend(V::link_errors(&url));
    let (stored, storage_error) = match browser::load(storage::KEY) {
        Ok(s) => (s, None),
        Err(e) => (None, Some(e)),
    };
    let fallback = Lang::from_browser(&browser::language());
    let mut s = AppState::new(base, url, errors, stored.as_deref(), fallback);
    if let Some(e) = storage_error {
        s.notice = Some(format!("{} {e}", t(s.lang, Key::StorageUnavailable)));
    }
    s
}

/// The app: fetches the catalog, then shows the views of bundle `V` (see [`crate::bundle`]).
#[component]
pub fn App<V: Views>() -> Html {
    let loaded = use_state(|| None::<Result<Shared<AppState>, String>>);
    {
        let loaded = loaded.clone();
        use_effect_with((), move |()| {
            wasm_bindgen_futures::spawn_local(async move {
                let state = browser::fetch_catalog().await.map(initial::<V>);
                loaded.set(Some(state.map(|s| Shared(std::rc::Rc::new(s)))));
            });
        });
    }
    let lang = use_memo((), |()| {
        url::decode(&browser::query())
            .0
            .lang
            .unwrap_or_else(|| Lang::from_browser(&browser::language()))
    });
    let lang = *lang;
    match &*loaded {
        None => {
            html! { <main class="loading" role="status" aria-busy="true">{ t(lang, Key::Loading) }</main> }
        }
        Some(Ok(s)) => html! { <Main<V> init={s.clone()} /> },
        Some(Err(e)) => html! {
            <main class="fatal" role="alert"><h1>{ t(lang, Key::LoadFailed) }</h1><pre>{ e.clone() }</pre></main>
        },
    }
}

#[derive(Debug, Properties, PartialEq)]
struct MainProps {
    init: Shared<AppState>,
}

#[component]
fn Main<V: Views>(p: &MainProps) -> Html {
    let init = p.init.clone();
    let state = use_reducer(move || (*init.0).clone());
    let lang = state.lang;
    let here = state.url();
    let query = url::encode(&here);
    let link = format!("{}?{query}", browser::page_address());

    let pending_url = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    {
        let embed = state.embed;
        use_effect_with((query.clone(), lang), move |(q, lang)| {
            if embed.is_none() {
                // `history.replaceState` costs about 10 ms in Chromium: write the address bar once
                // typing pauses, off the path from input to result. A newer change cancels it.
                let q = q.clone();
                *pending_url.borrow_mut() =
                    Some(gloo::timers::callback::Timeout::new(200, move || {
                        browser::replace_query(&q)
                    }));
            }
            browser::set_document(
                lang.tag(),
                &format!("rackscope — {}", t(*lang, Key::AppTagline)),
            );
        });
    }
    use_effect_with((), |()| {
        browser::mark_body("data-rendered-ms", &format!("{:.0}", browser::now_ms()));
    });

    if let Some(html) = state.embed.and_then(|embed| V::embed(&state, embed)) {
        return html;
    }

    // Tabs are links to the same address with that `tab`: a tab of this bundle switches in
    // place, a tab of another bundle loads the page again (`crate::bundle`).
    let tab_link = |tab: Tab| {
        let current = state.tab == tab;
        let to = url::UrlState { tab, ..here.clone() };
        let href = format!("?{}", url::encode(&to));
        let onclick = (Bundle::of(tab) == V::BUNDLE).then(|| {
            let s = state.clone();
            Callback::from(move |e: MouseEvent| {
                if !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0) {
                    e.prevent_default();
                    s.dispatch(Action::Tab(tab));
                }
            })
        });
        html! {
            <a id={format!("tab-{}", tab.key())} {href} aria-current={current.then_some("page")}
                class={classes!("tab", current.then_some("active"))} {onclick}>
                { t(lang, tab.label()) }
            </a>
        }
    };
    let switch_lang = {
        let s = state.clone();
        let other = if lang == Lang::En { Lang::Zh } else { Lang::En };
        Callback::from(move |_| s.dispatch(Action::Lang(other)))
    };
    let dismiss_url = {
        let s = state.clone();
        Callback::from(move |_| s.dispatch(Action::DismissUrlErrors))
    };
    let dismiss_notice = {
        let s = state.clone();
        Callback::from(move |_| s.dispatch(Action::DismissNotice))
    };
    let view = if Bundle::of(state.tab) == V::BUNDLE {
        V::view(&state, state.tab, &link)
    } else {
        // Only a link the loader read differently (a repeated `tab`) gets here.
        html! { <p><a href={format!("?{query}")}>{ t(lang, state.tab.label()) }</a></p> }
    };
    html! {
        <>
        <a class="skip" href="#view">{ "Skip to content" }</a>
        <header class="top">
            <div class="brand">
                <h1>{ "rackscope" }</h1>
                <p class="tagline">{ t(lang, Key::AppTagline) }</p>
            </div>
            <button type="button" class="lang" onclick={switch_lang} aria-label={t(lang, Key::SwitchLangLabel)}
                lang={if lang == Lang::En { "zh-CN" } else { "en" }}>{ t(lang, Key::SwitchLang) }</button>
        </header>
        <nav class="tabs" aria-label={t(lang, Key::Views)}>
            { for Tab::ALL.into_iter().map(tab_link) }
        </nav>
        if !state.url_errors.is_empty() {
            <div class="banner warn" role="alert" data-testid="url-errors">
                <p><b>{ t(lang, Key::UrlProblems) }</b></p>
                <ul>{ for state.url_errors.iter().map(|e| html! { <li>{ e.message(lang) }</li> }) }</ul>
                <button type="button" onclick={dismiss_url}>{ t(lang, Key::Dismiss) }</button>
            </div>
        }
        if let Some(v) = &state.link_data_version {
            <div class="banner info" role="status">
                { format!("{} {v}; {} {}", t(lang, Key::LinkDataVersion), t(lang, Key::LinkDataVersionNow), state.base.version()) }
            </div>
        }
        if let Some(n) = &state.notice {
            <div class="banner warn" role="alert" data-testid="notice">
                <p>{ n.clone() }</p>
                <button type="button" onclick={dismiss_notice}>{ t(lang, Key::Dismiss) }</button>
            </div>
        }
        <main id="view" aria-labelledby={format!("tab-{}", state.tab.key())} tabindex="-1">
            { view }
        </main>
        <footer>
            <p>{ format!("{} {} ({} {}) · ", t(lang, Key::Catalog), state.base.version(), t(lang, Key::AsOf), state.base.as_of()) }
                { t(lang, Key::FooterNote) }</p>
        </footer>
        </>
    }
}

#[derive(Debug, Properties, PartialEq)]
pub(crate) struct EmbedProps {
    pub(crate) state: UseReducerHandle<AppState>,
    pub(crate) embed: Embed,
}

/// One result card (or chart) alone, for an iframe, with the source line and a link back.
#[component]
pub(crate) fn EmbedView(p: &EmbedProps) -> Html {
    let s = &p.state;
    let lang = s.lang;
    let mut full = s.url();
    full.embed = None;
    let full_link = format!("{}?{}", browser::page_address(), url::encode(&full));
    let body = match p.embed {
        Embed::Result => match &s.evaluation.report {
            Some(r) => html! { <ResultCard report={Shared(r.clone())} {lang} /> },
            None => html! {
                <section class="card problems" role="alert">
                    <h2>{ t(lang, Key::NoResult) }</h2>
                    <ul>
                        { for s.evaluation.field_errors.iter().map(|(param, _)| html! {
                            <li>{ format!("{}: {}", t(lang, param.label()), crate::components::calculator::field_messages(s, *param).join("; ")) }</li>
                        }) }
                        { for s.evaluation.other_errors.iter().map(|e| html! { <li>{ e.clone() }</li> }) }
                    </ul>
                </section>
            },
        },
        Embed::Chart => html! {
            <Charts catalog={Shared(s.catalog.clone())} scenario={s.evaluation.scenario.clone().map(Shared)}
                report={s.evaluation.report.clone().map(Shared)} {lang} chart={s.chart.clone()} embed={true}
                picks={s.compare.clone()} url={s.url()} />
        },
    };
    html! {
        <main class="embed" data-testid="embed">
            if !s.url_errors.is_empty() {
                <ul class="banner warn" role="alert">{ for s.url_errors.iter().map(|e| html! { <li>{ e.message(lang) }</li> }) }</ul>
            }
            { body }
            <p class="source-line">
                { format!("rackscope · {}: {} · ", t(lang, Key::DataVersion), s.base.version()) }
                <a href={full_link} target="_blank" rel="noopener">{ t(lang, Key::OpenFullView) }</a>
            </p>
        </main>
    }
}
