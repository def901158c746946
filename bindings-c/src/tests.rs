//! The boundary's error paths, called as a C host would: NULL pointers, invalid UTF-8,
//! bad options, case errors without case values, caught panics.

use crate::boundary::respond;
use crate::*;
use serde_json::Value;
use std::ffi::{c_char, CStr};
use std::ptr::{null, null_mut};

const NOW: &str = r#"{"now": "2026-03-02T18:00:00+01:00"}"#;

fn national() -> *mut WegwijsEngine {
    let mut engine = null_mut();
    // SAFETY: valid out pointer; errors not wanted.
    let status = unsafe { wegwijs_engine_national(&mut engine, null_mut(), null_mut()) };
    assert_eq!(status, WegwijsStatus::Ok);
    assert!(!engine.is_null());
    engine
}

/// Takes ownership of an output buffer: its text, after checking the reported length.
fn take(out: *mut c_char, len: usize) -> String {
    assert!(!out.is_null(), "no output buffer");
    // SAFETY: a NUL-terminated buffer from the library, freed right after.
    let text = unsafe { CStr::from_ptr(out) }.to_str().expect("UTF-8").to_string();
    assert_eq!(text.len(), len, "out_len");
    // SAFETY: from the library, freed once.
    unsafe { wegwijs_string_free(out) };
    text
}

fn evaluate(engine: *const WegwijsEngine, case: &[u8], options: Option<&str>) -> (WegwijsStatus, String) {
    let (mut out, mut len) = (null_mut(), 0usize);
    let (opt_ptr, opt_len) = options.map_or((null(), 0), |o| (o.as_ptr().cast(), o.len()));
    // SAFETY: all pointers valid for their lengths.
    let status =
        unsafe { wegwijs_evaluate(engine, case.as_ptr().cast(), case.len(), opt_ptr, opt_len, &mut out, &mut len) };
    (status, take(out, len))
}

fn error(text: &str) -> Value {
    let v: Value = serde_json::from_str(text).expect("the error object is JSON");
    for field in ["kind", "message", "fact", "argument", "problem", "hint", "file", "line", "column", "path"] {
        assert!(v.get(field).is_some(), "field {field} missing in {text}");
    }
    v
}

#[test]
fn abi_version_is_the_declared_one() {
    assert_eq!(wegwijs_abi_version() >> 16, WEGWIJS_ABI_MAJOR);
    assert_eq!(wegwijs_abi_version() & 0xff, WEGWIJS_ABI_PATCH);
    // SAFETY: a static NUL-terminated string.
    assert_eq!(unsafe { CStr::from_ptr(wegwijs_version()) }.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
}

#[test]
fn evaluate_gives_the_rust_api_bytes() {
    let engine = national();
    let case = r#"{"age": 29, "strangulation": true}"#;
    let (status, out) = evaluate(engine, case.as_bytes(), Some(NOW));
    assert_eq!(status, WegwijsStatus::Ok, "{out}");
    let core = wegwijs::Engine::national();
    let now = wegwijs::Timestamp::parse("2026-03-02T18:00:00+01:00").unwrap();
    let want = serde_json::to_string(&core.evaluate(&core.case_from_str(case).unwrap(), now).proposal()).unwrap();
    assert_eq!(out, want);
    // SAFETY: from the constructor, freed once.
    unsafe { wegwijs_engine_free(engine) };
}

#[test]
fn null_pointers_are_errors_not_crashes() {
    let (status, out) = evaluate(null(), b"{}", None);
    assert_eq!(status, WegwijsStatus::NullPointer);
    assert_eq!(error(&out)["argument"], "engine");

    let engine = national();
    let (mut out, mut len) = (null_mut(), 0usize);
    // SAFETY: NULL case on purpose; other pointers valid.
    let status = unsafe { wegwijs_evaluate(engine, null(), 0, null(), 0, &mut out, &mut len) };
    assert_eq!(status, WegwijsStatus::NullPointer);
    assert_eq!(error(&take(out, len))["argument"], "case_json");

    // No output pointer: nothing to write to, the status alone says it.
    // SAFETY: NULL out on purpose.
    let status = unsafe { wegwijs_evaluate(engine, b"{}".as_ptr().cast(), 2, null(), 0, null_mut(), null_mut()) };
    assert_eq!(status, WegwijsStatus::NullPointer);

    // SAFETY: NULL offer on purpose.
    let status = unsafe { wegwijs_why_not(engine, b"{}".as_ptr().cast(), 2, null(), null(), 0, &mut out, &mut len) };
    assert_eq!(status, WegwijsStatus::NullPointer);
    assert_eq!(error(&take(out, len))["argument"], "offer");

    // Constructors: a NULL engine slot is refused; NULL error outputs are allowed.
    let (mut err, mut err_len) = (null_mut(), 0usize);
    // SAFETY: NULL engine slot on purpose.
    let status = unsafe { wegwijs_engine_national(null_mut(), &mut err, &mut err_len) };
    assert_eq!(status, WegwijsStatus::NullPointer);
    assert_eq!(error(&take(err, err_len))["argument"], "engine");
    // SAFETY: NULL is allowed for both.
    unsafe {
        wegwijs_string_free(null_mut());
        wegwijs_engine_free(null_mut());
        wegwijs_engine_free(engine);
    }
}

#[test]
fn invalid_utf8_is_refused_with_its_offset() {
    let engine = national();
    let (status, out) = evaluate(engine, b"{\"region\": \"\xff\"}", Some(NOW));
    assert_eq!(status, WegwijsStatus::InvalidUtf8);
    let e = error(&out);
    assert_eq!(e["argument"], "case_json");
    assert!(e["problem"].as_str().unwrap().contains("offset 12"), "{out}");

    let path = b"/tmp/\xfe\0";
    let (mut created, mut err, mut err_len) = (null_mut(), null_mut(), 0usize);
    // SAFETY: a NUL-terminated path; valid outputs.
    let status = unsafe { wegwijs_engine_load(path.as_ptr().cast(), null(), 0, &mut created, &mut err, &mut err_len) };
    assert_eq!(status, WegwijsStatus::InvalidUtf8);
    assert!(created.is_null());
    assert_eq!(error(&take(err, err_len))["argument"], "path");
    // SAFETY: from the constructor, freed once.
    unsafe { wegwijs_engine_free(engine) };
}

#[test]
fn case_errors_name_the_fact_never_the_value() {
    let engine = national();
    let secret = "GEHEIM-Jansen-0612345678";
    let cases = [
        format!(r#"{{"age": "{secret}"}}"#),
        format!(r#"{{"agee": "{secret}"}}"#),
        format!(r#"{{"region": "{secret}"}}"#),
        format!(r#"{{"age": 20, "age": "{secret}"}}"#),
        format!(r#"{{"facts": {{"age": "{secret}"}}}}"#),
        format!(r#"["{secret}"]"#),
    ];
    for case in &cases {
        let (status, out) = evaluate(engine, case.as_bytes(), Some(NOW));
        assert_eq!(status, WegwijsStatus::CaseError, "{case}: {out}");
        assert_eq!(error(&out)["kind"], "CaseError");
        assert!(!out.contains(secret), "the value leaked: {out}");
    }
    let (_, out) = evaluate(engine, br#"{"agee": 20}"#, Some(NOW));
    assert!(error(&out)["hint"].as_str().unwrap_or_default().contains("age"), "did-you-mean: {out}");
    // SAFETY: from the constructor, freed once.
    unsafe { wegwijs_engine_free(engine) };
}

#[test]
fn options_are_checked_never_ignored() {
    let engine = national();
    let bad = [
        r#"{"language": "en"}"#,
        r#"{"lang": "fr"}"#,
        r#"{"lang": 7}"#,
        r#"{"now": "yesterday"}"#,
        r#"{"now": true}"#,
        r#"{"now": 1.5}"#,
        r#"{"now": 1, "now": 2}"#,
        r#"{"for": "politei"}"#,
        r#"{"for": "slachtoffer", "voice": "melder"}"#,
        r#"{"voice": "jij"}"#,
        "[1]",
        "{",
    ];
    for options in bad {
        let (status, out) = evaluate(engine, b"{}", Some(options));
        assert_eq!(status, WegwijsStatus::ArgumentError, "{options}: {out}");
        assert_eq!(error(&out)["kind"], "ArgumentError");
    }
    let (_, out) = evaluate(engine, b"{}", Some(r#"{"for": "politei"}"#));
    assert!(out.contains("politie"), "did-you-mean: {out}");
    let (_, out) = evaluate(engine, b"{}", Some(r#"{"nw": 0}"#));
    assert!(error(&out)["hint"].as_str().unwrap().contains("now"), "{out}");
    // Whole seconds and RFC 3339 are the same time.
    let (status, by_seconds) = evaluate(engine, b"{}", Some(r#"{"now": 1772470800}"#));
    assert_eq!(status, WegwijsStatus::Ok);
    assert_eq!(by_seconds, evaluate(engine, b"{}", Some(NOW)).1);
    // SAFETY: from the constructor, freed once.
    unsafe { wegwijs_engine_free(engine) };
}

#[test]
fn rule_errors_carry_the_place() {
    let (mut created, mut err, mut err_len) = (null_mut(), null_mut(), 0usize);
    let bundle = b"{\"format\": 1}";
    // SAFETY: valid buffers and outputs.
    let status = unsafe {
        wegwijs_engine_from_bundle(
            bundle.as_ptr().cast(),
            bundle.len(),
            null(),
            0,
            &mut created,
            &mut err,
            &mut err_len,
        )
    };
    assert_eq!(status, WegwijsStatus::RuleError);
    assert!(created.is_null());
    let e = error(&take(err, err_len));
    assert_eq!(e["kind"], "RuleError");
    assert!(e["diagnostics"].as_array().is_some_and(|d| !d.is_empty()));

    // A key list that says it has keys but is NULL.
    // SAFETY: valid buffers; NULL trusted on purpose.
    let status = unsafe {
        wegwijs_engine_from_bundle(
            bundle.as_ptr().cast(),
            bundle.len(),
            null(),
            2,
            &mut created,
            &mut err,
            &mut err_len,
        )
    };
    assert_eq!(status, WegwijsStatus::ArgumentError);
    assert_eq!(error(&take(err, err_len))["argument"], "trusted_keys");

    // A folder that does not exist.
    // SAFETY: a NUL-terminated path; valid outputs.
    let status = unsafe {
        wegwijs_engine_load(c"/nonexistent/wegwijs".as_ptr(), null(), 0, &mut created, &mut err, &mut err_len)
    };
    assert_eq!(status, WegwijsStatus::RuleError);
    assert!(error(&take(err, err_len))["file"].as_str().unwrap().contains("nonexistent"));
}

#[test]
fn a_signed_bundle_loads_only_with_its_key() {
    let engine = national();
    let (mut out, mut len) = (null_mut(), 0usize);
    // SAFETY: valid outputs.
    assert_eq!(unsafe { wegwijs_bundle(engine, &mut out, &mut len) }, WegwijsStatus::Ok);
    let unsigned = take(out, len);
    let key =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../keys/test-signing-key.public.json")).unwrap();
    let key = std::ffi::CString::new(key).unwrap();
    let keys = [key.as_ptr()];
    let (mut created, mut err, mut err_len) = (null_mut(), null_mut(), 0usize);
    // SAFETY: valid buffers and outputs.
    let status = unsafe {
        wegwijs_engine_from_bundle(
            unsigned.as_ptr().cast(),
            unsigned.len(),
            keys.as_ptr(),
            1,
            &mut created,
            &mut err,
            &mut err_len,
        )
    };
    assert_eq!(status, WegwijsStatus::RuleError, "an unsigned bundle with trusted keys");
    assert!(created.is_null());
    take(err, err_len);
    // SAFETY: valid buffers and outputs; no keys: any bundle.
    let status = unsafe {
        wegwijs_engine_from_bundle(
            unsigned.as_ptr().cast(),
            unsigned.len(),
            null(),
            0,
            &mut created,
            &mut err,
            &mut err_len,
        )
    };
    assert_eq!(status, WegwijsStatus::Ok);
    assert!(err.is_null());
    // SAFETY: valid outputs.
    assert_eq!(unsafe { wegwijs_engine_info(created, &mut out, &mut len) }, WegwijsStatus::Ok);
    let info: Value = serde_json::from_str(&take(out, len)).unwrap();
    assert_eq!(info["hash"], wegwijs::Engine::national().id().hash.as_str());
    // SAFETY: from the constructors, freed once each.
    unsafe {
        wegwijs_engine_free(created);
        wegwijs_engine_free(engine);
    }
}

#[test]
fn agenda_reads_each_record_with_the_core_reader() {
    let engine = national();
    let run = |records: &str| {
        let (mut out, mut len) = (null_mut(), 0usize);
        // SAFETY: valid buffers and outputs.
        let status = unsafe {
            wegwijs_agenda(
                engine,
                records.as_ptr().cast(),
                records.len(),
                NOW.as_ptr().cast(),
                NOW.len(),
                &mut out,
                &mut len,
            )
        };
        (status, take(out, len))
    };
    let (status, out) = run(r#"[{"facts": {"age": 15}}, {"age": 30, "strangulation": true}]"#);
    assert_eq!(status, WegwijsStatus::Ok, "{out}");
    let agenda: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(agenda["entries"].as_array().unwrap().len(), 2);
    let (status, out) = run(r#"[{"facts": {}}, {"age": 30, "age": 31}]"#);
    assert_eq!(status, WegwijsStatus::CaseError, "{out}");
    assert_eq!(error(&out)["argument"], "records_json[1]");
    let (status, out) = run(r#"{"facts": {}}"#);
    assert_eq!(status, WegwijsStatus::ArgumentError, "{out}");

    // SAFETY: from the constructor, freed once.
    unsafe { wegwijs_engine_free(engine) };
}

#[test]
fn a_record_over_the_size_limit_is_refused_on_every_record_call() {
    let engine = national();
    let big = format!("{{\"case\": \"{}\", \"facts\": {{}}}}", "x".repeat(wegwijs::limits::MAX_RECORD_BYTES));
    let (status, out) = evaluate(engine, big.as_bytes(), Some(NOW));
    assert_eq!(status, WegwijsStatus::CaseError, "evaluate");
    assert!(out.contains("longer than") && !out.contains("xxxx"), "{out}");
    let (status, out) = record_call(wegwijs_changes, engine, &big, None);
    assert_eq!(status, WegwijsStatus::CaseError, "{out}");
    let (status, out) = record_call(wegwijs_decide, engine, &big, Some(r#"{"by": "mdt", "regie": "R0"}"#));
    assert_eq!(status, WegwijsStatus::CaseError, "{out}");
    // SAFETY: from the constructor, freed once.
    unsafe { wegwijs_engine_free(engine) };
}

#[test]
fn a_panic_becomes_an_internal_error() {
    let (mut out, mut len) = (null_mut(), 0usize);
    // SAFETY: valid outputs.
    let status = unsafe { respond(&mut out, &mut len, || panic!("case value must not show")) };
    assert_eq!(status, WegwijsStatus::InternalError);
    let text = take(out, len);
    assert_eq!(error(&text)["kind"], "InternalError");
    assert!(!text.contains("case value"), "{text}");
}

/// Runs one of the record calls that take (record, second document, options).
fn record_call(
    f: unsafe extern "C" fn(
        *const WegwijsEngine,
        *const c_char,
        usize,
        *const c_char,
        usize,
        *const c_char,
        usize,
        *mut *mut c_char,
        *mut usize,
    ) -> WegwijsStatus,
    engine: *const WegwijsEngine,
    record: &str,
    second: Option<&str>,
) -> (WegwijsStatus, String) {
    let (mut out, mut len) = (null_mut(), 0usize);
    let (ptr, n) = second.map_or((null(), 0), |s| (s.as_ptr().cast(), s.len()));
    // SAFETY: all buffers valid for their lengths.
    let status = unsafe {
        f(engine, record.as_ptr().cast(), record.len(), ptr, n, NOW.as_ptr().cast(), NOW.len(), &mut out, &mut len)
    };
    (status, take(out, len))
}

#[test]
fn decide_refuses_an_incomplete_decision_and_changes_compare_with_the_last_one() {
    let engine = national();
    let record = r#"{"case": "x", "facts": {"age": 30, "strangulation": true, "police_wish": "aangifte"}}"#;
    let (status, out) = evaluate(engine, record.as_bytes(), Some(NOW));
    assert_eq!(status, WegwijsStatus::Ok, "{out}");
    let p: Value = serde_json::from_str(&out).unwrap();
    let level = p["regie"]["level"].as_str().unwrap();
    let lower = if level == "R0" { "R1" } else { "R0" };

    let incomplete = serde_json::json!({ "by": "mdt", "regie": lower, "accepted": [] }).to_string();
    let (status, out) = record_call(wegwijs_decide, engine, record, Some(&incomplete));
    assert_eq!(status, WegwijsStatus::DecisionError, "{out}");
    assert!(error(&out)["problems"].as_array().is_some_and(|p| !p.is_empty()), "{out}");

    let offers: Vec<&Value> = p["referrals"].as_array().unwrap().iter().map(|r| &r["offer"]).collect();
    let marked = |m: &str| -> Vec<&Value> {
        p["referrals"].as_array().unwrap().iter().filter(|r| !r[m].is_null()).map(|r| &r["offer"]).collect()
    };
    let complete = serde_json::json!({ "by": "mdt", "regie": level, "regiehouder": p["regiehouder"]["id"],
        "accepted": offers, "overrides_acknowledged": marked("against_wish"), "consent_acknowledged": marked("outside_consent") })
    .to_string();
    let (status, updated) = record_call(wegwijs_decide, engine, record, Some(&complete));
    assert_eq!(status, WegwijsStatus::Ok, "{updated}");
    let decisions = serde_json::from_str::<Value>(&updated).unwrap()["decisions"].as_array().map(Vec::len);
    assert_eq!(decisions, Some(1));

    // Since the last decision: an object; without a decision: null; a bad `previous`: refused.
    let (status, changes) = record_call(wegwijs_changes, engine, &updated, None);
    assert_eq!(status, WegwijsStatus::Ok, "{changes}");
    assert!(changes.starts_with('{'), "{changes}");
    assert_eq!(record_call(wegwijs_changes, engine, record, None), (WegwijsStatus::Ok, "null".to_string()));
    let (status, out) = record_call(wegwijs_changes, engine, record, Some(r#"{"regie": 1}"#));
    assert_eq!(status, WegwijsStatus::ArgumentError, "{out}");

    // Verify: the written record verifies; an edited regie does not.
    let verify = |record: &str| {
        let (mut out, mut len) = (null_mut(), 0usize);
        // SAFETY: all buffers valid for their lengths.
        let status =
            unsafe { wegwijs_verify(engine, record.as_ptr().cast(), record.len(), null(), 0, &mut out, &mut len) };
        (status, take(out, len))
    };
    let (status, out) = verify(&updated);
    assert_eq!(status, WegwijsStatus::Ok, "{out}");
    assert_eq!(serde_json::from_str::<Value>(&out).unwrap()["verified"], true, "{out}");
    let mut edited: Value = serde_json::from_str(&updated).unwrap();
    edited["decisions"][0]["regie"] = if level == "R0" { "R1" } else { "R0" }.into();
    let (status, out) = verify(&edited.to_string());
    assert_eq!(status, WegwijsStatus::Ok, "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!((&v["verified"], &v["decisions"][0]["decision"]), (&Value::Bool(false), &Value::from("mismatch")));

    // SAFETY: from the constructor, freed once.
    unsafe { wegwijs_engine_free(engine) };
}

/// `wegwijs_outcome` writes, into the caller's arrays, what the full evaluation decides;
/// too small arrays, NULL and a bad case are errors (with the error object).
#[test]
fn outcome_writes_the_decision_into_the_callers_memory() {
    let engine = national();
    let core = wegwijs::Engine::national();
    let (offers, areas) = (core.source().offers.len(), core.source().manifest.areas.len());
    let words = offers.div_ceil(64);
    let now = wegwijs::Timestamp::parse("2026-03-02T18:00:00+01:00").unwrap();
    let cases = [
        r#"{"age": 29, "strangulation": true}"#,
        r#"{"age": 15, "last_incident_at": "2026-03-01T12:00:00+01:00"}"#,
        r#"{}"#,
    ];
    let mut seen = (false, false);
    for case in cases {
        let (mut certain, mut possible) = (vec![u64::MAX; words + 1], vec![u64::MAX; words + 1]);
        let (mut needs, mut up_to) = (vec![9u8; areas], vec![9u8; areas]);
        let mut out = WegwijsOutcome {
            certain: certain.as_mut_ptr(),
            possible: possible.as_mut_ptr(),
            offer_words: words + 1,
            needs: needs.as_mut_ptr(),
            needs_up_to: up_to.as_mut_ptr(),
            areas,
            regie: 9,
            regie_up_to: 9,
        };
        let (mut err, mut err_len) = (null_mut(), 0usize);
        // SAFETY: every pointer valid for the lengths given.
        let status = unsafe {
            wegwijs_outcome(
                engine,
                case.as_ptr().cast(),
                case.len(),
                NOW.as_ptr().cast(),
                NOW.len(),
                &mut out,
                &mut err,
                &mut err_len,
            )
        };
        assert_eq!(status, WegwijsStatus::Ok);
        assert!(err.is_null());
        let ev = core.evaluate(&core.case_from_str(case).unwrap(), now);
        let o = ev.outcome();
        let bit = |set: &[u64], i: usize| set[i / 64] >> (i % 64) & 1 == 1;
        for i in 0..offers {
            let r = o.referrals.iter().find(|r| r.offer as usize == i);
            assert_eq!(bit(&certain, i), r.is_some_and(|r| r.certain), "offer {i}");
            assert_eq!(bit(&possible, i), r.is_some_and(|r| !r.certain), "offer {i}");
        }
        assert_eq!(certain[words], 0, "the rest is cleared");
        assert_eq!((out.regie, out.regie_up_to), (o.regie.certain, o.regie.up_to));
        assert_eq!(needs, o.needs.iter().map(|l| l.certain).collect::<Vec<_>>());
        assert_eq!(up_to, o.needs.iter().map(|l| l.up_to).collect::<Vec<_>>());
        seen.0 |= o.referrals.iter().any(|r| r.certain);
        seen.1 |= o.referrals.iter().any(|r| !r.certain);
    }
    assert!(seen.0 && seen.1, "certain and possible referrals both occur");
    // Too small, NULL, a bad case: errors with an error object.
    let mut one = [0u64; 1];
    let mut small = WegwijsOutcome {
        certain: one.as_mut_ptr(),
        possible: one.as_mut_ptr(),
        offer_words: 0,
        needs: null_mut(),
        needs_up_to: null_mut(),
        areas: 0,
        regie: 0,
        regie_up_to: 0,
    };
    let case = r#"{"age": 29}"#;
    let (mut err, mut err_len) = (null_mut(), 0usize);
    // SAFETY: as above; the arrays are declared too small on purpose.
    let status = unsafe {
        wegwijs_outcome(engine, case.as_ptr().cast(), case.len(), null(), 0, &mut small, &mut err, &mut err_len)
    };
    assert_eq!(status, WegwijsStatus::ArgumentError);
    assert!(take(err, err_len).contains("words"));
    // SAFETY: a NULL outcome is refused before anything is read.
    let status = unsafe {
        wegwijs_outcome(engine, case.as_ptr().cast(), case.len(), null(), 0, null_mut(), null_mut(), null_mut())
    };
    assert_eq!(status, WegwijsStatus::NullPointer);
    let bad = r#"{"age": 300}"#;
    let (mut err, mut err_len) = (null_mut(), 0usize);
    // SAFETY: as above.
    let status = unsafe {
        wegwijs_outcome(engine, bad.as_ptr().cast(), bad.len(), null(), 0, &mut small, &mut err, &mut err_len)
    };
    assert_eq!(status, WegwijsStatus::ArgumentError, "the arrays are checked first");
    take(err, err_len);
    // SAFETY: a live handle, freed once.
    unsafe { wegwijs_engine_free(engine) };
}
