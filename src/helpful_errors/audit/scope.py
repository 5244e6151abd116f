"""What an audit judges by default: the product's messages, not its tests, examples or demos.

Tests raise and log on purpose, test data holds bad messages by design, and examples and
``if __name__ == "__main__":`` blocks are demonstrations; counted, they fill the "worst"
lists with messages no user ever reads. ``audit --all-code`` includes them.
"""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import List, Sequence, Tuple

from ..model import FileResult

NOT_PRODUCT_FOLDERS = frozenset({
    "test", "tests", "testing", "testdata", "test_data", "test-data", "fixtures",
    "example", "examples", "sample", "samples", "demo", "demos",
})


@dataclass(frozen=True)
class Scope:
    """What was left out, so that the summary can say it."""

    results: Tuple[FileResult, ...]
    files_left_out: int = 0
    main_blocks_left_out: int = 0


def is_test_or_example(path: str, under: Sequence[str]) -> bool:
    """A test, test data or example file, judged by its path below the audited folder.

    Only the part below the folder named on the command line counts, so that
    ``audit examples/`` still audits the examples.
    """
    relative = _below(path, under)
    parts = PurePath(relative).parts
    name = parts[-1] if parts else ""
    if any(part.lower() in NOT_PRODUCT_FOLDERS for part in parts[:-1]):
        return True
    return name.startswith("test_") or name.endswith("_test.py") or name in ("conftest.py", "tests.py")


def _below(path: str, under: Sequence[str]) -> str:
    full = os.path.abspath(path)
    for root in under:
        top = os.path.abspath(root)
        if os.path.isdir(top) and full.startswith(top.rstrip(os.sep) + os.sep):
            return os.path.relpath(full, top)
        if full == top:
            return os.path.basename(full)  # named on its own: only its name counts
    return path


def main_blocks(path: str) -> List[Tuple[int, int]]:
    """Line ranges of the top-level ``if __name__ == "__main__":`` blocks of a file."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return []
    if b"__main__" not in data:
        return []
    try:
        tree = ast.parse(data)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    return [(node.lineno, node.end_lineno or node.lineno) for node in tree.body if isinstance(node, ast.If) and _is_main_test(node.test)]


def _is_main_test(test: ast.expr) -> bool:
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return False
    sides = [test.left, test.comparators[0]]
    names = [s for s in sides if isinstance(s, ast.Name) and s.id == "__name__"]
    texts = [s for s in sides if isinstance(s, ast.Constant) and s.value == "__main__"]
    return len(names) == 1 and len(texts) == 1


def product_code(results: Sequence[FileResult], under: Sequence[str]) -> Scope:
    """The results without tests, test data, examples and ``__main__`` blocks."""
    kept: List[FileResult] = []
    files_out = blocks_out = 0
    for result in results:
        if is_test_or_example(result.path, under):
            files_out += 1
            continue
        blocks = main_blocks(result.path) if result.sites else []
        if blocks:
            blocks_out += len(blocks)

            def outside(line: int) -> bool:
                return not any(start <= line <= end for start, end in blocks)

            result = replace(
                result,
                sites=tuple(s for s in result.sites if outside(s.span.line)),
                findings=tuple(f for f in result.findings if outside(f.line)),
            )
        kept.append(result)
    return Scope(tuple(kept), files_out, blocks_out)
