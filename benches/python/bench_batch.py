#!/usr/bin/env python3
"""Python benchmark of Wegwijs (not a timed test): one case per call, ``evaluate_many`` and
the columnar ``outcomes`` against a plain-Python loop that does the same per case.

Paths: the compact outcome (``Result.outcome`` read into the same digest the plain-Python
baseline returns), the batch (``evaluate_many`` + the same reads), the columnar table
(``Engine.outcomes`` over the list of dicts and over a pyarrow Table of the same cases)
and the full proposal (``to_json``).

    .venv/bin/python benches/python/bench_batch.py                 # 100,000 national cases
    .venv/bin/python benches/python/bench_batch.py --cases 20000 --rules tests/fixtures/mini

Cases are generated from the rule set's schema (seeded; ~20 % of the facts unknown;
times spread over the rules' time windows). The plain-Python baseline (plain_rules.py) is
the rule set translated into ordinary Python functions with three-valued logic and the
engine's merge (needs, referrals with wish gating, regie, regiehouder); before anything is
timed it is checked to agree with the engine on every one of the first cases.

Timings are interleaved (each round runs every variant once) and the median round is
reported; the ratios come from one run, on one machine. Absolute numbers depend on the
machine and its load; compare ratios only.
"""

from __future__ import annotations

import argparse
import gc
import os
import pathlib
import random
import statistics
import sys
import time
from typing import Any, Callable, Dict, List

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import plain_rules  # noqa: E402

import wegwijs  # noqa: E402

NOW = "2026-03-02T18:00:00+01:00"


def generate(engine: wegwijs.Engine, n: int, seed: int = 2026, unknown: float = 0.2) -> List[Dict[str, Any]]:
    """`n` cases over the engine's schema. Ints cluster near the small values where rule
    thresholds are; datetimes and dates fall in the last ~11 years, most of them recent."""
    rng = random.Random(seed)
    now = plain_rules._epoch_datetime(NOW)
    facts = engine.schema()["facts"]
    import datetime as dt

    def moment() -> dt.datetime:
        hours = rng.choice([rng.randint(0, 200), rng.randint(0, 2000), rng.randint(0, 100_000)])
        return dt.datetime.fromtimestamp(now - hours * 3600 - rng.randint(0, 3599), dt.timezone(dt.timedelta(hours=1)))

    cases = []
    for _ in range(n):
        case: Dict[str, Any] = {}
        for f in facts:
            if rng.random() < unknown:
                continue
            kind = f["type"]
            if kind == "bool":
                case[f["id"]] = rng.random() < 0.3
            elif kind == "int":
                hi = min(f["max"], f["min"] + rng.choice([5, 20, 80]))
                case[f["id"]] = rng.randint(f["min"], hi)
            elif kind == "enum":
                case[f["id"]] = rng.choice(f["values"])
            elif kind == "set":
                case[f["id"]] = rng.sample(f["values"], rng.choice([0, 1, 1, 2, 3]))
            elif kind == "datetime":
                case[f["id"]] = moment().isoformat()
            elif kind == "date":
                case[f["id"]] = moment().date().isoformat()
        cases.append(case)
    return cases


def check_agreement(engine: wegwijs.Engine, plain: Callable[..., Any], cases: List[Dict[str, Any]]) -> None:
    now = plain_rules._epoch_datetime(NOW)
    for i, case in enumerate(cases):
        ours = plain(case, now)
        theirs = plain_rules.digest(engine.evaluate(case, NOW).to_dict())
        if ours != theirs:
            diff = {k: (ours[k], theirs[k]) for k in ours if ours[k] != theirs[k]}
            sys.exit(f"the plain-Python baseline disagrees with the engine on case {i}: {diff}")


def outcome_digest(o: wegwijs.Outcome) -> Dict[str, Any]:
    """The baseline's digest from the compact outcome (no texts, no dicts per referral)."""
    return {
        "needs": {area: (level, up_to) for area, (level, _, up_to) in o.needs.items()},
        "referrals": {offer: (status, urgency) for offer, urgency, status, _ in o.referrals},
        "regie": (o.regie, o.regie_up_to),
        "regiehouder": o.regiehouder,
    }


def check_outcome_digest(engine: wegwijs.Engine, cases: List[Dict[str, Any]]) -> None:
    """The compact path says what the full proposal says."""
    for i, case in enumerate(cases):
        r = engine.evaluate(case, NOW)
        if outcome_digest(r.outcome) != plain_rules.digest(r.to_dict()):
            sys.exit(f"the compact outcome disagrees with the proposal on case {i}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--rules", help="rule-set folder or bundle (default: the national rules)")
    ap.add_argument("--check", type=int, default=5_000, help="cases on which the baseline is verified first")
    ap.add_argument("--proposals", type=int, default=2_000, help="cases for the full-proposal timing")
    args = ap.parse_args()

    engine = wegwijs.Engine.load(args.rules) if args.rules else wegwijs.Engine.default()
    t0 = time.perf_counter()
    plain = plain_rules.compile_rules(engine.bundle())
    compile_ms = (time.perf_counter() - t0) * 1e3
    t0 = time.perf_counter()
    wegwijs.Engine.from_bundle(engine.bundle())
    load_ms = (time.perf_counter() - t0) * 1e3
    cases = generate(engine, args.cases)
    facts = len(engine.schema()["facts"])
    known = sum(len(c) for c in cases) / len(cases)
    print(f"rules: {engine.name} {engine.version} ({engine.hash[:19]}…), {facts} facts")
    print(f"cases: {len(cases):,} generated, {known:.1f} known facts per case on average")
    print(f"cores: {os.cpu_count()}; load average now {os.getloadavg()[0]:.2f}")
    print(f"load: Engine.from_bundle {load_ms:.1f} ms; plain-Python translation {compile_ms:.1f} ms")
    check_agreement(engine, plain, cases[: args.check])
    print(f"the plain-Python baseline agrees with the engine on all of the first {min(args.check, len(cases)):,} cases")

    now_epoch = plain_rules._epoch_datetime(NOW)
    few = cases[: args.proposals]
    check_outcome_digest(engine, cases[: args.check])
    evaluate = engine.evaluate
    variants: Dict[str, Callable[[], Any]] = {
        "dict-read floor (tuple(case.values()) per case)": lambda: [tuple(c.values()) for c in cases],
        "plain Python, one case per call": lambda: [plain(c, now_epoch) for c in cases],
        "wegwijs evaluate, one case per call": lambda: [evaluate(c, NOW) for c in cases],
        "wegwijs evaluate + outcome digest, one per call": lambda: [outcome_digest(evaluate(c, NOW).outcome) for c in cases],
        "wegwijs evaluate_many, workers=1": lambda: engine.evaluate_many(cases, NOW, workers=1),
        "wegwijs evaluate_many, all cores": lambda: engine.evaluate_many(cases, NOW),
        "wegwijs evaluate_many + outcome digest, all cores": lambda: [
            outcome_digest(r.outcome) for r in engine.evaluate_many(cases, NOW)
        ],
    }
    try:
        import pyarrow as pa

        table = pa.Table.from_pandas(__import__("pandas").DataFrame(cases), preserve_index=False)
        variants.update(
            {
                "wegwijs outcomes(list of dicts), workers=1": lambda: engine.outcomes(cases, now=NOW, workers=1),
                "wegwijs outcomes(list of dicts), all cores": lambda: engine.outcomes(cases, now=NOW),
                "wegwijs outcomes(pyarrow Table), workers=1": lambda: engine.outcomes(table, now=NOW, workers=1),
                "wegwijs outcomes(pyarrow Table), all cores": lambda: engine.outcomes(table, now=NOW),
            }
        )
    except ImportError:
        print("pyarrow or pandas not installed: the columnar rows are left out")
    per_case: Dict[str, List[float]] = {k: [] for k in variants}
    cpu: Dict[str, List[float]] = {k: [] for k in variants}  # process CPU time per case
    main_cpu: Dict[str, List[float]] = {k: [] for k in variants}  # the calling thread's share
    proposal_times: List[float] = []
    gc.disable()
    try:
        for _ in range(args.rounds):
            for name, run in variants.items():
                t, c0, m0 = time.perf_counter(), time.process_time(), time.thread_time()
                out = run()
                per_case[name].append((time.perf_counter() - t) / len(cases) * 1e6)
                cpu[name].append((time.process_time() - c0) / len(cases) * 1e6)
                main_cpu[name].append((time.thread_time() - m0) / len(cases) * 1e6)
                del out
            t = time.perf_counter()
            for c in few:
                engine.evaluate(c, NOW).to_json()
            proposal_times.append((time.perf_counter() - t) / len(few) * 1e6)
            gc.collect()
    finally:
        gc.enable()
    us = {k: statistics.median(v) for k, v in per_case.items()}
    full = statistics.median(proposal_times)

    cpu_us = {k: statistics.median(v) for k, v in cpu.items()}
    main_us = {k: statistics.median(v) for k, v in main_cpu.items()}

    print(f"\nmedian of {args.rounds} interleaved rounds, µs per case (wall clock, CPU time of the process):")
    width = max(len(k) for k in us)
    for name, value in us.items():
        print(f"  {name:<{width}}  {value:8.2f}  {cpu_us[name]:8.2f}")
    print(f"  {'wegwijs evaluate + to_json (full proposal)':<{width}}  {full:8.2f}            ({len(few):,} cases)")

    plain_us = us["plain Python, one case per call"]
    one = us["wegwijs evaluate, one case per call"]
    compact = us["wegwijs evaluate + outcome digest, one per call"]
    many1 = us["wegwijs evaluate_many, workers=1"]
    many = us["wegwijs evaluate_many, all cores"]
    floor = us["dict-read floor (tuple(case.values()) per case)"]
    print("\nratios (this run):")
    print(f"  plain Python / wegwijs evaluate            {plain_us / one:6.2f}×  (> 1: wegwijs is faster)")
    print(f"  plain Python / wegwijs evaluate_many       {plain_us / many:6.2f}×")
    print(f"  evaluate_many (all cores) vs one-per-call  {one / many:6.2f}×  (target ≥ 1.7× on 2 cores)")
    print(f"  evaluate_many (all cores) vs workers=1     {many1 / many:6.2f}×")
    print(f"  wegwijs evaluate / dict-read floor         {one / floor:6.2f}×")
    print(f"  full proposal / evaluate                   {full / one:6.2f}×")
    print(f"  plain Python / compact outcome path        {plain_us / compact:6.2f}×")
    many_digest = us["wegwijs evaluate_many + outcome digest, all cores"]
    print(f"  compact one-per-call vs evaluate_many+read {compact / many_digest:6.2f}×")
    for name in ("wegwijs outcomes(list of dicts), all cores", "wegwijs outcomes(pyarrow Table), all cores"):
        if name in us:
            w1 = us[name.replace("all cores", "workers=1")]
            print(f"  {name[8:]:<42} {compact / us[name]:6.2f}× the compact one-per-call loop (target ≥ 1.7× on 2 cores); {w1 / us[name]:4.2f}× workers=1")

    # On a shared machine the wall clock of the parallel batch says little (other work
    # takes the second core). The CPU split says what it would do on free cores: the
    # batch takes as long as its busiest thread (with 2 threads: the calling thread and
    # the helper).
    for name, single in (
        ("wegwijs evaluate_many, all cores", "wegwijs evaluate, one case per call"),
        ("wegwijs outcomes(list of dicts), all cores", "wegwijs evaluate + outcome digest, one per call"),
        ("wegwijs outcomes(pyarrow Table), all cores", "wegwijs evaluate + outcome digest, one per call"),
    ):
        if name not in cpu_us:
            continue
        total, main_thread = cpu_us[name], main_us[name]
        busiest = max(main_thread, total - main_thread)
        load = cpu_us[single]
        print(f"\nCPU split of {name[8:]}, µs per case (vs {single[8:]}):")
        print(f"  calling thread {main_thread:.2f}, other threads {total - main_thread:.2f}")
        print(f"  CPU of the batch vs CPU of one-per-call     {total / load:6.2f}×  (parallel overhead)")
        print(f"  one-per-call CPU / busiest thread           {load / busiest:6.2f}×  (the speed-up on 2 free cores)")


if __name__ == "__main__":
    main()
