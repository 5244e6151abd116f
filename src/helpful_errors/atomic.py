"""Write a report file whole or not at all: a temporary file beside it, then a rename.

A run that fails or is stopped half-way must not leave a truncated report, baseline or
audit that a later step (code scanning, a baseline check) would read as the whole truth.
A target that exists and is not a regular file (``/dev/stdout``, a named pipe) cannot be
replaced, so it is written directly.
"""

from __future__ import annotations

import os
import stat
import tempfile

from .printable import encodable


def write_text(path: str, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path``; raises OSError as ``open`` would."""
    data = encodable(text).encode("utf-8")
    try:
        special = not stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        special = False
    if special:
        with open(path, "wb") as out:
            out.write(data)
        return
    folder = os.path.dirname(os.path.abspath(path))
    fd, temp = tempfile.mkstemp(prefix=".tmp-", suffix="-" + os.path.basename(path)[:40], dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(temp, 0o666 & ~_umask())  # mkstemp makes 0600; a report gets the usual mode
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
