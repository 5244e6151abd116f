"""``# noqa`` in the command line, with exactly the semantics flake8 applies to the plugin.

The flake8 plugin leaves suppression to flake8; the command line copies flake8's rules here
so that a comment silences the same findings in both front ends:

- the comment is searched in the run of lines that flake8's
  ``FileProcessor._noqa_line_mapping`` groups with the finding's line: the lines between
  two line-break tokens. A multi-line token (a triple-quoted string) joins its lines, so
  a comment after its closing quotes covers a message on its first line; but a line
  break inside brackets is a token too, so in a wrapped ``raise X(\n "..."\n)`` the
  comment must be on the line of the message text, where the finding is reported;
- ``# noqa`` alone, or followed by something that is not a code list (``# noqa:HEM``,
  ``# noqa : HEM001``), silences every code;
- ``# noqa: HEM001,HEM002`` silences the listed codes, each matching by prefix and, as in
  flake8, case-sensitively;
- a line that starts with ``# flake8: noqa`` makes flake8 skip the whole file.

Tokenizing costs about as much as the rest of the analysis, so it happens only for files
that have findings and contain the word noqa at all.
"""

from __future__ import annotations

import io
import re
import tokenize
from typing import Dict, List, Sequence

from .model import Finding

# Copied from flake8/defaults.py so that both front ends read the comment the same way.
NOQA_INLINE_REGEXP = re.compile(
    # ``# noqa``, ``# noqa: E123``, ``# noqa:E123,W451``, ``# NOQA: E123 W451``; the
    # ``: `` after noqa is not part of the codes and the casing of noqa does not matter.
    r"# noqa(?::[\s]?(?P<codes>([A-Z]+[0-9]+(?:[,\s]+)?)+))?",
    re.IGNORECASE,
)
NOQA_FILE = re.compile(r"\s*# flake8[:=]\s*noqa", re.I)
# flake8/utils.py: the separator of ``parse_comma_separated_list``.
COMMA_SEPARATED_LIST_RE = re.compile(r"[,\s]")


def physical_lines(text: str) -> List[str]:
    """The file's lines as flake8 reads them (``readlines`` with universal newlines)."""
    return io.StringIO(text, newline=None).readlines()


def noqa_line_mapping(lines: Sequence[str]) -> Dict[int, str]:
    """Map each line number to the text searched for noqa: its whole logical line.

    A faithful copy of flake8's ``FileProcessor._noqa_line_mapping``; a file that does not
    tokenize maps nothing, and callers fall back to the physical line as flake8 does.
    """
    line_iter = iter(lines)
    try:
        tokens = list(tokenize.generate_tokens(lambda: next(line_iter)))
    except (tokenize.TokenError, SyntaxError):
        return {}
    mapping: Dict[int, str] = {}
    min_line = len(lines) + 2
    max_line = -1
    for tp, _, (s_line, _), (e_line, _), _ in tokens:
        if tp == tokenize.ENDMARKER or tp == tokenize.DEDENT:
            continue
        min_line = min(min_line, s_line)
        max_line = max(max_line, e_line)
        if tp in (tokenize.NL, tokenize.NEWLINE):
            joined = "".join(lines[min_line - 1 : max_line])
            mapping.update(dict.fromkeys(range(min_line, max_line + 1), joined))
            min_line = len(lines) + 2
            max_line = -1
    return mapping


def is_inline_ignored(code: str, noqa_text: str) -> bool:
    """flake8's ``Violation.is_inline_ignored`` for one finding and its noqa text."""
    match = NOQA_INLINE_REGEXP.search(noqa_text)
    if match is None:
        return False
    codes_str = match.groupdict()["codes"]
    if codes_str is None:
        return True
    codes = {item.strip() for item in COMMA_SEPARATED_LIST_RE.split(codes_str) if item.strip()}
    return code in codes or code.startswith(tuple(codes))


def file_is_ignored(lines: Sequence[str]) -> bool:
    """flake8 skips a file with a line that starts with ``# flake8: noqa``."""
    return any(NOQA_FILE.match(line) for line in lines)


def apply_noqa(findings: Sequence[Finding], text: str) -> List[Finding]:
    """The findings that no ``noqa`` comment silences."""
    if not findings or "noqa" not in text.lower():
        return list(findings)
    lines = physical_lines(text)
    if file_is_ignored(lines):
        return []
    mapping = noqa_line_mapping(lines)
    kept: List[Finding] = []
    for finding in findings:
        noqa_text = mapping.get(finding.line)
        if noqa_text is None:  # flake8 then reads the physical line
            noqa_text = lines[finding.line - 1] if 0 < finding.line <= len(lines) else ""
        if not is_inline_ignored(finding.code, noqa_text):
            kept.append(finding)
    return kept
