"""Notes on standard error: what a run skipped or turned off, never mixed with a report."""

from __future__ import annotations

import sys

from .printable import printable


def emit_note(text: str) -> None:
    """Print one note; names in it come from the file system, so they are escaped."""
    sys.stderr.write(f"helpful-errors: {printable(text)}\n")
    sys.stderr.flush()
