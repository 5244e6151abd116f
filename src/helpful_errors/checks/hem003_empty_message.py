"""HEM003 empty-message: a message site with no text where the class gives none either.

How it decides: the site passes no message, an empty string or only white space. Raised
classes count only when they are builtin classes with no text of their own (lexicon
``empty_message_classes``: ``ValueError``, ``RuntimeError``, ...), so project classes,
which often carry a default message, are not guessed at: a class defined in the project
(this file, or a module of the project it imports) is not the builtin even when it shadows
its name, and one whose own template carries words (``class_words``) is not empty.
Control-flow classes (StopIteration, EOFError, SystemExit), self-describing ones
(TimeoutError, ZeroDivisionError) and NotImplementedError are left out of the lexicon; a
raise caught by a handler of the same function or around a call of its function elsewhere
in the module (``extract.callers``), lookup errors raised bare by protocol
methods (``__getattr__``, ``__getitem__``), bare exceptions of private helpers (``_parse``:
a signal for the caller), the body of an abstract method, an exception object returned by a
call (``raise future.exception()``), ``logger.exception("")`` (it prints the exception and
its chain), test code and a bare ``raise`` are not judged. Logging, warnings and CLI
calls count when they pass an empty (or blank) string, except an empty log line next to
another line of the same logger: a blank line between a report's lines is layout. A bare
raise right after a log, warning or command-line line of the same function that has words
is not judged: that line tells the reader what went wrong.

Known limits: project exception classes defined in another file are never judged, so
``raise ConfigError()`` is missed even when ConfigError has no default text; a bare raise
that only a caller in another module catches (a stub for a missing platform function) is
still reported.
"""

from __future__ import annotations

from typing import Dict, Iterable, Sequence, Tuple

from ..model import TEXT_EMPTY, TEXT_LITERAL, TEXT_NONE, MessageSite
from ..text import lexicon
from .message import Message
from .rule import Hit, Options
from ..testcode import in_test_code
from .values import protocol_lookup, sole_name

CODE = "HEM003"

_RAISED = frozenset({"raise", "default"})
_REPORTERS = frozenset({"log", "cli", "warn"})  # calls that show a text to the reader before a raise


def _value_name(message: Message) -> str:
    """The value to show in the suggested text: ``{name!r}`` for the function's only name."""
    name = sole_name(message.site.names_in_scope)
    return f"{{{name}!r}}" if name else "{...}"


def _blank(message: Message) -> bool:
    """No text, an empty string, or a literal of white space only."""
    site = message.site
    if site.text_status in (TEXT_NONE, TEXT_EMPTY):
        return True
    return site.text_status == TEXT_LITERAL and not site.text.strip()


def _empty(message: Message) -> bool:
    site = message.site
    if not _blank(message) or site.caught_locally or site.caught_by_caller:
        return False  # a raise caught by its own function or its caller is control flow, never shown
    if in_test_code(site):
        return False
    if protocol_lookup(message.site.function, message.callee):
        return False
    if site.function.startswith("_") and not site.function.startswith("__"):
        return False  # a private helper's bare exception is a signal its caller catches
    if site.abstract or site.stub:
        return False  # an abstract method's or a stub's body is replaced by every subclass
    if message.kind in _RAISED and not message.callee[:1].isupper():
        return False  # ``raise future.exception()``: re-raises an exception object built elsewhere
    if message.kind in _RAISED or message.kind == "exit":
        builtin = not (site.project_class or site.class_words)
        return builtin and message.callee.lower() in lexicon("empty_message_classes")
    if message.kind == "log" and message.callee == "exception":
        return False  # logger.exception("") prints the exception and its chain: not empty
    return site.text_status != TEXT_NONE  # logger.error(""), warnings.warn(" "), ctx.fail("")


def _receiver(site: MessageSite) -> str:
    return site.callee.rsplit(".", 1)[0] if "." in site.callee else ""


def _layout(message: Message, logs: Dict[Tuple[str, int], bool]) -> bool:
    """An empty log line right before or after another line of the same logger."""
    site = message.site
    receiver = _receiver(site)
    return bool(receiver) and (logs.get((receiver, site.statement_line - 1), False) or logs.get((receiver, site.statement_end_line + 1), False))


def check_file(messages: Sequence[Message], options: Options) -> Iterable[Tuple[Message, Hit]]:
    logs: Dict[Tuple[str, int], bool] = {}
    for m in messages:
        if m.kind == "log" and _receiver(m.site):
            for line in (m.site.statement_line, m.site.statement_end_line):
                logs[(_receiver(m.site), line)] = True
    reported = {(m.site.function, m.site.statement_end_line) for m in messages if m.kind in _REPORTERS and m.words}
    for message in messages:
        if message.kind in _RAISED and (message.site.function, message.site.statement_line - 1) in reported:
            continue  # the line right before says what went wrong: log.error("... not supported"); raise X()
        if _empty(message) and not (message.kind == "log" and _layout(message, logs)):
            yield message, Hit.of(callee=message.callee, value=_value_name(message))
