"""Positions for the few nodes that are reported, without LibCST's whole-tree metadata.

``PositionProvider`` computes a position for every node in the file and, measured, more
than doubles the cost of a run. The walker visits statements in source order, so the text
of a reported statement (LibCST reproduces it byte for byte) can be found by searching the
source forward from the previous hit. A hit counts only where a statement can start: at
the start of a line after indentation, or after ``;`` or a compound header's ``:``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import List, Optional, Sequence, Tuple

import libcst as cst

from ..model import Span
from ..source import NEWLINE
from .templates import code_of


class Locator:
    """Maps statements and their sub-nodes to 1-based lines and 0-based columns."""

    def __init__(self, source: str):
        self.source = source
        self.cursor = 0
        self._line_starts: List[int] = []
        # A statement with several sites (``raise A() if c else B()``) is located once.
        self._last: Optional[Tuple[cst.CSTNode, Tuple[int, str]]] = None

    def line_col(self, offset: int) -> Tuple[int, int]:
        starts = self._line_starts
        if not starts:  # built on first use: most files report nothing
            starts.append(0)
            if "\r" in self.source:  # old Mac or mixed line ends: Python counts a lone \r too
                starts.extend(m.end() for m in NEWLINE.finditer(self.source))
            else:
                i = self.source.find("\n")
                while i >= 0:
                    starts.append(i + 1)
                    i = self.source.find("\n", i + 1)
        index = bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index]

    def find_statement(self, node: cst.CSTNode) -> Tuple[int, str]:
        """Offset and source text of a statement that the walker reached in source order."""
        if self._last is not None and self._last[0] is node:
            return self._last[1]
        located = self._locate(node)
        self._last = (node, located)
        return located

    def _locate(self, node: cst.CSTNode) -> Tuple[int, str]:
        text = code_of(node).rstrip()
        found = self._search(text, self.cursor)
        if found is None:
            found = self._search(text, 0)
        if found is None:
            # Not expected (LibCST round-trips), but a position must never be invented
            # past the file: fall back to the cursor.
            at = min(self.cursor, max(len(self.source) - 1, 0))
            return at, self.source[at : at + len(text)]
        start, end = found
        self.cursor = end
        return start, self.source[start:end]

    def _search(self, text: str, start: int) -> Optional[Tuple[int, int]]:
        source = self.source
        while True:
            found = find_text(source, text, start)
            if found is None or _can_start_statement(source, found[0]):
                return found
            start = found[0] + 1

    def span(self, start: int, end: int) -> Span:
        line, col = self.line_col(start)
        end_line, end_col = self.line_col(max(start, end))
        return Span(line, col, end_line, end_col)

    def span_in(self, stmt_offset: int, stmt_text: str, sub: Optional[cst.CSTNode], after: int = 0) -> Span:
        """Span of ``sub`` inside a located statement; the whole statement when absent."""
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


def _can_start_statement(source: str, offset: int) -> bool:
    i = offset - 1
    while i >= 0 and source[i] in " \t\f":
        i -= 1
    return i < 0 or source[i] in "\n\r;:"
