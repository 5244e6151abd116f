"""The secret that authenticates cache entries, kept outside any repository.

The cache folder usually sits in the project, so a repository can commit entries into it.
An entry is trusted only when its HMAC was made with this key, which lives in the user's
own cache folder (``$XDG_CACHE_HOME/helpful-errors/cache-key``, by default under
``~/.cache``), readable by the user alone. A repository cannot know it, so it cannot forge
an entry that hides or invents findings. A key that cannot be read or made turns caching off.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Optional

KEY_SIZE = 32
KEY_NAME = "cache-key"


def key_path() -> Path:
    """Where the key lives: the user's cache folder, never the project."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "helpful-errors" / KEY_NAME


def load_key(path: Optional[Path] = None) -> Optional[bytes]:
    """The key, made on first use; None when it can be neither read nor created."""
    path = path or key_path()
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another run made it a moment ago
        return _read_or_none(path)
    except OSError:
        return None
    with os.fdopen(fd, "wb") as handle:
        handle.write(secrets.token_bytes(KEY_SIZE))
    return _read_or_none(path)


def _read(path: Path) -> Optional[bytes]:
    data = path.read_bytes()
    return data if len(data) == KEY_SIZE else None  # a short key is one still being written


def _read_or_none(path: Path) -> Optional[bytes]:
    try:
        return _read(path)
    except OSError:
        return None
