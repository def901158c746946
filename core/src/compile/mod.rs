//! [`RuleSetSource`] → [`RuleSet`]: validates every reference and type, resolves names to
//! slots and compiles every expression once. All problems are collected, not just the first.

pub(crate) mod condition_code;
#[cfg(test)]
mod differential_tests;
mod handover;
pub(crate) mod model;
pub(crate) mod plan;
pub(crate) mod program;
mod size;
mod template;
mod vocab;
mod voice;

pub use model::RuleSet;

use crate::error::{Diagnostic, DiagnosticKind, RuleError};
use crate::expr::types::{self, Domain, Scope, Ty};
use crate::expr::{ast, parser, ExprError};
use crate::limits::{MAX_DEADLINE_HOURS, MAX_INLINED_DEPTH, MAX_TEMPLATE_BYTES};
use crate::ruleset::locate::{Origins, Place, Section};
use crate::ruleset::source::RuleSetSource;
use crate::suggest;
use model::*;
use program::{NodeId, Op, Program};
use std::collections::{BTreeSet, HashMap};
use vocab::Vocab;

/// Compiles a rule set; `hash` is its content hash.
pub(crate) fn compile(source: RuleSetSource, hash: String, origins: &Origins) -> Result<RuleSet, RuleError> {
    let mut c = Compiler { origins, errors: Vec::new(), program: Program::default(), broken: BTreeSet::new() };
    // Sizes first: every later pass may loop or recurse over what they bound.
    size::check(&source, &mut c);
    if !c.errors.is_empty() {
        return Err(RuleError { diagnostics: c.errors });
    }
    let vocab = Vocab::build(&source, &mut c);
    let (facts, domains, mut names) = c.schema(&source, &vocab);
    let derived = c.derived(&source, &facts, &domains, &mut names);
    let scope = Scope { names: &names, domains: &domains, fact_count: facts.len() };
    let reads = ReadMap::new(&facts, &derived);
    let offers = c.offers(&source, &vocab, &scope);
    let rules = c.rules(&source, &vocab, &scope, &reads, &facts);
    let voices = c.voices(&source, &scope);
    let (region, providers) = c.regions(&source, &facts, &domains);
    let zone = c.zone(&source);
    c.handover(&source, &names);
    if c.program.ops.len() >= u32::MAX as usize / 2 {
        c.error(DiagnosticKind::Invalid, Place::new(Section::Rules, 0), None, "rule set too large".into(), None);
    }
    if !c.errors.is_empty() {
        return Err(RuleError { diagnostics: c.errors });
    }
    let plan = plan::Plan::build(&c.program, &derived);
    let conditions = condition_code::ConditionCode::build(&c.program, &rules, &offers);
    let derived_roots = derived.iter().map(|d| (d.node, d.slot)).collect();
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
        region,
        providers,
        voices,
        origins: origins.clone(),
        derived_roots,
    })
}

pub(crate) struct Compiler<'o> {
    origins: &'o Origins,
    errors: Vec<Diagnostic>,
    program: Program,
    /// Derived facts whose expression failed: a use of one is not reported again as an
    /// unknown fact (its own error says what is wrong).
    broken: BTreeSet<String>,
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

/// Which schema facts each slot stands for (itself, or what a derived fact reads).
struct ReadMap {
    per_slot: Vec<Vec<u16>>,
}

impl ReadMap {
    fn new(facts: &[Fact], derived: &[Derived]) -> Self {
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

    fn of(&self, program: &Program, node: NodeId) -> Vec<u16> {
        let mut out = BTreeSet::new();
        collect_loads(program, node, &mut |slot| out.extend(self.per_slot[slot as usize].iter().copied()));
        out.into_iter().collect()
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
        e.kind == DiagnosticKind::UnknownName && text.get(e.span.clone()).is_some_and(|n| self.broken.contains(n))
    }

    fn schema(&mut self, source: &RuleSetSource, vocab: &Vocab) -> (Vec<Fact>, Vec<Domain>, NameMap<(u16, Ty)>) {
        let mut facts = Vec::new();
        let mut domains: Vec<Domain> = Vec::new();
        let mut names = NameMap::default();
        const TYPES: [&str; 6] = ["bool", "int", "enum", "set", "datetime", "date"];
        const PRIORITIES: [&str; 3] = ["danger_now", "normal", "later"];
        for (i, f) in source.schema.facts.iter().enumerate() {
            let place = || Place::new(Section::Facts, i);
            vocab.check_id(self, place().key("id"), &f.id);
            if !vocab.sections.contains(&f.section.as_str()) {
                self.unknown(place().key("section"), "section", &f.section, vocab.sections.iter().copied());
            }
            vocab.check_text(self, place().key("label"), &f.label);
            vocab.check_text(self, place().key("question"), &f.question);
            let (ty, min, max) = match f.kind.as_str() {
                "bool" => (Ty::Bool, 0, 1),
                "datetime" => (Ty::DateTime, i64::MIN, i64::MAX),
                "date" => (Ty::Date, i64::MIN, i64::MAX),
                "int" => match (f.min, f.max) {
                    (Some(lo), Some(hi)) if lo <= hi => (Ty::Int, lo, hi),
                    (Some(_), Some(_)) => {
                        self.error(
                            DiagnosticKind::Invalid,
                            place().key("min"),
                            None,
                            "`min` is greater than `max`".into(),
                            None,
                        );
                        (Ty::Int, 0, 0)
                    }
                    _ => {
                        self.error(
                            DiagnosticKind::Invalid,
                            place().key("type"),
                            None,
                            "an int fact needs `min` and `max`".into(),
                            Some("e.g. min = 0, max = 120".into()),
                        );
                        (Ty::Int, 0, 0)
                    }
                },
                "enum" | "set" => {
                    let d = self.domain(
                        place(),
                        &f.values,
                        &f.value_labels.keys().cloned().collect::<Vec<_>>(),
                        &mut domains,
                    );
                    (if f.kind == "enum" { Ty::Enum(d) } else { Ty::Set(d) }, 0, 0)
                }
                other => {
                    self.unknown(place().key("type"), "type", other, TYPES);
                    (Ty::Bool, 0, 1)
                }
            };
            if !matches!(ty, Ty::Enum(_) | Ty::Set(_)) && !f.values.is_empty() {
                self.error(
                    DiagnosticKind::Invalid,
                    place().key("values"),
                    None,
                    format!("a {} fact has no `values`", f.kind),
                    None,
                );
            }
            if names.insert(f.id.clone(), (facts.len() as u16, ty)).is_some() {
                self.error(
                    DiagnosticKind::Duplicate,
                    place().key("id"),
                    None,
                    format!("fact `{}` is defined twice", f.id),
                    None,
                );
            }
            let valid_for = f.valid_for.as_deref().and_then(|text| {
                let seconds = crate::record::parse_valid_for(text);
                if seconds.is_none() {
                    let hint = Some("a whole number of hours or days, e.g. \"12h\" or \"14d\"".into());
                    let message = "`valid_for` is not a duration".into();
                    self.error(DiagnosticKind::Invalid, place().key("valid_for"), None, message, hint);
                }
                seconds
            });
            let priority = match f.priority.as_deref() {
                None | Some("normal") => Priority::Normal,
                Some("danger_now") => Priority::DangerNow,
                Some("later") => Priority::Later,
                Some(other) => {
                    self.unknown(place().key("priority"), "priority", other, PRIORITIES);
                    Priority::Normal
                }
            };
            facts.push(Fact { id: f.id.clone(), ty, min, max, valid_for, priority });
        }
        (facts, domains, names)
    }

    /// Interns an enum domain (facts with the same value list share it, so they compare).
    fn domain(&mut self, place: Place, values: &[String], labelled: &[String], domains: &mut Vec<Domain>) -> u16 {
        if values.is_empty() || values.len() > 64 {
            self.error(
                DiagnosticKind::Invalid,
                place.clone().key("values"),
                None,
                "an enum or set needs 1 to 64 values".into(),
                None,
            );
        }
        let mut seen = BTreeSet::new();
        for (j, v) in values.iter().enumerate() {
            if !seen.insert(v) {
                self.error(
                    DiagnosticKind::Duplicate,
                    place.clone().key("values").at(j),
                    None,
                    format!("value `{v}` is listed twice"),
                    None,
                );
            }
        }
        for l in labelled {
            if !values.contains(l) {
                self.unknown(place.clone().key("value_labels").key(l), "value", l, values.iter().map(String::as_str));
            }
        }
        let values: Vec<String> = values.iter().take(64).cloned().collect();
        if let Some(i) = domains.iter().position(|d| d.values == values) {
            return i as u16;
        }
        domains.push(Domain { values });
        (domains.len() - 1) as u16
    }

    fn derived(
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
                self.broken.insert(d.id.clone());
            }
        }
        out
    }

    fn offers(&mut self, source: &RuleSetSource, vocab: &Vocab, scope: &Scope) -> Vec<Offer> {
        let mut out = Vec::new();
        for (i, o) in source.offers.iter().enumerate() {
            let place = || Place::new(Section::Offers, i);
            vocab.check_id(self, place().key("id"), &o.id);
            if vocab.offer(&o.id) != Some(i as u16) {
                self.error(
                    DiagnosticKind::Duplicate,
                    place().key("id"),
                    None,
                    format!("offer `{}` is defined twice", o.id),
                    None,
                );
            }
            let area = vocab.area(self, place().key("area"), &o.area);
            if !vocab.organisations.contains(&o.organisation.as_str()) {
                self.unknown(
                    place().key("organisation"),
                    "organisation",
                    &o.organisation,
                    vocab.organisations.iter().copied(),
                );
            }
            for key in ["label", "professional", "victim"] {
                let text = match key {
                    "label" => &o.label,
                    "professional" => &o.professional,
                    _ => &o.victim,
                };
                vocab.check_text(self, place().key(key), text);
            }
            let wish = o
                .wish
                .as_ref()
                .and_then(|w| self.expression(scope, place().key("wish"), w, Some(Ty::Bool)).map(|(n, _)| n));
            out.push(Offer { area, wish });
        }
        out
    }

    fn rules(
        &mut self,
        source: &RuleSetSource,
        vocab: &Vocab,
        scope: &Scope,
        reads: &ReadMap,
        facts: &[Fact],
    ) -> Vec<Rule> {
        let mut out = Vec::new();
        let mut seen = HashMap::new();
        for (i, r) in source.rules.iter().enumerate() {
            let place = || Place::new(Section::Rules, i);
            vocab.check_id(self, place().key("id"), &r.id);
            if seen.insert(r.id.as_str(), i).is_some() {
                self.error(
                    DiagnosticKind::Duplicate,
                    place().key("id"),
                    None,
                    format!("rule `{}` is defined twice", r.id),
                    None,
                );
            }
            let when = self.expression(scope, place().key("when"), &r.when, Some(Ty::Bool)).map(|(n, _)| n);
            let needs = r
                .need
                .iter()
                .map(|(area, level)| {
                    (
                        vocab.area(self, place().key("need").key(area), area),
                        vocab.need_level(self, place().key("need").key(area), level),
                    )
                })
                .collect();
            let mut refer = Vec::new();
            for (j, f) in r.refer.iter().enumerate() {
                let p = || place().key("refer").at(j);
                let offer = vocab.offer(&f.offer);
                if offer.is_none() {
                    self.unknown(p().key("offer"), "offer", &f.offer, vocab.offers.iter().copied());
                }
                let urgency = vocab.urgency(self, p().key("urgency"), &f.urgency);
                let deadline = f.deadline.as_ref().and_then(|d| match scope.names.get(&d.from) {
                    Some(&(slot, Ty::DateTime | Ty::Date)) if (0..=MAX_DEADLINE_HOURS).contains(&d.hours) => {
                        Some((slot, d.hours))
                    }
                    Some(&(_, Ty::DateTime | Ty::Date)) => {
                        self.error(
                            DiagnosticKind::Invalid,
                            p().key("deadline").key("hours"),
                            None,
                            format!("`hours` must be from 0 to {MAX_DEADLINE_HOURS}"),
                            None,
                        );
                        None
                    }
                    Some(_) => {
                        self.error(
                            DiagnosticKind::Type,
                            p().key("deadline").key("from"),
                            None,
                            format!("`{}` is not a datetime or date fact", d.from),
                            None,
                        );
                        None
                    }
                    None => {
                        let times =
                            facts.iter().filter(|f| matches!(f.ty, Ty::DateTime | Ty::Date)).map(|f| f.id.as_str());
                        self.unknown(p().key("deadline").key("from"), "fact", &d.from, times);
                        None
                    }
                });
                if let Some(offer) = offer {
                    refer.push(Refer { offer, urgency, deadline });
                }
            }
            let regie = r.regie.as_ref().map(|l| vocab.regie_level(self, place().key("regie"), l));
            let regiehouder = r
                .regiehouder
                .as_ref()
                .map(|h| (vocab.regiehouder(self, place().key("regiehouder").key("id"), &h.id), h.rank));
            if r.need.is_empty() && r.refer.is_empty() && r.regie.is_none() && r.regiehouder.is_none() {
                self.error(
                    DiagnosticKind::Invalid,
                    place().key("id"),
                    None,
                    format!("rule `{}` has no effect", r.id),
                    Some("give it a need, refer, regie or regiehouder".into()),
                );
            }
            vocab.check_text(self, place().key("because"), &r.because);
            if let Some((voice, _)) = r.because.variants().next() {
                self.error(
                    DiagnosticKind::Invalid,
                    place().key("because").key(voice),
                    None,
                    "a `because` template has no voice variants (it is read by the MDT)".into(),
                    Some("write victim-facing texts in the offer's `victim` text".into()),
                );
            }
            if let Some(reason) = &r.r#override {
                vocab.check_text(self, place().key("override"), reason);
            }
            for (key, text) in [("victim", &r.victim), ("legal_ground", &r.legal_ground)] {
                let Some(text) = text else { continue };
                vocab.check_text(self, place().key(key), text);
                if r.r#override.is_none() {
                    let message = format!("`{key}` is only for a rule with an `override`");
                    self.error(DiagnosticKind::Invalid, place().key(key), None, message, None);
                }
            }
            let consent_only = match (r.override_for.as_deref(), r.r#override.is_some()) {
                (None | Some("wish"), _) => false,
                (Some("consent"), true) if r.legal_ground.is_some() => {
                    let message = "an override with a `legal_ground` goes against the wish, not only consent".into();
                    let hint = Some("remove `override_for = \"consent\"` or the `legal_ground`".into());
                    self.error(DiagnosticKind::Invalid, place().key("override_for"), None, message, hint);
                    false
                }
                (Some("consent"), true) => true,
                (Some("consent"), false) => {
                    let message = "`override_for` needs an `override` reason".into();
                    let hint = Some("add `override = { nl = \"…\", en = \"…\" }`, or remove `override_for`".into());
                    self.error(DiagnosticKind::Invalid, place().key("override_for"), None, message, hint);
                    false
                }
                (Some(other), _) => {
                    self.unknown(place().key("override_for"), "override_for", other, ["wish", "consent"]);
                    false
                }
            };
            let because = vocab
                .languages
                .iter()
                .map(|lang| self.template(scope, place().key("because").key(lang), r.because.get(lang)))
                .collect();
            if let Some(when) = when {
                let reads = reads.of(&self.program, when);
                out.push(Rule {
                    when,
                    needs,
                    refer,
                    regie,
                    regiehouder,
                    is_override: r.r#override.is_some(),
                    consent_only,
                    because,
                    reads,
                });
            }
        }
        out
    }

    fn template(&mut self, scope: &Scope, place: Place, text: &str) -> Vec<Piece> {
        if text.len() > MAX_TEMPLATE_BYTES {
            self.error(
                DiagnosticKind::Invalid,
                place,
                None,
                format!("text is longer than {MAX_TEMPLATE_BYTES} bytes"),
                Some("shorten it; the facts are listed with every explanation anyway".into()),
            );
            return vec![Piece::Text(String::new())];
        }
        let pieces = match template::split(text) {
            Ok(p) => p,
            Err((message, span)) => {
                self.error(
                    DiagnosticKind::Expression,
                    place,
                    Some(span),
                    message,
                    Some("placeholders look like {hours_since(last_incident_at)}; optional clauses like [, {n | kind / kinderen}]".into()),
                );
                return vec![Piece::Text(text.to_string())];
            }
        };
        let mut out = Vec::new();
        for piece in pieces {
            match piece {
                template::Part::Text(t) => out.push(Piece::Text(t)),
                template::Part::Open => out.push(Piece::Open),
                template::Part::Close => out.push(Piece::Close),
                template::Part::Expr { source: expr, span, format } => {
                    let text_idx = self.program.texts.len() as u32;
                    self.program.texts.push(expr.clone());
                    let result =
                        parser::parse(&expr).and_then(|ast| types::check(&mut self.program, scope, text_idx, &ast));
                    match result {
                        Ok((node, _)) if self.program.depth[node as usize] as usize > MAX_INLINED_DEPTH => self
                            .error(
                                DiagnosticKind::Expression,
                                place.clone(),
                                Some(span),
                                format!("placeholder nested too deeply with its derived facts written out (more than {MAX_INLINED_DEPTH} levels)"),
                                None,
                            ),
                        Err(e) if self.follows_broken(&expr, &e) => {}
                        Ok((node, ty)) => {
                            let fact = match self.program.ops[node as usize] {
                                Op::Load(slot) if (slot as usize) < scope.fact_count => Some(slot),
                                _ => None,
                            };
                            let format = self.format(&place, format, ty, scope);
                            out.push(Piece::Expr(node, ty, fact, format))
                        }
                        Err(e) => self.error(
                            e.kind,
                            place.clone(),
                            Some(span.start + e.span.start..span.start + e.span.end),
                            e.message,
                            e.hint,
                        ),
                    }
                }
            }
        }
        out
    }

    fn regions(
        &mut self,
        source: &RuleSetSource,
        facts: &[Fact],
        domains: &[Domain],
    ) -> (RegionIndex, Vec<Vec<Option<String>>>) {
        let offer_ids: Vec<&str> = source.offers.iter().map(|o| o.id.as_str()).collect();
        let mut providers = Vec::new();
        for (i, region) in source.regions.iter().enumerate() {
            let mut row = vec![None; offer_ids.len()];
            for (offer, provider) in &region.providers {
                match offer_ids.iter().position(|o| o == offer) {
                    Some(j) => row[j] = Some(provider.clone()),
                    None => self.unknown(
                        Place::new(Section::Regions, i).key("providers").key(offer),
                        "offer",
                        offer,
                        offer_ids.iter().copied(),
                    ),
                }
            }
            providers.push(row);
        }
        let Some(fact_id) = &source.manifest.region_fact else {
            if !source.regions.is_empty() {
                self.error(
                    DiagnosticKind::Invalid,
                    Place::new(Section::Manifest, 0).key("name"),
                    None,
                    "regions are given but the manifest has no `region_fact`".into(),
                    None,
                );
            }
            return (None, providers);
        };
        let Some(slot) = facts.iter().position(|f| &f.id == fact_id) else {
            self.unknown(
                Place::new(Section::Manifest, 0).key("region_fact"),
                "fact",
                fact_id,
                facts.iter().map(|f| f.id.as_str()),
            );
            return (None, providers);
        };
        let Ty::Enum(d) = facts[slot].ty else {
            self.error(
                DiagnosticKind::Type,
                Place::new(Section::Manifest, 0).key("region_fact"),
                None,
                format!("`{fact_id}` must be an enum fact"),
                None,
            );
            return (None, providers);
        };
        let values = &domains[d as usize].values;
        let map = values.iter().map(|v| source.regions.iter().position(|r| &r.id == v)).collect();
        for (i, region) in source.regions.iter().enumerate() {
            if !values.contains(&region.id) {
                self.unknown(
                    Place::new(Section::Regions, i).key("id"),
                    &format!("value of `{fact_id}`"),
                    &region.id,
                    values.iter().map(String::as_str),
                );
            }
        }
        (Some((slot as u16, map)), providers)
    }
}

/// The slot of the region fact and, per value of it, the region index.
type RegionIndex = Option<(u16, Vec<Option<usize>>)>;

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
