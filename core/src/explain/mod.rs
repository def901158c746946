//! Plain-language output: rendering `because` templates and building the [`Proposal`],
//! the victim's summary and partner handovers.

pub(crate) mod handover;
pub(crate) mod labels;
pub(crate) mod markers;
pub(crate) mod output;
pub(crate) mod proposal;
pub(crate) mod render;
pub(crate) mod summary;
pub(crate) mod words;
