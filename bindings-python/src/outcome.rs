//! `wegwijs.Outcome`: the compact outcome of one evaluation (regie, needs, referrals,
//! regiehouder by id), built straight from the core's `Outcome` with the engine's
//! interned ids: no texts are rendered and no JSON is made or parsed.

use crate::names::{at, Names};
use crate::result::PyEvaluation;
use engine::LevelOutcome;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

/// The decided outcome of one evaluation, by id. Each attribute is built when read.
#[pyclass(module = "wegwijs", name = "Outcome", frozen)]
pub(crate) struct PyOutcome {
    result: Py<PyEvaluation>,
}

impl PyOutcome {
    fn offers<'py>(&self, py: Python<'py>, certain: bool) -> PyResult<Bound<'py, PyTuple>> {
        let (o, n) = self.parts();
        let picked: Vec<_> =
            o.referrals.iter().filter(|r| r.certain == certain).map(|r| at(py, &n.offers, r.offer)).collect();
        PyTuple::new(py, picked)
    }

    pub(crate) fn new(result: Py<PyEvaluation>) -> Self {
        PyOutcome { result }
    }

    fn parts(&self) -> (&engine::Outcome, &Names) {
        let r = self.result.get();
        (r.evaluation().outcome(), r.names())
    }
}

/// `(level, status, up_to)` of a level outcome.
fn level<'py>(
    py: Python<'py>,
    names: &Names,
    levels: &[Py<PyString>],
    l: &LevelOutcome,
) -> PyResult<Bound<'py, PyTuple>> {
    PyTuple::new(py, [at(py, levels, l.certain), names.status(py, l.up_to == l.certain), at(py, levels, l.up_to)])
}

#[pymethods]
impl PyOutcome {
    /// The regie level reached with certainty, e.g. `"R2"`.
    #[getter]
    fn regie<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        let (o, n) = self.parts();
        at(py, &n.regie_levels, o.regie.certain)
    }

    /// `"certain"`, or `"possible"` when open questions could still raise the regie level.
    #[getter]
    fn regie_status<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        let (o, n) = self.parts();
        n.status(py, o.regie.up_to == o.regie.certain)
    }

    /// The highest regie level open questions could still give (= `regie` when certain).
    #[getter]
    fn regie_up_to<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        let (o, n) = self.parts();
        at(py, &n.regie_levels, o.regie.up_to)
    }

    /// Area → `(level, status, up_to)`, in manifest order (`up_to` = `level` when certain).
    #[getter]
    fn needs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let (o, n) = self.parts();
        let out = PyDict::new(py);
        for (area, l) in n.areas.iter().zip(&o.needs) {
            out.set_item(area.bind(py), level(py, n, &n.need_levels, l)?)?;
        }
        Ok(out)
    }

    /// `(offer, urgency, status, against_wish)` per referral, by area, then urgency.
    #[getter]
    fn referrals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let (o, n) = self.parts();
        let out = PyList::empty(py);
        for r in &o.referrals {
            let item =
                (at(py, &n.offers, r.offer), at(py, &n.urgencies, r.urgency), n.status(py, r.certain), r.against_wish);
            out.append(item)?;
        }
        Ok(out)
    }

    /// The offers referred to with certainty, in the order of `referrals`.
    #[getter]
    fn certain_offers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        self.offers(py, true)
    }

    /// The offers that open questions could still add (status `possible`).
    #[getter]
    fn possible_offers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        self.offers(py, false)
    }

    /// `(id, status)` of the proposed regiehouder, or `None`.
    #[getter]
    fn regiehouder<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyTuple>>> {
        let (o, n) = self.parts();
        o.regiehouder
            .as_ref()
            .map(|h| PyTuple::new(py, [at(py, &n.regiehouders, h.id), n.status(py, h.certain)]))
            .transpose()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let (o, n) = self.parts();
        let regie = n.regie_levels[o.regie.certain as usize].bind(py).to_string();
        format!("<wegwijs.Outcome regie={regie} referrals={}>", o.referrals.len())
    }
}
