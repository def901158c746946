//! Time sanity for `decide`: nothing in the record, and not the decision itself, may lie
//! after `now` beyond the clock skew ([`crate::limits::MAX_CLOCK_SKEW_SECONDS`]). A typo
//! such as 2062 for 2026 would otherwise stand as the last decision, and every real one
//! after it would be refused as "before the last decision" until 2062.

use super::model::Record;
use crate::limits::MAX_CLOCK_SKEW_SECONDS;

/// One problem per decision or action (and for the new decision at `at`) dated after
/// `now` beyond the skew, by place; never a value.
pub(crate) fn dated_after(record: &Record, at: i64, now: i64) -> Vec<String> {
    let latest = now.saturating_add(MAX_CLOCK_SKEW_SECONDS);
    let mut out = Vec::new();
    let note = "after now (more than 5 minutes): check the date";
    if at > latest {
        out.push(format!("decision.at: is {note}"));
    }
    for (i, _) in record.decision_times.iter().enumerate().filter(|(_, &t)| t > latest) {
        out.push(format!("decisions[{i}].at: is {note}"));
    }
    for (i, _) in record.action_times.iter().enumerate().filter(|(_, &t)| t > latest) {
        out.push(format!("actions[{i}].at: is {note}"));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_note_names_the_documented_skew() {
        assert_eq!(crate::limits::MAX_CLOCK_SKEW_SECONDS, 5 * 60, "the message says 5 minutes");
    }
}
