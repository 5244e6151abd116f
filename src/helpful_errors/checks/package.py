"""The package pass: rules that compare messages across the files of one package (HEM017).

The judge sees one file at a time; consistency is a property of a package. After all files
are analysed, ``judge_package`` re-reads the sites of every result (analysis is cheap next
to parsing), groups them by package folder and sink family, and emits at most one finding
per inconsistent group, on the first message that breaks the convention. The finding names
the counts and the dominant style, so one finding stands for all the deviating messages.

HEM017 is a preview rule: the flake8 plugin cannot see other files, so the pass runs only
when the rule is selected by its full code (``--select HEM017`` or ``extend-select``), and
the default reports of both front ends stay identical.
"""

from __future__ import annotations

import os
from typing import Dict, List, Sequence, Tuple

from ..config import VENDORED as VENDORED_FOLDERS, Settings
from ..model import FileResult, Finding
from ..noqa import apply_noqa
from .. import source as source_io
from .hem017_inconsistent_style import CASE_STYLES, CODE, END_STYLES, case_style, dominant, end_style, family, lower_words
from .judge import applies, to_finding
from .message import Message, analyse
from .registry import rule
from .rule import Hit, Options

VENDORED = frozenset(VENDORED_FOLDERS)  # skipped even when a project's own exclude list lets them in
Group = Tuple[str, str]


def package_of(path: str) -> str:
    """The folder of the file: each package folder (with or without __init__.py) is one group."""
    return os.path.dirname(os.path.abspath(path))


def _groups(results: Sequence[FileResult], settings: Settings) -> Dict[Group, List[Message]]:
    found = rule(CODE)
    groups: Dict[Group, List[Message]] = {}
    if found is None:
        return groups
    for result in results:
        folder = package_of(result.path)
        if VENDORED.intersection(folder.split(os.sep)) or not settings.code_enabled(CODE, result.path):
            continue
        for site in result.sites:
            if site.template is None:
                continue
            message = analyse(site, settings)
            if applies(found.record, message):
                groups.setdefault((folder, family(message)), []).append(message)
    return groups


def _describe(kind: str, styles: Dict[str, str], best: str, count: int, total: int) -> str:
    other = next(style for name, style in styles.items() if name != best)
    return f"{total - count} of {total} {kind} messages {other}, the other {count} {styles[best]}"


def judge_group(group: Group, messages: Sequence[Message], options: Options) -> List[Tuple[Message, Hit]]:
    """At most one hit: on the first message that breaks a convention of the group."""
    minimum = int(options.get("inconsistent-style-min-messages"))
    share = float(options.get("inconsistent-style-dominant-share"))
    plain = lower_words(messages)
    ordered = sorted(messages, key=lambda m: (m.site.path, m.site.span.line, m.site.span.column))
    problems: List[str] = []
    first: List[Message] = []
    conventions: List[str] = []
    for styles, style_of in ((CASE_STYLES, lambda m: case_style(m, plain)), (END_STYLES, end_style)):
        judged = [(m, style_of(m)) for m in ordered]
        known = [(m, s) for m, s in judged if s is not None]
        found = dominant([s for _, s in known], minimum, share)
        if found is None:
            continue
        best, count = found
        problems.append(_describe(group[1], styles, best, count, len(known)))
        conventions.append(styles[best])
        first.append(next(m for m, s in known if s != best))
    if not first:
        return []
    target = min(first, key=lambda m: (m.site.path, m.site.span.line, m.site.span.column))
    return [(target, Hit.of(problem="; ".join(problems), convention=" and ".join(conventions), kind=group[1]))]


def judge_package(results: Sequence[FileResult], settings: Settings) -> List[Finding]:
    """Findings of the package-level rules over all analysed files (noqa applied)."""
    found = rule(CODE)
    if found is None or not settings.takes_part(CODE, found.record.status):
        return []
    options = Options(found.record, settings)
    findings: List[Finding] = []
    for group, messages in sorted(_groups(results, settings).items()):
        for message, hit in judge_group(group, messages, options):
            findings.append(to_finding(message, found.record, hit))
    return [kept for finding in findings for kept in _unsilenced(finding)]


def _unsilenced(finding: Finding) -> List[Finding]:
    """The finding unless a ``# noqa`` on its line silences it, with flake8's rules."""
    read = source_io.read(finding.path)
    if read.text is None:
        return [finding]
    return apply_noqa([finding], read.text)
