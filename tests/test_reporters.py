"""Every output format, at the level of the text a user or a machine reads."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpful_errors.model import Finding
from helpful_errors.reporters import REPORTERS, github, statistics, text
from helpful_errors.reporters.output import Delivery, deliver

PORT = Finding("pkg/net.py", 12, 8, 12, 31, "HEM001", "Message only describes the state", "Say what the reader should do.", "Port {port} is invalid", "state-only")
VAGUE = Finding("pkg/io.py", 3, 4, 4, 10, "HEM002", "Message is vague", "Name the value that is wrong.", "Something went wrong", "vague")
ODD = Finding("dir,x/a:b.py", 5, 0, 5, 9, "HEM001", "Message 100% bad:\nreally, truly\r", "Use a, b: c", "x", "state-only")
BROKEN = Finding("bad.py", 1, 0, 1, 0, "HEM000", "File could not be analyzed: syntax error at line 1", "", "", "unanalyzable-file")


def render(name: str, findings, **kwargs) -> str:
    out = io.StringIO()
    REPORTERS[name](findings, out, **kwargs)
    return out.getvalue()


def test_text_prints_location_code_message_and_help() -> None:
    assert render("text", [PORT, BROKEN]) == (
        "pkg/net.py:12:9: HEM001 Message only describes the state\n"
        "    help: Say what the reader should do.\n"
        "bad.py:1:1: HEM000 File could not be analyzed: syntax error at line 1\n"
    )


def test_text_colors_only_when_asked_or_at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    colored = render("text", [PORT], color=True)
    assert "\x1b[" in colored
    assert "HEM001" in colored and "Say what the reader should do." in colored
    assert "\x1b[" not in render("text", [PORT])  # a StringIO is not a terminal

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert text.wants_color(Terminal())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not text.wants_color(Terminal())


def test_json_keeps_its_contract() -> None:
    data = json.loads(render("json", [PORT]))
    assert data == [
        {
            "path": "pkg/net.py", "line": 12, "column": 9, "end_line": 12, "end_column": 32, "code": "HEM001",
            "name": "state-only", "message": "Message only describes the state",
            "help": "Say what the reader should do.", "text": "Port {port} is invalid",
        }
    ]


def test_github_annotation_line() -> None:
    assert render("github", [PORT]) == (
        "::warning file=pkg/net.py,line=12,col=9,endLine=12,endColumn=32,title=HEM001::"
        "Message only describes the state%0Ahelp: Say what the reader should do.\n"
    )


def test_github_escapes_data_and_properties() -> None:
    line = render("github", [ODD])
    assert line.count("\n") == 1 and line.endswith("\n")  # one command, no forged second line
    assert "file=dir%2Cx/a%3Ab.py," in line
    assert line.split("::", 2)[2] == "Message 100%25 bad:%0Areally, truly%0D%0Ahelp: Use a, b: c\n"
    assert github.escape_property("a%b:c,d\ne") == "a%25b%3Ac%2Cd%0Ae"


def test_statistics_counts_per_code_most_frequent_first() -> None:
    out = io.StringIO()
    statistics.report([PORT, VAGUE, PORT, BROKEN], out)
    assert out.getvalue().splitlines() == [
        "2  HEM001  state-only",
        "1  HEM000  unanalyzable-file",
        "1  HEM002  vague",
        "4  findings in total; the help line of each finding says how to fix it",
    ]
    empty = io.StringIO()
    statistics.report([], empty)
    assert empty.getvalue() == ""


def test_exit_codes_and_exit_zero() -> None:
    for findings, options, expected in (
        ([PORT], Delivery(), 1),
        ([], Delivery(), 0),
        ([PORT], Delivery(exit_zero=True), 0),
    ):
        assert deliver(findings, options, None, io.StringIO(), io.StringIO()) == expected


def test_statistics_of_machine_formats_go_to_stderr() -> None:
    out, err = io.StringIO(), io.StringIO()
    deliver([PORT], Delivery(fmt="json", statistics=True), None, out, err)
    assert json.loads(out.getvalue())[0]["code"] == "HEM001"
    assert err.getvalue().startswith("1  HEM001  state-only\n")
    out, err = io.StringIO(), io.StringIO()
    deliver([PORT], Delivery(fmt="text", statistics=True), None, out, err)
    assert out.getvalue().endswith("finding in total; the help line of each finding says how to fix it\n")
    assert err.getvalue() == ""


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    out = io.StringIO()
    deliver([PORT], Delivery(output=str(target)), None, out, io.StringIO())
    assert out.getvalue() == ""
    assert target.read_text(encoding="utf-8").startswith("pkg/net.py:12:9: HEM001")
    assert "\x1b[" not in target.read_text(encoding="utf-8")


def test_cli_output_to_a_missing_folder_guides(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text('raise ValueError("Invalid key")\n', encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "helpful_errors", "check", "--output", str(tmp_path / "no" / "r.txt"), "a.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 2
    assert "check that its folder exists" in run.stderr


def test_cli_formats_and_exit_zero(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text('raise ValueError("Invalid key")\n', encoding="utf-8")

    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "helpful_errors", "check", *args, "a.py"], cwd=tmp_path, capture_output=True, text=True, timeout=120)

    plain = cli()
    assert plain.returncode == 1 and plain.stdout.startswith("a.py:1:18: ")
    assert cli("--exit-zero").returncode == 0
    annotations = cli("--format", "github")
    assert annotations.stdout.startswith("::warning file=a.py,line=1,col=18,")
    report = tmp_path / "out.json"
    written = cli("--format", "json", "--output", str(report), "--statistics")
    assert written.stdout == "" and json.loads(report.read_text(encoding="utf-8"))[0]["text"] == "Invalid key"
    assert "in total" in written.stderr
