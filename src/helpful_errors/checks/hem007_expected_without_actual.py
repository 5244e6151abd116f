"""HEM007 expected-without-actual: a requirement on a value, but not the value received.

How it decides: the message states what a value must be ("port must be between 1 and
65535", "timeout should be positive", "expected a str", "mode must be one of ...") and
shows no placeholder at all. It fires when the value is at hand: a parameter or local named
like the subject of the requirement (``port``, or a quoted ``'port'`` naming it), or, for a
type requirement ("expected a dict", "must be an int"), any message inside a function.

Not judged: actions and states of the program ("must be called first", "must be set":
lexicon ``action_participles`` and other participles), negated emptiness ("must not be
empty"), a parser's expected token (``expected ')'``), secrets, text built elsewhere, and
requirements that already say what was received ("must be a Table, not a string", "...
but got a list"). When no variable names the value of a type requirement, the help leaves
the slot to the author (``{type(...).__name__}``) unless the function has one name only,
rather than name a variable that is not there or not meant.

A raise caught by a handler of its own function is control flow that no reader sees, and
is not judged; nor is one whose framework prints the rejected input itself (a pydantic
validator, a voluptuous ``Invalid``: ``extract.frameworks``).

Known limits: the subject is the few words right before the modal verb; a requirement
phrased without "must/should/has to/needs to be" or "expected" ("only positive ports are
accepted") is not read.
"""

from __future__ import annotations

import re
from typing import List, Optional, Sequence, Tuple

from ..text import CODE as CODE_TOKEN
from ..text import NUMBER, PUNCT, WORD, Token, lexicon
from ..text.identifiers import identifier_parts
from .message import Message
from .rule import Hit, Options
from .values import is_secret_name, sole_name, variable_for

CODE = "HEM007"

_MODALS = frozenset({"must", "should", "shall"})
_NEED = frozenset({"has", "have", "needs", "need"})
_EMPTY = frozenset({"empty", "none", "null", "blank", "missing", "nil"})
_ARTICLES = frozenset({"a", "an", "instance", "of", "one", "valid", "non-empty", "nonempty"})


def _identifier(token: Token) -> str:
    text = token.text.strip("'\"`").lstrip("-").rstrip("()")
    return re.sub(r"\W", "_", text)


def _requirement(words: Sequence[Token], i: int) -> Tuple[bool, bool, int]:
    """At a modal: (is a value requirement, is a type requirement, index of the modal)."""
    j = i + 1
    if words[i].lower in _NEED:
        if j >= len(words) or words[j].lower != "to":
            return False, False, i
        j += 1
    negated = j < len(words) and words[j].lower == "not"
    j += 1 if negated else 0
    if j >= len(words) or words[j].lower != "be":
        return False, False, i
    after = words[j + 1] if j + 1 < len(words) else None
    if after is None or after.kind != WORD:
        return after is not None and after.kind in (NUMBER, CODE_TOKEN), False, i
    word = after.lower
    if word in lexicon("action_participles") or (word.endswith("ed") and word not in ("signed", "unsigned")):
        return False, False, i
    if negated and word in _EMPTY:
        return False, False, i
    k = j + 1
    while k < len(words) and words[k].lower in _ARTICLES:
        k += 1
    is_type = k < len(words) and words[k].lower in lexicon("type_words") and k > j + 1
    return True, is_type, i


def _expected_type(words: Sequence[Token], i: int) -> bool:
    """"expected a str", "expected an instance of Mapping"; not "expected ')'" (a parser)."""
    previous = words[i - 1].lower if i > 0 else ""
    if previous in ("as", "than", "not", "was", "is", "were"):
        return False
    k = i + 1
    while k < len(words) and words[k].lower in _ARTICLES:
        k += 1
    return k > i + 1 and k < len(words) and words[k].lower in lexicon("type_words")


_RECEIVED = frozenset({"got", "received", "given", "instead"})


def _states_received(tokens: Sequence[Token], at: int) -> bool:
    """The requirement already says what came instead: ", not a string", "but got a list"."""
    rest = tokens[at + 1 :]
    for i, token in enumerate(rest):
        if token.kind == WORD and token.lower in _RECEIVED:
            return True
        if token.kind == PUNCT and token.text == "," and i + 1 < len(rest) and rest[i + 1].lower == "not":
            return True
    return False


def _subjects(tokens: Sequence[Token], at: int) -> List[str]:
    """Nouns and quoted names in the few tokens before position ``at`` (same clause)."""
    found: List[str] = []
    for token in reversed(tokens[max(0, at - 4) : at]):
        if token.kind == PUNCT and token.text in (".", ";", ":", "\n", ","):
            break
        if token.kind == WORD:
            found.append(token.lower)
        elif token.kind == CODE_TOKEN:
            found.append(_identifier(token))
    return found


def _variable(subjects: Sequence[str], names: Sequence[str]) -> str:
    for subject in subjects:
        if subject in names and not is_secret_name(identifier_parts(subject)):
            return subject  # "'timeout' must be positive" names the parameter itself
    if any(is_secret_name(identifier_parts(s)) for s in subjects):
        return "-"  # never ask to show a secret
    return variable_for(subjects, names)


def check(message: Message, options: Options) -> Optional[Hit]:
    if message.site.other_args and message.kind == "raise":
        return None  # ValueError("invalid port", port): the exception shows its arguments
    if message.site.value_shown:
        return None  # a pydantic validator or a voluptuous Invalid: the framework shows the input
    if message.hidden or message.generic_auth or message.kind == "default" or message.values or message.site.caught_locally:
        return None  # a raise its own function catches is control flow: no reader sees it
    tokens = [t for t in message.tokens if t.kind != PUNCT or t.text in (".", ";", ":", "\n", ",")]
    names = message.showable_names
    for i, token in enumerate(tokens):
        lower = token.lower if token.kind == WORD else ""
        if lower in _MODALS or lower in _NEED:
            value, is_type, at = _requirement(tokens, i)
        elif lower in ("expected", "expecting", "expects"):
            value = is_type = _expected_type(tokens, i)
            at = i
        else:
            continue
        if not value:
            continue
        if _states_received(tokens, at):
            return None
        variable = _variable(_subjects(tokens, at), names)
        if variable == "-":
            return None
        if variable:
            shown = f"{{type({variable}).__name__}}" if is_type else f"{{{variable}!r}}"
            return Hit.of(fit="type" if is_type else "", variable=variable, shown=shown)
        if is_type and message.site.function:
            sole = sole_name(names)
            return Hit.of(fit="type", variable=sole or "...", shown=f"{{type({sole or '...'}).__name__}}")
    return None
