//! The native part of the `wegwijs` Python package (`wegwijs._wegwijs`), re-exported by
//! `python/wegwijs/__init__.py`. User documentation: `bindings-python/README.md`.
//!
//! Only wiring lives here. Exposed: `Engine` (engine.rs; its flat `outcome` in flat.rs), `Result` (result.rs), `Outcome`
//! (outcome.rs, ids interned once per engine in names.rs) and the rule-change impact
//! helper `_impact_rows` (impact.rs). Python objects become cases in conv.rs, Arrow
//! columns in arrow_in.rs; batches run in batch.rs, `Engine.outcomes` builds its Arrow
//! table in outcomes.rs; errors map to `wegwijs._errors` in error.rs, `now` is read in
//! time.rs and results become canonical JSON in json.rs. No rule logic here: everything
//! is decided by the core crate.
#![forbid(unsafe_code)]

mod arrow_in;
mod batch;
mod conv;
mod engine;
mod error;
mod flat;
mod impact;
mod impact_table;
mod json;
mod names;
mod outcome;
mod outcomes;
mod record;
mod result;
mod time;

use pyo3::prelude::*;

/// The Wegwijs rules engine (native module).
#[pymodule]
#[pyo3(name = "_wegwijs")]
fn wegwijs_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<engine::PyEngine>()?;
    m.add_class::<result::PyEvaluation>()?;
    m.add_class::<outcome::PyOutcome>()?;
    m.add_function(wrap_pyfunction!(impact::_impact_rows, m)?)?;
    m.add_function(wrap_pyfunction!(impact_table::_impact_table, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
