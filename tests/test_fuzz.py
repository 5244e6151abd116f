"""Property tests: for any valid Python program the engine does not crash and every
position it reports (sites and findings) lies inside the file.

hypothesmith generates programs from Python's grammar (``from_grammar``) and from LibCST
node trees (``from_node``); both only yield source that ``compile`` accepts.
"""

from __future__ import annotations

import hypothesmith
from hypothesis import HealthCheck, example, given, settings

from helpful_errors.config import Settings
from helpful_errors.engine import analyze_source
from helpful_errors.model import Span
from helpful_errors.source import python_lines

FUZZ = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)


def assert_inside(lines: list, line: int, column: int, what: str) -> None:
    assert 1 <= line <= len(lines), f"{what}: line {line} outside 1..{len(lines)}"
    assert 0 <= column <= len(lines[line - 1]), f"{what}: column {column} outside 0..{len(lines[line - 1])} of line {line}"


def check_program(source: str) -> None:
    result = analyze_source(source, "fuzz.py", Settings())
    lines = python_lines(source)
    bugs = [f.message for f in result.findings if f.code == "HEM000"]
    assert bugs == [], f"a program Python compiles could not be analyzed: {bugs}"
    for site in result.sites:
        span: Span = site.span
        assert_inside(lines, span.line, span.column, f"site {site.callee} start")
        assert_inside(lines, span.end_line, span.end_column, f"site {site.callee} end")
        assert (span.line, span.column) <= (span.end_line, span.end_column), f"site {site.callee} ends before it starts"
        assert 1 <= site.statement_line <= site.statement_end_line <= len(lines)
    for f in result.findings:
        assert_inside(lines, f.line, f.column, f"{f.code} start")
        assert_inside(lines, f.end_line, f.end_column, f"{f.code} end")


@FUZZ
@given(hypothesmith.from_grammar())
@example("raise ValueError(\r'Port is invalid')\r")
@example("if x:\n\traise ValueError('a' \\\n 'b')\n")
@example("x = 1\n\x0craise ValueError(f'{x}\\u2028{y!r:>{w}}')\n")
def test_any_program_from_the_grammar(source: str) -> None:
    check_program(source)


@FUZZ
@given(hypothesmith.from_node())
def test_any_program_from_libcst_nodes(source: str) -> None:
    check_program(source)
