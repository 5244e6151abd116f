"""Run the rules over the sites of one file and turn their hits into findings.

Each site is analysed once (``message.analyse``) and every rule reads the same ``Message``.
Context filters come first: a rule judges a message only when the message's audience is in
the rule's record and, unless the record says ``internal = true``, when the message is not an
internal invariant. When several rules fire on one message, a finding whose code another
firing rule ``supersedes`` (per its record) is dropped, so one bad message gets its most
specific finding instead of several overlapping ones.

Precedence is decided before select, ignore and per-file-ignores (and ``# noqa``, applied
after the judge): a rule that is not reported for the file still judges when it could
replace a reported one, and only then are its findings dropped. So ignoring a code removes
its findings and never lets the findings it replaces through, as in flake8 and ruff.
"""

from __future__ import annotations

from typing import Dict, FrozenSet, List, Sequence, Set, Tuple

from ..config import Settings
from ..model import Finding, MessageSite
from ..rulebook import RuleRecord
from .message import Message, analyse
from .registry import Rule, rules
from .rule import Hit, Options, fill


def applies(record: RuleRecord, message: Message) -> bool:
    """The context filter shared by all rules: audience and internal invariants."""
    if message.audience not in record.audiences:
        return False
    return record.internal or not message.internal


def most_specific(hits: List[Tuple[RuleRecord, Hit]]) -> List[Tuple[RuleRecord, Hit]]:
    """Drop hits whose code another hit on the same message supersedes (even one dropped itself)."""
    fired = {record.code for record, _ in hits}
    dropped: Set[str] = set()
    for record, _ in hits:
        dropped.update(code for code in record.supersedes if code in fired and code != record.code)
    return [(record, hit) for record, hit in hits if record.code not in dropped]


def to_finding(message: Message, record: RuleRecord, hit: Hit) -> Finding:
    site = message.site
    fields = hit.field_map()
    span = site.span
    return Finding(
        site.path,
        span.line,
        span.column,
        span.end_line,
        span.end_column,
        record.code,
        fill(record.message, fields),
        fill(record.fit(hit.fit), fields),
        site.text,
        record.name,
        site=site,
    )


def judge_messages(messages: Sequence[Message], active: Sequence[Rule], settings: Settings) -> List[Finding]:
    """Findings for analysed messages under the given rules."""
    per_message: Dict[int, List[Tuple[RuleRecord, Hit]]] = {i: [] for i in range(len(messages))}
    index = {id(m): i for i, m in enumerate(messages)}
    for rule in active:
        options = Options(rule.record, settings)
        if rule.per_file:
            judged = [m for m in messages if applies(rule.record, m)]
            for message, hit in rule.module.check_file(judged, options):
                per_message[index[id(message)]].append((rule.record, hit))
            continue
        for i, message in enumerate(messages):
            if applies(rule.record, message):
                hit = rule.module.check(message, options)
                if hit is not None:
                    per_message[i].append((rule.record, hit))
    findings: List[Finding] = []
    for i, message in enumerate(messages):
        for record, hit in most_specific(per_message[i]):
            findings.append(to_finding(message, record, hit))
    return findings


def taking_part(settings: Settings) -> Tuple[Rule, ...]:
    """The rules that judge in this run (``Settings.takes_part``), in code order."""
    return tuple(r for r in rules() if settings.takes_part(r.code, r.record.status))


def rules_for(settings: Settings, path: str) -> Tuple[List[Rule], FrozenSet[str]]:
    """The rules that judge the file at ``path``, and the codes reported for it.

    A rule whose code is not reported there judges only when its record ``supersedes`` a
    reported code: other rules cannot change what is reported, so they are not run.
    """
    taking = taking_part(settings)
    reported = frozenset(r.code for r in taking if settings.code_enabled(r.code, path))
    judging = [r for r in taking if r.code in reported or reported.intersection(r.record.supersedes)]
    return judging, reported


def judge_sites(sites: Sequence[MessageSite], settings: Settings, path: str) -> List[Finding]:
    """The reported findings of one file, precedence decided over every rule that judges it."""
    if not sites:  # most files have no message: skip the per-file settings lookups
        return []
    judging, reported = rules_for(settings, path)
    if not reported:
        return []
    messages = [analyse(site, settings) for site in sites]
    return [f for f in judge_messages(messages, judging, settings) if f.code in reported]
