//! Verified decisions and time sanity (issue 20, items 2 and 3): `verify` reports an
//! edited decision, a changed proposal hash, a garbage hash and a decision copied in from
//! another case; `eval` warns `decision_unverified`; `decide` refuses what is dated in the
//! future and `eval` warns about it; two actions for one offer at one instant are an error;
//! `by` must look like a role.

use serde_json::{json, Value as J};
use wegwijs::ruleset::content_hash;
use wegwijs::ruleset::source::RuleSetSource;
use wegwijs::{CaseCheck, Engine, HashCheck, Record, RuleSetCheck, Timestamp};
use wegwijs_tests::repo_root;

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

fn facts(name: &str) -> J {
    let path = repo_root().join(format!("examples/cases/{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A decision that takes the proposal as it is (regie, regiehouder, every referral).
fn as_proposed(engine: &Engine, record: &Record, now: Timestamp) -> J {
    let p = engine.evaluate_record(record, now).proposal();
    json!({
        "by": "mdt-voorzitter",
        "regie": p.regie.level,
        "regiehouder": p.regiehouder.as_ref().map(|h| h.id.clone()),
        "accepted": p.referrals.iter().map(|r| r.offer.clone()).collect::<Vec<_>>(),
        "overrides_acknowledged": p.referrals.iter().filter(|r| r.against_wish.is_some()).map(|r| r.offer.clone()).collect::<Vec<_>>(),
        "consent_acknowledged": p.referrals.iter().filter(|r| r.outside_consent.is_some()).map(|r| r.offer.clone()).collect::<Vec<_>>(),
    })
}

fn decide(engine: &Engine, record: &Record, now: Timestamp) -> Record {
    let d = engine.decision_from_str(&as_proposed(engine, record, now).to_string()).unwrap();
    engine.decide(record, &d, now).unwrap_or_else(|e| panic!("{e}"))
}

/// A record of `case` with two decisions, a day apart.
fn decided_twice(engine: &Engine, case: &str, vignette: &str) -> Record {
    let r = engine.record_from_json(&json!({ "case": case, "facts": facts(vignette) })).unwrap();
    let r = decide(engine, &r, at("2026-03-02T20:00:00+01:00"));
    decide(engine, &r, at("2026-03-03T20:00:00+01:00"))
}

fn reread(engine: &Engine, value: &J) -> Record {
    engine.record_from_json(value).unwrap_or_else(|e| panic!("{e}"))
}

fn warnings(engine: &Engine, record: &Record, now: &str) -> Vec<String> {
    engine.evaluate_record(record, at(now)).proposal().warnings.iter().map(|w| w.code.clone()).collect()
}

#[test]
fn decisions_decide_wrote_verify_and_form_a_chain() {
    let engine = Engine::national();
    let r = decided_twice(&engine, "zaak-a", "vignet-4-ex-partner");
    let v = engine.verify(&r);
    assert!(v.verified, "{v:?}");
    assert_eq!(v.decisions.len(), 2);
    let [first, second] = [&r.decisions[0], &r.decisions[1]];
    assert_eq!(first.case.as_deref(), Some("zaak-a"));
    for d in [first, second] {
        for h in [&d.ruleset_hash, &d.proposal_hash, &d.previous_hash, &d.decision_hash] {
            assert!(h.starts_with("sha256:") && h.len() == 71, "{h}");
        }
    }
    assert_ne!(first.previous_hash, second.previous_hash, "each link covers what came before");
    assert!(!warnings(&engine, &r, "2026-03-04T10:00:00+01:00").contains(&"decision_unverified".to_string()));
}

#[test]
fn an_edited_decision_is_reported_by_verify_and_eval() {
    let engine = Engine::national();
    let r = decided_twice(&engine, "zaak-a", "vignet-4-ex-partner");
    // The last decision: regie changed and its proposal hash zeroed.
    let mut edited = r.to_json();
    let level = edited["decisions"][1]["regie"].as_str().unwrap().to_string();
    edited["decisions"][1]["regie"] = json!(if level == "R0" { "R1" } else { "R0" });
    edited["decisions"][1]["proposal_hash"] = json!(format!("sha256:{}", "0".repeat(64)));
    let edited = reread(&engine, &edited);
    let v = engine.verify(&edited);
    assert!(!v.verified);
    assert_eq!(v.decisions[1].decision, HashCheck::Mismatch);
    assert_eq!(v.decisions[1].proposal, HashCheck::Mismatch);
    assert_eq!(v.decisions[0].decision, HashCheck::Ok, "the first one is untouched");
    assert!(warnings(&engine, &edited, "2026-03-04T10:00:00+01:00").contains(&"decision_unverified".to_string()));
    // The agenda shows the decided regie, and says it is not as recorded.
    let now = at("2026-03-04T10:00:00+01:00");
    let agenda = engine.agenda(&[("a".into(), edited.clone()), ("b".into(), r.clone())], now);
    let flagged: Vec<bool> =
        agenda.entries.iter().map(|e| e.reasons.contains(&"decision_unverified".to_string())).collect();
    assert_eq!(flagged.iter().filter(|&&f| f).count(), 1, "{agenda:?}");
    // The first decision edited: its own hash and the chain of the second show it.
    let mut edited = r.to_json();
    edited["decisions"][0]["by"] = json!("mdt-secretaris");
    let v = engine.verify(&reread(&engine, &edited));
    assert_eq!(v.decisions[0].decision, HashCheck::Mismatch);
    assert_eq!(v.decisions[1].chain, HashCheck::Mismatch);
    // A decision removed from the middle breaks the chain too.
    let mut removed = r.to_json();
    removed["decisions"].as_array_mut().unwrap().remove(0);
    let v = engine.verify(&reread(&engine, &removed));
    assert_eq!(v.decisions[0].chain, HashCheck::Mismatch);
    // And decide refuses to add to a changed record.
    let mut edited = r.to_json();
    edited["decisions"][1]["regiehouder"] = json!(null);
    let edited = reread(&engine, &edited);
    let now = at("2026-03-04T10:00:00+01:00");
    let d = engine.decision_from_str(&as_proposed(&engine, &edited, now).to_string()).unwrap();
    let e = engine.decide(&edited, &d, now).unwrap_err().to_string();
    assert!(e.contains("decisions[1]") && e.contains("wegwijs verify"), "{e}");
}

#[test]
fn a_garbage_hash_is_refused_with_its_place() {
    let engine = Engine::national();
    let r = decided_twice(&engine, "zaak-a", "vignet-4-ex-partner");
    for field in ["proposal_hash", "ruleset_hash", "previous_hash", "decision_hash"] {
        for garbage in ["sha256:xyz", "0000", "sha256:ABCDEF", &format!("md5:{}", "0".repeat(64))] {
            let mut bad = r.to_json();
            bad["decisions"][0][field] = json!(garbage);
            let e = engine.record_from_json(&bad).unwrap_err();
            assert_eq!(e.fact, format!("decisions[0].{field}"));
            assert!(e.problem.contains("sha256:") && !e.to_string().contains(garbage), "{e}");
        }
    }
}

#[test]
fn a_decision_copied_in_from_another_case_is_reported() {
    let engine = Engine::national();
    let a = decided_twice(&engine, "zaak-a", "vignet-4-ex-partner");
    let b = decided_twice(&engine, "zaak-b", "vignet-1-festival");
    let mut mixed = a.to_json();
    let copied = b.to_json()["decisions"][1].clone();
    mixed["decisions"].as_array_mut().unwrap().push(copied);
    let v = engine.verify(&reread(&engine, &mixed));
    let last = &v.decisions[2];
    assert_eq!(last.case, CaseCheck::OtherCase);
    assert_eq!(last.chain, HashCheck::Mismatch);
    assert_eq!(last.decision, HashCheck::Ok, "the decision itself is as written, in the wrong record");
    assert!(!v.verified);
    // With `case` removed from the copy, the chain still shows it.
    let mut mixed = a.to_json();
    let mut copied = b.to_json()["decisions"][1].clone();
    copied.as_object_mut().unwrap().remove("case");
    mixed["decisions"].as_array_mut().unwrap().push(copied);
    let v = engine.verify(&reread(&engine, &mixed));
    assert_eq!(v.decisions[2].case, CaseCheck::Missing);
    assert_eq!(v.decisions[2].chain, HashCheck::Mismatch);
    // `decide` refuses a decision that names another case.
    let now = at("2026-03-04T10:00:00+01:00");
    let mut d = as_proposed(&engine, &a, now);
    d["case"] = json!("zaak-b");
    let e = engine.decide(&a, &engine.decision_from_str(&d.to_string()).unwrap(), now).unwrap_err().to_string();
    assert!(e.contains("decision.case"), "{e}");
}

/// The national rules with another version: same schema, another hash.
fn national_next_version() -> Engine {
    let mut value: J = serde_json::from_str(&Engine::national().bundle()).unwrap();
    value["ruleset"]["manifest"]["version"] = json!("99.0.0");
    let source: RuleSetSource = serde_json::from_value(value["ruleset"].clone()).unwrap();
    value["hash"] = json!(content_hash(&source));
    Engine::from_bundle(&value.to_string()).unwrap()
}

#[test]
fn a_decision_on_another_rule_set_names_the_one_it_needs() {
    let national = Engine::national();
    let r = decided_twice(&national, "zaak-a", "vignet-4-ex-partner");
    let next = national_next_version();
    assert_ne!(next.id().hash, national.id().hash);
    let v = next.verify(&r);
    assert!(!v.verified, "not checked against the rule set it was taken on");
    for d in &v.decisions {
        assert_eq!(d.ruleset, RuleSetCheck::Other);
        assert_eq!(d.ruleset_needed.as_deref(), Some(national.id().hash.as_str()));
        assert_eq!(d.proposal, HashCheck::NotChecked);
        assert!(d.intact(), "nothing was changed: {d:?}");
    }
    assert_eq!(v.ruleset_hash, next.id().hash);
}

#[test]
fn a_record_without_hashes_is_unverified_not_silently_trusted() {
    let engine = Engine::national();
    let r = decided_twice(&engine, "zaak-a", "vignet-4-ex-partner");
    let mut bare = r.to_json();
    for d in bare["decisions"].as_array_mut().unwrap() {
        for key in ["proposal_hash", "previous_hash", "decision_hash"] {
            d.as_object_mut().unwrap().remove(key);
        }
    }
    let bare = reread(&engine, &bare);
    let v = engine.verify(&bare);
    assert!(v.decisions.iter().all(|d| d.proposal == HashCheck::Missing && d.decision == HashCheck::Missing));
    assert!(warnings(&engine, &bare, "2026-03-04T10:00:00+01:00").contains(&"decision_unverified".to_string()));
}

#[test]
fn decide_refuses_what_is_dated_in_the_future_and_eval_warns() {
    let engine = Engine::national();
    let r = engine.record_from_json(&json!({ "case": "zaak-a", "facts": facts("vignet-4-ex-partner") })).unwrap();
    let now = at("2026-03-02T20:00:00+01:00");
    // A typo for 2026: 2062.
    let mut d = as_proposed(&engine, &r, now);
    d["at"] = json!("2062-03-02T20:00:00+01:00");
    let e = engine.decide(&r, &engine.decision_from_str(&d.to_string()).unwrap(), now).unwrap_err().to_string();
    assert!(e.contains("decision.at") && e.contains("after now"), "{e}");
    // Within the documented skew (5 minutes) it is accepted.
    d["at"] = json!("2026-03-02T20:04:00+01:00");
    engine.decide(&r, &engine.decision_from_str(&d.to_string()).unwrap(), now).expect("within the clock skew");
    // A record with an action dated in the future: decide refuses, eval warns.
    let mut future = r.to_json();
    future["actions"] = json!([{ "offer": "aangifte", "status": "done", "at": "2062-03-01T10:00:00+01:00" }]);
    let future = reread(&engine, &future);
    let d = as_proposed(&engine, &future, now);
    let e = engine.decide(&future, &engine.decision_from_str(&d.to_string()).unwrap(), now).unwrap_err().to_string();
    assert!(e.contains("actions[0].at"), "{e}");
    assert!(warnings(&engine, &future, "2026-03-02T20:00:00+01:00").contains(&"dated_after_now".to_string()));
    assert!(!warnings(&engine, &r, "2026-03-02T20:00:00+01:00").contains(&"dated_after_now".to_string()));
}

#[test]
fn two_actions_for_one_offer_at_one_instant_are_an_error() {
    let engine = Engine::national();
    let same = json!({ "case": "zaak-a", "facts": {}, "actions": [
        { "offer": "aangifte", "status": "planned", "at": "2026-03-01T10:00:00+01:00" },
        { "offer": "aangifte", "status": "declined", "at": "2026-03-01T09:00:00Z" },
    ]});
    let e = engine.record_from_json(&same).unwrap_err();
    assert_eq!(e.fact, "actions[1].at");
    assert!(e.problem.contains("actions[0]") && e.problem.contains("same instant"), "{e}");
    // One second apart is fine; so is another offer at the same instant.
    let mut apart = same.clone();
    apart["actions"][1]["at"] = json!("2026-03-01T09:00:01Z");
    engine.record_from_json(&apart).unwrap();
    let mut other = same;
    other["actions"][1]["offer"] = json!("schadefonds");
    engine.record_from_json(&other).unwrap();
}

#[test]
fn by_must_look_like_a_role_and_is_never_echoed() {
    let engine = Engine::national();
    for by in ["Jan Jansen", "123456782", "jan jansen", "Mdt", " rol-x"] {
        let d = json!({ "by": by, "regie": "R0" }).to_string();
        let problem = match engine.decision_from_str(&d) {
            Ok(d) => {
                let r = engine.record_from_json(&json!({ "facts": {} })).unwrap();
                engine.decide(&r, &d, at("2026-03-02T20:00:00+01:00")).unwrap_err().to_string()
            }
            Err(e) => e.to_string(),
        };
        assert!(problem.contains("decision.by") && problem.contains("role"), "{problem}");
        assert!(!problem.contains(by.trim()), "`by` echoed: {problem}");
        let record = json!({ "facts": {}, "decisions": [{ "by": by, "regie": "R0", "at": "2026-03-01T10:00:00Z" }] });
        let e = engine.record_from_json(&record).unwrap_err();
        assert_eq!(e.fact, "decisions[0].by");
        assert!(!e.to_string().contains(by.trim()), "{e}");
    }
    for by in ["mdt", "mdt-voorzitter", "regiehouder:csg"] {
        assert!(wegwijs::is_role(by), "{by}");
    }
}

#[test]
fn records_and_decisions_over_their_limits_are_refused() {
    let engine = Engine::national();
    let limits = [("actions", wegwijs::limits::MAX_ACTIONS), ("decisions", wegwijs::limits::MAX_DECISIONS)];
    for (name, most) in limits {
        let item = if name == "actions" {
            json!({ "offer": "aangifte", "status": "planned", "at": "2026-03-01T10:00:00Z" })
        } else {
            json!({ "by": "mdt", "regie": "R0", "at": "2026-03-01T10:00:00Z" })
        };
        let record = json!({ "facts": {}, name: vec![item; most + 1] });
        let e = engine.record_from_json(&record).unwrap_err();
        assert!(e.to_string().contains(&format!("at most {most} {name}")), "{e}");
    }
    let long = format!("{{\"facts\": {{}}, \"case\": \"{}\"}}", "x".repeat(wegwijs::limits::MAX_RECORD_BYTES));
    let e = engine.record_from_str(&long).unwrap_err();
    assert!(e.to_string().contains("longer than") && !e.to_string().contains("xxxx"), "{e}");
    let long =
        format!("{{\"by\": \"mdt\", \"regie\": \"R0\", \"reasons\": {{\"regie\": \"{}\"}}}}", "x".repeat(1 << 20));
    let e = engine.decision_from_str(&long).unwrap_err().to_string();
    assert!(e.contains("longer than"), "{e}");
}

/// Found by the `decide_verify` fuzz target on its seeds: a record whose planned actions
/// already stand at the decision's instant (the example record with its last decision
/// taken again at the same time). `decide` and `verify` must compute the same proposal.
#[test]
fn a_decision_taken_again_at_the_instant_of_its_planned_actions_verifies() {
    let engine = Engine::national();
    let mut decided = 0;
    for name in ["zaak-11-ongewijzigd", "zaak-04-regiehouder-blijft", "zaak-02-pep-gemist"] {
        let path = repo_root().join(format!("examples/records/{name}.json"));
        let mut value: J = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let last = value["decisions"].as_array_mut().unwrap().pop().unwrap();
        let mut again = last.clone();
        for key in ["ruleset_hash", "proposal_hash", "previous_hash", "decision_hash", "case"] {
            again.as_object_mut().unwrap().remove(key);
        }
        let record = reread(&engine, &value);
        let decision = engine.decision_from_str(&again.to_string()).unwrap();
        let Ok(updated) = engine.decide(&record, &decision, at("2026-03-10T09:00:00+01:00")) else { continue };
        let check = engine.verify(&updated);
        let d = check.decisions.last().unwrap();
        assert_eq!((d.decision, d.proposal, d.chain), (HashCheck::Ok, HashCheck::Ok, HashCheck::Ok), "{name}");
        decided += 1;
    }
    assert!(decided >= 1, "zaak-11 (the fuzz finding) is decided again");
}

/// The proposal a decision's hash protects is the one the MDT was shown: for a step that a
/// fact change renewed after it was done, that is the renewed step, not the new planned
/// action `decide` adds for it (zaak 12: the perpetrator moved in after the melding).
#[test]
fn a_decision_on_a_renewed_step_hashes_the_proposal_the_mdt_saw() {
    let engine = Engine::national();
    let path = repo_root().join("examples/records/zaak-12-pleger-in-huis.json");
    let r = reread(&engine, &serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap());
    let meeting = at("2026-03-10T09:00:00+01:00");
    let shown = engine.evaluate_record(&r, meeting).proposal();
    assert!(shown.record.as_ref().unwrap().renewed.iter().any(|x| x.offer == "melding_veilig_thuis"));
    let decided = decide(&engine, &r, meeting);
    let last = decided.decisions.last().unwrap();
    assert!(decided.actions.iter().filter(|a| a.offer == "melding_veilig_thuis").count() >= 2, "planned again");
    assert_eq!(last.proposal_hash, wegwijs::proposal_hash(&shown), "the hash is of the proposal shown");
    // The example's earlier decision was taken on an earlier rule set; this one verifies.
    let v = engine.verify(&decided);
    let check = v.decisions.last().unwrap();
    assert!(check.verified(), "{check:?}");
}

/// The example records ship with decisions taken on the built-in rule set as it is now:
/// every one verifies (proposal, chain, case, rule set). A rule change that alters the
/// content hash must come with `scripts/make-example-records.py` run again, or the README's
/// `verify` example says NOT VERIFIED.
#[test]
fn every_example_record_verifies_on_the_built_in_rules() {
    let engine = Engine::national();
    let mut decisions = 0;
    for entry in std::fs::read_dir(repo_root().join("examples/records")).unwrap().filter_map(Result::ok) {
        let value: J = serde_json::from_str(&std::fs::read_to_string(entry.path()).unwrap()).unwrap();
        let check = engine.verify(&reread(&engine, &value));
        for d in &check.decisions {
            assert!(d.verified(), "{}: {d:?} (run scripts/make-example-records.py)", entry.path().display());
            decisions += 1;
        }
    }
    assert!(decisions >= 9, "the examples hold decisions ({decisions})");
}
