"""Rules and conditions: what may not be done or when it works ("--a cannot be used with
--b", "X is forbidden", "only valid together with Y", "not supported on Windows", "has no
effect unless cache=True").

"cannot X" reporting a failed attempt ("cannot open {path}") is state; a verb of inability is
a short word list, since no lexicon says which verbs report an attempt.
"""

from __future__ import annotations

from typing import List, Sequence

from ...text import Token, clause_starts, lexicon
from .base import CONDITION, CONSTRAINT, SPECIFIC, Cue, at, find_phrases


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


def _conditions(seq: Sequence[str]) -> List[str]:
    """A predicate of support, validity or effect with the condition it holds under ("not
    supported on Windows", "only valid with --strict"); "X is not supported" alone is state.
    Also one option or value without another ("--port without --listen")."""
    found = []
    predicates, openers = lexicon("condition_predicates"), lexicon("condition_words")
    for i, word in enumerate(seq):
        if word in predicates:
            for j in (i + 1, i + 2):
                opener, after = at(seq, j), at(seq, j + 1)
                if opener in openers and (after.isalpha() or after in SPECIFIC) and at(seq, j - 1) not in ("of", "."):
                    found.append(f"{word} {opener}")
                    break
        elif word == "unless":
            found.append(word)
        elif word == "without" and at(seq, i - 1) in SPECIFIC and at(seq, i + 1) in SPECIFIC:
            found.append(f"{at(seq, i - 1)} without {at(seq, i + 1)}")
    return found


def constraints(tokens: Sequence[Token], seq: Sequence[str]) -> List[Cue]:
    found = [Cue(CONSTRAINT, p) for p in find_phrases(seq, "constraint_phrases") if _predicative(tokens, seq, p)]
    found += [Cue(CONDITION, p) for p in _conditions(seq)]
    return found + [Cue(CONSTRAINT, p) for p in _cannot_rules(seq)]
