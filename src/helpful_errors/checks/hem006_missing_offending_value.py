"""HEM006 missing-offending-value: "invalid port" while ``port`` is right there.

How it decides: the message reports a problem with a thing (invalid, unknown, unsupported,
not found, already exists; the topic kinds of ``advice``) whose subject is an entity noun
(lexicon ``entity_nouns``: port, path, option, ...), shows no placeholder, quoted name or
identifier, and a parameter or local whose name ends in that noun is bound where the
message is written (``values.variable_for``). The help names that variable.

For "not found" the noun must name a lookup key (a file, a name), not a result such as a
version (lexicon ``result_nouns``). Not judged: text built elsewhere, deliberately generic authentication messages, secrets
(the value must not be shown) and missing values ("port is missing": there is no value).

A feature that is not supported under a condition ("environment is not supported in API
< 1.25", "engine is not supported when using the pyarrow filesystem") is not judged: the
condition, not the value, is what the reader must change, so any value fails the same way.

A raise caught by a handler of its own function is control flow that no reader sees, and
is not judged.

Known limits: a value the exception class prints itself (``MyError("invalid port", port)``
with a custom ``__str__``) is not seen, and the noun must be the variable's last word.
"""

from __future__ import annotations

from typing import List, Optional, Sequence

from ..text import CODE as CODE_TOKEN
from ..text import URL, WORD, lexicon
from .message import Message
from .rule import Hit, Options
from .values import is_secret_name, variable_for

CODE = "HEM006"

_KINDS = frozenset({"invalid", "unknown", "unsupported", "not-found", "exists"})


def _named_near(message: Message, subject: List[str]) -> bool:
    """A quoted name, identifier or URL in the sentence that reports the problem names the
    thing ("unknown option --fast"); one in a later sentence is part of the guidance."""
    for sentence in message.sentences:
        if any(t.kind == WORD and t.lower in subject for t in sentence):
            return any(t.kind in (CODE_TOKEN, URL) for t in sentence)
    return False


_CONDITIONS = frozenset({"after", "before", "for", "if", "in", "on", "under", "unless", "when", "while", "with", "without"})


def _conditional(words: Sequence[str]) -> bool:
    """"not supported in API < 1.25", "... when using X": support depends on a condition."""
    for i, word in enumerate(words[:-1]):
        if word in ("supported", "unsupported", "allowed") and words[i + 1] in _CONDITIONS:
            return True
    return False


def check(message: Message, options: Options) -> Optional[Hit]:
    if message.site.other_args and message.kind == "raise":
        return None  # ValueError("invalid port", port): the exception shows its arguments
    if message.hidden or message.generic_auth or message.kind == "default" or message.site.caught_locally:
        return None  # a raise its own function catches is control flow: no reader sees it
    words = message.words
    if message.values or any(is_secret_name(tuple(words[i : i + 2])) or is_secret_name((words[i],)) for i in range(len(words))):
        return None  # never ask to show a value next to a password or token
    topic = message.topic
    if topic.kind not in _KINDS or not topic.subject or not set(topic.subject.split()) <= set(message.words):
        return None  # no subject named in the text: the topic's fallback word is a guess
    if _named_near(message, topic.subject.split()):
        return None
    if topic.kind == "unsupported" and _conditional(message.words):
        return None
    nouns = topic.subject.split()
    if topic.kind == "not-found":  # "cannot find the version": the value is what is missing
        nouns = [n for n in nouns if n not in lexicon("result_nouns")]
    name = variable_for(nouns, message.site.names_in_scope)
    if not name:
        return None
    return Hit.of(fit=topic.kind, subject=topic.subject, variable=name)
