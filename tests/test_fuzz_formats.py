"""Property test: whatever a message or a file name holds (control characters, NUL, lone
surrogates, newlines, quotes), every machine format stays valid: JSON and the baseline
parse, SARIF passes its schema, GitHub annotations stay one command a line, the audit's
JSON parses, and each is valid UTF-8 whether written to standard output or to a file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpful_errors import baseline
from helpful_errors.audit.data import build
from helpful_errors.audit.html import render as render_html
from helpful_errors.config import Settings
from helpful_errors.engine import analyze_source
from helpful_errors.reporters import reporter
from helpful_errors.reporters.output import Delivery, deliver

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
ANY_TEXT = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=60)
NAME = st.text(st.characters(min_codepoint=1, max_codepoint=0x10FFFF, blacklist_characters="/"), min_size=1, max_size=20)


def as_stdout(text: str) -> str:
    """What the command line's standard output (``errors="backslashreplace"``) carries."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


@FUZZ
@given(message=ANY_TEXT, name=NAME)
def test_machine_formats_stay_valid(tmp_path_factory, message: str, name: str) -> None:  # type: ignore[no-untyped-def]
    source = f"def f(port):\n    raise ValueError({message!r} + f'{{port}}')\n    raise ValueError({message!r})\n    raise ValueError('Invalid port')\n"
    path = f"src/{name}.py"
    result = analyze_source(source, path, Settings())
    findings = list(result.findings)
    assert findings, "the fuzzed file must produce findings for the formats to carry"
    for fmt in ("json", "sarif", "github"):
        out = io.StringIO()
        reporter(fmt)(findings, out)
        text = as_stdout(out.getvalue())
        if fmt == "json":
            assert [f["code"] for f in json.loads(text)] == [f.code for f in findings]
        elif fmt == "sarif":
            jsonschema.validate(json.loads(text), SCHEMA)
        else:
            # The runner reads workflow commands line by line at "\n"; a path may hold other
            # separators (U+2028) that str.splitlines would also split at.
            lines = text[:-1].split("\n") if text.endswith("\n") else text.split("\n")
            assert text.count("\n") == len(findings) and all(line.startswith("::warning file=") for line in lines)
    folder = tmp_path_factory.mktemp("out")
    for fmt in ("json", "sarif"):
        target = folder / f"report.{fmt}"
        code = deliver(findings, Delivery(fmt=fmt, output=str(target)), None, io.StringIO(), io.StringIO())
        assert code == 1
        json.loads(target.read_bytes().decode("utf-8"))
    code = deliver(findings, Delivery(write_baseline=str(folder / "b.json")), None, io.StringIO(), io.StringIO())
    assert code == 0
    recorded = json.loads((folder / "b.json").read_bytes().decode("utf-8"))
    assert len(recorded["findings"]) == len(findings)
    assert baseline.load(str(folder / "b.json"))
    audit = build([result])
    json.loads(as_stdout(json.dumps(audit.as_dict(), ensure_ascii=False)))
    as_stdout(render_html(audit)).encode("utf-8")
