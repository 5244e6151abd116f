"""The flake8 plugin, ``# noqa``, and parity between ``flake8 --select HEM`` and the CLI.

The parity test runs both real front ends as subprocesses over the same files, so that it
checks what users get: flake8's own noqa handling against our copy of it.
"""

from __future__ import annotations

import ast
import codecs
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from helpful_errors.flake8_plugin import HelpfulErrorsChecker
from helpful_errors.noqa import apply_noqa, is_inline_ignored, noqa_line_mapping, physical_lines

STATE_ONLY = 'def f(port):\n    raise ValueError(f"Port {port} is invalid")\n'


def run_plugin(path: Path) -> List[Tuple[int, int, str, type]]:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    return list(HelpfulErrorsChecker(ast.parse(text), str(path), lines).run())


# -- the plugin contract -------------------------------------------------------------------


def test_plugin_yields_flake8_tuples(tmp_path: Path) -> None:
    path = tmp_path / "app.py"
    path.write_text(STATE_ONLY, encoding="utf-8")
    results = run_plugin(path)
    assert len(results) == 1
    line, col, text, kind = results[0]
    assert (line, col) == (2, 21)  # 1-based line, 0-based column of the f-string
    assert text.startswith("HEM001 ")
    assert kind is HelpfulErrorsChecker


def test_plugin_reads_the_same_config_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.helpful-errors]\nignore = ["HEM001"]\n', encoding="utf-8")
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    path = pkg / "app.py"
    path.write_text(STATE_ONLY, encoding="utf-8")
    assert [r for r in run_plugin(path) if r[2].startswith("HEM001")] == []


def test_plugin_honours_per_file_ignores(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.helpful-errors]\nper-file-ignores = {"scripts/*" = ["HEM001"]}\n', encoding="utf-8"
    )
    for folder in ("scripts", "lib"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "tool.py").write_text(STATE_ONLY, encoding="utf-8")
    assert run_plugin(tmp_path / "scripts" / "tool.py") == []
    assert [r[2][:6] for r in run_plugin(tmp_path / "lib" / "tool.py")] == ["HEM001"]


def test_config_error_becomes_one_hem000(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.helpful-errors]\nselectt = ["HEM"]\n', encoding="utf-8")
    path = tmp_path / "app.py"
    path.write_text(STATE_ONLY, encoding="utf-8")
    results = run_plugin(path)
    assert len(results) == 1
    line, col, text, _ = results[0]
    assert (line, col) == (1, 0)
    assert text.startswith("HEM000 ")
    assert "selectt" in text and "did you mean 'select'?" in text


def test_unexpected_error_becomes_one_hem000_instead_of_raising() -> None:
    # Lines that are not text make the analysis itself fail: flake8 must still get a result.
    checker = HelpfulErrorsChecker(ast.parse(""), "broken.py", [None, 3])  # type: ignore[list-item]
    results = list(checker.run())
    assert len(results) == 1
    assert results[0][2].startswith("HEM000 ") and "report it" in results[0][2]


def test_plugin_does_not_apply_noqa_itself(tmp_path: Path) -> None:
    path = tmp_path / "app.py"
    path.write_text(STATE_ONLY.replace('invalid")', 'invalid")  # noqa: HEM001'), encoding="utf-8")
    assert [r[2][:6] for r in run_plugin(path)] == ["HEM001"]


def test_what_only_the_compiler_rejects_is_left_to_flake8(tmp_path: Path) -> None:
    """``return`` outside a function: pyflakes reports it (F706); the plugin, like the command
    line, reports the file's messages and nothing more."""
    path = tmp_path / "app.py"
    path.write_text(STATE_ONLY + "return\n", encoding="utf-8")
    assert [r[2][:6] for r in run_plugin(path)] == ["HEM001"]
    proc = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "F706,HEM", str(path)],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert [line.split(": ", 1)[1][:4] for line in proc.stdout.splitlines()] == ["HEM0", "F706"], proc.stdout + proc.stderr
    cli = subprocess.run(
        [sys.executable, "-m", "helpful_errors", "check", "--no-cache", "--format", "json", str(path)],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert sorted(f["code"] for f in json.loads(cli.stdout)) == ["HEM001"], cli.stdout + cli.stderr


def test_flake8_loads_the_plugin(tmp_path: Path) -> None:
    path = tmp_path / "app.py"
    path.write_text(STATE_ONLY, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "HEM", str(path)],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith(f"{path}:2:22: HEM001 ")


# -- noqa semantics (copied from flake8) ---------------------------------------------------


@pytest.mark.parametrize(
    ("comment", "ignored"),
    [
        ("# noqa", True),
        ("# NOQA", True),
        ("# noqa: HEM001", True),
        ("# noqa:HEM001", True),
        ("# noqa: E501,HEM001", True),
        ("# noqa: E501 HEM001", True),
        ("# noqa: HEM", True),  # no digits: not a code list, so a blanket noqa
        ("# noqa : HEM001", True),  # the space before ':' makes it a blanket noqa
        ("# noqa:  HEM001", True),  # two spaces after ':' too
        ("# noqa: HEM0", True),  # a listed code matches by prefix
        ("# noqa: HEM002", False),
        ("# noqa: E501", False),
        ("# noqa: hem001", False),  # flake8 compares codes case-sensitively
        ("# a comment", False),
    ],
)
def test_inline_noqa_semantics(comment: str, ignored: bool) -> None:
    assert is_inline_ignored("HEM001", f"raise ValueError('x')  {comment}\n") is ignored


def test_noqa_mapping_joins_the_lines_of_a_multi_line_string() -> None:
    lines = physical_lines('x = 1\nraise ValueError("""Disk\nis full""")  # noqa\ny = 2\n')
    mapping = noqa_line_mapping(lines)
    assert mapping[2] == mapping[3] == lines[1] + lines[2]
    assert mapping[1] == lines[0]


def test_noqa_mapping_of_untokenizable_text_is_empty() -> None:
    assert noqa_line_mapping(physical_lines('raise ValueError("""never closed\n')) == {}


# -- parity: the CLI and flake8 report the same lines and codes ----------------------------

FIXTURES: Dict[str, str] = {
    "variants.py": """
        def f(port, path):
            raise ValueError(f"Port {port} is invalid")
            raise ValueError(f"Port {port} is invalid")  # noqa
            raise ValueError(f"Port {port} is invalid")  # NOQA:HEM001
            raise ValueError(f"Port {port} is invalid")  # noqa: HEM
            raise ValueError(f"Port {port} is invalid")  # noqa: hem001
            raise ValueError(f"Port {port} is invalid")  # noqa: E501
            raise ValueError(f"Port {port} is invalid")  # noqa: E501,HEM001
            raise ValueError(f"Port {port} is invalid")  # noqa : E501
            raise ValueError(f"Port {port} is invalid")  # noqa: HEM002
            raise ValueError("Port # noqa is invalid")
            raise KeyError(f"Path {path} is missing")  # type: ignore  # noqa: HEM001
    """,
    "multiline.py": '''
        import logging

        log = logging.getLogger(__name__)


        def g(name, size):
            raise ValueError(  # noqa: HEM001
                f"Name {name} is taken"
            )
            raise ValueError(
                f"Name {name} is reserved"  # noqa: HEM001
            )
            raise ValueError(
                f"Name {name} is too long"
            )  # noqa
            raise ValueError("""Size
            is wrong""")  # noqa: HEM001
            raise ValueError("""Size
            is odd""")
            log.error(
                "Upload of %s failed",
                name,  # noqa
            )
            log.error("Upload of %s stalled",
                      name)
            raise ValueError(f"Name {name} "  # noqa
                             "is empty")
    ''',
    "skipped.py": """
        # flake8: noqa
        def h(port):
            raise ValueError(f"Port {port} is closed")
    """,
    "classes.py": """
        class QuotaError(Exception):
            message = "Quota is exhausted"  # noqa: HEM001


        class LockError(Exception):
            default_message = "Lock is held"


        def i(x):
            try:
                pass
            except OSError as exc:
                raise RuntimeError("Disk is broken") from exc
    """,
}


def _write_fixtures(folder: Path) -> List[str]:
    names = []
    for name, body in FIXTURES.items():
        (folder / name).write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
        names.append(name)
    # The same statements with Windows line endings.
    crlf = textwrap.dedent(FIXTURES["multiline.py"]).lstrip("\n").replace("\n", "\r\n")
    (folder / "crlf.py").write_bytes(crlf.encode("utf-8"))
    names.append("crlf.py")
    for name, data in ENCODING_FIXTURES.items():
        (folder / name).write_bytes(data)
        names.append(name)
    return sorted(names)


# Files flake8 reads with its latin-1 fallback; the CLI reports each as HEM000 on line 1 or 2.
STATE_ONLY_LINE = b'raise ValueError("Port is invalid")\n'
ENCODING_FIXTURES: Dict[str, bytes] = {
    "unknown_coding.py": b"# -*- coding: klingon -*-\n" + STATE_ONLY_LINE,
    "bom_latin1.py": codecs.BOM_UTF8 + b"# -*- coding: latin-1 -*-\n" + STATE_ONLY_LINE,
    "undecodable_cp1252.py": b"# coding: cp1252\nx = '\x81'\n" + STATE_ONLY_LINE,
    "latin1_without_coding.py": b"x = 'caf\xe9'\n" + STATE_ONLY_LINE,
    # Decodable files with non-ASCII text are analysed by both front ends alike.
    "latin1_declared.py": b"# coding: latin-1\nx = 'caf\xe9'\n" + STATE_ONLY_LINE,
    "utf8_with_bom.py": codecs.BOM_UTF8 + b"x = 'caf\xc3\xa9'\n" + STATE_ONLY_LINE,
}


def test_cli_and_flake8_report_the_same_lines_and_codes(tmp_path: Path) -> None:
    names = _write_fixtures(tmp_path)
    cli = subprocess.run(
        [sys.executable, "-m", "helpful_errors", "check", "--format", "json", "--no-cache", *names],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert cli.returncode == 1, cli.stderr
    cli_pairs = sorted((Path(f["path"]).name, f["line"], f["column"] - 1, f["code"]) for f in json.loads(cli.stdout))

    flake8 = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "HEM", "--format", "%(path)s|%(row)d|%(col)d|%(code)s", *names],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert flake8.returncode == 1, flake8.stderr
    flake8_pairs = []
    for row in flake8.stdout.splitlines():
        path, line, col, code = row.split("|")
        flake8_pairs.append((Path(path).name, int(line), int(col) - 1, code))  # flake8 prints col + 1
    assert cli_pairs == sorted(flake8_pairs)

    # The fixtures exercise both outcomes: some findings survive, and the noqa variants,
    # the multi-line string and the file-level comment silence others.
    lines_by_file: Dict[str, List[int]] = {}
    for name, line, _, _ in cli_pairs:
        lines_by_file.setdefault(name, []).append(line)
    assert lines_by_file["variants.py"] == [2, 6, 7, 10]
    assert "skipped.py" not in lines_by_file
    assert lines_by_file["multiline.py"] == lines_by_file["crlf.py"]
    # Silenced: noqa on the message's own line (11, 26) or after a triple-quoted string (16).
    # Reported, as flake8 does: a line break inside brackets ends flake8's noqa range, so a
    # comment on the ``raise`` line (7) or after the closing bracket (15) does not reach the
    # message on another line.
    assert lines_by_file["multiline.py"] == [8, 14, 18, 21, 24]
    codes_by_file: Dict[str, List[Tuple[int, str]]] = {}
    for name, line, _, code in cli_pairs:
        codes_by_file.setdefault(name, []).append((line, code))
    assert codes_by_file["unknown_coding.py"] == [(1, "HEM000")]
    assert codes_by_file["bom_latin1.py"] == [(1, "HEM000")]
    assert codes_by_file["undecodable_cp1252.py"] == [(2, "HEM000")]
    assert codes_by_file["latin1_without_coding.py"] == [(1, "HEM000")]
    assert codes_by_file["latin1_declared.py"] == [(3, "HEM001")]
    assert codes_by_file["utf8_with_bom.py"] == [(2, "HEM001")]


def test_apply_noqa_keeps_findings_on_lines_without_a_matching_comment() -> None:
    from helpful_errors.model import Finding

    text = 'raise ValueError("a")\nraise ValueError("b")  # noqa: HEM002\nraise ValueError("c")  # noqa\n'
    found = [Finding("t.py", line, 17, line, 20, "HEM001", "m", "h") for line in (1, 2, 3)]
    assert [f.line for f in apply_noqa(found, text)] == [1, 2]
    assert apply_noqa([], text) == []
