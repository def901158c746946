//! `wegwijs.Result`: one evaluation, kept in Rust and converted only when asked.
//!
//! Three levels of cost: `outcome` (ids only, straight from the core's compact outcome),
//! the decided attributes (`needs`, `referrals`, `regie`, `regiehouder`, `region`: the
//! core's `Decisions`, no rendered texts) and the full proposal (`explanations`,
//! `questions`, `warnings`, `to_dict()`, `to_json()`), each made at most once. Python
//! objects are built directly (pythonize), never through JSON text.

use crate::engine::PyEngine;
use crate::names::Names;
use crate::outcome::PyOutcome;
use crate::{error, json};
use engine::result::Decisions;
use engine::{Evaluation, Proposal, Record, Timestamp, Value};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use serde::Serialize;
use std::sync::OnceLock;

/// The proposal for one case. It proposes; the MDT decides.
#[pyclass(module = "wegwijs", name = "Result", frozen)]
pub(crate) struct PyEvaluation {
    engine: Py<PyEngine>,
    evaluation: Evaluation,
    decisions: OnceLock<Decisions>,
    proposal: OnceLock<Proposal>,
    /// The case record it was evaluated from, if any: pickling evaluates it again (its
    /// actions and decisions are more than the facts).
    record: Option<Record>,
}

/// A Rust value as Python objects (dicts keep the JSON's key order).
pub(crate) fn to_py<'py, T: Serialize + ?Sized>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value).map_err(PyErr::from)
}

impl PyEvaluation {
    pub(crate) fn new(engine: Py<PyEngine>, evaluation: Evaluation) -> Self {
        PyEvaluation { engine, evaluation, decisions: OnceLock::new(), proposal: OnceLock::new(), record: None }
    }

    /// The result of evaluating `record` (kept for pickling).
    pub(crate) fn with_record(mut self, record: Record) -> Self {
        self.record = Some(record);
        self
    }

    pub(crate) fn evaluation(&self) -> &Evaluation {
        &self.evaluation
    }

    pub(crate) fn names(&self) -> &Names {
        self.engine.get().names()
    }

    fn proposal(&self) -> &Proposal {
        self.proposal.get_or_init(|| self.evaluation.proposal())
    }

    fn audience_view(
        &self,
        py: Python<'_>,
        audience: &str,
        lang: Option<&str>,
    ) -> PyResult<engine::audience::AudienceView> {
        let audience = engine::audience::Audience::parse(audience);
        match lang {
            None => self.evaluation.for_audience(&audience),
            Some(lang) => self.evaluation.for_audience_in(&audience, lang),
        }
        .map_err(|e| error::argument_error(py, &e))
    }

    fn decisions(&self) -> &Decisions {
        self.decisions.get_or_init(|| self.evaluation.decisions())
    }

    /// The case as a dict of the facts it gives (for pickling: evaluated again on load).
    fn case<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        let facts = &self.engine.get().engine().source().schema.facts;
        for (f, v) in facts.iter().zip(self.evaluation.case_values()) {
            let name = f.id.as_str();
            match *v {
                Value::Unknown => {}
                Value::Bool(b) => out.set_item(name, b)?,
                Value::Int(i) => out.set_item(name, i)?,
                Value::Enum(i) => out.set_item(name, &f.values[i as usize])?,
                Value::Set(bits) => {
                    let items = f.values.iter().enumerate().filter(|(i, _)| bits & (1u64 << i) != 0).map(|(_, v)| v);
                    out.set_item(name, PyList::new(py, items)?)?
                }
                // Only computed (e.g. `hours_since` of a range), never a case's own fact.
                Value::IntRange(..) => {}
                Value::TimeRange(from, width) => {
                    let range = PyDict::new(py);
                    for (key, t) in [("from", from), ("to", from.saturating_add(i64::from(width)))] {
                        let text = Timestamp::from_unix(t).map_err(|e| error::argument_error(py, &e))?.to_rfc3339();
                        range.set_item(key, if f.kind == "date" { text[..10].to_string() } else { text })?;
                    }
                    out.set_item(name, range)?
                }
                Value::Time(t) => {
                    // A case holds only times RFC 3339 can write (checked when it was made).
                    let text = Timestamp::from_unix(t).map_err(|e| error::argument_error(py, &e))?.to_rfc3339();
                    if f.kind == "date" {
                        out.set_item(name, &text[..10])?
                    } else {
                        out.set_item(name, text)?
                    }
                }
            }
        }
        Ok(out)
    }
}

#[pymethods]
impl PyEvaluation {
    /// The compact outcome by id (regie, needs, referrals, regiehouder), without
    /// rendering anything: the fast path for batches and studies.
    #[getter]
    fn outcome(slf: &Bound<'_, Self>) -> PyOutcome {
        PyOutcome::new(slf.clone().unbind())
    }

    /// The proposal as compact JSON: exactly the bytes of every other binding and of the
    /// CLI's `--format json` (compacted).
    fn to_json(&self) -> String {
        json::to_json(self.proposal())
    }

    /// The proposal as plain Python objects (equal to `json.loads(to_json())`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.proposal())
    }

    /// `{"name", "version", "hash", "signed_by"}` of the rule set that produced this.
    #[getter]
    fn ruleset<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.engine.get().engine().id())
    }

    /// The evaluation time (RFC 3339, in the rule set's time zone), as in the proposal.
    #[getter]
    fn evaluated_at(&self) -> String {
        self.evaluation.evaluated_at()
    }

    /// The case's region, if known.
    #[getter]
    fn region(&self) -> Option<String> {
        self.decisions().region.clone()
    }

    /// Need per area, in manifest order.
    #[getter]
    fn needs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.decisions().needs)
    }

    /// Referrals (doorverwijzingen), by area, then urgency.
    #[getter]
    fn referrals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.decisions().referrals)
    }

    /// Regie intensity.
    #[getter]
    fn regie<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.decisions().regie)
    }

    /// The proposed regiehouder, or `None`.
    #[getter]
    fn regiehouder<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.decisions().regiehouder)
    }

    /// Why: every rule that holds or could hold, with its rendered reason.
    #[getter]
    fn explanations<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.proposal().explanations)
    }

    /// Unanswered questions that could still change the proposal, most urgent first.
    #[getter]
    fn questions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.proposal().questions)
    }

    /// Things the MDT should notice.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.proposal().warnings)
    }

    /// Why `offer` is not (certainly) proposed: the rules that could propose it and the
    /// clauses that stand in the way.
    fn why_not<'py>(&self, py: Python<'py>, offer: &str) -> PyResult<Bound<'py, PyAny>> {
        match self.evaluation.why_not(offer) {
            Ok(w) => to_py(py, &w),
            Err(e) => Err(error::argument_error(py, &e)),
        }
    }

    /// The proposal for `audience` (issue 11): `"professional"` (the proposal),
    /// `"slachtoffer"` or `"melder"` (a short plain-language summary), or a partner
    /// organisation id (a handover within the consent scope), as plain Python objects.
    /// With `lang` (one of the rule set's languages), every text holds only that language,
    /// or Dutch where it has none, and the result says `"language"`.
    #[pyo3(signature = (audience, lang = None))]
    fn for_audience<'py>(&self, py: Python<'py>, audience: &str, lang: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.audience_view(py, audience, lang)?)
    }

    /// [`for_audience`] as compact JSON: the same bytes in every binding.
    #[pyo3(signature = (audience, lang = None))]
    fn for_audience_json(&self, py: Python<'_>, audience: &str, lang: Option<&str>) -> PyResult<String> {
        Ok(json::to_json(&self.audience_view(py, audience, lang)?))
    }

    /// Pickles as its engine, case and evaluation time: loading evaluates again, which
    /// gives the same result (evaluation is deterministic).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let engine = self.engine.bind(py);
        if let Some(record) = &self.record {
            let args = (to_py(py, &record.to_json())?, self.evaluated_at()).into_pyobject(py)?;
            return Ok((engine.getattr("evaluate_record")?, args));
        }
        let args = (self.case(py)?, self.evaluated_at()).into_pyobject(py)?;
        Ok((engine.getattr("evaluate")?, args))
    }

    fn __repr__(&self) -> String {
        let d = self.decisions();
        let certain = d.referrals.iter().filter(|r| r.status == engine::result::Status::Certain).count();
        format!("<wegwijs.Result regie={} referrals={} ({} certain)>", d.regie.level, d.referrals.len(), certain,)
    }
}
