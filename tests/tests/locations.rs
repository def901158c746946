//! Error locations (issue 13, item 7): the column after TOML escapes and the line after a
//! line continuation in a multi-line string point at the problem itself.

use wegwijs::Engine;

fn mini_with_rule(rule: &str) -> wegwijs::RuleError {
    let root = wegwijs_tests::repo_root().join("tests/fixtures/mini");
    let mut files = Vec::new();
    for rel in ["manifest.toml", "schema.toml", "derived.toml", "offers.toml", "regions.toml", "rules/main.toml"] {
        files.push((rel.to_string(), std::fs::read_to_string(root.join(rel)).unwrap()));
    }
    files.push(("rules/zz.toml".into(), rule.to_string()));
    Engine::from_files(files, "mini").map(|_| ()).unwrap_err()
}

const TAIL: &str = "source = \"T\"\nbecause = { nl = \"x\", en = \"x\" }\nneed = { hulp = \"urgent\" }\n";

#[test]
fn the_column_after_escapes_is_the_column_of_the_name() {
    let err =
        mini_with_rule(&format!("[[rules]]\nid = \"e\"\nwhen = \"relation == \\\"partner\\\" and agee > 3\"\n{TAIL}"));
    let d = err.first();
    assert!(d.message.contains("unknown fact `agee`"), "{d}");
    // `when = "relation == \"partner\" and ` is 36 characters: `agee` starts at column 37.
    assert_eq!((d.location.line, d.location.column), (3, 37), "{d}");
    let err = mini_with_rule(&format!("[[rules]]\nid = \"e\"\nwhen = \"\\u0061ge > 3 and agee > 3\"\n{TAIL}"));
    assert_eq!((err.first().location.line, err.first().location.column), (3, 26), "{}", err.first());
}

#[test]
fn the_line_after_a_continuation_is_the_line_of_the_name() {
    let rule = format!("[[rules]]\nid = \"c\"\nwhen = \"\"\"\nage > 3 and \\\n      fluid_exposure and \\\n      agee > 3\"\"\"\n{TAIL}");
    let d = mini_with_rule(&rule);
    let d = d.first();
    assert!(d.message.contains("unknown fact `agee`"), "{d}");
    assert_eq!((d.location.line, d.location.column), (6, 7), "{d}");
    assert_eq!(d.location.snippet, "      agee > 3\"\"\"");
}
