"""HEM014 hard-to-read: overlong sentences, overlong messages and, for end users, hard words.

How it decides, with measures that mean something on short text (grade-level formulas do
not: one long word dominates them on a ten-word message, so none is used):

- sentence length in words (a placeholder, identifier, number or URL is one word; a period
  glued to the next sentence, "done.Then", still ends a sentence): more than
  ``max-sentence-words`` for end-user and cli messages, ten more for library messages;
- message length: more than ``max-message-words`` for end-user messages and twice that for
  others, unless the message is structured (several lines, or it ends with a link);
- vocabulary, for end-user messages only (developers and operators read identifiers and
  domain terms well): at least two difficult words making up ``max-difficult-word-share``
  of the prose words or more. A word is difficult with three syllables or more when no
  simple inflection of it is on the Dale-Chall easy list (see ``readability``); code,
  values, acronyms and capitalised names inside a sentence are not judged.

Known limits: English only; pyphen undercounts some syllables ("library" is two), which
errs towards silence; the Dale-Chall list is school vocabulary and calls "computer" hard.
"""

from __future__ import annotations

import re
from typing import List, Optional, Sequence

from ..text import PUNCT, URL, WORD, Token
from .hem011_hostile_wording import replacements
from .message import Message
from .readability import is_difficult
from ..testcode import in_test_code
from .rule import Hit, Options

CODE = "HEM014"

LIBRARY_EXTRA_SENTENCE_WORDS = 10
MIN_DIFFICULT_WORDS = 2


def sentence_limit(message: Message, options: Options) -> int:
    base = int(options.get("max-sentence-words"))
    return base + LIBRARY_EXTRA_SENTENCE_WORDS if message.audience == "library" else base


def message_limit(message: Message, options: Options) -> int:
    base = int(options.get("max-message-words"))
    return base if message.audience == "end-user" else 2 * base


# "...during deserialization.Consider using ...": a period with the space after it left out,
# which the tokenizer reads as one dotted name; a reader sees two sentences.
GLUED_SENTENCES = re.compile(r"^[a-z]{4,}\.[A-Z][a-z]+$")


def counted(tokens: Sequence[Token]) -> int:
    """Words of a sentence: every token but punctuation counts once."""
    return sum(1 for t in tokens if t.kind != PUNCT)


def sentence_lengths(sentence: Sequence[Token]) -> List[int]:
    """Word counts of a sentence, split again where a period lost the space after it."""
    lengths, count = [], 0
    for token in sentence:
        if token.kind == PUNCT:
            continue
        count += 1
        if GLUED_SENTENCES.match(token.text):
            lengths.append(count)
            count = 1
    return lengths + [count]


def structured(message: Message) -> bool:
    """Several lines, or a closing link: the reader can scan it, so total length matters less."""
    lines = [line for line in message.text.splitlines() if line.strip()]
    meaningful = [t for t in message.tokens if t.kind != PUNCT]
    return len(lines) >= 3 or bool(meaningful and meaningful[-1].kind == URL)


def difficult_words(message: Message) -> List[str]:
    found: List[str] = []
    for sentence in message.sentences:
        for at, token in enumerate(sentence):
            if token.kind != WORD or not token.text.isalpha() or token.text.isupper():
                continue
            if at > 0 and token.text[:1].isupper():
                continue  # a name in the middle of a sentence
            if is_difficult(token.text):
                found.append(token.lower)
    return found


def _plain(words: Sequence[str]) -> str:
    table = replacements("plain_words")
    pairs = [f'"{table[w]}" for "{w}"' for w in dict.fromkeys(words) if w in table]
    return ", ".join(pairs[:2]) or "everyday words"


def check(message: Message, options: Options) -> Optional[Hit]:
    if in_test_code(message.site):
        return None
    limit = sentence_limit(message, options)
    longest = max((n for s in message.sentences for n in sentence_lengths(s)), default=0)
    if longest > limit:
        return Hit.of(problem=f"a sentence of {longest} words (limit {limit})", limit=limit, fit="sentence")
    total = counted(message.tokens)
    limit = message_limit(message, options)
    if total > limit and not structured(message):
        return Hit.of(problem=f"{total} words (limit {limit})", limit=limit, fit="message")
    if message.audience != "end-user":
        return None
    hard = difficult_words(message)
    prose = sum(1 for t in message.tokens if t.kind == WORD)
    share = float(options.get("max-difficult-word-share"))
    if len(hard) >= MIN_DIFFICULT_WORDS and prose and len(hard) / prose >= share:
        shown = ", ".join(f'"{w}"' for w in dict.fromkeys(hard))
        return Hit.of(problem=f"hard words {shown}", plain=_plain(hard), fit="vocabulary")
    return None
