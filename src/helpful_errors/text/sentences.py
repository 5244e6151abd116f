"""Sentence and clause boundaries over tokens.

Sentences end at ``. ! ? ;`` and newlines. The tokenizer already keeps "e.g.", versions,
dotted names and ``...`` inside single tokens, so a plain PUNCT "." is a real full stop.
A clause also starts after ``:``, ``(``, a dash between spaces, and (weakly) a comma:
the places where an imperative such as "use --force" can begin.
"""

from __future__ import annotations

from typing import AbstractSet, Callable, FrozenSet, List, Sequence, Tuple

from .tokens import PUNCT, WORD, Token

SENTENCE_ENDS = frozenset({".", "!", "?", ";", "\n"})
CLAUSE_ENDS = SENTENCE_ENDS | frozenset({":", "(", "-", "\u2013", "\u2014", "[", "|"})
# Punctuation that closes a clause of prose for the tone rules' windows (double negatives,
# blame): also commas and closing brackets, so two statements are never read as one.
PROSE_CLAUSE_ENDS = CLAUSE_ENDS | frozenset({",", ")", "]"})

Group = Tuple[Token, ...]


def split_where(tokens: Sequence[Token], breaks: Callable[[Token], bool]) -> Tuple[Group, ...]:
    """The non-empty runs of tokens between the tokens for which ``breaks`` is true."""
    groups: List[Group] = []
    current: List[Token] = []
    for token in tokens:
        if breaks(token):
            if current:
                groups.append(tuple(current))
            current = []
        else:
            current.append(token)
    if current:
        groups.append(tuple(current))
    return tuple(groups)


def _split_at(tokens: Sequence[Token], ends: AbstractSet[str]) -> Tuple[Group, ...]:
    return split_where(tokens, lambda t: t.kind == PUNCT and t.text in ends)


def split_sentences(tokens: Sequence[Token]) -> Tuple[Group, ...]:
    """The tokens grouped into sentences, without the closing punctuation."""
    return _split_at(tokens, SENTENCE_ENDS)


def split_clauses(tokens: Sequence[Token]) -> Tuple[Group, ...]:
    """The tokens between clause punctuation (values and code stay inside their clause)."""
    return _split_at(tokens, PROSE_CLAUSE_ENDS)


def word_runs(tokens: Sequence[Token]) -> Tuple[Group, ...]:
    """Maximal runs of adjacent WORD tokens; any other token (even a comma) breaks a run."""
    return split_where(tokens, lambda t: t.kind != WORD)


def clause_starts(tokens: Sequence[Token], commas: bool = False) -> FrozenSet[int]:
    """Indices of tokens that begin a sentence or clause (``commas`` adds starts after ``,``)."""
    ends = CLAUSE_ENDS | ({","} if commas else set())
    starts = {0}
    for index, token in enumerate(tokens):
        if token.kind == PUNCT and token.text in ends:
            starts.add(index + 1)
    return frozenset(i for i in starts if i < len(tokens))
