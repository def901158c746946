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

/// Whether an evaluation checks the record itself: verifies the latest decision and warns
/// about what is dated after `now`. The public call does; `decide` and `verify`, which
/// hash the proposal, do not.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Check {
    /// Verify the latest decision taken by `now` and warn `decision_unverified`.
    Verify,
    /// Do not.
    Skip,
}

/// What an evaluation of a record carries besides the plain evaluation.
#[derive(Debug)]
pub(crate) struct RecordContext {
    pub status: RecordStatus,
    /// Offers done and declined (indices), for the questions filter.
    done: Vec<u16>,
    declined: Vec<u16>,
    /// Offers the MDT rejected: the latest decision (taken by the evaluation time) that
    /// accepted or rejected the offer rejected it. Sorted by offer.
    pub rejected: Vec<u16>,
    /// Per rejected offer (same order): its id, the decision's time and its reason.
    rejections: Vec<Rejected>,
    /// The last decision was taken on a proposal of another rule set (version).
    other_ruleset: bool,
    /// The check of the last decision, when it is not intact.
    unverified: Option<super::verify::DecisionCheck>,
    /// Decisions and actions dated after `now` beyond the clock skew (not counted).
    dated_after: (usize, usize),
    /// The record's fact history, for what changed since an earlier proposal.
    pub entries: Vec<Entry>,
}

fn offer_index(rules: &RuleSet, id: &str) -> Option<u16> {
    rules.source.offers.iter().position(|o| o.id == id).map(|i| i as u16)
}

pub(crate) fn evaluate(engine: &Engine, record: &Record, now: i64, check: Check) -> Evaluation {
    let rules = engine.rules();
    let (values, stale) = values_at(rules, record, now);
    let state = record.action_state(now);
    let with = |s: ActionStatus| -> Vec<u16> {
        let mut v: Vec<u16> =
            state.iter().filter(|(_, (st, _))| *st == s).filter_map(|(o, _)| offer_index(rules, o)).collect();
        crate::sort::sort(&mut v);
        v
    };
    let (done, declined, planned) =
        (with(ActionStatus::Done), with(ActionStatus::Declined), with(ActionStatus::Planned));
    let mut ev = engine.evaluate_values(&values, now, &declined);
    if !record.is_record {
        return ev;
    }
    let offer_id = |o: u16| rules.source.offers[o as usize].id.clone();
    let action_at = |o: u16| state.get(&rules.source.offers[o as usize].id).expect("an offer with an action").1;
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
    crate::sort::sort_by(&mut deadline_ranges, |a, b| a.offer.cmp(&b.offer));
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
    crate::sort::sort_by(&mut not_again, |a, b| a.offer.cmp(&b.offer));

    // The latest decision taken by `now` stays; the proposal is compared with it.
    let m = &rules.source.manifest;
    let last_index = record.decision_times.iter().rposition(|&t| t <= now);
    let last = last_index.map(|i| (&record.decisions[i], &record.decision_times[i]));
    let unverified = match (check, last_index) {
        (Check::Verify, Some(i)) => {
            let chain = super::verify::chain_hashes(record.case.as_deref(), &record.decisions[..i]);
            Some(engine.check_decision_at(record, i, &chain[i])).filter(|c| !c.intact())
        }
        _ => None,
    };
    let later = |times: &[i64]| {
        times.iter().filter(|&&t| t > now.saturating_add(crate::limits::MAX_CLOCK_SKEW_SECONDS)).count()
    };
    // Only the public evaluation warns about the record itself: the proposal `decide`
    // hashes and `verify` recomputes is the same whatever was added after the decision.
    let dated_after = match check {
        Check::Verify => (later(&record.decision_times), later(&record.action_times)),
        Check::Skip => (0, 0),
    };
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
    crate::sort::sort_by(&mut actions, |a, b| a.offer.cmp(&b.offer));
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
    let (rejected, rejections) = rejections(rules, record, now);
    let entries = record.entries.clone();
    ev.set_layer(Arc::new(RecordContext {
        status,
        done,
        declined,
        rejected,
        rejections,
        other_ruleset,
        unverified,
        dated_after,
        entries,
    }));
    ev
}

/// Per offer, the latest decision by `now` that accepted or rejected it; the offers whose
/// latest such decision rejected them, with that decision's time and reason.
/// A rejected offer's id, the deciding decision's time and its reason.
type Rejected = (String, String, Option<String>);

fn rejections(rules: &RuleSet, record: &Record, now: i64) -> (Vec<u16>, Vec<Rejected>) {
    // Per offer index (in catalogue order, as the map keyed by index this was): its latest
    // rejection, or None when accepted since (or never decided).
    let mut latest: Vec<Option<Rejected>> = vec![None; rules.source.offers.len()];
    for (d, _) in record.decisions.iter().zip(&record.decision_times).filter(|(_, &t)| t <= now) {
        for o in d.accepted.iter().filter_map(|o| offer_index(rules, o)) {
            latest[o as usize] = None;
        }
        for id in &d.rejected {
            let Some(o) = offer_index(rules, id) else { continue };
            let at = rules.zone.format(crate::eval::time::parse_datetime(&d.at).unwrap_or(now));
            let reason = d.reasons.get(&format!("referral:{id}")).cloned();
            latest[o as usize] = Some((id.clone(), at, reason));
        }
    }
    latest.into_iter().enumerate().filter_map(|(o, r)| r.map(|r| (o as u16, r))).unzip()
}

impl RecordContext {
    /// The MDT's rejection of `offer`, if it stands: "afgewezen door het MDT (datum, reden)".
    pub(crate) fn rejection(&self, offer: u16) -> Option<crate::result::Rejection> {
        let i = self.rejected.iter().position(|&o| o == offer)?;
        let (_, at, reason) = self.rejections[i].clone();
        let date = &at[..at.len().min(10)];
        let because = |r: &Option<String>| r.as_ref().map(|r| format!(", {r}")).unwrap_or_default();
        let text = crate::text::Text::from_pairs([
            ("en", format!("Rejected by the MDT ({date}{})", because(&reason))),
            ("nl", format!("Afgewezen door het MDT ({date}{})", because(&reason))),
        ]);
        Some(crate::result::Rejection { at, reason, text })
    }
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

    fn annotate(&self, rules: &RuleSet, proposal: &mut Proposal) {
        annotate(rules, proposal, self);
    }

    fn declined(&self, rules: &RuleSet, offer: u16) -> Option<Declined> {
        self.declined_offer(rules, offer)
    }

    fn rejected(&self, offer: u16) -> bool {
        self.rejected.contains(&offer)
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Adds the record's status and the warnings it raises to a proposal.
fn annotate(rules: &RuleSet, p: &mut Proposal, ctx: &RecordContext) {
    use crate::explain::labels;
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
                    let name = |id: Option<&str>, lang: &str| {
                        id.map_or_else(|| "-".to_string(), |id| labels::regiehouder(rules, id).get(lang).to_string())
                    };
                    let proposed = p.regiehouder.as_ref().map(|h| h.id.as_str());
                    let assigned = d.regiehouder.as_deref();
                    let (p_nl, a_nl) = (name(proposed, "nl"), name(assigned, "nl"));
                    let (p_en, a_en) = (name(proposed, "en"), name(assigned, "en"));
                    (
                        format!("Voorstel wijkt af van het MDT-besluit: regiehouder {p_nl} voorgesteld, {a_nl} aangewezen (blijft tot het MDT anders besluit)."),
                        format!("The proposal differs from the MDT decision: regiehouder {p_en} proposed, {a_en} assigned (stays until the MDT decides otherwise)."),
                    )
                }
            };
            p.warnings.push(warning("differs_from_decision", nl, en));
        }
    }
    if let Some(check) = &ctx.unverified {
        use super::verify::{CaseCheck, HashCheck};
        let changed = check.decision == HashCheck::Mismatch
            || check.chain == HashCheck::Mismatch
            || check.case == CaseCheck::OtherCase;
        let (nl, en) = if changed {
            (
                "Het laatste MDT-besluit is niet meer zoals het is vastgelegd (het besluit, een eerder besluit of de zaak is veranderd): vertrouw er niet op en controleer het dossier met `wegwijs verify`.",
                "The last MDT decision is not as it was recorded (the decision, an earlier one or the case was changed): do not rely on it; check the record with `wegwijs verify`.",
            )
        } else if check.proposal == HashCheck::Mismatch {
            (
                "Het dossier zoals het was bij het laatste MDT-besluit geeft nu een ander voorstel dan waarover is besloten: feiten of acties van toen zijn veranderd (of een feit is opnieuw bevestigd door het tijdstip te overschrijven). Controleer met `wegwijs verify`.",
                "The record as it stood at the last MDT decision now gives another proposal than the one decided on: facts or actions of that time were changed (or a fact was re-confirmed by overwriting its time). Check with `wegwijs verify`.",
            )
        } else {
            (
                "Het laatste MDT-besluit is niet te controleren: het mist een hash (vastgelegd voordat besluiten die kregen, of verwijderd).",
                "The last MDT decision cannot be checked: it lacks a hash (recorded before decisions carried them, or removed).",
            )
        };
        p.warnings.push(warning("decision_unverified", nl.into(), en.into()));
    }
    let (decisions, actions) = ctx.dated_after;
    if decisions + actions > 0 {
        p.warnings.push(warning(
            "dated_after_now",
            format!("{decisions} besluit(en) en {actions} actie(s) zijn gedateerd na het evaluatiemoment en tellen niet mee; controleer de datum."),
            format!("{decisions} decision(s) and {actions} action(s) are dated after the evaluation time and do not count; check the date."),
        ));
    }
    if ctx.other_ruleset {
        p.warnings.push(warning(
            "decision_other_ruleset",
            "Het laatste MDT-besluit is genomen op een voorstel van een andere versie van de regels.".into(),
            "The last MDT decision was taken on a proposal of another version of the rules.".into(),
        ));
    }
    for d in &s.deadlines_passed {
        let offer = labels::offer(rules, &d.offer);
        let at = crate::eval::time::parse_datetime(&d.deadline);
        let when = |lang: &str| at.map_or_else(|| d.deadline.clone(), |t| labels::moment(rules, t, lang));
        p.warnings.push(warning(
            "deadline_passed",
            format!(
                "Termijn verstreken: {} stond gepland, uiterlijk {}, en is niet gedaan.",
                offer.get("nl"),
                when("nl")
            ),
            format!(
                "Deadline passed: {} was planned, by {} at the latest, and was not done.",
                offer.get("en"),
                when("en")
            ),
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
        let label = labels::fact(rules, f);
        p.warnings.push(warning(
            "fact_stale",
            format!("{} is te lang geleden bevestigd en telt als onbekend: vraag het opnieuw.", label.get("nl")),
            format!("{} was confirmed too long ago and counts as unknown: ask again.", label.get("en")),
        ));
    }
    for r in &mut p.referrals {
        if let Some(o) = rules_offer(ctx, &r.offer) {
            r.rejected = ctx.rejection(o);
        }
    }
    p.record = Some(s.clone());
}

/// The index of a rejected offer by id (only rejected offers matter here).
fn rules_offer(ctx: &RecordContext, id: &str) -> Option<u16> {
    ctx.rejections.iter().position(|(r, _, _)| r == id).map(|i| ctx.rejected[i])
}
