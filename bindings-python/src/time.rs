//! The `now` argument: an RFC 3339 string, a timezone-aware `datetime`, or `None` for the
//! current time. (The core never reads the clock; the binding may, when asked to.)

use crate::error;
use engine::Timestamp;
use pyo3::prelude::*;
use pyo3::types::PyString;
use std::cell::RefCell;

/// The evaluation time given by `now`.
pub(crate) fn timestamp(now: Option<&Bound<'_, PyAny>>) -> PyResult<Timestamp> {
    let Some(now) = now.filter(|n| !n.is_none()) else {
        return Ok(clock());
    };
    let py = now.py();
    if let Ok(s) = now.cast::<PyString>() {
        return parse_cached(s);
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

/// Parses an RFC 3339 string, remembering the last one per thread: a loop passes the same
/// string object for every case, and parsing it (with a UTF-8 copy under the abi3 API) cost
/// more than evaluating a small rule set. The cache holds a reference to the string, so
/// its address cannot be taken by another object while it is cached (and `str` is
/// immutable).
fn parse_cached(s: &Bound<'_, PyString>) -> PyResult<Timestamp> {
    thread_local! {
        static LAST: RefCell<Option<(Py<PyString>, Timestamp)>> = const { RefCell::new(None) };
    }
    let hit = LAST.with_borrow(|last| last.as_ref().filter(|(p, _)| p.as_ptr() == s.as_ptr()).map(|(_, t)| *t));
    if let Some(t) = hit {
        return Ok(t);
    }
    let t = Timestamp::parse(&s.to_string_lossy()).map_err(|e| error::argument_error(s.py(), &e))?;
    LAST.with_borrow_mut(|last| *last = Some((s.clone().unbind(), t)));
    Ok(t)
}

/// The current time.
fn clock() -> Timestamp {
    let seconds =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    Timestamp::from_unix(seconds).unwrap_or(Timestamp::MAX)
}
