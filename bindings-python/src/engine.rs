//! `wegwijs.Engine`: a loaded rule set. Immutable and shareable across threads; pickles
//! as its bundle, so it travels to multiprocessing, Spark and Dask workers.

use crate::batch::{self, Evaluated};
use crate::conv::{self, FactTable};
use crate::names::Names;
use crate::result::{to_py, PyEvaluation};
use crate::{error, flat, outcomes, time};
use engine::Engine;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple, PyType};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::OnceLock;
use std::time::Duration;

/// A loaded, compiled rule set.
#[pyclass(module = "wegwijs", name = "Engine", frozen)]
pub(crate) struct PyEngine {
    engine: Engine,
    table: FactTable,
    names: Names,
    /// How to make it again when unpickled, so that a signed rule set stays signed.
    origin: Origin,
}

/// Where an engine came from, as far as pickling needs to know.
enum Origin {
    /// `Engine.default()`: the built-in rules, signed at build time.
    National,
    /// A bundle verified against trusted keys: its text and the key texts.
    Verified { bundle: String, trust: Vec<String> },
    /// Anything else: its own (unsigned) bundle is enough.
    Unsigned,
}

impl PyEngine {
    fn wrap(py: Python<'_>, engine: Result<Engine, engine::RuleError>, origin: Origin) -> PyResult<Self> {
        let engine = engine.map_err(|e| error::rule_error(py, &e))?;
        let table = FactTable::new(py, &engine)?;
        let names = Names::new(py, &engine);
        Ok(PyEngine { engine, table, names, origin })
    }

    pub(crate) fn engine(&self) -> &Engine {
        &self.engine
    }

    pub(crate) fn table(&self) -> &FactTable {
        &self.table
    }

    pub(crate) fn names(&self) -> &Names {
        &self.names
    }
}

/// The `trust=` argument: public key file texts, read into keys (`ArgumentError` if not).
fn trusted_keys(py: Python<'_>, trust: Option<Vec<String>>) -> PyResult<Option<Vec<engine::signing::PublicKey>>> {
    trust
        .map(|texts| texts.iter().map(|t| engine::signing::PublicKey::from_text(t)).collect::<Result<Vec<_>, _>>())
        .transpose()
        .map_err(|e| error::argument_error(py, &e))
}

#[pymethods]
impl PyEngine {
    /// The national rule set built into the library.
    #[classmethod]
    fn default(_cls: &Bound<'_, PyType>, py: Python<'_>) -> PyResult<Self> {
        // Like `Engine::national()`, compiled once per process, but a rule set that does
        // not load raises `RuleError` instead of panicking.
        static NATIONAL: OnceLock<Engine> = OnceLock::new();
        if let Some(e) = NATIONAL.get() {
            return Self::wrap(py, Ok(e.clone()), Origin::National);
        }
        let loaded = py.detach(Engine::try_national);
        let engine = loaded.map(|e| NATIONAL.get_or_init(|| e).clone());
        Self::wrap(py, engine, Origin::National)
    }

    /// Loads a rule-set folder or a JSON bundle file. With `trust` (texts of public key
    /// files), only a bundle signed by one of those keys loads.
    #[classmethod]
    #[pyo3(signature = (path, trust = None))]
    fn load(_cls: &Bound<'_, PyType>, py: Python<'_>, path: PathBuf, trust: Option<Vec<String>>) -> PyResult<Self> {
        let keys = trusted_keys(py, trust.clone())?;
        let loaded = py.detach(|| match &keys {
            None => Engine::load(&path),
            Some(keys) => Engine::load_verified(&path, keys),
        });
        // A verified bundle is kept as read, so that a pickled engine is verified again.
        let origin = match (trust, &loaded) {
            (Some(trust), Ok(_)) => match std::fs::read_to_string(&path) {
                Ok(bundle) => Origin::Verified { bundle, trust },
                Err(e) => return Err(pyo3::exceptions::PyOSError::new_err(e.to_string())),
            },
            _ => Origin::Unsigned,
        };
        Self::wrap(py, loaded, origin)
    }

    /// Loads a JSON bundle given as text (as written by `bundle()` or `wegwijs bundle`).
    /// With `trust` (texts of public key files), only a bundle signed by one of them loads.
    #[classmethod]
    #[pyo3(signature = (text, trust = None))]
    fn from_bundle(_cls: &Bound<'_, PyType>, py: Python<'_>, text: &str, trust: Option<Vec<String>>) -> PyResult<Self> {
        let keys = trusted_keys(py, trust.clone())?;
        let loaded = py.detach(|| match &keys {
            None => Engine::from_bundle(text),
            Some(keys) => Engine::from_bundle_verified(text, keys),
        });
        let origin = match trust {
            Some(trust) => Origin::Verified { bundle: text.to_string(), trust },
            None => Origin::Unsigned,
        };
        Self::wrap(py, loaded, origin)
    }

    /// The rule set's name, e.g. `wegwijs-nationaal`.
    #[getter]
    fn name(&self) -> String {
        self.engine.id().name
    }

    /// The rule set's version.
    #[getter]
    fn version(&self) -> String {
        self.engine.id().version
    }

    /// `sha256:…` over the rule set's canonical content.
    #[getter]
    fn hash(&self) -> String {
        self.engine.id().hash
    }

    /// The whole rule set as one JSON document; `Engine.from_bundle` loads it back.
    fn bundle(&self) -> String {
        self.engine.bundle()
    }

    /// Evaluates one case (a mapping of fact ids to values; missing or `None` = unknown)
    /// at `now` (RFC 3339 text or an aware datetime; default: the current time). A case
    /// record (a mapping with `facts`, told apart as `wegwijs eval` does) is evaluated as
    /// `evaluate_record` does.
    #[pyo3(signature = (case, now = None))]
    fn evaluate(
        slf: &Bound<'_, Self>,
        case: &Bound<'_, PyAny>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyEvaluation> {
        let py = slf.py();
        let this = slf.get();
        if this.is_record(case)? {
            return Self::evaluate_record(slf, case, now);
        }
        let now = time::timestamp(now)?;
        let case = conv::case(&this.engine, &this.table, case).map_err(|e| e.into_py(py))?;
        // One case is evaluated in about a microsecond: releasing the GIL would cost more
        // than it gives. A panic in the engine becomes an exception, not a crash.
        match catch_unwind(AssertUnwindSafe(|| this.engine.evaluate(&case, now))) {
            Ok(ev) => Ok(PyEvaluation::new(slf.clone().unbind(), ev)),
            Err(_) => Err(error::internal(py, "evaluate")),
        }
    }

    /// Evaluates many cases (an iterable of mappings, or a pandas DataFrame) on `workers`
    /// threads (default: every core), without the GIL. Returns one entry per case, in
    /// order: a `Result`, or a `CaseError` for a case that does not fit the schema.
    #[pyo3(signature = (cases, now = None, workers = None))]
    fn evaluate_many<'py>(
        slf: &Bound<'py, Self>,
        cases: &Bound<'py, PyAny>,
        now: Option<&Bound<'py, PyAny>>,
        workers: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let py = slf.py();
        let this = slf.get();
        let now = time::timestamp(now)?;
        let workers = batch::workers(py, workers)?;
        let evaluated = batch::evaluate_all(py, &this.engine, &this.table, cases, now, workers)?;
        let out = PyList::empty(py);
        for (i, e) in evaluated.into_iter().enumerate() {
            if i % 4096 == 4095 {
                py.check_signals()?;
            }
            match e {
                Evaluated::Ok(ev) => out.append(Bound::new(py, PyEvaluation::new(slf.clone().unbind(), ev))?)?,
                Evaluated::Case(err) => out.append(error::case_error_object(py, &err)?)?,
                Evaluated::Internal => out.append(error::internal(py, "evaluate_many").into_value(py))?,
            }
        }
        Ok(out)
    }

    /// The outcomes of many cases as a `pyarrow.Table`, one row per case in input order:
    /// regie, needs, regiehouder, one status and urgency column per offer, and `error`
    /// for a row that does not fit the schema. `data`: a pyarrow Table/RecordBatch, a
    /// polars or pandas DataFrame, anything with the Arrow PyCapsule interface, or an
    /// iterable of mappings. Runs on `workers` threads (default: every core).
    #[pyo3(signature = (data, *, now = None, workers = None))]
    fn outcomes<'py>(
        &self,
        data: &Bound<'py, PyAny>,
        now: Option<&Bound<'py, PyAny>>,
        workers: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        outcomes::outcomes(self, data, now, workers)
    }

    /// The outcome of one case as a flat tuple of the rule set's ids, the fast path for a
    /// call per case: `(certain_offers, possible_offers, regie, regie_up_to)`, offers as
    /// tuples in catalogue order; the regie level is certain when `regie == regie_up_to`.
    /// Nothing else is built (no `Result`, no texts).
    #[pyo3(signature = (case, now = None))]
    fn outcome<'py>(&self, case: &Bound<'py, PyAny>, now: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyTuple>> {
        flat::outcome(self, case, now)
    }

    /// The column names of `outcomes()`, in order (its schema: every column is text).
    fn outcome_columns(&self) -> Vec<String> {
        outcomes::schema(&self.engine).fields().iter().map(|f| f.name().clone()).collect()
    }

    /// The unanswered questions that could still change the proposal for `case`, most
    /// urgent first (without rendering the rest of the proposal).
    #[pyo3(signature = (case, now = None))]
    fn questions<'py>(
        slf: &Bound<'py, Self>,
        case: &Bound<'py, PyAny>,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let ev = Self::evaluate(slf, case, now)?;
        to_py(slf.py(), &ev.evaluation().questions())
    }

    /// The intake schema, to build forms: `languages`, `region_fact`, `sections` (id,
    /// label) and `facts` (id, type, values, value_labels, min, max, section, label,
    /// question, help), in gespreksgids order.
    fn schema<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let src = self.engine.source();
        let value = serde_json::json!({
            "name": src.manifest.name,
            "version": src.manifest.version,
            "languages": src.manifest.languages,
            "region_fact": src.manifest.region_fact,
            "sections": src.schema.sections,
            "facts": src.schema.facts,
        });
        to_py(py, &value)
    }

    /// The findings of `wegwijs check` (dicts: code, severity, message, location, witness),
    /// most serious first.
    ///
    /// The analysis runs on its own thread while this one waits without the GIL and checks
    /// for signals every 50 ms, so Ctrl-C raises `KeyboardInterrupt` at once (the
    /// abandoned analysis finishes in the background and is dropped).
    fn check<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let engine = self.engine.clone();
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("wegwijs-check".into())
            .spawn(move || {
                let _ = tx.send(catch_unwind(AssertUnwindSafe(|| engine.check())));
            })
            .map_err(|_| error::internal(py, "check: no thread"))?;
        let mut rx = rx;
        loop {
            // The receiver moves into the GIL-free closure and back (it is Send, not Sync).
            let (got, back) = py.detach(move || (rx.recv_timeout(Duration::from_millis(50)), rx));
            rx = back;
            match got {
                Ok(Ok(findings)) => return to_py(py, &findings),
                Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => return Err(error::internal(py, "check")),
                Err(RecvTimeoutError::Timeout) => py.check_signals()?,
            }
        }
    }

    /// Runs the rule set's scenario tests: one dict per scenario (id, description,
    /// passed, failures).
    fn run_tests<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let engine = &self.engine;
        let results = py
            .detach(|| catch_unwind(AssertUnwindSafe(|| engine.run_scenarios())))
            .map_err(|_| error::internal(py, "run_tests"))?;
        let value: Vec<serde_json::Value> = results
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id, "description": r.description, "passed": r.passed(), "failures": r.failures,
                })
            })
            .collect();
        to_py(py, &value)
    }

    /// Pickles as `Engine.default()`, as its verified bundle with the same trusted keys, or
    /// as its own bundle: the unpickled engine says who signed it exactly as this one does.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let (py, class) = (slf.py(), slf.get_type());
        match &slf.get().origin {
            Origin::National => Ok((class.getattr("default")?, PyTuple::empty(py))),
            Origin::Verified { bundle, trust } => {
                Ok((class.getattr("from_bundle")?, (bundle.as_str(), trust.clone()).into_pyobject(py)?))
            }
            Origin::Unsigned => Ok((class.getattr("from_bundle")?, PyTuple::new(py, [slf.get().engine.bundle()])?)),
        }
    }

    fn __repr__(&self) -> String {
        let id = self.engine.id();
        format!("<wegwijs.Engine {} {} {}>", id.name, id.version, id.hash)
    }
}
