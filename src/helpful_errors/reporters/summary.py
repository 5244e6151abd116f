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
    return f"Found {_plural(len(findings), 'finding')} in {_plural(files, 'file')}"
