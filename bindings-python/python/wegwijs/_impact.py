"""Rule-change impact: run the same cases through two versions of the rules and list, per
case, what changed (needs, referrals added or removed, regie level, regiehouder), with a
summary. The evaluation and the comparison run natively, on every core."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from ._wegwijs import Engine, _impact_rows

if TYPE_CHECKING:
    import datetime

Level = Tuple[str, str]


@dataclass(frozen=True)
class ImpactRow:
    """What changed for one case (``case`` is its position in the input).

    A level reads ``"aanbod"`` when certain, or ``"aanbod..urgent"`` when open questions
    could still raise it. ``error`` is set (and nothing else) when the case did not fit
    either rule set's schema.
    """

    case: int
    changed: bool
    error: Optional[str] = None
    needs: Dict[str, Level] = field(default_factory=dict)
    referrals_added: List[str] = field(default_factory=list)
    referrals_removed: List[str] = field(default_factory=list)
    referral_status: Dict[str, Level] = field(default_factory=dict)
    regie: Optional[Level] = None
    regiehouder: Optional[Tuple[Optional[str], Optional[str]]] = None

    def changes(self) -> List[str]:
        """Every change of this case as one readable line each."""
        out = [f"need {area}: {old} -> {new}" for area, (old, new) in self.needs.items()]
        out += [f"referral added: {offer}" for offer in self.referrals_added]
        out += [f"referral removed: {offer}" for offer in self.referrals_removed]
        out += [f"referral {offer}: {old} -> {new}" for offer, (old, new) in self.referral_status.items()]
        if self.regie is not None:
            out.append(f"regie: {self.regie[0]} -> {self.regie[1]}")
        if self.regiehouder is not None:
            old, new = self.regiehouder
            out.append(f"regiehouder: {old or '(none)'} -> {new or '(none)'}")
        return out


class Impact:
    """The impact of a rule change on a set of cases.

    ``rows`` has one ``ImpactRow`` per case, in input order; ``changed`` only those that
    changed; ``summary`` counts cases and each kind of change. ``str(impact)`` is a
    readable table; ``to_pandas()`` a DataFrame with one row per case.
    """

    def __init__(self, old: Engine, new: Engine, rows: List[ImpactRow], index: Optional[List[Any]] = None) -> None:
        self.old = old
        self.new = new
        self.rows = rows
        self._index = index
        counts: Counter[str] = Counter()
        for row in rows:
            counts.update(row.changes())
        self.summary: Dict[str, Any] = {
            "cases": len(rows),
            "changed": sum(1 for r in rows if r.changed),
            "errors": sum(1 for r in rows if r.error is not None),
            "changes": dict(counts.most_common()),
        }

    @property
    def changed(self) -> List[ImpactRow]:
        """The rows of the cases whose proposal changed."""
        return [r for r in self.rows if r.changed]

    def to_pandas(self) -> Any:
        """One row per case (indexed like the input DataFrame, if one was given) with the
        columns of ``ImpactRow``. Needs pandas (``pip install wegwijs[pandas]``)."""
        try:
            import pandas  # type: ignore[import-untyped,unused-ignore]
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise ImportError("Impact.to_pandas() needs pandas: pip install pandas") from e
        columns = [
            "changed",
            "error",
            "needs",
            "referrals_added",
            "referrals_removed",
            "referral_status",
            "regie",
            "regiehouder",
        ]
        data = {c: [getattr(r, c) for r in self.rows] for c in columns}
        index = self._index if self._index is not None else [r.case for r in self.rows]
        return pandas.DataFrame(data, index=index, columns=columns)

    def table(self, limit: int = 20) -> str:
        """The summary and the first ``limit`` changed cases as a plain-text table."""
        s = self.summary
        pct = 100.0 * s["changed"] / s["cases"] if s["cases"] else 0.0
        lines = [
            f"Impact of {_name(self.old)} -> {_name(self.new)}",
            f"{s['cases']} cases: {s['changed']} changed ({pct:.1f}%), {s['errors']} errors",
        ]
        if s["changes"]:
            width = max(len("change"), *(len(k) for k in s["changes"]))
            lines += ["", f"{'change':<{width}}  {'cases':>7}", f"{'-' * width}  {'-' * 7}"]
            lines += [f"{k:<{width}}  {v:>7}" for k, v in s["changes"].items()]
        changed = self.changed[:limit]
        if changed:
            lines += ["", f"first {len(changed)} changed cases:"]
            for r in changed:
                lines.append(f"  case {r.case}: " + "; ".join(r.changes()))
        errors = [r for r in self.rows if r.error is not None][:limit]
        if errors:
            lines += ["", f"first {len(errors)} errors:"]
            lines += [f"  case {r.case}: {r.error}" for r in errors]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.table()

    def __repr__(self) -> str:
        s = self.summary
        return f"<wegwijs.Impact {s['cases']} cases, {s['changed']} changed, {s['errors']} errors>"


def _name(engine: Engine) -> str:
    return f"{engine.name} {engine.version} ({engine.hash[:15]})"


def impact(
    old: Engine,
    new: Engine,
    cases: Union[Iterable[Mapping[str, Any]], Any],
    now: Union[str, "datetime.datetime", None] = None,
    workers: Optional[int] = None,
) -> Impact:
    """Evaluates ``cases`` with ``old`` and ``new`` at the same ``now`` and compares the
    proposals case by case. ``cases``: an iterable of mappings, a pandas DataFrame, or
    other Arrow data (a pyarrow Table/RecordBatch/RecordBatchReader, a polars DataFrame):
    Arrow data goes through ``Engine.outcomes`` (converted and evaluated without the
    GIL) and the two outcome tables are compared."""
    if _is_arrow(cases) and not _is_dataframe(cases):  # (pandas 3 frames speak Arrow too)
        return _impact_of_tables(old, new, cases, now, workers)
    raw = _impact_rows(old, new, cases, now, workers)
    rows = [
        ImpactRow(
            case=i,
            changed=changed,
            error=error,
            needs={area: (a, b) for area, a, b in needs},
            referrals_added=list(added),
            referrals_removed=list(removed),
            referral_status={offer: (a, b) for offer, a, b in status},
            regie=regie,
            regiehouder=regiehouder,
        )
        for i, (changed, error, needs, added, removed, status, regie, regiehouder) in enumerate(raw)
    ]
    index = list(cases.index) if _is_dataframe(cases) else None  # type: ignore[union-attr]
    return Impact(old, new, rows, index)


def _is_arrow(obj: object) -> bool:
    return hasattr(obj, "__arrow_c_stream__") or hasattr(obj, "__arrow_c_array__")


def _impact_of_tables(
    old: Engine, new: Engine, cases: Any, now: Union[str, "datetime.datetime", None], workers: Optional[int]
) -> Impact:
    import datetime as dt

    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    # Both engines read the same rows at the same moment (a stream can be read once).
    data = pa.Table.from_batches([cases]) if isinstance(cases, pa.RecordBatch) else pa.table(cases)
    at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) if now is None else now
    a = old.outcomes(data, now=at, workers=workers).to_pylist()
    b = new.outcomes(data, now=at, workers=workers).to_pylist()
    areas = lambda e: [c[len("need_") : -len("_status")] for c in e.outcome_columns() if c.startswith("need_") and c.endswith("_status")]  # noqa: E731
    offers = lambda e: [c[len("referral_") :] for c in e.outcome_columns() if c.startswith("referral_") and not c.endswith("_urgency")]  # noqa: E731
    old_areas, new_areas, old_offers, new_offers = areas(old), areas(new), offers(old), offers(new)
    rows = [
        _compare_rows(i, x, y, old_areas, new_areas, old_offers, new_offers) for i, (x, y) in enumerate(zip(a, b))
    ]
    return Impact(old, new, rows)


def _level(row: Mapping[str, Any], column: str) -> str:
    if row[f"{column}_status"] == "certain":
        return str(row[column])
    return f"{row[column]}..{row[f'{column}_up_to']}"


def _compare_rows(
    i: int,
    x: Mapping[str, Any],
    y: Mapping[str, Any],
    old_areas: List[str],
    new_areas: List[str],
    old_offers: List[str],
    new_offers: List[str],
) -> ImpactRow:
    """One case's differences between two rows of outcome tables (as `_impact_rows`)."""
    if x["error"] is not None or y["error"] is not None:
        messages = [f"{w} rules: {r['error']}" for w, r in (("old", x), ("new", y)) if r["error"] is not None]
        return ImpactRow(case=i, changed=False, error="; ".join(messages))
    needs: Dict[str, Level] = {}
    for area in new_areas:
        before = _level(x, f"need_{area}") if area in old_areas else "-"
        after = _level(y, f"need_{area}")
        if before != after:
            needs[area] = (before, after)
    for area in old_areas:
        if area not in new_areas:
            needs[area] = (_level(x, f"need_{area}"), "-")
    was = {o: x[f"referral_{o}"] for o in old_offers if x[f"referral_{o}"] is not None}
    now_ = {o: y[f"referral_{o}"] for o in new_offers if y[f"referral_{o}"] is not None}
    added = [o for o in now_ if o not in was]
    removed = [o for o in was if o not in now_]
    status = {o: (was[o], s) for o, s in now_.items() if o in was and was[o] != s}
    regie = (_level(x, "regie"), _level(y, "regie"))
    holder = (x["regiehouder"], y["regiehouder"])
    row = ImpactRow(
        case=i,
        changed=False,
        needs=needs,
        referrals_added=added,
        referrals_removed=removed,
        referral_status=status,
        regie=regie if regie[0] != regie[1] else None,
        regiehouder=holder if holder[0] != holder[1] else None,
    )
    changed = bool(row.changes())
    return ImpactRow(**{**row.__dict__, "changed": changed})


def _is_dataframe(obj: object) -> bool:
    t = type(obj)
    return t.__name__ == "DataFrame" and t.__module__.startswith("pandas")
