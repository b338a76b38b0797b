//! Text metrics for layout, and raster text for bitmaps.
//!
//! Layout (wrapping notes, sizing legends, placing labels) needs text widths. [`Measured`] wraps
//! a backend and answers them: natively from one bundled font (DejaVu Sans), so SVG layout is
//! deterministic on every machine; in the browser from a canvas' `measureText` (plotters' own
//! browser measurement inserts styled elements into the page, which a Content Security Policy
//! forbids). For bitmaps it also draws the text, on the baseline the SVG uses; plotters' optional
//! rasteriser places some glyphs off it.
//!
//! **Architecture Invariant:** the SVG and PNG of a chart share one layout; only glyph drawing
//! differs (the SVG viewer's fonts against the bundled font).

#[cfg(not(target_arch = "wasm32"))]
use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle};
use plotters_backend::{DrawingBackend, DrawingErrorKind};

#[cfg(not(target_arch = "wasm32"))]
static DEJAVU: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");

#[cfg(not(target_arch = "wasm32"))]
fn font() -> Option<FontRef<'static>> {
    FontRef::try_from_slice(DEJAVU).ok()
}

/// Plotters' text size is a line height; the em is `size / 1.24` (as its SVG backend writes).
fn em(size: f64) -> f32 {
    (size / 1.24) as f32
}

/// Width of `text` in pixels at plotters size `size`, measured by the browser.
#[cfg(target_arch = "wasm32")]
pub(crate) fn width(text: &str, size: f64) -> f32 {
    use wasm_bindgen::JsCast;
    thread_local! {
        static CTX: Option<web_sys::CanvasRenderingContext2d> = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("canvas").ok())
            .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
            .and_then(|c| c.get_context("2d").ok().flatten())
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok());
    }
    thread_local! {
        /// Widths already measured, by font size and text: layout asks for the same few sizes and
        /// the same labels again and again, and each `measureText` crosses into JavaScript.
        static SEEN: std::cell::RefCell<std::collections::HashMap<(u32, String), f32>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    let key = (em(size).to_bits(), text.to_owned());
    if let Some(w) = SEEN.with(|s| s.borrow().get(&key).copied()) {
        return w;
    }
    let guess = em(size) * 0.55 * text.chars().count() as f32;
    let w = CTX.with(|ctx| {
        let Some(ctx) = ctx else { return guess };
        ctx.set_font(&format!("{}px sans-serif", em(size)));
        ctx.measure_text(text).map_or(guess, |m| m.width() as f32)
    });
    SEEN.with(|s| {
        let mut s = s.borrow_mut();
        // Bounded: a page draws a few thousand distinct strings at most.
        if s.len() > 20_000 {
            s.clear();
        }
        s.insert(key, w);
    });
    w
}

/// Width of `text` in pixels at plotters size `size`, from the bundled font.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn width(text: &str, size: f64) -> f32 {
    let Some(f) = font() else { return em(size) * 0.55 * text.chars().count() as f32 };
    let f = f.as_scaled(PxScale::from(
        em(size) * f.height_unscaled() / f.units_per_em().unwrap_or(2048.0),
    ));
    let mut w = 0.0;
    let mut prev = None;
    for c in text.chars() {
        let id = f.glyph_id(c);
        if let Some(p) = prev {
            w += f.kern(p, id);
        }
        w += f.h_advance(id);
        prev = Some(id);
    }
    w
}

/// A backend whose text is measured (and, for bitmaps, drawn) with the bundled font.
pub(crate) struct Measured<B> {
    inner: B,
    raster: bool,
}

impl<B> Measured<B> {
    /// Measures text but lets `inner` draw it (SVG: the viewer renders the font).
    pub(crate) fn vector(inner: B) -> Self {
        Measured { inner, raster: false }
    }

    /// Measures and draws text (bitmaps).
    #[cfg(feature = "png")]
    pub(crate) fn raster(inner: B) -> Self {
        Measured { inner, raster: true }
    }
}

type Res<B> = Result<(), DrawingErrorKind<<B as DrawingBackend>::ErrorType>>;

impl<B: DrawingBackend> DrawingBackend for Measured<B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Res<B> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Res<B> {
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Res<B> {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Res<B> {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Res<B> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Res<B> {
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Res<B> {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Res<B> {
        self.inner.fill_polygon(vert, style)
    }
    fn blit_bitmap(&mut self, pos: BackendCoord, (iw, ih): (u32, u32), src: &[u8]) -> Res<B> {
        self.inner.blit_bitmap(pos, (iw, ih), src)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        Ok((width(text, style.size()).ceil() as u32, style.size().ceil() as u32))
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Res<B> {
        if !self.raster {
            return self.inner.draw_text(text, style, pos);
        }
        self.raster_text(text, style, pos)
    }
}

impl<B: DrawingBackend> Measured<B> {
    #[cfg(target_arch = "wasm32")]
    fn raster_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Res<B> {
        self.inner.draw_text(text, style, pos)
    }

    /// Draws text with the bundled font, on the SVG's baseline.
    #[cfg(not(target_arch = "wasm32"))]
    fn raster_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Res<B> {
        use ab_glyph::point;
        use plotters_backend::text_anchor::{HPos, VPos};
        let color = style.color();
        let Some(f) = font() else { return Ok(()) };
        if color.alpha == 0.0 {
            return Ok(());
        }
        let e = em(style.size());
        let sf = f
            .as_scaled(PxScale::from(e * f.height_unscaled() / f.units_per_em().unwrap_or(2048.0)));
        let w = width(text, style.size());
        // The same anchors as plotters' SVG backend: dy 0.76em, 0.5ex, -0.5ex (ex ≈ 0.55em).
        let ex = 0.55 * e;
        let baseline = match style.anchor().v_pos {
            VPos::Top => 0.76 * e,
            VPos::Center => 0.5 * ex,
            VPos::Bottom => -0.5 * ex,
        };
        let dx = match style.anchor().h_pos {
            HPos::Left => 0.0,
            HPos::Center => -w / 2.0,
            HPos::Right => -w,
        };
        let trans = style.transform();
        let (cw, ch) = self.inner.get_size();
        let mut caret = dx;
        let mut prev = None;
        let mut pixels: Vec<(i32, i32, f32)> = Vec::new();
        for c in text.chars() {
            let id = sf.glyph_id(c);
            if let Some(p) = prev {
                caret += sf.kern(p, id);
            }
            let glyph = id.with_scale_and_position(sf.scale(), point(caret, baseline));
            if let Some(outline) = f.outline_glyph(glyph) {
                let b = outline.px_bounds();
                outline.draw(|x, y, cov| {
                    pixels.push((b.min.x as i32 + x as i32, b.min.y as i32 + y as i32, cov));
                });
            }
            caret += sf.h_advance(id);
            prev = Some(id);
        }
        for (x, y, cov) in pixels {
            if cov <= 0.0 {
                continue;
            }
            let (x, y) = trans.transform(x, y);
            let (x, y) = (pos.0 + x, pos.1 + y);
            if x >= 0 && y >= 0 && (x as u32) < cw && (y as u32) < ch {
                let c =
                    BackendColor { alpha: color.alpha * f64::from(cov.min(1.0)), rgb: color.rgb };
                self.inner.draw_pixel((x, y), c)?;
            }
        }
        Ok(())
    }
}
