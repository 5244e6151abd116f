"""Per-file result cache, so that a second run over an unchanged tree parses nothing.

An entry holds the ``FileResult`` of one file. Its key is a hash of the file's path and
bytes inside a *namespace*: the tool's version, its own code and rulebook, the LibCST
version, the Python version and the effective settings. Any of those changing moves the
run to a fresh namespace, so a stale result is never reused. A large run also keeps all
its results in one snapshot (``cache_snapshot``), which the next run over the same files
reuses without reading them.

Safety, because a cache must never be the reason a run fails or lies:

- the folder is ``.helpful-errors-cache/`` in the project root (the folder of the
  pyproject.toml, else the current folder), or ``$HELPFUL_ERRORS_CACHE_DIR``; a root this
  tool creates gets a ``.gitignore`` with ``*`` so that git never shows it; a root that is
  a symbolic link (git can commit one) is not followed, and caching is off;
- only what the tool made is ever deleted: a namespace folder carries a marker file, and
  the prune removes a stale one file by file, and only when it holds nothing but our files;
- entries are written to a temporary file and moved into place with ``os.replace``, so
  concurrent runs see either a whole entry or none;
- an entry is authenticated with a key kept in the user's own cache folder, not in the
  project, and checked field by field when read (``cache_entry``); a snapshot's results
  are checked when it is written, and its outline when read (``cache_snapshot``);
  anything unexpected is a miss, never an error and never a hidden finding;
- a folder that cannot be created or written turns caching off (or read-only) for the run.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import sys
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import List, Optional, Tuple

from . import __version__
from .cache_entry import decode, encode
from .cache_key import key_path, load_key
from .config import Settings
from .model import FileResult, ModuleUse
from .notes import emit_note

CACHE_ENV = "HELPFUL_ERRORS_CACHE_DIR"
DEFAULT_FOLDER = ".helpful-errors-cache"
KEEP_NAMESPACES = 4  # settings or versions a project switches between, kept warm
NAMESPACE_MARKER = ".helpful-errors-namespace"
NAMESPACE_MARK = b"helpful-errors cache namespace 1\n"
_NAMESPACE_NAME = re.compile("[0-9a-f]{24}")
SNAPSHOT_NAME = re.compile("snapshot-[0-9a-f]{32}")  # a run's results whole (``cache_snapshot``)
_OUR_FILE = re.compile(r"[0-9a-f]{64}|\.tmp-\w+|" + SNAPSHOT_NAME.pattern + "|" + re.escape(NAMESPACE_MARKER))


def cache_folder(settings: Settings) -> Path:
    """Where the cache lives for a run with these settings."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    return Path(settings.root or os.getcwd()) / DEFAULT_FOLDER


@lru_cache(maxsize=1)
def code_fingerprint(roots: Optional[Tuple[Path, ...]] = None) -> str:
    """A hash of the tool's own code and rulebook: editing a rule invalidates every entry.

    The version number alone would not do during development, where the code changes
    under an unchanged version. The bytes are hashed, not the files' times, so that a CI
    job that installs the tool afresh and restores its cache still finds its entries. One
    ``scandir`` per folder finds the files: ``Path.rglob`` cost four times the reading.
    """
    if roots is None:
        package = Path(__file__).resolve().parent
        roots = (package, package.parent.parent / "rules")  # the rulebook of a source checkout
    digest = hashlib.sha256(__version__.encode())
    for root in roots:
        for name in sorted(_code_files(str(root), "")):
            try:
                with open(os.path.join(root, name), "rb") as handle:
                    data = handle.read()
            except OSError:
                continue
            digest.update(name.encode("utf-8", "surrogateescape"))
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)
    return digest.hexdigest()


def _code_files(folder: str, prefix: str) -> List[str]:
    """Every file under ``folder`` but bytecode, by its path under the root."""
    found: List[str] = []
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:
        return found
    for entry in entries:
        name = prefix + entry.name
        try:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    found.extend(_code_files(entry.path, name + "/"))
            elif entry.is_file() and not entry.name.endswith(".pyc"):
                found.append(name)
        except OSError:
            continue
    return found


def namespace(settings: Settings) -> str:
    """Everything besides a file's path and bytes that its result depends on."""
    parts = (
        __version__,
        code_fingerprint(),
        _libcst_version(),
        sys.version.split()[0],
        settings.fingerprint(),
        settings.root,  # per-file-ignores match paths relative to it
    )
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]


def _libcst_version() -> str:
    """The parser decides the tree. Read its version file without importing LibCST, which
    a run served from the cache never needs (and importlib.metadata costs 0.1 s)."""
    from importlib.util import find_spec

    try:
        spec = find_spec("libcst")
        return Path(spec.origin).with_name("_version.py").read_text(encoding="utf-8") if spec and spec.origin else ""
    except (ImportError, OSError, ValueError):
        return ""


@dataclass(frozen=True)
class Cache:
    """An open cache folder for one namespace; small and picklable, so workers get a copy."""

    folder: str
    secret: bytes = field(repr=False)
    writable: bool = True

    @classmethod
    def open(cls, settings: Settings) -> Optional["Cache"]:
        """The cache for this run, or None when no usable folder exists."""
        root = cache_folder(settings)
        if root.is_symlink():
            emit_note(
                f"{root}: caching is off, the cache folder is a symbolic link and is not followed; "
                f"remove the link or set {CACHE_ENV} to a real folder"
            )
            return None
        secret = load_key()
        if secret is None:
            emit_note(
                f"{key_path()}: caching is off, the key that authenticates cache entries can be neither "
                "read nor created; make its folder writable or set XDG_CACHE_HOME to a folder you own"
            )
            return None
        folder = root / namespace(settings)
        try:
            created = _make_folder(root)
            if created:
                _mark_ignored(root)
            _make_folder(folder)
            if folder.is_symlink() or not folder.is_dir():
                return None  # a planted link or file where our namespace belongs
            _mark_namespace(folder)
        except OSError:
            return _read_only(folder, secret)
        writable = os.access(folder, os.W_OK | os.X_OK)
        if writable:
            _touch(folder)
            _prune(root, keep=folder.name)
        return cls(str(folder), secret, writable)

    @staticmethod
    def key(path: str, data: bytes) -> str:
        """The entry name for a file's path and bytes."""
        digest = hashlib.sha256(os.fsencode(path))
        digest.update(b"\0")
        digest.update(data)
        return digest.hexdigest()

    def load(self, key: str, path: str) -> Optional[FileResult]:
        """The cached result, or None for a miss, a corrupt entry or anything unexpected."""
        blob = self.read(key)
        if blob is None:
            return None
        try:
            result = decode(blob, self.secret)
        except Exception:  # noqa: BLE001 - a cache entry must never fail the run
            return None
        return result if result is not None and still_current(result, path) else None

    def store(self, key: str, result: FileResult) -> None:
        """Write an entry atomically; a failure only means the next run does the work again."""
        if not self.writable:
            return
        try:
            blob = encode(result, self.secret)
        except Exception:  # noqa: BLE001 - an unpicklable value
            return
        self.write(key, blob)

    def read(self, name: str) -> Optional[bytes]:
        """The bytes of one file of the namespace, None when there is none to read."""
        try:
            with open(os.path.join(self.folder, name), "rb") as handle:
                return handle.read()
        except (OSError, ValueError):  # ValueError: a name no file system takes
            return None

    def write(self, name: str, blob: bytes) -> None:
        """Put ``blob`` in place under ``name`` whole (a temporary file, then a rename), so
        that a concurrent run reads either all of it or none; a failure is only a miss later."""
        if not self.writable:
            return
        try:
            fd, temp = tempfile.mkstemp(prefix=".tmp-", dir=self.folder)
        except OSError:  # full disk, removed folder
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
            os.replace(temp, os.path.join(self.folder, name))
        except OSError:
            try:
                os.unlink(temp)
            except OSError:
                pass


def still_current(result: FileResult, path: str) -> bool:
    """Whether a stored result is this file's result today: made for this path, and the
    modules it imports from still declare what it took from them."""
    return result.path == path and (not result.uses or _uses_current(result.uses))


def _uses_current(uses: Tuple[ModuleUse, ...]) -> bool:
    """Whether the modules a result took facts from still declare them. A module whose
    modification time and size are unchanged is not read; only a changed one is, by the
    project index (which imports the extractor)."""
    changed = []
    for use in uses:
        try:
            info = os.stat(use.module)
        except OSError:
            return False
        if (info.st_mtime_ns, info.st_size) != (use.mtime_ns, use.size):
            changed.append(use)
    if not changed:
        return True
    from .extract.project import INDEX

    return INDEX.still_current(changed)


def _make_folder(folder: Path) -> bool:
    """Create ``folder`` (and its parents); True when this call created it."""
    try:
        folder.mkdir(parents=True)
    except FileExistsError:
        return False
    return True


def _mark_ignored(root: Path) -> None:
    """A ``.gitignore`` of ``*`` keeps the whole cache out of git, wherever it is.

    Written only into a root this run created: a folder named by ``$HELPFUL_ERRORS_CACHE_DIR``
    that already exists (a shared folder, the project itself) is not ours to hide from git.
    """
    (root / ".gitignore").write_text("# Created by helpful-errors: a cache, safe to delete.\n*\n", encoding="utf-8")


def _mark_namespace(folder: Path) -> None:
    """The marker that tells the prune this folder is ours; names alone prove nothing."""
    marker = folder / NAMESPACE_MARKER
    if not marker.is_file() or marker.is_symlink():
        marker.write_bytes(NAMESPACE_MARK)


def _read_only(folder: Path, secret: bytes) -> Optional[Cache]:
    """A folder we cannot write may still hold entries (say, a cache restored in CI)."""
    if folder.is_dir() and not folder.is_symlink() and _readable(folder):
        return Cache(str(folder), secret, writable=False)
    return None


def _readable(folder: Path) -> bool:
    return os.access(folder, os.R_OK | os.X_OK)


def _touch(folder: Path) -> None:
    try:
        os.utime(folder)
    except OSError:
        pass


def _prune(root: Path, keep: str) -> None:
    """Drop the least recently used namespaces beyond ``KEEP_NAMESPACES``.

    Only folders this tool made are candidates: a real folder (not a link) with a namespace
    name, holding our marker and nothing but our own files. Anything else under the root,
    whoever put it there, is never touched.
    """
    try:
        with os.scandir(root) as listing:
            named = [entry for entry in listing if entry.name != keep and _NAMESPACE_NAME.fullmatch(entry.name)]
        if len(named) < KEEP_NAMESPACES:
            return  # fewer than that by name, fewer of ours: no folder needs reading
        ours = [entry for entry in named if _is_our_namespace(entry)]
        if len(ours) < KEEP_NAMESPACES:
            return
        ours.sort(key=lambda entry: entry.stat(follow_symlinks=False).st_mtime, reverse=True)
    except OSError:
        return
    for stale in ours[KEEP_NAMESPACES - 1 :]:
        _remove_namespace(stale.path)


def _is_our_namespace(entry: "os.DirEntry[str]") -> bool:
    if not _NAMESPACE_NAME.fullmatch(entry.name) or not entry.is_dir(follow_symlinks=False):
        return False
    try:
        return _our_files(entry.path) is not None
    except OSError:
        return False


def _our_files(folder: str) -> Optional[List[str]]:
    """The files of a namespace folder when every one of them is ours, else None."""
    marker = os.path.join(folder, NAMESPACE_MARKER)
    if not stat.S_ISREG(os.lstat(marker).st_mode):
        return None
    with open(marker, "rb") as handle:
        if handle.read(len(NAMESPACE_MARK) + 1) != NAMESPACE_MARK:
            return None
    names: List[str] = []
    with os.scandir(folder) as listing:
        for entry in listing:
            if entry.is_dir(follow_symlinks=False) or not _OUR_FILE.fullmatch(entry.name):
                return None
            names.append(entry.path)
    return names


def _remove_namespace(folder: str) -> None:
    """Delete one of our namespace folders, file by file; a foreign file stops it whole."""
    try:
        names = _our_files(folder)
        if names is None:
            return
        marker = os.path.join(folder, NAMESPACE_MARKER)
        for name in names:
            if name != marker:
                os.unlink(name)  # unlink never follows a link, it only removes the link
        os.unlink(marker)
        os.rmdir(folder)
    except OSError:
        pass  # another run got there first, or the folder changed under us
