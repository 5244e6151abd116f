"""The closing line of a text report, on standard error: how much was checked and found."""

from __future__ import annotations

from typing import Sequence

from ..model import Finding


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def summary_line(findings: Sequence[Finding], files_checked: int) -> str:
    """``Found 12 findings in 5 files`` or ``All checked: 40 files, no findings``."""
    if not findings:
        return f"All checked: {_plural(files_checked, 'file')}, no findings"
    files = len({f.path for f in findings})
    return f"Found {_plural(len(findings), 'finding')} in {_plural(files, 'file')}{fixable_note(findings)}"


def fixable_note(findings: Sequence[Finding]) -> str:
    """`` (3 fixable with --fix, 2 more with --fix --unsafe-fixes)``, or "" when nothing has a fix."""
    safe = sum(1 for f in findings if f.fix is not None and f.fix.applicability == "safe")
    unsafe = sum(1 for f in findings if f.fix is not None and f.fix.applicability != "safe")
    parts = [f"{safe} fixable with --fix"] if safe else []
    if unsafe:
        parts.append(f"{unsafe} more with --fix --unsafe-fixes" if safe else f"{unsafe} fixable with --fix --unsafe-fixes")
    return f" ({', '.join(parts)})" if parts else ""
