"""Draw a reproducible sample of rules' findings on unpacked projects, for reading.

Usage:

    python tools/sample_findings.py HEM001 ~/.cache/hem-corpus --count 25 --seed 1
    python tools/sample_findings.py HEM003,HEM004 ~/.cache/hem-corpus --count 20 --seed 1 --lines 6

Runs ``helpful-errors check --format json --select CODES --no-cache`` once in each project
folder (every Python file in it), pools each code's findings, sorts them by project, path
and line, and draws ``--count`` of them with ``random.Random(seed).sample``; a code's draw
is the same whether it is sampled alone or with others. Prints one block per finding
(project, place, the message text, the help and, with ``--lines N``, the N source lines
before the finding and the line itself) for the verdicts of ``docs/precision/``; with
``--markdown``, a table with an empty verdict column to fill in instead.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Optional, Sequence


def findings(codes: Sequence[str], project: Path) -> List[Dict[str, object]]:
    proc = subprocess.run(
        [sys.executable, "-m", "helpful_errors", "check", "--format", "json", "--select", ",".join(codes), "--no-cache", "-j", "1", "."],
        capture_output=True, text=True, cwd=project,
    )
    if proc.returncode not in (0, 1):
        sys.exit(f"helpful-errors failed in {project} ({proc.returncode}): {proc.stderr[-500:]}; run it there by hand to see why")
    data = json.loads(proc.stdout or "[]")
    items = data.get("findings", []) if isinstance(data, dict) else data
    return [{**item, "project": project.name} for item in items if item.get("code") in codes]


def source_lines(project_root: Path, finding: Dict[str, object], before: int) -> str:
    """The ``before`` lines above the finding and its own line, indented for reading."""
    path = project_root / str(finding["project"]) / str(finding["path"])
    line = int(str(finding["line"]))
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    shown = lines[max(0, line - 1 - before) : line]
    return "\n".join(f"      | {text}" for text in shown)


def cell(text: str, limit: int) -> str:
    """One table cell: one line, no pipes or back-ticks, cut to ``limit`` characters."""
    flat = text.replace("\n", " ").replace("|", "\\|").replace("`", "'")
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def markdown(chosen: Sequence[Dict[str, object]]) -> str:
    rows = ["| # | place | text | help | verdict |", "|---|---|---|---|---|"]
    for n, f in enumerate(chosen, 1):
        place = f"{f['project']}/{f['path']}:{f['line']}"
        rows.append(f"| {n} | {place} | `{cell(str(f.get('text', '')), 90)}` | {cell(str(f.get('help', '')), 80)} |  |")
    return "\n".join(rows)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("codes", help="one code or several, comma-separated: HEM003,HEM004")
    parser.add_argument("corpus", type=Path, help="folder of unpacked projects")
    parser.add_argument("--count", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lines", type=int, default=0, help="source lines to show above each finding")
    parser.add_argument("--markdown", action="store_true", help="print a table with an empty verdict column")
    args = parser.parse_args(argv)
    codes = [c.strip() for c in args.codes.split(",") if c.strip()]
    pooled: List[Dict[str, object]] = []
    for project in sorted(p for p in args.corpus.iterdir() if p.is_dir()):
        pooled += findings(codes, project)
    for code in codes:
        mine = sorted((f for f in pooled if f["code"] == code), key=lambda f: (str(f["project"]), str(f["path"]), int(str(f["line"]))))
        chosen = random.Random(args.seed).sample(mine, min(args.count, len(mine)))
        print(f"{len(mine)} {code} findings; {len(chosen)} drawn with seed {args.seed}")
        if args.markdown:
            print(markdown(chosen) + "\n")
            continue
        for n, f in enumerate(chosen, 1):
            print(f"\n{n}. {f['project']}/{f['path']}:{f['line']}\n   text: {f.get('text', '')!r}\n   help: {f.get('help', '')}")
            if args.lines:
                print(source_lines(args.corpus, f, args.lines))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
