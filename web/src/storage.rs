//! The user's own chips and models: the stored format, its migrations, import, and adding them
//! to the catalog.
//!
//! **API Boundary:** the blob in `localStorage` (key [`KEY`]) and the export file share one
//! format, documented in `web/README.md`:
//! `{"schema_version": 1, "chips": [RawChip JSON...], "models": [RawModel JSON...]}`.
//! Records are kept as JSON values, not parsed types, so a record that no longer parses (after a
//! format change, or hand-edited) is kept byte for byte and shown with its error; it is never
//! dropped. A blob that cannot be read at all is not overwritten: the app refuses to save until
//! the user downloads or discards it.
//!
//! A blob written by an older version is migrated when read, one step per version ([`STEPS`]);
//! `web/tests/fixtures/storage/vN.json` keeps a blob as each version wrote it, and a test loads
//! every one. A blob from a newer version is unreadable (and kept), never downgraded.

use rackscope::Catalog;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The `localStorage` key.
pub const KEY: &str = "rackscope.user-data";

/// The blob format version this build writes; it reads this one and every older one.
pub const SCHEMA_VERSION: u32 = 1;

/// One migration step: a blob (as JSON) of some version to the next version's shape.
pub type Step = fn(Value) -> Result<Value, String>;

/// The migration steps: `STEPS[i]` turns a version `i + 1` blob into a version `i + 2` one.
/// Version 1 is the first stored format, so there are none yet. A format change bumps
/// [`SCHEMA_VERSION`], appends its step here, and adds `web/tests/fixtures/storage/vN.json`, a
/// blob as the new version writes it.
pub const STEPS: &[Step] = &[];

const _: () = assert!(STEPS.len() + 1 == SCHEMA_VERSION as usize, "one step per older version");

/// The user's records, as stored.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserData {
    /// Chips, in the `data/chips.json` record format.
    #[serde(default)]
    pub chips: Vec<Value>,
    /// Models, in the `data/models.json` record format.
    #[serde(default)]
    pub models: Vec<Value>,
}

#[derive(Serialize, Deserialize)]
struct Blob {
    schema_version: u32,
    #[serde(flatten)]
    data: UserData,
}

/// What was found in storage.
#[derive(Clone, Debug, PartialEq)]
pub enum Loaded {
    /// Records (possibly none).
    Data(UserData),
    /// Text that is not a blob this build reads: kept, shown, never overwritten silently.
    Unreadable {
        /// The stored text.
        text: String,
        /// Why it cannot be read.
        error: String,
    },
}

/// Reads stored text (`None`: nothing stored).
#[must_use]
pub fn load(text: Option<&str>) -> Loaded {
    match text {
        None => Loaded::Data(UserData::default()),
        Some(t) => match parse(t) {
            Ok(d) => Loaded::Data(d),
            Err(error) => Loaded::Unreadable { text: t.to_owned(), error },
        },
    }
}

/// Parses a blob or an export file, migrating an older version's.
///
/// # Errors
///
/// Not JSON, not the blob's shape, or a `schema_version` this build does not read (newer than
/// [`SCHEMA_VERSION`], or not a version at all); the message names the field.
pub fn parse(text: &str) -> Result<UserData, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let v = migrate(v, STEPS)?;
    // The shape is checked by hand so every message names its field.
    let Value::Object(fields) = &v else {
        return Err("expected an object with schema_version, chips and models".into());
    };
    for (key, x) in fields {
        match key.as_str() {
            "schema_version" => {}
            "chips" | "models" if x.is_array() => {}
            "chips" | "models" => return Err(format!("{key}: expected a list of records")),
            _ => {
                return Err(format!(
                    "{key}: unknown field, expected one of schema_version, chips, models"
                ));
            }
        }
    }
    let blob: Blob = serde_json::from_value(v).map_err(|e| e.to_string())?;
    Ok(blob.data)
}

/// Brings a blob of any version up to `steps.len() + 1`, one step at a time.
fn migrate(mut v: Value, steps: &[Step]) -> Result<Value, String> {
    let newest = steps.len() as u64 + 1;
    let from = match v.get("schema_version") {
        None => return Err("schema_version: missing field, expected a number".into()),
        Some(n) => match n.as_u64() {
            Some(n) if (1..=newest).contains(&n) => n,
            Some(n) if n > newest => {
                return Err(format!(
                    "schema_version: expected {newest} or lower, got {n} (saved by a newer \
                     version of rackscope)"
                ));
            }
            _ => {
                return Err(format!(
                    "schema_version: expected a whole number from 1 to {newest}, got {n}"
                ));
            }
        },
    };
    for (i, step) in steps.iter().enumerate().skip((from - 1) as usize) {
        let to = i as u64 + 2;
        v = step(v).map_err(|e| format!("migrating from schema_version {}: {e}", to - 1))?;
        match v.as_object_mut() {
            Some(o) => o.insert("schema_version".into(), to.into()),
            None => return Err(format!("migrating to schema_version {to}: not an object")),
        };
    }
    Ok(v)
}

/// The text to store (and to export).
#[must_use]
pub fn serialize(data: &UserData) -> String {
    let blob = Blob { schema_version: SCHEMA_VERSION, data: data.clone() };
    serde_json::to_string_pretty(&blob).unwrap_or_default()
}

/// Which list a record is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordKind {
    /// A chip.
    Chip,
    /// A model.
    Model,
}

/// One stored record and whether it made it into the catalog.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordStatus {
    /// Chip or model.
    pub kind: RecordKind,
    /// Position in its list.
    pub index: usize,
    /// The record's id (or a placeholder when it has none).
    pub id: String,
    /// The record's name, if it has one.
    pub name: String,
    /// Problems that kept it out of the catalog; empty when it is in.
    pub errors: Vec<String>,
}

/// The catalog with the user's records added, and the status of each record.
#[must_use]
pub fn merge(base: &Catalog, data: &UserData) -> (Catalog, Vec<RecordStatus>) {
    let mut catalog = base.clone();
    let mut statuses = Vec::new();
    for (kind, list, what) in
        [(RecordKind::Chip, &data.chips, "my chip"), (RecordKind::Model, &data.models, "my model")]
    {
        for (index, v) in list.iter().enumerate() {
            let errors = add(&mut catalog, kind, v, &format!("{what} {}", index + 1));
            let (id, name) = id_name(v);
            statuses.push(RecordStatus { kind, index, id, name, errors });
        }
    }
    (catalog, statuses)
}

/// What an import did.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The user's records with the file's good records added (replacing records with their id).
    pub data: UserData,
    /// How many records were added or replaced.
    pub added: usize,
    /// The file's records that were left out, each with why (`index` is its place in the file).
    pub rejected: Vec<RecordStatus>,
}

/// Imports an export file next to `current`: every record that makes it into the catalog (with
/// the base catalog and the other user records) is added, replacing a stored record with its id;
/// the others are listed with their errors and left out. `current` is never changed.
///
/// # Errors
///
/// The file cannot be read at all ([`parse`]); then nothing is imported.
pub fn import(base: &Catalog, current: &UserData, text: &str) -> Result<Imported, String> {
    let incoming = parse(text)?;
    let mut data = current.clone();
    let mut added = 0;
    let mut rejected = Vec::new();
    for (kind, list, what) in [
        (RecordKind::Chip, incoming.chips, "chips"),
        (RecordKind::Model, incoming.models, "models"),
    ] {
        for (index, v) in list.into_iter().enumerate() {
            let mut tentative = data.clone();
            let target = tentative.list_mut(kind);
            let at = upsert(target, v.clone());
            target.remove(at);
            let (mut catalog, _) = merge(base, &tentative);
            let errors = add(&mut catalog, kind, &v, &format!("imported {what}[{index}]"));
            if errors.is_empty() {
                upsert(data.list_mut(kind), v);
                added += 1;
            } else {
                let (id, name) = id_name(&v);
                rejected.push(RecordStatus { kind, index, id, name, errors });
            }
        }
    }
    Ok(Imported { data, added, rejected })
}

impl UserData {
    /// The list of `kind` records.
    pub fn list_mut(&mut self, kind: RecordKind) -> &mut Vec<Value> {
        match kind {
            RecordKind::Chip => &mut self.chips,
            RecordKind::Model => &mut self.models,
        }
    }
}

/// Replaces the record with `record`'s id in `list`, or appends it; returns its position.
pub fn upsert(list: &mut Vec<Value>, record: Value) -> usize {
    let id = record.get("id").filter(|id| id.is_string()).cloned();
    match list.iter().position(|r| id.is_some() && r.get("id") == id.as_ref()) {
        Some(i) => {
            list[i] = record;
            i
        }
        None => {
            list.push(record);
            list.len() - 1
        }
    }
}

/// Adds one record to the catalog; its problems, if it could not be added.
fn add(catalog: &mut Catalog, kind: RecordKind, v: &Value, input: &str) -> Vec<String> {
    // The core parses the record with the catalog files' own parser, so the app carries one copy
    // of the record deserializers (this was a second one, over `serde_json::Value`).
    let added = match kind {
        RecordKind::Chip => catalog.add_chip_json(v, input),
        RecordKind::Model => catalog.add_model_json(v, input),
    };
    added.err().map(|e| e.0.iter().map(ToString::to_string).collect()).unwrap_or_default()
}

fn id_name(v: &Value) -> (String, String) {
    let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
    (s("id"), s("name"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chip(id: &str, name: &str) -> Value {
        let fact = |v: f64, unit: &str| serde_json::json!({"value": v, "unit": unit, "sources": ["my sheet"], "date": "2026", "confidence": "estimate"});
        let missing = serde_json::json!({"missing": "not given"});
        serde_json::json!({
            "id": id, "name": name, "vendor": "Me", "origin": "DE", "status": "announced",
            "memory": fact(96.0, "GB"), "memory_bandwidth": fact(2.0, "TB/s"),
            "bf16_dense": fact(400.0, "TFLOPS"), "fp8_dense": missing, "fp4_dense": missing,
            "int8_dense": missing, "tdp": missing, "scale_up_bandwidth": missing, "price": missing
        })
    }

    /// A model record as the Hugging Face import makes it.
    fn model(id: &str) -> Value {
        let config = include_str!("../../tests/fixtures/hf/llama-3.1-8b.json");
        let raw = rackscope::hf::import_str("config.json", config, id).expect("imports");
        serde_json::to_value(raw).expect("serialises")
    }

    #[test]
    fn round_trip_and_version() {
        let data = UserData { chips: vec![chip("my-npu", "My NPU")], models: vec![] };
        let text = serialize(&data);
        assert!(text.contains("\"schema_version\": 1"));
        assert_eq!(parse(&text), Ok(data));
        assert_eq!(
            parse(r#"{"schema_version": 2, "chips": []}"#),
            Err("schema_version: expected 1 or lower, got 2 (saved by a newer version of \
                 rackscope)"
                .into())
        );
        assert_eq!(
            parse(r#"{"schema_version": 0}"#),
            Err("schema_version: expected a whole number from 1 to 1, got 0".into())
        );
        // A number with more digits than a double holds survives saving unchanged (the
        // stored_data fuzz target found it moving by one unit in the last place per save).
        let long = parse(r#"{"schema_version": 1, "chips": [4444444444444444.44444444444]}"#);
        let long = long.expect("parses");
        assert_eq!(parse(&serialize(&long)), Ok(long));
        assert!(matches!(load(Some("{not json")), Loaded::Unreadable { .. }));
        assert_eq!(load(None), Loaded::Data(UserData::default()));
    }

    #[test]
    fn bad_records_are_kept_with_their_errors() {
        let base = Catalog::embedded().expect("catalog");
        let mut broken = chip("broken", "Broken");
        broken["memory"] = serde_json::json!({"value": 96, "unit": "GiB/s"});
        let data = UserData {
            chips: vec![
                chip("my-npu", "<script>alert(1)</script>"),
                broken,
                serde_json::json!({"id": "x", "colour": "red"}),
                chip("nvidia-h200-sxm", "clash"),
            ],
            models: vec![serde_json::json!(42)],
        };
        let (catalog, statuses) = merge(&base, &data);
        assert_eq!(
            catalog.chip("my-npu").map(|c| c.name.as_str()),
            Some("<script>alert(1)</script>")
        );
        assert!(catalog.chip("broken").is_none());
        let errs: Vec<usize> = statuses.iter().map(|s| s.errors.len()).collect();
        assert_eq!(errs[0], 0);
        assert!(errs[1..].iter().all(|&n| n > 0), "{statuses:#?}");
        assert!(statuses[1].errors[0].contains("memory"), "{:?}", statuses[1].errors);
        assert!(statuses[3].errors[0].contains("duplicate id"), "{:?}", statuses[3].errors);
        assert_eq!(statuses.len(), 5);
    }

    /// The stored blob each version wrote (`web/tests/fixtures/storage/vN.json`).
    fn fixture(version: u32) -> String {
        let path = format!("{}/tests/fixtures/storage/v{version}.json", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn every_version_s_blob_still_loads() {
        let base = Catalog::embedded().expect("catalog");
        for version in 1..=SCHEMA_VERSION {
            let Loaded::Data(data) = load(Some(&fixture(version))) else {
                panic!("the version {version} blob does not load");
            };
            let (catalog, statuses) = merge(&base, &data);
            let ids: Vec<(&str, bool)> =
                statuses.iter().map(|s| (s.id.as_str(), s.errors.is_empty())).collect();
            assert_eq!(
                ids,
                [("my-npu", true), ("half-typed", false), ("my-llama", true)],
                "version {version}"
            );
            assert!(catalog.chip("my-npu").is_some() && catalog.model("my-llama").is_some());
            // Saved again, it is the current version and the same records.
            let again = serialize(&data);
            assert!(again.contains(&format!("\"schema_version\": {SCHEMA_VERSION}")));
            assert_eq!(parse(&again), Ok(data));
        }
    }

    #[test]
    fn migration_steps_run_in_order_from_the_blob_s_version() {
        fn rename(v: Value) -> Result<Value, String> {
            let mut v = v;
            let chips = v.as_object_mut().and_then(|o| o.remove("gpus")).unwrap_or_default();
            v["chips"] = chips;
            Ok(v)
        }
        fn tag(v: Value) -> Result<Value, String> {
            let mut v = v;
            v["tagged"] = true.into();
            Ok(v)
        }
        fn fail(_: Value) -> Result<Value, String> {
            Err("models: not a list".into())
        }
        let steps: &[Step] = &[rename, tag];
        let v1 = serde_json::json!({"schema_version": 1, "gpus": [{"id": "a"}]});
        assert_eq!(
            migrate(v1, steps),
            Ok(serde_json::json!({"schema_version": 3, "chips": [{"id": "a"}], "tagged": true}))
        );
        let v2 = serde_json::json!({"schema_version": 2, "chips": []});
        assert_eq!(
            migrate(v2, steps),
            Ok(serde_json::json!({"schema_version": 3, "chips": [], "tagged": true}))
        );
        let v3 = serde_json::json!({"schema_version": 3, "chips": []});
        assert_eq!(migrate(v3.clone(), steps), Ok(v3));
        assert_eq!(
            migrate(serde_json::json!({"schema_version": 1}), &[fail]),
            Err("migrating from schema_version 1: models: not a list".into())
        );
        assert_eq!(
            migrate(serde_json::json!({"schema_version": "1"}), steps),
            Err("schema_version: expected a whole number from 1 to 3, got \"1\"".into())
        );
    }

    #[test]
    fn import_adds_the_good_records_and_lists_the_bad_ones() {
        let base = Catalog::embedded().expect("catalog");
        let current = UserData {
            chips: vec![chip("mine", "Mine"), chip("my-npu", "Old name")],
            models: vec![serde_json::json!({"id": "kept-broken"})],
        };
        let mut bad_unit = chip("bad-unit", "Bad unit");
        bad_unit["memory"]["unit"] = "GiB/s".into();
        let file = serialize(&UserData {
            chips: vec![
                chip("my-npu", "New name"),
                bad_unit,
                chip("nvidia-h200-sxm", "Clash with the catalog"),
                serde_json::json!("not a record"),
                chip("second", "Second"),
                chip("second", "Second again"),
            ],
            models: vec![model("mine")],
        });
        let got = import(&base, &current, &file).expect("readable");
        assert_eq!(got.added, 3);
        let ids: Vec<&str> = got.data.chips.iter().filter_map(|c| c["id"].as_str()).collect();
        assert_eq!(ids, ["mine", "my-npu", "second"]);
        assert_eq!(got.data.chips[1]["name"], "New name", "replaced by id");
        assert_eq!(got.data.chips[2]["name"], "Second again", "the file's last wins");
        assert_eq!(got.data.models, current.models, "stored records are kept, even broken ones");
        let rejected: Vec<(RecordKind, usize, &str)> =
            got.rejected.iter().map(|r| (r.kind, r.index, r.id.as_str())).collect();
        assert_eq!(
            rejected,
            [
                (RecordKind::Chip, 1, "bad-unit"),
                (RecordKind::Chip, 2, "nvidia-h200-sxm"),
                (RecordKind::Chip, 3, ""),
                (RecordKind::Model, 0, "mine"),
            ]
        );
        let first = &got.rejected[0].errors[0];
        assert!(first.starts_with("imported chips[1]") && first.contains("memory"), "{first}");
        assert!(got.rejected[1].errors[0].contains("duplicate id"), "{:?}", got.rejected[1]);
        assert!(
            got.rejected[3].errors.iter().any(|e| e.contains("duplicate id")),
            "{:?}",
            got.rejected[3]
        );
        // A file that cannot be read imports nothing.
        assert!(import(&base, &current, "{\"chips\": []}").is_err());
    }
}
