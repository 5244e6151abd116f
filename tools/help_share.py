"""Share of each help template among one rule's findings on unpacked projects (issue 9, point 5).

Usage:

    python tools/help_share.py HEM001 ~/.cache/hem-corpus ~/.cache/hem-corpus2

Runs ``helpful-errors check --format json --select CODE --no-cache`` in each project folder
of each corpus (as ``tools/sample_findings.py`` does), then maps every help line back to the
record's template it was filled from: each template (the general ``help`` and every
``[fits]`` entry) becomes a pattern in which a ``{slot}`` matches any text, and the longest
matching template wins. So "the same stock text with other slot values" counts once, and
the top share says how much one stock text dominates.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Dict, List, Optional, Pattern, Sequence

from helpful_errors import rulebook


def template_patterns(code: str) -> Dict[str, Pattern[str]]:
    record = rulebook.get(code)
    templates = {"(general)": record.help, **dict(record.fits)}
    patterns = {}
    for name, template in sorted(templates.items(), key=lambda item: -len(item[1])):
        parts = re.split(r"(\{\w+\})", template.strip())
        patterns[name] = re.compile("".join(".*?" if re.fullmatch(r"\{\w+\}", p) else re.escape(p) for p in parts), re.S)
    return patterns


def helps(code: str, project: Path) -> List[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "helpful_errors", "check", "--format", "json", "--select", code, "--no-cache", "-j", "1", "."],
        capture_output=True, text=True, cwd=project,
    )
    if proc.returncode not in (0, 1):
        sys.exit(f"helpful-errors failed in {project} ({proc.returncode}): {proc.stderr[-500:]}; run it there by hand to see why")
    data = json.loads(proc.stdout or "[]")
    items = data.get("findings", []) if isinstance(data, dict) else data
    return [str(item.get("help", "")) for item in items if item.get("code") == code]


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("code")
    parser.add_argument("corpora", type=Path, nargs="+", help="folders of unpacked projects")
    parser.add_argument("--top", type=int, default=12, help="how many templates to list")
    args = parser.parse_args(argv)
    patterns = template_patterns(args.code)
    counts: Counter[str] = Counter()
    for corpus in args.corpora:
        for project in sorted(p for p in corpus.iterdir() if p.is_dir()):
            for text in helps(args.code, project):
                counts[next((name for name, p in patterns.items() if p.fullmatch(text)), "(no template)")] += 1
    total = sum(counts.values())
    print(f"{total} {args.code} findings; share of each help template:")
    for name, count in counts.most_common(args.top):
        print(f"{count:7d} {count / max(total, 1):.3f} {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
