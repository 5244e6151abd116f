"""``--statistics``: how many findings of each code, the summary flake8 and ruff users expect."""

from __future__ import annotations

from collections import Counter
from typing import Dict, List, Sequence, TextIO, Tuple

from ..model import Finding


def counts(findings: Sequence[Finding]) -> List[Tuple[str, str, int]]:
    """(code, name, count) for every code present, most frequent first, then by code."""
    tally: Counter[str] = Counter(f.code for f in findings)
    names: Dict[str, str] = {}
    for f in findings:
        names.setdefault(f.code, f.name)
    return sorted(((code, names[code], n) for code, n in tally.items()), key=lambda row: (-row[2], row[0]))


def report(findings: Sequence[Finding], out: TextIO) -> None:
    rows = counts(findings)
    width = max((len(str(n)) for _, _, n in rows), default=1)
    for code, name, n in rows:
        line = f"{n:>{width}}  {code}  {name}".rstrip()
        out.write(f"{line}\n")
    if rows:
        total = len(findings)
        noun = "finding" if total == 1 else "findings"
        out.write(f"{total:>{width}}  {noun} in total; the help line of each finding says how to fix it\n")
