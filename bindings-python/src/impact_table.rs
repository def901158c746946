//! Rule-change impact at scale: the same cases through two rule sets, compared outcome by
//! outcome in Rust on the batch threads, into one Arrow table with a row per case.
//!
//! Each case is evaluated by both engines on the outcome-only path (`outcome_into`: bit
//! sets and level indices, one reused buffer per engine and block). The two outcomes are
//! compared by id over the union of both rule sets' areas, offers, levels and
//! regiehouders, so the rule sets may differ in anything. The output columns hold only
//! what changed (null where nothing did), dictionary-encoded: a status or level is a
//! small integer key into a shared list of strings, so a million cases take a few bytes
//! per column each. The counts of each kind of change are summed in Rust per block.

use crate::arrow_in::{self, Layout};
use crate::batch::{self, Cases, Reader, Row};
use crate::engine::PyEngine;
use arrow_array::builder::StringBuilder;
use arrow_array::types::{Int16Type, Int8Type};
use arrow_array::{
    ArrayRef, BooleanArray, DictionaryArray, Int16Array, Int64Array, Int8Array, RecordBatch, StringArray,
};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use engine::{Engine, OutcomeBuffer, Timestamp};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::PyTable;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

/// Rows per block (as `Engine.outcomes`).
const BLOCK: usize = 2048;

/// The values of the referral columns (`Int8` keys into these).
const REFERRAL_CHANGES: [&str; 4] = ["added", "removed", "certain -> possible", "possible -> certain"];

/// A string table: each distinct string once, with its code.
#[derive(Default)]
struct Strings {
    list: Vec<String>,
    index: HashMap<String, u16>,
}

impl Strings {
    fn code(&mut self, s: &str) -> u16 {
        if let Some(&c) = self.index.get(s) {
            return c;
        }
        let c = self.list.len() as u16;
        self.list.push(s.to_string());
        self.index.insert(s.to_string(), c);
        c
    }

    fn array(&self) -> ArrayRef {
        Arc::new(StringArray::from_iter_values(self.list.iter()))
    }
}

/// `level`, or `level..up_to` when open questions could raise it (as `ImpactRow` writes it).
fn level_text(ids: &[String], certain: usize, up_to: usize) -> String {
    if up_to > certain {
        format!("{}..{}", ids[certain], ids[up_to])
    } else {
        ids[certain].clone()
    }
}

/// Every `(certain, up_to)` of a level list as a code in `strings`: `[certain][up_to]`.
fn level_codes(ids: &[String], strings: &mut Strings) -> Vec<Vec<u16>> {
    (0..ids.len()).map(|c| (0..ids.len()).map(|u| strings.code(&level_text(ids, c, u.max(c)))).collect()).collect()
}

/// How one engine's indices map into the union of both rule sets.
struct Side<'e> {
    engine: &'e Engine,
    /// Per area of this engine: its union index.
    areas: Vec<usize>,
    /// Per offer of this engine: its union index.
    offers: Vec<usize>,
    /// Need level codes, `[certain][up_to]`.
    needs: Vec<Vec<u16>>,
    /// Regie level codes, `[certain][up_to]`.
    regie: Vec<Vec<u16>>,
    /// Per regiehouder: its code.
    holders: Vec<u16>,
}

/// The union of both rule sets' names, and the string tables of the output columns.
struct Union<'e> {
    areas: Vec<String>,
    offers: Vec<String>,
    need_strings: Strings,
    regie_strings: Strings,
    holder_strings: Strings,
    /// The code of "-" (an area a rule set does not have, no regiehouder).
    need_missing: u16,
    holder_none: u16,
    old: Side<'e>,
    new: Side<'e>,
}

fn union_index(list: &mut Vec<String>, id: &str) -> usize {
    match list.iter().position(|x| x == id) {
        Some(i) => i,
        None => {
            list.push(id.to_string());
            list.len() - 1
        }
    }
}

impl<'e> Union<'e> {
    fn new(old: &'e Engine, new: &'e Engine) -> Self {
        let (mut areas, mut offers) = (Vec::new(), Vec::new());
        let (mut need_strings, mut regie_strings, mut holder_strings) =
            (Strings::default(), Strings::default(), Strings::default());
        let need_missing = need_strings.code("-");
        let holder_none = holder_strings.code("-");
        let mut side = |engine: &'e Engine| {
            let src = engine.source();
            let m = &src.manifest;
            let ids = |l: &[engine::ruleset::source::Labelled]| l.iter().map(|x| x.id.clone()).collect::<Vec<_>>();
            Side {
                engine,
                areas: m.areas.iter().map(|a| union_index(&mut areas, &a.id)).collect(),
                offers: src.offers.iter().map(|o| union_index(&mut offers, &o.id)).collect(),
                needs: level_codes(&ids(&m.need_levels), &mut need_strings),
                regie: level_codes(&ids(&m.regie_levels), &mut regie_strings),
                holders: m.regiehouders.iter().map(|h| holder_strings.code(&h.id)).collect(),
            }
        };
        let (old, new) = (side(old), side(new));
        Union { areas, offers, need_strings, regie_strings, holder_strings, need_missing, holder_none, old, new }
    }

    fn schema(&self) -> SchemaRef {
        let dict = |key: DataType| DataType::Dictionary(Box::new(key), Box::new(DataType::Utf8));
        let mut fields = vec![
            Field::new("case", DataType::Int64, false),
            Field::new("changed", DataType::Boolean, false),
            Field::new("error", DataType::Utf8, true),
        ];
        for a in &self.areas {
            fields.push(Field::new(format!("need_{a}_old"), dict(DataType::Int16), true));
            fields.push(Field::new(format!("need_{a}_new"), dict(DataType::Int16), true));
        }
        for o in &self.offers {
            fields.push(Field::new(format!("referral_{o}"), dict(DataType::Int8), true));
        }
        for c in ["regie_old", "regie_new", "regiehouder_old", "regiehouder_new"] {
            fields.push(Field::new(c, dict(DataType::Int16), true));
        }
        Arc::new(Schema::new(fields))
    }
}

/// One side's outcome of a case, over the union.
struct Digest {
    needs: Vec<u16>,
    /// Per union offer: 0 not referred, 1 possible, 2 certain.
    offers: Vec<u8>,
    regie: u16,
    holder: u16,
}

impl Digest {
    fn new(u: &Union) -> Self {
        Digest { needs: vec![u.need_missing; u.areas.len()], offers: vec![0; u.offers.len()], regie: 0, holder: 0 }
    }

    /// Reads `buffer` (evaluated by `side`'s engine) into this digest.
    fn read(&mut self, u: &Union, side: &Side, buffer: &OutcomeBuffer) {
        self.needs.iter_mut().for_each(|n| *n = u.need_missing);
        for (a, l) in buffer.needs().iter().enumerate() {
            self.needs[side.areas[a]] = side.needs[l.certain as usize][l.up_to as usize];
        }
        self.offers.iter_mut().for_each(|o| *o = 0);
        for o in buffer.certain_offers() {
            self.offers[side.offers[o]] = 2;
        }
        for o in buffer.possible_offers() {
            self.offers[side.offers[o]] = 1;
        }
        let r = buffer.regie();
        self.regie = side.regie[r.certain as usize][r.up_to as usize];
        self.holder = buffer.regiehouder().map_or(u.holder_none, |h| side.holders[h.id as usize]);
    }
}

/// A kind of change, counted for the summary.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Change {
    Need(u16, u16, u16),
    Referral(u16, u8),
    Regie(u16, u16),
    Regiehouder(u16, u16),
}

/// One block's output: its part of the table and its counts.
struct Block {
    batch: RecordBatch,
    changed: u64,
    errors: u64,
    counts: HashMap<Change, u64>,
}

/// Evaluates and compares one block of rows (`old` and `new` the same cases as each
/// engine reads them), the first being case number `first`.
fn compare_block(
    u: &Union,
    schema: &SchemaRef,
    first: usize,
    old: &mut [Row],
    new: &mut [Row],
    now: Timestamp,
) -> Block {
    let n = old.len();
    let (areas, offers) = (u.areas.len(), u.offers.len());
    let mut changed = Vec::with_capacity(n);
    let mut error = StringBuilder::with_capacity(n, 0);
    let mut needs: Vec<Vec<Option<i16>>> = (0..2 * areas).map(|_| Vec::with_capacity(n)).collect();
    let mut referrals: Vec<Vec<Option<i8>>> = (0..offers).map(|_| Vec::with_capacity(n)).collect();
    let mut tail: Vec<Vec<Option<i16>>> = (0..4).map(|_| Vec::with_capacity(n)).collect();
    let (mut a, mut b) = (Digest::new(u), Digest::new(u));
    let (mut buf_a, mut buf_b) = (OutcomeBuffer::default(), OutcomeBuffer::default());
    let mut counts: HashMap<Change, u64> = HashMap::new();
    let (mut n_changed, mut n_errors) = (0, 0);
    for (x, y) in old.iter_mut().zip(new.iter_mut()) {
        let problem = match (eval(u.old.engine, x, now, &mut buf_a), eval(u.new.engine, y, now, &mut buf_b)) {
            (Ok(()), Ok(())) => None,
            (p, q) => {
                let parts: Vec<String> =
                    [p.err().map(|e| format!("old rules: {e}")), q.err().map(|e| format!("new rules: {e}"))]
                        .into_iter()
                        .flatten()
                        .collect();
                Some(parts.join("; "))
            }
        };
        if let Some(problem) = problem {
            n_errors += 1;
            changed.push(false);
            error.append_value(problem);
            needs.iter_mut().for_each(|c| c.push(None));
            referrals.iter_mut().for_each(|c| c.push(None));
            tail.iter_mut().for_each(|c| c.push(None));
            continue;
        }
        error.append_null();
        a.read(u, &u.old, &buf_a);
        b.read(u, &u.new, &buf_b);
        let mut any = false;
        for i in 0..areas {
            let (p, q) = (a.needs[i], b.needs[i]);
            let diff = p != q;
            any |= diff;
            needs[2 * i].push(diff.then_some(p as i16));
            needs[2 * i + 1].push(diff.then_some(q as i16));
            if diff {
                *counts.entry(Change::Need(i as u16, p, q)).or_default() += 1;
            }
        }
        for (i, column) in referrals.iter_mut().enumerate() {
            let change = match (a.offers[i], b.offers[i]) {
                (p, q) if p == q => None,
                (0, _) => Some(0),
                (_, 0) => Some(1),
                (2, _) => Some(2),
                _ => Some(3),
            };
            any |= change.is_some();
            column.push(change);
            if let Some(c) = change {
                *counts.entry(Change::Referral(i as u16, c as u8)).or_default() += 1;
            }
        }
        let regie = a.regie != b.regie;
        let holder = a.holder != b.holder;
        any |= regie || holder;
        tail[0].push(regie.then_some(a.regie as i16));
        tail[1].push(regie.then_some(b.regie as i16));
        tail[2].push(holder.then_some(a.holder as i16));
        tail[3].push(holder.then_some(b.holder as i16));
        if regie {
            *counts.entry(Change::Regie(a.regie, b.regie)).or_default() += 1;
        }
        if holder {
            *counts.entry(Change::Regiehouder(a.holder, b.holder)).or_default() += 1;
        }
        n_changed += u64::from(any);
        changed.push(any);
    }
    let dict16 = |keys: Vec<Option<i16>>, values: &ArrayRef| -> ArrayRef {
        Arc::new(DictionaryArray::<Int16Type>::try_new(Int16Array::from(keys), values.clone()).expect("keys in range"))
    };
    let (need_values, regie_values, holder_values) =
        (u.need_strings.array(), u.regie_strings.array(), u.holder_strings.array());
    let referral_values: ArrayRef = Arc::new(StringArray::from_iter_values(REFERRAL_CHANGES));
    let mut columns: Vec<ArrayRef> = vec![
        Arc::new(Int64Array::from_iter_values((first..first + n).map(|i| i as i64))),
        Arc::new(BooleanArray::from(changed)),
        Arc::new(error.finish()),
    ];
    columns.extend(needs.into_iter().map(|c| dict16(c, &need_values)));
    columns.extend(referrals.into_iter().map(|c| {
        Arc::new(DictionaryArray::<Int8Type>::try_new(Int8Array::from(c), referral_values.clone()).expect("keys"))
            as ArrayRef
    }));
    let mut tail = tail.into_iter();
    for values in [&regie_values, &regie_values, &holder_values, &holder_values] {
        columns.push(dict16(tail.next().expect("four columns"), values));
    }
    let batch = RecordBatch::try_new(schema.clone(), columns).expect("columns match the schema");
    Block { batch, changed: n_changed, errors: n_errors, counts }
}

/// Evaluates one row into `buffer`: the row's case error, or a panic in the engine, as text.
fn eval(engine: &Engine, row: &mut Row, now: Timestamp, buffer: &mut OutcomeBuffer) -> Result<(), String> {
    match row {
        Ok(case) => catch_unwind(AssertUnwindSafe(|| engine.outcome_into(case, now, buffer)))
            .map_err(|_| "internal error in the engine".to_string()),
        Err(e) => Err(e.to_string()),
    }
}

/// The summary line of a change, as `ImpactRow.changes()` writes it.
fn line(u: &Union, change: Change) -> String {
    let none = |s: &str| if s == "-" { "(none)".to_string() } else { s.to_string() };
    match change {
        Change::Need(area, p, q) => format!(
            "need {}: {} -> {}",
            u.areas[area as usize], u.need_strings.list[p as usize], u.need_strings.list[q as usize]
        ),
        Change::Referral(offer, 0) => format!("referral added: {}", u.offers[offer as usize]),
        Change::Referral(offer, 1) => format!("referral removed: {}", u.offers[offer as usize]),
        Change::Referral(offer, c) => {
            format!("referral {}: {}", u.offers[offer as usize], REFERRAL_CHANGES[c as usize])
        }
        Change::Regie(p, q) => {
            format!("regie: {} -> {}", u.regie_strings.list[p as usize], u.regie_strings.list[q as usize])
        }
        Change::Regiehouder(p, q) => format!(
            "regiehouder: {} -> {}",
            none(&u.holder_strings.list[p as usize]),
            none(&u.holder_strings.list[q as usize])
        ),
    }
}

/// What `_impact_table` returns: the table, the summary, the union's areas and offers.
type ImpactTable<'py> = (Bound<'py, PyAny>, Bound<'py, PyDict>, Vec<String>, Vec<String>);

/// A block of Arrow rows to compare: its first case's number, the rows, how each engine
/// reads the batch's columns.
type ArrowBlock = (usize, RecordBatch, Arc<(Layout, Layout)>);

/// Evaluates `cases` with both engines and compares them. Returns `(table, summary,
/// areas, offers)`: the table has a row per case (`case`, `changed`, `error`, per area
/// `need_<area>_old`/`_new`, per offer `referral_<offer>`, `regie_old`/`_new`,
/// `regiehouder_old`/`_new`; null where nothing changed, `-` for a missing area or no
/// regiehouder); the summary is `{cases, changed, errors, changes}` with the changes most
/// frequent first. `wegwijs.impact` wraps it in an `Impact`.
#[pyfunction]
#[pyo3(signature = (old, new, cases, now=None, workers=None))]
pub(crate) fn _impact_table<'py>(
    py: Python<'py>,
    old: &PyEngine,
    new: &PyEngine,
    cases: &Bound<'py, PyAny>,
    now: Option<&Bound<'py, PyAny>>,
    workers: Option<usize>,
) -> PyResult<ImpactTable<'py>> {
    let now: Timestamp = crate::time::timestamp(now)?;
    let workers = batch::workers(py, workers)?;
    let (old_engine, new_engine) = (old.engine(), new.engine());
    let u = Union::new(old_engine, new_engine);
    let schema = u.schema();
    let blocks: Vec<Block> = if cases.hasattr("__arrow_c_stream__")? || cases.hasattr("__arrow_c_array__")? {
        let reader = cases.extract::<AnyRecordBatch>()?.into_reader()?;
        let mut batches = reader.into_iter();
        type Current = (arrow_array::RecordBatch, Arc<(Layout, Layout)>, usize);
        let mut current: Option<Current> = None;
        let mut first = 0usize;
        let produce = || -> PyResult<Option<ArrowBlock>> {
            loop {
                if let Some((b, layouts, next)) = &mut current {
                    if *next < b.num_rows() {
                        let len = BLOCK.min(b.num_rows() - *next);
                        let block = b.slice(*next, len);
                        *next += len;
                        first += len;
                        return Ok(Some((first - len, block, layouts.clone())));
                    }
                }
                match batches.next() {
                    None => return Ok(None),
                    Some(b) => {
                        let b = b.map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
                        let layouts = Arc::new((Layout::new(old_engine, &b), Layout::new(new_engine, &b)));
                        current = Some((b, layouts, 0));
                    }
                }
            }
        };
        let work = |(first, block, layouts): ArrowBlock| {
            let mut a = arrow_in::rows(old_engine, &layouts.0, &block);
            let mut b = arrow_in::rows(new_engine, &layouts.1, &block);
            compare_block(&u, &schema, first, &mut a, &mut b, now)
        };
        batch::pipeline(py, workers, produce, work)?
    } else {
        // Both engines read the same cases: an iterator is read into a list first.
        let cases = Cases::new(cases)?.reusable()?;
        let mut old_reader = Reader::new(old_engine, old.table(), &cases, workers);
        let mut new_reader = Reader::new(new_engine, new.table(), &cases, workers);
        let mut first = 0usize;
        let produce = || match (old_reader.block()?, new_reader.block()?) {
            (Some(a), Some(b)) => {
                first += a.len();
                Ok(Some((first - a.len(), a, b)))
            }
            _ => Ok(None),
        };
        let work =
            |(first, mut a, mut b): (usize, Vec<Row>, Vec<Row>)| compare_block(&u, &schema, first, &mut a, &mut b, now);
        batch::pipeline(py, workers, produce, work)?
    };
    let (mut changed, mut errors, mut cases_n) = (0u64, 0u64, 0usize);
    let mut counts: HashMap<Change, u64> = HashMap::new();
    let mut batches = Vec::with_capacity(blocks.len());
    for block in blocks {
        changed += block.changed;
        errors += block.errors;
        cases_n += block.batch.num_rows();
        for (k, v) in block.counts {
            *counts.entry(k).or_default() += v;
        }
        batches.push(block.batch);
    }
    let mut lines: Vec<(String, u64)> = counts.into_iter().map(|(k, v)| (line(&u, k), v)).collect();
    lines.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    let summary = PyDict::new(py);
    summary.set_item("cases", cases_n)?;
    summary.set_item("changed", changed)?;
    summary.set_item("errors", errors)?;
    let changes = PyDict::new(py);
    for (k, v) in lines {
        changes.set_item(k, v)?;
    }
    summary.set_item("changes", changes)?;
    let table = PyTable::try_new(batches, schema)?.into_pyarrow(py)?;
    Ok((table, summary, u.areas.clone(), u.offers.clone()))
}
