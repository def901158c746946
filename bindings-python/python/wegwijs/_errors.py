"""The exceptions Wegwijs raises.

Every message names where the problem is and what was expected, never a value from a
case: case data is special-category personal data (AVG art. 9).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional


class Error(Exception):
    """Base class of every error Wegwijs raises."""


class RuleError(Error):
    """A rule set that does not load.

    ``file``, ``line``, ``column`` and ``hint`` describe the first problem; ``diagnostics``
    holds every problem found, each a dict with the keys ``kind``, ``file``, ``line``,
    ``column``, ``path``, ``snippet``, ``message`` and ``hint``. ``line`` and ``column``
    are 1-based, and 0 where the position is not known (e.g. inside a JSON bundle).
    """

    file: str
    line: int
    column: int
    hint: Optional[str]
    diagnostics: List[Dict[str, Any]]

    def __init__(self, message: str, diagnostics: Optional[List[Dict[str, Any]]] = None) -> None:
        super().__init__(message)
        self.diagnostics = list(diagnostics or [])
        first: Dict[str, Any] = self.diagnostics[0] if self.diagnostics else {}
        self.file = first.get("file", "")
        self.line = first.get("line", 0)
        self.column = first.get("column", 0)
        self.hint = first.get("hint")


class CaseError(Error, ValueError):
    """A case that does not fit the rule set's schema.

    ``fact`` is the fact (key) at fault and ``expected`` what the schema allows there,
    e.g. ``"expected an integer from 0 to 120"``. The given value is never included.
    """

    fact: str
    expected: str
    hint: Optional[str]

    def __init__(self, message: str, fact: str = "", expected: str = "", hint: Optional[str] = None) -> None:
        super().__init__(message)
        self.fact = fact
        self.expected = expected
        self.hint = hint

    def __reduce__(self) -> Any:
        return (type(self), (str(self), self.fact, self.expected, self.hint))


class ArgumentError(Error, ValueError):
    """An argument that is not valid, e.g. an evaluation time without a UTC offset or an
    offer that is not in the catalogue."""
