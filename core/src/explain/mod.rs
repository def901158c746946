//! Plain-language output: rendering `because` templates and building the [`Proposal`].

pub(crate) mod proposal;
pub(crate) mod render;
