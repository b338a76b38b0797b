//! Stable sorting through one shared instance of the standard library's sort.
//!
//! `slice::sort_by` is generic over the element and the comparison, so every call site with a new
//! closure compiles the whole sort again: about 4 KB of WebAssembly each, and the browser app
//! had a dozen (12.6 KB of its gzip size, measured by removing them). [`by`] sorts a permutation
//! of indices with a comparison behind `&dyn Fn`, which the compiler instantiates once, then
//! moves the elements into that order; only that last step is generic, and it is small.
//!
//! The order is the one `sort_by` gives: stable, and defined by `cmp` alone.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, as `v.sort_by(cmp)` would.
///
/// ```
/// let mut v = vec![(2, "b"), (1, "x"), (2, "a"), (1, "y")];
/// rackscope::sort::by(&mut v, |a, b| a.0.cmp(&b.0));
/// assert_eq!(v, [(1, "x"), (1, "y"), (2, "b"), (2, "a")]);
/// ```
pub fn by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let items: &[T] = v;
        indices(items.len(), &|a, b| cmp(&items[a], &items[b]))
    };
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    // `order` is a permutation of 0..len, so each slot is taken exactly once.
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// The permutation that sorts `0..len` stably by `cmp`; the one instance of the sort.
#[inline(never)]
fn indices(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// Same order as the standard library's stable sort, ties included.
        #[test]
        fn same_as_sort_by(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..60)) {
            let mut ours = v.clone();
            super::by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = v;
            std.sort_by_key(|x| x.0);
            prop_assert_eq!(ours, std);
        }
    }
}
