"""Any Python value for any fact gives a result or a CaseError: never another exception,
never a crash."""

from __future__ import annotations

import datetime
import decimal
import fractions
import itertools
import math
from typing import Any, List

import pytest
from conftest import NOW, PEP_CASE

import wegwijs


class Weird:
    def __str__(self) -> str:
        raise RuntimeError("no str")


VALUES: List[Any] = [
    None,
    True,
    False,
    0,
    -1,
    121,
    2**70,
    -(2**70),
    1.0,
    1.5,
    math.nan,
    math.inf,
    -math.inf,
    decimal.Decimal("3"),
    fractions.Fraction(1, 3),
    "",
    "x",
    "nee",
    "penetratie",
    "2026-03-01T12:00:00+01:00",
    "2026-03-01",
    "\udcff",  # a lone surrogate: not valid UTF-8
    b"bytes",
    [],
    [1],
    ["penetratie"],
    ["penetratie", None],
    ("aanranding", "penetratie"),
    {"penetratie"},
    frozenset(),
    {},
    {"a": 1},
    object(),
    Weird(),
    datetime.datetime(2026, 3, 1, 12, 0),
    datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.timezone.utc),
    datetime.date(2026, 3, 1),
    datetime.time(12, 0),
    datetime.timedelta(hours=3),
    range(3),
    iter([]),
]


@pytest.mark.parametrize("fact", sorted(PEP_CASE) + ["not_a_fact", "minderjarig"])
def test_every_value_for_every_fact(mini: wegwijs.Engine, fact: str) -> None:
    for value in VALUES:
        try:
            result = mini.evaluate({**PEP_CASE, fact: value}, NOW)
        except wegwijs.CaseError as e:
            assert e.fact == fact
            continue
        assert isinstance(result, wegwijs.Result)
        assert result.to_json().startswith('{"ruleset":')


def test_the_batch_path_agrees(mini: wegwijs.Engine) -> None:
    cases = [{**PEP_CASE, fact: value} for fact, value in itertools.product(sorted(PEP_CASE), VALUES)]
    batched = mini.evaluate_many(cases, NOW, workers=2)
    for case, got in zip(cases, batched):
        try:
            expected = mini.evaluate(case, NOW).to_json()
        except wegwijs.CaseError as e:
            assert isinstance(got, wegwijs.CaseError) and (got.fact, got.expected) == (e.fact, e.expected)
            continue
        assert isinstance(got, wegwijs.Result) and got.to_json() == expected


def test_numpy_scalars() -> None:
    numpy = pytest.importorskip("numpy")
    mini = wegwijs.Engine.load(__import__("conftest").MINI)
    expected = mini.evaluate(PEP_CASE, NOW).to_json()
    case = {**PEP_CASE, "age": numpy.int64(30), "fluid_exposure": numpy.bool_(True), "police_wish": numpy.str_("nee")}
    assert mini.evaluate(case, NOW).to_json() == expected
    assert mini.evaluate({**PEP_CASE, "age": numpy.float64(30.0)}, NOW).to_json() == expected


def test_odd_keys(mini: wegwijs.Engine) -> None:
    for key in (3, None, ("age",), Weird(), "\udcff", "age\x00"):
        with pytest.raises(wegwijs.CaseError) as info:
            mini.evaluate({key: True}, NOW)  # type: ignore[dict-item]
        assert info.value.fact


def test_a_now_that_is_not_unicode(mini: wegwijs.Engine) -> None:
    with pytest.raises(wegwijs.ArgumentError):
        mini.evaluate(PEP_CASE, "2026-03-03T11:00:00+01:00\udcff")
