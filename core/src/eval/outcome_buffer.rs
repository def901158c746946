//! The outcome-only path: one case's outcome written into a buffer the caller owns and
//! reuses, for batches, impact studies and bindings that only need the decision.
//!
//! Offers are bit sets in catalogue order (certain, possible), levels are indices. Nothing
//! is allocated once the buffer has grown to the rule set's size, nothing is sorted (the
//! display order of [`super::outcome::Outcome`] is for proposals), and the case is not
//! copied: its derived facts are appended to the case's own values for the evaluation and
//! removed after. Explanations, questions and why-not need an [`crate::Evaluation`].

use super::outcome::{contribution, outranks, pick_regiehouder, raise, LevelOutcome, RegiehouderOutcome};
use super::value::{Tri, Value};
use crate::compile::condition_code::{all_if, ExactTruth};
use crate::compile::program::Env;
use crate::compile::RuleSet;

/// The outcome of one evaluation as bit sets and level indices, filled by
/// [`crate::Engine::outcome_into`]. Create it once (`OutcomeBuffer::default()`) and reuse
/// it: it keeps its memory between evaluations (and works with any engine).
#[derive(Clone, Debug, Default)]
pub struct OutcomeBuffer {
    /// Bit `i` (word `i / 64`, bit `i % 64`): offer `i` is referred to with certainty.
    certain: Vec<u64>,
    /// Offers that open questions could still add (never also in `certain`).
    possible: Vec<u64>,
    /// Per offer: its urgency index, where the offer is certain or possible.
    urgency: Vec<u8>,
    /// Per area, in manifest order.
    needs: Vec<LevelOutcome>,
    regie: LevelOutcome,
    regiehouder: Option<RegiehouderOutcome>,
    /// Scratch: per rule its truth, then per offer its wish (as `decide_all` writes them),
    /// for a case with atoms that are not exact.
    truth: Vec<Tri>,
    /// Scratch: the rules that hold and the wishes that allow, for a case whose atoms are
    /// all exact.
    exact: ExactTruth,
}

impl OutcomeBuffer {
    /// The offers referred to with certainty, as a bit set over the catalogue.
    pub fn certain_bits(&self) -> &[u64] {
        &self.certain
    }

    /// The offers open questions could still add, as a bit set over the catalogue.
    pub fn possible_bits(&self) -> &[u64] {
        &self.possible
    }

    /// Whether offer `offer` (catalogue index) is referred to with certainty.
    pub fn is_certain(&self, offer: usize) -> bool {
        bit(&self.certain, offer)
    }

    /// Whether offer `offer` is possible only (open questions could add it).
    pub fn is_possible(&self, offer: usize) -> bool {
        bit(&self.possible, offer)
    }

    /// The urgency index of a certain or possible offer (`None` when it is not referred).
    pub fn urgency(&self, offer: usize) -> Option<u8> {
        (self.is_certain(offer) || self.is_possible(offer)).then(|| self.urgency[offer])
    }

    /// The certain offers, in catalogue order.
    pub fn certain_offers(&self) -> Offers<'_> {
        ones(&self.certain)
    }

    /// The possible offers, in catalogue order.
    pub fn possible_offers(&self) -> Offers<'_> {
        ones(&self.possible)
    }

    /// Need per area, in manifest order.
    pub fn needs(&self) -> &[LevelOutcome] {
        &self.needs
    }

    /// The regie level.
    pub fn regie(&self) -> LevelOutcome {
        self.regie
    }

    /// The proposed regiehouder, if any rule proposes one.
    pub fn regiehouder(&self) -> Option<&RegiehouderOutcome> {
        self.regiehouder.as_ref()
    }
}

fn bit(set: &[u64], i: usize) -> bool {
    set.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
}

/// The offers of a bit set, in catalogue order ([`OutcomeBuffer::certain_offers`]); knows
/// its length (a population count), so bindings can size their output at once.
#[derive(Clone, Debug)]
pub struct Offers<'a> {
    words: &'a [u64],
    /// The word being read (its bits already taken cleared) and its index.
    current: u64,
    at: usize,
}

fn ones(set: &[u64]) -> Offers<'_> {
    Offers { words: set, current: set.first().copied().unwrap_or(0), at: 0 }
}

impl Iterator for Offers<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while self.current == 0 {
            self.at += 1;
            self.current = *self.words.get(self.at)?;
        }
        let j = self.current.trailing_zeros() as usize;
        self.current &= self.current - 1;
        Some(self.at * 64 + j)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let rest: u32 = self.words.iter().skip(self.at + 1).map(|w| w.count_ones()).sum();
        let n = (self.current.count_ones() + rest) as usize;
        (n, Some(n))
    }
}

impl ExactSizeIterator for Offers<'_> {}

/// Evaluates `values` (one per schema fact) at `now` into `out`. The derived facts are
/// appended to `values` while the conditions run and removed before returning.
pub(crate) fn evaluate(rules: &RuleSet, values: &mut Vec<Value>, now: i64, out: &mut OutcomeBuffer) {
    evaluate_with(rules, values, now, out, rules.effects.narrow.as_deref());
}

/// [`evaluate`] with the wide merge of an exact case even where the narrow one applies, so
/// that tests cover both on the same rule sets.
#[cfg(test)]
pub(crate) fn evaluate_wide(rules: &RuleSet, values: &mut Vec<Value>, now: i64, out: &mut OutcomeBuffer) {
    evaluate_with(rules, values, now, out, None);
}

fn evaluate_with(
    rules: &RuleSet,
    values: &mut Vec<Value>,
    now: i64,
    out: &mut OutcomeBuffer,
    narrow: Option<&[NarrowEffects]>,
) {
    let facts = rules.facts.len();
    values.resize(facts, Value::Unknown);
    rules.plan.derive(values, rules.derived.len(), now);
    let env = Env { slots: values, now };
    if rules.conditions.decide_exact(&env, &rules.program, &mut out.exact, &mut out.truth) {
        match narrow {
            Some(narrow) => merge_exact_narrow(rules, narrow, out),
            None => merge_exact(rules, out),
        }
    } else {
        merge(rules, out);
    }
    values.truncate(facts);
}

/// Clears `out`'s bit sets and levels for `rules`. Urgencies start at 0, the lowest, so
/// that [`merge_exact`] can take maxima without asking whether an offer was set before.
fn reset(rules: &RuleSet, out: &mut OutcomeBuffer) {
    let offers = rules.offers.len();
    for set in [&mut out.certain, &mut out.possible] {
        set.clear();
        set.resize(offers.div_ceil(64), 0);
    }
    out.urgency.clear();
    out.urgency.resize(offers, 0);
    out.needs.clear();
    out.needs.resize(rules.source.manifest.areas.len(), LevelOutcome::default());
    out.regie = LevelOutcome::default();
}

/// The rules' effects packed for [`merge_exact`]: per rule a few bytes and ranges into
/// shared lists, instead of the [`crate::compile::model::Rule`]s with their texts and
/// deadlines spread over several cache lines, and per rule its offers as words of bits.
#[derive(Clone, Debug, Default)]
pub(crate) struct Effects {
    rules: Vec<RuleEffects>,
    /// Every rule's referrals above the first urgency, as (offer, urgency); a rule's are
    /// `RuleEffects::refers`. (Those at the first urgency only set their offer's bit.)
    refers: Vec<(u16, u8)>,
    /// Every rule's offers as (word, bits), one entry per word it refers into.
    offer_words: Vec<(u32, u64)>,
    /// Every rule's needs, as (area, level).
    needs: Vec<(u8, u8)>,
    /// The same effects per rule in one fixed-size record, when the catalogue fits in one
    /// word and there are at most [`NARROW_AREAS`] areas (the national rules and the peer
    /// workload): [`merge_exact_narrow`] then ORs and maxes registers, with no ranges to
    /// follow and no bounds to check per effect.
    pub(crate) narrow: Option<Box<[NarrowEffects]>>,
}

/// The most areas [`NarrowEffects`] holds.
const NARROW_AREAS: usize = 8;

/// One rule's effects for [`merge_exact_narrow`].
#[derive(Clone, Debug)]
pub(crate) struct NarrowEffects {
    /// The offers it refers to, as bits over the catalogue.
    offers: u64,
    /// Its need level per area (0, the first level, where it sets none).
    needs: [u8; NARROW_AREAS],
    regie: u8,
    is_override: bool,
    regiehouder: Option<(u16, i64)>,
    /// Its referrals above the first urgency, in [`Effects::refers`].
    refers: std::ops::Range<u32>,
}

#[derive(Clone, Debug)]
struct RuleEffects {
    refers: std::ops::Range<u32>,
    offer_words: std::ops::Range<u32>,
    needs: std::ops::Range<u32>,
    /// Its regie level; 0 without one (raising a level to the first level changes nothing).
    regie: u8,
    is_override: bool,
    regiehouder: Option<(u16, i64)>,
}

impl Effects {
    pub(crate) fn build(rules: &[crate::compile::model::Rule], offers: usize) -> Effects {
        let mut out = Effects::default();
        let at = |len: usize| len as u32;
        for rule in rules {
            // Urgencies start at the first (0): only higher ones need a visit.
            let start = at(out.refers.len());
            out.refers.extend(rule.refer.iter().filter(|r| r.urgency > 0).map(|r| (r.offer, r.urgency)));
            let refers = start..at(out.refers.len());
            let mut words = vec![0u64; offers.div_ceil(64)];
            for r in &rule.refer {
                words[r.offer as usize / 64] |= 1 << (r.offer % 64);
            }
            let start = at(out.offer_words.len());
            out.offer_words.extend(words.iter().enumerate().filter(|(_, &m)| m != 0).map(|(w, &m)| (w as u32, m)));
            let needs = at(out.needs.len())..at(out.needs.len() + rule.needs.len());
            out.needs.extend_from_slice(&rule.needs);
            out.rules.push(RuleEffects {
                refers,
                offer_words: start..at(out.offer_words.len()),
                needs,
                regie: rule.regie.unwrap_or(0),
                is_override: rule.is_override,
                regiehouder: rule.regiehouder,
            });
        }
        out.narrow = Self::narrow(rules, &out, offers);
        out
    }

    /// The rules' [`NarrowEffects`], when the catalogue and the areas fit them.
    fn narrow(rules: &[crate::compile::model::Rule], effects: &Effects, offers: usize) -> Option<Box<[NarrowEffects]>> {
        let areas_fit = rules.iter().flat_map(|r| &r.needs).all(|&(area, _)| usize::from(area) < NARROW_AREAS);
        if offers > 64 || !areas_fit {
            return None;
        }
        let narrow = rules.iter().zip(&effects.rules).map(|(rule, packed)| {
            let mut needs = [0u8; NARROW_AREAS];
            for &(area, level) in &rule.needs {
                let at = &mut needs[usize::from(area)];
                *at = (*at).max(level);
            }
            NarrowEffects {
                offers: rule.refer.iter().fold(0, |bits, r| bits | 1 << r.offer),
                needs,
                regie: packed.regie,
                is_override: rule.is_override,
                regiehouder: rule.regiehouder,
                refers: packed.refers.clone(),
            }
        });
        Some(narrow.collect())
    }
}

/// [`merge`] when every rule and wish is decided (`out.exact`): only the rules that hold
/// are visited, every contribution is certain (so a level is the maximum of the levels
/// raised, and an offer's urgency the maximum of its allowed referrals), and no
/// regiehouder can be challenged.
fn merge_exact(rules: &RuleSet, out: &mut OutcomeBuffer) {
    reset(rules, out);
    let OutcomeBuffer { certain, urgency, needs, regie, regiehouder, exact, .. } = out;
    let effects = &rules.effects;
    let wishes = &exact.wishes;
    let mut best: Option<(i64, u16)> = None;
    let mut regie_level = 0u8;
    for (w, &word) in exact.rules.iter().enumerate() {
        let mut holds = word;
        while holds != 0 {
            let rule = &effects.rules[w * 64 + holds.trailing_zeros() as usize];
            holds &= holds - 1;
            for &(area, level) in &effects.needs[rule.needs.start as usize..rule.needs.end as usize] {
                raise(&mut needs[area as usize], level, true);
            }
            regie_level = regie_level.max(rule.regie);
            if let Some((id, rank)) = rule.regiehouder.filter(|&(id, rank)| outranks(id, rank, best)) {
                best = Some((rank, id));
            }
            // An override refers whatever the wishes say.
            let overrides = all_if(rule.is_override);
            for &(word, bits) in &effects.offer_words[rule.offer_words.start as usize..rule.offer_words.end as usize] {
                certain[word as usize] |= bits & (wishes[word as usize] | overrides);
            }
            for &(offer, level) in &effects.refers[rule.refers.start as usize..rule.refers.end as usize] {
                let o = offer as usize;
                let allowed = rule.is_override | (wishes[o / 64] >> (o % 64) & 1 == 1);
                urgency[o] = urgency[o].max(level & 0u8.wrapping_sub(u8::from(allowed)));
            }
        }
    }
    raise(regie, regie_level, true);
    // As `pick_regiehouder` decides with no undecided rule: every proposing rule holds, so
    // the best of them is certain.
    *regiehouder = best.map(|(rank, id)| RegiehouderOutcome { id, rank, certain: true });
}

/// [`merge_exact`] over [`NarrowEffects`]: the offers in one word, the needs in one array
/// of at most [`NARROW_AREAS`] levels, maxed together (the compiler keeps both in
/// registers and maxes the levels in one vector instruction).
fn merge_exact_narrow(rules: &RuleSet, narrow: &[NarrowEffects], out: &mut OutcomeBuffer) {
    reset(rules, out);
    let OutcomeBuffer { certain, urgency, needs, regie, regiehouder, exact, .. } = out;
    let refers = &rules.effects.refers;
    let wishes = exact.wishes.first().copied().unwrap_or(0);
    let (mut offers, mut levels, mut regie_level) = (0u64, [0u8; NARROW_AREAS], 0u8);
    let mut best: Option<(i64, u16)> = None;
    for (w, &word) in exact.rules.iter().enumerate() {
        let mut holds = word;
        while holds != 0 {
            // INVARIANT: the masks kill the bits past the last rule, so a rule holds.
            let rule = &narrow[w * 64 + holds.trailing_zeros() as usize];
            holds &= holds - 1;
            // An override refers whatever the wishes say.
            let allowed = wishes | all_if(rule.is_override);
            offers |= rule.offers & allowed;
            for (level, &of_rule) in levels.iter_mut().zip(&rule.needs) {
                *level = (*level).max(of_rule);
            }
            regie_level = regie_level.max(rule.regie);
            if let Some((id, rank)) = rule.regiehouder.filter(|&(id, rank)| outranks(id, rank, best)) {
                best = Some((rank, id));
            }
            for &(offer, level) in &refers[rule.refers.start as usize..rule.refers.end as usize] {
                let o = usize::from(offer);
                urgency[o] = urgency[o].max(level & 0u8.wrapping_sub((allowed >> o & 1) as u8));
            }
        }
    }
    if let Some(word) = certain.first_mut() {
        *word = offers;
    }
    // Every contribution is certain: a level reached is reached with certainty.
    for (need, &level) in needs.iter_mut().zip(&levels) {
        *need = LevelOutcome { certain: level, up_to: level };
    }
    raise(regie, regie_level, true);
    // As `pick_regiehouder` decides with no undecided rule: every proposing rule holds, so
    // the best of them is certain.
    *regiehouder = best.map(|(rank, id)| RegiehouderOutcome { id, rank, certain: true });
}

/// Merges the effects of the rules that are true or undecided into `out`, as
/// [`super::outcome::merge`] does, but into bit sets and without collecting deadlines.
fn merge(rules: &RuleSet, out: &mut OutcomeBuffer) {
    reset(rules, out);
    let OutcomeBuffer { certain, possible, urgency, needs, regie, regiehouder, truth, .. } = out;
    let (status, wishes) = truth.split_at(rules.rules.len());
    let mut best: Option<(i64, u16)> = None;
    let mut live_regiehouder = false;
    for (rule, &st) in rules.rules.iter().zip(status) {
        if st == Tri::False {
            continue;
        }
        let sure = st == Tri::True;
        for &(area, level) in &rule.needs {
            raise(&mut needs[area as usize], level, sure);
        }
        if let Some(level) = rule.regie {
            raise(regie, level, sure);
        }
        if let Some((id, rank)) = rule.regiehouder {
            live_regiehouder = true;
            if sure && outranks(id, rank, best) {
                best = Some((rank, id));
            }
        }
        for refer in &rule.refer {
            let o = refer.offer as usize;
            let through = contribution(rule.is_override, st, wishes[o]);
            let (w, b) = (o / 64, 1u64 << (o % 64));
            match through {
                Tri::False => {}
                Tri::True if certain[w] & b == 0 => {
                    certain[w] |= b;
                    urgency[o] = refer.urgency;
                }
                Tri::True => urgency[o] = urgency[o].max(refer.urgency),
                Tri::Unknown if certain[w] & b != 0 => {}
                Tri::Unknown if possible[w] & b == 0 => {
                    possible[w] |= b;
                    urgency[o] = refer.urgency;
                }
                Tri::Unknown => urgency[o] = urgency[o].max(refer.urgency),
            }
        }
    }
    for (p, c) in possible.iter_mut().zip(certain.iter()) {
        *p &= !c;
    }
    *regiehouder = if live_regiehouder { pick_regiehouder(rules, status, best) } else { None };
}

#[cfg(test)]
mod tests {
    use super::{ones, Effects};
    use crate::compile::model::{Refer, Rule};

    fn rule(refers: &[(u16, u8)], regie: Option<u8>) -> Rule {
        Rule {
            when: 0,
            needs: vec![(0, 2)],
            refer: refers.iter().map(|&(offer, urgency)| Refer { offer, urgency, deadline: None }).collect(),
            regie,
            regiehouder: None,
            is_override: false,
            consent_only: false,
            because: Vec::new(),
            reads: Vec::new(),
        }
    }

    /// A rule's offers land in their own words (more than 64 offers), each word once, and
    /// only referrals above the first urgency are kept for the urgency pass.
    #[test]
    fn effects_pack_offers_by_word_beyond_64_offers() {
        let rules = [rule(&[(3, 0), (70, 2), (130, 0), (69, 1)], Some(3)), rule(&[], None), rule(&[(63, 1)], None)];
        let effects = Effects::build(&rules, 140);
        let words = |r: usize| {
            let range = effects.rules[r].offer_words.clone();
            effects.offer_words[range.start as usize..range.end as usize].to_vec()
        };
        let refers = |r: usize| {
            let range = effects.rules[r].refers.clone();
            effects.refers[range.start as usize..range.end as usize].to_vec()
        };
        assert_eq!(words(0), vec![(0, 1 << 3), (1, 1 << 6 | 1 << 5), (2, 1 << 2)]);
        assert_eq!(refers(0), vec![(70, 2), (69, 1)]);
        assert_eq!((words(1), refers(1)), (vec![], vec![]));
        assert_eq!((words(2), refers(2)), (vec![(0, 1 << 63)], vec![(63, 1)]));
        assert_eq!((effects.rules[0].regie, effects.rules[1].regie), (3, 0));
        assert_eq!(effects.rules[2].needs.clone(), 2..3);
    }

    #[test]
    fn offers_come_in_order_across_words_and_know_their_length() {
        let set = [1u64 << 63 | 1, 0, 1 << 5];
        let it = ones(&set);
        assert_eq!(it.len(), 3);
        assert_eq!(it.collect::<Vec<_>>(), vec![0, 63, 133]);
        let mut it = ones(&set);
        it.next();
        assert_eq!(it.len(), 2);
        assert_eq!(ones(&[]).count(), 0);
        assert_eq!(ones(&[0, 0]).len(), 0);
    }
}
