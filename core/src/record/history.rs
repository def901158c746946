//! A fact's history in a case record. Nothing is overwritten: the value at a time is the
//! latest one learned at or before it, and a fact that changed between two times is shown
//! with its label and its old and new value in words (the codes stay in the JSON).

use super::model::{Entry, Record};
use crate::compile::model::{Format, Priority};
use crate::compile::RuleSet;
use crate::eval::time::format_date;
use crate::eval::value::Value;
use crate::expr::types::Ty;
use crate::result::FactChange;
use crate::text::Text;
use serde_json::Value as J;

/// The latest entry of `slot` learned at or before `t` (an entry without `at` is known
/// from the start).
pub(crate) fn latest(entries: &[Entry], slot: u16, t: i64) -> Option<&Entry> {
    entries.iter().rev().find(|e| e.slot == slot && e.at.is_none_or(|at| at <= t))
}

/// Per slot, its latest entry learned at or before `t`, in one pass: a slot's entries are in
/// time order (the reader refuses a history out of order), so the last one that qualifies is
/// the latest.
fn latest_all(entries: &[Entry], slots: usize, t: i64) -> Vec<Option<&Entry>> {
    let mut out = vec![None; slots];
    for e in entries.iter().filter(|e| e.at.is_none_or(|at| at <= t)) {
        out[e.slot as usize] = Some(e);
    }
    out
}

/// The schema-fact values of a record as of `now`, and which facts went stale: the latest
/// value learned by `now` counts, unless it is older than the fact's `valid_for`.
pub(crate) fn values_at(rules: &RuleSet, record: &Record, now: i64) -> (Vec<Value>, Vec<u16>) {
    let mut values = vec![Value::Unknown; rules.facts.len()];
    let mut stale = Vec::new();
    for (slot, e) in latest_all(&record.entries, rules.facts.len(), now).into_iter().enumerate() {
        let Some(e) = e else { continue };
        let valid_for = rules.facts[slot].valid_for;
        if let (Some(at), Some(limit)) = (e.at, valid_for) {
            if now.saturating_sub(at) > limit {
                if e.value != Value::Unknown {
                    stale.push(slot as u16);
                }
                continue;
            }
        }
        values[slot] = e.value;
    }
    (values, stale)
}

/// The facts (of `only`, or all when `None`) whose known value at `since` differs from
/// their value at `now`: a re-confirmed value is no change, and a first answer is not a
/// change either (it is an answered question; a single value cannot tell a first answer
/// from a re-confirmation). Facts that can reveal danger
/// (`priority = "danger_now"`) first, then by when they changed, then by id.
pub(crate) fn changed_between(
    rules: &RuleSet,
    entries: &[Entry],
    since: i64,
    now: i64,
    only: Option<&[u16]>,
) -> Vec<FactChange> {
    let mut out: Vec<(bool, i64, FactChange)> = Vec::new();
    let (before, after) = (latest_all(entries, rules.facts.len(), since), latest_all(entries, rules.facts.len(), now));
    for slot in 0..rules.facts.len() as u16 {
        if only.is_some_and(|o| !o.contains(&slot)) {
            continue;
        }
        let Some(new) = after[slot as usize] else { continue };
        let Some(at) = new.at.filter(|&at| at > since) else { continue };
        let old = before[slot as usize].map_or(Value::Unknown, |e| e.value);
        if old == new.value || old == Value::Unknown {
            continue; // the same value re-confirmed, or a first answer (not a change)
        }
        let change = fact_change(rules, slot, old, new.value, at);
        out.push((!change.danger, at, change));
    }
    crate::sort::sort_by(&mut out, |a, b| (a.0, a.1, &a.2.fact).cmp(&(b.0, b.1, &b.2.fact)));
    out.into_iter().map(|(_, _, c)| c).collect()
}

/// The first entry of `slot` learned after `since` (and by `now`) whose value differs from
/// the known value at `since`: a fact that changed and changed back still changed. `None`
/// when the fact was unknown at `since`.
pub(crate) fn first_difference(entries: &[Entry], slot: u16, since: i64, now: i64) -> Option<&Entry> {
    let old = latest(entries, slot, since).map(|e| e.value).filter(|&v| v != Value::Unknown)?;
    entries.iter().filter(|e| e.slot == slot && e.at.is_some_and(|at| at > since && at <= now)).find(|e| e.value != old)
}

/// One change of a fact, in codes and in words.
pub(crate) fn fact_change(rules: &RuleSet, slot: u16, old: Value, new: Value, at: i64) -> FactChange {
    FactChange {
        fact: rules.facts[slot as usize].id.clone(),
        from: code(rules, slot, old),
        to: code(rules, slot, new),
        at: rules.zone.format(at),
        danger: rules.facts[slot as usize].priority == Priority::DangerNow,
        text: words(rules, slot, old, new, at),
    }
}

/// A value as the record writes it (`null` for unknown; enum values by id; times in the
/// rule set's zone; a range as `{ from, to }`).
fn code(rules: &RuleSet, slot: u16, value: Value) -> J {
    let ty = rules.facts[slot as usize].ty;
    let time = |t: i64| J::String(if ty == Ty::Date { format_date(t) } else { rules.zone.format(t) });
    match (value, ty) {
        (Value::Bool(b), _) => J::Bool(b),
        (Value::Int(n), _) => J::from(n),
        (Value::Enum(i), Ty::Enum(d)) => J::String(rules.domains[d as usize].values[i as usize].clone()),
        (Value::Set(bits), Ty::Set(d)) => {
            let values = &rules.domains[d as usize].values;
            J::Array((0..values.len()).filter(|i| bits >> i & 1 == 1).map(|i| J::String(values[i].clone())).collect())
        }
        (Value::Time(t), _) => time(t),
        (Value::TimeRange(..), _) => {
            let (from, to) = value.time_bounds().unwrap_or_default();
            serde_json::json!({ "from": time(from), "to": time(to) })
        }
        (Value::IntRange(lo, w), _) => serde_json::json!({ "from": lo, "to": lo.saturating_add(i64::from(w)) }),
        _ => J::Null,
    }
}

/// "Pleger woont in hetzelfde huis: nu ja (was nee; sinds 5 maart)", in every language of
/// the fact's label.
fn words(rules: &RuleSet, slot: u16, old: Value, new: Value, at: i64) -> Text {
    let fact = &rules.source.schema.facts[slot as usize];
    let ty = rules.facts[slot as usize].ty;
    let local = rules.zone.local(at);
    let months = rules.source.manifest.summary_words.as_ref().map(|w| &w.months);
    Text::from_pairs(fact.label.languages().map(|lang| {
        let say = |v: Value| {
            let mut s = String::new();
            crate::explain::render::value_text(rules, v, ty, Some(slot), &Format::Plain, lang, &mut s);
            s
        };
        let date = match (local, months) {
            (Some(t), Some(m)) if m.len() >= t.month as usize && t.month > 0 => {
                format!("{} {}", t.day, m[t.month as usize - 1].get(lang))
            }
            _ => format_date(at),
        };
        let (now_word, was, since) = if lang == "nl" { ("nu", "was", "sinds") } else { ("now", "was", "since") };
        let line = format!("{}: {now_word} {} ({was} {}; {since} {date})", fact.label.get(lang), say(new), say(old));
        (lang.to_string(), line)
    }))
}
