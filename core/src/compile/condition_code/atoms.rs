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
    /// The bool atoms per packed word: the word, and each atom's slot and bit index.
    bools: Vec<(u32, Vec<(u16, u8)>)>,
    enums: Vec<(u16, u32)>,
    ints: Vec<(u16, i64, i64, Place, Leaf)>,
    since: Vec<(u16, i64, i64, i64, Place, Leaf)>,
    others: Vec<(Atom, Place)>,
    index: HashMap<Atom, Place>,
    /// The word single bits are being packed into, and the next free bit in it.
    packing: Option<(u32, u32)>,
}

/// A comparison leaf of the program for an atom, and the leaf's value when the atom holds:
/// over a range (a time or int known only roughly) the atom is decided by the interval
/// evaluator, as the reference decides it.
pub(super) type Leaf = (NodeId, bool);

/// Per-case atom bits, and the bits of atoms that met a value that is not exact (unknown,
/// or known only as a range).
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
            let (word, bit) = match self.packing {
                Some((word, bit)) if bit < 64 => (word, bit),
                _ => {
                    self.words += 1;
                    (self.words as u32 - 1, 0)
                }
            };
            self.packing = Some((word, bit + 1));
            (word, 1u64 << bit)
        };
        self.index.insert(atom, at);
        match atom {
            Atom::Bool { slot } => {
                let bit = at.1.trailing_zeros() as u8;
                match self.bools.last_mut() {
                    Some((word, bits)) if *word == at.0 => bits.push((slot, bit)),
                    _ => self.bools.push((at.0, vec![(slot, bit)])),
                }
            }
            Atom::EnumWord { slot } => self.enums.push((slot, at.0)),
            Atom::IntIn { slot, lo, hi } => self.ints.push((slot, lo, hi, at, leaf)),
            Atom::SinceIn { slot, unit, lo, hi } => self.since.push((slot, unit, lo, hi, at, leaf)),
            Atom::SetAny { .. } | Atom::SetAll { .. } | Atom::Node(_) => self.others.push((atom, at)),
        }
        at
    }

    /// Orders the int atoms by slot (stable: by word within a slot), once every atom is
    /// placed, so that [`Atoms::compute`] reads each int slot once for all its ranges.
    pub fn seal(&mut self) {
        self.ints.sort_by_key(|&(slot, ..)| slot);
    }

    /// Computes every atom for the case; returns whether any met a value that is not exact.
    pub fn compute(&self, env: &Env, program: &Program, bits: &mut Bits) -> bool {
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
            let (mut known_bits, mut open_bits) = (0u64, 0u64);
            for &(s, bit) in bits {
                let (exact, holds) = match slot(s) {
                    Value::Bool(b) => (true, b),
                    _ => (false, false),
                };
                known_bits |= u64::from(holds) << bit;
                open_bits |= u64::from(!exact) << bit;
            }
            put.word(*word, known_bits, open_bits);
        }
        // A range: the leaf as the interval evaluator decides it (often, e.g. a time known to
        // the day against a window of weeks).
        let by_interval = |(node, holds): Leaf| match program.eval(node, env) {
            Value::Bool(b) => Some(b == holds),
            _ => None,
        };
        // Each int slot is read once for all its ranges (they come together: `seal`).
        for group in self.ints.chunk_by(|a, b| a.0 == b.0) {
            match slot(group[0].0) {
                Value::Int(x) => group.iter().for_each(|&(_, lo, hi, at, _)| put.bit(at, true, within(x, lo, hi))),
                Value::Unknown => group.iter().for_each(|&(.., at, _)| put.bit(at, false, false)),
                _ => group.iter().for_each(|&(.., at, leaf)| put.value(at, by_interval(leaf))),
            }
        }
        for &(s, unit, lo, hi, at, leaf) in &self.since {
            let since = |t: i64| env.now.saturating_sub(t).div_euclid(unit);
            put.value(
                at,
                match slot(s) {
                    Value::Time(t) => Some(within(since(t), lo, hi)),
                    Value::Unknown => None,
                    _ => by_interval(leaf),
                },
            );
        }
        for &(atom, at) in &self.others {
            let value = match atom {
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
            };
            put.value(at, value);
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

/// `lo <= x && x <= hi` without a branch (`lo <= hi`): one unsigned comparison.
#[inline]
fn within(x: i64, lo: i64, hi: i64) -> bool {
    x.wrapping_sub(lo) as u64 <= hi.wrapping_sub(lo) as u64
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
