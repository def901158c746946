//! Case record JSON (docs/case-record.md) → evaluate, proposal, questions, changes since the
//! last decision, agenda and, when the input carries one after a `\n---\n` line, an MDT
//! decision, at any 64-bit `now` (the first 8 bytes; one outside RFC 3339 must be refused).
//! Nothing may panic, and a record that `decide` wrote must read back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use wegwijs::{Engine, Timestamp};

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::national)
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let (head, rest) = data.split_at(8);
    let Ok(now) = Timestamp::from_unix(i64::from_le_bytes(head.try_into().expect("8 bytes"))) else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let (record_text, decision_text) = match text.split_once("\n---\n") {
        Some((r, d)) => (r, Some(d)),
        None => (text, None),
    };
    let engine = engine();
    let Ok(record) = engine.record_from_str(record_text) else { return };
    let evaluation = engine.evaluate_record(&record, now);
    serde_json::to_string(&evaluation.proposal()).expect("a proposal serializes");
    let _ = evaluation.questions();
    if let Some(previous) = engine.proposal_at_last_decision(&record) {
        serde_json::to_string(&evaluation.changes_since(&previous)).expect("changes serialize");
    }
    let agenda = engine.agenda(&[("fuzz".to_string(), record.clone())], now);
    serde_json::to_string(&agenda).expect("an agenda serializes");
    let Some(decision) = decision_text.and_then(|d| engine.decision_from_str(d).ok()) else { return };
    if let Ok(updated) = engine.decide(&record, &decision, now) {
        let written = updated.to_json().to_string();
        engine.record_from_str(&written).expect("a record written by decide reads back");
    }
});
