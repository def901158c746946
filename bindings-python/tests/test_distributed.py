"""Spark (`mapInArrow`) and Dask (`map_partitions`) give the same table as
`Engine.outcomes` on one machine: one rule-change study, two engines side by side.

Kept small for CI: one local Spark session with one core, a few hundred cases."""

from __future__ import annotations

import os
import sys
from typing import Any, Dict, Iterator, List

import pytest
from conftest import MINI, NOW, random_cases

import wegwijs
from wegwijs.distributed import dask_outcomes, outcome_columns, outcomes_table, spark_outcomes

pa = pytest.importorskip("pyarrow")


@pytest.fixture(scope="module")
def study() -> Dict[str, wegwijs.Engine]:
    return {"old": wegwijs.Engine.default(), "new": wegwijs.Engine.default()}


@pytest.fixture(scope="module")
def cases() -> Any:
    rows: List[Dict[str, Any]] = random_cases(wegwijs.Engine.default(), 300, seed=21)
    table = pa.Table.from_pylist([{"case_id": i, **c} for i, c in enumerate(rows)])
    return table


def test_outcomes_table_puts_studies_side_by_side(study: Dict[str, wegwijs.Engine], cases: Any) -> None:
    local = outcomes_table(study, cases, NOW, keep=["case_id"])
    assert local.column_names == outcome_columns(study, ["case_id"])
    one = study["old"].outcomes(cases.drop_columns(["case_id"]), now=NOW)
    for c in one.column_names:
        assert local.column(f"old_{c}").equals(one.column(c)) and local.column(f"new_{c}").equals(one.column(c))
    assert local.column("case_id").to_pylist() == list(range(300))


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    pytest.importorskip("pyspark")
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable  # the workers import this wegwijs
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[1]")
        .appName("wegwijs-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_spark_gives_the_same_table(spark: Any, study: Dict[str, wegwijs.Engine], cases: Any) -> None:
    # three partitions, so the engines really travel (pickled as bundles) to several tasks
    df = spark.createDataFrame(cases).repartition(3)
    got = spark_outcomes(study, df, NOW, keep=["case_id"]).toArrow().sort_by("case_id")
    want = outcomes_table(study, cases, NOW, keep=["case_id"])
    assert got.column_names == want.column_names
    for name in want.column_names:
        assert got.column(name).to_pylist() == want.column(name).to_pylist(), name


def test_spark_with_a_changed_rule_set(spark: Any, cases: Any) -> None:
    engine = wegwijs.Engine.load(MINI)
    small = pa.table({"case_id": [1, 2], "age": [30, 14], "relation": ["onbekend", "gezinslid"]})
    got = spark_outcomes(engine, spark.createDataFrame(small), NOW, keep=["case_id"]).toArrow().sort_by("case_id")
    want = outcomes_table(engine, small, NOW, keep=["case_id"])
    assert got.to_pylist() == want.to_pylist() and want.column("regie").to_pylist() == ["R0", "R3"]


def test_dask_gives_the_same_table(study: Dict[str, wegwijs.Engine], cases: Any) -> None:
    dd = pytest.importorskip("dask.dataframe")
    import pandas as pd

    # Arrow-backed columns: Dask would turn object columns (bools with gaps, lists) into text
    frame = cases.to_pandas(types_mapper=pd.ArrowDtype)
    ddf = dd.from_pandas(frame, npartitions=4)
    got = dask_outcomes(study, ddf, NOW, keep=["case_id"]).compute()
    want = outcomes_table(study, cases, NOW, keep=["case_id"]).to_pandas()
    assert list(got.columns) == list(want.columns)
    assert list(got.index) == list(frame.index)
    plain = lambda column: [None if pd.isna(v) else v for v in column]  # noqa: E731
    for name in want.columns:
        assert plain(got[name]) == plain(want[name]), name
