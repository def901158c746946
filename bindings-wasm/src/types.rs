//! TypeScript declarations of the plain JS objects that cross the boundary.
//!
//! `wegwijs.d.ts` and `authoring.d.ts` are appended verbatim to the generated `.d.ts`; the methods name its types
//! with `unchecked_param_type` / `unchecked_return_type` (no runtime checks: the conversion
//! in `conv.rs` checks the values). `tests/types.test.mjs` checks it against real output.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("wegwijs.d.ts");

/// The values of the authoring calls (`authoring.rs`): files, check options, findings, diff
/// classes and scenario results.
#[cfg(feature = "authoring")]
#[wasm_bindgen(typescript_custom_section)]
const AUTHORING_TYPES: &str = include_str!("authoring.d.ts");
