"""The analysed message: a site read once, shared by every rule.

``analyse(site, settings)`` tokenizes the template and the ``add_note`` texts, splits
sentences and decides the context (audience, internal invariant, hidden text). Rules are
pure functions of a ``Message``; the expensive readings (guidance cues, the fitted help) are
cached properties computed on first use, so a disabled rule costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Tuple

from ..config import Settings
from ..model import MessageSite, Slot
from ..text import CODE, CODE_ID, NUMBER, URL, VALUE, WORD, Token, split_sentences, tokenize
from . import context
from .advice import Topic, find_topic
from .cues import Guidance, find_guidance


@dataclass(frozen=True)
class Message:
    """One message site, read: tokens, sentences, words and its context."""

    site: MessageSite
    tokens: Tuple[Token, ...]
    sentences: Tuple[Tuple[Token, ...], ...]
    words: Tuple[str, ...]  # lower-cased WORD tokens of the message, in order
    notes: Tuple[Tuple[Token, ...], ...]  # tokens of each add_note(...) text
    audience: str  # library, cli or end-user
    internal: bool  # an internal invariant (AssertionError, "should never happen", ...)
    hidden: bool  # part of the text is built where the extractor cannot see, and may guide
    framework_hint: bool  # click/argparse print usage and --help guidance around it
    generic_auth: bool  # a deliberately generic authentication message

    # Convenience views -------------------------------------------------------------
    @property
    def kind(self) -> str:
        return self.site.kind

    @property
    def callee(self) -> str:
        """The short class or call name: ``ValueError``, ``warning``, ``UsageError``."""
        return context.short_name(self.site.callee)

    @property
    def text(self) -> str:
        return self.site.text

    @property
    def values(self) -> Tuple[Token, ...]:
        """VALUE tokens (placeholders, quoted or not)."""
        return tuple(t for t in self.tokens if t.kind == VALUE)

    @property
    def slots(self) -> Tuple[Slot, ...]:
        return tuple(s for t in self.tokens for s in t.slots)

    @property
    def has_specifics(self) -> bool:
        """True when the text shows a value, identifier, number, URL or error code."""
        return any(t.kind in (VALUE, CODE, NUMBER, URL, CODE_ID) for t in self.tokens)

    @property
    def has_text(self) -> bool:
        return bool(self.tokens)

    @property
    def names_a_binding(self) -> bool:
        """The whole text is one word naming a parameter or local of the raising function
        (``MissingParameter("name")``): data for a class that builds its own text."""
        if self.kind != "raise" or len(self.tokens) != 1 or len(self.words) != 1:
            return False
        return self.tokens[0].text in self.site.names_in_scope

    @property
    def showable_names(self) -> Tuple[str, ...]:
        """The parameters and locals a help may offer to show: not those an enclosing ``if``
        fixes on this path (``if key is None: raise ...``), which hold nothing worth showing."""
        pinned = set(self.site.pinned)
        return tuple(n for n in self.site.names_in_scope if n not in pinned)

    @property
    def credential_failure(self) -> bool:
        """A failed check of a secret, kept generic on purpose ("access denied")."""
        return context.is_credential_failure(self.words)

    @property
    def heading(self) -> bool:
        """A standard-error line ending with a colon: the details follow on the next lines."""
        return context.is_heading(self.site, self.tokens)

    @property
    def status_output(self) -> bool:
        """Standard-error text that reports no problem: a status line, not an error message."""
        return context.is_status_output(self.site, self.words, lambda: self.topic.kind)

    # Readings shared by several rules, computed on first use ------------------------
    @cached_property
    def guidance(self) -> Guidance:
        """Every guidance cue in the message, its notes and its framework (see ``cues``)."""
        return find_guidance(self.tokens, self.notes, self.kind, self.site.callee if self.framework_hint else "")

    @cached_property
    def topic(self) -> Topic:
        """What kind of problem the message reports and about what (see ``advice``)."""
        return find_topic(self.tokens, self.showable_names)


def analyse(site: MessageSite, settings: Settings) -> Message:
    """Read a site once for all rules."""
    tokens = tokenize(site.template) if site.template is not None else ()
    words = context.words_of(tokens)
    return Message(
        site=site,
        tokens=tokens,
        sentences=split_sentences(tokens),
        words=words,
        notes=tuple(tokenize(n) for n in site.notes),
        audience=context.audience_of(site, settings),
        internal=context.is_internal(site, words),
        hidden=context.text_hidden(site),
        framework_hint=context.framework_hint(site),
        generic_auth=context.is_generic_auth(site, words),
    )


__all__ = ["Message", "analyse", "Guidance", "Topic", "WORD"]
