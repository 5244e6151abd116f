"""HEM001 state-only-message: the text reports the state and gives the reader no way forward.

How it decides: the message is judged only when its whole text is visible (or the unseen
parts are values, not prose such as ``{msg}`` or ``{hint}``). It fires when ``cues`` finds no
guidance at all in the message, its ``add_note`` texts, its guidance-named placeholders
(``{choices}``) or the framework's own hint (click usage errors, ``parser.error``).
Messages that are only placeholders or empty are left to the rules about empty and
value-only messages, deliberately generic authentication messages are allowed, and a lone
word naming a parameter (``MissingParameter("name")``) is data for the class, not text.

Known limits: see ``cues``: an instruction phrased without any cue word ("the cache at
{path} can be deleted safely") is missed, and a narrative clause that opens with an
instruction verb and an object is read as guidance.
"""

from __future__ import annotations

from typing import Optional

from ..text import PUNCT, WORD
from .message import Message
from .rule import Hit, Options

CODE = "HEM001"


def _prefix_and_value(message: Message) -> bool:
    """``"prog: {exc}"``: a label and a value, no prose of its own to judge."""
    tokens = message.tokens
    colon = next((i for i, t in enumerate(tokens) if t.kind == PUNCT and t.text == ":"), -1)
    if colon < 0 or not message.values:
        return False
    return all(t.kind != WORD for t in tokens[colon + 1 :]) and len(message.words) <= 1


def check(message: Message, options: Options) -> Optional[Hit]:
    if message.hidden or message.generic_auth or not message.words or _prefix_and_value(message) or message.names_a_binding:
        return None  # no text to judge, or only a value behind a prefix (value-only rules)
    if message.guidance.guides:
        return None
    topic = message.topic
    return Hit.of(fit=topic.kind, **topic.fields())
