"""HEM016 jargon-for-end-users: programming terms and internals in text an end user reads.

How it decides. For end-user messages (gettext-wrapped text, or ``audience = "end-user"``):
programming jargon among the prose words (lexicon ``jargon_words``: "exception", "NoneType",
"traceback", "stdout"); identifiers written without quotes or backticks (snake_case,
CamelCase class names other than product names from ``camelcase_names``, ``name()`` calls,
dunders, ``...Error`` class names, errno names such as ENOENT); object reprs
(``<... object at 0x...>``); and placeholders that render internals: the caught exception
(``{exc}``), ``{repr(x)}``, ``{type(x)}``. Quoted identifiers and ``--flags`` are what the
user types, so they are allowed. For library and cli messages only ``{type(x)}`` and
``{x.__class__}`` are reported: they render as ``<class 'int'>``, never as a type name.

Known limits: domain products whose users are developers should set the audience; jargon
written as everyday words ("the handler crashed") is only caught when it is on the list.
"""

from __future__ import annotations

import re
from typing import Optional, Tuple

from ..model import Slot
from ..text import CODE as CODE_TOKEN, NUMBER, VALUE, WORD, Token, lexicon
from .message import Message
from .prose import quoting_hit
from ..testcode import in_test_code
from .rule import Hit, Options

CODE = "HEM016"

TYPE_LEAK = re.compile(r"^(?:type\([^()]*\)|[\w.]+\.__class__)$")
REPR_LEAK = re.compile(r"^repr\([^()]*\)$")
ERRNO = re.compile(r"^E[A-Z]{3,}$")
CAMEL = re.compile(r"^[A-Z][a-z0-9]+[A-Z]\w*$")
CLASS_NAME = re.compile(r"^[A-Z]\w*(?:Error|Exception|Type)$")


def leaky_slot(slot: Slot, message: Message) -> str:
    """How a placeholder leaks internals ("" when it does not)."""
    expr = slot.expr.strip()
    if TYPE_LEAK.match(expr):
        return "type"
    if message.audience != "end-user":
        return ""
    if REPR_LEAK.match(expr) or "!r" in slot.spec:
        return "repr"
    if message.site.caught_name and expr == message.site.caught_name:
        return "exception"
    return ""


def internal_identifier(token: Token) -> bool:
    """An unquoted identifier, call or class name: code the end user cannot act on."""
    if token.quoted or token.text.startswith("-") or "/" in token.text or "\\" in token.text:
        return False
    text = token.text
    if text.endswith("()") or text.startswith("__") or "_" in text.strip("_"):
        return True
    if CLASS_NAME.match(text):
        return True
    return bool(CAMEL.match(text)) and text.lower() not in lexicon("camelcase_names")


def find_jargon(message: Message) -> Optional[Tuple[str, str]]:
    """The first internal the message shows, as written, and how it leaks; or None."""
    for token in message.tokens:
        if token.kind == VALUE:
            for slot in token.slots:
                leak = leaky_slot(slot, message)
                if leak:
                    return token.text, leak
    if message.audience != "end-user":
        return None
    jargon = lexicon("jargon_words")
    for token in message.tokens:
        if token.kind == WORD and (token.lower in jargon or ERRNO.match(token.text)):
            return token.text, "jargon"
        if token.kind == CODE_TOKEN and internal_identifier(token):
            return token.text, "identifier"
        if token.kind == NUMBER and token.lower.startswith("0x"):
            return token.text, "identifier"
    return None


def check(message: Message, options: Options) -> Optional[Hit]:
    found = None if in_test_code(message.site) else find_jargon(message)
    return None if found is None else quoting_hit(message, "term", found[0], fit=found[1])
