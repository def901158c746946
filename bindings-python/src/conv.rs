//! Python objects → cases, directly through the core's `CaseBuilder` (no JSON text in
//! between).
//!
//! Keys and enum values are matched against the schema's names as interned Python strings,
//! made once per engine: keys usually come in schema order, so the fact after the previous
//! key is tried first, by pointer (a key written as a literal in Python source, or a
//! column label reused for every row, is the interned string itself) and then by one
//! string comparison; otherwise a key is looked up through a Python dict of
//! the names, which uses the string's cached hash and never copies it (the abi3 (3.9) API
//! has no zero-copy access to a string's UTF-8 bytes). No key allocates.
//!
//! Python values map to facts as follows: `None`, `NaN`, `pandas.NA` and `pandas.NaT` →
//! unknown; `bool` → bool (checked before `int`, its superclass); `int` (and an integral
//! `float`, as pandas gives for an int column with gaps) → int; `str` → enum, datetime or
//! date; a list, tuple, set or frozenset of `str` → set; `datetime.datetime` (with a UTC
//! offset) and `datetime.date` → their ISO form; numpy scalars → their Python value.

use crate::error;
use engine::{Case, CaseBuilder, CaseError, Engine};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyFrozenSet, PyInt, PyList, PySet, PyString, PyTuple};
use std::borrow::Cow;

/// Why a Python object could not become a case: it does not fit the schema (a
/// `CaseError`, which a batch reports per row) or Python itself raised.
pub(crate) enum ConvError {
    /// The case does not fit the schema.
    Case(CaseError),
    /// A Python exception (e.g. from a mapping's `items()`).
    Py(PyErr),
}

impl From<CaseError> for ConvError {
    fn from(e: CaseError) -> Self {
        ConvError::Case(e)
    }
}

impl From<PyErr> for ConvError {
    fn from(e: PyErr) -> Self {
        ConvError::Py(e)
    }
}

impl ConvError {
    /// As a Python exception (`wegwijs.CaseError` for a case that does not fit).
    pub(crate) fn into_py(self, py: Python<'_>) -> PyErr {
        match self {
            ConvError::Case(e) => error::case_error(py, &e),
            ConvError::Py(e) => e,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Date,
    Enum,
    Other,
}

struct FactEntry {
    name: String,
    kind: Kind,
    /// Index of the fact in the schema (for the builder's `*_at` setters).
    index: usize,
    /// Enum and set facts: value (Python `str`) → index into `values`.
    lookup: Option<Py<PyDict>>,
    /// The values as interned Python strings, for the pointer check before `lookup`.
    interned: Vec<Py<PyString>>,
    values: Vec<String>,
}

/// The schema's fact names and values as Python strings, for fast matching.
pub(crate) struct FactTable {
    /// Fact name (Python `str`) → index into `facts`.
    keys: Py<PyDict>,
    /// The fact names as interned Python strings, in schema order.
    names: Vec<Py<PyString>>,
    facts: Vec<FactEntry>,
}

impl FactTable {
    /// Builds the table for an engine's schema.
    pub(crate) fn new(py: Python<'_>, engine: &Engine) -> PyResult<Self> {
        let keys = PyDict::new(py);
        let mut names = Vec::new();
        let mut facts = Vec::new();
        for (i, f) in engine.source().schema.facts.iter().enumerate() {
            let name = PyString::intern(py, &f.id);
            keys.set_item(&name, i)?;
            names.push(name.unbind());
            let lookup = if f.values.is_empty() {
                None
            } else {
                let d = PyDict::new(py);
                for (j, v) in f.values.iter().enumerate() {
                    d.set_item(PyString::intern(py, v), j)?;
                }
                Some(d.unbind())
            };
            let kind = match f.kind.as_str() {
                "date" => Kind::Date,
                "enum" => Kind::Enum,
                _ => Kind::Other,
            };
            let interned = f.values.iter().map(|v| PyString::intern(py, v).unbind()).collect();
            facts.push(FactEntry { name: f.id.clone(), index: i, kind, lookup, interned, values: f.values.clone() });
        }
        Ok(FactTable { keys: keys.unbind(), names, facts })
    }

    /// The fact named by `key`; `guess` is the index to try first by pointer.
    fn entry(&self, key: &Bound<'_, PyAny>, guess: usize) -> PyResult<Option<&FactEntry>> {
        if let Some(name) = self.names.get(guess) {
            // The same object, or (keys from `json.loads`, say) an equal string: one
            // comparison instead of a hash-table probe when keys come in schema order.
            if name.as_ptr() == key.as_ptr()
                || (key.is_exact_instance_of::<PyString>() && key.eq(name.bind(key.py()))?)
            {
                return Ok(Some(&self.facts[guess]));
            }
        }
        match self.keys.bind(key.py()).get_item(key)? {
            Some(i) => Ok(Some(&self.facts[i.extract::<usize>()?])),
            None => Ok(None),
        }
    }
}

/// A case from a mapping of facts (a `dict`, or any `collections.abc.Mapping`).
pub(crate) fn case(engine: &Engine, table: &FactTable, obj: &Bound<'_, PyAny>) -> Result<Case, ConvError> {
    let mut b = engine.case_builder();
    let mut guess = 0;
    if let Ok(dict) = obj.cast::<PyDict>() {
        for (k, v) in dict.iter() {
            guess = set(&mut b, table, &k, &v, guess)?;
        }
    } else if obj.cast::<pyo3::types::PyMapping>().is_ok() {
        for item in obj.call_method0("items")?.try_iter()? {
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item?.extract()?;
            guess = set(&mut b, table, &k, &v, guess)?;
        }
    } else {
        return Err(not_a_mapping().into());
    }
    Ok(b.build())
}

/// The error for a case that is not a mapping.
pub(crate) fn not_a_mapping() -> CaseError {
    CaseError {
        fact: "(case)".into(),
        problem: "a case must be a mapping (dict) of fact names to values".into(),
        hint: None,
    }
}

/// Sets one key's value; returns the index to try first for the next key.
fn set(
    b: &mut CaseBuilder,
    table: &FactTable,
    key: &Bound<'_, PyAny>,
    value: &Bound<'_, PyAny>,
    guess: usize,
) -> Result<usize, ConvError> {
    match table.entry(key, guess)? {
        Some(entry) => set_value(b, entry, value, 0).map(|()| entry.index + 1),
        None => Err(not_a_fact(b, key).into()),
    }
}

/// A key that is not a fact of the schema: the builder says so, with a did-you-mean (or
/// that the fact is derived). A key that is not a string names no fact at all.
fn not_a_fact(b: &mut CaseBuilder, key: &Bound<'_, PyAny>) -> CaseError {
    match key.cast::<PyString>() {
        Ok(s) => not_a_fact_named(b, &s.to_string_lossy()),
        Err(_) => {
            let kind = key.get_type().name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            CaseError { fact: format!("({kind} key)"), problem: "fact names are strings".into(), hint: None }
        }
    }
}

/// The error for a key `name` that is not a fact of the schema (see [`not_a_fact`]).
pub(crate) fn not_a_fact_named(b: &mut CaseBuilder, name: &str) -> CaseError {
    match b.set_unknown(name) {
        Err(e) => e,
        Ok(()) => CaseError { fact: name.into(), problem: "is not a fact of the schema".into(), hint: None },
    }
}

/// One column of a pandas DataFrame, set on every row's builder; `errors[i]` is kept
/// for the rows that already failed (the first problem of a row is reported).
pub(crate) fn set_column(
    builders: &mut [CaseBuilder],
    errors: &mut [Option<CaseError>],
    table: &FactTable,
    key: &Bound<'_, PyAny>,
    values: &Bound<'_, PyList>,
) -> PyResult<()> {
    let entry = table.entry(key, 0)?;
    for ((b, err), v) in builders.iter_mut().zip(errors.iter_mut()).zip(values.iter()) {
        if err.is_some() {
            continue;
        }
        let result = match entry {
            Some(entry) => set_value(b, entry, &v, 0),
            None => Err(not_a_fact(b, key).into()),
        };
        match result {
            Ok(()) => {}
            Err(ConvError::Case(e)) => *err = Some(e),
            Err(ConvError::Py(e)) => return Err(e),
        }
    }
    Ok(())
}

fn set_value(b: &mut CaseBuilder, f: &FactEntry, value: &Bound<'_, PyAny>, depth: u8) -> Result<(), ConvError> {
    let name = f.name.as_str();
    if value.is_none() {
        return Ok(b.set_unknown_at(f.index)?);
    }
    if let Ok(v) = value.cast_exact::<PyBool>() {
        return Ok(b.set_bool_at(f.index, v.is_true())?);
    }
    if let Ok(s) = value.cast::<PyString>() {
        if f.kind == Kind::Enum {
            if let Some(i) = value_index(f, s)? {
                return Ok(b.set_enum_at(f.index, i)?);
            }
        }
        let text = text_value(f, s)?;
        return Ok(b.set_text_at(f.index, &text)?);
    }
    if value.cast::<PyInt>().is_ok() {
        return match value.extract::<i64>() {
            Ok(i) => Ok(b.set_int_at(f.index, i)?),
            Err(_) => Err(expected(b, name)),
        };
    }
    if let Ok(x) = value.cast::<PyFloat>() {
        let x = x.value();
        if x.is_nan() {
            return Ok(b.set_unknown_at(f.index)?);
        }
        if x.fract() == 0.0 && x.abs() < 9.0e15 {
            return Ok(b.set_int_at(f.index, x as i64)?);
        }
        return Err(expected(b, name));
    }
    if value.cast::<PyList>().is_ok()
        || value.cast::<PyTuple>().is_ok()
        || value.cast::<PySet>().is_ok()
        || value.cast::<PyFrozenSet>().is_ok()
    {
        let mut texts: Vec<Cow<'_, str>> = Vec::new();
        for item in value.try_iter()? {
            let item = item?;
            match item.cast::<PyString>() {
                Ok(s) => texts.push(text_value(f, s)?),
                Err(_) => return Err(expected(b, name)),
            }
        }
        return Ok(b.set_texts_at(f.index, texts.iter().map(|t| t.as_ref()))?);
    }
    other_value(b, f, value, depth)
}

/// pandas' missing values, datetimes and dates, numpy scalars.
fn other_value(b: &mut CaseBuilder, f: &FactEntry, value: &Bound<'_, PyAny>, depth: u8) -> Result<(), ConvError> {
    let name = f.name.as_str();
    let ty = value.get_type();
    let type_name = ty.name()?;
    if type_name == "NAType" || type_name == "NaTType" {
        return Ok(b.set_unknown_at(f.index)?);
    }
    if value.hasattr("isoformat")? {
        // A datetime given for a date fact counts by its calendar date.
        let value =
            if f.kind == Kind::Date && value.hasattr("hour")? { value.call_method0("date")? } else { value.clone() };
        let text: String = value.call_method0("isoformat")?.extract()?;
        return Ok(b.set_text_at(f.index, &text)?);
    }
    if depth == 0 && value.hasattr("item")? {
        // numpy scalars (numpy.bool_, numpy.int64, …)
        let plain = value.call_method0("item")?;
        return set_value(b, f, &plain, depth + 1);
    }
    Err(expected(b, name))
}

/// The schema's spelling of an enum or set value (no copy of the Python string), or the
/// string itself for datetimes, dates and values the schema does not have. A string that
/// is not valid Unicode (a lone surrogate) becomes U+FFFD, which fits no fact.
fn text_value<'a>(f: &'a FactEntry, s: &Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    Ok(match value_index(f, s)? {
        Some(i) => Cow::Borrowed(f.values[i].as_str()),
        None => Cow::Owned(s.to_string_lossy().into_owned()),
    })
}

/// The index of an enum or set value in the schema's `values`: by pointer to the interned
/// string, else through the lookup dict (the string's hash, one comparison).
fn value_index(f: &FactEntry, s: &Bound<'_, PyString>) -> PyResult<Option<usize>> {
    if let Some(i) = f.interned.iter().position(|v| v.as_ptr() == s.as_ptr()) {
        return Ok(Some(i));
    }
    match &f.lookup {
        Some(lookup) => lookup.bind(s.py()).get_item(s)?.map(|i| i.extract::<usize>()).transpose(),
        None => Ok(None),
    }
}

/// The core's "expected …" error for `name`, for a Python value of the wrong type: a JSON
/// object fits no fact, so the builder answers with what the fact expects.
fn expected(b: &mut CaseBuilder, name: &str) -> ConvError {
    ConvError::Case(expected_error(b, name))
}

/// The core's "expected …" error for fact `name` (see [`expected`]).
pub(crate) fn expected_error(b: &mut CaseBuilder, name: &str) -> CaseError {
    match b.set_json(name, &serde_json::Value::Object(serde_json::Map::new())) {
        Err(e) => e,
        Ok(()) => CaseError { fact: name.into(), problem: "has a value of an unsupported type".into(), hint: None },
    }
}
