#!/usr/bin/env python3
"""What would a rule change do? Test it on thousands of cases before the MDT adopts it.

The national rules send a victim whose incident is no longer acute to the Centrum
Seksueel Geweld when it happened less than half a year ago — and the rule says the
half-year limit is a proposal. This example asks: what if the limit were one year?

It copies the rules folder, changes that one line (and the version), loads both
versions, generates synthetic cases from the schema (use your own historical cases
instead: any list of dicts or a pandas DataFrame), and prints the impact table.

    .venv/bin/python examples/python/impact.py                  # 10,000 cases
    .venv/bin/python examples/python/impact.py --cases 100000

Everything runs locally; no case leaves the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import pathlib
import random
import re
import shutil
import tempfile
from typing import Any, Dict, List

import wegwijs

REPO = pathlib.Path(__file__).resolve().parents[2]
NOW = "2026-03-02T18:00:00+01:00"
OLD_LINE = 'expr = "days_since(last_incident_at) <= 183"'
NEW_LINE = 'expr = "days_since(last_incident_at) <= 365"'


def changed_rules(rules: pathlib.Path, target: pathlib.Path) -> pathlib.Path:
    """A copy of `rules` with the half-year limit raised to a year."""
    shutil.copytree(rules, target)
    derived = target / "derived.toml"
    text = derived.read_text(encoding="utf-8")
    if OLD_LINE not in text:
        raise SystemExit(f"{rules}/derived.toml no longer has the line {OLD_LINE!r}: update this example")
    derived.write_text(text.replace(OLD_LINE, NEW_LINE), encoding="utf-8")
    manifest = target / "manifest.toml"
    manifest.write_text(
        re.sub(r'(?m)^version = "([^"]*)"', r'version = "\1-een-jaar"', manifest.read_text(encoding="utf-8"), count=1),
        encoding="utf-8",
    )
    return target


def synthetic_cases(engine: wegwijs.Engine, n: int, seed: int) -> List[Dict[str, Any]]:
    """Random answers for every fact of the schema; about a fifth left unanswered."""
    rng = random.Random(seed)
    now = dt.datetime.fromisoformat(NOW)
    facts = engine.schema()["facts"]
    cases = []
    for _ in range(n):
        case: Dict[str, Any] = {}
        for f in facts:
            if rng.random() < 0.2:
                continue  # unknown
            kind = f["type"]
            if kind == "bool":
                case[f["id"]] = rng.random() < 0.3
            elif kind == "int":
                case[f["id"]] = rng.randint(f["min"], min(f["max"], f["min"] + rng.choice([5, 20, 80])))
            elif kind == "enum":
                case[f["id"]] = rng.choice(f["values"])
            elif kind == "set":
                case[f["id"]] = rng.sample(f["values"], rng.choice([0, 1, 1, 2]))
            elif kind == "datetime":
                case[f["id"]] = now - dt.timedelta(days=rng.uniform(0, 800))  # an aware datetime works as is
            elif kind == "date":
                case[f["id"]] = (now - dt.timedelta(days=rng.uniform(0, 800))).date()
        cases.append(case)
    return cases


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--rules", type=pathlib.Path, default=REPO / "rules", help="the current rules folder")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        old = wegwijs.Engine.load(args.rules)
        new = wegwijs.Engine.load(changed_rules(args.rules, pathlib.Path(tmp) / "rules"))
    cases = synthetic_cases(old, args.cases, args.seed)

    result = wegwijs.impact(old, new, cases, now=NOW)
    print(result.table(limit=5))

    try:
        import pandas as pd
    except ImportError:
        print("\n(install pandas for the per-case DataFrame: pip install pandas)")
        return
    df = result.to_pandas()
    days = pd.Series(
        [(dt.datetime.fromisoformat(NOW) - c["last_incident_at"]).days if "last_incident_at" in c else None for c in cases],
        name="days_since_incident",
        dtype="Int64",
    )
    changed = df[df["changed"]].join(days)
    print(f"\nDataFrame: {len(df):,} rows, {len(changed):,} changed")
    if len(changed):
        print("days since the incident, for the cases that changed:")
        print(changed["days_since_incident"].describe().round(1).to_string())
        added = changed["referrals_added"].explode().dropna().value_counts()
        print("\nreferrals added, by offer:")
        print(added.to_string())


if __name__ == "__main__":
    main()
