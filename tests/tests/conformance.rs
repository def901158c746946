//! The shared conformance vectors: the Rust engine must produce exactly the expected bytes.
//! The Python and WebAssembly suites check the same files. `WEGWIJS_BLESS=1` rewrites them
//! (review the diff before committing).

use wegwijs_tests::{canonical_output, load_ruleset, vectors};

#[test]
fn every_vector_gives_the_expected_bytes() {
    let vectors = vectors();
    assert!(vectors.len() >= 10, "expected at least 10 conformance vectors, found {}", vectors.len());
    let bless = std::env::var("WEGWIJS_BLESS").is_ok_and(|v| v == "1");
    let mut failures = Vec::new();
    for v in &vectors {
        let engine = load_ruleset(&v.ruleset);
        let actual = canonical_output(&engine, v);
        if bless {
            std::fs::write(&v.expected_path, &actual).expect("write expected");
            continue;
        }
        let expected = std::fs::read_to_string(&v.expected_path)
            .unwrap_or_else(|_| format!("<missing {}>", v.expected_path.display()));
        if actual != expected {
            failures.push(format!("{}:\n  expected {}\n  actual   {}", v.name, expected.trim_end(), actual.trim_end()));
        }
    }
    assert!(failures.is_empty(), "{} vector(s) differ:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn vectors_cover_both_rule_sets_and_carry_the_rule_set_identity() {
    let vectors = vectors();
    assert!(vectors.iter().any(|v| v.ruleset == "national"));
    assert!(vectors.iter().any(|v| v.ruleset != "national"));
    for v in &vectors {
        let engine = load_ruleset(&v.ruleset);
        let out: serde_json::Value = serde_json::from_str(&canonical_output(&engine, v)).unwrap();
        assert_eq!(out["ruleset"]["hash"], engine.id().hash.as_str(), "{}", v.name);
    }
}
