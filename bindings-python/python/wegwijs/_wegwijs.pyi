"""Type stubs of the native module ``wegwijs._wegwijs`` (re-exported by ``wegwijs``).

Checked against the built module by ``python -m mypy.stubtest wegwijs`` (scripts/test.sh)
and by ``bindings-python/tests/test_stubs.py``.
"""

import datetime
import os
from typing import Any, Dict, Iterable, List, Literal, Mapping, Optional, Sequence, Tuple, Union, final

from ._errors import CaseError

__all__ = ["Engine", "Outcome", "Result", "_impact_rows", "_impact_table", "__version__"]

__version__: str

_Now = Union[str, datetime.datetime, None]
"""An evaluation time: RFC 3339 text with offset, a timezone-aware datetime, or None
for the current time."""

_Case = Mapping[str, Any]
"""A case: fact id -> value (bool, int, str, list of str, datetime, date; None = unknown)."""

_Status = Literal["certain", "possible"]

@final
class Outcome:
    """The decided outcome of one evaluation, by id: no texts, built directly from the
    core's compact outcome (the fast path). Each attribute is built when read."""

    @property
    def regie(self) -> str:
        """The regie level reached with certainty, e.g. ``"R2"``."""
    @property
    def regie_status(self) -> _Status:
        """``"possible"`` when open questions could still raise the regie level."""
    @property
    def regie_up_to(self) -> str:
        """The highest regie level open questions could still give (= ``regie`` when certain)."""
    @property
    def needs(self) -> Dict[str, Tuple[str, _Status, str]]:
        """Area -> ``(level, status, up_to)``, in manifest order (``up_to`` = ``level``
        when certain)."""
    @property
    def referrals(self) -> List[Tuple[str, str, _Status, bool]]:
        """``(offer, urgency, status, against_wish)`` per referral, by area, then urgency."""
    @property
    def certain_offers(self) -> Tuple[str, ...]:
        """The offers referred to with certainty, in the order of ``referrals``."""
    @property
    def possible_offers(self) -> Tuple[str, ...]:
        """The offers that open questions could still add (status ``possible``)."""
    @property
    def regiehouder(self) -> Optional[Tuple[str, _Status]]:
        """``(id, status)`` of the proposed regiehouder, or ``None``."""

@final
class Result:
    """The proposal for one case. It proposes; the MDT decides.

    Kept in Rust: ``outcome`` renders nothing; the decided attributes (needs, referrals,
    regie, regiehouder, region) render no texts; explanations, questions, warnings,
    ``to_dict()`` and ``to_json()`` render the whole proposal (once). Pickles as its
    engine, case and evaluation time."""

    @property
    def outcome(self) -> Outcome:
        """The compact outcome by id, without rendering anything."""
    def to_json(self) -> str:
        """The proposal as compact JSON, byte-identical with every binding and the CLI."""
    def to_dict(self) -> Dict[str, Any]:
        """The proposal as plain Python objects (the parsed ``to_json()``)."""
    @property
    def ruleset(self) -> Dict[str, Any]:
        """``{"name", "version", "hash", "signed_by"}`` of the rule set that produced this;
        ``signed_by`` is ``{"key_id", "signer"}`` when it was loaded with ``trust=``, else ``None``."""
    @property
    def evaluated_at(self) -> str:
        """The evaluation time (RFC 3339, UTC)."""
    @property
    def region(self) -> Optional[str]:
        """The case's region, if known."""
    @property
    def needs(self) -> List[Dict[str, Any]]:
        """Need per area: area, level, status, up_to, rules."""
    @property
    def referrals(self) -> List[Dict[str, Any]]:
        """Referrals: offer, area, organisation, label, urgency, deadline, status,
        outside_consent and against_wish (each a marker: status, label, reason, ground,
        or None), provider, rules, and for a case record ``rejected`` when the MDT rejected it."""
    @property
    def regie(self) -> Dict[str, Any]:
        """Regie level: level, label, status, up_to, rules."""
    @property
    def regiehouder(self) -> Optional[Dict[str, Any]]:
        """The proposed regiehouder: id, organisation, label, status, alternatives, rules, and
        consent_first (only when true: the organisation is outside the consent, discuss it first)."""
    @property
    def explanations(self) -> List[Dict[str, Any]]:
        """Every rule that holds or could hold: rule, status, facts, text, source, override."""
    @property
    def questions(self) -> List[Dict[str, Any]]:
        """Open questions that could change the proposal: fact, section, label, question,
        affects."""
    @property
    def warnings(self) -> List[Dict[str, Any]]:
        """Things the MDT should notice: code, message."""
    def why_not(self, offer: str) -> Dict[str, Any]:
        """Why ``offer`` is not (certainly) proposed. For a case record, ``declined`` says
        when the victim declined it or the MDT rejected it (``by``, ``at``, ``text`` in nl/en)."""
    def for_audience(self, audience: str, lang: Optional[str] = None) -> Dict[str, Any]:
        """The proposal for ``audience``: ``"professional"``, ``"slachtoffer"``, ``"melder"``
        (a short plain-language summary) or a partner organisation id (a handover within consent).
        With ``lang`` (one of the rule set's languages, else ``ValueError``), every text holds
        only that language, or Dutch where it has none, and the result says ``"language"``."""
    def for_audience_json(self, audience: str, lang: Optional[str] = None) -> str:
        """``for_audience`` as compact JSON (byte-identical in every binding)."""
    def __reduce__(self) -> Tuple[Any, Tuple[Dict[str, Any], str]]: ...

@final
class Engine:
    """A loaded, compiled rule set. Immutable, thread-safe, picklable (as its bundle)."""

    @classmethod
    def default(cls) -> "Engine":
        """The national rule set built into the library."""
    @classmethod
    def load(cls, path: Union[str, "os.PathLike[str]"], trust: Optional[Sequence[str]] = None) -> "Engine":
        """Loads a rule-set folder or a JSON bundle file; raises ``RuleError``.

        ``trust``: texts of public key files; then only a bundle signed by one of them loads."""
    @classmethod
    def from_bundle(cls, text: str, trust: Optional[Sequence[str]] = None) -> "Engine":
        """Loads a JSON bundle given as text; raises ``RuleError``.

        ``trust``: texts of public key files; then only a bundle signed by one of them loads."""
    @property
    def name(self) -> str:
        """The rule set's name."""
    @property
    def version(self) -> str:
        """The rule set's version."""
    @property
    def hash(self) -> str:
        """``sha256:…`` over the rule set's canonical content."""
    def bundle(self) -> str:
        """The whole rule set as one JSON document."""
    def evaluate(self, case: _Case, now: _Now = None) -> Result:
        """Evaluates one case; raises ``CaseError`` if it does not fit the schema. A case
        record (a mapping with ``facts``, as ``wegwijs eval`` tells them apart) is evaluated
        as ``evaluate_record`` does."""
    def evaluate_many(
        self, cases: Union[Iterable[_Case], Any], now: _Now = None, workers: Optional[int] = None
    ) -> List[Union[Result, CaseError]]:
        """Evaluates many cases (mappings, or a pandas DataFrame) in parallel without the
        GIL; one entry per case, in order: a ``Result`` or the row's ``CaseError``."""
    def outcomes(self, data: Any, *, now: _Now = None, workers: Optional[int] = None) -> Any:
        """The outcomes of many cases as a ``pyarrow.Table``, one row per case in input
        order (columns: ``outcome_columns()``, all text; ``error`` for a row that does not
        fit the schema). ``data``: a pyarrow Table/RecordBatch/RecordBatchReader, a polars or
        pandas DataFrame, anything with the Arrow PyCapsule interface, or an iterable of
        mappings. Converted and evaluated on ``workers`` threads (default: every core)."""
    def outcome(self, case: _Case, now: _Now = None) -> Tuple[Tuple[str, ...], Tuple[str, ...], str, str]:
        """The outcome of one case as one flat tuple, the fast path for a call per case:
        ``(certain_offers, possible_offers, regie, regie_up_to)``, offer ids in catalogue
        order; the regie level is certain when ``regie == regie_up_to``. Builds no
        ``Result``. A case record is refused (use ``evaluate(record).outcome``)."""
    def outcome_columns(self) -> List[str]:
        """The column names of ``outcomes()``, in order."""
    def questions(self, case: _Case, now: _Now = None) -> List[Dict[str, Any]]:
        """The open questions for ``case``, most urgent first."""
    def schema(self) -> Dict[str, Any]:
        """The intake schema (sections, facts) for building forms."""
    def check(self) -> List[Dict[str, Any]]:
        """The findings of ``wegwijs check``, most serious first."""
    def run_tests(self) -> List[Dict[str, Any]]:
        """Runs the rule set's scenario tests."""
    # Case records over time (docs/case-record.md; native code in src/record.rs).
    def evaluate_record(self, record: Union[Mapping[str, Any], str], now: _Now = None) -> Result:
        """The proposal for a case record (or a plain facts dict) at ``now``."""
    def changes_since(
        self,
        record: Union[Mapping[str, Any], str],
        previous: Union[Result, Mapping[str, Any], str, None] = None,
        now: _Now = None,
    ) -> Optional[Dict[str, Any]]:
        """What changed since ``previous`` or, without it, since the record's last decision."""
    def agenda(self, records: Iterable[Union[Mapping[str, Any], str]], now: _Now = None) -> Dict[str, Any]:
        """The MDT agenda over the records, most urgent first."""
    def verify(self, record: Union[Mapping[str, Any], str]) -> Dict[str, Any]:
        """Verifies every decision of the record (hashes, chain, case, rule set)."""
    def decide(
        self, record: Union[Mapping[str, Any], str], decision: Union[Mapping[str, Any], str], now: _Now = None
    ) -> Dict[str, Any]:
        """Records an MDT decision; raises ``ArgumentError`` listing what is missing."""
    def __reduce__(self) -> Tuple[Any, Tuple[str]]: ...

def _impact_rows(
    old: Engine, new: Engine, cases: Union[Iterable[_Case], Any], now: _Now = None, workers: Optional[int] = None
) -> List[
    Tuple[
        bool,
        Optional[str],
        List[Tuple[str, str, str]],
        List[str],
        List[str],
        List[Tuple[str, str, str]],
        Optional[Tuple[str, str]],
        Optional[Tuple[Optional[str], Optional[str]]],
    ]
]:
    """Internal: the per-case differences behind ``wegwijs.impact``."""

def _impact_table(
    old: Engine, new: Engine, cases: Union[Iterable[_Case], Any], now: _Now = None, workers: Optional[int] = None
) -> Tuple[Any, Dict[str, Any], List[str], List[str]]:
    """Both engines over ``cases``, compared natively: ``(table, summary, areas, offers)``
    (see ``Impact.to_arrow``)."""
