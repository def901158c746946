"""The type stubs match the built module (stubtest) and type real use (mypy --strict)."""

from __future__ import annotations

import pathlib
import shutil
import subprocess
import sys

import pytest

HERE = pathlib.Path(__file__).resolve().parent
PACKAGE = HERE.parent / "python" / "wegwijs"

pytest.importorskip("mypy")


def run(*args: str, cwd: pathlib.Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def test_stub_files_are_shipped() -> None:
    assert (PACKAGE / "_wegwijs.pyi").is_file()
    assert (PACKAGE / "py.typed").is_file()


def test_stubtest(tmp_path: pathlib.Path) -> None:
    out = run("mypy.stubtest", "wegwijs", cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_strict_on_typed_usage(tmp_path: pathlib.Path) -> None:
    shutil.copy(HERE / "typing_usage.py", tmp_path / "usage.py")
    out = run("mypy", "--strict", "--no-incremental", "usage.py", cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_rejects_wrong_usage(tmp_path: pathlib.Path) -> None:
    """The stubs are precise: wrong calls are type errors (not silently Any)."""
    (tmp_path / "wrong.py").write_text(
        "import wegwijs\n"
        "e = wegwijs.Engine.default()\n"
        "e.evaluate([1, 2])\n"
        "e.evaluate({}, now=3)\n"
        "e.evaluate_many([{}], workers='2')\n"
        "x: int = e.evaluate({}).to_json()\n"
        "e.nonexistent()\n",
        encoding="utf-8",
    )
    out = run("mypy", "--no-incremental", "wrong.py", cwd=tmp_path)
    assert out.returncode == 1, out.stdout
    for line in (3, 4, 5, 6, 7):
        assert f"wrong.py:{line}: error" in out.stdout, out.stdout
