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
    """Every inflected form: its parts of speech and its lemma for each (first lemma wins).

    Read on every run that judges a message, so it is read plainly: the file has no quoted
    fields (``csv`` is used only if one appears), is lowered once as a whole, and the few
    distinct sets of parts of speech are shared between the forms.
    """
    text = gzip.decompress(_data_file().read_bytes()).decode("utf-8").lower()
    rows = csv.reader(text.splitlines()) if '"' in text else (line.split(",", 2) for line in text.splitlines())
    parts: Dict[str, Dict[str, str]] = {}
    for form, pos, lemmas in rows:
        by_pos = parts.get(form)
        if by_pos is None:
            parts[form] = {pos: lemmas.split("/", 1)[0]}
        elif pos not in by_pos:
            by_pos[pos] = lemmas.split("/", 1)[0]
    kinds: Dict[Tuple[str, ...], FrozenSet[str]] = {}
    table: Dict[str, Entry] = {}
    for form, by_pos in parts.items():
        key = tuple(by_pos)
        kind = kinds.get(key)
        if kind is None:
            kind = kinds[key] = frozenset(key)
        table[form] = (kind, by_pos)
    return table


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
