//! Issue 18, item 2: consent and wish are two markers. *Outside the consent* means sharing
//! with the partner is not (yet) agreed; *against the stated wish* means the victim said no
//! and a ground goes before it. Both are three-valued: when an unknown fact decides one,
//! the proposal says `possible`, never nothing.

use proptest::prelude::*;
use serde_json::{json, Map, Value as J};
use wegwijs::result::{Proposal, ReferralProposal, Status};
use wegwijs::{Engine, Timestamp};
use wegwijs_tests::{complete_case, partial_case};

const NOW: &str = "2026-03-02T18:00:00+01:00";

fn proposal(engine: &Engine, case: &Map<String, J>) -> Proposal {
    let parsed = engine.case_from_json(&J::Object(case.clone())).expect("valid case");
    engine.evaluate(&parsed, Timestamp::parse(NOW).unwrap()).proposal()
}

fn referral<'p>(p: &'p Proposal, offer: &str) -> &'p ReferralProposal {
    p.referrals.iter().find(|r| r.offer == offer).unwrap_or_else(|| panic!("{offer} not proposed"))
}

fn vignette(name: &str) -> Map<String, J> {
    let path = format!("{}/../examples/cases/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The case of the issue: a melding with consent `nee` and an unknown channel of first
/// contact showed no marker. Since national rules 0.3 "nee" wins over the channel (item 14
/// of issue 17): the melding is outside the consent for certain, on the meldrecht, whatever
/// the channel. While the consent itself is unknown, it is *possibly* outside it — never
/// nothing.
#[test]
fn a_melding_with_consent_nee_and_an_unknown_channel_is_outside_the_consent() {
    let engine = Engine::national();
    let mut case = vignette("vignet-3-stiefvader-acuut");
    case.insert("consent_mdt".into(), json!("nee"));
    case.remove("channel");
    let p = proposal(&engine, &case);
    let melding = referral(&p, "melding_veilig_thuis");
    let m = melding.outside_consent.as_ref().expect("a consent marker, never nothing");
    assert_eq!(m.status, Status::Certain);
    assert!(m.ground.as_ref().is_some_and(|g| g.nl().starts_with("Meldrecht")));
    assert!(melding.against_wish.is_none(), "the melding has no wish of its own to go against");
    // First contact with Veilig Thuis does not turn "nee" into consent.
    for channel in ["overig", "veilig_thuis"] {
        case.insert("channel".into(), json!(channel));
        let p = proposal(&engine, &case);
        assert_eq!(referral(&p, "melding_veilig_thuis").outside_consent.as_ref().unwrap().status, Status::Certain);
    }
    // Consent not yet asked: possibly outside it.
    case.remove("consent_mdt");
    case.remove("consent_scope");
    let p = proposal(&engine, &case);
    let m = referral(&p, "melding_veilig_thuis").outside_consent.clone().expect("a consent marker, never nothing");
    assert_eq!(m.status, Status::Possible);
    assert!(m.label.nl().starts_with("Mogelijk buiten de toestemming"), "{}", m.label.nl());
}

/// The aangifte the victim explicitly wants, without consent to share with the police, is
/// outside the consent ("bespreek eerst toestemming"), never against her wish.
#[test]
fn an_aangifte_the_victim_wants_is_never_against_her_wish() {
    let engine = Engine::national();
    let mut case = vignette("vignet-1-festival");
    case.insert("police_wish".into(), json!("aangifte"));
    case.insert("police_status".into(), json!("geen"));
    case.insert("caller_role".into(), json!("slachtoffer"));
    case.insert("consent_mdt".into(), json!("nee"));
    case.insert("channel".into(), json!("overig"));
    let p = proposal(&engine, &case);
    let aangifte = referral(&p, "aangifte");
    assert!(aangifte.against_wish.is_none(), "{:?}", aangifte.against_wish);
    let m = aangifte.outside_consent.as_ref().expect("outside the consent");
    assert_eq!(m.status, Status::Certain);
    assert!(m.label.nl().contains("bespreek eerst toestemming"));
    assert!(m.reason.as_ref().is_some_and(|r| r.nl().contains("zelf aangifte doen")));
    assert!(m.ground.is_none());
}

/// Acute danger while the victim does not want the police: against her wish, on a ground,
/// and outside the consent too — two markers, each with its own words.
#[test]
fn acute_danger_against_a_no_to_the_police_carries_both_markers() {
    let engine = Engine::national();
    let mut case = vignette("vignet-1-festival");
    case.insert("current_safety".into(), json!("acuut_onveilig"));
    case.insert("police_wish".into(), json!("nee"));
    case.insert("caller_role".into(), json!("slachtoffer"));
    case.insert("consent_mdt".into(), json!("nee"));
    case.insert("channel".into(), json!("overig"));
    let p = proposal(&engine, &case);
    let call = referral(&p, "politie_112");
    let against = call.against_wish.as_ref().expect("against the stated wish");
    assert_eq!(against.status, Status::Certain);
    assert!(against.label.nl().starts_with("Tegen de wens"));
    assert!(against.ground.is_some(), "against the wish only on a ground");
    assert_eq!(call.outside_consent.as_ref().map(|m| m.status), Some(Status::Certain));
    // With the police wish unknown: possibly against it.
    case.remove("police_wish");
    let p = proposal(&engine, &case);
    assert_eq!(referral(&p, "politie_112").against_wish.as_ref().map(|m| m.status), Some(Status::Possible));
}

/// `decide` asks to acknowledge "consent still to be discussed" on its own: acknowledging
/// overrides does not cover it.
#[test]
fn decide_asks_for_consent_acknowledgement_separately_from_overrides() {
    let engine = Engine::national();
    let mut facts = vignette("vignet-1-festival");
    facts.insert("police_wish".into(), json!("aangifte"));
    facts.insert("police_status".into(), json!("geen"));
    facts.insert("caller_role".into(), json!("slachtoffer"));
    facts.insert("consent_mdt".into(), json!("nee"));
    facts.insert("channel".into(), json!("overig"));
    let record = engine.record_from_json(&json!({ "facts": facts })).unwrap();
    let now = Timestamp::parse(NOW).unwrap();
    let p = engine.evaluate_record(&record, now).proposal();
    let offers: Vec<&str> = p.referrals.iter().map(|r| r.offer.as_str()).collect();
    let outside: Vec<&str> =
        p.referrals.iter().filter(|r| r.outside_consent.is_some()).map(|r| r.offer.as_str()).collect();
    let against: Vec<&str> =
        p.referrals.iter().filter(|r| r.against_wish.is_some()).map(|r| r.offer.as_str()).collect();
    assert!(outside.contains(&"aangifte"));
    let decision = |consent: &[&str]| {
        let d = json!({ "by": "mdt", "regie": p.regie.level, "regiehouder": p.regiehouder.as_ref().map(|h| h.id.clone()),
            "accepted": offers, "overrides_acknowledged": outside.iter().chain(&against).collect::<Vec<_>>(),
            "consent_acknowledged": consent });
        engine.decision_from_str(&d.to_string()).unwrap()
    };
    let err = engine.decide(&record, &decision(&[]), now).unwrap_err().to_string();
    assert!(
        err.contains("referral aangifte is (or may be) outside the consent") && err.contains("consent_acknowledged"),
        "{err}"
    );
    assert!(engine.decide(&record, &decision(&outside), now).is_ok());
}

fn strategy() -> impl Strategy<Value = (Vec<u64>, Vec<bool>)> {
    (prop::collection::vec(any::<u64>(), 64), prop::collection::vec(prop::bool::weighted(0.3), 64))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Three-valued: a referral that is certainly outside the consent (or against the
    /// wish) once every fact is known, is marked in a partial case that proposes it —
    /// `possible` or `certain`, never nothing.
    #[test]
    fn an_unknown_fact_never_hides_a_marker((seeds, mask) in strategy()) {
        let engine = Engine::national();
        let now = Timestamp::parse(NOW).unwrap().seconds();
        let full = complete_case(&engine, &seeds, now);
        let partial = partial_case(&full, &mask);
        let (complete, open) = (proposal(&engine, &full), proposal(&engine, &partial));
        for r in &complete.referrals {
            let Some(p) = open.referrals.iter().find(|p| p.offer == r.offer) else { continue };
            if r.outside_consent.is_some() {
                prop_assert!(p.outside_consent.is_some(), "{}: outside the consent once known, unmarked before", r.offer);
            }
            if r.against_wish.is_some() {
                prop_assert!(p.against_wish.is_some(), "{}: against the wish once known, unmarked before", r.offer);
            }
        }
    }

    /// A step the victim asked for is never against her wish: the police steps when she
    /// wants an aangifte or an informatief gesprek, forensic steps when she wants the
    /// examination; a melding has no wish of its own to go against.
    #[test]
    fn a_step_the_victim_asked_for_is_never_against_her_wish((seeds, mask) in strategy()) {
        let engine = Engine::national();
        let now = Timestamp::parse(NOW).unwrap().seconds();
        let mut case = partial_case(&complete_case(&engine, &seeds, now), &mask);
        case.insert("caller_role".into(), json!("slachtoffer"));
        let police = ["aangifte", "informatief_gesprek"].contains(&case.get("police_wish").and_then(J::as_str).unwrap_or(""));
        let forensic = case.get("forensic_wish").and_then(J::as_str) == Some("ja");
        let p = proposal(&engine, &case);
        for r in &p.referrals {
            let asked = (police && ["aangifte", "informatief_gesprek", "politie_112"].contains(&r.offer.as_str()))
                || (forensic && r.offer.starts_with("forensisch_onderzoek"))
                || r.offer == "melding_veilig_thuis";
            prop_assert!(!asked || r.against_wish.is_none(), "{} marked against the wish", r.offer);
        }
    }
}
