//! Issue 18: the sharing fields of the rule format (`legal_grounds`, a rule's `ground`,
//! an offer's `requested_through`) are checked at load: an unknown name is an error with
//! its place and a did-you-mean, never a panic or a silent default.

use wegwijs::ruleset::source::{LegalGroundSource, RuleSetSource};
use wegwijs::Engine;
use wegwijs_tests::load_ruleset;

fn mini() -> RuleSetSource {
    load_ruleset("tests/fixtures/mini").source().clone()
}

fn error(source: RuleSetSource) -> String {
    match Engine::from_source(source) {
        Ok(_) => panic!("the rule set loaded"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_ground_names_known_organisations_and_facts() {
    let mut s = mini();
    s.manifest.legal_grounds.push(LegalGroundSource {
        id: "meldrecht".into(),
        organisations: vec!["vtt".into()],
        facts: vec!["agee".into()],
    });
    let e = error(s);
    assert!(e.contains("legal_grounds[0].organisations[0]") && e.contains("did you mean `vt`?"), "{e}");
    assert!(e.contains("legal_grounds[0].facts[0]") && e.contains("did you mean `age`?"), "{e}");
}

#[test]
fn a_rule_ground_must_exist_and_come_with_a_legal_ground() {
    let mut s = mini();
    s.manifest.legal_grounds.push(LegalGroundSource {
        id: "meldrecht".into(),
        organisations: vec!["vt".into()],
        facts: vec![],
    });
    let i = s.rules.iter().position(|r| r.id == "huiselijk-minderjarig").unwrap();
    s.rules[i].ground = Some("meldrech".into());
    let e = error(s.clone());
    assert!(e.contains("ground") && e.contains("did you mean `meldrecht`?"), "{e}");
    assert!(e.contains("only for a rule with a `legal_ground`"), "{e}");
    s.rules[i].ground = Some("meldrecht".into());
    s.rules[i].legal_ground = Some(wegwijs::text::Text::from_pairs([("nl", "Meldrecht".to_string())]));
    assert!(Engine::from_source(s).is_ok());
}

#[test]
fn an_offer_is_requested_through_a_known_organisation() {
    let mut s = mini();
    s.offers[0].requested_through = Some("vtt".into());
    let e = error(s);
    assert!(e.contains("requested_through") && e.contains("did you mean `vt`?"), "{e}");
}
