//! Charts for rackscope, drawn with plotters onto any backend: an SVG string (native and wasm), a
//! PNG (native, feature `png`) or an HTML canvas (wasm, through `plotters-canvas`).
//!
//! A chart is made in two steps, so the data behind every picture can be exported and checked:
//!
//! 1. [`build`] runs the core model over the catalog and returns a [`Chart`]: a [`Meta`] (title,
//!    subtitle, notes, the source line) and a [`Body`] (the numbers, in one of three shapes);
//! 2. [`Chart::draw`] draws it onto a plotters drawing area; [`Chart::to_svg`] and
//!    [`Chart::to_png`] wrap the common backends, and [`Chart::to_csv`] / [`Chart::to_json`]
//!    export the data.
//!
//! Every chart names the catalog version and its as-of date, and says which of its inputs are of
//! low confidence (estimate, rumour, assumption): hollow markers, hatched bars and a footnote.
//! Facts the catalog marks as missing are shown as missing, never as zero.
//!
//! **Architecture Invariant:** no chart logic lives in the CLI or the web app; they pick a
//! [`ChartKind`], fill a [`Request`] and call [`build`] and a renderer.
//!
//! # Example
//!
//! ```
//! use rackscope::Catalog;
//! use rackscope_charts::{ChartKind, Request, Theme, build};
//! let catalog = Catalog::embedded()?;
//! let chart = build(ChartKind::Specs, &catalog, &Request::default())?;
//! let svg = chart.to_svg(900, 600, Theme::Light)?;
//! assert!(svg.contains("Accelerator specifications"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

mod export;
mod kinds;
pub mod model;
mod render;
mod text;

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend, IntoDrawingArea, SVGBackend};
use rackscope::{Catalog, Errors, Precision, RawScenario};
use serde::Serialize;

pub use kinds::MAX_RANGED_OPTIONS;
pub use model::Body;
pub use render::Theme;

/// The kinds of chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    /// $ per million output tokens against output tokens/s per chip, Pareto frontier drawn.
    PricePerformance,
    /// Attainable FLOP/s against arithmetic intensity, with the scenario's steps placed on it.
    Roofline,
    /// Memory a model needs (weights, KV cache, reserve) against the chips needed to hold it.
    MemoryFit,
    /// Tokens/s per chip against time per output token as the batch grows.
    ThroughputLatency,
    /// Cumulative on-premise cost against the API bill, month by month.
    Tco,
    /// Memory, bandwidth, compute and power of chips side by side.
    Specs,
    /// Accelerators, memory and power per rack of rack-scale systems.
    RackDensity,
}

impl ChartKind {
    /// Every kind, in gallery order.
    pub const ALL: [ChartKind; 7] = [
        ChartKind::PricePerformance,
        ChartKind::Roofline,
        ChartKind::MemoryFit,
        ChartKind::ThroughputLatency,
        ChartKind::Tco,
        ChartKind::Specs,
        ChartKind::RackDensity,
    ];

    /// The id used on the command line, in URLs and in file names.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            ChartKind::PricePerformance => "price-performance",
            ChartKind::Roofline => "roofline",
            ChartKind::MemoryFit => "memory-fit",
            ChartKind::ThroughputLatency => "throughput-latency",
            ChartKind::Tco => "tco",
            ChartKind::Specs => "specs",
            ChartKind::RackDensity => "rack-density",
        }
    }

    /// Parses an id.
    #[must_use]
    pub fn from_id(id: &str) -> Option<ChartKind> {
        ChartKind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// What the chart needs from the [`Request`], for help text.
    #[must_use]
    pub fn needs(self) -> &'static str {
        match self {
            ChartKind::PricePerformance => {
                "a scenario with a cost section; chips or systems and models (defaults: priced hardware × four open models)"
            }
            ChartKind::Roofline => {
                "chips (default: six); a scenario places its decode and prefill steps"
            }
            ChartKind::MemoryFit => "a model (from the scenario or models); chips; precisions",
            ChartKind::ThroughputLatency => {
                "a scenario; chips and models to compare (default: the scenario's)"
            }
            ChartKind::Tco => "a scenario with a cost section that names an API",
            ChartKind::Specs => "chips (default: eight)",
            ChartKind::RackDensity => "systems (default: the rack-scale systems)",
        }
    }
}

/// What to chart. Empty lists take the kind's defaults (see [`ChartKind::needs`]).
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// A base scenario: workload, precisions, latency targets and cost inputs; its hardware and
    /// model are the default option where a chart compares options.
    pub scenario: Option<RawScenario>,
    /// Chip ids.
    pub chips: Vec<String>,
    /// System ids.
    pub systems: Vec<String>,
    /// Model ids.
    pub models: Vec<String>,
    /// Weight precisions (memory fit).
    pub precisions: Vec<Precision>,
    /// A risk profile (price-performance): options it excludes are grey with the reason in a
    /// note, and the labelled options are the Pareto set across cost, speed and risk.
    pub profile: Option<rackscope::risk::Profile>,
}

/// Words around the numbers: title, subtitle, notes and the source line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Meta {
    /// Title.
    pub title: String,
    /// One line under the title: what was assumed (workload, precision).
    pub subtitle: String,
    /// Footnotes: low-confidence inputs, options left out and why, assumptions.
    pub notes: Vec<String>,
    /// `rackscope · data: 2026.11.0 (as of 2026-10)`.
    pub source_line: String,
    /// Catalog version.
    pub catalog_version: String,
    /// Catalog as-of date.
    pub as_of: String,
}

/// A chart: what it says and what it draws.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Chart {
    /// Which kind.
    pub kind: ChartKind,
    /// Title, notes, source.
    pub meta: Meta,
    /// The data, or `None` when there is nothing to draw (the notes say why).
    pub body: Option<Body>,
}

/// A chart could not be drawn by the backend.
#[derive(Debug, thiserror::Error)]
#[error("drawing the {kind} chart failed: {message}")]
pub struct DrawError {
    kind: &'static str,
    message: String,
}

impl DrawError {
    fn new(kind: ChartKind, e: impl std::fmt::Display) -> DrawError {
        DrawError { kind: kind.id(), message: e.to_string() }
    }
}

/// Builds a chart of `kind` from the catalog.
///
/// # Errors
///
/// Input problems with their path (an unknown chip id, a scenario that does not resolve, a
/// chart that needs a cost section without one). Options that cannot be computed because a
/// fact is missing are not errors: they are left out and named in the chart's notes.
pub fn build(kind: ChartKind, catalog: &Catalog, request: &Request) -> Result<Chart, Errors> {
    kinds::build(kind, catalog, request)
}

impl Chart {
    /// Draws the chart onto `area` (any plotters backend: SVG, bitmap, canvas).
    ///
    /// # Errors
    ///
    /// The backend's own failures (a canvas that went away, a font the backend cannot load).
    pub fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        theme: Theme,
    ) -> Result<(), DrawError> {
        render::draw(self, area, theme).map_err(|e| DrawError::new(self.kind, e))?;
        area.present().map_err(|e| DrawError::new(self.kind, e))
    }

    /// Renders the chart as an SVG document `width` × `height` pixels.
    ///
    /// # Errors
    ///
    /// As [`Chart::draw`].
    pub fn to_svg(&self, width: u32, height: u32, theme: Theme) -> Result<String, DrawError> {
        let mut out = String::new();
        {
            let svg = text::Measured::vector(SVGBackend::with_string(&mut out, (width, height)));
            self.draw(&svg.into_drawing_area(), theme)?;
        }
        Ok(out)
    }

    /// Renders the chart as a PNG image `width` × `height` pixels.
    ///
    /// # Errors
    ///
    /// As [`Chart::draw`], and a failure to encode the PNG.
    #[cfg(feature = "png")]
    pub fn to_png(&self, width: u32, height: u32, theme: Theme) -> Result<Vec<u8>, DrawError> {
        render::to_png(self, width, height, theme).map_err(|e| DrawError::new(self.kind, e))
    }

    /// The drawn data as CSV: one row per point, bar or stack part.
    #[must_use]
    pub fn to_csv(&self) -> String {
        export::csv(self)
    }

    /// The chart (meta and data) as pretty JSON.
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }

    /// The height at which a chart `width` pixels wide has room for all its rows (bar charts
    /// stack their panels on narrow screens), for callers that choose the size.
    #[must_use]
    pub fn min_height(&self, width: u32) -> u32 {
        let rows = match &self.body {
            Some(Body::Bars(b)) => (b.entities.len(), b.panels.len()),
            Some(Body::Stacked(s)) => {
                (s.groups.first().map_or(0, |g| g.stacks.len()), s.groups.len())
            }
            Some(Body::Xy(_)) | None => return (width * 2 / 3).max(320),
        };
        // Panels per band as the renderer lays them out: about 190 px each beside the names.
        let per_band = ((width.saturating_sub(120)) / 190).max(1) as usize;
        let bands = rows.1.div_ceil(per_band).max(1) as u32;
        // Title, subtitle, notes and source line take about 260 px; a row needs about 20.
        260 + bands * (40 + 20 * rows.0 as u32)
    }

    /// A text alternative for readers who cannot see the chart.
    #[must_use]
    pub fn alt_text(&self) -> String {
        export::alt_text(self)
    }
}
