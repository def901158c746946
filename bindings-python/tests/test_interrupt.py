"""Ctrl-C during a long call (issue 13): `evaluate_many`, `outcomes` and `check()` stop
within a block's time and raise KeyboardInterrupt, instead of finishing first.

The interrupt comes from a timer thread (`_thread.interrupt_main`, as SIGINT would). Each
test compares, in one run, the interrupted call with the same call uninterrupted: it must
stop long before the whole call would have finished (no absolute timings)."""

from __future__ import annotations

import _thread
import pathlib
import threading
import time
from typing import Any, Callable

import pytest
from conftest import NOW, PEP_CASE

import wegwijs


def full_and_interrupted(call: Callable[[], Any], after: float) -> tuple[float, float]:
    """Seconds the uninterrupted call takes, and seconds from the interrupt until the
    interrupted call raised KeyboardInterrupt."""
    t0 = time.perf_counter()
    call()
    full = time.perf_counter() - t0
    sent: list[float] = []

    def interrupt() -> None:
        sent.append(time.perf_counter())
        _thread.interrupt_main()

    timer = threading.Timer(after, interrupt)
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            call()
            time.sleep(after * 4)  # only reached when the call ignored the interrupt
    finally:
        timer.cancel()
    return full, time.perf_counter() - sent[0]


def test_evaluate_many_stops_on_ctrl_c(mini: wegwijs.Engine) -> None:
    cases = [PEP_CASE] * 600_000
    full, stopped = full_and_interrupted(lambda: mini.evaluate_many(cases, NOW, workers=2), after=0.05)
    assert stopped < full / 3, (stopped, full)


def test_evaluate_many_over_an_iterator_stops_on_ctrl_c(mini: wegwijs.Engine) -> None:
    full, stopped = full_and_interrupted(
        lambda: mini.evaluate_many((PEP_CASE for _ in range(600_000)), NOW, workers=2), after=0.05
    )
    assert stopped < full / 3, (stopped, full)


def test_outcomes_stops_on_ctrl_c(mini: wegwijs.Engine) -> None:
    pytest.importorskip("pyarrow")
    cases = [PEP_CASE] * 600_000
    full, stopped = full_and_interrupted(lambda: mini.outcomes(cases, now=NOW, workers=2), after=0.05)
    assert stopped < full / 3, (stopped, full)


def test_check_stops_on_ctrl_c(mini_copy: Callable[..., pathlib.Path]) -> None:
    """300 generated rules make the analysis take a while (it is quadratic in rules)."""
    folder = mini_copy()
    rules = [
        f'[[rules]]\nid = "gen-{i}"\nwhen = "age >= {i % 90} and age < {i % 90 + 3} and fluid_exposure"\n'
        f'source = "G{i}"\nbecause = {{ nl = "Gegenereerd.", en = "Generated." }}\nregie = "R{1 + 2 * (i % 2)}"\n'
        for i in range(300)
    ]
    (folder / "rules" / "generated.toml").write_text("\n".join(rules), encoding="utf-8")
    engine = wegwijs.Engine.load(folder)
    findings: list[Any] = []
    full, stopped = full_and_interrupted(lambda: findings.append(engine.check()), after=0.05)
    assert stopped < full / 3, (stopped, full)
    assert len(findings) == 1 and len(findings[0]) > 300  # only the uninterrupted call gave findings
