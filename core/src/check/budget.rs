//! The work budget of one analysis run: partial cases over every search of the run
//! together, and a stop signal the caller may give (e.g. a deadline it checks against its
//! own clock — the core never reads the clock).

use std::cell::Cell;

/// Partial cases one `check` run may visit when the caller does not say.
pub const DEFAULT_CASES: usize = 1_000_000;

/// How much work one `check` run may do. What it could not finish is reported as
/// `analysis-incomplete` findings, never silently skipped.
#[derive(Clone, Copy)]
pub struct CheckBudget<'a> {
    /// Partial cases the searches of the whole run may visit together.
    pub cases: usize,
    /// Asked every few thousand partial cases; `true` stops the run (a time limit).
    pub stop: Option<&'a dyn Fn() -> bool>,
}

impl Default for CheckBudget<'_> {
    fn default() -> Self {
        CheckBudget { cases: DEFAULT_CASES, stop: None }
    }
}

/// How often [`CheckBudget::stop`] is asked, in partial cases.
const STOP_EVERY: usize = 4096;

/// The budget as it is spent during a run (shared by every searcher of the run).
pub(crate) struct RunBudget<'a> {
    left: Cell<usize>,
    spent: Cell<usize>,
    stop: Option<&'a dyn Fn() -> bool>,
    stopped: Cell<bool>,
    /// The limit, for messages.
    pub cases: usize,
}

impl<'a> RunBudget<'a> {
    pub fn new(budget: &CheckBudget<'a>) -> Self {
        RunBudget {
            left: Cell::new(budget.cases),
            spent: Cell::new(0),
            stop: budget.stop,
            stopped: Cell::new(false),
            cases: budget.cases,
        }
    }

    /// No limit (the semantic diff).
    pub fn unlimited() -> RunBudget<'static> {
        RunBudget::new(&CheckBudget { cases: usize::MAX, stop: None })
    }

    /// Takes one partial case; false once the budget is spent or the caller said stop.
    pub fn take(&self) -> bool {
        if self.stopped.get() {
            return false;
        }
        let left = self.left.get();
        let spent = self.spent.get() + 1;
        self.spent.set(spent);
        if left == 0 || (spent % STOP_EVERY == 0 && self.stop.is_some_and(|stop| stop())) {
            self.stopped.set(true);
            return false;
        }
        self.left.set(left - 1);
        true
    }

    /// Asks the caller's stop signal now (once per question, besides every few thousand
    /// partial cases).
    pub fn poll(&self) {
        if !self.stopped.get() && self.stop.is_some_and(|stop| stop()) {
            self.stopped.set(true);
        }
    }

    /// Whether the run must stop: every later question goes undecided.
    pub fn exhausted(&self) -> bool {
        self.stopped.get() || self.left.get() == 0
    }

    /// Whether the caller's stop signal (not the case count) ended the run.
    pub fn stopped_by_caller(&self) -> bool {
        self.stopped.get() && self.left.get() > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_counts_and_the_caller_can_stop() {
        let run = RunBudget::new(&CheckBudget { cases: 3, stop: None });
        assert!(run.take() && run.take() && run.take());
        assert!(!run.take() && run.exhausted() && !run.stopped_by_caller());
        let stop = || true;
        let run = RunBudget::new(&CheckBudget { cases: usize::MAX, stop: Some(&stop) });
        for _ in 1..STOP_EVERY {
            assert!(run.take());
        }
        assert!(!run.take() && run.exhausted() && run.stopped_by_caller());
    }
}
