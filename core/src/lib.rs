//! # Wegwijs
//!
//! Decision support for the Dutch joint approach to sexual abuse and sexual violence
//! (*gezamenlijke aanpak seksueel geweld*). A rule set — data, not code — proposes for a
//! case the needs per area (veiligheid, strafrecht, hulp, herstel), referrals with urgency
//! and deadline, a regie intensity and a regiehouder, each with a plain-language reason,
//! and lists the unanswered intake questions that could still change the proposal.
//! It proposes; the MDT decides.
//!
//! The pipeline reads like the folder layout: [`ruleset`] (files → source) → `expr`
//! (parse, type-check) → `compile` (slots, one program) → `eval` (three-valued evaluation,
//! questions, why-not) → `explain` (the [`Proposal`]).
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let engine = wegwijs::Engine::national();
//! let now = wegwijs::Timestamp::parse("2026-03-02T18:00:00+01:00")?;
//! let case = engine.case_from_str(r#"{"age": 24, "last_incident_at": "2026-03-01T12:00:00+01:00"}"#)?;
//! let proposal = engine.evaluate(&case, now).proposal();
//! assert_eq!(proposal.ruleset.name, "wegwijs-nationaal");
//! # Ok(()) }
//! ```
//!
//! Features, both on by default: `toml`, rule sets as folders of TOML files and the
//! built-in national rules (without it only JSON rule files and bundles load: the intake
//! page's WebAssembly module); `all-time-zones`, the whole IANA time-zone database.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod audience;
mod book;
pub mod check;
mod compile;
mod engine;
pub mod error;
mod eval;
mod explain;
mod expr;
pub mod language;
pub mod limits;
mod name;
/// The built-in national rules are TOML files: only with the feature `toml`.
#[cfg(feature = "toml")]
mod national;
mod record;
pub mod result;
pub mod ruleset;
pub mod scenario;
pub mod signing;
mod sort;
mod suggest;
pub mod text;

pub use engine::{Engine, Evaluation, Timestamp};
pub use error::{CaseError, Diagnostic, Error, RuleError};
pub use eval::case::{Case, CaseBuilder};
pub use eval::outcome::{LevelOutcome, Outcome, ReferralOutcome, RegiehouderOutcome};
pub use eval::outcome_buffer::{Offers, OutcomeBuffer};
pub use eval::questions::Affects;
pub use eval::value::{Tri, Value};
pub use eval::why_not::{Clause, WhyNot, WhyNotRule};
pub use record::{is_role, CaseCheck, DecisionCheck, HashCheck, RuleSetCheck, Verification};
pub use record::{
    proposal_hash, Action, ActionStatus, Agenda, AgendaEntry, Changes, DeadlineChange, Decision, DecisionError,
    EarlierProposal, LevelChange, NotAProposal, Record, RECORD_FORMAT,
};
pub use record::{CaseOrRecord, RECORD_KEY};
pub use result::Proposal;
pub use result::{DeadlineRange, Declined, FactChange, Renewal};
