"""Finding phrases (tuples of lower-case words) in a sequence of words.

One mechanism for every rule that looks up a list of phrases (``PhraseIndex``): the phrases
are grouped by their first word, so a text is read once and only the phrases that start
with each word are tried. "First occurrence" and "first phrase of the list" mean the same
thing everywhere.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from .lexicon import phrases

Phrase = Tuple[str, ...]


def find_phrase(words: Sequence[str], phrase: Phrase, start: int = 0) -> int:
    """Index of the first occurrence of ``phrase`` in ``words`` at or after ``start``, or -1."""
    n = len(phrase)
    for i in range(start, len(words) - n + 1):
        if tuple(words[i : i + n]) == phrase:
            return i
    return -1


class PhraseIndex:
    """A list of phrases in its order, indexed by first word."""

    def __init__(self, ordered: Iterable[Phrase]) -> None:
        self.ordered: Tuple[Phrase, ...] = tuple(ordered)
        groups: Dict[str, List[Tuple[int, Phrase]]] = {}
        for rank, phrase in enumerate(self.ordered):
            groups.setdefault(phrase[0] if phrase else "", []).append((rank, phrase))
        self._by_first = {first: tuple(group) for first, group in groups.items()}
        self._firsts = frozenset(first for first in self._by_first if first)

    @staticmethod
    @lru_cache(maxsize=None)
    def of(name: str) -> "PhraseIndex":
        """The index of the word list ``name`` (longest phrases first)."""
        return PhraseIndex(phrases(name))

    @staticmethod
    @lru_cache(maxsize=256)
    def over(candidates: Tuple[Phrase, ...]) -> "PhraseIndex":
        return PhraseIndex(candidates)

    def starting_with(self, word: str) -> Tuple[Phrase, ...]:
        return tuple(phrase for _rank, phrase in self._by_first.get(word, ()))

    def starting_at(self, words: Sequence[str], start: int) -> Optional[Phrase]:
        """The first phrase of the list that starts exactly at ``start``, or None."""
        found = [(rank, p) for rank, p in self._candidates(words, start) if tuple(words[start : start + len(p)]) == p]
        return min(found)[1] if found else None

    def _candidates(self, words: Sequence[str], i: int) -> Tuple[Tuple[int, Phrase], ...]:
        here = self._by_first.get(words[i], ()) if 0 <= i < len(words) else ()
        return here + self._by_first.get("", ())

    def occurrences(self, words: Sequence[str]) -> Dict[int, int]:
        """Each phrase found (by rank in the list) with the index of its first occurrence."""
        hits: Dict[int, int] = {rank: 0 for rank, _p in self._by_first.get("", ())}  # an empty phrase is everywhere
        if self._firsts.isdisjoint(words):
            return hits  # most texts hold no first word of most lists: one set test, not a loop
        for i, word in enumerate(words):
            for rank, phrase in self._by_first.get(word, ()):
                if rank not in hits and tuple(words[i : i + len(phrase)]) == phrase:
                    hits[rank] = i
        return hits

    def all_in(self, words: Sequence[str]) -> List[Phrase]:
        """The phrases that occur in ``words``, in the list's order."""
        return [self.ordered[rank] for rank in sorted(self.occurrences(words))]

    def first_in(self, words: Sequence[str]) -> Optional[Tuple[int, Phrase]]:
        """The first phrase of the list that occurs in ``words``, with its first index."""
        hits = self.occurrences(words)
        if not hits:
            return None
        rank = min(hits)
        return hits[rank], self.ordered[rank]


def first_phrase(words: Sequence[str], candidates: Iterable[Phrase]) -> Optional[Tuple[int, Phrase]]:
    """The first candidate (in the candidates' order) found in ``words``, with its index."""
    return PhraseIndex.over(tuple(candidates)).first_in(words)


def phrase_at(words: Sequence[str], start: int, candidates: Iterable[Phrase]) -> Optional[Phrase]:
    """The first candidate that starts exactly at ``start``, or None."""
    return PhraseIndex.over(tuple(candidates)).starting_at(words, start)
