//! How `check` grows with the number of rules, outside criterion (one run each, with a
//! budget of `CASES` partial cases per run, default 100,000):
//! `CASES=100000 cargo run --release -p wegwijs-benches --example check_growth -- 100 1000 10000`.

use std::time::Instant;

fn main() {
    for arg in std::env::args().skip(1) {
        let n: usize = arg.parse().expect("a number of rules");
        let engine = wegwijs_benches::generated_rules(n);
        let start = Instant::now();
        let cases = std::env::var("CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(100_000);
        let findings = engine.check_with(&wegwijs::check::CheckBudget { cases, stop: None });
        let incomplete = findings.iter().filter(|f| f.code == "analysis-incomplete").count();
        println!(
            "{n:>6} rules: check {:>8.2} s, {} findings ({incomplete} analysis-incomplete)",
            start.elapsed().as_secs_f64(),
            findings.len()
        );
    }
}
