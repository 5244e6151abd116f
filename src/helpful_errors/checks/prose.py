"""Views of a message's prose shared by the tone and readability rules (HEM010-HEM017).

Tone and readability judge only the words the author wrote as prose: a word inside a quoted
span, a placeholder, an identifier or a URL is never read as prose. Phrase matching works on
*runs* of adjacent WORD tokens, so "you `x` failed to" never reads as "you failed to", and
clause matching works on the tokens between clause punctuation.
"""

from __future__ import annotations

from typing import Iterator, List, Sequence, Tuple

from ..text import PUNCT, WORD, Token

# Punctuation that closes a clause for the double-negative and blame windows.
CLAUSE_PUNCT = frozenset({".", "!", "?", ";", ":", ",", "(", ")", "\n", "-", "\u2013", "\u2014", "[", "]", "|"})

Phrase = Tuple[str, ...]


def word_runs(tokens: Sequence[Token]) -> List[Tuple[Token, ...]]:
    """Maximal runs of adjacent WORD tokens; any other token (even a comma) breaks a run."""
    runs: List[Tuple[Token, ...]] = []
    current: List[Token] = []
    for token in tokens:
        if token.kind == WORD:
            current.append(token)
            continue
        if current:
            runs.append(tuple(current))
        current = []
    if current:
        runs.append(tuple(current))
    return runs


def clauses(tokens: Sequence[Token]) -> List[Tuple[Token, ...]]:
    """The tokens between clause punctuation (values and code stay inside their clause)."""
    found: List[Tuple[Token, ...]] = []
    current: List[Token] = []
    for token in tokens:
        if token.kind == PUNCT and token.text in CLAUSE_PUNCT:
            if current:
                found.append(tuple(current))
            current = []
        else:
            current.append(token)
    if current:
        found.append(tuple(current))
    return found


def find_phrases(runs: Sequence[Sequence[Token]], wanted: Sequence[Phrase]) -> Iterator[Tuple[Sequence[Token], int, Phrase]]:
    """Each ``(run, start, phrase)`` where a phrase occurs as adjacent words of one run."""
    for run in runs:
        lowered = [t.lower for t in run]
        for start in range(len(lowered)):
            for phrase in wanted:
                if tuple(lowered[start : start + len(phrase)]) == phrase:
                    yield run, start, phrase
                    break


def quoted(text: str) -> str:
    """A phrase as our finding text shows it: in double quotes, at most 60 characters."""
    short = text if len(text) <= 60 else f"{text[:57]}..."
    return f'"{short}"'


def span_text(message_text: str, first: Token, last: Token) -> str:
    """The message text from one token to another, as written."""
    return message_text[first.start : last.end] or first.text
