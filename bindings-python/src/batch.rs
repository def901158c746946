//! Batches: convert every case with the GIL held (fast, no Python code runs), then
//! evaluate them on several threads with the GIL released. Results keep input order;
//! a case that does not fit the schema gives its row an error, not the whole batch.

use crate::conv::{self, ConvError, FactTable};
use engine::{Case, CaseError, Engine, Evaluation, Timestamp};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};

/// One row of a batch: a case, or why it is not one.
pub(crate) type Row = Result<Case, CaseError>;

/// The outcome of one row: an evaluation, a case error, or a panic inside the engine.
pub(crate) enum Evaluated {
    Ok(Evaluation),
    Case(CaseError),
    Internal,
}

/// Converts `cases` (an iterable of mappings, or a pandas DataFrame) into rows.
pub(crate) fn rows(engine: &Engine, table: &FactTable, cases: &Bound<'_, PyAny>) -> PyResult<Vec<Row>> {
    if is_dataframe(cases)? {
        return dataframe_rows(engine, table, cases);
    }
    let mut out = Vec::with_capacity(cases.len().unwrap_or(0));
    let mut push = |item: &Bound<'_, PyAny>| -> PyResult<()> {
        match conv::case(engine, table, item) {
            Ok(c) => out.push(Ok(c)),
            Err(ConvError::Case(e)) => out.push(Err(e)),
            Err(ConvError::Py(e)) => return Err(e),
        }
        Ok(())
    };
    if let Ok(list) = cases.cast::<PyList>() {
        for item in list.iter() {
            push(&item)?;
        }
    } else if let Ok(tuple) = cases.cast::<PyTuple>() {
        for item in tuple.iter() {
            push(&item)?;
        }
    } else if cases.cast::<PyDict>().is_ok() {
        return Err(pyo3::exceptions::PyTypeError::new_err(
            "cases must be an iterable of mappings (or a pandas DataFrame), not one mapping: use evaluate() for one case",
        ));
    } else {
        for item in cases.try_iter()? {
            push(&item?)?;
        }
    }
    Ok(out)
}

pub(crate) fn is_dataframe(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let ty = obj.get_type();
    Ok(ty.name()? == "DataFrame" && ty.module()?.to_cow()?.starts_with("pandas"))
}

/// A DataFrame, column by column (`Series.tolist()` gives plain Python values).
fn dataframe_rows(engine: &Engine, table: &FactTable, frame: &Bound<'_, PyAny>) -> PyResult<Vec<Row>> {
    let n = frame.len()?;
    let mut builders: Vec<_> = (0..n).map(|_| engine.case_builder()).collect();
    let mut errors: Vec<Option<CaseError>> = vec![None; n];
    for column in frame.getattr("columns")?.try_iter()? {
        let column = column?;
        let values = frame.get_item(&column)?.call_method0("tolist")?;
        let values = values.cast::<PyList>()?;
        conv::set_column(&mut builders, &mut errors, table, &column, values)?;
    }
    Ok(builders.into_iter().zip(errors).map(|(b, e)| e.map_or_else(|| Ok(b.build()), Err)).collect())
}

/// Evaluates every row on `workers` threads (the GIL must be released by the caller).
pub(crate) fn evaluate(engine: &Engine, rows: &[Row], now: Timestamp, workers: usize) -> Vec<Evaluated> {
    let one = |row: &Row| match row {
        Ok(case) => match catch_unwind(AssertUnwindSafe(|| engine.evaluate(case, now))) {
            Ok(ev) => Evaluated::Ok(ev),
            Err(_) => Evaluated::Internal,
        },
        Err(e) => Evaluated::Case(e.clone()),
    };
    let workers = workers.clamp(1, 256);
    // Blocks small enough to balance the threads, large enough to keep the counter cold.
    let block = (rows.len() / (workers * 16)).clamp(32, 4096);
    if workers == 1 || rows.len() <= block {
        return rows.iter().map(one).collect();
    }
    let blocks = rows.len().div_ceil(block);
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, Vec<Evaluated>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers.min(blocks))
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let b = next.fetch_add(1, Ordering::Relaxed);
                        if b >= blocks {
                            break mine;
                        }
                        let part = &rows[b * block..((b + 1) * block).min(rows.len())];
                        mine.push((b, part.iter().map(one).collect()));
                    }
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    });
    done.sort_unstable_by_key(|(b, _)| *b);
    let mut out = Vec::with_capacity(rows.len());
    for (_, part) in done {
        out.extend(part);
    }
    if out.len() != rows.len() {
        // A worker thread died (it cannot: panics are caught per case); never misalign rows.
        return rows.iter().map(one).collect();
    }
    out
}

/// The number of threads to use: `workers`, or every available core.
pub(crate) fn workers(py: Python<'_>, workers: Option<usize>) -> PyResult<usize> {
    match workers {
        Some(0) => Err(crate::error::argument(py, "workers: must be at least 1".into())),
        Some(w) => Ok(w),
        None => Ok(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)),
    }
}
