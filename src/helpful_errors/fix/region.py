"""The statement around a finding as a small LibCST tree, and edits back into the file.

Only the lines of the statement are parsed (inside ``if True:`` when they are indented, so
that every column stays where it is), which costs little next to parsing the file again.
An edit is the part of the statement's text that the fix changed, trimmed of the common
start and end, so the diff, the JSON and the SARIF show only the words that change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from ..model import Edit

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_WRAPPER = "if True:\n"


def split_lines(text: str) -> List[str]:
    """The lines with their endings, split only where Python ends a line."""
    return _LINE.findall(text)


@dataclass
class Region:
    """Lines ``first``..``last`` (1-based) of a file, parsed."""

    first: int
    text: str  # the lines as they are in the file
    wrapped: bool  # parsed inside ``if True:``
    module: cst.Module
    positions: Dict[cst.CSTNode, CodeRange]
    parents: Dict[cst.CSTNode, cst.CSTNode]

    def node_at(self, line: int, column: int, end_line: int, end_column: int) -> Optional[cst.BaseExpression]:
        """The outermost expression written exactly at this span of the file."""
        shift = self.first - 1 - (1 if self.wrapped else 0)
        want = ((line - shift, column), (end_line - shift, end_column))
        best: Optional[cst.BaseExpression] = None
        for node, where in self.positions.items():
            if not isinstance(node, cst.BaseExpression):
                continue
            if ((where.start.line, where.start.column), (where.end.line, where.end.column)) == want:
                if best is None or _contains(self.parents, node, best):
                    best = node
        return best

    def ancestors(self, node: cst.CSTNode) -> List[cst.CSTNode]:
        found: List[cst.CSTNode] = []
        while node in self.parents:
            node = self.parents[node]
            found.append(node)
        return found

    def edit(self, old: cst.CSTNode, new: cst.CSTNode) -> Optional[Edit]:
        """The edit that turns ``old`` into ``new`` in the file, None when nothing changes."""
        replaced = self.module.deep_replace(old, new)
        assert isinstance(replaced, cst.Module)
        code = replaced.code
        if self.wrapped:
            code = code[len(_WRAPPER):]
        return trimmed_edit(self.text, code, self.first)


def _contains(parents: Dict[cst.CSTNode, cst.CSTNode], outer: cst.CSTNode, inner: cst.CSTNode) -> bool:
    node = inner
    while node in parents:
        node = parents[node]
        if node is outer:
            return True
    return False


def parse_region(lines: Sequence[str], first: int, last: int) -> Optional[Region]:
    """Parse lines ``first``..``last``; None when they are not whole statements."""
    if not 1 <= first <= last <= len(lines):
        return None
    text = "".join(lines[first - 1 : last])
    wrapped = text[:1] in (" ", "\t")
    source = _WRAPPER + text if wrapped else text
    try:
        module = cst.parse_module(source)
    except (cst.ParserSyntaxError, RecursionError):
        return None
    positions = dict(MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider))
    return Region(first, text, wrapped, module, positions, parents_of(module))


def parents_of(module: cst.Module) -> Dict[cst.CSTNode, cst.CSTNode]:
    """Each node's parent, by a plain walk of the children.

    LibCST's ``ParentNodeProvider`` gives the same map, but as a batched visitor it lists
    every method of the visitor with ``inspect`` on each call, which cost more than the
    parse of the statement itself.
    """
    parents: Dict[cst.CSTNode, cst.CSTNode] = {}
    stack: List[cst.CSTNode] = [module]
    while stack:
        node = stack.pop()
        for child in node.children:
            parents[child] = node
            stack.append(child)
    return parents


def trimmed_edit(old: str, new: str, first_line: int) -> Optional[Edit]:
    """The smallest replacement of ``old`` (starting at ``first_line``) that gives ``new``."""
    if old == new:
        return None
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[len(old) - 1 - end] == new[len(new) - 1 - end]:
        end += 1
    line, column = _position(old, start, first_line)
    end_line, end_column = _position(old, len(old) - end, first_line)
    return Edit(line, column, end_line, end_column, new[start : len(new) - end])


def _position(text: str, offset: int, first_line: int) -> Tuple[int, int]:
    lines = split_lines(text[:offset])
    if not lines:
        return first_line, 0
    ended = lines[-1].endswith(("\n", "\r"))
    if ended:
        return first_line + len(lines), 0
    return first_line + len(lines) - 1, len(lines[-1])


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """``text`` with the edits applied; the edits must not overlap."""
    lines = split_lines(text)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(line: int, column: int) -> int:
        if line > len(lines):
            return len(text)
        return starts[line - 1] + column

    out = text
    for edit in sorted(edits, key=lambda e: (e.line, e.column), reverse=True):
        begin, finish = offset(edit.line, edit.column), offset(edit.end_line, edit.end_column)
        out = out[:begin] + edit.content + out[finish:]
    return out


def overlaps(a: Sequence[Edit], b: Sequence[Edit]) -> bool:
    """Whether two fixes touch the same lines (then only one is applied per pass)."""
    return any(x.line <= y.end_line and y.line <= x.end_line for x in a for y in b)
