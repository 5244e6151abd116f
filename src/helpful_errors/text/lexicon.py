"""Word lists as data: one entry per line in ``lexicons/NAME.txt``, ``#`` starts a comment.

Keeping the lists out of the code lets a test check that each is sorted and free of
duplicates, and lets a reviewer see every entry (each one is a possible false positive).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import FrozenSet, List, Tuple

LEXICON_DIR = Path(__file__).parent / "lexicons"


@lru_cache(maxsize=None)
def entries(name: str) -> Tuple[str, ...]:
    """The entries of a word list, in file order, lower-cased and without comments."""
    path = LEXICON_DIR / f"{name}.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LookupError(
            f"word list {name!r} is missing ({path}: {exc.strerror or exc}); reinstall helpful-errors "
            "so that its lexicons folder is complete"
        ) from None
    found: List[str] = []
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip().lower()
        if entry:
            found.append(entry)
    return tuple(found)


@lru_cache(maxsize=None)
def lexicon(name: str) -> FrozenSet[str]:
    """A word list as a set, for membership tests of single words."""
    return frozenset(entries(name))


@lru_cache(maxsize=None)
def phrases(name: str) -> Tuple[Tuple[str, ...], ...]:
    """A list of phrases, each split into words, longest first (so longer phrases win)."""
    split = {tuple(e.split()) for e in entries(name)}
    return tuple(sorted(split, key=lambda p: (-len(p), p)))
