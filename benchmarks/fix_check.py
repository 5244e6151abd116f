"""Check the fixes on copies of real projects: ``check --fix --unsafe-fixes`` must leave every
changed file compiling, with a syntax tree that differs only in strings (and ``raise ...
from``), and a second run must change nothing. Prints the findings each rule's fixes removed.

    python benchmarks/fix_check.py PROJECT_DIR [PROJECT_DIR ...]

Each project is copied to a temporary folder first; the originals are never written.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Dict


def blanked(source: str) -> str:
    tree = ast.parse(source)
    for node in ast.walk(tree):
        for name, value in ast.iter_fields(node):
            if _is_text(value):
                setattr(node, name, ast.Constant("S"))
            elif isinstance(value, list):
                setattr(node, name, [ast.Constant("S") if _is_text(v) else v for v in value])
        if isinstance(node, ast.Raise):
            node.cause = None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in LOG_METHODS:
            node.args = node.args[:1]  # the HEM006 fix may add the value as a %r argument of a logging call
    return ast.dump(tree)


LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log"})


def _is_text(value: object) -> bool:
    return isinstance(value, ast.JoinedStr) or (isinstance(value, ast.Constant) and isinstance(value.value, str))


def counts(folder: Path) -> "tuple[Counter, Counter]":
    """Findings per code, and findings that carry a fix per code."""
    out = subprocess.run([sys.executable, "-m", "helpful_errors", "check", "--no-cache", "-j", "1", "--format", "json", "."],
                         cwd=folder, capture_output=True, text=True)
    items = json.loads(out.stdout)
    return Counter(item["code"] for item in items), Counter(item["code"] for item in items if item["fix"])


def snapshot(folder: Path) -> Dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*.py")}


def main() -> int:
    failures = 0
    for project in sys.argv[1:]:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / Path(project).name
            shutil.copytree(project, copy, symlinks=True)
            before_files, (before, offered) = snapshot(copy), counts(copy)
            subprocess.run([sys.executable, "-m", "helpful_errors", "check", "--no-cache", "-j", "1", "--fix", "--unsafe-fixes", "."],
                           cwd=copy, capture_output=True, text=True)
            after_files, (after, left) = snapshot(copy), counts(copy)
            changed = [p for p in after_files if after_files[p] != before_files.get(p)]
            for path in changed:
                new, old = after_files[path].decode("utf-8", "surrogateescape"), before_files[path].decode("utf-8", "surrogateescape")
                try:
                    compile(new, path, "exec")
                    same = blanked(new) == blanked(old)
                except SyntaxError as exc:
                    print(f"  {path}: does not compile after fixing: {exc}")
                    failures += 1
                    continue
                if not same:
                    print(f"  {path}: the syntax tree changed beyond message strings")
                    failures += 1
            subprocess.run([sys.executable, "-m", "helpful_errors", "check", "--no-cache", "-j", "1", "--fix", "--unsafe-fixes", "."],
                           cwd=copy, capture_output=True, text=True)
            second = [p for p, data in snapshot(copy).items() if data != after_files.get(p)]
            failures += len(second)
            removed = {code: before[code] - after.get(code, 0) for code in sorted(before) if before[code] > after.get(code, 0)}
            print(f"{Path(project).name}: {len(changed)} files changed, second run changed {len(second)}; "
                  f"findings {sum(before.values())} -> {sum(after.values())}; fixes offered per rule {dict(sorted(offered.items()))}, "
                  f"still offered {dict(left)}; findings removed per rule: {removed}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
