//! Errors that name the file, the field path and what was expected.

use std::fmt;

/// One problem with an input (catalog file, scenario, Hugging Face config), located by its path.
///
/// The display form is `file: path: message`, for example
/// `data/chips.json: chips[3] (nvidia-h100-sxm).memory_bandwidth.unit: expected one of GB/s, TB/s, got "GiB"`.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub struct Error {
    /// The file or input the problem is in (`data/chips.json`, `scenario.json`, `<stdin>`).
    pub file: String,
    /// The field path inside it (`chips[3] (nvidia-h100-sxm).memory`), empty for the whole input.
    pub path: String,
    /// What was wrong.
    pub kind: ErrorKind,
}

/// What was wrong with an input.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is not well-formed JSON, or a field has the wrong JSON type.
    Syntax(String),
    /// A required field is absent.
    MissingField(&'static str),
    /// A field the format does not know (a typo would otherwise drop a value silently).
    UnknownField(String),
    /// A value is out of range or malformed; says what was expected.
    Invalid {
        /// The offending value, as the input wrote it.
        got: String,
        /// What the field accepts.
        expected: String,
    },
    /// A unit the field does not accept.
    WrongUnit {
        /// The unit the input used.
        got: String,
        /// The units the field accepts.
        expected: Vec<&'static str>,
    },
    /// An id that is not in the catalog.
    UnknownId {
        /// What kind of record was looked for (`chip`, `model`, `source`).
        kind: &'static str,
        /// The id as written.
        id: String,
        /// The closest existing id, if one is close.
        suggestion: Option<String>,
    },
    /// Two records share an id.
    DuplicateId(String),
    /// A calculation needs a fact the catalog marks as missing.
    MissingFact {
        /// The fact (`nvidia-h20.memory_bandwidth`).
        fact: String,
        /// Why the catalog has no value.
        reason: String,
        /// How to supply an assumption (`assumptions.chip.memory_bandwidth`).
        hint: String,
    },
    /// The scenario cannot be evaluated as asked (the model does not fit, a target cannot be met).
    Infeasible(String),
}

impl Error {
    /// An error at `path` inside `file`.
    #[must_use]
    pub fn new(file: impl Into<String>, path: impl Into<String>, kind: ErrorKind) -> Self {
        Error { file: file.into(), path: path.into(), kind }
    }

    /// The reason alone, without file and path, for lists of options left out
    /// (`nvidia-h20.price is missing`).
    #[must_use]
    pub fn short_reason(&self) -> String {
        match &self.kind {
            ErrorKind::MissingFact { fact, .. } => format!("{fact} is missing"),
            ErrorKind::Infeasible(msg) => msg.clone(),
            _ => {
                let s = self.to_string();
                s.split_once(": ").map_or(s.clone(), |x| x.1.to_owned())
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if !self.path.is_empty() {
            write!(f, ": {}", self.path)?;
        }
        write!(f, ": {}", self.kind)
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Syntax(msg) => write!(f, "malformed input: {msg}"),
            ErrorKind::MissingField(what) => write!(f, "missing field, expected {what}"),
            ErrorKind::UnknownField(name) => write!(f, "unknown field `{name}`"),
            ErrorKind::Invalid { got, expected } => write!(f, "expected {expected}, got {got}"),
            ErrorKind::WrongUnit { got, expected } => {
                write!(f, "expected unit {}, got \"{got}\"", expected.join(" or "))
            }
            ErrorKind::UnknownId { kind, id, suggestion } => {
                write!(f, "unknown {kind} id \"{id}\"")?;
                if let Some(s) = suggestion {
                    write!(f, " (did you mean \"{s}\"?)")?;
                }
                Ok(())
            }
            ErrorKind::DuplicateId(id) => write!(f, "duplicate id \"{id}\""),
            ErrorKind::MissingFact { fact, reason, hint } => {
                write!(f, "{fact} is missing from the catalog ({reason}); supply it as {hint}")
            }
            ErrorKind::Infeasible(msg) => f.write_str(msg),
        }
    }
}

/// Several input problems, reported together so a user can fix them in one pass.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub struct Errors(pub Vec<Error>);

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl From<Error> for Errors {
    fn from(e: Error) -> Self {
        Errors(vec![e])
    }
}

/// Parses JSON into `T`, reporting the field path of the first structural problem.
pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
) -> Result<T, Error> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        let inner = e.into_inner();
        let msg = inner.to_string();
        let kind = if let Some(rest) = msg.strip_prefix("unknown field `") {
            ErrorKind::UnknownField(rest.split('`').next().unwrap_or_default().to_owned())
        } else if let Some(rest) = msg.strip_prefix("missing field `") {
            let name = rest.split('`').next().unwrap_or_default();
            return Error::new(
                file,
                if path.is_empty() { name.to_owned() } else { format!("{path}.{name}") },
                ErrorKind::MissingField("a value"),
            );
        } else {
            ErrorKind::Syntax(msg)
        };
        Error::new(file, path, kind)
    })
}

/// The id in `candidates` closest to `id`, when one is close enough to be a likely typo.
pub(crate) fn suggest<'a>(id: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    let candidates: Vec<&str> = candidates.collect();
    // A truncated id (`nvidia-h200` for `nvidia-h200-sxm`) is the likeliest typo.
    let prefixed = candidates
        .iter()
        .filter(|c| id.len() >= 3 && c.starts_with(id))
        .min_by_key(|c| (c.len(), **c));
    if let Some(c) = prefixed {
        return Some((*c).to_owned());
    }
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = edit_distance(id, c);
        if best.is_none_or(|(bd, bc)| d < bd || (d == bd && c < bc)) {
            best = Some((d, c));
        }
    }
    best.filter(|(d, c)| *d <= 3.max(c.len() / 4) && *d < c.len()).map(|(_, c)| c.to_owned())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}
