"""Count the sites of the sinks issue 12 added, per kind, and draw a sample of them to read.

Usage:

    python tools/sample_sinks.py ~/.cache/hem-corpus ~/.cache/hem-corpus2 --save /tmp/sinks
    python tools/sample_sinks.py ~/.cache/hem-corpus ~/.cache/hem-corpus2 --load /tmp/sinks --seed 3011 --count 30

Runs ``python -m helpful_errors messages --format json PROJECT_DIR`` on every project folder
under each root (``--save DIR`` keeps each project's JSON, ``--load DIR`` reads it back so a
draw uses the very sites that were counted), keeps the sites of the new kinds only and
prints a markdown table of their counts per kind and per root. With ``--seed``, draws
``--count`` of them with ``random.Random(seed).sample`` over the sites sorted by project,
path and line, and prints the sample as a table with an empty verdict column, followed by
the source lines around each site (``--lines``) for the reader who judges it.

The kind of a site is its ``sink`` field: ``stderr`` split by callee into ``stderr:print``,
``stderr:write`` and ``stderr:rich`` (click's and typer's ``echo``, found before, are left
out); the web sinks and ``error-messages`` by name; a ``class-template`` only when the
attribute on its line is one this work added (``fmt``, ``msg_fmt``, ``msg_template``,
``message_template``, ``title``), as ``class-template:ATTR``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Dict, List, Optional

WEB_KINDS = ("flash", "django-messages", "form-error", "json-error", "error-response", "error-messages")
NEW_TEMPLATE_ATTRIBUTES = ("fmt", "msg_fmt", "msg_template", "message_template", "title")
_ATTRIBUTE = re.compile(r"^\s*(\w+)\s*(?::[^=]*)?=")

Site = Dict[str, object]


def messages(project: Path) -> List[Site]:
    proc = subprocess.run(
        [sys.executable, "-m", "helpful_errors", "messages", "--format", "json", str(project)],
        capture_output=True, text=True,
    )
    if proc.returncode not in (0, 1):
        sys.exit(f"helpful-errors failed on {project} ({proc.returncode}): {proc.stderr[-500:]}; run it there by hand to see why")
    return json.loads(proc.stdout or "[]")


def line_of(path: str, line: int) -> str:
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    return lines[line - 1] if 0 < line <= len(lines) else ""


def kind_of(site: Site) -> Optional[str]:
    """The new kind a site belongs to, or None for a kind found before this work."""
    sink, callee = str(site.get("sink", "")), str(site.get("callee", ""))
    if sink == "stderr":
        last = callee.rsplit(".", 1)[-1]
        if last in ("echo", "secho"):
            return None
        if callee == "print":
            return "stderr:print"
        return "stderr:write" if last == "write" else "stderr:rich"
    if sink in WEB_KINDS:
        return sink
    if sink == "class-template":
        found = _ATTRIBUTE.match(line_of(str(site["path"]), int(site.get("statement_line") or site["line"])))  # type: ignore[call-overload]
        if found and found.group(1) in NEW_TEMPLATE_ATTRIBUTES:
            return f"class-template:{found.group(1)}"
    return None


def collect(roots: List[Path], save: Optional[Path], load: Optional[Path]) -> List[Site]:
    sites: List[Site] = []
    for root in roots:
        for project in sorted(p for p in root.iterdir() if p.is_dir()):
            stored = (load or save or Path()) / f"{root.name}--{project.name}.json"
            if load is not None:
                found = json.loads(stored.read_text(encoding="utf-8"))
            else:
                found = messages(project)
                if save is not None:
                    save.mkdir(parents=True, exist_ok=True)
                    stored.write_text(json.dumps(found), encoding="utf-8")
            for site in found:
                kind = kind_of(site)
                if kind is not None:
                    sites.append({**site, "kind_new": kind, "root": root.name, "project": project.name, "root_path": str(root)})
    sites.sort(key=lambda s: (str(s["project"]), str(s["path"]), int(s["line"])))  # type: ignore[call-overload]
    return sites


def counts_table(sites: List[Site], roots: List[Path]) -> str:
    by_kind = Counter(str(s["kind_new"]) for s in sites)
    per_root = {r.name: Counter(str(s["kind_new"]) for s in sites if s["root"] == r.name) for r in roots}
    rows = ["| new kind | sites | " + " | ".join(r.name for r in roots) + " |", "|---|---|" + "---|" * len(roots)]
    for kind, n in by_kind.most_common():
        rows.append(f"| {kind} | {n} | " + " | ".join(str(per_root[r.name][kind]) for r in roots) + " |")
    rows.append(f"| all | {len(sites)} | " + " | ".join(str(sum(per_root[r.name].values())) for r in roots) + " |")
    return "\n".join(rows)


def place(site: Site) -> str:
    return f"{Path(str(site['path'])).relative_to(str(site['root_path']))}:{site['line']}"


def sample_table(drawn: List[Site]) -> str:
    rows = ["| # | kind | place | text (template) | a user-facing message? |", "|---|---|---|---|---|"]
    for i, site in enumerate(drawn, 1):
        text = str(site.get("text") or "").replace("\n", "\\n").replace("|", "\\|")
        text = text if len(text) <= 85 else text[:85] + "..."
        rows.append(f"| {i} | {site['kind_new']} | `{place(site)}` | {text!r} |  |")
    return "\n".join(rows)


def context(site: Site, before: int) -> str:
    line = int(site.get("statement_line") or site["line"])  # type: ignore[call-overload]
    try:
        lines = Path(str(site["path"])).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    start = max(line - before, 1)
    return "\n".join(f"{n:5d}{'>' if n == line else ' '} {lines[n - 1]}" for n in range(start, min(line, len(lines)) + 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("roots", nargs="+", type=Path, help="folders whose sub-folders are projects")
    parser.add_argument("--save", type=Path, help="keep each project's messages JSON in this folder")
    parser.add_argument("--load", type=Path, help="read the JSON kept by --save instead of running")
    parser.add_argument("--seed", type=int, help="draw a sample with this seed")
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--lines", type=int, default=12, help="source lines shown before each drawn site")
    args = parser.parse_args()
    sites = collect(args.roots, args.save, args.load)
    print(counts_table(sites, args.roots))
    if args.seed is None:
        return
    drawn = random.Random(args.seed).sample(sites, min(args.count, len(sites)))
    print()
    print(sample_table(drawn))
    for i, site in enumerate(drawn, 1):
        print(f"\n--- {i}. {site['project']} {place(site)} [{site['kind_new']}] function {site.get('function')!r}")
        print(context(site, args.lines))


if __name__ == "__main__":
    main()
