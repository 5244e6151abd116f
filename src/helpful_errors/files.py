"""Which files a run looks at: the Python files under the given paths, minus excludes."""

from __future__ import annotations

import errno
import operator
import os
import stat
from typing import Iterator, List, Optional, Sequence, Tuple

from .config import ConfigError, Settings

PYTHON_SUFFIXES = (".py", ".pyi")
_NAME = operator.attrgetter("name")


def discover(paths: Sequence[str], settings: Settings, force_exclude: bool = False) -> Tuple[List[str], List[str]]:
    """Files to check, sorted, and notes about paths that were skipped.

    A path named on the command line is checked even when excludes match it, as flake8
    does, unless ``force_exclude`` (ruff's ``--force-exclude``, which the pre-commit hook
    passes, since pre-commit names every file of a commit); folders are walked without
    following symlinks to folders, so that loops cannot trap the walk.
    """
    files: List[str] = []
    notes: List[str] = []
    for path in paths:
        if not os.path.lexists(path):
            raise ConfigError(f"path '{path}' does not exist; check the spelling or pass an existing file or folder")
        if force_exclude and settings.excluded(path):
            continue
        skipped = _unfollowable(path)
        if skipped is not None:
            notes.append(skipped)
            continue
        if os.path.isdir(path):
            files.extend(_walk(path, settings, notes))
        else:
            files.append(os.path.normpath(path))
    return sorted(dict.fromkeys(files)), notes


def _walk(root: str, settings: Settings, notes: List[str]) -> Iterator[str]:
    """The files under ``root`` in the order ``os.walk`` gives (depth first, names sorted).

    The walk lists each folder once with ``scandir``, whose entries know their own type:
    a regular file costs no system call, where asking ``islink`` and ``stat`` of each one
    cost more than the rest of a cached run's walk. Each folder reached has passed the
    excludes, so only a new entry's path under the root, grown from its folder's, and its
    own name are tested against them.
    """
    clear = not settings.excluded(root)
    pending = [(root, settings.relative(root) if clear else "")]
    while pending:
        folder, rel = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=_NAME)
        except OSError as exc:
            notes.append(f"{exc.filename}: skipped, cannot list the folder ({exc.strerror}); check its permissions")
            continue
        folders: List["os.DirEntry[str]"] = []
        files: List["os.DirEntry[str]"] = []
        for entry in entries:
            (folders if _is_folder(entry) else files).append(entry)
        kept = []
        for entry in folders:
            full = entry.path  # the folder's path joined with the name, as os.path.join does
            if _excluded(settings, full, rel, entry.name):
                continue
            if entry.is_symlink():
                notes.append(f"{full}: skipped a symbolic link to a folder; name its target to check it")
                continue
            kept.append((full, _under(rel, entry.name) if rel else settings.relative(full)))
        for entry in files:
            if not entry.name.endswith(PYTHON_SUFFIXES):
                continue
            full = os.path.normpath(entry.path)
            if _excluded(settings, full, rel, entry.name):
                continue
            plain = not entry.is_symlink() and entry.is_file(follow_symlinks=False)
            skipped = None if plain else _unfollowable(full) or _not_regular(full)
            if skipped is not None:
                notes.append(skipped)
                continue
            yield full
        pending.extend(reversed(kept))


def _under(rel: str, name: str) -> str:
    """The path under the root of ``name`` in the folder at ``rel``, as ``relative`` gives it."""
    if rel == ".":
        return name
    return rel + name if rel.endswith("/") else rel + "/" + name


def _excluded(settings: Settings, full: str, rel: str, name: str) -> bool:
    """The excludes for an entry: by its grown path when its folder passed them, else in full
    (a folder named on the command line may itself match an exclude)."""
    if rel:
        return settings.excluded_entry(_under(rel, name), name)
    return settings.excluded(full)


def _is_folder(entry: "os.DirEntry[str]") -> bool:
    """A folder, or a link to one (``os.walk`` counts those as folders too)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _unfollowable(path: str) -> Optional[str]:
    """A note when ``path`` is a symbolic link that leads nowhere or in a circle."""
    if not os.path.islink(path):
        return None
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"{path}: skipped a symbolic link that loops back on itself; remove the link or point it at a real file"
        return f"{path}: skipped a broken symbolic link (its target does not exist); fix or remove the link"
    return None


def _not_regular(path: str) -> Optional[str]:
    """A note for a named pipe, socket or device that happens to end in .py: reading it could block forever."""
    try:
        mode = os.stat(path).st_mode
    except OSError:  # vanished since the walk listed it: the engine reports it as HEM000
        return None
    if stat.S_ISREG(mode):
        return None
    return f"{path}: skipped, it is not a regular file (a named pipe, socket or device); name it explicitly to read it anyway"
