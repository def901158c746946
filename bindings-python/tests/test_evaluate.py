"""One case: conversion of Python values, the result object, `now`, questions, why-not."""

from __future__ import annotations

import datetime
import json
import math
from collections import OrderedDict
from typing import Any, Dict

import pytest
from conftest import NOW, PEP_CASE

import wegwijs


def offers(result: wegwijs.Result) -> Dict[str, str]:
    return {r["offer"]: r["status"] for r in result.referrals}


def test_result_attributes(mini: wegwijs.Engine) -> None:
    r = mini.evaluate(PEP_CASE, now=NOW)
    assert isinstance(r, wegwijs.Result)
    assert r.ruleset == {"name": "mini", "version": "1.0.0", "hash": mini.hash, "signed_by": None}
    assert r.evaluated_at == "2026-03-03T10:00:00Z"
    assert r.region == "noord"
    assert offers(r) == {"pep": "certain"}
    pep = r.referrals[0]
    assert pep["urgency"] == "direct" and pep["deadline"] == "2026-03-04T11:00:00Z"
    assert pep["provider"] == "CSG Noord"
    assert [(n["area"], n["level"], n["status"]) for n in r.needs] == [
        ("veiligheid", "geen", "certain"),
        ("hulp", "urgent", "certain"),
    ]
    assert r.regie["level"] == "R1" and r.regie["status"] == "certain"
    assert r.regiehouder is not None and r.regiehouder["id"] == "csg_casemanager"
    assert [e["rule"] for e in r.explanations] == ["pep"]
    assert r.explanations[0]["text"]["nl"] == "Het incident was 47 uur geleden."
    assert r.questions == []
    assert r.warnings == []
    assert "regie=R1" in repr(r)


def test_to_dict_is_the_parsed_json(mini: wegwijs.Engine) -> None:
    r = mini.evaluate({"age": 14, "relation": "gezinslid", "police_wish": "nee"}, NOW)
    text = r.to_json()
    assert "\n" not in text and ": " not in text  # compact, like the CLI and WASM
    assert r.to_dict() == json.loads(text)
    assert list(r.to_dict()) == [
        "ruleset",
        "evaluated_at",
        "region",
        "voice",
        "needs",
        "referrals",
        "regie",
        "regiehouder",
        "explanations",
        "questions",
        "warnings",
    ]
    d = r.to_dict()
    assert d["needs"] == r.needs and d["referrals"] == r.referrals and d["questions"] == r.questions
    # a fresh object each time: changing it does not change the result
    d["needs"].clear()
    assert r.needs


def test_unknown_facts_give_possible_outcomes_and_questions(mini: wegwijs.Engine) -> None:
    r = mini.evaluate({"age": 14, "relation": "gezinslid", "police_wish": "nee"}, NOW)
    assert offers(r) == {"melding_vt": "certain", "pep": "possible"}
    melding = r.referrals[0]
    assert melding["against_wish"]["status"] == "certain"
    assert melding["against_wish"]["reason"]["nl"].startswith("De veiligheid")
    assert [q["fact"] for q in r.questions][:3] == ["last_incident_at", "fluid_exposure", "acts"]
    assert mini.questions({"age": 14, "relation": "gezinslid", "police_wish": "nee"}, NOW) == r.questions


def test_why_not(mini: wegwijs.Engine) -> None:
    r = mini.evaluate({"age": 14, "relation": "gezinslid", "police_wish": "nee"}, NOW)
    w = r.why_not("pep")
    assert w["offer"] == "pep" and w["status"] == "possible"
    assert w["rules"][0]["rule"] == "pep"
    with pytest.raises(wegwijs.ArgumentError, match="offer `pepp`"):
        r.why_not("pepp")


def test_python_values_convert_like_json(mini: wegwijs.Engine) -> None:
    as_json = mini.evaluate(PEP_CASE, NOW).to_json()
    variants = [
        {**PEP_CASE, "acts": ("penetratie",)},
        {**PEP_CASE, "acts": {"penetratie"}},
        {**PEP_CASE, "acts": frozenset(["penetratie", "penetratie"])},
        {**PEP_CASE, "age": 30.0},  # pandas: an int column with gaps is float
        {**PEP_CASE, "last_incident_at": datetime.datetime(2026, 3, 1, 11, 0, tzinfo=datetime.timezone.utc)},
        {
            **PEP_CASE,
            "last_incident_at": datetime.datetime(
                2026, 3, 1, 12, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1))
            ),
        },
        OrderedDict(reversed(list(PEP_CASE.items()))),
    ]
    for case in variants:
        assert mini.evaluate(case, NOW).to_json() == as_json, case


def test_none_and_nan_are_unknown(mini: wegwijs.Engine) -> None:
    base = mini.evaluate({"police_wish": "nee"}, NOW).to_json()
    assert mini.evaluate({"police_wish": "nee", "age": None, "fluid_exposure": None}, NOW).to_json() == base
    assert mini.evaluate({"police_wish": "nee", "age": math.nan}, NOW).to_json() == base


def test_bool_is_not_an_int(mini: wegwijs.Engine) -> None:
    with pytest.raises(wegwijs.CaseError) as e:
        mini.evaluate({"age": True}, NOW)
    assert e.value.fact == "age"
    with pytest.raises(wegwijs.CaseError) as e:
        mini.evaluate({"fluid_exposure": 1}, NOW)
    assert e.value.fact == "fluid_exposure" and e.value.expected == "expected true or false"


def test_any_mapping_is_a_case(mini: wegwijs.Engine) -> None:
    class Facts(dict):  # type: ignore[type-arg]
        pass

    from types import MappingProxyType

    expected = mini.evaluate(PEP_CASE, NOW).to_json()
    assert mini.evaluate(Facts(PEP_CASE), NOW).to_json() == expected
    assert mini.evaluate(MappingProxyType(PEP_CASE), NOW).to_json() == expected


def test_date_facts_accept_date_and_datetime(tmp_path: Any, mini_copy: Any) -> None:
    folder = mini_copy(
        {
            "schema.toml": [
                (
                    '[[facts]]\nid = "region"',
                    '[[facts]]\nid = "closed_on"\ntype = "date"\nsection = "nu"\n'
                    'label = { nl = "Gesloten", en = "Closed" }\n'
                    'question = { nl = "Wanneer?", en = "When?" }\n\n[[facts]]\nid = "region"',
                )
            ]
        }
    )
    engine = wegwijs.Engine.load(folder)
    text = engine.evaluate({"closed_on": "2025-12-31"}, NOW).to_json()
    assert engine.evaluate({"closed_on": datetime.date(2025, 12, 31)}, NOW).to_json() == text
    assert engine.evaluate({"closed_on": datetime.datetime(2025, 12, 31, 23, 0)}, NOW).to_json() == text


def test_now_forms(mini: wegwijs.Engine) -> None:
    text = mini.evaluate(PEP_CASE, NOW).to_json()
    aware = datetime.datetime(2026, 3, 3, 10, 0, tzinfo=datetime.timezone.utc)
    assert mini.evaluate(PEP_CASE, aware).to_json() == text
    assert mini.evaluate(PEP_CASE, now="2026-03-03T10:00:00Z").to_json() == text
    with pytest.raises(wegwijs.ArgumentError, match="time zone"):
        mini.evaluate(PEP_CASE, datetime.datetime(2026, 3, 3, 10, 0))
    with pytest.raises(ValueError, match="RFC 3339"):
        mini.evaluate(PEP_CASE, "2026-03-03 10:00")
    with pytest.raises(wegwijs.ArgumentError):
        mini.evaluate(PEP_CASE, 12345)  # type: ignore[arg-type]


def test_now_defaults_to_the_clock(mini: wegwijs.Engine) -> None:
    before = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    r = mini.evaluate({})
    after = datetime.datetime.now(datetime.timezone.utc)
    at = datetime.datetime.fromisoformat(r.evaluated_at.replace("Z", "+00:00"))
    assert before <= at <= after


def test_results_are_independent_of_each_other(mini: wegwijs.Engine) -> None:
    a = mini.evaluate(PEP_CASE, NOW)
    b = mini.evaluate({"age": 14, "relation": "gezinslid", "police_wish": "nee"}, NOW)
    assert a.to_json() != b.to_json()
    assert a.to_json() == mini.evaluate(PEP_CASE, NOW).to_json()
