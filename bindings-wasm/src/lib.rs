//! # wegwijs-wasm
//!
//! The WebAssembly binding of Wegwijs, for node and the browser (wasm-bindgen). It exposes
//! one JavaScript class, `Engine`:
//!
//! ```js
//! const engine = Engine.default();                  // the national rules, built in
//! const p = engine.evaluate({ age: 29, strangulation: true }, "2026-03-02T18:00:00+01:00");
//! p.regie.level;                                    // "R3"
//! engine.evaluateJson(caseObject, now);             // the canonical JSON, same bytes as Rust
//! engine.questions(caseObject);                     // now omitted: the current time
//! engine.whyNot(caseObject, now, "hiv_pep");
//! engine.schema();                                  // the intake facts in gespreksgids order
//! ```
//!
//! Plain JavaScript objects go in and come out; the TypeScript declarations are in
//! `src/wegwijs.d.ts` (appended to the generated `.d.ts`). Errors are thrown as `Error`
//! objects with `kind` (`RuleError`, `CaseError`, `ArgumentError`) and the fields of the
//! core error; they never contain a value from a case. User documentation:
//! `bindings-wasm/README.md`.
//!
//! This crate is wiring only: no rule logic lives here (the conformance vectors prove that
//! it gives the same bytes as the Rust and Python APIs).

#![warn(missing_docs)]

/// The authoring calls (`fromFiles`, `runTests`, `check`, `diff`, `signedBundle`): only in
/// a build with the feature `authoring` (the workbench's package), so that the intake page's
/// module carries no TOML parser, scenario runner or analysis (docs/performance.md).
#[cfg(feature = "authoring")]
mod authoring;
mod conv;
mod engine;
mod error;
#[cfg(feature = "authoring")]
mod files;
mod inputs;
mod national;
mod record;
mod types;

pub use engine::Engine;
