"""Draw a reproducible sample of one rule's findings on unpacked projects, for reading.

Usage:

    python tools/sample_findings.py HEM001 ~/.cache/hem-corpus --count 25 --seed 1

Runs ``helpful-errors check --format json --select CODE --no-cache`` in each project folder
(every Python file in it), pools the findings, sorts them by project, path and line, and
draws ``--count`` of them with ``random.Random(seed).sample``. Prints one block per finding
(project, place, the message text and the help) for the verdicts of ``docs/precision/``.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Optional, Sequence


def findings(code: str, project: Path) -> List[Dict[str, object]]:
    proc = subprocess.run(
        [sys.executable, "-m", "helpful_errors", "check", "--format", "json", "--select", code, "--no-cache", "-j", "1", "."],
        capture_output=True, text=True, cwd=project,
    )
    if proc.returncode not in (0, 1):
        sys.exit(f"helpful-errors failed in {project} ({proc.returncode}): {proc.stderr[-500:]}; run it there by hand to see why")
    data = json.loads(proc.stdout or "[]")
    items = data.get("findings", []) if isinstance(data, dict) else data
    return [{**item, "project": project.name} for item in items if item.get("code") == code]


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("code")
    parser.add_argument("corpus", type=Path, help="folder of unpacked projects")
    parser.add_argument("--count", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    pooled: List[Dict[str, object]] = []
    for project in sorted(p for p in args.corpus.iterdir() if p.is_dir()):
        pooled += findings(args.code, project)
    pooled.sort(key=lambda f: (str(f["project"]), str(f["path"]), int(str(f["line"]))))
    chosen = random.Random(args.seed).sample(pooled, min(args.count, len(pooled)))
    print(f"{len(pooled)} {args.code} findings; {len(chosen)} drawn with seed {args.seed}")
    for n, f in enumerate(chosen, 1):
        print(f"\n{n}. {f['project']}/{f['path']}:{f['line']}\n   text: {f.get('text', '')!r}\n   help: {f.get('help', '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
