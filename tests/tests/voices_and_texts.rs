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

/// Words a victim-facing text in the `je` voice must not contain (formal address, internal
/// words). "bent"/"hebt" are not on it: "waardoor je hulp nodig hebt" is correct Dutch.
const NOT_FOR_A_YOUNG_VICTIM: [&str; 6] = ["u", "uw", "uzelf", "pleger", "plegers", "incident"];

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

#[test]
fn a_fourteen_year_old_reads_je_throughout_and_no_internal_words() {
    let engine = wegwijs_tests::load_ruleset("national");
    let case = r#"{"age": 14, "caller_role": "slachtoffer"}"#;
    let p = engine.evaluate_json(case, "2026-03-02T12:00:00Z").unwrap();
    assert_eq!(p.voice.as_deref(), Some("je"));
    let asked: Vec<_> = p.questions.iter().filter(|q| !q.professional_only).collect();
    assert!(asked.len() > 20, "most questions are still open: {}", asked.len());
    for q in asked {
        let bad: Vec<String> =
            words(q.question.nl()).into_iter().filter(|w| NOT_FOR_A_YOUNG_VICTIM.contains(&w.as_str())).collect();
        assert!(bad.is_empty(), "question `{}` says {bad:?}: {}", q.fact, q.question.nl());
    }
    // Every offer's victim text has a `je` version without formal address or internal words.
    for offer in &engine.source().offers {
        let je = offer.victim.voiced(Some("je"));
        let bad: Vec<String> =
            words(je.nl()).into_iter().filter(|w| NOT_FOR_A_YOUNG_VICTIM.contains(&w.as_str())).collect();
        let for_adults_only = ["wens_vertegenwoordiger", "zorg_en_veiligheidshuis"];
        if !for_adults_only.contains(&offer.id.as_str()) {
            assert!(bad.is_empty(), "victim text of `{}` in `je` says {bad:?}: {}", offer.id, je.nl());
        }
    }
}

#[test]
fn a_parent_gets_the_caller_version_and_professional_questions_are_marked() {
    let engine = wegwijs_tests::load_ruleset("national");
    let p = engine.evaluate_json(r#"{"age": 9, "caller_role": "ouder_gezag"}"#, "2026-03-02T12:00:00Z").unwrap();
    assert_eq!(p.voice.as_deref(), Some("ouder"));
    let age = p.questions.iter().find(|q| q.fact == "last_incident_at").expect("time is asked");
    assert!(age.question.nl().contains("Wanneer"), "{}", age.question.nl());
    // A parent reads "uw kind"; a professional calling about an adult reads "het slachtoffer".
    let safe = p.questions.iter().find(|q| q.fact == "current_safety").expect("safety is asked");
    assert_eq!(safe.question.nl(), "Is uw kind nu op een veilige plek?");
    let pro = engine.evaluate_json(r#"{"age": 23, "caller_role": "professional"}"#, "2026-03-02T12:00:00Z").unwrap();
    assert_eq!(pro.voice.as_deref(), Some("melder"));
    for q in &pro.questions {
        assert!(!q.question.nl().contains("uw kind"), "`{}` to a professional: {}", q.fact, q.question.nl());
    }
    let adult = engine
        .evaluate_json(
            r#"{"age": 40, "caller_role": "slachtoffer", "previous_case_closed_at": "2026-01-01"}"#,
            "2026-03-02T12:00:00Z",
        )
        .unwrap();
    assert_eq!(adult.voice.as_deref(), Some("u"));
    let level = adult.questions.iter().find(|q| q.fact == "previous_regie_level").expect("earlier level is asked");
    assert!(level.professional_only, "an earlier MDT level is a professional's question");
}

#[test]
fn danger_questions_come_first_and_herstel_questions_never_before_an_acute_one() {
    let engine = wegwijs_tests::load_ruleset("national");
    let p = engine.evaluate_json(r#"{"last_incident_at": "2026-03-01T12:00:00Z"}"#, "2026-03-02T12:00:00Z").unwrap();
    let order: Vec<&str> = p.questions.iter().map(|q| q.fact.as_str()).collect();
    let pos = |f: &str| order.iter().position(|x| *x == f).unwrap_or_else(|| panic!("{f} not asked: {order:?}"));
    for danger in ["current_safety", "suicidality", "in_household", "perpetrator_has_access"] {
        assert!(pos(danger) < pos("fluid_exposure"), "{danger} before the medical window: {order:?}");
    }
    for herstel in ["wants_shn_support", "wants_herstelbemiddeling", "practical_problems"] {
        if order.contains(&herstel) {
            assert!(pos(herstel) > pos("fluid_exposure") && pos(herstel) > pos("pep_started"), "{herstel}: {order:?}");
        }
    }
}

#[test]
fn no_explanation_reads_out_an_unknown_value_or_an_unnatural_number() {
    let engine = wegwijs_tests::load_ruleset("national");
    let mut checked = 0;
    for s in engine.source().scenarios.parsed().unwrap().iter() {
        // The complete case, and the same case with every other fact unknown.
        let full = serde_json::Value::Object(s.case.clone());
        let half: serde_json::Map<_, _> =
            s.case.iter().enumerate().filter(|(i, _)| i % 2 == 0).map(|(_, kv)| (kv.0.clone(), kv.1.clone())).collect();
        for case in [full, serde_json::Value::Object(half), serde_json::json!({})] {
            let p = engine.evaluate_json(&case.to_string(), &s.now).unwrap();
            for e in &p.explanations {
                for lang in ["nl", "en"] {
                    let t = e.text.get(lang);
                    checked += 1;
                    assert!(
                        t.split(". ").count() >= 1 && t.len() > 20,
                        "{} / {}: explanation too short: `{t}`",
                        s.id,
                        e.rule
                    );
                    for bad in ["onbekend", "unknown", "1 kinderen", "1 incidenten", "1 children", "1 incidents", "  "]
                    {
                        assert!(!t.contains(bad), "{} / {}: `{bad}` in {t}", s.id, e.rule);
                    }
                    let long_days = t.split(' ').collect::<Vec<_>>().windows(2).any(|w| {
                        (w[1].starts_with("dagen") || w[1].starts_with("days"))
                            && w[0].parse::<i64>().is_ok_and(|n| n > 60)
                    });
                    assert!(!long_days, "{} / {}: days not read naturally in {t}", s.id, e.rule);
                }
            }
        }
    }
    assert!(checked > 1000, "explanations checked: {checked}");
}

/// A rule that holds for certain only because a fact is not known yet (national rules 0.3:
/// only a known "yes" to PrEP removes HIV-PEP, only a known vaccination the hepatitis B
/// vaccination) still asks that fact, because answering it can remove the referral.
#[test]
fn a_fact_read_under_known_is_asked_while_it_can_remove_a_certain_referral() {
    let engine = Engine::national();
    let text = std::fs::read_to_string(repo_root().join("examples/cases/vignet-1-festival.json")).unwrap();
    let mut case: serde_json::Value = serde_json::from_str(&text).unwrap();
    let facts = case.as_object_mut().unwrap();
    facts.remove("uses_prep");
    facts.remove("hbv_vaccinated");
    let now = "2026-03-02T18:00:00+01:00";
    let p = engine.evaluate_json(&case.to_string(), now).unwrap();
    let asked = |p: &wegwijs::result::Proposal, fact: &str| {
        p.questions.iter().find(|q| q.fact == fact).map(|q| q.affects.clone())
    };
    assert_eq!(asked(&p, "uses_prep"), Some(vec!["referral:hiv_pep".to_string()]));
    assert_eq!(asked(&p, "hbv_vaccinated"), Some(vec!["referral:hepatitis_b_vaccinatie".to_string()]));
    let pep = p.referrals.iter().find(|r| r.offer == "hiv_pep").expect("PEP is proposed while PrEP use is unknown");
    assert_eq!(serde_json::to_value(pep.status).unwrap(), "certain");

    // Answered "yes", PEP goes, and PrEP use is no longer a question.
    case["uses_prep"] = serde_json::Value::Bool(true);
    let p = engine.evaluate_json(&case.to_string(), now).unwrap();
    assert!(p.referrals.iter().all(|r| r.offer != "hiv_pep"));
    assert_eq!(asked(&p, "uses_prep"), None);
}
