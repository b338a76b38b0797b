//! rackscope in the browser: a Yew app over the core library, built by Trunk.
//!
//! Modules, from pure to DOM:
//!
//! - [`i18n`]: every label in English and Simplified Chinese.
//! - [`params`]: the calculator's parameters, defined once (URL key, scenario path, kind,
//!   default), and text → [`rackscope::RawScenario`].
//! - [`url`]: the typed, versioned URL query (`docs/url-format.md`).
//! - [`storage`]: the user's chips and models in `localStorage`, and adding them to the catalog.
//! - [`facts`]: catalog facts as table cells with their provenance.
//! - [`format`](mod@format): number formatting.
//! - [`state`]: the app state, its actions and the evaluation; pure, tested natively.
//! - [`decide`]: the Decide view's forms read into a risk profile and a fleet demand; pure.
//! - [`browser`]: the few browser APIs used (address bar, storage, clipboard, downloads).
//! - [`components`], [`charts`], [`app`]: the views.
//!
//! **Architecture Invariant:** the app does no calculation of its own: every number comes from
//! the core (`rackscope::predict`) or the catalog, and a missing fact is shown as missing.
//!
//! **Architecture Invariant:** user text is only ever rendered as text nodes or attribute values;
//! the app never builds HTML from strings.

pub mod app;
pub mod browser;
pub mod bundle;
pub mod charts;
pub mod components;
pub mod decide;
pub mod facts;
pub mod format;
pub mod i18n;
pub mod params;
pub mod state;
pub mod storage;
pub mod url;

pub use app::App;

use std::rc::Rc;

/// Shared data in props, compared by address (the catalog and reports are large and immutable).
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
