"""helpful-errors judges the text it prints itself, as it would judge anyone's messages.

Checking ``src/`` (``test_rulebook.py``) sees only the templates in our source; the words a
user reads are often assembled at run time (a hint chosen from close matches, a reason and
its fix joined). So these tests provoke each usage, configuration and file problem for
real, take the text the user sees, and run our own rules over it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import pytest

from helpful_errors.config import Settings
from helpful_errors.engine import analyze_source

HOSTILE = Path(__file__).parent / "hostile"
APP = 'raise ValueError("Port is invalid")\n'


def codes_for(text: str) -> List[str]:
    """The codes our rules give ``text`` used as an exception message."""
    result = analyze_source(f"raise ValueError({text!r})\n", "message.py", Settings())
    return [f.code for f in result.findings]


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "helpful_errors", *args], capture_output=True, text=True, cwd=cwd)


def last_error_line(stderr: str) -> str:
    """The sentence the user reads: the last line, without our prefix or click's ``Error:``."""
    line = stderr.strip().splitlines()[-1]
    for prefix in ("helpful-errors: ", "Error: "):
        if line.startswith(prefix):
            return line[len(prefix):]
    return line


def test_the_judge_used_here_rejects_a_state_only_sentence() -> None:
    # Without this, a judge that accepts everything would make the tests below pass.
    assert codes_for("baseline file 'b.json' does not exist") == ["HEM001"]


PYPROJECTS: Dict[str, str] = {
    "unknown key": '[tool.helpful-errors]\nselectt = ["HEM"]\n',
    "wrong type": '[tool.helpful-errors]\nselect = "HEM"\n',
    "malformed TOML": "[tool.helpful-errors\n",
    "unknown audience": '[tool.helpful-errors]\naudience = "users"\n',
    "unknown code": '[tool.helpful-errors]\nignore = ["HEM01x"]\n',
    "not a table": "[tool]\nhelpful-errors = 3\n",
    "exclude entry": "[tool.helpful-errors]\nexclude = [3]\n",
    "per-file-ignores entry": '[tool.helpful-errors]\nper-file-ignores = {"a" = 3}\n',
}


@pytest.mark.parametrize("case", sorted(PYPROJECTS))
def test_configuration_errors_pass_our_own_rules(tmp_path: Path, case: str) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECTS[case], encoding="utf-8")
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    proc = run_cli("check", "--no-cache", "app.py", cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    message = last_error_line(proc.stderr)
    assert "pyproject.toml" in message
    assert codes_for(message) == [], message


USAGE: Dict[str, List[str]] = {
    "missing path": ["check", "no_such_dir"],
    "unknown code option": ["check", "--select", "HEM9", "app.py"],
    "mistyped command": ["chekc"],
    "unknown command": ["frobnicate"],
    "unknown rule": ["explain", "HEM999"],
    "missing baseline": ["check", "--baseline", "missing.json", "app.py"],
    "not a baseline": ["check", "--baseline", "other.json", "app.py"],
    "both baseline options": ["check", "--baseline", "a.json", "--write-baseline", "b.json", "app.py"],
    "unwritable report": ["check", "--output", "no_such_dir/report.txt", "app.py"],
    "unwritable audit page": ["audit", "--html", "no_such_dir/audit.html", "app.py"],
}


@pytest.mark.parametrize("case", sorted(USAGE))
def test_usage_errors_pass_our_own_rules(tmp_path: Path, case: str) -> None:
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    (tmp_path / "other.json").write_text("{}\n", encoding="utf-8")
    proc = run_cli(*USAGE[case], cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    message = last_error_line(proc.stderr)
    assert codes_for(message) == [], message


def test_file_problems_pass_our_own_rules_with_their_help_line() -> None:
    proc = run_cli("check", "--no-cache", "--format", "json", str(HOSTILE), cwd=HOSTILE)
    problems = [f for f in json.loads(proc.stdout) if f["code"] == "HEM000"]
    assert len(problems) >= 5, proc.stdout
    for finding in problems:
        # The user reads the finding and its help line together.
        message = f"{finding['message']}; {finding['help'][:1].lower()}{finding['help'][1:]}"
        assert codes_for(message) == [], message


def test_notes_about_skipped_paths_pass_our_own_rules(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    (tmp_path / "broken.py").symlink_to(tmp_path / "nowhere.py")
    (tmp_path / "loop.py").symlink_to(tmp_path / "loop.py")
    proc = run_cli("check", "--no-cache", ".", cwd=tmp_path)
    notes = [line for line in proc.stderr.splitlines() if line.startswith("helpful-errors: ")]
    assert len(notes) == 2, proc.stderr
    for note in notes:
        message = note[len("helpful-errors: "):]
        assert codes_for(message) == [], message
