//! End-to-end tests of the analyses on small variations of the mini fixture.

use super::{Finding, Severity};
use crate::engine::Engine;

const MINI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/mini");

/// The mini fixture with `rules` appended to its rules and `facts` to its schema.
fn mini_with(facts: &str, rules: &str) -> Engine {
    let mut files = Vec::new();
    for rel in ["manifest.toml", "schema.toml", "derived.toml", "offers.toml", "regions.toml", "rules/main.toml"] {
        let mut text = std::fs::read_to_string(format!("{MINI}/{rel}")).expect("mini file");
        match rel {
            "schema.toml" => text.push_str(facts),
            "rules/main.toml" => text.push_str(rules),
            "regions.toml" => {
                text = text
                    .replace("aangifte = \"Politie Zuid\" }", "aangifte = \"Politie Zuid\", melding_vt = \"VT Zuid\" }")
            }
            _ => {}
        }
        files.push((rel.to_string(), text));
    }
    Engine::from_files(files, "mini").unwrap_or_else(|e| panic!("{e}"))
}

fn codes(findings: &[Finding]) -> Vec<&str> {
    findings.iter().filter(|f| f.severity > Severity::Info).map(|f| f.code.as_str()).collect()
}

#[test]
fn unknown_is_a_value_of_its_own_for_facts_read_under_known() {
    let engine = mini_with(
        "",
        r#"
[[rules]]
id = "kind-wens-onbekend"
when = "minderjarig and not known(police_wish)"
source = "test"
because = { nl = "x", en = "x" }
regie = "R1"

[[rules]]
id = "tegenspraak"
when = "known(police_wish) and not known(police_wish)"
source = "test"
because = { nl = "x", en = "x" }
need = { hulp = "aanbod" }
"#,
    );
    let findings = engine.check();
    assert_eq!(codes(&findings), ["gap-no-regiehouder", "dead-rule"], "{findings:#?}");
    let gap = &findings[0];
    let w = gap.witness.as_ref().unwrap();
    assert!(!w.case.contains_key("police_wish"), "the wish must stay unknown: {w:?}");
    let case = engine.case_from_json(&serde_json::Value::Object(w.case.clone())).unwrap();
    let ev = engine.evaluate(&case, crate::Timestamp::parse(&w.now).unwrap());
    assert!(ev.outcome().regie.certain >= 1 && ev.outcome().regiehouder.is_none(), "{:?}", ev.outcome());
    assert!(findings.iter().any(|f| f.code == "dead-rule" && f.message.contains("`tegenspraak`")));
}

#[test]
fn wide_arithmetic_is_approximated_and_said_so() {
    let engine = mini_with(
        r#"
[[facts]]
id = "gewicht"
type = "int"
min = 0
max = 1000
section = "nu"
label = { nl = "Gewicht", en = "Weight" }
question = { nl = "?", en = "?" }
"#,
        r#"
[[rules]]
id = "zwaar"
when = "gewicht * 2 > 301 and age * 3 < 40"
source = "test"
because = { nl = "x", en = "x" }
need = { hulp = "aanbod" }
"#,
    );
    let findings = engine.check();
    let approx: Vec<&Finding> = findings.iter().filter(|f| f.code == "analysis-approximate").collect();
    // `age` (0..120) is enumerated in full, so only `gewicht` is approximated.
    assert_eq!(approx.len(), 1, "{findings:#?}");
    assert!(approx[0].message.contains("`gewicht`"));
    assert!(codes(&findings).is_empty(), "the rule can fire: {findings:#?}");
}
