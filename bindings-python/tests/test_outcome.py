"""`Result.outcome` and the decided attributes: the same content as the full proposal,
built without rendering and without JSON; `Result` pickles."""

from __future__ import annotations

import json
import pickle
from typing import Any, Dict, List

import pytest
from conftest import NOW, PEP_CASE, random_cases

import wegwijs


def overridden(r: Dict[str, Any]) -> bool:
    """A rule brings the referral past its `wish` for certain: a certain marker (outside the
    consent or against the stated wish) — what the compact outcome's `against_wish` means."""
    return any((r[m] or {}).get("status") == "certain" for m in ("outside_consent", "against_wish"))


def outcome_from_proposal(p: Dict[str, Any]) -> Dict[str, Any]:
    """What `Result.outcome` must say, read from the canonical proposal."""
    status = lambda up_to: "certain" if up_to is None else "possible"  # noqa: E731
    up = lambda n: n["up_to"] or n["level"]  # noqa: E731
    return {
        "regie": p["regie"]["level"],
        "regie_status": p["regie"]["status"],
        "regie_up_to": p["regie"]["up_to"] or p["regie"]["level"],
        "needs": {n["area"]: (n["level"], status(n["up_to"]), up(n)) for n in p["needs"]},
        "referrals": [(r["offer"], r["urgency"], r["status"], overridden(r)) for r in p["referrals"]],
        "certain_offers": tuple(r["offer"] for r in p["referrals"] if r["status"] == "certain"),
        "possible_offers": tuple(r["offer"] for r in p["referrals"] if r["status"] == "possible"),
        "regiehouder": None if p["regiehouder"] is None else (p["regiehouder"]["id"], p["regiehouder"]["status"]),
    }


def outcome_dict(o: wegwijs.Outcome) -> Dict[str, Any]:
    return {
        "regie": o.regie,
        "regie_status": o.regie_status,
        "regie_up_to": o.regie_up_to,
        "needs": o.needs,
        "referrals": o.referrals,
        "certain_offers": o.certain_offers,
        "possible_offers": o.possible_offers,
        "regiehouder": o.regiehouder,
    }


@pytest.fixture(scope="module")
def national() -> wegwijs.Engine:
    return wegwijs.Engine.default()


def test_outcome_of_the_pep_case(mini: wegwijs.Engine) -> None:
    o = mini.evaluate(PEP_CASE, NOW).outcome
    assert isinstance(o, wegwijs.Outcome)
    assert o.regie == "R1" and o.regie_status == "certain" and o.regie_up_to == "R1"
    assert o.needs == {"veiligheid": ("geen", "certain", "geen"), "hulp": ("urgent", "certain", "urgent")}
    assert o.referrals == [("pep", "direct", "certain", False)]
    assert o.certain_offers == ("pep",) and o.possible_offers == ()
    assert o.regiehouder == ("csg_casemanager", "certain")
    assert "regie=R1" in repr(o)


def test_outcome_says_what_the_proposal_says(national: wegwijs.Engine) -> None:
    cases = random_cases(national, 400)
    seen_possible = seen_referral = 0
    for case in cases:
        r = national.evaluate(case, NOW)
        expected = outcome_from_proposal(json.loads(r.to_json()))
        assert outcome_dict(r.outcome) == expected, case
        seen_possible += expected["regie_status"] == "possible"
        seen_referral += bool(expected["possible_offers"]) and bool(expected["certain_offers"])
    # the cases exercise both statuses and referrals, so the comparison means something
    assert seen_possible and seen_referral and seen_possible < len(cases)


def test_decided_attributes_equal_the_proposal(national: wegwijs.Engine) -> None:
    """Read before and without the full proposal, the attributes equal its parts."""
    for case in random_cases(national, 300, seed=11):
        first = national.evaluate(case, NOW)
        got = {k: getattr(first, k) for k in ("region", "needs", "referrals", "regie", "regiehouder")}
        whole = json.loads(first.to_json())
        assert got == {k: whole[k] for k in got}
        assert first.ruleset == whole["ruleset"] and first.evaluated_at == whole["evaluated_at"]


def test_no_attribute_goes_through_json_loads(mini: wegwijs.Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("json.loads called")

    monkeypatch.setattr(json, "loads", refuse)
    r = mini.evaluate({"age": 14, "relation": "gezinslid"}, NOW)
    for name in ("ruleset", "region", "needs", "referrals", "regie", "regiehouder", "explanations", "questions", "warnings"):
        getattr(r, name)
    r.to_dict()
    r.why_not("pep")
    mini.questions({"age": 14}, NOW)
    mini.schema()
    o = r.outcome
    (o.regie, o.needs, o.referrals, o.certain_offers, o.possible_offers, o.regiehouder)


def test_result_pickles(national: wegwijs.Engine, mini: wegwijs.Engine) -> None:
    results: List[wegwijs.Result] = [national.evaluate(c, NOW) for c in random_cases(national, 200, seed=5)]
    results.append(mini.evaluate(PEP_CASE, NOW))
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        again = pickle.loads(pickle.dumps(results, protocol=protocol))
        assert [r.to_json() for r in again] == [r.to_json() for r in results]
    one = pickle.loads(pickle.dumps(results[-1]))
    assert isinstance(one, wegwijs.Result) and one.outcome.certain_offers == ("pep",)
    assert one.ruleset["hash"] == mini.hash


def test_flat_outcome_says_what_the_result_outcome_says(national: wegwijs.Engine) -> None:
    """`Engine.outcome` (the outcome-only path) against `Result.outcome` (the full
    evaluation), on cases with and without unknowns."""
    cases = random_cases(national, 400, seed=5) + random_cases(national, 200, seed=6, unknown=0.0)
    catalogue = [c[len("referral_") :] for c in national.outcome_columns() if c.startswith("referral_") and not c.endswith("_urgency")]
    position = {o: i for i, o in enumerate(catalogue)}
    seen_possible = seen_certain = False
    for case in cases:
        certain, possible, regie, regie_up_to = national.outcome(case, NOW)
        o = national.evaluate(case, NOW).outcome
        assert certain == tuple(sorted(o.certain_offers, key=position.__getitem__))
        assert possible == tuple(sorted(o.possible_offers, key=position.__getitem__))
        assert (regie, regie_up_to) == (o.regie, o.regie_up_to)
        assert (regie == regie_up_to) == (o.regie_status == "certain")
        seen_certain |= bool(certain)
        seen_possible |= bool(possible)
    assert seen_certain and seen_possible


def test_flat_outcome_refuses_what_it_cannot_evaluate(mini: wegwijs.Engine) -> None:
    with pytest.raises(wegwijs.CaseError, match="age"):
        mini.outcome({"age": 300}, NOW)
    with pytest.raises(wegwijs.ArgumentError, match="case record"):
        mini.outcome({"facts": dict(PEP_CASE)}, NOW)
    certain, _, _, _ = mini.outcome(PEP_CASE, NOW)
    assert "pep" in certain
