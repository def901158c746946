"""Outcomes on a cluster: the same table as ``Engine.outcomes``, computed by Spark or Dask.

A rule-change study over a national case history may not fit one machine. The engine
pickles as its bundle (a few hundred KB of JSON), so it travels to every executor or
worker, which evaluates its own partitions with ``Engine.outcomes`` on its own cores:

>>> from wegwijs.distributed import spark_outcomes, dask_outcomes
>>> study = spark_outcomes({"old": old, "new": new}, cases_sdf, now=NOW, keep=["case_id"])  # doctest: +SKIP
>>> study.groupBy("old_regie", "new_regie").count().show()                                   # doctest: +SKIP
>>> table = dask_outcomes(engine, cases_ddf, now=NOW).compute()                              # doctest: +SKIP

``engines`` is one ``Engine`` (columns as in ``Engine.outcomes``) or a mapping of names to
engines (columns prefixed ``<name>_``, side by side: one row per case for a whole study).
``keep`` names input columns that are not facts (a case id, a region code) to pass through
in front of the outcome columns. ``now`` is required: every partition must evaluate at the
same moment, whenever and wherever it runs. pyspark and dask are optional and imported only
here.
"""

from __future__ import annotations

import datetime
from typing import Any, Dict, Iterator, List, Mapping, Sequence, Union

from ._wegwijs import Engine

Engines = Union[Engine, Mapping[str, Engine]]
Now = Union[str, datetime.datetime]

__all__ = ["dask_outcomes", "outcome_columns", "outcomes_table", "spark_outcomes"]


def _named(engines: Engines) -> Dict[str, Engine]:
    if isinstance(engines, Engine):
        return {"": engines}
    named = dict(engines)
    if not named or not all(isinstance(e, Engine) for e in named.values()):
        raise TypeError("engines must be an Engine or a non-empty mapping of names to Engines")
    return named


def _prefix(name: str) -> str:
    return f"{name}_" if name else ""


def outcome_columns(engines: Engines, keep: Sequence[str] = ()) -> List[str]:
    """The column names of ``outcomes_table`` (and of the Spark and Dask results)."""
    out = list(keep)
    for name, engine in _named(engines).items():
        out += [_prefix(name) + c for c in engine.outcome_columns()]
    return out


def outcomes_table(engines: Engines, data: Any, now: Now, keep: Sequence[str] = (), workers: Any = None) -> Any:
    """A ``pyarrow.Table``: ``Engine.outcomes`` of ``data`` (Arrow data or a pandas
    DataFrame) for each engine, with the ``keep`` columns in front: what every Spark task
    and Dask partition computes."""
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    if not isinstance(data, pa.Table):
        data = pa.table(data) if hasattr(data, "__arrow_c_stream__") else pa.Table.from_pandas(data, preserve_index=False)
    facts = data.drop_columns(list(keep)) if keep else data
    arrays = [data.column(k) for k in keep]
    names = list(keep)
    for name, engine in _named(engines).items():
        table = engine.outcomes(facts, now=now, workers=workers)
        arrays += table.columns
        names += [_prefix(name) + c for c in table.column_names]
    return pa.Table.from_arrays(arrays, names=names)


def spark_outcomes(engines: Engines, df: Any, now: Now, keep: Sequence[str] = ()) -> Any:
    """A Spark DataFrame of outcomes, one row per row of ``df`` (``mapInArrow``: each task
    reads Arrow batches, the engines arrive pickled as their bundles)."""
    from pyspark.sql.types import StringType, StructField, StructType  # type: ignore[import-untyped,unused-ignore]

    named = _named(engines)
    kept = [df.schema[k] for k in keep]
    fields = kept + [StructField(c, StringType(), True) for c in outcome_columns(named)]
    schema = StructType(fields)

    def evaluate(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

        for batch in batches:
            table = outcomes_table(named, pa.Table.from_batches([batch]), now, keep, workers=1)
            yield from table.to_batches()

    return df.mapInArrow(evaluate, schema)


def dask_outcomes(engines: Engines, ddf: Any, now: Now, keep: Sequence[str] = ()) -> Any:
    """A Dask DataFrame of outcomes (``map_partitions``), indexed like ``ddf``.

    Give ``ddf`` Arrow-backed columns (``table.to_pandas(types_mapper=pd.ArrowDtype)``, or
    ``dd.read_parquet``): Dask turns object columns (bools with gaps, lists for set facts)
    into text, which then does not fit the schema."""
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]

    named = _named(engines)
    columns = outcome_columns(named, keep)
    meta = pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    for k in keep:
        meta[k] = meta[k].astype(ddf[k].dtype)

    def evaluate(part: Any) -> Any:
        out = outcomes_table(named, part, now, keep, workers=1).to_pandas()
        out.index = part.index
        return out[columns]

    return ddf.map_partitions(evaluate, meta=meta)
