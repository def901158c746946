//! The search: is there a case that makes a target formula true?
//!
//! Depth-first over partial cases, with the engine's own three-valued evaluation. A fact
//! not yet decided is unknown; Kleene logic is monotone (deciding a fact never changes a
//! decided sub-expression), so a target that is false on a partial case is false on all
//! its completions (prune), and one that is true is true on all of them (found). Otherwise
//! the search branches on an undecided fact that an undecided part of the target still
//! depends on (found with the questions analysis' `mark_unknowns_in`), over the fact's
//! representatives. Sub-searches already shown empty are remembered by what still matters
//! (the atoms' truth values and the decided facts the undecided atoms read), which turns
//! independent parts of a target from a product into a sum. A node budget bounds the work.

use super::budget::RunBudget;
use super::formula::{Atom, Compiled, Formula};
use super::space::{reads_of, Side, Space, NOW};
use super::Witness;
use crate::compile::program::{apply, Env, NodeId, Op, Program};
use crate::eval::outcome::{derive, wish_status};
use crate::eval::questions::mark_unknowns_in;
use crate::eval::time::format_datetime;
use crate::eval::value::{Tri, Value};
use std::collections::HashSet;

/// The nodes of a side's program that the atoms depend on, through derived facts too, in
/// arena order (which puts operands, and derived facts, before their users).
fn cone<'a>(side: &Side, atoms: impl Iterator<Item = &'a Atom>) -> Vec<(NodeId, Option<u16>)> {
    let rules = side.rules;
    let program = &rules.program;
    // Only the cone is touched (a set, not a flag per node of the program), so a target
    // costs its own size, not the size of the whole rule set.
    let mut marked: HashSet<NodeId> = HashSet::new();
    let mut todo: Vec<NodeId> = Vec::new();
    let derived_node = |slot: u16| rules.derived_of(slot).map(|d| d.node);
    for a in atoms {
        match *a {
            Atom::Rule(_, r) => todo.push(rules.rules[r as usize].when),
            Atom::Wish(_, o) => todo.extend(rules.offers[o as usize].wish),
            Atom::Node(_, n) => todo.push(n),
            Atom::Prop(_, n) => {
                let mut slots = Vec::new();
                if let Some(p) = side.props {
                    loaded_slots(p, n, &mut slots);
                }
                todo.extend(slots.into_iter().filter_map(derived_node));
            }
            Atom::Value(..) => {}
        }
    }
    while let Some(n) = todo.pop() {
        if !marked.insert(n) {
            continue;
        }
        if let Op::Load(slot) = program.ops[n as usize] {
            todo.extend(derived_node(slot));
        }
        todo.extend(program.children(n));
    }
    let mut nodes: Vec<NodeId> = marked.into_iter().collect();
    nodes.sort_unstable();
    nodes.into_iter().map(|n| (n, rules.derived_root(n))).collect()
}

/// Every slot a node of `program` loads.
fn loaded_slots(program: &Program, node: NodeId, out: &mut Vec<u16>) {
    if let Op::Load(slot) = program.ops[node as usize] {
        out.push(slot);
    }
    for c in program.children(node) {
        loaded_slots(program, c, out);
    }
}

/// Node budget of one search (all parts of one target together); beyond it the answer is
/// [`Answer::Incomplete`].
pub(crate) const BUDGET: usize = 200_000;

/// Remembered empty sub-searches, at most (then the memory starts again).
const MEMO_LIMIT: usize = 1 << 18;

/// The result of one search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Answer {
    /// A case makes the target true; it is the searcher's current case.
    Found,
    /// No case does.
    None,
    /// The budget ran out first.
    Incomplete,
}

/// Searches one space, target after target.
pub(crate) struct Searcher<'s, 'r> {
    space: &'s Space<'r>,
    /// The budget of the whole run, shared with the run's other searchers.
    run: &'s RunBudget<'s>,
    slots: Vec<Vec<Value>>,
    assigned: Vec<Option<u16>>,
    /// Decided facts, in order of decision.
    stack: Vec<usize>,
    atoms: Vec<Atom>,
    target: Compiled,
    /// Per atom: the space facts it reads.
    reads: Vec<Vec<usize>>,
    status: Vec<Tri>,
    /// Per side: every node's value on the current partial case (one linear pass).
    values: Vec<Vec<Value>>,
    /// The sides the target's atoms belong to.
    sides_used: Vec<usize>,
    /// Per side: the nodes the target's atoms depend on, in arena order (operands first),
    /// each with the slot it fills if it is a derived fact's expression.
    cone: Vec<Vec<(NodeId, Option<u16>)>>,
    memo: HashSet<Vec<u32>>,
    nodes: usize,
    budget: usize,
    any_known: bool,
    /// Nodes visited over all searches.
    pub total_nodes: usize,
}

impl<'s, 'r> Searcher<'s, 'r> {
    pub fn new(space: &'s Space<'r>, run: &'s RunBudget<'s>) -> Self {
        let slots = space
            .sides
            .iter()
            .map(|side| {
                let mut s = vec![Value::Unknown; side.rules.slot_count()];
                for &(slot, v) in &side.pins {
                    s[slot as usize] = v;
                }
                s
            })
            .collect();
        Searcher {
            space,
            run,
            slots,
            assigned: vec![None; space.facts.len()],
            stack: Vec::new(),
            atoms: Vec::new(),
            target: Compiled::Const(Tri::False),
            reads: Vec::new(),
            status: Vec::new(),
            values: vec![Vec::new(); space.sides.len()],
            sides_used: Vec::new(),
            cone: vec![Vec::new(); space.sides.len()],
            memo: HashSet::new(),
            nodes: 0,
            budget: BUDGET,
            any_known: space.facts.iter().any(|f| f.known),
            total_nodes: 0,
        }
    }

    /// Looks for a case that makes `target` true. On [`Answer::Found`] the case stays
    /// loaded, for [`Searcher::witness`] and [`Searcher::truth`].
    pub fn find(&mut self, target: &Formula) -> Answer {
        self.load(target);
        self.clear();
        self.memo.clear();
        self.nodes = 0;
        let answer = match self.dfs() {
            Ok(true) => Answer::Found,
            Ok(false) => Answer::None,
            Err(()) => Answer::Incomplete,
        };
        self.total_nodes += self.nodes;
        answer
    }

    /// Looks for a case that makes `target` true, one part of it at a time (see
    /// [`Formula::disjuncts`]), all parts together within one budget.
    pub fn find_any(&mut self, target: Formula) -> Answer {
        let limit = self.budget;
        let mut left = limit;
        let mut answer = Answer::None;
        for part in target.disjuncts() {
            if left == 0 {
                answer = Answer::Incomplete;
                break;
            }
            self.budget = left;
            match self.find(&part) {
                Answer::Found => {
                    answer = Answer::Found;
                    break;
                }
                Answer::Incomplete => answer = Answer::Incomplete,
                Answer::None => {}
            }
            left = left.saturating_sub(self.nodes);
        }
        self.budget = limit;
        answer
    }

    /// Makes `target` the formula that [`Searcher::witness`] keeps true.
    fn load(&mut self, target: &Formula) {
        let mut atoms = Vec::new();
        target.atoms(&mut atoms);
        self.reads = atoms.iter().map(|&a| self.atom_reads(a)).collect();
        self.target = Compiled::new(target, &atoms);
        self.status = vec![Tri::Unknown; atoms.len()];
        self.sides_used = (0..self.space.sides.len()).filter(|&s| atoms.iter().any(|a| a.side() == s)).collect();
        for s in 0..self.space.sides.len() {
            self.cone[s] = cone(&self.space.sides[s], atoms.iter().filter(|a| a.side() == s));
        }
        self.atoms = atoms;
    }

    fn atom_reads(&self, a: Atom) -> Vec<usize> {
        let side = &self.space.sides[a.side()];
        let rules = side.rules;
        let mut slots = Vec::new();
        match a {
            Atom::Rule(_, r) => slots.extend(&rules.rules[r as usize].reads),
            Atom::Wish(_, o) => {
                if let Some(w) = rules.offers[o as usize].wish {
                    reads_of(rules, &rules.program, w, &mut slots);
                }
            }
            Atom::Node(_, n) => reads_of(rules, &rules.program, n, &mut slots),
            Atom::Prop(_, n) => {
                if let Some(p) = side.props {
                    reads_of(rules, p, n, &mut slots);
                }
            }
            Atom::Value(_, slot, _) => slots.push(slot),
        }
        let mut out: Vec<usize> = slots.into_iter().filter_map(|s| side.joint[s as usize]).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    fn clear(&mut self) {
        while let Some(f) = self.stack.pop() {
            self.set(f, None);
        }
    }

    fn set(&mut self, fact: usize, rep: Option<u16>) {
        let f = &self.space.facts[fact];
        for (s, slot) in f.slots.iter().enumerate() {
            if let Some(slot) = slot {
                self.slots[s][*slot as usize] = match rep {
                    Some(r) => f.reps[r as usize].values[s],
                    None => Value::Unknown,
                };
            }
        }
        self.assigned[fact] = rep;
    }

    fn assign(&mut self, fact: usize, rep: u16) {
        self.set(fact, Some(rep));
        self.stack.push(fact);
    }

    fn unassign_last(&mut self) {
        if let Some(f) = self.stack.pop() {
            self.set(f, None);
        }
    }

    fn refresh(&mut self) {
        for (s, side) in self.space.sides.iter().enumerate() {
            derive(side.rules, &mut self.slots[s], NOW);
        }
    }

    /// The values of the nodes the target depends on (derived facts into their slots on
    /// the way), in one pass over its cone.
    fn evaluate_cone(&mut self) {
        for &s in &self.sides_used {
            let program = &self.space.sides[s].rules.program;
            let values = &mut self.values[s];
            values.resize(program.ops.len(), Value::Unknown);
            let slots = &mut self.slots[s];
            for &(node, derived) in &self.cone[s] {
                let v = {
                    let (known, env) = (&*values, Env { slots, now: NOW });
                    apply(&program.ops[node as usize], &env, |c| known[c as usize])
                };
                values[node as usize] = v;
                if let Some(slot) = derived {
                    slots[slot as usize] = v;
                }
            }
        }
    }

    /// An atom's truth from the node values of the current partial case.
    fn evaluated_status(&self, a: Atom) -> Tri {
        let side = &self.space.sides[a.side()];
        let values = &self.values[a.side()];
        match a {
            Atom::Rule(_, r) => values[side.rules.rules[r as usize].when as usize].tri(),
            Atom::Wish(_, o) => side.rules.offers[o as usize].wish.map_or(Tri::True, |w| values[w as usize].tri()),
            Atom::Node(_, n) => values[n as usize].tri(),
            Atom::Prop(..) | Atom::Value(..) => self.atom_status(a),
        }
    }

    fn atom_status(&self, a: Atom) -> Tri {
        let side = &self.space.sides[a.side()];
        let env = Env { slots: &self.slots[a.side()], now: NOW };
        match a {
            Atom::Rule(_, r) => side.rules.program.truth(side.rules.rules[r as usize].when, &env),
            Atom::Wish(_, o) => wish_status(side.rules, o as usize, &env),
            Atom::Node(_, n) => side.rules.program.truth(n, &env),
            Atom::Prop(_, n) => side.props.map_or(Tri::Unknown, |p| p.truth(n, &env)),
            Atom::Value(_, slot, mask) => match env.slots[slot as usize] {
                Value::Unknown => Tri::Unknown,
                Value::Enum(i) if mask >> i & 1 == 1 => Tri::True,
                _ => Tri::False,
            },
        }
    }

    /// The truth of `f` on the current case (facts not decided are unknown).
    pub fn truth(&mut self, f: &Formula) -> Tri {
        self.refresh();
        let mut atoms = Vec::new();
        f.atoms(&mut atoms);
        let status: Vec<Tri> = atoms.iter().map(|&a| self.atom_status(a)).collect();
        Compiled::new(f, &atoms).eval(&status, &mut Vec::new())
    }

    fn target_now(&mut self) -> Tri {
        self.refresh();
        for i in 0..self.atoms.len() {
            self.status[i] = self.atom_status(self.atoms[i]);
        }
        self.target.eval(&self.status, &mut Vec::new())
    }

    fn dfs(&mut self) -> Result<bool, ()> {
        self.nodes += 1;
        if self.nodes > self.budget || !self.run.take() {
            return Err(());
        }
        self.evaluate_cone();
        let mut forced = None;
        for i in 0..self.atoms.len() {
            self.status[i] = self.evaluated_status(self.atoms[i]);
            if self.any_known {
                // An atom reading an undecided fact under known() is not to be trusted yet.
                if let Some(&f) =
                    self.reads[i].iter().find(|&&f| self.space.facts[f].known && self.assigned[f].is_none())
                {
                    self.status[i] = Tri::Unknown;
                    forced.get_or_insert(f);
                }
            }
        }
        let mut relevant = Vec::new();
        match self.target.eval(&self.status, &mut relevant) {
            Tri::True => return Ok(true),
            Tri::False => return Ok(false),
            Tri::Unknown => {}
        }
        relevant.sort_unstable();
        relevant.dedup();
        let Some(fact) = forced.or_else(|| self.choose(&relevant)) else {
            // Undecided, yet nothing left to decide: unknown in this case, not true.
            return Ok(false);
        };
        let key = self.key(&relevant);
        if self.memo.contains(&key) {
            return Ok(false);
        }
        for rep in 0..self.space.facts[fact].reps.len() {
            self.assign(fact, rep as u16);
            let found = self.dfs();
            if found != Ok(false) {
                return found;
            }
            self.unassign_last();
        }
        if self.memo.len() >= MEMO_LIMIT {
            self.memo.clear();
        }
        self.memo.insert(key);
        Ok(false)
    }

    /// The undecided fact most of the deciding atoms still depend on (first seen on ties).
    fn choose(&self, relevant: &[u32]) -> Option<usize> {
        let mut counts: Vec<(usize, u32)> = Vec::new();
        let mut out = Vec::new();
        for &i in relevant {
            let a = self.atoms[i as usize];
            let side = &self.space.sides[a.side()];
            let env = Env { slots: &self.slots[a.side()], now: NOW };
            out.clear();
            let mut facts: Vec<usize> = Vec::new();
            let values = &self.values[a.side()];
            match a {
                Atom::Rule(_, r) => {
                    mark_unknowns_in(side.rules, side.rules.rules[r as usize].when, values, &env, &mut out)
                }
                Atom::Wish(_, o) => {
                    if let Some(w) = side.rules.offers[o as usize].wish {
                        mark_unknowns_in(side.rules, w, values, &env, &mut out);
                    }
                }
                Atom::Node(_, n) => mark_unknowns_in(side.rules, n, values, &env, &mut out),
                Atom::Prop(..) | Atom::Value(..) => facts.extend(self.reads[i as usize].iter().copied()),
            }
            facts.extend(out.iter().filter_map(|&s| side.joint[s as usize]));
            if facts.iter().all(|&f| self.assigned[f].is_some()) {
                facts.extend(self.reads[i as usize].iter().copied());
            }
            for f in facts {
                if self.assigned[f].is_some() {
                    continue;
                }
                match counts.iter_mut().find(|(g, _)| *g == f) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((f, 1)),
                }
            }
        }
        let best = counts.iter().map(|&(_, n)| n).max()?;
        counts.iter().find(|&&(_, n)| n == best).map(|&(f, _)| f)
    }

    /// What decides the rest of the search below this node.
    fn key(&self, relevant: &[u32]) -> Vec<u32> {
        let mut key: Vec<u32> = Vec::with_capacity(self.status.len() / 16 + 8);
        for chunk in self.status.chunks(16) {
            key.push(chunk.iter().enumerate().fold(0u32, |k, (j, t)| k | (*t as u32) << (2 * j)));
        }
        let mut facts: Vec<usize> = relevant
            .iter()
            .flat_map(|&i| self.reads[i as usize].iter().copied())
            .filter(|&f| self.assigned[f].is_some())
            .collect();
        facts.sort_unstable();
        facts.dedup();
        key.extend(facts.into_iter().map(|f| (f as u32) << 16 | u32::from(self.assigned[f].unwrap_or(0))));
        key
    }

    /// The current case as a witness. `complete` gives every fact of the space a value
    /// (a complete case); otherwise facts are dropped while the target stays true, so the
    /// witness shows only what forces the finding.
    pub fn witness(&mut self, complete: bool) -> Witness {
        if complete {
            let before = self.stack.len();
            for f in 0..self.space.facts.len() {
                if self.assigned[f].is_none() {
                    self.assign(f, 0);
                }
            }
            if self.target_now() != Tri::True {
                while self.stack.len() > before {
                    self.unassign_last();
                }
            }
        } else {
            let decided = self.stack.clone();
            for &f in decided.iter().rev() {
                let Some(rep) = self.assigned[f] else {
                    continue;
                };
                self.set(f, None);
                if self.target_now() != Tri::True {
                    self.set(f, Some(rep));
                }
            }
            self.stack.retain(|&f| self.assigned[f].is_some());
        }
        self.refresh();
        self.current()
    }

    /// The current case (decided facts only).
    pub fn current(&self) -> Witness {
        let mut case = serde_json::Map::new();
        for (f, fact) in self.space.facts.iter().enumerate() {
            if let Some(r) = self.assigned[f] {
                let json = &fact.reps[r as usize].json;
                if !json.is_null() {
                    case.insert(fact.id.clone(), json.clone());
                }
            }
        }
        Witness { now: format_datetime(NOW), case }
    }
}

#[cfg(test)]
impl Searcher<'_, '_> {
    /// Loads a complete case of side 0 given as slot values, bypassing the partition.
    pub(crate) fn load_case(&mut self, values: &[Value]) {
        self.slots[0][..values.len()].copy_from_slice(values);
    }

    pub(crate) fn with_budget(mut self, budget: usize) -> Self {
        self.budget = budget;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::formula::{and, not};
    use crate::check::terms::Terms;
    use crate::engine::Engine;

    #[test]
    fn a_search_beyond_its_budget_is_incomplete() {
        let engine = Engine::national();
        let rules = engine.rules();
        let space = Space::single(rules, None, Vec::new());
        let terms = Terms::new(rules, 0);
        let run = RunBudget::unlimited();
        // Regie above R0 without a regiehouder: no case has it, but showing that takes a
        // search. (Not "no rule fires": since 0.3 `hulp-altijd-terecht` always fires.)
        let gap = and([terms.regie_at_least(1), terms.no_regiehouder()]);
        let mut search = Searcher::new(&space, &run).with_budget(3);
        assert_eq!(search.find(&gap), Answer::Incomplete);
        let mut search = Searcher::new(&space, &run);
        assert_eq!(search.find(&gap), Answer::None);
    }

    #[test]
    fn witnesses_are_shrunk_to_what_forces_the_target() {
        let engine = crate::check::space::tests::mini();
        let rules = engine.rules();
        let space = Space::single(rules, None, Vec::new());
        let terms = Terms::new(rules, 0);
        let run = RunBudget::unlimited();
        let mut search = Searcher::new(&space, &run);
        // The child-safety rule fires: a minor and a domestic relation, nothing else.
        assert_eq!(search.find(&terms.fires(2)), Answer::Found);
        let w = search.witness(false);
        let keys: Vec<&str> = w.case.keys().map(String::as_str).collect();
        assert_eq!(keys, ["age", "relation"], "{w:?}");
        // ... and PEP does not: one more fact that rules PEP out.
        let target = and([terms.fires(2), not(terms.fires(0))]);
        assert_eq!(search.find(&target), Answer::Found);
        let w = search.witness(false);
        assert_eq!(w.case.len(), 3, "{w:?}");
        assert_eq!(search.truth(&target), Tri::True);
        let complete = search.witness(true);
        assert_eq!(complete.case.len(), rules.facts.len());
    }
}
