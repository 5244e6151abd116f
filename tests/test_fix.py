"""Fixes: every record's bad example fixes to its ``fixed`` example, and the CLI flags behave as ruff's."""

from __future__ import annotations

import ast
import json
import os
import stat
from pathlib import Path
from typing import List

import pytest
from click.testing import CliRunner

from helpful_errors import rulebook
from helpful_errors.cli import main
from helpful_errors.config import Settings
from helpful_errors.engine import analyze_source
from helpful_errors.fix.apply import fix_source
from helpful_errors.fix.codes import FIXABLE
from helpful_errors.fix.fixers import FIXERS
from helpful_errors.fix.noqa import add_noqa
from helpful_errors.fix.write import write_if_unchanged

# The preview rules with fixes run only when selected by their full code.
PREVIEW_FIXED = ("HEM", *sorted(code for code in FIXABLE if rulebook.get(code).status == "preview"))
SETTINGS = Settings(select=PREVIEW_FIXED)

FIXED_EXAMPLES = [
    pytest.param(record, example, id=f"{record.code}-{number}")
    for record in rulebook.rules()
    for number, example in enumerate(record.examples, 1)
    if example.fixed is not None
]


def strings_blanked(source: str) -> str:
    """The syntax tree with every string (and f-string) and every ``raise ... from`` blanked."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        for name, value in ast.iter_fields(node):
            if isinstance(value, (ast.JoinedStr, ast.Constant)) and (not isinstance(value, ast.Constant) or isinstance(value.value, str)):
                setattr(node, name, ast.Constant("S"))
            elif isinstance(value, list):
                setattr(node, name, [ast.Constant("S") if isinstance(v, ast.JoinedStr) or (isinstance(v, ast.Constant) and isinstance(v.value, str)) else v for v in value])
        if isinstance(node, ast.Raise):
            node.cause = None
    return ast.dump(tree)


def test_every_rule_with_a_fixer_says_so_in_its_record_and_has_a_fixed_example() -> None:
    assert set(FIXERS) == FIXABLE
    for record in rulebook.rules():
        fixed = [e for e in record.examples if e.fixed is not None]
        assert (record.fix != "none") == (record.code in FIXABLE), record.code
        assert (record.fix != "none") == bool(fixed), record.code
        assert record.fix == "none" or record.fix_why, record.code


@pytest.mark.parametrize("record,example", FIXED_EXAMPLES)
def test_bad_example_fixed_equals_the_fixed_example(record: rulebook.RuleRecord, example: rulebook.Example) -> None:
    unsafe = record.fix == "unsafe"
    settings = Settings(select=("HEM", record.code))  # a preview rule runs only by its full code
    out = fix_source(example.bad + "\n", "example.py", settings, unsafe)
    assert out.text == example.fixed + "\n"
    assert out.applied[record.code] >= 1
    compile(out.text, "example.py", "exec")
    assert strings_blanked(out.text) == strings_blanked(example.bad)
    again = fix_source(out.text, "example.py", settings, unsafe)
    assert not again.changed and again.text == out.text
    if unsafe:  # without --unsafe-fixes nothing of this rule is applied
        assert fix_source(example.bad + "\n", "example.py", settings, False).applied[record.code] == 0


def test_fixes_keep_comments_quotes_line_breaks_and_implicit_concatenation() -> None:
    source = (
        "def connect(scheme, host):\n"
        "    raise ValueError(  # why it fails\n"
        "        'ERROR: unknown scheme {scheme} '  # first half\n"
        "        \"for the host; use 'http'\"\n"
        "    )\n"
    )
    out = fix_source(source, "m.py", SETTINGS, False)
    assert out.text == (
        "def connect(scheme, host):\n"
        "    raise ValueError(  # why it fails\n"
        "        f'Unknown scheme {scheme} '  # first half\n"
        "        \"for the host; use 'http'\"\n"
        "    )\n"
    )
    assert dict(out.applied) == {"HEM008": 1, "HEM005": 1}  # one statement, two passes


def test_a_placeholder_bound_later_or_with_doubled_braces_is_not_fixed_safely() -> None:
    later = "def f(items):\n    for x in items:\n        pass\n    raise ValueError('bad item {name}')\n    name = 1\n"
    result = analyze_source(later, "m.py", SETTINGS)
    fixes = [f.fix for f in result.findings if f.code == "HEM005"]
    assert fixes == [] or all(f is None or f.applicability == "unsafe" for f in fixes)
    braces = "def f(name):\n    raise ValueError('bad {name} in {{json}}')\n"
    assert all(f.fix is None for f in analyze_source(braces, "m.py", SETTINGS).findings if f.code == "HEM005")


def test_hem004_adds_the_cause_only() -> None:
    source = "def f(p):\n    try:\n        open(p)\n    except OSError as err:\n        raise RuntimeError(str(err))\n"
    out = fix_source(source, "m.py", SETTINGS, True)
    assert out.text == source.replace("str(err))", "str(err)) from err")


def _project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(f"[tool.helpful-errors]\nselect = {list(PREVIEW_FIXED)!r}\n", encoding="utf-8")
    code = tmp_path / "app.py"
    code.write_text(
        "def connect(scheme, port):\n"
        "    if port < 0:\n"
        "        raise ValueError('port must be positive')\n"
        "    raise ValueError('Error: unknown scheme; use http')\n",
        encoding="utf-8",
    )
    return code


def _cli(tmp_path: Path, *args: str):
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        return runner.invoke(main, ["check", "--no-cache", "--jobs", "1", *args])
    finally:
        os.chdir(cwd)


def test_diff_writes_nothing_and_exits_1(tmp_path: Path) -> None:
    code = _project(tmp_path)
    before = code.read_bytes()
    result = _cli(tmp_path, "--diff", "app.py")
    assert result.exit_code == 1
    assert result.stdout.startswith("--- a/app.py\n+++ b/app.py\n")
    assert "+    raise ValueError('unknown scheme; use http')" in result.stdout  # the file writes lower case
    assert "got" not in result.stdout  # unsafe fixes only with --unsafe-fixes
    assert "got {port!r}" in _cli(tmp_path, "--diff", "--unsafe-fixes", "app.py").stdout
    assert code.read_bytes() == before


def test_fix_applies_safe_fixes_then_reports_what_is_left(tmp_path: Path) -> None:
    code = _project(tmp_path)
    result = _cli(tmp_path, "--fix", "app.py")
    assert result.exit_code == 1  # the unsafe HEM007 fix is left
    assert "'unknown scheme; use http'" in code.read_text(encoding="utf-8")
    assert "HEM007" in result.stdout and "HEM008" not in result.stdout
    result = _cli(tmp_path, "--fix", "--unsafe-fixes", "app.py")
    assert "got {port!r}" in code.read_text(encoding="utf-8")
    assert _cli(tmp_path, "--diff", "--unsafe-fixes", "app.py").exit_code == 0  # nothing left to change


def test_fix_exits_0_when_nothing_is_left(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[tool.helpful-errors]\nselect = {list(PREVIEW_FIXED)!r}\n", encoding="utf-8")
    (tmp_path / "app.py").write_text("def f(v):\n    raise ValueError(f'ValueError: {v!r} is not a number; pass digits such as 42')\n", encoding="utf-8")
    assert _cli(tmp_path, "--fix", "app.py").exit_code == 0


def test_json_and_sarif_carry_the_fix(tmp_path: Path) -> None:
    from test_reporters import validate_sarif

    _project(tmp_path)
    items = json.loads(_cli(tmp_path, "--format", "json", "app.py").stdout)
    fixes = {i["code"]: i["fix"] for i in items}
    assert fixes["HEM007"]["applicability"] == "unsafe"
    edit = fixes["HEM008"]["edits"][0]
    assert fixes["HEM008"]["applicability"] == "safe"
    assert edit["location"]["row"] == 4 and edit["content"] == ""
    log = json.loads(_cli(tmp_path, "--format", "sarif", "app.py").stdout)
    validate_sarif(log)
    replaced = [r["fixes"][0]["artifactChanges"][0]["replacements"][0] for r in log["runs"][0]["results"] if "fixes" in r]
    assert {"deletedRegion", "insertedContent"} <= set(replaced[0])


def _findings(text: str):
    return analyze_source(text, "m.py", SETTINGS).findings


def test_add_noqa_is_idempotent_merges_and_never_breaks_a_string() -> None:
    source = (
        "def f(port):\n"
        "    raise ValueError('Invalid')  # noqa: E501\n"
        "def g(x):\n"
        "    raise ValueError('''Something\n"
        "went wrong''')\n"
    )
    found = _findings(source)
    assert {f.line for f in found} == {2, 4}
    text, count = add_noqa(source, found)
    assert count == 2
    compile(text, "m.py", "exec")
    lines = text.splitlines()
    assert lines[1].endswith("# noqa: E501," + ",".join(sorted({f.code for f in found if f.line == 2})))
    assert lines[4].startswith("went wrong''')  # noqa: HEM")  # after the closing quotes
    assert _findings(text) == ()  # our noqa (flake8's mapping) honours every comment
    assert add_noqa(text, _findings(text)) == (text, 0)


def test_add_noqa_from_the_command_line(tmp_path: Path) -> None:
    code = _project(tmp_path)
    result = _cli(tmp_path, "--add-noqa", "app.py")
    assert result.exit_code == 0 and "noqa" in code.read_text(encoding="utf-8")
    assert _cli(tmp_path, "app.py").exit_code == 0


def test_a_file_changed_on_disk_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "m.py"
    target.write_bytes(b"new contents\n")
    problem = write_if_unchanged(str(target), b"old contents\n", b"fixed\n")
    assert problem is not None and "changed on disk" in problem
    assert target.read_bytes() == b"new contents\n"
    assert write_if_unchanged(str(target), b"new contents\n", b"fixed\n") is None
    assert target.read_bytes() == b"fixed\n"
    assert [p.name for p in tmp_path.iterdir()] == ["m.py"]  # no temporary file left behind


def test_a_read_only_file_is_reported_and_the_run_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from helpful_errors.fix import write

    code = _project(tmp_path)
    real = write.writable  # root may write read-only files, so answer as for an ordinary user
    monkeypatch.setattr(write, "writable", lambda p: False if p.endswith("app.py") else real(p))
    other = tmp_path / "other.py"
    other.write_text("def f(v):\n    raise ValueError(f'Error: bad value {v!r}; pass a number')\n", encoding="utf-8")
    code.chmod(stat.S_IRUSR)
    result = _cli(tmp_path, "--fix", "app.py", "other.py")
    code.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert "app.py is read-only" in result.stderr
    assert "Error:" not in other.read_text(encoding="utf-8")
    assert "Error:" in code.read_text(encoding="utf-8")


def test_word_fixes_reach_into_percent_and_format_templates_but_values_do_not() -> None:
    source = (
        "def f(subquery, target):\n"
        "    raise AttributeError('Error: no foreign key for '\n"
        "                         'query: %s%s' % (subquery, target))\n"
        "def g(name):\n"
        "    raise RuntimeError('Cannot load {}! Try again with --force'.format(name))\n"
    )
    out = fix_source(source, "m.py", SETTINGS, True)
    assert out.text == source.replace("'Error: no", "'No").replace("{}!", "{}.")
    assert dict(out.applied) == {"HEM008": 1, "HEM013": 1}


def test_fixes_survive_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _project(tmp_path)
    monkeypatch.setenv("HELPFUL_ERRORS_CACHE_DIR", str(tmp_path / "cache"))
    runner = CliRunner()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        first = runner.invoke(main, ["check", "--jobs", "1", "--format", "json", "app.py"]).output
        second = runner.invoke(main, ["check", "--jobs", "1", "--format", "json", "app.py"]).output
    finally:
        os.chdir(cwd)
    assert any((tmp_path / "cache").rglob("*")), "the first run wrote the cache"
    assert first == second and all(item["fix"] for item in json.loads(second))


def test_the_check_summary_counts_fixable_findings(tmp_path: Path) -> None:
    _project(tmp_path)
    result = _cli(tmp_path, "app.py")
    items = json.loads(_cli(tmp_path, "--format", "json", "app.py").stdout)
    unsafe = sum(1 for i in items if i["fix"] and i["fix"]["applicability"] == "unsafe")
    assert unsafe and f"(1 fixable with --fix, {unsafe} more with --fix --unsafe-fixes)" in result.stderr


def test_the_language_server_offers_the_fix_first() -> None:
    pytest.importorskip("lsprotocol")
    from lsprotocol import types

    from helpful_errors.server.actions import actions_for

    source = "def f(v):\n    raise ValueError(f'Error: bad value {v!r}; pass a number')\n"
    (finding,) = [f for f in analyze_source(source, "m.py", SETTINGS).findings if f.code == "HEM008"]
    place = types.Range(types.Position(1, 0), types.Position(1, 1))
    diagnostic = types.Diagnostic(place, "x")
    fix_action, noqa_action = actions_for(finding, diagnostic, source, "file:///m.py")
    assert fix_action.is_preferred and "noqa" in noqa_action.title
    (edit,) = fix_action.edit.changes["file:///m.py"]
    line = source.splitlines()[edit.range.start.line]
    fixed = line[: edit.range.start.character] + edit.new_text + line[edit.range.end.character :]
    assert fixed == "    raise ValueError(f'Bad value {v!r}; pass a number')"
