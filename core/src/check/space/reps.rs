//! The representatives of a fact over the sides that have it, per kind: enum values by
//! mask signature, set elements, integer cell points and time windows.

use super::usage::Usage;
use super::{Rep, NOW};
use crate::compile::model::RuleSet;
use crate::eval::time::{format_date, format_datetime, MAX_SECONDS, MIN_SECONDS};
use crate::eval::value::Value;
use crate::expr::types::Ty;
use serde_json::Value as Json;

/// Integer facts with a range at most this wide are enumerated in full when they are used
/// in a way the constant partition does not cover (arithmetic, comparison of two facts).
const FULL_RANGE: i64 = 300;

type Uses<'a> = [(usize, &'a RuleSet, &'a Usage, &'a [i64])];

/// The representatives of one fact over the sides that have it; false if not exact.
pub(super) fn representatives(present: &[(usize, u16)], uses: &Uses, sides: usize) -> (Vec<Rep>, bool) {
    let Some(&(_, slot0)) = present.first() else {
        return (vec![Rep { values: vec![Value::Unknown; sides], json: Json::Null }], true);
    };
    let ty = uses[0].1.facts[slot0 as usize].ty;
    match ty {
        Ty::Bool => {
            let reps = [false, true]
                .into_iter()
                .map(|b| Rep { values: per_side(present, sides, |_, _| Value::Bool(b)), json: Json::Bool(b) })
                .collect();
            (reps, true)
        }
        Ty::Enum(_) => (enum_reps(present, uses, sides), true),
        Ty::Set(_) => (set_reps(present, uses, sides), true),
        Ty::Int => int_reps(present, uses, sides),
        Ty::DateTime | Ty::Date => time_reps(present, uses, sides, ty == Ty::Date),
    }
}

fn per_side(present: &[(usize, u16)], sides: usize, mut f: impl FnMut(usize, usize) -> Value) -> Vec<Value> {
    let mut v = vec![Value::Unknown; sides];
    for (k, &(s, _)) in present.iter().enumerate() {
        v[s] = f(k, s);
    }
    v
}

fn domain_values(rules: &RuleSet, slot: u16) -> &[String] {
    match rules.facts[slot as usize].ty {
        Ty::Enum(d) | Ty::Set(d) => &rules.domains[d as usize].values,
        _ => &[],
    }
}

/// The value names of a fact over all sides (first side's order, then the others' extras).
fn names(present: &[(usize, u16)], uses: &Uses) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (k, &(_, slot)) in present.iter().enumerate() {
        for v in domain_values(uses[k].1, slot) {
            if !out.contains(v) {
                out.push(v.clone());
            }
        }
    }
    out
}

/// Per value name: what each side can tell about it (absent, or membership in its masks).
fn signature(present: &[(usize, u16)], uses: &Uses, name: &str, salt: usize) -> Vec<i64> {
    let mut sig = Vec::new();
    for (k, &(_, slot)) in present.iter().enumerate() {
        let u = uses[k].2;
        match domain_values(uses[k].1, slot).iter().position(|v| v == name) {
            None => sig.push(-1),
            Some(_) if u.opaque => sig.push(1_000_000 + salt as i64),
            Some(i) => {
                sig.push(-2);
                for m in u.masks.iter().chain(&u.all_masks) {
                    sig.push(i64::from(m >> i & 1 == 1));
                }
            }
        }
    }
    sig
}

fn enum_reps(present: &[(usize, u16)], uses: &Uses, sides: usize) -> Vec<Rep> {
    let names = names(present, uses);
    let mut classes: Vec<(Vec<i64>, &String)> = Vec::new();
    for (i, n) in names.iter().enumerate() {
        let sig = signature(present, uses, n, i);
        if !classes.iter().any(|(s, _)| *s == sig) {
            classes.push((sig, n));
        }
    }
    classes
        .into_iter()
        .map(|(_, name)| Rep {
            values: per_side(present, sides, |k, _| {
                let slot = present[k].1;
                domain_values(uses[k].1, slot)
                    .iter()
                    .position(|v| v == name)
                    .map_or(Value::Unknown, |i| Value::Enum(i as u16))
            }),
            json: Json::String(name.clone()),
        })
        .collect()
}

fn set_reps(present: &[(usize, u16)], uses: &Uses, sides: usize) -> Vec<Rep> {
    let names = names(present, uses);
    let count = uses.iter().any(|u| u.2.count || u.2.opaque);
    // Elements grouped by what the masks can tell apart.
    let mut classes: Vec<(Vec<i64>, Vec<&String>)> = Vec::new();
    for n in &names {
        let sig = signature(present, uses, n, 0);
        match classes.iter_mut().find(|(s, _)| *s == sig) {
            Some((_, members)) => members.push(n),
            None => classes.push((sig, vec![n])),
        }
    }
    // Per class: how many of its elements to take.
    let choices: Vec<Vec<usize>> = classes
        .iter()
        .map(|(sig, members)| {
            let n = members.len();
            let tested = sig.contains(&1);
            let in_all = members.iter().any(|m| {
                present.iter().enumerate().any(|(k, &(_, slot))| {
                    domain_values(uses[k].1, slot)
                        .iter()
                        .position(|v| v == *m)
                        .is_some_and(|i| uses[k].2.all_masks.iter().any(|mask| mask >> i & 1 == 1))
                })
            });
            let mut c: Vec<usize> = if count {
                (0..=n).collect()
            } else if in_all {
                vec![0, 1, n]
            } else if tested {
                vec![0, 1]
            } else {
                vec![0]
            };
            c.dedup();
            c
        })
        .collect();
    let mut reps = Vec::new();
    let mut pick = vec![0usize; classes.len()];
    loop {
        let chosen: Vec<&String> = classes
            .iter()
            .enumerate()
            .flat_map(|(c, (_, members))| members.iter().take(choices[c][pick[c]]).copied())
            .collect();
        reps.push(Rep {
            values: per_side(present, sides, |k, _| {
                let domain = domain_values(uses[k].1, present[k].1);
                let bits =
                    chosen.iter().filter_map(|n| domain.iter().position(|v| v == *n)).fold(0u64, |b, i| b | 1 << i);
                Value::Set(bits)
            }),
            json: Json::Array(chosen.iter().map(|n| Json::String((*n).clone())).collect()),
        });
        // Next combination (odometer).
        let mut c = 0;
        loop {
            if c == pick.len() {
                return reps;
            }
            pick[c] += 1;
            if pick[c] < choices[c].len() {
                break;
            }
            pick[c] = 0;
            c += 1;
        }
    }
}

fn int_reps(present: &[(usize, u16)], uses: &Uses, sides: usize) -> (Vec<Rep>, bool) {
    let lo = present.iter().enumerate().map(|(k, &(_, sl))| uses[k].1.facts[sl as usize].min).min().unwrap_or(0);
    let hi = present.iter().enumerate().map(|(k, &(_, sl))| uses[k].1.facts[sl as usize].max).max().unwrap_or(0);
    let opaque = uses.iter().any(|u| u.2.opaque);
    let mut exact = true;
    let mut points: Vec<i64> =
        present.iter().enumerate().map(|(k, &(_, sl))| uses[k].1.facts[sl as usize].min).collect();
    if opaque && hi.saturating_sub(lo) <= FULL_RANGE {
        points.extend(lo..=hi);
    } else {
        for u in uses {
            points.extend(&u.2.points);
            if opaque {
                exact = false;
                points.extend(u.3.iter().flat_map(|&c| [c.saturating_sub(1), c, c.saturating_add(1)]));
            }
        }
    }
    points.retain(|&p| p >= lo && p <= hi);
    points.sort_unstable();
    points.dedup();
    let reps = points
        .into_iter()
        .map(|p| Rep {
            values: per_side(present, sides, |k, _| {
                let f = &uses[k].1.facts[present[k].1 as usize];
                if p >= f.min && p <= f.max {
                    Value::Int(p)
                } else {
                    Value::Unknown
                }
            }),
            json: Json::from(p),
        })
        .collect();
    (reps, exact)
}

fn time_reps(present: &[(usize, u16)], uses: &Uses, sides: usize, date: bool) -> (Vec<Rep>, bool) {
    let opaque = uses.iter().any(|u| u.2.opaque);
    let mut bounds: Vec<i64> = uses.iter().flat_map(|u| u.2.bounds.iter().copied()).collect();
    if opaque {
        // Compared in arithmetic: use every constant as hours and as days (not exact).
        for u in uses {
            bounds.extend(u.3.iter().flat_map(|&c| {
                let next = c.saturating_add(1);
                [
                    c.saturating_mul(3600),
                    next.saturating_mul(3600),
                    c.saturating_mul(86_400),
                    next.saturating_mul(86_400),
                ]
            }));
        }
    }
    bounds.sort_unstable();
    bounds.dedup();
    // Seconds before NOW, one per window.
    let mut elapsed: Vec<i64> = Vec::new();
    const HALF_DAY: i64 = 43_200;
    if bounds.is_empty() {
        elapsed.push(if date { HALF_DAY } else { 1800 });
    }
    // A bound only matters within the times a case can hold; clamping to that range first
    // keeps the arithmetic below far from overflow.
    let span = MAX_SECONDS - MIN_SECONDS;
    for &b in &bounds {
        let b = b.clamp(-span, span);
        if date {
            // Saturating: a constant near the i64 range gives an extreme (out-of-range) time.
            let shifted = b.saturating_sub(HALF_DAY);
            let d = shifted.div_euclid(86_400) + i64::from(shifted.rem_euclid(86_400) != 0);
            let day = |d: i64| d.saturating_mul(86_400).saturating_add(HALF_DAY);
            elapsed.extend([day(d - 1), day(d)]);
        } else {
            elapsed.extend([b.saturating_sub(1800), b.saturating_add(1800)]);
        }
    }
    // Times a case can hold only (RFC 3339, years 0000 to 9999): a window beyond them is
    // represented by the nearest time that is in it or next to it.
    let mut times: Vec<i64> = elapsed.into_iter().map(|e| (NOW - e).clamp(MIN_SECONDS, MAX_SECONDS)).collect();
    times.sort_unstable_by(|a, b| b.cmp(a));
    times.dedup();
    let reps = times
        .into_iter()
        .map(|t| Rep {
            values: per_side(present, sides, |_, _| Value::Time(t)),
            json: Json::String(if date { format_date(t) } else { format_datetime(t) }),
        })
        .collect();
    (reps, !opaque)
}
