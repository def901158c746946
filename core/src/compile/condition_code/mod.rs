//! The hot-path form of every rule condition and offer wish: short-circuit jump code over
//! bits computed once per case.
//!
//! Each leaf of a condition tests one slot against constants (`b`, `x in [...]`, `age < 16`,
//! `hours_since(t) <= 72`, …) or, for anything else, is a node of the [`Program`]. Per case,
//! every distinct such test (an *atom*) is computed once into a bit: bool facts as their
//! truth, enum facts one-hot in a word of their own (so `x in [...]` is one mask test),
//! comparisons as their result. A leaf is then `bits[word] & mask` against a wanted pattern
//! and jumps to the next leaf or to a verdict, as compiled `&&` and `||` do, so a condition
//! stops at its first deciding leaf.
//!
//! An atom the case leaves undecided (an unknown fact; a range the interval evaluator cannot
//! decide) sets its bits in a second vector. A condition whose short-circuit path meets one
//! is evaluated three-valued over the same code ([`ConditionCode::kleene`]). The recursive
//! evaluator ([`Program::eval`]) stays the reference: `compile/differential_tests.rs`
//! checks that both give the same on random partial cases.

mod atoms;
mod cnf;
mod masks;

pub(crate) use atoms::all_if;

use super::model::{Offer, Rule};
use super::program::{Cmp, Env, NodeId, Op, Program};
use crate::eval::value::{Tri, Value};
use atoms::{Atom, Atoms, Bits};
use masks::RuleMasks;
use std::cell::RefCell;

/// Jump target meaning "the condition holds".
const TRUE: u32 = u32::MAX;
/// Jump target meaning "the condition does not hold"; every target at or above it is a verdict.
const FALSE: u32 = u32::MAX - 1;

/// A leaf test, as found in the expression.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Test {
    /// A bool slot equals `want`.
    Bool { slot: u16, want: bool },
    /// An enum slot's value is one of the bits of `mask`.
    Enum { slot: u16, mask: u64 },
    /// `slot cmp k` for an int slot.
    Int { slot: u16, cmp: Cmp, k: i64 },
    /// `since(slot, unit) cmp k` for a datetime or date slot.
    Since { slot: u16, cmp: Cmp, unit: i64, k: i64 },
    /// A set slot intersects `mask`.
    SetAny { slot: u16, mask: u64 },
    /// A set slot contains every bit of `mask`.
    SetAll { slot: u16, mask: u64 },
    /// Any other boolean node, evaluated by the program.
    Node(NodeId),
}

/// A leaf of the jump code: it holds when the atom bits of `word` equal `want` on `mask`
/// (one bit, or several bits of an `and` of single-bit tests), then goes to `on_true`,
/// else to `on_false`.
#[derive(Clone, Copy, Debug)]
struct Instr {
    word: u32,
    mask: u64,
    want: u64,
    on_true: u32,
    on_false: u32,
}

/// A leaf's atom bits: one bit and whether the leaf holds when it is set, or several bits
/// (an enum's values) of which the leaf holds when any is set.
enum Literal {
    Bit { word: u32, bit: u64, when_set: bool },
    Any { word: u32, mask: u64 },
}

/// The jump code of every rule condition and offer wish of a rule set, over atom bits
/// computed once per case.
#[derive(Clone, Debug, Default)]
pub(crate) struct ConditionCode {
    atoms: Atoms,
    code: Vec<Instr>,
    /// Per rule: its condition's code.
    rules: Vec<Span>,
    /// Per rule: its first test when failing it decides the rule false, else a test that
    /// always passes (mask 0): complete cases screen every rule with these in one loop
    /// without jumps, and run only the rules that pass.
    first: Vec<(u32, u64, u64)>,
    /// Per offer: its wish's code, if it has one.
    wishes: Vec<Option<Span>>,
    /// Every rule as masks over atom bits, for cases whose atoms are all exact.
    masks: RuleMasks,
    /// The offers without a wish (always allowed), as a bit set.
    no_wish: Vec<u64>,
    /// The offers with a wish and its entry: the exact path runs only these (visiting every
    /// offer to skip those without was a sixth of its time on the peer rules).
    wish_entries: Vec<(u32, u32)>,
}

/// Per rule whether its condition holds and per offer whether its wish allows it, as bit
/// sets, when every atom of the case is exact ([`ConditionCode::decide_exact`]).
#[derive(Clone, Debug, Default)]
pub(crate) struct ExactTruth {
    pub rules: Vec<u64>,
    pub wishes: Vec<u64>,
    /// Scratch: rules the jump code still decides.
    undecided: Vec<u64>,
    /// Scratch: the case's atom bits (kept with the caller's buffer, not per thread, on
    /// the outcome-only path).
    bits: Bits,
}

/// The code of one condition: its entry (may be a verdict) and its instructions, which
/// jump only forward and only among themselves or to a verdict.
#[derive(Clone, Copy, Debug)]
struct Span {
    entry: u32,
    start: u32,
    end: u32,
}

impl ConditionCode {
    pub fn build(program: &Program, rules: &[Rule], offers: &[Offer]) -> ConditionCode {
        let mut out = ConditionCode::default();
        for r in rules {
            let entry = out.compile(program, r.when);
            out.rules.push(entry);
        }
        for o in offers {
            let entry = o.wish.map(|w| out.compile(program, w));
            out.wishes.push(entry);
        }
        out.first = out
            .rules
            .iter()
            .map(|code| match out.code.get(code.entry as usize) {
                Some(ins) if ins.on_false == FALSE => (ins.word, ins.mask, ins.want),
                _ => (0, 0, 0),
            })
            .collect();
        let conjuncts: Vec<_> = rules
            .iter()
            .map(|r| cnf::conjuncts(&mut Emitter { program, atoms: &mut out.atoms, out: Vec::new() }, r.when))
            .collect();
        out.masks = RuleMasks::build(&conjuncts);
        out.atoms.seal();
        out.no_wish = vec![0; offers.len().div_ceil(64)];
        for (o, code) in out.wishes.iter().enumerate() {
            match code {
                None => out.no_wish[o / 64] |= 1 << (o % 64),
                Some(code) => out.wish_entries.push((o as u32, code.entry)),
            }
        }
        out
    }

    /// Compiles one boolean root.
    fn compile(&mut self, program: &Program, root: NodeId) -> Span {
        // Emitted back to front (each leaf's targets are known when it is emitted), then
        // reversed into place after the code already there.
        let mut e = Emitter { program, atoms: &mut self.atoms, out: Vec::new() };
        let entry = e.emit(root, TRUE, FALSE);
        let reversed = e.out;
        let base = self.code.len() as u32;
        let last = reversed.len() as u32;
        // A target `p` < FALSE is a position in `reversed`: it lands at `base + last - 1 - p`.
        let place = |t: u32| if t >= FALSE { t } else { base + last - 1 - t };
        for ins in reversed.iter().rev() {
            self.code.push(Instr { on_true: place(ins.on_true), on_false: place(ins.on_false), ..*ins });
        }
        Span { entry: place(entry), start: base, end: base + last }
    }

    /// Per rule, whether its condition holds, then per offer, whether its wish allows it,
    /// appended to `truth`.
    pub fn decide_all(&self, env: &Env, program: &Program, truth: &mut Vec<Tri>) {
        BITS.with_borrow_mut(|bits| {
            let any_open = self.atoms.compute(env, program, bits);
            self.decide_computed(any_open, bits, truth);
        });
    }

    /// For the outcome-only path: when every atom of the case is exact, every rule and wish
    /// into `exact` as bit sets (the rules through [`RuleMasks`]), and `true`; else as
    /// [`ConditionCode::decide_all`] into `truth`, and `false`.
    pub fn decide_exact(&self, env: &Env, program: &Program, exact: &mut ExactTruth, truth: &mut Vec<Tri>) -> bool {
        let ExactTruth { rules, wishes, undecided, bits } = exact;
        if self.atoms.compute(env, program, bits) {
            truth.clear();
            self.decide_computed(true, bits, truth);
            return false;
        }
        self.masks.decide(&bits.known, &mut bits.scratch_words, rules, undecided);
        for (w, &word) in undecided.iter().enumerate() {
            let mut open = word;
            while open != 0 {
                let j = open.trailing_zeros() as usize;
                open &= open - 1;
                let r = w * 64 + j;
                rules[w] |= u64::from(self.run_exact(self.rules[r].entry, &bits.known)) << j;
            }
        }
        wishes.clear();
        wishes.extend_from_slice(&self.no_wish);
        for &(o, entry) in &self.wish_entries {
            wishes[o as usize / 64] |= u64::from(self.run_exact(entry, &bits.known)) << (o % 64);
        }
        true
    }

    /// [`ConditionCode::decide_all`] once the atoms are computed into `bits`.
    fn decide_computed(&self, any_open: bool, bits: &mut Bits, truth: &mut Vec<Tri>) {
        let Bits { known, open, scratch, .. } = bits;
        if !any_open {
            self.screen_exact(known, truth);
        }
        let mut decide = |code: Span| {
            if !any_open {
                return tri(self.run_exact(code.entry, known));
            }
            match self.run(code.entry, known, open) {
                Some(b) => tri(b),
                None => self.kleene(code, known, open, scratch),
            }
        };
        if any_open {
            truth.extend(self.rules.iter().map(|&code| decide(code)));
        }
        truth.extend(self.wishes.iter().map(|code| code.map_or(Tri::True, &mut decide)));
    }

    /// Every rule's truth for a case whose atoms are all decided: the first tests of 64 rules
    /// at a time give a mask of the rules that can still hold; only those run their code.
    fn screen_exact(&self, known: &[u64], truth: &mut Vec<Tri>) {
        let base = truth.len();
        truth.resize(base + self.rules.len(), Tri::False);
        for (chunk, (codes, firsts)) in self.rules.chunks(64).zip(self.first.chunks(64)).enumerate() {
            let mut open = 0u64;
            for (j, &(word, mask, want)) in firsts.iter().enumerate() {
                open |= u64::from((known[word as usize] ^ want) & mask == 0) << j;
            }
            while open != 0 {
                let j = open.trailing_zeros() as usize;
                open &= open - 1;
                truth[base + chunk * 64 + j] = tri(self.run_exact(codes[j].entry, known));
            }
        }
    }

    /// The three-valued value of a condition: each instruction from the last to the first,
    /// an undecided test taking the value both its successors agree on (else unknown). That
    /// is Kleene logic: `a and b` is `if a then b else false`, and so on.
    fn kleene(&self, code: Span, known: &[u64], open: &[u64], scratch: &mut Vec<Tri>) -> Tri {
        scratch.clear();
        scratch.resize((code.end - code.start) as usize, Tri::Unknown);
        let start = code.start;
        let value = |scratch: &[Tri], t: u32| match t {
            TRUE => Tri::True,
            FALSE => Tri::False,
            // INVARIANT: instructions jump forward within their condition.
            _ => scratch[(t - start) as usize],
        };
        for k in (code.start..code.end).rev() {
            let ins = &self.code[k as usize];
            let word = ins.word as usize;
            let v = if (known[word] ^ ins.want) & ins.mask & !open[word] != 0 {
                value(scratch, ins.on_false)
            } else if open[word] & ins.mask == 0 {
                value(scratch, ins.on_true)
            } else {
                let (t, f) = (value(scratch, ins.on_true), value(scratch, ins.on_false));
                if t == f {
                    t
                } else {
                    Tri::Unknown
                }
            };
            scratch[(k - start) as usize] = v;
        }
        value(scratch, code.entry)
    }

    /// Runs the code from `entry`; `None` as soon as a leaf meets an atom that is not exact.
    #[inline]
    fn run(&self, entry: u32, known: &[u64], open: &[u64]) -> Option<bool> {
        let mut pc = entry;
        while pc < FALSE {
            let ins = &self.code[pc as usize];
            let word = ins.word as usize;
            if open[word] & ins.mask != 0 {
                return None;
            }
            pc = if (known[word] ^ ins.want) & ins.mask == 0 { ins.on_true } else { ins.on_false };
        }
        Some(pc == TRUE)
    }

    /// [`ConditionCode::run`] when every atom is exact.
    #[inline]
    fn run_exact(&self, entry: u32, known: &[u64]) -> bool {
        let mut pc = entry;
        while pc < FALSE {
            let ins = &self.code[pc as usize];
            pc = if (known[ins.word as usize] ^ ins.want) & ins.mask == 0 { ins.on_true } else { ins.on_false };
        }
        pc == TRUE
    }
}

thread_local! {
    /// The atom bits of the case being evaluated, reused per thread.
    static BITS: RefCell<Bits> = const {
        RefCell::new(Bits { known: Vec::new(), open: Vec::new(), scratch: Vec::new(), scratch_words: Vec::new() })
    };
}

#[inline]
fn tri(b: bool) -> Tri {
    if b {
        Tri::True
    } else {
        Tri::False
    }
}

/// Emits the code of one root, back to front.
struct Emitter<'a> {
    program: &'a Program,
    atoms: &'a mut Atoms,
    out: Vec<Instr>,
}

impl Emitter<'_> {
    fn push(&mut self, ins: Instr) -> u32 {
        self.out.push(ins);
        (self.out.len() - 1) as u32
    }

    /// Emits `node` with its verdict targets (positions in `out`) and returns its entry.
    fn emit(&mut self, node: NodeId, on_true: u32, on_false: u32) -> u32 {
        match &self.program.ops[node as usize] {
            Op::And(items) => self.group(items, false, on_true, on_false),
            Op::Or(items) => self.group(items, true, on_true, on_false),
            Op::Not(a) => self.emit(*a, on_false, on_true),
            _ => match self.literal(node) {
                Literal::Bit { word, bit, when_set } => {
                    self.push(Instr { word, mask: bit, want: if when_set { bit } else { 0 }, on_true, on_false })
                }
                // Holds unless no bit of the mask is set.
                Literal::Any { word, mask } => {
                    self.push(Instr { word, mask, want: 0, on_true: on_false, on_false: on_true })
                }
            },
        }
    }

    /// An `and` (or, with `any`, an `or`) of `items`. Single-bit literals in the same word
    /// become one test: an `and` holds when those bits equal the wanted pattern, an `or` is
    /// decided true as soon as they differ from the pattern of its negated literals.
    /// They go first (cheapest); the other items follow in order.
    fn group(&mut self, items: &[NodeId], any: bool, on_true: u32, on_false: u32) -> u32 {
        let mut tests: Vec<(u32, u64, u64)> = Vec::new();
        let mut rest = Vec::new();
        for &item in items {
            match self.bit_literal(item) {
                Some((word, bit, when_set)) => {
                    // In an `or`, collect the negations: "all of them false".
                    let set = when_set != any;
                    match tests.iter_mut().find(|t| t.0 == word) {
                        Some(t) if t.1 & bit != 0 && (t.2 & bit != 0) != set => rest.push(item),
                        Some(t) => {
                            t.1 |= bit;
                            t.2 |= if set { bit } else { 0 };
                        }
                        None => tests.push((word, bit, if set { bit } else { 0 })),
                    }
                }
                None => rest.push(item),
            }
        }
        // What a passing item leads to (`and`: the next item; `or`: the next item), and where
        // a failing one decides.
        let decided = if any { on_true } else { on_false };
        let mut next = if any { on_false } else { on_true };
        for &item in rest.iter().rev() {
            next = if any { self.emit(item, on_true, next) } else { self.emit(item, next, on_false) };
        }
        for &(word, mask, want) in tests.iter().rev() {
            next = self.push(Instr { word, mask, want, on_true: next, on_false: decided });
        }
        next
    }

    /// `node` as a single-bit literal (under any number of `not`s): its word, bit and
    /// whether it holds when the bit is set.
    fn bit_literal(&mut self, node: NodeId) -> Option<(u32, u64, bool)> {
        match &self.program.ops[node as usize] {
            Op::Not(a) => self.bit_literal(*a).map(|(w, b, s)| (w, b, !s)),
            Op::And(_) | Op::Or(_) => None,
            _ => match self.literal(node) {
                Literal::Bit { word, bit, when_set } => Some((word, bit, when_set)),
                Literal::Any { .. } => None,
            },
        }
    }

    /// The atom bits of a leaf.
    fn literal(&mut self, node: NodeId) -> Literal {
        let bit = |atoms: &mut Atoms, atom: Atom, when_set: bool| {
            let (word, bit) = atoms.place(atom, (node, when_set));
            Literal::Bit { word, bit, when_set }
        };
        let general = |atoms: &mut Atoms| bit(atoms, Atom::Node(node), true);
        match leaf(self.program, node) {
            Test::Bool { slot, want } => bit(self.atoms, Atom::Bool { slot }, want),
            Test::Enum { slot, mask } => {
                Literal::Any { word: self.atoms.place(Atom::EnumWord { slot }, (node, true)).0, mask }
            }
            Test::Int { slot, cmp, k } => match range(cmp, k) {
                Some((lo, hi, when_in)) => bit(self.atoms, Atom::IntIn { slot, lo, hi }, when_in),
                None => general(self.atoms),
            },
            Test::Since { slot, cmp, unit, k } => match range(cmp, k) {
                Some((lo, hi, when_in)) => bit(self.atoms, Atom::SinceIn { slot, unit, lo, hi }, when_in),
                None => general(self.atoms),
            },
            Test::SetAny { slot, mask } => bit(self.atoms, Atom::SetAny { slot, mask }, true),
            Test::SetAll { slot, mask } => bit(self.atoms, Atom::SetAll { slot, mask }, true),
            Test::Node(n) => bit(self.atoms, Atom::Node(n), true),
        }
    }
}

/// `x cmp k` as `x` within `lo..=hi` (or, for `!=`, not within); `None` where a bound
/// would overflow.
fn range(cmp: Cmp, k: i64) -> Option<(i64, i64, bool)> {
    Some(match cmp {
        Cmp::Lt => (i64::MIN, k.checked_sub(1)?, true),
        Cmp::Le => (i64::MIN, k, true),
        Cmp::Gt => (k.checked_add(1)?, i64::MAX, true),
        Cmp::Ge => (k, i64::MAX, true),
        Cmp::Eq => (k, k, true),
        Cmp::Ne => (k, k, false),
    })
}

/// The cheapest test that gives the boolean `node`'s value on exact slot values.
fn leaf(program: &Program, node: NodeId) -> Test {
    let op = |n: NodeId| &program.ops[n as usize];
    let general = Test::Node(node);
    match op(node) {
        Op::Load(slot) => Test::Bool { slot: *slot, want: true },
        Op::EnumIn(a, mask) => match op(*a) {
            // An empty mask never holds, but is unknown for an unknown value: general form.
            Op::Load(slot) if *mask != 0 => Test::Enum { slot: *slot, mask: *mask },
            _ => general,
        },
        Op::SetAny(a, mask) => match op(*a) {
            Op::Load(slot) => Test::SetAny { slot: *slot, mask: *mask },
            _ => general,
        },
        Op::SetAll(a, mask) => match op(*a) {
            Op::Load(slot) => Test::SetAll { slot: *slot, mask: *mask },
            _ => general,
        },
        Op::Same(a, b, equal) => match (op(*a), op(*b)) {
            (Op::Load(slot), Op::Const(c)) | (Op::Const(c), Op::Load(slot)) => match *c {
                Value::Bool(v) => Test::Bool { slot: *slot, want: v == *equal },
                Value::Enum(i) if i < 64 => {
                    let bit = 1u64 << i;
                    Test::Enum { slot: *slot, mask: if *equal { bit } else { !bit } }
                }
                _ => general,
            },
            _ => general,
        },
        Op::IntCmp(cmp, a, b) => {
            let (value, k, cmp) = match (op(*a), op(*b)) {
                (_, Op::Const(Value::Int(k))) => (*a, *k, *cmp),
                (Op::Const(Value::Int(k)), _) => (*b, *k, flip(*cmp)),
                _ => return general,
            };
            match op(value) {
                Op::Load(slot) => Test::Int { slot: *slot, cmp, k },
                Op::Since(t, unit) => match op(*t) {
                    Op::Load(slot) => Test::Since { slot: *slot, cmp, unit: *unit, k },
                    _ => general,
                },
                _ => general,
            }
        }
        _ => general,
    }
}

/// `k cmp x` as `x flip(cmp) k`.
fn flip(cmp: Cmp) -> Cmp {
    match cmp {
        Cmp::Lt => Cmp::Gt,
        Cmp::Le => Cmp::Ge,
        Cmp::Gt => Cmp::Lt,
        Cmp::Ge => Cmp::Le,
        Cmp::Eq | Cmp::Ne => cmp,
    }
}
