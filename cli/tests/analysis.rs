//! `wegwijs check` and `wegwijs diff` end to end: exit codes, JSON for editors, and a
//! witness that `wegwijs eval` reproduces.

mod common;

use common::wegwijs;
use std::process::Output;

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn diff_exits_0_without_changes_and_1_with_them() {
    let same = wegwijs(&["diff", "tests/analysis/clean", "tests/analysis/clean"]);
    assert_eq!(same.status.code(), Some(0), "{}", String::from_utf8_lossy(&same.stdout));
    let changed = wegwijs(&["diff", "tests/analysis/clean", "tests/analysis/diff-new"]);
    assert_eq!(changed.status.code(), Some(1));
    let text = String::from_utf8_lossy(&changed.stdout);
    assert!(text.contains("referral:pep: direct -> absent") && text.contains("witness (now "), "{text}");
    let missing = wegwijs(&["diff", "tests/analysis/clean", "tests/analysis/no-such-folder"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn a_diff_witness_reproduces_with_eval() {
    let out = wegwijs(&["diff", "tests/analysis/clean", "tests/analysis/diff-new", "--format", "json"]);
    let classes = json(&out);
    let class = classes.as_array().unwrap().iter().find(|c| c["outcome"] == "referral:pep").expect("the PEP class");
    let dir = std::env::temp_dir().join(format!("wegwijs-diff-witness-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let case = dir.join("witness.json");
    std::fs::write(&case, class["witness"]["case"].to_string()).unwrap();
    let now = class["witness"]["now"].as_str().unwrap();
    let eval = |rules: &str| {
        let out = wegwijs(&["eval", "--rules", rules, "--now", now, "--format", "json", case.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        json(&out)["referrals"].as_array().unwrap().iter().any(|r| r["offer"] == "pep")
    };
    assert!(eval("tests/analysis/clean"), "the old rules propose PEP");
    assert!(!eval("tests/analysis/diff-new"), "the new rules do not");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn check_json_has_codes_locations_and_witnesses() {
    let out = wegwijs(&["check", "tests/analysis/gap-no-regiehouder", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "an error finding fails check");
    let findings = json(&out);
    let gap = findings.as_array().unwrap().iter().find(|f| f["code"] == "gap-no-regiehouder").expect("the gap");
    assert_eq!(gap["severity"], "error");
    assert!(gap["location"]["file"].as_str().unwrap().ends_with("rules/main.toml"));
    assert!(gap["witness"]["case"].is_object());
    let clean = wegwijs(&["check", "tests/analysis/clean"]);
    assert_eq!(clean.status.code(), Some(0), "{}", String::from_utf8_lossy(&clean.stdout));
}
