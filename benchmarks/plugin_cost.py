"""What the flake8 plugin adds per file, by file size: CPU time of ``HelpfulErrorsChecker.run``
on the tree and lines flake8 would hand it (the parse flake8 does anyway is not counted).

    python benchmarks/plugin_cost.py TREE
"""

from __future__ import annotations

import ast
import sys
import time
from pathlib import Path
from typing import Dict, List

BUCKETS = ((0, 4_000), (4_000, 16_000), (16_000, 64_000), (64_000, 10**9))


def main(tree: Path) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from helpful_errors.flake8_plugin import HelpfulErrorsChecker

    costs: Dict[int, List[float]] = {i: [] for i in range(len(BUCKETS))}
    sizes: Dict[int, List[int]] = {i: [] for i in range(len(BUCKETS))}
    list(HelpfulErrorsChecker(ast.parse("x = 1\n"), "warm.py", ["x = 1\n"]).run())  # imports, rule loading
    for path in sorted(tree.rglob("*.py")):
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            syntax_tree = ast.parse(text)
        except (SyntaxError, ValueError):
            continue
        lines = text.splitlines(keepends=True)
        start = time.process_time()
        list(HelpfulErrorsChecker(syntax_tree, str(path), lines).run())
        spent = time.process_time() - start
        size = len(text.encode("utf-8"))
        bucket = next(i for i, (low, high) in enumerate(BUCKETS) if low <= size < high)
        costs[bucket].append(spent)
        sizes[bucket].append(size)
    print(f"{'file size':>16} {'files':>6} {'median ms':>10} {'mean ms':>8} {'us per KB':>10}")
    for i, (low, high) in enumerate(BUCKETS):
        if not costs[i]:
            continue
        ordered = sorted(costs[i])
        mean = sum(ordered) / len(ordered)
        per_kb = sum(ordered) / (sum(sizes[i]) / 1024) * 1e6
        label = f"{low // 1000}-{high // 1000} KB" if high < 10**9 else f">{low // 1000} KB"
        print(f"{label:>16} {len(ordered):>6} {ordered[len(ordered) // 2] * 1000:>10.1f} {mean * 1000:>8.1f} {per_kb:>10.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1])))
