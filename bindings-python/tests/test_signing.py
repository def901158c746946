"""Signed rule sets (issue 13, item 7): ``trust=`` on ``Engine.from_bundle`` and ``Engine.load``.

A bundle signed by a trusted key loads and its results record the signer; a tampered one
(PEP window 72 h -> 0 h, rehashed), an unsigned one or a rule-set folder is refused.
"""

from __future__ import annotations

import json

import pytest

import wegwijs

from conftest import MINI, NOW, PEP_CASE, REPO

TEST_KEY = (REPO / "keys" / "test-signing-key.public.json").read_text()
SIGNED = REPO / "tests" / "fixtures" / "signing" / "mini.signed.json"
TAMPERED = REPO / "tests" / "fixtures" / "signing" / "mini.tampered.json"


def test_a_signed_bundle_loads_under_its_key_and_records_the_signer() -> None:
    engine = wegwijs.Engine.from_bundle(SIGNED.read_text(), trust=[TEST_KEY])
    signed_by = engine.evaluate(PEP_CASE, now=NOW).ruleset["signed_by"]
    assert signed_by == {"key_id": json.loads(TEST_KEY)["key_id"], "signer": json.loads(TEST_KEY)["signer"]}
    assert wegwijs.Engine.load(SIGNED, trust=[TEST_KEY]).hash == engine.hash
    # Without trust= it loads too, and claims no signer.
    assert wegwijs.Engine.from_bundle(SIGNED.read_text()).evaluate(PEP_CASE, now=NOW).ruleset["signed_by"] is None


def test_a_tampered_rehashed_bundle_is_refused_under_trust() -> None:
    loose = wegwijs.Engine.from_bundle(TAMPERED.read_text())
    assert loose.hash != wegwijs.Engine.from_bundle(SIGNED.read_text()).hash
    for load in (
        lambda: wegwijs.Engine.from_bundle(TAMPERED.read_text(), trust=[TEST_KEY]),
        lambda: wegwijs.Engine.load(TAMPERED, trust=[TEST_KEY]),
    ):
        with pytest.raises(wegwijs.RuleError, match="does not match"):
            load()


def test_unsigned_bundles_folders_and_bad_keys_are_refused() -> None:
    unsigned = wegwijs.Engine.load(MINI).bundle()
    with pytest.raises(wegwijs.RuleError, match="not signed"):
        wegwijs.Engine.from_bundle(unsigned, trust=[TEST_KEY])
    with pytest.raises(wegwijs.RuleError, match="folder is not signed"):
        wegwijs.Engine.load(MINI, trust=[TEST_KEY])
    with pytest.raises(wegwijs.ArgumentError):
        wegwijs.Engine.from_bundle(SIGNED.read_text(), trust=["not a key file"])
    with pytest.raises(TypeError):
        wegwijs.Engine.from_bundle(SIGNED.read_text(), trust=TEST_KEY)  # type: ignore[arg-type]


def test_the_built_in_rules_are_signed_by_the_test_key() -> None:
    signed_by = wegwijs.Engine.default().evaluate({}, now=NOW).ruleset["signed_by"]
    assert signed_by["key_id"] == json.loads(TEST_KEY)["key_id"]
