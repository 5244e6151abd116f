"""HEM010 blame-tone: the text says the reader made the mistake ("you failed to", "you forgot").

How it decides: within one clause of prose (quotes, code and placeholders never count), it
looks for a fixed blame phrase (lexicon ``blame_phrases``) or the construction "you [have]
<past action> ... <negative outcome>" ("you entered an invalid date"): second person, a past
form from ``blame_verbs`` and, at most four words later, an outcome from ``blame_outcomes``.
Instructions ("you can set X", "you must pass Y") have no past action and never match. A
clause that opens with a hedge ("if you forgot ...", "perhaps you passed a wrong ...") is a
hint, not an accusation, and is skipped.

Known limits: blame phrased without "you" ("the user entered garbage") is left to HEM011;
"you did not ..." is not matched, because it is mostly conditional or neutral in practice.
"""

from __future__ import annotations

from typing import Optional, Sequence, Tuple

from ..text import WORD, Token, first_phrase, lexicon, phrases, split_clauses
from .message import Message
from .prose import quoting_hit, span_text
from ..testcode import in_test_code
from .rule import Hit, Options

CODE = "HEM010"

SUBJECTS = frozenset({"you", "you've"})
FILLERS = frozenset({"have", "had", "just", "accidentally", "apparently", "clearly", "obviously"})
OUTCOME_WINDOW = 4


def _hedged(words: Sequence[Token], at: int) -> bool:
    hedges = lexicon("blame_hedges")
    return any(t.lower in hedges for t in words[:at])


def _fixed(words: Sequence[Token]) -> Optional[Tuple[int, int]]:
    found = first_phrase([t.lower for t in words], phrases("blame_phrases"))
    if found is None:
        return None
    start, phrase = found
    return start, start + len(phrase) - 1


def _construction(words: Sequence[Token]) -> Optional[Tuple[int, int]]:
    verbs, outcomes = lexicon("blame_verbs"), lexicon("blame_outcomes")
    for start, token in enumerate(words):
        if token.lower not in SUBJECTS:
            continue
        at = start + 1
        while at < len(words) and words[at].lower in FILLERS:
            at += 1
        if at >= len(words) or words[at].lower not in verbs:
            continue
        for end in range(at + 1, min(at + 1 + OUTCOME_WINDOW, len(words))):
            if words[end].lower in outcomes:
                return start, end
    return None


def find_blame(message: Message) -> Optional[str]:
    """The blaming phrase as written, or None."""
    for clause in split_clauses(message.tokens):
        words = [t for t in clause if t.kind == WORD]
        found = _fixed(words) or _construction(words)
        if found is not None and not _hedged(words, found[0]):
            return span_text(message.text, words[found[0]], words[found[1]])
    return None


def check(message: Message, options: Options) -> Optional[Hit]:
    phrase = None if in_test_code(message.site) else find_blame(message)
    return None if phrase is None else quoting_hit(message, "phrase", phrase, subject_variant=True)
