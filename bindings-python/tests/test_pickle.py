"""An Engine pickles as its bundle, so it reaches multiprocessing, Spark and Dask workers."""

from __future__ import annotations

import multiprocessing
import pickle
from typing import Any, Dict, List, Tuple

from conftest import NOW, PEP_CASE

import wegwijs


def test_pickle_round_trip(mini: wegwijs.Engine) -> None:
    again = pickle.loads(pickle.dumps(mini))
    assert isinstance(again, wegwijs.Engine)
    assert (again.name, again.version, again.hash) == (mini.name, mini.version, mini.hash)
    assert again.evaluate(PEP_CASE, NOW).to_json() == mini.evaluate(PEP_CASE, NOW).to_json()
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(mini, protocol=protocol)).hash == mini.hash


def _evaluate_in_worker(args: Tuple[wegwijs.Engine, Dict[str, Any]]) -> Tuple[str, str]:
    engine, case = args
    return engine.hash, engine.evaluate(case, NOW).to_json()


def test_multiprocessing_pool_with_spawn(mini: wegwijs.Engine) -> None:
    """'spawn' starts fresh interpreters, so the engine really travels pickled."""
    cases: List[Dict[str, Any]] = [PEP_CASE, {"age": 14, "relation": "gezinslid"}, {}]
    expected = [(mini.hash, mini.evaluate(c, NOW).to_json()) for c in cases]
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        got = pool.map(_evaluate_in_worker, [(mini, c) for c in cases])
    assert got == expected


def test_the_national_engine_pickles() -> None:
    engine = wegwijs.Engine.default()
    again = pickle.loads(pickle.dumps(engine))
    assert again.hash == engine.hash and again.name == "wegwijs-nationaal"


def test_the_readme_warns_that_unpickling_is_for_trusted_bytes_only() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "unpickle trusted bytes only" in readme.lower()
    assert "never from a network peer" in readme
