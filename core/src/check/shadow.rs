//! Shadowed rules: rules that fire, but whose every effect is always outdone by other rules
//! that fire with them, so taking the rule out changes no outcome of any case.
//!
//! An effect matters in a case where the rule fires and, without it, the outcome differs:
//! its regie or need level is above every other rule's that fires; its regiehouder wins
//! and would not without it; its referral is the only one, or the most urgent, or carries
//! the earliest deadline from its time fact, or the only against-the-wish flag.

use super::context::Ctx;
use super::formula::{and, not, Formula};
use super::search::Answer;
use super::{Finding, Severity};

/// Every `shadowed-rule` finding.
pub(crate) fn findings(ctx: &mut Ctx) {
    for i in 0..ctx.rules.rules.len() {
        if ctx.fires[i].is_none() {
            continue;
        }
        // Building the targets reads every other rule: skip it once the budget is spent.
        if ctx.spent() {
            continue;
        }
        let id = ctx.rule_id(i);
        let mut incomplete = false;
        let mut matters = false;
        for target in effects(ctx, i) {
            match ctx.exists(target, || format!("whether rule `{id}` ever changes an outcome")) {
                Answer::Found => {
                    matters = true;
                    break;
                }
                Answer::Incomplete => incomplete = true,
                Answer::None => {}
            }
        }
        if matters || incomplete {
            continue;
        }
        let (witness, others) = outdoing(ctx, i);
        ctx.out.push(Finding {
            code: "shadowed-rule".into(),
            severity: Severity::Warning,
            message: format!(
                "rule `{id}` never changes an outcome: whenever it fires, other rules give the same or more{}",
                if others.is_empty() { String::new() } else { format!(" (in the witness: {})", others.join(", ")) }
            ),
            location: ctx.rule_at(i, "id"),
            witness,
        });
    }
}

/// Per effect of rule `i`: "it fires and this effect changes the outcome" (disjunctions
/// are split by the search).
fn effects(ctx: &Ctx, i: usize) -> Vec<Formula> {
    let t = ctx.terms;
    let rule = &ctx.rules.rules[i];
    let fires = t.fires(i);
    let mut out = Vec::new();
    if let Some(level) = rule.regie.filter(|&l| l > 0) {
        out.push(and([fires.clone(), not(t.regie_at_least_without(level, Some(i)))]));
    }
    for &(area, level) in rule.needs.iter().filter(|n| n.1 > 0) {
        out.push(and([fires.clone(), not(t.need_at_least_without(area, level, Some(i)))]));
    }
    if let Some((id, _)) = rule.regiehouder {
        out.push(and([fires.clone(), t.regiehouder_is(id), not(t.regiehouder_is_without(id, Some(i)))]));
    }
    for refer in &rule.refer {
        let mine = t.contributes(i, refer);
        let stronger = t.contributions(refer.offer, Some(i), |_, g| g.urgency >= refer.urgency);
        out.push(and([mine.clone(), not(stronger)]));
        if rule.is_override && ctx.rules.offers[refer.offer as usize].wish.is_some() {
            let flagged = t.contributions(refer.offer, Some(i), |s, _| ctx.rules.rules[s].is_override);
            out.push(and([mine.clone(), not(t.wish(refer.offer)), not(flagged)]));
        }
        if let Some((slot, hours)) = refer.deadline {
            let earlier =
                t.contributions(refer.offer, Some(i), |_, g| g.deadline.is_some_and(|(s, h)| s == slot && h <= hours));
            out.push(and([mine, not(earlier)]));
        }
    }
    out
}

/// A complete case where rule `i` fires, and the other rules that fire in it.
fn outdoing(ctx: &mut Ctx, i: usize) -> (Option<super::Witness>, Vec<String>) {
    if ctx.search.find(&ctx.terms.fires(i)) != Answer::Found {
        return (ctx.fires[i].clone(), Vec::new());
    }
    let witness = ctx.search.witness(true);
    let mut out = Vec::new();
    for j in 0..ctx.rules.rules.len() {
        if j != i && overlaps(ctx, i, j) && ctx.search.truth(&ctx.terms.fires(j)) == crate::eval::value::Tri::True {
            out.push(format!("`{}`", ctx.rule_id(j)));
        }
    }
    (Some(witness), out)
}

/// Rule `j` has an effect on something rule `i` affects.
fn overlaps(ctx: &Ctx, i: usize, j: usize) -> bool {
    let (a, b) = (&ctx.rules.rules[i], &ctx.rules.rules[j]);
    (a.regie.is_some() && b.regie.is_some())
        || (a.regiehouder.is_some() && b.regiehouder.is_some())
        || a.needs.iter().any(|n| b.needs.iter().any(|m| m.0 == n.0))
        || a.refer.iter().any(|f| b.refer.iter().any(|g| g.offer == f.offer))
}
