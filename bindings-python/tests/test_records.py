"""Case records in Python (docs/case-record.md): the record conformance vectors give the
same bytes as Rust and WebAssembly; changes, agenda and decide work through the binding."""

from __future__ import annotations

import json
import pathlib

import pytest
from conftest import REPO

import wegwijs

VECTORS = sorted((REPO / "tests" / "conformance").glob("*.record.json"))
EXAMPLES = REPO / "examples" / "records"
MEETING = "2026-03-10T09:00:00+01:00"


def example(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def test_there_are_record_vectors() -> None:
    assert len(VECTORS) >= 4


@pytest.mark.parametrize("path", VECTORS, ids=[p.name[: -len(".record.json")] for p in VECTORS])
def test_record_vector(path: pathlib.Path) -> None:
    vector = json.loads(path.read_text(encoding="utf-8"))
    expected = path.with_name(path.name.replace(".record.json", ".expected.json")).read_bytes().decode("utf-8")
    engine = wegwijs.Engine.default()
    assert engine.evaluate_record(vector["record"], vector["now"]).to_json() + "\n" == expected
    assert engine.evaluate_record(json.dumps(vector["record"]), vector["now"]).to_json() + "\n" == expected
    # The ordinary call tells a record from a case by its shape (as `wegwijs eval` does).
    assert engine.evaluate(vector["record"], vector["now"]).to_json() + "\n" == expected


def test_changes_since_the_last_decision_and_since_a_result() -> None:
    engine = wegwijs.Engine.default()
    rec = example("zaak-04-regiehouder-blijft")
    changes = engine.changes_since(rec, now=MEETING)
    assert changes is not None and changes["regiehouder"]["to"] == "shn_casemanager"
    then = engine.evaluate_record(rec, "2026-03-03T09:00:00+01:00")
    assert engine.changes_since(rec, then, MEETING) == changes
    assert engine.changes_since(rec, then.to_json(), MEETING) == changes, "the same read from JSON text"
    assert engine.changes_since(rec, json.loads(then.to_json()), MEETING) == changes, "and from a dict"
    assert engine.changes_since({"facts": {}}, now=MEETING) is None
    for not_a_proposal in ({"facts": {}}, "[]", {**json.loads(then.to_json()), "regie": {"level": "R1"}}):
        with pytest.raises(wegwijs.ArgumentError, match="`previous` is not a Wegwijs proposal"):
            engine.changes_since(rec, not_a_proposal, MEETING)


def test_agenda_orders_the_example_records() -> None:
    engine = wegwijs.Engine.default()
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.json"))]
    agenda = engine.agenda(records, MEETING)
    assert len(agenda["entries"]) == len(records) >= 10
    # A new danger first (the renewal), never below a case whose only issue is a passed deadline.
    order = [e["case"] for e in agenda["entries"]]
    assert order[0] == "zaak-12-pleger-in-huis"
    assert order.index("zaak-12-pleger-in-huis") < order.index("zaak-02-pep-gemist")
    first = agenda["entries"][0]
    assert first["reasons"][0] == "danger_new"
    assert "OPNIEUW NODIG: Nieuwe informatie vandaag aan Veilig Thuis doorgeven" in [l["nl"] for l in first["lines"]]


AGENDA_VECTORS = sorted((REPO / "tests" / "conformance").glob("*.agenda.json"))


@pytest.mark.parametrize("path", AGENDA_VECTORS, ids=[p.name[: -len(".agenda.json")] for p in AGENDA_VECTORS])
def test_agenda_vector(path: pathlib.Path) -> None:
    vector = json.loads(path.read_text(encoding="utf-8"))
    expected = path.with_name(path.name.replace(".agenda.json", ".expected.json")).read_bytes().decode("utf-8")
    agenda = wegwijs.Engine.default().agenda(vector["records"], vector["now"])
    assert json.dumps(agenda, ensure_ascii=False, separators=(",", ":")) + "\n" == expected


def test_there_are_agenda_vectors() -> None:
    assert AGENDA_VECTORS


def test_fact_history_the_change_in_words_and_the_renewal() -> None:
    engine = wegwijs.Engine.default()
    rec = example("zaak-12-pleger-in-huis")
    p = engine.evaluate_record(rec, MEETING).to_dict()
    melding = next(r for r in p["referrals"] if r["offer"] == "melding_veilig_thuis")
    assert melding["urgency"] == "direct"
    assert melding["label"]["nl"] == "Nieuwe informatie vandaag aan Veilig Thuis doorgeven"
    assert any(a["offer"] == "melding_veilig_thuis" and a["status"] == "done" for a in p["record"]["actions"])
    changes = engine.changes_since(rec, now=MEETING)
    assert changes is not None
    assert changes["facts_changed"][0]["text"]["nl"] == "Pleger woont in hetzelfde huis: nu ja (was nee; sinds 7 maart)"
    assert changes["facts_changed"][0]["from"] is False and changes["facts_changed"][0]["to"] is True
    assert "melding_veilig_thuis" in changes["referrals_renewed"]


def test_reconfirming_the_same_value_is_no_change() -> None:
    engine = wegwijs.Engine.default()
    rec = example("zaak-04-regiehouder-blijft")
    assert len(rec["facts"]["current_safety"]) == 2, "the example re-confirms as a history"
    changes = engine.changes_since(rec, now=MEETING)
    assert changes is not None and "facts_changed" not in changes
    assert "current_safety" not in changes["questions_answered"]


def test_decide_refuses_an_incomplete_decision_and_stamps_a_complete_one() -> None:
    engine = wegwijs.Engine.default()
    rec = example("zaak-01-pep-vandaag")
    with pytest.raises(wegwijs.ArgumentError, match="reasons.regie"):
        engine.decide(rec, {"by": "mdt", "regie": "R0"}, MEETING)
    p = engine.evaluate_record(rec, MEETING).to_dict()
    decision = {
        "by": "mdt",
        "regie": p["regie"]["level"],
        "regiehouder": p["regiehouder"]["id"],
        "accepted": [r["offer"] for r in p["referrals"]],
    }
    out = engine.decide(rec, decision, MEETING)
    assert out["decisions"][-1]["at"] == MEETING
    assert out["decisions"][-1]["ruleset_hash"] == engine.hash


def test_record_errors_never_carry_values() -> None:
    engine = wegwijs.Engine.default()
    with pytest.raises(wegwijs.CaseError) as info:
        engine.evaluate_record('{"facts": {"age": 24, "age": 25}}', MEETING)
    assert "given twice" in str(info.value) and "25" not in str(info.value)


def test_a_record_with_a_value_json_cannot_hold_gets_a_clear_error() -> None:
    import datetime

    engine = wegwijs.Engine.default()
    record = {"facts": {"last_incident_at": datetime.datetime(2026, 3, 1, tzinfo=datetime.timezone.utc)}}
    with pytest.raises(wegwijs.ArgumentError, match="JSON values only"):
        engine.evaluate_record(record, MEETING)


@pytest.mark.parametrize("name", ["zaak-02-pep-gemist", "zaak-08-afgeslagen"])
def test_a_record_result_pickles_with_its_actions_and_decisions(name: str) -> None:
    import pickle

    engine = wegwijs.Engine.default()
    result = engine.evaluate_record(example(name), MEETING)
    back = pickle.loads(pickle.dumps(result))
    assert back.to_json() == result.to_json()
    # the record's part (done, declined, deadlines passed) survives: not only the facts
    assert json.loads(back.to_json())["record"] is not None


def test_evaluate_takes_a_record_and_keeps_its_actions() -> None:
    engine = wegwijs.Engine.default()
    rec = example("zaak-08-afgeslagen")
    via_evaluate = engine.evaluate(rec, MEETING)
    assert via_evaluate.to_json() == engine.evaluate_record(rec, MEETING).to_json()
    assert '"record"' in via_evaluate.to_json()
    # A plain case is not a record.
    assert '"record"' not in engine.evaluate({"age": 38}, MEETING).to_json()


def test_evaluate_reports_record_errors_as_case_errors() -> None:
    engine = wegwijs.Engine.default()
    with pytest.raises(wegwijs.CaseError):
        engine.evaluate({"facts": {"age": "veertig"}}, MEETING)


def test_why_not_says_the_victim_declined_the_offer() -> None:
    engine = wegwijs.Engine.default()
    rec = example("zaak-08-afgeslagen")
    why = engine.evaluate(rec, MEETING).why_not("shn_steun")
    assert why["declined"]["by"] == "slachtoffer"
    assert why["declined"]["at"] == "2026-02-02T09:00:00+01:00"
    assert "afgeslagen" in why["declined"]["text"]["nl"] and "declined" in why["declined"]["text"]["en"]
    assert "declined" not in engine.evaluate(rec, MEETING).why_not("aangifte")


def _decided(engine: wegwijs.Engine) -> dict:
    rec = example("zaak-01-pep-vandaag")
    p = engine.evaluate_record(rec, MEETING).to_dict()
    decision = {
        "by": "mdt-voorzitter",
        "regie": p["regie"]["level"],
        "regiehouder": p["regiehouder"]["id"],
        "accepted": [r["offer"] for r in p["referrals"]],
    }
    return engine.decide(rec, decision, MEETING)


def test_verify_reports_an_edited_decision_and_one_from_another_case() -> None:
    engine = wegwijs.Engine.default()
    rec = _decided(engine)
    result = engine.verify(rec)
    assert result["verified"] is True
    assert result["decisions"][0]["proposal"] == "ok" and result["decisions"][0]["chain"] == "ok"
    assert engine.verify(json.dumps(rec)) == result
    edited = json.loads(json.dumps(rec))
    edited["decisions"][0]["regie"] = "R0"
    checked = engine.verify(edited)
    assert checked["verified"] is False and checked["decisions"][0]["decision"] == "mismatch"
    codes = [w["code"] for w in engine.evaluate_record(edited, MEETING).to_dict()["warnings"]]
    assert "decision_unverified" in codes
    other = json.loads(json.dumps(rec))
    other["case"] = "zaak-99-anders"
    checked = engine.verify(other)
    assert checked["decisions"][0]["case"] == "other_case" and checked["decisions"][0]["chain"] == "mismatch"


def test_agenda_errors_name_the_records_position_not_its_content() -> None:
    engine = wegwijs.Engine.default()
    good = example("zaak-01-pep-vandaag")
    bad = {"facts": {}, "decisions": [{"by": "Jan Geheimnaam", "regie": "R0", "at": MEETING}]}
    with pytest.raises(wegwijs.CaseError) as info:
        engine.agenda([good, good, bad], MEETING)
    assert "records[2]" in str(info.value) and "Geheimnaam" not in str(info.value)
    with pytest.raises(wegwijs.ArgumentError, match=r"records\[1\]"):
        engine.agenda([good, 42], MEETING)


def test_a_record_over_the_size_limit_is_refused() -> None:
    engine = wegwijs.Engine.default()
    big = {"case": "x" * (1024 * 1024), "facts": {}}
    for call in (lambda r: engine.evaluate_record(r, MEETING), engine.verify, lambda r: engine.agenda([r], MEETING)):
        with pytest.raises(wegwijs.CaseError, match="longer than"):
            call(big)
