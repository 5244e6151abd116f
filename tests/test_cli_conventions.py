"""The command line a ruff or flake8 user reaches for: stdin, --force-exclude, flags, the closing count."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import List, Optional

import pytest

STATE_ONLY = 'def connect(port):\n    raise ValueError(f"Port {port} is invalid")\n'
GUIDING = 'def connect(port):\n    raise ValueError(f"Port {port} is invalid; pass --port with a number from 1 to 65535")\n'


def run(args: List[str], cwd: Path, stdin: Optional[str] = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "helpful_errors", *args], input=stdin, capture_output=True, text=True, cwd=cwd, check=False,
        env={"PATH": "/usr/bin:/bin", "HELPFUL_ERRORS_CACHE_DIR": str(cwd / ".cache-for-tests")},
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.helpful-errors]\nextend-exclude = ["legacy"]\nper-file-ignores = { "scripts/*" = ["HEM001"] }\n', encoding="utf-8"
    )
    for folder in ("app", "legacy", "scripts"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "mod.py").write_text(STATE_ONLY, encoding="utf-8")
    return tmp_path


def test_stdin_is_reported_configured_and_excluded_as_its_filename(project: Path) -> None:
    plain = run(["check", "-"], project, STATE_ONLY)
    assert plain.returncode == 1 and plain.stdout.startswith("-:2:22: HEM001 ")
    named = run(["check", "-", "--stdin-filename", "app/new.py"], project, STATE_ONLY)
    assert named.returncode == 1 and named.stdout.startswith("app/new.py:2:22: HEM001 ")
    ignored = run(["check", "-", "--stdin-filename", "scripts/tool.py"], project, STATE_ONLY)
    assert ignored.returncode == 0 and ignored.stdout == ""  # per-file-ignores of that path
    kept = run(["check", "-", "--stdin-filename", "legacy/old.py"], project, STATE_ONLY)
    assert kept.returncode == 1  # a named file is checked, as on the command line ...
    excluded = run(["check", "-", "--stdin-filename", "legacy/old.py", "--force-exclude"], project, STATE_ONLY)
    assert excluded.returncode == 0 and excluded.stdout == ""  # ... unless --force-exclude


def test_stdin_settings_come_from_the_named_files_project(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    result = run(["check", "-", "--stdin-filename", str(project / "scripts" / "tool.py")], elsewhere, STATE_ONLY)
    assert result.returncode == 0, result.stdout + result.stderr


def test_force_exclude_applies_excludes_to_named_files(project: Path) -> None:
    named = run(["check", "legacy/mod.py", "app/mod.py"], project)
    assert {line.split(":")[0] for line in named.stdout.splitlines() if "HEM" in line} == {"legacy/mod.py", "app/mod.py"}
    forced = run(["check", "--force-exclude", "legacy/mod.py", "app/mod.py"], project)
    assert {line.split(":")[0] for line in forced.stdout.splitlines() if "HEM" in line} == {"app/mod.py"}
    only_excluded = run(["check", "--force-exclude", "legacy/mod.py"], project)
    assert only_excluded.returncode == 0 and "no Python files to check" in only_excluded.stderr


def test_the_pre_commit_hook_passes_force_exclude() -> None:
    hooks = (Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "entry: helpful-errors check --force-exclude" in hooks


def test_closing_count_on_stderr_and_quiet(project: Path) -> None:
    found = run(["check", "app", "scripts"], project)
    assert found.stderr.strip().splitlines()[-1] == "Found 1 finding in 1 file"
    (project / "app" / "mod.py").write_text(GUIDING, encoding="utf-8")
    clean = run(["check", "app", "scripts"], project)
    assert clean.returncode == 0 and clean.stdout == "" and clean.stderr == "All checked: 2 files, no findings\n"
    quiet = run(["check", "-q", "legacy/mod.py"], project)
    assert quiet.returncode == 1 and quiet.stderr == "" and "HEM001" in quiet.stdout
    machine = run(["check", "--output-format", "json", "legacy/mod.py"], project)
    assert json.loads(machine.stdout)[0]["code"] == "HEM001" and machine.stderr == ""


def test_an_empty_selection_says_so(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run(["check", "empty"], tmp_path)
    assert result.returncode == 0
    assert result.stderr.startswith("helpful-errors: no Python files to check in empty; ")


def test_exit_zero_short_flag_and_selection_flags(project: Path) -> None:
    assert run(["check", "-e", "app"], project).returncode == 0
    assert run(["check", "--ignore", "HEM001", "app"], project).returncode == 0
    assert run(["check", "--per-file-ignores", "app/*:HEM001", "app"], project).returncode == 0
    assert run(["check", "--select", "HEM002", "--extend-select", "HEM001", "app"], project).returncode == 1
    bad = run(["check", "--per-file-ignores", "app/*", "app"], project)
    assert bad.returncode == 2 and "GLOB:CODES" in bad.stderr


def test_exclude_flags_and_show_files(project: Path) -> None:
    shown = run(["check", "--show-files"], project)
    assert shown.stdout.split() == ["app/mod.py", "scripts/mod.py"]
    extended = run(["check", "--show-files", "--extend-exclude", "scripts"], project)
    assert extended.stdout.split() == ["app/mod.py"]
    replaced = run(["check", "--show-files", "--exclude", "app"], project)
    assert replaced.stdout.split() == ["scripts/mod.py"]  # --exclude replaces exclude; the file's extend-exclude stays
    isolated = run(["check", "--show-files", "--isolated"], project)
    assert isolated.stdout.split() == ["app/mod.py", "legacy/mod.py", "scripts/mod.py"]


def test_show_settings_names_the_file_and_the_values(project: Path) -> None:
    result = run(["check", "--show-settings", "--extend-select", "HEM017"], project)
    assert result.returncode == 0
    assert f"# settings from {project / 'pyproject.toml'}" in result.stdout
    assert 'extend-exclude = ["legacy"]' in result.stdout
    assert 'select = ["HEM", "HEM017"]' in result.stdout


def test_color_choice(project: Path) -> None:
    assert "\x1b[" in run(["check", "--color", "always", "app"], project).stdout
    assert "\x1b[" not in run(["check", "--color", "never", "app"], project).stdout


def test_codes_of_other_linters_get_one_note(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.helpful-errors]\nignore = ["E501", "F401", "HEM002"]\n', encoding="utf-8")
    result = run(["check", "app", "--select", "HEM,W605"], project)
    assert result.returncode == 1
    notes = [line for line in result.stderr.splitlines() if "other linters" in line]
    assert len(notes) == 2 and "E501, F401" in notes[0] and "W605" in notes[1]  # one for the file, one for the command line


def test_a_typo_of_our_code_is_still_an_error_and_e501_suggests_nothing(project: Path) -> None:
    typo = run(["check", "--select", "HME001", "app"], project)
    assert typo.returncode == 2 and "did you mean 'HEM001'?" in typo.stderr
    foreign = run(["check", "--select", "E501", "app"], project)
    assert foreign.returncode == 0 and "HEM017" not in foreign.stderr


def test_version_rule_alias_and_explain_by_name(tmp_path: Path) -> None:
    from helpful_errors import __version__

    assert run(["check", "--version"], tmp_path).stdout.strip() == f"helpful-errors {__version__}"
    by_code = run(["rule", "HEM001"], tmp_path)
    by_name = run(["explain", "state-only-message"], tmp_path)
    assert by_code.returncode == 0 and by_code.stdout == by_name.stdout
    assert by_code.stdout.startswith("HEM001 state-only-message")
    wrong = run(["explain", "state-only"], tmp_path)
    assert wrong.returncode == 2 and "did you mean 'state-only-message'?" in wrong.stderr
