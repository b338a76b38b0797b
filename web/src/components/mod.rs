//! Function components: they take data and callbacks and compute nothing inside `html!`.

pub mod calculator;
pub mod compare;
pub mod decide;
pub mod fact;
pub mod field;
pub mod mydata;
pub mod result;
