"""Precedence is decided before select, ignore and noqa: ignoring a code removes its findings
and adds none, on every path a user can ignore a code by (issue 14).

The file has one state-only message (HEM001) and one whose placeholder lacks the ``f`` prefix
(HEM005, a stable rule that replaces HEM001 on the same message). Ignoring HEM005 in any way
must leave exactly the HEM001 of the first message, never a HEM001 on the second.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path
from typing import List, Set, Tuple

import pytest
from click.testing import CliRunner

from helpful_errors import rulebook
from helpful_errors.checks.judge import rules_for
from helpful_errors.cli import main
from helpful_errors.config import Settings
from helpful_errors.engine import analyze_source
from helpful_errors.flake8_plugin import HelpfulErrorsChecker
from helpful_errors.server.incremental import Memory, judge

SOURCE = (
    "def connect(port):\n"
    '    raise ValueError(f"Port {port} is invalid")\n'
    "\n"
    "\n"
    "def load(path):\n"
    '    raise ValueError("Settings file {path} is missing")\n'
)
BOTH = {(2, "HEM001"), (6, "HEM005")}
ONLY_STATE = {(2, "HEM001")}
Found = Set[Tuple[int, str]]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "app.py").write_text(SOURCE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def configure(project: Path, table: str) -> None:
    (project / "pyproject.toml").write_text(f"[tool.helpful-errors]\n{table}\n", encoding="utf-8")


def check(*flags: str) -> Found:
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", *flags, "app.py"], catch_exceptions=False)
    return {(f["line"], f["code"]) for f in json.loads(result.output)}


def test_without_ignores_the_unformatted_message_gets_only_hem005(project: Path) -> None:
    assert check() == BOTH


@pytest.mark.parametrize(
    "flags, expected",
    [
        (["--ignore", "HEM005"], ONLY_STATE),
        (["--extend-ignore", "HEM005"], ONLY_STATE),
        (["--ignore", "HEM00"], set()),  # a prefix that covers HEM001 too removes both
        (["--select", "HEM001"], ONLY_STATE),
        (["--select", "HEM005"], {(6, "HEM005")}),
        (["--select", "HEM", "--per-file-ignores", "app.py:HEM005"], ONLY_STATE),
    ],
)
def test_command_line_flags(project: Path, flags: List[str], expected: Found) -> None:
    assert check(*flags) == expected


@pytest.mark.parametrize(
    "table",
    ['ignore = ["HEM005"]', 'extend-ignore = ["HEM005"]', 'select = ["HEM001"]', 'per-file-ignores = { "app.py" = ["HEM005"] }'],
)
def test_pyproject_settings(project: Path, table: str) -> None:
    configure(project, table)
    assert check() == ONLY_STATE


def test_noqa_comment(project: Path) -> None:
    (project / "app.py").write_text(SOURCE.replace('missing")\n', 'missing")  # noqa: HEM005\n'), encoding="utf-8")
    assert check() == ONLY_STATE


def test_language_server_judgment(project: Path) -> None:
    findings = judge(SOURCE, str(project / "app.py"), Settings(ignore=("HEM005",)), Memory())
    assert {(f.line, f.code) for f in findings} == ONLY_STATE


def plugin(project: Path) -> Found:
    lines = SOURCE.splitlines(keepends=True)
    results = HelpfulErrorsChecker(ast.parse(SOURCE), str(project / "app.py"), lines).run()
    return {(line, text.split()[0]) for line, _, text, _ in results}


def test_flake8_plugin_reports_the_survivors_of_precedence(project: Path) -> None:
    assert plugin(project) == BOTH
    configure(project, 'ignore = ["HEM005"]')
    from helpful_errors.flake8_plugin import _settings_for

    _settings_for.cache_clear()  # the plugin reads each folder's table once per process
    assert plugin(project) == ONLY_STATE


def flake8(project: Path, *flags: str) -> Found:
    proc = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "HEM", *flags, "app.py"],
        capture_output=True, text=True, cwd=project, check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr
    return {(int(line.split(":")[1]), line.split()[1]) for line in proc.stdout.splitlines()}


def test_flake8_extend_ignore_and_noqa(project: Path) -> None:
    assert flake8(project, "--extend-ignore", "HEM005") == ONLY_STATE
    (project / "app.py").write_text(SOURCE.replace('missing")\n', 'missing")  # noqa: HEM005\n'), encoding="utf-8")
    assert flake8(project) == ONLY_STATE


def test_flake8_with_the_table_ignoring_hem005(project: Path) -> None:
    configure(project, 'ignore = ["HEM005"]')
    assert flake8(project) == ONLY_STATE


def test_rules_run_for_precedence_only_where_they_can_replace_a_reported_code() -> None:
    judging, reported = rules_for(Settings(select=("HEM001",)), "app.py")
    # a preview rule (HEM006) runs only when selected by its full code, for precedence too
    replacing = {r.code for r in rulebook.rules() if "HEM001" in r.supersedes and r.status == "stable"}
    assert reported == {"HEM001"}
    assert {r.code for r in judging} == replacing | {"HEM001"}
    assert "HEM013" not in replacing  # an orthogonal rule is not run when it is not reported
    everything, _ = rules_for(Settings(), "app.py")
    assert len(everything) > len(judging)


def test_a_superseding_rule_that_is_not_reported_judges_but_reports_nothing() -> None:
    findings = analyze_source(SOURCE, "app.py", Settings(select=("HEM001",))).findings
    assert {(f.line, f.code) for f in findings} == ONLY_STATE
