//! A case over time, part 2 (issue 19): fact history, renewal after "done", the agenda's
//! ranking in words, and deadlines from a time range with both ends.

use serde_json::{json, Value as J};
use wegwijs::result::Proposal;
use wegwijs::{Engine, Record, Timestamp};
use wegwijs_tests::repo_root;

const MEETING: &str = "2026-03-10T09:00:00+01:00";

fn now(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

fn example(name: &str) -> J {
    let path = repo_root().join(format!("examples/records/{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn record(engine: &Engine, value: &J) -> Record {
    engine.record_from_json(value).unwrap_or_else(|e| panic!("record: {e}"))
}

fn proposal(engine: &Engine, value: &J, at: &str) -> Proposal {
    engine.evaluate_record(&record(engine, value), now(at)).proposal()
}

fn offers(p: &Proposal) -> Vec<&str> {
    p.referrals.iter().map(|r| r.offer.as_str()).collect()
}

/// The value at a time is the latest one learned at or before it; nothing is overwritten.
#[test]
fn the_value_at_a_time_is_the_latest_learned_by_then() {
    let engine = Engine::national();
    let history = json!({ "facts": { "age": 30, "in_household": [
        { "value": false, "at": "2026-03-01T10:00:00+01:00" },
        { "value": true, "at": "2026-03-05T10:00:00+01:00" }
    ] } });
    let household = |at: &str| {
        let case = engine.evaluate_record(&record(&engine, &history), now(at));
        let slot = engine.source().schema.facts.iter().position(|f| f.id == "in_household").unwrap();
        case.case_values()[slot]
    };
    assert_eq!(household("2026-02-28T10:00:00+01:00"), wegwijs::Value::Unknown, "not yet known");
    assert_eq!(household("2026-03-03T10:00:00+01:00"), wegwijs::Value::Bool(false));
    assert_eq!(household("2026-03-05T10:00:00+01:00"), wegwijs::Value::Bool(true), "at the moment itself");
    assert_eq!(household("2026-03-09T10:00:00+01:00"), wegwijs::Value::Bool(true));
    // The single-value form stays valid, and a record keeps the history as given.
    let single = record(&engine, &json!({ "facts": { "in_household": { "value": true, "at": MEETING } } }));
    assert!(single.facts["in_household"].is_object());
    assert!(record(&engine, &history).to_json()["facts"]["in_household"].is_array());
}

/// A history out of order, or a change without its time, is refused with the place named
/// and no value quoted; a set value (a list of texts) is not taken for a history.
#[test]
fn a_bad_history_is_a_clear_error() {
    let engine = Engine::national();
    let out_of_order = json!({ "facts": { "in_household": [
        { "value": true, "at": "2026-03-05T10:00:00+01:00" },
        { "value": false, "at": "2026-03-01T10:00:00+01:00" }
    ] } });
    let e = engine.record_from_json(&out_of_order).unwrap_err().to_string();
    assert!(e.contains("in_household[1]") && e.contains("oldest first"), "{e}");
    let without_at = json!({ "facts": { "current_safety": [ { "value": "veilig" } ] } });
    let e = engine.record_from_json(&without_at).unwrap_err().to_string();
    assert!(e.contains("current_safety[0]") && e.contains("`at`"), "{e}");
    assert!(!e.contains("veilig"), "no value in the error: {e}");
    let typo = json!({ "facts": { "current_safety": [ { "valeu": "veilig", "at": MEETING } ] } });
    let e = engine.record_from_json(&typo).unwrap_err().to_string();
    assert!(e.contains("did you mean") && e.contains("value"), "{e}");
    let set = json!({ "facts": { "acts": ["aanranding"] } });
    assert!(engine.record_from_json(&set).is_ok(), "a set value stays a set");
}

/// The case: the perpetrator moves in after the MDT decided and the melding was
/// done. The change is listed in words, the melding renews (label, urgency direct), the old
/// action stays, and the case ranks above a case whose only issue is a passed deadline.
#[test]
fn moving_in_after_the_decision_renews_the_melding() {
    let engine = Engine::national();
    let value = example("zaak-12-pleger-in-huis");
    let rec = record(&engine, &value);
    let ev = engine.evaluate_record(&rec, now(MEETING));
    let p = ev.proposal();
    let melding = p.referrals.iter().find(|r| r.offer == "melding_veilig_thuis").expect("renewed");
    assert_eq!(melding.label.nl(), "Nieuwe informatie vandaag aan Veilig Thuis doorgeven");
    assert_eq!(melding.urgency, "direct");
    let status = p.record.as_ref().unwrap();
    assert!(status.actions.iter().any(|a| a.offer == "melding_veilig_thuis" && a.status == "done"), "old action stays");
    assert!(!status.not_proposed_again.iter().any(|a| a.offer == "melding_veilig_thuis"));
    let renewal = status.renewed.iter().find(|r| r.offer == "melding_veilig_thuis").unwrap();
    assert_eq!(renewal.facts[0].fact, "in_household");
    assert!(p.warnings.iter().any(|w| w.code == "renewed"));
    // --since the last decision: the changed fact in words, danger facts first.
    let changes = ev.changes_since(engine.proposal_at_last_decision(&rec).unwrap());
    let first = &changes.facts_changed[0];
    assert_eq!(
        (first.fact.as_str(), &first.from, &first.to, first.danger),
        ("in_household", &json!(false), &json!(true), true)
    );
    assert_eq!(first.text.nl(), "Pleger woont in hetzelfde huis: nu ja (was nee; sinds 7 maart)");
    assert_eq!(first.text.get("en"), "Perpetrator lives in the same household: now yes (was no; since 7 March)");
    assert!(changes.referrals_renewed.contains(&"melding_veilig_thuis".to_string()));
    // The re-confirmed safety answers are no change.
    assert!(!changes.facts_changed.iter().any(|f| f.fact == "current_safety" || f.fact == "suicidality"));
    // The agenda: above the case whose only issue is a passed deadline, in words.
    let records =
        vec![("a".to_string(), record(&engine, &example("zaak-02-pep-gemist"))), ("b".to_string(), rec.clone())];
    let agenda = engine.agenda(&records, now(MEETING));
    assert_eq!(agenda.entries[0].case, "zaak-12-pleger-in-huis");
    assert_eq!(agenda.entries[0].reasons[0], "danger_new");
    let lines: Vec<&str> = agenda.entries[0].lines.iter().map(|l| l.nl()).collect();
    assert!(lines.contains(&"OPNIEUW NODIG: Nieuwe informatie vandaag aan Veilig Thuis doorgeven"), "{lines:?}");
    assert!(lines.contains(&"Veranderd: Pleger woont in hetzelfde huis: nu ja (was nee; sinds 7 maart)"), "{lines:?}");
    assert!(agenda.entries[0].awaiting_decision.contains(&"referral:melding_veilig_thuis".to_string()));
    let missed = &agenda.entries[1];
    assert_eq!(missed.case, "zaak-02-pep-gemist");
    assert!(missed.lines.iter().any(|l| l.nl().starts_with("Termijn verstreken: HIV-PEP")), "reported, not hidden");
}

/// Without the change there is no renewal: the same record with the perpetrator still not
/// at home proposes the melding no more, and a fact first answered after the action (no
/// earlier value) is no change either.
#[test]
fn no_change_no_renewal() {
    let engine = Engine::national();
    let mut value = example("zaak-12-pleger-in-huis");
    value["facts"]["in_household"] = json!(false);
    let p = proposal(&engine, &value, MEETING);
    assert!(!offers(&p).contains(&"melding_veilig_thuis"), "{:?}", offers(&p));
    assert!(p.record.as_ref().unwrap().renewed.is_empty());
    assert!(p.record.as_ref().unwrap().facts_changed.is_empty());
    value["facts"]["in_household"] = json!({ "value": true, "at": "2026-03-07T09:00:00+01:00" });
    let p = proposal(&engine, &value, MEETING);
    assert!(!offers(&p).contains(&"melding_veilig_thuis"), "a first answer renews nothing");
}

/// A fact that changed and changed back after the action still changed: the step renews
/// when the rules propose it now. Re-confirming the same value is no change.
#[test]
fn changed_and_back_renews_but_reconfirmed_does_not() {
    let engine = Engine::national();
    let mut value = example("zaak-12-pleger-in-huis");
    value["facts"]["in_household"] = json!([
        { "value": true, "at": "2026-03-04T15:00:00+01:00" },
        { "value": false, "at": "2026-03-07T09:00:00+01:00" },
        { "value": true, "at": "2026-03-08T09:00:00+01:00" }
    ]);
    let p = proposal(&engine, &value, MEETING);
    assert!(p.record.as_ref().unwrap().renewed.iter().any(|r| r.offer == "melding_veilig_thuis"));
    value["facts"]["in_household"] = json!([
        { "value": true, "at": "2026-03-04T15:00:00+01:00" },
        { "value": true, "at": "2026-03-07T09:00:00+01:00" },
        { "value": true, "at": "2026-03-08T09:00:00+01:00" }
    ]);
    let p = proposal(&engine, &value, MEETING);
    assert!(p.record.as_ref().unwrap().renewed.is_empty(), "re-confirmed three times: no change");
    assert!(p.record.as_ref().unwrap().facts_changed.is_empty());
    assert!(!offers(&p).contains(&"melding_veilig_thuis"));
}

/// Accepting a renewed step plans it again; once done after the change, it is settled.
#[test]
fn an_accepted_renewal_is_planned_and_then_done() {
    let engine = Engine::national();
    let rec = record(&engine, &example("zaak-12-pleger-in-huis"));
    let p = engine.evaluate_record(&rec, now(MEETING)).proposal();
    let decision = json!({
        "by": "mdt-voorzitter",
        "regie": p.regie.level,
        "regiehouder": p.regiehouder.as_ref().map(|h| h.id.clone()),
        "accepted": offers(&p),
        "overrides_acknowledged": p.referrals.iter().filter(|r| r.against_wish.is_some()).map(|r| r.offer.clone()).collect::<Vec<_>>(),
        "consent_acknowledged": p.referrals.iter().filter(|r| r.outside_consent.is_some()).map(|r| r.offer.clone()).collect::<Vec<_>>(),
    });
    let decision = engine.decision_from_str(&decision.to_string()).unwrap();
    let decided = engine.decide(&rec, &decision, now(MEETING)).unwrap_or_else(|e| panic!("{e}"));
    let planned =
        decided.actions.iter().filter(|a| a.offer == "melding_veilig_thuis").map(|a| a.status).collect::<Vec<_>>();
    use wegwijs::ActionStatus::{Done, Planned};
    assert_eq!(planned, [Planned, Done, Planned], "planned at the first decision, done, planned again");
    let mut value = decided.to_json();
    value["actions"].as_array_mut().unwrap().push(json!({
        "offer": "melding_veilig_thuis", "status": "done", "at": "2026-03-10T11:00:00+01:00"
    }));
    let later = proposal(&engine, &value, "2026-03-10T12:00:00+01:00");
    assert!(!later.record.as_ref().unwrap().renewed.iter().any(|r| r.offer == "melding_veilig_thuis"));
    assert!(!offers(&later).contains(&"melding_veilig_thuis"));
}

/// A deadline from a time range shows both ends: open before the earliest, "perhaps
/// passed" between them, passed only after the latest (for a planned step).
#[test]
fn a_range_deadline_shows_both_ends() {
    let engine = Engine::national();
    let mut value = example("zaak-06-tijd-onbekend");
    let p = proposal(&engine, &value, MEETING);
    let pep = p.record.as_ref().unwrap().deadline_ranges.iter().find(|d| d.offer == "hiv_pep").unwrap().clone();
    assert_eq!(
        (pep.earliest.as_str(), pep.latest.as_str()),
        ("2026-03-10T06:00:00+01:00", "2026-03-10T12:00:00+01:00")
    );
    assert_eq!(pep.state, "perhaps_passed");
    assert_eq!(pep.text.nl(), "uiterlijk 10 maart 06:00–12:00 (tijdstip onzeker), mogelijk nog zinvol");
    assert!(p.warnings.iter().any(|w| w.code == "deadline_perhaps_passed"));
    let early = proposal(&engine, &value, "2026-03-10T05:00:00+01:00");
    let pep = early.record.as_ref().unwrap().deadline_ranges.iter().find(|d| d.offer == "hiv_pep").unwrap().clone();
    assert_eq!(pep.state, "open");
    // A done step has no deadline to show.
    value["actions"] = json!([{ "offer": "csg_acute_opvang", "status": "done", "at": "2026-03-09T20:00:00+01:00" }]);
    let done = proposal(&engine, &value, MEETING);
    assert!(!done.record.as_ref().unwrap().deadline_ranges.iter().any(|d| d.offer == "csg_acute_opvang"));
    // Planned: not passed at 11:00 (the latest end is 12:00), passed at 12:30.
    value["actions"] = json!([{ "offer": "hiv_pep", "status": "planned", "at": "2026-03-09T20:00:00+01:00" }]);
    let at_11 = proposal(&engine, &value, "2026-03-10T11:00:00+01:00");
    assert!(at_11.record.as_ref().unwrap().deadlines_passed.is_empty(), "perhaps passed is not passed");
    let at_1230 = proposal(&engine, &value, "2026-03-10T12:30:00+01:00");
    let passed = &at_1230.record.as_ref().unwrap().deadlines_passed;
    assert_eq!(
        passed.iter().map(|d| (d.offer.as_str(), d.deadline.as_str())).collect::<Vec<_>>(),
        [("hiv_pep", "2026-03-10T12:00:00+01:00")]
    );
    // The agenda at 11:00 keeps it under today's deadlines, said once with both ends.
    let agenda = engine.agenda(&[("x".into(), record(&engine, &value))], now("2026-03-10T11:00:00+01:00"));
    let e = &agenda.entries[0];
    assert!(e.reasons.contains(&"deadline_today".to_string()), "{:?}", e.reasons);
    let said: Vec<&str> = e.lines.iter().map(|l| l.nl()).filter(|l| l.contains("HIV-PEP")).collect();
    assert_eq!(said, ["Termijn: HIV-PEP: risicobeoordeling (binnen 72 uur), uiterlijk 10 maart 06:00–12:00 (tijdstip onzeker), mogelijk nog zinvol"]);
}

/// Stale safety answers go under the questions, not under "awaiting a decision".
#[test]
fn stale_answers_are_questions_not_decisions() {
    let engine = Engine::national();
    let rec = record(&engine, &example("zaak-05-verouderd"));
    let agenda = engine.agenda(&[("x".into(), rec)], now(MEETING));
    let e = &agenda.entries[0];
    assert!(e.questions.contains(&"current_safety".to_string()), "{:?}", e.questions);
    assert!(!e.awaiting_decision.iter().any(|a| a == "referral:politie_112"), "{:?}", e.awaiting_decision);
    assert!(e
        .lines
        .iter()
        .any(|l| l.nl().starts_with("Nog te vragen:") && l.nl().contains("Veiligheid op dit moment")));
}

/// `renews` names schema facts and an urgency of the manifest: anything else is a load
/// error with its place and a hint.
#[test]
fn renews_is_checked_when_the_rules_load() {
    let dir = repo_root().join("rules");
    let mut files = Vec::new();
    for entry in walk(&dir) {
        let rel = entry.strip_prefix(&dir).unwrap().to_string_lossy().replace('\\', "/");
        let mut text = std::fs::read_to_string(&entry).unwrap();
        if rel == "offers.toml" {
            text = text.replacen("renews = { facts = [\"in_household\"", "renews = { facts = [\"in_houshold\"", 1);
            text = text.replacen("urgency = \"binnen_24_uur\", label", "urgency = \"morgen\", label", 1);
        }
        files.push((rel, text));
    }
    let e = Engine::from_files(files, "rules").unwrap_err().to_string();
    assert!(e.contains("in_houshold") && e.contains("in_household"), "{e}");
    assert!(e.contains("morgen") && e.contains("renews"), "{e}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|x| x == "toml") {
            out.push(path);
        }
    }
    out
}

/// The agenda conformance vectors (`tests/conformance/*.agenda.json`: records as a list,
/// named `#1`, `#2`, … when they have no `case`): the exact agenda bytes, shared with the
/// Python, WebAssembly and C suites. `WEGWIJS_BLESS=1` rewrites the expected files.
#[test]
fn agenda_vectors_give_the_expected_bytes() {
    let dir = repo_root().join("tests/conformance");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_string_lossy().strip_suffix(".agenda.json").map(str::to_string))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no agenda vectors");
    let bless = std::env::var("WEGWIJS_BLESS").is_ok_and(|v| v == "1");
    let engine = Engine::national();
    for name in names {
        let v: J =
            serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{name}.agenda.json"))).unwrap()).unwrap();
        assert_eq!(v["ruleset"], "national");
        let named: Vec<(String, Record)> = v["records"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
            .map(|(i, r)| (format!("#{}", i + 1), record(&engine, r)))
            .collect();
        let agenda = engine.agenda(&named, now(v["now"].as_str().unwrap()));
        let actual = serde_json::to_string(&agenda).unwrap() + "\n";
        let path = dir.join(format!("{name}.expected.json"));
        if bless {
            std::fs::write(&path, &actual).unwrap();
            continue;
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap_or_default(), actual, "{name}");
        // The ranking this vector is for: the renewal above the passed deadline.
        let order: Vec<&str> = agenda.entries.iter().map(|e| e.case.as_str()).collect();
        let at = |c: &str| order.iter().position(|x| *x == c);
        if let (Some(new), Some(missed)) = (at("zaak-12-pleger-in-huis"), at("zaak-02-pep-gemist")) {
            assert!(new < missed, "{order:?}");
        }
    }
}
