//! Differential property test: the hot path (flat plan for derived facts, jump code for
//! conditions and wishes) gives exactly what the recursive three-valued evaluator gives, on
//! random partial cases (unknowns and time ranges included) of the national rules and of
//! the peer workload's rules (`benches/fixtures/peers/rules`). The outcome-only path is
//! checked too, including its rule masks for cases whose atoms are all exact.

use crate::compile::condition_code::ExactTruth;
use crate::compile::program::Env;
use crate::compile::RuleSet;
use crate::eval::outcome;
use crate::eval::value::{Tri, Value};
use crate::expr::types::Ty;
use crate::{Engine, OutcomeBuffer, Timestamp};
use proptest::prelude::*;
use std::sync::OnceLock;

const NOW: i64 = 1_780_000_000;

fn peers() -> &'static Engine {
    static PEERS: OnceLock<Engine> = OnceLock::new();
    PEERS.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../benches/fixtures/peers/rules");
        Engine::load(dir).unwrap_or_else(|e| panic!("peer rules load:\n{e}"))
    })
}

/// The small test rule set (`tests/fixtures/mini`): few rules, none with an `or` clause, so
/// its rule masks have no clause layers and the unused bits of its last rule word matter.
fn mini() -> &'static Engine {
    static MINI: OnceLock<Engine> = OnceLock::new();
    MINI.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/mini");
        Engine::load(dir).unwrap_or_else(|e| panic!("mini rules load:\n{e}"))
    })
}

fn national() -> &'static Engine {
    static NATIONAL: OnceLock<Engine> = OnceLock::new();
    NATIONAL.get_or_init(Engine::national)
}

/// One value per schema fact from `seeds`: unknown about one time in `unknown_in` (never for 0), near the
/// ends of int ranges often (where comparisons flip), and sometimes a time or int range.
fn values(rules: &RuleSet, seeds: &[u64], unknown_in: u64) -> Vec<Value> {
    rules
        .facts
        .iter()
        .zip(seeds.iter().cycle())
        .map(|(f, &r)| {
            if unknown_in > 0 && r % unknown_in == 0 {
                return Value::Unknown;
            }
            let r = r.checked_div(unknown_in).unwrap_or(r);
            match f.ty {
                Ty::Bool => Value::Bool(r % 2 == 0),
                Ty::Int if r % 11 == 3 => {
                    let lo = f.min + (r >> 8) as i64 % (f.max - f.min + 1).max(1);
                    Value::int_range(lo, (lo + 1 + (r >> 20) as i64 % 30).min(f.max))
                }
                Ty::Int => {
                    let span = (f.max - f.min + 1).max(1);
                    let x = if r % 3 == 0 { (r >> 4) as i64 % span } else { (r >> 4) as i64 % span.min(200) };
                    Value::Int(f.min + x)
                }
                Ty::Enum(d) => Value::Enum(((r >> 8) % rules.domains[d as usize].values.len() as u64) as u16),
                Ty::Set(d) => Value::Set((r >> 8) & ((1u64 << rules.domains[d as usize].values.len()) - 1)),
                Ty::DateTime | Ty::Date if r % 5 == 1 => {
                    let to = NOW - ((r >> 8) % (24 * 400)) as i64 * 3600;
                    Value::time_range(to - ((r >> 20) % (24 * 30)) as i64 * 3600 - 1, to)
                }
                Ty::DateTime | Ty::Date => Value::Time(NOW - ((r >> 8) % (24 * 400)) as i64 * 3600),
            }
        })
        .collect()
}

/// The fast path and the recursive evaluator agree on every rule, wish and outcome.
fn agree(engine: &Engine, seeds: &[u64], unknown_in: u64) -> Result<(), TestCaseError> {
    let rules = engine.rules();
    let case = values(rules, seeds, unknown_in);
    let mut slots = case.clone();
    outcome::derive(rules, &mut slots, NOW);
    let env = Env { slots: &slots, now: NOW };
    let status: Vec<Tri> = rules.rules.iter().map(|r| rules.program.truth(r.when, &env)).collect();
    let wishes: Vec<Tri> = (0..rules.offers.len()).map(|o| outcome::wish_status(rules, o, &env)).collect();
    let reference = outcome::merge(rules, &status, &wishes, &slots);
    let ev = engine.evaluate_values(&case, NOW, &[]);
    prop_assert_eq!(ev.rule_status(), &status[..]);
    prop_assert_eq!(ev.outcome(), &reference);
    prop_assert_eq!(ev.env().slots, &slots[..]);
    prop_assert_eq!(ev.wishes(), &wishes[..]);
    same_as_exact_truth(rules, &env, &status, &wishes)?;
    same_as_buffer(engine, &case, &reference)
}

/// Where every atom is exact, the outcome path's bit sets (rules through their masks,
/// wishes through their code) are the reference's truths, which are then all decided.
fn same_as_exact_truth(rules: &RuleSet, env: &Env, status: &[Tri], wishes: &[Tri]) -> Result<(), TestCaseError> {
    let mut exact = ExactTruth::default();
    let mut truth = Vec::new();
    if !rules.conditions.decide_exact(env, &rules.program, &mut exact, &mut truth) {
        prop_assert_eq!(truth.len(), status.len() + wishes.len());
        return Ok(());
    }
    let bit = |set: &[u64], i: usize| if set[i / 64] >> (i % 64) & 1 == 1 { Tri::True } else { Tri::False };
    let got: Vec<Tri> = (0..status.len()).map(|r| bit(&exact.rules, r)).collect();
    prop_assert_eq!(&got[..], status);
    let got: Vec<Tri> = (0..wishes.len()).map(|o| bit(&exact.wishes, o)).collect();
    prop_assert_eq!(&got[..], wishes);
    Ok(())
}

/// One buffer reused across complete and partial cases gives each case's own outcome.
#[test]
fn a_reused_buffer_does_not_leak_between_exact_and_open_cases() {
    for engine in [peers(), national(), mini()] {
        let rules = engine.rules();
        let now = Timestamp::from_unix(NOW).unwrap();
        let mut shared = OutcomeBuffer::default();
        for i in 0..40u64 {
            let seeds: Vec<u64> = (1..=64u64).map(|k| (k + 97 * i).wrapping_mul(0x9e37_79b9_7f4a_7c15)).collect();
            let mut case = crate::Case { values: values(rules, &seeds, if i % 2 == 0 { 0 } else { 4 }) };
            let mut fresh = OutcomeBuffer::default();
            engine.outcome_into(&mut case, now, &mut fresh);
            engine.outcome_into(&mut case, now, &mut shared);
            assert_eq!(shared.certain_bits(), fresh.certain_bits());
            assert_eq!(shared.possible_bits(), fresh.possible_bits());
            for o in 0..rules.offers.len() {
                assert_eq!(shared.urgency(o), fresh.urgency(o));
            }
            assert_eq!(shared.needs(), fresh.needs());
            assert_eq!(shared.regie(), fresh.regie());
            assert_eq!(shared.regiehouder(), fresh.regiehouder());
        }
    }
}

/// The outcome-only path ([`Engine::outcome_into`]) gives the reference outcome as bit
/// sets, and leaves the case as it was; run twice on one buffer (reuse must not leak).
fn same_as_buffer(engine: &Engine, case: &[Value], reference: &outcome::Outcome) -> Result<(), TestCaseError> {
    let mut buffer = OutcomeBuffer::default();
    let mut c = crate::Case { values: case.to_vec() };
    let now = Timestamp::from_unix(NOW).unwrap();
    let mut wide = OutcomeBuffer::default();
    for _ in 0..2 {
        engine.outcome_into(&mut c, now, &mut buffer);
        prop_assert_eq!(&c.values[..], case);
        // The wide merge of an exact case (rule sets with more than 64 offers or more areas
        // than the narrow effects hold) gives the same.
        crate::eval::outcome_buffer::evaluate_wide(engine.rules(), &mut c.values, NOW, &mut wide);
        prop_assert_eq!(&c.values[..], case);
        prop_assert_eq!(wide.certain_bits(), buffer.certain_bits());
        prop_assert_eq!(wide.possible_bits(), buffer.possible_bits());
        for o in 0..engine.rules().offers.len() {
            prop_assert_eq!(wide.urgency(o), buffer.urgency(o));
        }
        prop_assert_eq!(wide.needs(), buffer.needs());
        prop_assert_eq!(wide.regie(), buffer.regie());
        prop_assert_eq!(wide.regiehouder(), buffer.regiehouder());
        let certain: Vec<usize> = reference.referrals.iter().filter(|r| r.certain).map(|r| r.offer as usize).collect();
        let possible: Vec<usize> =
            reference.referrals.iter().filter(|r| !r.certain).map(|r| r.offer as usize).collect();
        let (mut got_certain, mut got_possible): (Vec<usize>, Vec<usize>) =
            (buffer.certain_offers().collect(), buffer.possible_offers().collect());
        got_certain.sort_unstable();
        got_possible.sort_unstable();
        let mut want_certain = certain.clone();
        want_certain.sort_unstable();
        let mut want_possible = possible.clone();
        want_possible.sort_unstable();
        prop_assert_eq!(got_certain, want_certain);
        prop_assert_eq!(got_possible, want_possible);
        for r in &reference.referrals {
            prop_assert_eq!(buffer.urgency(r.offer as usize), Some(r.urgency));
            prop_assert_eq!(buffer.is_certain(r.offer as usize), r.certain);
        }
        prop_assert_eq!(buffer.needs(), &reference.needs[..]);
        prop_assert_eq!(buffer.regie(), reference.regie);
        prop_assert_eq!(buffer.regiehouder(), reference.regiehouder.as_ref());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn fast_path_equals_the_recursive_evaluator_on_national_cases(
        seeds in prop::collection::vec(any::<u64>(), 64), unknown_in in prop_oneof![Just(0u64), 2u64..12],
    ) {
        agree(national(), &seeds, unknown_in)?;
    }

    #[test]
    fn fast_path_equals_the_recursive_evaluator_on_peer_cases(
        seeds in prop::collection::vec(any::<u64>(), 44), unknown_in in prop_oneof![Just(0u64), 2u64..60],
    ) {
        agree(peers(), &seeds, unknown_in)?;
    }

    #[test]
    fn fast_path_equals_the_recursive_evaluator_on_mini_cases(
        seeds in prop::collection::vec(any::<u64>(), 64), unknown_in in prop_oneof![Just(0u64), 2u64..12],
    ) {
        agree(mini(), &seeds, unknown_in)?;
    }
}

/// The generator reaches both paths: complete cases (two-valued all the way) and cases with
/// unknowns; and on the peer rules, complete cases fire rules (so agreement is not vacuous).
#[test]
fn the_generated_cases_exercise_both_paths() {
    let engine = peers();
    let seeds: Vec<u64> = (1..=44u64).map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15)).collect();
    let complete = values(engine.rules(), &seeds, 0);
    assert!(complete.iter().all(|v| *v != Value::Unknown));
    let env = Env { slots: &complete, now: NOW };
    let rules = engine.rules();
    let exact = rules.conditions.decide_exact(&env, &rules.program, &mut ExactTruth::default(), &mut Vec::new());
    assert!(exact, "a complete case takes the exact path");
    let ev = engine.evaluate(&crate::Case { values: complete }, Timestamp::from_unix(NOW).unwrap());
    assert!(ev.rule_status().contains(&Tri::True));
    let partial = values(engine.rules(), &seeds, 3);
    let ev = engine.evaluate(&crate::Case { values: partial }, Timestamp::from_unix(NOW).unwrap());
    assert!(ev.rule_status().contains(&Tri::Unknown));
}
