//! An earlier proposal as `changes_since` reads it: only the parts a change is computed
//! from. Every binding reads a caller's `previous` proposal (JSON) through
//! [`EarlierProposal::from_json`], so Rust, Python, C and WebAssembly accept the same
//! inputs and give the same changes. It reads the parsed JSON value by hand rather than
//! deriving a reader: the browser module then carries neither a reader for every type of a
//! full [`Proposal`] nor one per type here (together about 27 KB of its gzipped size) for
//! one argument of one call.

use crate::result::{Proposal, Status};
use serde_json::Value;

/// The parts of an earlier proposal that [`crate::Evaluation::changes_since`] compares with.
/// Built from a [`Proposal`] (`From`) or read from a proposal's JSON
/// ([`EarlierProposal::from_json`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EarlierProposal {
    /// The earlier evaluation time (RFC 3339).
    pub(crate) evaluated_at: String,
    /// Per area: its id and status.
    pub(crate) needs: Vec<(String, Status)>,
    pub(crate) referrals: Vec<EarlierReferral>,
    /// The regie level.
    pub(crate) regie_level: String,
    pub(crate) regie_status: Status,
    /// The regiehouder's id.
    pub(crate) regiehouder: Option<String>,
    /// The facts asked.
    pub(crate) questions: Vec<String>,
    /// Of a record's status: the facts that were stale.
    pub(crate) stale: Vec<String>,
    /// Of a record's status: the done offers needed again.
    pub(crate) renewed: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct EarlierReferral {
    pub offer: String,
    pub status: Status,
    pub deadline: Option<String>,
}

/// `previous` is not the JSON of a Wegwijs proposal. Says nothing about the input (it can
/// hold case data).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("is not a Wegwijs proposal")]
pub struct NotAProposal;

impl EarlierProposal {
    /// Reads an earlier proposal from its JSON (as `evaluate` returned it). The parts
    /// compared must be there and well-formed, and the rule set's name (which tells a
    /// proposal from other JSON with the same fields); the rest is not read.
    pub fn from_json(text: &str) -> Result<Self, NotAProposal> {
        let value: Value = serde_json::from_str(text).map_err(|_| NotAProposal)?;
        Self::from_json_value(&value)
    }

    /// [`EarlierProposal::from_json`] for JSON already parsed.
    pub fn from_json_value(value: &Value) -> Result<Self, NotAProposal> {
        Self::read(value).ok_or(NotAProposal)
    }

    /// Absent and `null` read alike for optional parts, as in the proposal's own reader.
    fn read(proposal: &Value) -> Option<Self> {
        proposal.get("ruleset")?.get("name")?.as_str()?;
        let record = optional(proposal, "record")?;
        let (stale, renewed) = match record {
            None => (Vec::new(), Vec::new()),
            Some(r) => (list(r, "stale", |s| Some(s.as_str()?.to_string()))?, renewed(r)?),
        };
        let regiehouder = match optional(proposal, "regiehouder")? {
            None => None,
            Some(h) => Some(text(h, "id")?),
        };
        let regie = proposal.get("regie")?;
        Some(EarlierProposal {
            evaluated_at: text(proposal, "evaluated_at")?,
            needs: list(proposal, "needs", |n| Some((text(n, "area")?, status(n)?)))?,
            referrals: list(proposal, "referrals", |r| {
                Some(EarlierReferral {
                    offer: text(r, "offer")?,
                    status: status(r)?,
                    deadline: optional_text(r, "deadline")?,
                })
            })?,
            regie_level: text(regie, "level")?,
            regie_status: status(regie)?,
            regiehouder,
            questions: list(proposal, "questions", |q| text(q, "fact"))?,
            stale,
            renewed,
        })
    }
}

fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key)?.as_str().map(str::to_string)
}

/// `Some(None)` when absent or `null`, `None` when it is there and not an object.
fn optional<'v>(value: &'v Value, key: &str) -> Option<Option<&'v Value>> {
    match value.get(key) {
        None | Some(Value::Null) => Some(None),
        Some(v @ Value::Object(_)) => Some(Some(v)),
        Some(_) => None,
    }
}

/// `Some(None)` when absent or `null`, `None` when it is there and not a string.
fn optional_text(value: &Value, key: &str) -> Option<Option<String>> {
    match value.get(key) {
        None | Some(Value::Null) => Some(None),
        Some(Value::String(s)) => Some(Some(s.clone())),
        Some(_) => None,
    }
}

fn list<T>(value: &Value, key: &str, item: impl Fn(&Value) -> Option<T>) -> Option<Vec<T>> {
    value.get(key)?.as_array()?.iter().map(item).collect()
}

/// A record status's `renewed` offers (absent when there are none).
fn renewed(record: &Value) -> Option<Vec<String>> {
    match record.get("renewed") {
        None => Some(Vec::new()),
        Some(_) => list(record, "renewed", |r| text(r, "offer")),
    }
}

fn status(value: &Value) -> Option<Status> {
    match value.get("status")?.as_str()? {
        "certain" => Some(Status::Certain),
        "possible" => Some(Status::Possible),
        _ => None,
    }
}

impl From<&Proposal> for EarlierProposal {
    fn from(p: &Proposal) -> Self {
        let referral = |r: &crate::result::ReferralProposal| EarlierReferral {
            offer: r.offer.clone(),
            status: r.status,
            deadline: r.deadline.clone(),
        };
        EarlierProposal {
            evaluated_at: p.evaluated_at.clone(),
            needs: p.needs.iter().map(|n| (n.area.clone(), n.status)).collect(),
            referrals: p.referrals.iter().map(referral).collect(),
            regie_level: p.regie.level.clone(),
            regie_status: p.regie.status,
            regiehouder: p.regiehouder.as_ref().map(|h| h.id.clone()),
            questions: p.questions.iter().map(|q| q.fact.clone()).collect(),
            stale: p.record.as_ref().map(|r| r.stale.clone()).unwrap_or_default(),
            renewed: p.record.iter().flat_map(|r| &r.renewed).map(|x| x.offer.clone()).collect(),
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
        assert!(proposals.iter().any(|p| p.regiehouder.is_some()), "regiehouders covered");
        assert!(proposals.iter().any(|p| p.record.as_ref().is_some_and(|r| !r.renewed.is_empty())), "renewals covered");
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
        let mut bad_deadline = serde_json::to_value(proposal).unwrap();
        bad_deadline["referrals"][0]["deadline"] = 5.into();
        let mut bad_record = serde_json::to_value(proposal).unwrap();
        bad_record["record"] = serde_json::json!({"stale": "age"});
        let bad = [without_ruleset, bad_status, bad_deadline, bad_record].map(|v| v.to_string());
        for text in [r#"{"age": 15}"#, "[]", "not json"].into_iter().chain(bad.iter().map(String::as_str)) {
            assert_eq!(EarlierProposal::from_json(text), Err(NotAProposal), "{text}");
        }
    }
}
