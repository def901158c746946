//! Derived facts: ordered by what they use (cycles are errors), compiled into slots after
//! the schema facts; and which schema facts each slot stands for.

use super::model::*;
use super::program::{NodeId, Op, Program};
use super::Compiler;
use crate::error::DiagnosticKind;
use crate::expr::types::{Domain, Scope, Ty};
use crate::expr::{ast, parser};
use crate::ruleset::locate::{Place, Section};
use crate::ruleset::source::RuleSetSource;
use std::collections::HashMap;

impl Compiler<'_> {
    pub(super) fn derived(
        &mut self,
        source: &RuleSetSource,
        facts: &[Fact],
        domains: &[Domain],
        names: &mut NameMap<(u16, Ty)>,
    ) -> Vec<Derived> {
        let ids: HashMap<&str, usize> = source.derived.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
        let mut deps: Vec<Vec<usize>> = Vec::new();
        for (i, d) in source.derived.iter().enumerate() {
            if names.contains_key(&d.id) || ids[d.id.as_str()] != i {
                self.error(
                    DiagnosticKind::Duplicate,
                    Place::new(Section::Derived, i).key("id"),
                    None,
                    format!("`{}` is already defined", d.id),
                    None,
                );
            }
            let mut uses = Vec::new();
            if let Ok(ast) = parser::parse(&d.expr) {
                names_in(&ast, &mut |n| {
                    if let Some(&j) = ids.get(n) {
                        uses.push(j);
                    }
                });
            }
            deps.push(uses);
        }
        let order = match topological(&deps) {
            Ok(order) => order,
            Err(cycle) => {
                let path: Vec<&str> = cycle.iter().map(|&i| source.derived[i].id.as_str()).collect();
                self.error(
                    DiagnosticKind::Cycle,
                    Place::new(Section::Derived, cycle[0]).key("expr"),
                    None,
                    format!("derived facts depend on each other in a cycle: {}", path.join(" -> ")),
                    Some("a derived fact cannot use itself, directly or through others".into()),
                );
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        let mut reads_map = ReadMap::new(facts, &out);
        for i in order {
            let d = &source.derived[i];
            let scope = Scope { names, domains, fact_count: facts.len() };
            if let Some((node, ty)) =
                self.expression(&scope, Place::new(Section::Derived, i).key("expr"), &d.expr, None)
            {
                // INVARIANT: facts + derived facts <= MAX_FACTS + MAX_DERIVED < 2^16 (size::check).
                let slot = (facts.len() + out.len()) as u16;
                let reads = reads_map.of(&self.program, node);
                names.insert(d.id.clone(), (slot, ty));
                if self.program.contains_known[node as usize] {
                    self.program.known_slots.push(slot);
                }
                self.program.slot_depth.resize(slot as usize, 0);
                self.program.slot_depth.push(self.program.depth[node as usize]);
                let derived = Derived { slot, node, reads };
                reads_map.add(&derived);
                out.push(derived);
            } else {
                self.broken.push(d.id.clone());
            }
        }
        out
    }
}

/// Which schema facts each slot stands for (itself, or what a derived fact reads).
pub(super) struct ReadMap {
    per_slot: Vec<Vec<u16>>,
}

impl ReadMap {
    pub(super) fn new(facts: &[Fact], derived: &[Derived]) -> Self {
        let mut map = ReadMap { per_slot: (0..facts.len() as u16).map(|i| vec![i]).collect() };
        for d in derived {
            map.add(d);
        }
        map
    }

    /// Adds the next derived fact (slots are filled in order).
    fn add(&mut self, d: &Derived) {
        self.per_slot.resize(d.slot as usize, Vec::new());
        self.per_slot.push(d.reads.clone());
    }

    /// The schema facts the value in `slot` reads (itself, for a schema fact).
    pub(super) fn of_slot(&self, slot: u16) -> &[u16] {
        &self.per_slot[slot as usize]
    }

    pub(super) fn of(&self, program: &Program, node: NodeId) -> Vec<u16> {
        let mut out = Vec::new();
        collect_loads(program, node, &mut |slot| out.extend(self.per_slot[slot as usize].iter().copied()));
        crate::sort::sort(&mut out);
        out.dedup();
        out
    }
}

fn collect_loads(program: &Program, node: NodeId, f: &mut impl FnMut(u16)) {
    let mut todo = vec![node];
    while let Some(node) = todo.pop() {
        if let Op::Load(slot) = program.ops[node as usize] {
            f(slot);
        }
        todo.extend(program.children(node));
    }
}

/// Every name an expression mentions.
fn names_in(ast: &ast::Ast, f: &mut impl FnMut(&str)) {
    use ast::AstKind::*;
    match &ast.kind {
        Name(n) => f(n),
        List(items) | Call { args: items, .. } => items.iter().for_each(|a| names_in(a, f)),
        Unary(_, a) => names_in(a, f),
        Binary(_, a, b) => {
            names_in(a, f);
            names_in(b, f);
        }
        Bool(_) | Int(_) | Text(_) => {}
    }
}

/// Dependency order of a graph (`deps[i]` = what `i` uses); a cycle is returned as a path.
/// Iterative (an explicit stack), so a long chain of derived facts cannot exhaust the stack.
fn topological(deps: &[Vec<usize>]) -> Result<Vec<usize>, Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    let mut marks = vec![Mark::New; deps.len()];
    let mut order = Vec::with_capacity(deps.len());
    // The path being explored: (node, index of its next dependency).
    let mut path: Vec<(usize, usize)> = Vec::new();
    for root in 0..deps.len() {
        if marks[root] != Mark::New {
            continue;
        }
        marks[root] = Mark::Active;
        path.push((root, 0));
        while let Some(&mut (i, ref mut next)) = path.last_mut() {
            let Some(&j) = deps[i].get(*next) else {
                marks[i] = Mark::Done;
                order.push(i);
                path.pop();
                continue;
            };
            *next += 1;
            match marks[j] {
                Mark::Done => {}
                Mark::Active => {
                    let start = path.iter().position(|&(p, _)| p == j).unwrap_or(0);
                    let mut cycle: Vec<usize> = path[start..].iter().map(|&(p, _)| p).collect();
                    cycle.push(j);
                    return Err(cycle);
                }
                Mark::New => {
                    marks[j] = Mark::Active;
                    path.push((j, 0));
                }
            }
        }
    }
    Ok(order)
}

#[cfg(test)]
mod tests {
    use super::topological;

    #[test]
    fn cycles_are_reported_as_a_path() {
        assert_eq!(topological(&[vec![1], vec![]]), Ok(vec![1, 0]));
        assert_eq!(topological(&[vec![1], vec![2], vec![0]]), Err(vec![0, 1, 2, 0]));
        assert_eq!(topological(&[vec![], vec![0, 0], vec![1, 0]]), Ok(vec![0, 1, 2]));
    }

    #[test]
    fn a_long_chain_needs_no_deep_stack() {
        let n = 200_000;
        let deps: Vec<Vec<usize>> = (0..n).map(|i| if i + 1 < n { vec![i + 1] } else { vec![] }).collect();
        let order = std::thread::Builder::new()
            .stack_size(512 * 1024)
            .spawn(move || topological(&deps))
            .unwrap()
            .join()
            .unwrap()
            .unwrap();
        assert_eq!(order[0], n - 1);
    }
}
