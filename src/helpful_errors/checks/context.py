"""What the code around a message says about who reads it and whether it is judged at all.

Three judgments made once per site: the audience (library, cli, end-user), whether the
message is an internal invariant (a bug report, not user guidance), and whether the parts
of the text the extractor could not see may carry guidance.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence, Tuple

from ..config import Settings
from ..model import TEXT_LITERAL, TEXT_PARTIAL, MessageSite, Slot
from ..text import PUNCT, WORD, Token, find_phrase, lexicon, phrases
from ..text.identifiers import identifier_parts

CLI_KINDS = frozenset({"cli", "exit"})
# click and argparse print a usage line and a "--help" hint around these messages.
FRAMEWORK_HINTS = frozenset(
    {"UsageError", "BadParameter", "BadOptionUsage", "BadArgumentUsage", "NoSuchOption", "MissingParameter"}
)
_INTERNAL_CLASS = re.compile(r"(Internal|Bug|Unreachable|Impossible|Invariant)", re.IGNORECASE)
_AUTH_CLASS = re.compile(r"(Auth|Login|Credential|Permission|Forbidden|Unauthori[sz]ed|AccessDenied)", re.IGNORECASE)
_EXTENDING = frozenset({"abstract", "override", "overridden", "subclass", "subclasses", "implemented"})


def short_name(callee: str) -> str:
    """``click.UsageError`` -> ``UsageError``; ``self.log.error`` -> ``error``."""
    return callee.rsplit(".", 1)[-1]


def audience_of(site: MessageSite, settings: Settings) -> str:
    """The configured audience, else a default by kind: CLI text, gettext text, library."""
    if settings.audience:
        return settings.audience
    if site.audience:  # the sink says who reads it: a flashed message is for the end user
        return site.audience
    if site.gettext:
        return "end-user"
    if site.kind in CLI_KINDS:
        return "cli"
    return "library"


def framework_hint(site: MessageSite) -> bool:
    """True when the framework prints usage or ``--help`` guidance around the message."""
    short = short_name(site.callee)
    if site.kind == "cli" and short in FRAMEWORK_HINTS:
        return True
    return site.kind == "cli" and short == "error" and site.callee.lower().endswith("parser.error")


def has_phrase(words: Sequence[str], phrase: Tuple[str, ...]) -> bool:
    return find_phrase(words, phrase) >= 0


def is_internal(site: MessageSite, words: Sequence[str]) -> bool:
    """An internal invariant: a bug in the code, not something the reader caused."""
    short = short_name(site.callee)
    if short == "AssertionError":
        return True
    if short == "NotImplementedError" and site.abstract:
        return True  # reached only through ``super()`` from a subclass: its developer reads it
    if short == "NotImplementedError" and site.stub:
        # "subclasses must override f()" speaks to a developer extending the class; a stub
        # that says "X does not support chmod" speaks to the user and is judged.
        return not words or bool(set(words) & _EXTENDING)
    if site.internal_class or (short[:1].isupper() and _INTERNAL_CLASS.search(short)):
        return True  # a class named or documented as internal
    if any(w == "internal" and "error" in words[i + 1 : i + 3] for i, w in enumerate(words)):
        return True  # "internal Conan error: ...": the program names its own bug
    return any(has_phrase(words, p) for p in phrases("invariant_phrases"))


def is_generic_auth(site: MessageSite, words: Sequence[str]) -> bool:
    """A deliberately generic authentication message (OWASP: do not reveal which part failed),
    which should not show the value it was given."""
    if _AUTH_CLASS.search(short_name(site.callee)) and len(words) <= 6:
        return True
    return is_credential_failure(words)


def is_credential_failure(words: Sequence[str]) -> bool:
    """"Invalid username or password", "access denied": the failed check of a secret, kept
    generic on purpose, so no guidance is asked of it either. Other messages of an
    authentication class ("too many attempts", "invalid header") can say what to do."""
    joined = " ".join(words)
    return bool(re.search(r"\b(username|user name|user|email|login)( or | and/or )password\b", joined)) or joined in (
        "invalid credentials",
        "authentication failed",
        "access denied",
        "permission denied",
        "not authorized",
        "unauthorized",
    )


def slot_carries_text(slot: Slot) -> bool:
    """An unresolved slot whose name says it holds prose (``{msg}``, ``{hint}``): it may guide."""
    names = lexicon("text_carrying_names")
    parts = identifier_parts(slot.expr)
    return not slot.expr or any(p in names for p in parts)


def holds_prose(slot: Slot, site: MessageSite) -> bool:
    """A slot whose words are not known and whose name says it holds prose. In a class's own
    template every field is filled by what each raise passes, so a field named for prose
    (``"Reauthentication failed. {message}"``) holds the caller's words, even when it names
    a parameter: the raises are judged, not the wrapper around them."""
    return (not slot.known or site.kind == "default") and slot_carries_text(slot)


def text_hidden(site: MessageSite) -> bool:
    """True when the unseen part of the text may hold guidance, so judging guidance is unfair."""
    if site.template is None:
        return True
    if site.text_status == TEXT_LITERAL and site.kind != "default":
        return False
    if site.text_status not in (TEXT_LITERAL, TEXT_PARTIAL):
        return True
    parts = site.template.parts
    for index, part in enumerate(parts):
        if isinstance(part, Slot) and holds_prose(part, site) and _may_close(parts, index):
            if not _of_a_failure(part, site.caught_name):
                return True
    return False


# Names that by convention hold an exception: its text is a value, never advice.
EXCEPTION_NAMES = frozenset({"e", "ex", "exc", "err", "error", "exception"})
# ... or a failure or a response; the labeling guide reads their text (``{err.reason}``,
# ``{exc.message}``) as a value, whatever its attribute is called.
_FAILURE_HOLDERS = EXCEPTION_NAMES | {"failure", "response", "resp"}


def _of_a_failure(slot: Slot, caught: str) -> bool:
    """``{exc.message}``, ``{response.reason}``: the text of an exception or a response,
    a value and no advice, even under a name that says it holds prose."""
    root, dot, _ = slot.expr.partition(".")
    return bool(dot) and (root in _FAILURE_HOLDERS or (bool(caught) and root == caught))


def _may_close(parts: Sequence[object], index: int) -> bool:
    """A prose slot can add guidance at the end of the text or after a sentence break;
    one in the middle of a sentence ("aborted with {msg} in strict mode") is a value."""
    after = "".join(p for p in parts[index + 1 :] if isinstance(p, str))
    before = "".join(p for p in parts[:index] if isinstance(p, str)).rstrip()
    return not re.search(r"[A-Za-z]", after.split(".")[0].split(";")[0]) or before.endswith((".", ";", ":", "\n")) or not before


# Words that say something went wrong, besides the negations and the problem phrases of the
# help's kinds ("not found", "invalid", "failed to"): the nouns and verbs of a failure.
_PROBLEM_WORDS = frozenset({
    "error", "errors", "warning", "warnings", "failure", "failures", "fail", "fails", "failing", "exception",
    "problem", "problems", "abort", "aborted", "aborting", "denied", "refused", "fatal", "crashed", "broken",
})
# Sinks whose text is a command's own output on standard error, where status lines go too.
_PLAIN_OUTPUT_SINKS = frozenset({"stderr"})


def is_heading(site: MessageSite, tokens: Sequence[Token]) -> bool:
    """Standard-error text that ends with a colon ("Configuration errors:", "This will:"): a
    heading whose details the next lines write, not a whole message. (A log line ending so
    is followed by the traceback, and is judged.)"""
    shown = [t for t in tokens if not (t.kind == PUNCT and t.text == "\n")]
    return site.sink in _PLAIN_OUTPUT_SINKS and bool(shown) and shown[-1].kind == PUNCT and shown[-1].text == ":"


def is_status_output(site: MessageSite, words: Sequence[str], problem_kind: Callable[[], str]) -> bool:
    """Standard-error text that reports no problem ("History on", "Saved 3 files"): a
    command's status line, not an error message. ``problem_kind`` gives the kind of problem
    the help finds in the text ("" for none), asked only of standard-error text."""
    if site.sink not in _PLAIN_OUTPUT_SINKS or problem_kind():
        return False
    return not any(w in _PROBLEM_WORDS or w in lexicon("negation_words") for w in words)


def words_of(tokens: Sequence[Token]) -> Tuple[str, ...]:
    return tuple(t.lower for t in tokens if t.kind == WORD)
