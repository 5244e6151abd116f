"""Fit the help line to the message: what kind of problem it reports, about what, with what value.

``find_topic`` classifies the message by its problem phrase (not found, invalid, unknown,
unsupported, already exists, missing, timed out, deprecated, failed), names the subject (the
words next to the phrase: "config file" in "config file not found", "port" in "invalid port")
and the value to show (the message's placeholder, or a variable in scope named like the
subject). Rules pass these as ``Hit`` fields so that the record's fitted help template reads
"Name the config file that was looked for ({path}) and say how to create or locate it".

``fitted_help`` refines that topic for HEM001's help line, whose general text would
otherwise serve most messages: a message the phrase lists leave unclassified (or "failed")
is read again for finer kinds (connection, permission, parse, state, conflict, mismatch,
type, empty, ...), then by the words of its exception class (``PermissionError``), and what
is left gets the variant of its sink (a log line asks what the operator should check, a
command line what to run). The value shown is a placeholder that fits the slot: one named
like the subject or standing next to it, never the caught exception, and for a timeout only
a duration (``{timeout}``, ``{elapsed}``); otherwise ``{...}``.

Known limits: the subject is at most three words next to the phrase; messages with several
problems get the first phrase found in the order above.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from ..text import CODE, PUNCT, VALUE, WORD, Token, english, first_phrase, lexicon, phrases
from ..text.lexicon import entries
from ..text.identifiers import identifier_parts
from .context import EXCEPTION_NAMES
from .values import is_secret_name

# Subjects used when the message names none; rules that need a real subject test for these.
FALLBACK_VALUE, FALLBACK_ITEM = "value", "item"
FALLBACK_SUBJECTS = frozenset({FALLBACK_VALUE, FALLBACK_ITEM})
_COPULAS = frozenset({"is", "are", "was", "were", "be", "been"})
# Auxiliaries between a subject and its phrase: "the {kind} type has not been implemented".
_AUXILIARIES = frozenset({"has", "have", "had", "does", "do", "did"})
_PATH_WORDS = frozenset({"dir", "directory", "file", "filename", "fname", "folder", "path"})
_EXCEPTION_NAMES = EXCEPTION_NAMES | {"reason", "why"}  # and the parts that name its text
# The subject follows the problem phrase for these kinds ("invalid port", "not a valid mode").
_SUBJECT_AFTER = frozenset({"invalid", "unknown", "type", "empty"})
# Finer kinds tried on messages the phrase lists above leave general or "failed", in order.
REFINED_KINDS = ("permission", "connection", "parse", "busy", "state", "unready", "conflict", "mismatch", "unsupported", "not-found", "type", "empty")
# "unknown error", "unexpected failure": an unexplained failure, not a value outside a known set.
_FAILURE_NOUNS = frozenset({"error", "errors", "failure", "failures", "exception", "problem", "issue", "cause", "reason"})
# Formats of text, named by no lexicon: "invalid JSON" reports a text that does not parse.
_TEXT_FORMATS = frozenset({"json", "yaml", "yml", "xml", "toml", "csv", "ini", "html", "syntax"})
# Kinds whose help asks to show the received value, which a secret must never be.
_SHOWS_VALUE = frozenset({"invalid", "mismatch", "type"})
# Sink kinds whose reader does something else than the caller of a raise.
_SINK_FAMILIES = {"log": "log", "warn": "warn", "cli": "cli", "exit": "cli", "http": "http"}
# Kinds whose help has a variant per sink family (the record's "general-log", "config-cli", ...).
_SINK_VARIANTS = {"general": ("log", "warn", "cli", "http"), "failed": ("log", "warn", "cli", "http"), "config": ("log", "cli")}

# kind -> phrase list, in the order they are tried
KINDS: Tuple[Tuple[str, str], ...] = (
    ("deprecated", ""),
    ("not-found", "not_found_phrases"),
    ("exists", "exists_phrases"),
    ("timeout", "timeout_phrases"),
    ("unsupported", "unsupported_phrases"),
    ("limit", "too_far_phrases"),
    ("missing", "missing_phrases"),
    ("unknown", "unknown_words"),
    ("invalid", "invalid_words"),
    ("failed", "failed_phrases"),
)


@dataclass(frozen=True)
class Topic:
    """What the message is about: the kind of problem, its subject and the value to show."""

    kind: str  # a key of the record's fitted help templates, or "" for the general help
    subject: str
    value: str
    at: int = -1  # token position of the problem phrase, -1 when none was found

    def fields(self) -> Dict[str, str]:
        return {"subject": self.subject, "value": self.value}


def _match(words: Sequence[str], name: str) -> Tuple[int, int]:
    """Index and length of the first phrase from list ``name`` found in ``words``, or (-1, 0)."""
    found = first_phrase(words, phrases(name))
    return (found[0], len(found[1])) if found is not None else (-1, 0)


def _subject(tokens: Sequence[Token], word_index: Dict[int, int], at: int, width: int, kind: str) -> str:
    """Words right after the problem word ("invalid port"), else right before ("file not found")."""
    skip = lexicon("subject_skip")
    position = word_index.get(at, -1)
    if position < 0:
        return ""
    after = []
    end = word_index.get(at + width - 1, position) + 1
    for token in tokens[end : end + 4]:
        if token.kind != WORD or token.lower in lexicon("finite_words") or token.lower in lexicon("prepositions") or _adverb(token):
            break
        if token.lower not in skip:
            after.append(token.text)
    if after and (kind in _SUBJECT_AFTER or (width == 1 and english.ADJ in english.parts_of_speech(tokens[position].lower))):
        return _without_dangling(after[:3])  # an adjective before its noun: "duplicate anchor"
    before: List[str] = []
    window = tokens[max(0, position - 8) : position]
    raised = False  # "to be" seen: the verb before it ("seems", "appears") raises it
    for offset in range(len(window) - 1, -1, -1):
        token = window[offset]
        if token.lower == "to" and not before and offset + 1 < len(window) and window[offset + 1].lower in _COPULAS:
            raised = True  # "the cache seems to be missing": an infinitive, not a preposition
            continue
        if token.kind == VALUE and not before:
            continue  # "config file {path} not found": the subject precedes the value
        if (token.lower in _COPULAS or token.lower in _AUXILIARIES or _adverb(token)) and not before:
            continue  # "note is too large", "streaming is currently not supported": the subject precedes the verb
        if raised and not before and english.VERB in english.parts_of_speech(token.lower):
            raised = False
            continue
        if token.lower in lexicon("prepositions"):
            # "a balancer with that name exists", "the file {f} for {app} does not exist":
            # the head precedes its modifier
            before = []
            continue
        if not before and _inflected_verb(token.lower):
            continue  # "the link {l} defined in {page} was not found"; "specified bucket" keeps it
        if token.kind != WORD or token.lower in lexicon("finite_words") or _adverb(token):
            break
        if token.lower not in skip:
            before.insert(0, token.text)
    chosen = before or after
    return _without_dangling(chosen[-3:])


# Coordinating conjunctions: a subject cut off after one ("queue and", "color or") names
# half of a pair. Grammar words, which the lexicon of content words does not mark.
_CONJUNCTIONS = frozenset({"and", "or", "nor", "but"})


def _without_dangling(words: Sequence[str]) -> str:
    """The subject's words, lower-cased, as a noun phrase: no conjunction at either end, and
    no preposition or verb form after the noun ("token for", "code provided", "task sent")."""
    kept = [w.lower() for w in words]
    while kept and (kept[-1] in _CONJUNCTIONS or kept[-1] in lexicon("prepositions") or _inflected_verb(kept[-1])):
        kept.pop()
    while kept and kept[0] in _CONJUNCTIONS:
        kept.pop(0)
    return " ".join(kept)


def _inflected_verb(word: str) -> bool:
    """A form the lexicon knows only as an inflected verb ("provided", "found", "sent") or an
    auxiliary ("be"), never as a noun. A form in -ing may be a noun ("parsing is disabled"),
    one in -s a plural the lexicon lists only as a verb ("restores"), and a base form a noun
    it lists only as a verb ("template"), so none of them counts."""
    entry = english.parts_of_speech(word)
    if not entry or english.NOUN in entry or word.endswith(("ing", "s")):
        return False
    return english.AUX in entry or (english.VERB in entry and english.lemma(word) != word)


def _adverb(token: Token) -> bool:
    """A word that is only ever an adverb ("yet", "currently"): it names no subject ("not supported yet")."""
    return english.parts_of_speech(token.lower) == _ADVERB_ONLY


_ADVERB_ONLY = frozenset({english.ADV})


def _holds_exception(token: Token, caught: str) -> bool:
    """A placeholder of the caught exception or its text: a value, never the one to show."""
    return any(set(identifier_parts(slot.expr)) & _EXCEPTION_NAMES or (caught and slot.expr == caught) for slot in token.slots)


def _fits_slot(token: Token, kind: str) -> bool:
    """A timeout help shows only a duration: a pid or a host is not how long it waited."""
    if kind != "timeout":
        return True
    return any(set(identifier_parts(slot.expr)) & lexicon("help_time_names") for slot in token.slots)


def _name_for(words: FrozenSet[str], names: Sequence[str]) -> str:
    """A name in scope that ends in a subject word (``port``, ``listen_port``), not a limit or a secret."""
    qualifiers = lexicon("value_name_qualifiers")
    best = ""
    for name in names:
        parts = identifier_parts(name)
        if not parts or parts[-1] not in words or parts[0] in qualifiers or is_secret_name(parts):
            continue
        if len(parts) == 1 or not best:
            best = name
    return best


def _value(tokens: Sequence[Token], subject: str, names: Sequence[str], kind: str = "", caught: str = "", at: int = -1) -> str:
    """The value to show: a placeholder named like the subject or next to it (or next to the
    problem phrase at token ``at``), else a name in scope ending in a subject word.

    A placeholder about something else (the caught exception, a pid where a duration is
    meant) is never offered; without a fitting one the help shows ``{...}``.
    """
    words = set() if subject in FALLBACK_SUBJECTS else set(subject.split())
    if words & _PATH_WORDS:
        words |= _PATH_WORDS
    shown = [(i, t) for i, t in enumerate(tokens) if t.kind == VALUE and not _holds_exception(t, caught) and _fits_slot(t, kind)]
    for _, token in shown:
        if any(set(identifier_parts(slot.expr)) & words for slot in token.slots):
            return _as_shown(token)
    named = [i for i, t in enumerate(tokens) if t.kind == WORD and t.lower in words]
    near = named + ([at] if at >= 0 else [])
    fitting = [
        (position, token) for position, token in shown
        if kind == "timeout" or not near or any(abs(position - i) <= 2 and not _holds_between(tokens, position, i) for i in near)
    ]
    if fitting:  # the one next to the subject word: "module {mod} has no attribute {name}" looked for {name}
        return _as_shown(min(fitting, key=lambda found: min((abs(found[0] - i) for i in named), default=0))[1])
    name = "" if kind == "timeout" else _name_for(frozenset(words), names)
    return f"{{{name}!r}}" if name else "{...}"


# A placeholder longer than this (a comprehension, a join over lines) is shown as ``{...}``:
# pasted into a one-line example it hides the help around it.
_LONGEST_SHOWN = 40


def _as_shown(token: Token) -> str:
    text = token.text
    return text if len(text) <= _LONGEST_SHOWN and "\n" not in text else "{...}"


# "{path} contains invalid entries": what comes before these verbs holds the thing, it is not the thing.
_CONTAINING = frozenset({"contains", "contain", "has", "have", "holds", "includes", "include"})


def _holds_between(tokens: Sequence[Token], a: int, b: int) -> bool:
    return any(t.kind == WORD and t.lower in _CONTAINING for t in tokens[min(a, b) + 1 : max(a, b)])


def _words(tokens: Sequence[Token]) -> Tuple[List[str], Dict[int, int]]:
    """The lower-cased words of the message and, for each, its position among the tokens."""
    word_index: Dict[int, int] = {}
    words: List[str] = []
    for position, token in enumerate(tokens):
        if token.kind == WORD:
            word_index[len(words)] = position
            words.append(token.lower)
    return words, word_index


def find_topic(tokens: Sequence[Token], names_in_scope: Sequence[str]) -> Topic:
    """Classify a message's tokens and name its subject and value for the help line."""
    words, word_index = _words(tokens)
    kind, at, width = "", -1, 0
    for candidate, name in KINDS:
        if candidate == "deprecated":
            at, width = (words.index("deprecated"), 1) if "deprecated" in words else (-1, 0)
        else:
            at, width = _match(words, name)
        if at >= 0:
            kind = candidate
            break
    subject = _subject(tokens, word_index, at, width, kind) if at >= 0 else ""
    if not subject:
        subject = FALLBACK_VALUE if kind in ("invalid", "unknown") else FALLBACK_ITEM
    position = word_index.get(at, -1)
    return Topic(kind, subject, _value(tokens, subject, names_in_scope, kind, at=position), position)


@lru_cache(maxsize=None)
def _table(name: str) -> Tuple[Tuple[str, str], ...]:
    """``(kind, phrase)`` pairs of a list whose lines read "<kind> <phrase>"."""
    return tuple((line.split(" ", 1)[0], line.split(" ", 1)[1]) for line in entries(name) if " " in line)


@lru_cache(maxsize=None)
def _refined_phrases(kind: str) -> Tuple[Tuple[str, ...], ...]:
    found = {tuple(phrase.split()) for name, phrase in _table("help_kind_phrases") if name == kind}
    return tuple(sorted(found, key=lambda p: (-len(p), p)))


def _class_kind(callee: str) -> str:
    """The kind named by the exception class (``PermissionError``, ``ConfigTimeout``), or ""."""
    table = dict(_table("help_class_words"))
    parts = identifier_parts(callee.rsplit(".", 1)[-1])
    joined = " ".join(parts)
    if "not found" in joined or "does not exist" in joined:
        return "not-found"
    if "not implemented" in joined:
        return "unsupported"
    return next((table[p] for p in parts if p in table), "")


# Words before "not" that make it a failed attempt ("could not open"), not a state ("is not open").
_MODALS_OF_ATTEMPT = frozenset({"could", "can", "did", "would", "will"})


def _refine(tokens: Sequence[Token]) -> Optional[Tuple[str, int, int]]:
    """The first kind, in REFINED_KINDS' order, whose phrases occur in the message; but
    what the program does not support comes first when the other kind's words follow it,
    since they are its object ("does not support ignoring conflicts" is no clash)."""
    words, _ = _words(tokens)
    unsupported = first_phrase(words, _refined_phrases("unsupported"))
    for kind in REFINED_KINDS:
        found = first_phrase(words, _refined_phrases(kind))
        if found is not None and found[1][0] == "not" and found[0] > 0 and words[found[0] - 1] in _MODALS_OF_ATTEMPT:
            continue  # "could not open the file" reports a failed attempt, "the file is not open" a state
        if found is not None:
            if unsupported is not None and unsupported[0] + len(unsupported[1]) <= found[0]:
                return "unsupported", unsupported[0], len(unsupported[1])
            return kind, found[0], len(found[1])
    return None


_HAVING = frozenset({"has", "have", "does", "do"})


def _named_item(tokens: Sequence[Token], start: int, colon: bool = False) -> Optional[Token]:
    """A value or a name in code among the next few tokens from ``start``, in the same clause:
    the member that is missing ("has no class 'Foo'", "does not have a pipeline with name {name}")."""
    if start < 0:
        return None
    window = tokens[start : start + 6]
    for i, token in enumerate(window):
        if token.kind in (VALUE, CODE):
            return token
        if colon and token.text == ":" and i + 1 < len(window) and window[i + 1].kind in (VALUE, CODE):
            continue  # "has no attribute: {name}": the colon introduces the member ("empty option: %r" is the value)
        if token.kind == PUNCT or token.lower in _CONJUNCTIONS:  # "empty queue and {flag} is off": another clause
            return None
    return None


def _code_subject(tokens: Sequence[Token], anchor: int) -> str:
    """A name in code next to the problem phrase ("'cache_dir' is not set", "invalid DES3 key")."""
    if anchor < 0:
        return ""
    before = [t for t in tokens[max(0, anchor - 3) : anchor] if t.lower not in _COPULAS and t.lower != "not"]
    near = before[-1:] + list(tokens[anchor + 1 : anchor + 2])
    return next((t.text for t in near if t.kind == CODE), "")


def _names_a_secret(tokens: Sequence[Token]) -> bool:
    """A word of the message ends a secret's name ("auth token", "password"), read as a name
    from the message's start (a secret's name is at most a few words, so only they are passed)."""
    words = _words(tokens)[0]
    return any(is_secret_name(words[max(0, end - 3) : end + 1]) for end in range(len(words)))


@dataclass(frozen=True)
class Site:
    """What the help line needs to know about the call besides the text."""

    sink: str  # the site's kind: raise, log, warn, cli, exit, http, ...
    callee: str  # exception class or call as written
    caught: str = ""  # the name of the caught exception, never a value to show
    names: Tuple[str, ...] = ()  # names in scope


def fitted_help(tokens: Sequence[Token], topic: Topic, site: Site) -> Tuple[str, Dict[str, str]]:
    """The help template key for HEM001 and its fields, fitted to the message and its sink."""
    kind, subject, anchor = topic.kind, topic.subject, topic.at
    member: Optional[Token] = None
    if kind in ("", "failed"):
        refined = _refine(tokens)
        if refined is not None:
            kind, at, width = refined
            word_index = _words(tokens)[1]
            anchor = word_index.get(at, -1)
            subject = _subject(tokens, word_index, at, width, kind) or subject
            having = 0 <= anchor < len(tokens) and tokens[anchor].lower in _HAVING  # "has no", "does not have"
            member = _named_item(tokens, anchor + width, colon=having) if kind == "empty" else None
            if member is not None:
                kind = "not-found"  # "has no class 'Foo'": a named member is missing, the container is not empty
            elif kind == "empty" and having and subject and not _plural(subject):
                kind = "missing"  # "the event has no timezone": one thing is missing; "has no workers" is empty
            if kind == "type":  # "not a valid mode": the expected kind of value is "mode"
                subject = " ".join(w for w in subject.split() if w not in lexicon("invalid_words") and w != "valid") or subject
        elif not kind:
            kind = _class_kind(site.callee)
    head = subject.split()[-1] if subject.split() else ""
    if kind == "unknown" and head in _FAILURE_NOUNS:
        kind = "failed"
    if kind == "invalid" and head in _TEXT_FORMATS:
        kind = "parse"  # "invalid JSON": the text does not parse, the place where it breaks helps
    if kind == "exists" and first_phrase(_words(tokens)[0], (("in", "use"),)) is not None:
        kind = "in-use"  # "port 80 is already in use": something holds it; nothing is there to overwrite
    base = kind or "general"
    if base in _SINK_VARIANTS:
        family = _SINK_FAMILIES.get(site.sink, "")
        kind = f"{base}-{family}" if family in _SINK_VARIANTS[base] else kind
    if not subject or subject in FALLBACK_SUBJECTS:
        subject = _code_subject(tokens, anchor) or (FALLBACK_VALUE if kind in _SUBJECT_AFTER else FALLBACK_ITEM)
    if kind in _SHOWS_VALUE and _names_a_secret(tokens):
        kind = "secret"  # "invalid API token": showing the received value would print the secret
    if member is not None and member.kind == VALUE and not _holds_exception(member, site.caught):
        value = _as_shown(member)  # the missing member's own placeholder, not the container's
    else:
        value = _value(tokens, subject, site.names, kind, site.caught, anchor)
    return kind, {"subject": subject, "value": value, **_agreeing(subject)}


# The verbs and pronouns of the fitted helps that refer to their subject, singular and plural.
_VERBS = {"is": "are", "was": "were", "exists": "exist", "conflicts": "conflict", "it": "them", "its": "their"}


def _plural(subject: str) -> bool:
    """Whether the subject names several things ("the media files"); a phrase led by a
    gerund is singular ("passing positional arguments")."""
    words = subject.split()
    return bool(words) and english.is_plural_noun(words[-1]) and not (
        len(words) > 1 and words[0].endswith("ing") and english.VERB in english.parts_of_speech(words[0])
    )


def _agreeing(subject: str) -> Dict[str, str]:
    """The helps' verbs and pronouns in the subject's number: "the media files already
    exist", "pass them as ..."."""
    plural = _plural(subject)
    return {singular: plural_form if plural else singular for singular, plural_form in _VERBS.items()}


__all__ = ["Topic", "Site", "find_topic", "fitted_help", "KINDS", "PUNCT", "FALLBACK_SUBJECTS"]
