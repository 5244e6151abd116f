"""HEM002 vague-message: the text names no specific thing, value or cause.

How it decides: the message has visible text with no placeholder, quoted name, identifier,
number or URL, and every word is either a function word or a generic word ("error",
"invalid", "input", "operation", "failed", "something"; lexicon ``generic_words``): a
generic subject with a problem predicate and nothing specific. Guidance words that name
nothing ("try again later", "see the log") do not make it specific. Deliberately generic
authentication messages are allowed, and a lone word that names a parameter or local
(``MissingParameter("name")``) is data for a class that builds its own text, not a message.
Test code is not judged (its "oops" is a fixture no reader sees), nor a heading that ends
with a colon (the details follow it) or a status line on standard error.

A word the raised class's name repeats still names a thing: ``ConnectionError("connection
has data")`` or ``BadChecksumError("bad checksum")`` says which thing is wrong, so it is not
vague (the reader may still want the value: HEM001 and HEM006 judge that).

Known limits: a specific noun missing from the lexicon of generic words always counts as
specific, so "Invalid gizmo" is not vague even where "gizmo" means nothing to the reader;
two generic words that name a specific thing together ("content type") read as generic.
"""

from __future__ import annotations

from functools import lru_cache
from typing import FrozenSet, Optional

from ..testcode import in_test_code
from ..text import lexicon
from .advice import FALLBACK_SUBJECTS
from .message import Message
from .rule import Hit, Options

CODE = "HEM002"


@lru_cache(maxsize=1)
def _generic_words() -> FrozenSet[str]:
    """Words that name nothing: generic nouns and predicates, prepositions and determiners."""
    return lexicon("generic_words") | lexicon("prepositions") | lexicon("determiners")


def _singular(word: str) -> str:
    """``argument(s)`` -> ``argument``: an optional plural is the same word."""
    return word[:-3] if word.endswith("(s)") else word


def check(message: Message, options: Options) -> Optional[Hit]:
    if message.hidden or not message.words or message.has_specifics or message.generic_auth or message.names_a_binding:
        return None
    if in_test_code(message.site) or message.heading or message.status_output:
        return None  # a test's fixture, a heading whose details follow, a status line
    generic = _generic_words()
    if all(_singular(word) in generic for word in message.words):
        topic = message.topic
        # A fitted help names the subject; with none found ("Something went wrong") the
        # general help, which asks for one, fits better than "Name the value".
        fit = topic.kind if topic.subject not in FALLBACK_SUBJECTS else ""
        return Hit.of(fit=fit, **topic.fields())
    return None
