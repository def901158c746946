//! `wegwijs check`: findings about a rule set that loads but may still be wrong.
//!
//! Each finding names its place and, where a case shows it, carries a witness case that
//! `wegwijs eval` reproduces.

mod coverage;

use crate::engine::Engine;
use crate::error::Location;
use serde::Serialize;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; does not fail `check`.
    Info,
    /// Fails `check`.
    Warning,
    /// Fails `check`: the rule set is wrong.
    Error,
}

/// One finding of `check`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// Stable code, e.g. `region-gap`, `dead-rule`.
    pub code: String,
    /// How serious.
    pub severity: Severity,
    /// What is wrong, in English.
    pub message: String,
    /// Where (file, line, column), when it is one place.
    #[serde(serialize_with = "location_json")]
    pub location: Option<Location>,
    /// A case that shows the problem (facts → values), with its evaluation time.
    pub witness: Option<Witness>,
}

/// A concrete case demonstrating a finding.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Witness {
    /// Evaluation time (RFC 3339).
    pub now: String,
    /// The case.
    pub case: serde_json::Map<String, serde_json::Value>,
}

fn location_json<S: serde::Serializer>(loc: &Option<Location>, s: S) -> Result<S::Ok, S::Error> {
    match loc {
        None => s.serialize_none(),
        Some(l) => serde_json::json!({ "file": l.file, "line": l.line, "column": l.column, "path": l.path }).serialize(s),
    }
}

impl Engine {
    /// Every finding about the rule set, most serious first.
    pub fn check(&self) -> Vec<Finding> {
        let mut findings = coverage::findings(self.rules());
        findings.sort_by(|a, b| b.severity.cmp(&a.severity).then_with(|| a.code.cmp(&b.code)));
        findings
    }
}
