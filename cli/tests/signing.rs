//! `wegwijs bundle --sign`, `--trust` and `keygen` end to end: a signed bundle is accepted
//! under its key, a tampered (PEP 72 h → 0 h, rehashed), unsigned or foreign one refused.

mod common;

use common::{repo, text, wegwijs};
use std::process::{Command, Output};

const TRUST: &str = "keys/test-signing-key.public.json";
const CASE: &str = "tests/conformance/national-empty.case.json";

fn eval(rules: &str, extra: &[&str]) -> Output {
    let mut args = vec!["eval", "--format", "json", "--now", "2026-03-03T10:00:00Z", "--rules", rules];
    args.extend_from_slice(extra);
    args.push("-");
    let mut child = Command::new(env!("CARGO_BIN_EXE_wegwijs"))
        .args(&args)
        .current_dir(repo())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    use std::io::Write;
    // A refused rule set exits before reading the case: a broken pipe is fine then.
    let _ = child.stdin.take().unwrap().write_all(b"{\"age\": 30}");
    child.wait_with_output().unwrap()
}

#[test]
fn bundle_sign_then_trust_accepts_and_records_the_signer() {
    let dir = std::env::temp_dir().join(format!("wegwijs-sign-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let prefix = dir.join("publisher");
    let out = wegwijs(&["keygen", "--signer", "Landelijk Netwerk (test)", prefix.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let secret = format!("{}.secret.json", prefix.display());
    let public = format!("{}.public.json", prefix.display());
    let bundle = dir.join("mini.json");
    let out = wegwijs(&["bundle", "tests/fixtures/mini", "--sign", &secret, "-o", bundle.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    let out = eval(bundle.to_str().unwrap(), &["--trust", &public]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ruleset"]["signed_by"]["signer"], "Landelijk Netwerk (test)");

    // Another trusted key: refused. No --trust: loads, no signer claimed.
    let out = eval(bundle.to_str().unwrap(), &["--trust", TRUST]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not trusted"), "{}", text(&out.stderr));
    let out = eval(bundle.to_str().unwrap(), &[]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ruleset"]["signed_by"], serde_json::Value::Null);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn trust_refuses_tampered_unsigned_and_folders() {
    let out = eval("tests/fixtures/signing/mini.signed.json", &["--trust", TRUST]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    for (rules, why) in [
        ("tests/fixtures/signing/mini.tampered.json", "does not match"),
        ("tests/fixtures/mini", "folder is not signed"),
    ] {
        let out = eval(rules, &["--trust", TRUST]);
        assert_eq!(out.status.code(), Some(2), "{rules}");
        let err = text(&out.stderr);
        assert!(err.contains(why) && err.contains("(signature)"), "{rules}: {err}");
    }
    // Every command that loads rules takes --trust.
    for args in [
        vec!["check", "tests/fixtures/signing/mini.tampered.json"],
        vec!["test", "tests/fixtures/signing/mini.tampered.json"],
        vec!["doc", "tests/fixtures/signing/mini.tampered.json"],
        vec!["diff", "tests/fixtures/signing/mini.signed.json", "tests/fixtures/signing/mini.tampered.json"],
        vec!["questions", "--rules", "tests/fixtures/signing/mini.tampered.json", CASE],
    ] {
        let mut with_trust = args.clone();
        with_trust.extend(["--trust", TRUST]);
        let out = wegwijs(&with_trust);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out.stderr));
        assert!(text(&out.stderr).contains("does not match"), "{args:?}: {}", text(&out.stderr));
    }
}

#[test]
fn the_built_in_rules_are_accepted_under_the_test_key_only() {
    let out = wegwijs(&[
        "questions",
        "--now",
        "2026-03-03T10:00:00Z",
        "--trust",
        TRUST,
        "tests/fixtures/cases/long-ago.json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let prefix = std::env::temp_dir().join(format!("wegwijs-other-{}", std::process::id()));
    let out = wegwijs(&["keygen", "--signer", "Other", prefix.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let other = format!("{}.public.json", prefix.display());
    let out = wegwijs(&[
        "questions",
        "--now",
        "2026-03-03T10:00:00Z",
        "--trust",
        &other,
        "tests/fixtures/cases/long-ago.json",
    ]);
    assert_eq!(out.status.code(), Some(2), "the built-in rules are not signed by another key");
    assert!(text(&out.stderr).contains("not trusted"), "{}", text(&out.stderr));
    let _ = std::fs::remove_file(format!("{}.secret.json", prefix.display()));
    let _ = std::fs::remove_file(&other);
    let out = wegwijs(&["check", "--trust", "tests/fixtures/signing/mini.signed.json"]);
    assert_eq!(out.status.code(), Some(2), "a bundle is not a key file");
    assert!(text(&out.stderr).contains("--trust"), "{}", text(&out.stderr));
}
