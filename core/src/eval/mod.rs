//! Evaluation: cases in, three-valued rule results, merged outcomes, open questions and
//! why-not answers out.

pub(crate) mod case;
pub(crate) mod case_json;
pub(crate) mod outcome;
pub(crate) mod outcome_buffer;
pub(crate) mod questions;
pub(crate) mod time;
pub mod value;
pub(crate) mod why_not;
