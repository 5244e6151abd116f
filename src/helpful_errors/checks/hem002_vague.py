"""HEM002 vague-message: the text names no specific thing, value or cause.

How it decides: the message has visible text with no placeholder, quoted name, identifier,
number or URL, and every word is either a function word or a generic word ("error",
"invalid", "input", "operation", "failed", "something"; lexicon ``generic_words``).
Guidance words that name nothing ("try again later", "see the log") do not make it specific.
Deliberately generic authentication messages are allowed.

Known limits: a specific noun missing from the lexicon of generic words always counts as
specific, so "Invalid gizmo" is not vague even where "gizmo" means nothing to the reader.
"""

from __future__ import annotations

from typing import Optional

from ..text import lexicon
from .message import Message
from .rule import Hit, Options

CODE = "HEM002"


def check(message: Message, options: Options) -> Optional[Hit]:
    if message.hidden or not message.words or message.has_specifics or message.generic_auth:
        return None
    generic = lexicon("generic_words") | lexicon("prepositions") | lexicon("determiners")
    if all(word in generic for word in message.words):
        topic = message.topic
        return Hit.of(fit=topic.kind, **topic.fields())
    return None
