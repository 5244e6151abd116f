"""Word difficulty for HEM014, fully offline: pyphen syllables and textstat's Dale-Chall list.

textstat 0.7 imports nltk on import and downloads the CMU dictionary on its first syllable
count, which fails offline and costs almost a second. So textstat is never imported: the
Dale-Chall easy-word list is read straight from textstat's package data (found with
``importlib.util.find_spec``, which does not run the package), and syllables are counted
by pyphen's patterns (textstat's own fallback, and its dependency), whose dictionaries ship
with it (read by ``text.hyphenation``).
If the list cannot be found, every word counts as easy and the vocabulary check stays
silent rather than guessing.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import FrozenSet, Iterator, Optional

from ..text import hyphenation
from ..text.package_data import data_file

MIN_SYLLABLES = 3


@lru_cache(maxsize=1)
def easy_words() -> FrozenSet[str]:
    """The Dale-Chall list of words familiar to most fourth-grade readers (from textstat)."""
    path = easy_words_path()
    if path is None:
        return frozenset()
    try:
        return frozenset(w.strip().lower() for w in path.read_text(encoding="utf-8").split() if w.strip())
    except OSError:
        return frozenset()


def easy_words_path() -> Optional[Path]:
    return data_file("textstat", "resources", "en", "easy_words.txt")


@lru_cache(maxsize=8192)
def syllables(word: str) -> int:
    """Syllables of one word, by pyphen's hyphenation points (as textstat's fallback does);
    one when the dictionary is missing, so that no word counts as hard by a guess."""
    hyphenator = hyphenation.hyphenator()
    return len(hyphenator.positions(word.lower())) + 1 if hyphenator is not None else 1


def base_forms(word: str) -> Iterator[str]:
    """The word and its stems without -s, -es, -ies, -ed, -ied, -ing and -ly (the list has few inflections)."""
    yield word
    for suffix, replacements in (("ies", ("y",)), ("ied", ("y",)), ("es", ("", "e")), ("s", ("",)), ("ed", ("", "e")),
                                 ("d", ("",)), ("ing", ("", "e")), ("ily", ("y",)), ("ly", ("", "le"))):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            for ending in replacements:
                yield f"{stem}{ending}"


def is_difficult(word: str) -> bool:
    """Three syllables or more and not on the easy list in any simple inflection."""
    lowered = word.lower()
    easy = easy_words()
    if not easy or any(form in easy for form in base_forms(lowered)):
        return False
    return syllables(lowered) >= MIN_SYLLABLES
