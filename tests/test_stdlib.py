"""A run over the installed standard library, test data included: no traceback, every file
that Python's parser rejects is reported as HEM000, and every other file is analysed.

The standard library holds deliberately broken files (bad encodings, Python 2 syntax,
invalid ``__future__`` imports) next to thousands of good ones, which makes it the best
hostile corpus at hand. Third-party packages installed inside it are left out.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import sysconfig
import warnings
from pathlib import Path
from typing import Dict, List

import pytest

STDLIB = Path(sysconfig.get_paths()["stdlib"])


def python_refuses(path: Path) -> bool:
    """What the question is about: does Python's parser (decoding included) reject the file?

    What only the compiler rejects (the standard library's ``badsyntax_future*.py``) is
    analysed like any other file."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(path.read_bytes(), str(path), "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return True
    return False


@pytest.mark.slow
def test_the_standard_library_is_analysed_without_a_crash(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.helpful-errors]\nextend-exclude = ["site-packages", "dist-packages"]\n')
    proc = subprocess.run(
        [sys.executable, "-m", "helpful_errors", "check", "--format", "json", "--no-cache", "--jobs", "2",
         "--config", str(tmp_path / "pyproject.toml"), str(STDLIB)],
        capture_output=True, text=True, timeout=900, cwd=tmp_path,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    findings = json.loads(proc.stdout)
    reported: Dict[str, List[str]] = {}
    for f in findings:
        if f["code"] == "HEM000":
            reported.setdefault(f["path"], []).append(f["message"])
    files = [
        p for p in STDLIB.rglob("*.py*")
        if p.suffix in (".py", ".pyi") and not {"site-packages", "dist-packages", "__pycache__"} & set(p.parts)
        and p.is_file()
    ]
    assert len(files) > 1000, "the standard library seems incomplete"
    refused = {str(p) for p in files if python_refuses(p)}
    assert set(reported) == refused, {
        "Python refuses, but not reported": sorted(refused - set(reported)),
        "reported, but Python parses them": {p: reported[p] for p in sorted(set(reported) - refused)},
    }
    for path, messages in reported.items():
        assert len(messages) == 1, (path, messages)
        assert "failed on it" not in messages[0] and "LibCST cannot parse" not in messages[0], (path, messages)
    analysed = {f["path"] for f in findings} - set(reported)
    # Both halves are read: the modules, many of which raise, and the test suite, whose own
    # raises are fixtures HEM001 leaves alone but whose helpers still have messages to judge.
    in_tests = {p for p in analysed if {"test", "tests"} & set(Path(p).parts)}
    assert len(analysed - in_tests) > 250, "most modules of the standard library have messages to judge"
    assert len(in_tests) > 100, "the standard library's tests were analysed too"
    print(f"{len(files)} files, {len(refused)} refused by Python and reported as HEM000, {len(findings)} findings")
