//! A rule set's ids (areas, levels, offers, urgencies, regiehouders) as Python strings,
//! made once per engine, so building an outcome only increments reference counts.

use engine::Engine;
use pyo3::prelude::*;
use pyo3::types::PyString;

/// Interned Python strings for every id an outcome refers to by index.
pub(crate) struct Names {
    pub(crate) areas: Vec<Py<PyString>>,
    pub(crate) need_levels: Vec<Py<PyString>>,
    pub(crate) regie_levels: Vec<Py<PyString>>,
    pub(crate) urgencies: Vec<Py<PyString>>,
    pub(crate) offers: Vec<Py<PyString>>,
    pub(crate) regiehouders: Vec<Py<PyString>>,
    pub(crate) certain: Py<PyString>,
    pub(crate) possible: Py<PyString>,
}

fn interned<'a>(py: Python<'_>, ids: impl Iterator<Item = &'a str>) -> Vec<Py<PyString>> {
    ids.map(|id| PyString::intern(py, id).unbind()).collect()
}

impl Names {
    /// The names of `engine`'s rule set.
    pub(crate) fn new(py: Python<'_>, engine: &Engine) -> Self {
        let src = engine.source();
        let m = &src.manifest;
        Names {
            areas: interned(py, m.areas.iter().map(|a| a.id.as_str())),
            need_levels: interned(py, m.need_levels.iter().map(|a| a.id.as_str())),
            regie_levels: interned(py, m.regie_levels.iter().map(|a| a.id.as_str())),
            urgencies: interned(py, m.urgencies.iter().map(|a| a.id.as_str())),
            offers: interned(py, src.offers.iter().map(|o| o.id.as_str())),
            regiehouders: interned(py, m.regiehouders.iter().map(|r| r.id.as_str())),
            certain: PyString::intern(py, "certain").unbind(),
            possible: PyString::intern(py, "possible").unbind(),
        }
    }

    /// `"certain"` or `"possible"`.
    pub(crate) fn status<'py>(&self, py: Python<'py>, certain: bool) -> Bound<'py, PyString> {
        if certain { &self.certain } else { &self.possible }.bind(py).clone()
    }
}

/// The string at `index` (an index the core produced for this rule set, so in range).
pub(crate) fn at<'py>(py: Python<'py>, names: &[Py<PyString>], index: impl Into<usize>) -> Bound<'py, PyString> {
    names[index.into()].bind(py).clone()
}
