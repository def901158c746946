//! The manifest's sharing fields, checked and resolved: `handover_basics` names schema
//! facts, `consent` maps organisations to bool facts (or derived facts), `legal_grounds`
//! scope a ground to partners and facts, a rule's `ground` and an offer's
//! `requested_through` name them.

use super::derived::ReadMap;
use super::model::{NameMap, Offer};
use super::program::{NodeId, Op, Program};
use super::Compiler;
use crate::error::DiagnosticKind;
use crate::expr::types::Ty;
use crate::ruleset::locate::{Place, Section};
use crate::ruleset::source::RuleSetSource;

/// Who may receive what: resolved from the manifest, the offers and the rules.
#[derive(Clone, Debug, Default)]
pub(crate) struct Sharing {
    /// Per organisation (manifest order): the slot of its consent fact.
    pub consent_slot: Vec<Option<u16>>,
    /// Per offer: the consent slots its wish reads directly (its consent part).
    pub offer_consent: Vec<Vec<u16>>,
    /// Per offer: the schema facts its wish reads.
    pub wish_reads: Vec<Vec<u16>>,
    /// Per offer: the schema facts its consent part reads.
    pub offer_consent_reads: Vec<Vec<u16>>,
    /// Per offer: the organisation it is requested through, if not its own.
    pub offer_through: Vec<Option<usize>>,
    /// The manifest's legal grounds.
    pub grounds: Vec<Ground>,
    /// Per rule: the legal ground it names.
    pub rule_ground: Vec<Option<usize>>,
}

/// A legal ground resolved to indices.
#[derive(Clone, Debug, Default)]
pub(crate) struct Ground {
    /// Organisations (indices) it allows informing.
    pub organisations: Vec<usize>,
    /// Schema facts (indices) shared under it.
    pub facts: Vec<usize>,
}

impl Compiler<'_> {
    /// Checks and resolves the sharing fields; unknown names are reported with a hint.
    pub(super) fn handover(
        &mut self,
        source: &RuleSetSource,
        names: &NameMap<(u16, Ty)>,
        reads: &ReadMap,
        offers: &[Offer],
    ) -> Sharing {
        let manifest = || Place::new(Section::Manifest, 0);
        let facts = &source.schema.facts;
        let fact_ids = || facts.iter().map(|f| f.id.as_str());
        for (i, basic) in source.manifest.handover_basics.iter().enumerate() {
            if !facts.iter().any(|f| &f.id == basic) {
                self.unknown(manifest().key("handover_basics").at(i), "fact", basic, fact_ids());
            }
        }
        let orgs = &source.manifest.organisations;
        let org_ids = || orgs.iter().map(|o| o.id.as_str());
        let mut consent_slot = vec![None; orgs.len()];
        for (org, name) in &source.manifest.consent {
            let index = orgs.iter().position(|o| &o.id == org);
            if index.is_none() {
                self.unknown(manifest().key("consent").key_of(org), "organisation", org, org_ids());
            }
            match names.get(name) {
                Some(&(slot, Ty::Bool)) => {
                    if let Some(i) = index {
                        consent_slot[i] = Some(slot);
                    }
                }
                Some(_) => {
                    let message = format!("`{name}` must be a bool fact or derived fact");
                    self.error(DiagnosticKind::Type, manifest().key("consent").key_of(org), None, message, None);
                }
                None => {
                    let place = manifest().key("consent").key_of(org);
                    self.unknown(place, "fact or derived fact", name, names.keys().map(String::as_str));
                }
            }
        }
        let mut grounds = Vec::new();
        for (i, g) in source.manifest.legal_grounds.iter().enumerate() {
            let place = || manifest().key("legal_grounds").at(i);
            let mut ground = Ground::default();
            for (j, org) in g.organisations.iter().enumerate() {
                match orgs.iter().position(|o| &o.id == org) {
                    Some(o) => ground.organisations.push(o),
                    None => self.unknown(place().key("organisations").at(j), "organisation", org, org_ids()),
                }
            }
            for (j, fact) in g.facts.iter().enumerate() {
                match facts.iter().position(|f| &f.id == fact) {
                    Some(f) => ground.facts.push(f),
                    None => self.unknown(place().key("facts").at(j), "fact", fact, fact_ids()),
                }
            }
            grounds.push(ground);
        }
        let ground_ids = || source.manifest.legal_grounds.iter().map(|g| g.id.as_str());
        let mut rule_ground = Vec::with_capacity(source.rules.len());
        for (i, r) in source.rules.iter().enumerate() {
            let place = || Place::new(Section::Rules, i).key("ground");
            let Some(id) = &r.ground else {
                rule_ground.push(None);
                continue;
            };
            if r.legal_ground.is_none() {
                let message = "`ground` is only for a rule with a `legal_ground`".into();
                let hint = Some("add the `legal_ground` text the explanation shows, or remove `ground`".into());
                self.error(DiagnosticKind::Invalid, place(), None, message, hint);
            }
            let index = source.manifest.legal_grounds.iter().position(|g| &g.id == id);
            if index.is_none() {
                self.unknown(place(), "legal ground", id, ground_ids());
            }
            rule_ground.push(index);
        }
        let mut offer_through = Vec::with_capacity(source.offers.len());
        for (i, o) in source.offers.iter().enumerate() {
            let Some(via) = &o.requested_through else {
                offer_through.push(None);
                continue;
            };
            let index = orgs.iter().position(|x| &x.id == via);
            if index.is_none() {
                self.unknown(Place::new(Section::Offers, i).key("requested_through"), "organisation", via, org_ids());
            }
            offer_through.push(index);
        }
        let consent_slots: Vec<u16> = consent_slot.iter().flatten().copied().collect();
        let offer_consent: Vec<Vec<u16>> = offers
            .iter()
            .map(|o| o.wish.map(|w| loads(&self.program, w, &consent_slots)).unwrap_or_default())
            .collect();
        let union = |slots: &[u16]| {
            let mut all: Vec<u16> = slots.iter().flat_map(|&s| reads.of_slot(s).iter().copied()).collect();
            crate::sort::sort(&mut all);
            all.dedup();
            all
        };
        let offer_consent_reads = offer_consent.iter().map(|slots| union(slots)).collect();
        let wish_reads =
            offers.iter().map(|o| o.wish.map(|w| reads.of(&self.program, w)).unwrap_or_default()).collect();
        Sharing { consent_slot, offer_consent, wish_reads, offer_consent_reads, offer_through, grounds, rule_ground }
    }
}

/// The slots among `wanted` that the expression at `node` loads directly (not through
/// derived facts), sorted and without duplicates.
fn loads(program: &Program, node: NodeId, wanted: &[u16]) -> Vec<u16> {
    let mut out = Vec::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match program.ops[n as usize] {
            Op::Load(slot) if wanted.contains(&slot) => out.push(slot),
            _ => stack.extend(program.children(n)),
        }
    }
    crate::sort::sort(&mut out);
    out.dedup();
    out
}
