"""HEM011 hostile-wording: insults ("stupid", "garbage") and alarming words ("illegal", "fatal").

How it decides: only prose words count (quotes, code, placeholders and identifiers such as
``SIGKILL`` or ``kill()`` never do). Insults (lexicon ``hostile_insults``) are judged for every
audience; alarming words (``hostile_alarming``: "illegal", "fatal") only for end-user and
cli messages, because in a library they are usually technical terms; alarming verbs
(``hostile_actions``: "abort", "kill") only for end users, because command-line tools report
"Aborted" or "killed" as plain facts. A word is technical, and
skipped, when a collocation from ``hostile_collocations`` matches within three tokens of it
in the same sentence ("transaction aborted", "illegal instruction", "403 Forbidden",
"garbage collection"); "Fatal:" used as a leading severity label is left to the prefix rule.

Known limits: technical senses missing from the collocation list are reported; hostile
meaning carried by a phrase of plain words ("this makes no sense") is not.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Dict, Optional, Sequence, Tuple

from ..text import PUNCT, WORD, Token, lexicon
from ..text.lexicon import entries
from .message import Message
from .prose import quoted, quoting_hit
from ..testcode import in_test_code
from .rule import Hit, Options

CODE = "HEM011"

ALARMING_AUDIENCES = frozenset({"end-user", "cli"})
WINDOW = 3


@lru_cache(maxsize=None)
def replacements(name: str) -> Dict[str, str]:
    """Word -> neutral wording, from a list whose lines are "word [replacement ...]"."""
    table: Dict[str, str] = {}
    for line in entries(name):
        word, _, neutral = line.partition(" ")
        table[word] = neutral.strip()
    return table


@lru_cache(maxsize=None)
def collocations() -> Tuple[Tuple[str, str], ...]:
    return tuple((pair[0], pair[1]) for pair in (line.split() for line in lexicon("hostile_collocations")) if len(pair) == 2)


def technical(sentence: Sequence[Token], at: int) -> bool:
    """True when the word at ``at`` is used in a technical sense (a known collocation nearby)."""
    word = sentence[at].lower
    near = [t.lower for t in sentence[max(0, at - WINDOW) : at + WINDOW + 1] if t.kind != PUNCT and t is not sentence[at]]
    return any(word.startswith(w) and any(n.startswith(c) for n in near) for w, c in collocations())


def is_label(sentence: Sequence[Token], at: int, tokens: Sequence[Token]) -> bool:
    """``Fatal: ...`` at the very start: a severity label, judged by the prefix rule."""
    token = sentence[at]
    if not tokens or token is not tokens[0]:
        return False
    rest = tokens[1:3]
    return any(t.kind == PUNCT and t.text == ":" for t in rest)


def find_hostile(message: Message) -> Optional[Tuple[str, str]]:
    """The first hostile word as written and its neutral replacement, or None."""
    tables = [replacements("hostile_insults")]
    if message.audience in ALARMING_AUDIENCES:
        tables.append(replacements("hostile_alarming"))
    if message.audience == "end-user":
        tables.append(replacements("hostile_actions"))
    for sentence in message.sentences:
        for at, token in enumerate(sentence):
            if token.kind != WORD:
                continue
            for table in tables:
                if token.lower in table and not technical(sentence, at) and not is_label(sentence, at, message.tokens):
                    return token.text, table[token.lower]
    return None


def check(message: Message, options: Options) -> Optional[Hit]:
    found = None if in_test_code(message.site) else find_hostile(message)
    if found is None:
        return None
    word, neutral = found
    if neutral:
        return quoting_hit(message, "word", word, fit="replace", subject_variant=True, neutral=quoted(neutral))
    return quoting_hit(message, "word", word, subject_variant=True)
