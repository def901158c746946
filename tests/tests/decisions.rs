//! `Evaluation::decisions()` (what the bindings read without rendering texts) is exactly
//! the matching part of the full proposal, and `case_values()` evaluates to the same.

use wegwijs::{Engine, Timestamp};
use wegwijs_tests::{load_ruleset, vectors};

#[test]
fn decisions_equal_the_proposal_parts_on_every_vector() {
    for v in vectors() {
        let engine: Engine = load_ruleset(&v.ruleset);
        let case = engine.case_from_json(&v.case).expect("vector case");
        let now = Timestamp::parse(&v.now).expect("vector time");
        let ev = engine.evaluate(&case, now);
        let (d, p) = (ev.decisions(), ev.proposal());
        assert_eq!(d.region, p.region, "{}", v.name);
        assert_eq!(d.needs, p.needs, "{}", v.name);
        assert_eq!(d.referrals, p.referrals, "{}", v.name);
        assert_eq!(d.regie, p.regie, "{}", v.name);
        assert_eq!(d.regiehouder, p.regiehouder, "{}", v.name);
        assert_eq!(ev.evaluated_at(), p.evaluated_at, "{}", v.name);
        assert_eq!(ev.case_values().len(), engine.source().schema.facts.len(), "{}", v.name);
    }
}
