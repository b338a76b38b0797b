//! Physical and monetary quantities as newtypes, stored in base units.
//!
//! Units appear only where values enter and leave: constructors and readers carry the unit in
//! their names (`Bytes::from_gb`, `Bytes::as_gib`). GB is 10^9 bytes and GiB is 2^30 bytes; the
//! two are separate constructors, never aliases. Same-dimension quantities of different kinds
//! (tokens per second and FLOP per second) are different types, so they cannot be mixed.
//!
//! The newtypes implement `PartialEq`/`PartialOrd` but never `Eq`, `Ord` or `Hash`: a NaN would
//! break those laws. Sort with [`f64::total_cmp`] on the raw value.

use std::ops::{Add, AddAssign, Div, Mul, Sub};

macro_rules! quantity {
    ($(#[$doc:meta])* $name:ident, $base:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd)]
        pub struct $name(f64);

        impl $name {
            /// Zero of this quantity.
            pub const ZERO: Self = Self(0.0);

            #[doc = concat!("The value in ", $base, ".")]
            #[must_use]
            pub const fn raw(self) -> f64 {
                self.0
            }

            #[doc = concat!("A quantity from a value in ", $base, ".")]
            #[must_use]
            pub const fn from_raw(value: f64) -> Self {
                Self(value)
            }

            /// The larger of two quantities.
            #[must_use]
            pub fn max(self, other: Self) -> Self {
                Self(self.0.max(other.0))
            }

            /// The smaller of two quantities.
            #[must_use]
            pub fn min(self, other: Self) -> Self {
                Self(self.0.min(other.0))
            }
        }

        impl Add for $name {
            type Output = Self;
            fn add(self, rhs: Self) -> Self {
                Self(self.0 + rhs.0)
            }
        }

        impl AddAssign for $name {
            fn add_assign(&mut self, rhs: Self) {
                self.0 += rhs.0;
            }
        }

        impl Sub for $name {
            type Output = Self;
            fn sub(self, rhs: Self) -> Self {
                Self(self.0 - rhs.0)
            }
        }

        impl Mul<f64> for $name {
            type Output = Self;
            fn mul(self, rhs: f64) -> Self {
                Self(self.0 * rhs)
            }
        }

        impl Div<f64> for $name {
            type Output = Self;
            fn div(self, rhs: f64) -> Self {
                Self(self.0 / rhs)
            }
        }

        impl Div for $name {
            type Output = f64;
            fn div(self, rhs: Self) -> f64 {
                self.0 / rhs.0
            }
        }

        impl std::iter::Sum for $name {
            fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
                Self(iter.map(|q| q.0).sum())
            }
        }
    };
}

quantity!(
    /// An amount of memory or data, in bytes.
    Bytes,
    "bytes"
);
quantity!(
    /// A data rate, in bytes per second.
    BytesPerSecond,
    "bytes per second"
);
quantity!(
    /// An amount of arithmetic, in floating-point (or integer) operations.
    Flops,
    "operations"
);
quantity!(
    /// A compute rate, in operations per second.
    FlopsPerSecond,
    "operations per second"
);
quantity!(
    /// A duration, in seconds.
    Seconds,
    "seconds"
);
quantity!(
    /// A power draw, in watts.
    Watts,
    "watts"
);
quantity!(
    /// An amount of energy, in kilowatt-hours.
    KilowattHours,
    "kilowatt-hours"
);
quantity!(
    /// A number of tokens.
    Tokens,
    "tokens"
);
quantity!(
    /// A token rate, in tokens per second.
    TokensPerSecond,
    "tokens per second"
);
quantity!(
    /// A number of model parameters.
    Params,
    "parameters"
);
quantity!(
    /// An amount of money, in US dollars.
    Usd,
    "US dollars"
);
quantity!(
    /// A price per token volume, in US dollars per million tokens.
    UsdPerMillionTokens,
    "US dollars per million tokens"
);

const GB: f64 = 1e9;
const GIB: f64 = 1_073_741_824.0;
const TB: f64 = 1e12;

impl Bytes {
    /// Bytes from decimal gigabytes (10^9 bytes).
    #[must_use]
    pub fn from_gb(gb: f64) -> Self {
        Self(gb * GB)
    }
    /// Bytes from binary gibibytes (2^30 bytes).
    #[must_use]
    pub fn from_gib(gib: f64) -> Self {
        Self(gib * GIB)
    }
    /// Bytes from decimal terabytes (10^12 bytes).
    #[must_use]
    pub fn from_tb(tb: f64) -> Self {
        Self(tb * TB)
    }
    /// The amount in decimal gigabytes.
    #[must_use]
    pub fn as_gb(self) -> f64 {
        self.0 / GB
    }
    /// The amount in binary gibibytes.
    #[must_use]
    pub fn as_gib(self) -> f64 {
        self.0 / GIB
    }
    /// The amount in decimal terabytes.
    #[must_use]
    pub fn as_tb(self) -> f64 {
        self.0 / TB
    }
}

impl BytesPerSecond {
    /// A rate from decimal gigabytes per second.
    #[must_use]
    pub fn from_gb_per_s(v: f64) -> Self {
        Self(v * GB)
    }
    /// A rate from decimal terabytes per second.
    #[must_use]
    pub fn from_tb_per_s(v: f64) -> Self {
        Self(v * TB)
    }
    /// The rate in decimal gigabytes per second.
    #[must_use]
    pub fn as_gb_per_s(self) -> f64 {
        self.0 / GB
    }
}

impl Flops {
    /// Operations from tera-operations (10^12).
    #[must_use]
    pub fn from_tera(v: f64) -> Self {
        Self(v * 1e12)
    }
    /// The amount in tera-operations (10^12).
    #[must_use]
    pub fn as_tera(self) -> f64 {
        self.0 / 1e12
    }
}

impl FlopsPerSecond {
    /// A rate from TFLOPS (10^12 operations per second).
    #[must_use]
    pub fn from_tflops(v: f64) -> Self {
        Self(v * 1e12)
    }
    /// A rate from PFLOPS (10^15 operations per second).
    #[must_use]
    pub fn from_pflops(v: f64) -> Self {
        Self(v * 1e15)
    }
    /// The rate in TFLOPS.
    #[must_use]
    pub fn as_tflops(self) -> f64 {
        self.0 / 1e12
    }
}

impl Seconds {
    /// A duration from milliseconds.
    #[must_use]
    pub fn from_ms(ms: f64) -> Self {
        Self(ms / 1e3)
    }
    /// A duration from microseconds.
    #[must_use]
    pub fn from_us(us: f64) -> Self {
        Self(us / 1e6)
    }
    /// A duration from hours.
    #[must_use]
    pub fn from_hours(h: f64) -> Self {
        Self(h * 3600.0)
    }
    /// A duration from years of 365 days.
    #[must_use]
    pub fn from_years(y: f64) -> Self {
        Self(y * 365.0 * 86_400.0)
    }
    /// The duration in milliseconds.
    #[must_use]
    pub fn as_ms(self) -> f64 {
        self.0 * 1e3
    }
    /// The duration in hours.
    #[must_use]
    pub fn as_hours(self) -> f64 {
        self.0 / 3600.0
    }
}

impl Watts {
    /// Power from kilowatts.
    #[must_use]
    pub fn from_kw(kw: f64) -> Self {
        Self(kw * 1e3)
    }
    /// The power in kilowatts.
    #[must_use]
    pub fn as_kw(self) -> f64 {
        self.0 / 1e3
    }
}

impl Params {
    /// Parameters from billions (10^9).
    #[must_use]
    pub fn from_billions(b: f64) -> Self {
        Self(b * 1e9)
    }
    /// The count in billions.
    #[must_use]
    pub fn as_billions(self) -> f64 {
        self.0 / 1e9
    }
}

impl Tokens {
    /// The count in millions of tokens.
    #[must_use]
    pub fn as_millions(self) -> f64 {
        self.0 / 1e6
    }
}

impl Div<BytesPerSecond> for Bytes {
    type Output = Seconds;
    fn div(self, rhs: BytesPerSecond) -> Seconds {
        Seconds(self.0 / rhs.0)
    }
}

impl Div<FlopsPerSecond> for Flops {
    type Output = Seconds;
    fn div(self, rhs: FlopsPerSecond) -> Seconds {
        Seconds(self.0 / rhs.0)
    }
}

impl Div<Seconds> for Tokens {
    type Output = TokensPerSecond;
    fn div(self, rhs: Seconds) -> TokensPerSecond {
        TokensPerSecond(self.0 / rhs.0)
    }
}

impl Mul<Seconds> for TokensPerSecond {
    type Output = Tokens;
    fn mul(self, rhs: Seconds) -> Tokens {
        Tokens(self.0 * rhs.0)
    }
}

impl Mul<Seconds> for Watts {
    type Output = KilowattHours;
    fn mul(self, rhs: Seconds) -> KilowattHours {
        KilowattHours(self.0 / 1e3 * rhs.as_hours())
    }
}

impl Div<Tokens> for Usd {
    type Output = UsdPerMillionTokens;
    fn div(self, rhs: Tokens) -> UsdPerMillionTokens {
        UsdPerMillionTokens(self.0 / rhs.as_millions())
    }
}

impl Mul<Tokens> for UsdPerMillionTokens {
    type Output = Usd;
    fn mul(self, rhs: Tokens) -> Usd {
        Usd(self.0 * rhs.as_millions())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    #[test]
    fn gb_and_gib_are_different_units() {
        let b = Bytes::from_gib(1.0);
        assert!(close(b.as_gb(), 1.073_741_824));
        assert!(close(Bytes::from_gb(80.0).as_gib(), 74.505_805_969_238_28));
    }

    #[test]
    fn time_from_bytes_and_rate() {
        let t = Bytes::from_gb(3.35) / BytesPerSecond::from_tb_per_s(3.35);
        assert!(close(t.as_ms(), 1.0));
    }

    #[test]
    fn dollars_per_million_tokens_round_trip() {
        let price = Usd::from_raw(12.0) / Tokens::from_raw(4e6);
        assert!(close(price.raw(), 3.0));
        assert!(close((price * Tokens::from_raw(4e6)).raw(), 12.0));
    }
}
