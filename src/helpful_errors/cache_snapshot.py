"""The last run over the same files, kept whole: a warm run neither reads nor hashes them.

A cached run of a large tree spent most of its time on the files themselves: reading and
hashing each one to find its entry, then opening and authenticating one entry per file.
A snapshot is one sealed file (``cache_entry.seal``) in the cache's namespace that holds
every result of the last run over the same list of files, each with its file's *stamp*:
size, inode, device, modification and change times, taken before the file was read. A
later run over the same list reuses a result whose file still has its stamp, as Python
reuses a bytecode file whose source keeps its size and time; every other file goes the
usual way, through its own entry.

A stamp is only kept when the file's times were at least ``STEADY_NS`` older than the
start of the run that read it. A file written within a tick of the clock of being read
could change again without its times moving; such a file is read and hashed next time.
The change time cannot be set back by ``touch``, so restoring an old modification time
after an edit does not fool the check either.

A result is checked field by field (``cache_entry.well_formed``) when the snapshot is
written, not when it is read: a result that fails is kept out, and its file is read next
time. Reading checks the outline (the list of files, the stamps, one ``FileResult`` per
file, for its own path) and trusts the rest to the seal. The seal's key never leaves the
user's cache folder, and the namespace is that of this very code, so a snapshot that
passes it was written, whole, by this code; checking every field again cost a warm run of
Django a tenth of its time.

A run of few files (pre-commit's) gains nothing and writes no snapshot; a namespace keeps
the ``KEEP_SNAPSHOTS`` most recent ones, one per list of files a project is checked with.
"""

from __future__ import annotations

import hashlib
import os
import stat
from typing import Optional, Sequence, Tuple

from .cache import SNAPSHOT_NAME, Cache, still_current
from .cache_entry import seal, unseal, well_formed
from .collector import paused
from .model import FileResult

SNAPSHOT_TAG = b"helpful-errors-snapshot 1\n"  # bump when the layout changes
MIN_SNAPSHOT_FILES = 64
KEEP_SNAPSHOTS = 4
STEADY_NS = 2_000_000_000  # coarser than the clock of any file system we expect (FAT: 2 s)

Stamp = Tuple[int, int, int, int, int]


def stamp_of(info: os.stat_result) -> Stamp:
    """What changes whenever a file's bytes do (or it is replaced by another file)."""
    return (info.st_size, info.st_ino, info.st_dev, info.st_mtime_ns, info.st_ctime_ns)


def steady(stamp: Stamp, started_ns: int) -> bool:
    """Whether ``stamp`` may stand for the bytes read after it (see the module docstring)."""
    return max(stamp[3], stamp[4]) < started_ns - STEADY_NS


class Snapshot:
    """The results of the last run over one list of files, by position in that list."""

    def __init__(self, stamps: Sequence[Optional[Stamp]], results: Sequence[Optional[FileResult]]):
        self.stamps = list(stamps)
        self.results = list(results)

    def reuse(self, index: int, path: str) -> Optional[Tuple[Stamp, FileResult]]:
        """The stored result of the file at ``index`` when the file still has its stamp."""
        known, result = self.stamps[index], self.results[index]
        if known is None or result is None:
            return None
        try:
            info = os.stat(path)
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode) or stamp_of(info) != known or not still_current(result, path):
            return None
        return known, result


    def outdated(self, stamps: Sequence[Optional[Stamp]], results: Sequence[FileResult]) -> bool:
        """Whether a run that ended with these stamps and results has anything new to keep.

        A file that cannot be stamped (too fresh, unreadable) stays unstamped in both and does
        not make every run write the snapshot again."""
        return any(
            new_stamp != old_stamp or (new_stamp is not None and result is not old_result)
            for new_stamp, old_stamp, result, old_result in zip(stamps, self.stamps, results, self.results)
        )


def load_snapshot(cache: Cache, files: Sequence[str]) -> Optional[Snapshot]:
    """The snapshot of a run over exactly ``files``; None when there is none we can trust."""
    if len(files) < MIN_SNAPSHOT_FILES:
        return None
    blob = cache.read(_name(files))
    if blob is None:
        return None
    # Tens of thousands of objects, none of them in a cycle: the cyclic collector would
    # only scan them again and again while they are built.
    with paused():
        try:
            return _checked(unseal(blob, cache.secret, SNAPSHOT_TAG), files)
        except Exception:  # noqa: BLE001 - a damaged snapshot is a miss, never an error
            return None


def store_snapshot(
    cache: Cache, files: Sequence[str], stamps: Sequence[Optional[Stamp]], results: Sequence[FileResult]
) -> None:
    """Keep this run's results with their files' stamps, for the next run over ``files``."""
    if len(files) < MIN_SNAPSHOT_FILES or not cache.writable:
        return
    trusted = [stamp is not None and well_formed(result) for stamp, result in zip(stamps, results)]
    kept_stamps = tuple(stamp if ok else None for ok, stamp in zip(trusted, stamps))
    kept = tuple(result if ok else None for ok, result in zip(trusted, results))
    try:
        blob = seal((tuple(files), kept_stamps, kept), cache.secret, SNAPSHOT_TAG)
    except Exception:  # noqa: BLE001 - an unpicklable value: the next run reads the files
        return
    cache.write(_name(files), blob)
    _prune_snapshots(cache.folder)


def _name(files: Sequence[str]) -> str:
    digest = hashlib.sha256(b"\0".join(os.fsencode(path) for path in files))
    return "snapshot-" + digest.hexdigest()[:32]


def _checked(content: object, files: Sequence[str]) -> Optional[Snapshot]:
    """The snapshot in ``content`` when it has the outline ``store_snapshot`` writes; the
    fields of each result were checked when it was written (see the module docstring)."""
    if type(content) is not tuple or len(content) != 3:
        return None
    paths, stamps, results = content
    if type(paths) is not tuple or paths != tuple(files) or type(stamps) is not tuple or type(results) is not tuple:
        return None
    if not len(stamps) == len(results) == len(files):
        return None
    for stamp, result, path in zip(stamps, results, files):
        if stamp is None and result is None:
            continue
        if not _is_stamp(stamp) or type(result) is not FileResult or result.path != path:  # type: ignore[union-attr]
            return None
    return Snapshot(stamps, results)


def _is_stamp(value: object) -> bool:
    return type(value) is tuple and len(value) == 5 and all(type(part) is int for part in value)  # type: ignore[arg-type]


def _prune_snapshots(folder: str) -> None:
    """Keep the most recent snapshots of the namespace; each list of files has its own."""
    try:
        with os.scandir(folder) as listing:
            found = [entry for entry in listing if SNAPSHOT_NAME.fullmatch(entry.name) and entry.is_file(follow_symlinks=False)]
        found.sort(key=lambda entry: entry.stat(follow_symlinks=False).st_mtime_ns, reverse=True)
        for stale in found[KEEP_SNAPSHOTS:]:
            os.unlink(stale.path)
    except OSError:
        return
