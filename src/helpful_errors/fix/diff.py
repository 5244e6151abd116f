"""``check --diff``: the fixes as a unified diff per file, as ``ruff check --diff`` prints them."""

from __future__ import annotations

import difflib
from typing import List

from .region import split_lines

NO_NEWLINE = "\\ No newline at end of file\n"


def unified_diff(path: str, old: str, new: str) -> str:
    """``--- a/path`` / ``+++ b/path`` and the hunks; a last line without newline is marked as git marks it."""
    shown = path.replace("\\", "/").lstrip("/")
    lines: List[str] = []
    for line in difflib.unified_diff(split_lines(old), split_lines(new), f"a/{shown}", f"b/{shown}"):
        lines.append(line if line.endswith(("\n", "\r")) else line + "\n" + (NO_NEWLINE if line[:1] in "+- " and not line.startswith(("---", "+++")) else ""))
    return "".join(lines)
