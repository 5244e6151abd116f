"""Pointers and suggestions: where the fix is described ("see URL", "see the docs") and
questions that suggest ("did you mean 'colour'?").
"""

from __future__ import annotations

from typing import List, Sequence

from ...text import Token, find_phrase
from .base import CLAUSE_PUNCTUATION, NAMED, REFERENCE, SENTENCE_PUNCTUATION, SUGGESTION, Cue, at, find_phrases

# What ends the clause before a question: sentence ends, a colon, an opening bracket, a dash.
_CLAUSE_BREAKS = SENTENCE_PUNCTUATION | {"\n", ":", "(", "-", "\u2013", "\u2014"}
_QUESTION_OPENERS = frozenset({"did", "do", "does", "is", "are", "have", "has", "was", "were", "could", "can", "should", "would"})


def _question_start(seq: Sequence[str], end: int) -> int:
    """Where the question that ``end`` (its ``?``) closes begins: after the clause before it."""
    start = end - 1
    while start > 0 and seq[start - 1] not in _CLAUSE_BREAKS:
        start -= 1
    return start


def _suggests(seq: Sequence[str], end: int) -> bool:
    """The question that ``end`` closes suggests something: it asks with an auxiliary ("did
    you mean ...?", "is the server running?"), or it follows the report of the problem as a
    guess at its cause ("...; wrong working directory?", "(missing a plug-in?)"). A question
    that is the whole report ("read past the end?") guesses at nothing."""
    start = _question_start(seq, end)
    if at(seq, start) in _QUESTION_OPENERS:
        return True
    last = at(seq, end - 1)  # a word or a value, not an operator ("WHERE id = ?" is SQL)
    return 0 < start < end and (last[:1].isalpha() or last in NAMED)


# Reference phrases that are nouns: they point only where no failed attempt acts on them
# ("could not copy the man page" reports on the man page, it does not send the reader there).
_DOCUMENT_NOUNS = frozenset({"docs", "documentation", "man page", "the manual"})
_ATTEMPT_WORDS = frozenset({"unable", "cannot", "can't", "couldn't", "failed", "failure", "error"})


def _after_an_attempt(seq: Sequence[str], i: int) -> bool:
    """A failed attempt opens the clause that runs up to ``i``."""
    j = i - 1
    while j >= 0 and seq[j] not in CLAUSE_PUNCTUATION:
        if seq[j] in _ATTEMPT_WORDS or (seq[j] == "not" and at(seq, j - 1) == "could"):
            return True
        j -= 1
    return False


def _acted_on(seq: Sequence[str], phrase: str) -> bool:
    """The document noun ``phrase`` is the object of a failed attempt in its clause."""
    words = tuple(phrase.split())
    i = find_phrase(seq, words)
    while i >= 0:
        if _after_an_attempt(seq, i):
            return True
        i = find_phrase(seq, words, i + 1)
    return False


def pointers(tokens: Sequence[Token], seq: Sequence[str]) -> List[Cue]:
    """URLs, "see ...", the phrases of ``reference_phrases`` and questions that suggest."""
    found = [
        Cue(REFERENCE, p) for p in find_phrases(seq, "reference_phrases")
        if not (p in _DOCUMENT_NOUNS and _acted_on(seq, p))
    ]
    found += [Cue(SUGGESTION, p) for p in find_phrases(seq, "suggestion_phrases")]
    for i, word in enumerate(seq):
        prev, nxt = at(seq, i - 1), at(seq, i + 1)
        if word == "<u>":
            found.append(Cue(REFERENCE, tokens[i].text))
        elif word == "see" and nxt not in ("above", "below", "", ".") and prev not in ("can", "could", "you", "we", "i", "to", "will", "not", "didn't", "don't", "cannot"):
            found.append(Cue(REFERENCE, f"see {nxt}"))
        elif word == "?" and _suggests(seq, i):
            found.append(Cue(SUGGESTION, "question"))
    return found
