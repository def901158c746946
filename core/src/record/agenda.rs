//! The daily MDT agenda: one entry per case record, most urgent first.

use super::changes::Changes;
use super::model::Record;
use crate::engine::{Engine, Timestamp};
use crate::eval::time::parse_datetime;
use crate::result::{DeadlineView, DecidedStatus};
use serde::{Deserialize, Serialize};

/// The agenda of one MDT meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agenda {
    /// The meeting time.
    pub now: String,
    /// One entry per case, most urgent first: deadlines today (soonest first),
    /// then danger now (possible danger next), then missed deadlines, then regie level
    /// (the higher of proposed and decided), then case name.
    pub entries: Vec<AgendaEntry>,
}

/// One case on the agenda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaEntry {
    /// The case reference (the record's `case`, or the name it was given under).
    pub case: String,
    /// Why it stands where it does: `deadline_passed`, `deadline_today`,
    /// `danger_now`, `danger_possible`, `regie:<level>`, `no_decision_yet`; and
    /// `decision_unverified` (no effect on the order) when the last decision shown is not
    /// as it was recorded (see [`crate::Engine::verify`]).
    pub reasons: Vec<String>,
    /// Planned actions whose deadline passed (termijn verstreken).
    pub deadlines_passed: Vec<DeadlineView>,
    /// Proposed referrals whose deadline passes later today: before the next midnight in
    /// the rule set's time zone (`manifest.time_zone`; UTC without one).
    pub deadlines_soon: Vec<DeadlineView>,
    /// The proposed regie level (and the decided one, when there is a decision).
    pub regie: String,
    /// The last decision.
    pub decided: Option<DecidedStatus>,
    /// What changed since the last decision (absent without one).
    pub changes: Option<Changes>,
    /// Where the proposal departs from the last decision, or proposes what it did not
    /// decide on: `regie`, `regiehouder`, `referral:<offer>`. The MDT decides and gives a
    /// reason for each departure.
    pub awaiting_decision: Vec<String>,
    /// The open questions that could change the proposal (fact ids, most urgent first).
    pub questions: Vec<String>,
}

/// Agenda order: a deadline today first (0) or not (1), the earliest such
/// deadline, danger (0 = now), a missed deadline (0) or not, regie (reversed), case name.
type OrderKey = (u8, i64, u8, u8, usize, String);

impl Engine {
    /// The agenda for `now` over named records (the name is used when a record has no
    /// `case` reference).
    pub fn agenda(&self, records: &[(String, Record)], now: Timestamp) -> Agenda {
        let rules = self.rules();
        let m = &rules.source.manifest;
        let top_need = m.need_levels.last().map(|l| l.id.clone()).unwrap_or_default();
        // "Today" is the meeting's calendar day where the MDT sits, not the next 24 hours.
        let end_of_today = rules.zone.end_of_day(now.seconds());
        let mut keyed: Vec<(OrderKey, AgendaEntry)> = records
            .iter()
            .map(|(name, record)| {
                let ev = self.evaluate_record(record, now);
                let p = ev.proposal();
                let status = p.record.clone().unwrap_or_else(empty_status);
                let soon: Vec<DeadlineView> = p
                    .referrals
                    .iter()
                    .filter_map(|r| {
                        let d = r.deadline.as_deref().and_then(parse_datetime)?;
                        let deadline = r.deadline.clone()?;
                        (d > now.seconds() && d < end_of_today)
                            .then(|| DeadlineView { offer: r.offer.clone(), deadline })
                    })
                    .collect();
                let first = p.needs.first();
                let danger = match first {
                    Some(n) if n.level == top_need => 2,
                    Some(n) if n.up_to.as_deref() == Some(top_need.as_str()) => 1,
                    _ => 0,
                };
                let regie_rank = m.regie_levels.iter().position(|l| l.id == p.regie.level).unwrap_or(0);
                let decided_rank = status
                    .decided
                    .as_ref()
                    .and_then(|d| m.regie_levels.iter().position(|l| l.id == d.regie))
                    .unwrap_or(0);
                let earliest =
                    status.deadlines_passed.iter().chain(&soon).filter_map(|d| parse_datetime(&d.deadline)).min();
                let mut reasons = Vec::new();
                if !status.deadlines_passed.is_empty() {
                    reasons.push("deadline_passed".to_string());
                }
                if !soon.is_empty() {
                    reasons.push("deadline_today".into());
                }
                match danger {
                    2 => reasons.push("danger_now".into()),
                    1 => reasons.push("danger_possible".into()),
                    _ => {}
                }
                reasons.push(format!("regie:{}", p.regie.level));
                let last = record.decisions.iter().zip(&record.decision_times).rev().find(|(_, &t)| t <= now.seconds());
                if last.is_none() {
                    reasons.push("no_decision_yet".into());
                }
                // The decided regie shown below is then not as recorded: say so (no rank).
                if p.warnings.iter().any(|w| w.code == "decision_unverified") {
                    reasons.push("decision_unverified".into());
                }
                let mut awaiting = status.departures.clone();
                if let Some((d, _)) = last {
                    let state = record.action_state(now.seconds());
                    for r in &p.referrals {
                        let covered = d.accepted.contains(&r.offer)
                            || r.rejected.is_some()
                            || state.contains_key(r.offer.as_str());
                        if !covered {
                            awaiting.push(format!("referral:{}", r.offer));
                        }
                    }
                }
                let changes =
                    self.proposal_at_last_decision_by(record, now.seconds()).map(|prev| ev.changes_since(&prev));
                let case = record.case.clone().unwrap_or_else(|| name.clone());
                let entry = AgendaEntry {
                    case: case.clone(),
                    reasons,
                    deadlines_passed: status.deadlines_passed.clone(),
                    deadlines_soon: soon,
                    regie: p.regie.level.clone(),
                    decided: status.decided.clone(),
                    changes,
                    awaiting_decision: awaiting,
                    questions: p.questions.iter().map(|q| q.fact.clone()).collect(),
                };
                let urgent = u8::from(earliest.is_none());
                let missed = u8::from(status.deadlines_passed.is_empty());
                let regie = usize::MAX - regie_rank.max(decided_rank);
                let key = (urgent, earliest.unwrap_or(i64::MAX), 2 - danger, missed, regie, case);
                (key, entry)
            })
            .collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        Agenda { now: rules.zone.format(now.seconds()), entries: keyed.into_iter().map(|(_, e)| e).collect() }
    }

    /// The proposal at the last decision taken by `now`.
    fn proposal_at_last_decision_by(&self, record: &Record, now: i64) -> Option<crate::Proposal> {
        let at = record.decision_times.iter().rev().find(|&&t| t <= now)?;
        // A decision time was parsed from RFC 3339, so it is in range.
        // A comparison base only: no need to verify the decision again.
        let at = Timestamp::from_unix(*at).ok()?.seconds();
        Some(super::apply::evaluate(self, record, at, super::apply::Check::Skip).proposal())
    }
}

fn empty_status() -> crate::result::RecordStatus {
    crate::result::RecordStatus {
        decided: None,
        departures: Vec::new(),
        actions: Vec::new(),
        not_proposed_again: Vec::new(),
        deadlines_passed: Vec::new(),
        stale: Vec::new(),
        ranges: Vec::new(),
    }
}
