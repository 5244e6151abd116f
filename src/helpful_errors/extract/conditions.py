"""Branches that run only when diagnostic output was asked for: ``if DEBUG:``, ``if self.verbose:``.

What such a branch writes to standard error is a trace for whoever turned the flag on, not
a message. The test of an ``if`` reads a debug flag when it names one (a name, attribute,
``os.environ["DEBUG"]`` key, ``"--debug" in argv`` option or ``getattr(args, "verbose")`` string whose words are in the
``debug_flag_words`` list), calls a function so named (``self.is_debug()``) or passes it a constant so named
(``logger.isEnabledFor(logging.DEBUG)``), or compares one upwards (``verbosity > 1``,
``logger.level <= logging.DEBUG``). ``and`` needs one such operand, ``or`` needs all of them,
and ``not`` turns the test into "not in debug mode", whose branch is for everyone.

Known limits: only the ``if`` statement's body is marked (its ``else`` is for everyone);
a function that only runs in debug mode but tests no flag itself (``def trace(msg):``) is
not recognized, nor is a flag read into a local of another name first.
"""

from __future__ import annotations

import ast
import re

from ..text import lexicon
from ..text.identifiers import identifier_parts
from . import syntax

_UPWARDS = (ast.Gt, ast.GtE)
_OPTION = re.compile(r"-{0,2}[A-Za-z_][\w-]*")  # ``"DEBUG"``, ``"--verbose"``: a key or an option, not prose
_DOWNWARDS = (ast.Lt, ast.LtE)


def _named_flag(node: ast.AST) -> bool:
    """A name, attribute, subscript key or string whose words say debug, verbose or trace."""
    if isinstance(node, ast.Subscript):
        return _named_flag(node.slice)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(_OPTION.fullmatch(node.value)) and _flag_words(node.value)
    if isinstance(node, (ast.Name, ast.Attribute)):
        return _flag_words(syntax.last_name(node))
    return False


def _flag_words(name: str) -> bool:
    words = lexicon("debug_flag_words")
    return any(part in words for part in identifier_parts(name))


def _falsy(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and not node.value


def _compares_upwards(node: ast.Compare) -> bool:
    """``verbosity > 1``, ``2 <= self.verbose``, ``mode == "debug"``; not ``verbose == 0``."""
    if len(node.ops) != 1:
        return False
    left, op, right = node.left, node.ops[0], node.comparators[0]
    if isinstance(op, _UPWARDS):
        return reads_flag(left) and not reads_flag(right)
    if isinstance(op, _DOWNWARDS):
        return reads_flag(right) and not reads_flag(left)
    if isinstance(op, (ast.Eq, ast.Is, ast.In)):
        return (reads_flag(left) and not _falsy(right)) or (reads_flag(right) and not _falsy(left))
    return False


def reads_flag(node: ast.AST) -> bool:
    """An expression whose value is a debug flag (a name, a call asking for one)."""
    if isinstance(node, ast.Call):
        return _named_flag(node.func) or any(_flag_argument(arg) for arg in node.args)
    return _named_flag(node)


def _flag_argument(node: ast.AST) -> bool:
    """``logging.DEBUG`` or ``"verbose"`` passed to a call; not a variable such as ``trace_file``."""
    if isinstance(node, (ast.Name, ast.Attribute)):
        return syntax.last_name(node).isupper() and _named_flag(node)
    return isinstance(node, ast.Constant) and _named_flag(node)


def debug_only(test: ast.expr) -> bool:
    """Whether the body of ``if test:`` runs only when diagnostic output was asked for."""
    if isinstance(test, ast.BoolOp):
        found = [debug_only(value) for value in test.values]
        return any(found) if isinstance(test.op, ast.And) else all(found)
    if isinstance(test, ast.UnaryOp):
        return False  # ``if not verbose:`` is the branch everyone sees
    if isinstance(test, ast.Compare):
        return _compares_upwards(test)
    return reads_flag(test)
