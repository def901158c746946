"""The shared conformance vectors (tests/conformance/): the same case at the same time
must give byte-identical JSON in Rust, the CLI, Python and WebAssembly."""

from __future__ import annotations

import json
import pathlib
from typing import Dict

import pytest
from conftest import REPO

import wegwijs

VECTORS = REPO / "tests" / "conformance"
CASES = sorted(VECTORS.glob("*.case.json"))
_engines: Dict[str, wegwijs.Engine] = {}


def engine_for(ruleset: str) -> wegwijs.Engine:
    if ruleset not in _engines:
        _engines[ruleset] = wegwijs.Engine.default() if ruleset == "national" else wegwijs.Engine.load(REPO / ruleset)
    return _engines[ruleset]


def test_there_are_vectors() -> None:
    assert CASES, f"no conformance vectors in {VECTORS}"
    assert any(json.loads(p.read_text(encoding="utf-8"))["ruleset"] == "national" for p in CASES)


@pytest.mark.parametrize("path", CASES, ids=[p.name[: -len(".case.json")] for p in CASES])
def test_vector(path: pathlib.Path) -> None:
    vector = json.loads(path.read_text(encoding="utf-8"))
    expected_path = path.with_name(path.name.replace(".case.json", ".expected.json"))
    assert expected_path.exists(), f"{expected_path.name} is missing"
    expected = expected_path.read_bytes().decode("utf-8")
    result = engine_for(vector["ruleset"]).evaluate(vector["case"], vector["now"])
    assert result.to_json() + "\n" == expected
    # the batch path converts and evaluates the same way
    (batched,) = engine_for(vector["ruleset"]).evaluate_many([vector["case"]], vector["now"])
    assert isinstance(batched, wegwijs.Result) and batched.to_json() + "\n" == expected
