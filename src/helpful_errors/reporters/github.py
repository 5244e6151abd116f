"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

GitHub reads ``::warning file=F,line=L,col=C,endLine=E,endColumn=X,title=T::text`` from a
step's output. Values are escaped as the runner expects (``%``, CR and LF everywhere, and
``:`` and ``,`` inside properties), so a message with a newline or a colon cannot end the
command early or forge a second one; control characters from the analysed code are shown
as escapes first, so that none reaches the log raw.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence, TextIO

from ..model import Finding
from ..printable import printable

_LINE_BREAK = re.compile("([\r\n])")


def escape_data(value: str) -> str:
    """Escape the text after ``::``."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a ``key=value`` property, where ``:`` and ``,`` also separate fields."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(f: Finding) -> str:
    """One annotation line for a finding; columns are 1-based as GitHub shows them."""
    properties = {
        "file": printable(Path(f.path).as_posix()),
        "line": str(f.line),
        "col": str(f.column + 1),
        "endLine": str(f.end_line),
        "endColumn": str(f.end_column + 1),
        "title": f.code,
    }
    fields = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::warning {fields}::{escape_data(_visible(f.message_with_help))}"


def _visible(text: str) -> str:
    """Control characters escaped, but line breaks kept: GitHub shows them, escaped as ``%0A``."""
    return "".join(part if part in ("\r", "\n") else printable(part) for part in _LINE_BREAK.split(text))


def report(findings: Sequence[Finding], out: TextIO) -> None:
    for f in findings:
        out.write(command(f) + "\n")
