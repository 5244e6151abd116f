"""Rules and conditions: what may not be done or when it works ("--a cannot be used with
--b", "X is forbidden", "only valid together with Y", "not supported on Windows", "has no
effect unless cache=True").

"cannot X" reporting a failed attempt ("cannot open {path}") is state; a verb of inability is
a short word list, since no lexicon says which verbs report an attempt.

A condition must tell the reader something about when it works: "not valid for this method"
points at the case at hand, "not valid for value {x}" at one value, and "not defined in the
schema" at the place something was looked for, so none of them counts; "not supported for
streamed bodies", "invalid on Windows" and "not available on a free plan" do.
"""

from __future__ import annotations

from typing import FrozenSet, List, Sequence, Tuple

from ...text import Token, clause_starts, english, lexicon
from .base import CLAUSE_PUNCTUATION, CONDITION, CONSTRAINT, NAMED, SPECIFIC, Cue, at, find_phrases, wordlike


def _cannot_rules(seq: Sequence[str]) -> List[str]:
    """"cannot combine A with B" states a rule the input broke; "cannot open X" reports an
    inability (a failed operation), which is state. Verbs of inability are a word list."""
    found = []
    inability = lexicon("inability_verbs")
    for i, word in enumerate(seq):
        if word in ("cannot", "can't", "mustn't") or (word in ("can", "may", "must") and at(seq, i + 1) == "not"):
            j = i + (2 if at(seq, i + 1) == "not" else 1)
            while at(seq, j) in ("both", "also", "simultaneously", "be", "yet", "currently"):
                j += 1
            verb = at(seq, j)
            if verb.startswith("re") and verb[2:] in inability:
                verb = verb[2:]  # "cannot reconnect" reports the same failure as "cannot connect"
            if verb.isalpha() and verb not in inability and not (at(seq, j - 1) == "be" and verb not in lexicon("rule_verbs")):
                found.append(f"{word} {verb}")
    return found


def _predicative(tokens: Sequence[Token], seq: Sequence[str], phrase: str) -> bool:
    """"X is forbidden" states a rule; "Forbidden character found" uses it as an adjective."""
    if " " in phrase:
        return True
    starts = clause_starts(tokens)
    return any(word == phrase and i not in starts for i, word in enumerate(seq))


# The negative forms of the predicates ("unsupported", "invalid", "incompatible"): a prefix
# on a listed word, which English builds the same way for all of them.
_NEGATIVE_PREFIXES = ("un", "in", "im", "dis")
# Predicates of presence: their phrase names where something was looked for ("not defined
# in the schema", "not available in PATH") as often as when it works, so it counts as a
# condition only when it names a kind of thing ("for sparse arrays", "on a VPC").
_PRESENCE = frozenset({"available", "defined", "implemented"})
# Words that point at the case at hand ("not valid for this method"): the reader learns
# nothing about when it would work.
_DEICTIC = frozenset({"this", "that", "these", "those", "current", "here", "such"})
# Openers of a clause, not of a noun phrase ("only valid when --db is given").
_CLAUSE_OPENERS = frozenset({"when", "while", "if", "once", "until", "before", "after"})
# "for now", "for other reasons": a time or a cause after the preposition, not a condition.
_NOT_CONDITIONS = frozenset({"now", "reason", "reasons", "moment", "time"})
_KIND_OPENERS = frozenset({"a", "an", "any", "your", "non"})
# "no effect on X" names what is affected, not when.
_OBJECT_OPENERS = {"effect": frozenset({"on", "in", "for"})}


def _predicate(word: str, predicates: FrozenSet[str]) -> Tuple[str, bool]:
    """The listed predicate ``word`` is, and whether it is a negative form of it."""
    if word in predicates:
        return word, False
    for prefix in _NEGATIVE_PREFIXES:
        if word.startswith(prefix) and word[len(prefix):] in predicates:
            return word[len(prefix):], True
    return "", False


def _phrase_after(seq: Sequence[str], start: int, openers: FrozenSet[str]) -> List[int]:
    """The indices of the noun phrase that opens at ``start``: up to punctuation, the next
    opener or five words."""
    out: List[int] = []
    k = start
    while k < len(seq) and len(out) < 5 and (wordlike(seq[k]) or seq[k] in NAMED or seq[k] == "-") and (
        not out or seq[k] not in openers
    ):
        out.append(k)
        k += 1
    return out


def _lists_values(token: Token) -> bool:
    """A placeholder that joins several values (``{", ".join(platforms)}``): a set of cases."""
    return any(".join(" in slot.expr for slot in token.slots)


def _names_a_kind(tokens: Sequence[Token], seq: Sequence[str], phrase: List[int]) -> bool:
    """"for sparse arrays", "on a VPC", "on Windows", "on {', '.join(boards)}": a kind of
    thing, a named platform or a list of them, not the one place where something was looked
    for ("in the schema", "in PATH")."""
    if seq[phrase[0]] in _KIND_OPENERS:
        return True
    for k in phrase:
        text = tokens[k].text
        if english.is_plural_noun(seq[k]) or (text[:1].isupper() and not text.isupper() and k > 0) or _lists_values(tokens[k]):
            return True
    return False


def _condition_at(tokens: Sequence[Token], seq: Sequence[str], base: str, opener_at: int, openers: FrozenSet[str]) -> bool:
    """Whether the words at ``opener_at`` state when the predicate ``base`` holds."""
    opener = at(seq, opener_at)
    if opener not in openers or at(seq, opener_at - 1) in ("of", ".") or opener in _OBJECT_OPENERS.get(base, ()):
        return False
    phrase = _phrase_after(seq, opener_at + 1, openers)
    if not phrase:
        return False
    words = [seq[k] for k in phrase]
    if opener in _CLAUSE_OPENERS:
        return True  # a clause: "only valid when --db is given"
    if _NOT_CONDITIONS & set(words):
        return False
    named = words[1:] if words[0] == "the" else words  # "in the current build"
    one_value = any(seq[k] == "<v>" and not _lists_values(tokens[k]) for k in phrase[:2])
    if (named[:1] and named[0] in _DEICTIC) or (opener not in ("with", "without") and one_value):
        return False  # the case at hand, or one value: "for this method", "for value {x}"
    return base not in _PRESENCE or _names_a_kind(tokens, seq, phrase)


# "but" in "anything but X", "all but one": except, not a contrast of two clauses.
_EXCEPT_BEFORE = frozenset({"anything", "nothing", "all", "everything", "none", "last"})
# Subjects that point back at the first clause's thing ("found, but it is not readable"):
# one thing in two states is state, not a condition joining two things.
_BACK_POINTERS = frozenset({"it", "its", "this", "that", "they", "them", "he", "she", "which"})
# The verbs that end a "but" clause's subject and say what state its thing is in.
_COPULAS = frozenset({"is", "are", "was", "were", "has", "have", "had"})
_NEGATED_COPULAS = frozenset({"isn't", "aren't", "wasn't", "weren't", "hasn't", "haven't"})
_ABSENT = frozenset({"missing", "unset", "absent", "empty", "none"})
_SUBJECT_ENDS = _COPULAS | _NEGATED_COPULAS
# Words of a search's outcome: the lexicon has no class of them.
_LOOKUP_WORDS = frozenset({"matching", "matched", "such", "corresponding", "found"})


def _verb_only(word: str) -> bool:
    """A word no subject holds: "not", or one the lexicon knows only as a verb."""
    parts = english.parts_of_speech(word)
    return word == "not" or (bool(parts) and parts <= {english.VERB, english.AUX})


def _absent_other(seq: Sequence[str], start: int) -> bool:
    """Whether the clause at ``start`` says that a thing of its own is absent: "no user",
    "there is no user", "the token is not set", "USER is missing", "the table has no key"."""
    if at(seq, start) == "no" or (at(seq, start) in ("there", "there's") and "no" in seq[start + 1 : start + 3]):
        return True
    subject = []
    k = start
    while k < len(seq) and len(subject) < 5 and seq[k] not in _SUBJECT_ENDS and (
        wordlike(seq[k]) or seq[k] in NAMED
    ):
        subject.append(seq[k])
        k += 1
    if not subject or subject[0] in _BACK_POINTERS or any(_verb_only(word) for word in subject):
        return False  # no subject of its own: "but do not have", "but has no kills attribute"
    verb, after = at(seq, k), at(seq, k + 1)
    if verb in _NEGATED_COPULAS:
        return True
    return verb in _COPULAS and (after in ("not", "no", "never") or after in _ABSENT)


def _reports_a_lookup(seq: Sequence[str], start: int) -> bool:
    """"but no matching record", "but no such file was found": a search that came back empty,
    which is state, not a second thing the reader must supply."""
    for word in seq[start : start + 8]:
        if word in CLAUSE_PUNCTUATION:
            return False
        if word in _LOOKUP_WORDS:
            return True
    return False


def _contrasts(seq: Sequence[str]) -> List[str]:
    """One thing present and another absent ("proxy_host given but no proxy_port", "TOKEN is
    set but USER is missing"): the combination the reader must complete, so a condition.
    A clause with no subject of its own after "but" ("exists but is not a file") or one that
    points back ("but it is empty") reports one thing's state."""
    return [
        f"but {at(seq, i + 1)}" for i, word in enumerate(seq)
        if word == "but" and i >= 2 and at(seq, i - 1) not in _EXCEPT_BEFORE
        and _absent_other(seq, i + 1) and not _reports_a_lookup(seq, i + 1)
    ]


def _call_at(tokens: Sequence[Token], seq: Sequence[str], i: int) -> bool:
    return at(seq, i) == "<c>" and tokens[i].text.endswith("()")


def _conditions(tokens: Sequence[Token], seq: Sequence[str]) -> List[str]:
    """A predicate of support, validity or effect with the condition it holds under ("not
    supported on Windows", "only valid with --strict", "invalid on Windows"); "X is not
    supported" alone, or "not valid for this method", is state. Also one option or value
    without another ("--port without --listen"), and anything done without an option named
    as code ("{path} exists without `overwrite=True`"), and the call another must come
    before or after ("stop() called before start()")."""
    found = []
    predicates, openers = lexicon("condition_predicates"), lexicon("condition_words")
    for i, word in enumerate(seq):
        base, negative = _predicate(word, predicates)
        if base and at(seq, i - 1) not in ("a", "an", "the"):  # "not a valid value for X" is "not a valid Y"
            # a negative form binds only what follows it at once ("invalid on Windows"), since
            # it is as often a noun's adjective ("invalid character in name"); an adverb may
            # come between ("supported only on Linux")
            between = english.parts_of_speech(at(seq, i + 1))
            adverb = english.ADV in between and not between & {english.NOUN, english.VERB}
            for j in (i + 1,) if negative or not adverb else (i + 1, i + 2):
                if _condition_at(tokens, seq, base, j, openers):
                    found.append(f"{word} {seq[j]}")
                    break
        elif word == "unless":
            found.append(word)
        elif word in ("before", "after") and _call_at(tokens, seq, i + 1) and any(_call_at(tokens, seq, k) for k in range(i)):
            found.append(f"{word} {tokens[i + 1].text}")  # "stop() called before start()": the order calls must come in
        elif word == "without" and (at(seq, i + 1) == "<c>" or (at(seq, i - 1) in SPECIFIC and at(seq, i + 1) in SPECIFIC)):
            found.append(f"{at(seq, i - 1)} without {at(seq, i + 1)}")
    return found + _contrasts(seq)


def constraints(tokens: Sequence[Token], seq: Sequence[str]) -> List[Cue]:
    found = [Cue(CONSTRAINT, p) for p in find_phrases(seq, "constraint_phrases") if _predicative(tokens, seq, p)]
    found += [Cue(CONDITION, p) for p in _conditions(tokens, seq)]
    return found + [Cue(CONSTRAINT, p) for p in _cannot_rules(seq)]
