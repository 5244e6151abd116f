"""Pointers and suggestions: where the fix is described ("see URL", "see the docs") and
questions that suggest ("did you mean 'colour'?").
"""

from __future__ import annotations

from typing import List, Sequence

from ...text import Token, find_phrase
from .base import CLAUSE_PUNCTUATION, REFERENCE, SUGGESTION, Cue, at, find_phrases

_QUESTION_OPENERS = frozenset({"did", "do", "does", "is", "are", "have", "has", "was", "were", "could", "can", "should", "would"})


def _question_opener(seq: Sequence[str], end: int) -> str:
    start = end - 1
    while start > 0 and seq[start - 1] not in (".", ";", "?", "!", "\n", ":"):
        start -= 1
    return at(seq, start)


# Reference phrases that are nouns: they point only where no failed attempt acts on them
# ("could not copy the man page" reports on the man page, it does not send the reader there).
_DOCUMENT_NOUNS = frozenset({"docs", "documentation", "man page", "the manual"})
_ATTEMPT_WORDS = frozenset({"unable", "cannot", "can't", "couldn't", "failed", "failure", "error"})


def _after_an_attempt(seq: Sequence[str], i: int) -> bool:
    """A failed attempt opens the clause that runs up to ``i``."""
    j = i - 1
    while j >= 0 and seq[j] not in CLAUSE_PUNCTUATION:
        if seq[j] in _ATTEMPT_WORDS or (seq[j] == "not" and at(seq, j - 1) == "could"):
            return True
        j -= 1
    return False


def _acted_on(seq: Sequence[str], phrase: str) -> bool:
    """The document noun ``phrase`` is the object of a failed attempt in its clause."""
    words = tuple(phrase.split())
    i = find_phrase(seq, words)
    while i >= 0:
        if _after_an_attempt(seq, i):
            return True
        i = find_phrase(seq, words, i + 1)
    return False


def pointers(tokens: Sequence[Token], seq: Sequence[str]) -> List[Cue]:
    """URLs, "see ...", the phrases of ``reference_phrases`` and questions that suggest."""
    found = [
        Cue(REFERENCE, p) for p in find_phrases(seq, "reference_phrases")
        if not (p in _DOCUMENT_NOUNS and _acted_on(seq, p))
    ]
    found += [Cue(SUGGESTION, p) for p in find_phrases(seq, "suggestion_phrases")]
    for i, word in enumerate(seq):
        prev, nxt = at(seq, i - 1), at(seq, i + 1)
        if word == "<u>":
            found.append(Cue(REFERENCE, tokens[i].text))
        elif word == "see" and nxt not in ("above", "below", "", ".") and prev not in ("can", "could", "you", "we", "i", "to", "will", "not", "didn't", "don't", "cannot"):
            found.append(Cue(REFERENCE, f"see {nxt}"))
        elif word == "?" and _question_opener(seq, i) in _QUESTION_OPENERS:
            found.append(Cue(SUGGESTION, "question"))
    return found
