//! Evaluating every rule of a case and merging their effects into outcomes.
//!
//! Kept compact (indices, no strings) so a batch of evaluations stays cheap; texts are
//! only rendered when a [`crate::Proposal`] is asked for.

use super::value::{Tri, Value};
use crate::compile::program::Env;
use crate::compile::RuleSet;

/// A level outcome (need per area, regie): what is certain and what it could reach.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct LevelOutcome {
    /// Level index reached with certainty (the first level by default).
    pub certain: u8,
    /// Highest level index any undecided rule could still give (≥ `certain`).
    pub up_to: u8,
}

/// A merged referral. The rules behind it are found with `contributing_rules` when an
/// explanation is asked for, so the hot path does not collect them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReferralOutcome {
    /// Offer index.
    pub offer: u16,
    /// Proposed with certainty.
    pub certain: bool,
    /// Urgency index (highest among the contributions that decide its status).
    pub urgency: u8,
    /// Earliest deadline (seconds since the epoch) among those contributions.
    pub deadline: Option<i64>,
    /// Proposed by an override rule against the victim's stated wish.
    pub against_wish: bool,
}

/// The proposed regiehouder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegiehouderOutcome {
    /// Regiehouder index.
    pub id: u16,
    /// Rank of the winning candidate.
    pub rank: i64,
    /// No undecided rule could put another regiehouder at this rank or above.
    pub certain: bool,
}

/// All outcomes of one evaluation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Per area, in manifest order.
    pub needs: Vec<LevelOutcome>,
    /// In display order: area, then urgency (high first), then catalogue order.
    pub referrals: Vec<ReferralOutcome>,
    /// Regie level.
    pub regie: LevelOutcome,
    /// Regiehouder, if any rule proposes one.
    pub regiehouder: Option<RegiehouderOutcome>,
}

/// Evaluates the derived facts into their slots with the recursive evaluator (the
/// reference the flat plan is tested against).
pub(crate) fn derive(rules: &RuleSet, slots: &mut Vec<Value>, now: i64) {
    slots.resize(rules.slot_count(), Value::Unknown);
    for d in &rules.derived {
        let v = rules.program.eval(d.node, &Env { slots, now });
        slots[d.slot as usize] = v;
    }
}

/// The truth of an offer's wish (true when it has none).
pub(crate) fn wish_status(rules: &RuleSet, offer: usize, env: &Env) -> Tri {
    rules.offers[offer].wish.map_or(Tri::True, |w| rules.program.truth(w, env))
}

/// How a rule's referral to an offer comes through: the rule's truth and-ed with the
/// victim's wish, which override rules may go past.
#[inline]
pub(crate) fn contribution(is_override: bool, rule: Tri, wish: Tri) -> Tri {
    if is_override {
        rule
    } else {
        rule.and(wish)
    }
}

/// Merges the effects of the rules that are true or undecided, given each offer's wish.
pub(crate) fn merge(rules: &RuleSet, status: &[Tri], wishes: &[Tri], slots: &[Value]) -> Outcome {
    let areas = rules.source.manifest.areas.len();
    let mut needs = vec![LevelOutcome::default(); areas];
    let mut regie = LevelOutcome::default();
    let mut referrals: Vec<ReferralOutcome> = Vec::with_capacity(16);
    let mut best: Option<(i64, u16)> = None; // the certain winner so far: rank, id
    let mut live_regiehouder = false; // a rule that is not false proposes a regiehouder
    for (rule, &st) in rules.rules.iter().zip(status) {
        if st == Tri::False {
            continue;
        }
        let certain = st == Tri::True;
        for &(area, level) in &rule.needs {
            raise(&mut needs[area as usize], level, certain);
        }
        if let Some(level) = rule.regie {
            raise(&mut regie, level, certain);
        }
        if let Some((id, rank)) = rule.regiehouder {
            live_regiehouder = true;
            if certain && outranks(id, rank, best) {
                best = Some((rank, id));
            }
        }
        for refer in &rule.refer {
            let wish = wishes[refer.offer as usize];
            let through = contribution(rule.is_override, st, wish);
            if through == Tri::False {
                continue;
            }
            let sure = through == Tri::True;
            let deadline = refer.deadline.and_then(|(slot, hours)| match slots[slot as usize] {
                Value::Time(t) | Value::TimeRange(t, _) => Some(t.saturating_add(hours.saturating_mul(3600))),
                _ => None,
            });
            let against = rule.is_override && wish == Tri::False;
            match referrals.iter_mut().rev().find(|r| r.offer == refer.offer) {
                None => referrals.push(ReferralOutcome {
                    offer: refer.offer,
                    certain: sure,
                    urgency: refer.urgency,
                    deadline,
                    against_wish: against,
                }),
                Some(r) => {
                    r.against_wish |= against;
                    if sure && !r.certain {
                        r.certain = true;
                        r.urgency = refer.urgency;
                        r.deadline = deadline;
                    } else if sure == r.certain {
                        r.urgency = r.urgency.max(refer.urgency);
                        r.deadline = match (r.deadline, deadline) {
                            (Some(a), Some(b)) => Some(a.min(b)),
                            (a, b) => a.or(b),
                        };
                    }
                }
            }
        }
    }
    sort_referrals(rules, &mut referrals);
    let regiehouder = if live_regiehouder { pick_regiehouder(rules, status, best) } else { None };
    Outcome { needs, referrals, regie, regiehouder }
}

/// Display order: area, then urgency (high first), then catalogue order.
pub(crate) fn sort_referrals(rules: &RuleSet, referrals: &mut [ReferralOutcome]) {
    referrals.sort_unstable_by_key(|r| {
        let area = u32::from(rules.offers[r.offer as usize].area);
        (area << 24) | (u32::from(255 - r.urgency) << 16) | u32::from(r.offer)
    });
}

/// Whether regiehouder `id` at `rank` wins over the certain winner so far (`best`: rank,
/// id): a higher rank, or the same rank and a lower index.
#[inline]
pub(crate) fn outranks(id: u16, rank: i64, best: Option<(i64, u16)>) -> bool {
    best.is_none_or(|(r, b)| rank > r || (rank == r && id < b))
}

pub(crate) fn raise(level: &mut LevelOutcome, to: u8, certain: bool) {
    if certain {
        level.certain = level.certain.max(to);
    }
    level.up_to = level.up_to.max(to).max(level.certain);
}

/// The certain winner stands unless an undecided rule could bring another regiehouder at
/// its rank or above; without a certain winner, the highest undecided candidate is possible.
pub(crate) fn pick_regiehouder(
    rules: &RuleSet,
    status: &[Tri],
    best: Option<(i64, u16)>,
) -> Option<RegiehouderOutcome> {
    let undecided =
        || rules.rules.iter().zip(status).filter(|(_, &st)| st == Tri::Unknown).filter_map(|(r, _)| r.regiehouder);
    match best {
        Some((rank, id)) => {
            let challenged = undecided().any(|(c, r)| c != id && r >= rank);
            Some(RegiehouderOutcome { id, rank, certain: !challenged })
        }
        None => {
            let (id, rank) = undecided().max_by_key(|&(c, r)| (r, std::cmp::Reverse(c)))?;
            Some(RegiehouderOutcome { id, rank, certain: false })
        }
    }
}

/// The rules (indices) whose referral to `offer` comes through, in rule order.
pub(crate) fn contributing_rules(rules: &RuleSet, status: &[Tri], wish: Tri, offer: u16) -> Vec<u16> {
    (0..rules.rules.len())
        .filter(|&i| {
            let rule = &rules.rules[i];
            rule.refer.iter().any(|r| r.offer == offer) && contribution(rule.is_override, status[i], wish) != Tri::False
        })
        .map(|i| i as u16)
        .collect()
}

/// For a regiehouder outcome: the rules proposing the winner, and the other regiehouders
/// that undecided rules (or, without a certain winner, any rule) could still bring in.
pub(crate) fn regiehouder_detail(rules: &RuleSet, status: &[Tri], h: &RegiehouderOutcome) -> (Vec<u16>, Vec<u16>) {
    let has_certain = rules.rules.iter().zip(status).any(|(r, &st)| st == Tri::True && r.regiehouder.is_some());
    let mut proposing = Vec::new();
    let mut alternatives = Vec::new();
    for (i, (rule, &st)) in rules.rules.iter().zip(status).enumerate() {
        let Some((c, r)) = rule.regiehouder else { continue };
        if st == Tri::False {
            continue;
        }
        if c == h.id {
            proposing.push(i as u16);
        } else if !has_certain || r >= h.rank {
            alternatives.push(c);
        }
    }
    crate::sort::sort(&mut alternatives);
    alternatives.dedup();
    (proposing, alternatives)
}

/// Removes the referrals to `declined` offers (the victim refused them in a case record)
/// that only rules with a consent-only override still propose: such an override covers a
/// missing consent to share, never the victim's own "no".
pub(crate) fn drop_declined(rules: &RuleSet, status: &[Tri], declined: &[u16], outcome: &mut Outcome) {
    let against_refusal = |offer: u16| {
        rules.rules.iter().zip(status).any(|(rule, &st)| {
            st != Tri::False && rule.is_override && !rule.consent_only && rule.refer.iter().any(|r| r.offer == offer)
        })
    };
    outcome.referrals.retain(|r| !declined.contains(&r.offer) || against_refusal(r.offer));
}
