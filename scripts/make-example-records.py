#!/usr/bin/env python3
"""Writes the fictional example case records in examples/records/ (used by the agenda test
and the README). Each record is a vignette from examples/cases/ moved in time, with actions
and MDT decisions recorded through `wegwijs decide`, so they carry real hashes.

    cargo build -p wegwijs-cli && python3 scripts/make-example-records.py target/debug/wegwijs

The meeting the examples are made for: MEETING below (a Tuesday morning).
"""

import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "examples" / "records"
MEETING = datetime.fromisoformat("2026-03-10T09:00:00+01:00")
WEGWIJS = sys.argv[1] if len(sys.argv) > 1 else str(REPO / "target" / "debug" / "wegwijs")


def iso(t: datetime) -> str:
    return t.isoformat()


def vignette(name: str, incident: datetime, contact: datetime, **changes) -> dict:
    facts = json.loads((REPO / "examples" / "cases" / f"{name}.json").read_text())
    facts["last_incident_at"] = iso(incident)
    facts["contact_at"] = iso(contact)
    # When the answers that go stale were learned: at the first contact.
    for fact in ("current_safety", "suicidality", "stress_level"):
        if fact in facts and not isinstance(facts[fact], dict):
            facts[fact] = {"value": facts[fact], "at": iso(contact)}
    facts.update(changes)
    return facts


def record(case: str, facts: dict, actions=()) -> dict:
    return {"format": "wegwijs-record/1", "case": case, "facts": facts, "actions": list(actions), "decisions": []}


def action(offer: str, status: str, at: datetime) -> dict:
    return {"offer": offer, "status": status, "at": iso(at)}


def done(rec: dict, at: datetime, keep=()) -> dict:
    """Marks every planned action done at `at`, except the offers in `keep`."""
    planned = [a["offer"] for a in rec["actions"] if a["status"] == "planned"]
    rec["actions"] += [action(o, "done", at) for o in planned if o not in keep]
    return rec


def reconfirm(rec: dict, at: datetime) -> dict:
    """The regiehouder confirmed safety and suicidality again at `at`: appended to each
    fact's history (nothing is overwritten), so re-confirming the same value is no change."""
    for fact in ("current_safety", "suicidality"):
        rec["facts"][fact] = history(rec["facts"][fact]) + [{"value": current(rec["facts"][fact]), "at": iso(at)}]
    return rec


def history(value) -> list:
    """A fact's value as a history list (a plain value without `at` cannot be one)."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return value
    assert isinstance(value, dict) and "at" in value, "a history needs `at` on every value"
    return [value]


def current(value):
    """The latest value of a fact (plain, `{value, at}` or a history list)."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        value = value[-1]
    return value["value"] if isinstance(value, dict) else value


def change(rec: dict, fact: str, value, at: datetime, first: datetime) -> dict:
    """The fact changed to `value` at `at`; before, it held its earlier value (learned at `first`)."""
    old = rec["facts"][fact]
    if isinstance(old, dict) or (isinstance(old, list) and old and isinstance(old[0], dict)):
        before = history(old)
    else:
        before = [{"value": old, "at": iso(first)}]
    rec["facts"][fact] = before + [{"value": value, "at": iso(at)}]
    return rec


def run(*args: str) -> str:
    return subprocess.run([WEGWIJS, *args], check=True, capture_output=True, text=True).stdout


def decide(rec: dict, at: datetime, by: str = "mdt-voorzitter", reject=(), reasons=None, **override) -> dict:
    """Decides as proposed at `at` (accepting every proposed referral but `reject`)."""
    path = OUT / ".tmp-record.json"
    path.write_text(json.dumps(rec))
    proposal = json.loads(run("eval", str(path), "--now", iso(at), "--format", "json"))
    decision = {
        "at": iso(at),
        "by": by,
        "regie": proposal["regie"]["level"],
        "regiehouder": (proposal["regiehouder"] or {}).get("id"),
        "accepted": [r["offer"] for r in proposal["referrals"] if r["offer"] not in reject],
        "rejected": list(reject),
        "reasons": reasons or {},
        "overrides_acknowledged": [r["offer"] for r in proposal["referrals"] if r["against_wish"]],
        "consent_acknowledged": [r["offer"] for r in proposal["referrals"] if r["outside_consent"]],
    }
    decision.update(override)
    if decision["regiehouder"] is None:
        del decision["regiehouder"]
    dpath = OUT / ".tmp-decision.json"
    dpath.write_text(json.dumps(decision))
    updated = json.loads(run("decide", str(path), str(dpath)))
    path.unlink()
    dpath.unlink()
    return updated


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.json"):
        old.unlink()
    day = timedelta(days=1)
    hour = timedelta(hours=1)
    records = {}

    # 1. Reported yesterday afternoon: HIV-PEP and the morning-after pill must start within hours.
    t = MEETING - 67 * hour
    records["zaak-01-pep-vandaag"] = record("zaak-01-pep-vandaag", vignette("vignet-1-festival", t, MEETING - 20 * hour))

    # 2. Decided on day 1 with HIV-PEP planned, never started: termijn verstreken.
    t = MEETING - 4 * day
    r = record("zaak-02-pep-gemist", vignette("vignet-1-festival", t, t + 10 * hour))
    r = done(decide(r, t + 24 * hour), t + 30 * hour, keep=("hiv_pep", "noodanticonceptie"))
    records["zaak-02-pep-gemist"] = reconfirm(r, MEETING - 3 * hour)

    # 3. Not safe now (learned this morning): danger now.
    t = MEETING - 9 * day
    facts = vignette("vignet-4-ex-partner", t, t + 1 * day)
    facts["current_safety"] = {"value": "acuut_onveilig", "at": iso(MEETING - 2 * hour)}
    records["zaak-03-nu-onveilig"] = record("zaak-03-nu-onveilig", facts)

    # 4. Day 8: the proposal now names another regiehouder; the assigned one stays.
    t = MEETING - 8 * day
    r = record("zaak-04-regiehouder-blijft", vignette("vignet-1-festival", t, t + 12 * hour, police_wish="aangifte"))
    r = done(decide(r, t + 1 * day), t + 1 * day + 3 * hour)
    records["zaak-04-regiehouder-blijft"] = reconfirm(r, MEETING - 2 * hour)

    # 5. Safety confirmed 5 days ago: stale, asked again.
    t = MEETING - 6 * day
    r = record("zaak-05-verouderd", vignette("vignet-6-feest-16", t, t + 1 * day))
    records["zaak-05-verouderd"] = done(decide(r, t + 1 * day + 2 * hour), t + 2 * day)

    # 6. Drugged: the time is known only as a night; the 72-hour window may have closed.
    night = MEETING - 3 * day
    facts = vignette("vignet-1-festival", night, MEETING - 12 * hour)
    facts["last_incident_at"] = {"from": iso(night - 3 * hour), "to": iso(night + 3 * hour)}
    records["zaak-06-tijd-onbekend"] = record("zaak-06-tijd-onbekend", facts)

    # 7. Exam done and melding made; nothing left to propose there.
    t = MEETING - 5 * day
    r = record("zaak-07-gedaan", vignette("vignet-3-stiefvader-acuut", t, t + 10 * hour))
    r = done(decide(r, t + 1 * day), t + 1 * day + 5 * hour)
    records["zaak-07-gedaan"] = reconfirm(r, MEETING - 1 * hour)

    # 8. The victim declined Slachtofferhulp support: not proposed again.
    t = MEETING - 40 * day
    r = record("zaak-08-afgeslagen", vignette("vignet-2-collega", t, t + 2 * day))
    r = done(decide(r, t + 3 * day), t + 4 * day, keep=("shn_steun",))
    r["actions"].append(action("shn_steun", "declined", t + 4 * day))
    records["zaak-08-afgeslagen"] = reconfirm(r, MEETING - 20 * hour)

    # 9. Long ago (historical abuse): low urgency, decided last week.
    r = record("zaak-09-lang-geleden", vignette("vignet-5-coach", datetime.fromisoformat("1996-03-09T18:00:00+01:00"), MEETING - 8 * day))
    r = done(decide(r, MEETING - 7 * day), MEETING - 6 * day)
    records["zaak-09-lang-geleden"] = reconfirm(r, MEETING - 5 * hour)

    # 10. A 14-year-old, stepfather: regie R3, decided two days ago, the stress answer renewed.
    t = MEETING - 3 * day
    r = record("zaak-10-minderjarig", vignette("vignet-3-stiefvader-acuut", t, t + 6 * hour))
    r = done(decide(r, t + 1 * day), t + 2 * day, keep=("zedenoverleg_om",))
    records["zaak-10-minderjarig"] = reconfirm(r, MEETING - 4 * hour)

    # 11. Decided yesterday; nothing changed since.
    t = MEETING - 20 * day
    r = record("zaak-11-ongewijzigd", vignette("vignet-6-feest-16", t, MEETING - 2 * day))
    r = reconfirm(r, MEETING - 1 * day - 1 * hour)
    records["zaak-11-ongewijzigd"] = done(decide(r, MEETING - 1 * day), MEETING - 1 * day + 4 * hour)

    # 12. A 15-year-old; the melding at Veilig Thuis was made the day after the MDT decided.
    # Two days after the decision the stepfather moves in with her: the melding is needed
    # again (renews), and the case ranks above a passed deadline.
    t = MEETING - 6 * day
    contact = t + 6 * hour
    r = record("zaak-12-pleger-in-huis", vignette("vignet-3-stiefvader-acuut", t, contact, age=15, in_household=False))
    decided = t + 1 * day
    r = done(decide(r, decided), decided + 5 * hour)
    r = change(r, "in_household", True, decided + 2 * day, contact)
    records["zaak-12-pleger-in-huis"] = reconfirm(r, MEETING - 2 * hour)

    for name, rec in records.items():
        (OUT / f"{name}.json").write_text(json.dumps(rec, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} records to {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
