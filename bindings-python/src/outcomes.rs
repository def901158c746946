//! `Engine.outcomes(data, now=…)`: many cases in, one Arrow table of outcomes out (one row
//! per case), for studies over a case history.
//!
//! Arrow data (pyarrow Table/RecordBatch/RecordBatchReader, polars, anything with the
//! Arrow PyCapsule interface, and pandas through `pyarrow.Table.from_pandas`) is imported
//! through the Arrow C data interface and converted and evaluated on every core without
//! the GIL (arrow_in.rs). Other input (an iterable of mappings, a pandas frame pyarrow
//! cannot read) is converted with the GIL held, as `evaluate_many` does, while the other
//! threads evaluate. Either way each block of rows becomes a block of the output table
//! on the thread that evaluated it; nothing per case reaches Python.

use crate::arrow_in::{self, Layout};
use crate::batch::{self, Cases, Reader, Row};
use crate::engine::PyEngine;
use crate::time;
use arrow_array::builder::StringBuilder;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use engine::{Engine, OutcomeBuffer, Timestamp};
use pyo3::prelude::*;
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::PyTable;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

/// Rows per block: large enough that the queue costs nothing, small enough to balance
/// the threads and to check for Ctrl-C often.
const BLOCK: usize = 2048;

/// The output table's schema for `engine`: regie (level, status, up_to), per area the need
/// (level, status, up_to), the regiehouder (id, status), per offer its referral (status,
/// urgency) and the row's error. All text; null where there is nothing (or an error).
pub(crate) fn schema(engine: &Engine) -> SchemaRef {
    let src = engine.source();
    let mut names = vec!["regie".to_string(), "regie_status".into(), "regie_up_to".into()];
    for a in &src.manifest.areas {
        names.push(format!("need_{}", a.id));
        names.push(format!("need_{}_status", a.id));
        names.push(format!("need_{}_up_to", a.id));
    }
    names.push("regiehouder".into());
    names.push("regiehouder_status".into());
    for o in &src.offers {
        names.push(format!("referral_{}", o.id));
        names.push(format!("referral_{}_urgency", o.id));
    }
    names.push("error".into());
    Arc::new(Schema::new(names.into_iter().map(|n| Field::new(n, DataType::Utf8, true)).collect::<Vec<_>>()))
}

fn status(certain: bool) -> &'static str {
    if certain {
        "certain"
    } else {
        "possible"
    }
}

/// One output block: a row per case, each evaluated into one reused [`OutcomeBuffer`]
/// (the outcome-only path: no `Evaluation` per row).
fn table_block(engine: &Engine, schema: &SchemaRef, rows: &mut [Row], now: Timestamp) -> RecordBatch {
    let src = engine.source();
    let m = &src.manifest;
    let mut cols: Vec<StringBuilder> =
        (0..schema.fields().len()).map(|_| StringBuilder::with_capacity(rows.len(), rows.len() * 8)).collect();
    let (areas, offers) = (m.areas.len(), src.offers.len());
    let offers_at = 5 + 3 * areas;
    let mut buffer = OutcomeBuffer::default();
    for row in rows.iter_mut() {
        let problem = match row {
            Ok(case) => catch_unwind(AssertUnwindSafe(|| engine.outcome_into(case, now, &mut buffer)))
                .err()
                .map(|_| "internal error in the Wegwijs engine; please report it".to_string()),
            Err(err) => Some(err.to_string()),
        };
        if let Some(problem) = problem {
            let (last, rest) = cols.split_last_mut().expect("the error column");
            rest.iter_mut().for_each(|c| c.append_null());
            last.append_value(problem);
            continue;
        }
        let regie = buffer.regie();
        cols[0].append_value(&m.regie_levels[regie.certain as usize].id);
        cols[1].append_value(status(regie.up_to == regie.certain));
        cols[2].append_value(&m.regie_levels[regie.up_to as usize].id);
        for (a, l) in buffer.needs().iter().enumerate().take(areas) {
            cols[3 + 3 * a].append_value(&m.need_levels[l.certain as usize].id);
            cols[4 + 3 * a].append_value(status(l.up_to == l.certain));
            cols[5 + 3 * a].append_value(&m.need_levels[l.up_to as usize].id);
        }
        match buffer.regiehouder() {
            Some(h) => {
                cols[3 + 3 * areas].append_value(&m.regiehouders[h.id as usize].id);
                cols[4 + 3 * areas].append_value(status(h.certain));
            }
            None => {
                cols[3 + 3 * areas].append_null();
                cols[4 + 3 * areas].append_null();
            }
        }
        for i in 0..offers {
            match buffer.urgency(i) {
                Some(urgency) => {
                    cols[offers_at + 2 * i].append_value(status(buffer.is_certain(i)));
                    cols[offers_at + 2 * i + 1].append_value(&m.urgencies[urgency as usize].id);
                }
                None => {
                    cols[offers_at + 2 * i].append_null();
                    cols[offers_at + 2 * i + 1].append_null();
                }
            }
        }
        cols.last_mut().expect("the error column").append_null();
    }
    let arrays: Vec<ArrayRef> = cols.iter_mut().map(|c| Arc::new(c.finish()) as ArrayRef).collect();
    RecordBatch::try_new(schema.clone(), arrays).expect("columns match the schema")
}

/// Whether `data` offers Arrow data (after pandas went through pyarrow).
fn arrow_input<'py>(data: &Bound<'py, PyAny>) -> PyResult<Option<AnyRecordBatch>> {
    let py = data.py();
    let mut data = data.clone();
    if batch::is_dataframe(&data)? {
        // pandas: through pyarrow when it can read the frame (it cannot read e.g. a column
        // mixing ints and strings: then the rows are read one by one, as evaluate_many does).
        let Ok(pyarrow) = py.import("pyarrow") else { return Ok(None) };
        let kwargs = pyo3::types::PyDict::new(py);
        kwargs.set_item("preserve_index", false)?;
        match pyarrow.getattr("Table")?.call_method("from_pandas", (&data,), Some(&kwargs)) {
            Ok(table) => data = table,
            Err(_) => return Ok(None),
        }
    }
    if data.hasattr("__arrow_c_stream__")? || data.hasattr("__arrow_c_array__")? {
        return Ok(Some(data.extract::<AnyRecordBatch>()?));
    }
    Ok(None)
}

/// `Engine.outcomes`: see the module documentation.
pub(crate) fn outcomes<'py>(
    engine: &PyEngine,
    data: &Bound<'py, PyAny>,
    now: Option<&Bound<'py, PyAny>>,
    workers: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = data.py();
    let now = time::timestamp(now)?;
    let workers = batch::workers(py, workers)?;
    let core = engine.engine();
    let out_schema = schema(core);
    let blocks: Vec<RecordBatch> = match arrow_input(data)? {
        Some(input) => {
            let reader = input.into_reader()?;
            let mut batches = reader.into_iter();
            let mut current: Option<(RecordBatch, Arc<Layout>, usize)> = None;
            let produce = || -> PyResult<Option<(RecordBatch, Arc<Layout>)>> {
                loop {
                    if let Some((b, layout, next)) = &mut current {
                        if *next < b.num_rows() {
                            let len = BLOCK.min(b.num_rows() - *next);
                            let block = b.slice(*next, len);
                            *next += len;
                            return Ok(Some((block, layout.clone())));
                        }
                    }
                    match batches.next() {
                        None => return Ok(None),
                        Some(b) => {
                            let b = b.map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
                            let layout = Arc::new(Layout::new(core, &b));
                            current = Some((b, layout, 0));
                        }
                    }
                }
            };
            let work = |(block, layout): (RecordBatch, Arc<Layout>)| {
                let mut rows = arrow_in::rows(core, &layout, &block);
                table_block(core, &out_schema, &mut rows, now)
            };
            batch::pipeline(py, workers, produce, work)?
        }
        None => {
            let cases = Cases::new(data)?;
            let mut reader = Reader::new(core, engine.table(), &cases, workers);
            let work = |mut rows: Vec<Row>| table_block(core, &out_schema, &mut rows, now);
            batch::pipeline(py, workers, || reader.block(), work)?
        }
    };
    PyTable::try_new(blocks, out_schema)?.into_pyarrow(py)
}
