//! The `now` argument: an RFC 3339 string, a timezone-aware `datetime`, or `None` for the
//! current time. (The core never reads the clock; the binding may, when asked to.)

use crate::error;
use engine::Timestamp;
use pyo3::prelude::*;
use pyo3::types::PyString;

/// The evaluation time given by `now`.
pub(crate) fn timestamp(now: Option<&Bound<'_, PyAny>>) -> PyResult<Timestamp> {
    let Some(now) = now.filter(|n| !n.is_none()) else {
        return Ok(clock());
    };
    let py = now.py();
    if let Ok(s) = now.cast::<PyString>() {
        return Timestamp::parse(&s.to_string_lossy()).map_err(|e| error::argument_error(py, &e));
    }
    if now.hasattr("utcoffset")? && now.hasattr("timestamp")? {
        if now.call_method0("utcoffset")?.is_none() {
            return Err(error::argument(
                py,
                "evaluation time: a datetime needs a time zone (e.g. datetime.now(timezone.utc))".into(),
            ));
        }
        let seconds: f64 = now.call_method0("timestamp")?.extract()?;
        return in_range(seconds).ok_or_else(|| {
            error::argument(
                py,
                "evaluation time: must be a finite time from 0000-01-01T00:00:00Z to 9999-12-31T23:59:59Z \
                 (the RFC 3339 range)"
                    .into(),
            )
        });
    }
    Err(error::argument(py, "evaluation time: expected an RFC 3339 string, a timezone-aware datetime or None".into()))
}

/// The earliest and latest second RFC 3339 can write (years 0000 to 9999).
const FIRST: f64 = -62_167_219_200.0;
const LAST: f64 = 253_402_300_799.0;

/// `seconds` as a timestamp if it is finite and RFC 3339 can write it (NaN, the
/// infinities and e.g. 1e300 cannot be).
fn in_range(seconds: f64) -> Option<Timestamp> {
    let s = seconds.floor();
    (s.is_finite() && (FIRST..=LAST).contains(&s)).then_some(Timestamp(s as i64))
}

/// The current time.
fn clock() -> Timestamp {
    let seconds =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    Timestamp(seconds)
}
