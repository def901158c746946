//! Recording an MDT decision: checked against the current proposal, stamped with the rule
//! set and proposal it was taken on, appended to the record. Never silent: an incomplete
//! decision is refused with every missing piece listed.

use super::model::{Action, ActionStatus, Decision, Record};
use super::read::check_decision;
use crate::engine::{Engine, Timestamp};
use crate::result::Proposal;
use sha2::{Digest, Sha256};
use std::fmt;

/// Why a decision was refused: every missing reason or acknowledgement, by id (never a
/// value from the case or a reason's text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionError {
    /// One line per problem.
    pub problems: Vec<String>,
}

impl fmt::Display for DecisionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "the decision is not complete; the record was not changed:")?;
        for p in &self.problems {
            writeln!(f, "  - {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DecisionError {}

/// `sha256:<hex>` of a proposal's canonical JSON.
pub fn proposal_hash(p: &Proposal) -> String {
    let bytes = serde_json::to_vec(p).expect("proposals serialize");
    let digest = Sha256::digest(&bytes);
    let mut out = String::from("sha256:");
    for byte in digest.iter() {
        out.push(char::from_digit(u32::from(byte >> 4), 16).expect("nibble"));
        out.push(char::from_digit(u32::from(byte & 0xf), 16).expect("nibble"));
    }
    out
}

impl Engine {
    /// Reads a decision from JSON text (duplicate keys refused, values never echoed).
    pub fn decision_from_str(&self, text: &str) -> Result<Decision, DecisionError> {
        let one = |p: String| DecisionError { problems: vec![p] };
        let limit = crate::limits::MAX_RECORD_BYTES;
        if text.len() > limit {
            return Err(one(format!("the decision JSON is longer than {limit} bytes")));
        }
        let value = super::json::parse(text).map_err(one)?;
        serde_json::from_value(value)
            .map_err(|e| one(format!("{} (see docs/case-record.md)", super::checks::serde_problem(&e))))
    }

    /// Checks `decision` against the record's proposal at the decision time (its `at`, or
    /// `now` when it has none) and returns the record with the decision appended, stamped
    /// with the rule-set hash, the proposal hash, the case, the chain hash and the time.
    /// Refused: a decision or action of the record dated after `now` (beyond
    /// [`crate::limits::MAX_CLOCK_SKEW_SECONDS`]), a decision naming another case, and a
    /// record whose last decision is not as it was recorded. Accepted offers without an
    /// action (or renewed since theirs) become planned actions. The record itself is not
    /// changed.
    pub fn decide(&self, record: &Record, decision: &Decision, now: Timestamp) -> Result<Record, DecisionError> {
        let mut problems = Vec::new();
        if let Err(e) = check_decision(self.rules(), decision, "decision") {
            problems.push(e.to_string());
        }
        let at = if decision.at.is_empty() {
            Some(now)
        } else {
            let t = Timestamp::parse(&decision.at).ok();
            if t.is_none() {
                problems.push("decision.at: expected an RFC 3339 datetime with offset".into());
            }
            t
        };
        let at = at.unwrap_or(now);
        let at = at.seconds();
        if record.decision_times.last().is_some_and(|&last| at < last) {
            problems.push("decision.at: is before the record's last decision".into());
        }
        problems.extend(super::time_sanity::dated_after(record, at, now.seconds()));
        if decision.case.is_some() && decision.case != record.case {
            problems.push("decision.case: is not the record's case".into());
        }
        let chain = super::verify::chain_hashes(record.case.as_deref(), &record.decisions);
        if let Some(last) = record.decisions.len().checked_sub(1) {
            let check = self.check_decision_at(record, last, &chain[last]);
            if check.decision == super::verify::HashCheck::Mismatch
                || check.chain == super::verify::HashCheck::Mismatch
                || check.case == super::verify::CaseCheck::OtherCase
            {
                problems.push(format!(
                    "decisions[{last}]: is not as it was recorded (run `wegwijs verify`); a decision is not added to a changed record"
                ));
            }
        }
        if !problems.is_empty() {
            return Err(DecisionError { problems });
        }
        // The record with the decision appended (a plain facts object becomes a record
        // here): accepted offers without an action by then become planned actions.
        let mut out = record.clone();
        out.is_record = true;
        let mut stamped = decision.clone();
        stamped.at = self.rules().zone.format(at);
        let state = record.action_state(at);
        // The steps renewed by a fact change since they were done, as the record stands now.
        let current = super::apply::evaluate(self, record, at, super::apply::Check::Skip).proposal();
        let renewed = |o: &str| current.record.as_ref().is_some_and(|r| r.renewed.iter().any(|x| x.offer == o));
        for offer in &decision.accepted {
            // A renewed step accepted is planned again (its old action stays).
            if !state.contains_key(offer.as_str()) || renewed(offer) {
                out.actions.push(Action {
                    offer: offer.clone(),
                    status: ActionStatus::Planned,
                    at: stamped.at.clone(),
                });
                out.action_times.push(at);
            }
        }
        out.decisions.push(stamped.clone());
        out.decision_times.push(at);
        // The proposal decided on is the one `verify` recomputes: the record as it stood
        // before the decision, evaluated exactly as `verify` does (the same function), so a
        // planned action that already stood at the decision's instant cannot make them differ.
        let index = record.decisions.len();
        let before = super::verify::before_decision(&out, index);
        let proposal = super::apply::evaluate(self, &before, at, super::apply::Check::Skip).proposal();
        problems.extend(missing(&proposal, decision));
        if !problems.is_empty() {
            return Err(DecisionError { problems });
        }
        stamped.ruleset_hash = proposal.ruleset.hash.clone();
        stamped.proposal_hash = proposal_hash(&proposal);
        stamped.case = record.case.clone();
        stamped.previous_hash = chain[index].clone();
        stamped.decision_hash = super::verify::decision_hash(&stamped);
        out.decisions[index] = stamped;
        Ok(out)
    }
}
/// Every departure without a reason, every proposed referral neither accepted nor rejected,
/// every accepted referral against the wish or outside the consent without its own
/// acknowledgement.
fn missing(p: &Proposal, d: &Decision) -> Vec<String> {
    let mut out = Vec::new();
    let reason = |key: &str| d.reasons.get(key).is_some_and(|r| !r.trim().is_empty());
    if d.regie != p.regie.level && !reason("regie") {
        out.push(format!("regie {} departs from the proposed {}: give `reasons.regie`", d.regie, p.regie.level));
    }
    let proposed = p.regiehouder.as_ref().map(|h| h.id.as_str());
    if proposed.is_some() && d.regiehouder.as_deref() != proposed && !reason("regiehouder") {
        out.push(format!(
            "regiehouder {} departs from the proposed {}: give `reasons.regiehouder`",
            d.regiehouder.as_deref().unwrap_or("(none)"),
            proposed.unwrap_or("-")
        ));
    }
    for r in &p.referrals {
        let key = format!("referral:{}", r.offer);
        let accepted = d.accepted.contains(&r.offer);
        if !accepted && !d.rejected.contains(&r.offer) {
            out.push(format!("referral {} is proposed: put it in `accepted` or `rejected`", r.offer));
        } else if !accepted && !reason(&key) {
            out.push(format!("referral {} is rejected: give `reasons.\"{key}\"`", r.offer));
        }
        if accepted && r.against_wish.is_some() && !d.overrides_acknowledged.contains(&r.offer) {
            out.push(format!(
                "referral {} goes (or may go) against the victim's wish: acknowledge it in `overrides_acknowledged`",
                r.offer
            ));
        }
        if accepted && r.outside_consent.is_some() && !d.consent_acknowledged.contains(&r.offer) {
            out.push(format!(
                "referral {} is (or may be) outside the consent: acknowledge \"consent still to be discussed\" in `consent_acknowledged`",
                r.offer
            ));
        }
    }
    for o in &d.accepted {
        let key = format!("referral:{o}");
        if !p.referrals.iter().any(|r| &r.offer == o) && !reason(&key) {
            out.push(format!("referral {o} is not proposed: give `reasons.\"{key}\"` for accepting it"));
        }
    }
    out
}
