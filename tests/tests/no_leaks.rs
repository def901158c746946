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
