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
        return Timestamp::from_unix_f64(seconds).map_err(|e| error::argument_error(py, &e));
    }
    Err(error::argument(py, "evaluation time: expected an RFC 3339 string, a timezone-aware datetime or None".into()))
}

/// The current time.
fn clock() -> Timestamp {
    let seconds =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    Timestamp::from_unix(seconds).unwrap_or(Timestamp::MAX)
}
