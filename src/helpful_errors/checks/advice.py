"""Fit the help line to the message: what kind of problem it reports, about what, with what value.

``find_topic`` classifies the message by its problem phrase (not found, invalid, unknown,
unsupported, already exists, missing, timed out, deprecated, failed), names the subject (the
words next to the phrase: "config file" in "config file not found", "port" in "invalid port")
and the value to show (the message's placeholder, or a variable in scope named like the
subject). Rules pass these as ``Hit`` fields so that the record's fitted help template reads
"Name the config file that was looked for ({path}) and say how to create or locate it".

Known limits: the subject is at most three words next to the phrase; messages with several
problems get the first phrase found in the order above.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Sequence, Tuple

from ..text import PUNCT, VALUE, WORD, Token, first_phrase, lexicon, phrases
from .context import identifier_parts

# Subjects used when the message names none; rules that need a real subject test for these.
FALLBACK_VALUE, FALLBACK_ITEM = "value", "item"
FALLBACK_SUBJECTS = frozenset({FALLBACK_VALUE, FALLBACK_ITEM})
_COPULAS = frozenset({"is", "are", "was", "were", "be", "been"})
_PATH_WORDS = frozenset({"dir", "directory", "file", "filename", "fname", "folder", "path"})

# kind -> phrase list, in the order they are tried
KINDS: Tuple[Tuple[str, str], ...] = (
    ("deprecated", ""),
    ("not-found", "not_found_phrases"),
    ("exists", "exists_phrases"),
    ("timeout", "timeout_phrases"),
    ("unsupported", "unsupported_phrases"),
    ("limit", "too_far_phrases"),
    ("missing", "missing_phrases"),
    ("unknown", "unknown_words"),
    ("invalid", "invalid_words"),
    ("failed", "failed_phrases"),
)


@dataclass(frozen=True)
class Topic:
    """What the message is about: the kind of problem, its subject and the value to show."""

    kind: str  # a key of the record's fitted help templates, or "" for the general help
    subject: str
    value: str

    def fields(self) -> Dict[str, str]:
        return {"subject": self.subject, "value": self.value}


def _match(words: Sequence[str], name: str) -> Tuple[int, int]:
    """Index and length of the first phrase from list ``name`` found in ``words``, or (-1, 0)."""
    found = first_phrase(words, phrases(name))
    return (found[0], len(found[1])) if found is not None else (-1, 0)


def _subject(tokens: Sequence[Token], word_index: Dict[int, int], at: int, width: int, kind: str) -> str:
    """Words right after the problem word ("invalid port"), else right before ("file not found")."""
    skip = lexicon("subject_skip")
    position = word_index.get(at, -1)
    if position < 0:
        return ""
    after = []
    end = word_index.get(at + width - 1, position) + 1
    for token in tokens[end : end + 4]:
        if token.kind != WORD or token.lower in lexicon("finite_words") or token.lower in lexicon("prepositions"):
            break
        if token.lower not in skip:
            after.append(token.text)
    if kind in ("invalid", "unknown") and after:
        return " ".join(after[:3]).lower()
    before: List[str] = []
    for token in reversed(tokens[max(0, position - 5) : position]):
        if token.kind == VALUE and not before:
            continue  # "config file {path} not found": the subject precedes the value
        if token.lower in _COPULAS and not before:
            continue  # "note is too large": the subject precedes the verb
        if token.kind != WORD or token.lower in lexicon("finite_words"):
            break
        if token.lower not in skip:
            before.insert(0, token.text)
    chosen = before or after
    return " ".join(chosen[-3:]).lower()


def _value(tokens: Sequence[Token], subject: str, names: Sequence[str]) -> str:
    for token in tokens:
        if token.kind == VALUE:
            return token.text
    words = set(subject.split())
    if words & _PATH_WORDS:
        words |= _PATH_WORDS
    for name in names:
        if set(identifier_parts(name)) & words:
            return f"{{{name}!r}}"
    return "{...}"


def find_topic(tokens: Sequence[Token], names_in_scope: Sequence[str]) -> Topic:
    """Classify a message's tokens and name its subject and value for the help line."""
    word_index: Dict[int, int] = {}
    words: List[str] = []
    for position, token in enumerate(tokens):
        if token.kind == WORD:
            word_index[len(words)] = position
            words.append(token.lower)
    kind, at, width = "", -1, 0
    for candidate, name in KINDS:
        if candidate == "deprecated":
            at, width = (words.index("deprecated"), 1) if "deprecated" in words else (-1, 0)
        else:
            at, width = _match(words, name)
        if at >= 0:
            kind = candidate
            break
    subject = _subject(tokens, word_index, at, width, kind) if at >= 0 else ""
    if not subject:
        subject = FALLBACK_VALUE if kind in ("invalid", "unknown") else FALLBACK_ITEM
    value = _value(tokens, subject, names_in_scope)
    return Topic(kind, subject, value)


__all__ = ["Topic", "find_topic", "KINDS", "PUNCT", "FALLBACK_SUBJECTS"]
