//! Bad input gets a clear error with file, line, column and a hint — never a panic, and
//! never a case value in the message.

use proptest::prelude::*;
use wegwijs::error::DiagnosticKind;
use wegwijs::{Engine, RuleError};
use wegwijs_tests::repo_root;

/// The fixture's files with `file` replaced by the result of `edit` on its text.
fn fixture_with(file: &str, edit: impl Fn(&str) -> String) -> Vec<(String, String)> {
    let files = fixture_files();
    assert!(files.iter().any(|(p, _)| p == file), "fixture has {file}");
    files
        .into_iter()
        .map(|(p, t)| {
            if p == file {
                let e = edit(&t);
                (p, e)
            } else {
                (p, t)
            }
        })
        .collect()
}

fn fixture_files() -> Vec<(String, String)> {
    let root = repo_root().join("tests/fixtures/mini");
    let mut out = Vec::new();
    for sub in ["", "rules", "scenarios"] {
        let dir = if sub.is_empty() { root.clone() } else { root.join(sub) };
        let mut names: Vec<_> =
            std::fs::read_dir(&dir).unwrap().filter_map(Result::ok).filter(|e| e.path().is_file()).collect();
        names.sort_by_key(|e| e.file_name());
        for e in names {
            let name = e.file_name().to_string_lossy().into_owned();
            let rel = if sub.is_empty() { name } else { format!("{sub}/{name}") };
            out.push((rel, std::fs::read_to_string(e.path()).unwrap()));
        }
    }
    out
}

fn load_err(files: Vec<(String, String)>) -> RuleError {
    Engine::from_files(files, "mini").expect_err("the edit must be rejected")
}

#[test]
fn misspelled_fact_in_a_condition_points_at_it_with_a_did_you_mean() {
    let err = load_err(fixture_with("rules/main.toml", |t| {
        t.replace("acuut_72u and fluid_exposure", "acuut_72u and fluid_exposre")
    }));
    let d = err.first();
    assert_eq!(d.kind, DiagnosticKind::UnknownName);
    assert_eq!(d.location.file, "mini/rules/main.toml");
    assert_eq!(d.location.line, 3);
    assert_eq!(d.location.column, 23, "column of `fluid_exposre` inside the when string: {d}");
    assert_eq!(d.hint.as_deref(), Some("did you mean `fluid_exposure`?"));
    assert!(err.to_string().contains("mini/rules/main.toml:3:23"), "{err}");
}

#[test]
fn misspelled_enum_value_and_key_are_located() {
    let err =
        load_err(fixture_with("offers.toml", |t| t.replace("police_wish == 'aangifte'", "police_wish == 'aangfite'")));
    let d = err.first();
    assert_eq!(d.location.file, "mini/offers.toml");
    assert_eq!(d.hint.as_deref(), Some("did you mean `aangifte`?"));
    assert!(d.location.line > 0 && d.location.column > 0);

    let err = load_err(fixture_with("rules/main.toml", |t| t.replacen("source = \"R8\"", "sorce = \"R8\"", 1)));
    let d = err.first();
    assert_eq!(d.kind, DiagnosticKind::Syntax);
    assert_eq!((d.location.line, d.location.column), (4, 1));
    assert_eq!(d.hint.as_deref(), Some("did you mean `source`?"));
}

#[test]
fn type_errors_are_rejected() {
    let err =
        load_err(fixture_with("rules/main.toml", |t| t.replace("when = \"true\"", "when = \"age == 'partner'\"")));
    assert_eq!(err.first().kind, DiagnosticKind::Type, "{err}");
    let err = load_err(fixture_with("rules/main.toml", |t| t.replace("when = \"true\"", "when = \"age == relation\"")));
    assert!(err.to_string().contains("cannot compare an int with an enum"), "{err}");
    let err = load_err(fixture_with("rules/main.toml", |t| t.replace("when = \"true\"", "when = \"age + 1\"")));
    assert!(err.to_string().contains("expected a bool"), "{err}");
}

#[test]
fn a_cycle_of_derived_facts_is_named() {
    let err = load_err(fixture_with("derived.toml", |t| {
        t.replace("expr = \"age < 18\"", "expr = \"age < 18 and b\"")
            + "\n[[derived]]\nid = \"b\"\nexpr = \"minderjarig\"\n"
    }));
    let d = err.first();
    assert_eq!(d.kind, DiagnosticKind::Cycle);
    assert!(d.message.contains("minderjarig -> b -> minderjarig"), "{d}");
}

#[test]
fn all_problems_are_reported_not_just_the_first() {
    let err = load_err(fixture_with("rules/main.toml", |t| {
        t.replace("urgency = \"direct\", deadline", "urgency = \"drect\", deadline")
            .replace("regie = \"R3\"", "regie = \"R9\"")
    }));
    assert_eq!(err.diagnostics.len(), 2, "{err}");
}

#[test]
fn a_tampered_bundle_is_rejected() {
    let engine = Engine::load(repo_root().join("tests/fixtures/mini")).unwrap();
    let bundle = engine.bundle().replace("Start PEP binnen 72 uur.", "Start PEP binnen 96 uur.");
    let err = Engine::from_bundle(&bundle).expect_err("hash mismatch");
    assert!(err.to_string().contains("does not match its hash"), "{err}");
}

#[test]
fn case_errors_name_the_fact_but_never_echo_the_value() {
    let engine = Engine::load(repo_root().join("tests/fixtures/mini")).unwrap();
    for (case, fact) in [
        (r#"{"age": 1234567}"#, "age"),
        (r#"{"police_wish": "geheimgeheim"}"#, "police_wish"),
        (r#"{"acts": ["geheimgeheim"]}"#, "acts"),
        (r#"{"last_incident_at": "geheimgeheim"}"#, "last_incident_at"),
        (r#"{"fluid_exposure": "geheimgeheim"}"#, "fluid_exposure"),
    ] {
        let err = engine.case_from_str(case).expect_err(case);
        assert_eq!(err.fact, fact);
        let text = err.to_string();
        assert!(!text.contains("geheimgeheim") && !text.contains("1234567"), "{text}");
    }
    let err = engine.case_from_str(r#"{"agee": 3}"#).unwrap_err();
    assert_eq!(err.hint.as_deref(), Some("did you mean `age`?"));
}

#[test]
fn bundle_round_trip_keeps_hash_and_results() {
    let folder = Engine::load(repo_root().join("tests/fixtures/mini")).unwrap();
    let bundled = Engine::from_bundle(&folder.bundle()).unwrap();
    assert_eq!(folder.id(), bundled.id());
    let case = r#"{"age": 14, "relation": "gezinslid", "police_wish": "nee"}"#;
    let a = folder.evaluate_json(case, "2026-03-03T11:00:00+01:00").unwrap();
    let b = bundled.evaluate_json(case, "2026-03-03T11:00:00+01:00").unwrap();
    assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
    let national = Engine::national();
    // Same identity; a plain bundle carries no signature, so no signer is claimed for it.
    let unsigned = wegwijs::result::RuleSetId { signed_by: None, ..national.id() };
    assert_eq!(Engine::from_bundle(&national.bundle()).unwrap().id(), unsigned);
}

/// A bundle's scenarios stay text at load (evaluation never reads them) and are parsed when
/// run: the national bundle's pass as the folder's do, and a bundle with a broken scenario
/// still loads its rules, while running its scenarios reports the error with its place.
#[test]
fn a_bundles_scenarios_are_parsed_when_they_are_run() {
    let national = Engine::national();
    let bundled = Engine::from_bundle(&national.bundle()).unwrap();
    assert_eq!(bundled.source(), national.source(), "the same source, scenarios included");
    let results = bundled.run_scenarios();
    assert_eq!(results, national.run_scenarios());
    assert!(results.len() > 10 && results.iter().all(|r| r.passed()));

    let mut value: serde_json::Value = serde_json::from_str(&national.bundle()).unwrap();
    value["ruleset"]["scenarios"][0]["nwo"] = value["ruleset"]["scenarios"][0]["now"].clone();
    let broken = Engine::from_bundle(&value.to_string()).expect("the rules load; the scenarios are not read");
    assert_eq!(broken.id(), bundled.id());
    let results = broken.run_scenarios();
    assert_eq!(results.len(), 1);
    assert!(!results[0].passed());
    let failure = &results[0].failures[0];
    assert!(failure.contains("ruleset.scenarios") && failure.contains("`now`"), "{failure}");
}

/// A bundle is read in one pass, so every kind of table in it must refuse a key given twice
/// by itself (serde would keep the last one silently and could swap a rule's effect): one
/// table of each shape in the national bundle gets its first key repeated, and the bundle is
/// refused with a duplicate-key error at that table's path. A bundle's scenarios are left
/// out: they are checked when they are run.
#[test]
fn every_kind_of_table_in_a_bundle_refuses_a_key_given_twice() {
    use serde_json::Value;
    /// `value` as JSON, with the first key of table number `target` (in document order)
    /// written twice; `seen` counts tables.
    fn render(value: &Value, target: usize, seen: &mut usize, out: &mut String) {
        match value {
            Value::Object(map) => {
                let this = *seen;
                *seen += 1;
                out.push('{');
                let mut first = true;
                let mut entry = |k: &String, v: &Value, target: usize, seen: &mut usize, out: &mut String| {
                    if !std::mem::take(&mut first) {
                        out.push(',');
                    }
                    out.push_str(&Value::String(k.clone()).to_string());
                    out.push(':');
                    render(v, target, seen, out);
                };
                for (i, (k, v)) in map.iter().enumerate() {
                    if i == 0 && this == target {
                        // The repeated copy: its own tables are not counted and not targets.
                        entry(k, v, usize::MAX, &mut 0, out);
                    }
                    entry(k, v, target, seen, out);
                }
                out.push('}');
            }
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    render(item, target, seen, out);
                }
                out.push(']');
            }
            other => out.push_str(&other.to_string()),
        }
    }
    /// Each table's number, path (`ruleset.rules[3].need`) and shape (indices left out).
    fn tables(value: &Value, path: &str, shape: &str, seen: &mut usize, out: &mut Vec<(usize, String, String)>) {
        match value {
            Value::Object(map) => {
                let number = *seen;
                *seen += 1;
                if !map.is_empty() {
                    out.push((number, path.to_string(), shape.to_string()));
                }
                for (k, v) in map {
                    let join = |base: &str| if base.is_empty() { k.clone() } else { format!("{base}.{k}") };
                    tables(v, &join(path), &join(shape), seen, out);
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    tables(item, &format!("{path}[{i}]"), &format!("{shape}[]"), seen, out);
                }
            }
            _ => {}
        }
    }

    let bundle: Value = serde_json::from_str(&Engine::national().bundle()).unwrap();
    let mut all = Vec::new();
    tables(&bundle, "", "", &mut 0, &mut all);
    let mut shapes = std::collections::BTreeSet::new();
    let mut tried = 0;
    for (number, path, shape) in all {
        if shape.starts_with("ruleset.scenarios") || !shapes.insert(shape) {
            continue;
        }
        let mut text = String::new();
        render(&bundle, number, &mut 0, &mut text);
        let Err(err) = Engine::from_bundle(&text) else {
            panic!("a key given twice in `{path}` is accepted");
        };
        let d = &err.diagnostics[0];
        assert_eq!(d.kind, DiagnosticKind::Duplicate, "{path}: {d}");
        assert_eq!(d.location.path, path, "{d}");
        tried += 1;
    }
    assert!(tried > 40, "tables of {tried} shapes tried");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Arbitrary text in any rule file or as a case never panics.
    #[test]
    fn garbage_never_panics(text in ".{0,200}", which in 0usize..6) {
        let files = fixture_files();
        let target = files[which % files.len()].0.clone();
        let _ = Engine::from_files(fixture_with(&target, |_| text.clone()), "mini");
        let _ = Engine::from_bundle(&text);
        let engine = Engine::load(repo_root().join("tests/fixtures/mini")).unwrap();
        let _ = engine.case_from_str(&text);
    }

    /// Arbitrary expressions never panic: they load or give a located error.
    #[test]
    fn arbitrary_conditions_never_panic(expr in "[a-z_ ()'<>=!+*0-9\\[\\],-]{0,60}") {
        let escaped = expr.replace(['\\', '"'], "");
        let result = Engine::from_files(fixture_with("rules/main.toml", |t| t.replace("when = \"true\"", &format!("when = \"{escaped}\""))), "mini");
        if let Err(e) = result {
            prop_assert!(e.diagnostics.iter().all(|d| !d.location.file.is_empty()));
        }
    }
}

/// `override_for` names what an override goes against; a wrong value or one without an
/// `override` is a located load error with a hint.
#[test]
fn override_for_is_checked_at_load() {
    let dir = repo_root().join("tests/fixtures/mini");
    let load = |extra: &str| {
        let mut files = Vec::new();
        for name in ["manifest.toml", "schema.toml", "derived.toml", "offers.toml", "regions.toml"] {
            files.push((name.to_string(), std::fs::read_to_string(dir.join(name)).unwrap()));
        }
        let rule = format!("[[rules]]\nid = \"r\"\nwhen = \"true\"\nsource = \"T\"\nbecause = {{ nl = \"x\", en = \"x\" }}\nregie = \"R1\"\n{extra}");
        files.push(("rules/main.toml".into(), rule));
        Engine::from_files(files, "mini")
    };
    let err = load("override = { nl = \"x\", en = \"x\" }\noverride_for = \"consnt\"\n").unwrap_err();
    let d = err.first();
    assert_eq!((d.location.line, d.location.path.as_str()), (8, "rules[0].override_for"), "{err}");
    assert_eq!(d.hint.as_deref(), Some("did you mean `consent`?"), "{err}");
    let err = load("override_for = \"consent\"\n").unwrap_err();
    assert!(err.first().message.contains("needs an `override`"), "{err}");
    let both = "override = { nl = \"x\", en = \"x\" }\noverride_for = \"consent\"\nlegal_ground = { nl = \"x\", en = \"x\" }\n";
    assert!(load(both).unwrap_err().first().message.contains("legal_ground"));
    assert!(load("override = { nl = \"x\", en = \"x\" }\noverride_for = \"consent\"\n").is_ok());
}
