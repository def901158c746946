#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into fuzz/corpus/<target>/ (git-ignored).

Sources: the national rules (rules/), the small test rule set (tests/fixtures/mini), the
conformance vectors (tests/conformance) and the case fixtures (tests/fixtures/cases).
Bundles are passed in as files (scripts/fuzz.sh writes them with `wegwijs bundle`).
Usage: seed.py REPO_ROOT CORPUS_DIR [BUNDLE_FILE...]
"""

import hashlib
import json
import re
import struct
import sys
import tomllib
from datetime import datetime
from pathlib import Path

MINI_FILES = ["manifest.toml", "schema.toml", "derived.toml", "offers.toml", "regions.toml", "rules/main.toml"]


def write(folder: Path, data: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def expressions(node):
    """Every `when`/`expr` text and every {placeholder} of a parsed rule file."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("when", "expr", "expression") and isinstance(value, str):
                yield value
            elif isinstance(value, str):
                yield from re.findall(r"\{([^{}]+)\}", value)
            else:
                yield from expressions(value)
    elif isinstance(node, list):
        for item in node:
            yield from expressions(item)


def main() -> None:
    root, corpus = Path(sys.argv[1]), Path(sys.argv[2])
    bundles = [Path(p) for p in sys.argv[3:]]
    tomls = sorted((root / "rules").rglob("*.toml")) + sorted((root / "tests/fixtures/mini").rglob("*.toml"))

    # case_json: 8 bytes of `now` (little-endian seconds), 1 byte offer pick, the case JSON.
    cases = []
    for path in sorted((root / "tests/conformance").glob("*.case.json")):
        vector = json.loads(path.read_text())
        now = int(datetime.fromisoformat(vector["now"]).timestamp())
        cases.append((now, json.dumps(vector["case"], ensure_ascii=False)))
    for path in sorted((root / "tests/fixtures/cases").glob("*.json")):
        cases.append((1772470800, path.read_text()))
    for i, (now, text) in enumerate(cases):
        for stamp in (now, 0, -(2**63), 2**63 - 1):
            write(corpus / "case_json", struct.pack("<qB", stamp, i % 256) + text.encode())

    # case_record: 8 bytes of `now`, the record JSON and, after a `---` line, the record's
    # last decision taken again (so `decide` runs on real records).
    meeting = int(datetime.fromisoformat("2026-03-10T09:00:00+01:00").timestamp())
    for path in sorted((root / "examples/records").glob("*.json")):
        text = path.read_text()
        record = json.loads(text)
        write(corpus / "case_record", struct.pack("<q", meeting) + text.encode())
        for decision in record.get("decisions", [])[-1:]:
            again = {k: v for k, v in decision.items() if k not in ("ruleset_hash", "proposal_hash", "at")}
            tail = "\n---\n" + json.dumps(again, ensure_ascii=False)
            write(corpus / "case_record", struct.pack("<q", meeting) + (text + tail).encode())

    # decide_verify: 8 bytes of `now`, a record, then after `---` lines one or two
    # decisions: the record without its last decision and that decision taken again (at its
    # own time, and at the meeting), so `decide` and `verify` run on real records.
    stamped = ("ruleset_hash", "proposal_hash", "previous_hash", "decision_hash", "case")
    for path in sorted((root / "examples/records").glob("*.json")):
        record = json.loads(path.read_text())
        write(corpus / "decide_verify", struct.pack("<q", meeting) + path.read_text().encode())
        for decision in record.get("decisions", [])[-1:]:
            earlier = dict(record, decisions=record["decisions"][:-1])
            text = json.dumps(earlier, ensure_ascii=False)
            again = {k: v for k, v in decision.items() if k not in stamped}
            untimed = {k: v for k, v in again.items() if k != "at"}
            for tail in (again, untimed):
                one = "\n---\n" + json.dumps(tail, ensure_ascii=False)
                write(corpus / "decide_verify", struct.pack("<q", meeting) + (text + one).encode())
                write(corpus / "decide_verify", struct.pack("<q", meeting) + (text + one + one).encode())

    # expression: every condition, derived-fact expression and placeholder.
    seen = set()
    for path in tomls:
        for expr in expressions(tomllib.loads(path.read_text())):
            if expr not in seen:
                seen.add(expr)
                write(corpus / "expression", expr.encode())

    # toml_folder: the pick byte selects the mini file the text replaces.
    for path in tomls:
        in_rules_dir = path.parent.name == "rules" and path.parent != root / "rules"
        name = "rules/main.toml" if in_rules_dir else path.name
        pick = MINI_FILES.index(name) if name in MINI_FILES else len(MINI_FILES) - 1
        write(corpus / "toml_folder", bytes([pick]) + path.read_bytes())

    # bundle: the bundles given, compact and pretty.
    for path in bundles:
        text = path.read_text()
        write(corpus / "bundle", text.encode())
        write(corpus / "bundle", json.dumps(json.loads(text), separators=(",", ":")).encode())

    for target in ("case_json", "case_record", "decide_verify", "expression", "toml_folder", "bundle"):
        count = len(list((corpus / target).glob("*"))) if (corpus / target).exists() else 0
        print(f"    seeds {target}: {count}")


if __name__ == "__main__":
    main()
