"""Which local variable holds the value a message talks about, for the "show the value" rules.

HEM006 and HEM007 only fire when the offending value was at hand: a parameter or local whose
name ends in the noun the message is about (``port`` or ``listen_port`` for "invalid port").
Names that are limits, defaults or lists of accepted values (``max_port``, ``valid_modes``)
and plurals (``ports``) are not the received value, and secrets are never proposed.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Dict, FrozenSet, Iterable, Sequence, Set, Tuple

from ..text import lexicon, phrases
from ..text.identifiers import identifier_parts

_SKIP_NAMES = frozenset({"self", "cls", "_"})
# Protocol methods signal "no such item/attribute" with a lookup error whose text is the key
# or nothing; callers such as getattr(), hasattr() and iteration catch it.
_PROTOCOL = frozenset({"__getattr__", "__getattribute__", "__getitem__", "__delitem__", "__missing__", "__delattr__"})
_LOOKUP_ERRORS = frozenset({"AttributeError", "KeyError", "IndexError", "LookupError"})


def protocol_lookup(function: str, callee: str) -> bool:
    """A lookup error raised by a protocol method: a signal to getattr() and friends."""
    return function in _PROTOCOL and callee.rsplit(".", 1)[-1] in _LOOKUP_ERRORS


def is_secret_name(parts: Sequence[str]) -> bool:
    """True when the name ends in a secret noun (``db_password``; not ``password_policy``)."""
    if not parts:
        return False
    if parts[-1] == "token":
        return len(parts) == 1 or parts[-2] in lexicon("secret_token_prefixes")
    if len(parts) >= 2 and parts[-1] == "pwd":
        return True
    return any(tuple(parts[-size:]) in nouns for size, nouns in _secret_nouns_by_length() if size <= len(parts))


@lru_cache(maxsize=None)
def _secret_nouns_by_length() -> Tuple[Tuple[int, FrozenSet[Tuple[str, ...]]], ...]:
    """The secret nouns grouped by word count: one set lookup per length, not one per noun
    (every word of every judged message is asked about)."""
    by_length: Dict[int, Set[Tuple[str, ...]]] = {}
    for phrase in phrases("secret_nouns"):
        by_length.setdefault(len(phrase), set()).add(phrase)
    return tuple((size, frozenset(nouns)) for size, nouns in sorted(by_length.items()))


def _noun_matches(noun: str, last: str) -> bool:
    paths = lexicon("path_nouns")
    if noun in paths:
        return last in paths
    return last == noun


def variable_for(nouns: Iterable[str], names: Sequence[str]) -> str:
    """The variable in ``names`` that holds the value of one of ``nouns`` ("" when none).

    An exact name (``port``) wins over a qualified one (``listen_port``); later bindings
    are closer to the message and win among equals.
    """
    wanted = [n for n in nouns if n in lexicon("entity_nouns") or n in lexicon("path_nouns")]
    best: Tuple[int, str] = (0, "")
    qualifiers = lexicon("value_name_qualifiers")
    for name in names:
        if name in _SKIP_NAMES:
            continue
        parts = identifier_parts(name)
        if not parts or parts[0] in qualifiers or is_secret_name(parts):
            continue
        for noun in wanted:
            if _noun_matches(noun, parts[-1]):
                score = 2 if len(parts) == 1 else 1
                if score >= best[0]:
                    best = (score, name)
    return best[1]


def sole_name(names: Sequence[str]) -> str:
    """The one parameter or local a help may name when nothing says which value is meant
    ("" when there are several: the first parameter is often not the culprit, and a help
    that names the wrong variable misleads more than one that leaves the slot open)."""
    candidates = [n for n in names if n not in _SKIP_NAMES and n != "cls" and not n.startswith("_") and not is_secret_name(identifier_parts(n))]
    return candidates[0] if len(candidates) == 1 else ""
