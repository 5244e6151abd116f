"""The numbers of an audit, computed once and shared by the terminal, HTML and JSON views.

A message *guides* the reader when its text is fully known and no rule found it only
describing the state (HEM001) or vague (HEM002). Sites whose text is built elsewhere are
counted but left out of the share, because nothing can be said about text we cannot read.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ..model import TEXT_LITERAL, UNANALYZABLE, FileResult, Finding, MessageSite
from ..printable import path_text
from ..reporters.json_format import finding_dict
from ..reporters.statistics import counts

GUIDANCE_CODES = ("HEM001", "HEM002")
WORST = 10  # rows in the "worst" lists


@dataclass(frozen=True)
class Tally:
    """Counts for one file, one package or the whole run."""

    name: str
    files: int
    sites: int
    known: int  # sites whose text is fully known
    guiding: int  # known sites without a HEM001/HEM002 finding
    findings: int

    @property
    def share(self) -> Optional[float]:
        """Share of known sites that guide the reader; None when no text is known."""
        return self.guiding / self.known if self.known else None

    def as_dict(self) -> Dict[str, Any]:
        return {
            "name": self.name,
            "files": self.files,
            "sites": self.sites,
            "known": self.known,
            "guiding": self.guiding,
            "findings": self.findings,
            "share": None if self.share is None else round(self.share, 4),
        }


@dataclass(frozen=True)
class RuleCount:
    code: str
    name: str
    count: int


@dataclass(frozen=True)
class BadMessage:
    """One of the worst messages: a site with guidance findings."""

    path: str
    line: int
    column: int
    text: str
    findings: Tuple[Finding, ...]

    def as_dict(self) -> Dict[str, Any]:
        return {
            "path": path_text(self.path),
            "line": self.line,
            "column": self.column + 1,
            "text": self.text,
            "codes": [f.code for f in self.findings],
            "messages": [f.message for f in self.findings],
            "help": [f.help for f in self.findings],
        }


@dataclass(frozen=True)
class Audit:
    total: Tally
    status_counts: Tuple[Tuple[str, int], ...]  # sites by text status
    unanalyzable: int  # files with HEM000
    rules: Tuple[RuleCount, ...]
    files: Tuple[Tally, ...]  # every file, worst first
    packages: Tuple[Tally, ...]  # every package, worst first
    worst_messages: Tuple[BadMessage, ...]
    findings: Tuple[Finding, ...]
    project: str = ""  # the audited project's name (pyproject.toml, else its folder)
    date: str = ""  # the day of the audit, ISO 8601
    unanalyzable_paths: Tuple[str, ...] = ()  # the files with HEM000, each named
    left_out: str = ""  # what the default scope left out, in words ("" when nothing)

    def as_dict(self) -> Dict[str, Any]:
        """The JSON form (``audit --json``): stable keys, 1-based columns like ``check --format json``."""
        return {
            "tool": "helpful-errors",
            "version": 1,
            "project": self.project,
            "date": self.date,
            "unanalyzable_paths": list(self.unanalyzable_paths),
            "left_out": self.left_out,
            "summary": {**self.total.as_dict(), "unanalyzable_files": self.unanalyzable, "sites_by_text_status": dict(self.status_counts)},
            "rules": [{"code": r.code, "name": r.name, "count": r.count} for r in self.rules],
            "files": [t.as_dict() for t in self.files],
            "packages": [t.as_dict() for t in self.packages],
            "worst_messages": [m.as_dict() for m in self.worst_messages],
            "findings": [{**finding_dict(f), "package": package_of(f.path)} for f in self.findings],
        }


def package_of(path: str) -> str:
    """The folder a file lives in, POSIX style: the unit an owner usually answers for."""
    return posixpath.dirname(path_text(Path(path).as_posix())) or "."


def _site_findings(result: FileResult) -> List[Tuple[MessageSite, Tuple[Finding, ...]]]:
    """Each site with the guidance findings on its message (each finding knows its site)."""
    by_site: Dict[int, List[Finding]] = {}
    for f in result.findings:
        if f.code in GUIDANCE_CODES and f.site is not None:
            by_site.setdefault(id(f.site), []).append(f)
    return [(site, tuple(by_site.get(id(site), ()))) for site in result.sites]


def _worst_first(t: Tally) -> Tuple[int, float, str]:
    return (-t.findings, t.share if t.share is not None else 1.0, t.name)


def _sum(name: str, tallies: Sequence[Tally]) -> Tally:
    return Tally(
        name,
        sum(t.files for t in tallies),
        sum(t.sites for t in tallies),
        sum(t.known for t in tallies),
        sum(t.guiding for t in tallies),
        sum(t.findings for t in tallies),
    )


def build(results: Sequence[FileResult], project: str = "", date: str = "", left_out: str = "") -> Audit:
    """Compute every number of the audit from the results of a run."""
    file_tallies: List[Tally] = []
    bad: List[BadMessage] = []
    statuses: Counter[str] = Counter()
    for result in results:
        known = guiding = 0
        for site, found in _site_findings(result):
            statuses[site.text_status] += 1
            if site.text_status != TEXT_LITERAL:
                continue
            known += 1
            if found:
                bad.append(BadMessage(result.path, site.span.line, site.span.column, site.text, found))
            else:
                guiding += 1
        file_tallies.append(Tally(result.path, 1, len(result.sites), known, guiding, len(result.findings)))
    by_package: Dict[str, List[Tally]] = {}
    for t in file_tallies:
        by_package.setdefault(package_of(t.name), []).append(t)
    findings = tuple(sorted((f for r in results for f in r.findings), key=Finding.sort_key))
    rules = tuple(RuleCount(*row) for row in counts(findings))
    unanalyzable = tuple(sorted({f.path for f in findings if f.code == UNANALYZABLE}))
    bad.sort(key=lambda m: (-len(m.findings), len(m.text.strip()), m.path, m.line))
    return Audit(
        total=_sum("total", file_tallies),
        status_counts=tuple(sorted(statuses.items())),
        unanalyzable=len(unanalyzable),
        rules=rules,
        files=tuple(sorted(file_tallies, key=_worst_first)),
        packages=tuple(sorted((_sum(name, ts) for name, ts in by_package.items()), key=_worst_first)),
        worst_messages=tuple(bad[:WORST]),
        findings=findings,
        project=project,
        date=date,
        unanalyzable_paths=unanalyzable,
        left_out=left_out,
    )
