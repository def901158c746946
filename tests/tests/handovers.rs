//! Issue 18, item 6: handovers a partner can act on, and nothing outside consent and
//! ground reaches a partner — in any field of the handover JSON, not only the facts.
//!
//! The property is non-interference, tested by generation: for a case A and a partner,
//! take the facts the handover shares plus the facts that decide consent; change every
//! other known fact of A to a value drawn from an unrelated case (unknown facts stay
//! unknown, so the count of left-out facts is the same). The partner's handover must be
//! byte-identical. Without consent, whether a legal ground holds is itself decided by the
//! engine from facts the partner does not see; a pair where the change made another ground
//! hold (a different set of shared rules) is not compared, and counted.

use serde_json::{json, Map, Value as J};
use std::collections::BTreeSet;
use wegwijs::audience::{Audience, AudienceView, Handover};
use wegwijs::{Engine, Evaluation, Timestamp};
use wegwijs_tests::{complete_case, partial_case};

const NOW: &str = "2026-06-15T12:00:00+02:00";

/// The facts that decide consent in the national rule set (the partner sees `consent`).
const CONSENT_FACTS: [&str; 3] = ["consent_mdt", "consent_scope", "channel"];

fn evaluate(engine: &Engine, case: &Map<String, J>) -> Evaluation {
    let parsed = engine.case_from_json(&J::Object(case.clone())).expect("generated cases are valid");
    engine.evaluate(&parsed, Timestamp::parse(NOW).unwrap())
}

fn handover(ev: &Evaluation, org: &str) -> Handover {
    match ev.for_audience(&Audience::Partner(org.into())).expect("known organisation") {
        AudienceView::Handover(h) => h,
        _ => panic!("not a handover"),
    }
}

/// splitmix64: a small deterministic generator, so a failure names its case number.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn seeds(&mut self) -> Vec<u64> {
        (0..64).map(|_| self.next()).collect()
    }
}

/// A case with consent drawn over every value (`ja`, `nee`, `deels` with a random scope,
/// unknown) and a random first-contact channel or none.
fn generated_case(engine: &Engine, rng: &mut Rng, now: i64) -> Map<String, J> {
    let mask: Vec<bool> = (0..64).map(|_| rng.next() % 10 < 3).collect();
    let mut case = partial_case(&complete_case(engine, &rng.seeds(), now), &mask);
    let scope_values = [
        "csg",
        "veilig_thuis",
        "shn",
        "perspectief_herstelbemiddeling",
        "politie",
        "om",
        "huisarts",
        "ggz",
        "gemeente",
    ];
    match rng.next() % 4 {
        0 => drop(case.insert("consent_mdt".into(), json!("ja"))),
        1 => drop(case.insert("consent_mdt".into(), json!("nee"))),
        2 => {
            case.insert("consent_mdt".into(), json!("deels"));
            let bits = rng.next();
            let scope: Vec<&str> =
                scope_values.iter().enumerate().filter(|(i, _)| bits >> i & 1 == 1).map(|(_, v)| *v).collect();
            case.insert("consent_scope".into(), json!(scope));
        }
        _ => drop(case.remove("consent_mdt")),
    }
    case
}

/// The rules a handover's referrals name: the rules shared with the partner.
fn shared_rules(h: &Handover) -> BTreeSet<String> {
    h.referrals.iter().flat_map(|r| r.rules.iter().cloned()).collect()
}

#[test]
fn nothing_outside_consent_and_ground_reaches_a_partner_in_any_field() {
    let engine = Engine::national();
    let now = Timestamp::parse(NOW).unwrap().seconds();
    let orgs: Vec<String> = engine.source().manifest.organisations.iter().map(|o| o.id.clone()).collect();
    let mut rng = Rng(18);
    let (mut cases, mut compared, mut other_ground, mut without_consent) = (0, 0, 0, 0);
    while cases < 10_000 {
        cases += 1;
        let a = generated_case(&engine, &mut rng, now);
        let unrelated = complete_case(&engine, &rng.seeds(), now);
        let ev_a = evaluate(&engine, &a);
        for org in &orgs {
            let h_a = handover(&ev_a, org);
            let visible: BTreeSet<&str> =
                h_a.facts.iter().map(|f| f.fact.as_str()).chain(CONSENT_FACTS.iter().copied()).collect();
            let mut b = a.clone();
            for (key, value) in b.iter_mut() {
                if !visible.contains(key.as_str()) {
                    *value = unrelated[key].clone();
                }
            }
            let h_b = handover(&evaluate(&engine, &b), org);
            if !h_a.consent {
                without_consent += 1;
                if shared_rules(&h_a) != shared_rules(&h_b) {
                    other_ground += 1;
                    continue;
                }
            }
            compared += 1;
            let (ja, jb) = (serde_json::to_string(&h_a).unwrap(), serde_json::to_string(&h_b).unwrap());
            assert_eq!(
                ja,
                jb,
                "case {cases}: the handover to {org} changed with facts it does not hold\nA: {}\nB: {}",
                J::Object(a.clone()),
                J::Object(b)
            );
        }
    }
    assert!(compared >= 10_000, "only {compared} handovers compared");
    assert!(other_ground * 10 < without_consent, "{other_ground} of {without_consent} pairs left uncompared");
}

fn vignette(name: &str) -> Map<String, J> {
    let path = format!("{}/../examples/cases/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A melding to Veilig Thuis under the meldrecht, without consent, carries what Veilig Thuis
/// needs to act on: age, what happened and when, whether the perpetrator lives in the house
/// or has access, the children at home, vulnerabilities, exploitation signals and whether
/// contact is safe — and names the meldrecht.
#[test]
fn a_melding_under_the_meldrecht_holds_age_and_acts() {
    let engine = Engine::national();
    let mut case = vignette("vignet-3-stiefvader-acuut");
    case.insert("consent_mdt".into(), json!("nee"));
    case.insert("channel".into(), json!("overig"));
    let ev = evaluate(&engine, &case);
    let h = handover(&ev, "veilig_thuis");
    assert!(!h.consent);
    assert!(h.legal_grounds.iter().any(|g| g.nl().starts_with("Meldrecht")), "{:?}", h.legal_grounds);
    let shared: BTreeSet<&str> = h.facts.iter().map(|f| f.fact.as_str()).collect();
    for fact in [
        "age",
        "acts",
        "last_incident_at",
        "in_household",
        "perpetrator_has_access",
        "children_in_household",
        "vulnerabilities",
        "exploitation_signals",
        "safe_to_contact",
    ] {
        assert!(!case.contains_key(fact) || shared.contains(fact), "`{fact}` missing from the melding: {shared:?}");
    }
    assert!(shared.contains("age") && shared.contains("acts"));
    let melding = h.referrals.iter().find(|r| r.offer == "melding_veilig_thuis").expect("the melding");
    assert!(melding.provider.is_none(), "the region was not shared, so no provider");
    // Times in the rule set's zone, never UTC.
    let at = h.facts.iter().find(|f| f.fact == "last_incident_at").unwrap();
    assert!(at.value.as_str().unwrap().ends_with("+01:00"), "{}", at.value);
    assert!(h.evaluated_at.ends_with("+02:00"), "{}", h.evaluated_at);
}

/// The meldrecht is a ground to inform Veilig Thuis only: without consent the OM and the
/// police get nothing under it, and their handover does not name it.
#[test]
fn the_meldrecht_names_no_partner_but_veilig_thuis() {
    let engine = Engine::national();
    let mut case = vignette("vignet-3-stiefvader-acuut");
    case.insert("consent_mdt".into(), json!("nee"));
    case.insert("channel".into(), json!("overig"));
    case.insert("current_safety".into(), json!("onzeker"));
    let ev = evaluate(&engine, &case);
    assert!(ev.proposal().referrals.iter().any(|r| r.offer == "zedenoverleg_om"), "the zedenoverleg is proposed");
    for org in ["om", "politie"] {
        let h = handover(&ev, org);
        assert!(h.legal_grounds.iter().all(|g| !g.nl().contains("Meldrecht")), "{org}: {:?}", h.legal_grounds);
        assert!(h.facts.is_empty() && h.referrals.is_empty(), "{org} gets something under the meldrecht");
    }
}

/// A LOEF examination is requested through the police: the police handover carries it.
#[test]
fn the_police_handover_carries_a_loef_examination() {
    let engine = Engine::national();
    let mut case = vignette("vignet-3-stiefvader-acuut");
    case.insert("consent_mdt".into(), json!("ja"));
    case.insert("forensic_wish".into(), json!("ja"));
    case.insert("caller_role".into(), json!("slachtoffer"));
    case.insert("last_incident_at".into(), json!("2026-06-13T16:00:00+02:00"));
    let ev = evaluate(&engine, &case);
    let p = ev.proposal();
    assert!(p.referrals.iter().any(|r| r.offer == "forensisch_onderzoek_loef"), "LOEF proposed");
    let police = handover(&ev, "politie");
    assert!(police.referrals.iter().any(|r| r.offer == "forensisch_onderzoek_loef"), "{:?}", police.referrals);
    // LOEF itself has no consent entry: it receives the request from the police, not from us.
    let loef = handover(&ev, "loef");
    assert!(!loef.consent && loef.facts.is_empty() && loef.referrals.is_empty());
}

/// The school board's duty to report holds whatever the victim wants: its handover never
/// says whether the victim wished the police involved, which it was not told.
#[test]
fn the_school_boards_handover_does_not_reveal_the_police_wish() {
    let engine = Engine::national();
    let mut case = vignette("vignet-5-coach");
    case.insert("age".into(), json!(15));
    case.insert("perpetrator_relation".into(), json!("onderwijs_medewerker"));
    case.insert("consent_mdt".into(), json!("nee"));
    let mut handovers = Vec::new();
    for wish in ["nee", "aangifte"] {
        case.insert("police_wish".into(), json!(wish));
        let h = handover(&evaluate(&engine, &case), "schoolbestuur");
        assert!(!h.referrals.is_empty(), "the duty to report is handed over");
        assert!(h.facts.iter().all(|f| f.fact != "police_wish"));
        handovers.push(serde_json::to_string(&h).unwrap());
    }
    assert_eq!(handovers[0], handovers[1]);
}
