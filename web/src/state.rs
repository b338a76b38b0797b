//! The app's state, its actions and the scenario evaluation. No DOM code: tested natively.
//!
//! Side effects (URL, storage, clipboard, downloads) happen in `app.rs`; the reducer here is pure.

use std::rc::Rc;

use rackscope::catalog::{CatalogFiles, EMPTY_CALIBRATION};
use rackscope::{Catalog, RawScenario, Report};
use yew::Reducible;

use crate::i18n::Lang;
use crate::params::{self, Hardware, Param, ParamError, Params};
use crate::storage::{self, Loaded, RecordStatus, UserData};
use crate::url::{Embed, Selection, Tab, UrlError, UrlState};

/// A problem to show next to a form field.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldError {
    /// The text cannot be read.
    Param(ParamError),
    /// The core rejected the value (its message, without file and path).
    Core(String),
}

/// The calculator's result for the current parameters.
#[derive(Clone, Debug)]
pub struct Evaluation {
    /// The scenario, when every parameter could be read.
    pub scenario: Option<Rc<RawScenario>>,
    /// The report, when the core could evaluate the scenario.
    pub report: Option<Rc<Report>>,
    /// Problems that belong to a field.
    pub field_errors: Vec<(Param, FieldError)>,
    /// Problems that belong to no single field (`path: message`).
    pub other_errors: Vec<String>,
}

impl Evaluation {
    /// The problems shown next to `p`.
    pub fn errors_for(&self, p: Param) -> impl Iterator<Item = &FieldError> {
        self.field_errors.iter().filter(move |(q, _)| *q == p).map(|(_, e)| e)
    }
}

/// Reads the parameters and runs the core.
#[must_use]
pub fn evaluate(catalog: &Catalog, params: &Params) -> Evaluation {
    let (scenario, errors) = params::parse(params);
    let mut ev = Evaluation {
        scenario: None,
        report: None,
        field_errors: errors.into_iter().map(|e| (e.param, FieldError::Param(e))).collect(),
        other_errors: Vec::new(),
    };
    let Some(raw) = scenario else {
        // Still run the core with the unreadable fields at their defaults, so every other
        // problem shows at once; no result is shown while a field cannot be read.
        let bad: Vec<Param> = ev.field_errors.iter().map(|(p, _)| *p).collect();
        let mut probe = params.clone();
        for &p in &bad {
            probe.set(p, p.default_text());
        }
        if let (Some(raw), _) = params::parse(&probe)
            && let Err(errors) = rackscope::predict(&raw, catalog, "scenario")
        {
            for e in errors.0 {
                match Param::for_core_path(&e.path) {
                    Some(p) if bad.contains(&p) => {}
                    Some(p) => ev.field_errors.push((p, FieldError::Core(e.kind.to_string()))),
                    None => {}
                }
            }
        }
        return ev;
    };
    match rackscope::predict(&raw, catalog, "scenario") {
        Ok(p) => ev.report = Some(Rc::new(p.report(catalog))),
        Err(errors) => {
            for e in errors.0 {
                match Param::for_core_path(&e.path) {
                    Some(p) => ev.field_errors.push((p, FieldError::Core(e.kind.to_string()))),
                    None if e.path.is_empty() => ev.other_errors.push(e.kind.to_string()),
                    None => ev.other_errors.push(format!("{}: {}", e.path, e.kind)),
                }
            }
        }
    }
    ev.scenario = Some(Rc::new(raw));
    ev
}

/// Whether stored user data can be written.
#[derive(Clone, Debug, PartialEq)]
pub enum Stored {
    /// The stored blob was read (or there was none).
    Readable,
    /// The stored text cannot be read; saving is refused until the user downloads or discards it.
    Unreadable {
        /// The stored text.
        text: String,
        /// Why it cannot be read.
        error: String,
    },
}

/// Everything the app shows.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The embedded catalog.
    pub base: Rc<Catalog>,
    /// The catalog with the user's records added.
    pub catalog: Rc<Catalog>,
    /// The user's records, as stored.
    pub user: UserData,
    /// Whether each record made it into the catalog.
    pub records: Rc<Vec<RecordStatus>>,
    /// Whether storage is writable.
    pub stored: Stored,
    /// A message about the last storage write, shown until dismissed.
    pub notice: Option<String>,
    /// The open view.
    pub tab: Tab,
    /// The language.
    pub lang: Lang,
    /// The calculator's parameters, as typed.
    pub params: Params,
    /// The Compare view's picks.
    pub compare: Selection,
    /// The Decide view's risk form as its URL pairs (`decide::URL_KEYS`). Only the Decide
    /// bundle reads them (`decide::RiskForm::from_url`); the others keep them for the link.
    pub risk: Vec<(String, String)>,
    /// Embedded mode.
    pub embed: Option<Embed>,
    /// The chart kind the URL asked for.
    pub chart: Option<String>,
    /// Problems with the URL the app was opened with.
    pub url_errors: Vec<UrlError>,
    /// The catalog version named by the link, when it differs from this build's.
    pub link_data_version: Option<String>,
    /// The current result (recomputed when the parameters or the catalog change).
    pub evaluation: Rc<Evaluation>,
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.catalog, &other.catalog)
            && Rc::ptr_eq(&self.evaluation, &other.evaluation)
            && self.user == other.user
            && self.stored == other.stored
            && self.notice == other.notice
            && self.tab == other.tab
            && self.lang == other.lang
            && self.params == other.params
            && self.compare == other.compare
            && self.risk == other.risk
            && self.embed == other.embed
            && self.chart == other.chart
            && self.url_errors == other.url_errors
    }
}

/// The catalog files the app fetches, relative to the page, in [`CatalogFiles`] order (metadata,
/// sources, chips, systems, models). Trunk copies them from `data/` (see `web/index.html`); the
/// calibration measurements are not needed in the browser.
pub const CATALOG_FILES: [&str; 5] = [
    "data/catalog.json",
    "data/sources.json",
    "data/chips.json",
    "data/systems.json",
    "data/models.json",
];

/// Validates the fetched catalog files (`texts` in [`CATALOG_FILES`] order).
///
/// # Errors
///
/// Not five texts, or the catalog does not validate; the message names file, record and field.
pub fn catalog_from(texts: &[String]) -> Result<Catalog, String> {
    let [meta, sources, chips, systems, models] = texts else {
        return Err(format!("expected {} catalog files, got {}", CATALOG_FILES.len(), texts.len()));
    };
    let [f_meta, f_sources, f_chips, f_systems, f_models] = CATALOG_FILES;
    Catalog::from_files(CatalogFiles {
        meta: (f_meta, meta),
        sources: (f_sources, sources),
        chips: (f_chips, chips),
        systems: (f_systems, systems),
        models: (f_models, models),
        calibration: ("(none)", EMPTY_CALIBRATION),
    })
    .map_err(|e| e.to_string())
}

impl AppState {
    /// The state for a catalog, a URL and the stored user data.
    #[must_use]
    pub fn new(
        base: Catalog,
        url: UrlState,
        url_errors: Vec<UrlError>,
        stored: Option<&str>,
        fallback_lang: Lang,
    ) -> AppState {
        let base = Rc::new(base);
        let (user, stored) = match storage::load(stored) {
            Loaded::Data(d) => (d, Stored::Readable),
            Loaded::Unreadable { text, error } => {
                (UserData::default(), Stored::Unreadable { text, error })
            }
        };
        let (catalog, records) = storage::merge(&base, &user);
        let catalog = Rc::new(catalog);
        let evaluation = Rc::new(evaluate(&catalog, &url.params));
        let link_data_version = url.data.filter(|v| v != base.version());
        AppState {
            base,
            catalog,
            user,
            records: Rc::new(records),
            stored,
            notice: None,
            tab: url.tab,
            lang: url.lang.unwrap_or(fallback_lang),
            params: url.params,
            compare: url.compare,
            risk: url.risk,
            embed: url.embed,
            chart: url.chart,
            url_errors,
            link_data_version,
            evaluation,
        }
    }

    /// The URL state to write to the address bar.
    #[must_use]
    pub fn url(&self) -> UrlState {
        UrlState {
            tab: self.tab,
            lang: Some(self.lang),
            embed: self.embed,
            chart: self.chart.clone(),
            params: self.params.clone(),
            compare: self.compare.clone(),
            data: Some(self.base.version().to_owned()),
            risk: self.risk.clone(),
        }
    }

    fn recompute(&mut self) {
        self.evaluation = Rc::new(evaluate(&self.catalog, &self.params));
    }
}

/// Which Compare list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    /// Chips.
    Chip,
    /// Systems.
    System,
    /// Models.
    Model,
}

/// Something the user did.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Open a view.
    Tab(Tab),
    /// Show another chart kind (its id).
    Chart(String),
    /// Switch language.
    Lang(Lang),
    /// Type into a calculator field.
    Param(Param, String),
    /// Choose the hardware.
    Hardware(Hardware),
    /// Add a record to the comparison.
    CompareAdd(Pick, String),
    /// Remove a record from the comparison.
    CompareRemove(Pick, String),
    /// The Decide view's risk form changed: its new URL pairs.
    Risk(Vec<(String, String)>),
    /// New user data, already written to storage.
    UserData(UserData),
    /// A storage write failed; the old data is kept.
    StorageFailed(String),
    /// The user chose to discard unreadable stored text (already removed from storage).
    DiscardUnreadable,
    /// Hide the storage notice.
    DismissNotice,
    /// Hide the URL problems.
    DismissUrlErrors,
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Tab(t) => s.tab = t,
            Action::Chart(kind) => s.chart = Some(kind),
            Action::Lang(l) => s.lang = l,
            Action::Param(p, v) => {
                s.params.set(p, v);
                s.recompute();
            }
            Action::Hardware(h) => {
                s.params.set_hardware(&h);
                s.recompute();
            }
            Action::CompareAdd(pick, id) => {
                let list = list_mut(&mut s.compare, pick);
                if !list.contains(&id) {
                    list.push(id);
                }
            }
            Action::CompareRemove(pick, id) => list_mut(&mut s.compare, pick).retain(|x| *x != id),
            Action::Risk(pairs) => s.risk = pairs,
            Action::UserData(d) => {
                let (catalog, records) = storage::merge(&s.base, &d);
                s.catalog = Rc::new(catalog);
                s.records = Rc::new(records);
                s.user = d;
                s.notice = None;
                s.recompute();
            }
            Action::StorageFailed(e) => s.notice = Some(e),
            Action::DiscardUnreadable => s.stored = Stored::Readable,
            Action::DismissNotice => s.notice = None,
            Action::DismissUrlErrors => s.url_errors.clear(),
        }
        Rc::new(s)
    }
}

fn list_mut(sel: &mut Selection, pick: Pick) -> &mut Vec<String> {
    match pick {
        Pick::Chip => &mut sel.chips,
        Pick::System => &mut sel.systems,
        Pick::Model => &mut sel.models,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(query: &str) -> AppState {
        let (url, errors) = crate::url::decode(query);
        AppState::new(Catalog::embedded().expect("catalog"), url, errors, None, Lang::En)
    }

    #[test]
    fn the_fetched_files_make_the_embedded_catalog() {
        let texts: Vec<String> = CATALOG_FILES
            .iter()
            .map(|f| {
                let path = format!("{}/../{f}", env!("CARGO_MANIFEST_DIR"));
                std::fs::read_to_string(&path).expect("catalog file")
            })
            .collect();
        let fetched = catalog_from(&texts).expect("valid catalog");
        let embedded = Catalog::embedded().expect("catalog");
        assert_eq!(fetched.version(), embedded.version());
        assert_eq!(fetched.chips().len(), embedded.chips().len());
        assert_eq!(fetched.models().len(), embedded.models().len());
        assert_eq!(
            catalog_from(&texts[..4]).err().as_deref(),
            Some("expected 5 catalog files, got 4")
        );
        let mut broken = texts;
        broken[2] = "{".into();
        let e = catalog_from(&broken).expect_err("broken chips file");
        assert!(e.contains("data/chips.json"), "{e}");
    }

    #[test]
    fn changing_the_model_changes_the_numbers() {
        let s = Rc::new(state(""));
        let before = s.evaluation.report.as_ref().expect("report").decode.output_tokens_per_s;
        let s = s.reduce(Action::Param(Param::Model, "llama-3.1-8b".into()));
        let after = s.evaluation.report.as_ref().expect("report").decode.output_tokens_per_s;
        assert!(after > before, "{before} -> {after}");
    }

    #[test]
    fn errors_land_on_their_field() {
        let s = state("pue=0.5&tpot_ms=abc");
        let pue: Vec<_> = s.evaluation.errors_for(Param::Pue).collect();
        let tpot: Vec<_> = s.evaluation.errors_for(Param::TpotMs).collect();
        assert!(
            matches!(pue[..], [FieldError::Core(m)] if m.contains("0.5")),
            "other fields' core errors show while a field cannot be read: {pue:?}"
        );
        assert_eq!(tpot.len(), 1);
        assert!(s.evaluation.report.is_none());
        let s = state("pue=0.5");
        let pue: Vec<_> = s.evaluation.errors_for(Param::Pue).collect();
        assert!(matches!(pue[..], [FieldError::Core(m)] if m.contains("0.5")), "{pue:?}");
        let s = state("model=lama-3.1-70b");
        let m: Vec<_> = s.evaluation.errors_for(Param::Model).collect();
        assert!(matches!(m[..], [FieldError::Core(m)] if m.contains("did you mean")), "{m:?}");
    }

    #[test]
    fn a_shared_url_reproduces_the_numbers() {
        let a = Rc::new(state("")).reduce(Action::Param(Param::Concurrency, "max".into()));
        let q = crate::url::encode(&a.url());
        let b = state(&q);
        let (ra, rb) =
            (a.evaluation.report.as_ref().expect("a"), b.evaluation.report.as_ref().expect("b"));
        assert_eq!(
            serde_json::to_string(&**ra).expect("json"),
            serde_json::to_string(&**rb).expect("json")
        );
        assert!(b.url_errors.is_empty());
    }

    #[test]
    fn unreadable_storage_is_kept() {
        let (url, errors) = crate::url::decode("");
        let s = AppState::new(
            Catalog::embedded().expect("catalog"),
            url,
            errors,
            Some("{broken"),
            Lang::En,
        );
        assert!(matches!(s.stored, Stored::Unreadable { ref text, .. } if text == "{broken"));
    }
}
