"""Finding phrases (tuples of lower-case words) in a sequence of words.

One mechanism for every rule that looks up a word list of phrases, so "first occurrence"
and "first phrase of the list" mean the same thing everywhere.
"""

from __future__ import annotations

from typing import Iterable, Optional, Sequence, Tuple

Phrase = Tuple[str, ...]


def find_phrase(words: Sequence[str], phrase: Phrase, start: int = 0) -> int:
    """Index of the first occurrence of ``phrase`` in ``words`` at or after ``start``, or -1."""
    n = len(phrase)
    for i in range(start, len(words) - n + 1):
        if tuple(words[i : i + n]) == phrase:
            return i
    return -1


def first_phrase(words: Sequence[str], candidates: Iterable[Phrase]) -> Optional[Tuple[int, Phrase]]:
    """The first candidate (in the candidates' order) found in ``words``, with its index."""
    for phrase in candidates:
        at = find_phrase(words, phrase)
        if at >= 0:
            return at, phrase
    return None


def phrase_at(words: Sequence[str], start: int, candidates: Iterable[Phrase]) -> Optional[Phrase]:
    """The first candidate that starts exactly at ``start``, or None."""
    for phrase in candidates:
        if tuple(words[start : start + len(phrase)]) == phrase:
            return phrase
    return None
