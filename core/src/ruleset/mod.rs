//! Rule files → [`RuleSetSource`](source::RuleSetSource): reading folders and bundles, hashing, locating errors.

pub(crate) mod hash;
mod json_keys;
pub(crate) mod load;
pub(crate) mod locate;
pub mod scenarios;
pub mod source;
pub(crate) mod texts;
pub(crate) mod unique_keys;

pub use hash::content_hash;
pub use load::BUNDLE_FORMAT;
pub use scenarios::Scenarios;
