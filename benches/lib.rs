//! Case corpora shared by the benchmarks: generated from the rule set's own schema with the
//! same generator as the property tests, so every time window and age boundary is hit.

use wegwijs::{Case, Engine, Timestamp};

/// The evaluation time of every benchmark.
pub const NOW: &str = "2026-06-15T12:00:00Z";

/// `n` complete cases and `n` partial ones (about 40 % of the facts unknown).
pub fn corpus(engine: &Engine, n: usize) -> (Vec<Case>, Vec<Case>) {
    let now = Timestamp::parse(NOW).expect("valid").seconds();
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (mut complete, mut partial) = (Vec::new(), Vec::new());
    for _ in 0..n {
        let seeds: Vec<u64> = (0..64).map(|_| next()).collect();
        let mask: Vec<bool> = (0..64).map(|_| next() % 10 < 4).collect();
        let full = wegwijs_tests::complete_case(engine, &seeds, now);
        let part = wegwijs_tests::partial_case(&full, &mask);
        complete.push(engine.case_from_json(&serde_json::Value::Object(full)).expect("valid case"));
        partial.push(engine.case_from_json(&serde_json::Value::Object(part)).expect("valid case"));
    }
    (complete, partial)
}
