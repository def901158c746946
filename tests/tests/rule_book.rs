//! The committed rule book (`docs/regelboek.md`) must match the national rules.

use wegwijs::Engine;
use wegwijs_tests::repo_root;

#[test]
fn committed_rule_book_is_current() {
    let committed = std::fs::read_to_string(repo_root().join("docs/regelboek.md")).expect("docs/regelboek.md exists");
    let current = Engine::national().rule_book();
    assert!(
        committed == current,
        "docs/regelboek.md is out of date: run `cargo run -p wegwijs-cli -- doc rules -o docs/regelboek.md`"
    );
    for rule in &Engine::national().source().rules {
        assert!(current.contains(&format!("### `{}`", rule.id)), "rule {} missing from the book", rule.id);
    }
}
