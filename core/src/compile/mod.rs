//! [`RuleSetSource`] → [`RuleSet`]: validates every reference and type, resolves names to
//! slots and compiles every expression once. All problems are collected, not just the first.

pub(crate) mod condition_code;
mod derived;
#[cfg(test)]
mod differential_tests;
pub(crate) mod handover;
pub(crate) mod model;
mod placeholders;
pub(crate) mod plan;
pub(crate) mod program;
mod regions;
mod rules;
mod schema;
mod size;
mod summary;
mod template;
pub(crate) mod texts;
mod vocab;
mod voice;
mod words;

pub use model::RuleSet;

use crate::error::{Diagnostic, DiagnosticKind, RuleError};
use crate::expr::types::{self, Scope, Ty};
use crate::expr::{ast, parser, ExprError};
use crate::limits::MAX_INLINED_DEPTH;
use crate::ruleset::locate::{Origins, Place, Section};
use crate::ruleset::source::RuleSetSource;
use crate::suggest;
use derived::ReadMap;
use program::{NodeId, Program};
use vocab::Vocab;

/// Compiles a rule set; `hash` is its content hash.
pub(crate) fn compile(source: RuleSetSource, hash: String, origins: &Origins) -> Result<RuleSet, RuleError> {
    let mut c = Compiler { origins, errors: Vec::new(), program: Program::default(), broken: Vec::new() };
    // Sizes first: every later pass may loop or recurse over what they bound.
    size::check(&source, &mut c);
    if !c.errors.is_empty() {
        return Err(RuleError { diagnostics: c.errors });
    }
    let vocab = Vocab::build(&source, &mut c);
    c.texts(&source, &vocab);
    c.summary_words(&source);
    let (facts, domains, mut names) = c.schema(&source, &vocab);
    let derived = c.derived(&source, &facts, &domains, &mut names);
    let scope = Scope { names: &names, domains: &domains, fact_count: facts.len() };
    let reads = ReadMap::new(&facts, &derived);
    let offers = c.offers(&source, &vocab, &scope);
    let rules = c.rules(&source, &vocab, &scope, &reads, &facts);
    let voices = c.voices(&source, &scope);
    let summary = c.summary(&source, &vocab, &scope);
    let (region, providers) = c.regions(&source, &facts, &domains);
    let zone = c.zone(&source);
    let sharing = c.handover(&source, &names, &reads, &offers);
    if c.program.ops.len() >= u32::MAX as usize / 2 {
        c.error(DiagnosticKind::Invalid, Place::new(Section::Rules, 0), None, "rule set too large".into(), None);
    }
    if !c.errors.is_empty() {
        return Err(RuleError { diagnostics: c.errors });
    }
    let plan = plan::Plan::build(&c.program, &derived);
    let conditions = condition_code::ConditionCode::build(&c.program, &rules, &offers);
    let derived_roots = derived.iter().map(|d| (d.node, d.slot)).collect();
    let effects = crate::eval::outcome_buffer::Effects::build(&rules, offers.len());
    Ok(RuleSet {
        source,
        hash,
        signed_by: None,
        zone,
        domains,
        facts,
        derived,
        names,
        program: c.program,
        plan,
        conditions,
        offers,
        rules,
        effects,
        region,
        providers,
        voices,
        sharing,
        summary,
        origins: origins.clone(),
        derived_roots,
    })
}

pub(crate) struct Compiler<'o> {
    origins: &'o Origins,
    errors: Vec<Diagnostic>,
    pub(super) program: Program,
    /// Derived facts whose expression failed: a use of one is not reported again as an
    /// unknown fact (its own error says what is wrong). Few: a list.
    broken: Vec<String>,
}

impl Compiler<'_> {
    /// The manifest's time zone, checked against the built-in IANA rules.
    fn zone(&mut self, source: &RuleSetSource) -> crate::eval::time::Zone {
        let Some(name) = &source.manifest.time_zone else { return crate::eval::time::Zone::default() };
        crate::eval::time::Zone::named(name).unwrap_or_else(|| {
            let hint = Some("an IANA time zone name, e.g. \"Europe/Amsterdam\"".into());
            let message = format!("`{name}` is not a known time zone");
            self.error(DiagnosticKind::Invalid, Place::new(Section::Manifest, 0).key("time_zone"), None, message, hint);
            crate::eval::time::Zone::default()
        })
    }
}

impl Compiler<'_> {
    pub(crate) fn error(
        &mut self,
        kind: DiagnosticKind,
        place: Place,
        inner: Option<ast::Span>,
        message: String,
        hint: Option<String>,
    ) {
        let location = self.origins.locate(&place, inner);
        self.errors.push(Diagnostic { kind, location, message, hint });
    }

    /// Reports an unknown name at `place` with a did-you-mean over `known`.
    pub(crate) fn unknown<'a>(
        &mut self,
        place: Place,
        what: &str,
        name: &str,
        known: impl IntoIterator<Item = &'a str> + Clone,
    ) {
        let hint = suggest::hint(name, known);
        self.error(DiagnosticKind::UnknownName, place, None, format!("unknown {what} `{name}`"), Some(hint));
    }

    /// Parses and type-checks an expression; reports and returns `None` on error.
    fn expression(&mut self, scope: &Scope, place: Place, text: &str, want: Option<Ty>) -> Option<(NodeId, Ty)> {
        let text_idx = self.program.texts.len() as u32;
        self.program.texts.push(text.to_string());
        let result = parser::parse(text).and_then(|ast| {
            let (node, ty) = types::check(&mut self.program, scope, text_idx, &ast)?;
            match want {
                Some(w) if w != ty => Err(ExprError::typed(
                    format!(
                        "expected {}, but the expression is {}",
                        w.describe(scope.domains),
                        ty.describe(scope.domains)
                    ),
                    ast.span.clone(),
                    None,
                )),
                _ => Ok((node, ty)),
            }
        });
        match result {
            Ok((node, _)) if self.program.depth[node as usize] as usize > MAX_INLINED_DEPTH => {
                self.error(
                    DiagnosticKind::Expression,
                    place,
                    None,
                    format!(
                        "expression nested too deeply with its derived facts written out (more than {MAX_INLINED_DEPTH} levels)"
                    ),
                    Some("a long chain of derived facts, each using the one before, adds up: flatten it".into()),
                );
                None
            }
            Ok(r) => Some(r),
            Err(e) => {
                if !self.follows_broken(text, &e) {
                    self.error(e.kind, place, Some(e.span), e.message, e.hint);
                }
                None
            }
        }
    }

    /// Whether `e` is only an unknown name that is a derived fact with an error of its own.
    fn follows_broken(&self, text: &str, e: &ExprError) -> bool {
        e.kind == DiagnosticKind::UnknownName
            && text.get(e.span.clone()).is_some_and(|n| self.broken.iter().any(|b| b == n))
    }
}
