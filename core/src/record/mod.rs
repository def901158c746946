//! Case records: a case that lives over time. Facts carry when they were learned (and go
//! stale), a time may be a range, actions say what was planned, done or declined, and the
//! MDT's decisions stay until the MDT changes them. See `docs/case-record.md`.
//!
//! This layer sits above the engine: it turns a record into values and declined offers as
//! of a time, asks the engine, and attaches its `RecordContext` (in `apply.rs`) to the
//! [`Evaluation`] as the engine's `Layer` (questions filter, status and warnings, why-not's
//! "no"). The engine never names a record. The record's entry points are methods on
//! [`Engine`] defined here (`impl Engine` in this module), so callers keep one object and
//! the public API did not change when the layer moved up; a free function would have made
//! every binding change its calls for no gain in clarity.

mod agenda;
mod agenda_words;
mod apply;
mod changes;
mod checks;
mod decide;
mod declined;
mod earlier;
mod history;
mod json;
mod model;
mod ranges;
mod read;
mod renew;
mod time_sanity;
mod verify;

pub use agenda::{Agenda, AgendaEntry};
pub use changes::{Changes, DeadlineChange, LevelChange};
pub use checks::is_role;
pub use decide::{proposal_hash, DecisionError};
pub use earlier::{EarlierProposal, NotAProposal};
pub use model::{Action, ActionStatus, Decision, Record, RECORD_FORMAT};
pub use verify::{CaseCheck, DecisionCheck, HashCheck, RuleSetCheck, Verification};

use crate::engine::{Engine, Evaluation, Timestamp};
use crate::error::{CaseError, Error};
use crate::result::Proposal;

/// The top-level key that makes a case object a case record rather than a plain case
/// (unless the schema has a fact of that name).
pub const RECORD_KEY: &str = "facts";

/// A case as given to an ordinary call such as `evaluate`: a plain case or a case record.
#[derive(Clone, Debug)]
pub enum CaseOrRecord {
    /// A plain facts object.
    Case(crate::Case),
    /// A case record (`docs/case-record.md`).
    Record(Record),
}

impl Engine {
    /// Whether a top-level `key` of a case object makes it a case record: [`RECORD_KEY`]
    /// does, unless the schema has a fact of that name (then the object is a plain case).
    /// This is how `wegwijs eval` and every binding's `evaluate` tell them apart.
    pub fn is_record_key(&self, key: &str) -> bool {
        key == RECORD_KEY && !self.rules().names.contains_key(RECORD_KEY)
    }

    /// Reads JSON text that is a plain case or a case record, told apart by shape
    /// ([`Engine::is_record_key`]). A plain case is read exactly as [`Engine::case_from_str`]
    /// reads it (at most [`crate::limits::MAX_CASE_BYTES`], no key twice).
    pub fn case_or_record_from_str(&self, text: &str) -> Result<CaseOrRecord, CaseError> {
        let pairs = crate::eval::case_json::parse(text)?;
        if pairs.iter().any(|(key, _)| self.is_record_key(key)) {
            return self.record_from_str(text).map(CaseOrRecord::Record);
        }
        let mut builder = self.case_builder();
        for (key, value) in pairs {
            builder.set_json(&key, &value)?;
        }
        Ok(CaseOrRecord::Case(builder.build()))
    }

    /// Reads a case record, or a plain facts object, from JSON text. A key given twice is
    /// an error; errors never carry a value.
    pub fn record_from_str(&self, text: &str) -> Result<Record, CaseError> {
        read::from_str(self.rules_arc(), text)
    }

    /// Reads a case record, or a plain facts object, from a JSON value.
    pub fn record_from_json(&self, value: &serde_json::Value) -> Result<Record, CaseError> {
        read::from_json(self.rules_arc(), value)
    }

    /// Evaluates a record as of `now`: answers learned later are not yet known, answers
    /// older than their `valid_for` count as unknown, done offers are not proposed, declined
    /// offers only by an override rule (marked against the wish), and the latest decision
    /// is shown next to the proposal.
    /// The latest decision is verified ([`Engine::verify`]) and warned about as
    /// `decision_unverified` when it or the chain before it was changed.
    pub fn evaluate_record(&self, record: &Record, now: Timestamp) -> Evaluation {
        apply::evaluate(self, record, now.seconds(), apply::Check::Verify)
    }

    /// Evaluates a case or case record given as JSON text and returns the proposal.
    pub fn evaluate_json(&self, case: &str, now: &str) -> Result<Proposal, Error> {
        let now = Timestamp::parse(now)?;
        let record = self.record_from_str(case)?;
        Ok(self.evaluate_record(&record, now).proposal())
    }
}
