"""The baseline recognizes accepted findings by what they are about, not by their line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

from helpful_errors import baseline
from helpful_errors.config import ConfigError, Settings
from helpful_errors.engine import analyze_source
from helpful_errors.model import Finding

LEGACY = '''\
def connect(host, port):
    if port < 0:
        raise ValueError(f"Port {port} is invalid")
    if not host:
        raise ValueError("Connection failed")
    raise ValueError("Connection failed")
'''


def findings_of(text: str, path: str) -> List[Finding]:
    return list(analyze_source(text, path, Settings()).findings)


def recorded(tmp_path: Path, text: str) -> tuple:
    path = str(tmp_path / "app.py")
    found = findings_of(text, path)
    assert found, "the legacy sample must produce findings for the baseline to mean anything"
    base = tmp_path / "baseline.json"
    baseline.write(str(base), found)
    return path, base, found


def test_same_code_has_no_new_findings(tmp_path: Path) -> None:
    path, base, found = recorded(tmp_path, LEGACY)
    result = baseline.compare(found, baseline.load(str(base)), str(base))
    assert result.new == ()
    assert result.fixed == 0


def test_lines_moving_above_keep_findings_recognized(tmp_path: Path) -> None:
    path, base, found = recorded(tmp_path, LEGACY)
    moved = "import os\n\n\n# a comment that pushes everything down\n" + LEGACY
    again = findings_of(moved, path)
    assert [f.line for f in again] != [f.line for f in found]
    assert baseline.compare(again, baseline.load(str(base)), str(base)).new == ()


def test_reformatting_keeps_findings_recognized(tmp_path: Path) -> None:
    path, base, found = recorded(tmp_path, LEGACY)
    reformatted = '''\
def connect(host,
            port):
    if port < 0:
        raise ValueError(
            f"Port {port} "
            "is invalid"
        )
    if not host:
        raise ValueError(
            "Connection failed")
    raise ValueError("Connection failed"  )
'''
    again = findings_of(reformatted, path)
    assert len(again) == len(found)
    assert baseline.compare(again, baseline.load(str(base)), str(base)).new == ()


def test_changed_message_is_new(tmp_path: Path) -> None:
    path, base, found = recorded(tmp_path, LEGACY)
    changed = LEGACY.replace("Port {port} is invalid", "Port {port} is out of range")
    again = findings_of(changed, path)
    new = baseline.compare(again, baseline.load(str(base)), str(base)).new
    assert new, "a rewritten message that is still flagged must be reported"
    assert {f.text for f in new} == {"Port {port} is out of range"}


def test_one_more_copy_of_a_known_message_is_new(tmp_path: Path) -> None:
    path, base, found = recorded(tmp_path, LEGACY)
    duplicated = LEGACY + '\n\ndef close():\n    raise ValueError("Connection failed")\n'
    again = findings_of(duplicated, path)
    new = baseline.compare(again, baseline.load(str(base)), str(base)).new
    assert [f.text for f in new] == ["Connection failed"] * (len(again) - len(found))
    assert len(new) >= 1
    # The copy reported is the last one in the file: the earlier ones keep their indexes.
    assert all(f.line >= 9 for f in new)


def test_fixing_one_duplicate_counts_as_fixed(tmp_path: Path) -> None:
    path, base, found = recorded(tmp_path, LEGACY)
    fixed = LEGACY.replace('    raise ValueError("Connection failed")\n', '    raise ValueError("Connection failed; check that the server is running")\n', 1)
    again = findings_of(fixed, path)
    result = baseline.compare(again, baseline.load(str(base)), str(base))
    assert result.fixed >= 1
    assert all(f.text != "Connection failed" for f in result.new)


def test_file_is_stable_sorted_and_has_no_line_numbers(tmp_path: Path) -> None:
    path, base, found = recorded(tmp_path, LEGACY)
    first = base.read_text(encoding="utf-8")
    baseline.write(str(base), list(reversed(found)))
    assert base.read_text(encoding="utf-8") == first
    data = json.loads(first)
    assert data["version"] == baseline.FORMAT_VERSION
    entries = data["findings"]
    assert entries == sorted(entries, key=lambda e: (e["path"], e["code"], e["text"], e["occurrence"]))
    assert all(set(e) == {"path", "code", "text", "occurrence"} for e in entries)
    assert {e["path"] for e in entries} == {"app.py"}  # relative to the baseline file
    assert first.startswith("{\n  ") and first.endswith("}\n")
    occurrences = sorted(e["occurrence"] for e in entries if e["text"] == "Connection failed")
    assert occurrences == list(range(len(occurrences))) and len(occurrences) >= 2


def test_whitespace_in_text_does_not_matter() -> None:
    assert baseline.squeeze("Port {x + 1}  is\tinvalid") == baseline.squeeze("Port {x+1} is invalid")
    assert baseline.squeeze("Port is invalid") != baseline.squeeze("Port is wrong")


def test_missing_file_says_how_to_create_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    with pytest.raises(ConfigError) as info:
        baseline.load(str(missing))
    text = str(info.value)
    assert str(missing) in text
    assert f"--write-baseline {missing}" in text


@pytest.mark.parametrize("content", ["{not json", "[]", '{"version": 99, "findings": []}', '{"version": 1, "findings": [{"path": "a"}]}'])
def test_broken_file_says_what_to_do(tmp_path: Path, content: str) -> None:
    bad = tmp_path / "baseline.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        baseline.load(str(bad))
    assert "--write-baseline" in str(info.value)


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpful_errors", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_cli_write_then_check_against_baseline(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(LEGACY, encoding="utf-8")
    wrote = _cli("check", "--write-baseline", "hem-baseline.json", "app.py", cwd=tmp_path)
    assert wrote.returncode == 0, wrote.stderr
    assert "--baseline hem-baseline.json" in wrote.stderr
    assert wrote.stdout == ""
    clean = _cli("check", "--baseline", "hem-baseline.json", "app.py", cwd=tmp_path)
    assert (clean.returncode, clean.stdout) == (0, "")
    (tmp_path / "app.py").write_text("\n\n" + LEGACY + '\ndef f():\n    raise KeyError("Invalid key")\n', encoding="utf-8")
    dirty = _cli("check", "--baseline", "hem-baseline.json", "--format", "json", "app.py", cwd=tmp_path)
    assert dirty.returncode == 1
    assert {item["text"] for item in json.loads(dirty.stdout)} == {"Invalid key"}
    # The run may start in another folder: paths are relative to the baseline file.
    sub = tmp_path / "sub"
    sub.mkdir()
    elsewhere = _cli("check", "--baseline", os.path.join("..", "hem-baseline.json"), "--format", "json", os.path.join("..", "app.py"), cwd=sub)
    assert {item["text"] for item in json.loads(elsewhere.stdout)} == {"Invalid key"}


def test_cli_missing_baseline_is_a_usage_error_that_guides(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(LEGACY, encoding="utf-8")
    run = _cli("check", "--baseline", "missing.json", "app.py", cwd=tmp_path)
    assert run.returncode == 2
    assert "missing.json" in run.stderr and "--write-baseline missing.json" in run.stderr
    both = _cli("check", "--baseline", "a.json", "--write-baseline", "a.json", "app.py", cwd=tmp_path)
    assert both.returncode == 2 and "use --write-baseline FILE alone" in both.stderr


EMPTY = '''\
import logging

logger = logging.getLogger(__name__)


def save(path):
    logger.error("")
    raise ValueError("")


def load():
    raise ValueError()
'''


def test_empty_messages_are_known_right_after_writing_the_baseline(tmp_path: Path) -> None:
    """HEM003 findings have an empty text; the baseline still recognizes each of them, also
    when the second run reads its results from the cache."""
    (tmp_path / "app.py").write_text(EMPTY, encoding="utf-8")
    wrote = _cli("check", "--write-baseline", "hem-baseline.json", "app.py", cwd=tmp_path)
    assert wrote.returncode == 0, wrote.stderr
    entries = json.loads((tmp_path / "hem-baseline.json").read_text(encoding="utf-8"))["findings"]
    assert [(e["code"], e["text"], e["occurrence"]) for e in entries] == [("HEM003", "", 0), ("HEM003", "", 1), ("HEM003", "", 2)]
    for _ in range(2):  # the second run reads the cache the first one wrote
        again = _cli("check", "--baseline", "hem-baseline.json", "--format", "json", "app.py", cwd=tmp_path)
        assert (again.returncode, json.loads(again.stdout)) == (0, []), again.stderr
    (tmp_path / "app.py").write_text(EMPTY + '\n\ndef close():\n    logger.warning("")\n', encoding="utf-8")
    more = _cli("check", "--baseline", "hem-baseline.json", "--format", "json", "app.py", cwd=tmp_path)
    assert [(item["line"], item["code"]) for item in json.loads(more.stdout)] == [(16, "HEM003")]
