//! Case records (issue 10): a case over time. Property tests of the semantics, the
//! "done when" behaviours, and the agenda over `examples/records/`.

use proptest::prelude::*;
use serde_json::{json, Map, Value as J};
use wegwijs::result::{Proposal, Status};
use wegwijs::{Engine, Record, Timestamp};
use wegwijs_tests::{complete_case, format_rfc3339, partial_case, repo_root};

const NOW: i64 = 1_781_524_800; // 2026-06-15T12:00:00Z

fn record(engine: &Engine, value: J) -> Record {
    engine.record_from_json(&value).unwrap_or_else(|e| panic!("record: {e}"))
}

fn proposal(engine: &Engine, value: J, now: i64) -> Proposal {
    engine.evaluate_record(&record(engine, value), Timestamp::from_unix(now).unwrap()).proposal()
}

fn offers(p: &Proposal) -> Vec<&str> {
    p.referrals.iter().map(|r| r.offer.as_str()).collect()
}

fn vignette(name: &str) -> Map<String, J> {
    let path = repo_root().join(format!("examples/cases/{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn t(text: &str) -> i64 {
    Timestamp::parse(text).unwrap().seconds()
}

/// A proposal without what only a record adds (its status and the warnings it raises).
fn strip(mut p: Proposal) -> Proposal {
    p.record = None;
    p.warnings.retain(|w| w.code != "fact_stale");
    p
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Marking actions done or declined never adds a referral (an override may keep a
    /// declined one, marked against the wish).
    #[test]
    fn done_or_declined_never_adds_a_referral(
        seeds in prop::collection::vec(any::<u64>(), 64),
        mask in prop::collection::vec(any::<bool>(), 64),
        marks in prop::collection::vec(0u8..4, 40),
    ) {
        let engine = Engine::national();
        let facts = partial_case(&complete_case(&engine, &seeds, NOW), &mask);
        let plain = proposal(&engine, json!({ "facts": facts }), NOW);
        let actions: Vec<J> = engine.source().offers.iter().zip(&marks).filter_map(|(o, m)| {
            let status = match m { 1 => "done", 2 => "declined", 3 => "planned", _ => return None };
            Some(json!({ "offer": o.id, "status": status, "at": format_rfc3339(NOW - 3600) }))
        }).collect();
        let marked = proposal(&engine, json!({ "facts": facts, "actions": actions }), NOW);
        for r in &marked.referrals {
            let before = plain.referrals.iter().find(|p| p.offer == r.offer);
            prop_assert!(before.is_some(), "marking actions added referral {}", r.offer);
            prop_assert!(r.status == Status::Possible || before.unwrap().status == Status::Certain,
                "marking actions made {} certain", r.offer);
            let status = actions.iter().find(|a| a["offer"] == r.offer.as_str()).map(|a| a["status"].clone());
            prop_assert!(status != Some(json!("done")), "done offer {} proposed again", r.offer);
            if status == Some(json!("declined")) {
                prop_assert!(r.overridden(), "declined offer {} proposed without override mark", r.offer);
                // Only an override against the victim's wish brings it back, never one that
                // only covers a missing consent (`override_for = "consent"`).
                let against_refusal = engine.source().rules.iter().any(|rule| {
                    r.rules.contains(&rule.id) && rule.r#override.is_some() && rule.override_for.as_deref() != Some("consent")
                });
                prop_assert!(against_refusal, "declined offer {} brought back by a consent-only override", r.offer);
            }
        }
    }

    /// A fact older than its `valid_for` behaves exactly like an unknown one.
    #[test]
    fn a_stale_fact_is_exactly_an_unknown_one(
        seeds in prop::collection::vec(any::<u64>(), 64),
        mask in prop::collection::vec(any::<bool>(), 64),
        which in prop::collection::vec(any::<bool>(), 3),
        late in 1i64..400,
    ) {
        let engine = Engine::national();
        let facts = partial_case(&complete_case(&engine, &seeds, NOW), &mask);
        let limits = [("current_safety", 86_400), ("suicidality", 86_400), ("stress_level", 14 * 86_400)];
        let mut timed = facts.clone();
        let mut unknown = facts.clone();
        for ((fact, limit), &stale) in limits.iter().zip(&which) {
            let Some(v) = facts.get(*fact).cloned() else { continue };
            let at = if stale { NOW - limit - late * 60 } else { NOW - limit + late * 60 };
            timed.insert(fact.to_string(), json!({ "value": v, "at": format_rfc3339(at) }));
            if stale {
                unknown.remove(*fact);
            }
        }
        let a = strip(proposal(&engine, json!({ "facts": timed }), NOW));
        let b = strip(proposal(&engine, json!({ "facts": unknown }), NOW));
        prop_assert_eq!(a, b);
    }

    /// A time given as a range gives a certain outcome only when every time in it does:
    /// every certain referral, need level and regie level of the range holds at every point,
    /// and every point's referrals were at least possible.
    #[test]
    fn a_range_is_certain_only_when_every_time_in_it_is(
        seeds in prop::collection::vec(any::<u64>(), 64),
        to_hours in 1i64..200,
        width_minutes in 1i64..(60 * 60),
    ) {
        let engine = Engine::national();
        let mut facts = complete_case(&engine, &seeds, NOW);
        let to = NOW - to_hours * 3600 + (seeds[0] % 3600) as i64;
        let from = to - width_minutes * 60;
        facts.insert("last_incident_at".into(), json!({ "from": format_rfc3339(from), "to": format_rfc3339(to) }));
        let ranged = proposal(&engine, json!({ "facts": facts }), NOW);
        // Every value of hours_since (and so of days_since) over the range is hit by one of
        // these points: `to`, each whole hour before it, and `from`.
        let mut points: Vec<i64> = (0..).map(|k| to - k * 3600).take_while(|&p| p > from).collect();
        points.push(from);
        let m = &engine.source().manifest;
        let level = |ls: &[wegwijs::ruleset::source::Labelled], id: &str| ls.iter().position(|l| l.id == id).unwrap();
        for p in points {
            facts.insert("last_incident_at".into(), json!(format_rfc3339(p)));
            let point = proposal(&engine, json!({ "facts": facts }), NOW);
            for r in &ranged.referrals {
                if r.status == Status::Certain {
                    prop_assert!(offers(&point).contains(&r.offer.as_str()), "certain {} absent at {}", r.offer, p);
                }
            }
            for r in &point.referrals {
                prop_assert!(offers(&ranged).contains(&r.offer.as_str()), "{} at {} was not possible", r.offer, p);
            }
            for (a, b) in ranged.needs.iter().zip(&point.needs) {
                prop_assert!(level(&m.need_levels, &a.level) <= level(&m.need_levels, &b.level));
                let up = a.up_to.as_deref().unwrap_or(&a.level);
                prop_assert!(level(&m.need_levels, &b.level) <= level(&m.need_levels, up));
            }
            prop_assert!(level(&m.regie_levels, &ranged.regie.level) <= level(&m.regie_levels, &point.regie.level));
        }
    }
}

#[test]
fn a_plain_facts_object_gives_the_same_proposal_as_before() {
    let engine = Engine::national();
    let facts = vignette("vignet-1-festival");
    let now = Timestamp::parse("2026-03-02T20:00:00+01:00").unwrap();
    let case = engine.case_from_json(&J::Object(facts.clone())).unwrap();
    let direct = serde_json::to_string(&engine.evaluate(&case, now).proposal()).unwrap();
    let via_record = serde_json::to_string(&proposal(&engine, J::Object(facts), now.seconds())).unwrap();
    assert_eq!(direct, via_record);
    assert!(!direct.contains("\"record\""));
}

/// The ordinary calls take a record too, told apart by shape: `facts` at the top makes a
/// record (as `wegwijs eval` reads it); anything else is read exactly as a plain case.
#[test]
fn case_or_record_is_told_apart_by_shape() {
    use wegwijs::CaseOrRecord;
    let engine = Engine::national();
    let now = Timestamp::parse("2026-03-02T20:00:00+01:00").unwrap();
    let facts = vignette("vignet-3-stiefvader-acuut");
    let actions = json!([{ "offer": "aangifte", "status": "declined", "at": "2026-03-02T19:00:00+01:00" }]);
    let rec = json!({ "facts": facts, "actions": actions });
    let Ok(CaseOrRecord::Record(read)) = engine.case_or_record_from_str(&rec.to_string()) else {
        panic!("a record with `facts` is read as a record")
    };
    assert_eq!(read, record(&engine, rec.clone()));
    assert!(engine.evaluate_record(&read, now).proposal().record.is_some());
    let Ok(CaseOrRecord::Case(case)) = engine.case_or_record_from_str(&J::Object(facts.clone()).to_string()) else {
        panic!("a facts object is read as a plain case")
    };
    assert_eq!(case, engine.case_from_json(&J::Object(facts)).unwrap());
    assert!(engine.is_record_key("facts") && !engine.is_record_key("actions"));
    // Errors of a plain case are the case reader's.
    let bad = engine.case_or_record_from_str(r#"{"age": 30, "age": 31}"#).unwrap_err();
    assert_eq!(bad.to_string(), engine.case_from_str(r#"{"age": 30, "age": 31}"#).unwrap_err().to_string());
    assert!(engine.case_or_record_from_str(r#"{"facts": {"age": "x"}}"#).is_err());
}

#[test]
fn the_assigned_regiehouder_stays_on_day_8_and_the_difference_is_shown() {
    let engine = Engine::national();
    let mut facts = vignette("vignet-1-festival");
    facts.insert("police_wish".into(), json!("aangifte"));
    let day1 = t("2026-03-02T10:00:00+01:00");
    let day8 = t("2026-03-09T13:00:00+01:00");
    let rec = record(&engine, json!({ "facts": facts }));
    let first = engine.evaluate_record(&rec, Timestamp::from_unix(day1).unwrap()).proposal();
    let assigned = first.regiehouder.clone().expect("a regiehouder on day 1").id;
    let decision = json!({ "by": "mdt-voorzitter", "regie": first.regie.level, "regiehouder": assigned,
        "accepted": offers(&first), "overrides_acknowledged": [] });
    let decision = engine.decision_from_str(&decision.to_string()).unwrap();
    let rec = engine.decide(&rec, &decision, Timestamp::from_unix(day1).unwrap()).expect("a complete decision");
    let later = engine.evaluate_record(&rec, Timestamp::from_unix(day8).unwrap()).proposal();
    let status = later.record.as_ref().unwrap();
    assert_eq!(status.decided.as_ref().unwrap().regiehouder.as_deref(), Some(assigned.as_str()));
    let proposed = later.regiehouder.as_ref().unwrap().id.clone();
    assert_ne!(proposed, assigned, "the example must be one where the proposal moves");
    assert!(status.departures.contains(&"regiehouder".to_string()));
    let w = later.warnings.iter().find(|w| w.code == "differs_from_decision").expect("warning");
    assert!(w.message.get("nl").contains("Voorstel wijkt af van het MDT-besluit"));
    // Labels, not ids.
    let label =
        |id: &str| engine.source().manifest.regiehouders.iter().find(|r| r.id == id).unwrap().label.nl().to_string();
    let nl = w.message.get("nl");
    assert!(nl.contains(&label(&assigned)) && nl.contains(&label(&proposed)), "{nl}");
    assert!(!nl.contains(&assigned) && !nl.contains(&proposed), "ids in {nl}");
}

#[test]
fn a_done_action_is_not_proposed_again_and_a_missed_window_is_reported() {
    let engine = Engine::national();
    let facts = vignette("vignet-1-festival"); // incident 2026-03-01T12:00+01:00
    let plain = proposal(&engine, json!({ "facts": facts }), t("2026-03-02T20:00:00+01:00"));
    assert!(offers(&plain).contains(&"forensisch_onderzoek") && offers(&plain).contains(&"hiv_pep"));
    let actions = json!([
        { "offer": "forensisch_onderzoek", "status": "done", "at": "2026-03-02T21:00:00+01:00" },
        { "offer": "hiv_pep", "status": "planned", "at": "2026-03-02T21:00:00+01:00" },
    ]);
    let p = proposal(&engine, json!({ "facts": facts, "actions": actions }), t("2026-03-03T09:00:00+01:00"));
    assert!(!offers(&p).contains(&"forensisch_onderzoek"));
    let status = p.record.as_ref().unwrap();
    assert!(status.not_proposed_again.iter().any(|a| a.offer == "forensisch_onderzoek" && a.status == "done"));
    assert!(status.deadlines_passed.is_empty(), "the PEP window is still open");
    // Day 5: the 72-hour window closed while HIV-PEP was still only planned.
    let p = proposal(&engine, json!({ "facts": facts, "actions": actions }), t("2026-03-05T09:00:00+01:00"));
    let passed = &p.record.as_ref().unwrap().deadlines_passed;
    assert_eq!(passed.len(), 1, "{passed:?}");
    assert_eq!((passed[0].offer.as_str(), passed[0].deadline.as_str()), ("hiv_pep", "2026-03-04T12:00:00+01:00"));
    assert!(p
        .warnings
        .iter()
        .any(|w| w.code == "deadline_passed" && w.message.get("nl").contains("Termijn verstreken")));
}

#[test]
fn a_declined_offer_comes_back_only_through_an_override_marked_as_such() {
    let engine = Engine::national();
    let facts = vignette("vignet-3-stiefvader-acuut");
    let now = t("2026-03-02T20:00:00+01:00");
    let plain = proposal(&engine, json!({ "facts": facts }), now);
    let all: Vec<J> = plain
        .referrals
        .iter()
        .map(|r| json!({ "offer": r.offer, "status": "declined", "at": "2026-03-02T19:00:00+01:00" }))
        .collect();
    let p = proposal(&engine, json!({ "facts": facts, "actions": all }), now);
    assert!(p.referrals.len() < plain.referrals.len());
    for r in &p.referrals {
        assert!(r.overridden(), "{} back without override", r.offer);
    }
}

/// Support the victim declined is not proposed again because consent to share is missing:
/// a consent-only override ("bespreek eerst toestemming") is no ground to go against a "no".
#[test]
fn a_declined_offer_does_not_come_back_through_a_consent_override() {
    let engine = Engine::national();
    let now = t("2026-03-10T09:00:00+01:00");
    let facts = json!({ "age": 30, "caller_role": "slachtoffer", "channel": "csg_0800", "wants_shn_support": true, "consent_mdt": "nee" });
    let plain = proposal(&engine, json!({ "facts": facts }), now);
    let shn = plain.referrals.iter().find(|r| r.offer == "shn_steun").expect("proposed while consent is missing");
    assert!(
        shn.outside_consent.is_some() && shn.against_wish.is_none(),
        "outside the consent scope: marked as such, not against the wish"
    );
    let declined = json!([{ "offer": "shn_steun", "status": "declined", "at": "2026-03-09T09:00:00+01:00" }]);
    let p = proposal(&engine, json!({ "facts": facts, "actions": declined }), now);
    assert!(!offers(&p).contains(&"shn_steun"), "{:?}", offers(&p));
    assert!(p.record.unwrap().not_proposed_again.iter().any(|v| v.offer == "shn_steun"));
}

#[test]
fn a_stale_fact_is_asked_again() {
    let engine = Engine::national();
    let mut facts = vignette("vignet-1-festival");
    facts.insert("current_safety".into(), json!({ "value": "veilig", "at": "2026-03-02T18:00:00+01:00" }));
    let fresh = proposal(&engine, json!({ "facts": facts }), t("2026-03-03T10:00:00+01:00"));
    assert!(!fresh.questions.iter().any(|q| q.fact == "current_safety"));
    let stale = proposal(&engine, json!({ "facts": facts }), t("2026-03-04T10:00:00+01:00"));
    assert!(stale.questions.iter().any(|q| q.fact == "current_safety"), "asked again");
    assert_eq!(stale.record.unwrap().stale, vec!["current_safety".to_string()]);
}

#[test]
fn an_incident_time_as_a_range_gives_possible_outcomes_and_the_narrowing_question() {
    let engine = Engine::national();
    let mut facts = vignette("vignet-1-festival");
    facts.insert(
        "last_incident_at".into(),
        json!({ "from": "2026-03-01T00:00:00+01:00", "to": "2026-03-01T06:00:00+01:00" }),
    );
    // 70 to 76 hours later: the 72-hour window of HIV-PEP is straddled.
    let p = proposal(&engine, json!({ "facts": facts }), t("2026-03-04T04:00:00+01:00"));
    let pep = p.referrals.iter().find(|r| r.offer == "hiv_pep").expect("HIV-PEP possible");
    assert_eq!(pep.status, Status::Possible);
    let q = p.questions.iter().find(|q| q.fact == "last_incident_at").expect("the question to narrow it");
    assert!(q.affects.contains(&"referral:hiv_pep".to_string()), "{:?}", q.affects);
    assert_eq!(p.record.unwrap().ranges, vec!["last_incident_at".to_string()]);
    // 50 to 56 hours: certain for every time in the range.
    let p = proposal(&engine, json!({ "facts": facts }), t("2026-03-03T08:00:00+01:00"));
    assert_eq!(p.referrals.iter().find(|r| r.offer == "hiv_pep").unwrap().status, Status::Certain);
}

#[test]
fn an_incomplete_decision_is_refused_and_a_complete_one_stamped() {
    let engine = Engine::national();
    let facts = vignette("vignet-4-ex-partner");
    let rec = record(&engine, json!({ "case": "x", "facts": facts }));
    let now = Timestamp::parse("2026-03-02T20:00:00+01:00").unwrap();
    let p = engine.evaluate_record(&rec, now).proposal();
    let lower = if p.regie.level == "R0" { "R1" } else { "R0" };
    let incomplete = json!({ "by": "mdt", "regie": lower, "accepted": [] });
    let err = engine.decide(&rec, &engine.decision_from_str(&incomplete.to_string()).unwrap(), now).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("reasons.regie") && text.contains("`accepted` or `rejected`"), "{text}");
    let mut reasons = serde_json::Map::new();
    reasons.insert("regie".into(), json!("Gezien de situatie volstaat lichtere regie."));
    let complete = json!({ "by": "mdt", "regie": lower, "regiehouder": p.regiehouder.as_ref().map(|h| h.id.clone()),
        "accepted": offers(&p), "reasons": reasons,
        "overrides_acknowledged": p.referrals.iter().filter(|r| r.against_wish.is_some()).map(|r| r.offer.clone()).collect::<Vec<_>>(),
        "consent_acknowledged": p.referrals.iter().filter(|r| r.outside_consent.is_some()).map(|r| r.offer.clone()).collect::<Vec<_>>() });
    let out = engine.decide(&rec, &engine.decision_from_str(&complete.to_string()).unwrap(), now).unwrap();
    let d = out.last_decision().unwrap();
    assert_eq!(d.ruleset_hash, engine.id().hash);
    assert_eq!(d.proposal_hash, wegwijs::proposal_hash(&p));
    assert_eq!(d.at, "2026-03-02T20:00:00+01:00", "stamped in local time");
    assert!(out.actions.iter().all(|a| a.status == wegwijs::ActionStatus::Planned));
    assert_eq!(out.actions.len(), p.referrals.len());
    // The written record reads back to the same record.
    let again = engine.record_from_json(&out.to_json()).unwrap();
    assert_eq!(again.decisions, out.decisions);
    let warned = |r: &Record| {
        let p = engine.evaluate_record(r, now).proposal();
        p.warnings.iter().any(|w| w.code == "decision_other_ruleset")
    };
    assert!(!warned(&out), "decided on this rule set");
    // A decision stamped with another rule set's hash is pointed out.
    let mut other = out.to_json();
    other["decisions"][0]["ruleset_hash"] = json!(format!("sha256:{}", "0".repeat(64)));
    assert!(warned(&engine.record_from_json(&other).unwrap()));
}

#[test]
fn record_errors_name_the_place_and_never_the_value() {
    let engine = Engine::national();
    let bad = [
        (r#"{"facts": {"age": 24, "age": 25}}"#, "given twice"),
        (r#"{"facts": {"age": {"value": 24, "at": "gisteren-geheim"}}}"#, "`at`"),
        (r#"{"facts": {"age": {"from": "2026-03-01T00:00:00Z", "to": "2026-03-02T00:00:00Z"}}}"#, "range"),
        (r#"{"facts": {"last_incident_at": {"from": "2026-03-02T00:00:00Z", "to": "2026-03-01T00:00:00Z"}}}"#, "later"),
        (
            r#"{"facts": {}, "actions": [{"offer": "hiv_pepp", "status": "done", "at": "2026-03-01T00:00:00Z"}]}"#,
            "did you mean `hiv_pep`",
        ),
        (
            r#"{"facts": {}, "actions": [{"offer": "hiv_pep", "status": "geheim", "at": "2026-03-01T00:00:00Z"}]}"#,
            "wrong type",
        ),
        (r#"{"facts": {}, "decisions": [{"by": "mdt", "regie": "R9", "at": "2026-03-01T00:00:00Z"}]}"#, "regie level"),
        (r#"{"facts": {}, "notes": "geheim"}"#, "not a part of a case record"),
    ];
    for (text, expected) in bad {
        let e = engine.record_from_str(text).expect_err(text).to_string();
        assert!(e.contains(expected), "{text}: {e}");
        assert!(!e.contains("geheim") && !e.contains("25"), "a value leaked: {e}");
    }
}

/// The agenda over the example records: order and content.
#[test]
fn the_agenda_of_the_example_records() {
    let engine = Engine::national();
    let dir = repo_root().join("examples/records");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    let records: Vec<(String, Record)> = files
        .iter()
        .map(|f| {
            let name = f.file_stem().unwrap().to_string_lossy().into_owned();
            (name, engine.record_from_str(&std::fs::read_to_string(f).unwrap()).unwrap())
        })
        .collect();
    assert!(records.len() >= 10, "at least 10 example records");
    let agenda = engine.agenda(&records, Timestamp::parse("2026-03-10T09:00:00+01:00").unwrap());
    let order: Vec<&str> = agenda.entries.iter().map(|e| e.case.as_str()).collect();
    // A new danger first, then danger now, then deadlines still open today (soonest first),
    // then the rest: a deadline that passed is reported but goes below a live danger.
    assert_eq!(
        &order[..6],
        [
            "zaak-12-pleger-in-huis",
            "zaak-03-nu-onveilig",
            "zaak-07-gedaan",
            "zaak-10-minderjarig",
            "zaak-06-tijd-onbekend",
            "zaak-01-pep-vandaag"
        ]
    );
    let position = |c: &str| order.iter().position(|x| *x == c).unwrap();
    assert!(position("zaak-02-pep-gemist") > position("zaak-01-pep-vandaag"));
    let entry = |c: &str| agenda.entries.iter().find(|e| e.case == c).unwrap();
    let missed = entry("zaak-02-pep-gemist");
    assert_eq!(missed.deadlines_passed.iter().map(|d| d.offer.as_str()).collect::<Vec<_>>(), ["hiv_pep"]);
    assert!(entry("zaak-01-pep-vandaag").reasons.contains(&"no_decision_yet".to_string()));
    assert!(entry("zaak-01-pep-vandaag").deadlines_soon.iter().any(|d| d.offer == "hiv_pep"));
    assert!(entry("zaak-03-nu-onveilig").reasons.contains(&"danger_now".to_string()));
    let stays = entry("zaak-04-regiehouder-blijft");
    assert!(stays.awaiting_decision.contains(&"regiehouder".to_string()));
    assert_eq!(stays.changes.as_ref().unwrap().regiehouder.as_ref().unwrap().to.as_deref(), Some("shn_casemanager"));
    let stale = entry("zaak-05-verouderd").changes.clone().unwrap();
    assert!(stale.facts_stale.contains(&"current_safety".to_string()));
    assert!(entry("zaak-05-verouderd").questions.contains(&"current_safety".to_string()));
    assert_eq!(entry("zaak-06-tijd-onbekend").questions, ["last_incident_at"]);
    let declined = entry("zaak-08-afgeslagen");
    assert!(declined.changes.as_ref().unwrap().referrals_settled.contains(&"shn_steun".to_string()));
    // Every entry with a decision says what changed since it.
    for e in &agenda.entries {
        assert_eq!(e.changes.is_some(), e.decided.is_some(), "{}", e.case);
    }
}

/// The agenda's "today" is the meeting's calendar day in the rule set's time zone: a
/// deadline an hour after midnight waits for the next day's agenda; one at 23:30 is today.
#[test]
fn the_agendas_today_ends_at_local_midnight() {
    let engine = Engine::national();
    let example: J = serde_json::from_str(
        &std::fs::read_to_string(repo_root().join("examples/records/zaak-01-pep-vandaag.json")).unwrap(),
    )
    .unwrap();
    let mut facts: Map<String, J> = example["facts"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.get("value").cloned().unwrap_or_else(|| v.clone())))
        .collect();
    let mut soon_at = |incident: &str, meeting: &str| {
        facts.insert("last_incident_at".into(), json!(incident));
        let rec = record(&engine, json!({ "facts": facts.clone() }));
        let agenda = engine.agenda(&[("zaak".into(), rec)], Timestamp::parse(meeting).unwrap());
        let e = agenda.entries[0].clone();
        (e.reasons.contains(&"deadline_today".to_string()), e.deadlines_soon)
    };
    // PEP: 72 hours after the incident, so the deadline is 2026-03-10T00:30 local.
    let (today, soon) = soon_at("2026-03-07T00:30:00+01:00", "2026-03-09T23:30:00+01:00");
    assert!(!today && soon.is_empty(), "one hour away, but tomorrow: {soon:?}");
    let (today, soon) = soon_at("2026-03-07T00:30:00+01:00", "2026-03-10T00:10:00+01:00");
    assert!(today && soon.iter().any(|d| d.offer == "hiv_pep" && d.deadline == "2026-03-10T00:30:00+01:00"));
    // Deadline 2026-03-10T23:30 local: today at a meeting that morning (14.5 hours ahead).
    let (today, soon) = soon_at("2026-03-07T23:30:00+01:00", "2026-03-10T09:00:00+01:00");
    assert!(today && soon.iter().any(|d| d.offer == "hiv_pep"), "{soon:?}");
    // The same instant seen from UTC: 23:30 UTC on 9 March is already 10 March in Amsterdam.
    let (today, _) = soon_at("2026-03-07T23:30:00+01:00", "2026-03-09T23:30:00Z");
    assert!(today, "the meeting's local day is 10 March");
}

/// The JSON Schema accepts every example record and rejects a wrong shape.
#[test]
fn the_record_schema_matches_the_examples() {
    let path = repo_root().join("schema/record.schema.json");
    let schema: J = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let mut n = 0;
    for entry in std::fs::read_dir(repo_root().join("examples/records")).unwrap().filter_map(Result::ok) {
        let record: J = serde_json::from_str(&std::fs::read_to_string(entry.path()).unwrap()).unwrap();
        let errors: Vec<String> = validator.iter_errors(&record).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", entry.path().display());
        n += 1;
    }
    assert!(n >= 10);
    let bad =
        json!({ "facts": {}, "actions": [{ "offer": "hiv_pep", "status": "maybe", "at": "2026-03-01T00:00:00Z" }] });
    assert!(!validator.is_valid(&bad));
}

/// Deadlines and the evaluation time carry the local offset of the season (Europe/Amsterdam).
#[test]
fn times_are_local_with_the_offset_of_the_season() {
    let engine = Engine::national();
    let mut facts = vignette("vignet-1-festival");
    facts.insert("last_incident_at".into(), json!("2026-06-30T23:00:00Z"));
    let p = proposal(&engine, json!({ "facts": facts }), t("2026-07-01T10:00:00Z"));
    assert_eq!(p.evaluated_at, "2026-07-01T12:00:00+02:00");
    let pep = p.referrals.iter().find(|r| r.offer == "hiv_pep").unwrap();
    assert_eq!(pep.deadline.as_deref(), Some("2026-07-04T01:00:00+02:00"));
    let winter = proposal(&engine, json!({ "facts": facts }), t("2026-12-01T10:00:00Z"));
    assert_eq!(winter.evaluated_at, "2026-12-01T11:00:00+01:00");
}

/// The record conformance vectors (`tests/conformance/*.record.json`): the canonical
/// proposal bytes, shared with the Python and WebAssembly suites. `WEGWIJS_BLESS=1`
/// rewrites the expected files.
#[test]
fn record_vectors_give_the_expected_bytes() {
    let dir = repo_root().join("tests/conformance");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_string_lossy().strip_suffix(".record.json").map(str::to_string))
        .collect();
    names.sort();
    assert!(names.len() >= 4, "record vectors: {names:?}");
    let bless = std::env::var("WEGWIJS_BLESS").is_ok_and(|v| v == "1");
    let engine = Engine::national();
    for name in names {
        let v: J =
            serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{name}.record.json"))).unwrap()).unwrap();
        assert_eq!(v["ruleset"], "national");
        let now = Timestamp::parse(v["now"].as_str().unwrap()).unwrap();
        let p = engine.evaluate_record(&record(&engine, v["record"].clone()), now).proposal();
        let actual = serde_json::to_string(&p).unwrap() + "\n";
        let path = dir.join(format!("{name}.expected.json"));
        if bless {
            std::fs::write(&path, &actual).unwrap();
            continue;
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap_or_default(), actual, "{name}");
        assert!(p.record.is_some(), "{name} is a record");
    }
}

/// Why-not for an offer the victim declined says so (nl and en), next to the conditions;
/// for one the MDT rejected, it names the decision. Without a record there is no such part.
#[test]
fn why_not_knows_a_declined_offer() {
    let engine = Engine::national();
    let now = Timestamp::parse("2026-03-10T09:00:00+01:00").unwrap();
    let facts = json!({ "age": 30, "caller_role": "slachtoffer", "channel": "csg_0800", "wants_shn_support": true, "consent_mdt": "ja" });
    let plain = engine.evaluate_record(&record(&engine, json!({ "facts": facts })), now);
    assert!(offers(&plain.proposal()).contains(&"shn_steun"), "proposed without the decline");
    let why = plain.why_not("shn_steun").unwrap();
    assert!(why.declined.is_none());
    assert!(!serde_json::to_string(&why).unwrap().contains("declined"));

    let declined = json!([{ "offer": "shn_steun", "status": "declined", "at": "2026-03-09T09:00:00+01:00" }]);
    let ev = engine.evaluate_record(&record(&engine, json!({ "facts": facts, "actions": declined })), now);
    let why = ev.why_not("shn_steun").unwrap();
    assert_eq!(why.status, "absent");
    let d = why.declined.expect("the victim's decline is named");
    assert_eq!((d.by.as_str(), d.at.as_str()), ("slachtoffer", "2026-03-09T09:00:00+01:00"));
    assert!(d.text.get_exact("nl").unwrap().contains("afgeslagen (2026-03-09)"), "{}", d.text.nl());
    assert!(d.text.get_exact("en").unwrap().contains("declined this offer (2026-03-09)"));
    // Only the offer declined: another offer's why-not has no such part.
    assert!(ev.why_not("aangifte").unwrap().declined.is_none());

    let decision = json!([{ "at": "2026-03-09T10:00:00+01:00", "by": "mdt-voorzitter", "regie": "R1",
        "rejected": ["shn_steun"], "reasons": { "referral:shn_steun": "al elders in zorg" } }]);
    let ev = engine.evaluate_record(&record(&engine, json!({ "facts": facts, "decisions": decision })), now);
    let d = ev.why_not("shn_steun").unwrap().declined.expect("the MDT's rejection is named");
    assert_eq!((d.by.as_str(), d.at.as_str()), ("mdt", "2026-03-09T10:00:00+01:00"));
    assert!(d.text.get_exact("nl").unwrap().contains("besluit van 2026-03-09"));
    assert!(!d.text.nl().contains("al elders"), "the MDT's own words stay in the record");
    // A decision taken after the evaluation time does not count yet.
    let before = Timestamp::parse("2026-03-09T09:30:00+01:00").unwrap();
    let ev = engine.evaluate_record(&record(&engine, json!({ "facts": facts, "decisions": decision })), before);
    assert!(ev.why_not("shn_steun").unwrap().declined.is_none());
}
