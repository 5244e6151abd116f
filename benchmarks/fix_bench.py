"""What ``--fix`` costs when there is nothing to fix: paired runs of ``check`` and ``check --fix``.

    python benchmarks/fix_bench.py PROJECT_DIR [--rounds 5]

Both commands run with ``--no-cache --jobs 1`` on the same tree, alternating within each
round; the result is the median of the paired wall-time ratios (target: at most 1.05).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def timed(args: list, cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "helpful_errors", "check", "--no-cache", "-j", "1", *args, "."], cwd=cwd, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("project")
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    ratios = []
    for round_number in range(options.rounds):
        plain, fixing = (timed([], options.project), timed(["--fix"], options.project)) if round_number % 2 == 0 else \
            tuple(reversed((timed(["--fix"], options.project), timed([], options.project))))
        ratios.append(fixing / plain)
        print(f"round {round_number + 1}: check {plain:.2f} s, check --fix {fixing:.2f} s, ratio {fixing / plain:.3f}")
    print(f"median ratio check --fix / check: {statistics.median(ratios):.3f} (target at most 1.05)")


if __name__ == "__main__":
    main()
