//! Case records over time (docs/case-record.md) on `wegwijs.Engine`: `evaluate_record`,
//! `changes_since`, `agenda` and `decide`. Records are JSON objects (dicts) or JSON text.
//! Wiring only: the semantics live in the core.

use crate::engine::PyEngine;
use crate::result::PyEvaluation;
use crate::{error, time};
use engine::{EarlierProposal, Record};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

/// A record (dict or JSON text) as JSON text. A dict cannot hold a key twice; text is
/// checked for that by the core.
fn text_of(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_string_lossy().into_owned());
    }
    let py = obj.py();
    if !obj.is_instance_of::<PyDict>() {
        return Err(error::argument(py, "a case record must be a dict or JSON text".into()));
    }
    // json.dumps fails on a value JSON cannot hold (e.g. a datetime): say what to give.
    let not_json = |_| error::argument(py, "a case record must hold JSON values only (times as RFC 3339 text)".into());
    py.import("json")?.call_method1("dumps", (obj,)).map_err(not_json)?.extract().map_err(not_json)
}

impl PyEngine {
    /// Whether a case given to `evaluate` is a case record: a mapping with the record key
    /// (`facts`, unless the schema has a fact of that name), as `wegwijs eval` tells them apart.
    pub(crate) fn is_record(&self, obj: &Bound<'_, PyAny>) -> PyResult<bool> {
        let key = engine::RECORD_KEY;
        if !self.engine().is_record_key(key) {
            return Ok(false);
        }
        if let Ok(dict) = obj.cast::<PyDict>() {
            return dict.contains(key);
        }
        Ok(obj.cast::<pyo3::types::PyMapping>().is_ok() && obj.contains(key)?)
    }

    fn record(&self, obj: &Bound<'_, PyAny>) -> PyResult<Record> {
        let text = text_of(obj)?;
        self.engine().record_from_str(&text).map_err(|e| error::case_error(obj.py(), &e))
    }
}

#[pymethods]
impl PyEngine {
    /// The proposal for a case record (or a plain facts dict) at `now`: stale facts count
    /// as unknown, done offers are not proposed, the last decision is shown next to it.
    #[pyo3(signature = (record, now=None))]
    pub(crate) fn evaluate_record(
        slf: &Bound<'_, Self>,
        record: &Bound<'_, PyAny>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyEvaluation> {
        let this = slf.get();
        let rec = this.record(record)?;
        let now = time::timestamp(now)?;
        let evaluation = this.engine().evaluate_record(&rec, now);
        Ok(PyEvaluation::new(slf.clone().unbind(), evaluation).with_record(rec))
    }

    /// What changed since `previous` (an earlier proposal: a `Result`, dict or JSON text),
    /// or, without it, since the record's last decision. `None` when there is nothing to
    /// compare with.
    #[pyo3(signature = (record, previous=None, now=None))]
    fn changes_since<'py>(
        &self,
        py: Python<'py>,
        record: &Bound<'py, PyAny>,
        previous: Option<&Bound<'py, PyAny>>,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let rec = self.record(record)?;
        let ev = self.engine().evaluate_record(&rec, time::timestamp(now)?);
        let previous: Option<EarlierProposal> = match previous.filter(|p| !p.is_none()) {
            None => self.engine().proposal_at_last_decision(&rec).map(EarlierProposal::from),
            Some(p) => match p.cast::<PyEvaluation>() {
                Ok(result) => Some(EarlierProposal::from(result.get().evaluation().proposal())),
                Err(_) => Some(
                    EarlierProposal::from_json(&text_of(p)?)
                        .map_err(|e| error::argument(py, format!("`previous` {e}")))?,
                ),
            },
        };
        match previous {
            Some(p) => crate::result::to_py(py, &ev.changes_since(p)),
            None => Ok(py.None().into_bound(py)),
        }
    }

    /// The MDT agenda over records at `now`, most urgent first (a dict). A record without
    /// a `case` reference is named by its position (`#1`, `#2`, …).
    #[pyo3(signature = (records, now=None))]
    fn agenda<'py>(
        &self,
        py: Python<'py>,
        records: &Bound<'py, PyAny>,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut named = Vec::new();
        for (i, r) in records.try_iter()?.enumerate() {
            // The error names the record's position (`records[2]: …`), never its content.
            let text = text_of(&r?).map_err(|e| {
                let message = e.value(py).str().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                error::argument(py, format!("records[{i}]: {message}"))
            })?;
            let record = self.engine().record_from_str(&text).map_err(|mut e| {
                e.fact = format!("records[{i}]: {}", e.fact);
                error::case_error(py, &e)
            })?;
            named.push((format!("#{}", i + 1), record));
        }
        crate::result::to_py(py, &self.engine().agenda(&named, time::timestamp(now)?))
    }

    /// Verifies every decision of a record (`wegwijs verify`): per decision whether its
    /// decision, proposal and chain hashes match, whether it names this case and whether
    /// it was taken on this rule set (else `ruleset_needed`). Returns a dict with
    /// `verified`. The hashes detect changes; they do not sign (docs/case-record.md).
    fn verify<'py>(&self, py: Python<'py>, record: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let rec = self.record(record)?;
        crate::result::to_py(py, &self.engine().verify(&rec))
    }

    /// Records an MDT decision: checked against the proposal, stamped with the rule-set
    /// and proposal hashes and the time, appended. Returns the updated record (a dict);
    /// raises `ArgumentError` listing every missing reason when incomplete.
    #[pyo3(signature = (record, decision, now=None))]
    fn decide<'py>(
        &self,
        py: Python<'py>,
        record: &Bound<'py, PyAny>,
        decision: &Bound<'py, PyAny>,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let rec = self.record(record)?;
        let refused = |e: engine::DecisionError| error::argument(py, e.to_string());
        let d = self.engine().decision_from_str(&text_of(decision)?).map_err(refused)?;
        let updated = self.engine().decide(&rec, &d, time::timestamp(now)?).map_err(refused)?;
        crate::result::to_py(py, &updated.to_json())
    }
}
