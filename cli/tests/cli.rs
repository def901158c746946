//! The `wegwijs` command end to end: output, exit codes (0 ok, 1 findings/failed tests,
//! 2 usage or load error) and located errors.

mod common;

use common::{repo, text, wegwijs};

#[test]
fn eval_prints_the_proposal_of_the_example_case() {
    let out = wegwijs(&["eval", "--now", "2026-03-02T18:00:00+01:00", "examples/cases/vignet-1-festival.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    for part in ["Behoeften per domein", "Verwijzingen", "Regie:", "Regiehouder:", "Waarom", "wegwijs-nationaal"] {
        assert!(s.contains(part), "missing {part} in:\n{s}");
    }
}

#[test]
fn eval_json_is_the_canonical_proposal() {
    let out = wegwijs(&[
        "eval",
        "--format",
        "json",
        "--now",
        "2026-03-02T18:00:00+01:00",
        "examples/cases/vignet-1-festival.json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["ruleset"]["name"], "wegwijs-nationaal");
    assert!(v["ruleset"]["hash"].as_str().unwrap().starts_with("sha256:"));
    assert!(v["regie"]["level"].is_string());
}

#[test]
fn why_not_explains_an_absent_offer() {
    let out = wegwijs(&[
        "eval",
        "--now",
        "2026-03-02T18:00:00+01:00",
        "--why-not",
        "hiv_pep",
        "--format",
        "json",
        "tests/fixtures/cases/long-ago.json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["offer"], "hiv_pep");
    assert_eq!(v["status"], "absent");
    assert!(!v["rules"].as_array().unwrap().is_empty());
    assert!(v["rules"][0]["blocking"].as_array().unwrap().iter().any(|c| c["value"] == "false"), "{v}");
}

#[test]
fn check_exit_codes() {
    assert_eq!(wegwijs(&["check", "tests/fixtures/mini"]).status.code(), Some(1), "the fixture has a region gap");
    let out = wegwijs(&["check", "no/such/folder"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no/such/folder"));
}

#[test]
fn test_runs_the_scenarios() {
    let out = wegwijs(&["test", "tests/fixtures/mini"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("2 passed, 0 failed"));
}

#[test]
fn a_typo_in_a_rule_file_gives_file_line_column_and_a_hint() {
    let dir = std::env::temp_dir().join(format!("wegwijs-cli-typo-{}", std::process::id()));
    copy_dir(&repo().join("tests/fixtures/mini"), &dir);
    let path = dir.join("rules/main.toml");
    let t = std::fs::read_to_string(&path).unwrap().replace("fluid_exposure and", "fluid_exposre and");
    std::fs::write(&path, t).unwrap();
    let out = wegwijs(&["check", dir.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("rules/main.toml:3:23"), "{err}");
    assert!(err.contains("did you mean `fluid_exposure`?"), "{err}");
}

#[test]
fn bundle_loads_back() {
    let path = std::env::temp_dir().join(format!("wegwijs-bundle-{}.json", std::process::id()));
    assert_eq!(wegwijs(&["bundle", "tests/fixtures/mini", "-o", path.to_str().unwrap()]).status.code(), Some(0));
    let out = wegwijs(&["test", path.to_str().unwrap()]);
    std::fs::remove_file(&path).ok();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(wegwijs(&["eval"]).status.code(), Some(2));
    assert_eq!(wegwijs(&["eval", "--now", "gisteren", "examples/cases/vignet-1-festival.json"]).status.code(), Some(2));
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

#[test]
fn a_language_the_rule_set_does_not_have_is_a_usage_error() {
    let case = "examples/cases/vignet-1-festival.json";
    for command in ["eval", "questions"] {
        let out = wegwijs(&[command, "--lang", "GEHEIM", "--now", "2026-03-02T18:00:00+01:00", case]);
        assert_eq!(out.status.code(), Some(2), "{command}: {}", text(&out.stdout));
        let err = text(&out.stderr);
        assert!(err.contains("--lang: language `GEHEIM`") && err.contains("nl, en, ar"), "{err}");
    }
    let out = wegwijs(&["agenda", "--lang", "GEHEIM", "examples/records"]);
    assert_eq!(out.status.code(), Some(2), "agenda: {}", text(&out.stdout));
    assert!(text(&out.stderr).contains("language `GEHEIM`"));
    let out = wegwijs(&["eval", "--lang", "en", "--now", "2026-03-02T18:00:00+01:00", case]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn check_reports_what_its_budget_left_undecided() {
    let out = wegwijs(&["check", "--format", "json", "--max-cases", "50"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let undecided: Vec<&serde_json::Value> =
        findings.as_array().unwrap().iter().filter(|f| f["code"] == "analysis-incomplete").collect();
    assert!(!undecided.is_empty());
    assert!(undecided.iter().all(|f| f["message"].as_str().unwrap().contains("50 partial cases")), "{undecided:?}");
    let out = wegwijs(&["check", "--format", "json", "--time-limit", "0"]);
    let s = text(&out.stdout);
    assert!(s.contains("the time limit ran out"), "{s}");
}
