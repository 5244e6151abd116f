"""The end of ``check``: baseline, report, statistics and exit code, in one place.

Kept out of the command line module so that the flags flake8 and ruff users expect
(``--output``, ``--statistics``, ``--exit-zero``) and the baseline behave the same way
whichever format is chosen, and can be tested without a subprocess.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import FrozenSet, Optional, Sequence, TextIO

from .. import atomic, baseline
from ..config import ConfigError
from ..model import Finding
from ..exits import EXIT_CLEAN, EXIT_FINDINGS
from . import reporter, statistics, text
from .summary import summary_line


@dataclass(frozen=True)
class Delivery:
    """How to hand the findings of a ``check`` over."""

    fmt: str = "text"
    output: Optional[str] = None  # a file instead of standard output
    statistics: bool = False
    exit_zero: bool = False
    baseline: Optional[str] = None  # report only findings not recorded here
    write_baseline: Optional[str] = None  # record the findings here instead of reporting them
    color: Optional[bool] = None  # None: color when the text goes to a terminal
    quiet: bool = False  # findings only: no closing count, no notes


def load_baseline(options: Delivery) -> Optional[FrozenSet[baseline.Key]]:
    """Read the baseline before the run, so a missing file fails fast; None without --baseline."""
    if options.baseline and options.write_baseline:
        raise ConfigError(
            "--baseline and --write-baseline cannot be used together; "
            "use --write-baseline FILE alone to record the current findings, or --baseline FILE to check against them"
        )
    return baseline.load(options.baseline) if options.baseline else None


def _write_report(output: str, text: str) -> None:
    """The report file, written whole (a temporary file, then a rename) or not at all."""
    try:
        atomic.write_text(output, text)
    except OSError as exc:
        raise ConfigError(f"cannot write the report to '{output}' ({exc.strerror or exc}); check that its folder exists and is writable") from None


def deliver(
    findings: Sequence[Finding], options: Delivery, keys: Optional[FrozenSet[baseline.Key]], stdout: TextIO, stderr: TextIO,
    files_checked: int = 0,
) -> int:
    """Report ``findings`` as ``options`` say and return the exit code.

    A text report ends with a one-line count on standard error (``--quiet`` drops it).
    """
    if options.write_baseline:
        baseline.write(options.write_baseline, findings)
        noun = "finding" if len(findings) == 1 else "findings"
        if not options.quiet:
            stderr.write(
                f"helpful-errors: recorded {len(findings)} {noun} in {options.write_baseline}; "
                f"commit it and run 'helpful-errors check --baseline {options.write_baseline}' to report only new findings\n"
            )
        return EXIT_CLEAN
    shown = list(findings)
    if keys is not None and options.baseline:
        result = baseline.compare(findings, keys, options.baseline)
        shown = list(result.new)
        if result.fixed:
            stderr.write(
                f"helpful-errors: {result.fixed} findings recorded in {options.baseline} no longer occur; "
                f"run 'helpful-errors check --write-baseline {options.baseline}' with the same paths to drop them\n"
            )
    to_file = options.output is not None and options.output != "-"
    out = io.StringIO() if to_file else stdout
    if options.fmt == "text":
        text.report(shown, out, color=options.color)
    else:
        reporter(options.fmt)(shown, out)
    if options.statistics:
        # Machine formats must stay parseable, so their statistics go to standard error.
        statistics.report(shown, out if options.fmt == "text" else stderr)
    if to_file and options.output is not None and isinstance(out, io.StringIO):
        _write_report(options.output, out.getvalue())
    if options.fmt == "text" and not options.quiet and (files_checked or shown):  # an empty selection said so already
        stderr.write(summary_line(shown, files_checked) + "\n")
    return EXIT_FINDINGS if shown and not options.exit_zero else EXIT_CLEAN


__all__ = ["Delivery", "deliver", "load_baseline"]
