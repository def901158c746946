//! Who reads the proposal: the professional (the full [`Proposal`]), the victim
//! (`slachtoffer`) or a caller (`melder`) — a short plain-language summary — or a partner
//! organisation — a handover within the consent scope ("tell the story once").
//!
//! This is the top of the output stage: it picks the builder in `explain` for an
//! audience. The builders take plain inputs and never import this module; the output
//! types they return live in `explain::output` and are re-exported here.

use crate::engine::Evaluation;
use crate::error::ArgumentError;
use crate::result::Proposal;
use serde::Serialize;

pub use crate::explain::output::{Handover, HandoverFact, Summary, SummaryStep};

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
                use crate::explain::summary::{build, Reader};
                let reader = if *audience == Audience::Melder { Reader::Caller } else { Reader::Victim };
                AudienceView::Summary(build(self, reader, words))
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
                // No "own view not asked" line here: it says who called and whether the
                // victim was asked (`caller_role`, `victim_view`), facts a handover does not
                // hold, so it would reach a partner outside the consent.
                AudienceView::Handover(crate::explain::handover::build(self, index))
            }
        })
    }
}
