"""Known rule codes. (Interim: replaced by the rulebook-driven registry.)"""

from __future__ import annotations

from typing import FrozenSet


def known_codes() -> FrozenSet[str]:
    return frozenset({"HEM000", "HEM001", "HEM002"})
