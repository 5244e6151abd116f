"""Write a fixed file safely: only if it is unchanged since it was read, and atomically.

The bytes on disk are compared with the bytes that were analysed just before writing, so a
file an editor saved meanwhile is left alone and reported. The new bytes go to a temporary
file in the same folder, which then replaces the original in one rename, so an interrupted
run leaves either the old file or the new one, never half of it.
"""

from __future__ import annotations

import os
import stat
import tempfile
from typing import Optional

WRITE_HINT = "run the command again to fix it"


def encode_like(text: str, original: bytes) -> Optional[bytes]:
    """``text`` in the encoding the original bytes declare (BOM, coding comment or UTF-8)."""
    import io
    import tokenize

    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(original).readline)
        return text.encode(encoding)
    except (SyntaxError, LookupError, UnicodeEncodeError):
        return None


def writable(path: str) -> bool:
    """Whether the user may write the file itself (a rename would replace a read-only file too)."""
    return os.access(path, os.W_OK)


def write_if_unchanged(path: str, original: bytes, new: bytes) -> Optional[str]:
    """Replace ``path`` with ``new`` if it still holds ``original``; the problem otherwise (None on success)."""
    try:
        with open(path, "rb") as handle:
            current = handle.read()
    except OSError as exc:
        return f"cannot read {path} again before writing ({exc.strerror or exc}); it was left as it is; {WRITE_HINT}"
    if current != original:
        return f"{path} changed on disk while it was being fixed, so it was left as it is; {WRITE_HINT}"
    if not writable(path):
        return f"{path} is read-only, so its fixes were not written; make it writable (chmod u+w {path}) and {WRITE_HINT}"
    folder = os.path.dirname(os.path.abspath(path))
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
        handle_no, temporary = tempfile.mkstemp(dir=folder, prefix=".helpful-errors-", suffix=".tmp")
    except OSError as exc:
        return f"cannot write the fixes of {path} ({exc.strerror or exc}); make its folder writable and {WRITE_HINT}"
    try:
        with os.fdopen(handle_no, "wb") as out:
            out.write(new)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as exc:
        return f"cannot write the fixes of {path} ({exc.strerror or exc}); it was left as it is; {WRITE_HINT}"
    finally:  # also on Ctrl-C: never leave the temporary file behind
        if os.path.exists(temporary):
            try:
                os.unlink(temporary)
            except OSError:
                pass
    return None
