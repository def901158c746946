//! The daily MDT agenda: one entry per case record, most urgent first.

use super::agenda_words;
use super::changes::Changes;
use super::model::Record;
use crate::engine::{Engine, Timestamp};
use crate::eval::time::parse_datetime;
use crate::result::{DeadlineView, DecidedStatus};
use crate::text::Text;
use serde::{Deserialize, Serialize};

/// The agenda of one MDT meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agenda {
    /// The meeting time.
    pub now: String,
    /// One entry per case, most urgent first: a new or present danger first (a danger fact
    /// that changed since the last decision and brings a step back or adds one, or danger
    /// now), then deadlines still open today (soonest first), then everything else (possible
    /// danger, then missed deadlines, then regie level, the higher of proposed and decided).
    /// A deadline that passed is reported, never hidden, but goes below a live danger.
    /// Ties by case name.
    pub entries: Vec<AgendaEntry>,
}

/// One case on the agenda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaEntry {
    /// The case reference (the record's `case`, or the name it was given under).
    pub case: String,
    /// Why it stands where it does: `danger_new`, `danger_now`, `deadline_today`,
    /// `deadline_passed`, `danger_possible`, `regie:<level>`, `no_decision_yet`; and
    /// `decision_unverified` (no effect on the order) when the last decision shown is not
    /// as it was recorded (see [`crate::Engine::verify`]).
    pub reasons: Vec<String>,
    /// Planned actions whose deadline passed (termijn verstreken).
    pub deadlines_passed: Vec<DeadlineView>,
    /// Proposed referrals whose deadline passes later today: before the next midnight in
    /// the rule set's time zone (`manifest.time_zone`; UTC without one). A deadline from a
    /// time range counts while its latest end has not passed.
    pub deadlines_soon: Vec<DeadlineView>,
    /// The proposed regie level (and the decided one, when there is a decision).
    pub regie: String,
    /// The last decision.
    pub decided: Option<DecidedStatus>,
    /// What changed since the last decision (absent without one).
    pub changes: Option<Changes>,
    /// Where the proposal departs from the last decision, or proposes what it did not
    /// decide on (a renewed step included): `regie`, `regiehouder`, `referral:<offer>`. The
    /// MDT decides and gives a reason for each departure.
    pub awaiting_decision: Vec<String>,
    /// The open questions that could change the proposal, and stale answers to ask again
    /// (fact ids, most urgent first).
    pub questions: Vec<String>,
    /// The reasons in words (`nl`, `en`).
    #[serde(default)]
    pub headline: Text,
    /// The entry in words, one line per point, with labels instead of ids (`nl`, `en`).
    #[serde(default)]
    pub lines: Vec<Text>,
}

/// Agenda order: the tier (0 danger new or now, 1 a deadline open today, 2 the rest), a new
/// danger before a present one, the earliest deadline today, danger (0 = now), a missed
/// deadline (0) or not, regie (reversed), case name.
type OrderKey = (u8, u8, i64, u8, u8, usize, String);

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
                let range = |offer: &str| status.deadline_ranges.iter().find(|d| d.offer == offer);
                let soon: Vec<DeadlineView> = p
                    .referrals
                    .iter()
                    .filter_map(|r| {
                        let d = r.deadline.as_deref().and_then(parse_datetime)?;
                        let deadline = r.deadline.clone()?;
                        // A range deadline stays open until its latest end.
                        let latest = range(&r.offer).and_then(|x| parse_datetime(&x.latest)).unwrap_or(d);
                        let open_today = latest > now.seconds() && d < end_of_today;
                        open_today.then(|| DeadlineView { offer: r.offer.clone(), deadline })
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
                let earliest_soon = soon.iter().filter_map(|d| parse_datetime(&d.deadline)).min();
                let changes =
                    self.proposal_at_last_decision_by(record, now.seconds()).map(|prev| ev.changes_since(&prev));
                // A danger fact changed since the last decision, and the rules now ask for
                // more: a done step comes back, or a step is added.
                let danger_changed = status.facts_changed.iter().any(|f| f.danger);
                let asks_more = !status.renewed.is_empty()
                    || changes.as_ref().is_some_and(|c| !c.referrals_added.is_empty() || !c.became_certain.is_empty());
                let danger_new = danger_changed && asks_more;
                let mut reasons = Vec::new();
                if danger_new {
                    reasons.push("danger_new".to_string());
                }
                match danger {
                    2 => reasons.push("danger_now".into()),
                    1 => reasons.push("danger_possible".into()),
                    _ => {}
                }
                if !soon.is_empty() {
                    reasons.push("deadline_today".into());
                }
                if !status.deadlines_passed.is_empty() {
                    reasons.push("deadline_passed".to_string());
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
                if let Some((d, &decided_at)) = last {
                    let state = record.action_state(now.seconds());
                    for r in &p.referrals {
                        // Possible only while a stale answer is unknown: ask it again first
                        // (it stands under the questions), nothing to decide yet.
                        if r.status == crate::result::Status::Possible && !status.stale.is_empty() {
                            continue;
                        }
                        let renewal = status.renewed.iter().find(|x| x.offer == r.offer);
                        let covered = match renewal {
                            // A renewed step is covered only by a decision taken after the change.
                            Some(x) => {
                                parse_datetime(&x.changed_at).is_some_and(|c| decided_at >= c)
                                    && (d.accepted.contains(&r.offer) || d.rejected.contains(&r.offer))
                            }
                            None => {
                                d.accepted.contains(&r.offer)
                                    || r.rejected.is_some()
                                    || state.contains_key(r.offer.as_str())
                            }
                        };
                        if !covered {
                            awaiting.push(format!("referral:{}", r.offer));
                        }
                    }
                }
                // Stale answers are asked again: under the questions, never awaiting a decision.
                let mut questions: Vec<String> = p.questions.iter().map(|q| q.fact.clone()).collect();
                for f in &status.stale {
                    if !questions.contains(f) {
                        questions.push(f.clone());
                    }
                }
                let case = record.case.clone().unwrap_or_else(|| name.clone());
                let mut entry = AgendaEntry {
                    case: case.clone(),
                    headline: agenda_words::headline(rules, &reasons),
                    reasons,
                    deadlines_passed: status.deadlines_passed.clone(),
                    deadlines_soon: soon,
                    regie: p.regie.level.clone(),
                    decided: status.decided.clone(),
                    changes,
                    awaiting_decision: awaiting,
                    questions,
                    lines: Vec::new(),
                };
                let renewed: Vec<(String, Text)> =
                    status.renewed.iter().map(|r| (r.offer.clone(), r.label.clone())).collect();
                let ranges: Vec<(String, Text)> = status
                    .deadline_ranges
                    .iter()
                    .filter(|d| d.state != "open")
                    .map(|d| (d.offer.clone(), d.text.clone()))
                    .collect();
                entry.lines = agenda_words::lines(rules, &entry, &renewed, &ranges);
                let tier = if danger_new || danger == 2 {
                    0
                } else if earliest_soon.is_some() {
                    1
                } else {
                    2
                };
                let missed = u8::from(status.deadlines_passed.is_empty());
                let regie = usize::MAX - regie_rank.max(decided_rank);
                let key =
                    (tier, u8::from(!danger_new), earliest_soon.unwrap_or(i64::MAX), 2 - danger, missed, regie, case);
                (key, entry)
            })
            .collect();
        crate::sort::sort_by(&mut keyed, |a, b| a.0.cmp(&b.0));
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
        facts_changed: Vec::new(),
        renewed: Vec::new(),
        deadline_ranges: Vec::new(),
    }
}
