"""A plain-Python evaluator of a Wegwijs rule set, for the benchmark's baseline.

It translates every expression of the rule set (derived facts, rule conditions, offer
wishes) into a Python function with three-valued logic (``None`` = unknown) and merges the
effects the way the engine does (needs and regie: certain level and ``up_to``; referrals
with wish gating and overrides; the regiehouder by rank). It does what a hand-written
Python function for these rules would do, so the benchmark compares like with like; the
benchmark checks that it agrees with the engine before timing anything.

Not part of the package: a benchmark tool only (no explanations, questions or texts).
"""

from __future__ import annotations

import calendar
import datetime
import json
import re
from typing import Any, Callable, Dict, List, Optional, Set, Tuple

_TOKEN = re.compile(r"\s*(?:(\d+)|'([^']*)'|\"([^\"]*)\"|([A-Za-z_][A-Za-z0-9_]*)|(==|!=|<=|>=|<|>|\+|-|\*|\(|\)|\[|\]|,))")
_PREC = {"implies": 1, "or": 2, "and": 3, "==": 5, "!=": 5, "<": 5, "<=": 5, ">": 5, ">=": 5, "in": 5, "+": 6, "-": 6, "*": 7}

# three-valued helpers used by the generated code
PRELUDE = '''
def _not(a): return None if a is None else not a
def _and(a, b):
    if a is False or b is False: return False
    if a is None or b is None: return None
    return True
def _or(a, b):
    if a is True or b is True: return True
    if a is None or b is None: return None
    return False
def _cmp(op, a, b):
    if a is None or b is None: return None
    return op(a, b)
def _arith(op, a, b):
    if a is None or b is None: return None
    return op(a, b)
def _in(a, values): return None if a is None else a in values
def _has(s, v): return None if s is None else v in s
def _any(s, values): return None if s is None else not values.isdisjoint(s)
def _all(s, values): return None if s is None else values.issubset(s)
def _count(s): return None if s is None else len(s)
def _since(t, now, unit): return None if t is None else (now - t) // unit
'''


def _tokens(text: str) -> List[Tuple[str, Any]]:
    out: List[Tuple[str, Any]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise ValueError(f"cannot read {text[pos:]!r}")
        pos = m.end()
        num, s1, s2, ident, op = m.groups()
        if num is not None:
            out.append(("int", int(num)))
        elif s1 is not None or s2 is not None:
            out.append(("text", s1 if s1 is not None else s2))
        elif ident is not None:
            out.append(("ident", ident))
        else:
            out.append(("op", op))
    out.append(("end", None))
    return out


class _Parser:
    """Precedence climbing, as in the engine: implies < or < and < not < comparisons/in <
    + - < * < unary minus."""

    def __init__(self, text: str, kinds: Dict[str, str], consts: Dict[str, Any]) -> None:
        self.toks = _tokens(text)
        self.pos = 0
        self.kinds = kinds  # name -> bool | int | enum | set | time
        self.consts = consts  # hoisted constant value lists

    def peek(self) -> Tuple[str, Any]:
        return self.toks[self.pos]

    def take(self) -> Tuple[str, Any]:
        t = self.toks[self.pos]
        self.pos += 1
        return t

    def binary(self) -> Optional[str]:
        kind, v = self.peek()
        if kind == "ident" and v in ("and", "or", "implies", "in"):
            return str(v)
        if kind == "op" and v in _PREC:
            return str(v)
        return None

    def expr(self, min_prec: int = 0) -> Tuple[str, str]:
        code, ty = self.prefix()
        while True:
            op = self.binary()
            if op is None or _PREC[op] < min_prec:
                return code, ty
            self.take()
            prec = _PREC[op]
            rhs, rty = self.expr(prec if op == "implies" else prec + 1)
            code, ty = self.combine(op, (code, ty), (rhs, rty))

    def combine(self, op: str, lhs: Tuple[str, str], rhs: Tuple[str, str]) -> Tuple[str, str]:
        (a, aty), (b, bty) = lhs, rhs
        if op == "and":
            return f"_and({a}, {b})", "bool"
        if op == "or":
            return f"_or({a}, {b})", "bool"
        if op == "implies":
            return f"_or(_not({a}), {b})", "bool"
        if op == "in":
            if bty == "list":
                return f"_in({a}, {b})", "bool"
            return f"_has({b}, {a})", "bool"
        if op in ("+", "-", "*"):
            fn = {"+": "_add", "-": "_sub", "*": "_mul"}[op]
            return f"_arith({fn}, {a}, {b})", "int"
        fn = {"==": "_eq", "!=": "_ne", "<": "_lt", "<=": "_le", ">": "_gt", ">=": "_ge"}[op]
        return f"_cmp({fn}, {a}, {b})", "bool"

    def prefix(self) -> Tuple[str, str]:
        kind, v = self.peek()
        if kind == "ident" and v == "not":
            self.take()
            code, _ = self.expr(4)
            return f"_not({code})", "bool"
        if kind == "op" and v == "-":
            self.take()
            code, _ = self.expr(8)
            return f"_arith(_sub, 0, {code})", "int"
        return self.primary()

    def primary(self) -> Tuple[str, str]:
        kind, v = self.take()
        if kind == "int":
            return repr(v), "int"
        if kind == "text":
            return repr(v), "text"
        if kind == "op" and v == "(":
            code, ty = self.expr(0)
            assert self.take() == ("op", ")")
            return f"({code})", ty
        if kind == "op" and v == "[":
            items = self.items("]")
            name = f"_k{len(self.consts)}"
            self.consts[name] = frozenset(eval(c) for c, _ in items)  # literals only
            return name, "list"
        if kind == "ident":
            if v in ("true", "false"):
                return ("True" if v == "true" else "False"), "bool"
            if self.peek() == ("op", "("):
                self.take()
                args = self.items(")")
                return self.call(str(v), args)
            return f"v_{v}", self.kinds[v]
        raise ValueError(f"unexpected {v!r}")

    def items(self, close: str) -> List[Tuple[str, str]]:
        items: List[Tuple[str, str]] = []
        if self.peek() == ("op", close):
            self.take()
            return items
        while True:
            items.append(self.expr(0))
            kind, v = self.take()
            if (kind, v) == ("op", close):
                return items
            assert (kind, v) == ("op", ","), (kind, v)

    def call(self, name: str, args: List[Tuple[str, str]]) -> Tuple[str, str]:
        a = [c for c, _ in args]
        if name == "any":
            return f"_any({a[0]}, {a[1]})", "bool"
        if name == "all":
            return f"_all({a[0]}, {a[1]})", "bool"
        if name == "count":
            return f"_count({a[0]})", "int"
        if name == "hours_since":
            return f"_since({a[0]}, now, 3600)", "int"
        if name == "days_since":
            return f"_since({a[0]}, now, 86400)", "int"
        if name == "known":
            return f"({a[0]} is not None)", "bool"
        raise ValueError(f"unknown function {name}")


def _epoch_datetime(text: str) -> int:
    return int(datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() // 1)


def _epoch_date(text: str) -> int:
    d = datetime.date.fromisoformat(text)
    return calendar.timegm((d.year, d.month, d.day, 0, 0, 0))


def _dependency_order(derived: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Derived facts may use each other in any file order: sort them so that each comes
    after what it reads."""
    by_id = {d["id"]: d for d in derived}
    out: List[Dict[str, Any]] = []
    seen: Set[str] = set()

    def visit(d: Dict[str, Any]) -> None:
        if d["id"] in seen:
            return
        seen.add(d["id"])
        for kind, name in _tokens(d["expr"]):
            if kind == "ident" and name in by_id:
                visit(by_id[name])
        out.append(d)

    for d in derived:
        visit(d)
    return out


def compile_rules(bundle_text: str) -> Callable[[Dict[str, Any], int], Dict[str, Any]]:
    """A plain-Python function ``evaluate(case, now_epoch_seconds)`` for the rule set in
    ``bundle_text`` (``Engine.bundle()``), returning needs, referrals, regie and the
    regiehouder by id, with ``certain``/``possible`` status."""
    rs = json.loads(bundle_text)["ruleset"]
    m = rs["manifest"]
    kinds: Dict[str, str] = {}
    consts: Dict[str, Any] = {}
    lines = ["def evaluate(c, now):"]
    for f in rs["schema"]["facts"]:
        fid, t = f["id"], f["type"]
        kinds[fid] = {"datetime": "time", "date": "time"}.get(t, t)
        if t == "datetime":
            lines.append(f"    v_{fid} = c.get({fid!r}); v_{fid} = None if v_{fid} is None else _epoch_datetime(v_{fid})")
        elif t == "date":
            lines.append(f"    v_{fid} = c.get({fid!r}); v_{fid} = None if v_{fid} is None else _epoch_date(v_{fid})")
        else:
            lines.append(f"    v_{fid} = c.get({fid!r})")
    for d in _dependency_order(rs.get("derived", [])):
        code, ty = _Parser(d["expr"], kinds, consts).expr()
        kinds[d["id"]] = ty
        lines.append(f"    v_{d['id']} = {code}")
    rules = rs["rules"]
    lines.append("    status = (")
    for r in rules:
        code, _ = _Parser(r["when"], kinds, consts).expr()
        lines.append(f"        {code},")
    lines.append("    )")
    offers = rs["offers"]
    lines.append("    wishes = (")
    for o in offers:
        code = _Parser(o["wish"], kinds, consts).expr()[0] if o.get("wish") else "True"
        lines.append(f"        lambda: {code},")
    lines.append("    )")
    deadline_facts = sorted({ref["deadline"]["from"] for r in rules for ref in r.get("refer", []) if ref.get("deadline")})
    lines.append("    times = {" + ", ".join(f"{f!r}: v_{f}" for f in deadline_facts) + "}")
    lines.append("    return _merge(status, wishes, times)")

    area_ix = {a["id"]: i for i, a in enumerate(m["areas"])}
    need_ix = {a["id"]: i for i, a in enumerate(m["need_levels"])}
    urg_ix = {a["id"]: i for i, a in enumerate(m["urgencies"])}
    regie_ix = {a["id"]: i for i, a in enumerate(m["regie_levels"])}
    holder_ix = {a["id"]: i for i, a in enumerate(m["regiehouders"])}
    offer_ix = {o["id"]: i for i, o in enumerate(offers)}
    table = [
        (
            [(area_ix[a], need_ix[lvl]) for a, lvl in r.get("need", {}).items()],
            [
                (offer_ix[ref["offer"]], urg_ix[ref["urgency"]], (ref.get("deadline") or {}).get("from"))
                for ref in r.get("refer", [])
            ],
            regie_ix[r["regie"]] if r.get("regie") else None,
            (holder_ix[r["regiehouder"]["id"]], r["regiehouder"]["rank"]) if r.get("regiehouder") else None,
            "override" in r,
        )
        for r in rules
    ]
    names = {
        "areas": [a["id"] for a in m["areas"]],
        "needs": [a["id"] for a in m["need_levels"]],
        "regie": [a["id"] for a in m["regie_levels"]],
        "holders": [a["id"] for a in m["regiehouders"]],
        "offers": [o["id"] for o in offers],
        "offer_area": [area_ix[o["area"]] for o in offers],
        "urgencies": [u["id"] for u in m["urgencies"]],
    }

    def merge(status: Tuple[Optional[bool], ...], wishes: Tuple[Callable[[], Optional[bool]], ...], times: Dict[str, Any]) -> Dict[str, Any]:
        needs = [[0, 0] for _ in names["areas"]]
        regie = [0, 0]
        referrals: Dict[int, List[Any]] = {}
        wish_cache: Dict[int, Optional[bool]] = {}
        best: Optional[Tuple[int, int]] = None
        candidates = []
        for st, (rneeds, refer, rregie, holder, override) in zip(status, table):
            if st is False:
                continue
            certain = st is True
            for area, lvl in rneeds:
                n = needs[area]
                if certain and lvl > n[0]:
                    n[0] = lvl
                n[1] = max(n[1], lvl, n[0])
            if rregie is not None:
                if certain and rregie > regie[0]:
                    regie[0] = rregie
                regie[1] = max(regie[1], rregie, regie[0])
            if holder is not None:
                hid, rank = holder
                candidates.append((hid, rank, st))
                if certain and (best is None or rank > best[0] or (rank == best[0] and hid < best[1])):
                    best = (rank, hid)
            for offer, urgency, _from in refer:
                if offer not in wish_cache:
                    wish_cache[offer] = wishes[offer]()
                wish = wish_cache[offer]
                gate = True if override else wish
                contribution = False if gate is False else (None if (st is None or gate is None) else True)  # st is not False here
                if contribution is False:
                    continue
                sure = contribution is True
                r = referrals.get(offer)
                if r is None:
                    referrals[offer] = [sure, urgency]
                elif sure and not r[0]:
                    r[0], r[1] = True, urgency
                elif sure == r[0]:
                    r[1] = max(r[1], urgency)
        holder_id: Optional[str] = None
        holder_certain = False
        if best is not None:
            rank, hid = best
            holder_id = names["holders"][hid]
            holder_certain = not any(st is None and c != hid and r >= rank for c, r, st in candidates)
        elif candidates:
            hid = max(candidates, key=lambda x: (x[1], -x[0]))[0]
            holder_id = names["holders"][hid]
        return {
            "needs": {names["areas"][i]: (names["needs"][c], names["needs"][u]) for i, (c, u) in enumerate(needs)},
            "referrals": {
                names["offers"][o]: ("certain" if sure else "possible", names["urgencies"][urg])
                for o, (sure, urg) in sorted(referrals.items(), key=lambda kv: (names["offer_area"][kv[0]], -kv[1][1], kv[0]))
            },
            "regie": (names["regie"][regie[0]], names["regie"][regie[1]]),
            "regiehouder": (holder_id, "certain" if holder_certain else "possible") if holder_id else None,
        }

    import operator

    scope: Dict[str, Any] = {
        "_merge": merge,
        "_epoch_datetime": _epoch_datetime,
        "_epoch_date": _epoch_date,
        "_add": operator.add,
        "_sub": operator.sub,
        "_mul": operator.mul,
        "_eq": operator.eq,
        "_ne": operator.ne,
        "_lt": operator.lt,
        "_le": operator.le,
        "_gt": operator.gt,
        "_ge": operator.ge,
    }
    scope.update(consts)
    exec(PRELUDE, scope)
    exec("\n".join(lines), scope)
    fn: Callable[[Dict[str, Any], int], Dict[str, Any]] = scope["evaluate"]
    return fn


def digest(proposal: Dict[str, Any]) -> Dict[str, Any]:
    """The same shape as ``compile_rules``' result, from an engine proposal (``to_dict()``)."""
    return {
        "needs": {n["area"]: (n["level"], n["up_to"] or n["level"]) for n in proposal["needs"]},
        "referrals": {r["offer"]: (r["status"], r["urgency"]) for r in proposal["referrals"]},
        "regie": (proposal["regie"]["level"], proposal["regie"]["up_to"] or proposal["regie"]["level"]),
        "regiehouder": (proposal["regiehouder"]["id"], proposal["regiehouder"]["status"]) if proposal["regiehouder"] else None,
    }

