"""The flake8 front end: ``flake8 --select HEM`` reports what ``helpful-errors check`` reports.

flake8 hands the plugin the lines it has already read and the ``ast`` tree it has already
built, so the plugin analyses ``"".join(lines)`` with the same engine as the command line
and walks flake8's tree, instead of reading and parsing the file a second time (only the
few message statements, read with LibCST, are left to do). What Python rejects is
flake8's to report, as for every plugin: E999 for what its parser refuses (the plugin is
not even run), pyflakes for what the compiler refuses (``return`` outside a function is
F706), which the command line does not report either. flake8 never reads pyproject.toml, so the plugin loads ``[tool.helpful-errors]``
itself, from the same place the command line would. Suppression is left to flake8, which
applies ``# noqa`` to every plugin alike; ``helpful_errors.noqa`` copies its rules for the
command line.

flake8 aborts the user's whole run when a plugin raises, so nothing escapes ``run()``: a
configuration problem or a bug becomes one HEM000 finding on the file, saying what to do.
"""

from __future__ import annotations

import ast
import codecs
import io
import os
import tokenize
from functools import lru_cache
from typing import Any, Iterator, List, Optional, Sequence, Tuple, Union

from . import BUG_URL, __version__
from . import source as source_io
from .collector import freeze_loaded, paused
from .config import ConfigError, Settings, load_settings
from .engine import analyze_source, problem_finding, warm_up
from .model import UNANALYZABLE, UNANALYZABLE_PREFIX, Finding
from .printable import printable
from .source import Problem

Result = Tuple[int, int, str, type]


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
    """flake8 AST plugin; ``tree`` is flake8's parse of ``lines``, walked instead of parsing again."""

    name = "helpful-errors"
    version = __version__

    def __init__(self, tree: ast.AST, filename: str, lines: Sequence[str], options: Any = None) -> None:
        self.tree = tree
        self.filename = filename
        self.lines = lines
        # ``flake8 --stdin-display-name PATH -``: the buffer is the truth, PATH on disk may differ.
        self.from_stdin = "-" in (getattr(options, "filenames", None) or ())

    @classmethod
    def parse_options(cls, options: Any) -> None:
        """Called once in flake8's main process before it forks its workers: what the first
        analysis loads (the lexicon, the rules, the model weights) is loaded here once and
        shared, instead of once in every worker, and kept out of the collector's sight."""
        try:
            warm_up(Settings())
        except Exception:  # noqa: BLE001 - the workers load it themselves, and report what fails
            return
        freeze_loaded()

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
        text = "".join(self.lines)
        problem = _decoding_problem(self.filename, self.lines, text, self.from_stdin)
        if problem is not None:
            return [_result(problem_finding(self.filename, problem, text))]
        # The judge decides precedence over every rule that takes part, then keeps the codes
        # the table reports; flake8 applies its own select, ignore and noqa to the survivors,
        # so ignoring a code there never brings back the findings it replaced.
        tree = self.tree if isinstance(self.tree, ast.Module) else None
        with paused():
            analysed = analyze_source(text, self.filename, settings, noqa=False, tree=tree)
        return [_result(f) for f in analysed.findings]


def _result(finding: Finding) -> Result:
    """A finding as flake8 wants it, the help line appended to the text."""
    text = f"{finding.code} {printable(finding.message)}"
    if finding.help:
        text = f"{text} (help: {printable(finding.help)})"
    return (finding.line, finding.column, text, HelpfulErrorsChecker)


def _decoding_problem(filename: str, lines: Sequence[str], text: str, from_stdin: bool = False) -> Optional[Problem]:
    """The HEM000 problem the command line reports for this file's encoding, or None.

    flake8 falls back to latin-1 when a file's bytes do not decode as declared (an unknown
    coding comment, a byte order mark with a coding comment for another encoding, bytes
    invalid in the declared encoding or in UTF-8) and hands the plugin that text; the
    command line reports such a file as HEM000, and the plugin must say the same. The
    declaration lives on line 1 or 2, so an unknown encoding is seen in ``lines`` alone;
    the file's bytes are read again only when the text may come from that fallback: a
    file that declares an encoding other than UTF-8 (flake8 strips the byte order mark
    from ``lines``), or UTF-8 text whose characters all fit latin-1 and whose latin-1
    bytes are not UTF-8. Text read from standard input has no fallback (flake8 decodes it
    as declared, else as UTF-8) and no file behind it, so it is never compared with the disk.
    """
    head = "".join(lines[:2]).encode("utf-8", "replace")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(head).readline)
    except SyntaxError:  # "unknown encoding: ...": the reason comes from the same code as the CLI's
        return source_io.decode(head).problem
    if codecs.lookup(encoding).name == "utf-8" and not _may_be_latin1_fallback(text):
        return None
    if from_stdin or filename in ("-", "stdin", "") or not os.path.isfile(filename):
        return None  # no bytes to compare with: trust flake8's text
    return source_io.read(filename).problem


def _may_be_latin1_fallback(text: str) -> bool:
    """Whether ``text`` could be flake8's latin-1 reading of bytes that are not UTF-8."""
    if text.isascii():
        return False
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:  # characters beyond latin-1: flake8 decoded real UTF-8
        return False
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False  # flake8 would have decoded these bytes as UTF-8 and got other text


def _folder_of(filename: str) -> str:
    """Where to look for pyproject.toml: the file's folder, the current one for stdin."""
    if filename in ("-", "stdin", "") or not os.path.exists(filename):
        return os.path.abspath(".")
    return os.path.dirname(os.path.abspath(filename))


def _problem(reason: str) -> Result:
    """One HEM000 result on line 1 for a problem outside the file (configuration, a bug of ours)."""
    return (1, 0, f"{UNANALYZABLE} {UNANALYZABLE_PREFIX}{reason}", HelpfulErrorsChecker)
