//! A catalog value with its provenance, shown on hover, tap and keyboard focus.

use yew::prelude::*;

use crate::facts::{Cell, Provenance};
use crate::i18n::{Key, Lang, confidence, t};

/// A cell's properties.
#[derive(Debug, Properties, PartialEq)]
pub struct FactProps {
    /// The cell.
    pub cell: Cell,
    /// The language.
    pub lang: Lang,
}

/// One value. A sourced number is a focusable element whose provenance pops up on hover and on
/// focus (a tap focuses it); the provenance is in the DOM, so screen readers read it too.
#[component]
pub fn Fact(p: &FactProps) -> Html {
    let lang = p.lang;
    match &p.cell {
        Cell::Text(s) => html! { <span>{ s.clone() }</span> },
        Cell::NotApplicable => html! { <span class="na">{ t(lang, Key::NotApplicable) }</span> },
        Cell::Missing { reason } => html! {
            <span class="fact missing" tabindex="0">
                { t(lang, Key::Missing) }
                <span class="tip" role="tooltip">{ reason.clone() }</span>
            </span>
        },
        Cell::Fact { text, provenance } => {
            let conf = provenance.confidence.label();
            html! {
                <span class={classes!("fact", format!("conf-{conf}"))} tabindex="0">
                    { text.clone() }
                    <span class="badge" aria-hidden="true">{ badge(provenance) }</span>
                    <Tip provenance={provenance.clone()} {lang} />
                </span>
            }
        }
    }
}

fn badge(p: &Provenance) -> &'static str {
    use rackscope::Confidence as C;
    match p.confidence {
        C::Official => "",
        C::Reported => "R",
        C::Estimate => "E",
        C::Rumour => "?",
        C::Assumption => "A",
    }
}

#[derive(Debug, Properties, PartialEq)]
struct TipProps {
    provenance: Provenance,
    lang: Lang,
}

#[component]
fn Tip(p: &TipProps) -> Html {
    let lang = p.lang;
    let pr = &p.provenance;
    html! {
        <span class="tip" role="tooltip">
            <span class="tip-line"><b>{ t(lang, Key::Confidence) }{ ": " }</b>{ confidence(lang, pr.confidence) }</span>
            if !pr.date.is_empty() {
                <span class="tip-line"><b>{ t(lang, Key::Date) }{ ": " }</b>{ pr.date.clone() }</span>
            }
            if let Some(r) = &pr.range {
                <span class="tip-line"><b>{ t(lang, Key::Range) }{ ": " }</b>{ r.clone() }</span>
            }
            { for pr.references.iter().map(|r| html! { <span class="tip-line ref"><Reference text={r.clone()} /></span> }) }
            if let Some(n) = &pr.note {
                <span class="tip-line note"><b>{ t(lang, Key::Note) }{ ": " }</b>{ n.clone() }</span>
            }
        </span>
    }
}

/// A reference's properties.
#[derive(Debug, Properties, PartialEq)]
pub struct ReferenceProps {
    /// A URL or a document reference.
    pub text: AttrValue,
}

/// A source reference: a link when it is an http(s) URL, plain text otherwise.
#[component]
pub fn Reference(p: &ReferenceProps) -> Html {
    if p.text.starts_with("https://") || p.text.starts_with("http://") {
        html! { <a href={p.text.clone()} target="_blank" rel="noopener noreferrer">{ p.text.clone() }</a> }
    } else {
        html! { <span>{ p.text.clone() }</span> }
    }
}
