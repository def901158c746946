"""Loading rule sets, identity, bundles, schema, check and scenario tests."""

from __future__ import annotations

import json
import pathlib

import pytest
from conftest import MINI

import wegwijs


def test_load_folder_str_and_pathlike(mini: wegwijs.Engine) -> None:
    assert mini.name == "mini"
    assert mini.version == "1.0.0"
    assert mini.hash.startswith("sha256:") and len(mini.hash) == len("sha256:") + 64
    assert wegwijs.Engine.load(str(MINI)).hash == mini.hash
    assert repr(mini).startswith("<wegwijs.Engine mini 1.0.0 sha256:")


def test_bundle_round_trips(mini: wegwijs.Engine, tmp_path: pathlib.Path) -> None:
    text = mini.bundle()
    assert json.loads(text)["hash"] == mini.hash
    again = wegwijs.Engine.from_bundle(text)
    assert (again.name, again.version, again.hash) == (mini.name, mini.version, mini.hash)
    path = tmp_path / "mini.json"
    path.write_text(text, encoding="utf-8")
    assert wegwijs.Engine.load(path).hash == mini.hash


def test_default_is_the_national_rule_set() -> None:
    engine = wegwijs.Engine.default()
    assert engine.name == "wegwijs-nationaal"
    assert engine.hash == wegwijs.Engine.default().hash
    result = engine.evaluate({}, now="2026-03-02T18:00:00+01:00")
    assert result.ruleset["name"] == "wegwijs-nationaal"
    assert isinstance(result.questions, list) and result.questions


def test_schema_lists_sections_and_facts_in_order(mini: wegwijs.Engine) -> None:
    schema = mini.schema()
    assert schema["languages"] == ["nl", "en"]
    assert [s["id"] for s in schema["sections"]] == ["nu"]
    facts = {f["id"]: f for f in schema["facts"]}
    assert list(facts) == ["age", "last_incident_at", "fluid_exposure", "relation", "police_wish", "acts", "region"]
    assert facts["age"]["type"] == "int" and (facts["age"]["min"], facts["age"]["max"]) == (0, 120)
    assert facts["acts"]["values"] == ["penetratie", "aanranding"]
    assert facts["relation"]["question"]["nl"] == "Wie deed het?"
    assert facts["fluid_exposure"]["label"] == {"nl": "Contact met lichaamsvocht", "en": "Fluid exposure"}


def test_check_returns_findings_as_dicts(mini: wegwijs.Engine) -> None:
    findings = mini.check()
    assert isinstance(findings, list)
    # the mini rule set has a known gap: region "zuid" names no provider for melding_vt
    gaps = [f for f in findings if f["code"] == "region-gap"]
    assert gaps, findings
    for f in findings:
        assert set(f) >= {"code", "severity", "message", "location", "witness"}
        assert f["severity"] in ("info", "warning", "error")


def test_run_tests_runs_the_scenarios(mini: wegwijs.Engine) -> None:
    results = mini.run_tests()
    assert [r["id"] for r in results] == ["pep-binnen-72u", "kind-tegen-wens"]
    for r in results:
        assert r["passed"] is True and r["failures"] == [], r


def test_engine_is_immutable(mini: wegwijs.Engine) -> None:
    with pytest.raises(AttributeError):
        mini.name = "other"  # type: ignore[misc]
