//! Issue 18, item 3: rejected stays rejected. A referral the MDT's latest decision on it
//! rejected shows as "afgewezen door het MDT (datum, reden)" in the proposal, and stays out
//! of the victim's and caller's summaries, the partner handovers, `--since` and the
//! agenda's open items — until a later decision accepts it.

use serde_json::{json, Value as J};
use wegwijs::audience::{Audience, AudienceView};
use wegwijs::{Engine, Evaluation, Record, Timestamp};

const NOW: &str = "2026-03-06T10:00:00+01:00";
const OFFER: &str = "slachtofferadvocaat";
const REASON: &str = "Eerst het informatief gesprek afwachten";

fn facts() -> J {
    let path = format!("{}/../examples/cases/vignet-1-festival.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The first decision rejects the lawyer with a reason; the second decides regie only.
fn decisions(engine: &Engine) -> Vec<J> {
    let p = engine
        .evaluate(&engine.case_from_json(&facts()).unwrap(), Timestamp::parse("2026-03-02T19:00:00+01:00").unwrap())
        .proposal();
    let accepted: Vec<&str> = p.referrals.iter().map(|r| r.offer.as_str()).filter(|o| *o != OFFER).collect();
    vec![
        json!({ "at": "2026-03-02T19:00:00+01:00", "by": "mdt", "regie": "R2", "regiehouder": "csg_casemanager",
                "accepted": accepted, "rejected": [OFFER], "reasons": { format!("referral:{OFFER}"): REASON } }),
        json!({ "at": "2026-03-05T10:00:00+01:00", "by": "mdt", "regie": "R2", "regiehouder": "csg_casemanager" }),
    ]
}

fn record(engine: &Engine, decisions: &[J]) -> Record {
    engine.record_from_json(&json!({ "case": "zaak-x", "facts": facts(), "decisions": decisions })).unwrap()
}

fn evaluate(engine: &Engine, r: &Record) -> Evaluation {
    engine.evaluate_record(r, Timestamp::parse(NOW).unwrap())
}

fn summary_text(ev: &Evaluation, audience: Audience) -> String {
    match ev.for_audience(&audience).unwrap() {
        AudienceView::Summary(s) => s.text.nl().to_string(),
        _ => panic!("not a summary"),
    }
}

fn lawyer_text(engine: &Engine) -> String {
    let offer = engine.source().offers.iter().find(|o| o.id == OFFER).unwrap();
    offer.victim.nl().to_string()
}

#[test]
fn a_rejected_referral_stays_rejected_until_a_later_decision_accepts_it() {
    let engine = Engine::national();
    let mut ds = decisions(&engine);
    let r = record(&engine, &ds);
    let ev = evaluate(&engine, &r);
    let p = ev.proposal();
    let lawyer = p.referrals.iter().find(|x| x.offer == OFFER).expect("still proposed, marked");
    let rejected = lawyer.rejected.as_ref().expect("marked as rejected by the MDT");
    assert_eq!(rejected.text.nl(), format!("Afgewezen door het MDT (2026-03-02, {REASON})"));
    assert_eq!(rejected.at, "2026-03-02T19:00:00+01:00");
    assert!(p.referrals.iter().filter(|x| x.offer != OFFER).all(|x| x.rejected.is_none()));

    // Out of the summaries, though the latest decision did not mention it.
    let text = lawyer_text(&engine);
    assert!(!summary_text(&ev, Audience::Slachtoffer).contains(&text[..40]));
    assert!(!summary_text(&ev, Audience::Melder).contains(&text[..40]));
    // Out of the handover to its partner.
    match ev.for_audience(&Audience::Partner("advocatuur".into())).unwrap() {
        AudienceView::Handover(h) => assert!(h.referrals.iter().all(|x| x.offer != OFFER)),
        _ => panic!("not a handover"),
    }
    // Not news since the last decision, and not awaiting a decision on the agenda.
    let previous = engine.proposal_at_last_decision(&r).unwrap();
    let changes = ev.changes_since(&previous);
    assert!(!changes.referrals_added.contains(&OFFER.to_string()));
    assert!(!changes.became_certain.iter().any(|c| c.ends_with(OFFER)));
    let agenda = engine.agenda(&[("zaak-x".into(), r.clone())], Timestamp::parse(NOW).unwrap());
    assert!(!agenda.entries[0].awaiting_decision.contains(&format!("referral:{OFFER}")), "{:?}", agenda.entries[0]);

    // A later decision accepts it: back, unmarked, in the summary.
    ds.push(json!({ "at": "2026-03-05T12:00:00+01:00", "by": "mdt", "regie": "R2", "regiehouder": "csg_casemanager", "accepted": [OFFER] }));
    let ev = evaluate(&engine, &record(&engine, &ds));
    assert!(ev.proposal().referrals.iter().all(|x| x.rejected.is_none()));
    assert!(summary_text(&ev, Audience::Slachtoffer).contains(&text[..40]));
}

/// The rejection that counts is the latest decision by the evaluation time: before the
/// decision was taken, the referral is not rejected.
#[test]
fn a_rejection_counts_from_its_decision_time() {
    let engine = Engine::national();
    let r = record(&engine, &decisions(&engine));
    let before = engine.evaluate_record(&r, Timestamp::parse("2026-03-02T18:30:00+01:00").unwrap());
    assert!(before.proposal().referrals.iter().all(|x| x.rejected.is_none()));
}
