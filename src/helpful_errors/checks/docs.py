"""Render the rule records for people: ``explain CODE``, the ``rules`` listing, rules/README.md.

All three read the same records, so the docs cannot drift from the finding text.
"""

from __future__ import annotations

from typing import List, Sequence

from ..rulebook import RuleRecord

README_COMMAND = "helpful-errors rules --markdown > rules/README.md"


def explain(record: RuleRecord) -> str:
    """The long explanation of one rule, as plain text."""
    lines = [f"{record.code} {record.name} ({record.status})", "", f"Finding: {record.message}", f"Help: {record.help}", ""]
    lines += ["What it finds:", _indent(record.what), "", "Why it matters:", _indent(record.why)]
    if record.options:
        lines += ["", "Options (in [tool.helpful-errors] of pyproject.toml):"]
        lines += [f"  {o.name} ({o.type}, default {o.default!r}): {o.description}" for o in record.options]
    if record.supersedes:
        lines += ["", f"Replaces on the same message: {', '.join(record.supersedes)}"]
    lines += ["", f"Fix: {fix_line(record)}"]
    for number, example in enumerate(record.examples, 1):
        lines += ["", f"Example {number}, bad:", _indent(example.bad), "Rewritten:", _indent(example.good)]
        if example.fixed is not None:
            lines += [f"After {fix_command(record)}:", _indent(example.fixed)]
    if record.references:
        lines += ["", "References:"] + [f"  {r}" for r in record.references]
    lines += ["", f"Docs: {record.url}"]
    return "\n".join(lines) + "\n"


def fix_command(record: RuleRecord) -> str:
    return "check --fix --unsafe-fixes" if record.fix == "unsafe" else "check --fix"


def fix_line(record: RuleRecord) -> str:
    """What ``--fix`` does for the rule: safe, unsafe (needs --unsafe-fixes) or none, and why."""
    shown = {"safe": "safe (applied by --fix)", "unsafe": "unsafe (applied by --fix --unsafe-fixes; review it)", "none": "none"}[record.fix]
    return f"{shown}; {record.fix_why}" if record.fix_why else shown


def listing(records: Sequence[RuleRecord]) -> str:
    """One line per rule: code, name, status, fix and finding text."""
    width = max((len(r.name) for r in records), default=0)
    return "".join(f"{r.code}  {r.name:<{width}}  {r.status:<10}  fix: {r.fix:<6}  {r.message}\n" for r in records)


def markdown(records: Sequence[RuleRecord]) -> str:
    """The rule index, rules/README.md."""
    out: List[str] = [
        "# Rules",
        "",
        f"<!-- Generated from the rule records in this folder; do not edit. Regenerate with: {README_COMMAND} -->",
        "",
        "| Code | Name | Status | Finding |",
        "| --- | --- | --- | --- |",
    ]
    out += [f"| [{r.code}](#{r.code.lower()}) | `{r.name}` | {r.status} | {_cell(r.message)} |" for r in records]
    out += precedence(records)
    for r in records:
        out += ["", f"## {r.code}", "", f"**{r.name}** ({r.status})", "", f"Finding: {r.message}", "", f"Help: {r.help}", ""]
        out += ["### What it finds", "", r.what.strip(), "", "### Why it matters", "", r.why.strip()]
        if r.options:
            out += ["", "### Options", "", "| Option | Type | Default | Description |", "| --- | --- | --- | --- |"]
            out += [f"| `{o.name}` | {o.type} | `{o.default!r}` | {_cell(o.description)} |" for o in r.options]
        if r.supersedes:
            out += ["", f"Replaces {', '.join(r.supersedes)} on the same message."]
        out += ["", f"Fix: {fix_line(r)}"]
        for example in r.examples:
            out += ["", "Bad:", "", "```python", example.bad, "```", "", "Good:", "", "```python", example.good, "```"]
            if example.fixed is not None:
                out += ["", f"After `{fix_command(r)}`:", "", "```python", example.fixed, "```"]
        if r.references:
            out += ["", "### References", ""] + [f"- <{ref}>" for ref in r.references]
    return "\n".join(out) + "\n"


def precedence(records: Sequence[RuleRecord]) -> List[str]:
    """The precedence section: which finding replaces which on the same message.

    Written from the ``supersedes`` lists, so the index states the order the judge applies.
    """
    ranked = sorted((r for r in records if r.supersedes), key=lambda r: (-len(r.supersedes), r.code))
    out = [
        "",
        "## Precedence",
        "",
        "One message gets the most specific finding. When several rules fire on the same message,",
        "a finding whose code another firing rule replaces is dropped. The rules about missing",
        "guidance, vagueness and missing values (HEM001 to HEM007) form one family ordered from",
        "the most specific down, so a message gets at most one of them. The other rules (prefix,",
        "secrets, tone, readability, jargon, style) add their own findings beside it and replace",
        "nothing, except where listed here.",
        "",
    ]
    out += [f"- {r.code} `{r.name}` replaces {', '.join(r.supersedes)}" for r in ranked]
    return out


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" if line else "" for line in text.strip("\n").splitlines())


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
