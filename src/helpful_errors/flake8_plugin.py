"""The flake8 front end: ``flake8 --select HEM`` reports what ``helpful-errors check`` reports.

flake8 hands the plugin the lines it has already read, so the plugin analyses
``"".join(lines)`` with the same engine as the command line instead of reading the file a
second time. flake8 never reads pyproject.toml, so the plugin loads ``[tool.helpful-errors]``
itself, from the same place the command line would. Suppression is left to flake8, which
applies ``# noqa`` to every plugin alike; ``helpful_errors.noqa`` copies its rules for the
command line.

flake8 aborts the user's whole run when a plugin raises, so nothing escapes ``run()``: a
configuration problem or a bug becomes one HEM000 finding on the file, saying what to do.
"""

from __future__ import annotations

import ast
import os
from functools import lru_cache
from typing import Iterator, List, Sequence, Tuple, Union

from . import __version__
from .config import ConfigError, Settings, load_settings
from .engine import UNANALYZABLE, analyze_source

Result = Tuple[int, int, str, type]
BUG_URL = "https://github.com/helpful-errors/helpful-errors/issues/new"


@lru_cache(maxsize=64)
def _settings_for(folder: str) -> Union[Settings, str]:
    """Settings for files in ``folder``, or the configuration problem as text.

    flake8 checks many files per folder (and per worker process); the pyproject.toml is
    read once per folder.
    """
    try:
        return load_settings(folder)
    except ConfigError as exc:
        return str(exc)


class HelpfulErrorsChecker:
    """flake8 AST plugin; ``tree`` is required by flake8 to accept the plugin, and unused."""

    name = "helpful-errors"
    version = __version__

    def __init__(self, tree: ast.AST, filename: str, lines: Sequence[str]) -> None:
        self.tree = tree
        self.filename = filename
        self.lines = lines

    def run(self) -> Iterator[Result]:
        """Yield ``(line, column, "HEMxxx text", type)``: 1-based line, 0-based column."""
        try:
            results = self._results()
        except Exception as exc:  # noqa: BLE001 - an exception here would abort the user's flake8 run
            results = [
                _problem(
                    f"internal error ({type(exc).__name__}: {exc}); this is a bug in helpful-errors {__version__}, "
                    f"please report it at {BUG_URL} with this file"
                )
            ]
        yield from results

    def _results(self) -> List[Result]:
        folder = _folder_of(self.filename)
        settings = _settings_for(folder)
        if isinstance(settings, str):
            return [_problem(f"configuration error: {settings}")]
        result = analyze_source("".join(self.lines), self.filename, settings, noqa=False)
        out: List[Result] = []
        for f in result.findings:
            if f.code != UNANALYZABLE and not settings.code_enabled(f.code, self.filename):
                continue
            text = f"{f.code} {f.message}"
            if f.help:
                text = f"{text} (help: {f.help})"
            out.append((f.line, f.column, text, type(self)))
        return out


def _folder_of(filename: str) -> str:
    """Where to look for pyproject.toml: the file's folder, the current one for stdin."""
    if filename in ("-", "stdin", "") or not os.path.exists(filename):
        return os.path.abspath(".")
    return os.path.dirname(os.path.abspath(filename))


def _problem(reason: str) -> Result:
    return (1, 0, f"{UNANALYZABLE} File could not be analyzed: {reason}", HelpfulErrorsChecker)
