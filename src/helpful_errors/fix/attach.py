"""Give each finding whose repair is mechanical its ``Fix``, during the analysis.

Runs only for files that have findings of a rule with a fixer; the rule is asked again for
its hit (rules are pure and cheap) so the fixer sees the same fields as the finding text.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from ..checks.message import analyse
from ..checks.registry import rule
from ..checks.rule import Options
from ..config import Settings
from ..model import Finding, Fix, MessageSite
from .codes import FIXABLE, FOLLOW_CAPITALS
from .context import FixContext
from .fixers import FIXERS
from .region import parse_region, split_lines
from .style import Capitals



def attach_fixes(
    findings: Sequence[Finding], sites: Sequence[MessageSite], text: str, settings: Settings,
    outside: Capitals = Capitals(), codes: FrozenSet[str] = FIXABLE,
) -> List[Finding]:
    """The findings, each with its fix when there is one (only for ``codes``)."""
    if not any(f.code in codes for f in findings):
        return list(findings)
    by_span: Dict[Tuple[int, int, int, int], MessageSite] = {}
    for site in sites:
        by_span.setdefault((site.span.line, site.span.column, site.span.end_line, site.span.end_column), site)
    lines = split_lines(text)
    out: List[Finding] = []
    for finding in findings:
        found = by_span.get((finding.line, finding.column, finding.end_line, finding.end_column))
        fix = _fix_for(finding, found, sites, lines, text, settings, outside) if finding.code in codes and found is not None else None
        out.append(replace(finding, fix=fix) if fix is not None else finding)
    return out


def restyle(findings: Sequence[Finding], sites: Sequence[MessageSite], text: str, settings: Settings, outside: Capitals) -> List[Finding]:
    """The findings with the fixes that follow the messages' capitalization made again, the
    package's messages in the run's other files (``outside``) counted too."""
    if outside == Capitals() or not any(f.code in FOLLOW_CAPITALS for f in findings):
        return list(findings)
    bare = [replace(f, fix=None) if f.code in FOLLOW_CAPITALS else f for f in findings]
    return attach_fixes(bare, sites, text, settings, outside, FOLLOW_CAPITALS)


def _fix_for(
    finding: Finding, site: MessageSite, sites: Sequence[MessageSite], lines: List[str], text: str, settings: Settings,
    outside: Capitals,
) -> Optional[Fix]:
    implemented = rule(finding.code)
    if implemented is None or not site.fixable:  # the literal is not the text judged: no safe rewrite
        return None
    message = analyse(site, settings)
    hit = implemented.module.check(message, Options(implemented.record, settings))
    if hit is None:
        return None
    first = min(site.statement_line or finding.line, finding.line)
    last = max(site.statement_end_line or finding.end_line, finding.end_line)
    region = parse_region(lines, first, last)
    if region is None:
        return None
    node = region.node_at(finding.line, finding.column, finding.end_line, finding.end_column)
    if node is None:
        return None
    return FIXERS[finding.code](FixContext(finding, site, message, hit, region, node, sites, text, outside))
