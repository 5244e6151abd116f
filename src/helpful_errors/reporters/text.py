"""``path:line:col: CODE message`` with the help on the next line."""

from __future__ import annotations

from typing import Sequence, TextIO

from ..model import Finding


def report(findings: Sequence[Finding], out: TextIO) -> None:
    for f in findings:
        out.write(f"{f.path}:{f.line}:{f.column + 1}: {f.code} {f.message}\n")
        if f.help:
            out.write(f"    help: {f.help}\n")
