"""``check --fix``: apply the fixes of one file pass by pass until none is left.

Each pass applies the fixes whose edits touch lines no other chosen fix touches, then the
file is analysed again, so overlapping fixes on one statement are applied one at a time,
each against the text the previous one left. A pass whose result Python does not compile
is retried fix by fix, keeping only those that compile; so the fixed code always compiles.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, List, Sequence, Tuple

from ..config import Settings
from ..model import FIX_SAFE, FileResult, Finding, Fix
from ..source import compile_problem
from .region import apply_edits, overlaps

MAX_PASSES = 20  # a fix never enables an endless chain; this only bounds a bug

Analyse = Callable[[str], FileResult]


@dataclass
class FixedText:
    """The text after fixing, the final analysis and how many findings of each code the fixes removed."""

    text: str
    result: FileResult
    applied: "Counter[str]" = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return sum(self.applied.values()) > 0


def wanted(fix: Fix, unsafe: bool) -> bool:
    return fix.applicability == FIX_SAFE or unsafe


def fixable(findings: Sequence[Finding], unsafe: bool) -> List[Finding]:
    return [f for f in findings if f.fix is not None and wanted(f.fix, unsafe)]


def fix_text(text: str, path: str, analyse: Analyse, first: FileResult, unsafe: bool) -> FixedText:
    """Fix ``text`` (whose analysis is ``first``) as far as the fixes go."""
    outcome = FixedText(text, first)
    if compile_problem(text, path) is not None:
        return outcome  # never rewrite a file Python does not compile: we could not check the result
    for _ in range(MAX_PASSES):
        todo = fixable(outcome.result.findings, unsafe)
        if not todo:
            break
        chosen = _non_overlapping(todo)
        new = apply_edits(outcome.text, [e for f in chosen for e in f.fix.edits])  # type: ignore[union-attr]
        if compile_problem(new, path) is not None:
            chosen, new = _one_by_one(outcome.text, chosen, path)
            if not chosen:
                break
        outcome.applied.update(f.code for f in chosen)
        outcome.text = new
        outcome.result = analyse(new)
    return outcome


def _non_overlapping(todo: Sequence[Finding]) -> List[Finding]:
    chosen: List[Finding] = []
    for finding in todo:
        assert finding.fix is not None
        if not any(overlaps(finding.fix.edits, c.fix.edits) for c in chosen if c.fix is not None):
            chosen.append(finding)
    return chosen


def _one_by_one(text: str, chosen: Sequence[Finding], path: str) -> Tuple[List[Finding], str]:
    """Apply the fixes one at a time, keeping only those after which the file still compiles."""
    kept: List[Finding] = []
    for finding in sorted(chosen, key=lambda f: (f.line, f.column), reverse=True):  # later edits first: earlier positions stay valid
        assert finding.fix is not None
        trial = apply_edits(text, finding.fix.edits)
        if compile_problem(trial, path) is None:
            text = trial
            kept.append(finding)
    return kept, text


def fix_source(text: str, path: str, settings: Settings, unsafe: bool) -> FixedText:
    """Analyse and fix source text in memory (the rule examples' tests and the measurements use it)."""
    from ..engine import analyze_source

    def analyse(new: str) -> FileResult:
        return analyze_source(new, path, settings)

    return fix_text(text, path, analyse, analyse(text), unsafe)
