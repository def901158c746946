//! An earlier proposal as `changes_since` reads it: only the parts a change is computed
//! from. Every binding reads a caller's `previous` proposal (JSON) through
//! [`EarlierProposal::from_json`], so Rust, Python, C and WebAssembly accept the same
//! inputs and give the same changes; and the browser module does not carry a reader for
//! every type of a full [`Proposal`] (about 25 KB of its gzipped size) for one argument.

use crate::result::{Proposal, Status};
use serde::Deserialize;

/// The parts of an earlier proposal that [`crate::Evaluation::changes_since`] compares with.
/// Built from a [`Proposal`] (`From`) or read from a proposal's JSON
/// ([`EarlierProposal::from_json`]).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct EarlierProposal {
    /// The earlier evaluation time (RFC 3339).
    pub(crate) evaluated_at: String,
    pub(crate) needs: Vec<EarlierNeed>,
    pub(crate) referrals: Vec<EarlierReferral>,
    pub(crate) regie: EarlierRegie,
    pub(crate) regiehouder: Option<EarlierRegiehouder>,
    pub(crate) questions: Vec<EarlierQuestion>,
    #[serde(default)]
    pub(crate) record: Option<EarlierRecord>,
    /// Not read, but required: a proposal always names its rule set, and this tells a
    /// proposal from other JSON that happens to have the fields above.
    #[serde(rename = "ruleset")]
    _ruleset: RuleSetName,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct EarlierNeed {
    pub area: String,
    pub status: Status,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct EarlierReferral {
    pub offer: String,
    pub status: Status,
    pub deadline: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct EarlierRegie {
    pub level: String,
    pub status: Status,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct EarlierRegiehouder {
    pub id: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct EarlierQuestion {
    pub fact: String,
}

/// Of a record's status: which facts were stale and which done offers were renewed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub(crate) struct EarlierRecord {
    pub stale: Vec<String>,
    #[serde(default)]
    pub renewed: Vec<EarlierRenewal>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub(crate) struct EarlierRenewal {
    pub offer: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
struct RuleSetName {
    #[serde(rename = "name")]
    _name: String,
}

/// `previous` is not the JSON of a Wegwijs proposal. Says nothing about the input (it can
/// hold case data).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("is not a Wegwijs proposal")]
pub struct NotAProposal;

impl EarlierProposal {
    /// Reads an earlier proposal from its JSON (as `evaluate` returned it). Other fields are
    /// skipped; the ones compared must be there and well-formed.
    pub fn from_json(text: &str) -> Result<Self, NotAProposal> {
        serde_json::from_str(text).map_err(|_| NotAProposal)
    }
}

impl From<&Proposal> for EarlierProposal {
    fn from(p: &Proposal) -> Self {
        EarlierProposal {
            evaluated_at: p.evaluated_at.clone(),
            needs: p.needs.iter().map(|n| EarlierNeed { area: n.area.clone(), status: n.status }).collect(),
            referrals: p
                .referrals
                .iter()
                .map(|r| EarlierReferral { offer: r.offer.clone(), status: r.status, deadline: r.deadline.clone() })
                .collect(),
            regie: EarlierRegie { level: p.regie.level.clone(), status: p.regie.status },
            regiehouder: p.regiehouder.as_ref().map(|h| EarlierRegiehouder { id: h.id.clone() }),
            questions: p.questions.iter().map(|q| EarlierQuestion { fact: q.fact.clone() }).collect(),
            record: p.record.as_ref().map(|r| EarlierRecord {
                stale: r.stale.clone(),
                renewed: r.renewed.iter().map(|x| EarlierRenewal { offer: x.offer.clone() }).collect(),
            }),
            _ruleset: RuleSetName { _name: p.ruleset.name.clone() },
        }
    }
}

impl From<Proposal> for EarlierProposal {
    fn from(p: Proposal) -> Self {
        EarlierProposal::from(&p)
    }
}

#[cfg(test)]
mod tests {
    use super::{EarlierProposal, NotAProposal};
    use crate::{Engine, Proposal, Timestamp};

    /// The proposals of the example cases and records (with stale facts, done and renewed
    /// offers, deadlines), at two times.
    fn example_proposals(engine: &Engine) -> Vec<Proposal> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
        let mut out = Vec::new();
        for dir in ["cases", "records"] {
            let mut paths: Vec<_> = std::fs::read_dir(root.join(dir)).unwrap().map(|e| e.unwrap().path()).collect();
            paths.sort();
            for path in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
                let text = std::fs::read_to_string(path).unwrap();
                for now in ["2026-03-05T18:00:00Z", "2026-11-01T09:00:00Z"] {
                    let now = Timestamp::parse(now).unwrap();
                    let record = engine.record_from_str(&text).expect("the examples are valid");
                    out.push(engine.evaluate_record(&record, now).proposal());
                }
            }
        }
        out
    }

    #[test]
    fn read_from_json_it_equals_the_one_built_from_the_proposal() {
        let engine = Engine::national();
        let proposals = example_proposals(&engine);
        assert!(proposals.len() >= 30, "the examples were found");
        assert!(
            proposals.iter().any(|p| p.record.as_ref().is_some_and(|r| !r.stale.is_empty())),
            "stale facts covered"
        );
        assert!(proposals.iter().any(|p| p.referrals.iter().any(|r| r.deadline.is_some())), "deadlines covered");
        for proposal in &proposals {
            let text = serde_json::to_string(proposal).unwrap();
            assert_eq!(EarlierProposal::from_json(&text), Ok(EarlierProposal::from(proposal)));
        }
    }

    #[test]
    fn other_json_is_not_a_proposal() {
        let engine = Engine::national();
        let proposal = &example_proposals(&engine)[0];
        let mut without_ruleset = serde_json::to_value(proposal).unwrap();
        without_ruleset.as_object_mut().unwrap().remove("ruleset");
        let mut bad_status = serde_json::to_value(proposal).unwrap();
        bad_status["regie"]["status"] = "maybe".into();
        for text in [r#"{"age": 15}"#, "[]", "not json", &without_ruleset.to_string(), &bad_status.to_string()] {
            assert_eq!(EarlierProposal::from_json(text), Err(NotAProposal), "{text}");
        }
    }
}
