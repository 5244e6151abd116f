"""HEM003 empty-message: a message site with no text where the class gives none either.

How it decides: the site passes no message or an empty string. Raised classes count only
when they are builtin classes with no text of their own (lexicon ``empty_message_classes``:
``ValueError``, ``RuntimeError``, ...), so project classes, which often carry a default
message, are not guessed at; a class of the same file that sets a default message (a
``message = "..."`` attribute or a ``super().__init__("...")`` text) is exempt by name.
Control-flow classes (StopIteration, EOFError, SystemExit), self-describing ones
(TimeoutError, ZeroDivisionError) and NotImplementedError are left out of the lexicon; a
raise caught by a handler of the same function, lookup errors raised bare by protocol
methods (``__getattr__``, ``__getitem__``), bare exceptions of private helpers (``_parse``:
a signal for the caller), the body of an abstract method, an exception object returned by a
call (``raise future.exception()``), ``logger.exception("")`` (it prints the exception and
its chain), test code and a bare ``raise`` are not judged. Logging, warnings and CLI
calls count when they pass an empty string.

Known limits: project exception classes defined in another file are never judged, so
``raise ConfigError()`` is missed even when ConfigError has no default text; a bare raise
that a caller in the same module catches (a lookup signal, a stub for a missing platform
module) is still reported, since only handlers of the same function are seen.
"""

from __future__ import annotations

from typing import Iterable, Sequence, Tuple

from ..model import TEXT_EMPTY, TEXT_NONE
from ..text import lexicon
from .message import Message
from .rule import Hit, Options
from ..testcode import in_test_code
from .values import protocol_lookup, sole_name

CODE = "HEM003"

_RAISED = frozenset({"raise", "default"})


def _value_name(message: Message) -> str:
    """The value to show in the suggested text: ``{name!r}`` for the function's only name."""
    name = sole_name(message.site.names_in_scope)
    return f"{{{name}!r}}" if name else "{...}"


def _empty(message: Message, defaults: Iterable[str]) -> bool:
    site = message.site
    if site.text_status not in (TEXT_NONE, TEXT_EMPTY) or site.caught_locally:
        return False  # a raise caught by its own function is control flow, never shown
    if in_test_code(site.path, site.function):
        return False
    if protocol_lookup(message.site.function, message.callee):
        return False
    if site.function.startswith("_") and not site.function.startswith("__"):
        return False  # a private helper's bare exception is a signal its caller catches
    if site.abstract:
        return False  # an abstract method's body is replaced by every subclass
    if message.kind in _RAISED and not message.callee[:1].isupper():
        return False  # ``raise future.exception()``: re-raises an exception object built elsewhere
    if message.kind in _RAISED or message.kind == "exit":
        return message.callee.lower() in lexicon("empty_message_classes") and message.callee not in defaults
    if message.kind == "log" and message.callee == "exception":
        return False  # logger.exception("") prints the exception and its chain: not empty
    return site.text_status == TEXT_EMPTY  # logger.error(""), warnings.warn(""), ctx.fail("")


def check_file(messages: Sequence[Message], options: Options) -> Iterable[Tuple[Message, Hit]]:
    defaults = {m.callee for m in messages if m.kind == "default" and m.has_text}
    for message in messages:
        if _empty(message, defaults):
            yield message, Hit.of(callee=message.callee, value=_value_name(message))
