"""Positions in a file: offsets of Python's ``ast`` nodes, and spans of LibCST nodes inside a statement.

``ast`` gives every statement its line and its column in UTF-8 bytes; ``Lines`` turns
those into offsets in the decoded text and offsets back into 1-based lines and 0-based
columns (code points, flake8's convention). Inside a statement, a LibCST node is found by
searching the statement's own text for the node's code, from where the previous part of
the same call ended.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Optional, Sequence, Tuple

import libcst as cst

from ..model import Span
from ..source import NEWLINE
from .templates import code_of


class Lines:
    """Line starts of a text, as Python counts lines (``\\n``, ``\\r\\n`` and a lone ``\\r``)."""

    def __init__(self, source: str):
        self.source = source
        starts = [0]
        if "\r" in source:
            starts.extend(m.end() for m in NEWLINE.finditer(source))
        else:
            i = source.find("\n")
            while i >= 0:
                starts.append(i + 1)
                i = source.find("\n", i + 1)
        self.starts = starts

    def offset(self, line: int, byte_column: int) -> int:
        """The text offset of an ``ast`` position (1-based line, column in UTF-8 bytes)."""
        start = self.starts[min(line, len(self.starts)) - 1]
        head = self.source[start : start + byte_column]
        if head.isascii() and "\n" not in head and "\r" not in head:
            return start + byte_column
        end = self.starts[line] if line < len(self.starts) else len(self.source)
        return start + len(self.source[start:end].encode("utf-8")[:byte_column].decode("utf-8", "ignore"))

    def line_col(self, offset: int) -> Tuple[int, int]:
        index = bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index]

    def span(self, start: int, end: int) -> Span:
        line, col = self.line_col(start)
        end_line, end_col = self.line_col(max(start, end))
        return Span(line, col, end_line, end_col)

    def indent_of(self, offset: int) -> str:
        """The blanks that start the line of ``offset``."""
        start = self.starts[bisect_right(self.starts, offset) - 1]
        before = self.source[start:offset]
        return before[: len(before) - len(before.lstrip(" \t\f"))]

    def span_in(self, stmt_offset: int, stmt_text: str, sub: Optional[cst.CSTNode], after: int = 0) -> Span:
        """Span of ``sub`` inside a statement's text; the whole statement when absent."""
        if sub is not None:
            sub_text = code_of(sub).strip()
            found = find_text(stmt_text, sub_text, after) if sub_text else None
            if found is None and sub_text:
                found = find_text(stmt_text, sub_text, 0)
            if found is not None:
                return self.span(stmt_offset + found[0], stmt_offset + found[1])
        return self.span(stmt_offset, stmt_offset + len(stmt_text))


def find_text(haystack: str, needle: str, start: int) -> Optional[Tuple[int, int]]:
    """Find code as LibCST prints it out of context.

    Printed out of context, continuation lines lack the block's indent and every line break
    is ``\n``, whatever the file uses (``\r\n`` on Windows).
    """
    if "\n" not in needle:
        at = haystack.find(needle, start)
        return None if at < 0 else (at, at + len(needle))
    # Matching piece by piece costs a few string searches; a compiled regex per needle
    # (each statement is a new needle) cost more than the rest of the walk.
    pieces = needle.split("\n")
    first = pieces[0]
    at = haystack.find(first, start)
    while at >= 0:
        end = _match_lines(haystack, at + len(first), pieces)
        if end >= 0:
            return at, end
        at = haystack.find(first, at + 1)
    return None


_INDENT = re.compile(r"[ \t\f]*")


def _match_lines(haystack: str, pos: int, pieces: Sequence[str]) -> int:
    """End of ``pieces[1:]`` matched from ``pos``, each after a line break and any indent; -1 if not.

    The indent before a piece is fixed by the piece itself: the haystack's run of blanks
    must end exactly where the piece's own leading blanks end.
    """
    last = len(pieces) - 1
    for number, piece in enumerate(pieces[1:], 1):
        if haystack.startswith("\r\n", pos):
            pos += 1
        elif not haystack.startswith(("\n", "\r"), pos):  # a lone \r ends a line too
            return -1
        blanks_end = _INDENT.match(haystack, pos + 1).end()  # type: ignore[union-attr]  # always matches
        lead = len(piece) - len(piece.lstrip(" \t\f"))
        if lead == len(piece) and number == last:  # only blanks, nothing after: the last fit
            at = haystack.rfind(piece, pos + 1, blanks_end)
        else:
            at = blanks_end - lead
        if at <= pos or not haystack.startswith(piece, at):
            return -1
        pos = at + len(piece)
    return pos
