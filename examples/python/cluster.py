#!/usr/bin/env python3
"""A rule-change study on a cluster: the same question as impact.py (what if the CSG's
non-acute limit were a year instead of half a year?), answered by Spark and by Dask.

Both engines travel to the executors pickled as their bundles; every task evaluates its
own Arrow batches with `Engine.outcomes`, so a national case history is spread over the
cluster's cores. Here both run locally (Spark `local[*]`, Dask's threads) on synthetic
cases, and the result is checked against `Engine.outcomes` on this machine.

    .venv/bin/python examples/python/cluster.py                 # 20,000 cases, Spark and Dask
    .venv/bin/python examples/python/cluster.py --only dask

Needs pyarrow, pandas, dask[dataframe] and pyspark (with a Java runtime).
"""

from __future__ import annotations

import argparse
import os
import pathlib
import sys
import tempfile

import pyarrow as pa

import wegwijs
from wegwijs.distributed import dask_outcomes, outcomes_table, spark_outcomes

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from impact import NOW, REPO, changed_rules, synthetic_cases  # noqa: E402


def summary(table: pa.Table) -> dict:
    """How often each (old regie, new regie) pair and each CSG referral change occurs."""
    df = table.to_pandas()
    pairs = df.groupby(["old_regie", "new_regie"]).size().to_dict()
    added = int((df["old_referral_csg_niet_acute_zorg"].isna() & df["new_referral_csg_niet_acute_zorg"].notna()).sum())
    return {"regie (old, new)": pairs, "csg_niet_acute_zorg added": added}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=20_000)
    ap.add_argument("--only", choices=["spark", "dask"])
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        old = wegwijs.Engine.load(REPO / "rules")
        new = wegwijs.Engine.load(changed_rules(REPO / "rules", pathlib.Path(tmp) / "rules"))
    study = {"old": old, "new": new}
    cases = pa.Table.from_pylist([{"case_id": i, **c} for i, c in enumerate(synthetic_cases(old, args.cases, 1))])
    local = outcomes_table(study, cases, NOW, keep=["case_id"])
    print(f"{args.cases:,} cases on this machine:", summary(local))

    if args.only in (None, "dask"):
        import dask.dataframe as dd

        import pandas as pd

        # Arrow-backed columns: Dask would turn object columns (lists, bools with gaps) into text
        ddf = dd.from_pandas(cases.to_pandas(types_mapper=pd.ArrowDtype), npartitions=8)
        got = dask_outcomes(study, ddf, NOW, keep=["case_id"]).compute()
        table = pa.Table.from_pandas(got.sort_values("case_id"), preserve_index=False)
        print("Dask, 8 partitions:        ", summary(table), "same rows:", table.to_pylist() == local.to_pylist())

    if args.only in (None, "spark"):
        from pyspark.sql import SparkSession

        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        spark = SparkSession.builder.master("local[*]").appName("wegwijs-study").getOrCreate()
        try:
            sdf = spark.createDataFrame(cases).repartition(8)
            got = spark_outcomes(study, sdf, NOW, keep=["case_id"]).toArrow().sort_by("case_id")
            print("Spark, 8 partitions:       ", summary(got), "same rows:", got.to_pylist() == local.to_pylist())
        finally:
            spark.stop()


if __name__ == "__main__":
    main()
