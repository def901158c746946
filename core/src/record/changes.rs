//! What changed between an earlier proposal (the one of the last MDT meeting) and now.

use super::apply::RecordContext;
use super::earlier::EarlierProposal;
use super::history::changed_between;
use super::model::Record;
use crate::engine::{Engine, Evaluation, Timestamp};
use crate::eval::time::parse_datetime;
use crate::result::{FactChange, Proposal, Status};
use serde::{Deserialize, Serialize};

/// Changes since an earlier proposal, for the MDT. Lists are sorted by id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changes {
    /// The earlier proposal's evaluation time.
    pub since: String,
    /// This evaluation's time.
    pub now: String,
    /// Offers proposed now and not then.
    pub referrals_added: Vec<String>,
    /// Offers proposed then and not now (other than those done or declined since).
    pub referrals_removed: Vec<String>,
    /// Offers proposed then and done or declined since.
    pub referrals_settled: Vec<String>,
    /// Outcomes that were possible and are now certain: `referral:<offer>`, `need:<area>`, `regie`.
    pub became_certain: Vec<String>,
    /// Outcomes that were certain and are now only possible.
    pub became_possible: Vec<String>,
    /// Deadlines that passed between then and now.
    pub deadlines_passed: Vec<DeadlineChange>,
    /// Deadlines passing within 24 hours from now.
    pub deadlines_soon: Vec<DeadlineChange>,
    /// The proposed regie level, if it changed.
    pub regie: Option<LevelChange>,
    /// The proposed regiehouder, if it changed.
    pub regiehouder: Option<LevelChange>,
    /// Facts asked then and answered (or no longer needed) now.
    pub questions_answered: Vec<String>,
    /// Facts asked now and not then.
    pub questions_new: Vec<String>,
    /// Facts that went stale since (counted as unknown now).
    pub facts_stale: Vec<String>,
    /// Facts whose known value changed since, with label and old and new value in words;
    /// danger facts first. A re-confirmed value is no change.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts_changed: Vec<FactChange>,
    /// Done offers needed again since (`renews`), by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub referrals_renewed: Vec<String>,
}

impl Changes {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.referrals_added.is_empty()
            && self.referrals_removed.is_empty()
            && self.referrals_settled.is_empty()
            && self.became_certain.is_empty()
            && self.became_possible.is_empty()
            && self.deadlines_passed.is_empty()
            && self.deadlines_soon.is_empty()
            && self.regie.is_none()
            && self.regiehouder.is_none()
            && self.questions_answered.is_empty()
            && self.questions_new.is_empty()
            && self.facts_stale.is_empty()
            && self.facts_changed.is_empty()
            && self.referrals_renewed.is_empty()
    }
}

/// An offer's deadline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineChange {
    /// Offer id.
    pub offer: String,
    /// Deadline (RFC 3339).
    pub deadline: String,
}

/// A change of a level or a regiehouder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelChange {
    /// Then.
    pub from: Option<String>,
    /// Now.
    pub to: Option<String>,
    /// `up`, `down` (regie) or `changed` (regiehouder).
    pub direction: String,
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    crate::sort::sort(&mut v);
    v.dedup();
    v
}

impl Evaluation {
    /// What changed since `previous`, an earlier proposal for the same case: a
    /// [`Proposal`], or an [`EarlierProposal`] read from a caller's JSON.
    pub fn changes_since(&self, previous: impl Into<EarlierProposal>) -> Changes {
        let previous = previous.into();
        let levels: Vec<&str> = self.rules().source.manifest.regie_levels.iter().map(|l| l.id.as_str()).collect();
        let now = self.now().seconds();
        let mut out = changes(&self.proposal(), &previous, now, &levels);
        let record = self.layer().and_then(|l| l.as_any().downcast_ref::<RecordContext>());
        if let (Some(ctx), Some(then)) = (record, parse_datetime(&previous.evaluated_at)) {
            out.facts_changed = changed_between(self.rules(), &ctx.entries, then, now, None);
        }
        out
    }
}

impl Engine {
    /// The proposal as it stood at the record's last decision (the record evaluated as of
    /// that time), to compare with; `None` without decisions.
    pub fn proposal_at_last_decision(&self, record: &Record) -> Option<Proposal> {
        let at = *record.decision_times.last()?;
        // A decision time was parsed from RFC 3339, so it is in range.
        // A comparison base only: no need to verify the decision again.
        Timestamp::from_unix(at).ok()?;
        Some(super::apply::evaluate(self, record, at, super::apply::Check::Skip).proposal())
    }
}

fn changes(cur: &Proposal, prev: &EarlierProposal, now: i64, regie_levels: &[&str]) -> Changes {
    let then = parse_datetime(&prev.evaluated_at).unwrap_or(i64::MIN);
    let proposes = |o: &str| cur.referrals.iter().any(|r| r.offer == o);
    let proposed = |o: &str| prev.referrals.iter().any(|r| r.offer == o);
    // A referral the MDT rejected stays rejected: no change about it is news until a later
    // decision accepts it.
    let rejected = |o: &str| cur.referrals.iter().any(|r| r.offer == o && r.rejected.is_some());
    let referrals_added = sorted(
        cur.referrals.iter().filter(|r| !proposed(&r.offer) && !rejected(&r.offer)).map(|r| r.offer.clone()).collect(),
    );
    // An offer done or declined by now is settled: no longer proposed, no deadline to pass.
    let settled =
        |o: &str| cur.record.as_ref().is_some_and(|r| r.actions.iter().any(|a| a.offer == o && a.status != "planned"));
    let gone = || prev.referrals.iter().filter(|r| !proposes(&r.offer));
    let referrals_removed = sorted(gone().filter(|r| !settled(&r.offer)).map(|r| r.offer.clone()).collect());
    let referrals_settled = sorted(gone().filter(|r| settled(&r.offer)).map(|r| r.offer.clone()).collect());
    let mut to_certain = Vec::new();
    let mut to_possible = Vec::new();
    let mut flip = |key: String, before: Status, after: Status| match (before, after) {
        (Status::Possible, Status::Certain) => to_certain.push(key),
        (Status::Certain, Status::Possible) => to_possible.push(key),
        _ => {}
    };
    for r in cur.referrals.iter().filter(|r| r.rejected.is_none()) {
        if let Some(p) = prev.referrals.iter().find(|p| p.offer == r.offer) {
            flip(format!("referral:{}", r.offer), p.status, r.status);
        }
    }
    for n in &cur.needs {
        if let Some((_, then)) = prev.needs.iter().find(|(area, _)| *area == n.area) {
            flip(format!("need:{}", n.area), *then, n.status);
        }
    }
    flip("regie".into(), prev.regie_status, cur.regie.status);
    let mut passed = Vec::new();
    let mut soon = Vec::new();
    let deadlines = prev.referrals.iter().map(|r| (&r.offer, &r.deadline));
    let deadlines = deadlines.chain(cur.referrals.iter().map(|r| (&r.offer, &r.deadline)));
    for (offer, deadline) in deadlines.filter(|(o, _)| !settled(o) && !rejected(o)) {
        let Some(d) = deadline.as_deref().and_then(parse_datetime) else { continue };
        // A deadline from a range passes only at its latest end (`deadline_ranges`).
        let open_range = cur
            .record
            .as_ref()
            .is_some_and(|x| x.deadline_ranges.iter().any(|dr| dr.offer == *offer && dr.state != "passed"));
        if open_range && d <= now {
            continue;
        }
        let change = DeadlineChange { offer: offer.clone(), deadline: deadline.clone().unwrap_or_default() };
        if d > then && d <= now && !passed.contains(&change) {
            passed.push(change);
        } else if d > now && d <= now.saturating_add(86_400) && proposes(offer) && !soon.contains(&change) {
            soon.push(change);
        }
    }
    crate::sort::sort_by(&mut passed, |a, b| (&a.deadline, &a.offer).cmp(&(&b.deadline, &b.offer)));
    crate::sort::sort_by(&mut soon, |a, b| (&a.deadline, &a.offer).cmp(&(&b.deadline, &b.offer)));
    let rank = |id: &str| regie_levels.iter().position(|l| *l == id);
    let regie = (prev.regie_level != cur.regie.level).then(|| LevelChange {
        from: Some(prev.regie_level.clone()),
        to: Some(cur.regie.level.clone()),
        direction: match (rank(&cur.regie.level), rank(&prev.regie_level)) {
            (a, b) if a > b => "up",
            _ => "down",
        }
        .into(),
    });
    let (then_id, now_id) = (prev.regiehouder.as_ref(), cur.regiehouder.as_ref().map(|h| &h.id));
    let regiehouder = (then_id != now_id).then(|| LevelChange {
        from: then_id.cloned(),
        to: now_id.cloned(),
        direction: "changed".into(),
    });
    let asks_now = |f: &str| cur.questions.iter().any(|q| q.fact == f);
    let asked_then = |f: &str| prev.questions.iter().any(|q| q == f);
    let questions_answered = sorted(prev.questions.iter().filter(|q| !asks_now(q)).cloned().collect());
    let questions_new = sorted(cur.questions.iter().filter(|q| !asked_then(&q.fact)).map(|q| q.fact.clone()).collect());
    let stale_now = cur.record.iter().flat_map(|r| &r.stale);
    let facts_stale = sorted(stale_now.filter(|f| !prev.stale.contains(f)).cloned().collect());
    let renewed_now = cur.record.iter().flat_map(|r| &r.renewed);
    let referrals_renewed =
        sorted(renewed_now.filter(|x| !prev.renewed.contains(&x.offer)).map(|x| x.offer.clone()).collect());
    Changes {
        since: prev.evaluated_at.clone(),
        now: cur.evaluated_at.clone(),
        referrals_added,
        referrals_removed,
        referrals_settled,
        became_certain: sorted(to_certain),
        became_possible: sorted(to_possible),
        deadlines_passed: passed,
        deadlines_soon: soon,
        regie,
        regiehouder,
        questions_answered,
        questions_new,
        facts_stale,
        facts_changed: Vec::new(),
        referrals_renewed,
    }
}
