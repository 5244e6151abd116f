"""Hyphenation points by Liang's patterns, from the US English dictionary that pyphen ships.

HEM014 counts the syllables of words that are not on the easy list, as textstat does when
it falls back to pyphen. pyphen's loader builds a tuple of values per pattern through a
regular expression and costs about a tenth of a second on every run that judges a
message, a fifth of a pre-commit run on two files. The patterns are plain text; they are
read here in one pass over each line and applied exactly as pyphen applies them (a test
compares both the patterns and the points with pyphen's own). A dictionary with lines
this reader does not know (pyphen's nonstandard hyphenation, ``^^`` escapes, another
encoding than UTF-8) is left to pyphen.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Protocol, Tuple

from .package_data import data_file

DICTIONARY = "hyph_en_US.dic"
# Lines that are not patterns, as pyphen skips them.
_NOT_PATTERNS = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")
# The shortest first and last part a word is cut into (pyphen's defaults).
LEFT, RIGHT = 2, 2

Pattern = Tuple[int, Tuple[int, ...]]  # offset of the first value, the values up to the last nonzero one


class Hyphenator(Protocol):
    def positions(self, word: str) -> List[int]: ...


def dictionary_path() -> Optional[Path]:
    """pyphen's US English dictionary, found without importing pyphen."""
    return data_file("pyphen", "dictionaries", DICTIONARY)


def read_patterns(text: str) -> Optional[Dict[str, Pattern]]:
    """The patterns of a dictionary's text by their letters; None if a line is beyond this reader."""
    lines = text.split("\n")
    if lines[0].strip().upper() != "UTF-8" or "/" in text or "^^" in text:
        return None
    patterns: Dict[str, Pattern] = {}
    for line in lines[1:]:  # the first line names the encoding
        line = line.strip()
        if not line or line.startswith(_NOT_PATTERNS):
            continue
        letters: List[str] = []
        values = [0]  # values[k]: the digit before letter k; the last, the digit after the last letter
        for char in line:
            if "0" <= char <= "9":
                values[-1] = int(char)
            else:
                letters.append(char)
                values.append(0)
        nonzero = [k for k, value in enumerate(values) if value]
        if nonzero:
            patterns["".join(letters)] = nonzero[0], tuple(values[nonzero[0]: nonzero[-1] + 1])
    return patterns


class Patterns:
    """Hyphenation points of words, by Liang's algorithm over ``patterns``."""

    def __init__(self, patterns: Dict[str, Pattern]):
        self.patterns = patterns
        self.longest = max(map(len, patterns), default=0)

    def positions(self, word: str) -> List[int]:
        """Where ``word`` may be cut, keeping LEFT and RIGHT letters at its ends."""
        pointed = f".{word.lower()}."
        scores = [0] * (len(pointed) + 1)
        for i in range(len(pointed) - 1):
            for j in range(i + 1, min(i + self.longest, len(pointed)) + 1):
                found = self.patterns.get(pointed[i:j])
                if found:
                    offset, values = found
                    for k, value in enumerate(values, i + offset):
                        if value > scores[k]:
                            scores[k] = value
        last = len(word) - RIGHT
        return [k - 1 for k, score in enumerate(scores) if score % 2 and LEFT <= k - 1 <= last]


@lru_cache(maxsize=1)
def hyphenator() -> Optional[Hyphenator]:
    """The US English hyphenator; None when pyphen's dictionary is missing."""
    path = dictionary_path()
    if path is None:
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    patterns = read_patterns(text)
    if patterns is not None:
        return Patterns(patterns)
    import pyphen

    return pyphen.Pyphen(filename=str(path), left=LEFT, right=RIGHT)  # type: ignore[no-any-return]
