"""Placeholders whose names say they hold guidance: ``{choices}``, ``{suggestion}``."""

from __future__ import annotations

from functools import lru_cache
from typing import FrozenSet, List, Sequence, Tuple

from ...text import Token, lexicon
from ...text.identifiers import identifier_parts
from .base import PLACEHOLDER, Cue


@lru_cache(maxsize=1)
def _placeholder_words() -> Tuple[FrozenSet[str], FrozenSet[str], FrozenSet[str]]:
    """Guidance names, unambiguous instruction verbs and expectation adjectives (built once)."""
    verbs = lexicon("imperative_verbs") - lexicon("ambiguous_verbs")
    return lexicon("guidance_names"), verbs, lexicon("expectation_adjectives") | {"expected", "suggested"}


# Nouns that name a value's form, not its content: in ``{hint_message}`` or ``{usage_text}``
# the word before them says what the text is.
_TEXT_NOUNS = frozenset({"message", "msg", "text", "str", "string", "line", "lines"})


def _content_parts(parts: Tuple[str, ...]) -> Tuple[str, ...]:
    """The parts of a name without a trailing noun of form: ``hint_message`` -> ``("hint",)``."""
    return parts[:-1] if len(parts) > 1 and parts[-1] in _TEXT_NOUNS else parts


def placeholder_cues(tokens: Sequence[Token]) -> List[Cue]:
    """Placeholders whose names say they hold guidance: ``{choices}``, ``{suggestion}``."""
    names, verbs, adjectives = _placeholder_words()
    found = []
    for token in tokens:
        for slot in token.slots:
            parts = _content_parts(identifier_parts(slot.expr))
            joined = "_".join(parts)
            instruction = bool(parts) and parts[0] in verbs  # {create}, {install_hint}
            named = bool(parts) and (parts[-1] in names or parts[0] in adjectives)  # {hint}, {valid_units}
            if instruction or named or any(n in joined for n in names if "_" in n):
                found.append(Cue(PLACEHOLDER, slot.render(), "placeholder"))
    return found
