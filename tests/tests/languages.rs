//! Languages as data (issue 11, item 3): `nl` is the base, every other language of the
//! manifest is optional per text and falls back to Dutch text by text, `check` reports
//! what is missing per language with file and line, and an unlisted language is a located
//! load error with a did-you-mean — in the rule files and when output is narrowed.

use wegwijs::audience::Audience;
use wegwijs::check::translations::{COUNT, MISSING};
use wegwijs::check::Severity;
use wegwijs::language::InLanguage;
use wegwijs::{Engine, Timestamp};
use wegwijs_tests::{load_ruleset, repo_root};

const PEP_CASE: &str = r#"{"age": 30, "last_incident_at": "2026-03-01T12:00:00+01:00", "fluid_exposure": true,
    "acts": ["penetratie"], "police_wish": "aangifte", "region": "zuid"}"#;
const NOW: &str = "2026-03-03T11:00:00+01:00";
const PEP_VICTIM: &str = r#"victim = { nl = "Medicijnen tegen hiv.", en = "Medicine against HIV." }"#;

/// The mini fixture with `ar` among its languages and `edit` applied to its offers.
fn mini_ar(edit_offers: impl Fn(String) -> String) -> Result<Engine, wegwijs::RuleError> {
    let root = repo_root().join("tests/fixtures/mini");
    let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap();
    let manifest = read("manifest.toml").replace(r#"languages = ["nl", "en"]"#, r#"languages = ["nl", "en", "ar"]"#);
    assert!(manifest.contains(r#""ar"]"#), "the fixture's languages line changed");
    let offers = read("offers.toml");
    assert!(offers.contains(PEP_VICTIM), "the fixture's pep victim text changed");
    let files = vec![
        ("manifest.toml".to_string(), manifest),
        ("schema.toml".to_string(), read("schema.toml")),
        ("derived.toml".to_string(), read("derived.toml")),
        ("offers.toml".to_string(), edit_offers(offers)),
        ("regions.toml".to_string(), read("regions.toml")),
        ("rules/main.toml".to_string(), read("rules/main.toml")),
    ];
    Engine::from_files(files, "mini")
}

fn with_pep_ar(offers: String) -> String {
    offers.replace(
        PEP_VICTIM,
        r#"victim = { nl = "Medicijnen tegen hiv.", en = "Medicine against HIV.", ar = "أدوية ضد فيروس HIV." }"#,
    )
}

#[test]
fn a_listed_language_is_optional_and_falls_back_to_dutch_text_by_text() {
    let engine = mini_ar(with_pep_ar).expect("a text without `ar` is not an error");
    let plain = engine.evaluate_json(PEP_CASE, NOW).unwrap();
    let mut ar = plain.clone();
    ar.in_language("ar");
    assert_eq!(ar.language.as_deref(), Some("ar"));
    assert!(plain.language.is_none(), "without a language the proposal holds every language");
    // No `because` has Arabic: each explanation is in Dutch, marked as Dutch.
    assert!(!plain.explanations.is_empty());
    for (e, p) in ar.explanations.iter().zip(&plain.explanations) {
        assert_eq!(e.text.languages().collect::<Vec<_>>(), ["nl"], "{}", e.rule);
        assert_eq!(e.text.nl(), p.text.nl());
        assert_eq!(p.text.get_exact("ar"), None, "an explanation never holds Dutch labelled as Arabic");
    }
    // A text that has Arabic gives Arabic, one that has not gives Dutch, in one output.
    let engine = mini_ar(|o| {
        with_pep_ar(o).replace(
            r#"label = { nl = "HIV-PEP", en = "HIV PEP" }"#,
            r#"label = { nl = "HIV-PEP", en = "HIV PEP", ar = "PEP ضد HIV" }"#,
        )
    })
    .unwrap();
    let mut ar = engine.evaluate_json(PEP_CASE, NOW).unwrap();
    ar.in_language("ar");
    let label = |offer: &str| ar.referrals.iter().find(|r| r.offer == offer).unwrap().label.clone();
    assert_eq!(serde_json::to_string(&label("pep")).unwrap(), r#"{"ar":"PEP ضد HIV"}"#);
    assert_eq!(label("aangifte").languages().collect::<Vec<_>>(), ["nl"]);
}

#[test]
fn every_language_of_the_national_rules_has_its_text_or_dutch_and_check_counts_the_gap() {
    let engine = load_ruleset("national");
    let languages = engine.source().manifest.languages.clone();
    assert_eq!(languages, ["nl", "en", "ar"]);
    let dir = repo_root().join("tests/conformance/audience");
    let mut cases = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if !path.to_string_lossy().ends_with("--professional.for.json") {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let ev = engine.evaluate(&engine.case_from_json(&v["case"]).unwrap(), ts(v["now"].as_str().unwrap()));
        for lang in &languages {
            for audience in [Audience::Professional, Audience::Slachtoffer, Audience::Melder, Audience::parse("csg")] {
                let view = serde_json::to_value(ev.for_audience_in(&audience, lang).unwrap()).unwrap();
                assert_eq!(view["language"], lang.as_str());
                let (exact, dutch) = texts_in(&view, &languages, lang);
                let for_victim = matches!(audience, Audience::Slachtoffer | Audience::Melder);
                assert!(
                    exact > 0 || !for_victim,
                    "{lang}: no victim text in the language asked for ({})",
                    path.display()
                );
                if lang == "nl" {
                    assert_eq!(dutch, 0);
                }
            }
        }
        cases += 1;
    }
    assert!(cases >= 4, "only {cases} cases");
    // `check` counts per language; the count agrees with the list of missing texts.
    let findings = engine.check_with(&wegwijs::check::CheckBudget { cases: 1, stop: None });
    for lang in ["en", "ar"] {
        let count = findings.iter().find(|f| f.code == COUNT && f.message.starts_with(&format!("`{lang}`"))).unwrap();
        let listed = findings.iter().filter(|f| f.code == MISSING && f.message.contains(&format!("`{lang}`"))).count();
        assert!(count.message.contains(&format!(", {listed} missing")), "{}: {listed} listed", count.message);
        assert_eq!(count.severity, Severity::Info);
    }
    // English is complete, except the translation note, which by design names only the
    // languages that carry it (Arabic: a machine-assisted translation, issue 17).
    let en_missing: Vec<&str> = findings
        .iter()
        .filter(|f| f.code == MISSING && f.message.contains("`en`"))
        .map(|f| f.location.as_ref().map(|l| l.path.as_str()).unwrap_or(""))
        .collect();
    assert_eq!(en_missing, ["summary_words.translation_note"], "{findings:#?}");
}

/// Walks narrowed output: every text (an object whose keys are all languages) holds exactly
/// one key, `lang` or `nl`. Returns (texts in `lang`, texts that fell back to Dutch).
fn texts_in(value: &serde_json::Value, languages: &[String], lang: &str) -> (usize, usize) {
    let mut counts = (0, 0);
    match value {
        serde_json::Value::Object(map) if !map.is_empty() && map.keys().all(|k| languages.contains(k)) => {
            assert_eq!(map.len(), 1, "a narrowed text holds one language: {value}");
            let (key, text) = map.iter().next().unwrap();
            assert!(text.as_str().is_some_and(|t| !t.is_empty()), "{value}");
            if key == lang {
                counts.0 += 1;
            } else {
                assert_eq!(key, "nl", "a text falls back to Dutch only: {value}");
                counts.1 += 1;
            }
        }
        serde_json::Value::Object(map) => map.values().for_each(|v| add(&mut counts, texts_in(v, languages, lang))),
        serde_json::Value::Array(list) => list.iter().for_each(|v| add(&mut counts, texts_in(v, languages, lang))),
        _ => {}
    }
    counts
}

fn add(a: &mut (usize, usize), b: (usize, usize)) {
    a.0 += b.0;
    a.1 += b.1;
}

fn ts(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

#[test]
fn check_lists_every_missing_translation_with_file_and_line() {
    let engine = mini_ar(with_pep_ar).unwrap();
    let findings = engine.check();
    let count = findings.iter().find(|f| f.code == COUNT && f.message.starts_with("`ar`")).expect("an ar count");
    let missing: Vec<_> = findings.iter().filter(|f| f.code == MISSING && f.message.contains("`ar`")).collect();
    assert!(count.message.contains(&format!("1 of {} texts translated, {} missing", missing.len() + 1, missing.len())));
    assert!(missing.len() > 10, "{}", missing.len());
    for f in &missing {
        let at = f.location.as_ref().expect("a missing text has a place");
        assert!(at.file.ends_with(".toml") && at.line > 0 && at.column > 0, "{at}");
        assert_eq!(f.severity, Severity::Info, "a missing translation does not fail check");
    }
    assert!(
        !missing.iter().any(|f| f.location.as_ref().unwrap().path == "offers[0].victim"),
        "pep's victim text has ar"
    );
    assert!(missing.iter().any(|f| f.location.as_ref().unwrap().path == "offers[0].label"));
    assert!(!findings.iter().any(|f| f.code == MISSING && f.message.contains("`en`")), "the fixture is complete in en");
}

#[test]
fn a_text_in_an_unlisted_language_is_a_located_error_with_did_you_mean() {
    let err = mini_ar(|o| o.replace(PEP_VICTIM, r#"victim = { nl = "Medicijnen tegen hiv.", ara = "أدوية" }"#))
        .expect_err("`ara` is not listed");
    let d = &err.diagnostics[0];
    assert!(d.message.contains("unknown language `ara`"), "{d}");
    assert_eq!(d.hint.as_deref(), Some("did you mean `ar`?"));
    assert!(d.location.file.ends_with("offers.toml") && d.location.line > 0 && d.location.column > 0, "{d}");
    assert!(d.location.path.ends_with("victim.ara"), "{}", d.location.path);

    let err =
        mini_ar(|o| o.replace(PEP_VICTIM, r#"victim = { en = "Medicine against HIV.", ar = "أدوية" }"#)).unwrap_err();
    assert!(err.diagnostics[0].message.contains("`nl` (the base language) is missing"), "{err}");
    let err = mini_ar(|o| o.replace(PEP_VICTIM, r#"victim = { nl = "Medicijnen.", ar = " " }"#)).unwrap_err();
    assert!(err.diagnostics[0].message.contains("text in `ar` is empty"), "{err}");
}

#[test]
fn the_manifest_languages_and_summary_words_are_checked() {
    let root = repo_root().join("rules");
    let mut files: Vec<(String, String)> = Vec::new();
    for sub in ["", "rules"] {
        for entry in std::fs::read_dir(root.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "toml") {
                let name = path.strip_prefix(&root).unwrap().to_string_lossy().to_string();
                files.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let load = |edit: &dyn Fn(&str) -> String| {
        let edited = files.iter().map(|(n, t)| (n.clone(), if n == "manifest.toml" { edit(t) } else { t.clone() }));
        Engine::from_files(edited.collect(), "rules")
    };
    assert!(load(&|t| t.to_string()).is_ok());
    let err =
        load(&|t| t.replace(r#"languages = ["nl", "en", "ar"]"#, r#"languages = ["nl", "en", "Arabic"]"#)).unwrap_err();
    assert!(err.to_string().contains("`Arabic` is not a language code"), "{err}");
    let err = load(&|t| t.replace("{hour}.{minute} uur", "{hour}.{minuut} uur")).unwrap_err();
    let d = &err.diagnostics[0];
    assert!(d.message.contains("unknown placeholder `minuut`"), "{d}");
    assert_eq!(d.hint.as_deref(), Some("did you mean `minute`?"));
    assert!(d.location.file.ends_with("manifest.toml") && d.location.line > 0, "{d}");
    let err = load(&|t| t.replace("  { nl = \"zondag\", en = \"Sunday\", ar = \"الأحد\" },\n", "")).unwrap_err();
    assert!(err.to_string().contains("`weekdays` needs 7 texts"), "{err}");
    // Without summary words there is no summary, and the error says why.
    let start = files.iter().find(|(n, _)| n == "manifest.toml").unwrap().1.find("[summary_words]").unwrap();
    let engine = load(&|t| t[..start].to_string()).unwrap();
    let ev = engine.evaluate(&engine.case_from_json(&serde_json::json!({"age": 30})).unwrap(), ts(NOW));
    let err = ev.for_audience(&Audience::Slachtoffer).unwrap_err();
    assert!(err.to_string().contains("summary_words"), "{err}");
}

#[test]
fn an_unknown_output_language_is_an_error_that_names_the_languages() {
    let engine = load_ruleset("national");
    let err = engine.check_language("ara").unwrap_err().to_string();
    assert!(err.contains("(nl, en, ar)") && err.contains("did you mean `ar`?"), "{err}");
    assert!(engine.check_language("ar").is_ok());
    let ev = engine.evaluate(&engine.case_from_json(&serde_json::json!({"age": 14})).unwrap(), ts(NOW));
    assert!(ev.for_audience_in(&Audience::Slachtoffer, "AR").is_err(), "codes are exact, not case-folded");
}

#[test]
fn a_victim_summary_in_arabic_says_it_is_a_machine_assisted_translation_and_dutch_or_english_do_not() {
    let engine = load_ruleset("national");
    let case = engine
        .case_from_json(
            &serde_json::from_str(
                r#"{"age": 27, "last_incident_at": "2026-03-02T00:00:00+01:00", "acts": ["vaginaal"],
                    "fluid_exposure": true, "consent_mdt": "ja", "caller_role": "slachtoffer", "region": "den-haag"}"#,
            )
            .unwrap(),
        )
        .unwrap();
    let ev = engine.evaluate(&case, ts("2026-03-02T18:00:00+01:00"));
    let note = engine.source().manifest.summary_words.as_ref().unwrap().translation_note.clone().unwrap();
    let ar_note = note.get_exact("ar").expect("the national rules give the note in Arabic");
    for audience in [Audience::Slachtoffer, Audience::Melder] {
        let text = |lang: &str| {
            let view = serde_json::to_value(ev.for_audience_in(&audience, lang).unwrap()).unwrap();
            view["text"][lang].as_str().unwrap().to_string()
        };
        assert!(text("ar").trim_end().ends_with(ar_note), "{}", text("ar"));
        for lang in ["nl", "en"] {
            let t = text(lang);
            assert!(!t.contains(note.nl()) && !t.contains(ar_note), "{lang} must not carry the note: {t}");
        }
    }
}

/// Every Arabic text a victim reads (offer and override texts in every voice, the summary
/// words, the intake questions) avoids the wrong term for the zedenpolitie and the
/// masculine-only forms 0.2.1 used throughout (issue 17, item 16). A heuristic list: a
/// native speaker still has to review the Arabic.
#[test]
fn arabic_victim_texts_use_the_right_police_term_and_no_masculine_only_address() {
    let engine = load_ruleset("national");
    let src = engine.source();
    let mut texts: Vec<(String, String)> = Vec::new();
    let mut add = |place: String, text: &wegwijs::text::Text| {
        if let Some(ar) = text.get_exact("ar") {
            texts.push((place.clone(), ar.to_string()));
        }
        for (voice, variant) in text.variants() {
            if let Some(ar) = variant.get_exact("ar") {
                texts.push((format!("{place} ({voice})"), ar.to_string()));
            }
        }
    };
    for o in &src.offers {
        add(format!("offer {}", o.id), &o.victim);
    }
    for r in &src.rules {
        if let Some(v) = &r.victim {
            add(format!("rule {}", r.id), v);
        }
    }
    for f in &src.schema.facts {
        add(format!("question {}", f.id), &f.question);
    }
    let w = src.manifest.summary_words.as_ref().unwrap();
    for (key, t) in [("intro", &w.intro), ("even_against_wish", &w.even_against_wish), ("ask_first", &w.ask_first)] {
        add(format!("summary_words.{key}"), t);
    }
    assert!(texts.len() > 80, "only {} Arabic texts", texts.len());
    let wrong = [
        "شرطة الآداب",
        "هل تريد أن",
        "أنت تقرر",
        "مترددًا",
        "لن تُترك",
        "اتصل على",
        "لا تدفع",
        "أن تتصل",
        "هل تظن",
        "هل تستخدم PrEP",
        "هل تفكر",
        "لم تكن تريد",
    ];
    let found: Vec<String> = texts
        .iter()
        .flat_map(|(place, t)| wrong.iter().filter(|w| t.contains(*w)).map(move |w| format!("{place}: `{w}`")))
        .collect();
    assert!(found.is_empty(), "{found:#?}");
}
