//! One shared stable sort for the cold call sites (compiling, records, texts, reports).
//!
//! Every `slice::sort*` call with its own element type and comparator instantiates the
//! whole of std's sort (driftsort or ipnsort, some ten functions, 2-4 KB of WebAssembly
//! each time): dozens of copies in the intake page's module. Here std's stable sort is
//! instantiated once, on a permutation of indices with a `dyn` comparator; the permutation
//! is then applied with swaps. The result is exactly that of `slice::sort_by` (a stable
//! sort's output is unique), at the cost of one allocation and an indirect call per
//! comparison, so hot paths (evaluating a case) keep std's sorts.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, like `slice::sort_by`.
pub(crate) fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    sort_dyn(v.len(), &mut |step| match step {
        Step::Compare(a, b) => cmp(&v[a], &v[b]),
        Step::Swap(a, b) => {
            v.swap(a, b);
            Ordering::Equal
        }
    });
}

/// Sorts `v` stably by `key`, like `slice::sort_by_key`.
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably, like `slice::sort`. For elements whose equal values are
/// indistinguishable (integers, strings) this is also what `sort_unstable` gives.
pub(crate) fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// `(key, value)` pairs sorted by key, the last pair of each key kept: what collecting them
/// into a `BTreeMap` and back gives.
pub(crate) fn last_per_key<K: Ord, V>(mut pairs: Vec<(K, V)>) -> Vec<(K, V)> {
    // Reversed, the stable sort puts the last pair of each key first, and dedup keeps that.
    pairs.reverse();
    sort_by(&mut pairs, |a, b| a.0.cmp(&b.0));
    pairs.dedup_by(|later, kept| later.0 == kept.0);
    pairs
}

/// What [`sort_dyn`] asks of the slice it sorts (one closure for both, as a comparison
/// borrows the slice while a swap changes it).
enum Step {
    Compare(usize, usize),
    Swap(usize, usize),
}

/// The one instance of std's sort: sorts a permutation of `0..n` stably by comparing the
/// elements it names, then puts the elements in that order with swaps.
fn sort_dyn(n: usize, slice: &mut dyn FnMut(Step) -> Ordering) {
    // Already in order (the language tables of a bundle's texts, written sorted): nothing to
    // move, and a stable sort would move nothing either.
    if (1..n).all(|i| slice(Step::Compare(i - 1, i)) != Ordering::Greater) {
        return;
    }
    // Short lists (most of them) without an allocation.
    let mut short = [0usize; 32];
    let mut long = Vec::new();
    let order: &mut [usize] = if n <= short.len() {
        &mut short[..n]
    } else {
        long.resize(n, 0);
        &mut long
    };
    for (i, o) in order.iter_mut().enumerate() {
        *o = i;
    }
    order.sort_by(|&a, &b| slice(Step::Compare(a, b)));
    // Element `order[i]` goes to position `i`: follow each cycle of the permutation with
    // swaps, marking the positions done as the identity.
    for start in 0..n {
        let mut at = start;
        while order[at] != start {
            let from = order[at];
            slice(Step::Swap(at, from));
            order[at] = at;
            at = from;
        }
        order[at] = at;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_like_std_stable_sort(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..100)) {
            // Comparing on the first field only: equal keys with different payloads show
            // whether the order among them is kept.
            let mut want = v.clone();
            want.sort_by_key(|a| a.0);
            let mut got = v.clone();
            sort_by(&mut got, |a, b| a.0.cmp(&b.0));
            prop_assert_eq!(&got, &want);
            let mut got = v.clone();
            sort_by_key(&mut got, |a| std::cmp::Reverse(a.0));
            want = v.clone();
            want.sort_by_key(|a| std::cmp::Reverse(a.0));
            prop_assert_eq!(&got, &want);
            let mut got = v.clone();
            sort(&mut got);
            want = v.clone();
            want.sort();
            prop_assert_eq!(got, want);
        }

        #[test]
        fn last_per_key_is_a_btree_map_round_trip(v in proptest::collection::vec((0u8..10, any::<u16>()), 0..60)) {
            let want: Vec<(u8, u16)> = v.iter().copied().collect::<std::collections::BTreeMap<_, _>>().into_iter().collect();
            prop_assert_eq!(last_per_key(v), want);
        }
    }

    #[test]
    fn keeps_equal_elements_in_input_order() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e'), (2, 'f')];
        sort_by_key(&mut v, |p| p.0);
        assert_eq!(v, [(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c'), (2, 'f')]);
    }

    #[test]
    fn a_later_pair_wins() {
        let v = vec![("nl", 1), ("en", 2), ("nl", 3), ("ar", 4), ("en", 5)];
        assert_eq!(last_per_key(v), [("ar", 4), ("en", 5), ("nl", 3)]);
    }
}
