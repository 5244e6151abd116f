"""HEM017 inconsistent-style: a few messages of a package break its capitalisation or final period.

How it decides. Two features per message: the initial case (only when the text starts with
a plain word: one that also appears in lower case inside the package's messages, or is on
the Dale-Chall list; names, acronyms, code, placeholders and names of variables in scope
are skipped) and the final
punctuation (a period, or a word with nothing after it; texts ending in a placeholder,
code, a quote, a bracket, a question or several lines without a final period are skipped). Messages are grouped by
package folder and sink family (exceptions, logs, warnings, command line), because log
fragments and CLI sentences legitimately differ. A feature is inconsistent when a group has
at least ``inconsistent-style-min-messages`` judged messages, one style holds at least
``inconsistent-style-dominant-share`` of them and some do not follow it. A group with no
dominant style is not reported: there is no convention to point to.

The comparison spans files, so the findings come from the package pass
(``checks.package.judge_package``), which the command line runs after all files are
analysed; ``check_file`` here reports nothing. The flake8 plugin sees one file at a time
and does not report this rule, which is why it is a preview rule, run only when selected
by its full code.

Known limits: vendored folders (``_vendor``, ``vendor``, ``_vendored``) are skipped; a
package whose messages are meant for composition ("{context}: {inner}") may mix styles on
purpose.
"""

from __future__ import annotations

from typing import FrozenSet, Iterable, Optional, Sequence, Tuple

from ..text import PUNCT, WORD
from .message import Message
from .readability import easy_words
from .rule import Hit, Options

CODE = "HEM017"

FAMILIES = {"log": "log", "warn": "warning", "cli": "command-line", "exit": "command-line"}
CASE_STYLES = {"capital": "start with a capital letter", "lower": "start with a lowercase letter"}
END_STYLES = {"period": "end with a period", "none": "end without a period"}


def family(message: Message) -> str:
    """The sink family a message belongs to: exception, log, warning or command-line."""
    return FAMILIES.get(message.kind, "exception")


def first_word(message: Message) -> Optional[str]:
    """The message's first token when it is a word that could be written in either case."""
    if not message.tokens or message.tokens[0].kind != WORD:
        return None
    text = message.tokens[0].text
    if len(text) < 2 or not text.isalpha() or text.isupper() or (text[1:] != text[1:].lower()):
        return None
    if text in message.site.names_in_scope:
        return None  # a parameter or local named at the start: an identifier, not a word
    return text


def lower_words(messages: Iterable[Message]) -> FrozenSet[str]:
    """Words written in lower case after the start of a message: plain words, not names."""
    return frozenset(t.text for m in messages for t in m.tokens[1:] if t.kind == WORD and t.text.islower())


def case_style(message: Message, plain: FrozenSet[str]) -> Optional[str]:
    word = first_word(message)
    if word is None or (word.lower() not in plain and word.lower() not in easy_words()):
        return None
    return "capital" if word[0].isupper() else "lower"


def end_style(message: Message) -> Optional[str]:
    if not message.tokens or "\n" in message.text.strip():
        return None
    last = message.tokens[-1]
    if last.kind == PUNCT and last.text == "." and len(message.tokens) > 1:
        return "period"
    if last.kind == WORD and message.text.rstrip() == message.text:
        return "none"
    return None


def dominant(styles: Sequence[str], minimum: int, share: float) -> Optional[Tuple[str, int]]:
    """The style most messages follow and how many follow it, when it is a clear convention."""
    if len(styles) < minimum:
        return None
    best = max(set(styles), key=styles.count)
    count = styles.count(best)
    if count == len(styles) or count < share * len(styles):
        return None
    return best, count


def check_file(messages: Sequence[Message], options: Options) -> Iterable[Tuple[Message, Hit]]:
    """Nothing per file: the package pass compares messages across files."""
    return ()
