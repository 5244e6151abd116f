"""Read one statement that ``ast`` found with LibCST: its exact text, offset and LibCST node.

Only the statements that carry a message (or bind what a message uses) are read, which
is a few percent of a file's bytes. A statement of several lines is parsed inside a
one-line block that has the indent of its own line (``if 1:`` + the statement's lines), so
that LibCST keeps the text of every node exactly as a parse of the whole file would:
continuation lines lose the block's indent, strings keep their content. Offsets come from
``ast`` and are exact.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Dict, Tuple

import libcst as cst

from ..source import repair_for_libcst
from .positions import Lines, find_text
from .templates import code_of


@dataclass(frozen=True)
class Statement:
    """A simple statement as LibCST reads it, and where it is in the file."""

    node: cst.BaseSmallStatement
    offset: int  # of its first character in the file's text
    text: str  # its text as written, from its first to its last character

    def start_of(self, child: cst.CSTNode) -> int:
        """Where ``child`` (a node of this statement) starts in ``text``; -1 if it cannot be told.

        The statement is printed with ``child`` replaced by a marker: what precedes the
        marker is the statement's own text up to the child, found in ``text`` from its start.
        """
        printed = code_of(self.node.deep_replace(child, cst.Name(_MARKER)))
        at = printed.find(_MARKER)
        if at <= 0:
            return at
        found = find_text(self.text, printed[:at], 0)
        return found[1] if found is not None and found[0] == 0 else -1


_MARKER = "__helpful_errors_marker__"


class StatementSyntaxError(Exception):
    """LibCST rejects a statement Python accepts; ``line`` and ``column`` are in the file."""

    def __init__(self, detail: str, line: int, column: int):
        super().__init__(detail)
        self.detail, self.line, self.column = detail, line, column


def parse_piece(code: str) -> cst.BaseStatement:
    """LibCST's parse of one piece of code, the one place the extractor asks LibCST to parse."""
    return cst.parse_statement(code)


class StatementReader:
    """Reads the statements of one file, each at most once."""

    def __init__(self, source: str):
        self.lines = Lines(source)
        self._read: Dict[int, Statement] = {}

    def text_of(self, stmt: ast.stmt) -> Tuple[int, str]:
        """Offset and text of a statement, without parsing it."""
        lines = self.lines
        start = lines.offset(stmt.lineno, stmt.col_offset)
        end = lines.offset(stmt.end_lineno or stmt.lineno, stmt.end_col_offset or 0)
        return start, lines.source[start:end]

    def read(self, stmt: ast.stmt) -> Statement:
        """The LibCST reading of ``stmt``; raises ``StatementSyntaxError`` when LibCST rejects it."""
        known = self._read.get(id(stmt))
        if known is not None:
            return known
        offset, text = self.text_of(stmt)
        indent = self.lines.indent_of(offset).rpartition("\f")[2]  # a form feed resets the indent, as in Python's tokenizer
        node = self._parse(indent, text, stmt)
        read = Statement(node, offset, text)
        self._read[id(stmt)] = read
        return read

    def _parse(self, indent: str, text: str, stmt: ast.stmt) -> cst.BaseSmallStatement:
        # A statement on one line has no continuation line whose indent the block would
        # decide: it is parsed as it stands, without the block, which cost LibCST a third more.
        wrapped = bool(indent) and ("\n" in text or "\r" in text)
        code = f"if 1:\n{indent}{text}\n" if wrapped else f"{text}\n"
        try:
            parsed = parse_piece(code)
        except cst.ParserSyntaxError as exc:
            repaired = repair_for_libcst(code)
            if repaired is None:
                raw_line = exc.raw_line - (1 if wrapped else 0)
                raise StatementSyntaxError(str(exc).splitlines()[0] if str(exc) else "invalid syntax",
                                           stmt.lineno + raw_line - 1, exc.raw_column) from None
            parsed = parse_piece(repaired)
        if wrapped:
            assert isinstance(parsed, cst.If) and isinstance(parsed.body, cst.IndentedBlock)
            parsed = parsed.body.body[0]
        assert isinstance(parsed, cst.SimpleStatementLine)
        return parsed.body[0]
