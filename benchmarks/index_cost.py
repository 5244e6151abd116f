"""What the project index (issue 12) adds to a cold run, in CPU time, on Django's tree.

Usage:

    python benchmarks/index_cost.py --rounds 3            # paired cold runs, with and without the index
    python benchmarks/index_cost.py --share --rounds 3    # cold runs in one process: the index's share
    python benchmarks/index_cost.py --profile             # one profiled run: what the index's time goes to
    python benchmarks/index_cost.py --tree FOLDER ...     # another tree than the pinned Django

Each round runs ``helpful-errors check --no-cache --jobs 1 --exit-zero TREE`` twice as a
child process, once as it is and once with the index switched off (the child sets
``helpful_errors.engine.INDEX = None`` before the command starts: no import of another
module of the project is followed), in alternating order, and takes the child's CPU time
(user + system, from ``RUSAGE_CHILDREN``), which a busy machine disturbs less than wall
time. It prints each round and the median of the paired ratios; the ratio also counts
the sites the index makes the extractor find and judge (a raise of a class imported from
another module). ``--share`` runs the same check in this process and times the index's own
work alone (``Traversal._learn_from_project``: finding the module, reading its facts,
recording the use) with ``time.process_time``, as a share of the whole run; ``--profile``
shows under cProfile what that work spends its time on. The Django tree is the one ``bench.py`` downloads.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, List, Optional, Tuple

HERE = Path(__file__).resolve().parents[1]
DJANGO = Path.home() / ".cache" / "helpful-errors-bench" / "django-5.2.8" / "django"

_RUN = "import sys; import helpful_errors.engine as engine; {switch}from helpful_errors.cli import main; sys.argv[0] = 'helpful-errors'; main()"


def child_cpu(tree: Path, index: bool) -> float:
    """CPU seconds of one cold ``check`` in a child process, with or without the index."""
    code = _RUN.format(switch="" if index else "engine.INDEX = None; ")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, "-c", code, "check", "--no-cache", "--jobs", "1", "--exit-zero", "--quiet", str(tree)],
        stdout=subprocess.DEVNULL, check=True, env={"PYTHONPATH": str(HERE / "src"), "PATH": "/usr/bin:/bin"},
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def rounds(tree: Path, count: int) -> None:
    ratios: List[float] = []
    for i in range(count):
        order = (True, False) if i % 2 == 0 else (False, True)
        times = {index: child_cpu(tree, index) for index in order}
        ratios.append(times[True] / times[False])
        print(f"round {i + 1}: with the index {times[True]:.2f} s CPU, without {times[False]:.2f} s, ratio {ratios[-1]:.3f}")
    print(f"median ratio with / without the index over {count} rounds: {statistics.median(ratios):.3f}")


def _cold_run(tree: Path, profiler: Optional[cProfile.Profile] = None) -> Tuple[int, float, float]:
    """One cold check of ``tree`` in this process: files, CPU seconds in all, in the index."""
    sys.path.insert(0, str(HERE / "src"))
    from helpful_errors.config import load_settings
    from helpful_errors.extract import project, traverse
    from helpful_errors.files import discover
    from helpful_errors.runner import run_files

    learn = traverse.Traversal._learn_from_project
    spent = [0.0]

    def timed(self: Any, node: Any) -> None:
        start = time.process_time()
        learn(self, node)
        spent[0] += time.process_time() - start

    traverse.Traversal._learn_from_project = timed  # type: ignore[method-assign]
    project.INDEX.__init__()  # type: ignore[misc]  # cold: nothing read yet
    try:
        settings = load_settings(str(tree))
        files, _ = discover([str(tree)], settings)
        start = time.process_time()
        if profiler is None:
            run_files(files, settings, jobs=1, use_cache=False)
        else:
            profiler.runcall(run_files, files, settings, jobs=1, use_cache=False)
        return len(files), time.process_time() - start, spent[0]
    finally:
        traverse.Traversal._learn_from_project = learn  # type: ignore[method-assign]


def share(tree: Path, count: int) -> None:
    shares = []
    for i in range(count):
        files, total, index = _cold_run(tree)
        shares.append(index / total)
        print(f"run {i + 1}: {files} files, {total:.2f} s CPU, the project index {index:.2f} s ({shares[-1]:.1%})")
    print(f"median share of the project index over {count} runs: {statistics.median(shares):.1%}")


def profile(tree: Path) -> None:
    profiler = cProfile.Profile()
    _cold_run(tree, profiler)
    pstats.Stats(profiler).sort_stats("cumulative").print_callees("_learn_from_project")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--tree", type=Path, default=DJANGO, help="the folder to check (default: the pinned Django of bench.py)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--share", action="store_true", help="instead of rounds: cold runs in this process, the index's share of their CPU time")
    parser.add_argument("--profile", action="store_true", help="instead of rounds: one profiled run, what the index's time goes to")
    args = parser.parse_args()
    if not args.tree.is_dir():
        sys.exit(f"{args.tree} is not a folder; run 'python benchmarks/bench.py --rounds 1 --jobs 1' once to download Django, or pass --tree")
    if args.profile:
        profile(args.tree)
    elif args.share:
        share(args.tree, args.rounds)
    else:
        rounds(args.tree, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
