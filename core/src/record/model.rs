//! The case record as written in JSON: facts (optionally with when they were learned, or a
//! time range), actions per offer and the MDT's decision log. See `docs/case-record.md`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The `format` value of a case record.
pub const RECORD_FORMAT: &str = "wegwijs-record/1";

/// Where an offer stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActionStatus {
    /// Agreed, not yet done: its deadline still matters.
    Planned,
    /// Done: not proposed again.
    Done,
    /// Declined by the victim: proposed again only by an override rule, marked as such.
    Declined,
}

impl ActionStatus {
    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Planned => "planned",
            ActionStatus::Done => "done",
            ActionStatus::Declined => "declined",
        }
    }
}

/// What happened with one offer, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Offer id.
    pub offer: String,
    /// planned, done or declined.
    pub status: ActionStatus,
    /// When (RFC 3339).
    pub at: String,
}

/// One MDT decision. `ruleset_hash` and `proposal_hash` are stamped by
/// [`crate::Engine::decide`]: they show which proposal the people decided on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// When (RFC 3339); stamped with the decision time when left out.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub at: String,
    /// Who decided: a role (e.g. `mdt-voorzitter`), never a name.
    pub by: String,
    /// The regie level decided.
    pub regie: String,
    /// The regiehouder assigned (stays until a later decision changes it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regiehouder: Option<String>,
    /// Offers accepted (they become planned actions).
    #[serde(default)]
    pub accepted: Vec<String>,
    /// Proposed offers rejected.
    #[serde(default)]
    pub rejected: Vec<String>,
    /// The reason per departure from the proposal: `regie`, `regiehouder`,
    /// `referral:<offer>`.
    #[serde(default)]
    pub reasons: BTreeMap<String, String>,
    /// Accepted referrals that go against the victim's wish, acknowledged as such.
    #[serde(default)]
    pub overrides_acknowledged: Vec<String>,
    /// Accepted referrals outside the consent (or possibly so), acknowledged as "consent
    /// still to be discussed" — separately from going against the wish.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consent_acknowledged: Vec<String>,
    /// The hash of the rule set the proposal came from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ruleset_hash: String,
    /// The hash of the proposal decided on (`sha256:` of its canonical JSON).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub proposal_hash: String,
    /// The case the decision was taken on (the record's `case`), stamped by
    /// [`crate::Engine::decide`], so a decision copied into another record shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<String>,
    /// The hash of the record's decision log as it stood before this decision (its case
    /// and every earlier decision), stamped by [`crate::Engine::decide`]: the decisions
    /// form a chain, so an edited, removed or inserted decision shows. See
    /// [`crate::Engine::verify`].
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub previous_hash: String,
    /// The hash of this decision itself (its canonical JSON without this field), stamped
    /// last by [`crate::Engine::decide`]: an edited decision shows even when it is the
    /// last one, which no later `previous_hash` covers.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub decision_hash: String,
}

/// A parsed, validated case record. A plain facts object is a record without actions or
/// decisions.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// A pseudonymous case reference, if the record names one.
    pub case: Option<String>,
    /// The facts exactly as given.
    pub facts: serde_json::Map<String, serde_json::Value>,
    /// What happened per offer, in the order given.
    pub actions: Vec<Action>,
    /// The MDT's decisions, oldest first.
    pub decisions: Vec<Decision>,
    /// Given as a record (not as a plain facts object).
    pub(crate) is_record: bool,
    /// Per slot: the value, when it was learned (seconds), and its latest time for a range.
    pub(crate) entries: Vec<Entry>,
    /// Per action: its time in seconds.
    pub(crate) action_times: Vec<i64>,
    /// Per decision: its time in seconds.
    pub(crate) decision_times: Vec<i64>,
}

/// One fact of a record, parsed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Entry {
    pub slot: u16,
    pub value: crate::Value,
    pub at: Option<i64>,
}

impl Record {
    /// The record as JSON (`format`, `case`, `facts`, `actions`, `decisions`).
    pub fn to_json(&self) -> serde_json::Value {
        let mut out = serde_json::Map::new();
        out.insert("format".into(), RECORD_FORMAT.into());
        if let Some(c) = &self.case {
            out.insert("case".into(), c.clone().into());
        }
        out.insert("facts".into(), serde_json::Value::Object(self.facts.clone()));
        out.insert("actions".into(), crate::engine::json_value(&self.actions));
        out.insert("decisions".into(), crate::engine::json_value(&self.decisions));
        serde_json::Value::Object(out)
    }

    /// The latest decision, if any.
    pub fn last_decision(&self) -> Option<&Decision> {
        self.decisions.last()
    }

    /// Per offer, its latest action (by time, then order given) as of `now`.
    pub(crate) fn action_state(&self, now: i64) -> ActionState<'_> {
        let mut state = ActionState(Vec::new());
        for (a, &t) in self.actions.iter().zip(&self.action_times) {
            if t > now {
                continue;
            }
            match state.0.iter_mut().find(|(o, _)| *o == a.offer) {
                Some((_, e)) if t >= e.1 => *e = (a.status, t),
                Some(_) => {}
                None => state.0.push((a.offer.as_str(), (a.status, t))),
            }
        }
        state
    }
}

/// Per offer, its latest action and that action's time (see [`Record::action_state`]).
/// A list, not a map: a record has a few actions (one B-tree type less in the module).
pub(crate) struct ActionState<'a>(Vec<(&'a str, (ActionStatus, i64))>);

impl<'a> ActionState<'a> {
    pub(crate) fn get(&self, offer: &str) -> Option<&(ActionStatus, i64)> {
        self.0.iter().find(|(o, _)| *o == offer).map(|(_, s)| s)
    }

    pub(crate) fn contains_key(&self, offer: &str) -> bool {
        self.get(offer).is_some()
    }

    /// The offers in the order of their first action (callers that need an order sort).
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&'a str, &(ActionStatus, i64))> + '_ {
        self.0.iter().map(|(o, s)| (*o, s))
    }
}
