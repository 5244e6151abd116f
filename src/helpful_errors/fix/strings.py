"""Rewrite the literal text of a string expression and leave everything else as written.

A message is a ``SimpleString``, an f-string or an implicit concatenation of them. The
helpers edit the raw source of its first or last literal piece (so quotes, prefixes,
escapes, comments and line breaks between the pieces stay), or turn one piece into an
f-string to insert a value, doubling its literal braces so the reader sees the same text.
"""

from __future__ import annotations

import re
from typing import Callable, List, Optional, Union

import libcst as cst

Piece = Union[cst.SimpleString, cst.FormattedString]
STRING_NODES = (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)
_TRAILING = re.compile(r"[\s.!]*$")


def pieces(node: cst.BaseExpression) -> Optional[List[Piece]]:
    """The literal pieces of a string expression in order, None for anything else."""
    if isinstance(node, (cst.SimpleString, cst.FormattedString)):
        return [node]
    if isinstance(node, cst.ConcatenatedString):
        left, right = pieces(node.left), pieces(node.right)
        return None if left is None or right is None else left + right
    return None


def formatted_text(node: cst.BaseExpression) -> cst.BaseExpression:
    """The string inside ``"..." % args`` or ``"...".format(...)``, else the node itself.

    Fixes that only cut or change words may edit such a template; fixes that insert a value
    may not (the braces or ``%`` would be read as a format), so they use the node as it is.
    """
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo):
        return node.left
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "format":
        return node.func.value
    return node


def prefix_of(piece: Piece) -> str:
    if isinstance(piece, cst.FormattedString):
        return piece.start.rstrip("'\"").lower()
    return piece.prefix.lower()


def editable(piece: Piece) -> bool:
    """Text we may rewrite: not bytes, no ``u`` prefix (it cannot take an ``f``)."""
    return not set(prefix_of(piece)) & {"b", "u"}


def _quote(value: str, prefix: str) -> str:
    rest = value[len(prefix):]
    return rest[:3] if rest[:3] in ('"""', "'''") else rest[:1]


def simple_parts(piece: cst.SimpleString) -> "tuple[str, str, str]":
    """(prefix with opening quote, raw content, closing quote) of a plain string."""
    quote = _quote(piece.value, piece.prefix)
    head = len(piece.prefix) + len(quote)
    return piece.value[:head], piece.value[head : len(piece.value) - len(quote)], quote


def edit_start(piece: Piece, change: Callable[[str], Optional[str]]) -> Optional[Piece]:
    """The piece with ``change`` applied to the raw text it opens with."""
    if isinstance(piece, cst.SimpleString):
        head, content, quote = simple_parts(piece)
        new = change(content)
        return None if new is None else piece.with_changes(value=head + new + quote)
    first = piece.parts[0] if piece.parts else None
    if not isinstance(first, cst.FormattedStringText):
        return None
    new = change(first.value)
    if new is None:
        return None
    return piece.with_changes(parts=[first.with_changes(value=new), *piece.parts[1:]])


def edit_end(piece: Piece, change: Callable[[str], Optional[str]]) -> Optional[Piece]:
    """The piece with ``change`` applied to the raw text it closes with."""
    if isinstance(piece, cst.SimpleString):
        head, content, quote = simple_parts(piece)
        new = change(content)
        return None if new is None else piece.with_changes(value=head + new + quote)
    last = piece.parts[-1] if piece.parts else None
    if not isinstance(last, cst.FormattedStringText):
        new = change("")
        if new is None:
            return None
        return piece.with_changes(parts=[*piece.parts, cst.FormattedStringText(new)])
    new = change(last.value)
    if new is None:
        return None
    return piece.with_changes(parts=[*piece.parts[:-1], last.with_changes(value=new)])


def as_fstring(piece: Piece) -> Optional[Piece]:
    """The piece as an f-string that shows the same text (literal braces doubled)."""
    if isinstance(piece, cst.FormattedString) or not editable(piece):
        return piece if isinstance(piece, cst.FormattedString) else None
    head, content, quote = simple_parts(piece)
    if "\\N{" in content and "r" not in piece.prefix.lower():
        return None  # a named escape keeps its braces; doubling them would break it
    escaped = content.replace("{", "{{").replace("}", "}}")
    return with_f_prefix(piece, head + escaped + quote)


def with_f_prefix(piece: cst.SimpleString, value: str) -> Optional[Piece]:
    """``value`` (the piece's source, possibly edited) as an f-string piece, None if it is not one."""
    at = len(piece.prefix)
    try:
        parsed = cst.parse_expression(value[:at] + "f" + value[at:])
    except cst.ParserSyntaxError:
        return None
    if not isinstance(parsed, cst.FormattedString):
        return None
    return parsed.with_changes(lpar=piece.lpar, rpar=piece.rpar)


def insert_before_trailing(content: str, addition: str) -> str:
    """``addition`` before the final stop, exclamation marks and spaces of ``content``."""
    if content.endswith("\\n"):
        return insert_before_trailing(content[:-2], addition) + "\\n"
    cut = _TRAILING.search(content)
    at = cut.start() if cut is not None else len(content)
    return content[:at] + addition + content[at:]


def replace_pieces(node: cst.BaseExpression, old: Piece, new: Piece) -> cst.BaseExpression:
    """``node`` with one piece replaced (pieces are distinct nodes, so identity is enough)."""
    if node is old:
        return new
    replaced = node.deep_replace(old, new)
    assert isinstance(replaced, cst.BaseExpression)
    return replaced


_CLAUSE = re.compile(r"(?<=[^\s;.])(?:;|\.(?=\s))")


def clause_end(content: str) -> Optional[int]:
    """Where the first clause of raw text ends (before ``;`` or a sentence's full stop)."""
    found = _CLAUSE.search(content)
    return found.start() if found is not None else None


def edit_clause(piece: Piece, addition: str, at_end: bool) -> Optional[Piece]:
    """``addition`` at the end of the piece's first clause, or at its end (before the stop)."""
    def change(content: str) -> Optional[str]:
        at = clause_end(content)
        if at is None:
            return insert_before_trailing(content, addition) if at_end else None
        return content[:at] + addition + content[at:]

    if isinstance(piece, cst.SimpleString):
        return edit_start(piece, change)
    for index, part in enumerate(piece.parts):
        if isinstance(part, cst.FormattedStringText) and clause_end(part.value) is not None:
            new = change(part.value)
            if new is None:
                return None
            return piece.with_changes(parts=[*piece.parts[:index], part.with_changes(value=new), *piece.parts[index + 1:]])
    return edit_end(piece, lambda c: insert_before_trailing(c, addition)) if at_end else None
