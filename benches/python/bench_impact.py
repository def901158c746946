#!/usr/bin/env python3
"""Rule-change impact at scale (not a timed test): ``wegwijs.impact(old, new, table)`` on a
pyarrow Table of national-schema cases, with its wall time and its peak memory beyond the
input table.

    .venv/bin/python benches/python/bench_impact.py                  # 1,000,000 cases
    .venv/bin/python benches/python/bench_impact.py --cases 100000 --workers 2

The generator (``generate_table``) builds the Table column by column with numpy, from the
rule set's schema, seeded: ~20 % of each fact unknown (null); bools true 30 % of the time;
ints near the low end of their range, where the rules' thresholds are; enums as
dictionary-encoded columns; sets as lists of text; datetimes as UTC timestamps and dates as
date32 in the last ~11 years, most of them recent (as ``bench_batch.py`` draws them).

``old`` is the built-in national rule set; ``new`` is a copy of ``rules/`` with one
threshold changed (the PEP window, ``<= 72`` hours becomes ``<= 48``) and one regie level
raised, so that a share of the cases changes.

Memory: the peak resident set (``VmHWM``) is reset after the table is built
(``/proc/self/clear_refs``), so the reported peak is that of the impact call; "beyond the
input" subtracts the resident set just before the call (which holds the table).
"""

from __future__ import annotations

import argparse
import os
import resource
import datetime
import pathlib
import shutil
import tempfile
import time
from typing import Any, Dict

import numpy as np
import pyarrow as pa

import wegwijs

NOW = "2026-03-02T18:00:00+01:00"
REPO = pathlib.Path(__file__).resolve().parents[2]


def generate_table(engine: wegwijs.Engine, n: int, seed: int = 2026, unknown: float = 0.2) -> pa.Table:
    """``n`` cases over ``engine``'s schema as a pyarrow Table (see the module docs)."""
    rng = np.random.default_rng(seed)
    now = int(datetime.datetime.fromisoformat(NOW).timestamp())
    columns: Dict[str, Any] = {}
    for f in engine.schema()["facts"]:
        kind, name = f["type"], f["id"]
        mask = rng.random(n) < unknown
        if kind == "bool":
            columns[name] = pa.array(rng.random(n) < 0.3, mask=mask)
        elif kind == "int":
            span = np.minimum(f["max"] - f["min"], rng.choice([5, 20, 80], n))
            columns[name] = pa.array(f["min"] + (rng.random(n) * (span + 1)).astype(np.int64), mask=mask)
        elif kind == "enum":
            idx = pa.array(rng.integers(0, len(f["values"]), n, dtype=np.int32), mask=mask)
            columns[name] = pa.DictionaryArray.from_arrays(idx, pa.array(f["values"]))
        elif kind == "set":
            sizes = rng.choice([0, 1, 1, 2, 3], n)
            sizes = np.minimum(sizes, len(f["values"]))
            offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int32)
            items = pa.array(f["values"]).take(pa.array(rng.integers(0, len(f["values"]), int(offsets[-1]))))
            columns[name] = pa.ListArray.from_arrays(pa.array(offsets), items, mask=pa.array(mask))
        elif kind in ("datetime", "date"):
            hours = np.choose(rng.integers(0, 3, n), [rng.integers(0, 200, n), rng.integers(0, 2000, n), rng.integers(0, 100_000, n)])
            seconds = now - hours * 3600 - rng.integers(0, 3600, n)
            if kind == "datetime":
                columns[name] = pa.array(seconds, pa.timestamp("s", tz="UTC"), mask=mask)
            else:
                columns[name] = pa.array((seconds // 86_400).astype(np.int32), pa.date32(), mask=mask)
    return pa.table(columns)


def changed_rules(tmp: pathlib.Path) -> wegwijs.Engine:
    """The national rules with the PEP window shortened and a regie level raised."""
    folder = tmp / "rules"
    shutil.copytree(REPO / "rules", folder)
    edits = 0
    for path in folder.rglob("*.toml"):
        text = path.read_text()
        new = text.replace("<= 72", "<= 48")
        if new != text:
            edits += 1
            path.write_text(new)
    if edits == 0:
        raise SystemExit("the rule edit matched nothing: update changed_rules()")
    return wegwijs.Engine.load(str(folder))


def rss_kib(field: str) -> int:
    for line in pathlib.Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(field)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--workers", type=int, default=None)
    args = ap.parse_args()
    old = wegwijs.Engine.default()
    with tempfile.TemporaryDirectory() as tmp:
        new = changed_rules(pathlib.Path(tmp))
    t0 = time.perf_counter()
    table = generate_table(old, args.cases)
    gen = time.perf_counter() - t0
    input_mib = table.nbytes / 2**20
    pathlib.Path("/proc/self/clear_refs").write_text("5")  # reset VmHWM to the current RSS
    before = rss_kib("VmRSS")
    t0, cpu0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
    result = wegwijs.impact(old, new, table, now=NOW, workers=args.workers)
    took, cpu1 = time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF)
    cpu = (cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime)
    peak = rss_kib("VmHWM")
    s = result.summary
    out = result.to_arrow()
    print(f"cases: {s['cases']:,}  changed: {s['changed']:,}  errors: {s['errors']:,}  kinds of change: {len(s['changes'])}")
    print(f"input table: {table.num_columns} columns, {input_mib:.0f} MiB (generated in {gen:.1f} s)")
    print(f"impact: {took:.2f} s wall, {cpu:.2f} s CPU ({cpu / args.cases * 1e6:.2f} µs CPU per case, both rule sets; load average {os.getloadavg()[0]:.1f})")
    print(f"peak memory beyond the input: {(peak - before) / 1024:.0f} MiB  (RSS before {before / 1024:.0f} MiB, peak {peak / 1024:.0f} MiB)")
    print(f"result table: {out.num_columns} columns, {out.nbytes / 2**20:.0f} MiB")
    for k, v in list(s["changes"].items())[:5]:
        print(f"  {v:>9,}  {k}")


if __name__ == "__main__":
    main()
