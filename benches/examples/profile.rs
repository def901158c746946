//! Evaluates a corpus in a loop, for profilers (`valgrind --tool=callgrind`, `perf`).
//! Usage: `cargo run --release -p wegwijs-benches --example profile -- [outcome|buffer|proposal|questions|load|bundle] [N] [national|peers]`.
//! `peers` takes the peer workload's case sample (complete cases) instead of the national corpus.

use wegwijs::{Case, Engine, Timestamp};
use wegwijs_benches::{corpus, peers, NOW};

fn main() {
    let mut args = std::env::args().skip(1);
    let what = args.next().unwrap_or_else(|| "outcome".into());
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(2000);
    let workload = args.next().unwrap_or_else(|| "national".into());
    if what == "load" {
        for _ in 0..n {
            std::hint::black_box(Engine::from_files(Engine::national_files(), "rules").expect("loads"));
        }
        return;
    }
    if what == "bundle" {
        let bundle = Engine::national().bundle();
        for _ in 0..n {
            std::hint::black_box(Engine::from_bundle(&bundle).expect("loads"));
        }
        return;
    }
    let (engine, mut cases): (Engine, Vec<Case>) = if workload == "peers" {
        let engine = peers::engine();
        let cases = peers::cases()
            .into_iter()
            .map(|c| engine.case_from_json(&serde_json::Value::Object(c)).expect("valid case"))
            .collect();
        (engine, cases)
    } else {
        let engine = Engine::national();
        let (complete, partial) = corpus(&engine, 256);
        let cases = complete.into_iter().zip(partial).flat_map(|(c, p)| [c, p]).collect();
        (engine, cases)
    };
    let now = Timestamp::parse(NOW).unwrap();
    let start = std::time::Instant::now();
    let mut total = 0usize;
    if what == "buffer" {
        // The outcome-only path into one reused buffer (`Engine::outcome_into`).
        let mut buffer = wegwijs::OutcomeBuffer::default();
        let len = cases.len();
        for i in 0..n {
            engine.outcome_into(&mut cases[i % len], now, &mut buffer);
            total += buffer.certain_offers().count();
        }
        eprintln!("{what}: {n} evaluations, {:.3} µs each ({total})", start.elapsed().as_secs_f64() * 1e6 / n as f64);
        return;
    }
    for i in 0..n {
        let ev = engine.evaluate(&cases[i % cases.len()], now);
        total += match what.as_str() {
            "proposal" => ev.proposal().referrals.len(),
            "questions" => ev.questions().len(),
            _ => ev.outcome().referrals.len(),
        };
    }
    eprintln!("{what}: {n} evaluations, {:.3} µs each ({total})", start.elapsed().as_secs_f64() * 1e6 / n as f64);
}
