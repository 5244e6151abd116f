"""The project index: what other modules of the same project declare that a file's messages use.

``from .errors import ReadError`` or ``from .messages import NOT_FOUND``: the traversal asks
the index for the module's facts (``classes.ModuleFacts``) and learns that ``ReadError``
carries its own words, where its message argument is, and the text of ``NOT_FOUND``. The
index is built lazily, in the same run, from the files it is asked about: a module is read
once per process (again only when its size or modification time changes), and only its
top-level class blocks and one-line text constants are parsed, with ``ast``. A module is
"of the same project" when it is found under the importing file's own root: the folder
above its topmost package, or its own folder for a script.

What a file took from the index (``ModuleUse``: the module, the names, a digest of their facts)
goes into its cached result; a cached result is used only while those facts are unchanged,
so a change to the defining module judges its users again.
"""

from __future__ import annotations

import ast
import hashlib
import os
import re
from bisect import bisect_left
from itertools import accumulate
from typing import Dict, List, Optional, Sequence, Set, Tuple

from ..model import ModuleUse
from . import sinks
from .classes import ModuleFacts, module_facts, raw_through_bases, worded_through_bases

# A top-level class statement, and a one-line assignment of text at the top level.
_CLASS = re.compile(r"^class[ \t]+(?P<name>\w+)[ \t]*(?:\((?P<bases>[^)]*)\))?[ \t]*:", re.MULTILINE)
_CONSTANT = re.compile(r"^[A-Za-z_]\w*[ \t]*=[ \t]*[rRuUbB]?['\"].*$", re.MULTILINE)
# What every line ``_CONSTANT`` matches holds: the searches start from it (see ``_constants``).
_TEXT_ASSIGNED = re.compile(r"=[ \t]*[rRuUbB]?['\"]")
# Where a top-level block ends: the next line that starts with code at column 0.
_TOP_LEVEL = re.compile(r"^(?=[^\s#)\]}])", re.MULTILINE)
_BASE_NAME = re.compile(r"\w+")


def facts_from_text(text: str) -> ModuleFacts:
    """The facts of a module from its text: only its class blocks and text constants are parsed."""
    matches = _classes(text)
    blocks: List[str] = []
    for match in _exception_like(matches):
        end = _TOP_LEVEL.search(text, text.find("\n", match.end()) + 1)
        blocks.append(text[match.start(): end.start() if end else len(text)])
    classes = [s for s in _parsed_apart(blocks) if isinstance(s, ast.ClassDef)]
    constants = _parsed_apart([match.group(0) for match in _constants(text)])
    return module_facts([*classes, *constants])


def _classes(text: str) -> List["re.Match[str]"]:
    """``_CLASS.finditer(text)``, tried only where a line starts with ``class``.

    A pattern that starts with ``^`` gives the regex engine no first character to look
    for, so a search tries every position of the text: that cost most of the index. The
    same pattern is matched at each line that starts with the word, in the text's order.
    """
    found: List["re.Match[str]"] = []
    at = 0 if text.startswith("class") else text.find("\nclass") + 1
    if at == 0 and not text.startswith("class"):
        return found
    while True:
        match = _CLASS.match(text, at)
        if match is not None:
            found.append(match)
        # The next line that starts with the word, after this match (a match ends with ":").
        at = text.find("\nclass", match.end() if match is not None else at) + 1
        if at == 0:
            return found


def _constants(text: str) -> List["re.Match[str]"]:
    """``_CONSTANT.finditer(text)``, tried only on the lines that assign a quote (``= "``).

    A match lies within one line, so each such line is matched once, from its start.
    """
    found: List["re.Match[str]"] = []
    tried = -1  # the start of the last line tried
    for sign in _TEXT_ASSIGNED.finditer(text):
        start = text.rfind("\n", 0, sign.start()) + 1
        if start == tried:
            continue
        tried = start
        match = _CONSTANT.match(text, start)
        if match is not None:
            found.append(match)
    return found


def _exception_like(matches: Sequence["re.Match[str]"]) -> List["re.Match[str]"]:
    """The class statements whose bases reach an exception-like name, through local classes
    at any depth: the classes ``module_facts`` may count as exceptions, and no fewer.

    Every word of the bases is tried (``errors.BaseError``, ``Generic[T]``), so this keeps a
    superset of what the parsed bases say. A class deriving from a local class that is no
    exception (a model, a view) is not parsed: parsing those big bodies cost half of the index.
    """
    bases = [(m.group("name"), _BASE_NAME.findall(m.group("bases") or "")) for m in matches]
    found: Set[str] = set()
    grown = True
    while grown:
        grown = False
        for name, words in bases:
            if name not in found and any(sinks.looks_like_exception(w, found) for w in words):
                found.add(name)
                grown = True
    return [m for m, (name, _) in zip(matches, bases) if name in found]


def _parsed_apart(pieces: Sequence[str]) -> List[ast.stmt]:
    """The statements of each piece parsed on its own, pieces that do not parse left out.

    One parse of all the pieces, one after the other, gives the same statements when each
    statement lies inside one piece: a piece that does not parse alone (a block the quick
    cut ends inside a string, a constant whose string goes on over several lines) runs into
    the next one, or fails. Only then is each piece parsed apart; one call per piece cost
    more than the pieces' parsing.
    """
    if not pieces:
        return []
    texts = [p if p.endswith("\n") else p + "\n" for p in pieces]
    try:
        body = ast.parse("".join(texts)).body
    except (SyntaxError, ValueError):
        body = None
    if body is not None:
        last_lines = list(accumulate(t.count("\n") for t in texts))
        if all(s.end_lineno is not None and bisect_left(last_lines, s.lineno) == bisect_left(last_lines, s.end_lineno) for s in body):
            return body
    statements: List[ast.stmt] = []
    for piece in pieces:
        try:
            statements.extend(ast.parse(piece).body)
        except (SyntaxError, ValueError):  # cut where it does not end: left out
            continue
    return statements


class ProjectIndex:
    """Module facts by file, read on first use and kept while the file is unchanged."""

    def __init__(self) -> None:
        self._facts: Dict[str, Tuple[Tuple[int, int], ModuleFacts]] = {}
        self._roots: Dict[str, str] = {}
        self._found: Dict[Tuple[str, str], Optional[str]] = {}

    def facts(self, path: str) -> Optional[ModuleFacts]:
        """The facts of the module at ``path``; None when it cannot be read."""
        try:
            stat = os.stat(path)
        except OSError:
            return None
        stamp = (stat.st_mtime_ns, stat.st_size)
        known = self._facts.get(path)
        if known is not None and known[0] == stamp:
            return known[1]
        try:
            with open(path, "rb") as handle:
                text = handle.read().decode("utf-8", "replace")
        except OSError:
            return None
        facts = facts_from_text(text)
        self._facts[path] = (stamp, facts)
        return facts

    def use(self, path: str, names: Sequence[str]) -> ModuleUse:
        """What taking ``names`` from the module at ``path`` depends on (read with ``facts``)."""
        stamp, facts = self._facts[path]
        return ModuleUse(path, tuple(names), digest_of(facts, names), *stamp)

    def module_file(self, importer: str, module: str, level: int) -> Optional[str]:
        """The file of ``module`` (``a.b``, or relative with ``level`` dots) imported by ``importer``."""
        folder = os.path.dirname(os.path.abspath(importer))
        if level:
            for _ in range(level - 1):
                folder = os.path.dirname(folder)
        else:
            folder = self._root(folder)
        key = (folder, module)
        if key not in self._found:
            base = os.path.join(folder, *module.split(".")) if module else folder
            candidates = (base + ".py", os.path.join(base, "__init__.py"))
            self._found[key] = next((c for c in candidates if os.path.isfile(c)), None)
        return self._found[key]

    def _root(self, folder: str) -> str:
        """The folder above the topmost package holding ``folder`` (``folder`` for a script)."""
        root = self._roots.get(folder)
        if root is None:
            parent = os.path.dirname(folder)
            in_package = os.path.isfile(os.path.join(folder, "__init__.py")) and parent != folder
            root = self._root(parent) if in_package else folder
            self._roots[folder] = root
        return root

    def still_current(self, uses: Sequence[ModuleUse]) -> bool:
        """Whether the facts a cached result used are unchanged."""
        for use in uses:
            facts = self.facts(use.module)
            if facts is None or digest_of(facts, use.names) != use.digest:
                return False
        return True


def digest_of(facts: ModuleFacts, names: Sequence[str]) -> str:
    """A short digest of what ``names`` are in ``facts`` (absent names count as absent)."""
    worded = worded_through_bases(facts.classes, set())  # words inherited from a base count too
    raw = raw_through_bases(facts.classes, set())
    parts = [f"{n}={facts.classes.get(n)!r}|{n in worded}|{n in raw}|{facts.constants.get(n)!r}" for n in sorted(names)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


# One index per process: workers inherit the main process's readings when they fork.
INDEX = ProjectIndex()
