//! Hugging Face `config.json` import (being written; this stub keeps the crate building).

use crate::catalog::raw::RawModel;
use crate::error::{Error, ErrorKind, Errors};

/// Imports an already-parsed config.json object.
///
/// # Errors
///
/// Always, until the importer lands.
pub fn import_value(_config: &serde_json::Value, _id: &str) -> Result<RawModel, Errors> {
    Err(Error::new("hf config", "", ErrorKind::Infeasible("not implemented yet".into())).into())
}
