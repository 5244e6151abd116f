"""Run the enabled rules over the sites of one file. (Interim HEM001 until the rulebook lands.)"""

from __future__ import annotations

import re
from typing import List, Sequence

from ..config import Settings
from ..model import TEXT_LITERAL, Finding, MessageSite

_CUE = re.compile(r"\b(use|pass|set|must|should|expected|expect|one of|did you mean|see|install|try|run|instead|required|requires)\b", re.I)


def judge_sites(sites: Sequence[MessageSite], settings: Settings, path: str) -> List[Finding]:
    findings: List[Finding] = []
    for site in sites:
        if site.template is None or site.text_status != TEXT_LITERAL:
            continue
        if not _CUE.search(site.template.literal) and settings.code_enabled("HEM001", path):
            s = site.span
            findings.append(
                Finding(path, s.line, s.column, s.end_line, s.end_column, "HEM001",
                        "Message only describes the state", "Add what the reader should do.", site.text, "state-only")
            )
    return findings
