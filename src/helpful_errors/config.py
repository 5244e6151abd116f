"""Settings from ``[tool.helpful-errors]`` in the nearest pyproject.toml, validated.

Both front ends call ``load_settings`` so they judge with the same settings. A problem in
the file is a ``ConfigError`` whose text names the file, the key and the fix; the CLI turns
it into exit code 2 and the flake8 plugin into one HEM000 finding.
"""

from __future__ import annotations

import difflib
import fnmatch
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Dict, FrozenSet, Iterable, List, Mapping, Optional, Sequence, Tuple

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.9 and 3.10
    import tomli as tomllib

from . import rulebook
from .sink_config import EXAMPLE as SINK_EXAMPLE
from .sink_config import SinkSpec, describe, parse_sinks

TABLE = "helpful-errors"
AUDIENCES = ("library", "cli", "end-user")
# Vendored code: someone else's messages, which the project neither wrote nor should rewrite.
VENDORED = ("_vendor", "_vendored", "vendor", "vendored", "third_party", "site-packages")
DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".tox",
    ".nox",
    ".venv",
    "venv",
    ".eggs",
    "*.egg-info",
    "__pycache__",
    "build",
    "dist",
    "node_modules",
    ".mypy_cache",
    ".pytest_cache",
    ".helpful-errors-cache",
    *VENDORED,
)


class ConfigError(Exception):
    """A configuration or usage problem the user can fix; the text says how."""


# A file larger than this is given up with a HEM000: parsing costs memory many times the
# file's size, and no hand-written module comes near it.
DEFAULT_MAX_FILE_SIZE_MB = 2.0


@dataclass(frozen=True)
class Settings:
    """The effective settings of a run; hashable so that it can key the cache."""

    select: Tuple[str, ...] = ("HEM",)
    ignore: Tuple[str, ...] = ()
    per_file_ignores: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()
    exclude: Tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: Tuple[str, ...] = ()
    audience: str = ""  # "" chooses by message kind
    options: Tuple[Tuple[str, Any], ...] = ()
    max_file_size_mb: float = DEFAULT_MAX_FILE_SIZE_MB
    root: str = ""  # folder of the pyproject.toml the settings came from
    source: str = ""  # that file, for messages
    notes: Tuple[str, ...] = field(default=(), compare=False)  # what the user should hear once (codes of other linters)
    extend_sinks: Tuple[SinkSpec, ...] = ()  # the project's own calls that show a message

    def option(self, name: str, default: Any) -> Any:
        for key, value in self.options:
            if key == name:
                return value
        return default

    def code_enabled(self, code: str, path: str = "") -> bool:
        """flake8's rule: the longest matching prefix of select and ignore wins."""
        ignore = list(self.ignore)
        if path and self.per_file_ignores:
            rel = self.relative(path)
            for pattern, codes in self.per_file_ignores:
                if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(os.path.basename(path), pattern):
                    ignore.extend(codes)
        chosen = max((len(p) for p in self.select if code.startswith(p)), default=-1)
        ignored = max((len(p) for p in ignore if code.startswith(p)), default=-1)
        return chosen > ignored

    def takes_part(self, code: str, status: str) -> bool:
        """Whether a rule judges at all in this run, before select and ignore filter findings.

        A stable rule always takes part: its finding may replace another rule's on the same
        message, so it judges even where it is not reported, and ignoring it never lets the
        finding it replaces through (the judge runs it only where that can happen). A preview
        rule takes part only when named by its full code in select (or extend-select) and not
        ignored: a prefix such as ``HEM`` never turns on a rule still being tried out.
        """
        if status == "stable":
            return True
        return status == "preview" and code in self.select and self.code_enabled(code)

    def relative(self, path: str) -> str:
        """``path`` under the project's root (the folder of its settings), as written when outside it."""
        return _relative(path, self.root)

    def excluded(self, path: str) -> bool:
        """Whether an exclude pattern matches ``path`` under the root or any part of it."""
        rel = self.relative(path)
        matches = self._exclude_matcher()
        parts = Path(rel).parts if rel.startswith("/") or os.sep != "/" else [p for p in rel.split("/") if p not in ("", ".")]
        return any(matches(os.path.normcase(name)) is not None for name in (rel, *parts))

    def excluded_entry(self, rel: str, name: str) -> bool:
        """Whether an exclude pattern matches an entry of a folder that passed them all: only
        the entry's path under the root (``rel``) and its own ``name`` are left to test."""
        matches = self._exclude_matcher()
        return matches(os.path.normcase(rel)) is not None or matches(os.path.normcase(name)) is not None

    def _exclude_matcher(self) -> Callable[[str], Any]:
        return _exclude_matcher((*self.exclude, *self.extend_exclude))

    def fingerprint(self) -> str:
        """What a cached result depends on, beyond the file's bytes and the tool's version."""
        data = json.dumps(
            [self.select, self.ignore, self.per_file_ignores, self.audience, self.options, self.max_file_size_mb,
             describe(self.extend_sinks)], default=repr
        )
        return hashlib.sha256(data.encode()).hexdigest()[:16]


@lru_cache(maxsize=16)
def _exclude_matcher(patterns: Tuple[str, ...]) -> Callable[[str], Any]:
    """``fnmatch`` of any pattern as one compiled regex: discovery tests every folder and file."""
    joined = "|".join(fnmatch.translate(os.path.normcase(p.rstrip("/"))) for p in patterns)
    return re.compile(joined or "(?!)").match


def _relative(path: str, root: str) -> str:
    if root and os.sep == "/" and root.startswith("/") and not root.startswith("//") and os.path.normpath(root) == root:
        # The common case without pathlib, which cost more than the rest of a cached run.
        full = os.path.abspath(path)
        if full == root:
            return "."
        prefix = root if root == "/" else root + "/"
        if full.startswith(prefix):
            return full[len(prefix) :]
    if root:
        try:
            return Path(os.path.abspath(path)).relative_to(root).as_posix()
        except ValueError:
            pass
    return Path(path).as_posix()


# key -> (python type(s), description for messages)
CORE_KEYS: Dict[str, Tuple[type, str]] = {
    "select": (list, "a list of code prefixes, such as [\"HEM\"]"),
    "ignore": (list, "a list of code prefixes, such as [\"HEM003\"]"),
    "extend-select": (list, "a list of code prefixes to add to select"),
    "extend-ignore": (list, "a list of code prefixes to add to ignore"),
    "per-file-ignores": (dict, "a table of glob = [codes], such as {\"tests/*\" = [\"HEM001\"]}"),
    "exclude": (list, "a list of globs, such as [\"build\", \"*_pb2.py\"]"),
    "extend-exclude": (list, "a list of globs to add to exclude"),
    "audience": (str, "one of " + ", ".join(repr(a) for a in AUDIENCES)),
    "max-file-size-mb": (float, "a positive number of megabytes, such as 4"),
    "extend-sinks": (list, "a list of tables such as [" + SINK_EXAMPLE + "]"),
}

TYPE_WORDS = {"int": "an integer", "float": "a number", "str": "a string", "bool": "true or false", "list": "a list"}


@lru_cache(maxsize=1)
def rule_options() -> Dict[str, Tuple[type, str]]:
    """Options the rules declare in their rulebook records: name -> (type, description).

    Read from the rulebook data, not from the rule modules, so that the configuration
    depends on data alone.
    """
    found: Dict[str, Tuple[type, str]] = {}
    for record in rulebook.rules():
        for option in record.options:
            found.setdefault(option.name, (option.python_type, f"{TYPE_WORDS[option.type]} ({record.code}: {option.description})"))
    return found


@lru_cache(maxsize=1)
def known_codes() -> FrozenSet[str]:
    """Every code in the rulebook, implemented or not (HEM000 has no module)."""
    return frozenset(rulebook.codes())


def find_pyproject(start: str) -> Optional[Path]:
    """The nearest pyproject.toml at or above ``start`` that has our table, else the nearest one."""
    here = Path(os.path.abspath(start))
    if here.is_file() or not here.exists():
        here = here.parent
    nearest: Optional[Path] = None
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            if nearest is None:
                nearest = candidate
            try:
                if f"[tool.{TABLE}" in candidate.read_text(encoding="utf-8", errors="replace"):
                    return candidate
            except OSError:
                continue
    return nearest


def load_settings(start: str = ".", config_file: Optional[str] = None) -> Settings:
    """Read and validate the settings that apply to files under ``start``."""
    path = Path(config_file) if config_file else find_pyproject(start)
    if path is None:
        return Settings(root=os.path.abspath(start if os.path.isdir(start) else os.path.dirname(start) or "."))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the file ({exc.strerror or exc}); check its permissions or pass --config FILE") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: the file is not valid UTF-8; save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_malformed(path, exc)) from None
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(
            f"{path}: the key 'tool' must be a table, got {type(tool).__name__} {tool!r}; "
            f"remove that key and write the settings in a [tool.{TABLE}] section"
        )
    table = tool.get(TABLE, {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.{TABLE}] must be a table of settings, got {type(table).__name__}; write it as a [tool.{TABLE}] section")
    return settings_from_table(table, path)


def _malformed(path: Path, exc: Exception) -> str:
    """Where the TOML broke, as ``file:line:column``, and what the parser expected there."""
    text = str(exc)
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)", text)
    line, column = (getattr(exc, "lineno", None), getattr(exc, "colno", None))
    if found is not None:
        line, column = int(found.group(1)), int(found.group(2))
        text = text[: found.start()] + text[found.end() :]
    if line is None:
        return f"{path}: the TOML is malformed ({text}); fix the syntax and run again"
    return f"{path}:{line}:{column}: the TOML is malformed ({text}); fix the syntax at line {line}, column {column}"


def settings_from_table(table: Mapping[str, Any], path: Path) -> Settings:
    """Validate a ``[tool.helpful-errors]`` table and turn it into settings."""
    known = {**CORE_KEYS, **rule_options()}
    for key, value in table.items():
        if key not in known:
            close = difflib.get_close_matches(key, list(known), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "valid keys are " + ", ".join(sorted(known))
            raise ConfigError(f"{path}: unknown key '{key}' in [tool.{TABLE}]; {hint}")
        expected, description = known[key]
        if not _has_type(value, expected):
            raise ConfigError(
                f"{path}: '{key}' in [tool.{TABLE}] must be {description}, got {type(value).__name__} {value!r}"
            )
    for key in ("exclude", "extend-exclude"):
        for value in table.get(key, []):
            if not isinstance(value, str):
                raise ConfigError(f"{path}: entries of '{key}' in [tool.{TABLE}] must be glob strings such as \"build\", got {value!r}")
    for glob, codes in table.get("per-file-ignores", {}).items():
        if not isinstance(codes, (list, str)):
            raise ConfigError(
                f"{path}: per-file-ignores entry '{glob}' in [tool.{TABLE}] must be a list of codes such as [\"HEM001\"], got {codes!r}"
            )
    settings = Settings(root=str(path.parent.resolve()), source=str(path))
    foreign: List[str] = []
    select = tuple(_codes(table.get("select", ["HEM"]), "select", path, foreign))
    select += tuple(_codes(table.get("extend-select", []), "extend-select", path, foreign))
    ignore = tuple(_codes(table.get("ignore", []), "ignore", path, foreign))
    ignore += tuple(_codes(table.get("extend-ignore", []), "extend-ignore", path, foreign))
    per_file = tuple(
        (str(glob), tuple(_codes(codes if isinstance(codes, list) else [codes], f"per-file-ignores.{glob}", path, foreign)))
        for glob, codes in table.get("per-file-ignores", {}).items()
    )
    audience = table.get("audience", "")
    if audience and audience not in AUDIENCES:
        close = difflib.get_close_matches(audience, AUDIENCES, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "use one of " + ", ".join(AUDIENCES)
        raise ConfigError(f"{path}: audience '{audience}' is not known; {hint}")
    max_size = table.get("max-file-size-mb", DEFAULT_MAX_FILE_SIZE_MB)
    if not max_size > 0:
        raise ConfigError(f"{path}: 'max-file-size-mb' in [tool.{TABLE}] must be above 0, got {max_size!r}; set it to, say, {DEFAULT_MAX_FILE_SIZE_MB:g}")
    options = tuple(sorted((k, _freeze(v)) for k, v in table.items() if k in rule_options()))
    try:
        extend_sinks = parse_sinks(table.get("extend-sinks", []), AUDIENCES, f"{path}: ")
    except ValueError as exc:
        raise ConfigError(*exc.args) from None
    return replace(
        settings,
        select=select,
        ignore=ignore,
        per_file_ignores=per_file,
        exclude=tuple(table.get("exclude", DEFAULT_EXCLUDE)),
        extend_exclude=tuple(table.get("extend-exclude", ())),
        audience=audience,
        max_file_size_mb=float(max_size),
        options=options,
        notes=tuple(n for n in [foreign_note(foreign, f"{path}")] if n),
        extend_sinks=extend_sinks,
    )


def _has_type(value: Any, expected: type) -> bool:
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if expected is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, expected)


def _freeze(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    return value


OUR_PREFIX = "HEM"


def _ours(code: str) -> bool:
    """Whether an unknown code is meant as one of ours (a typo to report), not another linter's.

    Shared ``select``/``ignore`` lists name flake8's and plugins' codes (``E501``, ``F401``,
    flake8-errmsg's ``EM101``); as flake8 does with plugins it does not have, those are
    skipped. A code that starts with HEM (``HEM0011``), has no letters, or has three letters
    one substitution or swap away from HEM (``HME001``, ``HEN001``) is a typo of ours.
    """
    letters = re.match(r"[A-Z]*", code)
    prefix = letters.group(0) if letters else ""
    if not prefix or prefix.startswith(OUR_PREFIX):
        return True
    if len(prefix) != len(OUR_PREFIX):
        return False
    diffs = [i for i, (x, y) in enumerate(zip(prefix, OUR_PREFIX)) if x != y]
    swapped = len(diffs) == 2 and diffs[1] == diffs[0] + 1 and sorted(prefix) == sorted(OUR_PREFIX)
    return len(diffs) == 1 or swapped


def _codes(values: Iterable[Any], key: str, path: Path, foreign: Optional[List[str]] = None) -> Iterable[str]:
    """Check each entry is a code prefix we know, so that a typo cannot silence a rule.

    Codes of other linters are left out and collected in ``foreign`` for one note.
    """
    codes = known_codes()
    for value in values:
        if not isinstance(value, str):
            raise ConfigError(f"{path}: entries of '{key}' must be strings such as \"HEM001\", got {value!r}")
        code = value.strip().upper()
        if not any(c.startswith(code) for c in codes):
            if not _ours(code):
                if foreign is not None:
                    foreign.append(value.strip())
                continue
            close = difflib.get_close_matches(code, sorted(codes), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "run 'helpful-errors rules' to list the codes"
            raise ConfigError(f"{path}: '{key}' names the unknown code '{value}'; {hint}")
        yield code


def foreign_note(foreign: Sequence[str], where: str) -> str:
    """The one note for codes of other linters found in ``where``; "" when there are none."""
    if not foreign:
        return ""
    listed = ", ".join(dict.fromkeys(foreign))
    return (
        f"ignored codes of other linters in {where}: {listed} (helpful-errors codes start with {OUR_PREFIX}; "
        "run 'helpful-errors rules' to list them)"
    )


def validate_codes(values: Sequence[str], option: str, foreign: Optional[List[str]] = None) -> Tuple[str, ...]:
    """Check codes given on the command line the same way as codes in the file."""
    return tuple(_codes(values, option, Path("command line"), foreign))


__all__ = [
    "ConfigError", "Settings", "load_settings", "find_pyproject", "validate_codes", "foreign_note", "rule_options", "known_codes", "AUDIENCES",
]
