"""What every cue detector shares: the kinds of guidance, a cue, and the token view.

The message is read as a sequence of normalized tokens (words lower-cased, placeholders as
``<v>``, code as ``<c>``, numbers as ``<n>``, URLs as ``<u>``) so that the detectors can look
at neighbours.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Sequence, Tuple

from ...text import CODE, CODE_ID, NUMBER, PUNCT, URL, VALUE, WORD, PhraseIndex, Token

ACTION = "action"
EXPECTATION = "expectation"
CONSTRAINT = "constraint"
CONDITION = "condition"  # when it works or fails ("not supported on Windows")
CAUSE = "cause"  # a likely cause offered ("maybe another process holds it")
SUGGESTION = "suggestion"
ALTERNATIVE = "alternative"
REFERENCE = "reference"
EXAMPLE = "example"
PLACEHOLDER = "placeholder"
FRAMEWORK = "framework"
RECOVERY = "recovery"  # the system recovers by itself ("retrying in 5s"): nothing left to do

_MARK = {VALUE: "<v>", CODE: "<c>", NUMBER: "<n>", URL: "<u>", CODE_ID: "<id>"}
SPECIFIC = frozenset({"<v>", "<c>", "<n>", "<u>"})
# The specific markers and an identifier written in code style: a thing named, not prose.
NAMED = SPECIFIC | {"<id>"}
# Punctuation of the token view that ends a sentence, and also a clause.
SENTENCE_PUNCTUATION = frozenset({".", ";", "?", "!"})
CLAUSE_PUNCTUATION = SENTENCE_PUNCTUATION | frozenset({":", ","})


@dataclass(frozen=True)
class Cue:
    """One piece of guidance: its kind and the words that carry it."""

    kind: str
    text: str
    source: str = "message"  # message, note, placeholder or framework


@dataclass(frozen=True)
class Guidance:
    """All cues of one message."""

    cues: Tuple[Cue, ...]

    @property
    def guides(self) -> bool:
        return bool(self.cues)


def normalize(tokens: Sequence[Token]) -> List[str]:
    """Tokens as comparable strings: words lower-cased, other kinds as markers."""
    return [t.lower if t.kind in (WORD, PUNCT) else _MARK.get(t.kind, t.kind) for t in tokens]


def wordlike(text: str) -> bool:
    """A word, hyphenated or with an apostrophe ("on-premises", "user's") included."""
    return text.replace("-", "").replace("'", "").isalpha()


def at(seq: Sequence[str], i: int) -> str:
    return seq[i] if 0 <= i < len(seq) else ""


def find_phrases(seq: Sequence[str], name: str) -> List[str]:
    """The phrases of the word list ``name`` that occur in ``seq``, in the list's order."""
    return [" ".join(p) for p in PhraseIndex.of(name).all_in(seq)]
