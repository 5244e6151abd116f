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
import importlib.util
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, Tuple

NOUN, VERB, ADJ, ADV, AUX = "noun", "verb", "adj", "adv", "aux"

Entry = Tuple[FrozenSet[str], Dict[str, str]]  # parts of speech, lemma by part of speech


def _data_file() -> Path:
    spec = importlib.util.find_spec("lemminflect")  # finds the package without running it
    if spec is None or not spec.submodule_search_locations:
        raise LookupError(
            "the English lexicon is missing: helpful-errors needs the lemminflect package; "
            "install it with `pip install lemminflect` (or reinstall helpful-errors)"
        )
    return Path(list(spec.submodule_search_locations)[0]) / "resources" / "lemma_lu.csv.gz"


@lru_cache(maxsize=1)
def _table() -> Dict[str, Entry]:
    """Every inflected form: its parts of speech and its lemma for each (first lemma wins)."""
    parts: Dict[str, Dict[str, str]] = {}
    with gzip.open(_data_file(), "rt", encoding="utf-8") as handle:
        for form, pos, lemmas in csv.reader(handle):
            parts.setdefault(form.lower(), {}).setdefault(pos, lemmas.split("/")[0].lower())
    return {form: (frozenset(by_pos), by_pos) for form, by_pos in parts.items()}


_UNKNOWN: Entry = (frozenset(), {})


def parts_of_speech(word: str) -> FrozenSet[str]:
    """The parts of speech an inflected form can have (empty for unknown words)."""
    return _table().get(word, _UNKNOWN)[0]


def lemma(word: str) -> str:
    """The dictionary form: a verb's first (``expected`` -> ``expect``), else a noun's, else the word."""
    by_pos = _table().get(word, _UNKNOWN)[1]
    for pos in (VERB, AUX, NOUN, ADJ, ADV):
        if pos in by_pos:
            return by_pos[pos]
    return word


def is_base_verb(word: str) -> bool:
    """``install``, ``use``: a verb in its base form, which an instruction opens with."""
    return word.isalpha() and _table().get(word, _UNKNOWN)[1].get(VERB) == word


__all__ = ["ADJ", "ADV", "AUX", "NOUN", "VERB", "is_base_verb", "lemma", "parts_of_speech"]
