//! Conflicts: two regiehouders of equal (top) rank in one case, and referrals that are
//! proposed and blocked at once (an ordinary rule proposes a wish-gated offer, but the wish
//! never holds when the rule fires).

use super::context::Ctx;
use super::formula::{and, not, or};
use super::search::Answer;
use super::{Finding, Severity};

/// Every conflict finding; marks wish-blocked referrals as not live.
pub(crate) fn findings(ctx: &mut Ctx) {
    ties(ctx);
    wish_blocked(ctx);
}

/// `regiehouder-tie`: in some case the highest-ranked candidates name different
/// regiehouders. The engine then takes the first in the manifest, which is arbitrary.
fn ties(ctx: &mut Ctx) {
    let rules = ctx.rules;
    let candidates: Vec<(usize, u16, i64)> = rules
        .rules
        .iter()
        .enumerate()
        .filter(|&(i, _)| !ctx.dead[i])
        .filter_map(|(i, r)| r.regiehouder.map(|(id, rank)| (i, id, rank)))
        .collect();
    let mut ranks: Vec<i64> = candidates.iter().map(|c| c.2).collect();
    ranks.sort_unstable();
    ranks.dedup();
    let holders = &rules.source.manifest.regiehouders;
    for rank in ranks {
        if ctx.spent() {
            continue;
        }
        let at: Vec<&(usize, u16, i64)> = candidates.iter().filter(|c| c.2 == rank).collect();
        let mut ids: Vec<u16> = at.iter().map(|c| c.1).collect();
        ids.sort_unstable();
        ids.dedup();
        let above = or(candidates.iter().filter(|c| c.2 > rank).map(|c| ctx.terms.fires(c.0)));
        for (k, &x) in ids.iter().enumerate() {
            for &y in &ids[k + 1..] {
                let xs = or(at.iter().filter(|c| c.1 == x).map(|c| ctx.terms.fires(c.0)));
                let ys = or(at.iter().filter(|c| c.1 == y).map(|c| ctx.terms.fires(c.0)));
                let target = and([xs, ys, not(above.clone())]);
                let (xid, yid) = (&holders[x as usize].id, &holders[y as usize].id);
                if ctx.exists(target, || format!("whether `{xid}` and `{yid}` can tie at rank {rank}")) != Answer::Found
                {
                    continue;
                }
                let witness = ctx.search.witness(false);
                let second = at.iter().rev().find(|c| c.1 == y).map_or(0, |c| c.0);
                let names = |who: u16| {
                    at.iter()
                        .filter(|c| c.1 == who)
                        .map(|c| format!("`{}`", ctx.rule_id(c.0)))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                ctx.out.push(Finding {
                    code: "regiehouder-tie".into(),
                    severity: Severity::Warning,
                    message: format!(
                        "in some cases `{xid}` ({}) and `{yid}` ({}) are both the highest-ranked regiehouder (rank {rank}); the engine then picks the first in the manifest",
                        names(x),
                        names(y)
                    ),
                    location: ctx.rule_at(second, "regiehouder"),
                    witness: Some(witness),
                });
            }
        }
    }
}

/// `wish-blocked`: an ordinary rule refers to an offer whose wish never holds when the
/// rule fires, so the referral is never made (only an `override` may go against a wish).
fn wish_blocked(ctx: &mut Ctx) {
    let rules = ctx.rules;
    for (i, rule) in rules.rules.iter().enumerate() {
        if ctx.dead[i] || rule.is_override {
            continue;
        }
        for (j, refer) in rule.refer.iter().enumerate() {
            let offer = &rules.source.offers[refer.offer as usize];
            let Some(wish) = &offer.wish else { continue };
            if ctx.spent() {
                continue;
            }
            let (id, oid) = (ctx.rule_id(i), &offer.id);
            let target = and([ctx.terms.fires(i), ctx.terms.wish(refer.offer)]);
            if ctx.exists(target, || format!("whether rule `{id}` can propose `{oid}`")) != Answer::None {
                continue;
            }
            ctx.live_refer[i][j] = false;
            // A case where the rule fires and the wish is known not to hold.
            let blocked = and([ctx.terms.fires(i), not(ctx.terms.wish(refer.offer))]);
            let witness = match ctx.exists(blocked, || format!("whether rule `{id}` can fire")) {
                Answer::Found => Some(ctx.search.witness(false)),
                _ => None,
            };
            ctx.out.push(Finding {
                code: "wish-blocked".into(),
                severity: Severity::Warning,
                message: format!(
                    "rule `{id}` refers to `{oid}`, but whenever it fires the offer's wish `{wish}` does not hold, so it never proposes it (only an `override` rule may go against a wish)"
                ),
                location: ctx.at(crate::ruleset::locate::Place::new(crate::ruleset::locate::Section::Rules, i).key("refer").at(j)),
                witness,
            });
        }
    }
}
