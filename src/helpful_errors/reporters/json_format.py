"""A JSON array of findings: the contract scripts and the corpus scorer rely on."""

from __future__ import annotations

import json
from typing import Any, Dict, Optional, Sequence, TextIO

from ..model import Finding
from ..printable import path_text


def finding_dict(f: Finding) -> Dict[str, Any]:
    return {
        "path": path_text(f.path),
        "line": f.line,
        "column": f.column + 1,
        "end_line": f.end_line,
        "end_column": f.end_column + 1,
        "code": f.code,
        "name": f.name,
        "message": f.message,
        "help": f.help,
        "text": f.text,
        "fix": fix_dict(f),
    }


def fix_dict(f: Finding) -> Optional[Dict[str, Any]]:
    """The finding's fix in ruff's JSON shape: applicability, message and edits (1-based columns)."""
    if f.fix is None:
        return None
    return {
        "applicability": f.fix.applicability,
        "message": f.fix.title,
        "edits": [
            {
                "location": {"row": e.line, "column": e.column + 1},
                "end_location": {"row": e.end_line, "column": e.end_column + 1},
                "content": e.content,
            }
            for e in f.fix.edits
        ],
    }


def report(findings: Sequence[Finding], out: TextIO) -> None:
    json.dump([finding_dict(f) for f in findings], out, indent=2, ensure_ascii=False)
    out.write("\n")
