"""Which files a run looks at: the Python files under the given paths, minus excludes."""

from __future__ import annotations

import os
from typing import Iterator, List, Sequence, Tuple

from .config import ConfigError, Settings

PYTHON_SUFFIXES = (".py", ".pyi")


def discover(paths: Sequence[str], settings: Settings) -> Tuple[List[str], List[str]]:
    """Files to check, sorted, and notes about paths that were skipped.

    A path named on the command line is checked even when excludes match it, as flake8
    does, so that pre-commit's explicit file lists behave; folders are walked without
    following symlinks to folders, so that loops cannot trap the walk.
    """
    files: List[str] = []
    notes: List[str] = []
    for path in paths:
        if not os.path.lexists(path):
            raise ConfigError(f"path '{path}' does not exist; check the spelling or pass an existing file or folder")
        if os.path.islink(path) and not os.path.exists(path):
            notes.append(f"{path}: skipped a broken symbolic link; fix or remove the link")
            continue
        if os.path.isdir(path):
            files.extend(_walk(path, settings, notes))
        else:
            files.append(os.path.normpath(path))
    return sorted(dict.fromkeys(files)), notes


def _walk(root: str, settings: Settings, notes: List[str]) -> Iterator[str]:
    for folder, dirs, names in os.walk(root, onerror=lambda e: notes.append(f"{e.filename}: skipped, cannot list the folder ({e.strerror}); check its permissions")):
        kept = []
        for d in sorted(dirs):
            full = os.path.join(folder, d)
            if settings.excluded(full):
                continue
            if os.path.islink(full):
                notes.append(f"{full}: skipped a symbolic link to a folder; name its target to check it")
                continue
            kept.append(d)
        dirs[:] = kept
        for name in sorted(names):
            if not name.endswith(PYTHON_SUFFIXES):
                continue
            full = os.path.normpath(os.path.join(folder, name))
            if settings.excluded(full):
                continue
            if os.path.islink(full) and not os.path.exists(full):
                notes.append(f"{full}: skipped a broken symbolic link; fix or remove the link")
                continue
            yield full
