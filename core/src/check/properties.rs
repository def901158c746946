//! Declared safety properties (`properties.toml`): assertions over facts and outcomes that
//! must hold for every case, and monotonicity (a worse risk signal never lowers an
//! outcome). `check` proves each over every case, or gives a counterexample.
//!
//! An assertion is an expression of the rule language plus outcome terms:
//!
//! | term | meaning |
//! |---|---|
//! | `regie >= 'R3'` (any comparison) | the regie level |
//! | `need('veiligheid') >= 'urgent'` | the need level of an area |
//! | `urgency('hiv_pep') >= 'direct'` | the referral's urgency (below every urgency when not proposed) |
//! | `referred('melding_veilig_thuis')` | the offer is proposed |
//! | `against_wish('melding_veilig_thuis')` | it is proposed against the victim's wish |
//! | `regiehouder == 'veilig_thuis'`, `!=`, `regiehouder in [...]` | who holds regie |
//!
//! Outcome terms are resolved here, against the rule set's outcome formulas (`terms`);
//! the parts without outcome terms are compiled by the ordinary type checker into an arena
//! of their own. A name that is a fact or derived fact stays that fact.
//!
//! A property fails if some case makes it false. Three-valued logic is monotone, so that
//! is the same as a complete case making it false; the counterexample is shrunk to the
//! facts that force it, and `wegwijs eval` shows the violation on it.

use super::context::Ctx;
use super::formula::{and, atom, not, or, Atom, Formula, FALSE, TRUE};
use super::search::{Answer, Searcher};
use super::space::{SideSpec, Space};
use super::terms::Terms;
use super::{Finding, Severity};
use crate::compile::model::RuleSet;
use crate::compile::program::{NodeId, Program};
use crate::eval::value::{Tri, Value};
use crate::expr::ast::{Ast, AstKind, BinaryOp, Span, UnaryOp};
use crate::expr::types::{self, Scope, Ty};
use crate::expr::{parser, ExprError};
use crate::ruleset::locate::{Place, Section};

/// The outcome terms of assertions.
const OUTCOME_NAMES: [&str; 2] = ["regie", "regiehouder"];
const OUTCOME_CALLS: [&str; 4] = ["need", "urgency", "referred", "against_wish"];

/// The properties of a rule set, compiled.
pub(crate) struct Properties {
    /// The fact-only parts of assertions.
    pub program: Program,
    pub items: Vec<Item>,
    /// `property-invalid` findings.
    pub invalid: Vec<Finding>,
}

/// One check of a property.
pub(crate) struct Item {
    /// Index in `properties.toml`.
    pub index: usize,
    pub kind: Kind,
}

/// What is checked.
pub(crate) enum Kind {
    Assert(Formula),
    Monotone { fact: u16, outcome: Graded },
}

/// A level outcome for monotonicity.
#[derive(Clone, Copy)]
pub(crate) enum Graded {
    Regie,
    Need(u8),
}

impl Properties {
    /// Compiles every property of the rule set; problems become `property-invalid`.
    pub fn compile(rules: &RuleSet) -> Properties {
        let mut c = Properties { program: Program::default(), items: Vec::new(), invalid: Vec::new() };
        for (i, p) in rules.source.properties.iter().enumerate() {
            if p.assert.is_none() && p.monotone.is_none() {
                c.invalid(
                    rules,
                    Place::new(Section::Properties, i).key("id"),
                    None,
                    format!("property `{}` has neither `assert` nor `monotone`", p.id),
                );
            }
            if let Some(text) = &p.assert {
                let text_idx = c.program.texts.len() as u32;
                c.program.texts.push(text.clone());
                let result = parser::parse(text)
                    .and_then(|ast| Assertion { rules, program: &mut c.program, text: text_idx }.formula(&ast));
                match result {
                    Ok(f) => c.items.push(Item { index: i, kind: Kind::Assert(f) }),
                    Err(e) => {
                        c.invalid(rules, Place::new(Section::Properties, i).key("assert"), Some(e.span), e.message)
                    }
                }
            }
            if let Some(m) = &p.monotone {
                match monotone(rules, &m.fact, &m.outcome) {
                    Ok((fact, outcome)) => c.items.push(Item { index: i, kind: Kind::Monotone { fact, outcome } }),
                    Err((key, message)) => {
                        c.invalid(rules, Place::new(Section::Properties, i).key("monotone").key(key), None, message)
                    }
                }
            }
        }
        c
    }

    fn invalid(&mut self, rules: &RuleSet, place: Place, span: Option<Span>, message: String) {
        self.invalid.push(Finding {
            code: "property-invalid".into(),
            severity: Severity::Error,
            message,
            location: Some(rules.origins.locate(&place, span)),
            witness: None,
        });
    }

    /// The arena nodes the assertions use (for the partition of the case space).
    pub fn roots(&self) -> Vec<NodeId> {
        let mut atoms = Vec::new();
        for item in &self.items {
            if let Kind::Assert(f) = &item.kind {
                f.atoms(&mut atoms);
            }
        }
        atoms.into_iter().filter_map(|a| if let Atom::Prop(_, n) = a { Some(n) } else { None }).collect()
    }
}

fn monotone(rules: &RuleSet, fact: &str, outcome: &str) -> Result<(u16, Graded), (&'static str, String)> {
    let slot = rules.facts.iter().position(|f| f.id == fact).ok_or_else(|| {
        (
            "fact",
            format!(
                "unknown fact `{fact}` ({})",
                crate::suggest::hint(fact, rules.facts.iter().map(|f| f.id.as_str()))
            ),
        )
    })?;
    if !matches!(rules.facts[slot].ty, Ty::Bool | Ty::Enum(_) | Ty::Int) {
        return Err(("fact", format!("`{fact}` must be a bool, enum or int fact to be raised")));
    }
    let graded = match outcome.split_once(':') {
        None if outcome == "regie" => Graded::Regie,
        Some(("need", area)) => match rules.source.manifest.areas.iter().position(|a| a.id == area) {
            Some(a) => Graded::Need(a as u8),
            None => return Err(("outcome", format!("unknown area `{area}`"))),
        },
        _ => return Err(("outcome", format!("unknown outcome `{outcome}`: expected `regie` or `need:<area>`"))),
    };
    Ok((slot as u16, graded))
}

/// Compiles one assertion: connectives and outcome terms here, the rest by the type
/// checker into the property arena.
struct Assertion<'a> {
    rules: &'a RuleSet,
    program: &'a mut Program,
    text: u32,
}

impl Assertion<'_> {
    fn terms(&self) -> Terms<'_> {
        Terms::new(self.rules, 0)
    }

    fn is_outcome_name(&self, n: &str) -> bool {
        OUTCOME_NAMES.contains(&n) && !self.rules.names.contains_key(n)
    }

    fn mentions_outcome(&self, ast: &Ast) -> bool {
        match &ast.kind {
            AstKind::Name(n) => self.is_outcome_name(n),
            AstKind::Call { name, args, .. } => {
                OUTCOME_CALLS.contains(&name.as_str()) || args.iter().any(|a| self.mentions_outcome(a))
            }
            AstKind::List(items) => items.iter().any(|a| self.mentions_outcome(a)),
            AstKind::Unary(_, a) => self.mentions_outcome(a),
            AstKind::Binary(_, a, b) => self.mentions_outcome(a) || self.mentions_outcome(b),
            AstKind::Bool(_) | AstKind::Int(_) | AstKind::Text(_) => false,
        }
    }

    fn formula(&mut self, ast: &Ast) -> Result<Formula, ExprError> {
        match &ast.kind {
            AstKind::Binary(BinaryOp::And, l, r) => Ok(and([self.formula(l)?, self.formula(r)?])),
            AstKind::Binary(BinaryOp::Or, l, r) => Ok(or([self.formula(l)?, self.formula(r)?])),
            AstKind::Binary(BinaryOp::Implies, l, r) => Ok(or([not(self.formula(l)?), self.formula(r)?])),
            AstKind::Unary(UnaryOp::Not, a) => Ok(not(self.formula(a)?)),
            AstKind::Bool(b) => Ok(if *b { TRUE } else { FALSE }),
            _ if !self.mentions_outcome(ast) => {
                let scope = Scope { names: &self.rules.names, domains: &self.rules.domains, fact_count: self.rules.facts.len() };
                let (node, ty) = types::check(self.program, &scope, self.text, ast)?;
                if ty != Ty::Bool {
                    return Err(ExprError::typed(format!("a property must be true or false, but this is {}", ty.describe(&self.rules.domains)), ast.span.clone(), None));
                }
                Ok(atom(Atom::Prop(0, node)))
            }
            AstKind::Call { name, args, .. } if name == "referred" || name == "against_wish" => {
                let offer = self.offer(args, &ast.span)?;
                Ok(if name == "referred" { self.terms().referred_at_least(offer, 0) } else { self.terms().against_wish(offer) })
            }
            AstKind::Binary(BinaryOp::In, l, r) if matches!(&l.kind, AstKind::Name(n) if n == "regiehouder") => {
                let AstKind::List(items) = &r.kind else { return Err(ExprError::typed("expected a list of regiehouders", r.span.clone(), None)) };
                let ids = items.iter().map(|i| self.regiehouder(i)).collect::<Result<Vec<_>, _>>()?;
                Ok(or(ids.into_iter().map(|id| self.terms().regiehouder_is(id))))
            }
            AstKind::Binary(op, l, r) if is_comparison(*op) => {
                let (term, value, op) = match (&l.kind, &r.kind) {
                    (_, AstKind::Text(_)) => (l.as_ref(), r.as_ref(), *op),
                    (AstKind::Text(_), _) => (r.as_ref(), l.as_ref(), flip(*op)),
                    _ => return Err(ExprError::typed("compare an outcome with a quoted value, e.g. regie >= 'R2'", ast.span.clone(), None)),
                };
                self.comparison(term, value, op, &ast.span)
            }
            _ => Err(ExprError::typed(
                "outcome terms are used as `regie >= 'R2'`, `need('area') >= 'level'`, `urgency('offer') >= 'u'`, `referred('offer')`, `against_wish('offer')` or `regiehouder == 'id'`",
                ast.span.clone(),
                None,
            )),
        }
    }

    fn comparison(&mut self, term: &Ast, value: &Ast, op: BinaryOp, span: &Span) -> Result<Formula, ExprError> {
        let AstKind::Text(text) = &value.kind else { unreachable!("checked by the caller") };
        let manifest = &self.rules.source.manifest;
        let t = self.terms();
        match &term.kind {
            AstKind::Name(n) if n == "regiehouder" => {
                let id = self.regiehouder(value)?;
                match op {
                    BinaryOp::Eq => Ok(t.regiehouder_is(id)),
                    BinaryOp::Ne => Ok(not(t.regiehouder_is(id))),
                    _ => Err(ExprError::typed(
                        "regiehouders are compared with `==`, `!=` or `in [...]`",
                        span.clone(),
                        None,
                    )),
                }
            }
            AstKind::Name(n) if n == "regie" => {
                let k = level(&manifest.regie_levels, text, &value.span)?;
                Ok(graded(op, k, manifest.regie_levels.len(), |k| t.regie_at_least(k)))
            }
            AstKind::Call { name, args, .. } if name == "need" => {
                let area = self.one_text(args, &term.span)?;
                let a =
                    manifest.areas.iter().position(|x| x.id == area.0).ok_or_else(|| {
                        unknown("area", &area.0, &area.1, manifest.areas.iter().map(|x| x.id.as_str()))
                    })?;
                let k = level(&manifest.need_levels, text, &value.span)?;
                Ok(graded(op, k, manifest.need_levels.len(), |k| t.need_at_least(a as u8, k)))
            }
            AstKind::Call { name, args, .. } if name == "urgency" => {
                let offer = self.offer(args, &term.span)?;
                // 0 = not proposed, then the urgencies in order.
                let k = level(&manifest.urgencies, text, &value.span)? + 1;
                Ok(graded(op, k, manifest.urgencies.len() + 1, |k| t.referred_at_least(offer, k - 1)))
            }
            _ => Err(ExprError::typed("unknown outcome term", term.span.clone(), None)),
        }
    }

    fn one_text(&self, args: &[Ast], span: &Span) -> Result<(String, Span), ExprError> {
        match args {
            [Ast { kind: AstKind::Text(t), span, .. }] => Ok((t.clone(), span.clone())),
            _ => Err(ExprError::typed("expected one quoted id, e.g. ('melding_veilig_thuis')", span.clone(), None)),
        }
    }

    fn offer(&self, args: &[Ast], span: &Span) -> Result<u16, ExprError> {
        let (id, s) = self.one_text(args, span)?;
        let offers = &self.rules.source.offers;
        offers
            .iter()
            .position(|o| o.id == id)
            .map(|o| o as u16)
            .ok_or_else(|| unknown("offer", &id, &s, offers.iter().map(|o| o.id.as_str())))
    }

    fn regiehouder(&self, ast: &Ast) -> Result<u16, ExprError> {
        let AstKind::Text(id) = &ast.kind else {
            return Err(ExprError::typed("expected a quoted regiehouder id", ast.span.clone(), None));
        };
        let holders = &self.rules.source.manifest.regiehouders;
        holders
            .iter()
            .position(|h| &h.id == id)
            .map(|h| h as u16)
            .ok_or_else(|| unknown("regiehouder", id, &ast.span, holders.iter().map(|h| h.id.as_str())))
    }
}

fn is_comparison(op: BinaryOp) -> bool {
    matches!(op, BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge)
}

fn flip(op: BinaryOp) -> BinaryOp {
    match op {
        BinaryOp::Lt => BinaryOp::Gt,
        BinaryOp::Le => BinaryOp::Ge,
        BinaryOp::Gt => BinaryOp::Lt,
        BinaryOp::Ge => BinaryOp::Le,
        op => op,
    }
}

fn unknown<'a>(what: &str, name: &str, span: &Span, known: impl IntoIterator<Item = &'a str> + Clone) -> ExprError {
    ExprError {
        kind: crate::error::DiagnosticKind::UnknownName,
        message: format!("unknown {what} `{name}`"),
        span: span.clone(),
        hint: Some(crate::suggest::hint(name, known)),
    }
}

fn level(levels: &[crate::ruleset::source::Labelled], id: &str, span: &Span) -> Result<u8, ExprError> {
    levels
        .iter()
        .position(|l| l.id == id)
        .map(|l| l as u8)
        .ok_or_else(|| unknown("level", id, span, levels.iter().map(|l| l.id.as_str())))
}

/// `outcome OP level k` over "at least" formulas of a scale of `n` levels.
fn graded(op: BinaryOp, k: u8, n: usize, at_least: impl Fn(u8) -> Formula) -> Formula {
    let ge = |k: u8| if (k as usize) < n { at_least(k) } else { FALSE };
    match op {
        BinaryOp::Ge => ge(k),
        BinaryOp::Gt => ge(k + 1),
        BinaryOp::Le => not(ge(k + 1)),
        BinaryOp::Lt => not(ge(k)),
        BinaryOp::Eq => and([ge(k), not(ge(k + 1))]),
        _ => not(and([ge(k), not(ge(k + 1))])),
    }
}

/// Checks every compiled property.
pub(crate) fn check(ctx: &mut Ctx, props: &Properties) {
    for item in &props.items {
        let source = &ctx.rules.source.properties[item.index];
        match &item.kind {
            Kind::Assert(f) => assertion(ctx, item.index, &source.id, f),
            Kind::Monotone { fact, outcome } => monotonicity(ctx, item.index, &source.id, *fact, *outcome),
        }
    }
}

fn assertion(ctx: &mut Ctx, index: usize, id: &str, f: &Formula) {
    let location = ctx.at(Place::new(Section::Properties, index).key("assert"));
    match ctx.exists(not(f.clone()), || format!("property `{id}`")) {
        Answer::Found => {
            let witness = ctx.search.witness(false);
            ctx.out.push(Finding {
                code: "property-violated".into(),
                severity: Severity::Error,
                message: format!("property `{id}` does not hold: the witness makes it false"),
                location,
                witness: Some(witness),
            });
        }
        Answer::None => ctx.out.push(Finding {
            code: "property-proven".into(),
            severity: Severity::Info,
            message: format!("property `{id}` holds for every case"),
            location,
            witness: None,
        }),
        Answer::Incomplete => {}
    }
}

/// Raising `fact` one step (false → true, up the value list, to the next integer cell)
/// never lowers the outcome: the rule set evaluated twice on the same case, the fact
/// pinned below and above.
fn monotonicity(ctx: &mut Ctx, index: usize, id: &str, fact: u16, outcome: Graded) {
    let rules = ctx.rules;
    let location = ctx.at(Place::new(Section::Properties, index).key("monotone"));
    let single = Space::single(rules, None, Vec::new());
    let steps: Vec<(Value, Value, serde_json::Value)> = match rules.facts[fact as usize].ty {
        Ty::Bool => vec![(Value::Bool(false), Value::Bool(true), serde_json::Value::Bool(false))],
        Ty::Enum(d) => {
            let values = &rules.domains[d as usize].values;
            (1..values.len())
                .map(|i| (Value::Enum(i as u16 - 1), Value::Enum(i as u16), values[i - 1].clone().into()))
                .collect()
        }
        _ => {
            let reps =
                single.facts.iter().find(|f| f.slots[0] == Some(fact)).map(|f| f.reps.clone()).unwrap_or_default();
            reps.windows(2).map(|w| (w[0].values[0], w[1].values[0], w[0].json.clone())).collect()
        }
    };
    let levels = match outcome {
        Graded::Regie => rules.source.manifest.regie_levels.len(),
        Graded::Need(_) => rules.source.manifest.need_levels.len(),
    };
    let names: Vec<&str> = match outcome {
        Graded::Regie => rules.source.manifest.regie_levels.iter().map(|l| l.id.as_str()).collect(),
        Graded::Need(_) => rules.source.manifest.need_levels.iter().map(|l| l.id.as_str()).collect(),
    };
    let what = match outcome {
        Graded::Regie => "regie".to_string(),
        Graded::Need(a) => format!("the need for `{}`", rules.source.manifest.areas[a as usize].id),
    };
    let fact_id = &rules.facts[fact as usize].id;
    let mut incomplete = false;
    for (lo, hi, lo_json) in steps {
        let space = Space::new(vec![
            SideSpec { rules, props: None, prop_roots: Vec::new(), pins: vec![(fact, lo)], masks: Vec::new() },
            SideSpec { rules, props: None, prop_roots: Vec::new(), pins: vec![(fact, hi)], masks: Vec::new() },
        ]);
        let (before, after) = (Terms::new(rules, 0), Terms::new(rules, 1));
        let at_least = |t: &Terms, k: u8| match outcome {
            Graded::Regie => t.regie_at_least(k),
            Graded::Need(a) => t.need_at_least(a, k),
        };
        let mut search = Searcher::new(&space, ctx.run);
        for k in 1..levels as u8 {
            let target = and([at_least(&before, k), not(at_least(&after, k))]);
            let answer = search.find_any(target);
            match answer {
                Answer::Found => {
                    let mut witness = search.witness(false);
                    let from = (0..levels as u8)
                        .rev()
                        .find(|&j| search.truth(&at_least(&before, j)) == Tri::True)
                        .unwrap_or(0);
                    let to = (0..levels as u8)
                        .rev()
                        .find(|&j| search.truth(&at_least(&after, j)) != Tri::False)
                        .unwrap_or(0);
                    witness.case.insert(fact_id.clone(), lo_json.clone());
                    let raised = match hi {
                        Value::Bool(b) => b.to_string(),
                        Value::Int(i) => i.to_string(),
                        Value::Enum(i) => match rules.facts[fact as usize].ty {
                            Ty::Enum(d) => rules.domains[d as usize].values[i as usize].clone(),
                            _ => String::new(),
                        },
                        _ => String::new(),
                    };
                    ctx.out.push(Finding {
                        code: "monotone-violated".into(),
                        severity: Severity::Error,
                        message: format!(
                            "property `{id}`: raising `{fact_id}` from {lo_json} to {raised} lowers {what} from {} to {} (the witness has the lower value)",
                            names[from as usize], names[to as usize]
                        ),
                        location,
                        witness: Some(witness),
                    });
                    return;
                }
                Answer::Incomplete => incomplete = true,
                Answer::None => {}
            }
        }
        ctx.search.total_nodes += search.total_nodes;
    }
    if incomplete && ctx.run.exhausted() {
        ctx.skip();
    } else if incomplete {
        ctx.out.push(Finding {
            code: "analysis-incomplete".into(),
            severity: Severity::Warning,
            message: format!("could not decide property `{id}` within the search budget"),
            location,
            witness: None,
        });
    } else {
        ctx.out.push(Finding {
            code: "property-proven".into(),
            severity: Severity::Info,
            message: format!("property `{id}` holds: raising `{fact_id}` never lowers {what}"),
            location,
            witness: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::space::tests::{decisions, random_value, Rng};
    use crate::engine::Engine;

    fn national_with(properties: &str) -> Engine {
        let mut files = Engine::national_files();
        files.retain(|(p, _)| p != "properties.toml");
        files.push(("properties.toml".into(), properties.into()));
        Engine::from_files(files, "rules").expect("loads")
    }

    fn example() -> String {
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules/properties.toml"))
            .expect("the national properties exist")
    }

    /// What `check` proves holds on random complete cases too (values anywhere in their
    /// domains, not only the partition's representatives).
    #[test]
    fn proven_assertions_hold_on_random_cases() {
        let engine = national_with(&example());
        let rules = engine.rules();
        let props = Properties::compile(rules);
        assert!(props.invalid.is_empty(), "{:?}", props.invalid);
        let findings = engine.check();
        assert!(findings.iter().all(|f| f.code != "property-violated"), "{findings:?}");
        let space = Space::single(rules, Some(&props.program), props.roots());
        let run = crate::check::budget::RunBudget::unlimited();
        let mut search = Searcher::new(&space, &run);
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let asserts: Vec<&Formula> =
            props.items.iter().filter_map(|i| if let Kind::Assert(f) = &i.kind { Some(f) } else { None }).collect();
        assert!(asserts.len() >= 10);
        for _ in 0..300 {
            let case: Vec<Value> = (0..rules.facts.len()).map(|s| random_value(&mut rng, rules, s)).collect();
            search.load_case(&case);
            for f in &asserts {
                assert_ne!(search.truth(f), Tri::False, "a proven property fails on {case:?}");
            }
        }
    }

    /// A false property is refuted, and its counterexample really makes it false.
    #[test]
    fn false_assertions_get_a_counterexample() {
        let text = r#"
[[properties]]
id = "te-sterk"
assert = "strangulation implies regie >= 'R3' and regiehouder == 'veilig_thuis'"

[[properties]]
id = "fout"
assert = "regie >= 'R4'"

[[properties]]
id = "onbekend"
monotone = { fact = "nope", outcome = "regie" }
"#;
        let engine = national_with(text);
        let findings = engine.check();
        let violated: Vec<_> = findings.iter().filter(|f| f.code == "property-violated").collect();
        assert_eq!(violated.len(), 1, "{findings:#?}");
        let w = violated[0].witness.as_ref().unwrap();
        assert_eq!(w.case.get("strangulation"), Some(&serde_json::Value::Bool(true)));
        let case = engine.case_from_json(&serde_json::Value::Object(w.case.clone())).unwrap();
        let ev = engine.evaluate(&case, crate::Timestamp::parse(&w.now).unwrap());
        let vt = engine.source().manifest.regiehouders.iter().position(|h| h.id == "veilig_thuis").unwrap() as u16;
        assert!(ev.outcome().regiehouder.as_ref().is_none_or(|h| h.id != vt || !h.certain));
        let invalid: Vec<_> = findings.iter().filter(|f| f.code == "property-invalid").collect();
        assert_eq!(invalid.len(), 2, "{findings:#?}");
        assert!(invalid
            .iter()
            .any(|f| f.message.contains("unknown level `R4`") && f.location.as_ref().unwrap().column > 0));
        assert!(invalid.iter().any(|f| f.message.contains("unknown fact `nope`")));
    }

    /// Monotonicity is checked on every step up a fact's values; a rule that needs a
    /// risk signal to be absent breaks it.
    #[test]
    fn monotonicity_violations_are_found_over_enum_steps() {
        let mut files = Engine::national_files();
        for (path, text) in &mut files {
            if path == "rules/regie.toml" {
                text.push_str("\n[[rules]]\nid = \"test-veilig\"\nwhen = \"current_safety == 'veilig' and age >= 18\"\nsource = \"test\"\nbecause = { nl = \"x\", en = \"x\" }\nregie = \"R3\"\nregiehouder = { id = \"csg_casemanager\", rank = 1 }\n");
            }
        }
        files.retain(|(p, _)| p != "properties.toml");
        files.push((
            "properties.toml".into(),
            "[[properties]]\nid = \"m\"\nmonotone = { fact = \"current_safety\", outcome = \"regie\" }\n".into(),
        ));
        let engine = Engine::from_files(files, "rules").unwrap();
        let rules = engine.rules();
        let findings = engine.check();
        let f = findings.iter().find(|f| f.code == "monotone-violated").unwrap_or_else(|| panic!("{findings:#?}"));
        assert!(f.message.contains("from \"veilig\" to onzeker"), "{}", f.message);
        let w = f.witness.as_ref().unwrap();
        let mut case = engine.case_from_json(&serde_json::Value::Object(w.case.clone())).unwrap();
        let before = decisions(rules, &case.values);
        let slot = rules.facts.iter().position(|f| f.id == "current_safety").unwrap();
        case.values[slot] = Value::Enum(1);
        assert_ne!(before, decisions(rules, &case.values));
    }
}
