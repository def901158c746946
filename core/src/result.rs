//! The proposal as callers see it: serde structures with a stable field order. This JSON
//! is the contract shared by Rust, Python and WebAssembly (byte-identical across them).

use crate::text::Text;
use serde::{Deserialize, Serialize};

/// Whether an outcome holds for every completion of the case or only for some.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Holds whatever the unanswered questions turn out to be.
    Certain,
    /// Depends on unanswered questions.
    Possible,
}

/// Which rule set produced a proposal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSetId {
    /// Rule set name.
    pub name: String,
    /// Rule set version.
    pub version: String,
    /// `sha256:…` over the canonical content.
    pub hash: String,
    /// Who signed the rule set, when it was loaded against trusted keys (`null` otherwise).
    pub signed_by: Option<crate::signing::SignedBy>,
}

/// The engine's proposal for one case. It proposes; the MDT decides.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    /// The rule set that produced it.
    pub ruleset: RuleSetId,
    /// The evaluation time (RFC 3339, UTC).
    pub evaluated_at: String,
    /// The language picked for its texts (`lang`), each text then holding only that
    /// language or, where it has none, Dutch. Absent: every language of the rule set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The case's region, if known.
    pub region: Option<String>,
    /// The voice the victim-facing texts speak in (e.g. `je`, `u`, `melder`), when the
    /// rule set declares voices.
    pub voice: Option<String>,
    /// Need per area (veiligheid, strafrecht, hulp, herstel), in manifest order.
    pub needs: Vec<NeedProposal>,
    /// Referrals, by area, then urgency (most urgent first).
    pub referrals: Vec<ReferralProposal>,
    /// Regie intensity.
    pub regie: RegieProposal,
    /// The proposed regiehouder, if any rule proposes one.
    pub regiehouder: Option<RegiehouderProposal>,
    /// Why: every rule that holds or could hold.
    pub explanations: Vec<Explanation>,
    /// Unanswered questions that could still change this proposal, most urgent first.
    pub questions: Vec<Question>,
    /// Things the MDT should notice.
    pub warnings: Vec<Warning>,
    /// For a case record: what was decided and done, and where the proposal departs from
    /// it. Absent for a plain facts object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<RecordStatus>,
}

/// How a case record stands at the evaluation time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordStatus {
    /// The latest MDT decision taken by the evaluation time, if any.
    pub decided: Option<DecidedStatus>,
    /// Where the proposal differs from that decision: `regie`, `regiehouder`. The decision
    /// stays; the MDT looks at the difference.
    pub departures: Vec<String>,
    /// Per offer with an action: its latest status (`planned`, `done`, `declined`).
    pub actions: Vec<ActionView>,
    /// Offers the rules would propose but that are done or declined, so are not proposed.
    pub not_proposed_again: Vec<ActionView>,
    /// Planned actions whose deadline passed before they were done (termijn verstreken).
    pub deadlines_passed: Vec<DeadlineView>,
    /// Facts older than their `valid_for`: counted as unknown and asked again if they matter.
    pub stale: Vec<String>,
    /// Time facts known only as a range.
    pub ranges: Vec<String>,
}

/// The decision a record's proposal is compared with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecidedStatus {
    /// When.
    pub at: String,
    /// Who (a role).
    pub by: String,
    /// Regie level decided.
    pub regie: String,
    /// Regiehouder assigned.
    pub regiehouder: Option<String>,
}

/// An offer and where it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionView {
    /// Offer id.
    pub offer: String,
    /// `planned`, `done` or `declined`.
    pub status: String,
    /// When (RFC 3339, UTC).
    pub at: String,
}

/// An offer and its deadline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineView {
    /// Offer id.
    pub offer: String,
    /// The deadline (RFC 3339, UTC).
    pub deadline: String,
}

/// Need level of one area.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedProposal {
    /// Area id.
    pub area: String,
    /// Level reached with certainty.
    pub level: String,
    /// `certain`, or `possible` when open questions could raise it.
    pub status: Status,
    /// The highest level open questions could still raise it to.
    pub up_to: Option<String>,
    /// Rules that set it.
    pub rules: Vec<String>,
}

/// A referral (doorverwijzing) to an offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralProposal {
    /// Offer id.
    pub offer: String,
    /// Area id.
    pub area: String,
    /// Organisation id.
    pub organisation: String,
    /// Offer label.
    pub label: Text,
    /// Urgency id.
    pub urgency: String,
    /// Latest moment (RFC 3339, UTC), when the rule gives a deadline and its start is known.
    pub deadline: Option<String>,
    /// Certain or possible.
    pub status: Status,
    /// Proposed against the victim's stated wish (only by an override rule).
    pub against_wish: bool,
    /// Why safety goes before the wish here.
    pub against_wish_reason: Option<Text>,
    /// Who provides it in the case's region.
    pub provider: Option<String>,
    /// Rules that propose it.
    pub rules: Vec<String>,
}

/// Regie intensity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegieProposal {
    /// Level id (R0–R3).
    pub level: String,
    /// Level label.
    pub label: Text,
    /// Certain or possible.
    pub status: Status,
    /// The highest level open questions could still raise it to.
    pub up_to: Option<String>,
    /// Rules that set it.
    pub rules: Vec<String>,
}

/// The proposed regiehouder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegiehouderProposal {
    /// Regiehouder id.
    pub id: String,
    /// Organisation id.
    pub organisation: String,
    /// Label.
    pub label: Text,
    /// Certain or possible.
    pub status: Status,
    /// Others that open questions could still make regiehouder.
    pub alternatives: Vec<String>,
    /// Rules that propose it.
    pub rules: Vec<String>,
    /// The regiehouder's organisation is not (certainly) within the victim's consent (the
    /// manifest's `consent` fact for it does not hold for certain): "bespreek eerst
    /// toestemming" before the case goes there. Absent from JSON when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub consent_first: bool,
}

/// Why a rule applies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// Rule id.
    pub rule: String,
    /// Certain or possible.
    pub status: Status,
    /// The intake facts the rule reads.
    pub facts: Vec<String>,
    /// The rendered `because` text.
    pub text: Text,
    /// Source reference.
    pub source: String,
    /// For an override rule: why safety may go before the victim's wish.
    pub r#override: Option<Text>,
}

/// An unanswered question that matters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Fact id.
    pub fact: String,
    /// Gespreksgids section id.
    pub section: String,
    /// Short label.
    pub label: Text,
    /// The question to ask, in the proposal's voice.
    pub question: Text,
    /// Answered by a professional from their own records: never put to the victim.
    pub professional_only: bool,
    /// What the answer could change: `referral:<offer>`, `against_wish:<offer>`,
    /// `deadline:<offer>`, `need:<area>`, `regie`, `regiehouder`, `provider`.
    pub affects: Vec<String>,
}

/// Something the MDT should notice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// Stable code.
    pub code: String,
    /// Message.
    pub message: Text,
}

/// The decided parts of a [`Proposal`] without its rendered texts (explanations,
/// questions, warnings): what a caller that only reads the decisions needs, at a fraction
/// of the cost. Each field equals the proposal's field of the same name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decisions {
    /// The case's region, if known.
    pub region: Option<String>,
    /// Need per area, in manifest order.
    pub needs: Vec<NeedProposal>,
    /// Referrals, by area, then urgency (most urgent first).
    pub referrals: Vec<ReferralProposal>,
    /// Regie intensity.
    pub regie: RegieProposal,
    /// The proposed regiehouder, if any rule proposes one.
    pub regiehouder: Option<RegiehouderProposal>,
}
