"""Hostile input: one bad file never crashes the run, never hides the findings of the others,
and is never executed; usage and configuration errors exit 2 with guidance; a bug of ours
exits 3 with a report, never a traceback.

The committed fixtures are in ``tests/hostile/``. What cannot be committed as is (symbolic
link loops, broken links, a named pipe, unreadable files, multi-megabyte files) is made by
the ``hostile_tree`` fixture in a temporary folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from helpful_errors import engine, source
from helpful_errors.config import Settings
from helpful_errors.engine import analyze_path, analyze_source
from helpful_errors import BUG_URL
from helpful_errors.runner import run_files

HOSTILE = Path(__file__).parent / "hostile"
MARKER = "MARKER_EXECUTED"

# file -> (line of the HEM000 finding, words its reason must contain)
UNANALYZABLE: Dict[str, Tuple[int, str]] = {
    "syntax_error.py": (5, "syntax error at line 5: invalid syntax"),
    "indentation_error.py": (4, "indentation error at line 4: unindent does not match"),
    "python2_print.py": (2, "syntax error at line 2: Missing parentheses in call to 'print'"),
    "unknown_cookie.py": (1, "coding comment on line 1 names the encoding 'klingon', which Python does not know"),
    "bom_with_latin1_cookie.py": (1, "starts with a UTF-8 byte order mark, but its coding comment on line 1 declares 'latin-1'"),
    "undecodable.py": (3, "line 3 is not valid utf-8"),
    "nul_bytes.py": (2, "contains a NUL byte (line 2)"),
    "not_a_text_codec.py": (1, "names 'hex', which is not a text encoding"),
    "too_deep.py": (1, "nested too deeply"),
}
# Files that are analysed like any other, despite looking odd.
ANALYSED = {
    "latin1_cookie.py", "utf8_bom.py", "paren_annotation_target.py", "old_mac_line_ends.py",
    "runs_when_imported.py", "empty.py", "huge.py", "deep_but_valid.py", "rejected_by_python_only.py",
}  # huge.py: made by the first test only, to keep the others fast


def run_cli(*args: str, cwd: Path, env: Dict[str, str] = {}) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "helpful_errors", *args], cwd=cwd, capture_output=True, text=True,
        env={**os.environ, **env}, timeout=600,
    )


def by_path(findings: List[dict]) -> Dict[str, List[dict]]:
    out: Dict[str, List[dict]] = {}
    for f in findings:
        out.setdefault(Path(f["path"]).name, []).append(f)
    return out


@pytest.fixture
def hostile_tree(tmp_path: Path) -> Path:
    """The committed fixtures plus the ones that must be made on the spot."""
    tree = tmp_path / "tree"
    shutil.copytree(HOSTILE, tree)
    (tree / "too_deep.py").write_text("x = " + "-" * 100_000 + "1\n")  # overflows LibCST's C stack if it ever gets there
    (tree / "deep_but_valid.py").write_text('raise ValueError(' + ' + '.join(['"Port is invalid"'] * 600) + ')\n')
    (tree / "broken_link.py").symlink_to(tree / "missing.py")
    (tree / "loop_a.py").symlink_to(tree / "loop_b.py")
    (tree / "loop_b.py").symlink_to(tree / "loop_a.py")
    (tree / "sub").mkdir()
    (tree / "sub" / "back").symlink_to(tree, target_is_directory=True)
    (tree / "sub" / "inner.py").write_text('raise ValueError("Port is invalid")\n')
    os.mkfifo(tree / "pipe.py")
    return tree


def test_every_bad_file_gets_one_precise_hem000_and_the_run_goes_on(hostile_tree: Path) -> None:
    lines = [f"def f{i}(port):\n    raise ValueError(f\"Port {{port}} is invalid ({i})\")\n" for i in range(3000)]
    (hostile_tree / "huge.py").write_text("".join(lines) + "DATA = [" + ", ".join(["1"] * 100_000) + "]\n")
    proc = run_cli("check", "--format", "json", "--no-cache", "--jobs", "1", str(hostile_tree), cwd=hostile_tree)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    found = by_path(json.loads(proc.stdout))
    for name, (line, words) in UNANALYZABLE.items():
        problems = [f for f in found.get(name, []) if f["code"] == "HEM000"]
        assert len(problems) == 1, (name, found.get(name))
        assert problems[0]["line"] == line, (name, problems[0])
        assert words in problems[0]["message"], (name, problems[0]["message"])
        assert problems[0]["help"], f"{name}: the finding must say what to do"
    for name in ANALYSED:
        assert not [f for f in found.get(name, []) if f["code"] == "HEM000"], (name, found.get(name))
    # The other files' findings are all there: nothing was lost to the bad ones.
    assert {"utf8_bom.py", "latin1_cookie.py", "huge.py", "inner.py", "old_mac_line_ends.py"} <= set(found)
    assert len([f for f in found["huge.py"] if f["code"] == "HEM001"]) == 3000
    # 'return' outside a function: only Python's compiler refuses it (pyflakes' F706); the
    # file is analysed like any other.
    assert [f["code"] for f in found["rejected_by_python_only.py"]] == ["HEM001"]


def test_symlinks_and_pipes_are_skipped_with_a_note(hostile_tree: Path) -> None:
    proc = run_cli("check", "--format", "json", "--no-cache", str(hostile_tree), cwd=hostile_tree)
    notes = proc.stderr.splitlines()
    assert any("broken_link.py: skipped a broken symbolic link" in n and "fix or remove the link" in n for n in notes), notes
    assert any("loop_a.py: skipped a symbolic link that loops back on itself" in n for n in notes), notes
    assert any("pipe.py: skipped, it is not a regular file" in n for n in notes), notes
    assert any("back: skipped a symbolic link to a folder" in n for n in notes), notes
    paths = {Path(f["path"]).name for f in json.loads(proc.stdout)}
    assert not paths & {"broken_link.py", "loop_a.py", "loop_b.py", "pipe.py"}


def test_a_broken_link_named_on_the_command_line_is_skipped_with_a_note(tmp_path: Path) -> None:
    (tmp_path / "link.py").symlink_to(tmp_path / "gone.py")
    proc = run_cli("check", "link.py", cwd=tmp_path)
    assert proc.returncode == 0
    assert "link.py: skipped a broken symbolic link (its target does not exist); fix or remove the link" in proc.stderr


def test_coding_cookie_and_bom_are_honoured() -> None:
    latin = analyze_path(str(HOSTILE / "latin1_cookie.py"), Settings())
    assert [s.text for s in latin.sites] == ["Café is closed"]
    bom = analyze_path(str(HOSTILE / "utf8_bom.py"), Settings())
    assert [s.text for s in bom.sites] == ["The port is invalid"]
    assert (bom.sites[0].span.line, bom.sites[0].span.column) == (1, 17)  # columns count from after the BOM


def test_old_mac_line_ends_give_positions_on_the_right_line() -> None:
    result = analyze_path(str(HOSTILE / "old_mac_line_ends.py"), Settings())
    assert [(s.span.line, s.span.column, s.text) for s in result.sites] == [(3, 4, "Port is invalid")]


def test_analysed_code_is_never_executed(hostile_tree: Path) -> None:
    for jobs in ("1", "2"):
        proc = run_cli("check", "--format", "json", "--no-cache", "--jobs", jobs, str(hostile_tree), cwd=hostile_tree)
        assert proc.returncode == 1
        found = by_path(json.loads(proc.stdout))
        assert "runs_when_imported.py" in found, "the file must be analysed, not skipped"
    inventory = run_cli("messages", "--format", "json", str(hostile_tree / "runs_when_imported.py"), cwd=hostile_tree)
    assert [s["text"] for s in json.loads(inventory.stdout)] == ["this file was executed"]
    assert not list(hostile_tree.rglob(MARKER)), "analysing the file executed it"
    assert not (Path.cwd() / MARKER).exists()


def test_a_project_folder_named_like_a_standard_module_is_never_imported(tmp_path: Path) -> None:
    # ``python -m`` puts the working folder first on the import path; Django's own ``http/``
    # was imported in place of the standard library's (and failed) before the fix.
    for name in ("http", "json", "csv", "gzip"):
        package = tmp_path / name
        package.mkdir()
        (package / "__init__.py").write_text(f"open({str(tmp_path / MARKER)!r}, 'w').write({name!r})\n")
    (tmp_path / "app.py").write_text('raise ValueError("Port is invalid")\n')
    proc = run_cli("check", "--format", "json", "--no-cache", ".", cwd=tmp_path)
    assert not (tmp_path / MARKER).exists(), f"a checked folder was imported: {(tmp_path / MARKER).read_text()}"
    assert proc.returncode == 1, proc.stderr
    assert {f["path"] for f in json.loads(proc.stdout)} >= {"app.py"}


def unreadable_file(folder: Path) -> Tuple[Path, str]:
    """A file this process cannot read, and the reason the system gives.

    Permissions do not stop the superuser, so as root the file is a link to Linux's
    ``/proc/self/mem``, which opens but fails on read.
    """
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        path = folder / "mem.py"
        path.symlink_to("/proc/self/mem")
        return path, "Input/output error"
    path = folder / "locked.py"
    path.write_text('raise ValueError("Port is invalid")\n')
    path.chmod(0)
    return path, "Permission denied"


def test_an_unreadable_file_is_a_hem000_and_the_run_goes_on(tmp_path: Path) -> None:
    locked, reason = unreadable_file(tmp_path)
    (tmp_path / "ok.py").write_text('raise ValueError("Port is invalid")\n')
    try:
        results = run_files([str(locked), str(tmp_path / "ok.py")], Settings(), jobs=1, use_cache=False)
        proc = run_cli("check", "--format", "json", "--no-cache", ".", cwd=tmp_path)
    finally:
        if not locked.is_symlink():
            locked.chmod(0o644)
    problem = results[0].findings[0]
    assert problem.code == "HEM000" and f"it cannot be read ({reason})" in problem.message
    assert "read access" in problem.help
    assert results[1].findings and results[1].findings[0].code != "HEM000"
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert [f["code"] for f in by_path(json.loads(proc.stdout))[locked.name]] == ["HEM000"]


def test_a_bug_on_one_file_becomes_a_hem000_and_the_others_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad, good = tmp_path / "bad.py", tmp_path / "good.py"
    bad.write_text('raise ValueError("Boom")\n')
    good.write_text('raise ValueError("Port is invalid")\n')
    real = engine.extract_file

    def flaky(module, text, path, *more):  # type: ignore[no-untyped-def]
        if path.endswith("bad.py"):
            raise KeyError("forced for the test")
        return real(module, text, path, *more)

    monkeypatch.setattr(engine, "extract_file", flaky)
    results = run_files([str(bad), str(good)], Settings(), jobs=1, use_cache=False)
    assert [f.code for f in results[0].findings] == ["HEM000"]
    assert "helpful-errors failed on it (KeyError" in results[0].findings[0].message
    assert BUG_URL in results[0].findings[0].help
    assert results[1].findings and results[1].findings[0].code != "HEM000"


def test_positions_of_python_errors_stay_inside_the_file() -> None:
    for text in ("x = (\n", "def f(:\n", "\tif x:\n  pass\n", "'''\n"):
        result = analyze_source(text, "t.py", Settings())
        (finding,) = result.findings
        lines = source.python_lines(text)
        assert 1 <= finding.line <= len(lines)
        assert 0 <= finding.column <= len(lines[finding.line - 1]), (text, finding)


def test_compile_warnings_are_not_printed(tmp_path: Path) -> None:
    (tmp_path / "warns.py").write_text('import re\nPATTERN = re.compile("\\d+")\nassert (1, "always true")\n')
    proc = run_cli("check", "--no-cache", "warns.py", cwd=tmp_path, env={"PYTHONWARNINGS": "error"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stderr == "All checked: 1 file, no findings\n"  # the closing count, and no warning


# -- usage and configuration errors: exit 2, name the culprit, say how to fix it ------------------

CONFIG_MISTAKES = [
    ('[tool.helpful-errors\nselect = ["HEM"]\n', ["pyproject.toml", "TOML is malformed", "fix"]),
    ('[tool.helpful-errors]\nselcet = ["HEM"]\n', ["pyproject.toml", "unknown key 'selcet'", "did you mean 'select'?"]),
    ('[tool.helpful-errors]\nselect = "HEM"\n', ["pyproject.toml", "'select'", "must be a list of code prefixes"]),
    ('[tool.helpful-errors]\nexclude = [1, 2]\n', ["pyproject.toml", "exclude"]),
    ('[tool.helpful-errors]\nignore = ["HEM999"]\n', ["pyproject.toml", "unknown code 'HEM999'"]),
]


@pytest.mark.parametrize("toml, words", CONFIG_MISTAKES)
def test_configuration_mistakes_exit_2_with_guidance(tmp_path: Path, toml: str, words: List[str]) -> None:
    (tmp_path / "pyproject.toml").write_text(toml)
    (tmp_path / "app.py").write_text('raise ValueError("Port is invalid")\n')
    proc = run_cli("check", "app.py", cwd=tmp_path)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    for word in words:
        assert word in proc.stderr, (word, proc.stderr)


@pytest.mark.parametrize(
    "args, words",
    [
        (["check", "no_such_dir"], ["'no_such_dir' does not exist", "check the spelling"]),
        (["check", "--select", "HEM9", "app.py"], ["--select", "unknown code 'HEM9'"]),
        (["check", "--jobs", "-1", "app.py"], ["--jobs", "Usage:"]),
        (["chekc", "app.py"], ["No such command 'chekc'", "Did you mean"]),
    ],
)
def test_usage_mistakes_exit_2_with_guidance(tmp_path: Path, args: List[str], words: List[str]) -> None:
    (tmp_path / "app.py").write_text('raise ValueError("Port is invalid")\n')
    proc = run_cli(*args, cwd=tmp_path)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    for word in words:
        assert word in proc.stderr, (word, proc.stderr)


FORCE_BUG = (
    "import sys, helpful_errors.runner as runner\n"
    "def boom(*args, **kwargs):\n"
    "    raise ZeroDivisionError('forced for the test')\n"
    "runner.run_files = boom\n"
    "from helpful_errors.cli import run\n"
    "sys.argv = ['helpful-errors', 'check', 'app.py']\n"
    "run()\n"
)


def test_internal_error_exits_3_with_a_bug_report_and_no_traceback(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text('raise ValueError("Port is invalid")\n')
    proc = subprocess.run([sys.executable, "-c", FORCE_BUG], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr
    assert "internal error (ZeroDivisionError: forced for the test)" in proc.stderr
    assert BUG_URL in proc.stderr and "HELPFUL_ERRORS_TRACEBACK=1" in proc.stderr
    assert proc.stdout == ""


def test_internal_error_shows_the_traceback_when_asked(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text('raise ValueError("Port is invalid")\n')
    env = {**os.environ, "HELPFUL_ERRORS_TRACEBACK": "1"}
    proc = subprocess.run([sys.executable, "-c", FORCE_BUG], cwd=tmp_path, capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 3
    assert "Traceback" in proc.stderr and "ZeroDivisionError" in proc.stderr and BUG_URL in proc.stderr


def test_output_survives_lone_surrogates_and_a_closed_pipe(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text('raise ValueError("bad \\udc80 value")\n' * 2000)
    proc = run_cli("check", "--format", "json", "--no-cache", "app.py", cwd=tmp_path)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert json.loads(proc.stdout)[0]["text"] == "bad \udc80 value"  # escaped on output, read back intact
    head = subprocess.run(
        f"{sys.executable} -m helpful_errors check --no-cache app.py | head -n 1", shell=True, cwd=tmp_path,
        capture_output=True, text=True, timeout=120,
    )
    assert head.stdout.count("\n") == 1
    assert "Traceback" not in head.stderr and "Exception ignored" not in head.stderr


# -- determinism ----------------------------------------------------------------------------------


def test_output_is_identical_whatever_the_jobs_and_the_cache(hostile_tree: Path) -> None:
    examples = Path(__file__).parent.parent / "examples"
    shutil.copytree(examples, hostile_tree / "examples")
    outputs = {}
    for label, args in {
        "jobs 1, no cache": ["--jobs", "1", "--no-cache"],
        "jobs 2, no cache": ["--jobs", "2", "--no-cache"],
        "jobs 2, cache cold": ["--jobs", "2"],
        "jobs 2, cache warm": ["--jobs", "2"],
        "jobs 1, cache warm": ["--jobs", "1"],
    }.items():
        for fmt in ("json", "text"):
            proc = run_cli("check", "--format", fmt, *args, ".", cwd=hostile_tree)
            assert proc.returncode == 1, proc.stderr
            outputs[(label, fmt)] = proc.stdout.encode("utf-8", "surrogateescape")
    for fmt in ("json", "text"):
        reference = outputs[("jobs 1, no cache", fmt)]
        for (label, f), out in outputs.items():
            if f == fmt:
                assert out == reference, f"{label} ({fmt}) differs from jobs 1 without cache"


# -- the flake8 front end -------------------------------------------------------------------------

# flake8 itself stops on these before any plugin runs (its own reader raises LookupError on a
# non-text codec, its own ast.parse MemoryError on extreme nesting), so they are left out.
FLAKE8_CRASHES_ITSELF = {"not_a_text_codec.py", "too_deep.py"}
if sys.version_info < (3, 12):  # before 3.12, ast.parse raises ValueError on a NUL byte, in flake8 too
    FLAKE8_CRASHES_ITSELF.add("nul_bytes.py")


def test_flake8_plugin_never_raises_on_hostile_files(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(HOSTILE, tree, ignore=shutil.ignore_patterns(*FLAKE8_CRASHES_ITSELF))
    # pyflakes, which flake8 always runs, gives up near 400 levels; 300 keeps flake8 itself alive.
    (tree / "deep_but_valid.py").write_text('raise ValueError(' + ' + '.join(['"Port is invalid"'] * 300) + ')\n')
    proc = subprocess.run(
        [sys.executable, "-m", "flake8", "--select", "HEM,F706", "--jobs", "1", "."], cwd=tree,
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr and "critical" not in proc.stderr.lower(), proc.stderr
    lines = proc.stdout.splitlines()
    # What only Python's compiler rejects is flake8's own finding (pyflakes), not said again as HEM000.
    assert any(line.startswith("./rejected_by_python_only.py:2:1: F706") for line in lines), lines
    assert not any(line.startswith("./rejected_by_python_only.py:2:1: HEM000") for line in lines), lines
    assert any(line.startswith("./rejected_by_python_only.py:1:18: HEM001") for line in lines), lines
    assert any(line.startswith("./deep_but_valid.py:1:") for line in lines), lines
    assert any(line.startswith("./latin1_cookie.py:2:18: HEM001") for line in lines), lines
    assert not list(tree.rglob(MARKER))
