//! Atoms: the distinct leaf tests of all conditions, each given bits in a per-case vector
//! (bool facts one bit, enum facts one-hot in a word of their own, comparisons one bit),
//! and their computation for a case, one tight loop per kind.

use crate::compile::program::{Env, NodeId, Program};
use crate::eval::value::Value;
use std::collections::HashMap;

/// A distinct leaf test.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Atom {
    /// A bool slot is true.
    Bool { slot: u16 },
    /// An enum slot, one-hot in a word of its own.
    EnumWord { slot: u16 },
    /// An int slot is within `lo..=hi`.
    IntIn { slot: u16, lo: i64, hi: i64 },
    /// Whole `unit`s from a time slot to now are within `lo..=hi`.
    SinceIn { slot: u16, unit: i64, lo: i64, hi: i64 },
    /// A set slot intersects the mask.
    SetAny { slot: u16, mask: u64 },
    /// A set slot contains every bit of the mask.
    SetAll { slot: u16, mask: u64 },
    /// Any other boolean node, evaluated by the program.
    Node(NodeId),
}

/// Where an atom's bits are: a word and a mask in it.
pub(super) type Place = (u32, u64);

/// Every atom with its place, grouped by kind so that computing them needs no dispatch.
#[derive(Clone, Debug, Default)]
pub(super) struct Atoms {
    pub words: usize,
    /// The bool atoms per word of their own: the word, and the slot of each bit from bit 0
    /// on (bools are packed apart from the other single-bit atoms, so their bits are
    /// consecutive and a word is built by shifting, with no bit index per atom).
    bools: Vec<(u32, Vec<u16>)>,
    enums: Vec<(u16, u32)>,
    /// The range atoms as placed: (slot, unit, lo, hi, place, leaf), no unit for an int
    /// slot; [`Atoms::seal`] groups them into `ranges`.
    placed_ranges: Vec<(u16, Option<i64>, i64, i64, Place, Leaf)>,
    ranges: Vec<RangeGroup>,
    others: Vec<(Atom, Place)>,
    index: HashMap<Atom, Place>,
    /// The word single bits are being packed into, and the next free bit in it: one for the
    /// bool atoms, one for the others.
    packing: Option<(u32, u32)>,
    bool_packing: Option<(u32, u32)>,
}

/// A comparison leaf of the program for an atom, and the leaf's value when the atom holds:
/// over a range (a time or int known only roughly) the atom is decided by the interval
/// evaluator, as the reference decides it.
pub(super) type Leaf = (NodeId, bool);

/// Per-case atom bits, and the bits of atoms that met a value that is not exact (unknown,
/// or known only as a range).
#[derive(Clone, Debug, Default)]
pub(super) struct Bits {
    pub known: Vec<u64>,
    pub open: Vec<u64>,
    /// Per instruction of a condition, its three-valued value (see `ConditionCode::kleene`).
    pub scratch: Vec<crate::eval::value::Tri>,
    /// The accumulator of [`super::masks::RuleMasks::decide`].
    pub scratch_words: Vec<u64>,
}

impl Atoms {
    /// The place of `atom`, given one the first time it is seen.
    pub fn place(&mut self, atom: Atom, leaf: Leaf) -> Place {
        if let Some(&at) = self.index.get(&atom) {
            return at;
        }
        let at = if let Atom::EnumWord { .. } = atom {
            self.words += 1;
            (self.words as u32 - 1, u64::MAX)
        } else {
            let packing = if let Atom::Bool { .. } = atom { &mut self.bool_packing } else { &mut self.packing };
            let (word, bit) = match *packing {
                Some((word, bit)) if bit < 64 => (word, bit),
                _ => {
                    self.words += 1;
                    (self.words as u32 - 1, 0)
                }
            };
            *packing = Some((word, bit + 1));
            (word, 1u64 << bit)
        };
        self.index.insert(atom, at);
        match atom {
            // Bit `i` of a bool word is its `i`-th atom.
            Atom::Bool { slot } => match self.bools.last_mut() {
                Some((word, slots)) if *word == at.0 => slots.push(slot),
                _ => self.bools.push((at.0, vec![slot])),
            },
            Atom::EnumWord { slot } => self.enums.push((slot, at.0)),
            Atom::IntIn { slot, lo, hi } => self.placed_ranges.push((slot, None, lo, hi, at, leaf)),
            Atom::SinceIn { slot, unit, lo, hi } => self.placed_ranges.push((slot, Some(unit), lo, hi, at, leaf)),
            Atom::SetAny { .. } | Atom::SetAll { .. } | Atom::Node(_) => self.others.push((atom, at)),
        }
        at
    }

    /// Groups the range atoms by slot and unit, once every atom is placed, so that
    /// [`Atoms::compute`] reads each slot once and decides all its ranges at once.
    pub fn seal(&mut self) {
        self.ranges = range_groups(std::mem::take(&mut self.placed_ranges));
    }

    /// Computes every atom for the case; returns whether any met a value that is not exact
    /// (only then are `bits.open` set; without, they are left as they were).
    pub fn compute(&self, env: &Env, program: &Program, bits: &mut Bits) -> bool {
        if self.compute_exact(env, program, &mut bits.known) {
            return false;
        }
        self.compute_open(env, program, bits)
    }

    /// The atoms of a case whose every atom meets an exact value (a complete case, the
    /// common one on the outcome path) into `known`, without keeping open bits; `false` as
    /// soon as one value is not exact (then [`Atoms::compute_open`] starts over).
    fn compute_exact(&self, env: &Env, program: &Program, known: &mut Vec<u64>) -> bool {
        known.clear();
        // At least one word: the rules' first tests read word 0 even with no atoms.
        known.resize(self.words.max(1), 0);
        let slot = |s: u16| env.slots.get(usize::from(s)).copied().unwrap_or(Value::Unknown);
        for (word, word_slots) in &self.bools {
            let (known_bits, open_bits) = bool_word(env.slots, word_slots);
            if open_bits != 0 {
                return false;
            }
            known[*word as usize] = known_bits;
        }
        for group in &self.ranges {
            let Some(x) = group.exact(slot(group.slot), env.now) else { return false };
            for (word, bits) in group.words_at(x) {
                known[word as usize] |= bits;
            }
        }
        for &(atom, (word, mask)) in &self.others {
            let Some(holds) = other(atom, env, program) else { return false };
            known[word as usize] |= mask & all_if(holds);
        }
        for &(s, word) in &self.enums {
            let Value::Enum(i) = slot(s) else { return false };
            known[word as usize] = 1u64 << (i & 63);
        }
        true
    }

    /// [`Atoms::compute`] for a case with values that are not exact: known and open bits.
    fn compute_open(&self, env: &Env, program: &Program, bits: &mut Bits) -> bool {
        let (known, open) = (&mut bits.known, &mut bits.open);
        known.clear();
        // At least one word: the rules' first tests read word 0 even with no atoms.
        known.resize(self.words.max(1), 0);
        open.clear();
        open.resize(self.words.max(1), 0);
        let slot = |s: u16| env.slots[s as usize];
        let mut put = Gather { known, open, word: 0, known_bits: 0, open_bits: 0, any_open: 0 };
        // A word's bools in registers, shifted into place: no branch on the case's values
        // (the processor mispredicts those on random cases), no store per atom.
        for (word, bits) in &self.bools {
            let (known_bits, open_bits) = bool_word(env.slots, bits);
            put.word(*word, known_bits, open_bits);
        }
        // A range: the leaf as the interval evaluator decides it (often, e.g. a time known to
        // the day against a window of weeks).
        let by_interval = |(node, holds): Leaf| match program.eval(node, env) {
            Value::Bool(b) => Some(b == holds),
            _ => None,
        };
        // Each group reads its slot once; an exact value decides all its ranges by its region.
        for group in &self.ranges {
            match (group.exact(slot(group.slot), env.now), slot(group.slot)) {
                (Some(x), _) => group.words_at(x).for_each(|(word, bits)| put.word(word, bits, 0)),
                (None, Value::Unknown) => group.words_open().for_each(|(word, bits)| put.word(word, 0, bits)),
                _ => group.atoms.iter().for_each(|&(.., at, leaf)| put.value(at, by_interval(leaf))),
            }
        }
        for &(atom, at) in &self.others {
            put.value(at, other(atom, env, program));
        }
        let mut any_open = put.finish();
        for &(s, word) in &self.enums {
            let (value, exact) = match slot(s) {
                Value::Enum(i) => (1u64 << (i & 63), true),
                _ => (0, false),
            };
            known[word as usize] = value;
            open[word as usize] = all_if(!exact);
            any_open |= !exact;
        }
        any_open
    }
}

/// A set test or a general node: whether it holds, `None` when its value is not exact.
fn other(atom: Atom, env: &Env, program: &Program) -> Option<bool> {
    let slot = |s: u16| env.slots.get(usize::from(s)).copied().unwrap_or(Value::Unknown);
    match atom {
        Atom::SetAny { slot: s, mask } => match slot(s) {
            Value::Set(x) => Some(x & mask != 0),
            _ => None,
        },
        Atom::SetAll { slot: s, mask } => match slot(s) {
            Value::Set(x) => Some(x & mask == mask),
            _ => None,
        },
        Atom::Node(n) => match program.eval(n, env) {
            Value::Bool(b) => Some(b),
            _ => None,
        },
        // INVARIANT: the other kinds have lists of their own.
        _ => None,
    }
}

/// One word of bool atoms (the slot of bit 0, bit 1, …): the bits of those that hold and
/// of those that are open. The word is built by shifting each value's bit in, without a
/// branch on the value; the open bits are only worked out when some value is not a bool
/// (a partial case), so a complete case pays one test per atom for them.
#[inline]
fn bool_word(slots: &[Value], word_slots: &[u16]) -> (u64, u64) {
    let value = |s: u16| slots.get(usize::from(s)).unwrap_or(&Value::Unknown);
    let (mut known_bits, mut any_open) = (0u64, false);
    for &s in word_slots.iter().rev() {
        let value = value(s);
        known_bits = known_bits << 1 | u64::from(matches!(value, Value::Bool(true)));
        any_open |= !matches!(value, Value::Bool(_));
    }
    let open_bits = if any_open {
        word_slots.iter().rev().fold(0, |open, &s| open << 1 | u64::from(!matches!(value(s), Value::Bool(_))))
    } else {
        0
    };
    (known_bits, open_bits)
}

/// The most atoms in one [`RangeGroup`]: a slot with more ranges gets several groups, so
/// that a group's table (words × regions) stays small however many ranges a rule set has.
const RANGE_GROUP_ATOMS: usize = 32;

/// The range atoms grouped by slot and unit, at most [`RANGE_GROUP_ATOMS`] to a group.
fn range_groups(mut placed: Vec<(u16, Option<i64>, i64, i64, Place, Leaf)>) -> Vec<RangeGroup> {
    placed.sort_by_key(|&(slot, unit, ..)| (slot, unit));
    placed
        .chunk_by(|a, b| (a.0, a.1) == (b.0, b.1))
        .flat_map(|same_slot| same_slot.chunks(RANGE_GROUP_ATOMS))
        .map(|group| {
            RangeGroup::new(group[0].0, group[0].1, group.iter().map(|&(.., lo, hi, at, leaf)| (lo, hi, at, leaf)))
        })
        .collect()
}

/// The range atoms of one int slot, or of one time slot counted in whole units (`unit`
/// seconds) to now, decided together. Their bounds cut the numbers into
/// regions in each of which every atom is constant: a value's region (how many cuts are at
/// or below it, counted without a branch) picks the bits of all of them, word by word,
/// instead of a comparison and a shift per atom.
#[derive(Clone, Debug)]
struct RangeGroup {
    slot: u16,
    /// `None` for an int slot.
    unit: Option<i64>,
    /// Each atom as (lo, hi, place, leaf), for a value known only as a range.
    atoms: Vec<(i64, i64, Place, Leaf)>,
    /// The distinct values at which some atom starts or stops holding, ascending.
    cuts: Vec<i64>,
    /// The words the atoms are in.
    words: Vec<u32>,
    /// Per region (`cuts.len() + 1`), per word: the bits of the atoms that hold there.
    region_bits: Vec<u64>,
    /// Per word: the bits of all the atoms (open when the value is unknown).
    all_bits: Vec<u64>,
}

impl RangeGroup {
    fn new(slot: u16, unit: Option<i64>, atoms: impl Iterator<Item = (i64, i64, Place, Leaf)>) -> RangeGroup {
        let atoms: Vec<_> = atoms.collect();
        let mut cuts: Vec<i64> = atoms
            .iter()
            .flat_map(|&(lo, hi, ..)| [(lo > i64::MIN).then_some(lo), hi.checked_add(1)])
            .flatten()
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        let mut words: Vec<u32> = atoms.iter().map(|&(_, _, (word, _), _)| word).collect();
        words.sort_unstable();
        words.dedup();
        let column = |word: u32| words.iter().position(|&w| w == word).unwrap_or(0);
        let mut all_bits = vec![0; words.len()];
        let mut region_bits = vec![0; words.len() * (cuts.len() + 1)];
        for &(lo, hi, (word, mask), _) in &atoms {
            all_bits[column(word)] |= mask;
            // Region 0 is below the first cut (which is above i64::MIN: a cut is a `lo`
            // above it or a `hi + 1`); region `r` starts at cut `r - 1`.
            for region in 0..=cuts.len() {
                let x = if region == 0 { cuts.first().map_or(0, |c| c - 1) } else { cuts[region - 1] };
                if lo <= x && x <= hi {
                    region_bits[region * words.len() + column(word)] |= mask;
                }
            }
        }
        RangeGroup { slot, unit, atoms, cuts, words, region_bits, all_bits }
    }

    /// The number the ranges are tested on, when the slot's `value` is exact: an int, or
    /// whole units from a time to `now`.
    fn exact(&self, value: Value, now: i64) -> Option<i64> {
        match (value, self.unit) {
            (Value::Int(x), None) => Some(x),
            (Value::Time(t), Some(unit)) => Some(now.saturating_sub(t).div_euclid(unit)),
            _ => None,
        }
    }

    /// The atom bits per word for the exact value `x`.
    #[inline]
    fn words_at(&self, x: i64) -> impl Iterator<Item = (u32, u64)> + '_ {
        let region: usize = self.cuts.iter().map(|&c| usize::from(c <= x)).sum();
        let n = self.words.len();
        self.words.iter().copied().zip(self.region_bits[region * n..][..n].iter().copied())
    }

    /// Every atom's bits per word (all open).
    fn words_open(&self) -> impl Iterator<Item = (u32, u64)> + '_ {
        self.words.iter().copied().zip(self.all_bits.iter().copied())
    }
}

/// Every bit when `b`, else none (a mask without a branch; the outcome path's merge uses it
/// too).
#[inline]
pub(crate) fn all_if(b: bool) -> u64 {
    0u64.wrapping_sub(u64::from(b))
}

/// Gathers the atom bits of one word in registers and ORs them into the words when the
/// next atom is in another word (any order is correct; atoms mostly come in word order, as
/// they were placed, so few stores are made). ORing every
/// atom straight into `known[word]` made each wait for the previous one's store: those
/// stores were the hottest instructions of the outcome path's profile.
struct Gather<'a> {
    known: &'a mut [u64],
    open: &'a mut [u64],
    word: usize,
    known_bits: u64,
    open_bits: u64,
    /// Any open bit stored so far.
    any_open: u64,
}

impl Gather<'_> {
    /// The atom at `(word, mask)` (one bit) is exact and holds (`exact && holds`), or is
    /// open (`!exact`). The bits are shifted into place: written as a select
    /// (`mask & all_if(..)`), the compiler branched on the case's value, which the
    /// processor mispredicts on random cases.
    #[inline]
    fn bit(&mut self, (word, mask): Place, exact: bool, holds: bool) {
        debug_assert_eq!(mask.count_ones(), 1, "packed atoms have one bit");
        let word = word as usize;
        if word != self.word {
            self.store();
            self.word = word;
        }
        let shift = mask.trailing_zeros();
        self.known_bits |= u64::from(exact & holds) << shift;
        self.open_bits |= u64::from(!exact) << shift;
    }

    /// The bits of several atoms of `word` at once.
    #[inline]
    fn word(&mut self, word: u32, known_bits: u64, open_bits: u64) {
        let word = word as usize;
        if word != self.word {
            self.store();
            self.word = word;
        }
        self.known_bits |= known_bits;
        self.open_bits |= open_bits;
    }

    /// [`Gather::bit`] for a value that is `None` when the atom is open.
    #[inline]
    fn value(&mut self, at: Place, value: Option<bool>) {
        self.bit(at, value.is_some(), value == Some(true));
    }

    fn store(&mut self) {
        self.known[self.word] |= self.known_bits;
        self.open[self.word] |= self.open_bits;
        self.any_open |= self.open_bits;
        (self.known_bits, self.open_bits) = (0, 0);
    }

    /// Stores the last word; whether any atom was open.
    fn finish(mut self) -> bool {
        self.store();
        self.any_open != 0
    }
}

#[cfg(test)]
mod tests {
    use super::{range_groups, Leaf, Place, RANGE_GROUP_ATOMS};
    use proptest::prelude::*;

    /// A bound near the values rules use, or an end of i64.
    fn bound() -> impl Strategy<Value = i64> {
        prop_oneof![Just(i64::MIN), Just(i64::MAX), -50i64..150]
    }

    /// A range atom: `x <= a`, `x >= a` or `a <= x <= b`, in one of three words.
    fn atom() -> impl Strategy<Value = (i64, i64, Place, Leaf)> {
        (bound(), bound(), 0u8..3, 0u32..3, 0u32..64).prop_map(|(a, b, kind, word, bit)| {
            let (lo, hi) = match kind {
                0 => (i64::MIN, a),
                1 => (a, i64::MAX),
                _ => (a.min(b), a.max(b)),
            };
            (lo, hi, (word, 1u64 << bit), (0, true))
        })
    }

    proptest! {
        /// A region's bits are exactly the atoms whose range holds the value, for values
        /// at and next to every bound (and at the ends of i64), with atoms spread over
        /// several words, sharing bounds, and more of them on one slot than a group holds.
        #[test]
        fn a_values_region_gives_exactly_the_ranges_that_hold_it(
            atoms in proptest::collection::vec(atom(), 1..2 * RANGE_GROUP_ATOMS + 8)
        ) {
            let groups = range_groups(atoms.iter().map(|&(lo, hi, at, leaf)| (7, None, lo, hi, at, leaf)).collect());
            prop_assert_eq!(groups.len(), atoms.len().div_ceil(RANGE_GROUP_ATOMS));
            let mut probes = vec![i64::MIN, i64::MAX, 0];
            for &(lo, hi, ..) in &atoms {
                for x in [lo, hi] {
                    probes.extend([x.saturating_sub(1), x, x.saturating_add(1)]);
                }
            }
            for x in probes {
                let mut want = [0u64; 3];
                for &(lo, hi, (word, mask), _) in &atoms {
                    if lo <= x && x <= hi {
                        want[word as usize] |= mask;
                    }
                }
                let mut got = [0u64; 3];
                for group in &groups {
                    group.words_at(x).for_each(|(word, bits)| got[word as usize] |= bits);
                }
                prop_assert_eq!(got, want, "x = {}", x);
            }
            let (mut open, mut every) = ([0u64; 3], [0u64; 3]);
            for group in &groups {
                group.words_open().for_each(|(word, bits)| open[word as usize] |= bits);
            }
            atoms.iter().for_each(|&(_, _, (word, mask), _)| every[word as usize] |= mask);
            prop_assert_eq!(open, every);
        }
    }
}
