"""Findings as LSP diagnostics: full ranges, the rule code and its documentation, help kept apart.

The message is the finding alone; the help line travels in ``relatedInformation`` (shown
under the diagnostic by most editors) and in ``data`` (for clients and code actions), so
the editor never shows one glued sentence of 250 characters.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence

from lsprotocol import types

from .. import rulebook
from ..model import UNANALYZABLE, Finding
from ..source import python_lines

SOURCE = "helpful-errors"


def utf16_column(line: str, column: int) -> int:
    """LSP counts columns in UTF-16 code units; our findings count code points."""
    prefix = line[:column]
    return column + sum(1 for ch in prefix if ord(ch) > 0xFFFF)


def finding_range(finding: Finding, lines: Sequence[str]) -> types.Range:
    """The finding's span in LSP coordinates (0-based lines, UTF-16 columns)."""

    def position(line: int, column: int) -> types.Position:
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        return types.Position(line=max(line - 1, 0), character=utf16_column(text, column))

    start = position(finding.line, finding.column)
    end = position(finding.end_line, finding.end_column)
    if (end.line, end.character) < (start.line, start.character):
        end = start
    return types.Range(start=start, end=end)


def rule_url(code: str) -> Optional[str]:
    """The rule's documentation link, the same one the SARIF report carries."""
    try:
        return rulebook.get(code).url
    except KeyError:
        return None


def to_diagnostic(finding: Finding, uri: str, lines: Sequence[str]) -> types.Diagnostic:
    where = finding_range(finding, lines)
    url = rule_url(finding.code)
    data: Dict[str, Any] = {"help": finding.help, "name": finding.name}
    related: Optional[List[types.DiagnosticRelatedInformation]] = None
    if finding.help:
        related = [types.DiagnosticRelatedInformation(types.Location(uri, where), f"help: {finding.help}")]
    return types.Diagnostic(
        range=where,
        message=finding.message,
        severity=types.DiagnosticSeverity.Error if finding.code == UNANALYZABLE else types.DiagnosticSeverity.Warning,
        code=finding.code,
        code_description=types.CodeDescription(href=url) if url else None,
        source=SOURCE,
        related_information=related,
        data=data,
    )


def to_diagnostics(findings: Sequence[Finding], uri: str, text: str) -> List[types.Diagnostic]:
    lines = python_lines(text)
    return [to_diagnostic(f, uri, lines) for f in findings]
