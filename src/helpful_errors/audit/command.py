"""The ``audit`` command's work: run with a progress bar, then summarize and write the reports."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import List, Optional, Sequence, TextIO

import click

from .. import atomic
from ..config import ConfigError, Settings
from ..model import FileResult
from .data import Audit, build
from .scope import Scope, product_code
from .html import render as render_html
from .terminal import report as report_terminal

PROGRESS_MIN_FILES = 100  # fewer files finish before a bar would be worth drawing


def analyse(files: Sequence[str], settings: Settings, jobs: int, use_cache: bool, stderr: TextIO) -> List[FileResult]:
    """Results for ``files``; a progress bar on standard error for long runs at a terminal only.

    One ``run_files`` call does the whole run (one worker pool), and its progress callback
    moves the bar as files finish.
    """
    from ..runner import run_files

    isatty = getattr(stderr, "isatty", None)
    if len(files) < PROGRESS_MIN_FILES or not (isatty and isatty()):
        results = run_files(files, settings, jobs=jobs, use_cache=use_cache)
    else:
        with click.progressbar(length=len(files), label="Analysing", file=stderr, show_pos=True) as bar:
            results = run_files(files, settings, jobs=jobs, use_cache=use_cache, progress=bar.update)
    return [replace(r, findings=tuple(f for f in r.findings if settings.code_enabled(f.code, f.path))) for r in results]


def _left_out(scope: Scope) -> str:
    parts = []
    if scope.files_left_out:
        parts.append(f"{scope.files_left_out} test and example {'file' if scope.files_left_out == 1 else 'files'}")
    if scope.main_blocks_left_out:
        blocks = "block" if scope.main_blocks_left_out == 1 else "blocks"
        parts.append(f"{scope.main_blocks_left_out} `if __name__ == \"__main__\":` {blocks}")
    return " and ".join(parts)


def project_name(settings: Settings, paths: Sequence[str]) -> str:
    """``[project].name`` of the pyproject.toml beside the settings, else the audited folder's name."""
    import os
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.9 and 3.10
        import tomli as tomllib

    folder = settings.root or os.path.abspath(paths[0] if paths else ".")
    try:
        with open(os.path.join(folder, "pyproject.toml"), "rb") as handle:
            name = tomllib.load(handle).get("project", {}).get("name")
        if isinstance(name, str) and name.strip():
            return name.strip()
    except (OSError, ValueError, AttributeError):
        pass
    audited = os.path.abspath(paths[0]) if paths else folder
    return os.path.basename(audited.rstrip(os.sep)) or audited


def audit_date() -> str:
    """Today in UTC; ``SOURCE_DATE_EPOCH`` fixes it, for reproducible reports."""
    import datetime
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch.isdigit() else datetime.datetime.now(datetime.timezone.utc)
    return when.date().isoformat()


def _write(path: str, text: str, what: str) -> None:
    try:
        atomic.write_text(path, text)
    except OSError as exc:
        raise ConfigError(f"cannot write the {what} to '{path}' ({exc.strerror or exc}); check that its folder exists and is writable") from None


def next_step(paths: Sequence[str], html_file: Optional[str], json_file: Optional[str]) -> str:
    """The closing line of the summary: what the auditor can do next."""
    written = [f"{what} report to {path}" for what, path in (("HTML", html_file), ("JSON", json_file)) if path]
    if written:
        return f"Wrote the {' and the '.join(written)}; open the HTML in a browser to sort and filter every finding."
    shown = " ".join(paths)
    return f"Next: run 'helpful-errors audit {shown} --html audit.html' to browse every finding, or 'helpful-errors check {shown}' to list them with help."


def run_audit(
    paths: Sequence[str],
    files: Sequence[str],
    settings: Settings,
    *,
    jobs: int,
    use_cache: bool,
    html_file: Optional[str],
    json_file: Optional[str],
    stdout: TextIO,
    stderr: TextIO,
    all_code: bool = False,
) -> Audit:
    """Analyse, write the requested reports, print the summary and return the numbers."""
    results = analyse(files, settings, jobs, use_cache, stderr)
    left_out = ""
    if not all_code:
        scope = product_code(results, paths)
        results, left_out = list(scope.results), _left_out(scope)
    audit = build(results, project_name(settings, paths), audit_date(), left_out)
    if html_file:
        _write(html_file, render_html(audit), "HTML report")
    if json_file:
        data = json.dumps(audit.as_dict(), indent=2, ensure_ascii=False, sort_keys=True)
        _write(json_file, f"{data}\n", "JSON report")
    report_terminal(audit, stdout, next_step(paths, html_file, json_file))
    return audit
