//! Drawing: one frame (title, subtitle, notes, source line) and three bodies (points and lines,
//! bar panels, stacked bars), on any plotters backend.
//!
//! Layout is computed from the drawing area's size and the backend's own text metrics, so the
//! same chart reads at 1200 × 800 in a report and at 390 pixels wide on a phone.

use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::Chart;
use crate::model::{Axis, Bars, Body, Cell, Draw, Hue, Key, Shape, Stacked, Xy};

/// Colours for a light or a dark page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    /// Dark text on white.
    #[default]
    Light,
    /// Light text on near-black.
    Dark,
}

impl Theme {
    /// Parses `light` or `dark`.
    #[must_use]
    pub fn from_id(s: &str) -> Option<Theme> {
        match s {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }
}

struct Palette {
    bg: RGBColor,
    fg: RGBColor,
    muted: RGBColor,
    grid: RGBColor,
    grey: RGBColor,
}

impl Palette {
    fn of(theme: Theme) -> Palette {
        match theme {
            Theme::Light => Palette {
                bg: RGBColor(255, 255, 255),
                fg: RGBColor(34, 34, 34),
                muted: RGBColor(100, 100, 100),
                grid: RGBColor(225, 225, 225),
                grey: RGBColor(140, 140, 140),
            },
            Theme::Dark => Palette {
                bg: RGBColor(18, 20, 26),
                fg: RGBColor(230, 232, 236),
                muted: RGBColor(160, 165, 175),
                grid: RGBColor(55, 60, 70),
                grey: RGBColor(150, 150, 155),
            },
        }
    }

    /// Okabe–Ito colours, readable by colour-blind readers on both backgrounds.
    fn hue(&self, h: Hue) -> RGBColor {
        match h {
            Hue::Blue => RGBColor(0, 114, 178),
            Hue::Vermillion => RGBColor(213, 94, 0),
            Hue::Green => RGBColor(0, 158, 115),
            Hue::Orange => RGBColor(230, 159, 0),
            Hue::Purple => RGBColor(204, 121, 167),
            Hue::Sky => RGBColor(86, 180, 233),
            Hue::Grey => self.grey,
        }
    }
}

type Res = Result<(), String>;

fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

const FONT: &str = "sans-serif";

#[cfg(feature = "png")]
pub(crate) fn to_png(
    chart: &Chart,
    width: u32,
    height: u32,
    theme: Theme,
) -> Result<Vec<u8>, String> {
    let mut buf = vec![0u8; (width as usize) * (height as usize) * 3];
    {
        let area =
            crate::text::Measured::raster(BitMapBackend::with_buffer(&mut buf, (width, height)))
                .into_drawing_area();
        draw(chart, &area, theme)?;
        area.present().map_err(err)?;
    }
    let img = image::RgbImage::from_raw(width, height, buf)
        .ok_or("the image buffer has the wrong size")?;
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).map_err(err)?;
    Ok(out.into_inner())
}

/// Sizes derived from the canvas, so text scales with it.
#[derive(Clone, Copy)]
struct Scale {
    w: i32,
    h: i32,
    pad: i32,
    base: f64,
}

impl Scale {
    fn new(w: u32, h: u32) -> Scale {
        let w = w as i32;
        let h = h as i32;
        let base = (f64::from(w.min(h * 3 / 2)) / 70.0).clamp(13.0, 17.0);
        Scale { w, h, pad: (base * 1.1) as i32, base }
    }
    fn line(&self, size: f64) -> i32 {
        (size * 1.3).ceil() as i32
    }
}

struct Ctx<'a, DB: DrawingBackend> {
    root: &'a DrawingArea<DB, Shift>,
    pal: Palette,
    s: Scale,
}

impl<DB: DrawingBackend> Ctx<'_, DB> {
    fn text_width(&self, text: &str, size: f64) -> i32 {
        self.root
            .estimate_text_size(text, &TextStyle::from((FONT, size)))
            .map_or((size * 0.55 * text.chars().count() as f64) as i32, |(w, _)| w as i32)
    }

    fn text(&self, text: &str, size: f64, color: &RGBColor, at: (i32, i32), pos: Pos) -> Res {
        let style = TextStyle::from((FONT, size)).color(color).pos(pos);
        self.root.draw_text(text, &style, at).map_err(err)
    }

    fn text_left(&self, text: &str, size: f64, color: &RGBColor, at: (i32, i32)) -> Res {
        self.text(text, size, color, at, Pos::new(HPos::Left, VPos::Top))
    }

    /// Splits `text` into lines no wider than `width`.
    ///
    /// Each word is measured once and line widths are sums (kerning across a space is ignored),
    /// so long notes cost linear, not quadratic, time.
    fn wrap(&self, text: &str, size: f64, width: i32) -> Vec<String> {
        let space = self.text_width(" ", size);
        let mut lines = Vec::new();
        let mut line = String::new();
        let mut line_w = 0;
        for word in text.split_whitespace() {
            let w = self.text_width(word, size);
            if !line.is_empty() && line_w + space + w > width {
                lines.push(std::mem::take(&mut line));
                line_w = 0;
            }
            if !line.is_empty() {
                line.push(' ');
                line_w += space;
            }
            line.push_str(word);
            line_w += w;
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// Shortens `text` with an ellipsis to fit `width`.
    fn fit(&self, text: &str, size: f64, width: i32) -> String {
        if self.text_width(text, size) <= width {
            return text.to_owned();
        }
        let chars: Vec<char> = text.chars().collect();
        let mut n = chars.len();
        while n > 1 {
            n -= 1;
            let t: String = chars[..n].iter().collect::<String>() + "…";
            if self.text_width(&t, size) <= width {
                return t;
            }
        }
        "…".to_owned()
    }

    fn rect(&self, (x0, y0): (i32, i32), (x1, y1): (i32, i32), style: ShapeStyle) -> Res {
        self.root.draw(&Rectangle::new([(x0, y0), (x1, y1)], style)).map_err(err)
    }

    fn line(&self, a: (i32, i32), b: (i32, i32), style: ShapeStyle) -> Res {
        self.root.draw(&PathElement::new(vec![a, b], style)).map_err(err)
    }

    fn dashed(&self, a: (i32, i32), b: (i32, i32), style: ShapeStyle) -> Res {
        let (dx, dy) = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
        let len = dx.hypot(dy);
        // Coordinates are on (or near) the canvas; the cap guards against anything that is not.
        let steps = (len / 6.0).floor().min(4000.0) as i32;
        for i in (0..steps).step_by(2) {
            let t0 = f64::from(i) * 6.0 / len;
            let t1 = (f64::from(i + 1) * 6.0 / len).min(1.0);
            let p = |t: f64| (a.0 + (dx * t) as i32, a.1 + (dy * t) as i32);
            self.line(p(t0), p(t1), style)?;
        }
        Ok(())
    }

    fn marker(&self, at: (i32, i32), shape: Shape, color: RGBColor, hollow: bool, r: i32) -> Res {
        let style = if hollow { color.stroke_width(2) } else { color.filled() };
        let (x, y) = at;
        match shape {
            Shape::Circle => self.root.draw(&Circle::new(at, r, style)).map_err(err),
            Shape::Square => self.rect((x - r + 1, y - r + 1), (x + r - 1, y + r - 1), style),
            Shape::Triangle => {
                let pts = vec![(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)];
                self.poly(pts, style)
            }
            Shape::Diamond => {
                let pts = vec![(x, y - r - 1), (x + r + 1, y), (x, y + r + 1), (x - r - 1, y)];
                self.poly(pts, style)
            }
        }
    }

    fn poly(&self, mut pts: Vec<(i32, i32)>, style: ShapeStyle) -> Res {
        if style.filled {
            self.root.draw(&Polygon::new(pts, style)).map_err(err)
        } else {
            pts.push(pts[0]);
            self.root.draw(&PathElement::new(pts, style)).map_err(err)
        }
    }

    /// A bar of low confidence: a pale fill crossed by diagonal lines.
    fn hatched(&self, (x0, y0): (i32, i32), (x1, y1): (i32, i32), color: RGBColor) -> Res {
        self.rect((x0, y0), (x1, y1), color.mix(0.25).filled())?;
        self.rect((x0, y0), (x1, y1), color.stroke_width(1))?;
        let (w, h) = (x1 - x0, y1 - y0);
        let mut k = -h;
        while k < w {
            let t0 = (-k).max(0);
            let t1 = h.min(w - k);
            if t1 > t0 {
                self.line((x0 + k + t0, y1 - t0), (x0 + k + t1, y1 - t1), color.stroke_width(1))?;
            }
            k += 6;
        }
        Ok(())
    }
}

/// Draws the whole chart onto `root`.
pub(crate) fn draw<DB: DrawingBackend>(
    chart: &Chart,
    root: &DrawingArea<DB, Shift>,
    theme: Theme,
) -> Res {
    let (w, h) = root.dim_in_pixel();
    let c = Ctx { root, pal: Palette::of(theme), s: Scale::new(w.max(1), h.max(1)) };
    root.fill(&c.pal.bg).map_err(err)?;
    let s = c.s;
    let inner = s.w - 2 * s.pad;

    // Header.
    let title_size = s.base * 1.5;
    let sub_size = s.base * 0.95;
    let mut y = s.pad;
    for line in c.wrap(&chart.meta.title, title_size, inner).iter().take(2) {
        c.text_left(line, title_size, &c.pal.fg, (s.pad, y))?;
        y += s.line(title_size);
    }
    for line in c.wrap(&chart.meta.subtitle, sub_size, inner).iter().take(3) {
        c.text_left(line, sub_size, &c.pal.muted, (s.pad, y))?;
        y += s.line(sub_size);
    }
    y += s.pad / 2;

    // Footer: notes, then the source line.
    let note_size = s.base * 0.8;
    let max_note_lines = ((s.h / 4) / s.line(note_size)).max(2) as usize;
    let mut notes: Vec<String> = Vec::new();
    for n in &chart.meta.notes {
        notes.extend(c.wrap(n, note_size, inner));
    }
    if notes.len() > max_note_lines {
        notes.truncate(max_note_lines - 1);
        notes.push("… more notes in the data export (--format json).".into());
    }
    let source_y = s.h - s.pad - s.line(note_size);
    let notes_y = source_y - s.line(note_size) * notes.len() as i32;
    for (i, line) in notes.iter().enumerate() {
        c.text_left(
            line,
            note_size,
            &c.pal.muted,
            (s.pad, notes_y + s.line(note_size) * i as i32),
        )?;
    }
    c.text_left(&chart.meta.source_line, note_size, &c.pal.muted, (s.pad, source_y))?;

    let body_top = y;
    let body_bottom = notes_y - s.pad / 2;
    let area = Rect { x0: s.pad, y0: body_top, x1: s.w - s.pad, y1: body_bottom };
    if area.height() < 40 || area.width() < 80 {
        return c.text_left(
            "The chart is too small to draw; make it larger.",
            s.base,
            &c.pal.fg,
            (s.pad, body_top),
        );
    }
    match &chart.body {
        None => {
            let msg = "Nothing to draw: no option could be computed (see the notes below).";
            for (i, line) in c.wrap(msg, s.base * 1.1, inner).iter().enumerate() {
                c.text(
                    line,
                    s.base * 1.1,
                    &c.pal.fg,
                    (s.w / 2, (area.y0 + area.y1) / 2 + s.line(s.base * 1.1) * i as i32),
                    Pos::new(HPos::Center, VPos::Center),
                )?;
            }
            Ok(())
        }
        Some(Body::Xy(xy)) => draw_xy(&c, area, xy),
        Some(Body::Bars(b)) => draw_bars(&c, area, b),
        Some(Body::Stacked(st)) => draw_stacked(&c, area, st),
    }
}

#[derive(Clone, Copy, Debug)]
struct Rect {
    x0: i32,
    y0: i32,
    x1: i32,
    y1: i32,
}

impl Rect {
    fn width(&self) -> i32 {
        self.x1 - self.x0
    }
    fn height(&self) -> i32 {
        self.y1 - self.y0
    }
}

// ---------------------------------------------------------------------------------------------
// Numbers on axes.

/// `1234` → `1.2k`; three significant figures at most, no trailing zeros.
pub(crate) fn human(v: f64) -> String {
    let a = v.abs();
    let (x, suffix) = if a >= 1e9 {
        (v / 1e9, "G")
    } else if a >= 1e6 {
        (v / 1e6, "M")
    } else if a >= 1e4 {
        (v / 1e3, "k")
    } else {
        (v, "")
    };
    let digits = if x.abs() >= 100.0 || x.fract().abs() < 1e-9 {
        0
    } else if x.abs() >= 10.0 {
        1
    } else if x.abs() >= 1.0 {
        2
    } else {
        (3.0 - x.abs().log10().floor()).clamp(2.0, 6.0) as usize
    };
    let s = format!("{x:.digits$}");
    let s =
        if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_owned() } else { s };
    format!("{s}{suffix}")
}

/// A nice step near `range / target`.
fn nice_step(range: f64, target: f64) -> f64 {
    let raw = (range / target).max(f64::MIN_POSITIVE);
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let nice = if f < 1.5 {
        1.0
    } else if f < 3.5 {
        2.0
    } else if f < 7.5 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// The drawn range (in axis space: log10 for log axes) and tick positions.
fn axis_space(values: &[f64], axis: &Axis, include_zero: bool) -> (f64, f64, Vec<f64>) {
    let finite: Vec<f64> =
        values.iter().copied().filter(|v| v.is_finite() && (!axis.log || *v > 0.0)).collect();
    if axis.log {
        let (mut lo, mut hi) =
            finite.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                (a.min(v.log10()), b.max(v.log10()))
            });
        if !lo.is_finite() {
            (lo, hi) = (0.0, 1.0);
        }
        if hi - lo < 0.3 {
            lo -= 0.3;
            hi += 0.3;
        }
        let pad = (hi - lo) * 0.06;
        let (lo, hi) = (lo - pad, hi + pad);
        let mut ticks = Vec::new();
        let span = hi - lo;
        let mults: &[f64] = if span < 1.5 {
            &[1.0, 2.0, 5.0]
        } else if span < 3.5 {
            &[1.0, 3.0]
        } else {
            &[1.0]
        };
        let mut e = lo.floor() as i32;
        while f64::from(e) <= hi {
            for m in mults {
                let t = (m * 10f64.powi(e)).log10();
                if t >= lo && t <= hi {
                    ticks.push(t);
                }
            }
            e += 1;
        }
        (lo, hi, ticks)
    } else {
        let (mut lo, mut hi) = finite
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(*v), b.max(*v)));
        if !lo.is_finite() {
            (lo, hi) = (0.0, 1.0);
        }
        if include_zero {
            lo = lo.min(0.0);
        }
        if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
            hi = lo + lo.abs().max(1.0);
        }
        // Headroom above the highest value, so its marker and label stay inside the frame.
        hi += (hi - lo) * 0.04;
        let step = nice_step(hi - lo, 6.0);
        let lo = (lo / step).floor() * step;
        let hi = (hi / step).ceil() * step + if include_zero { 0.0 } else { step * 0.001 };
        let ticks = (0..=((hi - lo) / step).round() as i64).map(|i| lo + step * i as f64).collect();
        (lo, hi, ticks)
    }
}

/// A linear axis (over log10 values for log axes) with the tick positions chosen here.
struct Ticked {
    lo: f64,
    hi: f64,
    ticks: Vec<f64>,
}

impl Ranged for Ticked {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, v: &f64, limit: (i32, i32)) -> i32 {
        let t = if self.hi > self.lo { (v - self.lo) / (self.hi - self.lo) } else { 0.5 };
        limit.0.saturating_add((t * f64::from(limit.1 - limit.0)).round() as i32)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() { Vec::new() } else { self.ticks.clone() }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.lo..self.hi
    }
}

fn to_axis(v: f64, log: bool) -> f64 {
    if log { v.max(f64::MIN_POSITIVE).log10() } else { v }
}

fn tick_label(v: f64, log: bool) -> String {
    if log { human(10f64.powf(v)) } else { human(v) }
}

// ---------------------------------------------------------------------------------------------
// Points and lines.

fn legend_keys(xy: &Xy) -> Vec<Key> {
    if !xy.keys.is_empty() {
        return xy.keys.clone();
    }
    xy.series
        .iter()
        .map(|s| Key {
            label: s.name.clone(),
            hue: Some(s.hue),
            shape: (s.draw != Draw::Line).then_some(s.shape),
            hollow: false,
        })
        .collect()
}

fn draw_xy<DB: DrawingBackend>(c: &Ctx<'_, DB>, area: Rect, xy: &Xy) -> Res {
    let s = c.s;
    let keys = legend_keys(xy);
    let key_size = s.base * 0.85;
    let key_line = s.line(key_size) + 2;

    // Legend to the right on wide charts, below on narrow ones.
    let widest = keys.iter().map(|k| c.text_width(&k.label, key_size)).max().unwrap_or(0) + 28;
    let side = s.w >= 640 && !keys.is_empty();
    let (plot, legend) = if side {
        let lw = widest.min(area.width() * 36 / 100);
        (Rect { x1: area.x1 - lw - s.pad, ..area }, Rect { x0: area.x1 - lw, ..area })
    } else {
        let cols = (area.width() / widest.max(1)).max(1);
        let rows = (keys.len() as i32 + cols - 1) / cols;
        let lh = (rows * key_line).min(area.height() / 3);
        (Rect { y1: area.y1 - lh - s.pad / 2, ..area }, Rect { y0: area.y1 - lh, ..area })
    };

    let xs: Vec<f64> = xy
        .series
        .iter()
        .flat_map(|s| {
            s.points
                .iter()
                .flat_map(|p| std::iter::once(p.x).chain(p.x_range.iter().flat_map(|r| [r.0, r.1])))
        })
        .chain(xy.v_lines.iter().map(|l| l.at))
        .collect();
    let ys: Vec<f64> = xy
        .series
        .iter()
        .flat_map(|s| {
            s.points
                .iter()
                .flat_map(|p| std::iter::once(p.y).chain(p.y_range.iter().flat_map(|r| [r.0, r.1])))
        })
        .chain(xy.h_lines.iter().map(|l| l.at))
        .collect();
    let (x_lo, x_hi, x_ticks) = axis_space(&xs, &xy.x, true);
    let (y_lo, y_hi, y_ticks) = axis_space(&ys, &xy.y, true);

    let label_size = s.base * 0.85;
    let y_label_w = y_ticks
        .iter()
        .map(|t| c.text_width(&tick_label(*t, xy.y.log), label_size))
        .max()
        .unwrap_or(20)
        + s.line(label_size)
        + 14;
    let sub = c
        .root
        .clone()
        .shrink((plot.x0, plot.y0), (plot.width().max(1) as u32, plot.height().max(1) as u32));
    let fx = |v: &f64| tick_label(*v, xy.x.log);
    let fy = |v: &f64| tick_label(*v, xy.y.log);
    let mut cc = ChartBuilder::on(&sub)
        .margin_right(s.pad)
        .margin_top(s.pad / 2)
        .x_label_area_size(s.line(label_size) * 2 + 10)
        .y_label_area_size(y_label_w)
        .build_cartesian_2d(
            Ticked { lo: x_lo, hi: x_hi, ticks: x_ticks },
            Ticked { lo: y_lo, hi: y_hi, ticks: y_ticks.clone() },
        )
        .map_err(err)?;
    cc.configure_mesh()
        .x_desc(xy.x.label.as_str())
        .y_desc(xy.y.label.as_str())
        .x_label_formatter(&fx)
        .y_label_formatter(&fy)
        .bold_line_style(c.pal.grid.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(c.pal.muted.stroke_width(1))
        .label_style(TextStyle::from((FONT, label_size)).color(&c.pal.muted))
        .axis_desc_style(TextStyle::from((FONT, label_size * 1.05)).color(&c.pal.fg))
        .draw()
        .map_err(err)?;
    let (px, py) = cc.plotting_area().get_pixel_range();
    let px_of = |x: f64, y: f64| cc.backend_coord(&(to_axis(x, xy.x.log), to_axis(y, xy.y.log)));
    // A point can be placed when both values are finite and, on a log axis, positive.
    let placeable = |p: &crate::model::Point| {
        p.x.is_finite() && p.y.is_finite() && (!xy.x.log || p.x > 0.0) && (!xy.y.log || p.y > 0.0)
    };

    // Reference lines.
    for l in &xy.v_lines {
        let (x, _) = px_of(l.at, 1.0);
        if px.contains(&x) {
            c.dashed((x, py.start), (x, py.end), c.pal.fg.stroke_width(1))?;
            let right_room = px.end - x - 4;
            let (at, h) = if c.text_width(&l.label, label_size) < right_room {
                ((x + 4, py.start + 4), HPos::Left)
            } else {
                ((x - 4, py.start + 4), HPos::Right)
            };
            c.text(&l.label, label_size, &c.pal.fg, at, Pos::new(h, VPos::Top))?;
        }
    }
    for l in &xy.h_lines {
        let (_, y) = px_of(1.0, l.at);
        if py.contains(&y) {
            c.dashed((px.start, y), (px.end, y), c.pal.fg.stroke_width(1))?;
            c.text(
                &l.label,
                label_size,
                &c.pal.fg,
                (px.end - 4, y - 4),
                Pos::new(HPos::Right, VPos::Bottom),
            )?;
        }
    }

    // Series: lines first, then markers, then labels on top.
    let n_points: usize = xy.series.iter().map(|s| s.points.len()).sum();
    let r = if n_points > 2000 {
        2
    } else if n_points > 200 {
        3
    } else {
        (s.base / 3.0).round() as i32
    };
    // Ranges along lines: a pale band under everything else.
    for ser in xy.series.iter().filter(|s| s.draw != Draw::Points) {
        let band: Vec<_> = ser
            .points
            .iter()
            .filter(|p| placeable(p))
            .filter_map(|p| {
                let (lo, hi) = p.y_range?;
                let ok = lo.is_finite() && hi.is_finite() && (!xy.y.log || lo > 0.0);
                ok.then(|| (px_of(p.x, lo), px_of(p.x, hi)))
            })
            .collect();
        if band.len() > 1 {
            let pts: Vec<_> =
                band.iter().map(|b| b.1).chain(band.iter().rev().map(|b| b.0)).collect();
            c.root.draw(&Polygon::new(pts, c.pal.hue(ser.hue).mix(0.15).filled())).map_err(err)?;
        }
    }
    for ser in &xy.series {
        let color = c.pal.hue(ser.hue);
        if matches!(ser.draw, Draw::Line | Draw::LinePoints) && ser.points.len() > 1 {
            let pts: Vec<(i32, i32)> =
                ser.points.iter().filter(|p| placeable(p)).map(|p| px_of(p.x, p.y)).collect();
            if ser.dashed {
                for w in pts.windows(2) {
                    c.dashed(w[0], w[1], color.stroke_width(2))?;
                }
            } else {
                c.root.draw(&PathElement::new(pts, color.stroke_width(2))).map_err(err)?;
            }
        }
    }
    for ser in &xy.series {
        let color = c.pal.hue(ser.hue);
        if ser.draw == Draw::Line {
            continue;
        }
        // Error bars: thin and pale, under every marker.
        let bar = color.mix(0.45).stroke_width(1);
        let drawable =
            |lo: f64, hi: f64, log: bool| lo.is_finite() && hi.is_finite() && (!log || lo > 0.0);
        for p in ser.points.iter().filter(|p| placeable(p)) {
            if let Some((lo, hi)) = p.y_range
                && drawable(lo, hi, xy.y.log)
            {
                let (a, b) = (px_of(p.x, lo), px_of(p.x, hi));
                c.line(a, b, bar)?;
                c.line((a.0 - 2, a.1), (a.0 + 2, a.1), bar)?;
                c.line((b.0 - 2, b.1), (b.0 + 2, b.1), bar)?;
            }
            if let Some((lo, hi)) = p.x_range
                && drawable(lo, hi, xy.x.log)
            {
                let (a, b) = (px_of(lo, p.y), px_of(hi, p.y));
                c.line(a, b, bar)?;
                c.line((a.0, a.1 - 2), (a.0, a.1 + 2), bar)?;
                c.line((b.0, b.1 - 2), (b.0, b.1 + 2), bar)?;
            }
        }
    }
    // Markers over every series' bars.
    for ser in xy.series.iter().filter(|s| s.draw != Draw::Line) {
        let color = c.pal.hue(ser.hue);
        for p in ser.points.iter().filter(|p| placeable(p)) {
            c.marker(px_of(p.x, p.y), ser.shape, color, p.low_confidence, r)?;
        }
    }
    // Labels: greedy placement, skipping any that would collide or leave the plot.
    let mut placed: Vec<Rect> = Vec::new();
    if xy.series.iter().any(|s| s.points.iter().any(|p| p.show_label)) {
        for ser in xy.series.iter().filter(|s| s.draw != Draw::Line) {
            for p in ser.points.iter().filter(|p| placeable(p)) {
                let (x, y) = px_of(p.x, p.y);
                placed.push(Rect { x0: x - r, y0: y - r, x1: x + r, y1: y + r });
            }
        }
    }
    for ser in &xy.series {
        for p in ser.points.iter().filter(|p| p.show_label && placeable(p)) {
            let (x, y) = px_of(p.x, p.y);
            let tw = c.text_width(&p.label, label_size);
            let th = s.line(label_size);
            let candidates = [
                (x + r + 4, y - th / 2),
                (x - r - 4 - tw, y - th / 2),
                (x - tw / 2, y - r - 4 - th),
                (x - tw / 2, y + r + 4),
            ];
            for (lx, ly) in candidates {
                let rect = Rect { x0: lx, y0: ly, x1: lx + tw, y1: ly + th };
                let inside = rect.x0 >= px.start
                    && rect.x1 <= px.end
                    && rect.y0 >= py.start
                    && rect.y1 <= py.end;
                let free = placed
                    .iter()
                    .all(|o| rect.x1 < o.x0 || rect.x0 > o.x1 || rect.y1 < o.y0 || rect.y0 > o.y1);
                if inside && free {
                    c.text_left(&p.label, label_size, &c.pal.fg, (lx, ly))?;
                    placed.push(rect);
                    break;
                }
            }
        }
    }

    // Legend.
    if keys.is_empty() {
        return Ok(());
    }
    let cols = if side { 1 } else { (legend.width() / widest.max(1)).max(1) };
    let col_w = if side { legend.width() } else { legend.width() / cols };
    for (i, k) in keys.iter().enumerate() {
        let (col, row) = (i as i32 % cols, i as i32 / cols);
        let x = legend.x0 + col * col_w;
        let y = legend.y0 + row * key_line + if side { s.pad / 2 } else { 0 };
        if y + key_line > legend.y1 {
            c.text_left("…", key_size, &c.pal.muted, (x, y))?;
            break;
        }
        let color = k.hue.map_or(c.pal.fg, |h| c.pal.hue(h));
        let mid = (x + 9, y + key_line / 2 - 1);
        match k.shape {
            Some(shape) => c.marker(mid, shape, color, k.hollow, (s.base / 3.0).round() as i32)?,
            None => c.rect((x + 2, mid.1 - 4), (x + 16, mid.1 + 4), color.filled())?,
        }
        let text = c.fit(&k.label, key_size, col_w - 26);
        c.text(&text, key_size, &c.pal.fg, (x + 22, mid.1), Pos::new(HPos::Left, VPos::Center))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Bar panels and stacked bars share one grid: entity names on the left, one panel per metric.

struct Grid {
    names_w: i32,
    cols: usize,
    band_h: i32,
    header: i32,
    row_h: i32,
    panel_w: i32,
}

fn grid<DB: DrawingBackend>(
    c: &Ctx<'_, DB>,
    area: Rect,
    names: &[String],
    panels: usize,
    top: i32,
) -> Grid {
    let s = c.s;
    let name_size = s.base * 0.85;
    let names_w = (names.iter().map(|n| c.text_width(n, name_size)).max().unwrap_or(40) + 10)
        .min(area.width() / 3);
    let min_panel = (s.base * 11.0) as i32;
    let cols = (((area.width() - names_w) / min_panel).max(1) as usize).min(panels.max(1));
    let bands = panels.div_ceil(cols).max(1) as i32;
    let band_h = (area.height() - top) / bands;
    let header = s.line(s.base * 0.9) + 6;
    let rows = names.len().max(1) as i32;
    let row_h = ((band_h - header - s.pad / 2) / rows).max(4);
    let panel_w = (area.width() - names_w) / cols as i32;
    Grid { names_w, cols, band_h, header, row_h, panel_w }
}

fn draw_names<DB: DrawingBackend>(
    c: &Ctx<'_, DB>,
    area: Rect,
    g: &Grid,
    names: &[String],
    band_y: i32,
) -> Res {
    // Names shrink with cramped rows (down to 8 px) rather than overlap.
    let size = (c.s.base * 0.85).min(f64::from(g.row_h) / 1.1).max(8.0);
    for (i, n) in names.iter().enumerate() {
        let y = band_y + g.header + g.row_h * i as i32 + g.row_h / 2;
        let text = c.fit(n, size, g.names_w - 8);
        c.text(
            &text,
            size,
            &c.pal.fg,
            (area.x0 + g.names_w - 8, y),
            Pos::new(HPos::Right, VPos::Center),
        )?;
    }
    Ok(())
}

fn draw_bars<DB: DrawingBackend>(c: &Ctx<'_, DB>, area: Rect, bars: &Bars) -> Res {
    let s = c.s;
    let g = grid(c, area, &bars.entities, bars.panels.len(), 0);
    let value_size = s.base * 0.8;
    let bar_color = c.pal.hue(Hue::Blue);
    for (pi, panel) in bars.panels.iter().enumerate() {
        let (band, col) = ((pi / g.cols) as i32, (pi % g.cols) as i32);
        let band_y = area.y0 + band * g.band_h;
        if col == 0 {
            draw_names(c, area, &g, &bars.entities, band_y)?;
        }
        let x0 = area.x0 + g.names_w + col * g.panel_w + 4;
        let x1 = x0 + g.panel_w - 12;
        let title =
            c.fit(&format!("{} ({})", panel.metric, panel.unit), s.base * 0.9, g.panel_w - 8);
        c.text_left(&title, s.base * 0.9, &c.pal.fg, (x0, band_y))?;
        let max = panel
            .cells
            .iter()
            .filter_map(|cell| {
                cell.range.map_or(cell.value, |r| Some(r.1.max(cell.value.unwrap_or(0.0))))
            })
            .fold(0.0_f64, f64::max);
        let label_w = c.text_width("00000", value_size);
        let span = f64::from((x1 - x0 - label_w).max(10));
        let to_px = |v: f64| x0 + if max > 0.0 { (v / max * span) as i32 } else { 0 };
        c.line(
            (x0, band_y + g.header - 2),
            (x0, band_y + g.header + g.row_h * bars.entities.len() as i32),
            c.pal.muted.stroke_width(1),
        )?;
        for (i, cell) in panel.cells.iter().enumerate() {
            let y = band_y + g.header + g.row_h * i as i32;
            let (top, bottom) = (y + g.row_h / 6, y + g.row_h - g.row_h / 6);
            draw_cell(c, cell, (x0, top, bottom), &to_px, bar_color, value_size)?;
        }
    }
    Ok(())
}

fn draw_cell<DB: DrawingBackend>(
    c: &Ctx<'_, DB>,
    cell: &Cell,
    (x0, top, bottom): (i32, i32, i32),
    to_px: &dyn Fn(f64) -> i32,
    color: RGBColor,
    size: f64,
) -> Res {
    let mid = (top + bottom) / 2;
    match cell.value {
        None => {
            c.text("missing", size, &c.pal.muted, (x0 + 4, mid), Pos::new(HPos::Left, VPos::Center))
        }
        Some(v) => {
            let x1 = to_px(v).max(x0 + 1);
            if cell.is_low_confidence() {
                c.hatched((x0, top), (x1, bottom), color)?;
            } else {
                c.rect((x0, top), (x1, bottom), color.filled())?;
            }
            let mut end = x1;
            if let Some((lo, hi)) = cell.range {
                let (a, b) = (to_px(lo), to_px(hi));
                c.line((a, mid), (b, mid), c.pal.fg.stroke_width(1))?;
                c.line((a, top + 2), (a, bottom - 2), c.pal.fg.stroke_width(1))?;
                c.line((b, top + 2), (b, bottom - 2), c.pal.fg.stroke_width(1))?;
                end = end.max(b);
            }
            let mark = if cell.is_low_confidence() { "~" } else { "" };
            c.text(
                &format!("{mark}{}", human(v)),
                size,
                &c.pal.fg,
                (end + 4, mid),
                Pos::new(HPos::Left, VPos::Center),
            )
        }
    }
}

fn draw_stacked<DB: DrawingBackend>(c: &Ctx<'_, DB>, area: Rect, st: &Stacked) -> Res {
    let s = c.s;
    let key_size = s.base * 0.85;
    let part_colors = [c.pal.hue(Hue::Blue), c.pal.hue(Hue::Orange), c.pal.grey];

    // Key row: parts, then the mark.
    let mut x = area.x0;
    let key_y = area.y0 + s.line(key_size) / 2;
    for (i, part) in st.parts.iter().enumerate() {
        let color = part_colors[i % part_colors.len()];
        c.rect((x, key_y - 5), (x + 14, key_y + 5), color.filled())?;
        c.text(part, key_size, &c.pal.fg, (x + 18, key_y), Pos::new(HPos::Left, VPos::Center))?;
        x += 18 + c.text_width(part, key_size) + s.pad;
    }
    c.line((x + 7, key_y - 7), (x + 7, key_y + 7), c.pal.fg.stroke_width(3))?;
    c.text(
        &st.mark_label,
        key_size,
        &c.pal.fg,
        (x + 14, key_y),
        Pos::new(HPos::Left, VPos::Center),
    )?;

    // The scale goes at the end of the key row when it fits, else on a line of its own.
    let size = s.base * 0.8;
    let max = st
        .groups
        .iter()
        .flat_map(|g| g.stacks.iter())
        .map(|x| x.mark.unwrap_or(0.0).max(x.values.iter().sum()))
        .fold(0.0_f64, f64::max);
    let scale = format!("{}: full width = {}", st.y.label, human(max));
    let key_end = x + 14 + c.text_width(&st.mark_label, key_size) + s.pad;
    let mut top = s.line(key_size) + s.pad / 2;
    if key_end + c.text_width(&scale, size) <= area.x1 {
        c.text(&scale, size, &c.pal.muted, (area.x1, key_y), Pos::new(HPos::Right, VPos::Center))?;
    } else {
        c.text(
            &scale,
            size,
            &c.pal.muted,
            (area.x0, key_y + s.line(key_size)),
            Pos::new(HPos::Left, VPos::Center),
        )?;
        top += s.line(key_size);
    }
    let names: Vec<String> = st
        .groups
        .first()
        .map(|g| g.stacks.iter().map(|x| x.name.clone()).collect())
        .unwrap_or_default();
    let g = grid(c, area, &names, st.groups.len(), top);
    for (gi, group) in st.groups.iter().enumerate() {
        let (band, col) = ((gi / g.cols) as i32, (gi % g.cols) as i32);
        let band_y = area.y0 + top + band * g.band_h;
        if col == 0 {
            draw_names(c, area, &g, &names, band_y)?;
        }
        let x0 = area.x0 + g.names_w + col * g.panel_w + 4;
        let x1 = x0 + g.panel_w - 12;
        c.text_left(
            &c.fit(&group.name, s.base * 0.9, g.panel_w - 8),
            s.base * 0.9,
            &c.pal.fg,
            (x0, band_y),
        )?;
        let label_w = c.text_width("00×", size) + 6;
        let span = f64::from((x1 - x0 - label_w).max(10));
        let to_px = |v: f64| x0 + if max > 0.0 { (v / max * span) as i32 } else { 0 };
        c.line(
            (x0, band_y + g.header - 2),
            (x0, band_y + g.header + g.row_h * names.len() as i32),
            c.pal.muted.stroke_width(1),
        )?;
        for (i, stack) in group.stacks.iter().enumerate() {
            let y = band_y + g.header + g.row_h * i as i32;
            let (t, b) = (y + g.row_h / 6, y + g.row_h - g.row_h / 6);
            let mid = (t + b) / 2;
            if stack.missing {
                c.text(
                    &stack.note,
                    size,
                    &c.pal.muted,
                    (x0 + 4, mid),
                    Pos::new(HPos::Left, VPos::Center),
                )?;
                continue;
            }
            let mut acc = 0.0;
            for (k, v) in stack.values.iter().enumerate() {
                let (a, z) = (to_px(acc), to_px(acc + v));
                if z > a {
                    c.rect((a, t), (z, b), part_colors[k % part_colors.len()].filled())?;
                }
                acc += v;
            }
            let mut end = to_px(acc);
            if let Some(m) = stack.mark {
                let mx = to_px(m);
                c.line((mx, t - 2), (mx, b + 2), c.pal.fg.stroke_width(3))?;
                end = end.max(mx);
            }
            c.text(
                &stack.note,
                size,
                &c.pal.fg,
                (end + 5, mid),
                Pos::new(HPos::Left, VPos::Center),
            )?;
        }
    }
    Ok(())
}
