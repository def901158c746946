//! Every documented limit (`docs/limits.md`, `wegwijs::limits`) at its boundary and just
//! past it, and the silent wrong answers of issue 13: slot aliasing past 65,535 facts,
//! duplicate keys in case JSON and bundles, times outside RFC 3339, overflowing constants.

use wegwijs::limits::*;
use wegwijs::ruleset::source::{DerivedSource, FactSource, RuleSetSource, RuleSource};
use wegwijs::{Engine, RuleError, Timestamp};

const NOW: &str = "2026-03-02T12:00:00Z";

fn mini() -> Engine {
    wegwijs_tests::load_ruleset("tests/fixtures/mini")
}

fn mini_source() -> RuleSetSource {
    mini().source().clone()
}

fn bool_fact(template: &FactSource, id: String) -> FactSource {
    FactSource { id, kind: "bool".into(), values: Vec::new(), value_labels: Default::default(), ..template.clone() }
}

/// The mini rule set with `n` facts in all (bool facts `f<i>` added) and one rule that
/// reads the last fact.
fn with_facts(n: usize) -> Result<Engine, RuleError> {
    let mut src = mini_source();
    let template = src.schema.facts[0].clone();
    let have = src.schema.facts.len();
    for i in have..n {
        src.schema.facts.push(bool_fact(&template, format!("f{i}")));
    }
    let mut r = src.rules[0].clone();
    r.id = "laatste".into();
    r.when = format!("f{}", n - 1);
    src.rules.push(r);
    Engine::from_source(src)
}

#[test]
fn facts_at_the_limit_keep_their_own_slots() {
    let engine = with_facts(MAX_FACTS).expect("loads at the limit");
    let last = format!("f{}", MAX_FACTS - 1);
    let now = Timestamp::parse(NOW).unwrap();
    let fires = |case: &str| {
        let case = engine.case_from_str(case).unwrap();
        let p = engine.evaluate(&case, now).proposal();
        p.explanations.iter().find(|e| e.rule == "laatste").map(|e| e.facts.clone())
    };
    assert_eq!(fires(&format!("{{\"{last}\": true}}")), Some(vec![last.clone()]));
    assert_eq!(fires(&format!("{{\"{last}\": false}}")), None);
    // Another fact set does not leak into the last one's slot.
    assert_eq!(fires(&format!("{{\"f{}\": true, \"{last}\": false}}", MAX_FACTS - 2)), None);
}

#[test]
fn more_facts_than_the_limit_is_an_error_not_aliasing() {
    // The issue: 65,537 facts silently shared slots.
    for n in [MAX_FACTS + 1, 65_537] {
        let err = with_facts(n).map(|_| ()).unwrap_err();
        assert!(err.first().message.contains("too many facts"), "{}", err.first());
    }
}

#[test]
fn derived_facts_rules_and_offers_are_counted() {
    let mut src = mini_source();
    let have = src.derived.len();
    for i in have..=MAX_DERIVED {
        src.derived.push(DerivedSource { id: format!("d{i}"), expr: "age > 3".into(), ..Default::default() });
    }
    let err = Engine::from_source(src.clone()).map(|_| ()).unwrap_err();
    assert!(err.first().message.contains("too many derived facts"), "{}", err.first());
    src.derived.pop();
    Engine::from_source(src).expect("derived facts at the limit load");

    let mut src = mini_source();
    let template: RuleSource = src.rules[1].clone();
    let have = src.rules.len();
    for i in have..=MAX_RULES {
        src.rules.push(RuleSource { id: format!("r{i}"), ..template.clone() });
    }
    let err = Engine::from_source(src.clone()).map(|_| ()).unwrap_err();
    assert!(err.first().message.contains("too many rules"), "{}", err.first());
    src.rules.pop();
    Engine::from_source(src).expect("rules at the limit load");
}

#[test]
fn enum_values_expression_and_template_sizes() {
    let values = |n: usize| {
        let mut src = mini_source();
        let f = src.schema.facts.iter_mut().find(|f| f.id == "region").unwrap();
        f.values = (0..n).map(|i| format!("v{i}")).collect();
        f.value_labels.clear();
        src.regions.clear();
        src.manifest.region_fact = None;
        Engine::from_source(src)
    };
    values(MAX_ENUM_VALUES).expect("64 values load");
    assert!(values(MAX_ENUM_VALUES + 1).is_err());

    let when = |len: usize| {
        let mut src = mini_source();
        src.rules[1].when = format!("{:<len$}", "true");
        Engine::from_source(src)
    };
    when(MAX_EXPRESSION_BYTES).expect("an expression at the limit loads");
    let err = when(MAX_EXPRESSION_BYTES + 1).map(|_| ()).unwrap_err();
    assert!(err.first().message.contains("longer than"), "{}", err.first());

    let because = |len: usize| {
        let mut src = mini_source();
        let text = format!("{:<len$}", "Lang.");
        src.rules[1].because = wegwijs::text::Text::from_pairs([("nl", text.clone()), ("en", text)]);
        Engine::from_source(src)
    };
    because(MAX_TEMPLATE_BYTES).expect("a template at the limit loads");
    let err = because(MAX_TEMPLATE_BYTES + 1).map(|_| ()).unwrap_err();
    assert_eq!(err.first().location.path, "rules[1].because.nl");
}

#[test]
fn ids_have_a_length_limit() {
    let id = |len: usize| {
        let mut src = mini_source();
        src.rules[1].id = "r".repeat(len);
        Engine::from_source(src)
    };
    id(MAX_ID_BYTES).expect("an id at the limit loads");
    let err = id(MAX_ID_BYTES + 1).map(|_| ()).unwrap_err();
    let message = &err.first().message;
    assert!(message.contains("longer than") && message.chars().count() < 120, "{message}");
}

#[test]
fn files_and_bundles_have_a_size_limit() {
    let root = wegwijs_tests::repo_root().join("tests/fixtures/mini");
    let files = |pad: usize| {
        let mut out = Vec::new();
        for rel in ["manifest.toml", "schema.toml", "derived.toml", "offers.toml", "regions.toml", "rules/main.toml"] {
            let mut text = std::fs::read_to_string(root.join(rel)).unwrap();
            if rel == "rules/main.toml" {
                let fill = pad - text.len();
                text.push_str(&format!("#{}\n", "x".repeat(fill - 2)));
            }
            out.push((rel.to_string(), text));
        }
        Engine::from_files(out, "mini")
    };
    files(MAX_FILE_BYTES).expect("a file at the limit loads");
    let err = files(MAX_FILE_BYTES + 1).map(|_| ()).unwrap_err();
    assert!(err.first().message.contains("larger than"), "{}", err.first());
    assert_eq!(err.first().location.file, "mini/rules/main.toml");

    let bundle = mini().bundle();
    let padded = |len: usize| format!("{bundle}{}", " ".repeat(len - bundle.len()));
    Engine::from_bundle(&padded(MAX_BUNDLE_BYTES)).expect("a bundle at the limit loads");
    let err = Engine::from_bundle(&padded(MAX_BUNDLE_BYTES + 1)).map(|_| ()).unwrap_err();
    assert!(err.first().message.contains("larger than"), "{}", err.first());
}

#[test]
fn cases_have_a_size_limit() {
    let engine = mini();
    let padded = |len: usize| format!("{{\"age\": 30}}{}", " ".repeat(len - 11));
    engine.case_from_str(&padded(MAX_CASE_BYTES)).expect("a case at the limit reads");
    let err = engine.case_from_str(&padded(MAX_CASE_BYTES + 1)).unwrap_err();
    assert!(err.problem.contains("longer than"), "{err}");
}

#[test]
fn an_unknown_key_is_echoed_short_and_suggested_only_when_short() {
    let engine = mini();
    // The issue: a 10 MB key took 8 s of did-you-mean and was echoed whole. (A 10 MB case
    // is now refused by its size; the longest key that fits is just under the limit.)
    let huge = "a".repeat(MAX_CASE_BYTES - 16);
    let err = engine.case_from_str(&format!("{{\"{huge}\": 1}}")).unwrap_err();
    assert_eq!(err.fact.chars().count(), MAX_ECHOED_NAME_CHARS + 1, "elided with …");
    assert!(err.fact.ends_with('…'));
    assert!(err.to_string().len() < 400, "{}", err.to_string().len());
    let err = engine.case_from_str(r#"{"agee": 1}"#).unwrap_err();
    assert_eq!(err.hint.as_deref(), Some("did you mean `age`?"));
    let long = format!("age{}", "e".repeat(MAX_SUGGESTED_NAME_CHARS));
    let err = engine.case_from_str(&format!("{{\"{long}\": 1}}")).unwrap_err();
    assert!(!err.hint.unwrap_or_default().contains("did you mean"));
    // The builder API echoes no more than the JSON reader.
    let err = engine.case_builder().set_bool(&huge, true).unwrap_err();
    assert_eq!(err.fact.chars().count(), MAX_ECHOED_NAME_CHARS + 1);
}

#[test]
fn a_key_twice_in_a_case_is_an_error() {
    let engine = wegwijs_tests::load_ruleset("national");
    // The issue: `police_wish` twice decided whether `aangifte` was proposed.
    let text = r#"{"age": 24, "police_wish": "aangifte", "police_wish": "nee"}"#;
    let err = engine.case_from_str(text).unwrap_err();
    assert_eq!(err.fact, "police_wish");
    let shown = err.to_string();
    assert!(shown.contains("twice") && !shown.contains("aangifte") && !shown.contains("nee"), "{shown}");
}

#[test]
fn a_key_twice_in_a_bundle_is_an_error() {
    let engine = mini();
    let bundle = engine.bundle();
    // The last of two equal keys is the one hashed, so the hash still matches: only the
    // duplicate check can notice.
    let needle = "\"need\": {\n          \"hulp\": \"urgent\"\n        }";
    assert!(bundle.contains(needle), "bundle layout changed:\n{bundle}");
    let doubled = bundle.replacen(needle, "\"need\": {\"hulp\": \"geen\", \"hulp\": \"urgent\"}", 1);
    let err = Engine::from_bundle(&doubled).map(|_| ()).unwrap_err();
    let d = err.first();
    assert!(d.message.contains("`hulp` is given twice"), "{d}");
    assert_eq!(d.location.path, "ruleset.rules[0].need");
    assert!(!d.to_string().contains("geen"), "{d}");
}

#[test]
fn evaluation_times_are_finite_and_within_rfc_3339() {
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e300, -1e300, 253_402_300_800.0] {
        assert!(Timestamp::from_unix_f64(bad).is_err(), "{bad}");
    }
    assert!(Timestamp::from_unix(i64::MAX).is_err());
    assert!(Timestamp::from_unix(Timestamp::MAX.seconds() + 1).is_err());
    assert_eq!(Timestamp::from_unix_f64(1.9).unwrap().seconds(), 1);
    assert!(Timestamp::parse("0000-01-01T00:30:00+01:00").is_err(), "before the year 0000 in UTC");
    let engine = mini();
    let case = engine.case_from_str("{}").unwrap();
    for (now, text) in [(Timestamp::MIN, "0000-01-01T00:00:00Z"), (Timestamp::MAX, "9999-12-31T23:59:59Z")] {
        assert_eq!(engine.evaluate(&case, now).proposal().evaluated_at, text);
    }
}

#[test]
fn deadlines_are_bounded_and_always_rfc_3339() {
    let with_hours = |hours: i64| {
        let mut src = mini_source();
        let refer = &mut src.rules[0].refer[0];
        refer.deadline.as_mut().expect("the pep rule has a deadline").hours = hours;
        Engine::from_source(src)
    };
    assert!(with_hours(MAX_DEADLINE_HOURS + 1).is_err());
    assert!(with_hours(i64::MAX).is_err());
    let engine = with_hours(MAX_DEADLINE_HOURS).expect("the longest deadline loads");
    let case = engine
        .case_from_str(
            r#"{"age": 30, "fluid_exposure": true, "acts": ["penetratie"], "last_incident_at": "9999-12-31T00:00:00Z"}"#,
        )
        .unwrap();
    let p = engine.evaluate(&case, Timestamp::MAX).proposal();
    let pep = p.referrals.iter().find(|r| r.offer == "pep").expect("pep is proposed");
    assert_eq!(pep.deadline.as_deref(), Some("9999-12-31T23:59:59Z"));
}

#[test]
fn constants_at_the_ends_of_the_integer_range_are_analysed_without_overflow() {
    // The issue: hour/second conversions and ±1 neighbours of constants overflowed in
    // `check` (a panic in debug builds, wrong witnesses or "out-of-range" in release).
    let mut src = mini_source();
    let template = src.rules[1].clone();
    let conditions = [
        "hours_since(last_incident_at) <= 9223372036854775807",
        "hours_since(last_incident_at) > 0 - 9223372036854775807 - 1",
        "age + 9223372036854775807 > 3",
        "age - 9223372036854775807 < 0 - 9223372036854775807 - 1",
        "age < 9223372036854775807",
        "9223372036854775807 - hours_since(last_incident_at) > 5",
    ];
    for (i, when) in conditions.iter().enumerate() {
        src.rules.push(RuleSource { id: format!("groot-{i}"), when: (*when).into(), ..template.clone() });
    }
    let engine = Engine::from_source(src).expect("loads");
    let findings = engine.check();
    let witnesses: Vec<_> = findings.iter().filter_map(|f| f.witness.as_ref()).collect();
    assert!(!witnesses.is_empty());
    for w in witnesses {
        Timestamp::parse(&w.now).expect("witness time is RFC 3339");
        if let Some(t) = w.case.get("last_incident_at").and_then(|v| v.as_str()) {
            Timestamp::parse(t).unwrap_or_else(|_| panic!("witness value {t} is RFC 3339"));
        }
        engine.case_from_json(&serde_json::Value::Object(w.case.clone())).expect("every witness is a valid case");
    }
}
