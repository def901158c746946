//! Properties of the summaries over generated cases of the national rule set: no urgent
//! step goes missing from the victim's summary, and no step outside the caller's rules
//! reaches the caller. The oracles read the case's facts directly, not the manifest.

use super::{build, select, Reader, Version};
use crate::engine::{Engine, Evaluation, Timestamp};
use crate::result::Status;
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use std::sync::OnceLock;

const NOW: &str = "2026-03-04T12:00:00+01:00";

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::national)
}

fn evaluate(case: &Map<String, Value>) -> Evaluation {
    let e = engine();
    let case = e.case_from_json(&Value::Object(case.clone())).expect("generated cases are valid");
    e.evaluate(&case, Timestamp::parse(NOW).unwrap())
}

fn words() -> &'static crate::ruleset::source::SummaryWords {
    engine().source().manifest.summary_words.as_ref().expect("national summary words")
}

/// A value or unknown (absent), unknown with probability 1/4.
fn maybe<T: std::fmt::Debug + Clone + 'static>(s: impl Strategy<Value = T> + 'static) -> BoxedStrategy<Option<T>> {
    prop_oneof![1 => Just(None), 3 => s.prop_map(Some)].boxed()
}

/// Cases over callers, relations, ages, consent, views and what decides urgent steps.
fn cases() -> impl Strategy<Value = Map<String, Value>> {
    let who = (
        maybe(prop::sample::select(vec!["slachtoffer", "ouder_gezag", "naaste", "professional"])),
        maybe(prop::sample::select(vec!["onbekende", "bekende", "ex_partner", "partner", "gezinslid", "huisgenoot"])),
        maybe(0i64..=90),
        maybe(prop::sample::select(vec!["ja", "nee", "deels"])),
        maybe(prop::sample::subsequence(vec!["csg", "veilig_thuis", "politie", "om", "huisarts", "ggz"], 0..=6)),
        maybe(prop::sample::select(vec!["zelfde", "anders"])),
        maybe(any::<bool>()),
        maybe(any::<bool>()),
    );
    let what = (
        maybe(any::<bool>()),
        maybe(0i64..=400),
        maybe(prop::sample::subsequence(
            vec!["vaginaal", "anaal", "oraal", "aanranding", "online_beeldmateriaal"],
            0..=3,
        )),
        maybe(any::<bool>()),
        maybe(any::<bool>()),
        maybe(prop::sample::select(vec!["veilig", "onzeker", "acuut_onveilig"])),
        maybe(prop::sample::select(vec!["geen", "signalen", "acuut"])),
        maybe(prop::sample::select(vec!["aangifte", "informatief_gesprek", "twijfel", "nee"])),
        (maybe(any::<bool>()), maybe(prop::sample::subsequence(vec!["lvb", "psychiatrie"], 0..=2))),
    );
    (who, what).prop_map(|(who, what)| {
        let (caller, relation, age, consent, scope, view, household, access) = who;
        let (representative, hours_ago, acts, fluid, prep, safety, suicidality, police, (safe, vuln)) = what;
        let mut c = Map::new();
        let mut put = |k: &str, v: Option<Value>| {
            if let Some(v) = v {
                c.insert(k.to_string(), v);
            }
        };
        put("caller_role", caller.map(|v| json!(v)));
        put("perpetrator_relation", relation.map(|v| json!(v)));
        put("age", age.map(|v| json!(v)));
        put("consent_mdt", consent.map(|v| json!(v)));
        put("consent_scope", scope.map(|v| json!(v)));
        put("victim_view", view.map(|v| json!(v)));
        put("in_household", household.map(|v| json!(v)));
        put("perpetrator_has_access", access.map(|v| json!(v)));
        put("representative", representative.map(|v| json!(v)));
        let now = Timestamp::parse(NOW).unwrap().seconds();
        put("last_incident_at", hours_ago.map(|h| json!(Timestamp::from_unix(now - h * 3600).unwrap().to_rfc3339())));
        put("acts", acts.map(|v| json!(v)));
        put("fluid_exposure", fluid.map(|v| json!(v)));
        put("uses_prep", prep.map(|v| json!(v)));
        put("current_safety", safety.map(|v| json!(v)));
        put("suicidality", suicidality.map(|v| json!(v)));
        put("police_wish", police.map(|v| json!(v)));
        put("safe_to_contact", safe.map(|v| json!(v)));
        put("vulnerabilities", vuln.map(|v| json!(v)));
        c
    })
}

fn str_of<'a>(c: &'a Map<String, Value>, k: &str) -> Option<&'a str> {
    c.get(k).and_then(Value::as_str)
}

fn bool_of(c: &Map<String, Value>, k: &str) -> Option<bool> {
    c.get(k).and_then(Value::as_bool)
}

/// The caller rules of issue 18, read from the facts: may the caller read a step in `area`?
fn caller_may_read(c: &Map<String, Value>, area: &str) -> bool {
    let age = c.get("age").and_then(Value::as_i64);
    let consent_given = matches!(str_of(c, "consent_mdt"), Some("ja" | "deels"));
    let wish_is_victims = str_of(c, "caller_role") == Some("slachtoffer")
        || bool_of(c, "representative") == Some(true)
        || (age.is_some_and(|a| a < 12) && str_of(c, "caller_role") == Some("ouder_gezag"));
    let view_ok = str_of(c, "victim_view") == Some("zelfde") || wish_is_victims;
    let perpetrator_away =
        bool_of(c, "in_household") == Some(false) && bool_of(c, "perpetrator_has_access") == Some(false);
    consent_given
        && view_ok
        && match area {
            "veiligheid" | "strafrecht" => perpetrator_away,
            "hulp" => age.is_some_and(|a| a < 16),
            _ => true,
        }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]

    /// No step outside the caller's rules ever reaches the caller: only certain (or soon
    /// possibly needed) steps within the consent and the stated wish, none about safety or
    /// criminal law while the perpetrator lives in or can reach the home, no medical or
    /// mental-health step of a victim of 16 or older; and the summary says why when it
    /// holds steps back.
    #[test]
    fn no_step_outside_the_rules_reaches_the_caller(case in cases()) {
        let ev = evaluate(&case);
        let proposal = ev.proposal();
        let sel = select(&ev, &proposal, Reader::Caller);
        for (_, i) in sel.listed() {
            let r = &proposal.referrals[i];
            prop_assert!(!crate::explain::summary::outside_wish(r), "{} is outside the consent or wish", r.offer);
            prop_assert!(caller_may_read(&case, &r.area), "{} ({}) reached the caller of {:?}", r.offer, r.area, case);
            if bool_of(&case, "in_household") != Some(false) {
                prop_assert!(!["veilig_thuis", "politie", "om"].contains(&r.organisation.as_str()), "{}", r.offer);
            }
        }
        let s = build(&ev, Reader::Caller, words());
        prop_assert_eq!(s.steps.len() + s.maybe_needed.len() + s.later.len(), sel.listed().count());
        let listed_any = proposal.referrals.iter().any(|r| r.status == Status::Certain);
        if listed_any && sel.listed().count() == 0 {
            prop_assert!(!s.withheld.is_empty(), "nothing left for the caller and no reason why");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    /// No certain or possible `direct` step is ever missing from the victim's summary
    /// (a summary that may be sent, for a victim who reads the full version).
    #[test]
    fn no_direct_step_is_missing_from_the_victims_summary(mut case in cases()) {
        // A summary that may be sent, for a victim who reads the full version.
        case.insert("safe_to_contact".into(), json!(true));
        if case.get("age").and_then(Value::as_i64).is_some_and(|a| a < 12) {
            case.insert("age".into(), json!(12));
        }
        let ev = evaluate(&case);
        let proposal = ev.proposal();
        let sel = select(&ev, &proposal, Reader::Victim);
        prop_assert!(!sel.not_to_send && sel.version != Version::Child);
        let listed: Vec<usize> = sel.listed().map(|(_, i)| i).collect();
        for (i, r) in proposal.referrals.iter().enumerate() {
            if r.urgency == "direct" && matches!(r.status, Status::Certain | Status::Possible) {
                prop_assert!(listed.contains(&i), "direct step {} ({:?}) missing", r.offer, r.status);
            }
        }
        let s = build(&ev, Reader::Victim, words());
        prop_assert_eq!(s.steps.len() + s.maybe_needed.len() + s.later.len(), listed.len());
        prop_assert!(s.steps.len() <= 5);
    }

    /// A summary that must not be sent says so first and holds no safety or criminal-law
    /// step; the child version holds only steps with a child text.
    #[test]
    fn unsafe_and_child_summaries_leave_out_what_they_must(case in cases()) {
        let ev = evaluate(&case);
        let proposal = ev.proposal();
        let sel = select(&ev, &proposal, Reader::Victim);
        let s = build(&ev, Reader::Victim, words());
        assert_no_sentence_twice(s.text.nl());
        assert_no_sentence_twice(build(&ev, Reader::Caller, words()).text.nl());
        if bool_of(&case, "safe_to_contact") == Some(false) {
            prop_assert!(sel.not_to_send);
            prop_assert!(s.text.nl().starts_with("Alleen mondeling bespreken of veilig meegeven, niet sturen."));
            for (_, i) in sel.listed() {
                prop_assert!(!["veiligheid", "strafrecht"].contains(&proposal.referrals[i].area.as_str()));
            }
        } else {
            prop_assert!(!sel.not_to_send);
        }
        let child = case.get("age").and_then(Value::as_i64).is_some_and(|a| a < 12);
        prop_assert_eq!(sel.version == Version::Child, child);
        if child {
            let src = engine().source();
            for (_, i) in sel.listed() {
                let offer = src.offers.iter().find(|o| o.id == proposal.referrals[i].offer).unwrap();
                prop_assert!(offer.child.is_some(), "{} has no child text", offer.id);
            }
        }
    }
}

fn vignet(name: &str) -> Map<String, Value> {
    let path = format!("{}/../examples/cases/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn pep_is_listed_while_prep_use_is_unknown() {
    let mut case = vignet("vignet-1-festival");
    case.remove("uses_prep");
    let ev = evaluate(&case);
    let s = build(&ev, Reader::Victim, words());
    let pep = engine().source().offers.iter().find(|o| o.id == "hiv_pep").unwrap();
    let text = pep.victim.voiced_in(&[s.voice.as_deref().unwrap()]);
    let all: Vec<_> = s.steps.iter().chain(&s.maybe_needed).chain(&s.later).collect();
    assert!(all.iter().any(|st| st.what == text), "no PEP in\n{}", s.text.nl());
    // Since national rules 0.3 an unknown PrEP answer does not weaken PEP: a certain step.
    assert!(s.steps.iter().any(|st| st.what == text), "PEP not among the certain steps:\n{}", s.text.nl());
}

#[test]
fn a_parent_in_the_perpetrators_household_reads_no_veilig_thuis_police_or_om_step() {
    let mut case = vignet("vignet-3-stiefvader-acuut");
    case.insert("caller_role".into(), json!("ouder_gezag"));
    let ev = evaluate(&case);
    let proposal = ev.proposal();
    assert!(proposal.referrals.iter().any(|r| r.organisation == "veilig_thuis" && r.status == Status::Certain));
    let s = build(&ev, Reader::Caller, words());
    let nl = s.text.nl();
    for word in ["Veilig Thuis", "politie", "officier van justitie", "Openbaar Ministerie", "zedenpolitie"] {
        assert!(!nl.contains(word), "`{word}` reaches a parent in the perpetrator's household:\n{nl}");
    }
    assert!(!s.withheld.is_empty(), "{nl}");
    // Addressed as a parent, about "uw kind", never with the victim's own "je".
    assert_eq!(s.voice.as_deref(), Some("ouder"));
    let words: Vec<&str> = nl.split(|c: char| !c.is_alphanumeric()).collect();
    for w in ["je", "jij", "jou", "jouw"] {
        assert!(!words.contains(&w), "`{w}` in the parent's summary:\n{nl}");
    }
    assert!(nl.contains("uw kind"), "{nl}");
}

#[test]
fn a_professional_caller_reads_about_the_victim_never_uw_kind() {
    let mut case = vignet("vignet-2-collega");
    case.insert("caller_role".into(), json!("professional"));
    case.insert("age".into(), json!(23));
    let ev = evaluate(&case);
    let s = build(&ev, Reader::Caller, words());
    assert_eq!(s.voice.as_deref(), Some("melder"));
    assert!(!s.text.nl().contains("uw kind"), "{}", s.text.nl());
    for q in ev.proposal().questions {
        assert!(!q.question.nl().contains("uw kind"), "{}", q.question.nl());
    }
    // The caller's wish stands in for the victim's until she is asked.
    case.remove("victim_view");
    case.remove("representative");
    let s = build(&evaluate(&case), Reader::Caller, words());
    assert!(s.own_view.is_some(), "{}", s.text.nl());
    assert!(s.text.nl().contains("Eigen mening van het slachtoffer: nog niet gevraagd"));
}

#[test]
fn an_offer_without_a_melder_text_gets_a_neutral_third_person_line() {
    let mut source = engine().source().clone();
    for o in &mut source.offers {
        o.melder = None;
    }
    let e = Engine::from_source(source).unwrap();
    let mut case = vignet("vignet-2-collega");
    case.insert("caller_role".into(), json!("naaste"));
    case.insert("victim_view".into(), json!("zelfde"));
    case.insert("in_household".into(), json!(false));
    case.insert("perpetrator_has_access".into(), json!(false));
    let case = e.case_from_json(&Value::Object(case)).unwrap();
    let ev = e.evaluate(&case, Timestamp::parse(NOW).unwrap());
    let s = build(&ev, Reader::Caller, e.source().manifest.summary_words.as_ref().unwrap());
    assert!(!s.steps.is_empty());
    for st in &s.steps {
        assert!(st.what.nl().starts_with("Voor het slachtoffer: "), "{}", st.what.nl());
    }
    let findings = crate::check::victim::findings(e.rules());
    let f = findings.iter().find(|f| f.code == "caller-text-missing").expect("a finding");
    assert_eq!(f.severity, crate::check::Severity::Warning);
}

#[test]
fn victims_read_five_steps_first_plain_words_and_no_sentence_twice() {
    let case = vignet("vignet-3-stiefvader-acuut");
    let ev = evaluate(&case);
    let s = build(&ev, Reader::Victim, words());
    let nl = s.text.nl();
    assert_eq!(s.steps.len(), 5, "{nl}");
    assert!(!s.later.is_empty() && nl.contains("Later bespreken we ook:"), "{nl}");
    for code in ["regiehouder", "LANGZS)", "Waar: LOEF"] {
        assert!(!nl.contains(code), "`{code}` in\n{nl}");
    }
    assert_no_sentence_twice(nl);
}

/// No sentence of a summary's text (after a step's "when:") is said twice. "Waar:" lines
/// are labels, not prose: the same "zoals bij stap k" may stand under several steps.
fn assert_no_sentence_twice(text: &str) {
    let mut seen = std::collections::BTreeSet::new();
    for line in text.lines().filter(|l| !l.trim_start().starts_with("Waar:")) {
        let body = line.trim().split_once(": ").map_or(line.trim(), |(_, b)| b);
        for sentence in super::render::sentences(body) {
            assert!(seen.insert(sentence.to_lowercase()), "said twice: {sentence}\n{text}");
        }
    }
}

#[test]
fn a_repeated_place_points_to_the_step_where_it_is_written_out() {
    let ev = evaluate(&vignet("vignet-1-festival"));
    let s = build(&ev, Reader::Victim, words());
    let nl = s.text.nl();
    // Per step number, its "Waar:" line.
    let mut places = std::collections::BTreeMap::new();
    let mut step = 0usize;
    for line in nl.lines() {
        if let Some((n, _)) = line.split_once(". ").filter(|(n, _)| n.parse::<usize>().is_ok()) {
            step = n.parse().unwrap();
        } else if let Some(place) = line.trim_start().strip_prefix("Waar: ") {
            places.insert(step, place.trim_end_matches('.').to_string());
        }
    }
    let references: Vec<usize> =
        places.values().filter_map(|p| p.strip_prefix("zoals bij stap ")).map(|k| k.parse().unwrap()).collect();
    assert!(references.len() >= 2, "vignet 1 has a place named three times or more\n{nl}");
    for k in references {
        let target = &places[&k];
        assert!(!target.starts_with("zoals bij stap"), "step {k} is itself a reference: {target}\n{nl}");
    }
}

#[test]
fn an_easy_reader_and_a_child_read_their_own_texts() {
    let mut case = vignet("vignet-1-festival");
    case.insert("vulnerabilities".into(), json!(["lvb"]));
    let s = build(&evaluate(&case), Reader::Victim, words());
    assert_eq!(s.version.as_deref(), Some("makkelijk"));
    let easy = engine().source().offers.iter().find(|o| o.id == "csg_acute_opvang").unwrap().easy.clone().unwrap();
    assert!(s.text.nl().contains(easy.voiced_in(&[s.voice.as_deref().unwrap()]).nl()), "{}", s.text.nl());
    let mut child = vignet("vignet-3-stiefvader-acuut");
    child.insert("age".into(), json!(9));
    let s = build(&evaluate(&child), Reader::Victim, words());
    assert_eq!(s.version.as_deref(), Some("kind"));
    let nl = s.text.nl();
    assert!(nl.starts_with("Dit gaan we doen om je te helpen."), "{nl}");
    assert!(nl.contains("Andere dingen bespreken we met je ouders."), "{nl}");
    assert!(!nl.contains("advocaat") && !nl.contains("Schadefonds"), "{nl}");
}

#[test]
fn a_new_case_opens_with_the_first_questions() {
    let ev = evaluate(&Map::new());
    let s = build(&ev, Reader::Victim, words());
    assert_eq!(s.first_questions.len(), 3);
    assert!(s.text.nl().contains("Eerst willen we dit graag weten:"), "{}", s.text.nl());
    // Of the possible steps, only the direct ones: not dozens of steps that may not apply.
    assert!(!s.maybe_needed.is_empty() && s.maybe_needed.iter().all(|st| st.when.nl() == "Direct"), "{}", s.text.nl());
    assert!(s.more_possible > s.maybe_needed.len());
    let full = build(&evaluate(&vignet("vignet-1-festival")), Reader::Victim, words());
    assert!(full.first_questions.is_empty());
}
