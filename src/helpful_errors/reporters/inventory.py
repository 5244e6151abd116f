"""The message inventory (``helpful-errors messages``) as JSON-ready dictionaries."""

from __future__ import annotations

from typing import Any, Dict

from ..model import MessageSite
from ..printable import path_text


def site_dict(s: MessageSite) -> Dict[str, Any]:
    return {
        "path": path_text(s.path),
        "line": s.span.line,
        "column": s.span.column + 1,
        "end_line": s.span.end_line,
        "end_column": s.span.end_column + 1,
        "statement_line": s.statement_line,
        "kind": s.kind,
        "callee": s.callee,
        "level": s.level,
        "text": s.text,
        "text_status": s.text_status,
        "unknown_reason": s.unknown_reason,
        "notes": [n.text for n in s.notes],
        "function": s.function,
        "class": s.class_name,
        "sink": s.sink,
        "audience": s.audience,
    }
