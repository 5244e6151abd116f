"""``check --add-noqa``: a ``# noqa: HEMxxx`` comment where each remaining finding is read.

flake8 (and our own ``noqa``) search a finding's comment in the run of lines it groups
with the finding's line: up to the next line-break token. So the comment goes at the end of
the last line of that run, after any closing quotes of a triple-quoted string: it never
lands inside a string and never after a line continuation. An existing ``# noqa: ...`` on
that line gets the missing codes added; a bare ``# noqa`` already covers everything.
Running it again changes nothing, since every finding is then silenced.
"""

from __future__ import annotations

import re
import tokenize
from typing import Dict, List, Optional, Sequence, Set, Tuple

from ..model import Finding
from ..noqa import NOQA_INLINE_REGEXP, is_inline_ignored, physical_lines


Comments = Dict[int, Tuple[int, str]]


def _line_ends(lines: Sequence[str]) -> Tuple[Dict[int, Tuple[int, int]], Comments]:
    """Each line -> (last line of its run, column of the run's line break); and each line's comment."""
    iterator = iter(lines)
    try:
        tokens = list(tokenize.generate_tokens(lambda: next(iterator)))
    except (tokenize.TokenError, SyntaxError):
        return {}, {}
    ends: Dict[int, Tuple[int, int]] = {}
    comments: Comments = {}
    first = None
    for token in tokens:
        if token.type in (tokenize.ENDMARKER, tokenize.DEDENT, tokenize.INDENT):
            continue
        if token.type == tokenize.COMMENT:
            comments[token.start[0]] = (token.start[1], token.string)
        first = token.start[0] if first is None else first
        if token.type in (tokenize.NL, tokenize.NEWLINE):
            for number in range(first, token.start[0] + 1):
                ends[number] = token.start
            first = None
    return ends, comments


def add_noqa(text: str, findings: Sequence[Finding]) -> Tuple[str, int]:
    """``text`` with noqa comments for ``findings``, and how many comments were added or extended."""
    lines = physical_lines(text)
    ends, comments = _line_ends(lines)
    wanted: Dict[int, Set[str]] = {}
    column_of: Dict[int, int] = {}
    for finding in findings:
        end = ends.get(finding.line)
        if end is None or not finding.code:
            continue
        wanted.setdefault(end[0], set()).add(finding.code)
        column_of[end[0]] = end[1]
    changed = 0
    for number in sorted(wanted, reverse=True):
        line = lines[number - 1]
        codes = sorted(c for c in wanted[number] if not is_inline_ignored(c, line))
        if not codes:
            continue
        new = _with_codes(line, column_of[number], codes, comments.get(number))
        if new != line:
            lines[number - 1] = new
            changed += 1
    return "".join(_restore_newlines(text, lines)), changed


def _with_codes(line: str, break_at: int, codes: List[str], comment: Optional[Tuple[int, str]]) -> str:
    body, ending = line[:break_at], line[break_at:]
    if comment is not None:
        match = NOQA_INLINE_REGEXP.search(comment[1])
        if match is not None and match.group("codes"):
            listed = match.group("codes").rstrip(", \t")
            start = comment[0] + match.start("codes")
            joined = ",".join([*(c for c in re.split(r"[,\s]+", listed) if c), *codes])
            return line[:start] + joined + line[start + len(listed) :]
    return body.rstrip(" \t") + "  # noqa: " + ",".join(codes) + ending if body.strip() else line


def _restore_newlines(text: str, lines: List[str]) -> List[str]:
    """``physical_lines`` reads universal newlines; give each line its own ending back."""
    from .region import split_lines

    original = split_lines(text)
    if len(original) != len(lines):
        return lines
    out = []
    for old, new in zip(original, lines):
        ending = old[len(old.rstrip("\r\n")):]
        out.append(new.rstrip("\r\n") + ending if ending else new.rstrip("\n"))
    return out
