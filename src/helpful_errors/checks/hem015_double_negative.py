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

The help rewrites a "without" sentence as a requirement: "cannot X without Y" becomes "Y
is required to X", and "S is not X without Y" becomes "Y is required for S".

Known limits: a double negative split by a comma is missed; some "cannot ... without"
sentences read naturally, and the rule still reports them (rewrite as "X requires Y").
"""

from __future__ import annotations

from typing import Optional, Sequence, Tuple

from ..text import PUNCT, WORD, Token, lexicon, phrases, split_clauses, word_runs
from .message import Message
from .prose import find_phrases, quoted
from ..testcode import in_test_code
from .rule import Hit, Options

CODE = "HEM015"

WINDOW = 3
WITHOUT_WINDOW = 5
# A conjunction between the negations joins two statements ("not installed or not available").
CONJUNCTIONS = frozenset({"or", "and", "nor", "but", "because", "since", "until", "unless", "while", "when", "if"})
NOT_NEGATING = frozenset({("no", "longer"), ("not", "only"), ("no", "matter"), ("no", "doubt"), ("not", "just")})
# Words that may stand between a negation and a negative word it negates ("is not invalid",
# "must not be non-empty"); any other word, such as a verb, makes the negative word qualify
# a noun of its own ("does not support non-string names" reads plainly).
LINKING = frozenset({"a", "an", "the", "be", "been", "being", "is", "are", "was", "were", "am", "very", "so", "too",
                     "entirely", "completely", "necessarily", "always", "ever", "all", "at"})
MODAL_NEGATIONS = frozenset({"cannot", "can't", "won't", "mustn't", "shouldn't", "couldn't", "wouldn't", "mayn't"})
MODALS = frozenset({"can", "must", "should", "may", "might", "could", "would", "will", "shall"})


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
            if kind == "negative" and (between & prepositions or not between <= LINKING):
                kind = ""  # "not valid for non-X ...", "does not support non-X": it qualifies a noun
            if kind:
                return at, later, kind
            if token.lower == "without":
                return at, later, "without"
    return None


def _words_of(message: Message, tokens: Sequence[Token]) -> str:
    return message.text[tokens[0].start : tokens[-1].end] if tokens else ""


def _to_sentence_end(message: Message, start: int) -> str:
    """The text from ``start`` to the end of its sentence: "without a, b and c" keeps every item."""
    text = message.text
    stop = next((m for m in range(start, len(text)) if text[m] in ".;:(\n" and (m + 1 == len(text) or text[m + 1].isspace())), len(text))
    return text[start:stop].strip()


def _lowered(text: str) -> str:
    """A sentence's first word in lower case for use inside a sentence ("Maintenance notifications")."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def requirement_rewrite(message: Message, clause: Sequence[Token], first: int, last: int) -> str:
    """ "cannot X without Y" as "Y is required to X"; "S is not X without Y" as "Y is required for S"; or "". """
    tokens = [t for t in clause if t.kind != PUNCT]
    negation = tokens[first]
    before, action, needed = tokens[:first], tokens[first + 1 : last], tokens[last + 1 :]
    while needed and needed[0].lower == "also":
        needed = needed[1:]
    if not needed or not action:
        return ""
    modal = negation.lower in MODAL_NEGATIONS or bool(before and before[-1].lower in MODALS)
    if before and before[-1].lower in MODALS:
        before = before[:-1]
    required = _lowered(_to_sentence_end(message, needed[0].start))
    if modal and action[0].lower not in ("be", "been"):
        return f'"{required} is required to {_words_of(message, action)}"'
    while before and before[-1].lower in LINKING | {"does", "do", "did", "has", "have", "had"}:
        before = before[:-1]
    if before:
        return f'"{required} is required for {_lowered(_words_of(message, before))}"'
    return ""


def find_double_negative(message: Message) -> Optional[Tuple[str, str, str]]:
    """The double negative as written, its kind (comparison, negative, negation, without) and a rewrite or ""."""
    for run, start, phrase in find_phrases(word_runs(message.tokens), phrases("double_negative_phrases")):
        kind = "comparison" if phrase[-1] == "than" else "negative"
        return message.text[run[start].start : run[start + len(phrase) - 1].end], kind, ""
    for clause in split_clauses(message.tokens):
        found = _in_clause(clause)
        if found is not None:
            tokens = [t for t in clause if t.kind != PUNCT]
            first, last, kind = found
            rewrite = requirement_rewrite(message, clause, first, last) if kind == "without" else ""
            return message.text[tokens[first].start : tokens[last].end], kind, rewrite
    return None


def check(message: Message, options: Options) -> Optional[Hit]:
    found = None if in_test_code(message.site) else find_double_negative(message)
    if found is None:
        return None
    phrase, kind, rewrite = found
    if kind == "without" and not rewrite:
        kind = "without-plain"
    return Hit.of(fit=kind, phrase=quoted(phrase), rewrite=rewrite)
