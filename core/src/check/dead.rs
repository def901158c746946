//! Rules that can never fire, and what is unused because of them: offers that no rule can
//! propose, facts that only such rules read.

use super::context::Ctx;
use super::formula::{and, atom, Atom};
use super::search::Answer;
use super::{Finding, Severity};
use crate::compile::program::{NodeId, Op};
use crate::ruleset::locate::{Place, Section};

/// `dead-rule`: a condition that no case satisfies. Also records, per live rule, a case
/// where it fires.
pub(crate) fn rules(ctx: &mut Ctx) {
    for i in 0..ctx.rules.rules.len() {
        let id = ctx.rule_id(i);
        match ctx.exists(ctx.terms.fires(i), || format!("whether rule `{id}` can fire")) {
            Answer::Found => ctx.fires[i] = Some(ctx.search.witness(false)),
            Answer::Incomplete => {}
            Answer::None => {
                ctx.dead[i] = true;
                ctx.live_refer[i].iter_mut().for_each(|l| *l = false);
                let why = why_never(ctx, ctx.rules.rules[i].when);
                ctx.out.push(Finding {
                    code: "dead-rule".into(),
                    severity: Severity::Warning,
                    message: format!("rule `{id}` can never fire: {why}"),
                    location: ctx.rule_at(i, "when"),
                    witness: None,
                });
            }
        }
    }
}

/// Why a condition never holds: a part that never holds, or two parts that exclude each
/// other.
fn why_never(ctx: &mut Ctx, when: NodeId) -> String {
    let program = &ctx.rules.program;
    let parts: Vec<NodeId> = match &program.ops[when as usize] {
        Op::And(items) => items.to_vec(),
        _ => vec![when],
    };
    let text = |n: NodeId| program.node_text(n).to_string();
    if parts.len() == 1 {
        return format!("`{}` holds in no case", text(when));
    }
    for &p in &parts {
        if ctx.search.find(&atom(Atom::Node(0, p))) == Answer::None {
            return format!("its part `{}` holds in no case", text(p));
        }
    }
    for (k, &a) in parts.iter().enumerate() {
        for &b in &parts[k + 1..] {
            if ctx.search.find(&and([atom(Atom::Node(0, a)), atom(Atom::Node(0, b))])) == Answer::None {
                return format!("`{}` and `{}` exclude each other", text(a), text(b));
            }
        }
    }
    format!(
        "its parts {} never hold together",
        parts.iter().map(|&p| format!("`{}`", text(p))).collect::<Vec<_>>().join(", ")
    )
}

/// `offer-never-proposed` for offers whose every referral is dead or wish-blocked, and
/// `fact-never-read` for facts that only rules that never fire read.
pub(crate) fn unused(ctx: &mut Ctx) {
    let rules = ctx.rules;
    for (o, offer) in rules.source.offers.iter().enumerate() {
        let referrals: Vec<(usize, usize)> = rules
            .rules
            .iter()
            .enumerate()
            .flat_map(|(i, r)| {
                r.refer.iter().enumerate().filter(|(_, f)| f.offer as usize == o).map(move |(j, _)| (i, j))
            })
            .collect();
        if referrals.is_empty() || referrals.iter().any(|&(i, j)| ctx.live_refer[i][j]) {
            continue;
        }
        let names: Vec<String> = referrals.iter().map(|&(i, _)| format!("`{}`", ctx.rule_id(i))).collect();
        ctx.out.push(Finding {
            code: "offer-never-proposed".into(),
            severity: Severity::Warning,
            message: format!(
                "offer `{}` is never proposed: the rules that refer to it ({}) never fire or are always blocked by its wish",
                offer.id,
                names.join(", ")
            ),
            location: ctx.at(Place::new(Section::Offers, o).key("id")),
            witness: None,
        });
    }
    // Facts read by something that can matter, against facts read at all.
    let facts = rules.facts.len();
    let mut live = vec![false; facts];
    let mut any = vec![false; facts];
    for (i, rule) in rules.rules.iter().enumerate() {
        for &f in &rule.reads {
            any[f as usize] = true;
            live[f as usize] |= !ctx.dead[i];
        }
        for refer in &rule.refer {
            if let Some((slot, _)) = refer.deadline {
                let reads: Vec<u16> = match rules.derived_of(slot) {
                    Some(d) => d.reads.clone(),
                    None => vec![slot],
                };
                for f in reads {
                    any[f as usize] = true;
                    live[f as usize] |= !ctx.dead[i];
                }
            }
        }
    }
    for offer in &rules.offers {
        if let Some(w) = offer.wish {
            let mut reads = Vec::new();
            super::space::reads_of(rules, &rules.program, w, &mut reads);
            for f in reads {
                any[f as usize] = true;
                live[f as usize] = true;
            }
        }
    }
    if let Some((slot, _)) = rules.region {
        live[slot as usize] = true;
    }
    for (f, fact) in rules.facts.iter().enumerate() {
        if any[f] && !live[f] {
            let readers: Vec<String> = rules
                .rules
                .iter()
                .enumerate()
                .filter(|(_, r)| r.reads.contains(&(f as u16)))
                .map(|(i, _)| format!("`{}`", ctx.rule_id(i)))
                .collect();
            ctx.out.push(Finding {
                code: "fact-never-read".into(),
                severity: Severity::Info,
                message: format!(
                    "fact `{}` is read only by rules that never fire ({}): the gespreksgids asks it for nothing",
                    fact.id,
                    readers.join(", ")
                ),
                location: ctx.at(Place::new(Section::Facts, f).key("id")),
                witness: None,
            });
        }
    }
}
