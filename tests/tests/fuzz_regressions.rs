//! Inputs the fuzz targets (`fuzz/`, `scripts/fuzz.sh`) found to crash, kept as tests.
//! Debug builds check arithmetic overflow, so each of these panicked before its fix.

use wegwijs::{Engine, Timestamp};
use wegwijs_tests::repo_root;

/// `fuzz/artifacts/case_json/crash-a3a362d9…`: an extreme `now` overflowed `now + 86_400`
/// in the proposal's warnings (`explain/proposal.rs`).
#[test]
fn case_json_evaluates_at_any_64_bit_now() {
    let engine = Engine::national();
    let case = engine
        .case_from_str(r#"{"current_safety": "veilig", "last_incident_at": "1996-03-09T18:00:00+01:00", "age": 30}"#)
        .unwrap();
    // Times outside RFC 3339 (years 0000 to 9999) cannot be made into a `Timestamp` at all;
    // every time at and inside the edges of that range evaluates.
    for now in [i64::MAX, i64::MIN, i64::MAX - 86_400, i64::MIN + 1] {
        assert!(Timestamp::from_unix(now).is_err(), "{now} is outside RFC 3339");
    }
    let (min, max) = (Timestamp::MIN.seconds(), Timestamp::MAX.seconds());
    for now in [min, min + 1, max - 86_400, max, 0, -1] {
        let evaluation = engine.evaluate(&case, Timestamp::from_unix(now).unwrap());
        let proposal = evaluation.proposal();
        serde_json::to_string(&proposal).unwrap();
        evaluation.questions();
        for offer in &engine.source().offers {
            evaluation.why_not(&offer.id).unwrap();
        }
    }
}

fn mini_with_rule(when: &str) -> Engine {
    let dir = repo_root().join("tests/fixtures/mini");
    let mut files = Vec::new();
    for name in ["manifest.toml", "schema.toml", "derived.toml", "offers.toml", "regions.toml"] {
        files.push((name.to_string(), std::fs::read_to_string(dir.join(name)).unwrap()));
    }
    let rule = format!(
        "[[rules]]\nid = \"fuzzed\"\nwhen = '{when}'\nsource = \"F\"\nbecause = {{ nl = \"x\", en = \"x\" }}\nrefer = [{{ offer = \"aangifte\", urgency = \"regulier\" }}]\nregie = \"R1\"\n"
    );
    files.push(("rules/main.toml".into(), rule));
    Engine::from_files(files, "mini").unwrap_or_else(|e| panic!("{e}"))
}

/// `expression` crash-f6ebae96…: a huge day count overflowed the window bounds of `check`
/// (`check/space.rs`, time representatives).
#[test]
fn check_survives_huge_time_constants() {
    for when in [
        "days_since(last_incident_at) <= 000000000005330877021309486522",
        "hours_since(last_incident_at) > 9223372036854775807",
        "days_since(last_incident_at) * 9223372036854775807 < 3",
        "hours_since(last_incident_at) + 9223372036854775807 >= -9223372036854775807",
    ] {
        let _ = mini_with_rule(when).check();
    }
}
