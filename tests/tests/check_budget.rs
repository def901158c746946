//! `check` runs within one budget per run (issue 13, item 5): a number of partial cases and
//! a stop signal from the caller; what it could not decide is reported as
//! `analysis-incomplete`, one finding per analysis, never silently skipped.

use std::cell::Cell;
use wegwijs::check::{CheckBudget, Finding};
use wegwijs::Engine;

fn incomplete(findings: &[Finding]) -> Vec<&Finding> {
    findings.iter().filter(|f| f.code == "analysis-incomplete").collect()
}

#[test]
fn the_national_rules_are_decided_within_the_default_budget() {
    let findings = Engine::national().check();
    assert!(incomplete(&findings).is_empty(), "{findings:#?}");
}

#[test]
fn a_small_budget_is_reported_once_per_analysis() {
    let engine = Engine::national();
    let findings = engine.check_with(&CheckBudget { cases: 50, stop: None });
    let undecided = incomplete(&findings);
    assert!(!undecided.is_empty());
    assert!(undecided.iter().all(|f| f.message.contains("budget of 50 partial cases")), "{undecided:#?}");
    // One finding per analysis, not one per question.
    let mut messages: Vec<&str> =
        undecided.iter().map(|f| f.message.split(" about ").nth(1).unwrap_or_default()).collect();
    let before = messages.len();
    messages.dedup();
    assert_eq!(messages.len(), before, "{undecided:#?}");
    assert!(undecided.len() <= 6, "{undecided:#?}");
}

#[test]
fn the_caller_can_stop_the_run() {
    let engine = Engine::national();
    let asked = Cell::new(0);
    let stop = || {
        asked.set(asked.get() + 1);
        true
    };
    let findings = engine.check_with(&CheckBudget { cases: usize::MAX, stop: Some(&stop) });
    assert!(asked.get() >= 1);
    let undecided = incomplete(&findings);
    assert!(!undecided.is_empty() && undecided.iter().all(|f| f.message.starts_with("the time limit")));
}

/// (10,000 rules are measured in release builds: `benches/benches/check.rs` and
/// `benches/examples/check_growth.rs`; a debug test stays at 2,000.)
#[test]
fn thousands_of_generated_rules_finish_within_the_budget_and_say_what_they_left() {
    let engine = wegwijs_benches_free::generated(2_000);
    let findings = engine.check_with(&CheckBudget { cases: 2_000, stop: None });
    let undecided = incomplete(&findings);
    assert!(!undecided.is_empty());
    assert!(undecided.iter().any(|f| f.message.contains("which rules can fire")), "{undecided:#?}");
    // A few findings, not the 452 MB of findings of the issue.
    assert!(findings.len() < 100, "{}", findings.len());
}

/// A small generator (the benches crate has the full one; tests cannot depend on it).
mod wegwijs_benches_free {
    use wegwijs::ruleset::source::RuleSource;
    use wegwijs::Engine;

    pub fn generated(n: usize) -> Engine {
        let mini = wegwijs_tests::load_ruleset("tests/fixtures/mini");
        let mut src = mini.source().clone();
        let template = src.rules[0].clone();
        src.rules.clear();
        src.scenarios = Default::default();
        for i in 0..n {
            let when = match i % 3 {
                0 => format!("age < {}", 10 + i % 90),
                1 => format!("hours_since(last_incident_at) <= {}", i % 500),
                _ => format!("relation == 'partner' and age >= {}", i % 100),
            };
            src.rules.push(RuleSource { id: format!("r{i}"), when, ..template.clone() });
        }
        Engine::from_source(src).expect("generated rules load")
    }
}
