"""Code actions for a finding: each provider returns the actions it offers for one finding.

``PROVIDERS`` is the hook: a rule's fix is one more provider (placed before the noqa one, so
editors list the real fix first). The noqa action writes flake8's comment where the command
line and the flake8 plugin both read it, so the finding is silenced in every front end.
"""

from __future__ import annotations

from typing import Callable, List, Optional, Sequence, Tuple

from lsprotocol import types

from ..fix.noqa import add_noqa
from ..model import Finding
from ..source import python_lines
from .diagnostics import utf16_column

ActionProvider = Callable[[Finding, types.Diagnostic, str, str], List[types.CodeAction]]
"""(finding, its diagnostic, the buffer's text, its URI) -> code actions."""


def noqa_edit(text: str, finding: Finding) -> Optional[types.TextEdit]:
    """The edit that adds ``finding.code`` to the noqa comment of its line (or writes one).

    ``check --add-noqa`` decides where the comment goes and how codes are merged; the
    editor's action is that same change, limited to the one line it touches.
    """
    fixed, changed = add_noqa(text, [finding])
    if not changed:
        return None  # a bare noqa, or one that lists the code, already silences it
    before, after = python_lines(text), python_lines(fixed)
    for number, (old, new) in enumerate(zip(before, after), start=1):
        if old != new:
            old_body, new_body = old.rstrip("\r\n"), new.rstrip("\r\n")
            return types.TextEdit(_span(number, old, 0, len(old_body)), new_body)
    return None


def _span(number: int, line: str, start: int, end: int) -> types.Range:
    return types.Range(
        types.Position(number - 1, utf16_column(line, start)), types.Position(number - 1, utf16_column(line, end))
    )


def noqa_action(finding: Finding, diagnostic: types.Diagnostic, text: str, uri: str) -> List[types.CodeAction]:
    edit = noqa_edit(text, finding)
    if edit is None:
        return []
    return [
        types.CodeAction(
            title=f"Add `# noqa: {finding.code}` (silence this finding on its line)",
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            edit=types.WorkspaceEdit(changes={uri: [edit]}),
        )
    ]


def fix_action(finding: Finding, diagnostic: types.Diagnostic, text: str, uri: str) -> List[types.CodeAction]:
    """The rule's own fix (``check --fix``), marked preferred when it is safe."""
    fix = finding.fix
    if fix is None:
        return []
    lines = python_lines(text)

    def position(line: int, column: int) -> types.Position:
        shown = lines[line - 1] if 0 < line <= len(lines) else ""
        return types.Position(line - 1, utf16_column(shown, column))

    edits = [types.TextEdit(types.Range(position(e.line, e.column), position(e.end_line, e.end_column)), e.content) for e in fix.edits]
    review = "" if fix.applicability == "safe" else " (unsafe: review the new text)"
    return [
        types.CodeAction(
            title=f"{fix.title or 'Apply the fix'} ({finding.code}){review}",
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            edit=types.WorkspaceEdit(changes={uri: edits}),
            is_preferred=fix.applicability == "safe",
        )
    ]


PROVIDERS: Tuple[ActionProvider, ...] = (fix_action, noqa_action)


def actions_for(finding: Finding, diagnostic: types.Diagnostic, text: str, uri: str,
                providers: Sequence[ActionProvider] = PROVIDERS) -> List[types.CodeAction]:
    """Every code action the providers offer for one finding, in provider order."""
    return [action for provider in providers for action in provider(finding, diagnostic, text, uri)]


__all__ = ["ActionProvider", "PROVIDERS", "actions_for", "fix_action", "noqa_action", "noqa_edit"]
