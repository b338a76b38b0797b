//! Where a number came from: sources, dates, confidence, and facts that are missing.
//!
//! Every catalog number is a [`Fact`]: a value plus its [`Provenance`]. A number nobody published
//! is a [`Known::Missing`] with the reason, never a guess. A value the user supplies in a scenario
//! is a fact with [`Confidence::Assumption`], so results can label it as such.

use std::fmt;
use std::sync::Arc;

/// How far a fact can be trusted, from the catalog's four labels plus user assumptions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    /// Published by the vendor or developer (datasheet, model card, config.json).
    Official,
    /// Credible press, analyst or engine-docs report, not checked against a primary document.
    Reported,
    /// An analyst's estimate, or arithmetic on sourced values.
    Estimate,
    /// A single low-authority source; unverified.
    Rumour,
    /// Supplied by the user for this scenario, not taken from the catalog.
    Assumption,
}

impl Confidence {
    /// The label used in data files and reports.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Confidence::Official => "official",
            Confidence::Reported => "reported",
            Confidence::Estimate => "estimate",
            Confidence::Rumour => "rumour",
            Confidence::Assumption => "assumption",
        }
    }

    /// Parses a catalog label (`official`, `reported`, `estimate`, `rumour`).
    ///
    /// `assumption` is not a catalog label: only scenarios make assumptions.
    #[must_use]
    pub fn from_catalog_label(s: &str) -> Option<Self> {
        match s {
            "official" => Some(Confidence::Official),
            "reported" => Some(Confidence::Reported),
            "estimate" => Some(Confidence::Estimate),
            "rumour" => Some(Confidence::Rumour),
            _ => None,
        }
    }

    /// True for the labels whose values need scrutiny (estimate, rumour, assumption).
    #[must_use]
    pub fn is_low(self) -> bool {
        matches!(self, Confidence::Estimate | Confidence::Rumour | Confidence::Assumption)
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The sources, date and confidence of one value.
#[derive(Clone, Debug, PartialEq)]
pub struct Provenance {
    /// Ids into the catalog's source list (empty for a user assumption).
    pub sources: Vec<String>,
    /// When the value was published or retrieved (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-Qn`).
    pub date: String,
    /// How far the value can be trusted.
    pub confidence: Confidence,
    /// Free-text remark from the catalog (a contradiction, a derivation).
    pub note: Option<String>,
}

impl Provenance {
    /// Provenance for a value the user supplied in a scenario.
    #[must_use]
    pub fn assumption(note: impl Into<String>) -> Self {
        Provenance {
            sources: Vec::new(),
            date: String::new(),
            confidence: Confidence::Assumption,
            note: Some(note.into()),
        }
    }
}

/// A sourced value. `T` is a unit newtype (or `f64` for plain counts).
#[derive(Clone, Debug, PartialEq)]
pub struct Fact<T> {
    /// The value, in the type's base unit.
    pub value: T,
    /// The `[low, high]` range the source gave, when it gave one.
    pub range: Option<(T, T)>,
    /// Where the value came from. Shared, so copying a fact is cheap.
    pub provenance: Arc<Provenance>,
}

/// A fact, or the reason nobody published it.
#[derive(Clone, Debug, PartialEq)]
pub enum Known<T> {
    /// A sourced value.
    Fact(Fact<T>),
    /// Not published; the reason says why (and may name what was claimed instead).
    Missing {
        /// Why the value is absent.
        reason: String,
    },
}

impl<T: Copy> Known<T> {
    /// The value, if it is known.
    #[must_use]
    pub fn value(&self) -> Option<T> {
        match self {
            Known::Fact(f) => Some(f.value),
            Known::Missing { .. } => None,
        }
    }

    /// The fact, if it is known.
    #[must_use]
    pub fn fact(&self) -> Option<&Fact<T>> {
        match self {
            Known::Fact(f) => Some(f),
            Known::Missing { .. } => None,
        }
    }

    /// The reason the value is missing, if it is.
    #[must_use]
    pub fn missing_reason(&self) -> Option<&str> {
        match self {
            Known::Fact(_) => None,
            Known::Missing { reason } => Some(reason),
        }
    }

    /// A known value with the given provenance (used for user assumptions and tests).
    #[must_use]
    pub fn with(value: T, provenance: Provenance) -> Self {
        Known::Fact(Fact { value, range: None, provenance: Arc::new(provenance) })
    }
}
