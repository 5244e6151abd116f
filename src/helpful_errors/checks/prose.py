"""Views of a message's prose shared by the tone and readability rules (HEM010-HEM017).

Tone and readability judge only the words the author wrote as prose: a word inside a quoted
span, a placeholder, an identifier or a URL is never read as prose. Phrase matching works on
*runs* of adjacent WORD tokens (``text.word_runs``), so "you `x` failed to" never reads as
"you failed to", and clause matching works on the tokens between clause punctuation
(``text.split_clauses``). ``quoting_hit`` is the one way these rules report the words found.

Messages in test code are not judged for tone (``testcode.in_test_code``): ``raise ValueError("oops")``
in a test is a fixture that exercises a handler, and no reader ever sees it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Sequence, Tuple

from ..text import Token, phrase_at
from ..text.match import Phrase
from .advice import FALLBACK_SUBJECTS
from .rule import Hit

if TYPE_CHECKING:
    from .message import Message


def find_phrases(runs: Sequence[Sequence[Token]], wanted: Sequence[Phrase]) -> Iterator[Tuple[Sequence[Token], int, Phrase]]:
    """Each ``(run, start, phrase)`` where a phrase occurs as adjacent words of one run."""
    for run in runs:
        lowered = [t.lower for t in run]
        for start in range(len(lowered)):
            phrase = phrase_at(lowered, start, wanted)
            if phrase is not None:
                yield run, start, phrase


def quoted(text: str) -> str:
    """A phrase as our finding text shows it: in double quotes, at most 60 characters."""
    short = text if len(text) <= 60 else f"{text[:57]}..."
    return f'"{short}"'


def span_text(message_text: str, first: Token, last: Token) -> str:
    """The message text from one token to another, as written."""
    return message_text[first.start : last.end] or first.text


def quoting_hit(message: "Message", field: str, found: str, fit: str = "", subject_variant: bool = False, **fields: str) -> Hit:
    """A hit that shows the words found (quoted) in ``field`` and the message's topic fields.

    With ``subject_variant`` the help's example names the message's subject only when the
    text has one and it is not the flagged word itself ("fatal" in "a fatal error"): the fit
    gets a ``-subject`` suffix, and the record's plain fit (with no subject) serves the rest.
    """
    shown = {field: quoted(found), **fields}
    topic = message.topic
    if not subject_variant:
        return Hit.of(fit=fit, **topic.fields(), **shown)
    flagged = {w.lower() for w in found.split()}
    if topic.subject in FALLBACK_SUBJECTS or flagged & set(topic.subject.split()):
        return Hit.of(fit=fit, **shown)
    return Hit.of(fit=f"{fit}-subject" if fit else "subject", **topic.fields(), **shown)
