//! `wegwijs agenda`, `wegwijs decide` and `wegwijs eval --since` end to end.

mod common;

use common::{repo, wegwijs};
use std::path::PathBuf;

fn temp(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wegwijs-cli-records-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

const NOW: &str = "2026-03-10T09:00:00+01:00";

#[test]
fn agenda_lists_every_example_record_most_urgent_first_in_three_formats() {
    let text = wegwijs(&["agenda", "examples/records", "--now", NOW]);
    assert_eq!(text.status.code(), Some(0), "{}", String::from_utf8_lossy(&text.stderr));
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.starts_with("MDT-agenda"), "{text}");
    // A new danger first (the perpetrator moved in after the decision: the melding renews),
    // in words: labels, not ids or reason codes.
    assert!(text.contains("1. zaak-12-pleger-in-huis (nieuw gevaar, nu gevaar, regie R3 Intensief)"), "{text}");
    assert!(text.contains("OPNIEUW NODIG: Nieuwe informatie vandaag aan Veilig Thuis doorgeven"), "{text}");
    assert!(text.contains("Veranderd: Pleger woont in hetzelfde huis: nu ja (was nee; sinds 7 maart)"), "{text}");
    // A passed deadline is reported, in words, below the live dangers.
    assert!(text.contains("Termijn verstreken: HIV-PEP: risicobeoordeling (binnen 72 uur)"), "{text}");
    assert!(!text.contains("hiv_pep") && !text.contains("deadline_passed") && !text.contains("danger_now"), "{text}");
    let position = |case: &str| text.find(case).unwrap_or_else(|| panic!("{case} missing"));
    assert!(position("zaak-12-pleger-in-huis") < position("zaak-02-pep-gemist"));
    let md =
        String::from_utf8_lossy(&wegwijs(&["agenda", "examples/records", "--now", NOW, "--format", "markdown"]).stdout)
            .into_owned();
    assert!(md.contains("## 1. zaak-12-pleger-in-huis"), "{md}");
    let en = String::from_utf8_lossy(&wegwijs(&["agenda", "examples/records", "--now", NOW, "--lang", "en"]).stdout)
        .into_owned();
    assert!(en.contains("NEEDED AGAIN: Pass the new information to Veilig Thuis today"), "{en}");
    let json: serde_json::Value =
        serde_json::from_slice(&wegwijs(&["agenda", "examples/records", "--now", NOW, "--format", "json"]).stdout)
            .unwrap();
    assert_eq!(json["entries"].as_array().unwrap().len(), 12);
    // The JSON keeps the codes.
    assert_eq!(json["entries"][0]["case"], "zaak-12-pleger-in-huis");
    assert_eq!(json["entries"][0]["reasons"][0], "danger_new");
    // One record per line works too.
    let lines: Vec<String> = std::fs::read_dir(repo().join("examples/records"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| {
            serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(e.path()).unwrap()).unwrap().to_string()
        })
        .collect();
    let jsonl = temp("records.jsonl", &lines.join("\n"));
    let out = wegwijs(&["agenda", jsonl.to_str().unwrap(), "--now", NOW, "--format", "json"]);
    let from_lines: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(from_lines["entries"], json["entries"]);
}

#[test]
fn decide_refuses_an_incomplete_decision_with_exit_2_and_writes_a_complete_one() {
    let record = "examples/records/zaak-01-pep-vandaag.json";
    let incomplete = temp("incomplete.json", r#"{"by": "mdt-voorzitter", "regie": "R0", "accepted": []}"#);
    let out = wegwijs(&["decide", record, incomplete.to_str().unwrap(), "--now", NOW]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not complete") && err.contains("reasons.regie") && err.contains("hiv_pep"), "{err}");
    assert!(out.stdout.is_empty(), "nothing written");

    let proposal: serde_json::Value =
        serde_json::from_slice(&wegwijs(&["eval", record, "--now", NOW, "--format", "json"]).stdout).unwrap();
    let accepted: Vec<&serde_json::Value> =
        proposal["referrals"].as_array().unwrap().iter().map(|r| &r["offer"]).collect();
    let decision = serde_json::json!({
        "by": "mdt-voorzitter", "regie": proposal["regie"]["level"],
        "regiehouder": proposal["regiehouder"]["id"], "accepted": accepted,
    });
    let decision = temp("complete.json", &decision.to_string());
    let output = std::env::temp_dir().join(format!("wegwijs-decided-{}.json", std::process::id()));
    let out = wegwijs(&["decide", record, decision.to_str().unwrap(), "--now", NOW, "-o", output.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let written: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&output).unwrap()).unwrap();
    let d = &written["decisions"][0];
    assert!(d["proposal_hash"].as_str().unwrap().starts_with("sha256:"));
    assert_eq!(d["at"], "2026-03-10T09:00:00+01:00", "local time");
    // Since the decision: nothing changed yet.
    let out = wegwijs(&[
        "eval",
        output.to_str().unwrap(),
        "--now",
        NOW,
        "--since",
        output.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let both: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(both["changes"]["referrals_added"], serde_json::json!([]));
    assert_eq!(both["changes"]["since"], "2026-03-10T09:00:00+01:00");
}

#[test]
fn why_not_on_a_record_says_the_victim_declined_the_offer() {
    let args = ["eval", "examples/records/zaak-08-afgeslagen.json", "--now", NOW, "--why-not", "shn_steun"];
    let out = wegwijs(&args);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Het slachtoffer heeft dit aanbod afgeslagen (2026-02-02)"), "{text}");
    let json = wegwijs(&[&args[..], &["--format", "json"]].concat());
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(v["declined"]["by"], "slachtoffer", "{v}");
    assert!(v["declined"]["text"]["en"].as_str().unwrap().starts_with("The victim declined this offer"));
}

#[test]
fn since_takes_an_earlier_proposal_and_refuses_other_json() {
    let record = "examples/records/zaak-04-regiehouder-blijft.json";
    let out = wegwijs(&["eval", record, "--now", "2026-03-03T09:00:00+01:00", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let then: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(then["ruleset"]["name"].is_string(), "eval --format json writes the proposal");
    let since = |proposal: &serde_json::Value, name: &str| {
        let path = temp(name, &proposal.to_string());
        wegwijs(&["eval", record, "--now", NOW, "--since", path.to_str().unwrap(), "--format", "json"])
    };
    let out = since(&then, "earlier-proposal.json");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let both: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(both["changes"]["since"], then["evaluated_at"]);
    assert_eq!(both["changes"]["regiehouder"]["to"], "shn_casemanager");
    let mut damaged = then.clone();
    damaged["regie"] = serde_json::json!({ "level": "R1" });
    let out = since(&damaged, "damaged-proposal.json");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a Wegwijs proposal"));
}
