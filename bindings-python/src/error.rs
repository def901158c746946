//! Core errors → the Python exceptions of `wegwijs._errors` (`Error`, `RuleError`,
//! `CaseError`, `ArgumentError`).
//!
//! Messages come from the core and never carry a value from a case.

use engine::error::{ArgumentError, DiagnosticKind};
use engine::{CaseError, RuleError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyType};

const MODULE: &str = "wegwijs._errors";

static ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static RULE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static CASE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static ARGUMENT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// Builds a `wegwijs.CaseError` instance (not raised): batches return it as a row.
pub(crate) fn case_error_object<'py>(py: Python<'py>, e: &CaseError) -> PyResult<Bound<'py, PyAny>> {
    CASE_ERROR.import(py, MODULE, "CaseError")?.call1((e.to_string(), &e.fact, &e.problem, e.hint.as_deref()))
}

/// `CaseError` → `wegwijs.CaseError`.
pub(crate) fn case_error(py: Python<'_>, e: &CaseError) -> PyErr {
    match case_error_object(py, e) {
        Ok(obj) => PyErr::from_value(obj),
        Err(err) => err,
    }
}

/// `RuleError` → `wegwijs.RuleError` with every diagnostic.
pub(crate) fn rule_error(py: Python<'_>, e: &RuleError) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let diagnostics = PyList::empty(py);
        for d in &e.diagnostics {
            let item = PyDict::new(py);
            item.set_item("kind", kind_name(d.kind))?;
            item.set_item("file", &d.location.file)?;
            item.set_item("line", d.location.line)?;
            item.set_item("column", d.location.column)?;
            item.set_item("path", &d.location.path)?;
            item.set_item("snippet", &d.location.snippet)?;
            item.set_item("message", &d.message)?;
            item.set_item("hint", d.hint.as_deref())?;
            diagnostics.append(item)?;
        }
        let obj = RULE_ERROR.import(py, MODULE, "RuleError")?.call1((e.to_string(), diagnostics))?;
        Ok(PyErr::from_value(obj))
    };
    build().unwrap_or_else(|err| err)
}

/// `ArgumentError` → `wegwijs.ArgumentError` (also a `ValueError`).
pub(crate) fn argument_error(py: Python<'_>, e: &ArgumentError) -> PyErr {
    argument(py, e.to_string())
}

/// A `wegwijs.ArgumentError` with this message.
pub(crate) fn argument(py: Python<'_>, message: String) -> PyErr {
    match ARGUMENT_ERROR.import(py, MODULE, "ArgumentError").and_then(|t| t.call1((message,))) {
        Ok(obj) => PyErr::from_value(obj),
        Err(err) => err,
    }
}

/// A `wegwijs.Error` for a failure inside the engine itself (a bug: please report it).
pub(crate) fn internal(py: Python<'_>, what: &str) -> PyErr {
    let message = format!("internal error in the Wegwijs engine ({what}); please report it");
    match ERROR.import(py, MODULE, "Error").and_then(|t| t.call1((message,))) {
        Ok(obj) => PyErr::from_value(obj),
        Err(err) => err,
    }
}

/// The kind of a diagnostic as a snake_case word (`unknown_name`, `type`, …).
fn kind_name(kind: DiagnosticKind) -> String {
    let mut out = String::new();
    for (i, c) in format!("{kind:?}").chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}
