"""The rulebook: one TOML record per rule, the single source of what each rule is.

The records in the top-level ``rules/`` folder drive the finding text, the help line,
``helpful-errors explain``, ``helpful-errors rules``, the generated ``rules/README.md`` and
the example tests, so nothing about a rule's purpose is written twice. A wheel carries the
folder as package data (``helpful_errors/rulebook/``); an editable install reads the
repository's ``rules/`` folder. Records are parsed once per process and cached.
"""

from __future__ import annotations

import builtins
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.9 and 3.10
    import tomli as tomllib

DOCS_URL = "https://github.com/helpful-errors/helpful-errors/blob/main/rules/README.md"
STATUSES = ("stable", "preview", "deprecated", "removed")
OPTION_TYPES: Dict[str, type] = {"int": int, "float": float, "str": str, "bool": bool, "list": list}
AUDIENCES = ("library", "cli", "end-user")
FIXES = ("safe", "unsafe", "none")  # what ``check --fix`` may do for a rule, as in ruff
REQUIRED = ("code", "name", "status", "message", "help", "what", "why")


class RulebookError(Exception):
    """The rule records are missing or malformed; the text says where and how to fix it."""


@dataclass(frozen=True)
class RuleOption:
    """A setting a rule reads from ``[tool.helpful-errors]``."""

    name: str
    type: str  # one of OPTION_TYPES
    default: Any
    description: str

    @property
    def python_type(self) -> builtins.type:  # ``type`` here would be the field above
        return OPTION_TYPES[self.type]


@dataclass(frozen=True)
class Example:
    """A pair of snippets written for the docs and the tests: the bad one and its rewrite."""

    bad: str
    good: str
    fixed: Optional[str] = None  # the bad snippet as ``check --fix`` (with --unsafe-fixes) leaves it


@dataclass(frozen=True)
class RuleRecord:
    """One rule as documented: what it finds, why it matters, how to fix, with examples."""

    code: str
    name: str
    status: str
    message: str
    help: str
    what: str
    why: str
    references: Tuple[str, ...] = ()
    options: Tuple[RuleOption, ...] = ()
    examples: Tuple[Example, ...] = ()
    supersedes: Tuple[str, ...] = ()  # codes this rule's finding replaces on the same message
    audiences: Tuple[str, ...] = AUDIENCES  # audiences the rule judges
    internal: bool = False  # also judge internal-invariant messages (AssertionError, ...)
    fits: Tuple[Tuple[str, str], ...] = ()  # help templates fitted to kinds of message ("not-found")
    fix: str = "none"  # one of FIXES: the best applicability of the rule's fix
    fix_why: str = ""  # why the fix is safe or unsafe, or when it is not offered

    @property
    def url(self) -> str:
        return f"{DOCS_URL}#{self.code.lower()}"

    def fit(self, kind: str) -> str:
        """The help template for one kind of message, or the general help line."""
        for name, template in self.fits:
            if name == kind:
                return template
        return self.help

    def option(self, name: str) -> Optional[RuleOption]:
        for option in self.options:
            if option.name == name:
                return option
        return None


def _candidates() -> Tuple[Path, ...]:
    here = Path(__file__).resolve().parent
    return (here / "rulebook", here.parent.parent / "rules")


def rules_dir() -> Path:
    """The folder the records are read from: package data first, then the source checkout."""
    for folder in _candidates():
        if folder.is_dir() and any(folder.glob("HEM*.toml")):
            return folder
    looked = " and ".join(str(p) for p in _candidates())
    raise RulebookError(
        f"the rule records were not found (looked in {looked}); reinstall helpful-errors from its checkout with 'pip install .', "
        "or for an editable install run 'pip install -e .' in the folder that holds 'rules/'"
    )


def _text(data: Mapping[str, Any], key: str, where: Path) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RulebookError(f"{where}: '{key}' must be a non-empty string; add it to the record")
    return value.strip()


def _options(data: Mapping[str, Any], where: Path) -> Tuple[RuleOption, ...]:
    table = data.get("options", {})
    if not isinstance(table, dict):
        raise RulebookError(f"{where}: 'options' must be a table of [options.NAME] tables; rewrite it in that form")
    found: List[RuleOption] = []
    for name, spec in sorted(table.items()):
        if not isinstance(spec, dict) or spec.get("type") not in OPTION_TYPES or "default" not in spec:
            raise RulebookError(
                f"{where}: option '{name}' needs a type (one of {', '.join(OPTION_TYPES)}), a default and a description"
            )
        found.append(RuleOption(name, spec["type"], spec["default"], str(spec.get("description", "")).strip()))
    return tuple(found)


def _examples(data: Mapping[str, Any], where: Path) -> Tuple[Example, ...]:
    items = data.get("examples", [])
    found: List[Example] = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("bad"), str) or not isinstance(item.get("good"), str):
            raise RulebookError(f"{where}: each [[examples]] entry needs 'bad' and 'good' snippets as strings")
        fixed = item.get("fixed")
        if fixed is not None and not isinstance(fixed, str):
            raise RulebookError(f"{where}: 'fixed' in an [[examples]] entry must be a string snippet")
        found.append(Example(item["bad"].strip("\n"), item["good"].strip("\n"), None if fixed is None else fixed.strip("\n")))
    return tuple(found)


def _fits(data: Mapping[str, Any], where: Path) -> Tuple[Tuple[str, str], ...]:
    table = data.get("fits", {})
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise RulebookError(f"{where}: 'fits' must be a table of kind = \"help template\" strings")
    return tuple(sorted((str(k), v.strip()) for k, v in table.items()))


def parse_record(path: Path) -> RuleRecord:
    """Read and validate one record file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RulebookError(f"{path}: cannot read the rule record ({exc}); fix the file or reinstall helpful-errors") from None
    for key in REQUIRED:
        _text(data, key, path)
    status = data["status"]
    if status not in STATUSES:
        raise RulebookError(f"{path}: status must be one of {', '.join(STATUSES)}, got {status!r}")
    audiences = tuple(data.get("audiences", AUDIENCES))
    if not set(audiences) <= set(AUDIENCES):
        raise RulebookError(f"{path}: audiences must be taken from {', '.join(AUDIENCES)}, got {list(audiences)}")
    if data["code"].strip() != path.stem:
        raise RulebookError(f"{path}: the record of {data['code'].strip()} must be named {data['code'].strip()}.toml; rename the file")
    fix = data.get("fix", "none")
    if fix not in FIXES:
        raise RulebookError(f"{path}: fix must be one of {', '.join(FIXES)}, got {fix!r}")
    return RuleRecord(
        code=data["code"].strip(),
        name=data["name"].strip(),
        status=status,
        message=_text(data, "message", path),
        help=_text(data, "help", path),
        what=_text(data, "what", path),
        why=_text(data, "why", path),
        references=tuple(str(r) for r in data.get("references", ())),
        options=_options(data, path),
        examples=_examples(data, path),
        supersedes=tuple(str(c) for c in data.get("supersedes", ())),
        audiences=audiences,
        internal=bool(data.get("internal", False)),
        fits=_fits(data, path),
        fix=fix,
        fix_why=str(data.get("fix_why", "")).strip(),
    )


@lru_cache(maxsize=1)
def rules() -> Tuple[RuleRecord, ...]:
    """Every rule record, sorted by code; parsed once per process."""
    folder = rules_dir()
    records = sorted((parse_record(p) for p in folder.glob("HEM*.toml")), key=lambda r: r.code)
    seen: Dict[str, Path] = {}
    for record in records:
        if record.code in seen:
            raise RulebookError(f"{folder}: the code {record.code} is used by two records; give one of them a new code")
        seen[record.code] = folder
    return tuple(records)


@lru_cache(maxsize=1)
def codes() -> Tuple[str, ...]:
    """Every rule's code, sorted, from the records' file names alone (each is named after
    its code): checking the codes in a configuration must not cost parsing every record."""
    return tuple(sorted(path.stem for path in rules_dir().glob("HEM*.toml")))


def get(code: str) -> RuleRecord:
    """The record of one code, such as ``get("HEM001")``; only that record is read."""
    wanted = code.strip().upper()
    if wanted in codes():
        return _record(wanted)
    raise KeyError(f"no rule has the code {code!r}; known codes are {', '.join(codes())}")


@lru_cache(maxsize=None)
def _record(code: str) -> RuleRecord:
    return parse_record(rules_dir() / f"{code}.toml")


def lookup(key: str) -> RuleRecord:
    """The record named by its code (``HEM001``) or its name (``state-only-message``)."""
    wanted = key.strip()
    for record in rules():
        if record.name == wanted.lower():
            return record
    return get(wanted)
