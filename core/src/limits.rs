//! The documented limits of a rule set and a case (see `docs/limits.md`).
//!
//! Every limit is checked when the input is read, before any pass that recurses or loops
//! over it, so hostile or careless input gets a clear, located error instead of a crash,
//! a stack overflow or a run that never ends. They lie far beyond any real rule set.

/// Bytes of one rule-set file (TOML or JSON) in a folder.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// Bytes of a JSON bundle.
pub const MAX_BUNDLE_BYTES: usize = 32 * 1024 * 1024;

/// Schema facts. Together with [`MAX_DERIVED`] far below the 65,536 slots a fact index
/// can address, so two facts can never share a slot.
pub const MAX_FACTS: usize = 4_096;

/// Derived facts.
pub const MAX_DERIVED: usize = 4_096;

/// Rules.
pub const MAX_RULES: usize = 20_000;

/// Offers in the catalogue.
pub const MAX_OFFERS: usize = 4_096;

/// Regions, properties and scenarios (each).
pub const MAX_ITEMS: usize = 20_000;

/// Values of one enum or set fact (a set is a 64-bit mask).
pub const MAX_ENUM_VALUES: usize = 64;

/// Bytes of one expression (`when`, `expr`, `wish`, a property).
pub const MAX_EXPRESSION_BYTES: usize = 8 * 1024;

/// Depth of one expression tree: every parenthesis, `not`, unary `-`, and every operator
/// of a chain (`a and b and c` is two levels) counts one level.
pub const MAX_EXPRESSION_DEPTH: usize = 64;

/// Depth of an expression with the derived facts it uses written out in place (a chain
/// of derived facts, each using the one before, adds up).
pub const MAX_INLINED_DEPTH: usize = 256;

/// Bytes of one `because` template (each language).
pub const MAX_TEMPLATE_BYTES: usize = 8 * 1024;

/// Bytes of an identifier (fact, derived fact, offer, rule, region, …).
pub const MAX_ID_BYTES: usize = 64;

/// Hours of a referral deadline (`deadline_hours`): about 100 years.
pub const MAX_DEADLINE_HOURS: i64 = 876_600;

/// Bytes of a case as JSON text.
pub const MAX_CASE_BYTES: usize = 1024 * 1024;

/// Bytes of a case record as JSON text: the same limit as a case ([`MAX_CASE_BYTES`]).
pub const MAX_RECORD_BYTES: usize = MAX_CASE_BYTES;

/// Actions in one case record.
pub const MAX_ACTIONS: usize = 10_000;

/// Decisions in one case record (verifying evaluates the record once per decision).
pub const MAX_DECISIONS: usize = 1_000;

/// Entries in one list of a decision (`accepted`, `rejected`, `overrides_acknowledged`,
/// `reasons`): no catalogue has more offers than [`MAX_OFFERS`].
pub const MAX_DECISION_ITEMS: usize = MAX_OFFERS;

/// Seconds a decision or action may lie after `now` (clocks of two machines differ a
/// little): beyond it `decide` refuses and an evaluation warns `dated_after_now`.
pub const MAX_CLOCK_SKEW_SECONDS: i64 = 300;

/// Characters of an unknown name echoed in an error; a longer one is cut and marked `…`.
pub const MAX_ECHOED_NAME_CHARS: usize = 64;

/// A did-you-mean is only computed for names up to this many characters.
pub const MAX_SUGGESTED_NAME_CHARS: usize = 64;

/// `name` for an error message: at most [`MAX_ECHOED_NAME_CHARS`] characters, elided.
pub fn echo(name: &str) -> String {
    match name.char_indices().nth(MAX_ECHOED_NAME_CHARS) {
        None => name.to_string(),
        Some((cut, _)) => format!("{}…", &name[..cut]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_elided_at_the_limit() {
        assert_eq!(echo("age"), "age");
        let at = "x".repeat(MAX_ECHOED_NAME_CHARS);
        assert_eq!(echo(&at), at);
        let past = "é".repeat(MAX_ECHOED_NAME_CHARS + 1);
        assert_eq!(echo(&past), format!("{}…", "é".repeat(MAX_ECHOED_NAME_CHARS)));
    }
}
