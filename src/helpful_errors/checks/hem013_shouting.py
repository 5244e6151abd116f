"""HEM013 shouting: a message in ALL CAPS, or a sentence that ends with an exclamation mark.

How it decides. Capitals: among the prose words of two letters or more (quotes, code,
placeholders, identifiers such as ``HOME_DIR`` and ``S3_BUCKET`` never count), at least three
are all upper case and they make up at least 60% of the words. Acronyms, HTTP methods,
date-format fields and log level names (lexicon ``shouting_allowed``) are not shouting, nor
are SQL keywords in a sentence that quotes SQL (``sql_keywords`` next to a statement keyword
such as SELECT), nor the items of a comma list after a colon ("one of: KEEP, DROP").
Exclamation: a ``!`` that closes a sentence (followed by a space, a closing bracket or the
end) or any ``!!``/``?!``; ``!=`` and ``!r`` are operators and conversions, not punctuation.

Known limits: a shouted message of one or two words ("FILE MISSING") is too short to tell
from an acronym pair and is not reported.
"""

from __future__ import annotations

import re
from typing import List, Optional, Sequence

from ..text import PUNCT, WORD, Token, lexicon
from .message import Message
from .prose import quoted
from ..testcode import in_test_code
from .rule import Hit, Options

CODE = "HEM013"

MIN_CAPS_WORDS = 3
MIN_CAPS_SHARE = 0.6
CLOSERS = frozenset(")]}\"'\u201d\u2019")
SENTENCE_STOPS = frozenset({".", "!", "?", "\n"})


def _in_colon_list(sentence: Sequence[Token], at: int) -> bool:
    """An item of a comma list after a colon: ``one of: KEEP, DROP``."""
    after_colon = any(t.kind == PUNCT and t.text == ":" for t in sentence[:at])
    near = sentence[max(0, at - 1) : at + 2]
    return after_colon and any(t.kind == PUNCT and t.text == "," for t in near)


def shouted_words(message: Message) -> List[Token]:
    """All-caps prose words that are neither acronyms nor quoted SQL."""
    allowed, sql, statements = lexicon("shouting_allowed"), lexicon("sql_keywords"), lexicon("sql_statement_keywords")
    found: List[Token] = []
    for sentence in message.sentences:
        quotes_sql = any(t.kind == WORD and t.text.isupper() and t.lower in statements for t in sentence)
        for at, token in enumerate(sentence):
            if token.kind != WORD or len(token.text) < 2 or not token.text.isupper():
                continue
            if token.lower in allowed or (quotes_sql and token.lower in sql) or _in_colon_list(sentence, at):
                continue
            found.append(token)
    return found


def caps_rewrite(message: Message, shouted: Sequence[Token]) -> Optional[str]:
    """The text in sentence case, or None when it does not shout."""
    words = [t for t in message.tokens if t.kind == WORD and len(t.text) >= 2]
    if len(shouted) < MIN_CAPS_WORDS or len(shouted) < MIN_CAPS_SHARE * len(words):
        return None
    text = list(message.text)
    for token in shouted:
        text[token.start : token.end] = token.text.lower()
    opens = True  # each sentence starts with a capital again (not a clause after ";")
    for token in message.tokens:
        if token.kind == PUNCT and token.text in SENTENCE_STOPS:
            opens = True
        elif token.kind == WORD:
            if opens and token in shouted:
                text[token.start] = text[token.start].upper()
            opens = False
    return "".join(text)


def exclamation(message: Message) -> Optional[Token]:
    """The first ``!`` that ends a sentence, or ``!!``/``?!``."""
    text = message.text
    for index, token in enumerate(message.tokens):
        if token.kind != PUNCT or token.text != "!":
            continue
        before = message.tokens[index - 1] if index else None
        after = text[token.end : token.end + 1]
        doubled = before is not None and before.kind == PUNCT and before.text in ("!", "?") and before.end == token.start
        closes = (after == "" or after.isspace() or after in CLOSERS) and before is not None and before.end == token.start
        if doubled or closes:
            return token
    return None


# A run of "!" (after "?" or not) that closes a sentence; "?!" keeps its question mark.
CALMED = re.compile(r"(?<=[^\s!?])(\?)?!+(?=[\s)\]}\"'\u201d\u2019]|$)")
SHOWN_CHARS = 60


def calmed_sentence(message: Message, bang: Token) -> str:
    """The sentence that ends at ``bang``, rewritten with a full stop: what the help proposes."""
    text = message.text
    stops = [t.end for t in message.tokens if t.kind == PUNCT and t.text in SENTENCE_STOPS and t.end < bang.start]
    start = stops[-1] if stops else 0
    sentence = CALMED.sub(lambda m: "?" if m.group(1) else ".", text[start : bang.end]).strip()
    if len(sentence) <= SHOWN_CHARS:
        return quoted(sentence)
    cut = sentence.find(" ", len(sentence) - SHOWN_CHARS + 3)
    return quoted(f"...{sentence[cut:]}" if cut > 0 else sentence)


def check(message: Message, options: Options) -> Optional[Hit]:
    if in_test_code(message.site):
        return None
    rewrite = caps_rewrite(message, shouted_words(message))
    if rewrite is not None:
        return Hit.of(what="all capitals", rewrite=quoted(rewrite), fit="caps")
    bang = exclamation(message)
    if bang is None:
        return None
    return Hit.of(what="an exclamation mark", rewrite=calmed_sentence(message, bang), fit="exclamation")
