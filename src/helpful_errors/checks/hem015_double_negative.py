"""HEM015 double-negative: two negations in one clause ("cannot start without a name").

How it decides, within one clause (no ``, ; : . ( )`` or dash in between) and on prose
words only (quotes, code and placeholders never count):

- a fixed phrase from ``double_negative_phrases`` ("no fewer than", "not unlike");
- a negation (``negation_words``) followed within three words by a second negation
  (``negation_seconds``: "not ... no", "never ... nothing"), by a negative-prefix word
  (``negative_adjectives``: "is not invalid") or by a ``non-`` word ("must not be non-empty");
- a negation followed within five words by "without" ("cannot be used without a key").

"None" with a capital and all-caps constants never match; "no longer", "not only", "no
matter" and "whether or not" are not negations of a statement; a conjunction between the
two ("not installed or not available") joins two statements; and a negative word after a
preposition ("not valid for non-square matrices") qualifies a noun, so these never match.

Known limits: a double negative split by a comma is missed; some "cannot ... without"
sentences read naturally, and the rule still reports them (rewrite as "X requires Y").
"""

from __future__ import annotations

from typing import Optional, Sequence, Tuple

from ..text import PUNCT, WORD, Token, lexicon, phrases, split_clauses, word_runs
from .message import Message
from .prose import find_phrases, quoting_hit
from .rule import Hit, Options

CODE = "HEM015"

WINDOW = 3
WITHOUT_WINDOW = 5
# A conjunction between the negations joins two statements ("not installed or not available").
CONJUNCTIONS = frozenset({"or", "and", "nor", "but", "because", "since", "until", "unless", "while", "when", "if"})
NOT_NEGATING = frozenset({("no", "longer"), ("not", "only"), ("no", "matter"), ("no", "doubt"), ("not", "just")})


def _opens(words: Sequence[Token], at: int) -> bool:
    """A negation that negates the statement (not "no longer", "whether or not")."""
    token = words[at]
    if token.lower not in lexicon("negation_words"):
        return False
    following = words[at + 1].lower if at + 1 < len(words) else ""
    if (token.lower, following) in NOT_NEGATING:
        return False
    return not (at >= 1 and words[at - 1].lower == "or" and token.lower == "not")


def _second(token: Token) -> str:
    """The kind of second negation a word is, or ""."""
    text = token.text
    lowered = token.lower
    if text.isupper():
        return ""  # a constant such as UNSPECIFIED or NONE
    if lowered in lexicon("negation_seconds") and text != "None":
        return "negation"
    if lowered in lexicon("negative_adjectives") or (lowered.startswith("non-") and len(lowered) > 4):
        return "negative"
    return ""


def _in_clause(clause: Sequence[Token]) -> Optional[Tuple[int, int, str]]:
    tokens = [t for t in clause if t.kind != PUNCT]
    for at in range(len(tokens)):
        if tokens[at].kind != WORD or not _opens(tokens, at):
            continue
        prepositions = lexicon("prepositions")
        for later in range(at + 1, min(len(tokens), at + 1 + WITHOUT_WINDOW)):
            token = tokens[later]
            if token.kind != WORD:
                continue
            if token.lower in CONJUNCTIONS:
                break
            between = {t.lower for t in tokens[at + 1 : later]}
            kind = _second(token) if later <= at + WINDOW else ""
            if kind == "negative" and between & prepositions:
                kind = ""  # "not valid for non-X ..." qualifies a noun, it does not negate twice
            if kind:
                return at, later, kind
            if token.lower == "without":
                return at, later, "without"
    return None


def find_double_negative(message: Message) -> Optional[Tuple[str, str]]:
    """The double negative as written and its kind (comparison, negative, negation, without)."""
    for run, start, phrase in find_phrases(word_runs(message.tokens), phrases("double_negative_phrases")):
        kind = "comparison" if phrase[-1] == "than" else "negative"
        return message.text[run[start].start : run[start + len(phrase) - 1].end], kind
    for clause in split_clauses(message.tokens):
        found = _in_clause(clause)
        if found is not None:
            tokens = [t for t in clause if t.kind != PUNCT]
            first, last, kind = found
            return message.text[tokens[first].start : tokens[last].end], kind
    return None


def check(message: Message, options: Options) -> Optional[Hit]:
    found = find_double_negative(message)
    return None if found is None else quoting_hit(message, "phrase", found[0], fit=found[1])
