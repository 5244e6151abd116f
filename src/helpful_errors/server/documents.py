"""Judge one editor buffer: its in-memory text, with the settings ``check`` would use for its path."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Optional, Tuple

from ..config import ConfigError, Settings, load_settings
from ..model import Finding
from .incremental import Memory, judge


@dataclass(frozen=True)
class Judgment:
    """What one version of a buffer produced; ``problem`` is a configuration error to show."""

    findings: Tuple[Finding, ...] = ()
    problem: str = ""


def judge_text(text: str, path: str, settings: Optional[Settings] = None, memory: Optional[Memory] = None) -> Judgment:
    """Findings for ``text`` as if it were saved at ``path``; excluded paths get none.

    An editor names the file it shows, so exclusion applies as with ``--force-exclude``:
    a buffer of an excluded file is quiet, like that file in a pre-commit run. ``memory``
    carries what the last judgment of the same buffer found, to judge only what changed.
    """
    if settings is None:
        try:
            settings = load_settings(os.path.dirname(path) or ".")
        except ConfigError as exc:
            return Judgment(problem=str(exc))
    if settings.excluded(path):
        return Judgment()
    return Judgment(tuple(judge(text, path, settings, Memory() if memory is None else memory)))
