//! Rust values → their canonical (compact) JSON text, the bytes every binding shares.

use serde::Serialize;

/// The canonical (compact) JSON text of a value.
pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("result types serialize to JSON")
}
