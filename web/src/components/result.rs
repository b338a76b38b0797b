//! The calculator's result: the card with the headline numbers, the breakdown and the sources.

use rackscope::Report;
use rackscope::report::ReportCost;
use yew::prelude::*;

use crate::Shared;
use crate::components::fact::Reference;
use crate::format::{num, usd};
use crate::i18n::{Key, Lang, t};

/// The result card's properties.
#[derive(Debug, Properties, PartialEq)]
pub struct CardProps {
    /// The report.
    pub report: Shared<Report>,
    /// The language.
    pub lang: Lang,
}

/// One labelled number in the card.
struct Stat {
    label: Key,
    value: String,
    detail: Option<String>,
    class: Option<&'static str>,
}

fn stats(r: &Report, lang: Lang) -> Vec<Stat> {
    let tr = |k| t(lang, k);
    let met = |m: Option<bool>| match m {
        Some(true) => Some((tr(Key::TargetMet), "ok")),
        Some(false) => Some((tr(Key::TargetMissed), "bad")),
        None => None,
    };
    let mut out = vec![Stat {
        label: Key::ChipsUsed,
        value: r.chips.to_string(),
        detail: r.min_chips.map(|m| format!("{}: {m}", tr(Key::FewestChips))),
        class: None,
    }];
    if let Some(s) = r.systems {
        out.push(Stat { label: Key::SystemsUsed, value: num(s), detail: None, class: None });
    }
    if let Some(k) = r.racks {
        out.push(Stat { label: Key::RacksUsed, value: num(k), detail: None, class: None });
    }
    out.push(Stat {
        label: Key::Throughput,
        value: format!("{} {}", num(r.decode.output_tokens_per_s), tr(Key::TokensPerS)),
        detail: Some(format!(
            "{} {}",
            num(r.decode.output_tokens_per_s_per_chip),
            tr(Key::PerChip)
        )),
        class: None,
    });
    let tpot = met(r.latency_targets.tpot_met);
    out.push(Stat {
        label: Key::Tpot,
        value: format!("{} ms", num(r.decode.tpot_ms)),
        detail: Some(match (&tpot, r.latency_targets.tpot_ms) {
            (Some((m, _)), Some(target)) => {
                format!("{m} ({} ms) · {}: {}", num(target), tr(Key::Bound), r.decode.bound)
            }
            _ => format!("{}: {}", tr(Key::Bound), r.decode.bound),
        }),
        class: tpot.map(|x| x.1),
    });
    let ttft = met(r.latency_targets.ttft_met);
    out.push(Stat {
        label: Key::Ttft,
        value: format!("{} ms", num(r.prefill.ttft_ms)),
        detail: match (&ttft, r.latency_targets.ttft_ms) {
            (Some((m, _)), Some(target)) => Some(format!("{m} ({} ms)", num(target))),
            _ => None,
        },
        class: ttft.map(|x| x.1),
    });
    if let Some(c) = &r.cost {
        cost_stats(c, lang, &mut out);
    }
    out
}

fn cost_stats(c: &ReportCost, lang: Lang, out: &mut Vec<Stat>) {
    let tr = |k| t(lang, k);
    let money = |v: Option<f64>| v.map_or_else(|| tr(Key::NotPriced).to_owned(), usd);
    out.push(Stat {
        label: Key::CostPerMtokOut,
        value: money(c.usd_per_million_output_tokens),
        detail: c
            .usd_per_million_input_tokens
            .map(|v| format!("{}: {}", tr(Key::CostPerMtokIn), usd(v))),
        class: None,
    });
    let years = num(c.years);
    let tco_label = match lang {
        Lang::En => format!("{years}{} {}", tr(Key::YearSuffix), tr(Key::Tco)),
        Lang::Zh => format!("{years} {}{}", tr(Key::YearSuffix), tr(Key::Tco)),
    };
    out.push(Stat {
        label: Key::TcoVsApi,
        value: match (c.tco_usd, c.api_tco_usd) {
            (Some(tco), Some(api)) => format!("{} vs {}", usd(tco), usd(api)),
            (Some(tco), None) => usd(tco),
            _ => tr(Key::NotPriced).to_owned(),
        },
        detail: Some(match &c.api {
            Some(api) => format!("{tco_label} · API: {api}"),
            None => tco_label,
        }),
        class: match (c.tco_usd, c.api_tco_usd) {
            (Some(a), Some(b)) if a <= b => Some("ok"),
            (Some(_), Some(_)) => Some("bad"),
            _ => None,
        },
    });
    if let Some(b) = c.break_even_output_tokens_per_month {
        out.push(Stat {
            label: Key::BreakEven,
            value: num(b),
            detail: Some(format!(
                "{} · {}: {}",
                tr(Key::TokensPerMonth),
                tr(Key::Capacity),
                num(c.capacity_output_tokens_per_month)
            )),
            class: None,
        });
    }
    if let Some(k) = c.capex_usd {
        out.push(Stat {
            label: Key::Capex,
            value: usd(k),
            detail: c.power_kw.map(|p| format!("{}: {} kW", tr(Key::PowerKw), num(p))),
            class: None,
        });
    }
}

/// The headline numbers of a result.
#[component]
pub fn ResultCard(p: &CardProps) -> Html {
    let r = &*p.report.0;
    let lang = p.lang;
    let title = format!(
        "{} · {} × {} ({} / {} / {})",
        r.model.name,
        r.chips,
        r.hardware.chip_name,
        r.precision.weights,
        r.precision.kv_cache,
        r.precision.compute
    );
    let stats = stats(r, lang);
    let gaps = r.cost.as_ref().map(|c| c.gaps.clone()).unwrap_or_default();
    html! {
        <section class="card result-card" aria-labelledby="result-title" data-testid="result-card">
            <h2 id="result-title">{ title }</h2>
            <p class={classes!("fit", if r.fits { "ok" } else { "bad" })} data-testid="fits">
                { t(lang, if r.fits { Key::Fits } else { Key::DoesNotFit }) }
            </p>
            <dl class="stats">
                { for stats.into_iter().map(|s| html! {
                    <div class={classes!("stat", s.class)}>
                        <dt>{ t(lang, s.label) }</dt>
                        <dd>
                            <span class="big" data-stat={format!("{:?}", s.label)}>{ s.value }</span>
                            if let Some(d) = s.detail { <span class="detail">{ d }</span> }
                        </dd>
                    </div>
                }) }
            </dl>
            if !gaps.is_empty() {
                <div class="gaps"><h3>{ t(lang, Key::CostGaps) }</h3>
                    <ul>{ for gaps.iter().map(|g| html! { <li>{ g.clone() }</li> }) }</ul></div>
            }
            if !r.warnings.is_empty() {
                <div class="warnings"><h3>{ t(lang, Key::Warnings) }</h3>
                    <ul>{ for r.warnings.iter().map(|w| html! { <li>{ w.clone() }</li> }) }</ul></div>
            }
        </section>
    }
}

/// The breakdown and sources tables of a result.
#[component]
pub fn ResultTables(p: &CardProps) -> Html {
    let r = &*p.report.0;
    let lang = p.lang;
    html! {
        <>
        <section class="card">
            <h2 id="breakdown-title">{ t(lang, Key::Breakdown) }</h2>
            <div class="scroll" role="region" aria-labelledby="breakdown-title" tabindex="0">
            <table class="breakdown stack">
                <caption>{ t(lang, Key::BreakdownCaption) }</caption>
                <thead><tr><th scope="col">{ t(lang, Key::Term) }</th><th scope="col">{ t(lang, Key::Value) }</th><th scope="col">{ t(lang, Key::Formula) }</th></tr></thead>
                <tbody>
                { for r.breakdown.iter().map(|term| html! {
                    <tr><th scope="row">{ term.term.clone() }</th><td class="num">{ term.value.clone() }</td><td class="formula" data-label={t(lang, Key::Formula)}>{ term.formula.clone() }</td></tr>
                }) }
                </tbody>
            </table>
            </div>
        </section>
        <section class="card">
            <h2 id="sources-title">{ t(lang, Key::Sources) }</h2>
            <div class="scroll" role="region" aria-labelledby="sources-title" tabindex="0">
            <table class="sources stack">
                <caption>{ t(lang, Key::SourcesCaption) }</caption>
                <thead><tr>
                    <th scope="col">{ t(lang, Key::Record) }</th><th scope="col">{ t(lang, Key::Field) }</th>
                    <th scope="col">{ t(lang, Key::Value) }</th><th scope="col">{ t(lang, Key::Confidence) }</th>
                    <th scope="col">{ t(lang, Key::Date) }</th><th scope="col">{ t(lang, Key::References) }</th>
                </tr></thead>
                <tbody>
                { for r.sources.iter().map(|s| html! {
                    <tr>
                        <td data-label={t(lang, Key::Record)}>{ s.record.clone() }</td><td data-label={t(lang, Key::Field)}>{ s.field.clone() }</td><td class="num" data-label={t(lang, Key::Value)}>{ s.value.clone() }</td>
                        <td data-label={t(lang, Key::Confidence)}><span class={classes!("conf", format!("conf-{}", s.confidence))}>{ confidence_label(lang, &s.confidence) }</span></td>
                        <td data-label={t(lang, Key::Date)}>{ s.date.clone() }</td>
                        <td class="refs">
                            { for s.references.iter().map(|r| html! { <div><Reference text={r.clone()} /></div> }) }
                            if let Some(n) = &s.note { <div class="note">{ n.clone() }</div> }
                        </td>
                    </tr>
                }) }
                </tbody>
            </table>
            </div>
        </section>
        </>
    }
}

fn confidence_label(lang: Lang, label: &str) -> String {
    use rackscope::Confidence as C;
    let c = match label {
        "assumption" => Some(C::Assumption),
        other => C::from_catalog_label(other),
    };
    c.map_or_else(|| label.to_owned(), |c| crate::i18n::confidence(lang, c).to_owned())
}
