//! Issue 18, items 2 and 7 at the terminal: the proposal text shows labels, not ids; a
//! case record's headline shows the decided regiehouder next to the proposal; the consent
//! and wish markers read as two different things.

mod common;

use common::{text, wegwijs};

#[test]
fn a_record_headline_shows_the_decided_regiehouder_and_labels_not_ids() {
    let out =
        wegwijs(&["eval", "--now", "2026-03-20T10:00:00+01:00", "examples/records/zaak-04-regiehouder-blijft.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(
        s.contains("Regiehouder: Casemanager CSG (MDT 3 maart), voorstel nu: Casemanager Slachtofferhulp Nederland"),
        "{s}"
    );
    for id in ["shn_casemanager", "csg_casemanager", "`current_safety`", "referral:", "binnen_24_uur", "[direct]"] {
        assert!(!s.contains(id), "id {id} in:\n{s}");
    }
}

#[test]
fn an_aangifte_she_wants_without_consent_is_not_printed_against_her_wish() {
    let dir = std::env::temp_dir().join(format!("wegwijs-labels-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let case = dir.join("case.json");
    let facts = serde_json::json!({ "age": 30, "caller_role": "slachtoffer", "police_wish": "aangifte", "police_status": "geen",
        "consent_mdt": "nee", "channel": "overig", "current_safety": "veilig" });
    std::fs::write(&case, facts.to_string()).unwrap();
    let out = wegwijs(&["eval", "--now", "2026-03-02T18:00:00+01:00", case.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(!s.contains("TEGEN DE WENS") && !s.contains("Tegen de wens"), "{s}");
    assert!(
        s.contains("Buiten de toestemming: bespreek eerst toestemming; het slachtoffer kan ook zelf bellen."),
        "{s}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
