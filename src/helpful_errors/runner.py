"""Run the analysis over many files: cached results first, then the rest on all cores.

The main process takes what it can from the last run's snapshot (files whose stamp has
not moved are not even read), reads each other file once, hashes it and asks the cache;
only the misses are analysed. A run with little to do (pre-commit passing a few changed
files, a warm cache) stays in this process, because starting workers would cost more than
it saves. Larger runs go to a pool of worker processes, forked on Linux so that they start
with everything already imported, which take the files in batches. Each file's analysis
is a pure function of its path, its bytes and the settings, so the results and their
order are the same whatever the number of jobs.
"""

from __future__ import annotations

import os
import stat
import sys
import threading
import time
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Callable, Iterable, List, Optional, Sequence, Tuple

from .collector import freeze_loaded, paused
from .config import Settings
from .model import FileResult

if TYPE_CHECKING:  # the cache is imported only when a run uses it
    from concurrent.futures import ProcessPoolExecutor

    from .cache import Cache
    from .cache_snapshot import Snapshot, Stamp

# Below this much source, a worker pool costs more than it saves: a file is analysed at
# about 2 MB a second on one core, and forking and feeding a worker costs a few milliseconds.
MIN_BYTES_PER_WORKER = 128 * 1024
# Files go to the workers in batches of about this much source (a larger file alone), at
# most MAX_BATCH_FILES of them: each task sent costs the pool's threads and pipes about
# 0.4 ms of the main process's CPU, a tenth of a cold run's when every file was its own
# task; a batch of 32 KB is analysed in about 15 ms, small enough to keep the workers even
# at the end of the run.
BATCH_BYTES = 32 * 1024
MAX_BATCH_FILES = 16

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Task:
    """One file to analyse; ``data`` is None when the file could not be read."""

    index: int
    path: str
    data: Optional[bytes]
    key: str = ""


def run_files(
    files: Sequence[str], settings: Settings, jobs: int = 0, use_cache: bool = True, progress: Optional[Progress] = None,
    judge: bool = True,
) -> List[FileResult]:
    """Results for ``files`` in the same order, whatever the number of jobs.

    ``jobs`` 0 uses every core this process may run on, 1 runs in this process only.
    ``progress``, when given, is called with the number of files just finished.
    ``judge=False`` only extracts the sites (the ``messages`` inventory): no rule runs, and
    the findings are only the HEM000 problems of files that could not be read.
    """
    if not judge:
        use_cache = False  # the cache holds judged results
    cache = _open_cache(settings) if use_cache else None
    snapshot = _load_snapshot(cache, files)
    started = time.time_ns()
    results: List[Optional[FileResult]] = [None] * len(files)
    stamps: List[Optional["Stamp"]] = [None] * len(files)
    todo: List[Task] = []
    for index, path in enumerate(files):
        reused = snapshot.reuse(index, path) if snapshot is not None else None
        if reused is not None:
            stamps[index], results[index] = reused
            continue
        data, info = _read(path)
        key = ""
        if cache is not None and data is not None and info is not None:
            stamps[index] = _steady_stamp(info, started)
            key = cache.key(path, data)
        hit = cache.load(key, path) if key and cache is not None else None
        if hit is not None:
            results[index] = hit
        else:
            todo.append(Task(index, path, data, key))
    if progress is not None and len(todo) < len(files):
        progress(len(files) - len(todo))
    workers = worker_count(jobs, todo)
    if workers <= 1:
        _init_worker(settings, cache, fork=False, judge=judge)
        done: Iterable[Tuple[int, FileResult]] = map(_analyse, todo)
        _collect(done, results, progress)
    else:
        _run_pool(todo, settings, cache, workers, results, progress, judge)
    missing = [files[i] for i, r in enumerate(results) if r is None]
    if missing:  # pragma: no cover - every task returns a result or raises
        raise RuntimeError(f"no result for {missing[0]}; please report this bug")
    done = [r for r in results if r is not None]
    if cache is not None and (snapshot is None or snapshot.outdated(stamps, done)):
        from .cache_snapshot import store_snapshot

        store_snapshot(cache, files, stamps, done)
    return done


def available_cores() -> int:
    """Cores this process may use: the affinity mask where the platform has one."""
    try:
        return max(1, len(os.sched_getaffinity(0)))  # type: ignore[attr-defined, unused-ignore]  # absent on macOS and Windows
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def worker_count(jobs: int, todo: Sequence[Task]) -> int:
    """How many processes are worth starting for this much work (1: none)."""
    wanted = jobs if jobs > 0 else available_cores()
    size = sum(map(_size, todo))
    return max(1, min(wanted, len(todo), size // MIN_BYTES_PER_WORKER))


def batches(tasks: Sequence[Task]) -> List[List[Task]]:
    """``tasks`` in order, cut into runs of at most BATCH_BYTES of source (a larger file
    alone) and at most MAX_BATCH_FILES files."""
    cut: List[List[Task]] = []
    batch: List[Task] = []
    size = 0
    for task in tasks:
        if batch and (size + _size(task) > BATCH_BYTES or len(batch) == MAX_BATCH_FILES):
            cut.append(batch)
            batch, size = [], 0
        batch.append(task)
        size += _size(task)
    if batch:
        cut.append(batch)
    return cut


def _size(task: Task) -> int:
    return len(task.data) if task.data is not None else 0


def _open_cache(settings: Settings) -> Optional["Cache"]:
    from .cache import Cache

    return Cache.open(settings)


def _load_snapshot(cache: Optional["Cache"], files: Sequence[str]) -> Optional["Snapshot"]:
    if cache is None:
        return None
    from .cache_snapshot import load_snapshot

    return load_snapshot(cache, files)


def _steady_stamp(info: os.stat_result, started: int) -> Optional["Stamp"]:
    """The file's stamp for the next run's snapshot, None while the file is too fresh to trust."""
    from .cache_snapshot import stamp_of, steady

    stamp = stamp_of(info)
    return stamp if steady(stamp, started) else None


def _read(path: str) -> Tuple[Optional[bytes], Optional[os.stat_result]]:
    """The bytes of a regular file and its status, taken before reading (see ``cache_snapshot``);
    no bytes send the path to the engine, which says what is wrong.

    Opening a named pipe or a device would block or never end, so only regular files are read.
    """
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return None, None
        with open(path, "rb") as handle:
            return handle.read(), info
    except OSError:
        return None, None


def _collect(done: Iterable[Tuple[int, FileResult]], results: List[Optional[FileResult]], progress: Optional[Progress]) -> None:
    for index, result in done:
        results[index] = result
        if progress is not None:
            progress(1)


def _run_pool(
    todo: Sequence[Task], settings: Settings, cache: Optional["Cache"], workers: int,
    results: List[Optional[FileResult]], progress: Optional[Progress], judge: bool = True,
) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from . import engine  # imported before forking, so workers start warm

    methods = multiprocessing.get_all_start_methods()
    method = "fork" if "fork" in methods and sys.platform.startswith("linux") else None
    if method == "fork":
        if judge:
            engine.warm_up(settings)
        freeze_loaded()  # the workers inherit it all and never collect it
    context = multiprocessing.get_context(method)
    # Largest files first, so that no worker is left with a big file at the end.
    ordered = sorted(todo, key=lambda t: -_size(t))
    global _live_pool
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(settings, cache, method == "fork", judge, os.getpid()))
    _live_pool = pool
    try:
        _collect(chain.from_iterable(pool.map(_analyse_batch, batches(ordered), chunksize=1)), results, progress)
    except BaseException:
        # Interrupted or terminated: the workers end with this process, so that none is
        # left holding the output pipe open (``... | tee log`` would never end).
        _end_workers(pool)
        raise
    finally:
        _live_pool = None
    pool.shutdown()


_live_pool: Optional["ProcessPoolExecutor"] = None


def end_workers_now() -> None:
    """Stop the running pool's workers, from a signal handler: the exception the handler
    raises can land where it is swallowed (a finalizer that runs at that moment), and then
    no ``except`` would ever end them."""
    if _live_pool is not None:
        _stop_processes(_live_pool)  # not shutdown(): the handler may run inside the pool's own lock


def _end_workers(pool: "ProcessPoolExecutor") -> None:
    """Stop the workers now, and let this process exit without waiting on them.

    The queue that feeds the workers has a thread that writes tasks (file contents) into a
    pipe; with the workers gone and the pipe full, that thread blocks for good, and the
    interpreter's exit, which joins it, blocked with it (the run never ended after SIGTERM
    on a busy machine). The queue is told not to be joined. Pending futures are not
    cancelled here: the pool marks them broken itself once it sees its workers gone, and
    cancelling them first made it fail with a traceback on a future already cancelled.
    """
    _stop_processes(pool)
    pool.shutdown(wait=False)


def _quiet(args: "threading.ExceptHookArgs") -> None:
    """A thread's exception while the run ends on a signal: nothing to print."""


def _stop_processes(pool: "ProcessPoolExecutor") -> None:
    """Kill the workers and free the exit from joining the queue's feeder; takes no lock.

    A worker being started is already among this process's children (which the exit joins)
    before it is among the pool's processes, so both are ended.
    """
    import multiprocessing

    known = list((getattr(pool, "_processes", None) or {}).values())
    for process in [*known, *(p for p in multiprocessing.active_children() if p not in known)]:
        try:
            # SIGKILL, not SIGTERM: a worker forked a moment ago still has the main process's
            # handler, and one stuck on a lock it inherited would never run it. A worker has
            # nothing to clean up (cache entries are written whole, then renamed).
            process.kill()
        except (OSError, ValueError):
            pass
    call_queue = getattr(pool, "_call_queue", None)
    if call_queue is not None:
        call_queue.cancel_join_thread()
    # The pool's manager thread, seeing its workers gone, marks futures broken that the
    # interrupted map has already cancelled, and fails on them (Python 3.11's InvalidStateError);
    # the run is ending, and that thread has nothing left to report.
    threading.excepthook = _quiet


# -- in the worker (or in this process for small runs) ---------------------------------
_settings: Optional[Settings] = None
_cache: Optional["Cache"] = None
_judge = True


def _init_worker(settings: Settings, cache: Optional["Cache"], fork: bool, judge: bool = True, parent: int = 0) -> None:
    global _settings, _cache, _judge
    _settings, _cache, _judge = settings, cache, judge
    if fork:
        import signal

        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the main process's handler is not for workers
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the main process ends us
        _die_with(parent)


def _die_with(parent: int) -> None:
    """Have Linux kill this worker when the main process dies.

    A worker forked at the moment the main process is stopped is not yet among the pool's
    processes, so nobody terminates it; it would wait for work forever, holding the output
    pipe open (``... | tee log`` would never end).
    """
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # no prctl here: the main process's except still ends us
        return
    if parent and os.getppid() != parent:  # the main process died before prctl took effect
        os._exit(1)


def _analyse_batch(batch: Sequence[Task]) -> List[Tuple[int, FileResult]]:
    return [_analyse(task) for task in batch]


def _analyse(task: Task) -> Tuple[int, FileResult]:
    from .engine import analyze_bytes, analyze_path

    settings = _settings
    assert settings is not None, "the runner sets the settings before any task"
    if task.data is None:
        return task.index, analyze_path(task.path, settings, judge=_judge)
    # The collector rests during one file's analysis (see ``collector``).
    with paused():
        result = analyze_bytes(task.data, task.path, settings, judge=_judge)
    if _cache is not None and task.key:
        _cache.store(task.key, result)
    return task.index, result
