"""Text from analysed code made safe to print: control characters become escapes.

Messages and file names come from the code under analysis, which may be hostile. Raw, an
ESC or OSC sequence would drive the reader's terminal, and a newline in a file name would
start a line of its own, which CI runners such as GitHub Actions read as a command. So
every character that a terminal or a log reader would act on is shown as a Python-style
escape (``\\x1b``, ``\\n``, ``\\u202e``); a lone surrogate (from a name that is not UTF-8)
becomes ``\\udcff`` so that any encoder can write it. The tab is kept: it is only spacing.
"""

from __future__ import annotations

import re

# C0 controls but the tab, DEL and C1 controls, the bidirectional overrides and isolates
# (which reorder what the reader sees), and lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def printable(text: str) -> str:
    """``text`` with every unsafe character escaped; safe text is returned as it is."""
    return _UNSAFE.sub(_escape, text)


def _escape(match: "re.Match[str]") -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
