//! The semantics of a record: staleness, actions, the decision that stays, termijn
//! verstreken. Everything is a pure function of the record, the rule set and `now`.

use super::history::{changed_between, values_at};
use super::model::{ActionStatus, Entry, Record};
use super::ranges::{self, latest_deadline};
use super::renew;
use crate::compile::RuleSet;
use crate::engine::{Engine, Evaluation, Layer};
use crate::eval::questions::{Affects, OpenQuestion};
use crate::eval::value::Value;
use crate::explain::proposal::warning;
use crate::result::{ActionView, DeadlineView, DecidedStatus, Declined, Proposal, RecordStatus};
use std::sync::Arc;

/// What an evaluation of a record carries besides the plain evaluation.
#[derive(Debug)]
pub(crate) struct RecordContext {
    pub status: RecordStatus,
    /// Offers done and declined (indices), for the questions filter.
    done: Vec<u16>,
    declined: Vec<u16>,
    /// Offers the latest decision (taken by the evaluation time) rejected.
    pub rejected: Vec<u16>,
    /// The last decision was taken on a proposal of another rule set (version).
    other_ruleset: bool,
    /// The record's fact history, for what changed since an earlier proposal.
    pub entries: Vec<Entry>,
}

fn offer_index(rules: &RuleSet, id: &str) -> Option<u16> {
    rules.source.offers.iter().position(|o| o.id == id).map(|i| i as u16)
}

pub(crate) fn evaluate(engine: &Engine, record: &Record, now: i64) -> Evaluation {
    let rules = engine.rules();
    let (values, stale) = values_at(rules, record, now);
    let state = record.action_state(now);
    let with = |s: ActionStatus| -> Vec<u16> {
        let mut v: Vec<u16> =
            state.iter().filter(|(_, (st, _))| *st == s).filter_map(|(o, _)| offer_index(rules, o)).collect();
        v.sort_unstable();
        v
    };
    let (done, declined, planned) =
        (with(ActionStatus::Done), with(ActionStatus::Declined), with(ActionStatus::Planned));
    let mut ev = engine.evaluate_values(&values, now, &declined);
    if !record.is_record {
        return ev;
    }
    let offer_id = |o: u16| rules.source.offers[o as usize].id.clone();
    let action_at = |o: u16| state[rules.source.offers[o as usize].id.as_str()].1;
    let view = |o: u16, status: &str| ActionView {
        offer: offer_id(o),
        status: status.into(),
        at: rules.zone.format(action_at(o)),
    };

    // Done and declined offers the rules would otherwise propose.
    let mut not_again = Vec::new();
    let without_decline = if declined.is_empty() { None } else { Some(engine.evaluate_values(&values, now, &[])) };
    for r in &without_decline.as_ref().unwrap_or(&ev).outcome().referrals {
        if declined.contains(&r.offer) && !ev.outcome().referrals.iter().any(|x| x.offer == r.offer) {
            not_again.push(view(r.offer, "declined"));
        }
    }
    // Done offers that the rules propose again and whose `renews` facts changed since.
    let renewals = renew::renewals(rules, record, &done, ev.outcome(), now, action_at);
    // Termijn verstreken: a planned offer whose deadline (now, or when it was planned) passed
    // (for a deadline from a range: its latest end).
    let mut passed = Vec::new();
    let mut deadline_ranges = Vec::new();
    for &o in &planned {
        let current = ev.outcome().referrals.iter().find(|r| r.offer == o).and_then(|r| r.deadline);
        let (deadline, latest) = match current {
            Some(d) => (Some(d), latest_deadline(rules, ev.rule_status(), ev.env().slots, o)),
            None => {
                let at = action_at(o);
                let (then_values, _) = values_at(rules, record, at);
                let then = engine.evaluate_values(&then_values, at, &declined);
                let d = then.outcome().referrals.iter().find(|r| r.offer == o).and_then(|r| r.deadline);
                (d, latest_deadline(rules, then.rule_status(), then.env().slots, o))
            }
        };
        let Some(d) = deadline else { continue };
        if let Some(l) = latest.filter(|&l| l > d) {
            deadline_ranges.push(ranges::view(rules, &offer_id(o), d, l, now));
            if l < now {
                passed.push(DeadlineView { offer: offer_id(o), deadline: rules.zone.format(l) });
            }
        } else if d < now {
            passed.push(DeadlineView { offer: offer_id(o), deadline: rules.zone.format(d) });
        }
    }
    // Proposed (not planned, not done unless renewed) referrals with a range deadline.
    let renewed = |o: u16| renewals.iter().any(|(x, _)| *x == o);
    for r in &ev.outcome().referrals {
        let shown = !planned.contains(&r.offer) && (!done.contains(&r.offer) || renewed(r.offer));
        let Some(d) = r.deadline.filter(|_| shown) else { continue };
        if let Some(l) = latest_deadline(rules, ev.rule_status(), ev.env().slots, r.offer).filter(|&l| l > d) {
            deadline_ranges.push(ranges::view(rules, &offer_id(r.offer), d, l, now));
        }
    }
    deadline_ranges.sort_by(|a, b| a.offer.cmp(&b.offer));
    let outcome = ev.outcome_mut();
    outcome.referrals.retain_mut(|r| {
        if let Some((urgency, _)) = renewals.iter().find(|(o, _)| *o == r.offer).map(|(_, x)| x) {
            r.urgency = *urgency;
            return true;
        }
        let is_done = done.contains(&r.offer);
        if is_done {
            not_again.push(view(r.offer, "done"));
        }
        !is_done
    });
    crate::eval::outcome::sort_referrals(rules, &mut outcome.referrals);
    not_again.sort_by(|a, b| a.offer.cmp(&b.offer));

    // The latest decision taken by `now` stays; the proposal is compared with it.
    let m = &rules.source.manifest;
    let last = record.decisions.iter().zip(&record.decision_times).rev().find(|(_, &t)| t <= now);
    let mut departures = Vec::new();
    if let Some((d, _)) = last {
        if m.regie_levels[outcome.regie.certain as usize].id != d.regie {
            departures.push("regie".to_string());
        }
        let proposed = outcome.regiehouder.as_ref().map(|h| m.regiehouders[h.id as usize].id.as_str());
        if let (Some(p), Some(assigned)) = (proposed, &d.regiehouder) {
            if p != assigned {
                departures.push("regiehouder".to_string());
            }
        }
    }
    let mut actions: Vec<ActionView> = state
        .iter()
        .map(|(o, (st, t))| ActionView { offer: o.to_string(), status: st.as_str().into(), at: rules.zone.format(*t) })
        .collect();
    actions.sort_by(|a, b| a.offer.cmp(&b.offer));
    let fact_ids = |slots: &[u16]| slots.iter().map(|&s| rules.facts[s as usize].id.clone()).collect::<Vec<_>>();
    let ranges: Vec<u16> =
        (0..rules.facts.len() as u16).filter(|&s| matches!(values[s as usize], Value::TimeRange(..))).collect();
    let facts_changed = match last {
        Some((_, &t)) => changed_between(rules, &record.entries, t, now, None),
        None => Vec::new(),
    };
    let status = RecordStatus {
        decided: last.map(|(d, _)| DecidedStatus {
            at: rules.zone.format(crate::eval::time::parse_datetime(&d.at).unwrap_or(now)),
            by: d.by.clone(),
            regie: d.regie.clone(),
            regiehouder: d.regiehouder.clone(),
        }),
        departures,
        actions,
        not_proposed_again: not_again,
        deadlines_passed: passed,
        stale: fact_ids(&stale),
        ranges: fact_ids(&ranges),
        facts_changed,
        renewed: renewals.into_iter().map(|(_, (_, r))| r).collect(),
        deadline_ranges,
    };
    let other_ruleset = last.is_some_and(|(d, _)| !d.ruleset_hash.is_empty() && d.ruleset_hash != rules.hash);
    let rejected =
        last.map_or_else(Vec::new, |(d, _)| d.rejected.iter().filter_map(|o| offer_index(rules, o)).collect());
    let entries = record.entries.clone();
    ev.set_layer(Arc::new(RecordContext { status, done, declined, rejected, other_ruleset, entries }));
    ev
}

impl Layer for RecordContext {
    /// Drops what a question could change about done offers, and about declined offers
    /// that no override rule could bring back (a consent-only override cannot).
    fn filter_questions(&self, rules: &RuleSet, open: Vec<OpenQuestion>) -> Vec<OpenQuestion> {
        let overridable = |o: u16| {
            rules.rules.iter().any(|r| r.is_override && !r.consent_only && r.refer.iter().any(|x| x.offer == o))
        };
        let keep = |a: &Affects| match a {
            Affects::Referral(o) | Affects::Deadline(o) | Affects::AgainstWish(o) if self.done.contains(o) => false,
            Affects::Referral(o) | Affects::Deadline(o) if self.declined.contains(o) => overridable(*o),
            _ => true,
        };
        open.into_iter()
            .filter_map(|mut q| {
                q.affects.retain(keep);
                (!q.affects.is_empty()).then_some(q)
            })
            .collect()
    }

    fn annotate(&self, proposal: &mut Proposal) {
        annotate(proposal, self);
    }

    fn declined(&self, rules: &RuleSet, offer: u16) -> Option<Declined> {
        self.declined_offer(rules, offer)
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Adds the record's status and the warnings it raises to a proposal.
fn annotate(p: &mut Proposal, ctx: &RecordContext) {
    let s = &ctx.status;
    if let Some(d) = &s.decided {
        for what in &s.departures {
            let (nl, en) = match what.as_str() {
                "regie" => (
                    format!(
                        "Voorstel wijkt af van het MDT-besluit: regie {} voorgesteld, {} besloten.",
                        p.regie.level, d.regie
                    ),
                    format!(
                        "The proposal differs from the MDT decision: regie {} proposed, {} decided.",
                        p.regie.level, d.regie
                    ),
                ),
                _ => {
                    let proposed = p.regiehouder.as_ref().map_or("-", |h| h.id.as_str());
                    let assigned = d.regiehouder.as_deref().unwrap_or("-");
                    (
                        format!("Voorstel wijkt af van het MDT-besluit: regiehouder {proposed} voorgesteld, {assigned} aangewezen (blijft tot het MDT anders besluit)."),
                        format!("The proposal differs from the MDT decision: regiehouder {proposed} proposed, {assigned} assigned (stays until the MDT decides otherwise)."),
                    )
                }
            };
            p.warnings.push(warning("differs_from_decision", nl, en));
        }
    }
    if ctx.other_ruleset {
        p.warnings.push(warning(
            "decision_other_ruleset",
            "Het laatste MDT-besluit is genomen op een voorstel van een andere versie van de regels.".into(),
            "The last MDT decision was taken on a proposal of another version of the rules.".into(),
        ));
    }
    for d in &s.deadlines_passed {
        p.warnings.push(warning(
            "deadline_passed",
            format!("Termijn verstreken: {} stond gepland, uiterlijk {}, en is niet gedaan.", d.offer, d.deadline),
            format!("Deadline passed: {} was planned, by {} at the latest, and was not done.", d.offer, d.deadline),
        ));
    }
    for r in &s.renewed {
        if let Some(referral) = p.referrals.iter_mut().find(|x| x.offer == r.offer) {
            referral.label = r.label.clone();
        }
        let said = |lang: &str| r.facts.iter().map(|f| f.text.get(lang).to_string()).collect::<Vec<_>>().join("; ");
        p.warnings.push(warning(
            "renewed",
            format!("Opnieuw nodig: {}. Gedaan op {}, daarna veranderd: {}.", r.label.get("nl"), r.done_at, said("nl")),
            format!("Needed again: {}. Done on {}, changed since: {}.", r.label.get("en"), r.done_at, said("en")),
        ));
    }
    for d in s.deadline_ranges.iter().filter(|d| d.state == "perhaps_passed") {
        p.warnings.push(warning(
            "deadline_perhaps_passed",
            format!("Termijn misschien verstreken: {}, {}.", d.offer, d.text.get("nl")),
            format!("Deadline perhaps passed: {}, {}.", d.offer, d.text.get("en")),
        ));
    }
    for f in &s.stale {
        p.warnings.push(warning(
            "fact_stale",
            format!("`{f}` is te lang geleden bevestigd en telt als onbekend: vraag het opnieuw."),
            format!("`{f}` was confirmed too long ago and counts as unknown: ask again."),
        ));
    }
    p.record = Some(s.clone());
}
