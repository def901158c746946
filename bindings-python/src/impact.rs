//! Rule-change impact: the same cases through two rule sets, compared outcome by outcome
//! (needs, referrals, regie level, regiehouder). Compared by id, so the two rule sets may
//! differ in anything; the comparison runs on the compact outcomes, without rendering any
//! text, on the batch threads.

use crate::batch::{self, Cases, Evaluated, Reader, Row};
use crate::engine::PyEngine;
use engine::ruleset::source::Labelled;
use engine::{Engine, Evaluation, LevelOutcome, Timestamp};
use pyo3::prelude::*;
use pyo3::types::PyList;

/// The outcomes of one evaluation, by id.
struct Digest<'e> {
    needs: Vec<(&'e str, String)>,
    referrals: Vec<(&'e str, bool)>,
    regie: String,
    regiehouder: Option<&'e str>,
}

/// `level`, or `level..up_to` when open questions could raise it.
fn level(names: &[Labelled], l: &LevelOutcome) -> String {
    let id = |i: u8| names.get(i as usize).map_or("?", |n| n.id.as_str());
    if l.up_to > l.certain {
        format!("{}..{}", id(l.certain), id(l.up_to))
    } else {
        id(l.certain).to_string()
    }
}

fn digest<'e>(engine: &'e Engine, ev: &Evaluation) -> Digest<'e> {
    let src = engine.source();
    let m = &src.manifest;
    let o = ev.outcome();
    Digest {
        needs: m.areas.iter().zip(&o.needs).map(|(a, l)| (a.id.as_str(), level(&m.need_levels, l))).collect(),
        referrals: o.referrals.iter().map(|r| (src.offers[r.offer as usize].id.as_str(), r.certain)).collect(),
        regie: level(&m.regie_levels, &o.regie),
        regiehouder: o.regiehouder.as_ref().map(|h| m.regiehouders[h.id as usize].id.as_str()),
    }
}

fn status(certain: bool) -> &'static str {
    if certain {
        "certain"
    } else {
        "possible"
    }
}

/// The differences for one case (empty when nothing changed).
#[derive(Default)]
struct Diff {
    error: Option<String>,
    needs: Vec<(String, String, String)>,
    added: Vec<String>,
    removed: Vec<String>,
    status: Vec<(String, String, String)>,
    regie: Option<(String, String)>,
    regiehouder: Option<(Option<String>, Option<String>)>,
}

impl Diff {
    fn changed(&self) -> bool {
        !(self.needs.is_empty()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.status.is_empty()
            && self.regie.is_none()
            && self.regiehouder.is_none())
    }
}

fn compare(old: &Digest, new: &Digest) -> Diff {
    let mut d = Diff::default();
    for (area, new_level) in &new.needs {
        let old_level = old.needs.iter().find(|(a, _)| a == area).map_or("-", |(_, l)| l.as_str());
        if old_level != new_level {
            d.needs.push((area.to_string(), old_level.to_string(), new_level.clone()));
        }
    }
    for (area, old_level) in &old.needs {
        if !new.needs.iter().any(|(a, _)| a == area) {
            d.needs.push((area.to_string(), old_level.clone(), "-".into()));
        }
    }
    for (offer, certain) in &new.referrals {
        match old.referrals.iter().find(|(o, _)| o == offer) {
            None => d.added.push(offer.to_string()),
            Some((_, was)) if was != certain => {
                d.status.push((offer.to_string(), status(*was).into(), status(*certain).into()))
            }
            Some(_) => {}
        }
    }
    for (offer, _) in &old.referrals {
        if !new.referrals.iter().any(|(o, _)| o == offer) {
            d.removed.push(offer.to_string());
        }
    }
    if old.regie != new.regie {
        d.regie = Some((old.regie.clone(), new.regie.clone()));
    }
    if old.regiehouder != new.regiehouder {
        d.regiehouder = Some((old.regiehouder.map(str::to_string), new.regiehouder.map(str::to_string)));
    }
    d
}

fn diff(old_engine: &Engine, new_engine: &Engine, old: &Evaluated, new: &Evaluated) -> Diff {
    let problem = |which: &str, e: &Evaluated| match e {
        Evaluated::Ok(_) => None,
        Evaluated::Case(err) => Some(format!("{which} rules: {err}")),
        Evaluated::Internal => Some(format!("{which} rules: internal error in the engine")),
    };
    match (old, new) {
        (Evaluated::Ok(a), Evaluated::Ok(b)) => compare(&digest(old_engine, a), &digest(new_engine, b)),
        _ => {
            let messages: Vec<String> = [problem("old", old), problem("new", new)].into_iter().flatten().collect();
            Diff { error: Some(messages.join("; ")), ..Diff::default() }
        }
    }
}

/// Evaluates `cases` with both engines and returns one tuple per case, in input order:
/// `(changed, error, needs, added, removed, status, regie, regiehouder)`; `wegwijs.impact`
/// turns them into `ImpactRow`s and a summary.
#[pyfunction]
#[pyo3(signature = (old, new, cases, now=None, workers=None))]
pub(crate) fn _impact_rows<'py>(
    py: Python<'py>,
    old: &PyEngine,
    new: &PyEngine,
    cases: &Bound<'py, PyAny>,
    now: Option<&Bound<'py, PyAny>>,
    workers: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    let now: Timestamp = crate::time::timestamp(now)?;
    let workers = batch::workers(py, workers)?;
    // Both engines read the same cases: an iterator is read into a list first.
    let cases = Cases::new(cases)?.reusable()?;
    let mut old_reader = Reader::new(old.engine(), old.table(), &cases, workers);
    let mut new_reader = Reader::new(new.engine(), new.table(), &cases, workers);
    let (old_engine, new_engine) = (old.engine(), new.engine());
    let produce = || match (old_reader.block()?, new_reader.block()?) {
        (Some(a), Some(b)) => Ok(Some((a, b))),
        _ => Ok(None),
    };
    let work = |(a, b): (Vec<Row>, Vec<Row>)| {
        a.iter()
            .zip(&b)
            .map(|(x, y)| {
                let x = batch::evaluate_row(old_engine, x, now);
                let y = batch::evaluate_row(new_engine, y, now);
                diff(old_engine, new_engine, &x, &y)
            })
            .collect::<Vec<_>>()
    };
    let diffs = batch::pipeline(py, workers, produce, work)?;
    let out = PyList::empty(py);
    for d in diffs.into_iter().flatten() {
        let changed = d.changed();
        out.append((changed, d.error, d.needs, d.added, d.removed, d.status, d.regie, d.regiehouder))?;
    }
    Ok(out)
}
