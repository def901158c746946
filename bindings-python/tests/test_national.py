"""A few robust checks of the built-in national rule set (the rules themselves are tested
by their own scenarios and by the Rust suite)."""

from __future__ import annotations

import wegwijs

NOW = "2026-03-02T18:00:00+01:00"


def test_identity() -> None:
    engine = wegwijs.Engine.default()
    assert engine.name == "wegwijs-nationaal"
    assert engine.version and engine.hash.startswith("sha256:")


def test_every_schema_fact_can_be_given() -> None:
    engine = wegwijs.Engine.default()
    schema = engine.schema()
    case = {}
    for fact in schema["facts"]:
        kind = fact["type"]
        if kind == "bool":
            case[fact["id"]] = True
        elif kind == "int":
            case[fact["id"]] = fact["min"]
        elif kind == "enum":
            case[fact["id"]] = fact["values"][0]
        elif kind == "set":
            case[fact["id"]] = fact["values"][:1]
        elif kind == "datetime":
            case[fact["id"]] = "2026-03-01T12:00:00+01:00"
        elif kind == "date":
            case[fact["id"]] = "2026-01-01"
    result = engine.evaluate(case, NOW)
    assert result.ruleset["name"] == "wegwijs-nationaal"
    assert len(result.needs) == 4
    assert result.to_dict()["evaluated_at"] == "2026-03-02T18:00:00+01:00"


def test_scenarios_run() -> None:
    results = wegwijs.Engine.default().run_tests()
    assert results and all({"id", "passed", "failures"} <= set(r) for r in results)
