//! Signed rule sets (issue 13, item 7): a bundle signed with a key loads under that key and
//! records the signer; an unsigned, foreign-signed or tampered one (PEP window 72 h → 0 h,
//! rehashed) is refused; the built-in national rules carry the TEST key's signature.

use wegwijs::ruleset::content_hash;
use wegwijs::ruleset::source::RuleSetSource;
use wegwijs::signing::{PublicKey, SigningKey};
use wegwijs::Engine;
use wegwijs_tests::repo_root;

fn test_secret_key() -> SigningKey {
    SigningKey::from_text(&std::fs::read_to_string(repo_root().join("keys/test-signing-key.secret.json")).unwrap())
        .unwrap()
}

/// The bundle with every PEP deadline of 72 hours set to 0 and the hash recomputed: what
/// someone editing a rule and rehashing would produce. The signature is kept.
fn tamper(bundle: &str) -> String {
    let mut value: serde_json::Value = serde_json::from_str(bundle).unwrap();
    let mut changed = 0;
    for rule in value["ruleset"]["rules"].as_array_mut().unwrap() {
        for refer in rule.get_mut("refer").and_then(serde_json::Value::as_array_mut).into_iter().flatten() {
            let pep = refer["offer"].as_str().is_some_and(|o| o.contains("pep"));
            let hours = refer.get("deadline").and_then(|d| d.get("hours")).and_then(serde_json::Value::as_i64);
            if pep && hours == Some(72) {
                refer["deadline"]["hours"] = 0.into();
                changed += 1;
            }
        }
    }
    assert!(changed > 0, "no PEP deadline of 72 hours to tamper with");
    let source: RuleSetSource = serde_json::from_value(value["ruleset"].clone()).unwrap();
    value["hash"] = content_hash(&source).into();
    serde_json::to_string_pretty(&value).unwrap()
}

#[test]
fn a_signed_bundle_loads_under_its_key_and_records_the_signer() {
    let key = test_secret_key();
    let bundle = Engine::national().signed_bundle(&key);
    let engine = Engine::from_bundle_verified(&bundle, &[PublicKey::test_key()]).expect("the signed bundle loads");
    let signed_by = engine.id().signed_by.expect("the signer is recorded");
    assert_eq!(signed_by.key_id, PublicKey::test_key().id().key_id);
    let case = engine.case_from_str("{}").unwrap();
    let proposal = engine.evaluate(&case, wegwijs::Timestamp::from_unix(1_772_470_800).unwrap()).proposal();
    assert_eq!(proposal.ruleset.signed_by, Some(signed_by));
    // Without trusted keys it loads too, but claims no signer.
    assert_eq!(Engine::from_bundle(&bundle).unwrap().id().signed_by, None);
}

#[test]
fn a_tampered_rehashed_bundle_is_refused_under_trust() {
    let bundle = Engine::national().signed_bundle(&test_secret_key());
    let tampered = tamper(&bundle);
    // The hash is consistent, so the plain loader cannot tell ...
    Engine::from_bundle(&tampered).expect("a rehashed bundle passes the hash check");
    // ... but the signature can.
    let error = Engine::from_bundle_verified(&tampered, &[PublicKey::test_key()]).unwrap_err();
    assert_eq!(error.first().location.path, "signature");
    assert!(error.to_string().contains("does not match"), "{error}");
}

#[test]
fn unsigned_and_foreign_signed_bundles_and_folders_are_refused_under_trust() {
    let trust = [PublicKey::test_key()];
    let unsigned = Engine::national().bundle();
    let error = Engine::from_bundle_verified(&unsigned, &trust).unwrap_err();
    assert!(error.to_string().contains("not signed"), "{error}");
    let stranger = SigningKey::from_seed([42; 32], "Someone else");
    let foreign = Engine::national().signed_bundle(&stranger);
    let error = Engine::from_bundle_verified(&foreign, &trust).unwrap_err();
    assert!(error.to_string().contains("not trusted"), "{error}");
    Engine::from_bundle_verified(&foreign, &[stranger.public_key()]).expect("loads under its own key");
    let error = Engine::load_verified(repo_root().join("tests/fixtures/mini"), &trust).unwrap_err();
    assert!(error.to_string().contains("folder is not signed"), "{error}");
}

#[test]
fn the_national_rules_are_signed_by_the_test_key_and_verified() {
    let id = Engine::national().id();
    assert_eq!(id.signed_by.as_ref().map(|s| s.key_id.as_str()), Some(PublicKey::test_key().id().key_id.as_str()));
    Engine::national_verified(&[PublicKey::test_key()]).expect("trusted under the test key");
    let stranger = SigningKey::from_seed([1; 32], "Someone else").public_key();
    assert!(Engine::national_verified(&[stranger]).is_err());
}

#[test]
fn the_signing_fixtures_of_the_bindings_are_what_they_claim() {
    let dir = repo_root().join("tests/fixtures/signing");
    let signed = std::fs::read_to_string(dir.join("mini.signed.json")).unwrap();
    let tampered = std::fs::read_to_string(dir.join("mini.tampered.json")).unwrap();
    let trust = [PublicKey::test_key()];
    let engine = Engine::from_bundle_verified(&signed, &trust).expect("the signed fixture loads");
    assert_eq!(engine.id().hash, Engine::load(repo_root().join("tests/fixtures/mini")).unwrap().id().hash);
    let parse = |t: &str| serde_json::from_str::<serde_json::Value>(t).unwrap();
    assert_eq!(parse(&tamper(&signed)), parse(&tampered), "mini.tampered.json is the signed fixture, tampered");
    Engine::from_bundle(&tampered).expect("the tampered fixture's hash is consistent");
    assert!(Engine::from_bundle_verified(&tampered, &trust).is_err());
}

#[test]
fn the_signer_comes_from_the_signature_not_from_the_trust_file() {
    let bundle = Engine::national().signed_bundle(&test_secret_key());
    // A local trust file with the same key but another signer name (edited, or stale).
    let mut trust: serde_json::Value = serde_json::from_str(&PublicKey::test_key().to_text()).unwrap();
    trust["signer"] = "Locally renamed".into();
    let trusted = PublicKey::from_text(&trust.to_string()).expect("the renamed trust file reads");
    assert_eq!(trusted.id().signer, "Locally renamed");
    let engine = Engine::from_bundle_verified(&bundle, &[trusted]).expect("the key is trusted");
    let signed_by = engine.id().signed_by.expect("the signer is recorded");
    assert_eq!(signed_by.signer, test_secret_key().public_key().id().signer, "the signed name, not the trust file's");
    assert_ne!(signed_by.signer, "Locally renamed");
}
