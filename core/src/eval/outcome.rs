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

/// A merged referral.
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
    /// Rules that propose it, in rule order.
    pub rules: Vec<u16>,
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
    /// Other regiehouders that undecided rules could still bring in.
    pub alternatives: Vec<u16>,
    /// Rules that propose the winner.
    pub rules: Vec<u16>,
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

/// Evaluates derived facts into their slots, then every rule's condition.
pub(crate) fn run(rules: &RuleSet, slots: &mut Vec<Value>, now: i64) -> Vec<Tri> {
    derive(rules, slots, now);
    let env = Env { slots, now };
    rules.rules.iter().map(|r| rules.program.truth(r.when, &env)).collect()
}

/// Evaluates the derived facts into their slots (the first step of [`run`]).
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

/// Merges the effects of the rules that are true or undecided.
pub(crate) fn merge(rules: &RuleSet, status: &[Tri], slots: &[Value], now: i64) -> Outcome {
    let env = Env { slots, now };
    let areas = rules.source.manifest.areas.len();
    let mut needs = vec![LevelOutcome::default(); areas];
    let mut regie = LevelOutcome::default();
    let mut referrals: Vec<ReferralOutcome> = Vec::new();
    let mut wishes: Vec<Option<Tri>> = vec![None; rules.offers.len()];
    let mut best: Option<(i64, u16)> = None; // the certain winner so far: rank, id
    let mut candidates: Vec<(u16, i64, Tri, u16)> = Vec::new();
    for (i, (rule, &st)) in rules.rules.iter().zip(status).enumerate() {
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
            candidates.push((id, rank, st, i as u16));
            if certain && best.is_none_or(|(r, b)| rank > r || (rank == r && id < b)) {
                best = Some((rank, id));
            }
        }
        for refer in &rule.refer {
            let offer = refer.offer as usize;
            let wish = *wishes[offer].get_or_insert_with(|| wish_status(rules, offer, &env));
            let gate = if rule.is_override { Tri::True } else { wish };
            let contribution = st.and(gate);
            if contribution == Tri::False {
                continue;
            }
            let sure = contribution == Tri::True;
            let deadline = refer.deadline.and_then(|(slot, hours)| match slots[slot as usize] {
                Value::Time(t) => Some(t.saturating_add(hours.saturating_mul(3600))),
                _ => None,
            });
            let against = rule.is_override && wish == Tri::False;
            match referrals.iter_mut().find(|r| r.offer == refer.offer) {
                None => referrals.push(ReferralOutcome {
                    offer: refer.offer,
                    certain: sure,
                    urgency: refer.urgency,
                    deadline,
                    against_wish: against,
                    rules: vec![i as u16],
                }),
                Some(r) => {
                    if !r.rules.contains(&(i as u16)) {
                        r.rules.push(i as u16);
                    }
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
    referrals.sort_by_key(|r| (rules.offers[r.offer as usize].area, std::cmp::Reverse(r.urgency), r.offer));
    let regiehouder = pick_regiehouder(best, &candidates);
    Outcome { needs, referrals, regie, regiehouder }
}

fn raise(level: &mut LevelOutcome, to: u8, certain: bool) {
    if certain {
        level.certain = level.certain.max(to);
    }
    level.up_to = level.up_to.max(to).max(level.certain);
}

fn pick_regiehouder(best: Option<(i64, u16)>, candidates: &[(u16, i64, Tri, u16)]) -> Option<RegiehouderOutcome> {
    let (rank, id, certain) = match best {
        Some((rank, id)) => {
            let challenged = candidates.iter().any(|&(c, r, st, _)| st == Tri::Unknown && c != id && r >= rank);
            (rank, id, !challenged)
        }
        None => {
            let &(id, rank, _, _) = candidates.iter().max_by_key(|&&(c, r, _, _)| (r, std::cmp::Reverse(c)))?;
            (rank, id, false)
        }
    };
    // Without a certain winner every other candidate is an alternative; with one, only
    // those that could tie or beat it.
    let mut alternatives: Vec<u16> =
        candidates.iter().filter(|&&(c, r, ..)| c != id && (best.is_none() || r >= rank)).map(|&(c, ..)| c).collect();
    alternatives.sort_unstable();
    alternatives.dedup();
    let rules = candidates.iter().filter(|&&(c, ..)| c == id).map(|&(.., rule)| rule).collect();
    Some(RegiehouderOutcome { id, rank, certain, alternatives, rules })
}
