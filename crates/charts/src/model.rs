//! What a chart shows, independent of how it is drawn: three shapes of data (points and lines on
//! two axes, bar panels, stacked bars) that every chart kind is built from.
//!
//! These types are the chart's data export too (`Chart::to_json`, `Chart::to_csv`), so a reader
//! can rebuild a chart elsewhere from exactly what was drawn.

use serde::Serialize;

/// An axis: its label (with the unit) and whether it is logarithmic.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Axis {
    /// `Output tokens/s per chip`.
    pub label: String,
    /// Logarithmic scale.
    pub log: bool,
}

/// Colours a series may take: indices into the theme's palette, which is safe for colour-blind
/// readers (Okabe–Ito).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hue {
    /// Blue.
    Blue,
    /// Vermillion.
    Vermillion,
    /// Bluish green.
    Green,
    /// Orange.
    Orange,
    /// Reddish purple.
    Purple,
    /// Sky blue.
    Sky,
    /// Grey, for context and excluded options.
    Grey,
}

impl Hue {
    /// Hues in the order series take them.
    pub const CYCLE: [Hue; 6] =
        [Hue::Blue, Hue::Vermillion, Hue::Green, Hue::Orange, Hue::Purple, Hue::Sky];

    /// The `i`-th hue of the cycle.
    #[must_use]
    pub fn nth(i: usize) -> Hue {
        Hue::CYCLE[i % Hue::CYCLE.len()]
    }
}

/// Marker shapes, so that a second attribute can be read without colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shape {
    /// Filled circle.
    Circle,
    /// Filled triangle.
    Triangle,
    /// Filled square.
    Square,
    /// Diamond.
    Diamond,
}

/// How a series is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Draw {
    /// Markers only.
    Points,
    /// A line only.
    Line,
    /// A line with a marker at each point.
    LinePoints,
}

/// One point of a series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Point {
    /// Horizontal value, in the x axis' unit.
    pub x: f64,
    /// Vertical value, in the y axis' unit.
    pub y: f64,
    /// What the point is (`H200 × 8 · Llama-3.1-70B`).
    pub label: String,
    /// Draw the label next to the point (only where it cannot collide with many others).
    pub show_label: bool,
    /// The point rests on an estimate, rumour or assumption: drawn hollow.
    pub low_confidence: bool,
    /// Low–high range of `x`, when known (drawn as a horizontal bar).
    pub x_range: Option<(f64, f64)>,
    /// Low–high range of `y`, when known (a vertical bar on a marker, a band along a line).
    pub y_range: Option<(f64, f64)>,
}

/// A named set of points.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Series {
    /// Name in the legend and in exported data.
    pub name: String,
    /// Colour.
    pub hue: Hue,
    /// Marker shape.
    pub shape: Shape,
    /// Points, line, or both.
    pub draw: Draw,
    /// Dashed line.
    pub dashed: bool,
    /// The points, in drawing order.
    pub points: Vec<Point>,
}

/// A reference line across the plot (a latency target, a break-even month).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RefLine {
    /// Where it crosses its axis.
    pub at: f64,
    /// Its label.
    pub label: String,
}

/// A legend entry that is not a series (a colour for an origin, a shape for openness).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Key {
    /// Text.
    pub label: String,
    /// Colour swatch, if the key is about colour.
    pub hue: Option<Hue>,
    /// Marker, if the key is about shape.
    pub shape: Option<Shape>,
    /// A hollow marker (low confidence).
    pub hollow: bool,
}

/// Points and lines on two axes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Xy {
    /// Horizontal axis.
    pub x: Axis,
    /// Vertical axis.
    pub y: Axis,
    /// Series, drawn in order.
    pub series: Vec<Series>,
    /// Horizontal reference lines (at a y value).
    pub h_lines: Vec<RefLine>,
    /// Vertical reference lines (at an x value).
    pub v_lines: Vec<RefLine>,
    /// Legend entries; when empty the legend lists the series.
    pub keys: Vec<Key>,
}

/// One cell of a bar panel: a fact about one entity.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cell {
    /// The value in the panel's unit; `None` when the fact is missing.
    pub value: Option<f64>,
    /// Low–high range, when the source gives one.
    pub range: Option<(f64, f64)>,
    /// official | reported | estimate | rumour | assumption; or why it is missing.
    pub confidence: String,
    /// The reason a missing fact is missing.
    pub missing_reason: Option<String>,
}

impl Cell {
    /// True for facts of low confidence (estimate, rumour, assumption), drawn hatched.
    #[must_use]
    pub fn is_low_confidence(&self) -> bool {
        matches!(self.confidence.as_str(), "estimate" | "rumour" | "assumption")
    }
}

/// One metric across all entities.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Panel {
    /// Metric name.
    pub metric: String,
    /// Unit of the values.
    pub unit: String,
    /// One cell per entity, in the order of [`Bars::entities`].
    pub cells: Vec<Cell>,
}

/// Small multiples of horizontal bars: one panel per metric, one bar per entity.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bars {
    /// Entity names (chips, systems), top to bottom.
    pub entities: Vec<String>,
    /// Panels, left to right.
    pub panels: Vec<Panel>,
}

/// One stacked bar.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stack {
    /// What the bar is (a chip).
    pub name: String,
    /// One value per part of [`Stacked::parts`], in the y axis' unit.
    pub values: Vec<f64>,
    /// A level to compare the stack with (the memory of the chips needed).
    pub mark: Option<f64>,
    /// Text above the bar (`2 × H200`), or why there is no bar.
    pub note: String,
    /// The chip's capacity is missing: no mark and no count.
    pub missing: bool,
}

/// A group of stacked bars (one precision).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Group {
    /// Group name.
    pub name: String,
    /// Bars, left to right.
    pub stacks: Vec<Stack>,
}

/// Grouped stacked bars with a comparison mark on each.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stacked {
    /// Vertical axis.
    pub y: Axis,
    /// Names of the parts each bar stacks, bottom to top.
    pub parts: Vec<String>,
    /// What the mark on each bar means.
    pub mark_label: String,
    /// Groups, left to right.
    pub groups: Vec<Group>,
}

/// What a chart draws.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "shape", rename_all = "kebab-case")]
pub enum Body {
    /// Points and lines.
    Xy(Xy),
    /// Bar panels.
    Bars(Bars),
    /// Stacked bars.
    Stacked(Stacked),
}
