//! The user's own chips and models: the stored format, and adding them to the catalog.
//!
//! **API Boundary:** the blob in `localStorage` (key [`KEY`]) and the export file share one
//! format, documented in `web/README.md`:
//! `{"schema_version": 1, "chips": [RawChip JSON...], "models": [RawModel JSON...]}`.
//! Records are kept as JSON values, not parsed types, so a record that no longer parses (after a
//! format change, or hand-edited) is kept byte for byte and shown with its error; it is never
//! dropped. A blob that cannot be read at all is not overwritten: the app refuses to save until
//! the user downloads or discards it.

use rackscope::Catalog;
use rackscope::catalog::raw::{RawChip, RawModel};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The `localStorage` key.
pub const KEY: &str = "rackscope.user-data";

/// The blob format version this build writes and reads.
pub const SCHEMA_VERSION: u32 = 1;

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

/// Parses a blob or an export file.
///
/// # Errors
///
/// Not JSON, not the blob's shape, or a `schema_version` this build does not read; the message
/// names the field.
pub fn parse(text: &str) -> Result<UserData, String> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let v: Value = serde_path_to_error::deserialize(de).map_err(|e| e.to_string())?;
    match v.get("schema_version").and_then(Value::as_u64) {
        Some(n) if n == u64::from(SCHEMA_VERSION) => {}
        Some(n) => return Err(format!("schema_version: expected {SCHEMA_VERSION}, got {n}")),
        None => return Err("schema_version: missing field, expected a number".into()),
    }
    let blob: Blob = serde_path_to_error::deserialize(v).map_err(|e| {
        let path = e.path().to_string();
        format!("{path}: {}", e.into_inner())
    })?;
    Ok(blob.data)
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
    for (index, v) in data.chips.iter().enumerate() {
        let (id, name) = id_name(v);
        let input = format!("my chip {}", index + 1);
        let errors = match from_value::<RawChip>(v, &input) {
            Ok(raw) => catalog.add_chip(&raw, &input).err().map(errors_text).unwrap_or_default(),
            Err(e) => vec![e],
        };
        statuses.push(RecordStatus { kind: RecordKind::Chip, index, id, name, errors });
    }
    for (index, v) in data.models.iter().enumerate() {
        let (id, name) = id_name(v);
        let input = format!("my model {}", index + 1);
        let errors = match from_value::<RawModel>(v, &input) {
            Ok(raw) => catalog.add_model(&raw, &input).err().map(errors_text).unwrap_or_default(),
            Err(e) => vec![e],
        };
        statuses.push(RecordStatus { kind: RecordKind::Model, index, id, name, errors });
    }
    (catalog, statuses)
}

fn errors_text(e: rackscope::Errors) -> Vec<String> {
    e.0.iter().map(ToString::to_string).collect()
}

fn from_value<T: serde::de::DeserializeOwned>(v: &Value, input: &str) -> Result<T, String> {
    serde_path_to_error::deserialize(v.clone()).map_err(|e| {
        let path = e.path().to_string();
        if path == "." {
            format!("{input}: {}", e.into_inner())
        } else {
            format!("{input}: {path}: {}", e.into_inner())
        }
    })
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

    #[test]
    fn round_trip_and_version() {
        let data = UserData { chips: vec![chip("my-npu", "My NPU")], models: vec![] };
        let text = serialize(&data);
        assert!(text.contains("\"schema_version\": 1"));
        assert_eq!(parse(&text), Ok(data));
        assert_eq!(
            parse(r#"{"schema_version": 2, "chips": []}"#),
            Err("schema_version: expected 1, got 2".into())
        );
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
}
