"""``# noqa`` with flake8's semantics. (Interim: same-line matching only.)"""

from __future__ import annotations

import re
from typing import List, Sequence

from .model import Finding

NOQA = re.compile(r"# noqa(?::[\s]?(?P<codes>([A-Z]+[0-9]+(?:[,\s]+)?)+))?", re.IGNORECASE)


def apply_noqa(findings: Sequence[Finding], text: str) -> List[Finding]:
    if not findings or "noqa" not in text.lower():
        return list(findings)
    lines = text.splitlines()
    kept = []
    for f in findings:
        line = lines[f.line - 1] if 0 < f.line <= len(lines) else ""
        m = NOQA.search(line)
        if m is None:
            kept.append(f)
            continue
        codes = m.group("codes")
        if codes and not any(f.code.startswith(c) for c in re.split(r"[,\s]+", codes.upper()) if c):
            kept.append(f)
    return kept
