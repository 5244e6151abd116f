"""HEM006 missing-offending-value: "invalid port" while ``port`` is right there.

How it decides: the message reports a problem with a thing (invalid, unknown, unsupported,
not found, already exists; the topic kinds of ``advice``) whose subject is an entity noun
(lexicon ``entity_nouns``: port, path, option, ...), shows no placeholder, quoted name or
identifier, and a parameter or local whose name ends in the subject's head noun is bound
where the message is written (``holder``: a qualified subject such as "job name" needs a
variable that shares the qualifier). The help names that variable. For "not found" the
noun must name a lookup key (a file, a name), not a result such as a version (lexicon
``result_nouns``).

Not judged: text built elsewhere, deliberately generic authentication messages, secrets
(the value must not be shown), missing or empty values ("port is missing", "invalid empty
name": there is no value to show) and test code.

A feature that is not supported under a condition ("environment is not supported in API
< 1.25", "engine is not supported when using the pyarrow filesystem") is not judged: the
condition, not the value, is what the reader must change, so any value fails the same way.

A raise caught by a handler of its own function is control flow that no reader sees, and
is not judged; nor is one whose framework prints the rejected input itself (a pydantic
validator, a voluptuous ``Invalid``: ``extract.frameworks``). A variable whose value the enclosing ``if`` fixes on that path (``if engine
== "fast": raise ...``, ``if not url:``, ``if path is None:``) is known to the author or
empty there, so it is not asked for.

Known limits: a value the exception class prints itself (``MyError("invalid port", port)``
with a custom ``__str__``) is not seen, and the noun must be the variable's last word.
"""

from __future__ import annotations

from typing import List, Optional, Sequence

from ..text import CODE as CODE_TOKEN
from ..text import URL, WORD, lexicon
from .message import Message
from .rule import Hit, Options
from ..text.identifiers import identifier_parts
from ..testcode import in_test_code
from .values import is_secret_name, variable_for

CODE = "HEM006"

_KINDS = frozenset({"invalid", "unknown", "unsupported", "not-found", "exists"})
_EMPTY = frozenset({"blank", "empty", "none", "null"})


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


def holder(subject: Sequence[str], names: Sequence[str]) -> str:
    """The variable that holds the subject's value ("" when none can be meant).

    It must end in the head noun, the subject's last word that names a thing: "channel type"
    is a type, so ``channel`` (the channel itself) does not hold it, while "port number" is
    held by ``port``. When the subject is qualified ("job name"), a qualified variable must
    share a qualifier: ``transcription_job_name`` holds it, ``bucket_name`` does not; the
    variable sharing most qualifiers wins, and a bare ``name`` only when none shares one.
    """
    things = lexicon("entity_nouns") | lexicon("path_nouns")
    words = list(subject)
    while words and words[-1] not in things:
        words.pop()
    if not words:
        return ""
    head, qualifiers = words[-1], set(words[:-1])
    if qualifiers:
        holding = [n for n in names if variable_for([head], [n])]
        shared = {n: len(set(identifier_parts(n)[:-1]) & qualifiers) for n in holding}
        most = max(shared.values(), default=0)
        # the name sharing most qualifiers holds it ("deployment group name": not
        # ``deployment_config_name``, nor a bare ``name`` when ``version_name`` is there)
        names = [n for n in holding if shared[n] == most and (most or len(identifier_parts(n)) == 1)]
    return variable_for([head], names)


def check(message: Message, options: Options) -> Optional[Hit]:
    if in_test_code(message.site):
        return None  # a fixture's failure is read by the developer who wrote the test
    if message.site.other_args and message.kind == "raise":
        return None  # ValueError("invalid port", port): the exception shows its arguments
    if message.site.value_shown:
        return None  # a pydantic validator or a voluptuous Invalid: the framework shows the input
    if message.hidden or message.generic_auth or message.kind == "default" or message.site.caught_locally:
        return None  # a raise its own function catches is control flow: no reader sees it
    words = message.words
    if message.values or any(is_secret_name(tuple(words[i : i + 2])) or is_secret_name((words[i],)) for i in range(len(words))):
        return None  # never ask to show a value next to a password or token
    topic = message.topic
    if topic.kind not in _KINDS or not topic.subject or not set(topic.subject.split()) <= set(message.words):
        return None  # no subject named in the text: the topic's fallback word is a guess
    if set(words) & _EMPTY:
        return None  # "invalid empty name": the value is empty, there is nothing to show
    if _named_near(message, topic.subject.split()):
        return None
    if topic.kind == "unsupported" and _conditional(message.words):
        return None
    nouns = topic.subject.split()
    if topic.kind == "not-found":  # "cannot find the version": the value is what is missing
        nouns = [n for n in nouns if n not in lexicon("result_nouns")]
    name = holder(nouns, message.showable_names)
    if not name:
        return None
    return Hit.of(fit=topic.kind, subject=topic.subject, variable=name)
