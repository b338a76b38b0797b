//! The Charts view: a slot for the chart crate (`crates/charts`), which plugs in here.
//!
//! The props carry everything a chart needs: the catalog (with the user's records), the current
//! scenario and its report when they are valid, the language, the chart kind the URL asked for
//! (`chart=KIND`) and whether the view is embedded (`embed=chart`).

use rackscope::{Catalog, RawScenario, Report};
use yew::prelude::*;

use crate::Shared;
use crate::i18n::{Key, Lang, t};

/// What a chart view can read.
#[derive(Debug, Properties, PartialEq)]
pub struct ChartsProps {
    /// The catalog, with the user's chips and models added.
    pub catalog: Shared<Catalog>,
    /// The calculator's scenario, when every field can be read.
    pub scenario: Option<Shared<RawScenario>>,
    /// The calculator's result, when the core could evaluate the scenario.
    pub report: Option<Shared<Report>>,
    /// The UI language.
    pub lang: Lang,
    /// The chart kind from the URL (`chart=KIND`), unvalidated.
    pub chart: Option<String>,
    /// True in `embed=chart` mode: draw one chart, sized for an iframe.
    pub embed: bool,
}

/// The Charts view (placeholder until the chart crate is wired in).
#[component]
pub fn Charts(p: &ChartsProps) -> Html {
    html! { <section class="card charts"><h2>{ t(p.lang, Key::ChartsHeading) }</h2></section> }
}
