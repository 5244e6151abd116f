"""Reporters: turn findings into text for people and formats for machines."""

from __future__ import annotations

from typing import Callable, Dict, Sequence, TextIO

from ..model import Finding
from . import github, json_format, sarif, text

Reporter = Callable[[Sequence[Finding], TextIO], None]

REPORTERS: Dict[str, Reporter] = {
    "text": text.report,
    "json": json_format.report,
    "sarif": sarif.report,
    "github": github.report,
}
