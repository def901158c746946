//! Voices (text variants chosen per case), question order and professional-only facts, and
//! explanations that never read out an unknown value (national rules 0.2, issue 9).

use wegwijs::Engine;
use wegwijs_tests::repo_root;

/// The mini fixture with voices, a voiced question, a professional-only fact with a
/// `danger_now` and a `later` fact, and templates with clauses and read-outs.
fn engine_with(edit_rule: &str) -> Result<Engine, wegwijs::RuleError> {
    let root = repo_root().join("tests/fixtures/mini");
    let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap();
    let manifest = read("manifest.toml")
        + r#"
[[voices]]
id = "je"
label = { nl = "Je", en = "Informal" }
when = "age < 18"

[[voices]]
id = "u"
label = { nl = "U", en = "Formal" }
"#;
    let schema = read("schema.toml")
        .replace(
            r#"question = { nl = "Hoe oud ben je?", en = "How old are you?" }"#,
            r#"question = { nl = "Hoe oud bent u?", en = "How old are you?", je = { nl = "Hoe oud ben je?" } }"#,
        )
        .replace(
            "id = \"relation\"\ntype = \"enum\"",
            "id = \"relation\"\npriority = \"later\"\nprofessional_only = true\ntype = \"enum\"",
        )
        .replace(
            "id = \"police_wish\"\ntype = \"enum\"",
            "id = \"police_wish\"\npriority = \"danger_now\"\ntype = \"enum\"",
        );
    let rules = read("rules/main.toml") + edit_rule;
    let files = vec![
        ("manifest.toml".to_string(), manifest),
        ("schema.toml".to_string(), schema),
        ("derived.toml".to_string(), read("derived.toml")),
        ("offers.toml".to_string(), read("offers.toml")),
        ("regions.toml".to_string(), read("regions.toml")),
        ("rules/main.toml".to_string(), rules),
    ];
    Engine::from_files(files, "mini")
}

const TEXT_RULE: &str = r#"
[[rules]]
id = "texts"
when = "true"
source = "voorstel"
because = { nl = "Het was {days_since(last_incident_at) | days} geleden[, met {age | kind / kinderen} erbij]. Wens: {police_wish}. Klaar.", en = "It was {days_since(last_incident_at) | days} ago[, with {age | child / children} present]. Wish: {police_wish}. Done." }
need = { hulp = "aanbod" }
"#;

fn explanation(engine: &Engine, case: &str) -> String {
    let p = engine.evaluate_json(case, "2026-03-02T12:00:00Z").unwrap();
    p.explanations.iter().find(|e| e.rule == "texts").unwrap().text.nl().to_string()
}

#[test]
fn the_voice_follows_the_case_and_can_be_chosen_per_evaluation() {
    let engine = engine_with("").unwrap();
    let p = engine.evaluate_json(r#"{"age": 14}"#, "2026-03-02T12:00:00Z").unwrap();
    assert_eq!(p.voice.as_deref(), Some("je"));
    let adult = engine.evaluate_json(r#"{"age": 30}"#, "2026-03-02T12:00:00Z").unwrap();
    assert_eq!(adult.voice.as_deref(), Some("u"));
    // Unknown age: the default voice, and the age question in it.
    let unknown = engine.evaluate_json("{}", "2026-03-02T12:00:00Z").unwrap();
    assert_eq!(unknown.voice.as_deref(), Some("u"));
    let age_q = unknown.questions.iter().find(|q| q.fact == "age").expect("age is an open question");
    assert_eq!(age_q.question.nl(), "Hoe oud bent u?");
    let case = engine.case_from_str("{}").unwrap();
    let eval = engine.evaluate(&case, wegwijs::Timestamp::parse("2026-03-02T12:00:00Z").unwrap());
    let je = eval.proposal_in_voice("je").unwrap();
    assert_eq!(je.voice.as_deref(), Some("je"));
    assert_eq!(je.questions.iter().find(|q| q.fact == "age").unwrap().question.nl(), "Hoe oud ben je?");
    let err = eval.proposal_in_voice("jij").unwrap_err().to_string();
    assert!(err.contains("did you mean `je`"), "{err}");
}

#[test]
fn questions_put_danger_first_herstel_last_and_mark_professional_ones() {
    let engine = engine_with("").unwrap();
    let p = engine.evaluate_json("{}", "2026-03-02T12:00:00Z").unwrap();
    let order: Vec<&str> = p.questions.iter().map(|q| q.fact.as_str()).collect();
    assert_eq!(order.first(), Some(&"police_wish"), "danger_now first: {order:?}");
    assert_eq!(order.last(), Some(&"relation"), "later last: {order:?}");
    let relation = p.questions.iter().find(|q| q.fact == "relation").unwrap();
    assert!(relation.professional_only);
    assert!(p.questions.iter().filter(|q| q.fact != "relation").all(|q| !q.professional_only));
}

#[test]
fn an_unknown_placeholder_drops_its_clause_or_sentence_and_numbers_read_naturally() {
    let engine = engine_with(TEXT_RULE).unwrap();
    let full = explanation(&engine, r#"{"age": 1, "police_wish": "nee", "last_incident_at": "1996-03-10T12:00:00Z"}"#);
    assert_eq!(full, "Het was ongeveer 30 jaar geleden, met 1 kind erbij. Wens: nee. Klaar.");
    let sparse = explanation(&engine, r#"{"last_incident_at": "2026-02-20T12:00:00Z"}"#);
    assert_eq!(sparse, "Het was 10 dagen geleden. Klaar.");
    let none = explanation(&engine, "{}");
    assert_eq!(none, "Klaar.");
    assert!(!none.contains("onbekend"));
}

#[test]
fn bad_voices_and_read_outs_are_clear_errors() {
    let bad_format = TEXT_RULE.replace("{age | kind / kinderen}", "{police_wish | kind / kinderen}");
    let err = engine_with(&bad_format).unwrap_err().to_string();
    assert!(err.contains("reads out a number"), "{err}");
    let bad_spec = TEXT_RULE.replace("| days}", "| dagen}");
    let err = engine_with(&bad_spec).unwrap_err().to_string();
    assert!(err.contains("unknown read-out `dagen`"), "{err}");
    let bad_clause = TEXT_RULE.replace("erbij]", "erbij");
    let err = engine_with(&bad_clause).unwrap_err().to_string();
    assert!(err.contains("`[` without a closing `]`"), "{err}");
    let bad_voice = TEXT_RULE.replace(
        "source = \"voorstel\"",
        "source = \"voorstel\"\noverride = { nl = \"x\", en = \"x\", jij = { nl = \"y\" } }",
    );
    let err = engine_with(&bad_voice).unwrap_err().to_string();
    assert!(err.contains("unknown voice `jij`") && err.contains("did you mean `je`"), "{err}");
}
