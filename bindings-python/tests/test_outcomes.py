"""`Engine.outcomes`: one table row per case, the same for every input kind, and equal to
what `evaluate` gives case by case; rows that do not fit the schema carry their error."""

from __future__ import annotations

import datetime
from typing import Any, Dict, List, Optional

import pytest
from conftest import NOW, PEP_CASE, random_cases

import wegwijs

pa = pytest.importorskip("pyarrow")


@pytest.fixture(scope="module")
def national() -> wegwijs.Engine:
    return wegwijs.Engine.default()


@pytest.fixture(scope="module")
def cases(national: wegwijs.Engine) -> List[Dict[str, Any]]:
    return random_cases(national, 600, seed=3)


def expected_row(engine: wegwijs.Engine, case: Dict[str, Any]) -> Dict[str, Optional[str]]:
    """The row `outcomes` must give for `case`, from `evaluate` (or its CaseError)."""
    row: Dict[str, Optional[str]] = {c: None for c in engine.outcome_columns()}
    try:
        o = engine.evaluate(case, NOW).outcome
    except wegwijs.CaseError as e:
        row["error"] = str(e)
        return row
    row.update(regie=o.regie, regie_status=o.regie_status, regie_up_to=o.regie_up_to)
    for area, (level, status, up_to) in o.needs.items():
        row[f"need_{area}"], row[f"need_{area}_status"], row[f"need_{area}_up_to"] = level, status, up_to
    if o.regiehouder is not None:
        row["regiehouder"], row["regiehouder_status"] = o.regiehouder
    for offer, urgency, status, _ in o.referrals:
        row[f"referral_{offer}"], row[f"referral_{offer}_urgency"] = status, urgency
    return row


def rows(table: Any) -> List[Dict[str, Optional[str]]]:
    assert isinstance(table, pa.Table)
    return list(table.to_pylist())


def test_outcomes_equal_evaluate_case_by_case(national: wegwijs.Engine, cases: List[Dict[str, Any]]) -> None:
    table = national.outcomes(cases, now=NOW)
    assert table.column_names == national.outcome_columns()
    assert all(f.type == pa.string() for f in table.schema)
    expected = [expected_row(national, c) for c in cases]
    assert rows(table) == expected
    # the cases reach many columns and both statuses, so the comparison means something
    assert {r["regie_status"] for r in expected} == {"certain", "possible"}
    assert sum(r["referral_aangifte"] is not None for r in expected) > 10


def test_every_input_kind_gives_the_same_table(national: wegwijs.Engine, cases: List[Dict[str, Any]]) -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    want = national.outcomes(cases, now=NOW)
    frame = pd.DataFrame(cases)
    arrow = pa.Table.from_pandas(frame, preserve_index=False)
    inputs = {
        "generator": (c for c in cases),
        "tuple": tuple(cases),
        "pandas": frame,
        "polars": pl.from_arrow(arrow),
        "pyarrow Table": arrow,
        "pyarrow Table, small chunks": pa.Table.from_batches(arrow.to_batches(max_chunksize=37)),
        "pyarrow RecordBatch": arrow.combine_chunks().to_batches()[0],
        "RecordBatchReader": pa.RecordBatchReader.from_batches(arrow.schema, arrow.to_batches(max_chunksize=100)),
    }
    for name, data in inputs.items():
        assert national.outcomes(data, now=NOW).equals(want), name
    assert national.outcomes(cases, now=NOW, workers=1).equals(want)


def test_arrow_types_of_each_fact(mini: wegwijs.Engine) -> None:
    """Native Arrow types: timestamps with a zone, dates, dictionaries, lists, nullable ints."""
    at = datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
    table = pa.table(
        {
            "age": pa.array([30, None, 14], pa.int16()),
            "last_incident_at": pa.array([at, at, None], pa.timestamp("ms", tz="+01:00")),
            "fluid_exposure": pa.array([True, False, None]),
            "acts": pa.array([["penetratie"], [], None], pa.list_(pa.string())),
            "police_wish": pa.array(["nee", "twijfel", None]).dictionary_encode(),
            "region": pa.array(["noord", None, "noord"], pa.large_string()),
        }
    )
    as_dicts = [
        {"age": 30, "last_incident_at": at, "fluid_exposure": True, "acts": ["penetratie"], "police_wish": "nee", "region": "noord"},
        {"last_incident_at": at, "fluid_exposure": False, "acts": [], "police_wish": "twijfel"},
        {"age": 14, "region": "noord"},
    ]
    got = rows(mini.outcomes(table, now=NOW))
    assert got == [expected_row(mini, c) for c in as_dicts]
    assert got[0]["referral_pep"] == "certain" and got[0]["error"] is None


def test_rows_that_do_not_fit_carry_their_error(mini: wegwijs.Engine) -> None:
    cases: List[Dict[str, Any]] = [PEP_CASE, {"age": 500}, {"age": "dertig"}, {"police_wish": "misschien"}, {"agee": 3}, {}]
    got = rows(mini.outcomes(cases, now=NOW))
    assert got == [expected_row(mini, c) for c in cases]
    errors = [r["error"] for r in got]
    assert errors[0] is None and errors[-1] is None
    assert "age" in errors[1] and "500" not in errors[1]  # no case value in an error
    assert "dertig" not in errors[2] and "misschien" not in errors[3]
    assert "did you mean" in errors[4] and "age" in errors[4]
    assert all(v is None for k, v in got[1].items() if k != "error")


def test_arrow_columns_that_do_not_fit(mini: wegwijs.Engine) -> None:
    table = pa.table({"age": pa.array(["30", None]), "agee": pa.array([1, 2])})
    got = rows(mini.outcomes(table, now=NOW))
    assert [r["error"] for r in got] == [
        str(_case_error(mini, {"age": "30"})),
        str(_case_error(mini, {"agee": 2})),
    ]
    naive = pa.table({"last_incident_at": pa.array([datetime.datetime(2026, 3, 1, 12)])})
    assert rows(mini.outcomes(naive, now=NOW))[0]["error"] == str(_case_error(mini, {"last_incident_at": "2026-03-01T12:00:00"}))
    floats = pa.table({"age": pa.array([30.0, float("nan"), 30.5])})
    got = rows(mini.outcomes(floats, now=NOW))
    assert got[0] == expected_row(mini, {"age": 30}) and got[1] == expected_row(mini, {})
    assert got[2]["error"] == str(_case_error(mini, {"age": 30.5}))


def _case_error(engine: wegwijs.Engine, case: Dict[str, Any]) -> wegwijs.CaseError:
    with pytest.raises(wegwijs.CaseError) as info:
        engine.evaluate(case, NOW)
    return info.value


def test_bad_arguments(mini: wegwijs.Engine) -> None:
    with pytest.raises(TypeError):
        mini.outcomes(PEP_CASE, now=NOW)  # one mapping is not a batch
    with pytest.raises(wegwijs.ArgumentError):
        mini.outcomes([PEP_CASE], now=NOW, workers=0)
    with pytest.raises(ZeroDivisionError):
        mini.outcomes((1 / 0 for _ in range(1)), now=NOW)
    assert mini.outcomes([], now=NOW).num_rows == 0
