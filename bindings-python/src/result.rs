//! `wegwijs.Result`: one evaluation, kept in Rust and converted only when asked.
//!
//! Evaluating a batch builds no texts; the first attribute access renders the proposal
//! (explanations, questions, warnings) once, and each attribute converts its part.

use crate::{error, json};
use engine::{Evaluation, Proposal};
use pyo3::prelude::*;
use std::sync::OnceLock;

/// The proposal for one case. It proposes; the MDT decides.
#[pyclass(module = "wegwijs", name = "Result", frozen)]
pub(crate) struct PyEvaluation {
    evaluation: Evaluation,
    proposal: OnceLock<Proposal>,
}

impl PyEvaluation {
    pub(crate) fn new(evaluation: Evaluation) -> Self {
        PyEvaluation { evaluation, proposal: OnceLock::new() }
    }

    pub(crate) fn evaluation(&self) -> &Evaluation {
        &self.evaluation
    }

    fn proposal(&self) -> &Proposal {
        self.proposal.get_or_init(|| self.evaluation.proposal())
    }
}

#[pymethods]
impl PyEvaluation {
    /// The proposal as compact JSON: exactly the bytes of every other binding and of the
    /// CLI's `--format json` (compacted).
    fn to_json(&self) -> String {
        json::to_json(self.proposal())
    }

    /// The proposal as plain Python objects (the parsed `to_json()`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, self.proposal())
    }

    /// `{"name", "version", "hash", "signed_by"}` of the rule set that produced this.
    #[getter]
    fn ruleset<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.proposal().ruleset)
    }

    /// The evaluation time (RFC 3339, UTC).
    #[getter]
    fn evaluated_at(&self) -> String {
        self.proposal().evaluated_at.clone()
    }

    /// The case's region, if known.
    #[getter]
    fn region(&self) -> Option<String> {
        self.proposal().region.clone()
    }

    /// Need per area, in manifest order.
    #[getter]
    fn needs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.proposal().needs)
    }

    /// Referrals (doorverwijzingen), by area, then urgency.
    #[getter]
    fn referrals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.proposal().referrals)
    }

    /// Regie intensity.
    #[getter]
    fn regie<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.proposal().regie)
    }

    /// The proposed regiehouder, or `None`.
    #[getter]
    fn regiehouder<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.proposal().regiehouder)
    }

    /// Why: every rule that holds or could hold, with its rendered reason.
    #[getter]
    fn explanations<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.proposal().explanations)
    }

    /// Unanswered questions that could still change the proposal, most urgent first.
    #[getter]
    fn questions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.proposal().questions)
    }

    /// Things the MDT should notice.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.proposal().warnings)
    }

    /// Why `offer` is not (certainly) proposed: the rules that could propose it and the
    /// clauses that stand in the way.
    fn why_not<'py>(&self, py: Python<'py>, offer: &str) -> PyResult<Bound<'py, PyAny>> {
        match self.evaluation.why_not(offer) {
            Ok(w) => json::to_py(py, &w),
            Err(e) => Err(error::argument_error(py, &e)),
        }
    }

    fn __repr__(&self) -> String {
        let p = self.proposal();
        let certain = p.referrals.iter().filter(|r| r.status == engine::result::Status::Certain).count();
        format!(
            "<wegwijs.Result regie={} referrals={} ({} certain) questions={}>",
            p.regie.level,
            p.referrals.len(),
            certain,
            p.questions.len()
        )
    }
}
