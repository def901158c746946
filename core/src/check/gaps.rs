//! Gaps: complete cases the rules leave without an answer.
//!
//! - `gap-no-regiehouder` (error): regie above the default level but no regiehouder. A
//!   regie level means someone coordinates; the rule set must say who.
//! - `gap-no-rule` (warning): a complete case where no rule fires at all, so the victim is
//!   proposed nothing.
//! - `gap-regie` (info): a need at the highest level while regie stays at the default. It
//!   may be intended (e.g. the victim declines follow-up), so it does not fail `check`;
//!   declare a property if it must never happen.
//!
//! Witnesses are complete cases: every fact has a value.

use super::context::Ctx;
use super::formula::{and, not, or};
use super::search::Answer;
use super::{Finding, Severity};

/// Every gap finding.
pub(crate) fn findings(ctx: &mut Ctx) {
    no_regiehouder(ctx);
    no_rule(ctx);
    regie_default(ctx);
}

fn no_regiehouder(ctx: &mut Ctx) {
    let levels = &ctx.rules.source.manifest.regie_levels;
    for i in 0..ctx.rules.rules.len() {
        let rule = &ctx.rules.rules[i];
        let Some(level) = rule.regie.filter(|&l| l > 0) else {
            continue;
        };
        if rule.regiehouder.is_some() || ctx.dead[i] || ctx.spent() {
            continue;
        }
        let id = ctx.rule_id(i);
        let target = and([ctx.terms.fires(i), ctx.terms.no_regiehouder()]);
        if ctx.exists(target, || format!("whether rule `{id}` can leave a case without a regiehouder")) != Answer::Found
        {
            continue;
        }
        let witness = ctx.search.witness(true);
        ctx.out.push(Finding {
            code: "gap-no-regiehouder".into(),
            severity: Severity::Error,
            message: format!(
                "rule `{id}` sets regie {} but in some cases no rule proposes a regiehouder",
                levels.get(level as usize).map_or("?", |l| l.id.as_str())
            ),
            location: ctx.rule_at(i, "regie"),
            witness: Some(witness),
        });
    }
}

fn no_rule(ctx: &mut Ctx) {
    if ctx.spent() {
        return;
    }
    let target = not(ctx.terms.any_rule());
    if ctx.exists(target, || "whether some case gets no rule at all".into()) == Answer::Found {
        let witness = ctx.search.witness(true);
        ctx.out.push(Finding {
            code: "gap-no-rule".into(),
            severity: Severity::Warning,
            message: "some complete cases fall through every rule: no need, referral, regie or regiehouder is proposed"
                .into(),
            location: None,
            witness: Some(witness),
        });
    }
}

fn regie_default(ctx: &mut Ctx) {
    let manifest = &ctx.rules.source.manifest;
    let Some(top) = manifest.need_levels.len().checked_sub(1).filter(|&t| t > 0) else {
        return;
    };
    if ctx.spent() {
        return;
    }
    let no_regie = not(ctx.terms.regie_at_least(1));
    let urgent = (0..ctx.rules.rules.len()).filter(|&i| ctx.rules.rules[i].needs.iter().any(|n| n.1 as usize == top));
    // (a and c) or (b and c) as (a or b) and c: the same cases, without a copy of `c`
    // (which reads every rule) per urgent rule.
    let target = and([or(urgent.map(|i| ctx.terms.fires(i))), no_regie]);
    let level = &manifest.need_levels[top].id;
    let regie = manifest.regie_levels.first().map_or("the default", |l| l.id.as_str());
    if ctx.exists(target, || format!("whether a need `{level}` can go with regie {regie}")) == Answer::Found {
        let witness = ctx.search.witness(true);
        ctx.out.push(Finding {
            code: "gap-regie".into(),
            severity: Severity::Info,
            message: format!("some complete cases have a need at level `{level}` but regie stays at {regie}"),
            location: None,
            witness: Some(witness),
        });
    }
}
