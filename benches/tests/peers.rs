//! The hand-written baseline of the peer rules is right, so its speed means something: it
//! agrees with the shared harness's independent oracle and with the engine on every case of
//! the sample, and the sample makes every outcome vary.

use wegwijs::Timestamp;
use wegwijs_benches::peers;
use wegwijs_benches::peers_baseline::evaluate;

#[test]
fn the_baseline_agrees_with_the_oracle_and_the_engine() {
    let engine = peers::engine();
    let now = Timestamp::parse(wegwijs_benches::NOW).unwrap();
    let (cases, typed, expected) = (peers::cases(), peers::typed_cases(), peers::expected());
    assert_eq!(cases.len(), expected.len());
    assert!(cases.len() >= 100, "the sample is too small to mean anything");
    for (i, ((json, typed), want)) in cases.iter().zip(&typed).zip(&expected).enumerate() {
        assert_eq!(evaluate(typed), *want, "baseline differs from the oracle on case {i}");
        let case = engine.case_from_json(&serde_json::Value::Object(json.clone())).expect("valid case");
        let got = peers::as_peer_result(engine.evaluate(&case, now).outcome());
        assert_eq!(got, *want, "engine differs from the oracle on case {i}");
    }
    // Not a trivial sample: several regie levels and many different proposal sets occur.
    let levels: std::collections::BTreeSet<u8> = expected.iter().map(|e| e.regie).collect();
    let sets: std::collections::BTreeSet<u64> = expected.iter().map(|e| e.proposals).collect();
    assert!(levels.len() >= 3 && sets.len() >= 100, "levels {levels:?}, {} proposal sets", sets.len());
}
