"""The fix side of ``check``: ``--fix``, ``--unsafe-fixes``, ``--diff`` and ``--add-noqa``.

Works on the results of the normal run, so a tree without fixable findings costs nothing
more than ``check``; only files with a fix wanted are read, analysed and rewritten again.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, TextIO

from ..config import Settings
from ..model import FileResult, Finding
from ..source import decode, read_bytes
from .apply import fix_text, fixable
from .attach import restyle
from .diff import unified_diff
from .noqa import add_noqa
from .style import Capitals, package_capitals
from .write import encode_like, write_if_unchanged


@dataclass
class FixRun:
    results: List[FileResult]
    applied: "Counter[str]" = field(default_factory=Counter)
    files_changed: int = 0
    diff: str = ""


def fix_results(
    results: Sequence[FileResult], settings: Settings, unsafe: bool, write: bool, stderr: TextIO,
    enabled: Callable[[Finding], bool],
) -> FixRun:
    """Fix the files whose results carry wanted fixes; write them, or collect a diff when ``write`` is False."""
    from ..engine import analyze_source

    run = FixRun(list(results))
    outside: Optional[Dict[str, Capitals]] = None
    for index, result in enumerate(results):
        if not fixable([f for f in result.findings if enabled(f)], unsafe):
            continue
        if outside is None:  # the package's style, counted once and only when something is fixed
            outside = package_capitals(results)
        data = read_bytes(result.path)
        text = decode(data).text if data is not None else None
        if data is None or text is None:
            continue
        path = result.path

        def analyse(new: str, path: str = path, around: Capitals = outside[path]) -> FileResult:
            found = analyze_source(new, path, settings)
            kept = restyle([f for f in found.findings if enabled(f)], found.sites, new, settings, around)
            return FileResult(found.path, found.sites, tuple(kept))

        outcome = fix_text(text, path, analyse, analyse(text), unsafe)
        if not outcome.changed:
            continue
        new = encode_like(outcome.text, data)
        if new is None:
            stderr.write(f"helpful-errors: the fixes of {path} cannot be saved in its encoding, so it was left as it is; save it as UTF-8 to fix it\n")
            continue
        if write:
            problem = write_if_unchanged(path, data, new)
            if problem is not None:
                stderr.write(f"helpful-errors: {problem}\n")
                continue
        else:
            run.diff += unified_diff(path, text, outcome.text)
        run.applied.update(outcome.applied)
        run.files_changed += 1
        run.results[index] = outcome.result if write else result
    return run


def write_noqa(findings: Sequence[Finding], stderr: TextIO) -> int:
    """Add ``# noqa`` comments for ``findings`` to their files; how many comments were written."""
    by_path: Dict[str, List[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    total = 0
    for path, found in sorted(by_path.items()):
        data = read_bytes(path)
        text = decode(data).text if data is not None else None
        if data is None or text is None:
            continue
        new_text, count = add_noqa(text, found)
        if not count:
            continue
        new = encode_like(new_text, data)
        problem = "its text cannot be saved in its encoding" if new is None else write_if_unchanged(path, data, new)
        if problem is not None:
            stderr.write(f"helpful-errors: {problem}\n")
            continue
        total += count
    return total


def summary(run: FixRun, remaining: Sequence[Finding], unsafe: bool) -> str:
    """One line for standard error: what was fixed and what is left, as ruff says it."""
    fixed = sum(run.applied.values())
    left = len(remaining)
    more = sum(1 for f in remaining if f.fix is not None and f.fix.applicability != "safe")
    hint = f" ({more} more fixable with --unsafe-fixes)" if more and not unsafe else ""
    noun = "finding" if fixed == 1 else "findings"
    files = "file" if run.files_changed == 1 else "files"
    return f"helpful-errors: fixed {fixed} {noun} in {run.files_changed} {files}, {left} remaining{hint}\n"
