//! What every end-to-end test of the `wegwijs` command needs: the repository root and a
//! way to run the built binary there.
#![allow(dead_code)] // each test file uses its own part

use std::path::PathBuf;
use std::process::{Command, Output};

/// The repository root (tests name files relative to it).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// Runs `wegwijs ARGS` in the repository root.
pub fn wegwijs(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wegwijs")).args(args).current_dir(repo()).output().expect("runs")
}

/// Output bytes as text (lossy: tests only read it).
pub fn text(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}
