//! A condition as clauses over atom bits (an `and` of `or`s of literals), for cases whose
//! atoms are all exact: there Boolean logic is two-valued, so `not` can be pushed to the
//! leaves and `or` distributed over `and`. The clauses feed [`super::masks`], which decides
//! whole words of rules at once instead of jumping leaf by leaf.

use super::{Emitter, Literal};
use crate::compile::program::{NodeId, Op};

/// A literal of a clause: one atom bit equal to `set`, or an enum word's value among the
/// bits of `mask` (its word is one-hot for an exact value).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Lit {
    Bit { word: u32, bit: u64, set: bool },
    In { word: u32, mask: u64 },
}

/// An `or` of literals (empty: never holds).
pub(super) type Clause = Vec<Lit>;

/// Distributing `or` over `and` multiplies clauses; beyond this many a conjunct is left to
/// the jump code.
const MAX_CLAUSES: usize = 8;

/// The top-level conjuncts of `root`, each as clauses, or `None` for a conjunct too large
/// to convert (the jump code decides it). Every clause holds whenever the condition holds
/// on exact atoms, and the converted conjuncts together are equivalent to it.
pub(super) fn conjuncts(e: &mut Emitter, root: NodeId) -> Vec<Option<Vec<Clause>>> {
    let mut items = Vec::new();
    flatten(e, root, false, &mut items);
    items.into_iter().map(|(node, negated)| clauses(e, node, negated)).collect()
}

/// The conjuncts of `node` (negated: of `not node`), `and`s opened and `not`s pushed down.
fn flatten(e: &Emitter, node: NodeId, negated: bool, out: &mut Vec<(NodeId, bool)>) {
    match (&e.program.ops[node as usize], negated) {
        (Op::And(items), false) | (Op::Or(items), true) => {
            for &item in items.iter() {
                flatten(e, item, negated, out);
            }
        }
        (Op::Not(a), _) => flatten(e, *a, !negated, out),
        _ => out.push((node, negated)),
    }
}

/// `node` (negated: `not node`) as clauses, if at most [`MAX_CLAUSES`].
fn clauses(e: &mut Emitter, node: NodeId, negated: bool) -> Option<Vec<Clause>> {
    match (&e.program.ops[node as usize], negated) {
        (Op::And(items), false) | (Op::Or(items), true) => {
            let mut out = Vec::new();
            for &item in items.iter() {
                out.extend(clauses(e, item, negated)?);
                if out.len() > MAX_CLAUSES {
                    return None;
                }
            }
            Some(out)
        }
        (Op::Or(items), false) | (Op::And(items), true) => {
            // An empty `or` is one empty clause (never holds).
            let mut out: Vec<Clause> = vec![Vec::new()];
            for &item in items.iter() {
                let next = clauses(e, item, negated)?;
                if out.len() * next.len() > MAX_CLAUSES {
                    return None;
                }
                out = out.iter().flat_map(|a| next.iter().map(move |b| [a.as_slice(), b].concat())).collect();
            }
            Some(out)
        }
        (Op::Not(a), _) => clauses(e, *a, !negated),
        _ => Some(vec![vec![match e.literal(node) {
            Literal::Bit { word, bit, when_set } => Lit::Bit { word, bit, set: when_set != negated },
            Literal::Any { word, mask } => Lit::In { word, mask: if negated { !mask } else { mask } },
        }]]),
    }
}
