"""Analyse one file: read, parse once, extract the message sites, judge them, apply noqa.

Nothing in the file is imported, executed or evaluated: LibCST only parses it. Every
problem with the file itself becomes one HEM000 finding on it, so that a bad file never
stops the run or hides the findings of the others.
"""

from __future__ import annotations

from typing import List

import libcst as cst

from . import source as source_io
from .checks import judge_sites
from .config import Settings
from .extract import extract_sites
from .model import FileResult, Finding
from .noqa import apply_noqa

UNANALYZABLE = "HEM000"


def file_problem(path: str, reason: str, line: int = 1, column: int = 0) -> FileResult:
    """A file that could not be analysed, as a result that carries one HEM000 finding."""
    finding = Finding(path, line, column, line, column, UNANALYZABLE, f"File could not be analyzed: {reason}", "", "", "unanalyzable-file")
    return FileResult(path, (), (finding,))


def analyze_path(path: str, settings: Settings) -> FileResult:
    """Read a file from disk and analyse it."""
    src = source_io.read(path)
    if src.text is None:
        return file_problem(path, src.problem, src.line)
    return analyze_source(src.text, path, settings)


def analyze_bytes(data: bytes, path: str, settings: Settings) -> FileResult:
    """Analyse a file's bytes; the runner reads each file once, to hash it and to analyse it."""
    src = source_io.decode(data)
    if src.text is None:
        return file_problem(path, src.problem, src.line)
    return analyze_source(src.text, path, settings)


def analyze_source(text: str, path: str, settings: Settings, noqa: bool = True) -> FileResult:
    """Analyse decoded source text; ``noqa=False`` leaves suppression to the caller (flake8)."""
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError as exc:
        message = str(exc).splitlines()[0] if str(exc) else "invalid syntax"
        return file_problem(path, f"syntax error at line {exc.raw_line}: {message}; fix the syntax or exclude the file", exc.raw_line, max(exc.raw_column, 0))
    except RecursionError:
        return file_problem(path, "the code is nested too deeply to analyze; exclude the file if it is generated")
    try:
        sites = extract_sites(module, text, path)
    except RecursionError:
        return file_problem(path, "the code is nested too deeply to analyze; exclude the file if it is generated")
    findings: List[Finding] = judge_sites(sites, settings, path)
    if noqa:
        findings = apply_noqa(findings, text)
    findings.sort(key=Finding.sort_key)
    return FileResult(path, tuple(sites), tuple(findings))
