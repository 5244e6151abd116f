"""Calls that write a message to standard error, where a command's user reads it.

``print(..., file=sys.stderr)``, ``sys.stderr.write(...)``, click's and typer's
``echo``/``secho(..., err=True)`` and the ``print``/``log`` of a rich ``Console(stderr=True)``
(its ``[red]...[/red]`` markup is not part of the words). ``print`` to standard output and
``echo`` without ``err=True`` are not messages: a program's output is not an error.
"""

from __future__ import annotations

import ast
import re
from typing import List, Optional, Tuple

import libcst as cst

from . import syntax
from .calls import CallRule, CallShape, CallSink, CallView, imported_from, is_true, keyword_value
from .templates import dotted_name

KIND_CLI = "cli"
SINK_STDERR = "stderr"

# rich's markup: ``[bold red]``, ``[/bold red]``, ``[/]``, ``[link=https://...]``; an
# opening tag starts with a letter or ``#`` and holds no quote, so ``[0]`` or ``["a"]`` stay.
MARKUP = re.compile(r"\[/?(?:[a-zA-Z#][\w #,.=:/-]*)?\]")


def strip_markup(text: str) -> str:
    """The words of a rich string without its style tags (``\\[`` escapes a bracket)."""
    return MARKUP.sub(lambda m: "" if m.start() == 0 or text[m.start() - 1] != "\\" else m.group(), text).replace("\\[", "[")


# Words of the text's own: two letters or more, and some space between its pieces.
_WORD = re.compile(r"[A-Za-z]{2,}")


def has_prose(literal: str) -> bool:
    """Literal text a person reads as words: ``History on``, ``Error: {e}``; not
    ``reporter:counter:%s``, ``-----`` or a prompt held in a variable."""
    return bool(_WORD.search(literal)) and any(c.isspace() for c in literal.strip())


def _is_stderr(name: str, view_imported: dict) -> bool:
    if name in ("sys.stderr", "sys.__stderr__"):
        return True
    return "." not in name and view_imported.get(name, "") in ("sys.stderr", "sys.__stderr__")


def _print(view: CallView) -> Optional[CallSink]:
    """``print(..., file=sys.stderr)`` (or rich's ``print``), and a stderr console's ``print``."""
    if view.receiver and view.receiver in view.consoles:
        return _console(view)
    target = keyword_value(view.call, "file")
    if target is None or view.receiver not in ("", "rich") or not _is_stderr(dotted_name(target), view.imported):
        return None
    if not view.positional or _ends_line_elsewhere(view.call):
        return None
    rich = view.receiver == "rich" or view.imported.get(view.last, "").startswith("rich")
    return CallSink(KIND_CLI, view.name, view.first, sink=SINK_STDERR, markup=rich, joined=_rest(view), prose_only=True)


def _ends_line_elsewhere(call: cst.Call) -> bool:
    """``print("Error: ", end="", file=sys.stderr)``: the line goes on in the next call, so
    the text is the start of a message, not one."""
    end = keyword_value(call, "end")
    if not isinstance(end, cst.SimpleString):
        return False
    value = end.evaluated_value
    return isinstance(value, str) and "\n" not in value


def _console(view: CallView) -> Optional[CallSink]:
    if not (view.receiver and view.receiver in view.consoles) or not view.positional:
        return None
    return CallSink(KIND_CLI, view.name, view.first, sink=SINK_STDERR, markup=True, joined=_rest(view), prose_only=True)


def _rest(view: CallView) -> Tuple[cst.BaseExpression, ...]:
    """The arguments ``print`` writes after the first, when it separates them with spaces."""
    if keyword_value(view.call, "sep") is not None:
        return ()
    return tuple(a.value for a in view.positional[1:])


def _write(view: CallView) -> Optional[CallSink]:
    if _is_stderr(view.receiver, view.imported) and view.first is not None:
        return CallSink(KIND_CLI, view.name, view.first, sink=SINK_STDERR, prose_only=True)
    return None


def _echo(view: CallView) -> Optional[CallSink]:
    """click's and typer's ``echo(..., err=True)``: text written to standard error."""
    if not imported_from(view, "click", "typer"):
        return None
    if is_true(keyword_value(view.call, "err")):
        message = view.first if view.first is not None else keyword_value(view.call, "message")
        return CallSink(KIND_CLI, view.name, message, sink=SINK_STDERR)
    return None


def _print_shape(shape: CallShape) -> bool:
    return "file" in shape.keywords or bool(shape.receiver and shape.receiver in shape.consoles)


STDERR_SINKS: Tuple[CallRule, ...] = (
    CallRule(frozenset({"print"}), _print, shape=_print_shape),
    CallRule(frozenset({"log"}), _console, shape=lambda s: bool(s.receiver) and s.receiver in s.consoles),
    CallRule(frozenset({"write"}), _write, shape=lambda s: s.receiver.endswith(("stderr", "__stderr__"))),
    CallRule(frozenset({"echo", "secho"}), _echo, shape=lambda s: "err" in s.keywords),
)


def stderr_console_targets(node: ast.stmt) -> List[str]:
    """The names an ``x = Console(stderr=True)`` binds (``self.err`` included), from ``ast``."""
    value = getattr(node, "value", None)
    if not (isinstance(value, ast.Call) and syntax.last_name(value.func) == "Console"):
        return []
    if not any(k.arg == "stderr" and isinstance(k.value, ast.Constant) and k.value.value is True for k in value.keywords):
        return []
    targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
    return [name for name in (dotted_name(t) for t in targets) if name]
