"""Every example in the rule records is a test: bad examples fire exactly their rule, good ones nothing."""

from __future__ import annotations

from typing import List, Tuple

import pytest

from helpful_errors import rulebook
from helpful_errors.config import Settings
from helpful_errors.checks.package import judge_package
from helpful_errors.engine import analyze_source
from helpful_errors.model import Finding

CASES: List[Tuple[str, int, str, str]] = [
    (record.code, number, kind, snippet)
    for record in rulebook.rules()
    for number, example in enumerate(record.examples, 1)
    for kind, snippet in (("bad", example.bad), ("good", example.good))
]


def findings_of(snippet: str, code: str = "") -> List[Finding]:
    """Findings of the engine and, for package-level rules selected by ``code``, the package pass."""
    settings = Settings(select=("HEM", code)) if code else Settings()
    result = analyze_source(snippet + "\n", "example.py", settings)
    assert result.sites, "the example must contain a message site"
    return list(result.findings) + judge_package([result], settings)


@pytest.mark.parametrize("code,number,kind,snippet", CASES, ids=[f"{c}-{n}-{k}" for c, n, k, _ in CASES])
def test_record_example(code: str, number: int, kind: str, snippet: str) -> None:
    found = findings_of(snippet, code)
    if kind == "bad":
        assert found, f"{code} example {number}: the bad snippet produced no finding"
        assert {f.code for f in found} == {code}, f"{code} example {number}: got {[(f.code, f.text) for f in found]}"
        record = rulebook.get(code)
        assert all(f.name == record.name for f in found)
    else:
        assert found == [], f"{code} example {number}: the good snippet produced {[(f.code, f.text) for f in found]}"


def test_every_implemented_rule_has_examples() -> None:
    from helpful_errors.checks.registry import rules

    for rule in rules():
        assert rule.record.examples, f"{rule.code} needs at least one bad/good example pair in its record"


def test_finding_text_comes_from_the_record() -> None:
    record = rulebook.get("HEM002")
    (finding,) = findings_of('raise RuntimeError("Something went wrong")', "HEM002")
    assert finding.message == record.message
    assert finding.help.startswith("Name what failed")
