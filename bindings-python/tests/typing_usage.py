"""Typed use of the public API; `test_stubs.py` runs mypy --strict on it (not a test file)."""

from __future__ import annotations

import datetime
from typing import Any, Dict, List, Optional, Union

import wegwijs


def form_fields(engine: wegwijs.Engine) -> List[str]:
    return [f["id"] for f in engine.schema()["facts"]]


def triage(engine: wegwijs.Engine, case: Dict[str, Any]) -> Optional[str]:
    now = datetime.datetime(2026, 3, 3, 10, 0, tzinfo=datetime.timezone.utc)
    result: wegwijs.Result = engine.evaluate(case, now)
    level: str = result.regie["level"]
    holder = result.regiehouder
    text: str = result.to_json()
    as_dict: Dict[str, Any] = result.to_dict()
    assert text and as_dict and level
    return None if holder is None else str(holder["id"])


def batch(engine: wegwijs.Engine, cases: List[Dict[str, Any]]) -> int:
    results: List[Union[wegwijs.Result, wegwijs.CaseError]] = engine.evaluate_many(cases, "2026-03-03T11:00:00+01:00", workers=2)
    return sum(1 for r in results if isinstance(r, wegwijs.CaseError))


def compare(old: wegwijs.Engine, new: wegwijs.Engine, cases: List[Dict[str, Any]]) -> int:
    impact: wegwijs.Impact = wegwijs.impact(old, new, cases, now=None)
    rows: List[wegwijs.ImpactRow] = impact.rows
    changed: int = impact.summary["changed"]
    return changed + len(rows)


def load(path: str) -> wegwijs.Engine:
    try:
        return wegwijs.Engine.load(path)
    except wegwijs.RuleError as e:
        where: str = f"{e.file}:{e.line}:{e.column}"
        raise SystemExit(where) from e


def names(engine: wegwijs.Engine) -> str:
    again = wegwijs.Engine.from_bundle(engine.bundle())
    return f"{again.name} {again.version} {again.hash} {wegwijs.__version__}"
