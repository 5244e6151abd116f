"""What a fixer knows about one finding: its message, the rule's hit and the parsed statement."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import FrozenSet, Optional, Sequence

import libcst as cst

from ..checks.message import Message
from ..checks.rule import Hit
from ..model import Finding, MessageSite
from .region import Region
from .style import Capitals


@dataclass
class FixContext:
    finding: Finding
    site: MessageSite
    message: Message
    hit: Hit
    region: Region
    node: cst.BaseExpression  # the message expression, at the finding's span
    sites: Sequence[MessageSite]  # every message of the file (for its style)
    text: str  # the whole file
    outside: Capitals = Capitals()  # first-letter cases of the package's messages in the run's other files

    def field(self, name: str) -> str:
        return self.hit.field_map().get(name, "")

    def parent(self, node: cst.CSTNode) -> Optional[cst.CSTNode]:
        return self.region.parents.get(node)

    def message_call(self) -> Optional[cst.Call]:
        """The call the message is passed to directly (``ValueError("...")``)."""
        arg = self.parent(self.node)
        call = self.parent(arg) if isinstance(arg, cst.Arg) else None
        return call if isinstance(call, cst.Call) else None

    def bound_before(self) -> FrozenSet[str]:
        """Parameters of the enclosing function and names it assigns above the statement.

        Read with ``ast`` from the whole file, only for the rules that need it.
        """
        try:
            tree = ast.parse(self.text)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return frozenset()
        line = self.site.statement_line or self.finding.line
        best: Optional[ast.AST] = None
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.lineno <= line <= (node.end_lineno or node.lineno):
                if best is None or node.lineno >= getattr(best, "lineno", 0):
                    best = node
        if best is None:
            return frozenset()
        assert isinstance(best, (ast.FunctionDef, ast.AsyncFunctionDef))
        args = best.args
        names = {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]}
        names |= {a.arg for a in (args.vararg, args.kwarg) if a is not None}
        for node in ast.walk(best):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and (node.end_lineno or node.lineno) < line:
                names.add(node.id)
        return frozenset(names)
