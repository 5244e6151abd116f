"""Likely causes: a cause offered to the reader tells them where to look, so it guides
("could not lock {path}; maybe another process holds it?", "checksum mismatch, probably a
truncated download", "this could be because the file was moved").

A definite account of what happened ("failed because the disk is full") is left to the
fitted weights of its words: it reports the state as often as it guides.
"""

from __future__ import annotations

from typing import List, Sequence

from ...text import lexicon
from .base import CAUSE, Cue, at

_HEDGED_MODALS = frozenset({"may", "might", "could"})
_CAUSE_NOUNS = frozenset({"because", "due", "caused"})
_PREDICTING = frozenset({"will", "would", "won't", "shall"})


def causes(seq: Sequence[str]) -> List[Cue]:
    """Adverbs of likelihood ("probably"), and "may/might/could be because/due to/caused by"."""
    hedges = lexicon("cause_hedges")
    # "will likely break", "is likely to fail": a prediction of what follows, not a cause
    found = [
        Cue(CAUSE, word) for i, word in enumerate(seq)
        if word in hedges and at(seq, i - 1) not in _PREDICTING and at(seq, i + 1) != "to"
    ]
    for i, word in enumerate(seq):
        if word in _HEDGED_MODALS and at(seq, i + 1) in ("be", "have") and (
            at(seq, i + 2) in _CAUSE_NOUNS or (at(seq, i + 2) == "been" and at(seq, i + 3) == "caused")
        ):
            found.append(Cue(CAUSE, " ".join(seq[i : i + 3])))
    return found
