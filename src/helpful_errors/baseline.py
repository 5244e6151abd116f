"""A baseline: the findings a team has accepted for now, so that CI fails only on new ones.

A finding is recognized by what it is about, not by where it is: the file (relative to the
baseline file, so the run may start in any folder), the code, the analysed message text
with all whitespace removed, and its occurrence index among findings with that same key.
Lines moving above a message, or a formatter re-wrapping the call, keep it recognized; a
change to the message text makes it new. Duplicated identical messages in one file are
counted, so adding one more copy of a known bad message is still reported.

The file is pretty JSON, sorted, without line numbers or dates, so that it only changes
when the set of accepted findings changes and a reviewer can read the diff.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterable, List, Sequence, Tuple

from . import atomic
from .config import ConfigError
from .model import Finding
from .printable import path_text

FORMAT_VERSION = 1

Key = Tuple[str, str, str, int]  # path, code, squeezed text, occurrence


@dataclass(frozen=True)
class Entry:
    """One accepted finding as stored in the file."""

    path: str
    code: str
    text: str  # readable form: runs of whitespace collapsed to one space
    occurrence: int

    @property
    def key(self) -> Key:
        return (self.path, self.code, squeeze(self.text), self.occurrence)

    def as_dict(self) -> Dict[str, Any]:
        return {"path": self.path, "code": self.code, "text": self.text, "occurrence": self.occurrence}


@dataclass(frozen=True)
class Comparison:
    """Findings not covered by the baseline, and how many baseline entries no longer occur."""

    new: Tuple[Finding, ...]
    fixed: int


def squeeze(text: str) -> str:
    """The text with every whitespace character removed: the whitespace-insensitive form."""
    return "".join(text.split())


def readable(text: str) -> str:
    return " ".join(text.split())


def relative_path(path: str, base: str) -> str:
    """``path`` relative to the folder ``base``, in POSIX form, so baselines travel between systems."""
    full = os.path.abspath(path)
    try:
        rel = os.path.relpath(full, os.path.abspath(base))
    except ValueError:  # another drive on Windows
        rel = full
    return path_text(Path(rel).as_posix())


def entries_for(findings: Iterable[Finding], base: str) -> List[Tuple[Entry, Finding]]:
    """Each finding with its baseline entry; occurrence indexes follow the order in the file."""
    seen: Counter[Tuple[str, str, str]] = Counter()
    paired: List[Tuple[Entry, Finding]] = []
    for f in sorted(findings, key=Finding.sort_key):
        path = relative_path(f.path, base)
        group = (path, f.code, squeeze(f.text))
        paired.append((Entry(path, f.code, readable(f.text), seen[group]), f))
        seen[group] += 1
    return paired


def dumps(findings: Sequence[Finding], base: str) -> str:
    """The baseline file's text for ``findings``: byte-for-byte the same for the same findings."""
    entries = sorted((e for e, _ in entries_for(findings, base)), key=lambda e: (e.path, e.code, e.text, e.occurrence))
    data = {
        "tool": "helpful-errors",
        "version": FORMAT_VERSION,
        "findings": [e.as_dict() for e in entries],
    }
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write(path: str, findings: Sequence[Finding]) -> None:
    """Record ``findings`` as accepted; paths are stored relative to the baseline file."""
    base = os.path.dirname(os.path.abspath(path))
    try:
        atomic.write_text(path, dumps(findings, base))
    except OSError as exc:
        raise ConfigError(
            f"cannot write the baseline file '{path}' ({exc.strerror or exc}); check that its folder exists and is writable"
        ) from None


def load(path: str) -> FrozenSet[Key]:
    """The keys recorded in a baseline file; every problem with the file says how to fix it."""
    create = f"create it with 'helpful-errors check --write-baseline {path} PATH...'"
    try:
        with open(path, encoding="utf-8") as src:
            data = json.load(src)
    except FileNotFoundError:
        raise ConfigError(f"baseline file '{path}' does not exist; {create}") from None
    except OSError as exc:
        raise ConfigError(f"cannot read the baseline file '{path}' ({exc.strerror or exc}); check its permissions") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise ConfigError(f"baseline file '{path}' is not valid JSON ({exc}); restore it from version control or {create}") from None
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION or not isinstance(data.get("findings"), list):
        raise ConfigError(
            f"baseline file '{path}' is not a helpful-errors baseline of version {FORMAT_VERSION}; {create}"
        )
    keys = set()
    for item in data["findings"]:
        try:
            entry = Entry(str(item["path"]), str(item["code"]), str(item["text"]), int(item["occurrence"]))
        except (KeyError, TypeError, ValueError):
            raise ConfigError(
                f"baseline file '{path}' has an entry without path, code, text and occurrence ({item!r}); {create}"
            ) from None
        keys.add(entry.key)
    return frozenset(keys)


def compare(findings: Sequence[Finding], keys: FrozenSet[Key], baseline_path: str) -> Comparison:
    """Split ``findings`` into new ones and count baseline entries that no longer occur."""
    base = os.path.dirname(os.path.abspath(baseline_path))
    paired = entries_for(findings, base)
    new = tuple(f for e, f in paired if e.key not in keys)
    present = {e.key for e, _ in paired}
    return Comparison(tuple(sorted(new, key=Finding.sort_key)), len(keys - present))
