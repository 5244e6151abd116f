"""The audit summary for a terminal: the few numbers an auditor reads first, and where to look."""

from __future__ import annotations

from typing import List, Optional, Sequence, TextIO

from ..printable import printable
from .data import Audit, Tally

SHOWN = 5  # rows per list in the terminal; the HTML and JSON reports have all of them
TEXT_WIDTH = 60


def percent(share: Optional[float]) -> str:
    return "n/a" if share is None else f"{share:.0%}"


def _clip(text: str, width: int = TEXT_WIDTH) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else f"{flat[: width - 1]}…"


def _tally_rows(title: str, tallies: Sequence[Tally]) -> List[str]:
    rows = [t for t in tallies if t.findings][:SHOWN]
    if not rows:
        return []
    width = max(len(t.name) for t in rows)
    lines = [f"{title} (findings, messages that guide / known):"]
    for t in rows:
        lines.append(f"  {t.name:<{width}}  {t.findings:>5}  {t.guiding}/{t.known} ({percent(t.share)})")
    return lines


def render(audit: Audit, next_step: str = "") -> str:
    """The summary as text; ``next_step`` is the closing line that says what to do next."""
    t = audit.total
    file_noun = "file" if t.files == 1 else "files"
    of = f" of {audit.project}" if audit.project else ""
    on = f" on {audit.date}" if audit.date else ""
    lines = [
        f"helpful-errors audit{of}{on}: {t.files} {file_noun}, {t.sites} message sites, {len(audit.findings)} findings",
        f"  text fully known for {t.known} sites; {t.guiding} of them guide the reader ({percent(t.share)})",
    ]
    unknown = t.sites - t.known
    if unknown:
        built = "site builds its text elsewhere and is" if unknown == 1 else "sites build their text elsewhere and are"
        lines.append(f"  {unknown} {built} not judged")
    if audit.left_out:
        lines.append(f"  left out {audit.left_out}; pass --all-code to include them")
    if audit.unanalyzable_paths:
        files = "file" if len(audit.unanalyzable_paths) == 1 else "files"
        named = " ".join(audit.unanalyzable_paths)
        lines.append(f"  {len(audit.unanalyzable_paths)} {files} could not be analyzed (HEM000): {named}")
        lines.append(f"    run 'helpful-errors check --select HEM000 {named}' to see why")
    if audit.rules:
        lines += ["", "Findings per rule:"]
        width = max(len(str(r.count)) for r in audit.rules)
        lines += [f"  {r.count:>{width}}  {r.code}  {r.name}" for r in audit.rules]
    for title, tallies in (("Worst files", audit.files), ("Worst packages", audit.packages)):
        rows = _tally_rows(title, tallies)
        if rows:
            lines += ["", *rows]
    if audit.worst_messages:
        lines += ["", "Worst messages:"]
        for m in audit.worst_messages[:SHOWN]:
            codes = ", ".join(f.code for f in m.findings)
            lines.append(f"  {m.path}:{m.line}:{m.column + 1}: {codes}  \"{_clip(m.text)}\"")
            first_help = next((f.help for f in m.findings if f.help), "")
            if first_help:
                lines.append(f"      help: {first_help}")
    if next_step:
        lines += ["", next_step]
    body = "\n".join(lines)
    return f"{body}\n"


def report(audit: Audit, out: TextIO, next_step: str = "") -> None:
    """Print the summary; paths and texts in it come from the analysed code, so each line is escaped."""
    out.write("\n".join(printable(line) for line in render(audit, next_step).split("\n")))
