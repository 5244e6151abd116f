"""The runner: same results in the same order whatever the number of jobs, small runs in process."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List

import pytest

from helpful_errors import engine, runner
from helpful_errors.config import Settings
from helpful_errors.engine import analyze_path
from helpful_errors.runner import BATCH_BYTES, MAX_BATCH_FILES, Task, available_cores, batches, run_files, worker_count

SOURCES = {
    "a.py": 'def connect(port):\n    raise ValueError(f"Port {port} is invalid")\n',
    "b.py": 'import logging\nlog = logging.getLogger(__name__)\n\ndef load(path):\n    log.error("Config %s not found", path)\n',
    "c.py": 'import sys\n\ndef main():\n    sys.exit("Database is locked; close the other session or pass --wait")\n',
    "d.py": "def broken(:\n    pass\n",
    "e.py": 'class Empty:\n    """No messages here."""\n',
}


def make_tree(root: Path, copies: int = 3) -> List[str]:
    """A few files per kind, named so that sorted order and creation order differ."""
    files = []
    for n in range(copies):
        for name, text in SOURCES.items():
            path = root / f"pkg{copies - n}" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            files.append(str(path))
    return files


@pytest.fixture
def pool_for_any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the runner start workers even for a tiny tree, so that the pool path is tested,
    and send them the files two at a time, so that batches come back out of order."""
    monkeypatch.setattr(runner, "MIN_BYTES_PER_WORKER", 1)
    monkeypatch.setattr(runner, "MAX_BATCH_FILES", 2)


def test_jobs_do_not_change_results_or_order(tmp_path: Path, pool_for_any_size: None) -> None:
    files = make_tree(tmp_path)
    files.append(str(tmp_path / "missing.py"))
    settings = Settings(root=str(tmp_path))
    sequential = run_files(files, settings, jobs=1, use_cache=False)
    parallel = run_files(files, settings, jobs=2, use_cache=False)
    assert parallel == sequential
    assert [r.path for r in sequential] == files
    assert sequential == [analyze_path(f, settings) for f in files]
    assert any(r.sites for r in sequential), "the tree must have message sites to compare"
    assert sequential[-1].findings[0].code == "HEM000"  # the missing file, in its place


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the spy reaches the workers by fork, the start method used on Linux")
def test_pool_is_used_when_worth_it(tmp_path: Path, pool_for_any_size: None, monkeypatch: pytest.MonkeyPatch) -> None:
    files = make_tree(tmp_path / "src", copies=2)
    log = tmp_path / "pids.txt"
    real = engine.analyze_bytes

    def spy(data: bytes, path: str, settings: Settings, judge: bool = True):  # type: ignore[no-untyped-def]
        with open(log, "a", encoding="utf-8") as out:  # forked workers inherit the patch
            out.write(f"{os.getpid()}\n")
        return real(data, path, settings, judge=judge)

    monkeypatch.setattr(engine, "analyze_bytes", spy)
    run_files(files, Settings(root=str(tmp_path)), jobs=2, use_cache=False)
    workers = set(log.read_text().split())
    assert str(os.getpid()) not in workers and 1 <= len(workers) <= 2
    log.unlink()
    run_files(files, Settings(root=str(tmp_path)), jobs=1, use_cache=False)
    assert set(log.read_text().split()) == {str(os.getpid())}


def test_small_runs_stay_in_process(tmp_path: Path) -> None:
    small = [Task(i, f"f{i}.py", b"x = 1\n" * 100) for i in range(3)]
    assert worker_count(0, small) == 1
    assert worker_count(8, small) == 1
    big = [Task(i, f"f{i}.py", b"x = 1\n" * 100_000) for i in range(3)]
    assert worker_count(2, big) == 2
    assert worker_count(8, big) == 3  # never more workers than files
    assert worker_count(1, big) == 1
    assert worker_count(0, big) == min(available_cores(), 3)


def test_batches_keep_order_and_bound_their_size() -> None:
    big, small = b"x" * BATCH_BYTES, b"x = 1\n"
    tasks = [Task(0, "big.py", big), Task(1, "half.py", big[: BATCH_BYTES // 2]), Task(2, "third.py", big[: BATCH_BYTES // 3])]
    tasks += [Task(3, "quarter.py", big[: BATCH_BYTES // 4])]
    tasks += [Task(4 + i, f"s{i}.py", small) for i in range(MAX_BATCH_FILES + 1)] + [Task(99, "unread.py", None)]
    cut = batches(tasks)
    assert [t for batch in cut for t in batch] == tasks, "every task once, in order"
    assert [t.index for t in cut[0]] == [0], "a file of BATCH_BYTES goes alone"
    assert [t.index for t in cut[1]] == [1, 2], "files that fit together share a batch, the next one would overflow it"
    assert len(cut[2]) == MAX_BATCH_FILES, "small files fill a batch up to its count"
    assert [t.path for t in cut[3]] == ["s15.py", "s16.py", "unread.py"]
    assert all(sum(len(t.data or b"") for t in batch) <= BATCH_BYTES for batch in cut)
    assert batches([]) == []


def test_available_cores_follows_affinity(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {3}, raising=False)
    assert available_cores() == 1, "a process pinned to one core gets one worker"
    monkeypatch.delattr(os, "sched_getaffinity")
    monkeypatch.setattr(os, "cpu_count", lambda: 6)
    assert available_cores() == 6, "without an affinity mask, all cores"


def test_each_file_is_parsed_once(tmp_path: Path, libcst_parses: List[str]) -> None:
    files = make_tree(tmp_path, copies=1)
    run_files(files, Settings(root=str(tmp_path)), jobs=1, use_cache=False)
    parsable = [text for name, text in SOURCES.items() if name != "d.py"]  # Python's parser rejects d.py: never given to LibCST
    assert sorted(libcst_parses) == sorted(parsable)


def test_progress_counts_every_file(tmp_path: Path) -> None:
    files = make_tree(tmp_path, copies=1)
    counted: List[int] = []
    run_files(files, Settings(root=str(tmp_path)), jobs=1, use_cache=True, progress=counted.append)
    run_files(files, Settings(root=str(tmp_path)), jobs=1, use_cache=True, progress=counted.append)
    assert sum(counted) == 2 * len(files)
    assert counted[-1] == len(files)  # the second run found every file in the cache


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    files = make_tree(tmp_path, copies=1)
    run_files(files, Settings(root=str(tmp_path)), jobs=1, use_cache=False)
    assert not (tmp_path / ".helpful-errors-cache").exists()


def test_fast_exclude_keeps_fnmatch_semantics(tmp_path: Path) -> None:
    """Discovery matches excludes with one compiled regex; it must agree with fnmatch on every part."""
    import fnmatch

    settings = Settings(root=str(tmp_path), extend_exclude=("*/migrations/*", "x?y", "docs/", "a[bc]d", "*_pb2.py"))
    names = ["pkg/migrations/0001.py", "pkg/xzy/m.py", "docs/conf.py", "abd/m.py", "m_pb2.py", "build/m.py",
             "pkg/mod.py", "pkg/.venv2/m.py", "pkg/a.egg-info/m.py", "a//b/./c.py"]
    for name in names:
        path = os.path.join(str(tmp_path), name)
        rel = Path(os.path.normpath(name)).as_posix()
        parts = Path(rel).parts
        expected = any(
            fnmatch.fnmatch(rel, p.rstrip("/")) or any(fnmatch.fnmatch(part, p.rstrip("/")) for part in parts)
            for p in (*settings.exclude, *settings.extend_exclude)
        )
        assert settings.excluded(path) == expected, name
    assert settings.excluded(str(tmp_path / "pkg" / "migrations" / "0001.py"))
    assert not settings.excluded(str(tmp_path / "pkg" / "mod.py"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_named_pipe_is_reported_not_read(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.py"
    os.mkfifo(pipe)  # opening it for reading would wait for a writer forever
    results = run_files([str(pipe)], Settings(root=str(tmp_path)), jobs=1)
    assert [f.code for f in results[0].findings] == ["HEM000"]


def test_warm_up_loads_what_the_first_analysis_would() -> None:
    """The runner (and the flake8 plugin) warm up before forking, so that the workers share
    the English lexicon and the hyphenation dictionary instead of each reading them."""
    import subprocess
    import sys

    program = (
        "from helpful_errors.config import Settings\n"
        "from helpful_errors.engine import warm_up\n"
        "from helpful_errors.text import english, hyphenation\n"
        "loaded = lambda: (english._table.cache_info().currsize, hyphenation.hyphenator.cache_info().currsize)\n"
        "assert loaded() == (0, 0)\n"
        "warm_up(Settings())\n"
        "print(loaded())\n"
    )
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "(1, 1)"
