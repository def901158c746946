"""Issue 11: the proposal per audience (victim, caller, professional, partner handover).
The audience vectors in tests/conformance/audience/ give byte-identical JSON in Rust,
Python and WebAssembly."""

from __future__ import annotations

import json
import pathlib

import pytest
from conftest import REPO

import wegwijs

VECTORS = sorted((REPO / "tests" / "conformance" / "audience").glob("*.for.json"))
ENGINE = wegwijs.Engine.default()


def test_there_are_audience_vectors() -> None:
    audiences = {json.loads(p.read_text(encoding="utf-8"))["for"] for p in VECTORS}
    assert {"slachtoffer", "melder", "professional", "politie"} <= audiences


@pytest.mark.parametrize("path", VECTORS, ids=[p.name[: -len(".for.json")] for p in VECTORS])
def test_audience_vector(path: pathlib.Path) -> None:
    vector = json.loads(path.read_text(encoding="utf-8"))
    expected = path.with_name(path.name.replace(".for.json", ".expected.json")).read_bytes().decode("utf-8")
    result = ENGINE.evaluate(vector["case"], vector["now"])
    lang = vector.get("lang")
    assert result.for_audience_json(vector["for"], lang=lang) + "\n" == expected
    assert result.for_audience(vector["for"], lang) == json.loads(expected)


def test_an_unknown_audience_is_a_clear_error() -> None:
    result = ENGINE.evaluate({"age": 14}, "2026-03-03T10:00:00+01:00")
    with pytest.raises(ValueError, match="did you mean `politie`"):
        result.for_audience("politei")


def test_lang_picks_arabic_with_dutch_fallback_per_text() -> None:
    vector = json.loads((REPO / "tests/conformance/audience/vignet-3-kind-14--slachtoffer.for.json").read_text("utf-8"))
    result = ENGINE.evaluate(vector["case"], vector["now"])
    summary = result.for_audience("slachtoffer", lang="ar")
    assert summary["language"] == "ar"
    assert list(summary["text"]) == ["ar"]
    assert summary["text"]["ar"].startswith("هذا ما نقترحه الآن.")
    assert all(list(step["what"]) == ["ar"] for step in summary["steps"])
    # The MDT's proposal in Arabic: texts without Arabic (labels for professionals) are Dutch.
    proposal = result.for_audience("professional", lang="ar")
    assert proposal["language"] == "ar"
    assert {lang for r in proposal["referrals"] for lang in r["label"]} == {"nl"}
    assert "language" not in result.for_audience("slachtoffer")


def test_an_unknown_language_is_a_clear_error() -> None:
    result = ENGINE.evaluate({"age": 14}, "2026-03-03T10:00:00+01:00")
    with pytest.raises(ValueError, match=r"language `ara`.*\(nl, en, ar\).*did you mean `ar`"):
        result.for_audience("slachtoffer", lang="ara")
