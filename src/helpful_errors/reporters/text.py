"""``path:line:col: CODE message`` with the help on the next line, colored on a terminal."""

from __future__ import annotations

import os
from typing import Optional, Sequence, TextIO

import click

from ..model import Finding
from ..printable import printable


def wants_color(out: TextIO) -> bool:
    """Color only for a person at a terminal: never in files or pipes, never with NO_COLOR set."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(out, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def report(findings: Sequence[Finding], out: TextIO, color: Optional[bool] = None) -> None:
    """Print findings; ``color=None`` decides by whether ``out`` is a terminal."""
    use_color = wants_color(out) if color is None else color

    def style(text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if use_color else text  # type: ignore[arg-type]

    for f in findings:
        where = style(f"{printable(f.path)}:{f.line}:{f.column + 1}:", bold=True)
        out.write(f"{where} {style(f.code, fg='red', bold=True)} {printable(f.message)}\n")
        if f.help:
            out.write(f"    {style('help:', fg='cyan', bold=True)} {printable(f.help)}\n")
