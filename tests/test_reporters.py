"""Every output format, at the level of the text a user or a machine reads."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpful_errors.model import Finding
from helpful_errors.reporters import github, reporter, statistics, text
from helpful_errors.reporters.output import Delivery, deliver

PORT = Finding("pkg/net.py", 12, 8, 12, 31, "HEM001", "Message only describes the state", "Say what the reader should do.", "Port {port} is invalid", "state-only")
VAGUE = Finding("pkg/io.py", 3, 4, 4, 10, "HEM002", "Message is vague", "Name the value that is wrong.", "Something went wrong", "vague")
ODD = Finding("dir,x/a:b.py", 5, 0, 5, 9, "HEM001", "Message 100% bad:\nreally, truly\r", "Use a, b: c", "x", "state-only")
BROKEN = Finding("bad.py", 1, 0, 1, 0, "HEM000", "File could not be analyzed: syntax error at line 1", "", "", "unanalyzable-file")


def render(name: str, findings, **kwargs) -> str:
    out = io.StringIO()
    reporter(name)(findings, out, **kwargs)
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
            "help": "Say what the reader should do.", "text": "Port {port} is invalid", "fix": None,
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
    assert err.getvalue() == "Found 1 finding in 1 file\n"  # only the closing count goes to standard error


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


SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


def sarif_of(findings) -> dict:
    return json.loads(render("sarif", findings))


def validate_sarif(log: dict) -> None:
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)


def test_sarif_validates_against_the_2_1_0_schema() -> None:
    unlisted = Finding("x.py", 1, 0, 1, 4, "HEM777", "Not in the rulebook", "", "text", "")
    log = sarif_of([PORT, VAGUE, ODD, BROKEN, unlisted])
    validate_sarif(log)
    assert "HEM777" in {rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    validate_sarif(sarif_of([]))


def test_sarif_schema_check_can_fail() -> None:
    import jsonschema

    log = sarif_of([PORT])
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    with pytest.raises(jsonschema.ValidationError):
        validate_sarif(log)


def test_sarif_describes_every_rule_of_the_rulebook() -> None:
    from helpful_errors import rulebook

    log = sarif_of([PORT])
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "helpful-errors"
    described = {rule["id"]: rule for rule in driver["rules"]}
    expected = {r.code for r in rulebook.rules() if r.status != "removed"}
    assert expected and set(described) == expected
    for record in rulebook.rules():
        rule = described.get(record.code)
        if rule is None:
            continue
        assert rule["name"] == record.name
        assert rule["helpUri"] == record.url
        assert rule["shortDescription"]["text"] and "{" not in rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"] == record.what.strip()
        assert record.help.strip() in rule["help"]["text"]
        assert record.url in rule["help"]["markdown"]


def test_sarif_results_point_at_the_message() -> None:
    log = sarif_of([PORT, BROKEN])
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    broken, port = run["results"]  # sorted by path
    assert rules[port["ruleIndex"]]["id"] == port["ruleId"] == "HEM001"
    assert port["level"] == "warning" and broken["level"] == "error"
    assert port["message"]["text"] == "Message only describes the state\nhelp: Say what the reader should do."
    location = port["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "pkg/net.py"
    assert location["region"] == {"startLine": 12, "startColumn": 9, "endLine": 12, "endColumn": 32}


def test_sarif_fingerprint_survives_moved_lines_but_not_changed_text() -> None:
    from dataclasses import replace

    def fingerprint(f: Finding) -> str:
        return sarif_of([f])["runs"][0]["results"][0]["partialFingerprints"]["helpfulErrors/v1"]

    moved = replace(PORT, line=40, end_line=40)
    assert fingerprint(moved) == fingerprint(PORT)
    assert fingerprint(replace(PORT, text="Port {port} is out of range")) != fingerprint(PORT)


def test_cli_sarif_of_real_code_validates(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text('def f(key):\n    raise ValueError(f"Invalid key {key}")\n', encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "helpful_errors", "check", "--format", "sarif", "a.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 1, run.stderr
    log = json.loads(run.stdout)
    validate_sarif(log)
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]] == ["a.py"]


def test_sarif_uri_is_relative_for_files_under_the_working_folder(tmp_path, monkeypatch):
    from helpful_errors.reporters.sarif import artifact_uri

    monkeypatch.chdir(tmp_path)
    inside = tmp_path / "pkg" / "my mod.py"
    assert artifact_uri(str(inside)) == "pkg/my%20mod.py"
    assert artifact_uri("pkg/a.py") == "pkg/a.py"
    outside = tmp_path.parent / "elsewhere.py"
    assert artifact_uri(str(outside)).startswith("file://")
