"""The ``extend-sinks`` setting: a project's own calls that show a message, checked on load.

Each entry is a table: ``call`` (the callee as written or as imported: ``"ui.error_write"``),
``arg`` (the position of the message, from 0) or ``keyword`` (its name) or both, ``kind``
(what the call is, as the rules know kinds) and, optionally, ``audience``. A malformed entry
is a ``ValueError`` whose text names the file, the entry, what is wrong and what to write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, List, Sequence, Tuple

# The kinds a configured call may be: the kinds of calls the rules already judge.
SINK_KINDS = ("cli", "exit", "http", "log", "warn")
EXAMPLE = '{ call = "ui.error_write", arg = 0, kind = "cli" }'
_DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")
_KEYS = ("call", "arg", "keyword", "kind", "audience")


@dataclass(frozen=True)
class SinkSpec:
    """One configured sink."""

    call: str
    arg: int = -1  # -1: passed by keyword only
    keyword: str = ""
    kind: str = "cli"
    audience: str = ""


def parse_sinks(entries: Any, audiences: Sequence[str], source: str = "") -> Tuple[SinkSpec, ...]:
    """The sinks of an ``extend-sinks`` list; raises ValueError naming what to fix, its text
    starting with ``source`` (the file, as ``pyproject.toml: ``)."""
    if not isinstance(entries, list):
        raise ValueError(f"{source}'extend-sinks' must be a list of tables such as [{EXAMPLE}], got {entries!r}")
    return tuple(_entry(number, entry, audiences, source) for number, entry in enumerate(entries, 1))


def _entry(number: int, entry: Any, audiences: Sequence[str], source: str) -> SinkSpec:
    where = f"{source}entry {number} of 'extend-sinks'"
    if not isinstance(entry, dict):
        raise ValueError(f"{where} must be a table such as {EXAMPLE}, got {entry!r}")
    unknown = sorted(set(entry) - set(_KEYS))
    if unknown:
        raise ValueError(f"{where} has the unknown key '{unknown[0]}'; use only {', '.join(_KEYS)}, as in {EXAMPLE}")
    call = entry.get("call")
    if not isinstance(call, str) or not _DOTTED.fullmatch(call):
        raise ValueError(f"{where} needs 'call', the dotted name of the function such as \"ui.error_write\", got {call!r}")
    arg = entry.get("arg", -1)
    keyword = entry.get("keyword", "")
    if "arg" in entry and (isinstance(arg, bool) or not isinstance(arg, int) or arg < 0):
        raise ValueError(f"{where} ('{call}') has arg = {arg!r}; give the message's position as a whole number from 0, such as arg = 0")
    if not isinstance(keyword, str) or (keyword and not keyword.isidentifier()):
        raise ValueError(f"{where} ('{call}') has keyword = {keyword!r}; give the parameter's name, such as keyword = \"message\"")
    if "arg" not in entry and not keyword:
        raise ValueError(f"{where} ('{call}') says neither where the message is; add arg = 0 (its position) or keyword = \"message\"")
    kind = entry.get("kind", "cli")
    if kind not in SINK_KINDS:
        raise ValueError(f"{where} ('{call}') has kind = {kind!r}; use one of {', '.join(repr(k) for k in SINK_KINDS)}")
    audience = entry.get("audience", "")
    if audience and audience not in audiences:
        raise ValueError(f"{where} ('{call}') has audience = {audience!r}; use one of {', '.join(repr(a) for a in audiences)}, or leave it out")
    return SinkSpec(call, arg, keyword, kind, audience)


def describe(sinks: Sequence[SinkSpec]) -> List[str]:
    """The entries as text, for the cache's fingerprint of the settings."""
    return [f"{s.call}:{s.arg}:{s.keyword}:{s.kind}:{s.audience}" for s in sinks]
