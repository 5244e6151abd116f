"""HEM012 apology-or-humor: "Sorry", "Oops", jokes, emoticons and emoji in a message.

How it decides: apologies (lexicon ``apology_phrases``) and interjections
(``humor_phrases``) are matched as adjacent prose words, so ``oops_count`` or a quoted
"sorry" never count. Emoticons are searched in the text with every placeholder, quoted span,
identifier and URL masked, and only when whitespace stands on both sides, so ``{:d}``,
``IP:PORT``, ``%(name)s`` and ``(:`` inside code are not emoticons. Emoji are characters of
the pictograph blocks (U+1F300-U+1FAFF) and the two classic smileys; dingbats such as the
warning sign are not humour.

Known limits: humour written in plain words ("our hamsters fell asleep") is not detected;
"please" is not judged (guides disagree on it).
"""

from __future__ import annotations

import re
from typing import Optional

from ..text import CODE as CODE_TOKEN, URL, VALUE, phrases, word_runs
from .message import Message
from .prose import find_phrases, quoting_hit
from ..testcode import in_test_code
from .rule import Hit, Options

CODE = "HEM012"

EMOTICON = re.compile(r"(?<!\S)(?:[:;][-^']?[()DPp/\\|]|\^_*\^|[xX]D|<3|\u00af\\_\(\u30c4\)_/\u00af)(?!\S)")
EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2639\u263a]")
MASKED = frozenset({VALUE, CODE_TOKEN, URL})


def masked_text(message: Message) -> str:
    """The message text with placeholders, code and URLs replaced by ``x`` (no new spaces)."""
    text = list(message.text)
    for token in message.tokens:
        if token.kind in MASKED:
            text[token.start : token.end] = "x" * (token.end - token.start)
    return "".join(text)


def find_apology_or_humor(message: Message) -> Optional[str]:
    runs = word_runs(message.tokens)
    for name in ("apology_phrases", "humor_phrases"):
        for run, start, phrase in find_phrases(runs, phrases(name)):
            return message.text[run[start].start : run[start + len(phrase) - 1].end]
    masked = masked_text(message)
    found = EMOTICON.search(masked) or EMOJI.search(masked)
    return found.group() if found else None


def check(message: Message, options: Options) -> Optional[Hit]:
    found = None if in_test_code(message.site) else find_apology_or_humor(message)
    return None if found is None else quoting_hit(message, "word", found, subject_variant=True)
