//! The app is built as three WebAssembly bundles from one crate, so that a page load fetches only
//! the code of the views it can show:
//!
//! | Bundle | Binary | Tabs |
//! |---|---|---|
//! | [`Bundle::Main`] | `rackscope-web` | Calculator, Compare, Charts, and embed mode |
//! | [`Bundle::Data`] | `rackscope-data` | My data |
//! | [`Bundle::Decide`] | `rackscope-decide` | Decide |
//!
//! There is one page, `index.html`. Its loader (`web/boot.js`) reads the `tab` and `embed`
//! parameters and loads the bundle that shows them. Every bundle reads and writes the whole URL
//! state and the same stored data, so a link works whichever bundle opens it; moving to a tab of
//! another bundle is a page load of the same address with that `tab`.
//!
//! Each binary renders [`crate::App`] with its own [`Views`]; the views of the other bundles are
//! never referenced from it, so the linker leaves them out.
//!
//! **Architecture Invariant:** `Bundle::of` and the table in `web/boot.js` agree (a test reads
//! boot.js).

use yew::prelude::*;

use crate::Shared;
use crate::charts::Charts;
use crate::components::calculator::Calculator;
use crate::components::compare::Compare;
use crate::components::decide::Decide;
use crate::components::mydata::MyData;
use crate::decide::RiskForm;
use crate::state::{Action, AppState};
use crate::url::{Embed, Problem, Tab, UrlError, UrlState};

/// One WebAssembly build of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bundle {
    /// Calculator, Compare, Charts and embed mode.
    Main,
    /// My data.
    Data,
    /// Decide.
    Decide,
}

impl Bundle {
    /// Every bundle.
    pub const ALL: [Bundle; 3] = [Bundle::Main, Bundle::Data, Bundle::Decide];

    /// The bundle that shows `tab`.
    #[must_use]
    pub fn of(tab: Tab) -> Bundle {
        match tab {
            Tab::Calculator | Tab::Compare | Tab::Charts => Bundle::Main,
            Tab::MyData => Bundle::Data,
            Tab::Decide => Bundle::Decide,
        }
    }

    /// Its Cargo binary (and the base name of its .js and .wasm files).
    #[must_use]
    pub fn bin(self) -> &'static str {
        match self {
            Bundle::Main => "rackscope-web",
            Bundle::Data => "rackscope-data",
            Bundle::Decide => "rackscope-decide",
        }
    }
}

/// The views one bundle renders.
pub trait Views: 'static {
    /// Which bundle this is.
    const BUNDLE: Bundle;

    /// Renders `tab`, one of this bundle's tabs (`Bundle::of(tab) == Self::BUNDLE`).
    fn view(state: &UseReducerHandle<AppState>, tab: Tab, link: &str) -> Html;

    /// Renders embed mode; only the main bundle has it (the loader sends embeds there).
    fn embed(_state: &UseReducerHandle<AppState>, _embed: Embed) -> Option<Html> {
        None
    }

    /// The link's values that only this bundle reads and cannot use, named with the others
    /// when the page loads.
    fn link_errors(_url: &UrlState) -> Vec<UrlError> {
        Vec::new()
    }
}

/// [`Bundle::Main`]'s views.
#[derive(Debug)]
pub struct MainViews;

impl Views for MainViews {
    const BUNDLE: Bundle = Bundle::Main;

    fn view(state: &UseReducerHandle<AppState>, tab: Tab, link: &str) -> Html {
        match tab {
            Tab::Compare => html! { <Compare state={state.clone()} /> },
            Tab::Charts => {
                let on_chart = {
                    let s = state.clone();
                    Callback::from(move |kind: String| s.dispatch(Action::Chart(kind)))
                };
                html! {
                    <Charts catalog={Shared(state.catalog.clone())} scenario={state.evaluation.scenario.clone().map(Shared)}
                        report={state.evaluation.report.clone().map(Shared)} lang={state.lang} chart={state.chart.clone()} embed={false}
                        on_select={on_chart} picks={state.compare.clone()} url={state.url()} />
                }
            }
            _ => html! { <Calculator state={state.clone()} link={link.to_owned()} /> },
        }
    }

    fn embed(state: &UseReducerHandle<AppState>, embed: Embed) -> Option<Html> {
        Some(html! { <crate::app::EmbedView state={state.clone()} {embed} /> })
    }
}

/// [`Bundle::Data`]'s view.
#[derive(Debug)]
pub struct DataViews;

impl Views for DataViews {
    const BUNDLE: Bundle = Bundle::Data;

    fn view(state: &UseReducerHandle<AppState>, _tab: Tab, _link: &str) -> Html {
        html! { <MyData state={state.clone()} /> }
    }
}

/// [`Bundle::Decide`]'s view.
#[derive(Debug)]
pub struct DecideViews;

impl Views for DecideViews {
    const BUNDLE: Bundle = Bundle::Decide;

    fn view(state: &UseReducerHandle<AppState>, _tab: Tab, _link: &str) -> Html {
        html! { <Decide state={state.clone()} /> }
    }

    fn link_errors(url: &UrlState) -> Vec<UrlError> {
        let (_, errors) = RiskForm::from_url(&url.risk);
        errors
            .into_iter()
            .map(|(key, got, k)| UrlError { key, got, problem: Problem::Expected(k) })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The loader (web/boot.js) sends every tab to the bundle that shows it, and every embed mode
    /// to the main bundle.
    #[test]
    fn boot_js_agrees() {
        let boot = include_str!("../boot.js");
        for tab in Tab::ALL {
            let entry = format!("{}: \"{}\"", tab.key(), Bundle::of(tab).bin());
            match Bundle::of(tab) {
                Bundle::Main => assert!(!boot.contains(&format!("{}:", tab.key())), "{tab:?}"),
                _ => assert!(boot.contains(&entry), "boot.js lacks `{entry}`"),
            }
        }
        let embeds = format!("[\"{}\", \"{}\"]", Embed::Result.key(), Embed::Chart.key());
        assert!(boot.contains(&embeds), "boot.js sends embed modes {embeds} to the main bundle");
    }
}
