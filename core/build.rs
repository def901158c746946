//! Embeds the national rule set (`../rules`) so `Engine::national()` works everywhere,
//! including WebAssembly, without reading files at run time.

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
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("national_files.rs");
    std::fs::write(dest, out).unwrap();
}

fn abs(p: &Path) -> String {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf()).display().to_string()
}
