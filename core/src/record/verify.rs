//! Verifying a record's decisions: each decision's `proposal_hash` against the proposal
//! the record gives as of the decision's time, the chain of `previous_hash`es, the case it
//! names and the rule set it was taken on. The hashes detect changes; they do not sign: a
//! person who edits a decision and recomputes every hash after it is not detected (see
//! docs/case-record.md).

use super::decide::proposal_hash;
use super::model::{ActionStatus, Decision, Record};
use crate::engine::Engine;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The result of `wegwijs verify`: one check per decision, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    /// The record's case reference.
    pub case: Option<String>,
    /// The hash of the loaded rule set.
    pub ruleset_hash: String,
    /// Every decision verified: each proposal hash matched, the chain is intact, every
    /// decision names this case, and each was taken on the loaded rule set.
    pub verified: bool,
    /// Per decision.
    pub decisions: Vec<DecisionCheck>,
}

/// What verifying one decision found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionCheck {
    /// Its position in `decisions` (0 is the oldest).
    pub index: usize,
    /// Its time as written.
    pub at: String,
    /// Its `decision_hash` against the decision as it stands.
    pub decision: HashCheck,
    /// Its `proposal_hash` against the proposal as of its time.
    pub proposal: HashCheck,
    /// Its `previous_hash` against the record's decisions before it.
    pub chain: HashCheck,
    /// Whether it names this record's case.
    pub case: CaseCheck,
    /// Whether it was taken on the loaded rule set.
    pub ruleset: RuleSetCheck,
    /// The rule-set hash it was taken on, when that is not the loaded one: load that rule
    /// set to check its proposal hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ruleset_needed: Option<String>,
}

/// How a stored hash compares with the one computed now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HashCheck {
    /// Equal.
    Ok,
    /// Different. For `decision` and `chain`: the decision, or one before it, was changed
    /// after it was recorded. For `proposal`: the facts or actions as of its time are not
    /// the ones it was taken on (changed, or a fact re-confirmed by overwriting its `at`
    /// instead of adding to its history), or its `proposal_hash` was changed.
    Mismatch,
    /// Not there (a decision recorded before chains existed, or removed).
    Missing,
    /// Not computed: the decision was taken on another rule set.
    NotChecked,
}

/// Whether the decision names the record's case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseCheck {
    /// The same case.
    Ok,
    /// Another case: copied in from another record.
    OtherCase,
    /// The decision names no case while the record does (recorded before decisions
    /// carried it, or removed).
    Missing,
}

/// Whether the decision was taken on the loaded rule set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleSetCheck {
    /// The loaded one.
    Loaded,
    /// Another one (see `ruleset_needed`).
    Other,
    /// The decision names none.
    Missing,
}

impl DecisionCheck {
    /// Whether nothing about the decision was found changed: its proposal hash and chain
    /// match (or the proposal could not be checked for want of its rule set) and it names
    /// this case. What [`crate::Engine::evaluate_record`] warns `decision_unverified` about.
    pub fn intact(&self) -> bool {
        self.decision == HashCheck::Ok
            && matches!(self.proposal, HashCheck::Ok | HashCheck::NotChecked)
            && self.chain == HashCheck::Ok
            && self.case == CaseCheck::Ok
    }

    /// Intact and checked against the loaded rule set.
    pub fn verified(&self) -> bool {
        self.intact() && self.proposal == HashCheck::Ok && self.ruleset == RuleSetCheck::Loaded
    }
}

/// `sha256:` and 64 lower-case hex digits.
pub(crate) fn is_hash(text: &str) -> bool {
    text.strip_prefix("sha256:")
        .is_some_and(|h| h.len() == 64 && h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
}

fn hex(digest: &[u8]) -> String {
    let mut out = String::from("sha256:");
    for byte in digest {
        out.push(char::from_digit(u32::from(byte >> 4), 16).expect("nibble"));
        out.push(char::from_digit(u32::from(byte & 0xf), 16).expect("nibble"));
    }
    out
}

/// The chain hashes of a record's decisions: entry `i` is the hash of the record's
/// decision log as it stood before decision `i` — the canonical JSON
/// `{"case":…,"decisions":[…]}` of its case reference and decisions `0..i`, compact, each
/// decision serialized as a record writes it. Entry `decisions.len()` is the hash for the
/// next decision. Linear in the record's size (one running hash).
pub(crate) fn chain_hashes(case: Option<&str>, decisions: &[Decision]) -> Vec<String> {
    let mut running = Sha256::new();
    running.update(b"{\"case\":");
    running.update(serde_json::to_vec(&case).expect("a text serializes"));
    running.update(b",\"decisions\":[");
    let mut out = Vec::with_capacity(decisions.len() + 1);
    for (i, d) in decisions.iter().enumerate() {
        let mut done = running.clone();
        done.update(b"]}");
        out.push(hex(&done.finalize()));
        if i > 0 {
            running.update(b",");
        }
        running.update(serde_json::to_vec(d).expect("a decision serializes"));
    }
    running.update(b"]}");
    out.push(hex(&running.finalize()));
    out
}

/// `sha256:` of a decision's canonical JSON (as a record writes it, compact) without its
/// `decision_hash`.
pub(crate) fn decision_hash(d: &Decision) -> String {
    let mut without = d.clone();
    without.decision_hash.clear();
    hex(&Sha256::digest(serde_json::to_vec(&without).expect("a decision serializes")))
}

/// The record as it stood just before decision `index` was recorded: the decisions before
/// it, and without the planned action `decide` added for it. `decide` plans an accepted
/// offer at the decision's time when the offer had no action by then, or when its last
/// action was `done` and a fact change renewed it; so an accepted offer whose last action
/// by then is `planned` at exactly that time, after no action or after `done`, lost that
/// action. (A planned action written by hand at that very second for an offer the
/// decision accepts is taken for the decision's own: it says the same.)
pub(crate) fn before_decision(record: &Record, index: usize) -> Record {
    let mut then = record.clone();
    then.decisions.truncate(index);
    then.decision_times.truncate(index);
    let (d, at) = (&record.decisions[index], record.decision_times[index]);
    let accepted: std::collections::HashSet<&str> = d.accepted.iter().map(String::as_str).collect();
    // The accepted offers' actions by the decision's time, per offer in time order (one
    // action per offer and instant: `read` refuses two).
    let mut by_then: Vec<(&str, i64, usize)> = (record.actions.iter().zip(&record.action_times).enumerate())
        .filter(|(_, (a, &t))| t <= at && accepted.contains(a.offer.as_str()))
        .map(|(i, (a, &t))| (a.offer.as_str(), t, i))
        .collect();
    crate::sort::sort(&mut by_then);
    let mut added = std::collections::HashSet::new();
    for (k, &(offer, t, i)) in by_then.iter().enumerate() {
        let is_last = by_then.get(k + 1).is_none_or(|next| next.0 != offer);
        let before = k.checked_sub(1).map(|j| by_then[j]).filter(|p| p.0 == offer).map(|p| record.actions[p.2].status);
        if is_last
            && t == at
            && record.actions[i].status == ActionStatus::Planned
            && matches!(before, None | Some(ActionStatus::Done))
        {
            added.insert(i);
        }
    }
    let keep = |i: &usize| !added.contains(i);
    then.actions = record.actions.iter().enumerate().filter(|(i, _)| keep(i)).map(|(_, a)| a.clone()).collect();
    then.action_times = record.action_times.iter().enumerate().filter(|(i, _)| keep(i)).map(|(_, &t)| t).collect();
    then
}

impl Engine {
    /// Verifies every decision of `record` (see [`Verification`]): re-evaluates the record
    /// as it stood before each decision, as of the decision's time, and compares the hash
    /// of that proposal, the chain hash and the case with what the decision carries.
    pub fn verify(&self, record: &Record) -> Verification {
        let chain = chain_hashes(record.case.as_deref(), &record.decisions);
        let decisions: Vec<DecisionCheck> =
            (0..record.decisions.len()).map(|i| self.check_decision_at(record, i, &chain[i])).collect();
        Verification {
            case: record.case.clone(),
            ruleset_hash: self.rules().hash.clone(),
            verified: decisions.iter().all(DecisionCheck::verified),
            decisions,
        }
    }

    /// Checks decision `index` of `record`, whose chain hash before it is `previous`.
    pub(crate) fn check_decision_at(&self, record: &Record, index: usize, previous: &str) -> DecisionCheck {
        let d = &record.decisions[index];
        let loaded = &self.rules().hash;
        let ruleset = match d.ruleset_hash.as_str() {
            "" => RuleSetCheck::Missing,
            h if h == loaded => RuleSetCheck::Loaded,
            _ => RuleSetCheck::Other,
        };
        let proposal = match (ruleset, d.proposal_hash.is_empty()) {
            (_, true) => HashCheck::Missing,
            (RuleSetCheck::Other, false) => HashCheck::NotChecked,
            _ => {
                let at = crate::Timestamp::from_unix(record.decision_times[index]).expect("a parsed time is in range");
                let then = before_decision(record, index);
                let p = super::apply::evaluate(self, &then, at.seconds(), super::apply::Check::Skip).proposal();
                if proposal_hash(&p) == d.proposal_hash {
                    HashCheck::Ok
                } else {
                    HashCheck::Mismatch
                }
            }
        };
        let decision = match d.decision_hash.as_str() {
            "" => HashCheck::Missing,
            h if h == decision_hash(d) => HashCheck::Ok,
            _ => HashCheck::Mismatch,
        };
        let chain = match d.previous_hash.as_str() {
            "" => HashCheck::Missing,
            h if h == previous => HashCheck::Ok,
            _ => HashCheck::Mismatch,
        };
        let case = match (&d.case, &record.case) {
            (None, None) => CaseCheck::Ok, // neither names a case; the chain binds "none"
            (None, Some(_)) => CaseCheck::Missing,
            (Some(a), Some(b)) if a == b => CaseCheck::Ok,
            (Some(_), _) => CaseCheck::OtherCase,
        };
        DecisionCheck {
            index,
            at: d.at.clone(),
            decision,
            proposal,
            chain,
            case,
            ruleset,
            ruleset_needed: (ruleset == RuleSetCheck::Other).then(|| d.ruleset_hash.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashes_have_one_form() {
        assert!(super::is_hash(&format!("sha256:{}", "0a".repeat(32))));
        for bad in
            ["", "sha256:", "sha256:xyz", &format!("sha256:{}", "0A".repeat(32)), &format!("md5:{}", "0".repeat(64))]
        {
            assert!(!super::is_hash(bad), "{bad}");
        }
        assert!(!super::is_hash(&format!("sha256:{}", "0".repeat(65))));
    }

    #[test]
    fn the_chain_hash_before_the_first_decision_binds_the_case() {
        let a = super::chain_hashes(Some("zaak-a"), &[]);
        let b = super::chain_hashes(Some("zaak-b"), &[]);
        assert_eq!(a.len(), 1);
        assert_ne!(a, b);
        assert!(super::is_hash(&a[0]));
    }
}
