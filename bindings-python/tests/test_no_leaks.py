"""Issue 13, item 9, through the Python binding: over every fact type and every error path,
no error text or attribute holds a value from the case, nor more than 64 characters of a key.

A property test without extra dependencies: a seeded generator walks every schema fact
with many wrong values (the same properties as ``tests/tests/no_leaks.rs`` in Rust).
"""

from __future__ import annotations

import datetime
import random
from typing import Any, Iterator, List, Optional, Tuple

import pytest

import wegwijs

MARK = "GEHEIM"
KEY_ECHO_MAX = 64
NOW = "2026-03-02T18:00:00+01:00"


def error_texts(e: BaseException) -> List[str]:
    """The message and every string attribute of an error (recursively in lists/dicts)."""
    out = [str(e), repr(e)] + [str(a) for a in e.args]
    for value in vars(e).values():
        out.extend(_strings(value))
    return out


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


def assert_clean(e: BaseException, secrets: List[str], key: Optional[str] = None) -> None:
    for text in error_texts(e):
        for s in secrets:
            assert s not in text, f"a case value ({s!r}) leaked into {text!r}"
        if key is not None and len(key) > KEY_ECHO_MAX:
            assert key[: KEY_ECHO_MAX + 1] not in text, f"more than {KEY_ECHO_MAX} characters of a key in {text!r}"


def bad_values(kind: str, n: int) -> List[Tuple[Any, List[str]]]:
    text = f"{MARK}{n}"
    big = 9_000_000_000_000 + n
    out: List[Tuple[Any, List[str]]] = [
        (text, [text]),
        ([text], [text]),
        ({"x": text}, [text]),
        (big, [str(big)]),
        (big + 0.5, [str(big)]),
        (float("nan"), []),
        (float("inf"), []),
        ([[text]], [text]),
        ((text,), [text]),
        ({text}, [text]),
        (object(), []),
        (b"GEHEIM-bytes", ["GEHEIM-bytes"]),
    ]
    if kind == "int":
        out.append((-big, [str(big)]))
    if kind == "set":
        out.append((["x", text], [text]))
    if kind in ("datetime", "date"):
        odd = f"2026-13-{n % 28:02d}T99:00:00+01:00{MARK}"
        out.append((odd, [odd]))
        out.append((datetime.datetime(2026, 3, 1, 10, 0), []))  # naive: no offset
    return out


@pytest.fixture(scope="module")
def national() -> wegwijs.Engine:
    return wegwijs.Engine.default()


def test_every_fact_type_and_error_path_keeps_case_values_out(national: wegwijs.Engine) -> None:
    rng = random.Random(13)
    facts = national.schema()["facts"]
    kinds = {f["type"] for f in facts}
    assert kinds >= {"bool", "int", "enum", "set", "datetime", "date"}, kinds
    checked = 0
    for fact in facts:
        for _ in range(4):
            n = rng.randrange(100_000, 999_999)
            for value, secrets in bad_values(fact["type"], n):
                case = {fact["id"]: value}
                for row in national.evaluate_many([case], now=NOW):
                    if isinstance(row, wegwijs.CaseError):  # the row's error in place of a Result
                        assert_clean(row, secrets)
                        checked += 1
                for call in (lambda: national.evaluate(case, now=NOW), lambda: national.questions(case, now=NOW)):
                    try:
                        call()
                    except (wegwijs.CaseError, wegwijs.ArgumentError, TypeError, ValueError) as e:
                        assert_clean(e, secrets)
                        checked += 1
    assert checked > 500, checked


@pytest.mark.parametrize("length", [1, 63, 64, 65, 200, 5000])
def test_unknown_keys_are_echoed_at_most_64_characters(national: wegwijs.Engine, length: int) -> None:
    secret = f"{MARK}424242"
    for ch in ("k", "é", "_"):
        key = "999" + ch * length
        errors: List[BaseException] = []
        for call in (
            lambda: national.evaluate({key: secret}, now=NOW),
            lambda: national.questions({key: secret}, now=NOW),
        ):
            with pytest.raises(wegwijs.CaseError) as info:
                call()
            errors.append(info.value)
        # evaluate_many returns the row's CaseError in place of its Result
        errors.extend(national.evaluate_many([{key: secret}], now=NOW))  # type: ignore[arg-type]
        for e in errors:
            assert isinstance(e, wegwijs.CaseError), e
            assert_clean(e, [secret], key)
            assert len(e.fact) <= KEY_ECHO_MAX + 1
        with pytest.raises(wegwijs.ArgumentError) as arg:
            national.evaluate({}, now=NOW).why_not(key)
        assert_clean(arg.value, [], key)


def test_odd_cases_and_times_keep_values_out(national: wegwijs.Engine) -> None:
    secret = f"{MARK}31337"
    for case in (secret, [secret], {secret: secret}.items(), 31337):
        with pytest.raises((wegwijs.CaseError, TypeError, ValueError)) as odd:
            national.evaluate(case, now=NOW)  # type: ignore[arg-type]
        assert_clean(odd.value, [secret, "31337"])
    for now in (f"2026-03-01T{secret}", float("nan"), float("inf"), 1e300, secret.encode()):
        with pytest.raises((wegwijs.ArgumentError, TypeError, ValueError)) as info:
            national.evaluate({}, now=now)  # type: ignore[arg-type]
        assert_clean(info.value, [secret, "1e+300", "inf", "nan"])
