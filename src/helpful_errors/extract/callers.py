"""Which exceptions the callers of a module's functions catch, read from the module alone.

``def lookup(...): raise KeyError`` called as ``try: lookup(k) except LookupError: ...``
elsewhere in the same module: the bare exception is a signal for that caller, never shown.
Calls are matched by the short name of the function (``lookup``, ``self.fetch`` ->
``fetch``); a handler catches a class it names, a builtin base of it (``LookupError``
catches ``KeyError``) or everything (a bare ``except``, ``Exception``).

Whether anyone reads the text: a handler *drops* it when it binds no name (or never uses
it), re-raises nothing bare and logs no traceback. A raise is *swallowed* when the first
handler around it in its function that catches it drops it, or when its function is private
to the module (``_name``, or a method of a ``_Name`` class) and every call of it in the
module either sits in a try whose catching handler drops it, or is made, with no handler
catching it, by another private function of the module (not a method: a base class or
another module may call one unseen) whose every call drops it in turn (``_parse`` called by
``_load``, whose only call is in ``try: ... except Exception: return None``), up to
``CALLER_DEPTH`` functions up.

Known limits: callers in other modules are not seen, and two functions of the same short
name share what their callers catch.
"""

from __future__ import annotations

import ast
import builtins
from typing import Dict, List, Optional, Sequence, Set, Tuple

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


# A handler of an enclosing try: the classes it names, and the handler, asked whether it
# drops the text (``drops_text``) only when a raise it catches needs to know.
Catch = Tuple[Tuple[str, ...], ast.excepthandler]
# Calls in a handler that show the caught exception without naming it.
_SHOWING_CALLS = frozenset({"exception", "print_exc", "format_exc", "print_exception", "format_exception", "exc_info"})


def handler_catches(handlers: Sequence[ast.excepthandler]) -> Tuple[Catch, ...]:
    """Each handler of a ``try``, in order, with what it catches."""
    return tuple((syntax.handled_names([handler]), handler) for handler in handlers)


def drops_text(handler: ast.excepthandler) -> bool:
    """The handler lets nobody read the exception's text: it binds no name or never uses it,
    raises nothing again bare, and neither logs nor prints the exception it is handling
    (``log.exception``, ``exc_info=True``, ``traceback.print_exc()``)."""
    name = handler.name  # type: ignore[attr-defined]
    for stmt in handler.body:  # type: ignore[attr-defined]
        for node in ast.walk(stmt):
            if isinstance(node, ast.Raise) and node.exc is None:
                return False
            if name and isinstance(node, ast.Name) and node.id == name:
                return False
            if isinstance(node, ast.Call):
                called = dotted_name(node.func).rsplit(".", 1)[-1]
                if called in _SHOWING_CALLS or any(k.arg == "exc_info" for k in node.keywords):
                    return False
    return True


def first_catching(stack: Sequence[Catch], callee: str) -> Optional[ast.excepthandler]:
    """The first handler (innermost first) that catches a raised ``callee``, None when none does."""
    return next((handler for handled, handler in stack if catches(handled, callee)), None)


def swallowed(stack: Sequence[Catch], callee: str) -> bool:
    """The first handler (innermost first) that catches a raised ``callee`` drops its text."""
    handler = first_catching(stack, callee)
    return handler is not None and drops_text(handler)


def is_private(function: str, class_name: str) -> bool:
    """Only its own module calls it: a ``_name`` function, or a method of a ``_Name`` class."""
    def private(name: str) -> bool:
        return name.startswith("_") and not name.endswith("__")

    return private(function) or (bool(class_name) and private(class_name) and not function.endswith("__"))


# One call of a function: the handlers around it in the function that makes it (innermost
# first), and that function's short name and class ("" at a module's or a class's top level).
Call = Tuple[Tuple[Catch, ...], str, str]
# How many private functions up a raise is followed to the handler that drops it.
CALLER_DEPTH = 4


def handlers_around_each_call(tree: ast.Module, functions: Set[str]) -> Dict[str, Optional[List[Call]]]:
    """For each of ``functions`` (short names), each of its calls in the module; None when
    the name is also used other than by calling it (passed as a callback, stored), so that
    its callers cannot all be known. The walk keeps its own stack: a long chain of operators
    nests as deep as it is long."""
    found: Dict[str, Optional[List[Call]]] = {name: [] for name in functions}
    pending: List[Tuple[ast.AST, Tuple[Catch, ...], str, str]] = [(tree, (), "", "")]
    while pending:
        node, around, function, class_name = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            around, function = (), node.name  # a body runs when it is called, not under the try around its definition
        elif isinstance(node, ast.Lambda):
            around, function = (), "<lambda>"
        elif isinstance(node, ast.ClassDef):
            around, function, class_name = (), "", node.name
        if isinstance(node, syntax.TRY):
            inner = handler_catches(node.handlers) + around  # type: ignore[attr-defined]
            pending += [(stmt, inner, function, class_name) for stmt in node.body]  # type: ignore[attr-defined]
            pending += [(part, around, function, class_name) for part in (*node.handlers, *node.orelse, *node.finalbody)]  # type: ignore[attr-defined]
            continue
        children = list(ast.iter_child_nodes(node))
        if isinstance(node, ast.Call):
            name = syntax.last_name(node.func)
            calls = found.get(name, None)
            if calls is not None:
                calls.append((around, function, class_name))
            # the called name is a call, not a reference; what it is looked up on is walked
            children.remove(node.func)
            if isinstance(node.func, ast.Attribute):
                children.append(node.func.value)
        elif isinstance(node, (ast.Name, ast.Attribute)) and isinstance(node.ctx, ast.Load) and syntax.last_name(node) in found:
            found[syntax.last_name(node)] = None  # a reference that is not a call: a callback, an alias
        pending += [(child, around, function, class_name) for child in children]
    return found


def dropped_by_callers(
    calls: Dict[str, Optional[List[Call]]], function: str, callee: str, follow: bool = True, depth: int = CALLER_DEPTH,
) -> bool:
    """Every call of ``function`` (``calls``, from ``handlers_around_each_call``) drops a
    raised ``callee``: the first handler around the call that catches it drops its text, or
    (with ``follow``) none does and the private function making the call is dropped by its
    own callers in turn. Only functions of the module, not methods, are followed: a base
    class or another module may call a method, ``_private`` or not, without this module
    seeing it. A function whose only calls are its own calls of itself is not dropped."""
    made = calls.get(function)
    if not made:
        return False  # never called here, or its callers cannot all be known
    others = 0
    for stack, caller, caller_class in made:
        if caller == function:
            continue  # a call of itself: what it raises leaves through its other calls
        others += 1
        catching = first_catching(stack, callee)
        if catching is not None:
            if not drops_text(catching):
                return False
        elif not (follow and depth > 1 and not caller_class and is_private(caller, caller_class)):
            return False
        elif not dropped_by_callers(calls, caller, callee, True, depth - 1):
            return False
    return others > 0
