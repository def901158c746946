//! The output types of the summary and handover builders, below both the builders and
//! the audience layer that picks them (re-exported from [`crate::audience`]).

use crate::result::{ReferralProposal, RuleSetId};
use crate::text::Text;
use serde::{Deserialize, Serialize};

/// The victim's (or caller's) summary: what is proposed now and why, in the order it
/// happens, without internal codes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// The rule set that produced it.
    pub ruleset: RuleSetId,
    /// The evaluation time (RFC 3339, UTC).
    pub evaluated_at: String,
    /// The language picked for its texts (see [`crate::result::Proposal::language`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// `slachtoffer` or `melder`.
    pub audience: String,
    /// The voice the texts speak in.
    pub voice: Option<String>,
    /// `kind` (the short child version) or `makkelijk` (easy read), else absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// First line when the summary must not be sent ("Alleen mondeling bespreken …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<Text>,
    /// A new or nearly empty case: the first questions, asked before anything else.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub first_questions: Vec<Text>,
    /// What happens, most urgent (then earliest deadline) first.
    pub steps: Vec<SummaryStep>,
    /// Possible steps that may be needed soon (a deadline within days, or urgent), in the
    /// same order; a few questions decide them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub maybe_needed: Vec<SummaryStep>,
    /// The victim's steps after the first few ("Later bespreken we ook …").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub later: Vec<SummaryStep>,
    /// Why steps are not in this summary (the caller's rules, the child version).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub withheld: Vec<Text>,
    /// "Eigen mening van het slachtoffer: nog niet gevraagd", when the caller's wish stands
    /// in for the victim's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub own_view: Option<Text>,
    /// How many more steps open questions could still add.
    pub more_possible: usize,
    /// The whole summary as one text per language.
    pub text: Text,
}

/// One step of a [`Summary`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryStep {
    /// When, in words ("vóór donderdag 3 december 12.00 uur", "Direct").
    pub when: Text,
    /// The deadline (RFC 3339, UTC), if there is one.
    pub deadline: Option<String>,
    /// What happens (the offer's victim text).
    pub what: Text,
    /// Who provides it in the case's region.
    pub r#where: Option<String>,
    /// Honestly: what happens even against the stated wish and why, or that consent is
    /// asked first.
    pub against_wish: Option<Text>,
}

/// What one partner organisation receives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handover {
    /// The rule set that produced it.
    pub ruleset: RuleSetId,
    /// The evaluation time (RFC 3339, UTC).
    pub evaluated_at: String,
    /// The language picked for its texts (see [`crate::result::Proposal::language`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Organisation id.
    pub organisation: String,
    /// Organisation label.
    pub label: Text,
    /// Whether the consent scope allows sharing with this partner.
    pub consent: bool,
    /// Without consent: the legal grounds (meldrecht, a duty to report) under which the
    /// facts below are shared anyway. Empty with consent.
    pub legal_grounds: Vec<Text>,
    /// The facts shared, in gespreksgids order.
    pub facts: Vec<HandoverFact>,
    /// The referrals to this partner (and those requested through it) that are shared,
    /// every field built from the shared rules and facts only: urgency, deadline and
    /// status from the shared rules, a marker only when the facts it rests on are shared,
    /// the provider only when the region is, and `rules` naming shared rules only.
    pub referrals: Vec<ReferralProposal>,
    /// Known facts of the case that are not shared (counted, never shown).
    pub left_out_facts: usize,
}

/// One shared fact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoverFact {
    /// Fact id.
    pub fact: String,
    /// Its label.
    pub label: Text,
    /// Its value, as in a case.
    pub value: serde_json::Value,
}
