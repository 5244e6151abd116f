"""Which exceptions the callers of a module's functions catch, read from the module alone.

``def lookup(...): raise KeyError`` called as ``try: lookup(k) except LookupError: ...``
elsewhere in the same module: the bare exception is a signal for that caller, never shown.
Calls are matched by the short name of the function (``lookup``, ``self.fetch`` ->
``fetch``); a handler catches a class it names, a builtin base of it (``LookupError``
catches ``KeyError``) or everything (a bare ``except``, ``Exception``).

Known limits: one level only (a caller's caller is not followed), callers in other modules
are not seen, and two functions of the same short name share what their callers catch.
"""

from __future__ import annotations

import ast
import builtins
from typing import Dict, Sequence, Set, Tuple

from . import syntax
from .templates import dotted_name


def caught_around_calls(tries: Sequence[ast.stmt]) -> Dict[str, Tuple[str, ...]]:
    """Function short name -> the classes the handlers around its calls catch (``*``: all),
    from the module's ``try`` statements (the traversal collects them in its own walk)."""
    found: Dict[str, Set[str]] = {}
    for node in tries:
        handled = syntax.handled_names(node.handlers)  # type: ignore[attr-defined]
        for stmt in node.body:
            for sub in ast.walk(stmt):
                if isinstance(sub, ast.Call):
                    name = dotted_name(sub.func).rsplit(".", 1)[-1]
                    if name:
                        found.setdefault(name, set()).update(handled)
    return {name: tuple(sorted(classes)) for name, classes in found.items()}


def catches(handled: Sequence[str], callee: str) -> bool:
    """A handler for ``handled`` catches a raised ``callee`` (by name, builtin base or ``*``)."""
    short = callee.rsplit(".", 1)[-1]
    if short in handled:
        return True
    if not handled or not short[:1].isupper():
        return False
    if "*" in handled:
        return True
    raised = getattr(builtins, short, None)
    if not (isinstance(raised, type) and issubclass(raised, BaseException)):
        return False
    return any(isinstance(base, type) and issubclass(raised, base) for base in (getattr(builtins, h, None) for h in handled))
