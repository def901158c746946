//! `wegwijs check`: findings about a rule set that loads but may still be wrong.
//!
//! Each finding names its place and, where a case shows it, carries a witness case that
//! `wegwijs eval --now <witness.now>` reproduces.
//!
//! The analyses are exact over the schema's finite domains: `space` partitions every
//! fact into the cells the rules can tell apart, `terms` writes every outcome as a
//! three-valued formula over the rules, and `search` looks for a case that makes a
//! target formula true. On top of that, one module per kind of finding: `dead` (rules that
//! never fire, offers never proposed, facts never needed), `conflict` (regiehouder ties,
//! wish-blocked referrals), `shadow` (rules that never change the outcome), `gaps`
//! (complete cases without a regiehouder or without any rule), `properties` (declared
//! safety properties and monotonicity) and `diff` (the semantic difference of two rule
//! sets). Besides: `victim` (victim texts and voices), `translations` (texts without a
//! language of the manifest, which read in Dutch) and `unread` (derived facts that nothing
//! reads).

mod budget;
mod conflict;
mod context;
mod coverage;
mod dead;
mod diff;
mod formula;
mod gaps;
mod properties;
mod search;
mod shadow;
mod space;
mod terms;
#[cfg(test)]
mod tests;
pub mod translations;
mod unread;
pub(crate) mod victim;

pub use budget::{CheckBudget, DEFAULT_CASES};
pub use diff::DiffClass;

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
        Some(l) => {
            serde_json::json!({ "file": l.file, "line": l.line, "column": l.column, "path": l.path }).serialize(s)
        }
    }
}

impl Engine {
    /// Every finding about the rule set, most serious first.
    ///
    /// Beyond the coverage of regions, offers and facts: rules that never fire, rules
    /// whose every effect is always outdone, regiehouder ties, referrals their wish always
    /// blocks, complete cases with regie but no regiehouder (or without any rule), declared
    /// properties (proven, or a counterexample) and monotonicity. A search that runs out of
    /// its budget is reported as `analysis-incomplete`, never silently skipped. The
    /// budget is [`CheckBudget::default`]; see [`Engine::check_with`].
    pub fn check(&self) -> Vec<Finding> {
        self.check_with(&CheckBudget::default())
    }

    /// [`Engine::check`] within a budget for the whole run: a number of partial cases and
    /// an optional stop signal (e.g. `|| Instant::now() > deadline`; the core never reads
    /// the clock). Questions left undecided are reported as `analysis-incomplete`, one
    /// finding per analysis.
    pub fn check_with(&self, budget: &CheckBudget) -> Vec<Finding> {
        let rules = self.rules();
        let mut findings = coverage::findings(rules);
        findings.extend(victim::findings(rules));
        findings.extend(translations::findings(rules));
        findings.extend(unread::findings(rules));
        findings.extend(context::analyse(rules, budget));
        findings.sort_by(|a, b| b.severity.cmp(&a.severity).then_with(|| a.code.cmp(&b.code)));
        findings
    }
}
