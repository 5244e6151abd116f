"""The command line: the JSON contracts, exit codes and options, in process and installed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import List

import jsonschema
import pytest
from click.testing import CliRunner

from helpful_errors import __version__
from helpful_errors.cli import main

STATE_ONLY = 'def connect(port):\n    raise ValueError(f"Port {port} is invalid")\n'
GUIDING = (
    'def connect(port):\n'
    '    raise ValueError(f"Port {port} is invalid; pass --port with a number from 1 to 65535")\n'
)
CONSOLE_SCRIPT = Path(sys.executable).with_name("helpful-errors")

FINDING_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["path", "line", "column", "end_line", "code", "message", "help", "text"],
        "properties": {
            "path": {"type": "string"},
            "line": {"type": "integer", "minimum": 1},
            "column": {"type": "integer", "minimum": 1},
            "end_line": {"type": "integer", "minimum": 1},
            "code": {"type": "string", "pattern": "^HEM[0-9]{3}$"},
            "message": {"type": "string", "minLength": 1},
            "help": {"type": "string"},
            "text": {"type": "string"},
        },
    },
}
SITE_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["path", "line", "column", "end_line", "kind", "callee", "text", "text_status", "unknown_reason"],
        "properties": {
            "line": {"type": "integer", "minimum": 1},
            "kind": {"enum": ["raise", "log", "warn", "exit", "cli", "http", "default", "validation"]},
            "text_status": {"enum": ["literal", "partial", "unknown", "empty", "none"]},
        },
    },
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with one state-only and one guiding message, as the current directory."""
    (tmp_path / "bad.py").write_text(STATE_ONLY, encoding="utf-8")
    (tmp_path / "good.py").write_text(GUIDING, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_check_json_contract(project: Path) -> None:
    result = invoke("check", "--format", "json", "bad.py")
    assert result.exit_code == 1
    findings = json.loads(result.output)
    jsonschema.validate(findings, FINDING_SCHEMA)
    assert [(f["path"], f["line"], f["column"], f["end_line"], f["code"], f["text"]) for f in findings] == [
        ("bad.py", 2, 22, 2, "HEM001", "Port {port} is invalid")
    ]
    assert findings[0]["help"]


def test_check_text_format_names_the_place_and_the_help(project: Path) -> None:
    result = invoke("check", "bad.py")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("bad.py:2:22: HEM001 ")
    assert lines[1].strip().startswith("help: ")


def test_clean_file_exits_0(project: Path) -> None:
    result = invoke("check", "--format", "json", "good.py")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == []


def test_folder_is_walked(project: Path) -> None:
    result = invoke("check", "--format", "json", ".")
    assert result.exit_code == 1
    assert {Path(f["path"]).name for f in json.loads(result.output)} == {"bad.py"}


def test_select_and_ignore(project: Path) -> None:
    assert invoke("check", "--select", "HEM002", "bad.py").exit_code == 0
    assert invoke("check", "--ignore", "HEM001", "bad.py").exit_code == 0
    assert invoke("check", "--select", "HEM001", "bad.py").exit_code == 1
    assert invoke("check", "--select", "HEM", "--ignore", "HEM0", "bad.py").exit_code == 0


def test_unknown_code_in_select_is_a_usage_error(project: Path) -> None:
    result = subprocess.run([str(CONSOLE_SCRIPT), "check", "--select", "HEM9999", "bad.py"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "HEM9999" in result.stderr


def test_no_cache_is_accepted(project: Path) -> None:
    result = invoke("check", "--no-cache", "--format", "json", "bad.py")
    assert result.exit_code == 1
    assert len(json.loads(result.output)) == 1


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert __version__ in result.output


def test_unknown_option_exits_2(project: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--colour"])
    assert result.exit_code == 2


def test_messages_json_inventory(project: Path) -> None:
    result = invoke("messages", "--format", "json", ".")
    assert result.exit_code == 0
    sites = json.loads(result.output)
    jsonschema.validate(sites, SITE_SCHEMA)
    assert sorted((Path(s["path"]).name, s["line"], s["kind"], s["callee"], s["text_status"]) for s in sites) == [
        ("bad.py", 2, "raise", "ValueError", "literal"),
        ("good.py", 2, "raise", "ValueError", "literal"),
    ]


def test_messages_text_inventory_says_when_the_text_is_unknown(project: Path) -> None:
    (project / "opaque.py").write_text("def fail(reason):\n    raise RuntimeError(reason)\n", encoding="utf-8")
    result = invoke("messages", "opaque.py")
    assert result.exit_code == 0
    assert result.output == "opaque.py:2:24: raise RuntimeError: {reason}  [unknown: the text comes from parameter 'reason']\n"


# -- the installed console script and ``python -m`` ----------------------------------------


def run_both(args: List[str], cwd: Path) -> List[subprocess.CompletedProcess]:
    return [
        subprocess.run([str(CONSOLE_SCRIPT), *args], capture_output=True, text=True, cwd=cwd),
        subprocess.run([sys.executable, "-m", "helpful_errors", *args], capture_output=True, text=True, cwd=cwd),
    ]


def test_console_script_and_module_agree(project: Path) -> None:
    script, module = run_both(["check", "--format", "json", "--no-cache", "."], project)
    assert script.returncode == module.returncode == 1
    assert json.loads(script.stdout) == json.loads(module.stdout)
    assert [f["code"] for f in json.loads(script.stdout)] == ["HEM001"]


def test_console_script_clean_exit(project: Path) -> None:
    for proc in run_both(["check", "good.py"], project):
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout == ""


def test_missing_path_exits_2_with_guidance(project: Path) -> None:
    for proc in run_both(["check", "nowhere.py"], project):
        assert proc.returncode == 2
        assert "nowhere.py" in proc.stderr and "pass an existing file or folder" in proc.stderr
        assert "Traceback" not in proc.stderr


def test_bad_config_exits_2_naming_file_and_key(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.helpful-errors]\nignor = ["HEM001"]\n', encoding="utf-8")
    for proc in run_both(["check", "bad.py"], project):
        assert proc.returncode == 2
        assert "pyproject.toml" in proc.stderr and "'ignor'" in proc.stderr and "did you mean 'ignore'?" in proc.stderr


def test_config_ignore_applies(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.helpful-errors]\nignore = ["HEM001"]\n', encoding="utf-8")
    script, module = run_both(["check", "bad.py"], project)
    assert script.returncode == module.returncode == 0


def test_syntax_error_is_a_finding_not_a_crash(project: Path) -> None:
    (project / "broken.py").write_text("def f(:\n    pass\n", encoding="utf-8")
    script, _ = run_both(["check", "--format", "json", "broken.py"], project)
    assert script.returncode == 1
    assert [f["code"] for f in json.loads(script.stdout)] == ["HEM000"]


def test_examples_show_findings_of_both_kinds() -> None:
    examples = Path(__file__).resolve().parent.parent / "examples"
    proc = subprocess.run([str(CONSOLE_SCRIPT), "check", "--format", "json", "--no-cache", str(examples)], capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    flagged = {(Path(f["path"]).name, f["line"]) for f in json.loads(proc.stdout)}
    inventory = subprocess.run([str(CONSOLE_SCRIPT), "messages", "--format", "json", str(examples)], capture_output=True, text=True)
    sites = {(Path(s["path"]).name, s["line"]) for s in json.loads(inventory.stdout) if s["text_status"] == "literal"}
    assert flagged and sites - flagged, "the examples should hold flagged and clean messages"
