//! Issue 13, item 9: over every fact type and every error path, no error text or field
//! holds a value from the case, nor more than 64 characters of a key (elided with `…`).
//! The Python (`bindings-python/tests/test_no_leaks.py`) and WebAssembly
//! (`bindings-wasm/tests/no_leaks.test.mjs`) suites check the same through their bindings.

use proptest::prelude::*;
use serde_json::{json, Value as Json};
use wegwijs::{CaseError, Engine, Timestamp};

/// Every value put in a case carries this marker (numbers: these digits).
const MARK: &str = "GEHEIM";
const KEY_ECHO_MAX: usize = 64;

fn texts(e: &CaseError) -> Vec<String> {
    vec![e.to_string(), e.fact.clone(), e.problem.clone(), e.hint.clone().unwrap_or_default()]
}

fn assert_clean(all: &[String], secrets: &[String], key: Option<&str>) {
    for text in all {
        for s in secrets {
            assert!(!text.contains(s.as_str()), "a case value ({s:?}) leaked into {text:?}");
        }
        if let Some(key) = key {
            let head: String = key.chars().take(KEY_ECHO_MAX + 1).collect();
            if head.chars().count() > KEY_ECHO_MAX {
                assert!(!text.contains(&head), "more than {KEY_ECHO_MAX} characters of a key in {text:?}");
            }
        }
    }
}

/// A value of the wrong kind or out of range for a fact of `kind`, carrying `n` / the mark.
fn bad_values(kind: &str, n: u64) -> Vec<(Json, Vec<String>)> {
    let text = format!("{MARK}{n}");
    let big = 9_000_000_000_000 + n as i64; // no fact's range; the digits are the secret
    let mut out = vec![
        (json!(text), vec![text.clone()]),
        (json!([text]), vec![text.clone()]),
        (json!({ "x": text }), vec![text.clone()]),
        (json!(big), vec![big.to_string()]),
        (json!(big as f64 + 0.5), vec![big.to_string()]),
        (json!([[text]]), vec![text.clone()]),
    ];
    match kind {
        "bool" => out.push((json!("true"), vec![])),
        "int" => out.push((json!(-big), vec![big.to_string()])),
        "set" => out.push((json!(["x", text]), vec![text.clone()])),
        "datetime" | "date" => {
            let odd = format!("2026-13-{:02}T99:00:00+01:00{MARK}", n % 28);
            out.push((json!(odd), vec![odd.clone()]));
        }
        _ => {}
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn every_fact_type_and_error_path_keeps_case_values_out(pick in 0usize..1000, n in 100_000u64..999_999) {
        let engine = Engine::national();
        let facts = &engine.source().schema.facts;
        let fact = &facts[pick % facts.len()];
        for (value, secrets) in bad_values(fact.kind.as_str(), n) {
            let case = json!({ fact.id.as_str(): value });
            // through a JSON object, JSON text and the builder
            let results = [
                engine.case_from_json(&case).err(),
                engine.case_from_str(&case.to_string()).err(),
                engine.case_builder().set_json(&fact.id, &value).err(),
            ];
            for e in results.into_iter().flatten() {
                prop_assert_eq!(&e.fact, &fact.id);
                assert_clean(&texts(&e), &secrets, None);
            }
            // typed setters
            let text = format!("{MARK}{n}");
            let mut b = engine.case_builder();
            for e in [b.set_text(&fact.id, &text).err(), b.set_texts(&fact.id, [text.as_str()]).err()].into_iter().flatten() {
                assert_clean(&texts(&e), std::slice::from_ref(&text), None);
            }
            if let Err(e) = b.set_int(&fact.id, 9_000_000_000_000 + n as i64) {
                assert_clean(&texts(&e), &[(9_000_000_000_000 + n as i64).to_string()], None);
            }
        }
    }

    #[test]
    fn unknown_keys_are_echoed_at_most_64_characters(len in 1usize..400, n in 100_000u64..999_999, c in "[a-z_é]") {
        let engine = Engine::national();
        let key: String = format!("{n}{}", c.repeat(len));
        let secret = format!("{MARK}{n}");
        let case = json!({ key.as_str(): secret });
        for e in [engine.case_from_json(&case).err(), engine.case_from_str(&case.to_string()).err()] {
            let e = e.expect("an unknown key is refused");
            assert_clean(&texts(&e), std::slice::from_ref(&secret), Some(&key));
            prop_assert!(e.fact.chars().count() <= KEY_ECHO_MAX + 1);
        }
        // whyNot with an offer id of any length: echoed at most 64 characters too
        let ev = engine.evaluate(&engine.case_from_str("{}").unwrap(), Timestamp::from_unix(1_772_470_800).unwrap());
        let e = ev.why_not(&key).unwrap_err();
        assert_clean(&[e.to_string(), e.what.clone(), e.problem.clone()], &[], Some(&key));
    }

    #[test]
    fn broken_case_text_and_times_keep_values_out(n in 100_000u64..999_999, cut in 1usize..30) {
        let engine = Engine::national();
        let secret = format!("{MARK}{n}");
        let full = json!({ "age": secret, "acts": [secret] }).to_string();
        for text in [&full[..cut.min(full.len())], &format!("[\"{secret}\"]"), &format!("\"{secret}\""), &format!("{{\"age\": {secret}}}")] {
            if let Err(e) = engine.case_from_str(text) {
                assert_clean(&texts(&e), std::slice::from_ref(&secret), None);
            }
        }
        let e = Timestamp::parse(&format!("2026-03-01T{secret}")).unwrap_err();
        assert_clean(&[e.to_string(), e.what.clone(), e.problem.clone()], &[secret], None);
    }
}

/// A valid record with one decision and one action, to break one field at a time.
fn valid_record() -> Json {
    json!({
        "format": "wegwijs-record/1",
        "case": "zaak-1",
        "facts": { "age": { "value": 30, "at": "2026-03-01T10:00:00+01:00" } },
        "actions": [{ "offer": "aangifte", "status": "planned", "at": "2026-03-01T10:00:00+01:00" }],
        "decisions": [{
            "at": "2026-03-01T10:00:00+01:00", "by": "mdt-voorzitter", "regie": "R0",
            "accepted": ["aangifte"], "rejected": [], "reasons": { "regie": "ok" },
            "overrides_acknowledged": [],
        }],
    })
}

/// The value at a `/`-separated path, created when missing (numbers index lists).
fn at_path<'a>(mut r: &'a mut Json, path: &str) -> &'a mut Json {
    for part in path.split('/').skip(1) {
        r = match part.parse::<usize>() {
            Ok(i) => &mut r[i],
            Err(_) => &mut r[part],
        };
    }
    r
}

/// What is broken, and how.
type Breakage = (&'static str, Box<dyn Fn(&mut Json)>);

/// Every field of a record and a decision, each set to something carrying `secret`: ids
/// (offer ids, reason keys, unknown keys) long enough that the secret lies past the 64
/// characters an error may echo, free text and values as they are.
fn record_breakages(secret: &str) -> Vec<Breakage> {
    let long = format!("{}{secret}", "x".repeat(KEY_ECHO_MAX));
    let s = secret.to_string();
    let l = long.clone();
    let mut out: Vec<Breakage> = Vec::new();
    macro_rules! set {
        ($name:literal, $path:expr, $value:expr) => {{
            let (s, l) = (s.clone(), l.clone());
            let _ = (&s, &l);
            out.push(($name, Box::new(move |r: &mut Json| *at_path(r, $path) = $value(&s, &l))));
        }};
    }
    set!("format", "/format", |s: &str, _: &str| json!(s));
    set!("case", "/case", |s: &str, _: &str| json!([s]));
    set!("fact value", "/facts/age/value", |s: &str, _: &str| json!(s));
    set!("fact at", "/facts/age/at", |s: &str, _: &str| json!(format!("2026-03-01T{s}")));
    set!("action offer", "/actions/0/offer", |_: &str, l: &str| json!(l));
    set!("action status", "/actions/0/status", |s: &str, _: &str| json!(s));
    set!("action at", "/actions/0/at", |s: &str, _: &str| json!(format!("2026-{s}")));
    set!("decision at", "/decisions/0/at", |s: &str, _: &str| json!(format!("2026-{s}")));
    set!("decision by", "/decisions/0/by", |s: &str, _: &str| json!(format!("Jan {s}")));
    set!("decision by digits", "/decisions/0/by", |s: &str, _: &str| json!(s.trim_start_matches(MARK)));
    set!("decision regie", "/decisions/0/regie", |s: &str, _: &str| json!(s));
    set!("decision regiehouder", "/decisions/0/regiehouder", |s: &str, _: &str| json!(s));
    set!("decision accepted", "/decisions/0/accepted", |_: &str, l: &str| json!([l]));
    set!("decision rejected", "/decisions/0/rejected", |_: &str, l: &str| json!([l]));
    set!("decision overrides", "/decisions/0/overrides_acknowledged", |_: &str, l: &str| json!([l]));
    set!("decision reasons key", "/decisions/0/reasons", |s: &str, l: &str| json!({ l: s }));
    set!("decision reasons value", "/decisions/0/reasons", |s: &str, _: &str| json!({ "regie": [s] }));
    set!("decision case", "/decisions/0/case", |_: &str, _: &str| json!(1));
    for hash in ["ruleset_hash", "proposal_hash", "previous_hash", "decision_hash"] {
        let s = s.clone();
        out.push((
            "decision hash",
            Box::new(move |r: &mut Json| r["decisions"][0][hash] = json!(format!("sha256:{s}"))),
        ));
    }
    let l2 = long.clone();
    out.push(("record unknown key", Box::new(move |r: &mut Json| r[l2.as_str()] = json!(1))));
    let (l3, s3) = (long.clone(), s.clone());
    out.push(("decision unknown key", Box::new(move |r: &mut Json| r["decisions"][0][l3.as_str()] = json!(s3))));
    let (l4, s4) = (long, s);
    out.push(("action unknown key", Box::new(move |r: &mut Json| r["actions"][0][l4.as_str()] = json!(s4))));
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Issue 20, item 6: with a generated marker in every field of a record and of a
    /// decision, no error from reading the record, reading the decision or `decide` holds
    /// the marker, nor more than 64 characters of an id; reasons and `by` never appear.
    #[test]
    fn records_and_decisions_keep_user_text_out_of_errors(n in 100_000u64..999_999) {
        let engine = Engine::national();
        let secret = format!("{MARK}{n}");
        let now = Timestamp::parse("2026-03-02T10:00:00+01:00").unwrap();
        for (what, breaks) in record_breakages(&secret) {
            let mut record = valid_record();
            breaks(&mut record);
            let text = record.to_string();
            let e = engine.record_from_str(&text).expect_err(what);
            assert_clean(&texts(&e), std::slice::from_ref(&secret), None);
            // The same decision on its own, through `decision_from_str` and `decide`.
            let decision = record["decisions"][0].to_string();
            let base = engine.record_from_json(&json!({ "case": "zaak-1", "facts": {} })).unwrap();
            let problems = match engine.decision_from_str(&decision) {
                Err(e) => e.to_string(),
                Ok(d) => engine.decide(&base, &d, now).err().map(|e| e.to_string()).unwrap_or_default(),
            };
            prop_assert!(!problems.contains(&secret), "{} leaked into {:?}", what, problems);
        }
        // A complete decision whose reasons and `by` are free text: decide echoes neither,
        // and the incomplete one lists what is missing by id only.
        let base = engine.record_from_json(&json!({ "case": "zaak-1", "facts": {} })).unwrap();
        let d = json!({ "by": "mdt", "regie": "R3", "reasons": { "regie": format!("{secret} vond dat") } });
        let e = engine.decide(&base, &engine.decision_from_str(&d.to_string()).unwrap(), now);
        if let Err(e) = e {
            prop_assert!(!e.to_string().contains(&secret), "{}", e);
        }
    }
}
