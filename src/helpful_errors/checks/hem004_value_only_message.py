"""HEM004 value-only-message: the text is only a run-time value, a URL or a code, no words.

How it decides: the message has no words of its own (or only a label such as "Error:"
before the value, or only "see" before a URL) and every placeholder is a value the
extractor could see is not prose: the caught exception (``str(e)``, ``f"{e}"``,
``e.args[0]``, ``logger.error(e)``) or ``str(x)``/``repr(x)`` of another value. A bare
attribute or a lone identifier passed first is taken as data for a class or helper that
builds its own text (``Error(resp.status, ...)``, ``type_error("cpu_count")``). Placeholders whose names say they hold
message text (``{msg}``, ``{detail}``), names the extractor could not follow (a parameter
that may carry a whole sentence) and classes whose conventional message is the key itself
(``KeyError(key)``, ``...NotFound(name)``; lexicon ``key_message_classes``) are exempt, as
are lookup errors of protocol methods (``__getattr__`` raising ``AttributeError(str(e))``).

Words the class adds are not seen in the call, so a raise is judged only where the class
cannot add any: a project class that sets its own default text in the same file (a
``message = "..."`` attribute, a ``super().__init__("...")`` text), a class given other
arguments (``Error(str(e), path)``: many classes format them into the text, and keywords
other than Django's ``code=`` and ``params=``, such as ``help_text=``), a project
class given the caught exception itself (``Error(e)``: it may wrap the cause and print its
own context) and a factory call (``errors.from_response(e)``, ``Error._from_schema(e)``: a
function that builds the text) are left alone. Builtin classes print only their argument.

A class known to format its own words around what it is passed (``site.class_words``,
from its template attribute or its ``__init__``, in this file or the project) is exempt too.

The text of a caught exception of a class the project defines is not a lower layer's:
the project wrote its messages, so passing it on (an HTTP error's detail, a command's
top-level ``echo``) is not judged.

Known limits: ``raise X(name)`` with a parameter or an unresolved local is never judged,
because the name may hold a full sentence built by the caller; a project class defined in
another file that prefixes ``str(e)`` with its own words is still reported, and
``Error(f"{e}")`` reads like ``Error(e)``.
"""

from __future__ import annotations

import builtins
import re
from typing import AbstractSet, Iterable, Optional, Sequence, Tuple

from ..model import Slot
from ..text import CODE as CODE_TOKEN
from ..text import CODE_ID, PUNCT, URL, VALUE, WORD, lexicon
from .context import slot_carries_text
from .message import Message
from .values import protocol_lookup
from .rule import Hit, Options

CODE = "HEM004"

_LOGGED = frozenset({"log", "warn"})  # the help shows a logging call, not a raise ... from
# Keywords that carry data, not words, to the class (Django's ``code=`` and ``params=``);
# another (``help_text=``, ``detail=``) may be printed with the text.
_DATA_KEYWORDS = frozenset({"code", "params"})
_POINTER_WORDS = frozenset({"at", "details", "docs", "for", "info", "information", "more", "see"})


def _key_class(name: str) -> bool:
    lowered = name.lower()
    return any(lowered.endswith(suffix) for suffix in lexicon("key_message_classes"))


def _from_caught(slot: Slot, caught: str) -> bool:
    """``e``, ``str(e)``, ``e.args[0]``: the caught exception's own text."""
    root = slot.expr.split(".", 1)[0].split("[", 1)[0]
    return bool(caught) and (root == caught or bool(re.fullmatch(rf"(?:str|repr)\({re.escape(caught)}\)", slot.expr)))


def _is_value(slot: Slot, caught: str) -> bool:
    """A value shown as the whole message: the caught exception, or ``str(x)``/``repr(x)``.

    A bare attribute passed first (``Error(resp.status, ...)``) is usually data for a class
    that builds its own text, and quotes in the expression mean it carries a text fallback.
    """
    if slot_carries_text(slot) or "'" in slot.expr or '"' in slot.expr or not slot.expr:
        return False
    if _from_caught(slot, caught):
        return True
    return slot.known and bool(re.fullmatch(r"(?:str|repr)\([^()]*\)", slot.expr))


def _label_words(message: Message) -> bool:
    """No prose: no words, a lone label before a colon ("Error: {e}"), or "see" + URL."""
    words = message.words
    if not words:
        return True
    kinds = [t.kind for t in message.tokens]
    if URL in kinds and set(words) <= _POINTER_WORDS:
        return True
    first_words = [t for t in message.tokens if t.kind == WORD]
    colon = any(t.kind == PUNCT and t.text in (":", "-") for t in message.tokens)
    return len(first_words) == 1 and colon and words[0] in lexicon("redundant_labels") | {"failed", "failure"}


def builtin_exception(name: str) -> bool:
    """``ValueError``, ``OSError``: a builtin class prints its argument and nothing else."""
    found = getattr(builtins, name, None)
    return isinstance(found, type) and issubclass(found, BaseException)


def class_adds_text(message: Message, defaults: AbstractSet[str]) -> bool:
    """The raised class may print words or values besides the argument the rule sees."""
    site = message.site
    if message.kind != "raise" or builtin_exception(message.callee):
        return False
    if not message.callee[:1].isupper():
        return True  # a factory function or classmethod builds the exception and its text
    if message.callee in defaults or site.other_args or set(site.keyword_args) - _DATA_KEYWORDS:
        return True
    slots = site.template.slots if site.template is not None else ()
    return bool(site.caught_name) and any(s.expr == site.caught_name for s in slots)


def check_file(messages: Sequence[Message], options: Options) -> Iterable[Tuple[Message, Hit]]:
    defaults = {m.callee for m in messages if m.kind == "default" and m.has_text}
    for message in messages:
        if not class_adds_text(message, defaults):
            hit = check(message, options)
            if hit is not None:
                yield message, hit


def check(message: Message, options: Options) -> Optional[Hit]:
    """The finding for one message, with no knowledge of the classes of its file."""
    site = message.site
    if site.template is None or not message.tokens or _key_class(message.callee) or site.caught_locally or site.class_words:
        return None
    if site.caught_project_class:
        return None  # the project's own exception: its texts are the project's sentences, not a lower layer's
    if protocol_lookup(site.function, message.callee):
        return None  # ``__getattr__`` turning a KeyError into AttributeError(str(e)): the key is the text
    if any(t.kind not in (VALUE, CODE_TOKEN, URL, CODE_ID, PUNCT, WORD) for t in message.tokens):
        return None  # a number is a count or a status: "404: {reason}" says something
    if not _label_words(message) or (message.kind == "exit" and message.words):
        return None  # "error: {exc}" from a command's top level is the GNU format
    slots = site.template.slots
    if slots and not all(_is_value(s, site.caught_name) for s in slots):
        return None
    if not slots and not any(t.kind == URL for t in message.tokens):
        return None  # a lone identifier is usually data for a helper that builds the text
    if site.unformatted_fields:
        return None  # "{e}" written without the f prefix: unrendered-placeholder
    shown = slots[0].render() if slots else message.tokens[0].text
    exception = any(_from_caught(s, site.caught_name) for s in slots)
    fit = ("logged" if message.kind in _LOGGED else "exception" if message.kind == "raise" else "shown") if exception else ""
    return Hit.of(fit=fit, value=shown, cause=site.caught_name or "exc")
