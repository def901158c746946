//! Reading and validating a case record. Errors name the part of the record and what was
//! expected, never a value: a record holds special-category personal data.

use super::model::{Action, Decision, Entry, Record, RECORD_FORMAT};
use crate::compile::RuleSet;
use crate::error::CaseError;
use crate::eval::case::CaseBuilder;
use crate::eval::time::parse_datetime;
use crate::limits::echo;
use crate::suggest;
use serde_json::{Map, Value as J};

const RECORD_KEYS: [&str; 5] = ["format", "case", "facts", "actions", "decisions"];

fn err(fact: &str, problem: impl Into<String>, hint: Option<String>) -> CaseError {
    CaseError { fact: fact.to_string(), problem: problem.into(), hint }
}

/// Whether a JSON object is a record (it has `facts` and the schema has no fact of that
/// name) rather than a plain facts object.
fn is_record(rules: &RuleSet, object: &Map<String, J>) -> bool {
    object.contains_key(super::RECORD_KEY) && !rules.names.contains_key(super::RECORD_KEY)
}

/// Parses a record (or a plain facts object) from JSON text, refusing duplicate keys.
pub(crate) fn from_str(rules: &std::sync::Arc<RuleSet>, text: &str) -> Result<Record, CaseError> {
    let limit = crate::limits::MAX_RECORD_BYTES;
    if text.len() > limit {
        return Err(err("(record)", format!("the record JSON is longer than {limit} bytes"), None));
    }
    let value = super::json::parse(text).map_err(|problem| err("(record)", problem, None))?;
    from_json(rules, &value)
}

/// Parses a record (or a plain facts object) from a JSON value.
pub(crate) fn from_json(rules: &std::sync::Arc<RuleSet>, value: &J) -> Result<Record, CaseError> {
    let Some(object) = value.as_object() else {
        return Err(err("(record)", "a case must be a JSON object of facts, or a case record", None));
    };
    if !is_record(rules, object) {
        let entries = facts(rules, object)?;
        return Ok(Record {
            case: None,
            facts: object.clone(),
            actions: Vec::new(),
            decisions: Vec::new(),
            is_record: false,
            entries,
            action_times: Vec::new(),
            decision_times: Vec::new(),
        });
    }
    for key in object.keys() {
        if !RECORD_KEYS.contains(&key.as_str()) {
            let hint = Some(suggest::hint(key, RECORD_KEYS));
            return Err(err("(record)", format!("`{}` is not a part of a case record", echo(key)), hint));
        }
    }
    if let Some(f) = object.get("format") {
        if f.as_str() != Some(RECORD_FORMAT) {
            return Err(err("(record)", format!("`format` must be \"{RECORD_FORMAT}\""), None));
        }
    }
    let case = match object.get("case") {
        None | Some(J::Null) => None,
        Some(J::String(s)) => Some(s.clone()),
        Some(_) => return Err(err("(record)", "`case` must be a text (a pseudonymous reference)", None)),
    };
    let Some(fact_object) = object["facts"].as_object() else {
        return Err(err("(record)", "`facts` must be a JSON object of facts", None));
    };
    let entries = facts(rules, fact_object)?;
    let actions: Vec<Action> = list(object.get("actions"), "actions", crate::limits::MAX_ACTIONS)?;
    let mut action_times = Vec::with_capacity(actions.len());
    for (i, a) in actions.iter().enumerate() {
        offer_exists(rules, &a.offer, &format!("actions[{i}].offer"))?;
        action_times.push(time(&a.at, &format!("actions[{i}].at"))?);
    }
    super::checks::same_instant(&actions, &action_times)?;
    let decisions: Vec<Decision> = list(object.get("decisions"), "decisions", crate::limits::MAX_DECISIONS)?;
    let mut decision_times = Vec::with_capacity(decisions.len());
    for (i, d) in decisions.iter().enumerate() {
        check_decision(rules, d, &format!("decisions[{i}]"))?;
        let t = time(&d.at, &format!("decisions[{i}].at"))?;
        if decision_times.last().is_some_and(|&last| t < last) {
            return Err(err(&format!("decisions[{i}].at"), "decisions must be in time order, oldest first", None));
        }
        decision_times.push(t);
    }
    Ok(Record {
        case,
        facts: fact_object.clone(),
        actions,
        decisions,
        is_record: true,
        entries,
        action_times,
        decision_times,
    })
}

/// Checks the ids a decision names against the rule set.
pub(crate) fn check_decision(rules: &RuleSet, d: &Decision, path: &str) -> Result<(), CaseError> {
    let m = &rules.source.manifest;
    super::checks::decision_form(d, path)?;
    if !m.regie_levels.iter().any(|l| l.id == d.regie) {
        let hint = Some(suggest::hint(&d.regie, m.regie_levels.iter().map(|l| l.id.as_str())));
        return Err(err(&format!("{path}.regie"), "is not a regie level of the rule set", hint));
    }
    if let Some(h) = &d.regiehouder {
        if !m.regiehouders.iter().any(|r| &r.id == h) {
            let hint = Some(suggest::hint(h, m.regiehouders.iter().map(|r| r.id.as_str())));
            return Err(err(&format!("{path}.regiehouder"), "is not a regiehouder of the rule set", hint));
        }
    }
    for (key, list) in [
        ("accepted", &d.accepted),
        ("rejected", &d.rejected),
        ("overrides_acknowledged", &d.overrides_acknowledged),
        ("consent_acknowledged", &d.consent_acknowledged),
    ] {
        for (i, o) in list.iter().enumerate() {
            offer_exists(rules, o, &format!("{path}.{key}[{i}]"))?;
        }
    }
    if let Some(o) = d.accepted.iter().find(|o| d.rejected.contains(o)) {
        return Err(err(&format!("{path}.rejected"), format!("offer `{o}` is both accepted and rejected"), None));
    }
    for key in d.reasons.keys() {
        let ok = key == "regie"
            || key == "regiehouder"
            || key.strip_prefix("referral:").is_some_and(|o| rules.source.offers.iter().any(|x| x.id == o));
        if !ok {
            let hint = Some("reasons are keyed `regie`, `regiehouder` or `referral:<offer>`".into());
            return Err(err(
                &format!("{path}.reasons"),
                format!("`{}` is not a departure that can have a reason", echo(key)),
                hint,
            ));
        }
    }
    Ok(())
}

fn offer_exists(rules: &RuleSet, offer: &str, path: &str) -> Result<(), CaseError> {
    if rules.source.offers.iter().any(|o| o.id == offer) {
        return Ok(());
    }
    let hint = Some(suggest::hint(offer, rules.source.offers.iter().map(|o| o.id.as_str())));
    Err(err(path, format!("`{}` is not an offer of the catalogue", echo(offer)), hint))
}

fn time(text: &str, path: &str) -> Result<i64, CaseError> {
    parse_datetime(text)
        .ok_or_else(|| err(path, "expected an RFC 3339 datetime with offset, e.g. 2026-03-01T10:00:00+01:00", None))
}

/// A list of actions or decisions; a wrong shape is reported by position and field name,
/// never with the value serde would quote.
fn list<T: serde::de::DeserializeOwned>(value: Option<&J>, name: &str, most: usize) -> Result<Vec<T>, CaseError> {
    let items = match value {
        None | Some(J::Null) => return Ok(Vec::new()),
        Some(J::Array(items)) => items,
        Some(_) => return Err(err(&format!("({name})"), format!("`{name}` must be a list"), None)),
    };
    if items.len() > most {
        return Err(err(&format!("({name})"), format!("a record has at most {most} {name}"), None));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            serde_json::from_value(item.clone()).map_err(|e| {
                let problem = super::checks::serde_problem(&e);
                err(
                    &format!("{name}[{i}]"),
                    problem,
                    Some(format!("see docs/case-record.md for the shape of `{name}`")),
                )
            })
        })
        .collect()
}

/// The facts of a record: plain values, `{ "value", "at" }` or, for times, `{ "from",
/// "to" }` (with an optional `at`); or a history: a list of those objects, each with its
/// `at`, oldest first. Nothing in a history is overwritten: the value at a time is the
/// latest one learned at or before it.
fn facts(rules: &std::sync::Arc<RuleSet>, object: &Map<String, J>) -> Result<Vec<Entry>, CaseError> {
    let mut b = CaseBuilder::new(rules.clone());
    let mut entries = Vec::with_capacity(object.len());
    for (name, v) in object {
        let slot = b.fact_index(name)?;
        match v {
            J::Array(items) if is_history(items) => {
                let mut last = None;
                for (i, item) in items.iter().enumerate() {
                    let path = format!("{name}[{i}]");
                    let at = entry(&mut b, slot, name, &path, item)?;
                    let Some(at) = at else {
                        return Err(err(
                            &path,
                            "every change in a fact's history needs its `at`",
                            Some("e.g. [{ \"value\": false, \"at\": \"2026-03-01T10:00:00+01:00\" }, …]".into()),
                        ));
                    };
                    if last.is_some_and(|l| at < l) {
                        return Err(err(&path, "a fact's history must be in time order, oldest first", None));
                    }
                    last = Some(at);
                    entries.push(Entry { slot: slot as u16, value: b.value_at(slot), at: Some(at) });
                }
            }
            _ => {
                let at = entry(&mut b, slot, name, name, v)?;
                entries.push(Entry { slot: slot as u16, value: b.value_at(slot), at });
            }
        }
    }
    Ok(entries)
}

/// A list of objects is a fact's history; any other list is a set value.
fn is_history(items: &[J]) -> bool {
    !items.is_empty() && items.iter().any(J::is_object)
}

/// Reads one value of a fact (plain, `{ value, at }` or a range) into the builder's slot
/// and returns its `at`. `path` names the place in errors.
fn entry(b: &mut CaseBuilder, slot: usize, name: &str, path: &str, v: &J) -> Result<Option<i64>, CaseError> {
    match v {
        J::Object(o) if o.contains_key("from") || o.contains_key("to") => {
            for key in o.keys() {
                if !["from", "to", "at"].contains(&key.as_str()) {
                    return Err(err(
                        path,
                        format!("`{key}` is not part of a range"),
                        Some("a range has `from`, `to` and optionally `at`".into()),
                    ));
                }
            }
            let (Some(from), Some(to)) = (o.get("from").and_then(J::as_str), o.get("to").and_then(J::as_str)) else {
                return Err(err(path, "a range needs both `from` and `to` as times", None));
            };
            b.set_range_at(slot, from, to)?;
            o.get("at").map(|t| fact_time(path, t)).transpose()
        }
        J::Object(o) => {
            for key in o.keys() {
                if !["value", "at"].contains(&key.as_str()) {
                    let hint = Some(suggest::hint(key, ["value", "at", "from", "to"]));
                    return Err(err(path, format!("`{key}` is not part of a fact"), hint));
                }
            }
            let Some(value) = o.get("value") else {
                return Err(err(
                    path,
                    "a fact given as an object needs `value`",
                    Some("e.g. { \"value\": …, \"at\": \"2026-03-01T10:00:00+01:00\" }".into()),
                ));
            };
            if value.is_object() {
                return Err(err(path, "`value` cannot itself be an object", None));
            }
            b.set_json(name, value)?;
            o.get("at").map(|t| fact_time(path, t)).transpose()
        }
        J::Array(items) if items.iter().any(J::is_object) => {
            Err(err(path, "a fact's history is a list of `{ \"value\", \"at\" }` objects, and cannot be nested", None))
        }
        _ => {
            b.set_json(name, v)?;
            Ok(None)
        }
    }
}

fn fact_time(name: &str, t: &J) -> Result<i64, CaseError> {
    t.as_str()
        .and_then(parse_datetime)
        .ok_or_else(|| err(name, "`at` must be an RFC 3339 datetime with offset, e.g. 2026-03-01T10:00:00+01:00", None))
}
