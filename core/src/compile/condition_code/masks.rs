//! Every rule decided at once, as words of bits over rules, for a case whose atoms are all
//! exact (the outcome-only path's common case).
//!
//! A rule's condition is an `and` of clauses ([`super::cnf`]). A one-literal clause that
//! fails kills the rule; a clause of several literals is given a *layer* (the rule's first
//! such clause layer 0, its second layer 1, …) and holds when any of its literals does. So
//! per atom bit and value, the rules it kills and the clauses it satisfies are fixed masks,
//! known at load. Per case the atom words are read a nibble (packed bits) or a value (enum
//! words, one-hot) at a time, and each reading ORs one precomputed row into the
//! accumulator: `kill | sat(layer 0) | sat(layer 1) | …`. A rule holds when it is not killed
//! and every layer is satisfied (layers a rule does not use start satisfied). There are no
//! data-dependent branches, where the jump code takes one per leaf.
//!
//! A conjunct too large to convert, or clauses beyond [`MAX_LAYERS`], leave the rule to
//! the jump code: the masks then only screen it (every clause they hold is implied by the
//! condition), and the rules that pass run their code.

use super::cnf::{Clause, Lit};
use std::collections::HashMap;

/// Layers of several-literal clauses per rule; more clauses leave a rule to the jump code.
const MAX_LAYERS: usize = 4;

/// The precomputed rows; see the module documentation.
#[derive(Clone, Debug, Default)]
pub(super) struct RuleMasks {
    /// Words per section (`rules.div_ceil(64)`).
    rule_words: usize,
    /// Words per row: the kill section, then one section per layer.
    stride: usize,
    /// The accumulator's start: rules that never hold killed, unused layers satisfied.
    base: Vec<u64>,
    /// Per nibble read: its atom word and shift; its 16 rows are in `nibble_rows`.
    nibbles: Vec<(u32, u32)>,
    nibble_rows: Vec<u64>,
    /// Per enum word read: the word; its 64 rows (one per value) are in `enum_rows`.
    enums: Vec<u32>,
    enum_rows: Vec<u64>,
    /// Rules the masks only screen: those that pass run their jump code.
    jump: Vec<u64>,
}

/// When a row applies: an atom bit has a value, or an enum word's value is in a mask.
#[derive(Clone, Copy)]
enum Event {
    Bit { word: u32, index: u32, value: bool },
    Value { word: u32, mask: u64 },
}

impl RuleMasks {
    /// The masks of `rules`: per rule, its conjuncts as clauses (`None`: left to the jump
    /// code).
    pub fn build(rules: &[Vec<Option<Vec<Clause>>>]) -> RuleMasks {
        let rule_words = rules.len().div_ceil(64);
        let mut jump = vec![0u64; rule_words];
        // Per rule, its several-literal clauses that get a layer.
        let mut layered: Vec<Vec<&Clause>> = Vec::with_capacity(rules.len());
        for (r, conjuncts) in rules.iter().enumerate() {
            let mut own = Vec::new();
            for conjunct in conjuncts {
                match conjunct {
                    None => jump[r / 64] |= 1 << (r % 64),
                    Some(clauses) => {
                        for clause in clauses.iter().filter(|c| c.len() > 1) {
                            if own.len() == MAX_LAYERS {
                                jump[r / 64] |= 1 << (r % 64);
                            } else {
                                own.push(clause);
                            }
                        }
                    }
                }
            }
            layered.push(own);
        }
        let layers = layered.iter().map(Vec::len).max().unwrap_or(0);
        let stride = (1 + layers) * rule_words;
        let mut base = vec![0u64; stride];
        let mut nibble_rows: HashMap<(u32, u32), Vec<u64>> = HashMap::new();
        let mut enum_rows: HashMap<u32, Vec<u64>> = HashMap::new();
        let mut mark = |event: Event, section: usize, r: usize| {
            let at = section * rule_words + r / 64;
            let bit = 1u64 << (r % 64);
            match event {
                Event::Bit { word, index, value } => {
                    let rows = nibble_rows.entry((word, index / 4 * 4)).or_insert_with(|| vec![0; 16 * stride]);
                    for v in 0..16 {
                        if (v >> (index % 4) & 1 == 1) == value {
                            rows[v * stride + at] |= bit;
                        }
                    }
                }
                Event::Value { word, mask } => {
                    let rows = enum_rows.entry(word).or_insert_with(|| vec![0; 64 * stride]);
                    for v in (0..64).filter(|v| mask >> v & 1 == 1) {
                        rows[v * stride + at] |= bit;
                    }
                }
            }
        };
        for (r, conjuncts) in rules.iter().enumerate() {
            for clause in conjuncts.iter().flatten().flatten() {
                match clause.as_slice() {
                    [] => base[r / 64] |= 1 << (r % 64),
                    // Killed when the literal fails.
                    [lit] => mark(event(*lit, false), 0, r),
                    _ => {}
                }
            }
            for (layer, clause) in layered[r].iter().enumerate() {
                for lit in clause.iter() {
                    mark(event(*lit, true), 1 + layer, r);
                }
            }
            for layer in layered[r].len()..layers {
                base[(1 + layer) * rule_words + r / 64] |= 1 << (r % 64);
            }
        }
        // The bits past the last rule in the last word stand for no rule: killed, so that
        // they never hold (without clause layers nothing else would clear them).
        for r in rules.len()..rule_words * 64 {
            base[r / 64] |= 1 << (r % 64);
        }
        let mut nibbles: Vec<_> = nibble_rows.into_iter().collect();
        crate::sort::sort_by_key(&mut nibbles, |&(key, _)| key);
        let mut enums: Vec<_> = enum_rows.into_iter().collect();
        crate::sort::sort_by_key(&mut enums, |&(word, _)| word);
        RuleMasks {
            rule_words,
            stride,
            base,
            nibbles: nibbles.iter().map(|&(key, _)| key).collect(),
            nibble_rows: nibbles.into_iter().flat_map(|(_, rows)| rows).collect(),
            enums: enums.iter().map(|&(word, _)| word).collect(),
            enum_rows: enums.into_iter().flat_map(|(_, rows)| rows).collect(),
            jump,
        }
    }

    /// The rules that hold on the exact atom words `known` into `holds` (one bit per rule),
    /// and the rules of those that the jump code must still decide into `undecided`.
    /// `acc` is scratch.
    pub fn decide(&self, known: &[u64], acc: &mut Vec<u64>, holds: &mut Vec<u64>, undecided: &mut Vec<u64>) {
        // Rows of a few words (the peer rules: one rule word and three layers) are ORed in
        // registers, unrolled to their length; the generic loop neither unrolls nor keeps
        // the accumulator out of memory.
        match self.stride {
            // No rules.
            0 => self.finish(&[], holds, undecided),
            1 => self.finish(&self.accumulate::<1>(known), holds, undecided),
            2 => self.finish(&self.accumulate::<2>(known), holds, undecided),
            3 => self.finish(&self.accumulate::<3>(known), holds, undecided),
            4 => self.finish(&self.accumulate::<4>(known), holds, undecided),
            5 => self.finish(&self.accumulate::<5>(known), holds, undecided),
            6 => self.finish(&self.accumulate::<6>(known), holds, undecided),
            8 => self.finish(&self.accumulate::<8>(known), holds, undecided),
            _ => {
                self.accumulate_into(known, acc);
                self.finish(acc, holds, undecided);
            }
        }
    }

    /// The accumulator (`kill | sat(layer 0) | …`) for rows of exactly `N` words.
    fn accumulate<const N: usize>(&self, known: &[u64]) -> [u64; N] {
        let mut acc = [0u64; N];
        acc.copy_from_slice(&self.base);
        let mut or_row = |row: &[u64]| {
            for (a, r) in acc.iter_mut().zip(row) {
                *a |= r;
            }
        };
        for (&(word, shift), rows) in self.nibbles.iter().zip(self.nibble_rows.chunks_exact(16 * N)) {
            let v = (known[word as usize] >> shift & 15) as usize;
            or_row(&rows[v * N..][..N]);
        }
        for (&word, rows) in self.enums.iter().zip(self.enum_rows.chunks_exact(64 * N)) {
            // An exact enum word has exactly one bit set: its value.
            let v = (known[word as usize].trailing_zeros() & 63) as usize;
            or_row(&rows[v * N..][..N]);
        }
        acc
    }

    /// [`RuleMasks::accumulate`] for rows of any length, into `acc`.
    fn accumulate_into(&self, known: &[u64], acc: &mut Vec<u64>) {
        let stride = self.stride;
        acc.clear();
        acc.extend_from_slice(&self.base);
        if stride == 0 {
            // No rules (and `chunks_exact` takes no zero length).
            return;
        }
        let or_row = |acc: &mut [u64], row: &[u64]| {
            for (a, r) in acc.iter_mut().zip(row) {
                *a |= r;
            }
        };
        for (&(word, shift), rows) in self.nibbles.iter().zip(self.nibble_rows.chunks_exact(16 * stride)) {
            let v = (known[word as usize] >> shift & 15) as usize;
            or_row(acc, &rows[v * stride..(v + 1) * stride]);
        }
        for (&word, rows) in self.enums.iter().zip(self.enum_rows.chunks_exact(64 * stride)) {
            let v = (known[word as usize].trailing_zeros() & 63) as usize;
            or_row(acc, &rows[v * stride..(v + 1) * stride]);
        }
    }

    /// From the accumulator: a rule holds when not killed and every layer is satisfied.
    fn finish(&self, acc: &[u64], holds: &mut Vec<u64>, undecided: &mut Vec<u64>) {
        holds.clear();
        undecided.clear();
        for w in 0..self.rule_words {
            let mut h = !acc[w];
            for layer in acc[self.rule_words..].chunks_exact(self.rule_words) {
                h &= layer[w];
            }
            undecided.push(h & self.jump[w]);
            holds.push(h & !self.jump[w]);
        }
    }
}

/// The event in which `lit` holds (`holds`) or fails.
fn event(lit: Lit, holds: bool) -> Event {
    match lit {
        Lit::Bit { word, bit, set } => Event::Bit { word, index: bit.trailing_zeros(), value: set == holds },
        Lit::In { word, mask } => Event::Value { word, mask: if holds { mask } else { !mask } },
    }
}

#[cfg(test)]
mod tests {
    use super::{Clause, Lit, RuleMasks, MAX_LAYERS};

    /// A small deterministic generator (xorshift), so the test needs no dependency.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    /// Atom words 0..3 hold packed bits, words 3..5 are enum words (one-hot).
    fn literal(rng: &mut Rng) -> Lit {
        if rng.below(3) == 0 {
            Lit::In { word: 3 + rng.below(2) as u32, mask: rng.next() }
        } else {
            Lit::Bit { word: rng.below(3) as u32, bit: 1 << rng.below(64), set: rng.below(2) == 0 }
        }
    }

    fn holds(lit: &Lit, known: &[u64]) -> bool {
        match *lit {
            Lit::Bit { word, bit, set } => (known[word as usize] & bit != 0) == set,
            Lit::In { word, mask } => known[word as usize] & mask != 0,
        }
    }

    /// Random rules with `layers` several-literal clauses at most (beyond [`MAX_LAYERS`]:
    /// left to the jump code), some conjuncts not converted, some empty clauses.
    fn rules(rng: &mut Rng, count: usize, layers: usize) -> Vec<Vec<Option<Vec<Clause>>>> {
        (0..count)
            .map(|_| {
                let own_layers = rng.below(layers as u64 + 1) as usize;
                let mut conjuncts: Vec<Option<Vec<Clause>>> = Vec::new();
                let units = rng.below(3);
                let unit: Vec<Clause> = (0..units).map(|_| vec![literal(rng)]).collect();
                conjuncts.push(Some(unit));
                for _ in 0..own_layers {
                    let len = 2 + rng.below(3) as usize;
                    conjuncts.push(Some(vec![(0..len).map(|_| literal(rng)).collect()]));
                }
                match rng.below(40) {
                    0 => conjuncts.push(None),
                    1 => conjuncts.push(Some(vec![Vec::new()])),
                    _ => {}
                }
                conjuncts
            })
            .collect()
    }

    /// The masks decide every rule as its clauses do, for rule counts around word
    /// boundaries and every number of layers (row lengths with and without a fixed-length
    /// accumulator), and the fixed-length and generic accumulators agree.
    #[test]
    fn masks_decide_as_the_clauses_do_for_every_row_length() {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        for count in [0, 1, 3, 63, 64, 65, 127, 128, 130, 200] {
            for layers in 0..=MAX_LAYERS + 1 {
                let rules = rules(&mut rng, count, layers);
                let masks = RuleMasks::build(&rules);
                for _ in 0..30 {
                    let mut known: Vec<u64> = (0..3).map(|_| rng.next()).collect();
                    known.extend((0..2).map(|_| 1u64 << rng.below(64)));
                    let (mut acc, mut got, mut undecided) = (Vec::new(), Vec::new(), Vec::new());
                    masks.decide(&known, &mut acc, &mut got, &mut undecided);
                    assert_eq!(got.len(), count.div_ceil(64));
                    for (r, conjuncts) in rules.iter().enumerate() {
                        let all = conjuncts.iter().flatten().flatten().all(|c| c.iter().any(|l| holds(l, &known)));
                        let jump = conjuncts.iter().any(Option::is_none)
                            || conjuncts.iter().flatten().flatten().filter(|c| c.len() > 1).count() > MAX_LAYERS;
                        let (h, u) = (got[r / 64] >> (r % 64) & 1 == 1, undecided[r / 64] >> (r % 64) & 1 == 1);
                        if jump {
                            assert!(!h, "rule {r} of {count}, layers {layers}: the jump code decides it");
                            assert!(u || !all, "rule {r} of {count}, layers {layers}: screened out but holds");
                        } else {
                            assert_eq!(h, all, "rule {r} of {count}, layers {layers}");
                            assert!(!u);
                        }
                    }
                    // No bit past the last rule.
                    if count % 64 != 0 {
                        assert_eq!(got[count / 64] >> (count % 64), 0);
                        assert_eq!(undecided[count / 64] >> (count % 64), 0);
                    }
                    let mut generic = Vec::new();
                    masks.accumulate_into(&known, &mut generic);
                    let fixed: Option<Vec<u64>> = match masks.stride {
                        1 => Some(masks.accumulate::<1>(&known).to_vec()),
                        2 => Some(masks.accumulate::<2>(&known).to_vec()),
                        3 => Some(masks.accumulate::<3>(&known).to_vec()),
                        4 => Some(masks.accumulate::<4>(&known).to_vec()),
                        5 => Some(masks.accumulate::<5>(&known).to_vec()),
                        6 => Some(masks.accumulate::<6>(&known).to_vec()),
                        8 => Some(masks.accumulate::<8>(&known).to_vec()),
                        _ => None,
                    };
                    if let Some(fixed) = fixed {
                        assert_eq!(fixed, generic);
                    }
                }
            }
        }
    }
}
