//! Hostile and careless input (issue 13): deep and long expressions, long derived chains,
//! deep JSON and TOML, everything on a 512 KB thread stack. Each must give a clear, located
//! error (or a correct result), never a crash. The inputs are generated here, not stored.

use wegwijs::{Engine, RuleError, Timestamp};

const NOW: &str = "2026-03-02T12:00:00Z";

/// Runs `f` on a thread with a 512 KB stack (what a Python thread may have), so that a
/// recursion proportional to the input would overflow it and abort the test binary.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(512 * 1024).spawn(f).expect("thread starts").join().expect("no panic")
}

/// The files of the mini fixture as `(relative path, text)`.
fn mini_files() -> Vec<(String, String)> {
    let root = wegwijs_tests::repo_root().join("tests/fixtures/mini");
    let mut out = Vec::new();
    for sub in ["", "rules", "scenarios"] {
        let dir = if sub.is_empty() { root.clone() } else { root.join(sub) };
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .expect("fixture")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        names.sort();
        for name in names {
            let text = std::fs::read_to_string(dir.join(&name)).expect("readable");
            out.push((if sub.is_empty() { name } else { format!("{sub}/{name}") }, text));
        }
    }
    out
}

/// The mini rule set with `extra` appended to the file `rel` (created if absent).
fn mini_with(rel: &str, extra: &str) -> Vec<(String, String)> {
    let mut files = mini_files();
    match files.iter_mut().find(|(r, _)| r == rel) {
        Some((_, text)) => text.push_str(extra),
        None => files.push((rel.to_string(), extra.to_string())),
    }
    files
}

fn load(files: Vec<(String, String)>) -> Result<Engine, RuleError> {
    Engine::from_files(files, "mini")
}

/// A rule whose condition is `when` and whose Dutch text is `because`.
fn rule(id: &str, when: &str, because: &str) -> String {
    format!(
        "\n[[rules]]\nid = \"{id}\"\nwhen = \"{when}\"\nsource = \"T\"\nbecause = {{ nl = \"{because}\", en = \"x\" }}\nneed = {{ hulp = \"urgent\" }}\n"
    )
}

/// Loads on a small stack and returns the error (the load must fail).
fn load_error(files: Vec<(String, String)>) -> RuleError {
    match on_small_stack(move || load(files).map(|_| ())) {
        Ok(()) => panic!("loaded, but should not have"),
        Err(e) => e,
    }
}

fn chain(term: &str, op: &str, n: usize) -> String {
    vec![term; n].join(&format!(" {op} "))
}

#[test]
fn long_chains_are_located_errors_not_crashes() {
    // The issue's crashes: ~58,000 `and` terms, ~9,000 `+` terms; and the depth limit itself.
    let cases = [
        (chain("fluid_exposure", "and", 58_000), "longer than"),
        (chain("fluid_exposure", "or", 3_000), "longer than"),
        (format!("{} > 3", chain("age", "+", 9_000)), "longer than"),
        (chain("true", "and", 65), "nested too deeply"),
        (format!("{} > 3", chain("1", "+", 100)), "nested too deeply"),
        (format!("{}true{}", "(".repeat(100_000), ")".repeat(100_000)), "longer than"),
        (format!("{}true", "not ".repeat(70)), "nested too deeply"),
    ];
    for (when, want) in cases {
        let err = load_error(mini_with("rules/zz.toml", &rule("lang", &when, "x")));
        let d = err.first();
        assert!(d.message.contains(want), "{}: {d}", &when[..40]);
        assert_eq!(d.location.file, "mini/rules/zz.toml");
        assert_eq!(d.location.line, 4, "{d}");
        assert_eq!(d.location.path, "rules[0].when");
    }
}

#[test]
fn an_expression_at_the_depth_limit_loads_evaluates_and_is_analysed_on_a_small_stack() {
    let when = chain("fluid_exposure", "and", wegwijs::limits::MAX_EXPRESSION_DEPTH);
    let files = mini_with("rules/zz.toml", &rule("diep", &when, "{age + age} jaar"));
    let findings = on_small_stack(move || {
        let engine = load(files).expect("loads at the limit");
        let case = engine.case_from_str(r#"{"fluid_exposure": true, "age": 20}"#).unwrap();
        let ev = engine.evaluate(&case, Timestamp::parse(NOW).unwrap());
        let p = ev.proposal();
        assert!(p.explanations.iter().any(|e| e.rule == "diep" && e.text.get("nl") == "40 jaar"));
        ev.questions();
        ev.why_not("pep").unwrap();
        engine.check()
    });
    assert!(!findings.is_empty());
}

#[test]
fn placeholders_have_the_same_limits() {
    let long = format!("{{{}}}", chain("age", "+", 50_000));
    let err = load_error(mini_with("rules/zz.toml", &rule("tekst", "true", &long)));
    assert!(err.first().message.contains("longer than"), "{}", err.first());
    let deep = format!("{{{}}}", chain("1", "+", 70));
    let err = load_error(mini_with("rules/zz.toml", &rule("tekst", "true", &deep)));
    let d = err.first();
    assert!(d.message.contains("nested too deeply"), "{d}");
    assert_eq!(d.location.path, "rules[0].because.nl");
    assert_eq!((d.location.line, d.location.column), (6, 20), "{d}");
}

fn derived(id: &str, expr: &str) -> String {
    format!("\n[[derived]]\nid = \"{id}\"\nexpr = \"{expr}\"\nlabel = {{ nl = \"x\", en = \"x\" }}\n")
}

fn derived_chain(n: usize) -> String {
    let mut text = derived("d0", "age");
    for i in 1..n {
        text.push_str(&derived(&format!("d{i}"), &format!("d{} + 1", i - 1)));
    }
    text
}

#[test]
fn a_long_derived_chain_is_an_error_not_a_crash() {
    // 100,000 derived facts: past the limit (the issue: a crash, and 132 s to load 70,000).
    let err = load_error(mini_with("derived.toml", &derived_chain(100_000)));
    assert!(err.first().message.contains("too many derived facts"), "{}", err.first());
    // Within the count but too deep once written out: one error, for the first fact past
    // the depth, not one for every fact after it.
    // (The fixture has two derived facts of its own.)
    let err = load_error(mini_with("derived.toml", &derived_chain(wegwijs::limits::MAX_DERIVED - 2)));
    assert_eq!(err.diagnostics.len(), 1, "{err}");
    assert!(err.first().message.contains("derived facts written out"), "{}", err.first());
}

#[test]
fn a_derived_chain_within_the_limits_works_on_a_small_stack() {
    let mut files = mini_with("derived.toml", &derived_chain(100));
    files = {
        let extra = rule("keten", "d99 > 150", "{d99}");
        let mut f = files;
        f.push(("rules/zz.toml".into(), extra));
        f
    };
    on_small_stack(move || {
        let engine = load(files).expect("loads");
        let case = engine.case_from_str(r#"{"age": 60}"#).unwrap();
        let p = engine.evaluate(&case, Timestamp::parse(NOW).unwrap()).proposal();
        assert!(p.explanations.iter().any(|e| e.rule == "keten" && e.text.get("nl") == "159"));
        let unknown = engine.case_from_str("{}").unwrap();
        let ev = engine.evaluate(&unknown, Timestamp::parse(NOW).unwrap());
        assert!(ev.questions().iter().any(|q| q.fact == "age"));
        engine.check();
    });
}

#[test]
fn one_broken_derived_fact_is_reported_once() {
    let mut files = mini_with("derived.toml", &derived("kapot", "agee > 3"));
    let mut rules = String::new();
    for i in 0..3 {
        rules.push_str(&rule(&format!("gebruik-{i}"), "kapot and fluid_exposure", "x"));
    }
    files.push(("rules/zz.toml".into(), rules));
    let err = load(files).unwrap_err();
    assert_eq!(err.diagnostics.len(), 1, "{err}");
    assert!(err.first().message.contains("unknown fact `agee`"), "{err}");
}

#[test]
fn deep_json_and_toml_are_errors_not_crashes() {
    let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    let (case_err, bundle_err) = on_small_stack(move || {
        let engine = Engine::national();
        let case = engine.case_from_str(&format!("{{\"acts\": {deep}}}")).map(|_| ()).unwrap_err();
        let bundle = Engine::from_bundle(&format!("{{\"format\": {deep}}}")).map(|_| ()).unwrap_err();
        (case, bundle)
    });
    assert_eq!(case_err.fact, "(case)");
    assert!(bundle_err.first().location.line > 0, "{bundle_err}");
    let deep = format!("x = {}1{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let err = load_error(mini_with("rules/zz.toml", &deep));
    assert_eq!(err.first().location.file, "mini/rules/zz.toml");
}
