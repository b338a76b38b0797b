//! Money in a named currency, and conversion to US dollars at a user-given rate.

use crate::units::Usd;

/// A currency the catalog records prices in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Currency {
    /// US dollar.
    Usd,
    /// Chinese yuan (renminbi).
    Cny,
}

impl Currency {
    /// The ISO 4217 code.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Currency::Usd => "USD",
            Currency::Cny => "CNY",
        }
    }

    /// Parses an ISO 4217 code the catalog uses.
    #[must_use]
    pub fn from_code(s: &str) -> Option<Self> {
        match s {
            "USD" => Some(Currency::Usd),
            "CNY" => Some(Currency::Cny),
            _ => None,
        }
    }
}

/// An amount in a currency.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Money {
    /// The amount, in units of `currency`.
    pub amount: f64,
    /// The currency.
    pub currency: Currency,
}

impl Money {
    /// Converts to US dollars. `cny_per_usd` is needed only for CNY amounts; without it a CNY
    /// amount cannot be converted and `None` is returned (no rate is ever assumed).
    #[must_use]
    pub fn to_usd(self, cny_per_usd: Option<f64>) -> Option<Usd> {
        match self.currency {
            Currency::Usd => Some(Usd::from_raw(self.amount)),
            Currency::Cny => cny_per_usd.map(|r| Usd::from_raw(self.amount / r)),
        }
    }
}
