"""Read a file as Python source the way Python itself would, or say precisely why not."""

from __future__ import annotations

import io
import tokenize
from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Source:
    """Decoded text of a file, or the reason it could not be read (``text`` is then None)."""

    text: Optional[str]
    problem: str = ""
    line: int = 1


def decode(data: bytes) -> Source:
    """Decode bytes honouring the UTF-8 BOM and a PEP 263 coding cookie."""
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        return Source(None, "the file contains NUL bytes, so it is binary, not Python source; exclude it", line)
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        return Source(None, f"{exc.msg}; declare a coding Python knows, such as '# -*- coding: utf-8 -*-'")
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        start = getattr(exc, "start", 0)
        line = data.count(b"\n", 0, start) + 1
        return Source(
            None,
            f"the bytes are not valid {encoding}: {exc}; save the file as UTF-8 or declare its encoding with a coding comment",
            line,
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    return Source(text)


def read(path: str) -> Source:
    """Read and decode a file; unreadable files become a problem, never an exception."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return Source(None, f"cannot read the file ({reason}); check that it exists and is readable")
    return decode(data)
