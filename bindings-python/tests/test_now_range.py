"""`now` must be a finite time that RFC 3339 can write (issue 13): NaN, the infinities and
huge values are refused with a clear ArgumentError in every entry point."""

from __future__ import annotations

import datetime
from typing import Any, Callable, List

import pytest
from conftest import MINI, NOW, PEP_CASE

import wegwijs


class FakeMoment:
    """A datetime look-alike (as third-party time types are) whose timestamp is `seconds`."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def utcoffset(self) -> datetime.timedelta:
        return datetime.timedelta(0)

    def timestamp(self) -> float:
        return self.seconds


def entry_points(engine: wegwijs.Engine) -> List[Callable[[Any], Any]]:
    return [
        lambda now: engine.evaluate(PEP_CASE, now),
        lambda now: engine.evaluate_many([PEP_CASE], now),
        lambda now: engine.questions(PEP_CASE, now),
        lambda now: engine.outcomes([PEP_CASE], now=now),
        lambda now: wegwijs.impact(engine, engine, [PEP_CASE], now=now),
    ]


@pytest.mark.parametrize("seconds", [float("nan"), float("inf"), float("-inf"), 1e300, -1e300, 253402300800.0])
def test_out_of_range_now_is_refused(mini: wegwijs.Engine, seconds: float) -> None:
    for call in entry_points(mini):
        with pytest.raises(wegwijs.ArgumentError, match="finite time from 0000-01-01"):
            call(FakeMoment(seconds))


def test_the_edges_of_the_range_are_accepted(mini: wegwijs.Engine) -> None:
    last = mini.evaluate(PEP_CASE, FakeMoment(253402300799.5))
    assert last.evaluated_at == "9999-12-31T23:59:59Z"
    first = mini.evaluate(PEP_CASE, FakeMoment(-62167219200.0))
    assert first.evaluated_at == "0000-01-01T00:00:00Z"
    assert mini.evaluate(PEP_CASE, FakeMoment(1772531999.9)).evaluated_at == "2026-03-03T09:59:59Z"
    assert mini.evaluate(PEP_CASE, NOW).evaluated_at == "2026-03-03T10:00:00Z"


def test_each_call_reads_its_own_now_string() -> None:
    """The binding remembers the last `now` string it parsed (a loop passes the same one):
    a different string, a string equal in text but another object, and an invalid one in
    between are each read for themselves."""
    engine = wegwijs.Engine.load(str(MINI))
    first, second = "2026-03-01T10:00:00+01:00", "2026-03-05T10:00:00+01:00"
    again = "".join(["2026-03-01T10:00:00", "+01:00"])  # equal text, another object
    seen = []
    for now in [first, first, second, again, first]:
        seen.append(engine.evaluate(PEP_CASE, now).to_dict()["evaluated_at"])
    assert seen[0] == seen[1] == seen[3] == seen[4] != seen[2]
    with pytest.raises(wegwijs.ArgumentError):
        engine.evaluate(PEP_CASE, "2026-03-01 10:00")
    assert engine.evaluate(PEP_CASE, second).to_dict()["evaluated_at"] == seen[2]
