//! Arrow columns → cases, without Python: the input side of `Engine.outcomes` for pyarrow,
//! polars and pandas (through pyarrow) data. Runs on the batch threads, GIL released.
//!
//! Each column is brought once per block to the one Arrow type its fact reads (casts are
//! zero-copy where the type already fits), then set row by row through the core's
//! `CaseBuilder`, so the checks and error messages are those of every other input. A
//! null is unknown, as is NaN in a float column; a column of a type its fact cannot take
//! gives each of its non-null rows the fact's "expected …" error.

use crate::conv;
use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Float64Type, Int64Type};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_cast::cast::{cast_with_options, CastOptions};
use arrow_schema::{DataType, Field, TimeUnit};
use engine::{CaseBuilder, CaseError, Engine, Timestamp};
use std::collections::HashMap;
use std::sync::Arc;

use crate::batch::Row;

/// A column, read as the type its fact takes.
enum Column {
    /// Every value null (Arrow's null type): all unknown.
    Null,
    Bool(ArrayRef),
    Int(ArrayRef),
    Float(ArrayRef),
    /// Enum values, RFC 3339 datetimes, dates (text).
    Text(ArrayRef),
    /// Timestamps with a time zone: their raw values and how many make a second.
    Seconds(ArrayRef, i64),
    /// Dates as days since the epoch.
    Days(ArrayRef),
    /// Sets: lists of text.
    Texts(ArrayRef),
    /// A type the fact cannot take (its nulls are still unknown).
    Wrong(ArrayRef),
    /// A dictionary-encoded (categorical) enum column: per row its key, per key the
    /// value's index in the fact's values (`None`: not one of them), matched once per
    /// block instead of once per row.
    Coded {
        column: ArrayRef,
        keys: Vec<usize>,
        values: Vec<Option<usize>>,
        texts: ArrayRef,
    },
}

/// Which fact each column of a batch sets (by name), or why it names none.
pub(crate) struct Layout {
    facts: Vec<Result<usize, CaseError>>,
}

impl Layout {
    /// Matches the batch's column names against the engine's facts.
    pub(crate) fn new(engine: &Engine, batch: &RecordBatch) -> Self {
        let index: HashMap<&str, usize> =
            engine.source().schema.facts.iter().enumerate().map(|(i, f)| (f.id.as_str(), i)).collect();
        let facts = batch
            .schema()
            .fields()
            .iter()
            .map(|field| match index.get(field.name().as_str()) {
                Some(&i) => Ok(i),
                None => Err(conv::not_a_fact_named(&mut engine.case_builder(), field.name())),
            })
            .collect();
        Layout { facts }
    }
}

fn cast(array: &ArrayRef, to: &DataType) -> Option<ArrayRef> {
    cast_with_options(array, to, &CastOptions { safe: false, ..Default::default() }).ok()
}

/// A dictionary-encoded column of text for an enum fact with `values`.
fn coded(array: &ArrayRef, values: &[String]) -> Option<Column> {
    let dict = array.as_any_dictionary_opt()?;
    let texts = cast(dict.values(), &DataType::Utf8)?;
    let strings = texts.as_string::<i32>();
    let values = (0..strings.len())
        .map(|k| if strings.is_null(k) { None } else { values.iter().position(|v| v == strings.value(k)) })
        .collect();
    Some(Column::Coded { column: array.clone(), keys: dict.normalized_keys(), values, texts })
}

/// `array` as the type a fact of `kind` (with enum `values`) reads.
fn column(kind: &str, values: &[String], array: &ArrayRef) -> Column {
    use DataType as D;
    let ty = array.data_type();
    if ty == &D::Null {
        return Column::Null;
    }
    if kind == "enum" && matches!(ty, D::Dictionary(..)) {
        if let Some(c) = coded(array, values) {
            return c;
        }
    }
    let text = matches!(ty, D::Utf8 | D::LargeUtf8 | D::Utf8View | D::Dictionary(..));
    let found = match (kind, ty) {
        ("bool", D::Boolean) => Some(Column::Bool(array.clone())),
        ("int", t) if t.is_integer() => cast(array, &D::Int64).map(Column::Int),
        ("int", t) if t.is_floating() => cast(array, &D::Float64).map(Column::Float),
        ("enum" | "datetime" | "date", _) if text => cast(array, &D::Utf8).map(Column::Text),
        ("datetime", D::Timestamp(unit, Some(_))) => {
            let per_second = match unit {
                TimeUnit::Second => 1,
                TimeUnit::Millisecond => 1_000,
                TimeUnit::Microsecond => 1_000_000,
                TimeUnit::Nanosecond => 1_000_000_000,
            };
            cast(array, &D::Int64).map(|a| Column::Seconds(a, per_second))
        }
        ("date", D::Date32 | D::Date64 | D::Timestamp(_, Some(_))) => cast(array, &D::Date32).map(Column::Days),
        ("set", D::List(_) | D::LargeList(_) | D::FixedSizeList(..) | D::ListView(_) | D::LargeListView(_)) => {
            cast(array, &D::List(Arc::new(Field::new_list_field(D::Utf8, true)))).map(Column::Texts)
        }
        _ => None,
    };
    found.unwrap_or_else(|| Column::Wrong(array.clone()))
}

/// Sets row `i` of `col` on the builder as fact `index` (named `name`).
fn set(b: &mut CaseBuilder, index: usize, name: &str, col: &Column, i: usize) -> Result<(), CaseError> {
    let null = match col {
        Column::Null => true,
        Column::Bool(a) | Column::Int(a) | Column::Float(a) | Column::Text(a) | Column::Seconds(a, _) => a.is_null(i),
        Column::Days(a) | Column::Texts(a) | Column::Wrong(a) => a.is_null(i),
        Column::Coded { column, keys, texts, .. } => column.is_null(i) || texts.is_null(keys[i]),
    };
    if null {
        return b.set_unknown_at(index);
    }
    match col {
        Column::Null => b.set_unknown_at(index),
        Column::Bool(a) => b.set_bool_at(index, a.as_boolean().value(i)),
        Column::Int(a) => b.set_int_at(index, a.as_primitive::<Int64Type>().value(i)),
        Column::Float(a) => {
            let x = a.as_primitive::<Float64Type>().value(i);
            if x.is_nan() {
                b.set_unknown_at(index)
            } else if x.fract() == 0.0 && x.abs() < 9.0e15 {
                b.set_int_at(index, x as i64)
            } else {
                Err(conv::expected_error(b, name))
            }
        }
        Column::Text(a) => b.set_text_at(index, a.as_string::<i32>().value(i)),
        Column::Seconds(a, per_second) => {
            let seconds = a.as_primitive::<Int64Type>().value(i).div_euclid(*per_second);
            // A time RFC 3339 cannot write is no time a case can hold.
            let Ok(t) = Timestamp::from_unix(seconds) else { return Err(conv::expected_error(b, name)) };
            b.set_text_at(index, &t.to_rfc3339())
        }
        Column::Days(a) => {
            let days = a.as_primitive::<Date32Type>().value(i) as i64;
            let Ok(t) = Timestamp::from_unix(days * 86_400) else { return Err(conv::expected_error(b, name)) };
            b.set_text_at(index, &t.to_rfc3339()[..10])
        }
        Column::Texts(a) => {
            let items = a.as_list::<i32>().value(i);
            let items = items.as_string::<i32>();
            if items.null_count() > 0 {
                return Err(conv::expected_error(b, name));
            }
            b.set_texts_at(index, items.iter().flatten())
        }
        Column::Coded { keys, values, texts, .. } => match values[keys[i]] {
            Some(v) => b.set_enum_at(index, v),
            None => b.set_text_at(index, texts.as_string::<i32>().value(keys[i])),
        },
        Column::Wrong(_) => Err(conv::expected_error(b, name)),
    }
}

/// The cases of `batch` (a block of rows), one per row: a case, or the row's first problem.
pub(crate) fn rows(engine: &Engine, layout: &Layout, batch: &RecordBatch) -> Vec<Row> {
    let facts = &engine.source().schema.facts;
    let n = batch.num_rows();
    let mut builders: Vec<CaseBuilder> = (0..n).map(|_| engine.case_builder()).collect();
    let mut errors: Vec<Option<CaseError>> = vec![None; n];
    for (fact, array) in layout.facts.iter().zip(batch.columns()) {
        let index = match fact {
            Ok(index) => *index,
            Err(e) => {
                for err in errors.iter_mut().filter(|e| e.is_none()) {
                    *err = Some(e.clone());
                }
                continue;
            }
        };
        let f = &facts[index];
        let col = column(&f.kind, &f.values, array);
        for (i, (b, err)) in builders.iter_mut().zip(errors.iter_mut()).enumerate() {
            if err.is_none() {
                if let Err(e) = set(b, index, &f.id, &col, i) {
                    *err = Some(e);
                }
            }
        }
    }
    builders.into_iter().zip(errors).map(|(b, e)| e.map_or_else(|| Ok(b.build()), Err)).collect()
}
