//! A labelled text field with its unit, hint and errors.

use yew::prelude::*;

/// A text field's properties.
#[derive(Debug, Properties, PartialEq)]
pub struct FieldProps {
    /// The element id (also the base of the error's id).
    pub id: AttrValue,
    /// The label.
    pub label: AttrValue,
    /// The unit, shown after the label.
    #[prop_or_default]
    pub unit: Option<AttrValue>,
    /// A hint under the field.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// The text.
    pub value: AttrValue,
    /// `inputmode` (`decimal`, `numeric`, `text`).
    #[prop_or(AttrValue::Static("decimal"))]
    pub inputmode: AttrValue,
    /// Problems with the value, already worded.
    #[prop_or_default]
    pub errors: Vec<String>,
    /// Called with the new text on every keystroke.
    pub oninput: Callback<String>,
}

/// A text input with label, unit, hint and errors, wired for screen readers.
#[component]
pub fn Field(p: &FieldProps) -> Html {
    let oninput = {
        let cb = p.oninput.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            cb.emit(input.value());
        })
    };
    let err_id = format!("{}-err", p.id);
    let hint_id = format!("{}-hint", p.id);
    let invalid = !p.errors.is_empty();
    let describedby = match (invalid, p.hint.is_some()) {
        (true, true) => Some(format!("{err_id} {hint_id}")),
        (true, false) => Some(err_id.clone()),
        (false, true) => Some(hint_id.clone()),
        (false, false) => None,
    };
    html! {
        <div class={classes!("field", invalid.then_some("invalid"))}>
            <label for={p.id.clone()}>
                { p.label.clone() }
                if let Some(u) = &p.unit { <span class="unit">{ format!(" ({u})") }</span> }
            </label>
            <input id={p.id.clone()} type="text" inputmode={p.inputmode.clone()}
                value={p.value.clone()} {oninput} autocomplete="off" spellcheck="false"
                aria-invalid={invalid.then_some("true")} aria-describedby={describedby} />
            if let Some(h) = &p.hint { <p class="hint" id={hint_id}>{ h.clone() }</p> }
            if invalid {
                <p class="error" id={err_id} role="alert">
                    { for p.errors.iter().map(|e| html! { <span>{ e.clone() }</span> }) }
                </p>
            }
        </div>
    }
}

/// A `<select>`'s properties.
#[derive(Debug, Properties, PartialEq)]
pub struct SelectProps {
    /// The element id.
    pub id: AttrValue,
    /// The label.
    pub label: AttrValue,
    /// The selected value.
    pub value: AttrValue,
    /// Option groups: (group label, [(value, text)]). An empty label means no group.
    pub groups: Vec<(String, Vec<(String, String)>)>,
    /// Problems with the value, already worded.
    #[prop_or_default]
    pub errors: Vec<String>,
    /// Called with the chosen value.
    pub onchange: Callback<String>,
}

/// A labelled `<select>` with option groups and errors.
#[component]
pub fn Select(p: &SelectProps) -> Html {
    let onchange = {
        let cb = p.onchange.clone();
        Callback::from(move |e: Event| {
            let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
            cb.emit(s.value());
        })
    };
    let err_id = format!("{}-err", p.id);
    let invalid = !p.errors.is_empty();
    let option = |(v, text): &(String, String)| {
        html! { <option value={v.clone()} selected={*v == *p.value}>{ text.clone() }</option> }
    };
    html! {
        <div class={classes!("field", invalid.then_some("invalid"))}>
            <label for={p.id.clone()}>{ p.label.clone() }</label>
            <select id={p.id.clone()} {onchange} aria-invalid={invalid.then_some("true")}
                aria-describedby={invalid.then_some(err_id.clone())}>
                { for p.groups.iter().map(|(label, opts)| if label.is_empty() {
                    html! { { for opts.iter().map(option) } }
                } else {
                    html! { <optgroup label={label.clone()}>{ for opts.iter().map(option) }</optgroup> }
                }) }
            </select>
            if invalid {
                <p class="error" id={err_id} role="alert">
                    { for p.errors.iter().map(|e| html! { <span>{ e.clone() }</span> }) }
                </p>
            }
        </div>
    }
}
