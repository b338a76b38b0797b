//! The catalog: chips, systems, models and sources, loaded from `data/` and validated.
//!
//! With the `embedded` feature (on by default) the JSON files under `data/` are compiled in
//! (`EMBEDDED`) and `Catalog::embedded` parses them; the web app turns the feature off and fetches
//! the same files, copied beside it by Trunk. [`Catalog::from_files`]
//! parses any other set (a user's edited copy), and [`Catalog::add_chip`] / [`Catalog::add_model`]
//! extend a catalog with user records, validated by the same rules.

pub mod raw;
pub(crate) mod resolve;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::calibration::{self, Measurement};
use crate::error::{Error, ErrorKind, Errors, parse_json};
use crate::hardware::{Chip, System};
use crate::llm::Model;
use raw::{
    RawCalibrationFile, RawCatalogMeta, RawChip, RawChipsFile, RawModel, RawModelsFile, RawSource,
    RawSourcesFile, RawSystem, RawSystemsFile,
};
use resolve::Ctx;

/// The text of every catalog file, with the path it is known by in error messages.
#[derive(Clone, Copy, Debug)]
pub struct CatalogFiles<'a> {
    /// `data/catalog.json`: dataset version.
    pub meta: (&'a str, &'a str),
    /// `data/sources.json`.
    pub sources: (&'a str, &'a str),
    /// `data/chips.json`.
    pub chips: (&'a str, &'a str),
    /// `data/systems.json`.
    pub systems: (&'a str, &'a str),
    /// `data/models.json`.
    pub models: (&'a str, &'a str),
    /// `data/calibration.json`.
    pub calibration: (&'a str, &'a str),
}

/// The catalog files compiled into the library (feature `embedded`; without the measurements when
/// the `calibration` feature is off).
#[cfg(feature = "embedded")]
pub const EMBEDDED: CatalogFiles<'static> = CatalogFiles {
    meta: ("data/catalog.json", include_str!("../../../../data/catalog.json")),
    sources: ("data/sources.json", include_str!("../../../../data/sources.json")),
    chips: ("data/chips.json", include_str!("../../../../data/chips.json")),
    systems: ("data/systems.json", include_str!("../../../../data/systems.json")),
    models: ("data/models.json", include_str!("../../../../data/models.json")),
    #[cfg(feature = "calibration")]
    calibration: ("data/calibration.json", include_str!("../../../../data/calibration.json")),
    #[cfg(not(feature = "calibration"))]
    calibration: ("data/calibration.json", EMPTY_CALIBRATION),
};

/// A calibration file with no measurements: for catalogs loaded without `data/calibration.json`
/// (the browser app, or the embedded files when the `calibration` feature is off).
pub const EMPTY_CALIBRATION: &str = r#"{"schema_version": 1, "records": []}"#;

/// A cited source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Short id that facts cite.
    pub id: String,
    /// URL or document reference.
    pub reference: String,
    /// What kind of source it is.
    pub kind: String,
}

/// A validated catalog.
#[derive(Clone, Debug)]
pub struct Catalog {
    version: String,
    as_of: String,
    sources: Vec<Source>,
    // Shared, so that a resolved scenario (and a cloned catalog) holds a record without copying it.
    chips: Vec<Arc<Chip>>,
    systems: Vec<Arc<System>>,
    models: Vec<Arc<Model>>,
    measurements: Vec<Measurement>,
    index: HashMap<String, Entry>,
}

/// What an id in the catalog refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    /// Index into [`Catalog::chips`].
    Chip(usize),
    /// Index into [`Catalog::systems`].
    System(usize),
    /// Index into [`Catalog::models`].
    Model(usize),
}

impl Catalog {
    /// Parses and validates the catalog compiled into the library.
    ///
    /// # Errors
    ///
    /// Never in a released build: the embedded files are validated by the test suite. The
    /// `Result` is kept so that no code path can panic.
    ///
    /// # Example
    ///
    /// ```
    /// let catalog = rackscope::Catalog::embedded()?;
    /// let h200 = catalog.chip("nvidia-h200-sxm").expect("in the catalog");
    /// assert_eq!(h200.memory.value().map(|b| b.as_gb().round()), Some(141.0));
    /// # Ok::<(), rackscope::Errors>(())
    /// ```
    #[cfg(feature = "embedded")]
    pub fn embedded() -> Result<Catalog, Errors> {
        Catalog::from_files(EMBEDDED)
    }

    /// Parses and validates a set of catalog files.
    ///
    /// # Errors
    ///
    /// Every problem found, each naming its file, the record and the field path: malformed JSON,
    /// unknown fields, facts without unit or provenance, unknown source ids, duplicate ids.
    pub fn from_files(files: CatalogFiles<'_>) -> Result<Catalog, Errors> {
        let mut errors = Vec::new();
        let meta: Option<RawCatalogMeta> =
            parse_json(files.meta.0, files.meta.1).map_err(|e| errors.push(e)).ok();
        let sources: Option<RawSourcesFile> =
            parse_json(files.sources.0, files.sources.1).map_err(|e| errors.push(e)).ok();
        let chips: Option<RawChipsFile> =
            parse_json(files.chips.0, files.chips.1).map_err(|e| errors.push(e)).ok();
        let systems: Option<RawSystemsFile> =
            parse_json(files.systems.0, files.systems.1).map_err(|e| errors.push(e)).ok();
        let models: Option<RawModelsFile> =
            parse_json(files.models.0, files.models.1).map_err(|e| errors.push(e)).ok();
        let calib: Option<RawCalibrationFile> =
            parse_json(files.calibration.0, files.calibration.1).map_err(|e| errors.push(e)).ok();
        let (Some(meta), Some(sources), Some(chips), Some(systems), Some(models), Some(calib)) =
            (meta, sources, chips, systems, models, calib)
        else {
            return Err(Errors(errors));
        };
        for (file, v) in [
            (files.meta.0, meta.schema_version),
            (files.sources.0, sources.schema_version),
            (files.chips.0, chips.schema_version),
            (files.systems.0, systems.schema_version),
            (files.models.0, models.schema_version),
            (files.calibration.0, calib.schema_version),
        ] {
            if v != 1 {
                errors.push(Error::new(
                    file,
                    "schema_version",
                    ErrorKind::Invalid { got: v.to_string(), expected: "1".into() },
                ));
            }
        }

        let mut catalog = Catalog {
            version: meta.catalog_version,
            as_of: meta.as_of,
            sources: Vec::new(),
            chips: Vec::new(),
            systems: Vec::new(),
            models: Vec::new(),
            measurements: Vec::new(),
            index: HashMap::new(),
        };
        let mut source_ids = HashSet::new();
        for (i, s) in sources.sources.iter().enumerate() {
            if !source_ids.insert(s.id.clone()) {
                errors.push(Error::new(
                    files.sources.0,
                    format!("sources[{i}]"),
                    ErrorKind::DuplicateId(s.id.clone()),
                ));
            }
            let RawSource { id, reference, kind } = s.clone();
            catalog.sources.push(Source { id, reference, kind });
        }

        let mut ctx =
            Ctx { file: files.chips.0.to_owned(), errors: Vec::new(), sources: Some(&source_ids) };
        for (i, r) in chips.chips.iter().enumerate() {
            if let Some(c) = resolve::chip(&mut ctx, &record_path("chips", i, &r.id), r) {
                catalog.insert_chip(c, &mut ctx, i);
            }
        }
        errors.append(&mut ctx.errors);

        let chip_ids: HashSet<String> = catalog.chips.iter().map(|c| c.id.clone()).collect();
        let mut ctx = Ctx {
            file: files.systems.0.to_owned(),
            errors: Vec::new(),
            sources: Some(&source_ids),
        };
        for (i, r) in systems.systems.iter().enumerate() {
            let path = record_path("systems", i, &r.id);
            if let Some(s) = resolve::system(&mut ctx, &path, r, &chip_ids) {
                if catalog.index.contains_key(&s.id) {
                    ctx.err(path, ErrorKind::DuplicateId(s.id.clone()));
                    continue;
                }
                catalog.index.insert(s.id.clone(), Entry::System(catalog.systems.len()));
                catalog.systems.push(Arc::new(s));
            }
        }
        errors.append(&mut ctx.errors);

        let mut ctx =
            Ctx { file: files.models.0.to_owned(), errors: Vec::new(), sources: Some(&source_ids) };
        for (i, r) in models.models.iter().enumerate() {
            let path = record_path("models", i, &r.id);
            if let Some(m) = resolve::model(&mut ctx, &path, r) {
                if catalog.index.contains_key(&m.id) {
                    ctx.err(path, ErrorKind::DuplicateId(m.id.clone()));
                    continue;
                }
                catalog.index.insert(m.id.clone(), Entry::Model(catalog.models.len()));
                catalog.models.push(Arc::new(m));
            }
        }
        errors.append(&mut ctx.errors);

        let mut ctx =
            Ctx { file: files.calibration.0.to_owned(), errors: Vec::new(), sources: None };
        catalog.measurements = calibration::resolve_records(&mut ctx, &calib.records, &catalog);
        errors.append(&mut ctx.errors);

        if errors.is_empty() { Ok(catalog) } else { Err(Errors(errors)) }
    }

    fn insert_chip(&mut self, c: Chip, ctx: &mut Ctx<'_>, i: usize) {
        if self.index.contains_key(&c.id) {
            ctx.err(record_path("chips", i, &c.id), ErrorKind::DuplicateId(c.id.clone()));
            return;
        }
        self.index.insert(c.id.clone(), Entry::Chip(self.chips.len()));
        self.chips.push(Arc::new(c));
    }

    /// Adds a user-defined chip, validated like a catalog record (sources may be any text).
    ///
    /// # Errors
    ///
    /// Every problem with the record, located under `input`; or a clash with an existing id.
    ///
    /// # Example
    ///
    /// ```
    /// let mut catalog = rackscope::Catalog::embedded()?;
    /// let chip: rackscope::catalog::raw::RawChip = serde_json::from_str(r#"{
    ///   "id": "my-npu", "name": "My NPU", "vendor": "Me", "origin": "DE", "status": "roadmap",
    ///   "memory": {"value": 96, "unit": "GB", "sources": ["my datasheet"], "date": "2026", "confidence": "estimate"},
    ///   "memory_bandwidth": {"value": 2, "unit": "TB/s", "sources": ["my datasheet"], "date": "2026", "confidence": "estimate"},
    ///   "bf16_dense": {"value": 400, "unit": "TFLOPS", "sources": ["my datasheet"], "date": "2026", "confidence": "estimate"},
    ///   "fp8_dense": {"missing": "no FP8 units"}, "fp4_dense": {"missing": "no FP4 units"},
    ///   "int8_dense": {"missing": "not published"}, "tdp": {"missing": "not published"},
    ///   "scale_up_bandwidth": {"missing": "not published"}, "price": {"missing": "not priced"}
    /// }"#).expect("valid JSON");
    /// catalog.add_chip(&chip, "my-chip.json")?;
    /// assert!(catalog.chip("my-npu").is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_chip(&mut self, raw: &RawChip, input: &str) -> Result<(), Errors> {
        let mut ctx = Ctx { file: input.to_owned(), errors: Vec::new(), sources: None };
        let chip = resolve::chip(&mut ctx, "", raw);
        match chip {
            Some(c) if ctx.errors.is_empty() => {
                if self.index.contains_key(&c.id) {
                    return Err(Error::new(input, "id", ErrorKind::DuplicateId(c.id)).into());
                }
                self.index.insert(c.id.clone(), Entry::Chip(self.chips.len()));
                self.chips.push(Arc::new(c));
                Ok(())
            }
            _ => Err(Errors(strip_leading_dot(ctx.errors))),
        }
    }

    /// Adds a user chip given as a JSON value in the `data/chips.json` record format: parsed by
    /// the same parser as the catalog file (so the browser app carries one copy of it), then
    /// validated like [`Catalog::add_chip`].
    ///
    /// # Errors
    ///
    /// The record's structural problem (unknown field, wrong type) with its field path, or every
    /// validation problem, located under `input`.
    pub fn add_chip_json(&mut self, record: &serde_json::Value, input: &str) -> Result<(), Errors> {
        let file: RawChipsFile = parse_record(input, "chips", record)?;
        match file.chips.first() {
            Some(raw) => self.add_chip(raw, input),
            None => Err(Error::new(input, "", ErrorKind::MissingField("a chip record")).into()),
        }
    }

    /// Adds a user model given as a JSON value in the `data/models.json` record format; as
    /// [`Catalog::add_chip_json`].
    ///
    /// # Errors
    ///
    /// As [`Catalog::add_chip_json`].
    pub fn add_model_json(
        &mut self,
        record: &serde_json::Value,
        input: &str,
    ) -> Result<(), Errors> {
        let file: RawModelsFile = parse_record(input, "models", record)?;
        match file.models.first() {
            Some(raw) => self.add_model(raw, input),
            None => Err(Error::new(input, "", ErrorKind::MissingField("a model record")).into()),
        }
    }

    /// Adds a user-defined system, validated like a catalog record.
    ///
    /// # Errors
    ///
    /// Every problem with the record, located under `input`; or a clash with an existing id.
    pub fn add_system(&mut self, raw: &RawSystem, input: &str) -> Result<(), Errors> {
        let chip_ids: HashSet<String> = self.chips.iter().map(|c| c.id.clone()).collect();
        let mut ctx = Ctx { file: input.to_owned(), errors: Vec::new(), sources: None };
        match resolve::system(&mut ctx, "", raw, &chip_ids) {
            Some(s) if ctx.errors.is_empty() => {
                if self.index.contains_key(&s.id) {
                    return Err(Error::new(input, "id", ErrorKind::DuplicateId(s.id)).into());
                }
                self.index.insert(s.id.clone(), Entry::System(self.systems.len()));
                self.systems.push(Arc::new(s));
                Ok(())
            }
            _ => Err(Errors(strip_leading_dot(ctx.errors))),
        }
    }

    /// Adds a user-defined model, validated like a catalog record.
    ///
    /// # Errors
    ///
    /// Every problem with the record, located under `input`; or a clash with an existing id.
    pub fn add_model(&mut self, raw: &RawModel, input: &str) -> Result<(), Errors> {
        let mut ctx = Ctx { file: input.to_owned(), errors: Vec::new(), sources: None };
        match resolve::model(&mut ctx, "", raw) {
            Some(m) if ctx.errors.is_empty() => {
                if self.index.contains_key(&m.id) {
                    return Err(Error::new(input, "id", ErrorKind::DuplicateId(m.id)).into());
                }
                self.index.insert(m.id.clone(), Entry::Model(self.models.len()));
                self.models.push(Arc::new(m));
                Ok(())
            }
            _ => Err(Errors(strip_leading_dot(ctx.errors))),
        }
    }

    /// The dataset version (`2026.11.0`), shown on results and charts.
    #[must_use]
    pub fn version(&self) -> &str {
        &self.version
    }

    /// When the facts were compiled (`2026-10`).
    #[must_use]
    pub fn as_of(&self) -> &str {
        &self.as_of
    }

    /// Every source.
    #[must_use]
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// Every chip.
    #[must_use]
    pub fn chips(&self) -> &[Arc<Chip>] {
        &self.chips
    }

    /// Every system.
    #[must_use]
    pub fn systems(&self) -> &[Arc<System>] {
        &self.systems
    }

    /// Every model.
    #[must_use]
    pub fn models(&self) -> &[Arc<Model>] {
        &self.models
    }

    /// The published measurements the performance model is scored against.
    #[must_use]
    pub fn measurements(&self) -> &[Measurement] {
        &self.measurements
    }

    /// What `id` refers to.
    #[must_use]
    pub fn lookup(&self, id: &str) -> Option<Entry> {
        self.index.get(id).copied()
    }

    /// The chip with this id.
    #[must_use]
    pub fn chip(&self, id: &str) -> Option<&Chip> {
        self.chip_shared(id).map(|x| &**x)
    }

    /// The chip with this id, shared (a resolved scenario holds it without copying it).
    #[must_use]
    pub fn chip_shared(&self, id: &str) -> Option<&Arc<Chip>> {
        match self.lookup(id)? {
            Entry::Chip(i) => self.chips.get(i),
            _ => None,
        }
    }

    /// The system with this id.
    #[must_use]
    pub fn system(&self, id: &str) -> Option<&System> {
        self.system_shared(id).map(|x| &**x)
    }

    /// The system with this id, shared (a resolved scenario holds it without copying it).
    #[must_use]
    pub fn system_shared(&self, id: &str) -> Option<&Arc<System>> {
        match self.lookup(id)? {
            Entry::System(i) => self.systems.get(i),
            _ => None,
        }
    }

    /// The model with this id.
    #[must_use]
    pub fn model(&self, id: &str) -> Option<&Model> {
        self.model_shared(id).map(|x| &**x)
    }

    /// The model with this id, shared (a resolved scenario holds it without copying it).
    #[must_use]
    pub fn model_shared(&self, id: &str) -> Option<&Arc<Model>> {
        match self.lookup(id)? {
            Entry::Model(i) => self.models.get(i),
            _ => None,
        }
    }

    /// The source with this id.
    #[must_use]
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The closest id of the given kind, for "did you mean" hints.
    #[must_use]
    pub fn suggest(&self, id: &str, kind: &str) -> Option<String> {
        let ids: Vec<&str> = match kind {
            "chip" => self.chips.iter().map(|c| c.id.as_str()).collect(),
            "system" => self.systems.iter().map(|c| c.id.as_str()).collect(),
            "model" => self.models.iter().map(|c| c.id.as_str()).collect(),
            _ => self.index.keys().map(String::as_str).collect(),
        };
        crate::error::suggest(id, ids.into_iter())
    }
}

fn record_path(array: &str, i: usize, id: &str) -> String {
    format!("{array}[{i}] ({id})")
}

/// Parses one record as a one-record catalog file (`{"schema_version": 1, "<list>": [record]}`),
/// reporting paths relative to the record. The record is a JSON value, so the wrapper holds
/// exactly one element.
fn parse_record<T: serde::de::DeserializeOwned>(
    input: &str,
    list: &str,
    record: &serde_json::Value,
) -> Result<T, Errors> {
    let text = format!("{{\"schema_version\":1,\"{list}\":[{record}]}}");
    parse_json(input, &text).map_err(|mut e| {
        let prefix = format!("{list}[0]");
        if let Some(rest) = e.path.strip_prefix(&prefix) {
            e.path = rest.trim_start_matches('.').to_owned();
        }
        Errors::from(e)
    })
}

fn strip_leading_dot(errors: Vec<Error>) -> Vec<Error> {
    errors
        .into_iter()
        .map(|mut e| {
            if let Some(rest) = e.path.strip_prefix('.') {
                e.path = rest.to_owned();
            }
            e
        })
        .collect()
}
