//! What the analyses of one rule set share: the space, the searcher, the outcome terms,
//! what earlier analyses learned (which rules fire, which referrals can happen) and the
//! findings so far.

use super::budget::{CheckBudget, RunBudget};
use super::formula::Formula;
use super::properties::{self, Properties};
use super::search::{Answer, Searcher, BUDGET};
use super::space::Space;
use super::terms::Terms;
use super::{conflict, dead, gaps, shadow, Finding, Severity, Witness};
use crate::compile::model::RuleSet;
use crate::error::Location;
use crate::ruleset::locate::{Place, Section};
use std::collections::BTreeMap;

/// The shared state of one `check` run.
pub(crate) struct Ctx<'s, 'r> {
    pub rules: &'r RuleSet,
    pub terms: Terms<'r>,
    pub search: Searcher<'s, 'r>,
    /// The budget of the whole run (also for searchers of their own, as monotonicity has).
    pub run: &'s RunBudget<'s>,
    /// The analysis running now, and per analysis the questions left undecided because the
    /// run's budget was spent.
    pub current: &'static str,
    pub skipped: BTreeMap<&'static str, usize>,
    pub out: Vec<Finding>,
    /// Per rule: a case where it fires; `None` if it never does (or that was not decided).
    pub fires: Vec<Option<Witness>>,
    /// Per rule: proven never to fire.
    pub dead: Vec<bool>,
    /// Per rule, per referral: it can be proposed (not dead, not blocked by its wish).
    pub live_refer: Vec<Vec<bool>>,
}

/// Runs every analysis that needs the search, all within one budget.
pub(crate) fn analyse(rules: &RuleSet, budget: &CheckBudget) -> Vec<Finding> {
    let props = Properties::compile(rules);
    let space = Space::single(rules, Some(&props.program), props.roots());
    let run = RunBudget::new(budget);
    let mut ctx = Ctx {
        rules,
        terms: Terms::new(rules, 0),
        search: Searcher::new(&space, &run),
        run: &run,
        current: "",
        skipped: BTreeMap::new(),
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
    ctx.current = "which rules can fire";
    dead::rules(&mut ctx);
    ctx.current = "regiehouder ties and wish-blocked referrals";
    conflict::findings(&mut ctx);
    ctx.current = "unused offers and facts";
    dead::unused(&mut ctx);
    ctx.current = "shadowed rules";
    shadow::findings(&mut ctx);
    ctx.current = "gaps";
    gaps::findings(&mut ctx);
    ctx.current = "properties";
    properties::check(&mut ctx, &props);
    let limit = if run.stopped_by_caller() {
        "the time limit".to_string()
    } else {
        format!("the run's budget of {} partial cases", run.cases)
    };
    for (what, count) in std::mem::take(&mut ctx.skipped) {
        ctx.out.push(Finding {
            code: "analysis-incomplete".into(),
            severity: Severity::Warning,
            message: format!("{limit} ran out: {count} question(s) about {what} were not decided"),
            location: None,
            witness: None,
        });
    }
    ctx.out
}

impl<'r> Ctx<'_, 'r> {
    /// Whether the run's budget is spent; if so, counts one more question of the current
    /// analysis as undecided. Analyses ask before building a target that reads every rule.
    pub fn spent(&mut self) -> bool {
        let spent = self.run.exhausted();
        if spent {
            self.skip();
        }
        spent
    }

    /// Counts a question of the current analysis left undecided by the run's budget
    /// (reported once per analysis at the end, not once per question).
    pub fn skip(&mut self) {
        *self.skipped.entry(self.current).or_default() += 1;
    }

    /// The location of a place of the rule set.
    pub fn at(&self, place: Place) -> Option<Location> {
        Some(self.rules.origins.locate(&place, None))
    }

    /// The location of a key of a rule.
    pub fn rule_at(&self, rule: usize, key: &'static str) -> Option<Location> {
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
        self.run.poll();
        if self.run.exhausted() {
            self.skip();
            return Answer::Incomplete;
        }
        let answer = self.search.find_any(target);
        if answer != Answer::Incomplete {
            return answer;
        }
        if self.run.exhausted() {
            self.skip();
            return Answer::Incomplete;
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
