//! Decide and verify (issue 20): a case record, then after `\n---\n` an MDT decision and,
//! optionally after another `\n---\n`, a second one, at any 64-bit `now` (the first 8
//! bytes). Nothing may panic; verify never panics on any record; a record `decide` wrote
//! reads back and its new decision verifies (decision, proposal and chain hashes match,
//! same case); changing the decision's regie afterwards is reported by `verify`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use wegwijs::{CaseCheck, Engine, HashCheck, Record, Timestamp};

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::national)
}

/// Decides, checks the written record reads back and its last decision verifies.
fn decide_and_check(engine: &Engine, record: &Record, text: &str, now: Timestamp) -> Option<Record> {
    let decision = engine.decision_from_str(text).ok()?;
    let updated = engine.decide(record, &decision, now).ok()?;
    let written = updated.to_json().to_string();
    let back = engine.record_from_str(&written).expect("a record written by decide reads back");
    let check = engine.verify(&back);
    let last = check.decisions.last().expect("decide added a decision");
    assert_eq!(last.decision, HashCheck::Ok, "a decision decide stamped verifies: {written}");
    assert_eq!(last.proposal, HashCheck::Ok, "its proposal hash matches: {written}");
    assert_eq!(last.chain, HashCheck::Ok, "its chain hash matches: {written}");
    assert_eq!(last.case, CaseCheck::Ok);
    Some(back)
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let (head, rest) = data.split_at(8);
    let Ok(now) = Timestamp::from_unix(i64::from_le_bytes(head.try_into().expect("8 bytes"))) else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let mut parts = text.splitn(3, "\n---\n");
    let engine = engine();
    let Some(record_text) = parts.next() else { return };
    let Ok(record) = engine.record_from_str(record_text) else { return };
    let before = engine.verify(&record);
    serde_json::to_string(&before).expect("a verification serializes");
    serde_json::to_string(&engine.evaluate_record(&record, now).proposal()).expect("a proposal serializes");
    let Some(first) = parts.next() else { return };
    let Some(updated) = decide_and_check(engine, &record, first, now) else { return };
    // An edited decision is reported.
    let mut edited = updated.to_json();
    let last = edited["decisions"].as_array_mut().and_then(|d| d.last_mut()).expect("a decision");
    let other = if last["regie"] == "R0" { "R1" } else { "R0" };
    last["regie"] = other.into();
    if let Ok(edited) = engine.record_from_json(&edited) {
        let check = engine.verify(&edited);
        assert_eq!(check.decisions.last().map(|d| d.decision), Some(HashCheck::Mismatch), "an edited regie shows");
        assert!(!check.verified);
    }
    if let Some(second) = parts.next() {
        decide_and_check(engine, &updated, second, now);
    }
});
