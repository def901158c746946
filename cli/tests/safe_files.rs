//! Files that cannot be lost (issue 20): a write that fails part-way leaves the old record
//! byte for byte, keygen never replaces a key without `--force`, a closed standard output
//! ends the command quietly, input stops at the size limit, and the agenda survives bad
//! files (a `/dev/zero` link, a FIFO, an invalid record) and finds `*.JSON`.

mod common;

use common::{repo, text, wegwijs};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const NOW: &str = "2026-03-10T09:00:00+01:00";

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wegwijs-safe-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A complete decision on the example record at [`NOW`]: the proposal taken as it is.
fn complete_decision(record: &Path, dir: &Path) -> PathBuf {
    let out = wegwijs(&["eval", s(record), "--now", NOW, "--format", "json"]);
    let proposal: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let accepted: Vec<&serde_json::Value> =
        proposal["referrals"].as_array().unwrap().iter().map(|r| &r["offer"]).collect();
    let decision = serde_json::json!({
        "by": "mdt-voorzitter", "regie": proposal["regie"]["level"],
        "regiehouder": proposal["regiehouder"]["id"], "accepted": accepted,
    });
    let path = dir.join("decision.json");
    std::fs::write(&path, decision.to_string()).unwrap();
    path
}

#[cfg(unix)]
#[test]
fn a_decide_that_fails_part_way_leaves_the_old_record_byte_identical() {
    let dir = scratch("partway");
    let record = dir.join("zaak.json");
    std::fs::copy(repo().join("examples/records/zaak-01-pep-vandaag.json"), &record).unwrap();
    let before = std::fs::read(&record).unwrap();
    let decision = complete_decision(&record, &dir);
    // A file-size limit of one 512-byte block: the write of the updated record (several KB)
    // is cut off part-way (SIGXFSZ), as a full disk or a quota would.
    let script = format!(
        "ulimit -f 1; exec '{}' decide '{}' '{}' --now {NOW} -o '{}'",
        env!("CARGO_BIN_EXE_wegwijs"),
        s(&record),
        s(&decision),
        s(&record)
    );
    let out = Command::new("sh").arg("-c").arg(&script).current_dir(repo()).output().unwrap();
    assert!(!out.status.success(), "the write must have failed: {}", text(&out.stderr));
    assert_eq!(std::fs::read(&record).unwrap(), before, "the old record is unchanged, byte for byte");
    // Without the limit the same call writes the decision in place.
    let out = wegwijs(&["decide", s(&record), s(&decision), "--now", NOW, "-o", s(&record)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let written: serde_json::Value = serde_json::from_slice(&std::fs::read(&record).unwrap()).unwrap();
    assert_eq!(written["decisions"].as_array().map(Vec::len), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn keygen_never_replaces_a_key_without_force_and_the_secret_is_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("keygen");
    let prefix = dir.join("mdt");
    let keygen = |extra: &[&str]| {
        // umask 000: a secret created world-readable and chmod-ed later would show 0666 first.
        let mut args = vec!["keygen", "--signer", "MDT test", s(&prefix)];
        args.extend_from_slice(extra);
        let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
        let script = format!("umask 000; exec '{}' {}", env!("CARGO_BIN_EXE_wegwijs"), quoted.join(" "));
        Command::new("sh").arg("-c").arg(script).output().unwrap()
    };
    let out = keygen(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let secret = dir.join("mdt.secret.json");
    assert_eq!(std::fs::metadata(&secret).unwrap().permissions().mode() & 0o777, 0o600);
    let first = std::fs::read(&secret).unwrap();
    let out = keygen(&[]);
    assert_eq!(out.status.code(), Some(2), "a second keygen without --force is refused");
    assert!(text(&out.stderr).contains("--force"), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(&secret).unwrap(), first, "the secret key is unchanged");
    let out = keygen(&["--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_ne!(std::fs::read(&secret).unwrap(), first, "--force makes a new key");
    assert_eq!(std::fs::metadata(&secret).unwrap().permissions().mode() & 0o777, 0o600);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_closed_standard_output_ends_the_command_quietly_with_its_usual_exit_code() {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader); // nobody will read: every write fails with a broken pipe
    let out = Command::new(env!("CARGO_BIN_EXE_wegwijs"))
        .args(["eval", "examples/cases/vignet-1-festival.json", "--now", NOW, "--format", "json"])
        .current_dir(repo())
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
}

#[test]
fn a_record_over_the_size_limit_is_refused_on_every_cli_path() {
    let dir = scratch("limit");
    let big = serde_json::json!({
        "format": "wegwijs-record/1",
        "case": "x".repeat(wegwijs::limits::MAX_CASE_BYTES),
        "facts": {},
    });
    let path = dir.join("big.json");
    std::fs::write(&path, big.to_string()).unwrap();
    for args in [vec!["eval", s(&path), "--now", NOW], vec!["questions", s(&path), "--now", NOW]] {
        let out = wegwijs(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = text(&out.stderr);
        assert!(err.contains("longer than") && !err.contains("xxxx"), "{err}");
    }
    let decision = dir.join("decision.json");
    std::fs::write(&decision, r#"{"by":"mdt-voorzitter","regie":"R0"}"#).unwrap();
    let out = wegwijs(&["decide", s(&path), s(&decision), "--now", NOW]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("longer than"), "{}", text(&out.stderr));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs the agenda over `folder`, failing the test if it has not finished within `limit`
/// (a FIFO used to hang it forever, `/dev/zero` to grow without end).
fn agenda_within(folder: &Path, limit: Duration) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wegwijs"))
        .args(["agenda", s(folder), "--now", NOW, "--format", "json"])
        .current_dir(repo())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the agenda did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn the_agenda_survives_a_dev_zero_link_a_fifo_and_an_invalid_record() {
    let dir = scratch("agenda");
    let examples = repo().join("examples/records");
    let mut names = Vec::new();
    for e in std::fs::read_dir(&examples).unwrap().filter_map(Result::ok) {
        std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
        names.push(e.path().file_stem().unwrap().to_string_lossy().into_owned());
    }
    // One more record whose name ends in upper case `.JSON`.
    let mut upper: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(examples.join("zaak-01-pep-vandaag.json")).unwrap()).unwrap();
    upper["case"] = "zaak-12-hoofdletters".into();
    std::fs::write(dir.join("zaak-12.JSON"), upper.to_string()).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.join("nul.json")).unwrap();
    let fifo = dir.join("pijp.json");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    std::fs::write(dir.join("kapot.json"), r#"{"facts": {"geheime_naam_Jansen": 1}"#).unwrap();

    let out = agenda_within(&dir, Duration::from_secs(120));
    assert_eq!(out.status.code(), Some(1), "exit 1: some records could not be read; {}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let cases: Vec<&str> = json["entries"].as_array().unwrap().iter().map(|e| e["case"].as_str().unwrap()).collect();
    assert_eq!(cases.len(), names.len() + 1, "{cases:?}");
    assert!(cases.contains(&"zaak-12-hoofdletters"), "{cases:?}");
    let bad = json["unreadable"].as_array().unwrap();
    let files: Vec<&str> = bad.iter().map(|u| u["file"].as_str().unwrap()).collect();
    assert_eq!(files.len(), 3, "{bad:?}");
    for name in ["nul.json", "pijp.json", "kapot.json"] {
        assert!(files.iter().any(|f| f.ends_with(name)), "{name} in {files:?}");
    }
    assert!(!out.stdout.windows(6).any(|w| w == b"Jansen"), "no content of a bad record");
    // The text agenda lists them too.
    let out = wegwijs(&["agenda", s(&dir), "--now", NOW]);
    let t = text(&out.stdout);
    let first = format!("1. {}", cases[0]);
    assert!(t.contains("Niet te lezen") && t.contains("kapot.json") && t.contains(&first), "{t}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn a_jsonl_agenda_reports_bad_lines_and_stops_reading_a_line_at_the_limit() {
    let dir = scratch("jsonl");
    let record = std::fs::read_to_string(repo().join("examples/records/zaak-01-pep-vandaag.json")).unwrap();
    let one_line = serde_json::from_str::<serde_json::Value>(&record).unwrap().to_string();
    let long = format!("\"{}\"", "y".repeat(wegwijs::limits::MAX_CASE_BYTES + 10));
    let path = dir.join("records.jsonl");
    std::fs::write(&path, format!("{one_line}\nnot json\n{long}\n{one_line}\n")).unwrap();
    let out = wegwijs(&["agenda", s(&path), "--now", NOW, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["entries"].as_array().unwrap().len(), 2);
    let bad: Vec<String> =
        json["unreadable"].as_array().unwrap().iter().map(|u| u["file"].as_str().unwrap().to_string()).collect();
    assert!(bad[0].ends_with("records.jsonl:2") && bad[1].ends_with("records.jsonl:3"), "{bad:?}");
    assert!(json["unreadable"][1]["problem"].as_str().unwrap().contains("longer than"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn verify_reports_an_edited_decision_and_since_refuses_another_case() {
    let dir = scratch("verify");
    let record = dir.join("zaak.json");
    std::fs::copy(repo().join("examples/records/zaak-01-pep-vandaag.json"), &record).unwrap();
    let decision = complete_decision(&record, &dir);
    let out = wegwijs(&["decide", s(&record), s(&decision), "--now", NOW, "-o", s(&record)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = wegwijs(&["verify", s(&record)]);
    assert_eq!(out.status.code(), Some(0), "{}{}", text(&out.stdout), text(&out.stderr));
    assert!(text(&out.stdout).contains("every decision verified"), "{}", text(&out.stdout));
    // R2 -> R0 by hand.
    let mut value: serde_json::Value = serde_json::from_slice(&std::fs::read(&record).unwrap()).unwrap();
    value["decisions"][0]["regie"] = "R0".into();
    let edited = dir.join("edited.json");
    std::fs::write(&edited, value.to_string()).unwrap();
    let out = wegwijs(&["verify", s(&edited), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["verified"], false);
    assert_eq!(v["decisions"][0]["decision"], "mismatch");
    let out = wegwijs(&["eval", s(&edited), "--now", NOW, "--format", "json"]);
    let p: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(p["warnings"].as_array().unwrap().iter().any(|w| w["code"] == "decision_unverified"), "{p}");
    // --since with a record of another case is refused.
    let mut other = value.clone();
    other["case"] = "zaak-99-anders".into();
    let other_path = dir.join("other.json");
    std::fs::write(&other_path, other.to_string()).unwrap();
    let out = wegwijs(&["eval", s(&record), "--now", NOW, "--since", s(&other_path)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("another case"), "{}", text(&out.stderr));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_for_argument_is_echoed_at_most_64_characters() {
    let long = format!("{}GEHEIM", "o".repeat(64));
    let out = wegwijs(&["eval", "examples/cases/vignet-1-festival.json", "--now", NOW, "--for", &long]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("--for") && !err.contains("GEHEIM"), "{err}");
}
