"""Reporters: turn findings into text for people and formats for machines.

Each format's module is imported when it is asked for: a warm run prints one format, and
importing the others (SARIF's schema tables, the baseline code) was a tenth of its start-up.
"""

from __future__ import annotations

import importlib
from typing import Callable, Dict, Sequence, TextIO

from ..model import Finding

Reporter = Callable[[Sequence[Finding], TextIO], None]

_MODULES: Dict[str, str] = {"text": "text", "json": "json_format", "sarif": "sarif", "github": "github"}
FORMATS = tuple(_MODULES)


def reporter(fmt: str) -> Reporter:
    """The ``report`` function of format ``fmt`` (one of ``FORMATS``)."""
    module = importlib.import_module(f"{__name__}.{_MODULES[fmt]}")
    return module.report  # type: ignore[no-any-return]
