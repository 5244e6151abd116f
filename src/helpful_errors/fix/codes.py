"""The codes that have a fixer, importable without loading the fixers (the engine asks per file)."""

from typing import Iterable

from ..model import Finding

FIXABLE = frozenset({"HEM004", "HEM005", "HEM006", "HEM007", "HEM008", "HEM012", "HEM013", "HEM016"})

# The codes whose fix reads the capitalization of the other messages (HEM008 drops a label).
FOLLOW_CAPITALS = frozenset({"HEM008"})


def follows_capitals(findings: Iterable[Finding]) -> bool:
    """Whether a finding has a fix that follows the capitalization of the other messages."""
    return any(f.fix is not None and f.code in FOLLOW_CAPITALS for f in findings)
