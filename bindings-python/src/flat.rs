//! `Engine.outcome(case, now)`: the flat outcome of one case, the fast accessor for a
//! call per case. The case dict goes straight into slots (conv.rs), the core writes the
//! outcome into a buffer kept per thread (`Engine::outcome_into`: bit sets and level
//! indices, no allocation), and Python gets one tuple of the engine's interned id strings:
//! `(certain_offers, possible_offers, regie, regie_up_to)`. No `Result`, no `Outcome`
//! object, no text.

use crate::engine::PyEngine;
use crate::names::{at, Names};
use crate::{conv, error, time};
use engine::OutcomeBuffer;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};

thread_local! {
    /// One buffer per thread, reused by every call (it fits any engine).
    static BUFFER: RefCell<OutcomeBuffer> = RefCell::new(OutcomeBuffer::default());
}

/// See the module documentation. A case record is refused (its actions and declines need
/// the full evaluation: `evaluate(record).outcome`).
pub(crate) fn outcome<'py>(
    this: &PyEngine,
    case: &Bound<'py, PyAny>,
    now: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyTuple>> {
    let py = case.py();
    if this.is_record(case)? {
        return Err(error::argument(
            py,
            "Engine.outcome takes the facts of a case; for a case record use evaluate(record).outcome".into(),
        ));
    }
    let now = time::timestamp(now)?;
    let mut case = conv::case(this.engine(), this.table(), case).map_err(|e| e.into_py(py))?;
    BUFFER.with_borrow_mut(|buffer| {
        catch_unwind(AssertUnwindSafe(|| this.engine().outcome_into(&mut case, now, buffer)))
            .map_err(|_| error::internal(py, "outcome"))?;
        let n = this.names();
        let regie = buffer.regie();
        flat(py, n, buffer.certain_offers(), buffer.possible_offers(), regie.certain, regie.up_to)
    })
}

fn flat<'py>(
    py: Python<'py>,
    n: &Names,
    certain: impl ExactSizeIterator<Item = usize>,
    possible: impl ExactSizeIterator<Item = usize>,
    regie: u8,
    regie_up_to: u8,
) -> PyResult<Bound<'py, PyTuple>> {
    let certain = PyTuple::new(py, certain.map(|o| at(py, &n.offers, o)))?;
    let possible = PyTuple::new(py, possible.map(|o| at(py, &n.offers, o)))?;
    let (regie, up_to) = (at(py, &n.regie_levels, regie), at(py, &n.regie_levels, regie_up_to));
    PyTuple::new(py, [certain.into_any(), possible.into_any(), regie.into_any(), up_to.into_any()])
}
