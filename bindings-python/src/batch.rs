//! Batches: the calling thread converts cases block by block with the GIL held (no Python
//! code runs, it is fast) while helper threads already evaluate the blocks converted so
//! far; once everything is converted the calling thread releases the GIL and helps.
//! Results keep input order; a case that does not fit the schema gives its row an error,
//! not the whole batch.

use crate::conv::{self, ConvError, FactTable};
use engine::{Case, CaseError, Engine, Evaluation, Timestamp};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyList};
use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// How often the calling thread of a batch checks for Ctrl-C once it only evaluates.
const SIGNAL_CHECK: Duration = Duration::from_millis(50);

/// One row of a batch: a case, or why it is not one.
pub(crate) type Row = Result<Case, CaseError>;

/// The outcome of one row: an evaluation, a case error, or a panic inside the engine.
pub(crate) enum Evaluated {
    Ok(Evaluation),
    Case(CaseError),
    Internal,
}

/// Evaluates one row, turning a panic in the engine into [`Evaluated::Internal`].
pub(crate) fn evaluate_row(engine: &Engine, row: &Row, now: Timestamp) -> Evaluated {
    match row {
        Ok(case) => match catch_unwind(AssertUnwindSafe(|| engine.evaluate(case, now))) {
            Ok(ev) => Evaluated::Ok(ev),
            Err(_) => Evaluated::Internal,
        },
        Err(e) => Evaluated::Case(e.clone()),
    }
}

/// The number of threads to use: `workers`, or every available core.
pub(crate) fn workers(py: Python<'_>, workers: Option<usize>) -> PyResult<usize> {
    match workers {
        Some(0) => Err(crate::error::argument(py, "workers: must be at least 1".into())),
        Some(w) => Ok(w.min(256)),
        None => Ok(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)),
    }
}

/// Where the cases of a batch come from.
pub(crate) enum Cases<'py> {
    /// A list or tuple of mappings.
    Sequence(Bound<'py, PyAny>, usize),
    /// Any other iterable of mappings.
    Iter(Bound<'py, PyIterator>),
    /// A pandas DataFrame: its column labels and `Series.tolist()` values.
    Columns(Vec<(Bound<'py, PyAny>, Bound<'py, PyList>)>, usize),
}

impl<'py> Cases<'py> {
    /// Reads `cases`: an iterable of mappings, or a pandas DataFrame.
    pub(crate) fn new(cases: &Bound<'py, PyAny>) -> PyResult<Self> {
        if is_dataframe(cases)? {
            let n = cases.len()?;
            let mut columns = Vec::new();
            for label in cases.getattr("columns")?.try_iter()? {
                let label = label?;
                let values = cases.get_item(&label)?.call_method0("tolist")?.cast_into::<PyList>()?;
                columns.push((label, values));
            }
            return Ok(Cases::Columns(columns, n));
        }
        if cases.cast::<PyDict>().is_ok() {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "cases must be an iterable of mappings (or a pandas DataFrame), not one mapping: use evaluate() for one case",
            ));
        }
        if cases.cast::<PyList>().is_ok() || cases.cast::<pyo3::types::PyTuple>().is_ok() {
            return Ok(Cases::Sequence(cases.clone(), cases.len()?));
        }
        Ok(Cases::Iter(cases.try_iter()?))
    }

    /// The same cases, readable more than once (an iterator is read into a list).
    pub(crate) fn reusable(self) -> PyResult<Self> {
        match self {
            Cases::Iter(it) => {
                let list = PyList::new(it.py(), it.collect::<PyResult<Vec<_>>>()?)?;
                let n = list.len();
                Ok(Cases::Sequence(list.into_any(), n))
            }
            other => Ok(other),
        }
    }

    /// The number of cases, when known in advance.
    pub(crate) fn len(&self) -> Option<usize> {
        match self {
            Cases::Sequence(_, n) | Cases::Columns(_, n) => Some(*n),
            Cases::Iter(_) => None,
        }
    }
}

/// Whether `obj` is a pandas DataFrame (checked by name: pandas is optional).
pub(crate) fn is_dataframe(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let ty = obj.get_type();
    Ok(ty.name()? == "DataFrame" && ty.module()?.to_cow()?.starts_with("pandas"))
}

/// Reads blocks of rows for one engine from [`Cases`].
pub(crate) struct Reader<'a, 'py> {
    engine: &'a Engine,
    table: &'a FactTable,
    next: usize,
    block: usize,
    done: bool,
    cases: &'a Cases<'py>,
}

impl<'a, 'py> Reader<'a, 'py> {
    /// A reader of `cases` in blocks sized for `workers` threads.
    pub(crate) fn new(engine: &'a Engine, table: &'a FactTable, cases: &'a Cases<'py>, workers: usize) -> Self {
        // Blocks small enough to start the helpers early and balance them, large enough
        // that the queue is not a bottleneck.
        let block = cases.len().map_or(256, |n| (n / (workers * 8)).clamp(16, 512));
        Reader { engine, table, next: 0, block, done: false, cases }
    }

    /// The next block of rows, or `None` at the end. A `CaseError` is kept in its row;
    /// only a Python exception (e.g. raised by an iterator) stops the batch.
    pub(crate) fn block(&mut self) -> PyResult<Option<Vec<Row>>> {
        if self.done {
            return Ok(None);
        }
        let rows = match self.cases {
            Cases::Columns(columns, n) => {
                let end = (self.next + self.block).min(*n);
                let rows = columns_rows(self.engine, self.table, columns, self.next..end)?;
                self.next = end;
                rows
            }
            Cases::Sequence(seq, n) => {
                let end = (self.next + self.block).min(*n);
                let mut rows = Vec::with_capacity(end - self.next);
                for i in self.next..end {
                    rows.push(self.row(&seq.get_item(i)?)?);
                }
                self.next = end;
                rows
            }
            Cases::Iter(it) => {
                let mut rows = Vec::with_capacity(self.block);
                let mut it = it.clone();
                for _ in 0..self.block {
                    match it.next() {
                        Some(item) => rows.push(self.row(&item?)?),
                        None => break,
                    }
                }
                rows
            }
        };
        if rows.len() < self.block {
            self.done = true;
        }
        Ok(if rows.is_empty() { None } else { Some(rows) })
    }

    fn row(&self, item: &Bound<'_, PyAny>) -> PyResult<Row> {
        match conv::case(self.engine, self.table, item) {
            Ok(c) => Ok(Ok(c)),
            Err(ConvError::Case(e)) => Ok(Err(e)),
            Err(ConvError::Py(e)) => Err(e),
        }
    }
}

/// Rows `range` of a DataFrame, column by column.
fn columns_rows(
    engine: &Engine,
    table: &FactTable,
    columns: &[(Bound<'_, PyAny>, Bound<'_, PyList>)],
    range: std::ops::Range<usize>,
) -> PyResult<Vec<Row>> {
    let mut builders: Vec<_> = range.clone().map(|_| engine.case_builder()).collect();
    let mut errors: Vec<Option<CaseError>> = vec![None; range.len()];
    for (label, values) in columns {
        let values = values.get_slice(range.start, range.end);
        conv::set_column(&mut builders, &mut errors, table, label, &values)?;
    }
    Ok(builders.into_iter().zip(errors).map(|(b, e)| e.map_or_else(|| Ok(b.build()), Err)).collect())
}

struct Queue<T> {
    items: VecDeque<(usize, T)>,
    closed: bool,
}

/// Runs `work` on every block that `produce` yields, on `workers` threads, and returns
/// the results in production order.
///
/// `produce` runs on the calling thread with the GIL held; `work` runs on helper threads
/// (and, once everything is produced, on the calling thread with the GIL released) and
/// must not touch Python. Between blocks the calling thread checks for signals, so Ctrl-C
/// stops the batch within a block's time and raises `KeyboardInterrupt`.
pub(crate) fn pipeline<T, R, P, W>(py: Python<'_>, workers: usize, mut produce: P, work: W) -> PyResult<Vec<R>>
where
    T: Send,
    R: Send,
    P: FnMut() -> PyResult<Option<T>>,
    W: Fn(T) -> R + Sync,
{
    let queue = Mutex::new(Queue { items: VecDeque::new(), closed: false });
    let ready = Condvar::new();
    let cancelled = AtomicBool::new(false);
    let lock = || queue.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    // `check` runs after each block; an error cancels the batch for every thread.
    let consume = |check: &dyn Fn() -> PyResult<()>| -> (Vec<(usize, R)>, Option<PyErr>) {
        let mut out = Vec::new();
        loop {
            let item = {
                let mut q = lock();
                loop {
                    if cancelled.load(Ordering::Relaxed) {
                        break None;
                    }
                    if let Some(item) = q.items.pop_front() {
                        break Some(item);
                    }
                    if q.closed {
                        break None;
                    }
                    q = ready.wait(q).unwrap_or_else(|poisoned| poisoned.into_inner());
                }
            };
            match item {
                Some((i, block)) => out.push((i, work(block))),
                None => break (out, None),
            }
            if let Err(e) = check() {
                cancelled.store(true, Ordering::Relaxed);
                ready.notify_all();
                break (out, Some(e));
            }
        }
    };
    let (produced, failure, mut done) = std::thread::scope(|s| {
        // A helper that cannot be started (out of threads) just means fewer helpers.
        let helpers: Vec<_> = (1..workers)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(s, || consume(&|| Ok(())).0).ok())
            .collect();
        let mut produced = 0;
        let mut failure = None;
        loop {
            match produce().and_then(|block| py.check_signals().map(|()| block)) {
                Ok(Some(block)) => {
                    lock().items.push_back((produced, block));
                    ready.notify_one();
                    produced += 1;
                }
                Ok(None) => break,
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
        }
        {
            let mut q = lock();
            q.closed = true;
            if failure.is_some() {
                q.items.clear();
                cancelled.store(true, Ordering::Relaxed);
            }
        }
        ready.notify_all();
        let (done, interrupted) = py.detach(|| {
            // The calling thread takes the GIL back between its blocks, only to check for
            // signals, at most every 50 ms (another Python thread may hold the GIL).
            let last = Mutex::new(Instant::now());
            let check = || {
                let mut last = last.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                if last.elapsed() < SIGNAL_CHECK {
                    return Ok(());
                }
                *last = Instant::now();
                Python::attach(|py| py.check_signals())
            };
            let (mut done, interrupted) = consume(&check);
            for h in helpers {
                // `work` catches panics per case; a helper that died anyway loses its
                // blocks, which the count below turns into an error.
                done.extend(h.join().unwrap_or_default());
            }
            (done, interrupted)
        });
        (produced, failure.or(interrupted), done)
    });
    if let Some(e) = failure {
        return Err(e);
    }
    if done.len() != produced {
        return Err(crate::error::internal(py, "a batch worker stopped"));
    }
    done.sort_unstable_by_key(|(i, _)| *i);
    Ok(done.into_iter().map(|(_, r)| r).collect())
}

/// Converts and evaluates `cases` with one engine; one entry per case, in input order.
pub(crate) fn evaluate_all(
    py: Python<'_>,
    engine: &Engine,
    table: &FactTable,
    cases: &Bound<'_, PyAny>,
    now: Timestamp,
    workers: usize,
) -> PyResult<Vec<Evaluated>> {
    let cases = Cases::new(cases)?;
    let mut reader = Reader::new(engine, table, &cases, workers);
    let blocks = pipeline(
        py,
        workers,
        || reader.block(),
        |rows: Vec<Row>| rows.iter().map(|row| evaluate_row(engine, row, now)).collect::<Vec<_>>(),
    )?;
    Ok(blocks.into_iter().flatten().collect())
}
