"""Exceptions: RuleError with its location, CaseError with fact and expectation, never a
value from the case, and pickling (exceptions cross process boundaries in batches)."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from conftest import NOW

import wegwijs


def test_hierarchy() -> None:
    for cls in (wegwijs.RuleError, wegwijs.CaseError, wegwijs.ArgumentError):
        assert issubclass(cls, wegwijs.Error)
    assert issubclass(wegwijs.Error, Exception)
    assert issubclass(wegwijs.CaseError, ValueError)
    assert issubclass(wegwijs.ArgumentError, ValueError)


def test_rule_error_has_file_line_column_hint(mini_copy: Any) -> None:
    folder = mini_copy({"rules/main.toml": [("and fluid_exposure and", "and fluid_exposur and")]})
    with pytest.raises(wegwijs.RuleError) as info:
        wegwijs.Engine.load(folder)
    e = info.value
    assert e.file.endswith("main.toml")
    assert e.line == 3
    assert e.column > 0
    assert e.hint is not None and "fluid_exposure" in e.hint
    assert "fluid_exposur" in str(e)
    assert e.diagnostics and e.diagnostics[0]["line"] == 3
    assert set(e.diagnostics[0]) == {"kind", "file", "line", "column", "path", "snippet", "message", "hint"}
    assert e.diagnostics[0]["kind"] == "unknown_name"
    assert e.diagnostics[0]["path"].startswith("rules[0]")


def test_rule_error_lists_every_problem(mini_copy: Any) -> None:
    folder = mini_copy(
        {
            "rules/main.toml": [
                ("and fluid_exposure and", "and fluid_exposur and"),
                ('regie = "R3"', 'regie = "R9"'),
            ]
        }
    )
    with pytest.raises(wegwijs.RuleError) as info:
        wegwijs.Engine.load(folder)
    assert len(info.value.diagnostics) == 2


def test_rule_error_for_missing_folder_and_bad_bundle(tmp_path: Any) -> None:
    with pytest.raises(wegwijs.RuleError):
        wegwijs.Engine.load(tmp_path / "nothing-here")
    with pytest.raises(wegwijs.RuleError) as info:
        wegwijs.Engine.from_bundle('{"format": 1}')
    assert info.value.file == "<bundle>"


def test_edited_bundle_is_refused(mini: wegwijs.Engine) -> None:
    text = mini.bundle().replace('"Kleine testregelset"', '"Andere tekst"')
    with pytest.raises(wegwijs.RuleError, match="hash"):
        wegwijs.Engine.from_bundle(text)


@pytest.mark.parametrize(
    "case,fact,expected",
    [
        ({"age": 121}, "age", "expected an integer from 0 to 120"),
        ({"age": "dertig"}, "age", "expected an integer from 0 to 120"),
        ({"age": 2**80}, "age", "expected an integer from 0 to 120"),
        ({"relation": "buurman"}, "relation", "expected one of: onbekend, partner, gezinslid"),
        ({"acts": "penetratie"}, "acts", "expected a list of: penetratie, aanranding"),
        ({"acts": ["penetratie", 3]}, "acts", "expected a list of: penetratie, aanranding"),
        ({"last_incident_at": "2026-03-01T12:00:00"}, "last_incident_at", "expected an RFC 3339 datetime"),
        ({"fluid_exposure": "ja"}, "fluid_exposure", "expected true or false"),
        ({"fluid_exposure": object()}, "fluid_exposure", "expected true or false"),
    ],
)
def test_case_error_names_fact_and_expectation(mini: wegwijs.Engine, case: Any, fact: str, expected: str) -> None:
    with pytest.raises(wegwijs.CaseError) as info:
        mini.evaluate(case, NOW)
    e = info.value
    assert e.fact == fact
    assert e.expected.startswith(expected)
    assert fact in str(e)


def test_case_error_never_contains_the_value(mini: wegwijs.Engine) -> None:
    secret = "Jansen-geheim-1987"
    for case in ({"relation": secret}, {"last_incident_at": secret}, {"acts": [secret]}):
        with pytest.raises(wegwijs.CaseError) as info:
            mini.evaluate(case, NOW)
        e = info.value
        assert secret not in str(e) and secret not in repr(e) and secret not in e.expected


def test_unknown_fact_has_a_did_you_mean(mini: wegwijs.Engine) -> None:
    with pytest.raises(wegwijs.CaseError) as info:
        mini.evaluate({"fluid_exposur": True}, NOW)
    e = info.value
    assert e.fact == "fluid_exposur"
    assert e.hint is not None and "fluid_exposure" in e.hint
    with pytest.raises(wegwijs.CaseError, match="derived"):
        mini.evaluate({"minderjarig": True}, NOW)
    with pytest.raises(wegwijs.CaseError):
        mini.evaluate({3: True}, NOW)  # type: ignore[dict-item]


def test_a_case_must_be_a_mapping(mini: wegwijs.Engine) -> None:
    with pytest.raises(wegwijs.CaseError, match="mapping"):
        mini.evaluate([("age", 3)], NOW)  # type: ignore[arg-type]


def test_exceptions_pickle(mini: wegwijs.Engine, mini_copy: Any) -> None:
    with pytest.raises(wegwijs.CaseError) as info:
        mini.evaluate({"age": 200}, NOW)
    e = pickle.loads(pickle.dumps(info.value))
    assert (type(e), e.fact, e.expected, str(e)) == (wegwijs.CaseError, "age", info.value.expected, str(info.value))
    with pytest.raises(wegwijs.RuleError) as rinfo:
        wegwijs.Engine.load(mini_copy({"rules/main.toml": [('regie = "R3"', 'regie = "R9"')]}))
    r = pickle.loads(pickle.dumps(rinfo.value))
    assert (r.file, r.line, r.column, r.hint, r.diagnostics) == (
        rinfo.value.file,
        rinfo.value.line,
        rinfo.value.column,
        rinfo.value.hint,
        rinfo.value.diagnostics,
    )
