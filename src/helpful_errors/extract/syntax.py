"""Questions asked of Python's ``ast`` nodes while the traversal decides what to read with LibCST.

Each answer mirrors the LibCST reading of the same code (``templates.is_stringish``; names
are read by ``templates.dotted_name``, one function for both trees), so that a statement
skipped here is one the LibCST reading would have found nothing in.
"""

from __future__ import annotations

import ast
from typing import Callable, Iterator, List, Sequence

from .templates import GETTEXT_FUNCS, dotted_name

TRY = (ast.Try, *((ast.TryStar,) if hasattr(ast, "TryStar") else ()))  # try, and except* from 3.11


def last_name(node: ast.AST) -> str:
    """The last name of a callee (``error`` of ``self.log.error``), even through subscripts."""
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


def is_plain_literal(node: ast.AST) -> bool:
    """A string or bytes literal, implicit concatenations of them included (one constant in ``ast``)."""
    return isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes))


def is_text(node: ast.AST, known: Callable[[str], bool]) -> bool:
    """Whether an expression builds text; ``known`` says whether a name holds known text."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, (str, bytes))
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Name):
        return known(node.id)
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "format":
            return is_text(func.value, known)
        name = dotted_name(func)
        return name.rsplit(".", 1)[-1] in GETTEXT_FUNCS if name else False
    if isinstance(node, ast.BinOp):
        if isinstance(node.op, ast.Add):
            return is_text(node.left, known) or is_text(node.right, known)
        if isinstance(node.op, ast.Mod):
            return is_text(node.left, known)
    if isinstance(node, ast.IfExp):
        return is_text(node.body, known) and is_text(node.orelse, known)
    return False


def bound_names(target: ast.AST) -> Iterator[str]:
    """Names a target binds: ``a``, ``a, (b, *c)``; attributes and subscripts bind none."""
    if isinstance(target, ast.Name):
        yield target.id
    elif isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            yield from bound_names(element.value if isinstance(element, ast.Starred) else element)


def call_arguments(call: ast.Call) -> Iterator[ast.AST]:
    """Every argument expression of a call, positional, starred and keyword alike."""
    for arg in call.args:
        yield arg.value if isinstance(arg, ast.Starred) else arg
    for keyword in call.keywords:
        yield keyword.value


def handled_names(handlers: Sequence[ast.excepthandler]) -> tuple:
    """Short class names an ``except`` list catches; ``*`` for a bare or broad ``except``."""
    names: List[str] = []
    for handler in handlers:
        kind = handler.type  # type: ignore[attr-defined]
        items = list(kind.elts) if isinstance(kind, ast.Tuple) else [kind]
        for item in items:
            short = dotted_name(item).rsplit(".", 1)[-1] if item is not None else ""
            names.append("*" if short in ("", "Exception", "BaseException") else short)
    return tuple(names)


def parameters(args: ast.arguments) -> List[str]:
    """Parameter names in order: positional-only, ordinary, keyword-only, then ``*a`` and ``**k``."""
    names = [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
    for star in (args.vararg, args.kwarg):
        if star is not None:
            names.append(star.arg)
    return names


def is_docstring(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, (str, bytes))


def _constant(node: ast.AST) -> bool:
    """A literal, or a tuple, list or set of literals."""
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return all(isinstance(e, ast.Constant) for e in node.elts)
    return isinstance(node, ast.Constant)


def pinned_names(test: ast.AST) -> List[str]:
    """Names whose value a condition fixes where it holds: ``x == "a"``, ``x in (1, 2)``,
    ``x is None``, ``not x``; both sides of an ``and``."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return [name for value in test.values for name in pinned_names(value)]
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        name = dotted_name(test.operand)
        return [name] if name else []
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.Eq, ast.Is, ast.In)):
        left, right = test.left, test.comparators[0]
        # ``x in (1, 2)`` fixes x; ``"#" in path`` says only that path holds a "#"
        sides = ((left, right),) if isinstance(test.ops[0], ast.In) else ((left, right), (right, left))
        for name_side, value_side in sides:
            name = dotted_name(name_side)
            if name and _constant(value_side):
                return [name]
    return []
