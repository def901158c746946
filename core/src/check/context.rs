//! What the analyses of one rule set share: the space, the searcher, the outcome terms,
//! what earlier analyses learned (which rules fire, which referrals can happen) and the
//! findings so far.

use super::formula::Formula;
use super::properties::{self, Properties};
use super::search::{Answer, Searcher, BUDGET};
use super::space::Space;
use super::terms::Terms;
use super::{conflict, dead, gaps, shadow, Finding, Severity, Witness};
use crate::compile::model::RuleSet;
use crate::error::Location;
use crate::ruleset::locate::{Place, Section};

/// The shared state of one `check` run.
pub(crate) struct Ctx<'s, 'r> {
    pub rules: &'r RuleSet,
    pub terms: Terms<'r>,
    pub search: Searcher<'s, 'r>,
    pub out: Vec<Finding>,
    /// Per rule: a case where it fires; `None` if it never does (or that was not decided).
    pub fires: Vec<Option<Witness>>,
    /// Per rule: proven never to fire.
    pub dead: Vec<bool>,
    /// Per rule, per referral: it can be proposed (not dead, not blocked by its wish).
    pub live_refer: Vec<Vec<bool>>,
}

/// Runs every analysis that needs the search.
pub(crate) fn analyse(rules: &RuleSet) -> Vec<Finding> {
    let props = Properties::compile(rules);
    let space = Space::single(rules, Some(&props.program), props.roots());
    let mut ctx = Ctx {
        rules,
        terms: Terms::new(rules, 0),
        search: Searcher::new(&space),
        out: props.invalid.clone(),
        fires: vec![None; rules.rules.len()],
        dead: vec![false; rules.rules.len()],
        live_refer: rules.rules.iter().map(|r| vec![true; r.refer.len()]).collect(),
    };
    for id in &space.approximate {
        ctx.out.push(Finding {
            code: "analysis-approximate".into(),
            severity: Severity::Info,
            message: format!("fact `{id}` is used in arithmetic over a wide range: the analysis tried the values the rules mention, not every value"),
            location: None,
            witness: None,
        });
    }
    dead::rules(&mut ctx);
    conflict::findings(&mut ctx);
    dead::unused(&mut ctx);
    shadow::findings(&mut ctx);
    gaps::findings(&mut ctx);
    properties::check(&mut ctx, &props);
    ctx.out
}

impl<'r> Ctx<'_, 'r> {
    /// The location of a place of the rule set.
    pub fn at(&self, place: Place) -> Option<Location> {
        Some(self.rules.origins.locate(&place, None))
    }

    /// The location of a key of a rule.
    pub fn rule_at(&self, rule: usize, key: &str) -> Option<Location> {
        self.at(Place::new(Section::Rules, rule).key(key))
    }

    /// A rule's id.
    pub fn rule_id(&self, rule: usize) -> &'r str {
        &self.rules.source.rules[rule].id
    }

    /// Is there a case where `target` holds? Disjunctions are searched one disjunct at a
    /// time; on [`Answer::Found`] the case is loaded in the searcher. A search that runs
    /// out of budget is reported (as `analysis-incomplete`, about `what`).
    pub fn exists(&mut self, target: Formula, what: impl FnOnce() -> String) -> Answer {
        let answer = self.search.find_any(target);
        if answer != Answer::Incomplete {
            return answer;
        }
        self.out.push(Finding {
            code: "analysis-incomplete".into(),
            severity: Severity::Warning,
            message: format!("could not decide {} within the search budget ({BUDGET} partial cases)", what()),
            location: None,
            witness: None,
        });
        Answer::Incomplete
    }
}
