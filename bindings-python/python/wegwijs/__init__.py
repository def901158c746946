"""Wegwijs: decision support for the Dutch joint approach to sexual violence.

A rule set proposes, for one intake case, the needs per area, referrals with urgency and
deadline, a regie level and a regiehouder, each with a plain-language reason, and the
questions still open. It proposes; the MDT decides.

>>> import wegwijs
>>> engine = wegwijs.Engine.default()                     # the national rules
>>> result = engine.evaluate({"age": 24}, now="2026-03-02T18:00:00+01:00")
>>> result.regie["level"], [r["offer"] for r in result.referrals]   # doctest: +SKIP

See ``bindings-python/README.md`` for the whole API.
"""

from ._errors import ArgumentError, CaseError, Error, RuleError
from ._impact import Impact, ImpactRow, impact
from ._wegwijs import Engine, Outcome, Result, __version__

__all__ = [
    "ArgumentError",
    "CaseError",
    "Engine",
    "Error",
    "Impact",
    "ImpactRow",
    "Outcome",
    "Result",
    "RuleError",
    "__version__",
    "impact",
]
