"""Messages printed one after the other: the reader sees the second with the first.

``log.error("Port %s is in use", port)`` followed on the next line by ``log.error("Set
listen_port in the config to use another port")`` gives the reader a way forward, though
the first text alone states only the problem. The second text is read as a note of the
first, like an ``add_note`` text, and is still judged on its own.

Consecutive means: two log or standard-error sites of the same function (or both at module
level), the second starting on the line after the first ends. A raise before a log line is
not followed by it (the log line does not run), so only log and standard-error sites take
part.
"""

from __future__ import annotations

from dataclasses import replace
from typing import List, Sequence

from ..model import MessageSite
from .sinks import KIND_LOG
from .stderr_sinks import SINK_STDERR


def _printed(site: MessageSite) -> bool:
    return (site.kind == KIND_LOG or site.sink == SINK_STDERR) and site.template is not None


def _next_to(first: MessageSite, second: MessageSite) -> bool:
    """``second`` starts on the line after ``first`` ends, in the same function."""
    return (
        second.statement_line == first.statement_end_line + 1
        and second.function == first.function
        and second.class_name == first.class_name
    )


def read_with_next_line(sites: Sequence[MessageSite]) -> List[MessageSite]:
    """``sites`` with each printed message's next printed line added to its notes."""
    out = list(sites)
    by_line = {s.statement_line: s for s in sites if _printed(s)}
    for i, site in enumerate(out):
        if not _printed(site):
            continue
        following = by_line.get(site.statement_end_line + 1)
        if following is not None and following.template is not None and _next_to(site, following):
            out[i] = replace(site, notes=(*site.notes, following.template))
    return out
