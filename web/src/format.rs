//! Number formatting for display. Values are rounded here and only here.

/// A number with thousands separators and about three significant digits
/// (`1234567` → `1,234,567`, `12.345` → `12.3`, `0.01234` → `0.0123`).
#[must_use]
pub fn num(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let a = v.abs();
    let decimals = if a >= 100.0 || a == 0.0 {
        0
    } else if a >= 10.0 {
        1
    } else if a >= 1.0 {
        2
    } else {
        // Three significant digits below 1.
        let lead = (-a.log10()).floor() as usize;
        (lead + 3).min(8)
    };
    let s = format!("{v:.decimals$}");
    let s =
        if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_owned() } else { s };
    group(&s)
}

/// Dollars: `$1,234,567` (cents under $100).
#[must_use]
pub fn usd(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let s = if v.abs() >= 100.0 { format!("{v:.0}") } else { format!("{v:.2}") };
    let (sign, s) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    format!("{sign}${}", group(s))
}

/// A low–high range, each end through `f`; large ends are shortened to three significant digits
/// with a suffix (`$267k–$395k`, `1.72B–2.71B`), since a range is not known to more digits.
#[must_use]
pub fn span(low: f64, high: f64, f: fn(f64) -> String) -> String {
    let end = |v: f64| {
        let a = v.abs();
        let (div, suffix) = match a {
            // Each bound is where the smaller unit would round to 1,000.
            a if a >= 999.5e9 => (1e12, "T"),
            a if a >= 999.5e6 => (1e9, "B"),
            a if a >= 999.5e3 => (1e6, "M"),
            a if a >= 1e5 => (1e3, "k"),
            _ => return f(v),
        };
        // `num` gives three significant digits below 1,000.
        let s = f(v / div);
        format!("{s}{suffix}")
    };
    format!("{}–{}", end(low), end(high))
}

fn group(s: &str) -> String {
    let (sign, s) = s.strip_prefix('-').map_or(("", s), |r| ("-", r));
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(num(1_234_567.4), "1,234,567");
        assert_eq!(num(12.345), "12.3");
        assert_eq!(num(7.456), "7.46");
        assert_eq!(num(0.012_34), "0.0123");
        assert_eq!(num(0.0), "0");
        assert_eq!(num(-2500.0), "-2,500");
        assert_eq!(num(f64::NAN), "—");
        assert_eq!(usd(1_234_567.0), "$1,234,567");
        assert_eq!(usd(0.456), "$0.46");
        assert_eq!(usd(-1500.0), "-$1,500");
    }

    #[test]
    fn spans() {
        assert_eq!(span(5_189.4, 9_402.0, num), "5,189–9,402");
        assert_eq!(span(0.464, 0.956, usd), "$0.46–$0.96");
        assert_eq!(span(267_412.0, 394_915.0, usd), "$267k–$395k");
        assert_eq!(span(1_170_331.0, 2_187_005.0, usd), "$1.17M–$2.19M");
        assert_eq!(span(1.72e9, 2.71e9, num), "1.72B–2.71B");
        assert_eq!(span(18.8, 197.0, num), "18.8–197");
        assert_eq!(span(0.0, f64::NAN, num), "0–—");
        assert_eq!(span(999_700.0, 1e6, num), "1M–1M");
    }
}
