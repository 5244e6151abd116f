"""Pointers and suggestions: where the fix is described ("see URL", "see the docs") and
questions that suggest ("did you mean 'colour'?").
"""

from __future__ import annotations

from typing import List, Sequence

from ...text import Token
from .base import REFERENCE, SUGGESTION, Cue, at, find_phrases

_QUESTION_OPENERS = frozenset({"did", "do", "does", "is", "are", "have", "has", "was", "were", "could", "can", "should", "would"})


def _question_opener(seq: Sequence[str], end: int) -> str:
    start = end - 1
    while start > 0 and seq[start - 1] not in (".", ";", "?", "!", "\n", ":"):
        start -= 1
    return at(seq, start)


def pointers(tokens: Sequence[Token], seq: Sequence[str]) -> List[Cue]:
    """URLs, "see ...", the phrases of ``reference_phrases`` and questions that suggest."""
    found = [Cue(REFERENCE, p) for p in find_phrases(seq, "reference_phrases")]
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
