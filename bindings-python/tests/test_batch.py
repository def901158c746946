"""evaluate_many: input order, per-row errors, threads, iterables and pandas DataFrames."""

from __future__ import annotations

import random
import sys
import threading
from typing import Any, Dict, List

import pytest
from conftest import NOW, PEP_CASE

import wegwijs


def generated(n: int, seed: int = 7) -> List[Dict[str, Any]]:
    rng = random.Random(seed)
    cases = []
    for _ in range(n):
        case: Dict[str, Any] = {
            "age": rng.choice([None, rng.randint(0, 120)]),
            "last_incident_at": rng.choice([None, f"2026-03-0{rng.randint(1, 3)}T0{rng.randint(0, 9)}:00:00+01:00"]),
            "fluid_exposure": rng.choice([None, True, False]),
            "relation": rng.choice([None, "onbekend", "partner", "gezinslid"]),
            "police_wish": rng.choice([None, "aangifte", "twijfel", "nee"]),
            "acts": rng.choice([None, [], ["penetratie"], ["aanranding", "penetratie"]]),
            "region": rng.choice([None, "noord", "zuid"]),
        }
        cases.append({k: v for k, v in case.items() if v is not None or rng.random() < 0.5})
    return cases


def test_same_results_as_one_by_one_in_input_order(mini: wegwijs.Engine) -> None:
    cases = generated(3000)
    expected = [mini.evaluate(c, NOW).to_json() for c in cases]
    for workers in (None, 1, 2, 3, 8):
        results = mini.evaluate_many(cases, NOW, workers=workers)
        assert len(results) == len(cases)
        assert [r.to_json() for r in results if isinstance(r, wegwijs.Result)] == expected


def test_a_bad_case_is_an_error_entry_not_a_lost_batch(mini: wegwijs.Engine) -> None:
    cases: List[Any] = [PEP_CASE, {"age": 300}, {"relation": "buurman"}, "not a case", PEP_CASE]
    results = mini.evaluate_many(cases, NOW)
    assert isinstance(results[0], wegwijs.Result) and isinstance(results[4], wegwijs.Result)
    errors = results[1:4]
    assert all(isinstance(e, wegwijs.CaseError) for e in errors)
    assert [e.fact for e in errors if isinstance(e, wegwijs.CaseError)] == ["age", "relation", "(case)"]
    assert results[0].to_json() == results[4].to_json()  # type: ignore[union-attr]


def test_any_iterable_of_mappings(mini: wegwijs.Engine) -> None:
    cases = generated(50)
    expected = [r.to_json() for r in mini.evaluate_many(cases, NOW)]  # type: ignore[union-attr]
    assert [r.to_json() for r in mini.evaluate_many(iter(cases), NOW)] == expected  # type: ignore[union-attr]
    assert [r.to_json() for r in mini.evaluate_many(tuple(cases), NOW)] == expected  # type: ignore[union-attr]
    assert [r.to_json() for r in mini.evaluate_many((c for c in cases), NOW)] == expected  # type: ignore[union-attr]
    assert mini.evaluate_many([], NOW) == []


def test_one_mapping_is_not_a_batch(mini: wegwijs.Engine) -> None:
    with pytest.raises(TypeError, match="evaluate"):
        mini.evaluate_many(PEP_CASE, NOW)
    with pytest.raises(TypeError):
        mini.evaluate_many(42, NOW)  # type: ignore[arg-type]


def test_workers_must_be_positive(mini: wegwijs.Engine) -> None:
    with pytest.raises(wegwijs.ArgumentError):
        mini.evaluate_many([PEP_CASE], NOW, workers=0)
    with pytest.raises(OverflowError):
        mini.evaluate_many([PEP_CASE], NOW, workers=-1)


def test_bad_now_raises_for_the_whole_batch(mini: wegwijs.Engine) -> None:
    with pytest.raises(wegwijs.ArgumentError):
        mini.evaluate_many([PEP_CASE], "yesterday")


def test_threads_share_one_engine(mini: wegwijs.Engine) -> None:
    cases = generated(400, seed=3)
    expected = [mini.evaluate(c, NOW).to_json() for c in cases]
    out: Dict[int, List[str]] = {}

    def work(i: int) -> None:
        if i % 2:
            out[i] = [mini.evaluate(c, NOW).to_json() for c in cases]
        else:
            out[i] = [r.to_json() for r in mini.evaluate_many(cases, NOW, workers=2)]  # type: ignore[union-attr]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(v == expected for v in out.values()) and len(out) == 6


def test_the_gil_is_released_during_a_batch(mini: wegwijs.Engine) -> None:
    """Another Python thread runs while the batch evaluates.

    With a long switch interval the interpreter never takes the GIL away from the main
    thread on its own, so the counting thread can only run if the batch releases it."""
    cases = generated(20000, seed=5)
    ticks = 0
    go, done = threading.Event(), threading.Event()

    def count() -> None:
        nonlocal ticks
        go.wait()
        while not done.is_set():
            ticks += 1

    old_interval = sys.getswitchinterval()
    sys.setswitchinterval(0.5)
    t = threading.Thread(target=count)
    t.start()
    try:
        go.set()
        mini.evaluate_many(cases, NOW, workers=1)
        during = ticks
    finally:
        done.set()
        t.join()
        sys.setswitchinterval(old_interval)
    assert during > 0


def test_dataframe_rows(mini: wegwijs.Engine) -> None:
    pandas = pytest.importorskip("pandas")
    cases = generated(200, seed=11)
    frame = pandas.DataFrame(cases)
    # pandas turns missing values into NaN / None; ages become floats: all must still work
    expected = [mini.evaluate({k: v for k, v in c.items() if v is not None}, NOW).to_json() for c in cases]
    results = mini.evaluate_many(frame, NOW)
    assert [r.to_json() for r in results] == expected  # type: ignore[union-attr]


def test_dataframe_nullable_dtypes_and_timestamps(mini: wegwijs.Engine) -> None:
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame(
        {
            "age": pandas.array([30, None], dtype="Int64"),
            "fluid_exposure": pandas.array([True, None], dtype="boolean"),
            "last_incident_at": pandas.to_datetime(["2026-03-01T11:00:00Z", None], utc=True),
            "acts": [["penetratie"], None],
            "police_wish": pandas.array(["nee", None], dtype="string"),
            "relation": ["onbekend", None],
            "region": ["noord", None],
        }
    )
    first, second = mini.evaluate_many(frame, NOW)
    assert first.to_json() == mini.evaluate(PEP_CASE, NOW).to_json()  # type: ignore[union-attr]
    assert second.to_json() == mini.evaluate({}, NOW).to_json()  # type: ignore[union-attr]


def test_dataframe_bad_cell_is_an_error_entry(mini: wegwijs.Engine) -> None:
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame({"age": [30, 300, 40], "relation": ["partner", "partner", "buurman"]})
    results = mini.evaluate_many(frame, NOW)
    assert isinstance(results[0], wegwijs.Result)
    assert isinstance(results[1], wegwijs.CaseError) and results[1].fact == "age"
    assert isinstance(results[2], wegwijs.CaseError) and results[2].fact == "relation"
    frame = pandas.DataFrame({"agee": [30]})
    (only,) = mini.evaluate_many(frame, NOW)
    assert isinstance(only, wegwijs.CaseError) and only.fact == "agee"
