"""The capitalization a package's messages use, so that a fix that cuts a label keeps it.

Dropping ``"Error: "`` leaves a message that starts with the next word, whose first letter
should follow the convention of the messages around it. In a run over several files that is
the package's convention: the messages of every file of the run under the same top-level
package folder. With one file (standard input, the language server, a single path) the
file's own messages decide.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Dict, Iterable, Optional, Sequence

from ..model import FileResult, MessageSite

_FIRST_WORD = re.compile(r"[A-Za-z][a-z]*\b")


@dataclass(frozen=True)
class Capitals:
    """How many messages start with a capital letter and how many with a lowercase one."""

    upper: int = 0
    lower: int = 0

    def __add__(self, other: "Capitals") -> "Capitals":
        return Capitals(self.upper + other.upper, self.lower + other.lower)

    def __sub__(self, other: "Capitals") -> "Capitals":
        return Capitals(self.upper - other.upper, self.lower - other.lower)

    def style(self) -> Optional[bool]:
        """True when most start with a capital, False when most do not, None on a tie."""
        if self.upper == self.lower:
            return None
        return self.upper > self.lower


def starts_with_capital(site: MessageSite) -> Optional[bool]:
    """The case of the message's first word; None when it has none that tells (a placeholder,
    a quote, a one-letter word, a text that is not known)."""
    if site.template is None:
        return None
    head = ""  # the text before the first placeholder: a placeholder never starts a word
    for part in site.template.parts:
        if not isinstance(part, str):
            break
        head += part
    word = _FIRST_WORD.match(head.lstrip())
    if word is None or len(word.group()) < 2:
        return None
    return word.group()[0].isupper()


def count_capitals(sites: Iterable[MessageSite], skip: Optional[MessageSite] = None) -> Capitals:
    upper = lower = 0
    for site in sites:
        if site is skip:
            continue
        case = starts_with_capital(site)
        if case is True:
            upper += 1
        elif case is False:
            lower += 1
    return Capitals(upper, lower)


def capitalized_style(sites: Sequence[MessageSite], skip: MessageSite, outside: Capitals = Capitals()) -> Optional[bool]:
    """The style of the other messages of the file, plus ``outside`` (the package's messages
    in the other files of the run)."""
    return (count_capitals(sites, skip) + outside).style()


def top_level_package(folder: str, packages: Optional[Dict[str, bool]] = None) -> str:
    """The outermost folder reached from ``folder`` through folders with an ``__init__.py``;
    ``folder`` itself when it is not a package (a folder of scripts is one group).

    ``packages`` remembers which folders hold an ``__init__.py``, so that the files of a
    run, which share their parents, ask the file system once per folder."""
    known = {} if packages is None else packages

    def is_package(path: str) -> bool:
        if path not in known:
            known[path] = os.path.isfile(os.path.join(path, "__init__.py"))
        return known[path]

    top = folder
    while is_package(top):
        parent = os.path.dirname(top)
        if parent == top or not is_package(parent):
            break
        top = parent
    return top


def package_capitals(results: Sequence[FileResult]) -> Dict[str, Capitals]:
    """For each file of the run, the capitals of the messages in the other files of its package."""
    own = {r.path: count_capitals(r.sites) for r in results}
    packages: Dict[str, bool] = {}
    for path in own:  # a file of the run named __init__.py needs no system call
        if os.path.basename(path) == "__init__.py":
            packages[os.path.dirname(os.path.abspath(path))] = True
    tops: Dict[str, str] = {}  # folder -> its top-level package: files share folders
    package: Dict[str, str] = {}
    for path in own:
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in tops:
            tops[folder] = top_level_package(folder, packages)
        package[path] = tops[folder]
    totals: Dict[str, Capitals] = defaultdict(Capitals)
    for path, counted in own.items():
        totals[package[path]] += counted
    return {path: totals[package[path]] - counted for path, counted in own.items()}
