"""HEM004 value-only-message: the text is only a run-time value, a URL or a code, no words.

How it decides: the message has no words of its own (or only a label such as "Error:"
before the value, or only "see" before a URL) and every placeholder is a value the
extractor could see is not prose: the caught exception (``str(e)``, ``f"{e}"``,
``e.args[0]``, ``logger.error(e)``) or ``str(x)``/``repr(x)`` of another value. A bare
attribute or a lone identifier passed first is taken as data for a class or helper that
builds its own text (``Error(resp.status, ...)``, ``type_error("cpu_count")``). Placeholders whose names say they hold
message text (``{msg}``, ``{detail}``), names the extractor could not follow (a parameter
that may carry a whole sentence) and classes whose conventional message is the key itself
(``KeyError(key)``, ``...NotFound(name)``; lexicon ``key_message_classes``) are exempt.

A class known to format its own words around what it is passed (``site.class_words``,
from its template attribute or its ``__init__``, in this file or the project) is exempt too.

Known limits: ``raise X(name)`` with a parameter or an unresolved local is never judged,
because the name may hold a full sentence built by the caller.
"""

from __future__ import annotations

import re
from typing import Optional

from ..model import Slot
from ..text import CODE as CODE_TOKEN
from ..text import CODE_ID, PUNCT, URL, VALUE, WORD, lexicon
from .context import slot_carries_text
from .message import Message
from .rule import Hit, Options

CODE = "HEM004"

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


def check(message: Message, options: Options) -> Optional[Hit]:
    site = message.site
    if site.template is None or not message.tokens or _key_class(message.callee) or site.caught_locally or site.class_words:
        return None
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
    return Hit.of(fit="exception" if exception else "", value=shown, cause=site.caught_name or "exc")
