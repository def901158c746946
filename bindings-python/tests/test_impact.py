"""wegwijs.impact: the same cases under two versions of the rules."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import NOW, PEP_CASE
from test_batch import generated

import wegwijs


@pytest.fixture()
def stricter(mini_copy: Any) -> wegwijs.Engine:
    """PEP only within 48 hours instead of 72, at regie R3 instead of R1."""
    return wegwijs.Engine.load(
        mini_copy(
            {
                "derived.toml": [("hours_since(last_incident_at) <= 72", "hours_since(last_incident_at) <= 48")],
                "rules/main.toml": [('regie = "R1"', 'regie = "R3"')],
            }
        )
    )


def test_no_change_against_itself(mini: wegwijs.Engine) -> None:
    result = wegwijs.impact(mini, mini, generated(300), now=NOW)
    assert result.summary == {"cases": 300, "changed": 0, "errors": 0, "changes": {}}
    assert all(not r.changed and r.changes() == [] for r in result.rows)
    assert result.changed == []


def test_rows_and_summary(mini: wegwijs.Engine, stricter: wegwijs.Engine) -> None:
    late = {**PEP_CASE, "last_incident_at": "2026-03-01T06:00:00+01:00"}  # 52 hours ago
    early = {**PEP_CASE, "last_incident_at": "2026-03-02T12:00:00+01:00"}  # 23 hours ago
    cases = [late, early, {"age": 300}, {}]
    result = wegwijs.impact(mini, stricter, cases, now=NOW)
    assert [r.case for r in result.rows] == [0, 1, 2, 3]
    late_row, early_row, bad_row, empty_row = result.rows
    assert late_row.changed
    assert late_row.referrals_removed == ["pep"]
    assert late_row.needs == {"hulp": ("urgent", "geen")}
    assert late_row.regie == ("R1", "R0")
    assert late_row.regiehouder == ("csg_casemanager", None)
    assert early_row.changed and early_row.regie == ("R1", "R3")
    assert early_row.referrals_added == [] and early_row.referrals_removed == []
    assert bad_row.error is not None and "age" in bad_row.error and not bad_row.changed
    assert not empty_row.changed  # nothing known: regie "R0..R3" under both versions
    s = result.summary
    assert (s["cases"], s["errors"]) == (4, 1)
    assert s["changed"] == 2
    assert s["changes"]["referral removed: pep"] == 1
    assert s["changes"]["regie: R1 -> R3"] == 1


def test_table_and_repr(mini: wegwijs.Engine, stricter: wegwijs.Engine) -> None:
    result = wegwijs.impact(mini, stricter, generated(500), now=NOW)
    text = str(result)
    assert text.startswith("Impact of mini 1.0.0")
    assert "500 cases:" in text and "change" in text and "cases" in text
    assert "referral removed: pep" in text
    assert repr(result).startswith("<wegwijs.Impact 500 cases")
    assert result.summary["changed"] == len(result.changed) > 0


def test_impact_accepts_iterators_and_workers(mini: wegwijs.Engine, stricter: wegwijs.Engine) -> None:
    cases = generated(200)
    a = wegwijs.impact(mini, stricter, cases, now=NOW)
    b = wegwijs.impact(mini, stricter, iter(cases), now=NOW, workers=1)
    assert a.rows == b.rows


def test_to_pandas(mini: wegwijs.Engine, stricter: wegwijs.Engine) -> None:
    pandas = pytest.importorskip("pandas")
    cases = generated(100)
    frame = pandas.DataFrame(cases, index=[f"case-{i}" for i in range(100)])
    result = wegwijs.impact(mini, stricter, frame, now=NOW)
    df = result.to_pandas()
    assert list(df.index) == list(frame.index)
    assert list(df.columns) == [
        "changed",
        "error",
        "needs",
        "referrals_added",
        "referrals_removed",
        "referral_status",
        "regie",
        "regiehouder",
    ]
    assert int(df["changed"].sum()) == result.summary["changed"]
    plain = wegwijs.impact(mini, stricter, cases, now=NOW).to_pandas()
    assert list(plain.index) == list(range(100))


def _digest(result: wegwijs.Result) -> Any:
    def level(item: Any) -> str:
        return str(item["level"]) if item["up_to"] is None else f"{item['level']}..{item['up_to']}"

    d = result.to_dict()
    return (
        {n["area"]: level(n) for n in d["needs"]},
        {r["offer"]: r["status"] for r in d["referrals"]},
        level(d["regie"]),
        d["regiehouder"]["id"] if d["regiehouder"] else None,
    )


def test_impact_agrees_with_the_proposals(mini: wegwijs.Engine, stricter: wegwijs.Engine) -> None:
    """The native comparison reads compact outcomes; the proposals must say the same."""
    cases = generated(1500, seed=21)
    result = wegwijs.impact(mini, stricter, cases, now=NOW)
    for case, row in zip(cases, result.rows):
        old_needs, old_refs, old_regie, old_holder = _digest(mini.evaluate(case, NOW))
        new_needs, new_refs, new_regie, new_holder = _digest(stricter.evaluate(case, NOW))
        assert row.needs == {a: (old_needs[a], new_needs[a]) for a in new_needs if old_needs[a] != new_needs[a]}
        assert row.referrals_added == [o for o in new_refs if o not in old_refs]
        assert row.referrals_removed == [o for o in old_refs if o not in new_refs]
        assert row.referral_status == {
            o: (old_refs[o], new_refs[o]) for o in new_refs if o in old_refs and old_refs[o] != new_refs[o]
        }
        assert row.regie == (None if old_regie == new_regie else (old_regie, new_regie))
        assert row.regiehouder == (None if old_holder == new_holder else (old_holder, new_holder))


def test_arrow_input_goes_through_outcomes_with_the_same_result(mini: wegwijs.Engine, stricter: wegwijs.Engine) -> None:
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    cases = generated(400) + [{"age": 300}]
    by_rows = wegwijs.impact(mini, stricter, cases, now=NOW)
    table = pa.Table.from_pandas(pd.DataFrame(cases), preserve_index=False)
    by_table = wegwijs.impact(mini, stricter, table, now=NOW)
    key = lambda r: (r.case, r.changed, r.error, r.needs, sorted(r.referrals_added), sorted(r.referrals_removed), r.referral_status, r.regie, r.regiehouder)  # noqa: E731
    assert [key(r) for r in by_table.rows] == [key(r) for r in by_rows.rows]
    assert by_table.summary == by_rows.summary and by_rows.summary["changed"] > 0
    assert wegwijs.impact(mini, stricter, table.to_batches()[0], now=NOW).summary == by_rows.summary


def test_arrow_impact_is_a_dictionary_encoded_table(mini: wegwijs.Engine, stricter: wegwijs.Engine) -> None:
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    cases = generated(300) + [{"age": 300}]
    table = pa.Table.from_pandas(pd.DataFrame(cases), preserve_index=False)
    result = wegwijs.impact(mini, stricter, table, now=NOW)
    t = result.to_arrow()
    assert t.num_rows == 301 and t.column("case").to_pylist() == list(range(301))
    kinds = {f.name: f.type for f in t.schema}
    assert pa.types.is_dictionary(kinds["referral_pep"]) and pa.types.is_dictionary(kinds["regie_old"])
    assert pa.types.is_dictionary(kinds["need_hulp_new"])
    assert t.column("changed").to_pylist().count(True) == result.summary["changed"] > 0
    assert t.column("referral_pep").to_pylist().count("removed") == result.summary["changes"]["referral removed: pep"]
    # The rows read back from the table are those of the mapping path, case by case.
    by_rows = wegwijs.impact(mini, stricter, cases, now=NOW)
    assert [r.case for r in result.changed] == [r.case for r in by_rows.changed]
    assert wegwijs.impact(mini, stricter, cases, now=NOW).to_arrow() is None
    assert "first" in str(result) and "errors" in str(result)
