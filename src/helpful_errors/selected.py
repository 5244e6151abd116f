"""Which findings a run reports: kept apart from the engine so that a run answered from the
cache reports without importing the extractor (and LibCST with it)."""

from __future__ import annotations

from typing import Iterable, List

from .config import Settings
from .model import Finding


def reportable(findings: Iterable[Finding], settings: Settings) -> List[Finding]:
    """The findings that select, ignore and per-file-ignores let through, in report order."""
    return sorted((f for f in findings if settings.code_enabled(f.code, f.path)), key=Finding.sort_key)
