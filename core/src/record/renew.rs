//! Escalation after "done": a done offer whose catalogue entry `renews` on some facts is
//! needed again when one of those facts changed after the action's `at` and the rules
//! propose the offer now. A melding done before the perpetrator moved in is not the same
//! melding. The renewed step comes back with its own label and urgency; the old action
//! stays in the record.

use super::history::{changed_between, fact_change, first_difference, latest};
use super::model::Record;
use crate::compile::RuleSet;
use crate::eval::outcome::Outcome;
use crate::result::Renewal;

/// Per renewed offer: its index, and its renewal urgency with the view of it.
pub(crate) fn renewals(
    rules: &RuleSet,
    record: &Record,
    done: &[u16],
    outcome: &Outcome,
    now: i64,
    done_at: impl Fn(u16) -> i64,
) -> Vec<(u16, (u8, Renewal))> {
    let mut out = Vec::new();
    for &o in done {
        let Some((facts, urgency)) = &rules.offers[o as usize].renews else { continue };
        if !outcome.referrals.iter().any(|r| r.offer == o) {
            continue; // the rules do not propose it now: nothing to renew
        }
        let at = done_at(o);
        // The first real change of a named fact after the action (a re-confirmation is none).
        let Some(first) =
            facts.iter().filter_map(|&f| first_difference(&record.entries, f, at, now)).filter_map(|e| e.at).min()
        else {
            continue;
        };
        let mut changed = changed_between(rules, &record.entries, at, now, Some(facts));
        if changed.is_empty() {
            // Changed and changed back by now: show the first change.
            changed.extend(facts.iter().filter_map(|&f| {
                let e = first_difference(&record.entries, f, at, now)?;
                let old = latest(&record.entries, f, at).map_or(crate::eval::value::Value::Unknown, |x| x.value);
                Some(fact_change(rules, f, old, e.value, e.at?))
            }));
        }
        let first = rules.zone.format(first);
        let offer = &rules.source.offers[o as usize];
        let renewal = Renewal {
            offer: offer.id.clone(),
            done_at: rules.zone.format(at),
            changed_at: first,
            label: offer.renews.as_ref().map(|r| r.label.clone()).unwrap_or_default(),
            facts: changed,
        };
        out.push((o, (*urgency, renewal)));
    }
    out
}
