//! The URL query: the whole app state a link shares, typed and versioned.
//!
//! **API Boundary:** the format is documented in `docs/url-format.md`. Within version 1 keys are
//! added, never renamed, and a missing key means its version-1 default, so old links keep
//! giving the same numbers.
//!
//! Decoding follows the house two-stage rule: the query splits into key/value text first, then
//! each value is read against its parameter's kind. A bad value is reported by name
//! ([`UrlError`]) and kept as typed in the form, where the field shows the same error; nothing is
//! reset silently.

use crate::i18n::{Key, Lang};
use crate::params::{self, Expect, Param, Params};

/// The URL format version this build writes and reads.
pub const VERSION: u32 = 1;

/// Longest query accepted, in characters; longer links are refused with a message.
pub const MAX_LEN: usize = 8000;

/// The app's views.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Tab {
    /// Side-by-side specifications.
    Compare,
    /// The scenario builder and its result.
    #[default]
    Calculator,
    /// Charts (drawn by the chart crate).
    Charts,
    /// The user's own chips and models.
    MyData,
    /// Risk ranking and fleet planning.
    Decide,
}

impl Tab {
    /// Every tab, in display order.
    pub const ALL: [Tab; 5] =
        [Tab::Calculator, Tab::Compare, Tab::Charts, Tab::Decide, Tab::MyData];

    /// The URL value.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Tab::Compare => "compare",
            Tab::Calculator => "calc",
            Tab::Charts => "charts",
            Tab::MyData => "data",
            Tab::Decide => "decide",
        }
    }

    /// Parses a URL value.
    #[must_use]
    pub fn from_key(s: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.key() == s)
    }

    /// Its label.
    #[must_use]
    pub fn label(self) -> Key {
        match self {
            Tab::Compare => Key::TabCompare,
            Tab::Calculator => Key::TabCalculator,
            Tab::Charts => Key::TabCharts,
            Tab::MyData => Key::TabMyData,
            Tab::Decide => Key::TabDecide,
        }
    }
}

/// What an embedded (iframe) view shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Embed {
    /// The calculator's result card.
    Result,
    /// One chart (`chart=KIND`).
    Chart,
}

impl Embed {
    /// The URL value.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Embed::Result => "result",
            Embed::Chart => "chart",
        }
    }
}

/// The records picked in the Compare view.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Chip ids.
    pub chips: Vec<String>,
    /// System ids.
    pub systems: Vec<String>,
    /// Model ids.
    pub models: Vec<String>,
}

/// Everything a link carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlState {
    /// The open view.
    pub tab: Tab,
    /// The language, when the link names one.
    pub lang: Option<Lang>,
    /// Embedded (iframe) mode.
    pub embed: Option<Embed>,
    /// The chart kind for `embed=chart` and the Charts view (validated by the chart crate).
    pub chart: Option<String>,
    /// The calculator's parameters.
    pub params: Params,
    /// The Compare view's picks.
    pub compare: Selection,
    /// The catalog version the link was made with.
    pub data: Option<String>,
    /// The Decide view's risk form: its keys (`decide::URL_KEYS`) and values as written, read by
    /// `decide::RiskForm::from_url`.
    pub risk: Vec<(String, String)>,
}

impl Default for UrlState {
    fn default() -> Self {
        UrlState {
            tab: Tab::default(),
            lang: None,
            embed: None,
            chart: None,
            params: Params::defaults(),
            compare: Selection::default(),
            data: None,
            risk: Vec::new(),
        }
    }
}

/// What was wrong with one URL parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A key this version does not know.
    Unknown,
    /// The key appears more than once (the last one is used).
    Repeated,
    /// The value cannot be read.
    Invalid(Expect),
    /// `tab` is not one of the views.
    Tab,
    /// `lang` is not `en` or `zh`.
    Lang,
    /// `embed` is not `result` or `chart`.
    Embed,
    /// `v` is not a version this build reads.
    Version,
    /// The whole query is longer than [`MAX_LEN`] characters (the length given).
    TooLong(usize),
    /// The value is not what the key takes (the message key says what is).
    Expected(Key),
}

/// One URL parameter that could not be used, named for the message on screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlError {
    /// The key as written.
    pub key: String,
    /// The value as written.
    pub got: String,
    /// What was wrong.
    pub problem: Problem,
}

impl UrlError {
    /// The message: ``URL parameter `tpot_ms`: expected a positive number, got `abc` ``.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        use crate::i18n::t;
        let what = match &self.problem {
            Problem::TooLong(n) => {
                return format!("{} ({n} > {MAX_LEN})", t(lang, Key::UrlTooLong));
            }
            Problem::Unknown => {
                return format!(
                    "{} `{}`: {}",
                    t(lang, Key::UrlParameter),
                    self.key,
                    t(lang, Key::UrlUnknown)
                );
            }
            Problem::Repeated => {
                return format!(
                    "{} `{}`: {}",
                    t(lang, Key::UrlParameter),
                    self.key,
                    t(lang, Key::UrlRepeated)
                );
            }
            Problem::Invalid(e) => t(lang, e.key()),
            Problem::Tab => t(lang, Key::ExpectTab),
            Problem::Lang => t(lang, Key::ExpectLang),
            Problem::Embed => t(lang, Key::ExpectEmbed),
            Problem::Version => t(lang, Key::ExpectVersion),
            Problem::Expected(k) => t(lang, *k),
        };
        format!(
            "{} `{}`: {what}, {} `{}`",
            t(lang, Key::UrlParameter),
            self.key,
            t(lang, Key::Got),
            self.got
        )
    }
}

/// Decodes a query string (with or without the leading `?`).
///
/// Returns the state, with defaults where the query is silent or wrong, and every problem.
#[must_use]
pub fn decode(query: &str) -> (UrlState, Vec<UrlError>) {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut state = UrlState::default();
    let mut errors = Vec::new();
    if query.len() > MAX_LEN {
        errors.push(UrlError {
            key: String::new(),
            got: String::new(),
            problem: Problem::TooLong(query.len()),
        });
        return (state, errors);
    }
    let mut seen: Vec<String> = Vec::new();
    let mut given: Vec<Param> = Vec::new();
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        let (key, value) = (key.into_owned(), value.into_owned());
        if seen.contains(&key) {
            errors.push(UrlError {
                key: key.clone(),
                got: value.clone(),
                problem: Problem::Repeated,
            });
        } else {
            seen.push(key.clone());
        }
        let bad = |problem| UrlError { key: key.clone(), got: value.clone(), problem };
        match key.as_str() {
            "v" => {
                if value.trim() != VERSION.to_string() {
                    errors.push(bad(Problem::Version));
                }
            }
            "tab" => match Tab::from_key(&value) {
                Some(t) => state.tab = t,
                None => errors.push(bad(Problem::Tab)),
            },
            "lang" => match Lang::from_key(&value) {
                Some(l) => state.lang = Some(l),
                None => errors.push(bad(Problem::Lang)),
            },
            "embed" => match value.as_str() {
                "result" => state.embed = Some(Embed::Result),
                "chart" => state.embed = Some(Embed::Chart),
                _ => errors.push(bad(Problem::Embed)),
            },
            "chart" => state.chart = Some(value),
            "data" => state.data = Some(value),
            "cc" => state.compare.chips = list(&value),
            "cs" => state.compare.systems = list(&value),
            "cm" => state.compare.models = list(&value),
            k if crate::decide::URL_KEYS.contains(&k) => {
                // The last one wins, at the place of the first (so a link re-encodes the same).
                match state.risk.iter_mut().find(|(x, _)| *x == key) {
                    Some(pair) => pair.1 = value,
                    None => state.risk.push((key, value)),
                }
            }
            k => match Param::from_key(k) {
                Some(p) => {
                    state.params.set(p, value);
                    given.push(p);
                }
                None => errors.push(bad(Problem::Unknown)),
            },
        }
    }
    // A link that names a system means no chip (and the other way round), unless it names both.
    if given.contains(&Param::System) && !given.contains(&Param::Chip) {
        state.params.set(Param::Chip, "");
    }
    if given.contains(&Param::Chip) && !given.contains(&Param::System) {
        state.params.set(Param::System, "");
    }
    for p in given {
        if let Some(e) = params::check(&state.params, p) {
            errors.push(UrlError {
                key: p.key().to_owned(),
                got: e.got,
                problem: Problem::Invalid(e.expected),
            });
        }
    }
    (state, errors)
}

/// Encodes the state as a query string without the leading `?`.
///
/// Every parameter with text is written, defaults included, so a link keeps its numbers even if
/// a later version changes a default; an emptied parameter whose default is not empty is
/// written as `key=`.
#[must_use]
pub fn encode(state: &UrlState) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    q.append_pair("v", &VERSION.to_string());
    q.append_pair("tab", state.tab.key());
    if let Some(l) = state.lang {
        q.append_pair("lang", l.key());
    }
    for &p in Param::ALL {
        let v = state.params.get(p);
        if !v.is_empty() || !p.default_text().is_empty() {
            q.append_pair(p.key(), v);
        }
    }
    for (key, ids) in [
        ("cc", &state.compare.chips),
        ("cs", &state.compare.systems),
        ("cm", &state.compare.models),
    ] {
        if !ids.is_empty() {
            q.append_pair(key, &ids.join(","));
        }
    }
    for (k, v) in &state.risk {
        q.append_pair(k, v);
    }
    if let Some(d) = &state.data {
        q.append_pair("data", d);
    }
    if let Some(e) = state.embed {
        q.append_pair("embed", e.key());
    }
    if let Some(c) = &state.chart {
        q.append_pair("chart", c);
    }
    q.finish()
}

fn list(v: &str) -> Vec<String> {
    v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(q: &str) -> Vec<String> {
        decode(q).1.iter().map(|e| e.message(Lang::En)).collect()
    }

    #[test]
    fn empty_query_is_the_defaults() {
        assert_eq!(decode(""), (UrlState::default(), vec![]));
        assert_eq!(decode("?"), (UrlState::default(), vec![]));
    }

    #[test]
    fn round_trip() {
        let mut s = UrlState { tab: Tab::Compare, lang: Some(Lang::Zh), ..UrlState::default() };
        s.params.set_hardware(&crate::params::Hardware::System("nvidia-gb200-nvl72".into()));
        s.params.set(Param::Model, "deepseek-v3");
        s.params.set(Param::TtftMs, "");
        s.params.set(Param::ApiProvider, "a & b = c?");
        s.compare.chips = vec!["nvidia-h200-sxm".into(), "amd-mi300x".into()];
        s.data = Some("2026.11.0".into());
        s.embed = Some(Embed::Result);
        let q = encode(&s);
        assert!(q.starts_with("v=1&tab=compare&lang=zh&"), "{q}");
        assert!(q.contains("ttft_ms=&"), "an emptied field is written: {q}");
        assert_eq!(decode(&q), (s, vec![]));
    }

    #[test]
    fn invalid_values_are_named_and_kept() {
        let (s, _) = decode("tpot_ms=abc");
        assert_eq!(s.params.get(Param::TpotMs), "abc");
        assert_eq!(
            messages("v=1&tpot_ms=abc&count=-1&conc=lots&weights=fp7"),
            vec![
                "URL parameter `tpot_ms`: expected a positive number (or empty), got `abc`",
                "URL parameter `count`: expected a whole number ≥ 1 (or empty: fewest that fit), got `-1`",
                "URL parameter `conc`: expected a whole number ≥ 1 or `max`, got `lots`",
                "URL parameter `weights`: expected one of bf16, fp16, fp8, int8, int4, fp4 (or empty), got `fp7`",
            ]
        );
    }

    #[test]
    fn unknown_repeated_and_structural_keys() {
        assert_eq!(
            messages("v=2&tab=graphs&lang=fr&embed=all&tpot=5&model=a&model=b"),
            vec![
                "URL parameter `v`: expected 1, got `2`",
                "URL parameter `tab`: expected calc, compare, charts, decide or data, got `graphs`",
                "URL parameter `lang`: expected en or zh, got `fr`",
                "URL parameter `embed`: expected result or chart, got `all`",
                "URL parameter `tpot`: unknown parameter",
                "URL parameter `model`: given more than once; the last one is used",
            ]
        );
        assert_eq!(decode("model=a&model=b").0.params.get(Param::Model), "b");
    }

    #[test]
    fn a_system_link_clears_the_default_chip() {
        let (s, e) = decode("system=nvidia-gb200-nvl72");
        assert!(e.is_empty());
        assert_eq!(s.params.get(Param::Chip), "");
    }

    #[test]
    fn too_long_is_refused() {
        let q = format!("model={}", "x".repeat(MAX_LEN));
        let (s, e) = decode(&q);
        assert_eq!(s, UrlState::default());
        assert!(matches!(e[..], [UrlError { problem: Problem::TooLong(_), .. }]));
        assert!(e[0].message(Lang::En).starts_with("This link is too long"), "{e:?}");
    }

    #[test]
    fn hostile_text_survives_as_text() {
        let mut s = UrlState::default();
        s.params.set(Param::Model, "<script>alert(1)</script>");
        let (back, _) = decode(&encode(&s));
        assert_eq!(back.params.get(Param::Model), "<script>alert(1)</script>");
    }
}
