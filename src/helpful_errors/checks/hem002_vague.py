"""HEM002 vague-message: the text names no specific thing, value or cause.

How it decides: the message has visible text with no placeholder, quoted name, identifier,
number or URL, and every word is either a function word or a generic word ("error",
"invalid", "input", "operation", "failed", "something"; lexicon ``generic_words``): a
generic subject with a problem predicate and nothing specific. A raised class's own name
counts as generic for its message (a *class echo*): ``InvalidHeaderError("invalid header")``
prints "InvalidHeaderError: invalid header", so the text adds nothing the class name did not
say. Guidance words that name nothing ("try again later", "see the log") do not make it
specific. Deliberately generic authentication messages are allowed, and a lone word that
names a parameter or local (``MissingParameter("name")``) is data for a class that builds
its own text, not a message.

Known limits: a specific noun missing from the lexicon of generic words always counts as
specific, so "Invalid gizmo" is not vague even where "gizmo" means nothing to the reader;
a class echo is matched on whole words and plurals ("parse error" does not echo
``ParsingError``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import FrozenSet, Optional

from ..text import lexicon
from .context import identifier_parts
from .advice import FALLBACK_SUBJECTS
from .message import Message
from .rule import Hit, Options

CODE = "HEM002"

_RAISED = frozenset({"raise", "default"})
_CLASS_SUFFIXES = frozenset({"error", "exception", "warning"})


def _stem(word: str) -> str:
    """``headers`` -> ``header``: plurals echo the singular class word."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def class_words(message: Message) -> FrozenSet[str]:
    """The words of a raised class's name (``InvalidHeaderError`` -> invalid, header, error)."""
    if message.kind not in _RAISED or not message.callee[:1].isupper():
        return frozenset()
    parts = frozenset(_stem(p) for p in identifier_parts(message.callee))
    return parts if parts - _CLASS_SUFFIXES else frozenset()


@lru_cache(maxsize=1)
def _generic_words() -> FrozenSet[str]:
    """Words that name nothing: generic nouns and predicates, prepositions and determiners."""
    return lexicon("generic_words") | lexicon("prepositions") | lexicon("determiners")


def check(message: Message, options: Options) -> Optional[Hit]:
    if message.hidden or not message.words or message.has_specifics or message.generic_auth or message.names_a_binding:
        return None
    generic = _generic_words()
    echoed = class_words(message)
    if all(word in generic or _stem(word) in echoed for word in message.words):
        topic = message.topic
        # A fitted help names the subject; with none found ("Something went wrong") the
        # general help, which asks for one, fits better than "Name the value".
        fit = topic.kind if topic.subject not in FALLBACK_SUBJECTS else ""
        return Hit.of(fit=fit, **topic.fields())
    return None
