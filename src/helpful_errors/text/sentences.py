"""Sentence and clause boundaries over tokens.

Sentences end at ``. ! ? ;`` and newlines. The tokenizer already keeps "e.g.", versions,
dotted names and ``...`` inside single tokens, so a plain PUNCT "." is a real full stop.
A clause also starts after ``:``, ``(``, a dash between spaces, and (weakly) a comma:
the places where an imperative such as "use --force" can begin.
"""

from __future__ import annotations

from typing import FrozenSet, List, Sequence, Tuple

from .tokens import PUNCT, Token

SENTENCE_ENDS = frozenset({".", "!", "?", ";", "\n"})
CLAUSE_ENDS = SENTENCE_ENDS | frozenset({":", "(", "-", "\u2013", "\u2014", "[", "|"})


def split_sentences(tokens: Sequence[Token]) -> Tuple[Tuple[Token, ...], ...]:
    """The tokens grouped into sentences, without the closing punctuation."""
    sentences: List[Tuple[Token, ...]] = []
    current: List[Token] = []
    for token in tokens:
        if token.kind == PUNCT and token.text in SENTENCE_ENDS:
            if current:
                sentences.append(tuple(current))
            current = []
        else:
            current.append(token)
    if current:
        sentences.append(tuple(current))
    return tuple(sentences)


def clause_starts(tokens: Sequence[Token], commas: bool = False) -> FrozenSet[int]:
    """Indices of tokens that begin a sentence or clause (``commas`` adds starts after ``,``)."""
    ends = CLAUSE_ENDS | ({","} if commas else set())
    starts = {0}
    for index, token in enumerate(tokens):
        if token.kind == PUNCT and token.text in ends:
            starts.add(index + 1)
    return frozenset(i for i in starts if i < len(tokens))
