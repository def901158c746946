"""Rule-change impact: run the same cases through two versions of the rules and list, per
case, what changed (needs, referrals added or removed, regie level, regiehouder), with a
summary. The evaluation and the comparison run natively, on every core."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from ._wegwijs import Engine, _impact_rows, _impact_table

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
        self._rows: Optional[List[ImpactRow]] = rows
        self._index = index
        self._table: Any = None
        self._names: Tuple[List[str], List[str]] = ([], [])
        counts: Counter[str] = Counter()
        for row in rows:
            counts.update(row.changes())
        self.summary: Dict[str, Any] = {
            "cases": len(rows),
            "changed": sum(1 for r in rows if r.changed),
            "errors": sum(1 for r in rows if r.error is not None),
            "changes": dict(counts.most_common()),
        }

    @classmethod
    def _of_table(cls, old: Engine, new: Engine, table: Any, summary: Dict[str, Any], areas: List[str], offers: List[str]) -> "Impact":
        """An impact compared natively into a columnar table (Arrow input): rows are
        built from it only when asked for."""
        self = cls(old, new, [])
        self._rows = None
        self._table = table
        self._names = (areas, offers)
        self.summary = summary
        return self

    @property
    def rows(self) -> List[ImpactRow]:
        """One ``ImpactRow`` per case, in input order (built on first use for Arrow input)."""
        if self._rows is None:
            self._rows = _rows_of_table(self._table, *self._names)
        return self._rows

    @property
    def changed(self) -> List[ImpactRow]:
        """The rows of the cases whose proposal changed."""
        if self._rows is None:
            return _rows_of_table(self._table.filter(self._table.column("changed")), *self._names)
        return [r for r in self.rows if r.changed]

    def _errors(self, limit: int) -> List[ImpactRow]:
        if self._rows is None:
            import pyarrow.compute as pc  # type: ignore[import-untyped,unused-ignore]

            t = self._table
            return _rows_of_table(t.filter(pc.is_valid(t.column("error"))).slice(0, limit), *self._names)
        return [r for r in self.rows if r.error is not None][:limit]

    def to_arrow(self) -> Any:
        """For Arrow input: the comparison as a ``pyarrow.Table``, one row per case:
        ``case``, ``changed``, ``error``, per area ``need_<area>_old``/``_new``, per offer
        ``referral_<offer>`` (``added``, ``removed``, ``certain -> possible``,
        ``possible -> certain``), ``regie_old``/``_new``, ``regiehouder_old``/``_new``;
        dictionary-encoded (categorical), null where nothing changed, ``-`` for an area a
        rule set lacks or no regiehouder. ``None`` when the cases were mappings."""
        return self._table

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
        errors = self._errors(limit)
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

    # Both engines read the same rows at the same moment; compared natively, column by column.
    at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) if now is None else now
    table, summary, areas, offers = _impact_table(old, new, cases, at, workers)
    return Impact._of_table(old, new, table, summary, areas, offers)


def _rows_of_table(table: Any, areas: List[str], offers: List[str]) -> List[ImpactRow]:
    """``ImpactRow``s from (a part of) the table of ``_impact_table``."""
    cols: Dict[str, List[Any]] = table.to_pydict()

    def none(v: Optional[str]) -> Optional[str]:
        return None if v == "-" else v

    def pair(text: str) -> Level:
        old, new = text.split(" -> ")
        return (old, new)

    rows = []
    for i, case in enumerate(cols["case"]):
        if cols["error"][i] is not None:
            rows.append(ImpactRow(case=case, changed=False, error=cols["error"][i]))
            continue
        if not cols["changed"][i]:
            rows.append(ImpactRow(case=case, changed=False))
            continue
        needs = {a: (cols[f"need_{a}_old"][i], cols[f"need_{a}_new"][i]) for a in areas if cols[f"need_{a}_old"][i] is not None}
        change = {o: cols[f"referral_{o}"][i] for o in offers if cols[f"referral_{o}"][i] is not None}
        regie = (cols["regie_old"][i], cols["regie_new"][i]) if cols["regie_old"][i] is not None else None
        holder = cols["regiehouder_old"][i]
        rows.append(
            ImpactRow(
                case=case,
                changed=True,
                needs=needs,
                referrals_added=[o for o, c in change.items() if c == "added"],
                referrals_removed=[o for o, c in change.items() if c == "removed"],
                referral_status={o: pair(c) for o, c in change.items() if " -> " in c},
                regie=regie,
                regiehouder=None if holder is None else (none(holder), none(cols["regiehouder_new"][i])),
            )
        )
    return rows


def _is_dataframe(obj: object) -> bool:
    t = type(obj)
    return t.__name__ == "DataFrame" and t.__module__.startswith("pandas")
