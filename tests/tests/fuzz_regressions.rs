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

/// Issue 13, items 1/2: a long left-associative chain (`age + age + …`, `x and x and …`)
/// is refused with a located error before any pass recurses over it; just under the limit
/// it loads. (WebAssembly overflowed its stack at ~3,000 terms and was poisoned.)
#[test]
fn long_expression_chains_are_refused_with_a_located_error() {
    for (op, terms) in [(" + ", 3000), (" and ", 3000), (" or ", 300)] {
        let term = if op == " + " { "age" } else { "fluid_exposure" };
        let tail = if op == " + " { " > 3" } else { "" };
        let long = vec![term; terms].join(op) + tail;
        let error = std::panic::catch_unwind(|| {
            let dir = repo_root().join("tests/fixtures/mini");
            let mut files = Vec::new();
            for name in ["manifest.toml", "schema.toml", "derived.toml", "offers.toml", "regions.toml"] {
                files.push((name.to_string(), std::fs::read_to_string(dir.join(name)).unwrap()));
            }
            let rule = format!("[[rules]]\nid = \"long\"\nwhen = '{long}'\nsource = \"L\"\nbecause = {{ nl = \"x\", en = \"x\" }}\nregie = \"R1\"\n");
            files.push(("rules/main.toml".into(), rule));
            Engine::from_files(files, "mini").unwrap_err()
        })
        .expect("refused, not crashed");
        let d = error.first();
        assert!(refused_as_too_long(&d.message), "{error}");
        assert_eq!((d.location.file.as_str(), d.location.line), ("mini/rules/main.toml", 3), "{error}");
        // A chain is as deep as it is long: 64 levels (docs/limits.md) hold 60 terms.
        let fine = vec![term; 60].join(op) + tail;
        let _ = mini_with_rule(&fine);
    }
}

/// Whichever limit of docs/limits.md a long expression reaches first: bytes, tokens or depth.
fn refused_as_too_long(message: &str) -> bool {
    ["expression is longer than", "expression too long", "nested too deeply"].iter().any(|m| message.contains(m))
}

/// The small test rule set's bundle with one more rule whose condition is a chain of
/// `terms` terms joined by `op`, with a valid hash (the loader itself refuses to write one).
fn long_rule_bundle(terms: usize, op: &str) -> String {
    let base = Engine::load(repo_root().join("tests/fixtures/mini")).unwrap().bundle();
    let mut bundle: serde_json::Value = serde_json::from_str(&base).unwrap();
    let rules = bundle["ruleset"]["rules"].as_array_mut().unwrap();
    let mut rule = rules[0].clone();
    let (term, tail) = if op == "+" { ("age", " > 3") } else { ("true", "") };
    rule["id"] = "long".into();
    rule["when"] = (vec![term; terms].join(&format!(" {op} ")) + tail).into();
    rules.push(rule);
    let source: wegwijs::ruleset::source::RuleSetSource = serde_json::from_value(bundle["ruleset"].clone()).unwrap();
    bundle["hash"] = wegwijs::ruleset::content_hash(&source).into();
    serde_json::to_string(&bundle).unwrap() + "\n"
}

/// `tests/fixtures/limits/*.bundle.json` (read by the WebAssembly and Python tests, which
/// cannot hash a rule set themselves): bundles with a 3,000-term rule, refused with a
/// located error. `WEGWIJS_BLESS=1` rewrites them.
#[test]
fn long_rule_bundles_are_refused_and_their_fixtures_are_current() {
    let dir = repo_root().join("tests/fixtures/limits");
    let bless = std::env::var("WEGWIJS_BLESS").is_ok_and(|v| v == "1");
    for (name, terms, op) in [("long-plus-3000", 3000, "+"), ("long-and-3000", 3000, "and")] {
        let text = long_rule_bundle(terms, op);
        let path = dir.join(format!("{name}.bundle.json"));
        if bless {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &text).unwrap();
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap_or_default(), text, "{name} is stale: WEGWIJS_BLESS=1");
        let error = Engine::from_bundle(&text).unwrap_err();
        assert!(refused_as_too_long(&error.first().message), "{error}");
        assert_eq!(error.first().location.path, "rules[3].when", "{error}");
    }
}
