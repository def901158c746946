//! The committed header (`include/wegwijs.h`) must be what cbindgen makes of the sources
//! now: a stale header would let C, Go and Java callers compile against functions that
//! no longer exist. `WEGWIJS_BLESS=1` rewrites it (review the diff before committing).

use std::path::Path;

#[test]
fn committed_header_is_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).expect("cbindgen.toml reads");
    let bindings = cbindgen::Builder::new()
        .with_crate(dir)
        .with_config(config)
        .generate()
        .expect("cbindgen understands the sources");
    let mut generated = Vec::new();
    bindings.write(&mut generated);
    let path = dir.join("include/wegwijs.h");
    if std::env::var("WEGWIJS_BLESS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &generated).expect("write include/wegwijs.h");
        return;
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "bindings-c/include/wegwijs.h is stale (or missing). Regenerate it with\n    \
         WEGWIJS_BLESS=1 cargo test -p wegwijs-c --test header\nand commit it. The header as generated now:\n{}",
        String::from_utf8_lossy(&generated)
    );
}
