"""Shared fixtures: the repository root, the small test rule set and a fixed time."""

from __future__ import annotations

import datetime
import pathlib
import random
import shutil
from typing import Any, Callable, Dict, List

import pytest

import wegwijs

REPO = pathlib.Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "fixtures" / "mini"
NOW = "2026-03-03T11:00:00+01:00"

#: A case of the mini rule set for which every rule decides (nothing unknown that matters).
PEP_CASE: Dict[str, Any] = {
    "age": 30,
    "last_incident_at": "2026-03-01T12:00:00+01:00",
    "fluid_exposure": True,
    "acts": ["penetratie"],
    "police_wish": "nee",
    "relation": "onbekend",
    "region": "noord",
}


@pytest.fixture(scope="session")
def mini() -> wegwijs.Engine:
    return wegwijs.Engine.load(MINI)


@pytest.fixture()
def mini_copy(tmp_path: pathlib.Path) -> Callable[..., pathlib.Path]:
    """Copies the mini rule set to a temporary folder, applying text replacements to
    files: ``mini_copy({"rules/main.toml": [("old", "new")]})``."""

    def make(edits: Dict[str, Any] | None = None) -> pathlib.Path:
        target = tmp_path / "rules"
        shutil.copytree(MINI, target)
        for name, replacements in (edits or {}).items():
            path = target / name
            text = path.read_text(encoding="utf-8")
            for old, new in replacements:
                assert old in text, f"{old!r} not in {name}"
                text = text.replace(old, new, 1)
            path.write_text(text, encoding="utf-8")
        return target

    return make


def random_cases(engine: wegwijs.Engine, n: int, seed: int = 7, unknown: float = 0.3) -> List[Dict[str, Any]]:
    """`n` seeded cases over the engine's schema, with every fact type and ~30 % unknown."""
    rng = random.Random(seed)
    base = datetime.datetime(2026, 3, 3, 10, tzinfo=datetime.timezone.utc)
    cases: List[Dict[str, Any]] = []
    for _ in range(n):
        case: Dict[str, Any] = {}
        for f in engine.schema()["facts"]:
            if rng.random() < unknown:
                continue
            moment = base - datetime.timedelta(hours=rng.choice([rng.randint(0, 100), rng.randint(0, 20_000)]))
            kind = f["type"]
            if kind == "bool":
                case[f["id"]] = rng.random() < 0.4
            elif kind == "int":
                case[f["id"]] = rng.randint(f["min"], min(f["max"], f["min"] + rng.choice([5, 20, 80])))
            elif kind == "enum":
                case[f["id"]] = rng.choice(f["values"])
            elif kind == "set":
                case[f["id"]] = rng.sample(f["values"], rng.randint(0, min(3, len(f["values"]))))
            elif kind == "datetime":
                case[f["id"]] = moment.isoformat()
            elif kind == "date":
                case[f["id"]] = moment.date().isoformat()
        cases.append(case)
    return cases
