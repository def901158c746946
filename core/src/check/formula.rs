//! Targets of the search: Kleene formulas over atoms (a rule's condition, an offer's wish,
//! a property expression) of one side of a space.
//!
//! Every outcome the engine merges is such a formula over its rules (see `terms`), so a
//! question like "regie ≥ R1 and no regiehouder" is one formula, evaluated with the same
//! three-valued logic as the rules themselves.

use crate::compile::program::NodeId;
use crate::eval::value::Tri;
use std::collections::HashSet;

/// A three-valued fact about one side of a space.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Atom {
    /// Side, rule index: the rule's condition.
    Rule(u8, u16),
    /// Side, offer index: the offer's wish (true when it has none).
    Wish(u8, u16),
    /// Side, node of the rule set's program (e.g. one conjunct of a condition).
    Node(u8, NodeId),
    /// Side, node of the side's property arena.
    Prop(u8, NodeId),
    /// Side, slot of an enum fact, mask: the fact has one of these values (for facts no
    /// expression tests, such as the region of a provider).
    Value(u8, u16, u64),
}

impl Atom {
    pub fn side(self) -> usize {
        match self {
            Atom::Rule(s, _) | Atom::Wish(s, _) | Atom::Node(s, _) | Atom::Prop(s, _) | Atom::Value(s, ..) => {
                s as usize
            }
        }
    }
}

/// A Kleene formula over atoms.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Formula {
    Const(bool),
    Atom(Atom),
    Not(Box<Formula>),
    And(Vec<Formula>),
    Or(Vec<Formula>),
}

pub(crate) const TRUE: Formula = Formula::Const(true);
pub(crate) const FALSE: Formula = Formula::Const(false);

/// An atom as a formula.
pub(crate) fn atom(a: Atom) -> Formula {
    Formula::Atom(a)
}

/// Negation, pushed down to the atoms (Kleene logic keeps De Morgan's laws), so that
/// conjunctions stay flat: `x and not (x or y)` is seen to be false at once, and the
/// negation of an implication becomes a conjunction the search prunes well.
pub(crate) fn not(f: Formula) -> Formula {
    match f {
        Formula::Const(b) => Formula::Const(!b),
        Formula::Atom(a) => Formula::Not(Box::new(Formula::Atom(a))),
        Formula::Not(g) => *g,
        Formula::And(items) => or(items.into_iter().map(not)),
        Formula::Or(items) => and(items.into_iter().map(not)),
    }
}

/// Up to this many items a conjunction is simplified by scanning, beyond it with hash sets.
const SMALL: usize = 32;

/// Conjunction, folding constants and nested conjunctions.
pub(crate) fn and(items: impl IntoIterator<Item = Formula>) -> Formula {
    let mut out = Vec::new();
    for f in items {
        match f {
            Formula::Const(true) => {}
            Formula::Const(false) => return FALSE,
            Formula::And(inner) => out.extend(inner),
            f => out.push(f),
        }
    }
    // x and not x: no complete case satisfies it (Kleene leaves it unknown while x is, but
    // the search only ever looks for complete cases, so this just prunes earlier). Literals
    // are kept in hash sets: conjunctions over thousands of rules stay linear.
    let literal = |f: &Formula| match f {
        Formula::Atom(a) => Some((false, *a)),
        Formula::Not(g) => g.as_atom().map(|a| (true, a)),
        _ => None,
    };
    if out.len() <= SMALL {
        // Few items (the common case): a scan beats building hash sets.
        let negated: Vec<Atom> = out.iter().filter_map(literal).filter(|l| l.0).map(|l| l.1).collect();
        if out.iter().any(|f| f.as_atom().is_some_and(|a| negated.contains(&a))) {
            return FALSE;
        }
        let mut seen = Vec::new();
        out.retain(|f| {
            literal(f).is_none_or(|l| {
                let new = !seen.contains(&l);
                seen.push(l);
                new
            })
        });
    } else {
        let negated: HashSet<Atom> = out.iter().filter_map(literal).filter(|l| l.0).map(|l| l.1).collect();
        if out.iter().any(|f| f.as_atom().is_some_and(|a| negated.contains(&a))) {
            return FALSE;
        }
        let mut seen = HashSet::with_capacity(out.len());
        out.retain(|f| literal(f).is_none_or(|l| seen.insert(l)));
    }
    match out.len() {
        0 => TRUE,
        1 => out.pop().expect("one item"),
        _ => Formula::And(out),
    }
}

/// Disjunction, folding constants and nested disjunctions.
pub(crate) fn or(items: impl IntoIterator<Item = Formula>) -> Formula {
    let mut out = Vec::new();
    for f in items {
        match f {
            Formula::Const(false) => {}
            Formula::Const(true) => return TRUE,
            Formula::Or(inner) => out.extend(inner),
            f => out.push(f),
        }
    }
    match out.len() {
        0 => FALSE,
        1 => out.pop().expect("one item"),
        _ => Formula::Or(out),
    }
}

/// Most parts a target is split into before searching.
const MAX_PARTS: usize = 512;

/// Most formula items written while splitting one target into parts.
const MAX_SPLIT_WORK: usize = 50_000;

impl Formula {
    fn as_atom(&self) -> Option<Atom> {
        match self {
            Formula::Atom(a) => Some(*a),
            _ => None,
        }
    }

    /// The same formula with every atom replaced (simplified again).
    pub fn map_atoms(&self, f: &impl Fn(Atom) -> Atom) -> Formula {
        match self {
            Formula::Const(b) => Formula::Const(*b),
            Formula::Atom(a) => Formula::Atom(f(*a)),
            Formula::Not(g) => not(g.map_atoms(f)),
            Formula::And(items) => and(items.iter().map(|g| g.map_atoms(f))),
            Formula::Or(items) => or(items.iter().map(|g| g.map_atoms(f))),
        }
    }

    /// Every atom, in order of first appearance.
    pub fn atoms(&self, out: &mut Vec<Atom>) {
        match self {
            Formula::Const(_) => {}
            Formula::Atom(a) => {
                if !out.contains(a) {
                    out.push(*a);
                }
            }
            Formula::Not(f) => f.atoms(out),
            Formula::And(items) | Formula::Or(items) => items.iter().for_each(|f| f.atoms(out)),
        }
    }

    /// Parts whose disjunction is this formula, each searched on its own: the disjuncts
    /// of a disjunction, and a conjunction distributed over its disjunctions of rules
    /// ("one of these rules fires"), so each part is a conjunction the search prunes well.
    pub fn disjuncts(self) -> Vec<Formula> {
        let mut out = Vec::new();
        let mut todo = vec![self];
        // Items written into parts so far: splitting stops at a fixed amount of work, so a
        // target over thousands of rules costs its size, not its size times the parts.
        let mut work = 0usize;
        while let Some(f) = todo.pop() {
            match f {
                Formula::Const(false) => {}
                Formula::Or(items) => todo.extend(items.into_iter().rev()),
                Formula::And(items) if out.len() + todo.len() < MAX_PARTS && work < MAX_SPLIT_WORK => {
                    let pick = items.iter().position(|g| matches!(g, Formula::Or(d) if d.iter().any(positive_rule) && d.len() + out.len() + todo.len() <= MAX_PARTS));
                    match pick {
                        Some(k) => {
                            let mut rest = items;
                            let Formula::Or(choices) = rest.remove(k) else { unreachable!("picked a disjunction") };
                            work = work.saturating_add(choices.len().saturating_mul(rest.len() + 1));
                            let parts: Vec<Formula> =
                                choices.into_iter().map(|c| and(rest.iter().cloned().chain([c]))).collect();
                            todo.extend(parts.into_iter().rev());
                        }
                        None => out.push(Formula::And(items)),
                    }
                }
                f => out.push(f),
            }
        }
        out
    }
}

/// Whether a rule atom occurs in `f` un-negated.
fn positive_rule(f: &Formula) -> bool {
    match f {
        Formula::Atom(Atom::Rule(..)) => true,
        Formula::And(items) | Formula::Or(items) => items.iter().any(positive_rule),
        _ => false,
    }
}

/// A formula compiled against an atom table: atoms are indices.
#[derive(Clone, Debug)]
pub(crate) enum Compiled {
    Const(Tri),
    Atom(u32),
    Not(Box<Compiled>),
    And(Vec<Compiled>),
    Or(Vec<Compiled>),
}

impl Compiled {
    pub fn new(f: &Formula, atoms: &[Atom]) -> Compiled {
        match f {
            Formula::Const(b) => Compiled::Const(if *b { Tri::True } else { Tri::False }),
            Formula::Atom(a) => Compiled::Atom(atoms.iter().position(|x| x == a).expect("atom interned") as u32),
            Formula::Not(g) => Compiled::Not(Box::new(Compiled::new(g, atoms))),
            Formula::And(items) => Compiled::And(items.iter().map(|g| Compiled::new(g, atoms)).collect()),
            Formula::Or(items) => Compiled::Or(items.iter().map(|g| Compiled::new(g, atoms)).collect()),
        }
    }

    /// Kleene value; with `relevant`, also the undecided atoms that could still decide it
    /// (those under undecided sub-formulas), possibly repeated.
    pub fn eval(&self, status: &[Tri], relevant: &mut Vec<u32>) -> Tri {
        match self {
            Compiled::Const(t) => *t,
            Compiled::Atom(i) => {
                let t = status[*i as usize];
                if t == Tri::Unknown {
                    relevant.push(*i);
                }
                t
            }
            Compiled::Not(g) => match g.eval(status, relevant) {
                Tri::True => Tri::False,
                Tri::False => Tri::True,
                Tri::Unknown => Tri::Unknown,
            },
            Compiled::And(items) => {
                let mark = relevant.len();
                let mut acc = Tri::True;
                for g in items {
                    match g.eval(status, relevant) {
                        Tri::False => {
                            relevant.truncate(mark);
                            return Tri::False;
                        }
                        Tri::Unknown => acc = Tri::Unknown,
                        Tri::True => {}
                    }
                }
                acc
            }
            Compiled::Or(items) => {
                let mark = relevant.len();
                let mut acc = Tri::False;
                for g in items {
                    match g.eval(status, relevant) {
                        Tri::True => {
                            relevant.truncate(mark);
                            return Tri::True;
                        }
                        Tri::Unknown => acc = Tri::Unknown,
                        Tri::False => {}
                    }
                }
                acc
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_constants_and_flattens() {
        let a = atom(Atom::Rule(0, 1));
        assert_eq!(and([TRUE, a.clone()]), a);
        assert_eq!(and([FALSE, a.clone()]), FALSE);
        assert_eq!(or([TRUE, a.clone()]), TRUE);
        assert_eq!(or(Vec::new()), FALSE);
        assert_eq!(not(not(a.clone())), a);
        assert_eq!(and([a.clone(), atom(Atom::Rule(0, 2)), not(a.clone())]), FALSE);
        assert_eq!(and([not(a.clone()), not(a.clone())]), not(a.clone()));
        let (b, c) = (atom(Atom::Rule(0, 2)), atom(Atom::Wish(0, 0)));
        assert_eq!(and([and([a.clone(), b.clone()]), c.clone()]), Formula::And(vec![a.clone(), b.clone(), c.clone()]));
        // De Morgan: negation reaches the atoms.
        assert_eq!(not(or([a.clone(), and([b.clone(), c.clone()])])), and([not(a), or([not(b), not(c)])]));
    }

    #[test]
    fn kleene_evaluation_collects_only_deciding_atoms() {
        let f = or([atom(Atom::Rule(0, 0)), and([atom(Atom::Rule(0, 1)), atom(Atom::Rule(0, 2))])]);
        let atoms = [Atom::Rule(0, 0), Atom::Rule(0, 1), Atom::Rule(0, 2)];
        let c = Compiled::new(&f, &atoms);
        let mut rel = Vec::new();
        assert_eq!(c.eval(&[Tri::Unknown, Tri::False, Tri::Unknown], &mut rel), Tri::Unknown);
        assert_eq!(rel, vec![0]);
        rel.clear();
        assert_eq!(c.eval(&[Tri::Unknown, Tri::True, Tri::True], &mut rel), Tri::True);
        assert!(rel.is_empty());
    }
}
