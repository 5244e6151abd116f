"""Text from analysed code made safe to print: control characters become escapes.

Messages and file names come from the code under analysis, which may be hostile. Raw, an
ESC or OSC sequence would drive the reader's terminal, and a newline in a file name would
start a line of its own, which CI runners such as GitHub Actions read as a command. So
every character that a terminal or a log reader would act on is shown as a Python-style
escape (``\\x1b``, ``\\n``, ``\\u202e``). The tab is kept: it is only spacing.

Machine formats escape control characters themselves, but no encoder writes a lone
surrogate: Python decodes a file name that is not UTF-8 with one per stray byte, and a
string literal may hold one. ``path_text`` shows such a byte of a file name as ``\\xff``
(what the file system holds), and ``encodable`` turns any lone surrogate left in a report
into an escape, so every report is valid UTF-8.
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


def encodable(text: str) -> str:
    """``text`` with lone surrogates as ``\\udc80`` escapes, so that it encodes as UTF-8.

    In a JSON string the escape reads back as the same character, so a report written to a
    file says what one written to standard output (with ``backslashreplace``) says.
    """
    if text.isascii():
        return text
    return _SURROGATE.sub(_escape, text)


def path_text(path: str) -> str:
    """A file name as text any format can hold: a byte that is not UTF-8 becomes ``\\xff``."""
    if path.isascii():
        return path
    return _SURROGATE.sub(_escape_byte, path)


def path_bytes(path: str) -> bytes:
    """The bytes of a file name as the file system holds them (for URIs)."""
    try:
        return path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that no file system byte produces
        return path.encode("utf-8", "backslashreplace")


_SURROGATE = re.compile("[\ud800-\udfff]")
_STRAY_BYTES = range(0xDC80, 0xDD00)  # how surrogateescape decodes a byte that is not UTF-8


def _escape(match: "re.Match[str]") -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _escape_byte(match: "re.Match[str]") -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if code in _STRAY_BYTES else f"\\u{code:04x}"
