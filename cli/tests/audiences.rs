//! `wegwijs eval --for` (issue 11): the victim's summary, the caller's, a partner handover.

mod common;

use common::wegwijs;
use std::path::PathBuf;

const CASE: &str = "examples/cases/vignet-3-stiefvader-acuut.json";
const NOW: &str = "2026-03-03T10:00:00+01:00";

#[test]
fn a_fourteen_year_old_gets_a_short_je_text_with_what_happens_next_and_when() {
    let out = wegwijs(&["eval", "--now", NOW, "--for", "slachtoffer", CASE]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Dit stellen we nu voor. Jij mag"), "{text}");
    assert!(text.contains("1. Vóór zaterdag 7 maart 16.00 uur: "), "{text}");
    assert!(!text.contains("R2") && !text.contains("csg_casemanager") && !text.contains("melding_veilig_thuis"));
}

#[test]
fn the_caller_reads_about_the_victim_and_the_police_get_only_what_a_ground_allows() {
    // The vignette's caller is a professional (a teacher): "het slachtoffer", never "uw kind".
    let out = wegwijs(&["eval", "--now", NOW, "--for", "melder", CASE]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("het slachtoffer") && !text.contains("uw kind"), "{text}");
    let case: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join(CASE)).unwrap(),
    )
    .unwrap();
    let mut case = case.as_object().unwrap().clone();
    case.insert("consent_mdt".into(), "nee".into());
    case.remove("consent_scope");
    case.insert("current_safety".into(), "acuut_onveilig".into());
    let path = std::env::temp_dir().join(format!("wegwijs-audience-{}.json", std::process::id()));
    std::fs::write(&path, serde_json::to_string(&case).unwrap()).unwrap();
    let out = wegwijs(&["eval", "--now", NOW, "--for", "politie", "--format", "json", path.to_str().unwrap()]);
    // Without consent nothing is left for the caller, and the text says why (issue 18).
    let caller = wegwijs(&["eval", "--now", NOW, "--for", "melder", path.to_str().unwrap()]);
    std::fs::remove_file(&path).ok();
    let caller = String::from_utf8(caller.stdout).unwrap();
    assert!(caller.contains("pas als het slachtoffer daar toestemming voor geeft"), "{caller}");
    assert!(!caller.contains("1. "), "{caller}");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let h: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(h["consent"], false);
    assert_eq!(h["legal_grounds"].as_array().unwrap().len(), 1, "{h}");
    assert!(h["left_out_facts"].as_u64().unwrap() > 0);
    let out = wegwijs(&["eval", "--now", NOW, "--for", "politei", CASE]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `politie`"));
}

#[test]
fn lang_ar_gives_the_victim_summary_in_arabic_and_an_unknown_language_is_refused() {
    let out = wegwijs(&["eval", "--now", NOW, "--for", "slachtoffer", "--lang", "ar", CASE]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("هذا ما نقترحه الآن."), "{text}");
    assert!(text.contains("1. قبل يوم السبت 7 مارس، الساعة 16:00: "), "{text}");
    assert!(text.contains("   أين: "), "{text}");
    let out = wegwijs(&["eval", "--now", NOW, "--for", "slachtoffer", "--lang", "ar", "--format", "json", CASE]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["language"], "ar");
    assert_eq!(json["text"].as_object().unwrap().keys().collect::<Vec<_>>(), ["ar"]);
    // Without --lang, JSON holds every language and no "language".
    let out = wegwijs(&["eval", "--now", NOW, "--for", "slachtoffer", "--format", "json", CASE]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json.get("language").is_none());
    assert_eq!(json["text"].as_object().unwrap().len(), 3);
    for args in [&["eval", "--lang", "ara", CASE][..], &["questions", "--lang", "de", CASE][..]] {
        let out = wegwijs(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("is not one of the rule set's languages (nl, en, ar)"), "{err}");
    }
    let err = String::from_utf8(wegwijs(&["eval", "--lang", "ara", CASE]).stderr).unwrap();
    assert!(err.contains("did you mean `ar`?"), "{err}");
}
