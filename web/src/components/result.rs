//! The calculator's result: the card with the headline numbers, the breakdown and the sources.

use rackscope::report::{ReportCost, ReportRange};
use rackscope::uncertainty::{Metric, ModelError, Spreads};
use rackscope::{Confidence, Report};
use yew::prelude::*;

use crate::Shared;
use crate::components::fact::Reference;
use crate::format::{num, span, usd};
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
    /// `range 5,189–9,402`, from the report's ranges.
    range: Option<String>,
    class: Option<&'static str>,
}

/// How a range's metric is labelled and formatted: its label, the number format and the unit
/// appended to the range.
fn metric_format(m: Metric) -> (Key, fn(f64) -> String, &'static str) {
    match m {
        Metric::OutputTokensPerS => (Key::Throughput, num, ""),
        Metric::OutputTokensPerSPerChip => (Key::ThroughputPerChip, num, ""),
        Metric::TpotMs => (Key::Tpot, num, " ms"),
        Metric::TtftMs => (Key::Ttft, num, " ms"),
        Metric::Chips => (Key::ChipsUsed, num, ""),
        Metric::UsdPerMtok => (Key::CostPerMtokOut, usd, ""),
        Metric::TcoUsd => (Key::Tco, usd, ""),
        Metric::ApiTcoUsd => (Key::ApiTco, usd, ""),
        Metric::BreakEvenTokensPerMonth => (Key::BreakEven, num, ""),
    }
}

/// The report's range on `m`, as `5,189–9,402 ms`; `None` when the report has none or its ends
/// look the same at display precision (a chip count that no input moves).
fn range_of(r: &Report, m: Metric) -> Option<String> {
    let x = r.ranges.iter().find(|x| x.metric == m.key())?;
    let (_, f, unit) = metric_format(m);
    (f(x.low) != f(x.high)).then(|| format!("{}{unit}", span(x.low, x.high, f)))
}

/// `67 % from model error (calibration set); 31 % from alibaba-zhenwu-m890.fp8_dense (assumption)`.
fn causes_text(lang: Lang, x: &ReportRange) -> String {
    let causes: Vec<String> = x
        .causes
        .iter()
        .map(|c| {
            let who = match &c.confidence {
                Some(conf) => match lang {
                    Lang::En => format!("{} ({})", c.input, confidence_label(lang, conf)),
                    Lang::Zh => format!("{}（{}）", c.input, confidence_label(lang, conf)),
                },
                None => t(lang, Key::ModelErrorCause).to_owned(),
            };
            match lang {
                Lang::En => format!("{:.0} % from {who}", c.share * 100.0),
                Lang::Zh => format!("{who}占 {:.0} %", c.share * 100.0),
            }
        })
        .collect();
    causes.join("; ")
}

/// One line of the ranges list: label, range and causes.
struct RangeRow {
    label: &'static str,
    range: String,
    causes: String,
}

/// A line per headline result whose range is not a single value, in report order.
fn range_rows(r: &Report, lang: Lang) -> Vec<RangeRow> {
    Metric::ALL
        .into_iter()
        .filter_map(|m| {
            let range = range_of(r, m)?;
            let x = r.ranges.iter().find(|x| x.metric == m.key())?;
            Some(RangeRow {
                label: t(lang, metric_format(m).0),
                range,
                causes: causes_text(lang, x),
            })
        })
        .collect()
}

/// How the ranges are made, in one sentence, with the spreads and model error the core uses.
fn method_text(lang: Lang) -> String {
    let sp = Spreads::DEFAULT;
    let me = ModelError::MEASURED;
    let levels = [
        Confidence::Official,
        Confidence::Reported,
        Confidence::Estimate,
        Confidence::Rumour,
        Confidence::Assumption,
    ]
    .map(|c| format!("{} ±{:.0} %", crate::i18n::confidence(lang, c), sp.of(c) * 100.0));
    let err =
        format!("{:+.0} % {} {:+.0} %", me.p10 * 100.0, t(lang, Key::RangeTo), me.p90 * 100.0)
            .replace('-', "−");
    let (method, model, shares) =
        (t(lang, Key::RangesMethod), t(lang, Key::RangesModelError), t(lang, Key::RangesShares));
    match lang {
        Lang::En => format!("{method} ({}), {model} ({err}). {shares}", levels.join(", ")),
        Lang::Zh => format!("{method}（{}），{model}（{err}）。{shares}", levels.join("，")),
    }
}

fn stats(r: &Report, lang: Lang) -> Vec<Stat> {
    let tr = |k| t(lang, k);
    let met = |m: Option<bool>| match m {
        Some(true) => Some((tr(Key::TargetMet), "ok")),
        Some(false) => Some((tr(Key::TargetMissed), "bad")),
        None => None,
    };
    let range = |m| range_of(r, m).map(|x| format!("{} {x}", tr(Key::Range)));
    let mut out = vec![Stat {
        label: Key::ChipsUsed,
        value: r.chips.to_string(),
        detail: r.min_chips.map(|m| format!("{}: {m}", tr(Key::FewestChips))),
        range: range(Metric::Chips),
        class: None,
    }];
    if let Some(s) = r.systems {
        out.push(Stat {
            label: Key::SystemsUsed,
            value: num(s),
            detail: None,
            range: None,
            class: None,
        });
    }
    if let Some(k) = r.racks {
        out.push(Stat {
            label: Key::RacksUsed,
            value: num(k),
            detail: None,
            range: None,
            class: None,
        });
    }
    out.push(Stat {
        label: Key::Throughput,
        value: format!("{} {}", num(r.decode.output_tokens_per_s), tr(Key::TokensPerS)),
        detail: Some(format!(
            "{} {}",
            num(r.decode.output_tokens_per_s_per_chip),
            tr(Key::PerChip)
        )),
        range: range(Metric::OutputTokensPerS),
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
        range: range(Metric::TpotMs),
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
        range: range(Metric::TtftMs),
        class: ttft.map(|x| x.1),
    });
    if let Some(c) = &r.cost {
        cost_stats(r, c, lang, &mut out);
    }
    out
}

fn cost_stats(r: &Report, c: &ReportCost, lang: Lang, out: &mut Vec<Stat>) {
    let tr = |k| t(lang, k);
    let range = |m| range_of(r, m);
    let money = |v: Option<f64>| v.map_or_else(|| tr(Key::NotPriced).to_owned(), usd);
    out.push(Stat {
        label: Key::CostPerMtokOut,
        value: money(c.usd_per_million_output_tokens),
        detail: c
            .usd_per_million_input_tokens
            .map(|v| format!("{}: {}", tr(Key::CostPerMtokIn), usd(v))),
        range: range(Metric::UsdPerMtok).map(|x| format!("{} {x}", tr(Key::Range))),
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
        range: match (range(Metric::TcoUsd), range(Metric::ApiTcoUsd)) {
            (Some(a), Some(b)) => Some(format!("{} {a} vs {b}", tr(Key::Range))),
            (Some(a), None) => Some(format!("{} {a}", tr(Key::Range))),
            _ => None,
        },
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
            range: range(Metric::BreakEvenTokensPerMonth)
                .map(|x| format!("{} {x}", tr(Key::Range))),
            class: None,
        });
    }
    if let Some(k) = c.capex_usd {
        out.push(Stat {
            label: Key::Capex,
            value: usd(k),
            detail: c.power_kw.map(|p| format!("{}: {} kW", tr(Key::PowerKw), num(p))),
            range: None,
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
    let rows = range_rows(r, lang);
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
                            if let Some(x) = s.range { <span class="range" data-range={format!("{:?}", s.label)}>{ x }</span> }
                            if let Some(d) = s.detail { <span class="detail">{ d }</span> }
                        </dd>
                    </div>
                }) }
            </dl>
            if !rows.is_empty() {
                <details class="ranges" data-testid="ranges">
                    <summary>{ t(lang, Key::RangesHeading) }</summary>
                    <p class="detail">{ method_text(lang) }</p>
                    <ul>{ for rows.into_iter().map(|x| html! {
                        <li><b>{ x.label }</b>{ " " }<span class="num">{ x.range }</span>{ ": " }{ x.causes }</li>
                    }) }</ul>
                </details>
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn report(scenario: &str) -> Report {
        let catalog = rackscope::Catalog::embedded().expect("catalog");
        let raw = rackscope::RawScenario::from_json("test", scenario).expect("scenario");
        rackscope::predict(&raw, &catalog, "test").expect("prediction").report(&catalog)
    }

    #[test]
    fn stats_carry_their_ranges() {
        let r = report(include_str!("../../../examples/zhenwu-m890-glm5.json"));
        let x = r.ranges.iter().find(|x| x.metric == "output_tokens_per_s").expect("range");
        let stats = stats(&r, Lang::En);
        let tput = stats.iter().find(|s| s.label == Key::Throughput).expect("throughput");
        assert_eq!(tput.range, Some(format!("range {}", span(x.low, x.high, num))));
        let tpot = stats.iter().find(|s| s.label == Key::Tpot).expect("tpot");
        assert!(tpot.range.as_deref().is_some_and(|x| x.ends_with(" ms")), "{:?}", tpot.range);
        // No input moves the chip count here: no range is shown.
        let chips = stats.iter().find(|s| s.label == Key::ChipsUsed).expect("chips");
        assert_eq!(chips.range, None);
    }

    #[test]
    fn causes_are_named_in_both_languages() {
        let r = report(include_str!("../../../examples/zhenwu-m890-glm5.json"));
        let rows = range_rows(&r, Lang::En);
        assert_eq!(rows[0].label, "Output throughput");
        assert!(
            rows[0].causes.contains("% from model error (calibration set)"),
            "{}",
            rows[0].causes
        );
        assert!(rows[0].causes.contains("from alibaba-zhenwu-m890.fp8_dense (assumption)"));
        let zh = range_rows(&r, Lang::Zh);
        assert!(zh[0].causes.contains("模型误差（校准集）占 "), "{}", zh[0].causes);
        assert!(zh[0].causes.contains("fp8_dense（假设）占 "));
        assert!(!rows.iter().any(|x| x.label == "Chips"));
    }

    #[test]
    fn cost_ranges() {
        let r = report(include_str!("../../../examples/charts/tco.json"));
        let stats = stats(&r, Lang::En);
        let tco = stats.iter().find(|s| s.label == Key::TcoVsApi).expect("tco");
        assert!(
            tco.range.as_deref().is_some_and(|x| x.starts_with("range $") && x.contains(" vs $")),
            "{:?}",
            tco.range
        );
        let rows = range_rows(&r, Lang::En);
        assert!(rows.iter().any(|x| x.label == "API for the same tokens"));
    }

    #[test]
    fn method_names_the_spreads() {
        assert_eq!(
            method_text(Lang::En),
            "Each range varies every input within a spread set by its confidence (official ±2 %, \
             reported ±10 %, estimate ±25 %, rumour ±50 %, assumption ±25 %), and adds the model's \
             error on measured deployments (−25 % to +35 %). Below, the inputs that move each \
             result most, with their share of its range."
        );
        assert!(method_text(Lang::Zh).contains("（−25 % 至 +35 %）"));
    }
}
