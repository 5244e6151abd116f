"""SARIF 2.1.0, the format GitHub code scanning and other dashboards import.

Each rule is described once in ``tool.driver.rules`` from the rulebook (name, short and
full description, help text and a link), so a code-scanning alert explains itself. Each
result carries a ``partialFingerprints`` value built from the same key as the baseline, so
an alert keeps its identity when lines above it move.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Dict, List, Sequence, TextIO
from urllib.parse import quote

from .. import __version__
from ..baseline import entries_for
from ..model import UNANALYZABLE, Finding
from ..printable import path_bytes

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/helpful-errors/helpful-errors"
FINGERPRINT = "helpfulErrors/v1"


def short_title(message: str) -> str:
    """The finding message up to its first placeholder: ``File could not be analyzed: {reason}`` -> title."""
    head = message.split("{", 1)[0].rstrip(" :;,-")
    return head or message


def rule_descriptor(record: Any) -> Dict[str, Any]:
    """A ``reportingDescriptor`` from a rulebook record."""
    what = str(getattr(record, "what", "") or record.message).strip()
    why = str(getattr(record, "why", "") or "").strip()
    help_text = str(record.help).strip()
    references = [str(r) for r in (getattr(record, "references", ()) or ())]
    url = str(getattr(record, "url", "") or "")
    markdown = [f"**{record.code} {record.name}**", "", what]
    if why:
        markdown += ["", f"**Why:** {why}"]
    if help_text:
        markdown += ["", f"**How to fix:** {help_text}"]
    if references:
        markdown += ["", "**References:**", *(f"- {ref}" for ref in references)]
    if url:
        markdown += ["", f"[Rule documentation]({url})"]
    plain = "\n\n".join(part for part in (what, why, f"How to fix: {help_text}" if help_text else "") if part)
    descriptor: Dict[str, Any] = {
        "id": record.code,
        "name": record.name,
        "shortDescription": {"text": short_title(str(record.message))},
        "fullDescription": {"text": what},
        "help": {"text": plain, "markdown": "\n".join(markdown)},
        "defaultConfiguration": {"level": "error" if record.code == UNANALYZABLE else "warning"},
        "properties": {"tags": ["maintainability", "error-messages"], "status": str(getattr(record, "status", ""))},
    }
    if url:
        descriptor["helpUri"] = url
    return descriptor


def _fallback_descriptor(f: Finding) -> Dict[str, Any]:
    """Metadata for a code the rulebook does not list, built from the finding itself."""
    return {
        "id": f.code,
        "name": f.name or f.code,
        "shortDescription": {"text": f.message},
        "fullDescription": {"text": f.message},
        "help": {"text": f.help or f.message, "markdown": f.help or f.message},
        "defaultConfiguration": {"level": "error" if f.code == UNANALYZABLE else "warning"},
    }


def rule_descriptors(findings: Sequence[Finding]) -> List[Dict[str, Any]]:
    """Every rule in the rulebook that is not removed, plus any reported code it does not know, sorted by id."""
    from .. import rulebook

    used = {f.code for f in findings}
    by_code: Dict[str, Dict[str, Any]] = {
        r.code: rule_descriptor(r) for r in rulebook.rules() if r.status != "removed" or r.code in used
    }
    for f in findings:
        if f.code not in by_code:
            by_code[f.code] = _fallback_descriptor(f)
    return [by_code[code] for code in sorted(by_code)]


def artifact_uri(path: str) -> str:
    """A relative URI for paths under the current folder (what code scanning expects), else file://."""
    if os.path.isabs(path):
        try:
            path = os.path.relpath(path)
        except ValueError:  # another drive on Windows
            return Path(path).as_uri()
        if path.startswith(".."):
            return Path(os.path.abspath(path)).as_uri()
    return quote(path_bytes(Path(path).as_posix()))


def sarif_fix(f: Finding) -> Dict[str, Any]:
    """A SARIF ``fix``: one artifact change whose replacements are the finding's edits."""
    assert f.fix is not None
    replacements = [
        {
            "deletedRegion": {"startLine": e.line, "startColumn": e.column + 1, "endLine": e.end_line, "endColumn": e.end_column + 1},
            "insertedContent": {"text": e.content},
        }
        for e in f.fix.edits
    ]
    return {
        "description": {"text": f.fix.title or "Apply the fix"},
        "artifactChanges": [{"artifactLocation": {"uri": artifact_uri(f.path)}, "replacements": replacements}],
        "properties": {"applicability": f.fix.applicability},
    }


def build(findings: Sequence[Finding]) -> Dict[str, Any]:
    """The SARIF log as a dictionary."""
    rules = rule_descriptors(findings)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for entry, f in entries_for(findings, os.getcwd()):
        key = "\0".join((entry.path, entry.code, entry.text, str(entry.occurrence)))
        text = f.message_with_help
        region = {
            "startLine": max(f.line, 1),
            "startColumn": f.column + 1,
            "endLine": max(f.end_line, f.line, 1),
            "endColumn": f.end_column + 1,
        }
        results.append(
            {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": "error" if f.code == UNANALYZABLE else "warning",
                "message": {"text": text},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(f.path)}, "region": region}}],
                "partialFingerprints": {FINGERPRINT: hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()},
                "properties": {"analysedText": f.text, "ruleName": f.name},
                **({"fixes": [sarif_fix(f)]} if f.fix is not None else {}),
            }
        )
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "helpful-errors",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def report(findings: Sequence[Finding], out: TextIO) -> None:
    json.dump(build(findings), out, indent=2, ensure_ascii=False)
    out.write("\n")
