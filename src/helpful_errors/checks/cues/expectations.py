"""Expectations: the requirement, valid values, limit or example a correct input meets
("must be positive", "expected a str", "one of a, b", "between 1 and 10", "e.g. ...").

"expected" counts but not "as expected"; "must" counts unless it speaks of something that
should never happen.
"""

from __future__ import annotations

from typing import List, Sequence, Tuple

from ...text import PhraseIndex, english, lexicon
from .base import EXAMPLE, EXPECTATION, NAMED, SENTENCE_PUNCTUATION, SPECIFIC, Cue, at, find_phrases

_MODALS = ("must", "should", "shall", "ought")
_NEED = ("need", "needs", "has", "have")
_INVARIANT_NEAR = frozenset({"happen", "happens", "occur", "occurs", "reached", "reach", "here"})
# "==" names the key of a lookup ("no option with dest == {d}"), not a bound.
_COMPARISONS = frozenset({"<", ">", "<=", ">=", "!="})
# "read only", "write only": a compound adjective (read-only), not a restriction stated.
_ONLY_COMPOUNDS = ("read", "write", "append")


def _states_a_bound(left: str, right: str) -> bool:
    """"version < 1.41", "`n` >= 1", "{size} < 0" state a bound; "{age} > {max_age}" compares
    two inserted values, which reports what was observed, and "=<" is no comparison at all
    (nor are the brackets of "set <{name}>", which the caller tells apart)."""
    if right == "<n>":
        return left not in ("", "=")
    return bool(left) and left != "<v>" and (left.isalnum() or left in NAMED)


def _expectations(seq: Sequence[str]) -> List[Tuple[str, str]]:
    """Requirements, valid values, limits, examples and rules stated in the text."""
    found: List[Tuple[str, str]] = []
    adjectives, limits = lexicon("expectation_adjectives"), PhraseIndex.of("limit_words")
    for i, word in enumerate(seq):
        prev, nxt = at(seq, i - 1), at(seq, i + 1)
        window = seq[i + 1 : i + 5]
        if word in ("expected", "expects", "expecting", "expect") and prev not in ("as", "than", "not", "was", "is", "were"):
            if nxt not in ("behaviour", "behavior", "error", "errors", "exception"):
                found.append((EXPECTATION, word))
        elif word in ("expected",) and prev in ("was", "is", "were") and at(seq, i - 2) not in ("not",):
            found.append((EXPECTATION, f"{prev} {word}"))
        elif word in _MODALS:
            if not (_INVARIANT_NEAR & set(window)) and not (nxt == "have" and at(seq, i + 2) == "been"):
                found.append((EXPECTATION, word))
        elif word in _NEED and nxt == "to" and prev != "no":
            found.append((EXPECTATION, f"{word} to"))
        elif word in ("needs", "need") and prev not in ("no", "the", "a") and nxt not in ("not",):
            found.append((EXPECTATION, word))
        elif word in ("required", "requires", "require", "requirement", "requirements", "mandatory", "needed") and prev not in ("no", "not"):
            # the noun states a requirement only when it leads to one ("requirements: ...", "the
            # requirement for X is"); "requirement {req}", "requirement file" and "invalid
            # requirement: {req}" name a thing
            if not word.startswith("requirement") or (nxt in (":", "is", "are", "for", "of") and prev in ("", ".", ";", "the", "a", "its")):
                found.append((EXPECTATION, word))
        elif word == "only" and prev not in ("not", "if") + _ONLY_COMPOUNDS:
            found.append((EXPECTATION, word))
        elif word in ("one", "any", "none") and nxt == "of" and (at(seq, i + 2) in SPECIFIC or at(seq, i + 2) in (":", "[", "(", "{", "the") or at(seq, i + 2).startswith(("'", '"'))):
            found.append((EXPECTATION, f"{word} of"))
        elif word == "either" and "or" in seq[i + 1 : i + 8] and set(seq[i + 1 : i + 10]) & {"<c>", "<v>"}:
            found.append((EXPECTATION, "either ... or"))
        elif word in adjectives and _lists_values(seq, i):
            found.append((EXPECTATION, word))
        elif word == "between" and _is_range(seq, i):
            found.append((EXPECTATION, "between"))
        elif word == "range" and set(seq[i + 1 : i + 3]) & (SPECIFIC | {"[", "("}):
            found.append((EXPECTATION, "range"))
        elif word == "[" and prev in ("in", "within", "inside", "outside") and _interval_at(seq, i):
            found.append((EXPECTATION, "in [a, b]"))
        elif word in ("takes", "accepts") and (nxt in ("<n>", "exactly", "at", "no", "only", "one", "two", "three") or nxt.isdigit()):
            found.append((EXPECTATION, word))
        elif word == "not" and _not_expected(seq, i):
            found.append((EXPECTATION, "is not <expected>"))
        elif word in ("match", "matches", "matching") and at(seq, i - 1) in ("not", "doesn't", "don't") and _pattern_follows(seq, i):
            found.append((EXPECTATION, "does not match <pattern>"))
        elif word in ("introduced", "added", "available") and nxt in ("in", "since") and set(seq[i + 2 : i + 5]) & {"<n>", "<c>", "version", "api", "python"}:
            found.append((EXPECTATION, f"{word} {nxt}"))
        elif word in _COMPARISONS and nxt and _states_a_bound(prev, nxt) and not (word == "<" and ">" in seq[i + 2 : i + 6]):
            found.append((EXPECTATION, word))
        for limit in limits.starting_with(word):
            if tuple(seq[i : i + len(limit)]) == limit and (
                _value_follows(seq[i + len(limit) : i + len(limit) + 3]) or _limit_stated(seq, i + len(limit))
            ):
                found.append((EXPECTATION, " ".join(limit)))
                break
    return found


def _interval_at(seq: Sequence[str], i: int) -> bool:
    """"outside [0, 32]", "in [1, 65535)": an interval of two numbers, closed or half-open."""
    return seq[i + 1 : i + 4] == ["<n>", ",", "<n>"] and at(seq, i + 4) in ("]", ")")


def _value_follows(window: Sequence[str]) -> bool:
    """"maximum size 64", "limit: {max}": the limit's value, before the sentence ends (in
    "exceeded maximum size. {n} bytes read" the value is the input's)."""
    for word in window:
        if word in ("<n>", "<v>"):
            return True
        if word in SENTENCE_PUNCTUATION:
            return False
    return False


def _limit_stated(seq: Sequence[str], start: int) -> bool:
    """"the maximum length for a name is 64": the limit's value follows its noun phrase and a
    copula, in the same clause."""
    for j in range(start, min(len(seq) - 1, start + 8)):
        if seq[j] in (".", ";", ":", ",", "(", "?", "!"):
            return False
        if seq[j] in ("is", "are", "was") and seq[j + 1] in ("<n>", "<v>"):
            return True
    return False


def _is_range(seq: Sequence[str], i: int) -> bool:
    """"between 1 and 10", "must be between {lo} and {hi}"; not "a cycle between {a} and {b}"."""
    if "and" not in seq[i + 2 : i + 6] or not set(seq[i + 1 : i + 3]) & SPECIFIC:
        return False
    numbers = seq[i + 1] == "<n>" and "<n>" in seq[i + 3 : i + 6]
    return numbers or at(seq, i - 1) in ("be", "is", "are", "lie", "lies", "range", "within", "value", "values")


def _pattern_follows(seq: Sequence[str], i: int) -> bool:
    """"does not match format {fmt}" shows the pattern a correct value follows."""
    j = i + 1
    while at(seq, j) in ("the", "format", "pattern", "regex", "expected", "required", "schema"):
        j += 1
    return j > i + 1 and at(seq, j) in ("<v>", "<c>")


def _not_expected(seq: Sequence[str], i: int) -> bool:
    """"is not of type Column", "is not {expected}": the text shows what was expected."""
    if at(seq, i + 1) == "of" and at(seq, i + 2) in ("type", "class", "kind", "form", "format"):
        return True
    j = i + 1
    while at(seq, j) in ("of", "type", "a", "an", "equal", "to", "in", "one", "instance", "subclass"):
        j += 1
    return j > i and at(seq, j) in ("<c>", "<v>") and at(seq, i - 1) in ("is", "are", "was", "were")


def _lists_values(seq: Sequence[str], i: int) -> bool:
    """``supported formats are ...``, ``valid values: ...``, ``allowed {choices}``, and with
    a qualifier between: ``valid characters for a tag are ...``."""
    before = at(seq, i - 1)
    if before in ("not", "no", "isn't", "aren't", "wasn't", "a", "an", "invalid") or (at(seq, i - 2) == "not" and before in ("a", "an")):
        return False
    for j in range(i + 1, min(i + 4, len(seq))):
        word = seq[j]
        if word in ("are", "is", "include", "includes", ":", "=", "<v>", "<c>", "[", "("):
            return True
        if not word.isalpha():
            return False
    return _qualified_list(seq, i + 4)


def _qualified_list(seq: Sequence[str], start: int) -> bool:
    """The copula or colon of ``valid characters for a tag are ...`` further on, in the same
    clause and followed by the values, not by a report ("valid settings for {x} are missing",
    "valid keys for the account are found")."""
    for j in range(start, min(start + 6, len(seq))):
        word = seq[j]
        if word in ("are", ":"):
            then = at(seq, j + 1)
            inflected_verb = english.parts_of_speech(then) == {english.VERB} and not english.is_base_verb(then)
            return then not in ("", "not", "missing", "empty", "invalid", "none", "required") and not inflected_verb
        if not (word.isalpha() or word in ("<v>", "<c>")):
            return False
    return False


def expectations(seq: Sequence[str]) -> List[Cue]:
    found = [Cue(EXAMPLE, p) for p in find_phrases(seq, "example_phrases")]
    return found + [Cue(kind, p) for kind, p in _expectations(seq)]
