"""The run snapshot: a warm run over the same files reads none of them, and never trusts a
file whose stamp moved, a snapshot it did not write, or one of another shape."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

import pytest

from helpful_errors import cache_snapshot, runner
from helpful_errors.cache import CACHE_ENV, DEFAULT_FOLDER, SNAPSHOT_NAME, Cache
from helpful_errors.cache_entry import seal
from helpful_errors.config import Settings
from helpful_errors.engine import analyze_path
from helpful_errors.runner import run_files

COUNT = cache_snapshot.MIN_SNAPSHOT_FILES + 2
STEADY_NS = cache_snapshot.STEADY_NS  # before the fixture sets it to 0
STATE_ONLY = 'def open_port(port):\n    raise ValueError(f"Port {port} is taken")\n'
GUIDING = 'def open_port(port):\n    raise ValueError(f"Port {port} is taken; pass another with --port")\n'


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[List[str]]:
    """Every file the runner reads, with the cache beside the project and any stamp trusted
    once it is older than the run (files written by a test are a moment old)."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(cache_snapshot, "STEADY_NS", 0)
    seen: List[str] = []
    real = runner._read

    def counting(path: str) -> Tuple[Optional[bytes], Optional[os.stat_result]]:
        seen.append(path)
        return real(path)

    monkeypatch.setattr(runner, "_read", counting)
    yield seen


def project(root: Path, count: int = COUNT) -> List[str]:
    (root / "pkg").mkdir(parents=True)
    for n in range(count):
        (root / "pkg" / f"m{n:03}.py").write_text(STATE_ONLY, encoding="utf-8")
    return sorted(str(p) for p in (root / "pkg").glob("*.py"))


def snapshots(root: Path) -> List[Path]:
    return [p for p in (root / "cache").rglob("*") if SNAPSHOT_NAME.fullmatch(p.name)]


def test_warm_run_reads_no_file(tmp_path: Path, reads: List[str]) -> None:
    files = project(tmp_path)
    settings = Settings(root=str(tmp_path))
    first = run_files(files, settings, jobs=1)
    assert len(reads) == COUNT and len(snapshots(tmp_path)) == 1
    second = run_files(files, settings, jobs=1)
    assert len(reads) == COUNT, "a warm run over the same files must take every result from the snapshot"
    assert second == first == [analyze_path(f, settings) for f in files]
    assert all(r.findings for r in second), "the reused results must carry the findings"


def test_edited_file_is_read_again_even_with_its_old_times(tmp_path: Path, reads: List[str]) -> None:
    files = project(tmp_path)
    settings = Settings(root=str(tmp_path))
    run_files(files, settings, jobs=1)
    edited = files[3]
    before = os.stat(edited)
    Path(edited).write_text(STATE_ONLY.replace("taken", "TAKEN"), encoding="utf-8")  # the same size
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))  # only the change time moves
    reads.clear()
    results = run_files(files, settings, jobs=1)
    assert reads == [edited]
    assert results[3] == analyze_path(edited, settings) and results[3].findings[0].text == "Port {port} is TAKEN"


def test_guiding_rewrite_clears_the_finding(tmp_path: Path, reads: List[str]) -> None:
    files = project(tmp_path)
    settings = Settings(root=str(tmp_path))
    run_files(files, settings, jobs=1)
    Path(files[0]).write_text(GUIDING, encoding="utf-8")
    assert run_files(files, settings, jobs=1)[0].findings == ()
    reads.clear()
    assert run_files(files, settings, jobs=1)[0].findings == (), "the next snapshot holds the new result"
    assert reads == []


def test_file_written_just_now_is_not_trusted_by_its_stamp(tmp_path: Path, reads: List[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_snapshot, "STEADY_NS", STEADY_NS)
    files = project(tmp_path)
    settings = Settings(root=str(tmp_path))
    run_files(files, settings, jobs=1)
    reads.clear()
    run_files(files, settings, jobs=1)
    assert len(reads) == COUNT, "a file changed within a clock tick of its read may change again unseen"


def test_small_run_keeps_no_snapshot(tmp_path: Path, reads: List[str]) -> None:
    files = project(tmp_path, count=3)
    run_files(files, Settings(root=str(tmp_path)), jobs=1)
    assert snapshots(tmp_path) == []


def test_another_list_of_files_has_its_own_snapshot(tmp_path: Path, reads: List[str]) -> None:
    files = project(tmp_path, count=cache_snapshot.MIN_SNAPSHOT_FILES + cache_snapshot.KEEP_SNAPSHOTS + 2)
    settings = Settings(root=str(tmp_path))
    for n in range(cache_snapshot.KEEP_SNAPSHOTS + 2):
        run_files(files[n:], settings, jobs=1)
    assert len(snapshots(tmp_path)) == cache_snapshot.KEEP_SNAPSHOTS
    reads.clear()
    run_files(files[cache_snapshot.KEEP_SNAPSHOTS + 1 :], settings, jobs=1)
    assert reads == [], "the most recent list is kept"


@pytest.mark.parametrize(
    "damage",
    [lambda blob: blob[: len(blob) // 2], lambda blob: blob[:-1] + bytes([blob[-1] ^ 1]), lambda blob: b""],
    ids=["truncated", "flipped-bit", "empty"],
)
def test_damaged_snapshot_is_ignored(tmp_path: Path, reads: List[str], damage) -> None:  # type: ignore[no-untyped-def]
    files = project(tmp_path)
    settings = Settings(root=str(tmp_path))
    first = run_files(files, settings, jobs=1)
    (snapshot,) = snapshots(tmp_path)
    snapshot.write_bytes(damage(snapshot.read_bytes()))
    reads.clear()
    assert run_files(files, settings, jobs=1) == first
    assert len(reads) == COUNT, "a snapshot that fails its check is not used"


def _sealed(tmp_path: Path, files: List[str], content: object) -> None:
    settings = Settings(root=str(tmp_path))
    cache = Cache.open(settings)
    assert cache is not None
    (snapshot,) = snapshots(tmp_path)
    snapshot.write_bytes(seal(content, cache.secret, cache_snapshot.SNAPSHOT_TAG))


@pytest.mark.parametrize("shape", ["other-path", "bad-stamp", "not-a-result", "short", "stamp-without-result"])
def test_snapshot_of_another_shape_is_ignored(tmp_path: Path, reads: List[str], shape: str) -> None:
    files = project(tmp_path)
    settings = Settings(root=str(tmp_path))
    first = run_files(files, settings, jobs=1)
    stamps = tuple(cache_snapshot.stamp_of(os.stat(f)) for f in files)
    results = list(first)
    paths = list(files)
    if shape == "other-path":
        results[0] = first[1]
    elif shape == "bad-stamp":
        stamps = (("1", 2, 3, 4, 5), *stamps[1:])  # type: ignore[assignment]
    elif shape == "not-a-result":
        results[0] = "a result"  # type: ignore[call-overload]
    elif shape == "short":
        paths, stamps, results = paths[1:], stamps[1:], results[1:]
    elif shape == "stamp-without-result":
        results[0] = None  # type: ignore[call-overload]
    _sealed(tmp_path, files, (tuple(paths), stamps, tuple(results)))
    reads.clear()
    assert run_files(files, settings, jobs=1) == first
    assert len(reads) == COUNT


def test_result_failing_the_field_check_is_kept_out_when_written(tmp_path: Path, reads: List[str]) -> None:
    """Fields are checked when the snapshot is written: a result of the wrong shape is not
    kept, its file alone is read again, and the others are reused."""
    files = project(tmp_path)
    settings = Settings(root=str(tmp_path))
    first = run_files(files, settings, jobs=1)
    cache = Cache.open(settings)
    assert cache is not None
    stamps = [cache_snapshot.stamp_of(os.stat(f)) for f in files]
    odd = list(first)
    odd[3] = replace(first[3], findings=(replace(first[3].findings[0], line="4"),))  # a line must be an int
    cache_snapshot.store_snapshot(cache, files, stamps, odd)
    reads.clear()
    assert run_files(files, settings, jobs=1) == first
    assert reads == [files[3]]


def test_a_wellformed_snapshot_sealed_with_the_key_is_used(tmp_path: Path, reads: List[str]) -> None:
    """The shape test above must be able to pass: the same content, unchanged, is trusted."""
    files = project(tmp_path)
    settings = Settings(root=str(tmp_path))
    first = run_files(files, settings, jobs=1)
    stamps = tuple(cache_snapshot.stamp_of(os.stat(f)) for f in files)
    _sealed(tmp_path, files, (tuple(files), stamps, tuple(first)))
    reads.clear()
    assert run_files(files, settings, jobs=1) == first
    assert reads == []


def test_namespace_holding_a_snapshot_is_still_ours_to_prune(tmp_path: Path, reads: List[str]) -> None:
    from helpful_errors import cache as cache_module

    files = project(tmp_path)
    for n in range(cache_module.KEEP_NAMESPACES + 2):
        run_files(files, Settings(root=str(tmp_path), options=(("run", n),)), jobs=1)
    namespaces = [p for p in (tmp_path / "cache").iterdir() if p.is_dir()]
    assert len(namespaces) == cache_module.KEEP_NAMESPACES


def test_default_cache_folder_is_used_without_the_variable(tmp_path: Path, reads: List[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CACHE_ENV)
    files = project(tmp_path)
    run_files(files, Settings(root=str(tmp_path)), jobs=1)
    assert any(SNAPSHOT_NAME.fullmatch(p.name) for p in (tmp_path / DEFAULT_FOLDER).rglob("*"))
