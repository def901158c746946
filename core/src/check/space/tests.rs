//! The partition is exact, and follows the constants and windows the rules use; helpers
//! (random values, decisions, the mini fixture) shared with the other analyses' tests.

use super::*;
use crate::compile::program::Env;
use crate::engine::Engine;
use crate::eval::outcome::{derive, wish_status};
use crate::eval::value::Tri;

/// A small deterministic generator (xorshift), enough to spread test cases.
pub(crate) struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// A random value anywhere in the fact's domain (not only the representatives).
pub(crate) fn random_value(rng: &mut Rng, rules: &RuleSet, slot: usize) -> Value {
    let f = &rules.facts[slot];
    match f.ty {
        Ty::Bool => Value::Bool(rng.below(2) == 1),
        Ty::Int => {
            let span = (f.max - f.min) as u64 + 1;
            // Half the time near a small number, where the rules' constants are.
            let v =
                if rng.below(2) == 0 { f.min + rng.below(span.min(40)) as i64 } else { f.min + rng.below(span) as i64 };
            Value::Int(v.min(f.max))
        }
        Ty::Enum(d) => Value::Enum(rng.below(rules.domains[d as usize].values.len() as u64) as u16),
        Ty::Set(d) => Value::Set(rng.next() & ((1u64 << rules.domains[d as usize].values.len()) - 1)),
        Ty::DateTime => {
            let e = match rng.below(3) {
                0 => rng.below(400 * 3600) as i64,
                1 => rng.below(15 * 365 * 86_400) as i64,
                _ => rng.below(3 * 86_400) as i64 - 86_400,
            };
            Value::Time(NOW - e)
        }
        Ty::Date => Value::Time(NOW - 43_200 - (rng.below(6000) as i64 - 300) * 86_400),
    }
}

/// Every rule's and every wish's truth on a case.
pub(crate) fn decisions(rules: &RuleSet, case: &[Value]) -> Vec<Tri> {
    let mut slots = case.to_vec();
    derive(rules, &mut slots, NOW);
    let env = Env { slots: &slots, now: NOW };
    let mut out: Vec<Tri> = rules.rules.iter().map(|r| rules.program.truth(r.when, &env)).collect();
    out.extend((0..rules.offers.len()).map(|o| wish_status(rules, o, &env)));
    out
}

pub(crate) fn mini() -> Engine {
    Engine::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/mini")).expect("the mini fixture loads")
}

/// The partition is exact: in any case, any value of a fact can be replaced by one of
/// its representatives without changing a single rule or wish.
#[test]
fn every_value_behaves_like_one_of_its_representatives() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for engine in [Engine::national(), mini()] {
        let rules = engine.rules();
        let space = Space::single(rules, None, Vec::new());
        for _ in 0..60 {
            let case: Vec<Value> = (0..rules.facts.len()).map(|s| random_value(&mut rng, rules, s)).collect();
            let want = decisions(rules, &case);
            for fact in &space.facts {
                let slot = fact.slots[0].expect("one side") as usize;
                let same = fact.reps.iter().any(|r| {
                    let mut other = case.clone();
                    other[slot] = r.values[0];
                    decisions(rules, &other) == want
                });
                assert!(same, "no representative of `{}` behaves like {:?}", fact.id, case[slot]);
            }
        }
    }
}

#[test]
fn the_partition_follows_the_constants_and_windows_the_rules_use() {
    let engine = mini();
    let space = Space::single(engine.rules(), None, Vec::new());
    let reps = |id: &str| {
        space.facts.iter().find(|f| f.id == id).unwrap().reps.iter().map(|r| r.json.clone()).collect::<Vec<_>>()
    };
    // age < 18: 0 (the minimum), 17, 18, 19.
    assert_eq!(reps("age"), [0, 17, 18, 19].map(Json::from));
    // hours_since(t) <= 72: half an hour before the 72nd hour, within it, after it.
    let times = reps("last_incident_at");
    assert_eq!(
        times,
        ["2026-02-27T12:30:00Z", "2026-02-27T11:30:00Z", "2026-02-27T10:30:00Z"].map(Json::from),
        "{times:?}"
    );
    // relation in ['partner', 'gezinslid']: `partner` and `gezinslid` are one cell.
    assert_eq!(reps("relation"), [Json::from("onbekend"), Json::from("partner")]);
    // 'penetratie' in acts: with it or without it.
    assert_eq!(reps("acts").len(), 2);
    // Read by nothing: one value.
    assert_eq!(reps("region").len(), 1);
}
