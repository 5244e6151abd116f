"""English parts of speech and lemmas, from the lexicon that ``lemminflect`` ships.

Which words can be verbs, which are base forms and what ``expected`` or ``files`` come from
is knowledge of English, not of error messages: it comes from a maintained lexicon instead
of hand-kept verb and noun lists. Only lemminflect's data file is read (with the standard
library, on first use); its Python modules are never imported, so the numerical libraries
they pull in cost nothing at run time.
"""

from __future__ import annotations

import csv
import gzip
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Tuple

from .package_data import data_file

NOUN, VERB, ADJ, ADV, AUX = "noun", "verb", "adj", "adv", "aux"

Entry = Tuple[FrozenSet[str], Dict[str, str]]  # parts of speech, lemma by part of speech


def _data_file() -> Path:
    path = data_file("lemminflect", "resources", "lemma_lu.csv.gz")
    if path is None:
        raise LookupError(
            "the English lexicon is missing: helpful-errors needs the lemminflect package; "
            "install it with `pip install lemminflect` (or reinstall helpful-errors)"
        )
    return path


_UNKNOWN: Entry = (frozenset(), {})


class _Lexicon:
    """The lexicon's rows ordered by form, so that a word's rows are found by bisection.

    Read on every run that judges a message, so reading it must be cheap: building a dict
    of all 70,000 forms cost a fifth of a second, about a quarter of a small run's start;
    a stable sort of the rows by form costs a third of that, and each word is looked up
    once (``_entry`` remembers it). The file has no quoted fields (``csv`` reads the rows
    if one appears).
    """

    def __init__(self, text: str):
        self.quoted = '"' in text
        lines = text.splitlines()
        forms = [line.partition(",")[0] for line in lines]
        order = sorted(range(len(forms)), key=forms.__getitem__)  # stable: a form's rows keep the file's order
        self.forms = [forms[i] for i in order]
        self.lines = [lines[i] for i in order]

    def rows_of(self, form: str) -> List[List[str]]:
        """The rows of ``form``: form, part of speech, lemmas."""
        i = bisect_left(self.forms, form)
        j = i
        while j < len(self.forms) and self.forms[j] == form:
            j += 1
        chosen = self.lines[i:j]
        return list(csv.reader(chosen)) if self.quoted else [line.split(",", 2) for line in chosen]


@lru_cache(maxsize=1)
def _table() -> _Lexicon:
    return _Lexicon(gzip.decompress(_data_file().read_bytes()).decode("utf-8").lower())


@lru_cache(maxsize=1 << 16)
def _entry(word: str) -> Entry:
    """A form's parts of speech and its lemma for each (the first lemma of the first row wins)."""
    by_pos: Dict[str, str] = {}
    for _form, pos, lemmas in _table().rows_of(word):
        if pos not in by_pos:
            by_pos[pos] = lemmas.split("/", 1)[0]
    return (frozenset(by_pos), by_pos) if by_pos else _UNKNOWN


def parts_of_speech(word: str) -> FrozenSet[str]:
    """The parts of speech an inflected form can have (empty for unknown words)."""
    return _entry(word)[0]


def lemma(word: str) -> str:
    """The dictionary form: a verb's first (``expected`` -> ``expect``), else a noun's, else the word."""
    by_pos = _entry(word)[1]
    for pos in (VERB, AUX, NOUN, ADJ, ADV):
        if pos in by_pos:
            return by_pos[pos]
    return word


def is_plural_noun(word: str) -> bool:
    """``files``, ``children``: a noun form whose noun lemma is another word."""
    noun = _entry(word)[1].get(NOUN)
    return noun is not None and noun != word


def is_base_verb(word: str) -> bool:
    """``install``, ``use``: a verb in its base form, which an instruction opens with."""
    return word.isalpha() and _entry(word)[1].get(VERB) == word


__all__ = ["ADJ", "ADV", "AUX", "NOUN", "VERB", "is_base_verb", "is_plural_noun", "lemma", "parts_of_speech"]
