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
}
