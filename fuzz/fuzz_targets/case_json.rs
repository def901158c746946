//! Case JSON → evaluate, proposal, questions and why-not on the national rules, at any
//! 64-bit `now` (the first 8 bytes; one outside RFC 3339 must be refused). Nothing may panic; every field that promises
//! RFC 3339 must hold RFC 3339.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use wegwijs::{Engine, Timestamp};

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::national)
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 9 {
        return;
    }
    let (head, rest) = data.split_at(9);
    let now = i64::from_le_bytes(head[..8].try_into().expect("8 bytes"));
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let engine = engine();
    let Ok(case) = engine.case_from_str(text) else { return };
    // Any 64-bit `now`: outside RFC 3339 it must be refused, never evaluated.
    let Ok(now) = Timestamp::from_unix(now) else { return };
    let evaluation = engine.evaluate(&case, now);
    let proposal = evaluation.proposal();
    let json = serde_json::to_string(&proposal).expect("a proposal serializes");
    assert!(!json.is_empty());
    let _ = evaluation.questions();
    let offers = &engine.source().offers;
    let offer = &offers[usize::from(head[8]) % offers.len()];
    evaluation.why_not(&offer.id).expect("a catalogue offer has a why-not");
});
