//! Who reads the proposal: the professional (the full [`Proposal`]), the victim
//! (`slachtoffer`) or a caller (`melder`) — a short plain-language summary — or a partner
//! organisation — a handover within the consent scope ("tell the story once").

use crate::engine::Evaluation;
use crate::error::ArgumentError;
use crate::result::{Proposal, ReferralProposal, RuleSetId};
use crate::text::Text;
use serde::{Deserialize, Serialize};

/// Who a proposal is rendered for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Audience {
    /// The victim: a short text in the case's voice (`je` or `u`).
    Slachtoffer,
    /// Whoever called for the victim (a parent, naaste or professional).
    Melder,
    /// The MDT: the full proposal.
    Professional,
    /// A partner organisation (its id in the manifest): a handover.
    Partner(String),
}

impl Audience {
    /// `slachtoffer`, `melder`, `professional`, or else an organisation id (checked when
    /// the evaluation renders it).
    pub fn parse(name: &str) -> Audience {
        match name {
            "slachtoffer" => Audience::Slachtoffer,
            "melder" => Audience::Melder,
            "professional" => Audience::Professional,
            org => Audience::Partner(org.to_string()),
        }
    }
}

/// A proposal as one audience reads it. Serialized as the inner value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum AudienceView {
    /// For the MDT.
    Professional(Box<Proposal>),
    /// For the victim or the caller.
    Summary(Summary),
    /// For a partner organisation.
    Handover(Handover),
}

/// The victim's (or caller's) summary: what is proposed now and why, in the order it
/// happens, without internal codes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// The rule set that produced it.
    pub ruleset: RuleSetId,
    /// The evaluation time (RFC 3339, UTC).
    pub evaluated_at: String,
    /// The language picked for its texts (see [`Proposal::language`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// `slachtoffer` or `melder`.
    pub audience: String,
    /// The voice the texts speak in.
    pub voice: Option<String>,
    /// What happens, most urgent (then earliest deadline) first.
    pub steps: Vec<SummaryStep>,
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
    /// The language picked for its texts (see [`Proposal::language`]).
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
    /// The referrals to this partner that are shared.
    pub referrals: Vec<ReferralProposal>,
    /// Known facts of the case that are not shared (counted, never shown).
    pub left_out_facts: usize,
    /// Referrals to this partner that are not shared.
    pub left_out_referrals: usize,
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

impl Evaluation {
    /// The proposal for `audience`; an unknown organisation is an error with a hint.
    pub fn for_audience(&self, audience: &Audience) -> Result<AudienceView, ArgumentError> {
        Ok(match audience {
            Audience::Professional => AudienceView::Professional(Box::new(self.proposal())),
            Audience::Slachtoffer | Audience::Melder => {
                let Some(words) = &self.rules().source.manifest.summary_words else {
                    return Err(ArgumentError {
                        what: format!(
                            "audience `{}`",
                            if *audience == Audience::Melder { "melder" } else { "slachtoffer" }
                        ),
                        problem: "needs `[summary_words]` in the rule set's manifest (see docs/rule-format.md)".into(),
                    });
                };
                let for_caller = *audience == Audience::Melder;
                AudienceView::Summary(crate::explain::summary::build(self, for_caller, words))
            }
            Audience::Partner(org) => {
                let orgs = &self.rules().source.manifest.organisations;
                let Some(index) = orgs.iter().position(|o| &o.id == org) else {
                    let known = ["slachtoffer", "melder", "professional"].into_iter();
                    return Err(ArgumentError {
                        what: format!("audience `{}`", crate::limits::echo(org)),
                        problem: format!(
                            "is neither slachtoffer, melder, professional nor an organisation ({})",
                            crate::suggest::hint(org, known.chain(orgs.iter().map(|o| o.id.as_str())))
                        ),
                    });
                };
                AudienceView::Handover(crate::explain::handover::build(self, index))
            }
        })
    }
}
