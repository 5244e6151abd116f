"""Hover on a finding: the rule's explanation, from the same record ``explain`` prints."""

from __future__ import annotations

from typing import Optional, Sequence

from lsprotocol import types

from .. import rulebook
from ..model import Finding


def covers(where: types.Range, position: types.Position) -> bool:
    start, end = (where.start.line, where.start.character), (where.end.line, where.end.character)
    return start <= (position.line, position.character) <= end


def explanation(finding: Finding) -> str:
    """Markdown: the finding, its help, then what the rule finds and why, and the docs link."""
    parts = [f"**{finding.code}** `{finding.name}`: {finding.message}"]
    if finding.help:
        parts.append(f"**Help:** {finding.help}")
    try:
        record = rulebook.get(finding.code)
    except KeyError:
        return "\n\n".join(parts)
    parts += [f"**What it finds.** {record.what}", f"**Why it matters.** {record.why}", f"[Rule documentation]({record.url})"]
    return "\n\n".join(parts)


def hover(found: Sequence[types.Diagnostic], findings: Sequence[Finding], position: types.Position) -> Optional[types.Hover]:
    """The explanations of every finding under ``position``; ``found[i]`` is ``findings[i]``'s diagnostic."""
    hits = [(d, f) for d, f in zip(found, findings) if covers(d.range, position)]
    if not hits:
        return None
    text = "\n\n---\n\n".join(explanation(f) for _, f in hits)
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text), range=hits[0][0].range)
